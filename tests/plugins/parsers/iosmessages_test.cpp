// SPDX-License-Identifier: GPL-3.0-or-later
#include "plugins/parsers/ios-messages/iosmessages.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <initializer_list>
#include <map>

#include "core/util/timeutil.h"
#include "tests/plugins/parsers/parsertest.h"

namespace vigil::test {
namespace {

using model::Direction;
using model::RecordSource;

const RegisterFn kRegister = plugins::registerIosMessagesPlugin;
constexpr const char *kId = "ios-messages";
constexpr const char *kDevicePath = "/private/var/mobile/Library/SMS/sms.db";
const ParserUnderTest kParser{kRegister, kId, kDevicePath};

// iOS 9 / OS X 10.11 (dates in seconds since 2001): the tables as Messages creates them
// (triggers and indexes left out).
constexpr const char *kLegacyDdl = R"SQL(
CREATE TABLE _SqliteDatabaseProperties (key TEXT, value TEXT, UNIQUE(key));
CREATE TABLE deleted_messages (ROWID INTEGER PRIMARY KEY AUTOINCREMENT UNIQUE, guid TEXT NOT NULL);
CREATE TABLE chat_handle_join (chat_id INTEGER REFERENCES chat (ROWID) ON DELETE CASCADE, handle_id INTEGER REFERENCES handle (ROWID) ON DELETE CASCADE, UNIQUE(chat_id, handle_id));
CREATE TABLE chat_message_join (chat_id INTEGER REFERENCES chat (ROWID) ON DELETE CASCADE, message_id INTEGER REFERENCES message (ROWID) ON DELETE CASCADE, PRIMARY KEY (chat_id, message_id));
CREATE TABLE message_attachment_join (message_id INTEGER REFERENCES message (ROWID) ON DELETE CASCADE, attachment_id INTEGER REFERENCES attachment (ROWID) ON DELETE CASCADE, UNIQUE(message_id, attachment_id));
CREATE TABLE handle (ROWID INTEGER PRIMARY KEY AUTOINCREMENT UNIQUE, id TEXT NOT NULL, country TEXT, service TEXT NOT NULL, uncanonicalized_id TEXT, UNIQUE (id, service) );
CREATE TABLE message (ROWID INTEGER PRIMARY KEY AUTOINCREMENT, guid TEXT UNIQUE NOT NULL, text TEXT, replace INTEGER DEFAULT 0, service_center TEXT, handle_id INTEGER DEFAULT 0, subject TEXT, country TEXT, attributedBody BLOB, version INTEGER DEFAULT 0, type INTEGER DEFAULT 0, service TEXT, account TEXT, account_guid TEXT, error INTEGER DEFAULT 0, date INTEGER, date_read INTEGER, date_delivered INTEGER, is_delivered INTEGER DEFAULT 0, is_finished INTEGER DEFAULT 0, is_emote INTEGER DEFAULT 0, is_from_me INTEGER DEFAULT 0, is_empty INTEGER DEFAULT 0, is_delayed INTEGER DEFAULT 0, is_auto_reply INTEGER DEFAULT 0, is_prepared INTEGER DEFAULT 0, is_read INTEGER DEFAULT 0, is_system_message INTEGER DEFAULT 0, is_sent INTEGER DEFAULT 0, has_dd_results INTEGER DEFAULT 0, is_service_message INTEGER DEFAULT 0, is_forward INTEGER DEFAULT 0, was_downgraded INTEGER DEFAULT 0, is_archive INTEGER DEFAULT 0, cache_has_attachments INTEGER DEFAULT 0, cache_roomnames TEXT, was_data_detected INTEGER DEFAULT 0, was_deduplicated INTEGER DEFAULT 0, is_audio_message INTEGER DEFAULT 0, is_played INTEGER DEFAULT 0, date_played INTEGER, item_type INTEGER DEFAULT 0, other_handle INTEGER DEFAULT 0, group_title TEXT, group_action_type INTEGER DEFAULT 0, share_status INTEGER DEFAULT 0, share_direction INTEGER DEFAULT 0, is_expirable INTEGER DEFAULT 0, expire_state INTEGER DEFAULT 0, message_action_type INTEGER DEFAULT 0, message_source INTEGER DEFAULT 0);
CREATE TABLE chat (ROWID INTEGER PRIMARY KEY AUTOINCREMENT, guid TEXT UNIQUE NOT NULL, style INTEGER, state INTEGER, account_id TEXT, properties BLOB, chat_identifier TEXT, service_name TEXT, room_name TEXT, account_login TEXT, is_archived INTEGER DEFAULT 0, last_addressed_handle TEXT, display_name TEXT, group_id TEXT, is_filtered INTEGER, successful_query INTEGER);
CREATE TABLE attachment (ROWID INTEGER PRIMARY KEY AUTOINCREMENT, guid TEXT UNIQUE NOT NULL, created_date INTEGER DEFAULT 0, start_date INTEGER DEFAULT 0, filename TEXT, uti TEXT, mime_type TEXT, transfer_state INTEGER DEFAULT 0, is_outgoing INTEGER DEFAULT 0, user_info BLOB, transfer_name TEXT, total_bytes INTEGER DEFAULT 0);
CREATE INDEX chat_message_join_idx_message_id ON chat_message_join(message_id, chat_id);
)SQL";

// 2026-03-01T10:00:00Z is 794052000 seconds after 2001-01-01.
constexpr std::int64_t kT0 = 794052000;

constexpr const char *kLegacyRows = R"SQL(
INSERT INTO handle VALUES (1, '+447700900123', 'gb', 'SMS', NULL), (2, 'sam.coach@example.com', 'gb', 'iMessage', NULL),
  (3, '+447700900456', 'gb', 'iMessage', NULL);
INSERT INTO chat (ROWID, guid, style, state, chat_identifier, service_name, room_name, account_login, last_addressed_handle, display_name) VALUES
  (1, 'SMS;-;+447700900123', 45, 3, '+447700900123', 'SMS', NULL, 'P:+447700900999', '+447700900999', NULL),
  (2, 'iMessage;+;chat123456', 43, 3, 'chat123456', 'iMessage', 'chat123456', 'E:owner@example.com', 'owner@example.com', 'Football team');
INSERT INTO chat_handle_join VALUES (1, 1), (2, 2), (2, 3);
INSERT INTO message (ROWID, guid, text, handle_id, service, account, date, date_read, date_delivered, is_delivered, is_finished, is_from_me, is_read, is_sent, error, item_type, group_title) VALUES
  (1, 'G1', 'are you coming to practice?', 1, 'SMS', 'p:+447700900999', 794052000, 794052060, 0, 1, 1, 0, 1, 0, 0, 0, NULL),
  (2, 'G2', 'yes, see you at six', 1, 'SMS', 'p:+447700900999', 794052120, 0, 794052121, 1, 1, 1, 0, 1, 0, 0, NULL),
  (3, 'G3', X'EFBFBC', 2, 'iMessage', 'e:owner@example.com', 794052180, 0, 0, 1, 1, 0, 0, 0, 0, 0, NULL),
  (4, 'G4', 'thanks coach', 0, 'iMessage', 'e:owner@example.com', 794052240, 0, 0, 0, 1, 1, 0, 0, 4, 0, NULL),
  (5, 'G5', NULL, 3, 'iMessage', 'e:owner@example.com', 794052300, 0, 0, 1, 1, 0, 1, 0, 0, 2, 'Football team');
INSERT INTO chat_message_join VALUES (1, 1), (1, 2), (2, 3), (2, 4), (2, 5);
INSERT INTO attachment (ROWID, guid, filename, uti, mime_type, transfer_state, is_outgoing, transfer_name, total_bytes) VALUES
  (1, 'A1', '~/Library/SMS/Attachments/ab/11/A1/IMG_0001.jpeg', 'public.jpeg', 'image/jpeg', 5, 0, 'IMG_0001.jpeg', 123456);
INSERT INTO message_attachment_join VALUES (3, 1);
)SQL";

// iOS 17–18 / macOS 14–15 (dates in nanoseconds since 2001), from Messages' own DDL:
// ddl("ios_sms_db_ios17") (tests/data/ddl/, shared with the demo evidence).

std::string hex(std::string_view bytes)
{
    std::string out;
    char buf[3];
    for (unsigned char c : bytes) {
        std::snprintf(buf, sizeof buf, "%02X", c);
        out += buf;
    }
    return out;
}

std::string bytes(std::initializer_list<unsigned char> list)
{
    return std::string(list.begin(), list.end());
}

// message.attributedBody as Messages writes it: a typedstream-archived NSAttributedString.
std::string attributedBody(const std::string &text)
{
    const std::string length = text.size() < 0x80
                                 ? bytes({static_cast<unsigned char>(text.size())})
                                 : bytes({0x81, static_cast<unsigned char>(text.size() & 0xff),
                                          static_cast<unsigned char>(text.size() >> 8)});
    const std::string blob = bytes({0x04, 0x0b}) + "streamtyped"
                           + bytes({0x81, 0xe8, 0x03, 0x84, 0x01, 0x40, 0x84, 0x84, 0x84, 0x12}) + "NSAttributedString"
                           + bytes({0x00, 0x84, 0x84, 0x08}) + "NSObject" + bytes({0x00, 0x85, 0x92, 0x84, 0x84, 0x84, 0x08})
                           + "NSString" + bytes({0x01, 0x94, 0x84, 0x01, 0x2b}) + length + text
                           + bytes({0x86, 0x84, 0x02}) + "iI" + bytes({0x01});
    return "X'" + hex(blob) + "'";
}

const std::string kLongText = "the match moved to the north pitch on saturday, bring your boots, shin pads, a water "
                              "bottle and a warm top because it will be cold and windy up there all morning";

std::string modernRows()
{
    return std::string(R"SQL(
INSERT INTO handle (ROWID, id, country, service) VALUES (1, '+447700900123', 'gb', 'iMessage'), (2, 'coach@example.com', 'gb', 'iMessage');
INSERT INTO chat (ROWID, guid, style, state, chat_identifier, service_name, account_login, last_addressed_handle) VALUES
  (1, 'iMessage;-;+447700900123', 45, 3, '+447700900123', 'iMessage', 'E:owner@example.com', '+447700900999'),
  (2, 'iMessage;-;coach@example.com', 45, 3, 'coach@example.com', 'iMessage', 'E:owner@example.com', 'owner@example.com');
INSERT INTO chat_handle_join VALUES (1, 1), (2, 2);
INSERT INTO message (ROWID, guid, text, attributedBody, handle_id, service, account, destination_caller_id, date, date_read, is_delivered, is_from_me, is_read, is_sent, associated_message_type, date_retracted) VALUES
  (1, 'M1', NULL, )SQL") + attributedBody("see you at the pitch") + R"SQL(, 1, 'iMessage', 'E:owner@example.com', '+447700900999', 794052000250000000, 794052100000000000, 1, 0, 1, 0, 0, 0),
  (2, 'M2', 'running late', NULL, 1, 'iMessage', 'E:owner@example.com', '+447700900999', 794052060000000000, 794052070000000000, 1, 1, 0, 1, 0, 0),
  (3, 'M3', NULL, NULL, 1, 'iMessage', 'E:owner@example.com', '+447700900999', 794052120000000000, 0, 1, 1, 0, 1, 0, 794052130000000000),
  (4, 'M4', 'what time is the match?', NULL, 2, 'iMessage', 'E:owner@example.com', 'owner@example.com', 794052180000000000, 0, 1, 0, 1, 0, 0, 0),
  (5, 'M5', 'Liked “running late”', NULL, 1, 'iMessage', 'E:owner@example.com', '+447700900999', 794052240000000000, 0, 1, 0, 1, 0, 2001, 0),
  (6, 'M6', X'EFBFBC', NULL, 1, 'iMessage', 'E:owner@example.com', '+447700900999', 794052300000000000, 0, 1, 0, 1, 0, 0, 0),
  (7, 'M7', NULL, )SQL" + attributedBody(kLongText) + R"SQL(, 2, 'iMessage', 'E:owner@example.com', 'owner@example.com', 794052360000000000, 0, 1, 0, 1, 0, 0, 0);
INSERT INTO chat_message_join (chat_id, message_id, message_date) VALUES (1, 1, 0), (1, 2, 0), (1, 3, 0), (1, 5, 0), (1, 6, 0), (2, 7, 0);
INSERT INTO chat_recoverable_message_join (chat_id, message_id, delete_date) VALUES (2, 4, 794053000000000000);
INSERT INTO attachment (ROWID, guid, original_guid, filename, uti, mime_type, transfer_name, total_bytes, is_sticker) VALUES
  (1, 'A1', 'A1', '~/Library/SMS/StickerCache/ab/A1/sticker.heic', 'public.heic', 'image/heic', 'sticker.heic', 2048, 1);
INSERT INTO message_attachment_join VALUES (6, 1);
)SQL";
}

class IosMessages : public ::testing::Test {
protected:
    ParseResult parseLegacy()
    {
        return parseNewDatabase(kRegister, kId, dir / "sms.db", std::string(kLegacyDdl) + kLegacyRows, kDevicePath);
    }
    ParseResult parseModern()
    {
        return parseNewDatabase(kRegister, kId, dir / "chat.db", ddl("ios_sms_db_ios17") + modernRows(),
                                "/Users/a/Library/Messages/chat.db");
    }
    ScratchDir dir;
};

TEST_F(IosMessages, LegacyMessagesHaveDirectionStatusSenderAndSecondsDates)
{
    const auto r = parseLegacy();
    ASSERT_TRUE(r.accepted);
    EXPECT_TRUE(r.errors.empty());
    EXPECT_EQ(r.records.app, "ios-messages");
    ASSERT_EQ(r.records.messages.size(), 5u);

    const auto *in = messageWithText(r.records, "coming to practice");
    ASSERT_NE(in, nullptr);
    EXPECT_EQ(in->direction, Direction::Incoming);
    EXPECT_EQ(in->senderKey, "+447700900123");
    EXPECT_EQ(in->conversationKey, "1");
    EXPECT_EQ(in->status, "read");
    EXPECT_EQ(in->type, "text");
    EXPECT_EQ(toIso8601(*in->sent), "2026-03-01T10:00:00Z");
    EXPECT_EQ(toIso8601(*in->read), "2026-03-01T10:01:00Z");
    EXPECT_EQ(in->origin.table, "message");
    EXPECT_EQ(in->origin.rowid, 1);
    EXPECT_EQ(in->origin.source, RecordSource::Live);

    const auto *out = messageWithText(r.records, "see you at six");
    ASSERT_NE(out, nullptr);
    EXPECT_EQ(out->direction, Direction::Outgoing);
    EXPECT_EQ(out->senderKey, "+447700900999");   // message.account "p:+447700900999", prefix stripped
    EXPECT_EQ(out->recipientKeys, std::vector<std::string>{"+447700900123"});
    EXPECT_EQ(out->status, "delivered");
    EXPECT_EQ(toIso8601(*out->sent), "2026-03-01T10:02:00Z");
    EXPECT_FALSE(out->read);

    const auto *failed = messageWithText(r.records, "thanks coach");
    ASSERT_NE(failed, nullptr);
    EXPECT_EQ(failed->status, "failed");
    EXPECT_EQ(failed->senderKey, "owner@example.com");
    EXPECT_TRUE(failed->recipientKeys.empty());   // handle_id 0 in a group

    const auto *renamed = messageWithText(r.records, "Football team");
    ASSERT_NE(renamed, nullptr);
    EXPECT_EQ(renamed->type, "system");
    EXPECT_EQ(renamed->senderKey, "+447700900456");
}

TEST_F(IosMessages, LegacyChatsBecomeConversationsWithOwnerAndMembers)
{
    const auto r = parseLegacy();
    ASSERT_EQ(r.records.conversations.size(), 2u);
    const auto *sms = conversationWithKey(r.records, "1");
    ASSERT_NE(sms, nullptr);
    EXPECT_FALSE(sms->group);
    EXPECT_EQ(sms->participantKeys, (std::vector<std::string>{"+447700900999", "+447700900123"}));
    EXPECT_EQ(sms->origin.table, "chat");
    EXPECT_EQ(sms->origin.rowid, 1);
    const auto *group = conversationWithKey(r.records, "2");
    ASSERT_NE(group, nullptr);
    EXPECT_TRUE(group->group);
    EXPECT_EQ(group->title, "Football team");
    EXPECT_EQ(group->participantKeys,
              (std::vector<std::string>{"owner@example.com", "sam.coach@example.com", "+447700900456"}));
    EXPECT_EQ(countMessagesIn(r.records, "1"), 2u);
    EXPECT_EQ(countMessagesIn(r.records, "2"), 3u);

    const auto *ownerPhone = accountWithKey(r.records, "+447700900999");
    ASSERT_NE(ownerPhone, nullptr);
    EXPECT_TRUE(ownerPhone->owner);
    EXPECT_EQ(ownerPhone->phone, "+447700900999");
    const auto *ownerMail = accountWithKey(r.records, "owner@example.com");
    ASSERT_NE(ownerMail, nullptr);
    EXPECT_TRUE(ownerMail->owner);
    EXPECT_EQ(ownerMail->email, "owner@example.com");
    const auto *coach = accountWithKey(r.records, "sam.coach@example.com");
    ASSERT_NE(coach, nullptr);
    EXPECT_FALSE(coach->owner);
    EXPECT_EQ(coach->email, "sam.coach@example.com");
    EXPECT_EQ(coach->origin.table, "handle");
    EXPECT_EQ(coach->origin.rowid, 2);
    EXPECT_EQ(accountWithKey(r.records, "+447700900123")->phone, "+447700900123");
    EXPECT_EQ(accountWithKey(r.records, ""), nullptr);   // every owner id is known here
}

TEST_F(IosMessages, LegacyAttachmentKeepsPathNameMimeAndSize)
{
    const auto r = parseLegacy();
    const model::MessageRecord *photo = nullptr;
    for (const auto &m : r.records.messages)
        photo = m.origin.rowid == 3 ? &m : photo;
    ASSERT_NE(photo, nullptr);
    EXPECT_EQ(photo->text, "");   // the U+FFFC placeholder is dropped
    EXPECT_EQ(photo->type, "media");
    EXPECT_EQ(photo->status, "unread");
    EXPECT_EQ(photo->senderKey, "sam.coach@example.com");
    ASSERT_EQ(photo->attachments.size(), 1u);
    const auto &a = photo->attachments[0];
    EXPECT_EQ(a.fileName, "IMG_0001.jpeg");
    EXPECT_EQ(a.devicePath, "~/Library/SMS/Attachments/ab/11/A1/IMG_0001.jpeg");
    EXPECT_EQ(a.mimeType, "image/jpeg");
    EXPECT_EQ(a.size, 123456);
    EXPECT_EQ(a.origin.table, "attachment");
    EXPECT_EQ(a.origin.rowid, 1);
}

TEST_F(IosMessages, ModernNanosecondDatesTextFromAttributedBodyAndCallerId)
{
    const auto r = parseModern();
    ASSERT_TRUE(r.accepted);
    EXPECT_TRUE(r.errors.empty());
    ASSERT_EQ(r.records.messages.size(), 7u);

    const auto *in = messageWithText(r.records, "see you at the pitch");
    ASSERT_NE(in, nullptr);
    EXPECT_EQ(in->text, "see you at the pitch");   // message.text is NULL: decoded from attributedBody
    EXPECT_EQ(in->direction, Direction::Incoming);
    EXPECT_EQ(in->senderKey, "+447700900123");
    EXPECT_EQ(toIso8601(*in->sent), "2026-03-01T10:00:00.25Z");
    EXPECT_EQ(in->status, "read");

    const auto *longText = messageWithText(r.records, "north pitch");
    ASSERT_NE(longText, nullptr);
    EXPECT_EQ(longText->text, kLongText);   // over 127 bytes: a two-byte length in the archive

    const auto *out = messageWithText(r.records, "running late");
    ASSERT_NE(out, nullptr);
    EXPECT_EQ(out->direction, Direction::Outgoing);
    EXPECT_EQ(out->senderKey, "+447700900999");   // destination_caller_id before account
    EXPECT_EQ(out->status, "read");
    EXPECT_EQ(toIso8601(*out->read), "2026-03-01T10:01:10Z");

    const auto *owner = accountWithKey(r.records, "+447700900999");
    ASSERT_NE(owner, nullptr);
    EXPECT_TRUE(owner->owner);
    EXPECT_EQ(conversationWithKey(r.records, "1")->participantKeys,
              (std::vector<std::string>{"owner@example.com", "+447700900123"}));
}

TEST_F(IosMessages, ModernUnsentRecentlyDeletedTapbackAndSticker)
{
    const auto r = parseModern();
    std::map<std::int64_t, const model::MessageRecord *> byRow;
    for (const auto &m : r.records.messages)
        byRow[*m.origin.rowid] = &m;
    ASSERT_EQ(byRow.size(), 7u);

    EXPECT_TRUE(byRow[3]->deletedInApp);   // unsent (date_retracted)
    EXPECT_EQ(byRow[3]->type, "deleted");
    EXPECT_EQ(byRow[3]->direction, Direction::Outgoing);

    const auto *recent = byRow[4];   // in "Recently Deleted": only chat_recoverable_message_join
    EXPECT_TRUE(recent->deletedInApp);
    EXPECT_EQ(recent->text, "what time is the match?");
    EXPECT_EQ(recent->conversationKey, "2");
    EXPECT_EQ(recent->senderKey, "coach@example.com");

    EXPECT_EQ(byRow[5]->type, "reaction");
    EXPECT_FALSE(byRow[5]->deletedInApp);
    EXPECT_EQ(byRow[6]->type, "sticker");
    ASSERT_EQ(byRow[6]->attachments.size(), 1u);
    EXPECT_EQ(byRow[6]->attachments[0].mimeType, "image/heic");
    EXPECT_EQ(byRow[6]->attachments[0].size, 2048);
    EXPECT_FALSE(byRow[2]->deletedInApp);
}

TEST_F(IosMessages, MessageWithoutChatGetsAConversationOfItsHandle)
{
    const auto r = parseNewDatabase(kRegister, kId, dir / "sms.db", std::string(kLegacyDdl) + R"SQL(
INSERT INTO handle VALUES (1, '+447700900123', 'gb', 'SMS', NULL);
INSERT INTO message (ROWID, guid, text, handle_id, date, is_from_me) VALUES (9, 'G9', 'lost thread', 1, 794052000, 0);
INSERT INTO message (ROWID, guid, text, handle_id, date, is_from_me) VALUES (10, 'G10', 'no account known', 1, 794052001, 1);
)SQL", kDevicePath);
    ASSERT_TRUE(r.errors.empty());
    ASSERT_EQ(r.records.messages.size(), 2u);
    EXPECT_EQ(r.records.messages[0].conversationKey, "handle:+447700900123");
    const auto *c = conversationWithKey(r.records, "handle:+447700900123");
    ASSERT_NE(c, nullptr);
    EXPECT_EQ(c->participantKeys, (std::vector<std::string>{"", "+447700900123"}));
    EXPECT_EQ(r.records.messages[1].senderKey, "");   // the device owner, id unknown
    const auto *owner = accountWithKey(r.records, "");
    ASSERT_NE(owner, nullptr);
    EXPECT_TRUE(owner->owner);
}

TEST_F(IosMessages, NullFieldsAndBinaryJunkAreKept)
{
    const auto r = parseNewDatabase(kRegister, kId, dir / "sms.db", std::string(kLegacyDdl) + R"SQL(
INSERT INTO handle VALUES (1, X'0102FF', NULL, 'SMS', NULL);
INSERT INTO message (ROWID, guid, text, handle_id, date, is_from_me, attributedBody, account) VALUES
  (1, 'J1', NULL, NULL, NULL, NULL, NULL, NULL),
  (2, 'J2', X'68690080FEFF00', 1, 'not a date', 0, X'00FF00FF', X'FF'),
  (3, 'J3', NULL, 77, -5, 1, X'040B73747265616D7479706564', 'e:'),
  (4, 'J4', 'far future', 1, 9223372036854775807, 0, NULL, NULL);
INSERT INTO chat_message_join VALUES (42, 2);
INSERT INTO attachment (ROWID, guid, filename, mime_type, total_bytes) VALUES (1, 'A', NULL, NULL, -3);
INSERT INTO message_attachment_join VALUES (2, 1);
)SQL", kDevicePath);
    ASSERT_TRUE(r.errors.empty());
    ASSERT_EQ(r.records.messages.size(), 4u);
    const auto &empty = r.records.messages[0];
    EXPECT_EQ(empty.direction, Direction::Incoming);
    EXPECT_FALSE(empty.sent);
    EXPECT_TRUE(empty.text.empty());
    EXPECT_FALSE(empty.conversationKey.empty());
    const auto &junk = r.records.messages[1];
    EXPECT_EQ(junk.text, "hi\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");
    EXPECT_EQ(junk.senderKey, "\x01\x02\xEF\xBF\xBD");
    EXPECT_FALSE(junk.sent);
    EXPECT_EQ(junk.conversationKey, "42");   // chat row missing: still a conversation
    ASSERT_NE(conversationWithKey(r.records, "42"), nullptr);
    ASSERT_EQ(junk.attachments.size(), 1u);
    EXPECT_FALSE(junk.attachments[0].size);   // negative size dropped
    const auto &truncatedBody = r.records.messages[2];
    EXPECT_TRUE(truncatedBody.text.empty());
    EXPECT_EQ(truncatedBody.senderKey, "");
    EXPECT_EQ(toIso8601(*truncatedBody.sent), "2000-12-31T23:59:55Z");   // -5 s: before 2001, still a time
    EXPECT_FALSE(r.records.messages[3].sent);   // out of range, not an overflowed time
}

TEST_F(IosMessages, RejectsOtherDatabases)
{
    const auto sms = dir / "mmssms.db";
    createDatabase(sms, "CREATE TABLE sms (_id INTEGER PRIMARY KEY, thread_id INTEGER, address TEXT, date INTEGER, "
                        "type INTEGER, body TEXT); CREATE TABLE threads (_id INTEGER PRIMARY KEY, recipient_ids TEXT);");
    EXPECT_FALSE(parseDatabase(kRegister, kId, sms).accepted);
    // Another app with a "message" table (no handle table, other columns).
    const auto other = dir / "other.db";
    createDatabase(other, "CREATE TABLE message (id INTEGER PRIMARY KEY, chat_id INTEGER, text TEXT, date INTEGER, "
                          "outgoing INTEGER); CREATE TABLE contact (id INTEGER, name TEXT);");
    EXPECT_FALSE(parseDatabase(kRegister, kId, other).accepted);
}

std::string manyMessages(int n)
{
    std::string sql = std::string(kLegacyDdl) + "INSERT INTO handle VALUES (1, '+447700900123', 'gb', 'SMS', NULL);"
                    + "INSERT INTO chat (ROWID, guid, style, account_login) VALUES (1, 'c1', 45, 'P:+447700900999');"
                    + "INSERT INTO chat_handle_join VALUES (1, 1);";
    for (int i = 1; i <= n; ++i) {
        const std::string id = std::to_string(i);
        sql += "INSERT INTO message (ROWID, guid, text, handle_id, date, is_from_me) VALUES (" + id + ", 'G" + id
             + "', 'message number " + id + " with some padding to fill the pages of the table quickly', 1, "
             + std::to_string(kT0 + i) + ", " + std::to_string(i % 2) + ");"
             + "INSERT INTO chat_message_join VALUES (1, " + id + ");";
    }
    return sql;
}

TEST_F(IosMessages, TruncatedDatabaseGivesAnErrorAndKeepsWhatItRead)
{
    expectTruncationKeepsSome(kParser, dir / "full.db", "BEGIN;" + manyMessages(3000) + "COMMIT;", messageCount, 3000,
                              "message");
}

TEST_F(IosMessages, CorruptPagesGiveAnErrorNotACrash)
{
    // Past the schema (sqlite_master spills onto pages 22-23 with Messages' long DDL).
    expectCorruptPagesReported(kParser, dir / "corrupt.db", "BEGIN;" + manyMessages(3000) + "COMMIT;", 4096 * 60,
                               4096 * 10, messageCount, 3000);
}

TEST_F(IosMessages, GarbageIsNotOpened)
{
    expectGarbageRefused(kParser, dir / "garbage.db");
}

TEST_F(IosMessages, AMessageOnlyInTheWalIsFoundAndMarked)
{
    const auto db = dir / "sms.db";
    createDatabaseWithWal(db, std::string(kLegacyDdl) + kLegacyRows,
                          "INSERT INTO message (ROWID, guid, text, handle_id, date, is_from_me) VALUES "
                          "(6, 'G6', 'only in the wal', 1, 794059999, 0);"
                          "INSERT INTO chat_message_join VALUES (1, 6);");
    const auto withWal = expectWalOnlyRecord(kParser, db, messageWithTextIn("only in the wal"),
                                             messageWithTextIn("coming to practice"), messageCount);
    const auto *recent = messageWithText(withWal.records, "only in the wal");
    ASSERT_NE(recent, nullptr);
    EXPECT_EQ(recent->conversationKey, "1");
}

TEST(IosMessagesExternal, PublicSampleHasTenMessages)
{
    const auto sample = externalFile("chat/sqlite_imessage_chat.db");
    if (!sample)
        GTEST_SKIP() << "external test data not found (../shared/testdata/external/chat/sqlite_imessage_chat.db)";
    const auto r = parseDatabase(kRegister, kId, *sample, "/Users/ken/Library/Messages/chat.db");
    ASSERT_TRUE(r.accepted);
    EXPECT_TRUE(r.errors.empty());
    // Checked by hand: sqlite3 sqlite_imessage_chat.db "select ROWID, is_from_me, date, date_read,
    //   date_delivered, is_sent, error, handle_id, account from message" and "select * from chat".
    ASSERT_EQ(r.records.messages.size(), 10u);
    EXPECT_EQ(r.records.conversations.size(), 7u);
    EXPECT_EQ(countMessagesIn(r.records, "1"), 8u);
    EXPECT_EQ(countMessagesIn(r.records, "2"), 2u);

    const auto *first = messageWithText(r.records, "Hey Kenneth, it's Eireanne!");
    ASSERT_NE(first, nullptr);
    EXPECT_EQ(first->origin.rowid, 1);
    EXPECT_EQ(first->direction, Direction::Incoming);
    EXPECT_EQ(first->senderKey, "447775455555");
    EXPECT_EQ(first->status, "read");
    EXPECT_EQ(toIso8601(*first->sent), "2015-11-22T18:09:46Z");   // 469908586 s after 2001

    const auto *office = messageWithText(r.records, "Yes, but I can get you a copy of it.");
    ASSERT_NE(office, nullptr);
    EXPECT_EQ(office->direction, Direction::Outgoing);
    EXPECT_EQ(office->senderKey, "ken.doh@icloud.com");   // account "e:ken.doh@icloud.com"
    EXPECT_EQ(office->recipientKeys, std::vector<std::string>{"447775455555"});
    EXPECT_EQ(office->status, "delivered");   // date_delivered 469999497
    EXPECT_EQ(toIso8601(*office->sent), "2015-11-23T19:24:56Z");

    const auto *gotIt = messageWithText(r.records, "Yes, did you get it?");
    ASSERT_NE(gotIt, nullptr);
    EXPECT_EQ(gotIt->conversationKey, "2");
    EXPECT_EQ(gotIt->status, "read");
    EXPECT_EQ(toIso8601(*gotIt->read), "2016-03-14T14:31:05Z");   // date_read 479658665

    const auto *owner = accountWithKey(r.records, "ken.doh@icloud.com");
    ASSERT_NE(owner, nullptr);
    EXPECT_TRUE(owner->owner);
    const auto *chat = conversationWithKey(r.records, "1");
    ASSERT_NE(chat, nullptr);
    EXPECT_FALSE(chat->group);
    EXPECT_EQ(chat->participantKeys, (std::vector<std::string>{"ken.doh@icloud.com", "447775455555"}));
}

TEST(IosMessagesExternal, OtherAppsPublicSamplesAreNotAccepted)
{
    expectSamplesNotAccepted({kRegister, kId},
                             {"android_contacts2.db", "android_mmssms.db", "chrome_History", "firefox_places.sqlite",
                              "ios_kik.sqlite", "safari_History.db", "sqlite_skype_main.db", "wal_database.db"});
}

} // namespace
} // namespace vigil::test
