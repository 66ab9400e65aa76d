// SPDX-License-Identifier: GPL-3.0-or-later
// The case store's record writer on a real case database: keys become rows, nothing a parser
// refers to is dropped, provenance and totals are kept, a re-parse replaces its rows.
#include <gtest/gtest.h>

#include "core/casedb/casestore.h"
#include "core/casedb/messagequery.h"
#include "testdir.h"

using namespace vigil;
using namespace vigil::casedb;

namespace {

model::RecordOrigin row(const char *table, std::int64_t rowid)
{
    model::RecordOrigin o;
    o.table = table;
    o.rowid = rowid;
    return o;
}

model::MessageRecord message(const std::string &conversation, const std::string &sender, model::Direction d,
                             std::int64_t seconds, const std::string &text, std::int64_t rowid)
{
    model::MessageRecord m;
    m.conversationKey = conversation;
    m.senderKey = sender;
    m.direction = d;
    m.sent = seconds * 1'000'000'000LL;
    m.text = text;
    m.origin = row("message", rowid);
    return m;
}

// One parsed file with an account, a conversation, messages that refer to a key nobody
// described and a conversation nobody described.
model::RecordBatch sampleBatch()
{
    model::RecordBatch b;
    b.app = "testapp";
    b.appName = "Test App";
    model::AccountRecord sam;
    sam.key = "sam@test";
    sam.displayName = "Sam";
    sam.phone = "07700 900456";
    sam.origin = row("users", 1);
    b.accounts.push_back(sam);
    model::ConversationRecord chat;
    chat.key = "chat-1";
    chat.participantKeys = {"", "sam@test", "kim@test"};
    chat.group = true;
    chat.origin = row("chats", 7);
    b.conversations.push_back(chat);
    b.messages.push_back(message("chat-1", "sam@test", model::Direction::Incoming, 1772359200, "are you at the park", 1));
    b.messages.push_back(message("chat-1", "", model::Direction::Outgoing, 1772359260, "on my way to the park", 2));
    auto deleted = message("chat-1", "kim@test", model::Direction::Incoming, 1772359320, "", 3);
    deleted.deletedInApp = true;
    b.messages.push_back(deleted);
    b.messages.push_back(message("lost-chat", "ghost@test", model::Direction::Incoming, 1772359400, "from nowhere", 4));
    return b;
}

class RecordWriterTest : public ::testing::Test {
protected:
    void SetUp() override
    {
        auto store = CaseStore::openOrCreate(dir.path() / "case", {}, "tester");
        ASSERT_TRUE(store);
        m_store = std::move(*store);
        EvidenceRow ev;
        ev.path = "/evidence.E01";
        ev.displayName = "evidence.E01";
        ev.kind = "ewf";
        m_evidence = *m_store->addEvidence(ev);
        model::FileRecord f;
        f.evidenceId = m_evidence;
        f.path = "/data/app.db";
        f.name = "app.db";
        f.metaType = model::MetaType::Regular;
        m_store->addFiles({f});
        ASSERT_TRUE(m_store->flush());
        m_fileId = scalar("SELECT id FROM files");
    }

    void parse(model::RecordBatch batch)
    {
        ParseStart start{m_evidence, m_fileId, R"([{"role":"wal","file_id":9,"path":"/data/app.db-wal"}])",
                         [](std::string_view raw) -> std::optional<std::string> {
                             return raw == "07700 900456" ? std::optional<std::string>("+447700900456") : std::nullopt;
                         }};
        m_store->beginParse(start);
        m_store->addRecords(m_fileId, std::move(batch), "test-parser", "2.1.0");
        m_store->finishParse(m_fileId, "parsed");
        ASSERT_TRUE(m_store->flush());
    }

    std::int64_t scalar(const std::string &sql)
    {
        auto db = CaseStore::openReadOnly(dir.path() / "case");
        auto st = db->prepare(sql);
        EXPECT_TRUE(st) << sql;
        auto r = st->step();
        return r && *r ? st->int64(0) : -1;
    }

    std::string text(const std::string &sql)
    {
        auto db = CaseStore::openReadOnly(dir.path() / "case");
        auto st = db->prepare(sql);
        EXPECT_TRUE(st) << sql;
        auto r = st->step();
        return r && *r ? st->text(0) : "<none>";
    }

    TestDir dir;
    std::unique_ptr<CaseStore> m_store;
    std::int64_t m_evidence = 0, m_fileId = 0;
};

TEST_F(RecordWriterTest, KeysBecomeRowsAndNothingReferredToIsDropped)
{
    parse(sampleBatch());
    EXPECT_EQ(scalar("SELECT count(*) FROM messages"), 4);
    // kim@test and ghost@test were never described: accounts made from their keys.
    EXPECT_EQ(scalar("SELECT count(*) FROM accounts WHERE account_key IN ('kim@test','ghost@test')"), 2);
    // The owner ("") is an account of its own, sender of the outgoing message.
    EXPECT_EQ(text("SELECT a.display_name || '/' || a.is_owner FROM messages m JOIN accounts a ON a.id=m.sender_id "
                   "WHERE m.body='on my way to the park'"),
              "Device owner/1");
    // A message of a conversation never described gets one, so it is kept.
    EXPECT_EQ(scalar("SELECT count(*) FROM conversations WHERE thread_key='lost-chat'"), 1);
    EXPECT_EQ(scalar("SELECT count(*) FROM participants p JOIN conversations c ON c.id=p.conversation_id "
                     "WHERE c.thread_key='chat-1'"),
              3);
    EXPECT_EQ(text("SELECT phone FROM accounts WHERE account_key='sam@test'"), "+447700900456");
    EXPECT_EQ(text("SELECT phone_raw FROM accounts WHERE account_key='sam@test'"), "07700 900456");
}

TEST_F(RecordWriterTest, ProvenanceAndTotalsAreKept)
{
    parse(sampleBatch());
    EXPECT_EQ(text("SELECT ps.parser || ' ' || ps.parser_version || ' ' || ps.status || ' ' || ps.records "
                   "FROM parse_sources ps"),
              "test-parser 2.1.0 done 6");
    EXPECT_EQ(text("SELECT companions FROM parse_sources"), R"([{"role":"wal","file_id":9,"path":"/data/app.db-wal"}])");
    EXPECT_EQ(text("SELECT source_table || ':' || source_rowid || ':' || record_source FROM messages "
                   "WHERE body='are you at the park'"),
              "message:1:live");
    EXPECT_EQ(text("SELECT message_count || ' ' || deleted_count || ' ' || first_message_at || ' ' || last_message_at "
                   "FROM conversations WHERE thread_key='chat-1'"),
              "3 1 1772359200000000000 1772359320000000000");
    EXPECT_EQ(text("SELECT parse_status FROM files"), "parsed");
    EXPECT_EQ(text("SELECT name FROM applications WHERE id='testapp'"), "Test App");
}

TEST_F(RecordWriterTest, TextIsSearchableAndAReparseReplacesTheRows)
{
    parse(sampleBatch());
    auto db = CaseStore::openReadOnly(dir.path() / "case");
    MessageFilter f;
    f.search = "park";
    EXPECT_EQ(*countMessages(*db, f), 2);
    parse(sampleBatch());   // the same file again (an interrupted parse redone)
    EXPECT_EQ(scalar("SELECT count(*) FROM messages"), 4);
    EXPECT_EQ(scalar("SELECT count(*) FROM parse_sources"), 1);
    EXPECT_EQ(*countMessages(*db, f), 2);
    EXPECT_EQ(scalar("SELECT count(*) FROM accounts WHERE account_key='sam@test'"), 1);
}

// accounts.created_at (schema 7): stored as given, NULL when the parser has no creation time; an
// account described again (a second parser, a re-parse) keeps the time it has and gains one it lacked.
TEST_F(RecordWriterTest, AccountCreationTimeIsStoredAndKept)
{
    auto batch = sampleBatch();
    batch.accounts[0].created = 1375219320LL * 1'000'000'000LL;
    model::AccountRecord kim;
    kim.key = "kim@test";
    kim.origin = row("users", 2);
    batch.accounts.push_back(kim);
    parse(batch);
    EXPECT_EQ(scalar("SELECT created_at FROM accounts WHERE account_key='sam@test'"), 1375219320LL * 1'000'000'000LL);
    EXPECT_EQ(scalar("SELECT created_at IS NULL FROM accounts WHERE account_key='kim@test'"), 1);
    EXPECT_EQ(scalar("SELECT created_at IS NULL FROM accounts WHERE account_key='ghost@test'"), 1);   // placeholder

    auto again = sampleBatch();
    again.accounts[0].created = 1LL;   // a different value later: the first one stays
    again.accounts.push_back(kim);
    again.accounts.back().created = 1700000000LL * 1'000'000'000LL;
    parse(again);
    EXPECT_EQ(scalar("SELECT created_at FROM accounts WHERE account_key='sam@test'"), 1375219320LL * 1'000'000'000LL);
    EXPECT_EQ(scalar("SELECT created_at FROM accounts WHERE account_key='kim@test'"), 1700000000LL * 1'000'000'000LL);
}

TEST_F(RecordWriterTest, DiscardingAnIndexRemovesItsCommunications)
{
    parse(sampleBatch());
    ASSERT_TRUE(m_store->discardIndex(m_evidence));
    for (const char *table : {"messages", "conversations", "accounts", "participants", "parse_sources", "files"})
        EXPECT_EQ(scalar(std::string("SELECT count(*) FROM ") + table), 0) << table;
    auto db = CaseStore::openReadOnly(dir.path() / "case");
    MessageFilter f;
    f.search = "park";
    EXPECT_EQ(*countMessages(*db, f), 0);
}

} // namespace
