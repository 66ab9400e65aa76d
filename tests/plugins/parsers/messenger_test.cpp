// SPDX-License-Identifier: GPL-3.0-or-later
#include "plugins/parsers/messenger/messenger.h"

#include <gtest/gtest.h>

#include "core/util/timeutil.h"
#include "tests/plugins/parsers/parsertest.h"

namespace vigil::test {
namespace {

using model::Direction;
using model::RecordSource;

const RegisterFn kRegister = plugins::registerMessengerPlugin;
constexpr const char *kId = "messenger";
const ParserUnderTest kParser{kRegister, kId};
constexpr const char *kDevicePath = "/data/data/com.facebook.orca/databases/threads_db2";

// threads_db2 schema version 162 (Messenger 2016), as ThreadsDbSchemaPart's SqlTables create it:
// columns in declaration order, then the keys. thread_users lists the columns known from the
// app's column definitions and migrations.
constexpr const char *kDdl = R"SQL(
CREATE TABLE properties (key TEXT, value TEXT, PRIMARY KEY (key));
CREATE TABLE folder_counts (folder TEXT, unread_count INTEGER, unseen_count INTEGER, last_seen_time INTEGER,
  last_action_id INTEGER, PRIMARY KEY (folder));
CREATE TABLE folders (folder TEXT, thread_key TEXT, timestamp_ms INTEGER, PRIMARY KEY (thread_key));
CREATE TABLE threads (thread_key TEXT, legacy_thread_id TEXT, action_id INTEGER, refetch_action_id INTEGER,
  last_visible_action_id INTEGER, sequence_id INTEGER, name TEXT, senders TEXT, snippet TEXT, snippet_sender TEXT,
  admin_snippet TEXT, timestamp_ms INTEGER, last_read_timestamp_ms INTEGER, approx_total_message_count INTEGER,
  unread_message_count INTEGER, last_fetch_time_ms INTEGER, pic_hash TEXT, pic TEXT, can_reply_to INTEGER,
  cannot_reply_reason TEXT, mute_until INTEGER, is_subscribed INTEGER, folder TEXT, draft TEXT, has_missed_call INTEGER,
  me_bubble_color INTEGER, other_bubble_color INTEGER, wallpaper_color INTEGER, last_fetch_action_id INTEGER,
  initial_fetch_complete INTEGER, custom_like_emoji TEXT, outgoing_message_lifetime INTEGER, custom_nicknames TEXT,
  invite_uri TEXT, is_last_message_sponsored INTEGER, group_chat_rank FLOAT, game_data TEXT,
  group_type TEXT DEFAULT 'private', requires_approval INTEGER DEFAULT 0, rtc_call_info TEXT,
  last_message_commerce_message_type TEXT, is_thread_queue_enabled INTEGER, PRIMARY KEY (thread_key));
CREATE INDEX threads_legacy_thread_id_index ON threads (legacy_thread_id);
CREATE TABLE messages (msg_id TEXT, thread_key TEXT, action_id INTEGER, text TEXT, sender TEXT,
  is_not_forwardable INTEGER, timestamp_ms INTEGER, timestamp_sent_ms INTEGER, attachments TEXT, shares TEXT,
  sticker_id TEXT, msg_type INTEGER, affected_users TEXT, coordinates TEXT, offline_threading_id TEXT, source TEXT,
  channel_source TEXT, send_channel TEXT, is_non_authoritative INTEGER, pending_send_media_attachment STRING,
  sent_share_attachment STRING, client_tags TEXT, send_error STRING, send_error_message STRING,
  send_error_number INTEGER, send_error_timestamp_ms INTEGER, send_error_error_url STRING, publicity TEXT,
  send_queue_type TEXT, payment_transaction TEXT, payment_request TEXT, has_unavailable_attachment INTEGER,
  app_attribution TEXT, content_app_attribution TEXT, xma TEXT, admin_text_type INTEGER,
  admin_text_theme_color INTEGER, admin_text_thread_icon_emoji TEXT, admin_text_nickname TEXT,
  admin_text_target_id TEXT, admin_text_thread_message_lifetime INTEGER,
  admin_text_thread_journey_color_choices TEXT, admin_text_thread_journey_emoji_choices TEXT,
  admin_text_thread_journey_nickname_choices TEXT, admin_text_thread_journey_bot_choices TEXT,
  message_lifetime INTEGER, admin_text_thread_rtc_event TEXT, admin_text_thread_rtc_server_info_data TEXT,
  admin_text_thread_rtc_is_video_call INTEGER, admin_text_thread_ride_provider_name TEXT, is_sponsored INTEGER,
  admin_text_thread_ad_properties TEXT, admin_text_game_score_data TEXT,
  admin_text_thread_event_reminder_properties TEXT, commerce_message_type TEXT, customizations TEXT,
  admin_text_joinable_event_type TEXT, metadata_at_text_ranges TEXT, platform_metadata TEXT, PRIMARY KEY (msg_id));
CREATE INDEX messages_timestamp_index ON messages (thread_key, timestamp_ms DESC);
CREATE INDEX messages_offline_threading_id_index ON messages (offline_threading_id);
CREATE INDEX messages_type_index ON messages (thread_key, msg_type, timestamp_ms);
CREATE TABLE thread_users (user_key TEXT, first_name TEXT, last_name TEXT, name TEXT, username TEXT,
  profile_pic_square TEXT, profile_type TEXT, is_messenger_user INTEGER, is_commerce INTEGER,
  is_blocked_by_viewer INTEGER, last_active TEXT, PRIMARY KEY (user_key));
CREATE TABLE group_conversations (thread_key TEXT, rank FLOAT, group_chat_rank FLOAT, PRIMARY KEY (thread_key));
CREATE TABLE ranked_threads (thread_key TEXT, display_order INTEGER, PRIMARY KEY (thread_key));
CREATE TABLE pinned_threads (thread_key TEXT, display_order INTEGER, PRIMARY KEY (thread_key));
CREATE TABLE thread_participants (thread_key TEXT, user_key TEXT, email TEXT, phone TEXT, type TEXT NOT NULL,
  is_admin INTEGER, last_read_receipt_time INTEGER, last_delivered_receipt_time INTEGER,
  last_delivered_receipt_id TEXT, request_timestamp_ms INTEGER, PRIMARY KEY (thread_key, user_key),
  FOREIGN KEY (thread_key) REFERENCES threads (thread_key) ON DELETE CASCADE);
CREATE TABLE event_reminders (thread_key TEXT, event_reminder_key TEXT, event_reminder_timestamp INTEGER,
  event_reminder_title TEXT, allows_rsvp INTEGER, PRIMARY KEY (event_reminder_key),
  FOREIGN KEY (thread_key) REFERENCES threads (thread_key) ON DELETE CASCADE);
CREATE TABLE event_reminder_members (event_reminder_key TEXT, user_key TEXT, member_guest_status TEXT,
  PRIMARY KEY (event_reminder_key, user_key));
)SQL";

// 2026-03-01T10:00:00Z in milliseconds.
constexpr std::int64_t kT0 = 1772359200000;

constexpr const char *kRows = R"SQL(
INSERT INTO threads (thread_key, name, timestamp_ms, last_read_timestamp_ms) VALUES
  ('ONE_TO_ONE:100002:100001', NULL, 1772359320000, 1772359260000),
  ('GROUP:777', 'Football Team', 1772359500000, NULL);
INSERT INTO thread_participants (thread_key, user_key, email, phone, type) VALUES
  ('ONE_TO_ONE:100002:100001', 'FACEBOOK:100001', NULL, NULL, 'PARTICIPANT'),
  ('ONE_TO_ONE:100002:100001', 'FACEBOOK:100002', '100002@facebook.com', NULL, 'PARTICIPANT'),
  ('GROUP:777', 'FACEBOOK:100001', NULL, NULL, 'PARTICIPANT'),
  ('GROUP:777', 'FACEBOOK:100002', NULL, NULL, 'PARTICIPANT'),
  ('GROUP:777', 'FACEBOOK:100003', NULL, '+447700900789', 'PARTICIPANT');
INSERT INTO thread_users (user_key, first_name, last_name, name, username) VALUES
  ('FACEBOOK:100001', 'Sam', 'Carter', 'Sam Carter', 'sam.carter'),
  ('FACEBOOK:100002', 'Alex', 'Morgan', 'Alex Morgan', NULL),
  ('FACEBOOK:100003', 'Jo', 'Baker', NULL, NULL);
INSERT INTO messages (msg_id, thread_key, text, sender, timestamp_ms, msg_type, attachments,
  pending_send_media_attachment, sticker_id, send_error, admin_text_thread_rtc_event,
  admin_text_thread_rtc_is_video_call) VALUES
  ('mid.1', 'ONE_TO_ONE:100002:100001', 'are you coming to practice?',
   '{"email":"100002@facebook.com","user_key":"FACEBOOK:100002","name":"Alex Morgan"}', 1772359200000, 0,
   NULL, NULL, NULL, NULL, NULL, NULL),
  ('mid.2', 'ONE_TO_ONE:100002:100001', 'yes, see you at six',
   '{"email":"100001@facebook.com","user_key":"FACEBOOK:100001","name":"Sam Carter"}', 1772359230000, 0,
   NULL, NULL, NULL, 'NONE', NULL, NULL),
  ('mid.3', 'ONE_TO_ONE:100002:100001', 'great',
   '{"email":"100002@facebook.com","user_key":"FACEBOOK:100002","name":"Alex Morgan"}', 1772359320000, 0,
   NULL, NULL, NULL, NULL, NULL, NULL),
  ('mid.4', 'ONE_TO_ONE:100002:100001', '',
   '{"email":"100001@facebook.com","user_key":"FACEBOOK:100001","name":"Sam Carter"}', 1772359380000, 0,
   '[{"id":"att.1","fbid":"9001","mime_type":"image/jpeg","filename":"image-9001.jpg","file_size":20480,"image_data_width":640,"image_data_height":480,"urls":"{\"FULL_SCREEN\":\"{\\\"src\\\":\\\"https://scontent.xx.fbcdn.net/v/t1.15752-9/9001_n.jpg?oh=1\\\",\\\"width\\\":640,\\\"height\\\":480}\"}"}]',
   NULL, NULL, NULL, NULL, NULL),
  ('mid.5', 'ONE_TO_ONE:100002:100001', 'the new kit',
   '{"email":"100001@facebook.com","user_key":"FACEBOOK:100001","name":"Sam Carter"}', 1772359440000, 900,
   NULL, '{"uri":"file:///storage/emulated/0/DCIM/Camera/IMG_20260301_101500.jpg","type":"PHOTO","mime_type":"image/jpeg"}',
   NULL, NULL, NULL, NULL),
  ('mid.6', 'ONE_TO_ONE:100002:100001', 'running late', NULL, 1772359500000, 901,
   NULL, NULL, NULL, 'P2P_SEND_ERROR', NULL, NULL),
  ('mid.7', 'GROUP:777', 'Jo named the group Football Team.',
   '{"user_key":"FACEBOOK:100003","name":"Jo Baker"}', 1772359560000, 3, NULL, NULL, NULL, NULL, NULL, NULL),
  ('mid.8', 'GROUP:777', 'match moved to saturday',
   '{"user_key":"FACEBOOK:100003","name":"Jo Baker"}', 1772359620000, 0, NULL, NULL, NULL, NULL, NULL, NULL),
  ('mid.9', 'ONE_TO_ONE:100002:100001', 'You missed a call from Alex.',
   '{"user_key":"FACEBOOK:100002","name":"Alex Morgan"}', 1772359680000, 101, NULL, NULL, NULL, NULL, NULL, NULL),
  ('mid.10', 'ONE_TO_ONE:100002:100001', '',
   '{"user_key":"FACEBOOK:100001","name":"Sam Carter"}', 1772359740000, 9, NULL, NULL, NULL, NULL,
   'one_on_one_call_ended', 1),
  ('mid.11', 'GROUP:777', NULL, '{"user_key":"FACEBOOK:100002","name":"Alex Morgan"}', 1772359800000, 10,
   NULL, NULL, NULL, NULL, NULL, NULL),
  ('mid.12', 'GROUP:777', NULL, '{"user_key":"FACEBOOK:100002","name":"Alex Morgan"}', 1772359860000, 0,
   NULL, NULL, '369239263222822', NULL, NULL, NULL);
)SQL";

class Messenger : public ::testing::Test {
protected:
    ParseResult parseModern()
    {
        return parseNewDatabase(kRegister, kId, dir / "threads_db2", std::string(kDdl) + kRows, kDevicePath);
    }
    ScratchDir dir;
};

TEST_F(Messenger, MessagesCarrySenderDirectionStatusAndTime)
{
    const auto r = parseModern();
    ASSERT_TRUE(r.accepted);
    EXPECT_TRUE(r.errors.empty());
    EXPECT_EQ(r.records.app, "messenger");
    ASSERT_EQ(r.records.messages.size(), 12u);

    const auto *in = messageWithText(r.records, "are you coming to practice?");
    ASSERT_NE(in, nullptr);
    EXPECT_EQ(in->direction, Direction::Incoming);
    EXPECT_EQ(in->senderKey, "FACEBOOK:100002");
    EXPECT_EQ(in->conversationKey, "ONE_TO_ONE:100002:100001");
    EXPECT_EQ(in->status, "read");   // before the thread's last_read_timestamp_ms
    EXPECT_EQ(in->type, "text");
    EXPECT_EQ(toIso8601(*in->sent), "2026-03-01T10:00:00Z");
    EXPECT_EQ(in->origin.table, "messages");
    EXPECT_EQ(in->origin.rowid, 1);

    const auto *out = messageWithText(r.records, "yes, see you at six");
    ASSERT_NE(out, nullptr);
    EXPECT_EQ(out->direction, Direction::Outgoing);
    EXPECT_EQ(out->senderKey, "FACEBOOK:100001");
    EXPECT_EQ(out->status, "sent");
    EXPECT_EQ(toIso8601(*out->sent), "2026-03-01T10:00:30Z");
    EXPECT_EQ(messageWithText(r.records, "great")->status, "unread");
    EXPECT_EQ(messageWithText(r.records, "the new kit")->status, "queued");

    const auto *failed = messageWithText(r.records, "running late");
    ASSERT_NE(failed, nullptr);
    EXPECT_EQ(failed->status, "failed");
    EXPECT_EQ(failed->direction, Direction::Outgoing);
    EXPECT_EQ(failed->senderKey, "FACEBOOK:100001");   // no sender column: a failed send is the owner's
}

TEST_F(Messenger, OwnerIsTheViewerOfOneToOneThreads)
{
    const auto r = parseModern();
    const auto *owner = accountWithKey(r.records, "FACEBOOK:100001");
    ASSERT_NE(owner, nullptr);
    EXPECT_TRUE(owner->owner);
    EXPECT_EQ(owner->displayName, "Sam Carter");
    EXPECT_EQ(owner->username, "sam.carter");
    EXPECT_EQ(owner->origin.table, "thread_users");
    EXPECT_EQ(accountWithKey(r.records, ""), nullptr);
    const auto *alex = accountWithKey(r.records, "FACEBOOK:100002");
    ASSERT_NE(alex, nullptr);
    EXPECT_FALSE(alex->owner);
    EXPECT_EQ(alex->email, "100002@facebook.com");
    const auto *jo = accountWithKey(r.records, "FACEBOOK:100003");
    ASSERT_NE(jo, nullptr);
    EXPECT_EQ(jo->displayName, "Jo Baker");   // first and last name when name is NULL
    EXPECT_EQ(jo->phone, "+447700900789");
}

TEST_F(Messenger, ThreadsBecomeConversationsWithParticipants)
{
    const auto r = parseModern();
    ASSERT_EQ(r.records.conversations.size(), 2u);
    const auto *dm = conversationWithKey(r.records, "ONE_TO_ONE:100002:100001");
    ASSERT_NE(dm, nullptr);
    EXPECT_FALSE(dm->group);
    EXPECT_EQ(dm->participantKeys, (std::vector<std::string>{"FACEBOOK:100001", "FACEBOOK:100002"}));
    EXPECT_EQ(dm->origin.table, "threads");
    EXPECT_EQ(dm->origin.rowid, 1);
    const auto *group = conversationWithKey(r.records, "GROUP:777");
    ASSERT_NE(group, nullptr);
    EXPECT_TRUE(group->group);
    EXPECT_EQ(group->title, "Football Team");
    EXPECT_EQ(group->participantKeys, (std::vector<std::string>{"FACEBOOK:100001", "FACEBOOK:100002", "FACEBOOK:100003"}));
    EXPECT_EQ(countMessagesIn(r.records, "ONE_TO_ONE:100002:100001"), 8u);
    EXPECT_EQ(countMessagesIn(r.records, "GROUP:777"), 4u);
    const auto *group8 = messageWithText(r.records, "match moved to saturday");
    EXPECT_EQ(group8->senderKey, "FACEBOOK:100003");
    EXPECT_EQ(group8->status, "");   // the group has no read mark
}

TEST_F(Messenger, AttachmentsAndPendingMedia)
{
    const auto r = parseModern();
    const auto *photo = messageWithRowid(r.records, 4);
    ASSERT_NE(photo, nullptr);
    EXPECT_EQ(photo->type, "media");
    ASSERT_EQ(photo->attachments.size(), 1u);
    EXPECT_EQ(photo->attachments[0].fileName, "image-9001.jpg");
    EXPECT_EQ(photo->attachments[0].mimeType, "image/jpeg");
    EXPECT_EQ(photo->attachments[0].size, 20480);
    EXPECT_EQ(photo->attachments[0].devicePath, "https://scontent.xx.fbcdn.net/v/t1.15752-9/9001_n.jpg?oh=1");
    EXPECT_EQ(photo->attachments[0].origin.table, "messages");
    EXPECT_EQ(photo->attachments[0].origin.rowid, 4);

    const auto *pending = messageWithText(r.records, "the new kit");
    ASSERT_NE(pending, nullptr);
    EXPECT_EQ(pending->type, "media");
    ASSERT_EQ(pending->attachments.size(), 1u);
    EXPECT_EQ(pending->attachments[0].devicePath, "file:///storage/emulated/0/DCIM/Camera/IMG_20260301_101500.jpg");
    EXPECT_EQ(pending->attachments[0].fileName, "IMG_20260301_101500.jpg");
    EXPECT_EQ(pending->attachments[0].mimeType, "image/jpeg");
}

TEST_F(Messenger, SystemDeletedStickerAndCallMessages)
{
    const auto r = parseModern();
    EXPECT_EQ(messageWithText(r.records, "named the group")->type, "system");
    const auto *deleted = messageWithRowid(r.records, 11);
    ASSERT_NE(deleted, nullptr);
    EXPECT_EQ(deleted->type, "deleted");
    EXPECT_TRUE(deleted->deletedInApp);
    EXPECT_EQ(messageWithRowid(r.records, 12)->type, "sticker");

    EXPECT_EQ(messageWithText(r.records, "You missed a call")->type, "call");
    ASSERT_EQ(r.records.calls.size(), 2u);
    const auto &missed = r.records.calls[0];
    EXPECT_EQ(missed.accountKey, "FACEBOOK:100002");
    EXPECT_EQ(missed.conversationKey, "ONE_TO_ONE:100002:100001");
    EXPECT_EQ(missed.direction, Direction::Incoming);
    EXPECT_EQ(missed.status, "missed");
    EXPECT_FALSE(missed.video);
    EXPECT_EQ(toIso8601(*missed.started), "2026-03-01T10:08:00Z");
    EXPECT_EQ(missed.origin.rowid, 9);
    const auto &video = r.records.calls[1];
    EXPECT_EQ(video.direction, Direction::Outgoing);
    EXPECT_TRUE(video.video);
    EXPECT_EQ(video.accountKey, "FACEBOOK:100002");
    EXPECT_EQ(video.status, "");
}

// Messenger 2013 (orca): threads keyed by thread_id with a JSON participant list.
constexpr const char *kOldDdl = R"SQL(
CREATE TABLE threads (thread_id TEXT PRIMARY KEY, action_id INTEGER, refetch_action_id INTEGER,
  last_visible_action_id INTEGER, name TEXT, participants TEXT, former_participants TEXT, object_participants TEXT,
  senders TEXT, single_recipient_thread INTEGER, single_recipient_user_key TEXT, snippet TEXT, snippet_sender TEXT,
  admin_snippet TEXT, timestamp_ms INTEGER, unread INTEGER, pic_hash TEXT, can_reply_to INTEGER, pic TEXT,
  is_subscribed INTEGER, last_fetch_time_ms INTEGER, folder TEXT, draft TEXT);
CREATE TABLE messages (msg_id TEXT PRIMARY KEY, thread_id TEXT, action_id INTEGER, text TEXT, sender TEXT,
  timestamp_ms INTEGER, timestamp_sent_ms INTEGER, attachments TEXT, shares TEXT, msg_type INTEGER, affected_users TEXT,
  coordinates TEXT, offline_threading_id TEXT, source TEXT, is_non_authoritative INTEGER,
  pending_send_media_attachment STRING );
CREATE INDEX messages_timestamp_index ON messages ( thread_id, timestamp_ms DESC );
CREATE TABLE thread_users (user_key TEXT PRIMARY KEY, first_name TEXT, last_name TEXT, name TEXT, pic_big TEXT,
  pic_square TEXT, pic_crop TEXT, last_active TEXT);
)SQL";

TEST_F(Messenger, OldLayoutWithThreadIdsAndParticipantJson)
{
    const auto r = parseNewDatabase(kRegister, kId, dir / "threads_db2", std::string(kOldDdl) + R"SQL(
INSERT INTO threads (thread_id, name, participants) VALUES ('t_id.5555', 'Book Club',
  '[{"email":"1@facebook.com","user_key":"FACEBOOK:1","name":"Kim Lee"},{"email":"2@facebook.com","user_key":"FACEBOOK:2","name":"Pat Kay"},{"email":"3@facebook.com","user_key":"FACEBOOK:3","name":"Lou Vey"}]');
INSERT INTO thread_users (user_key, first_name, last_name, name) VALUES ('FACEBOOK:2', 'Pat', 'Kay', 'Pat Kay');
INSERT INTO messages (msg_id, thread_id, text, sender, timestamp_ms, msg_type) VALUES
  ('m_1', 't_id.5555', 'chapter three next week', '{"email":"2@facebook.com","user_key":"FACEBOOK:2","name":"Pat Kay"}', 1356998400000, 0),
  ('m_2', 't_id.5555', 'sounds good', '{"email":"1@facebook.com","user_key":"FACEBOOK:1","name":"Kim Lee"}', 1356998460000, 900);
)SQL", kDevicePath);
    ASSERT_TRUE(r.accepted);
    EXPECT_TRUE(r.errors.empty());
    ASSERT_EQ(r.records.messages.size(), 2u);
    // No one-to-one keys: the owner is the sender of the pending send.
    EXPECT_TRUE(accountWithKey(r.records, "FACEBOOK:1")->owner);
    EXPECT_EQ(accountWithKey(r.records, "FACEBOOK:1")->email, "1@facebook.com");
    const auto *in = messageWithText(r.records, "chapter three next week");
    ASSERT_NE(in, nullptr);
    EXPECT_EQ(in->direction, Direction::Incoming);
    EXPECT_EQ(in->senderKey, "FACEBOOK:2");
    EXPECT_EQ(toIso8601(*in->sent), "2013-01-01T00:00:00Z");
    const auto *conv = conversationWithKey(r.records, "t_id.5555");
    ASSERT_NE(conv, nullptr);
    EXPECT_TRUE(conv->group);
    EXPECT_EQ(conv->title, "Book Club");
    EXPECT_EQ(conv->participantKeys, (std::vector<std::string>{"FACEBOOK:1", "FACEBOOK:2", "FACEBOOK:3"}));
    EXPECT_EQ(accountWithKey(r.records, "FACEBOOK:3")->displayName, "Lou Vey");
}

TEST_F(Messenger, AmbiguousOwnerStaysUnknown)
{
    const auto r = parseNewDatabase(kRegister, kId, dir / "threads_db2", std::string(kDdl) + R"SQL(
INSERT INTO threads (thread_key) VALUES ('ONE_TO_ONE:2:1'), ('ONE_TO_ONE:3:4');
INSERT INTO messages (msg_id, thread_key, text, sender, timestamp_ms, msg_type) VALUES
  ('mid.1', 'ONE_TO_ONE:2:1', 'hello', '{"user_key":"FACEBOOK:2","name":"Two"}', 1772359200000, 0);
)SQL");
    ASSERT_EQ(r.records.messages.size(), 1u);
    EXPECT_EQ(r.records.messages[0].direction, Direction::Unknown);
    EXPECT_EQ(r.records.messages[0].senderKey, "FACEBOOK:2");
    const auto *owner = accountWithKey(r.records, "");
    ASSERT_NE(owner, nullptr);
    EXPECT_TRUE(owner->owner);
    for (const auto &a : r.records.accounts)
        EXPECT_EQ(a.owner, a.key.empty()) << a.key;
}

TEST_F(Messenger, NullFieldsAndBinaryJunkAreKept)
{
    const auto r = parseNewDatabase(kRegister, kId, dir / "threads_db2", std::string(kDdl) + R"SQL(
INSERT INTO threads (thread_key) VALUES ('ONE_TO_ONE:2:1');
INSERT INTO messages (msg_id, thread_key, text, sender, timestamp_ms, msg_type, attachments) VALUES
  ('mid.1', NULL, NULL, NULL, NULL, NULL, NULL),
  ('mid.2', 'ONE_TO_ONE:2:1', X'68690080FEFF00', 'not json at all', 'soon', 'x', '[{"mime_type":'),
  ('mid.3', 'ONE_TO_ONE:2:1', 'ok', X'7B22757365725F6B6579223AFF7D', -5, 99999, X'5B7B7D5D'),
  ('mid.4', 'ONE_TO_ONE:2:1', 'big', '{"user_key":"FACEBOOK:2"}', 99999999999999999, 0, '[{"filename":"a.jpg","file_size":"-7"}]');
)SQL");
    ASSERT_TRUE(r.accepted);
    EXPECT_TRUE(r.errors.empty());
    ASSERT_EQ(r.records.messages.size(), 4u);
    const auto &empty = *messageWithRowid(r.records, 1);
    EXPECT_EQ(empty.text, "");
    EXPECT_FALSE(empty.sent);
    EXPECT_EQ(empty.senderKey, "");
    EXPECT_EQ(empty.type, "text");
    const auto &junk = *messageWithRowid(r.records, 2);
    EXPECT_EQ(junk.text, "hi\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");
    EXPECT_EQ(junk.senderKey, "");
    EXPECT_FALSE(junk.sent);
    EXPECT_TRUE(junk.attachments.empty());
    const auto &odd = *messageWithRowid(r.records, 3);
    EXPECT_EQ(odd.type, "unknown");
    EXPECT_FALSE(odd.sent);
    EXPECT_TRUE(odd.attachments.empty());
    const auto &big = *messageWithRowid(r.records, 4);
    EXPECT_FALSE(big.sent);   // beyond 2200: not a time
    ASSERT_EQ(big.attachments.size(), 1u);
    EXPECT_EQ(big.attachments[0].fileName, "a.jpg");
    EXPECT_FALSE(big.attachments[0].size);
}

TEST_F(Messenger, RejectsOtherDatabases)
{
    const auto ig = dir / "direct.db";
    createDatabase(ig, "create table threads(_id integer primary key autoincrement, user_id text, thread_id text, "
                       "recipient_ids text, last_activity_time integer, is_permitted integer, thread_info text not null);"
                       "create table messages(_id integer primary key autoincrement, user_id text, server_item_id text, "
                       "client_item_id text, thread_id text, recipient_ids text, timestamp integer not null, "
                       "message_type text not null, text text, message text not null);");
    EXPECT_FALSE(parseDatabase(kRegister, kId, ig).accepted);
    const auto other = dir / "other.db";
    createDatabase(other, "CREATE TABLE messages (msg_id TEXT, thread_key TEXT, text TEXT); CREATE TABLE threads (thread_key TEXT);");
    EXPECT_FALSE(parseDatabase(kRegister, kId, other).accepted);
}

std::string manyMessages(int n)
{
    std::string sql = std::string(kDdl) + "INSERT INTO threads (thread_key) VALUES ('ONE_TO_ONE:2:1');";
    for (int i = 1; i <= n; ++i)
        sql += "INSERT INTO messages (msg_id, thread_key, text, sender, timestamp_ms, msg_type) VALUES ('mid." + std::to_string(i)
             + "', 'ONE_TO_ONE:2:1', 'message number " + std::to_string(i)
             + " about the weekend match', '{\"user_key\":\"FACEBOOK:2\",\"name\":\"Two\"}', " + std::to_string(kT0 + i * 1000)
             + ", 0);";
    return sql;
}

TEST_F(Messenger, TruncatedDatabaseGivesAnErrorAndKeepsWhatItRead)
{
    expectTruncationKeepsSome(kParser, dir / "full.db", "BEGIN;" + manyMessages(3000) + "COMMIT;", messageCount, 3000,
                              "messages");
}

TEST_F(Messenger, CorruptPagesGiveAnErrorNotACrash)
{
    // Pages 101–120: the message table's leaves (pages 21–30 hold the small tables of the schema).
    expectCorruptPagesReported(kParser, dir / "corrupt.db", "BEGIN;" + manyMessages(3000) + "COMMIT;", 4096 * 100,
                               4096 * 20, messageCount, 3000);
}

TEST_F(Messenger, GarbageIsNotOpened)
{
    expectGarbageRefused(kParser, dir / "garbage.db");
}

TEST_F(Messenger, AMessageOnlyInTheWalIsFoundAndMarked)
{
    const auto db = dir / "threads_db2";
    createDatabaseWithWal(db, std::string(kDdl) + kRows,
                          "INSERT INTO messages (msg_id, thread_key, text, sender, timestamp_ms, msg_type) VALUES "
                          "('mid.99', 'ONE_TO_ONE:100002:100001', 'only in the wal', "
                          "'{\"user_key\":\"FACEBOOK:100002\"}', 1772360000000, 0);");
    expectWalOnlyRecord(kParser, db, messageWithTextIn("only in the wal"), messageWithTextIn("are you coming"),
                        messageCount);
}

} // namespace
} // namespace vigil::test
