// SPDX-License-Identifier: GPL-3.0-or-later
#include "plugins/parsers/snapchat/snapchat.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <random>
#include <string>

#include "core/util/timeutil.h"
#include "plugins/parsers/snapchat/pbwalk.h"
#include "tests/plugins/parsers/parsertest.h"

namespace vigil::test {
namespace {

using model::Direction;
using model::RecordSource;

const RegisterFn kRegister = plugins::registerSnapchatPlugin;
constexpr const char *kId = "snapchat";
const ParserUnderTest kParser{kRegister, kId};
constexpr const char *kDevicePath = "/data/data/com.snapchat.android/databases/arroyo.db";

// Protobuf wire format, to build message_content blobs.
std::string varint(std::uint64_t v)
{
    std::string out;
    do {
        unsigned char b = v & 0x7f;
        v >>= 7;
        out += static_cast<char>(v ? b | 0x80 : b);
    } while (v);
    return out;
}
std::string pbBytes(std::uint32_t field, const std::string &bytes)
{
    return varint(std::uint64_t(field) << 3 | 2) + varint(bytes.size()) + bytes;
}
std::string pbInt(std::uint32_t field, std::uint64_t value)
{
    return varint(std::uint64_t(field) << 3) + varint(value);
}
// A chat message's content: the text at 4 → 4 → 2 → 1, beside the other fields a real content has.
std::string chatContent(const std::string &text)
{
    return pbInt(2, 1) + pbBytes(4, pbInt(2, 1) + pbBytes(4, pbBytes(2, pbBytes(1, text)) + pbInt(7, 0))) + pbInt(5, 3);
}
std::string sqlBlob(const std::string &bytes)
{
    static const char *digits = "0123456789ABCDEF";
    std::string out = "X'";
    for (unsigned char b : bytes) {
        out += digits[b >> 4];
        out += digits[b & 15];
    }
    return out + "'";
}

// The arroyo.db tables the parser reads, with the columns public code reading arroyo.db uses
// (SnapEnhance's ConversationMessage and UserConversationLink, required_values); the app's own
// CREATE statements are not published: ddl("snapchat_arroyo") (tests/data/ddl/, shared with the
// demo evidence).

constexpr const char *kOwner = "8b7a1f2e-0c3d-4e5f-9a6b-7c8d9e0f1a2b";
constexpr const char *kAlex = "1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f";
constexpr const char *kJo = "2d3e4f5a-6b7c-4d8e-9f0a-1b2c3d4e5f6a";
constexpr const char *kDm = "c0ffee00-1111-4222-8333-444455556666";
constexpr const char *kGroup = "c0ffee00-7777-4888-9999-aaaabbbbcccc";
// 2026-03-01T10:00:00Z in milliseconds.
constexpr std::int64_t kT0 = 1772359200000;

std::string msgRow(const char *conv, int clientId, const char *serverId, const std::string &content, int contentType,
                   std::int64_t created, std::int64_t read, const char *sender, int viewed = 0)
{
    return "INSERT INTO conversation_message (client_conversation_id, client_message_id, server_message_id, message_content, "
           "is_saved, is_viewed_by_user, content_type, creation_timestamp, read_timestamp, sender_id) VALUES ('"
         + std::string(conv) + "', " + std::to_string(clientId) + ", " + serverId + ", " + content + ", 0, "
         + std::to_string(viewed) + ", " + std::to_string(contentType) + ", " + std::to_string(created) + ", "
         + std::to_string(read) + ", '" + sender + "');\n";
}

std::string modernRows()
{
    std::string sql = std::string("INSERT INTO required_values VALUES ('USERID', '") + kOwner + "');\n";
    sql += std::string("INSERT INTO conversation (client_conversation_id, conversation_type) VALUES ('") + kDm + "', 0), ('"
         + kGroup + "', 1);\n";
    sql += std::string("INSERT INTO user_conversation VALUES ('") + kDm + "', '" + kOwner + "', 0), ('" + kDm + "', '" + kAlex
         + "', 0), ('" + kGroup + "', '" + kOwner + "', 1), ('" + kGroup + "', '" + kAlex + "', 1), ('" + kGroup + "', '"
         + kJo + "', 1);\n";
    sql += msgRow(kDm, 1, "101", sqlBlob(chatContent("are you coming to practice?")), 1, kT0, kT0 + 5000, kAlex);
    sql += msgRow(kDm, 2, "102", sqlBlob(chatContent("yes, see you at six")), 1, kT0 + 60000, 0, kOwner);
    sql += msgRow(kDm, 3, "NULL", sqlBlob(chatContent("bring the ball")), 1, kT0 + 120000, 0, kOwner);
    sql += msgRow(kDm, 4, "104", sqlBlob(chatContent("great")), 1, kT0 + 180000, 0, kAlex);
    sql += msgRow(kDm, 5, "105", sqlBlob(pbBytes(4, pbBytes(5, pbBytes(1, pbBytes(3, "media-key-0001"))))), 0, kT0 + 240000, 0, kAlex, 1);
    sql += msgRow(kGroup, 6, "106", sqlBlob(chatContent("match moved to saturday")), 1, kT0 + 300000, 0, kJo);
    sql += msgRow(kGroup, 7, "107", sqlBlob(pbBytes(4, pbBytes(14, pbInt(1, 9)))), 5, kT0 + 360000, 0, kAlex);
    sql += msgRow(kGroup, 8, "108", "NULL", 6, kT0 + 420000, 0, kJo);
    return sql;
}

class Snapchat : public ::testing::Test {
protected:
    ParseResult parseModern()
    {
        return parseNewDatabase(kRegister, kId, dir / "arroyo.db", ddl("snapchat_arroyo") + modernRows(), kDevicePath);
    }
    ScratchDir dir;
};

TEST_F(Snapchat, ChatTextDirectionStatusAndTimes)
{
    const auto r = parseModern();
    ASSERT_TRUE(r.accepted);
    EXPECT_TRUE(r.errors.empty());
    EXPECT_EQ(r.records.app, "snapchat");
    ASSERT_EQ(r.records.messages.size(), 8u);

    const auto *in = messageWithText(r.records, "are you coming to practice?");
    ASSERT_NE(in, nullptr);
    EXPECT_EQ(in->text, "are you coming to practice?");
    EXPECT_EQ(in->direction, Direction::Incoming);
    EXPECT_EQ(in->senderKey, kAlex);
    EXPECT_EQ(in->conversationKey, kDm);
    EXPECT_EQ(in->type, "text");
    EXPECT_EQ(in->status, "read");
    EXPECT_EQ(toIso8601(*in->sent), "2026-03-01T10:00:00Z");
    EXPECT_EQ(toIso8601(*in->read), "2026-03-01T10:00:05Z");
    EXPECT_EQ(in->origin.table, "conversation_message");
    EXPECT_EQ(in->origin.rowid, 1);

    const auto *out = messageWithText(r.records, "yes, see you at six");
    ASSERT_NE(out, nullptr);
    EXPECT_EQ(out->direction, Direction::Outgoing);
    EXPECT_EQ(out->senderKey, kOwner);
    EXPECT_EQ(out->status, "sent");
    EXPECT_FALSE(out->read);
    EXPECT_EQ(messageWithText(r.records, "bring the ball")->status, "queued");   // no server message id
    EXPECT_EQ(messageWithText(r.records, "great")->status, "unread");
}

TEST_F(Snapchat, SnapsStickersAndStatusesHaveNoInventedText)
{
    const auto r = parseModern();
    const auto *snap = messageWithRowid(r.records, 5);
    ASSERT_NE(snap, nullptr);
    EXPECT_EQ(snap->type, "media");
    EXPECT_EQ(snap->text, "");   // the media key is not chat text
    EXPECT_EQ(snap->status, "read");   // viewed by the user
    EXPECT_EQ(messageWithRowid(r.records, 7)->type, "sticker");
    EXPECT_EQ(messageWithRowid(r.records, 7)->text, "");
    EXPECT_EQ(messageWithRowid(r.records, 8)->type, "system");
}

TEST_F(Snapchat, ConversationsParticipantsAndOwner)
{
    const auto r = parseModern();
    const auto *owner = accountWithKey(r.records, kOwner);
    ASSERT_NE(owner, nullptr);
    EXPECT_TRUE(owner->owner);
    EXPECT_EQ(owner->origin.table, "required_values");
    EXPECT_EQ(accountWithKey(r.records, ""), nullptr);
    ASSERT_NE(accountWithKey(r.records, kJo), nullptr);
    EXPECT_FALSE(accountWithKey(r.records, kJo)->owner);

    ASSERT_EQ(r.records.conversations.size(), 2u);
    const auto *dm = conversationWithKey(r.records, kDm);
    ASSERT_NE(dm, nullptr);
    EXPECT_FALSE(dm->group);
    EXPECT_EQ(dm->participantKeys, (std::vector<std::string>{kOwner, kAlex}));
    EXPECT_EQ(dm->origin.table, "conversation");
    EXPECT_EQ(dm->origin.rowid, 1);
    const auto *group = conversationWithKey(r.records, kGroup);
    ASSERT_NE(group, nullptr);
    EXPECT_TRUE(group->group);
    EXPECT_EQ(group->participantKeys, (std::vector<std::string>{kOwner, kAlex, kJo}));
    EXPECT_EQ(countMessagesIn(r.records, kDm), 5u);
    EXPECT_EQ(countMessagesIn(r.records, kGroup), 3u);
    EXPECT_EQ(messageWithText(r.records, "match moved")->senderKey, kJo);
}

TEST_F(Snapchat, TextOffThePathFallsBackToTheLongestPrintableString)
{
    const auto db = dir / "arroyo.db";
    // The text sits at 4 → 4 → 3 → 1 (another app version); beside it a UUID and a short key.
    const std::string moved = pbBytes(4, pbBytes(4, pbBytes(3, pbBytes(1, "see you at the field")) + pbBytes(9, kAlex)))
                            + pbBytes(6, "k1");
    createDatabase(db, ddl("snapchat_arroyo") + msgRow(kDm, 1, "1", sqlBlob(moved), 1, kT0, 0, kAlex));
    const auto r = parseDatabase(kRegister, kId, db);
    ASSERT_EQ(r.records.messages.size(), 1u);
    EXPECT_EQ(r.records.messages[0].text, "see you at the field");
    // No USERID: the owner is "" and directions stay unknown.
    EXPECT_EQ(r.records.messages[0].direction, Direction::Unknown);
    EXPECT_TRUE(accountWithKey(r.records, "")->owner);
}

TEST_F(Snapchat, MalformedContentGivesNoText)
{
    std::string sql = ddl("snapchat_arroyo");
    const auto row = [&sql](int id, const std::string &content) { sql += msgRow(kDm, id, "1", content, 1, kT0 + id, 0, kAlex); };
    row(1, "NULL");
    row(2, sqlBlob(std::string("\x22\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff", 11)));   // varint longer than 10 bytes
    row(3, sqlBlob(pbBytes(4, pbBytes(4, "")).substr(0, 3) + std::string("\x7f", 1)));  // length beyond the end
    row(4, sqlBlob(std::string("\x23\x24", 2)));                                          // a group wire type
    std::string deep = "not reached";
    for (int i = 0; i < 40; ++i)
        deep = pbBytes(4, deep);
    row(5, sqlBlob(deep));                                                                // beyond the depth limit
    row(6, sqlBlob(pbBytes(4, pbBytes(4, pbBytes(2, pbBytes(1, std::string("\xff\xfe\x41", 3)))))));   // invalid UTF-8
    row(7, "X'0A'");                                                                      // a lone tag
    row(8, sqlBlob(std::string("\x22\xff\xff\xff\xff\x0f", 6) + "hello"));               // absurd length
    row(9, "'plain text in a blob column'");
    const auto r = parseNewDatabase(kRegister, kId, dir / "arroyo.db", sql);
    ASSERT_TRUE(r.accepted);
    EXPECT_TRUE(r.errors.empty());
    ASSERT_EQ(r.records.messages.size(), 9u);
    for (const auto &m : r.records.messages) {
        EXPECT_EQ(m.text, "") << "row " << *m.origin.rowid;
        EXPECT_EQ(m.type, "text");
        ASSERT_TRUE(m.sent);
    }
}

TEST(SnapchatProtobuf, WalkerIsBoundedAndExact)
{
    using plugins::snapchat::Bytes;
    const auto bytes = [](const std::string &s) { return Bytes(reinterpret_cast<const unsigned char *>(s.data()), s.size()); };
    const std::string content = chatContent("hello");
    const std::uint32_t path[] = {4, 4, 2, 1};
    const auto text = plugins::snapchat::findPath(bytes(content), path);
    ASSERT_TRUE(text);
    EXPECT_EQ(std::string(reinterpret_cast<const char *>(text->data()), text->size()), "hello");
    // Every prefix of a valid content is handled without reading past its end; only the prefix
    // that drops the whole last field (two bytes) is itself a complete message.
    for (std::size_t n = 0; n < content.size(); ++n) {
        const std::string prefix = content.substr(0, n);
        const auto *begin = reinterpret_cast<const unsigned char *>(prefix.data());
        const auto cut = plugins::snapchat::findPath(bytes(prefix), path);
        EXPECT_EQ(cut.has_value(), n == content.size() - 2) << n;
        if (cut) {
            EXPECT_GE(cut->data(), begin);
            EXPECT_LE(cut->data() + cut->size(), begin + prefix.size());
        }
        const auto longest = plugins::snapchat::longestText(bytes(prefix));
        EXPECT_TRUE(!longest || *longest == "hello") << n;
    }
    const auto fields = plugins::snapchat::parseMessage(bytes(pbInt(1, 150) + pbBytes(2, "ab") + std::string("\x1d\x01\x02\x03\x04", 5)));
    ASSERT_TRUE(fields);
    ASSERT_EQ(fields->size(), 3u);
    EXPECT_EQ((*fields)[0].value, 150u);
    EXPECT_EQ((*fields)[2].wireType, 5);
    EXPECT_EQ((*fields)[2].value, 0x04030201u);
    EXPECT_FALSE(plugins::snapchat::parseMessage(bytes(std::string("\x00\x01", 2))));   // field number 0
}

TEST(SnapchatProtobuf, RandomBytesGiveOnlyPrintableTextFromTheInput)
{
    using plugins::snapchat::Bytes;
    std::mt19937 rng(11);
    for (int round = 0; round < 3000; ++round) {
        std::string junk(rng() % 128, '\0');
        for (auto &c : junk)
            c = static_cast<char>(rng() % 4 == 0 ? 'a' + rng() % 26 : rng());
        const Bytes bytes(reinterpret_cast<const unsigned char *>(junk.data()), junk.size());
        if (const auto text = plugins::snapchat::longestText(bytes)) {
            EXPECT_TRUE(plugins::snapchat::isPrintableText(Bytes(reinterpret_cast<const unsigned char *>(text->data()), text->size())));
            EXPECT_NE(junk.find(*text), std::string::npos);
        }
        const std::uint32_t path[] = {4, 4, 2, 1};
        plugins::snapchat::findPath(bytes, path);
    }
}

TEST_F(Snapchat, ContentColumnVariantWithoutRowid)
{
    // A build naming the blob "content", with the message table declared WITHOUT ROWID.
    const auto r = parseNewDatabase(
        kRegister, kId, dir / "arroyo.db",
        "CREATE TABLE conversation_message (client_conversation_id TEXT NOT NULL, client_message_id INTEGER NOT NULL,"
        " server_message_id INTEGER, content BLOB, content_type INTEGER, creation_timestamp INTEGER,"
        " read_timestamp INTEGER, sender_id TEXT, PRIMARY KEY (client_conversation_id, client_message_id))"
        " WITHOUT ROWID;"
        "INSERT INTO conversation_message VALUES ('c1', 1, 5, "
            + sqlBlob(chatContent("old build")) + ", 1, 1609459200000, NULL, 'u1');");
    ASSERT_TRUE(r.accepted);
    EXPECT_TRUE(r.errors.empty());
    ASSERT_EQ(r.records.messages.size(), 1u);
    const auto &m = r.records.messages[0];
    EXPECT_EQ(m.text, "old build");
    EXPECT_EQ(toIso8601(*m.sent), "2021-01-01T00:00:00Z");
    EXPECT_FALSE(m.read);
    EXPECT_EQ(m.origin.table, "conversation_message");
    EXPECT_FALSE(m.origin.rowid);
    ASSERT_NE(conversationWithKey(r.records, "c1"), nullptr);
}

TEST_F(Snapchat, NullFieldsAndJunkAreKept)
{
    const auto r = parseNewDatabase(kRegister, kId, dir / "arroyo.db", ddl("snapchat_arroyo") + R"SQL(
INSERT INTO required_values VALUES ('USERID', X'75FF31');
INSERT INTO conversation_message (client_conversation_id, client_message_id) VALUES ('c', 1);
INSERT INTO conversation_message (client_conversation_id, client_message_id, server_message_id, message_content, content_type,
  creation_timestamp, read_timestamp, sender_id) VALUES ('c', 2, 'x', X'00', 'chat', 'soon', -1, X'75FF31');
)SQL");
    ASSERT_TRUE(r.accepted);
    EXPECT_TRUE(r.errors.empty());
    ASSERT_EQ(r.records.messages.size(), 2u);
    const auto &empty = *messageWithRowid(r.records, 1);
    EXPECT_EQ(empty.senderKey, "");
    EXPECT_EQ(empty.direction, Direction::Unknown);
    EXPECT_FALSE(empty.sent);
    EXPECT_EQ(empty.type, "other");
    const auto &junk = *messageWithRowid(r.records, 2);
    EXPECT_EQ(junk.senderKey, "u\xEF\xBF\xBD" "1");   // kept, bad byte as U+FFFD
    EXPECT_EQ(junk.direction, Direction::Outgoing);   // the same junk id as USERID
    EXPECT_FALSE(junk.sent);
    EXPECT_FALSE(junk.read);
    EXPECT_EQ(junk.status, "queued");
}

TEST_F(Snapchat, RejectsOtherDatabases)
{
    const auto other = dir / "other.db";
    createDatabase(other, "CREATE TABLE conversation_message (id INTEGER PRIMARY KEY, conversation_id TEXT, content TEXT,"
                          " created_at INTEGER, sender_id TEXT);");
    EXPECT_FALSE(parseDatabase(kRegister, kId, other).accepted);
    const auto ig = dir / "direct.db";
    createDatabase(ig, "create table messages(_id integer primary key autoincrement, user_id text, server_item_id text, "
                       "client_item_id text, thread_id text, recipient_ids text, timestamp integer not null, "
                       "message_type text not null, text text, message text not null);");
    EXPECT_FALSE(parseDatabase(kRegister, kId, ig).accepted);
}

std::string manyMessages(int n)
{
    std::string sql = ddl("snapchat_arroyo") + "INSERT INTO required_values VALUES ('USERID', '" + kOwner + "');";
    for (int i = 1; i <= n; ++i)
        sql += msgRow(kDm, i, std::to_string(i).c_str(),
                      sqlBlob(chatContent("message number " + std::to_string(i) + " about the weekend match and the kit")), 1,
                      kT0 + i, 0, kAlex);
    return sql;
}

TEST_F(Snapchat, TruncatedDatabaseGivesAnErrorAndKeepsWhatItRead)
{
    expectTruncationKeepsSome(kParser, dir / "full.db", "BEGIN;" + manyMessages(3000) + "COMMIT;", messageCount, 3000,
                              "conversation_message");
}

TEST_F(Snapchat, CorruptPagesGiveAnErrorNotACrash)
{
    expectCorruptPagesReported(kParser, dir / "corrupt.db", "BEGIN;" + manyMessages(3000) + "COMMIT;", 4096 * 20,
                               4096 * 10, messageCount, 3000);
}

TEST_F(Snapchat, GarbageIsNotOpened)
{
    expectGarbageRefused(kParser, dir / "garbage.db");
}

TEST_F(Snapchat, AMessageOnlyInTheWalIsFoundAndMarked)
{
    const auto db = dir / "arroyo.db";
    createDatabaseWithWal(db, ddl("snapchat_arroyo") + modernRows(),
                          msgRow(kDm, 50, "150", sqlBlob(chatContent("only in the wal")), 1, kT0 + 900000, 0, kAlex));
    expectWalOnlyRecord(kParser, db, messageWithTextIn("only in the wal"), messageWithTextIn("are you coming"),
                        messageCount);
}

} // namespace
} // namespace vigil::test
