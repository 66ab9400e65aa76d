// SPDX-License-Identifier: GPL-3.0-or-later
#include "plugins/parsers/instagram/instagram.h"

#include <gtest/gtest.h>

#include "core/util/timeutil.h"
#include "tests/plugins/parsers/parsertest.h"

namespace vigil::test {
namespace {

using model::Direction;
using model::RecordSource;

const RegisterFn kRegister = plugins::registerInstagramPlugin;
constexpr const char *kId = "instagram";
const ParserUnderTest kParser{kRegister, kId};
constexpr const char *kDevicePath = "/data/data/com.instagram.android/databases/direct.db";

// direct.db as the app (2021–2024) creates it in onCreate: ddl("instagram_direct") (tests/data/ddl/,
// shared with the demo evidence).

constexpr const char *kDm = "340282366841710300949128100000000001";
constexpr const char *kGroup = "340282366841710300949128100000000002";

constexpr const char *kRows = R"SQL(
INSERT INTO threads (user_id, thread_id, recipient_ids, last_activity_time, is_permitted, thread_info) VALUES
  ('1000', '340282366841710300949128100000000001', '[2000]', 1772359800000000, 1,
   '{"thread_id":"340282366841710300949128100000000001","thread_title":"alex.m","is_group":false,"recipients":[{"id":2000,"username":"alex.m","full_name":"Alex Morgan"}]}'),
  ('1000', '340282366841710300949128100000000002', '[2000,3000]', 1772359900000000, 1,
   '{"thread_id":"340282366841710300949128100000000002","thread_title":"Football Team","is_group":true,"recipients":[{"id":"2000","username":"alex.m","full_name":"Alex Morgan"},{"id":"3000","username":"jo_b","full_name":"Jo Baker"}]}');
INSERT INTO messages (user_id, server_item_id, client_item_id, thread_id, recipient_ids, timestamp, message_type, text, message) VALUES
  ('1000', '29703001', NULL, '340282366841710300949128100000000001', '[1000]', 1772359200000000, 'text', 'are you coming to practice?',
   '{"item_id":"29703001","user_id":2000,"timestamp":"1772359200000000","item_type":"text","text":"are you coming to practice?","thread_key":{"thread_id":"340282366841710300949128100000000001"}}'),
  ('1000', '29703002', 'c-6f1d', '340282366841710300949128100000000001', '[2000]', 1772359260500000, 'text', 'yes, see you at six',
   '{"item_id":"29703002","user_id":1000,"timestamp":1772359260500000,"item_type":"text","text":"yes, see you at six","client_context":"c-6f1d"}'),
  ('1000', NULL, 'c-7a2e', '340282366841710300949128100000000001', '[2000]', 1772359320000000, 'text', 'bring the ball',
   '{"user_id":"1000","timestamp":"1772359320000000","item_type":"text","text":"bring the ball","client_context":"c-7a2e"}'),
  ('1000', '29703004', NULL, '340282366841710300949128100000000001', NULL, 1772359380000000, 'media', NULL,
   '{"item_id":"29703004","user_id":2000,"timestamp":"1772359380000000","item_type":"media","media":{"id":"111_2000","media_type":1,"image_versions2":{"candidates":[{"width":1080,"height":1080,"url":"https://scontent.cdninstagram.com/v/t51.2885-15/123456789_n.jpg?stp=dst-jpg&_nc_ht=x"}]}}}'),
  ('1000', '29703005', NULL, '340282366841710300949128100000000001', NULL, 1772359440000000, 'like', NULL,
   '{"item_id":"29703005","user_id":2000,"timestamp":"1772359440000000","item_type":"like","like":"\u2764\ufe0f"}'),
  ('1000', '29703006', NULL, '340282366841710300949128100000000001', NULL, 1772359500000000, 'link', NULL,
   '{"item_id":"29703006","user_id":1000,"timestamp":"1772359500000000","item_type":"link","link":{"text":"passing drill https://example.com/drill","link_context":{"link_url":"https://example.com/drill"}}}'),
  ('1000', '29703007', NULL, '340282366841710300949128100000000002', NULL, 1772359560000000, 'action_log', NULL,
   '{"item_id":"29703007","user_id":3000,"timestamp":"1772359560000000","item_type":"action_log","action_log":{"description":"Jo named the group Football Team."}}'),
  ('1000', '29703008', NULL, '340282366841710300949128100000000002', NULL, 1772359620000000, 'text', 'match moved to saturday',
   '{"item_id":"29703008","user_id":3000,"timestamp":"1772359620000000","item_type":"text","text":"match moved to saturday"}'),
  ('1000', '29703009', NULL, '340282366841710300949128100000000002', NULL, 1772359680000000, 'voice_media', NULL,
   '{"item_id":"29703009","user_id":2000,"timestamp":"1772359680000000","item_type":"voice_media","voice_media":{"media":{"id":"222_2000","media_type":11,"audio":{"audio_src":"https://cdninstagram.com/v/t72/audioclip-1234.mp4?x=1","duration":4000}}}}');
)SQL";

class Instagram : public ::testing::Test {
protected:
    ParseResult parseModern()
    {
        return parseNewDatabase(kRegister, kId, dir / "direct.db", ddl("instagram_direct") + kRows, kDevicePath);
    }
    ScratchDir dir;
};

TEST_F(Instagram, MessagesCarrySenderDirectionStatusAndTime)
{
    const auto r = parseModern();
    ASSERT_TRUE(r.accepted);
    EXPECT_TRUE(r.errors.empty());
    EXPECT_EQ(r.records.app, "instagram");
    ASSERT_EQ(r.records.messages.size(), 9u);

    const auto *in = messageWithText(r.records, "are you coming to practice?");
    ASSERT_NE(in, nullptr);
    EXPECT_EQ(in->direction, Direction::Incoming);
    EXPECT_EQ(in->senderKey, "2000");
    EXPECT_EQ(in->conversationKey, kDm);
    EXPECT_EQ(in->type, "text");
    EXPECT_EQ(in->status, "");
    EXPECT_EQ(toIso8601(*in->sent), "2026-03-01T10:00:00Z");
    EXPECT_EQ(in->origin.table, "messages");
    EXPECT_EQ(in->origin.rowid, 1);
    EXPECT_EQ(in->recipientKeys, std::vector<std::string>{"1000"});

    const auto *out = messageWithText(r.records, "yes, see you at six");
    ASSERT_NE(out, nullptr);
    EXPECT_EQ(out->direction, Direction::Outgoing);
    EXPECT_EQ(out->senderKey, "1000");
    EXPECT_EQ(out->status, "sent");
    EXPECT_EQ(out->recipientKeys, std::vector<std::string>{"2000"});
    EXPECT_EQ(toIso8601(*out->sent), "2026-03-01T10:01:00.5Z");
    EXPECT_EQ(messageWithText(r.records, "bring the ball")->status, "queued");   // no server item id
}

TEST_F(Instagram, ThreadsGiveParticipantsTitlesAndAccounts)
{
    const auto r = parseModern();
    ASSERT_EQ(r.records.conversations.size(), 2u);
    const auto *dm = conversationWithKey(r.records, kDm);
    ASSERT_NE(dm, nullptr);
    EXPECT_FALSE(dm->group);
    EXPECT_EQ(dm->title, "");   // a one-to-one thread's title is only the other's user name
    EXPECT_EQ(dm->participantKeys, (std::vector<std::string>{"1000", "2000"}));
    EXPECT_EQ(dm->origin.table, "threads");
    EXPECT_EQ(dm->origin.rowid, 1);
    const auto *group = conversationWithKey(r.records, kGroup);
    ASSERT_NE(group, nullptr);
    EXPECT_TRUE(group->group);
    EXPECT_EQ(group->title, "Football Team");
    EXPECT_EQ(group->participantKeys, (std::vector<std::string>{"1000", "2000", "3000"}));
    EXPECT_EQ(countMessagesIn(r.records, kDm), 6u);
    EXPECT_EQ(countMessagesIn(r.records, kGroup), 3u);

    const auto *owner = accountWithKey(r.records, "1000");
    ASSERT_NE(owner, nullptr);
    EXPECT_TRUE(owner->owner);
    EXPECT_EQ(accountWithKey(r.records, ""), nullptr);
    const auto *alex = accountWithKey(r.records, "2000");
    ASSERT_NE(alex, nullptr);
    EXPECT_FALSE(alex->owner);
    EXPECT_EQ(alex->username, "alex.m");
    EXPECT_EQ(alex->displayName, "Alex Morgan");
    EXPECT_EQ(accountWithKey(r.records, "3000")->displayName, "Jo Baker");
}

TEST_F(Instagram, ItemTypesMediaLikesLinksAndActionLogs)
{
    const auto r = parseModern();
    const auto *photo = messageWithRowid(r.records, 4);
    ASSERT_NE(photo, nullptr);
    EXPECT_EQ(photo->type, "media");
    EXPECT_EQ(photo->text, "");
    ASSERT_EQ(photo->attachments.size(), 1u);
    EXPECT_EQ(photo->attachments[0].fileName, "123456789_n.jpg");
    EXPECT_EQ(photo->attachments[0].devicePath,
              "https://scontent.cdninstagram.com/v/t51.2885-15/123456789_n.jpg?stp=dst-jpg&_nc_ht=x");
    EXPECT_EQ(photo->attachments[0].origin.rowid, 4);

    const auto *like = messageWithRowid(r.records, 5);
    EXPECT_EQ(like->type, "like");
    EXPECT_EQ(like->text, "\xE2\x9D\xA4\xEF\xB8\x8F");   // the heart the item stores

    const auto *link = messageWithText(r.records, "passing drill");
    ASSERT_NE(link, nullptr);
    EXPECT_EQ(link->type, "link");
    EXPECT_EQ(link->direction, Direction::Outgoing);

    const auto *log = messageWithText(r.records, "named the group");
    ASSERT_NE(log, nullptr);
    EXPECT_EQ(log->type, "system");
    EXPECT_EQ(log->senderKey, "3000");

    const auto *voice = messageWithRowid(r.records, 9);
    ASSERT_NE(voice, nullptr);
    EXPECT_EQ(voice->type, "media");
    ASSERT_EQ(voice->attachments.size(), 1u);
    EXPECT_EQ(voice->attachments[0].fileName, "audioclip-1234.mp4");
}

// The first direct.db layout (2017–2020): threads without folders and pins; thread_info lists
// "users" with numeric "pk" ids.
constexpr const char *kOldDdl = R"SQL(
create table if not exists threads(_id integer primary key autoincrement, user_id text, thread_id text,
  recipient_ids text, last_activity_time integer, is_permitted integer, thread_info text not null);
create table if not exists messages(_id integer primary key autoincrement, user_id text, server_item_id text,
  client_item_id text, thread_id text, recipient_ids text, timestamp integer not null, message_type text not null,
  text text, message text not null);
CREATE TABLE IF NOT EXISTS session(user_id TEXT PRIMARY KEY, value TEXT NOT NULL);
)SQL";

TEST_F(Instagram, OldLayoutAndMissingThreadRows)
{
    const auto r = parseNewDatabase(kRegister, kId, dir / "direct.db", std::string(kOldDdl) + R"SQL(
INSERT INTO threads (user_id, thread_id, recipient_ids, thread_info) VALUES
  ('55', 't1', '66', '{"thread_title":"kim","users":[{"pk":66,"username":"kim_l","full_name":"Kim Lee"}]}'),
  ('55', 't2', '66,77', 'not json');
INSERT INTO messages (user_id, server_item_id, client_item_id, thread_id, timestamp, message_type, text, message) VALUES
  ('55', 's1', NULL, 't1', 1546300800000000, 'reel_share', NULL, '{"user_id":66,"item_type":"reel_share","reel_share":{"text":"ha, look at this"}}'),
  ('55', 's2', NULL, 't9', 1546300900000000, 'text', 'hello there', '{"user_id":55,"item_type":"text","text":"hello there"}');
)SQL", kDevicePath);
    ASSERT_TRUE(r.accepted);
    EXPECT_TRUE(r.errors.empty());
    ASSERT_EQ(r.records.messages.size(), 2u);
    EXPECT_EQ(accountWithKey(r.records, "66")->username, "kim_l");
    EXPECT_EQ(conversationWithKey(r.records, "t1")->participantKeys, (std::vector<std::string>{"55", "66"}));
    // thread_info is damaged: participants from recipient_ids.
    const auto *t2 = conversationWithKey(r.records, "t2");
    ASSERT_NE(t2, nullptr);
    EXPECT_EQ(t2->participantKeys, (std::vector<std::string>{"55", "66", "77"}));
    EXPECT_TRUE(t2->group);
    const auto *reel = messageWithText(r.records, "ha, look at this");
    ASSERT_NE(reel, nullptr);
    EXPECT_EQ(reel->type, "share");
    EXPECT_EQ(reel->senderKey, "66");
    EXPECT_EQ(toIso8601(*reel->sent), "2019-01-01T00:00:00Z");
    // The thread row of t9 is gone: the message keeps a conversation of its own.
    const auto *orphan = messageWithText(r.records, "hello there");
    ASSERT_NE(orphan, nullptr);
    EXPECT_EQ(orphan->direction, Direction::Outgoing);
    ASSERT_NE(conversationWithKey(r.records, "t9"), nullptr);
}

TEST_F(Instagram, NullFieldsJunkAndMalformedJsonAreKept)
{
    const auto r = parseNewDatabase(kRegister, kId, dir / "direct.db", ddl("instagram_direct") + R"SQL(
INSERT INTO messages (user_id, server_item_id, thread_id, timestamp, message_type, text, message) VALUES
  (NULL, NULL, NULL, 0, '', NULL, ''),
  ('1000', 's2', 't1', 'later', 'text', X'68690080FEFF00', '{"user_id":2000,"item_type":"te'),
  ('1000', 's3', 't1', -1, 'media', NULL, X'7B226974656D5F74797065223A226D65646961222C226D65646961223AFF7D'),
  ('1000', 's4', 't1', 1772359200000000, 'media', NULL, '{"user_id":2000,"item_type":"media","media":{"image_versions2":{"candidates":"oops"}}}'),
  ('1000', 's5', 't1', 99999999999999999, 'text', NULL, '[1,2,3]');
)SQL");
    ASSERT_TRUE(r.accepted);
    EXPECT_TRUE(r.errors.empty());
    ASSERT_EQ(r.records.messages.size(), 5u);
    const auto &empty = *messageWithRowid(r.records, 1);
    EXPECT_EQ(empty.direction, Direction::Unknown);
    EXPECT_FALSE(empty.sent);
    EXPECT_EQ(empty.text, "");
    const auto &junk = *messageWithRowid(r.records, 2);
    EXPECT_EQ(junk.text, "hi\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");
    EXPECT_EQ(junk.senderKey, "");   // the item is cut off: no sender is guessed
    EXPECT_FALSE(junk.sent);
    EXPECT_TRUE(messageWithRowid(r.records, 3)->attachments.empty());
    EXPECT_FALSE(messageWithRowid(r.records, 3)->sent);
    const auto &noUrl = *messageWithRowid(r.records, 4);
    EXPECT_EQ(noUrl.type, "media");
    EXPECT_TRUE(noUrl.attachments.empty());
    EXPECT_EQ(toIso8601(*noUrl.sent), "2026-03-01T10:00:00Z");
    EXPECT_FALSE(messageWithRowid(r.records, 5)->sent);
}

TEST_F(Instagram, RejectsOtherDatabases)
{
    const auto fb = dir / "threads_db2";
    createDatabase(fb, "CREATE TABLE threads (thread_key TEXT, name TEXT);"
                       "CREATE TABLE messages (msg_id TEXT, thread_key TEXT, text TEXT, sender TEXT, timestamp_ms INTEGER);");
    EXPECT_FALSE(parseDatabase(kRegister, kId, fb).accepted);
    const auto other = dir / "other.db";
    createDatabase(other, "CREATE TABLE messages (_id INTEGER PRIMARY KEY, user_id TEXT, thread_id TEXT, timestamp INTEGER, text TEXT);"
                          "CREATE TABLE threads (_id INTEGER PRIMARY KEY, thread_id TEXT);");
    EXPECT_FALSE(parseDatabase(kRegister, kId, other).accepted);
}

std::string manyMessages(int n)
{
    std::string sql = ddl("instagram_direct");
    for (int i = 1; i <= n; ++i)
        sql += "INSERT INTO messages (user_id, server_item_id, thread_id, timestamp, message_type, text, message) VALUES ('1000', 's"
             + std::to_string(i) + "', 't1', " + std::to_string(1772359200000000LL + i * 1000000LL) + ", 'text', 'message number "
             + std::to_string(i) + " about the weekend match', '{\"user_id\":2000,\"item_type\":\"text\"}');";
    return sql;
}

TEST_F(Instagram, TruncatedDatabaseGivesAnErrorAndKeepsWhatItRead)
{
    expectTruncationKeepsSome(kParser, dir / "full.db", "BEGIN;" + manyMessages(3000) + "COMMIT;", messageCount, 3000);
}

TEST_F(Instagram, CorruptPagesGiveAnErrorNotACrash)
{
    expectCorruptPagesReported(kParser, dir / "corrupt.db", "BEGIN;" + manyMessages(3000) + "COMMIT;", 4096 * 20,
                               4096 * 10, messageCount, 3000);
}

TEST_F(Instagram, GarbageIsNotOpened)
{
    expectGarbageRefused(kParser, dir / "garbage.db");
}

TEST_F(Instagram, AMessageOnlyInTheWalIsFoundAndMarked)
{
    const auto db = dir / "direct.db";
    createDatabaseWithWal(db, ddl("instagram_direct") + kRows,
                          "INSERT INTO messages (user_id, server_item_id, thread_id, timestamp, message_type, text, message) "
                          "VALUES ('1000', 's99', '340282366841710300949128100000000001', 1772360000000000, 'text', "
                          "'only in the wal', '{\"user_id\":2000,\"item_type\":\"text\"}');");
    expectWalOnlyRecord(kParser, db, messageWithTextIn("only in the wal"), messageWithTextIn("are you coming"),
                        messageCount);
}

} // namespace
} // namespace vigil::test
