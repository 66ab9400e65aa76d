// SPDX-License-Identifier: GPL-3.0-or-later
// WhatsApp Android parser tests. The CREATE TABLE statements are the app's own DDL for the
// tables the parser reads (and some it does not), as dumped from real databases of each era:
//  - current schema, 2025: from a full `.schema` dump of a 2025 msgstore.db,
//  - current schema, 2023: msgstore.db as of October 2023 (no group_participant_user, no jid_map),
//  - legacy schema, ~2018: messages/chat_list/call_logs with the first jid table,
//  - legacy schema, ~2017: messages/chat_list/group_participants only,
//  - wa.db, 2026: wa_contacts as the app created it in January 2026.
// The 2025 schema and wa.db are read from tests/data/ddl/ (ddl()), shared with the demo evidence.
// All rows are synthetic and benign; the phone numbers are from the UK's drama range (07700 900xxx).
#include "plugins/parsers/whatsapp-android/whatsappandroid.h"

#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <set>

#include "core/util/timeutil.h"
#include "plugins/api/collectingsink.h"
#include "plugins/api/recordemitter.h"
#include "plugins/api/registry.h"
#include "plugins/api/sqlitedb.h"
#include "tests/plugins/parsers/parsertest.h"

namespace vigil::test {
namespace {

using model::Direction;
using model::RecordSource;

const RegisterFn kRegister = plugins::registerWhatsAppAndroidPlugin;
constexpr const char *kId = "whatsapp-android";
constexpr const char *kDevicePath = "/data/data/com.whatsapp/databases/msgstore.db";
const ParserUnderTest kParser{kRegister, kId, kDevicePath};

constexpr const char *kAlex = "447700900123@s.whatsapp.net";
constexpr const char *kSam = "447700900456@s.whatsapp.net";
constexpr const char *kJo = "447700900789@s.whatsapp.net";
constexpr const char *kRobin = "447700900321@s.whatsapp.net";
constexpr const char *kGroup = "120363001234567890@g.us";

// msgstore.db, 2025 (current schema): ddl("whatsapp_msgstore_2025"), the tables the parser
// reads and a few beside them (tests/data/ddl/, shared with the demo evidence).

// 2026-03-01T10:00:00Z in milliseconds, as WhatsApp stores times.
constexpr std::int64_t kT0 = 1772359200000;

std::string ms(std::int64_t offsetMillis)
{
    return std::to_string(kT0 + offsetMillis);
}

// Two 1:1 chats (Alex, Sam), a group with three members (one stored as a LID mapped to a phone
// JID, one through a device JID), a status update, a chat row that is missing, media, a system
// message, a revoked message, a location and three calls.
std::string currentRows()
{
    return R"SQL(
INSERT INTO props (_id, key, value) VALUES (3, 'user_push_name', 'Chris');
INSERT INTO jid (_id, user, server, agent, device, type, raw_string) VALUES
  (1, '447700900123', 's.whatsapp.net', 0, 0, 0, '447700900123@s.whatsapp.net'),
  (2, '447700900456', 's.whatsapp.net', 0, 0, 0, '447700900456@s.whatsapp.net'),
  (3, '120363001234567890', 'g.us', 0, 0, 1, '120363001234567890@g.us'),
  (4, '447700900789', 's.whatsapp.net', 0, 0, 0, '447700900789@s.whatsapp.net'),
  (5, '98765432109876', 'lid', 0, 0, 0, '98765432109876@lid'),
  (6, '447700900456', 's.whatsapp.net', 0, 2, 0, '447700900456.0:2@s.whatsapp.net'),
  (7, '447700900321', 's.whatsapp.net', 0, 0, 0, NULL),
  (8, 'status', 'broadcast', 0, 0, 0, 'status@broadcast');
INSERT INTO jid_map (lid_row_id, jid_row_id, sort_id) VALUES (5, 7, 0);
INSERT INTO chat (_id, jid_row_id, hidden, subject, created_timestamp) VALUES
  (10, 1, 0, NULL, 1772272800000), (11, 3, 0, 'Football practice', 1772272800500), (12, 2, 0, NULL, NULL),
  (13, 8, 0, NULL, NULL);
INSERT INTO group_participant_user (_id, group_jid_row_id, user_jid_row_id, rank, pending) VALUES
  (1, 3, 4, 2, 0), (2, 3, 2, 0, 0), (3, 3, 5, 0, 0);
INSERT INTO message (_id, chat_row_id, from_me, key_id, sender_jid_row_id, status, timestamp, received_timestamp,
                     message_type, text_data, sort_id) VALUES
  (101, 10, 0, 'K101', 0, 0, )SQL" + ms(0) + R"SQL(, NULL, 0, 'are you coming to practice?', 101),
  (102, 10, 1, 'K102', 0, 13, )SQL" + ms(60500) + R"SQL(, NULL, 0, 'yes, see you at six', 102),
  (103, 10, 1, 'K103', 0, 5, )SQL" + ms(120000) + R"SQL(, NULL, 1, 'the new kit', 103),
  (104, 11, 0, 'K104', 4, 0, )SQL" + ms(180000) + R"SQL(, NULL, 0, 'training moved to the east field', 104),
  (105, 11, 0, 'K105', 5, 0, )SQL" + ms(240000) + R"SQL(, NULL, 0, 'thanks for letting us know', 105),
  (106, 11, 0, 'K106', 6, 0, )SQL" + ms(300000) + R"SQL(, NULL, 0, 'I will bring the cones', 106),
  (107, 11, 1, 'K107', 0, 6, )SQL" + ms(-3600000) + R"SQL(, NULL, 7, NULL, 107),
  (108, 10, 0, 'K108', 0, 0, )SQL" + ms(360000) + R"SQL(, NULL, 15, NULL, 108),
  (109, 12, 0, 'K109', 0, 0, )SQL" + ms(420000) + R"SQL(, NULL, 5, NULL, 109),
  (110, 12, 1, 'K110', 0, 4, )SQL" + ms(480000) + R"SQL(, NULL, 0, 'on my way', 110),
  (111, 99, 0, 'K111', 0, 0, )SQL" + ms(540000) + R"SQL(, NULL, 0, 'from a chat that is gone', 111),
  (120, 13, 0, 'K120', 2, 0, )SQL" + ms(550000) + R"SQL(, NULL, 0, 'match day!', 120);
INSERT INTO message_media (message_row_id, chat_row_id, file_path, file_size, mime_type, file_length, media_name, file_hash)
  VALUES (103, 10, 'Media/WhatsApp Images/Sent/IMG-20260301-WA0001.jpg', 123456, 'image/jpeg', 123456, NULL,
          'n4bQgYhMfWWaL+qgxVrQFaO/TxsrC4Is0V1sFbDwCgg=');
INSERT INTO message_system (message_row_id, action_type) VALUES (107, 11);
INSERT INTO message_revoked (message_row_id, revoked_key_id, admin_jid_row_id, revoke_timestamp)
  VALUES (108, 'K108', NULL, )SQL" + ms(365000) + R"SQL();
INSERT INTO message_location (message_row_id, chat_row_id, latitude, longitude, place_name)
  VALUES (109, 12, 51.5, -0.125, NULL);
INSERT INTO call_log (_id, jid_row_id, from_me, call_id, transaction_id, timestamp, video_call, duration, call_result,
                      group_jid_row_id) VALUES
  (1, 1, 0, 'CALL1', 1, )SQL" + ms(3600000) + R"SQL(, 0, 125, 5, 0),
  (2, 2, 1, 'CALL2', 2, )SQL" + ms(7200000) + R"SQL(, 1, 0, 4, 0),
  (3, 4, 0, 'CALL3', 3, )SQL" + ms(10800000) + R"SQL(, 0, 30, 5, 3);
)SQL";
}

// msgstore.db, October 2023: the current schema as that version had it (this dump has no
// group_participant_user or jid_map), with the older column order of message_media.
constexpr const char *kCurrent2023Ddl = R"SQL(
CREATE TABLE call_log (_id INTEGER PRIMARY KEY AUTOINCREMENT, jid_row_id INTEGER, from_me INTEGER, call_id TEXT, transaction_id INTEGER, timestamp INTEGER, video_call INTEGER, duration INTEGER, call_result INTEGER, bytes_transferred INTEGER, group_jid_row_id INTEGER NOT NULL DEFAULT 0, is_joinable_group_call INTEGER, call_creator_device_jid_row_id INTEGER NOT NULL DEFAULT 0, call_random_id TEXT, call_link_row_id INTEGER NOT NULL DEFAULT 0, is_dnd_mode_on INTEGER, call_type INTEGER, offer_silence_reason INTEGER, scheduled_id TEXT);
CREATE TABLE chat (_id INTEGER PRIMARY KEY AUTOINCREMENT, jid_row_id INTEGER UNIQUE, hidden INTEGER, subject TEXT, created_timestamp INTEGER, display_message_row_id INTEGER, last_message_row_id INTEGER, last_read_message_row_id INTEGER, last_read_receipt_sent_message_row_id INTEGER, last_important_message_row_id INTEGER, archived INTEGER, sort_timestamp INTEGER, mod_tag INTEGER, gen REAL, spam_detection INTEGER, unseen_earliest_message_received_time INTEGER, unseen_message_count INTEGER, unseen_missed_calls_count INTEGER, unseen_row_count INTEGER, plaintext_disabled INTEGER, vcard_ui_dismissed INTEGER, change_number_notified_message_row_id INTEGER, show_group_description INTEGER, ephemeral_expiration INTEGER, last_read_ephemeral_message_row_id INTEGER, ephemeral_setting_timestamp INTEGER, unseen_important_message_count INTEGER NOT NULL DEFAULT 0, ephemeral_disappearing_messages_initiator INTEGER, group_type INTEGER NOT NULL DEFAULT 0, last_message_reaction_row_id INTEGER, last_seen_message_reaction_row_id INTEGER, unseen_message_reaction_count INTEGER, growth_lock_level INTEGER, growth_lock_expiration_ts INTEGER, last_read_message_sort_id INTEGER, display_message_sort_id INTEGER, last_message_sort_id INTEGER, last_read_receipt_sent_message_sort_id INTEGER, has_new_community_admin_dialog_been_acknowledged INTEGER NOT NULL DEFAULT 0, history_sync_progress INTEGER, ephemeral_displayed_exemptions INTEGER, chat_lock INTEGER);
CREATE TABLE jid (_id INTEGER PRIMARY KEY AUTOINCREMENT, user TEXT NOT NULL, server TEXT NOT NULL, agent INTEGER, device INTEGER, type INTEGER, raw_string TEXT);
CREATE TABLE message (_id INTEGER PRIMARY KEY AUTOINCREMENT, chat_row_id INTEGER NOT NULL, from_me INTEGER NOT NULL, key_id TEXT NOT NULL, sender_jid_row_id INTEGER, status INTEGER, broadcast INTEGER, recipient_count INTEGER, participant_hash TEXT, origination_flags INTEGER, origin INTEGER, timestamp INTEGER, received_timestamp INTEGER, receipt_server_timestamp INTEGER, message_type INTEGER, text_data TEXT, starred INTEGER, lookup_tables INTEGER, sort_id INTEGER NOT NULL DEFAULT 0, message_add_on_flags INTEGER, view_mode INTEGER);
CREATE TABLE message_media (message_row_id INTEGER PRIMARY KEY, chat_row_id INTEGER, autotransfer_retry_enabled INTEGER, multicast_id TEXT, media_job_uuid TEXT, transferred INTEGER, transcoded INTEGER, file_path TEXT, file_size INTEGER, suspicious_content INTEGER, trim_from INTEGER, trim_to INTEGER, face_x INTEGER, face_y INTEGER, media_key BLOB, media_key_timestamp INTEGER, width INTEGER, height INTEGER, has_streaming_sidecar INTEGER, gif_attribution INTEGER, thumbnail_height_width_ratio REAL, direct_path TEXT, first_scan_sidecar BLOB, first_scan_length INTEGER, message_url TEXT, mime_type TEXT, file_length INTEGER, media_name TEXT, file_hash TEXT, media_duration INTEGER, page_count INTEGER, enc_file_hash TEXT, partial_media_hash TEXT, partial_media_enc_hash TEXT, is_animated_sticker INTEGER, original_file_hash TEXT, mute_video INTEGER DEFAULT 0, media_caption TEXT, media_upload_handle TEXT);
CREATE TABLE message_quoted (message_row_id INTEGER PRIMARY KEY AUTOINCREMENT, chat_row_id INTEGER NOT NULL, parent_message_chat_row_id INTEGER NOT NULL, from_me INTEGER NOT NULL, sender_jid_row_id INTEGER, key_id TEXT NOT NULL, timestamp INTEGER, message_type INTEGER, origin INTEGER, text_data TEXT, payment_transaction_id TEXT, lookup_tables INTEGER);
CREATE TABLE message_revoked (message_row_id INTEGER PRIMARY KEY, revoked_key_id TEXT NOT NULL, admin_jid_row_id INTEGER, revoke_timestamp INTEGER);
CREATE TABLE message_system (message_row_id INTEGER PRIMARY KEY, action_type INTEGER NOT NULL);
CREATE TABLE props (_id INTEGER PRIMARY KEY AUTOINCREMENT, key TEXT UNIQUE, value TEXT);
)SQL";

// msgstore.db, ~2018: legacy messages table, chat_list, call_logs tied to messages rows,
// and the first jid table (not yet used by messages).
constexpr const char *kLegacy2018Ddl = R"SQL(
CREATE TABLE call_log_participant (_id INTEGER PRIMARY KEY AUTOINCREMENT, call_logs_row_id INTEGER, jid TEXT, call_result INTEGER);
CREATE TABLE call_logs (_id INTEGER PRIMARY KEY AUTOINCREMENT, message_row_id INTEGER, transaction_id INTEGER, timestamp INTEGER, video_call INTEGER, duration INTEGER, call_result INTEGER, bytes_transferred INTEGER);
CREATE TABLE chat_list (_id INTEGER PRIMARY KEY AUTOINCREMENT, key_remote_jid TEXT UNIQUE, message_table_id INTEGER, subject TEXT, creation INTEGER, last_read_message_table_id INTEGER, last_read_receipt_sent_message_table_id INTEGER, archived INTEGER, sort_timestamp INTEGER, mod_tag INTEGER, gen REAL, my_messages INTEGER, plaintext_disabled BOOLEAN, last_message_table_id INTEGER, unseen_message_count INTEGER, unseen_missed_calls_count INTEGER, unseen_row_count INTEGER, vcard_ui_dismissed INTEGER, deleted_message_id INTEGER, deleted_starred_message_id INTEGER, deleted_message_categories TEXT, change_number_notified_message_id INTEGER, last_important_message_table_id INTEGER, show_group_description INTEGER, unseen_earliest_message_received_time INTEGER);
CREATE TABLE group_participants (_id INTEGER PRIMARY KEY AUTOINCREMENT, gjid TEXT NOT NULL, jid TEXT NOT NULL, admin INTEGER, pending INTEGER, sent_sender_key INTEGER);
CREATE TABLE jid ( _id INTEGER PRIMARY KEY AUTOINCREMENT, user TEXT NOT NULL, server TEXT NOT NULL, agent INTEGER, type INTEGER, raw_string TEXT);
CREATE TABLE message_thumbnails (thumbnail BLOB, timestamp DATETIME, key_remote_jid TEXT NOT NULL, key_from_me INTEGER, key_id TEXT NOT NULL);
CREATE TABLE messages (_id INTEGER PRIMARY KEY AUTOINCREMENT, key_remote_jid TEXT NOT NULL, key_from_me INTEGER, key_id TEXT NOT NULL, status INTEGER, needs_push INTEGER, data TEXT, timestamp INTEGER, media_url TEXT, media_mime_type TEXT, media_wa_type TEXT, media_size INTEGER, media_name TEXT, media_hash TEXT, media_duration INTEGER, origin INTEGER, latitude REAL, longitude REAL, thumb_image TEXT, remote_resource TEXT, received_timestamp INTEGER, send_timestamp INTEGER, receipt_server_timestamp INTEGER, receipt_device_timestamp INTEGER, raw_data BLOB, recipient_count INTEGER, read_device_timestamp INTEGER, played_device_timestamp INTEGER, media_caption TEXT, participant_hash TEXT, starred INTEGER, quoted_row_id INTEGER, mentioned_jids TEXT, multicast_id TEXT, edit_version INTEGER, media_enc_hash TEXT, payment_transaction_id TEXT, forwarded INTEGER, preview_type INTEGER, send_count INTEGER);
CREATE TABLE props (_id INTEGER PRIMARY KEY AUTOINCREMENT, key TEXT UNIQUE, value TEXT);
CREATE TABLE receipts (_id INTEGER PRIMARY KEY AUTOINCREMENT, key_remote_jid TEXT NOT NULL, key_id TEXT NOT NULL, remote_resource TEXT, receipt_device_timestamp INTEGER, read_device_timestamp INTEGER, played_device_timestamp INTEGER);
CREATE UNIQUE INDEX messages_key_index on messages (key_remote_jid, key_from_me, key_id);
CREATE UNIQUE INDEX group_participants_index on group_participants (gjid, jid);
)SQL";

// A serialised java.io.File as legacy thumb_image holds it inside com.whatsapp.MediaData, reduced
// to the parts around the path: class descriptor, the field's type string (TC_STRING 0x74,
// length 0x0012, "Ljava/lang/String;"), then the path (0x74, length 0x004A, 74 bytes).
constexpr const char *kMediaDataBlob =
    "X'ACED00057372000C6A6176612E696F2E46696C65042DA4450E0DE4FF0300014C0004706174687400124C6A6176612F6C616E672F5374"
    "72696E673B787074004A2F73746F726167652F656D756C617465642F302F57686174734170702F4D656469612F576861747341707020496D"
    "616765732F494D472D32303236303330312D5741303030322E6A70677702002F78'";

std::string legacy2018Rows()
{
    return R"SQL(
INSERT INTO props (_id, key, value) VALUES (1, 'user_push_name', 'Chris');
INSERT INTO chat_list (_id, key_remote_jid, subject, creation) VALUES
  (1, '447700900123@s.whatsapp.net', NULL, 1772272800000),
  (2, '447700900123-1600000000@g.us', 'Football practice', 1772272800000);
INSERT INTO group_participants (_id, gjid, jid, admin, pending, sent_sender_key) VALUES
  (1, '447700900123-1600000000@g.us', '', 1, 0, 0),
  (2, '447700900123-1600000000@g.us', '447700900789@s.whatsapp.net', 0, 0, 0),
  (3, '447700900123-1600000000@g.us', '447700900456@s.whatsapp.net', 0, 0, 0);
INSERT INTO messages (_id, key_remote_jid, key_from_me, key_id, status, data, timestamp, media_wa_type, media_size)
  VALUES (1, '-1', 0, '-1', -1, NULL, 0, '0', 0);
INSERT INTO messages (_id, key_remote_jid, key_from_me, key_id, status, data, timestamp, media_wa_type, media_size,
                      remote_resource, media_mime_type, media_hash, media_caption, thumb_image, media_name) VALUES
  (2, '447700900123@s.whatsapp.net', 0, 'L2', 0, 'are you coming to practice?', )SQL" + ms(0) + R"SQL(, '0', 0, NULL, NULL, NULL, NULL, NULL, NULL),
  (3, '447700900123@s.whatsapp.net', 1, 'L3', 13, 'yes, see you at six', )SQL" + ms(60000) + R"SQL(, '0', 0, NULL, NULL, NULL, NULL, NULL, NULL),
  (4, '447700900123-1600000000@g.us', 0, 'L4', 0, NULL, )SQL" + ms(120000) + R"SQL(, '1', 2048,
     '447700900789@s.whatsapp.net', 'image/jpeg', 'CwaEqZD2RWAyqPqTyuEWmzKbYkJ7mpBXFmIiKSY1d4s=', 'the new kit', )SQL"
           + std::string(kMediaDataBlob) + R"SQL(, NULL),
  (5, '447700900123-1600000000@g.us', 0, 'L5', 6, NULL, )SQL" + ms(-3600000) + R"SQL(, '0', 11,
     '447700900789@s.whatsapp.net', NULL, NULL, NULL, NULL, NULL),
  (6, '447700900123@s.whatsapp.net', 0, 'L6', 0, NULL, )SQL" + ms(180000) + R"SQL(, '15', 0, NULL, NULL, NULL, NULL, NULL, NULL),
  (7, '447700900123@s.whatsapp.net', 0, 'call:L7', 6, NULL, )SQL" + ms(240000) + R"SQL(, '8', 0, NULL, NULL, NULL, 'video', NULL, NULL),
  (8, '447700900123@s.whatsapp.net', 1, 'L8', 5, NULL, )SQL" + ms(300000) + R"SQL(, '9', 5120, NULL, 'application/pdf',
     'Zm9vYmFy', NULL, NULL, 'training-plan.pdf');
INSERT INTO call_logs (_id, message_row_id, transaction_id, timestamp, video_call, duration, call_result, bytes_transferred)
  VALUES (1, 7, 1, )SQL" + ms(240000) + R"SQL(, 1, 42, 5, 1000);
)SQL";
}

// msgstore.db, ~2017: messages, chat_list, group_participants; no jid, no calls.
constexpr const char *kLegacy2017MessagesDdl = R"SQL(
CREATE TABLE messages (_id INTEGER PRIMARY KEY AUTOINCREMENT, key_remote_jid TEXT NOT NULL, key_from_me INTEGER, key_id TEXT NOT NULL, status INTEGER, needs_push INTEGER, data TEXT, timestamp INTEGER, media_url TEXT, media_mime_type TEXT, media_wa_type TEXT, media_size INTEGER, media_name TEXT, media_caption TEXT, media_hash TEXT, media_duration INTEGER, origin INTEGER, latitude REAL, longitude REAL, thumb_image TEXT, remote_resource TEXT, received_timestamp INTEGER, send_timestamp INTEGER, receipt_server_timestamp INTEGER, receipt_device_timestamp INTEGER, read_device_timestamp INTEGER, played_device_timestamp INTEGER, raw_data BLOB, recipient_count INTEGER, participant_hash TEXT, starred INTEGER, quoted_row_id INTEGER, mentioned_jids TEXT, multicast_id TEXT, edit_version INTEGER, media_enc_hash TEXT);
CREATE UNIQUE INDEX messages_key_index on messages (key_remote_jid, key_from_me, key_id);
)SQL";
constexpr const char *kLegacy2017OtherDdl = R"SQL(
CREATE TABLE chat_list (_id INTEGER PRIMARY KEY AUTOINCREMENT, key_remote_jid TEXT UNIQUE, message_table_id INTEGER, subject TEXT, creation INTEGER, last_read_message_table_id INTEGER, last_read_receipt_sent_message_table_id INTEGER, archived INTEGER, sort_timestamp INTEGER, mod_tag INTEGER, gen REAL, my_messages INTEGER, plaintext_disabled BOOLEAN, last_message_table_id INTEGER, unseen_message_count INTEGER, unseen_missed_calls_count INTEGER, unseen_row_count INTEGER, vcard_ui_dismissed INTEGER);
CREATE TABLE props (_id INTEGER PRIMARY KEY AUTOINCREMENT, key TEXT UNIQUE, value TEXT);
CREATE TABLE group_participants (_id INTEGER PRIMARY KEY AUTOINCREMENT, gjid TEXT NOT NULL, jid TEXT NOT NULL, admin INTEGER, pending INTEGER, sent_sender_key INTEGER);
CREATE UNIQUE INDEX group_participants_index on group_participants (gjid, jid);
)SQL";

// wa.db, January 2026: ddl("whatsapp_wa_db") (tests/data/ddl/, shared with the demo evidence).

constexpr const char *kWaDbRows = R"SQL(
INSERT INTO wa_contacts (_id, jid, is_whatsapp_user, status, number, raw_contact_id, display_name, given_name, family_name,
                         wa_name, company) VALUES
  (1, '447700900123@s.whatsapp.net', 1, 'Hey there!', '+44 7700 900123', 74, 'Alex Morgan', 'Alex', 'Morgan', 'Alex M', 'Riverside FC'),
  (2, '120363001234567890@g.us', 1, NULL, NULL, NULL, 'Football practice', NULL, NULL, NULL, NULL),
  (3, '447700900999@s.whatsapp.net', 0, NULL, '07700 900999', 75, NULL, 'Pat', 'Lee', NULL, NULL),
  (4, '447700900456@s.whatsapp.net', 1, 'at school', NULL, NULL, NULL, NULL, NULL, 'Sam', NULL),
  (5, 'status@broadcast', 1, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL);
)SQL";

class WhatsAppAndroid : public ::testing::Test {
protected:
    ParseResult parse(const std::string &sql, const std::string &name = "msgstore.db")
    {
        return parseNewDatabase(kRegister, kId, dir / name, sql, kDevicePath);
    }
    ParseResult parseCurrent() { return parse(ddl("whatsapp_msgstore_2025") + currentRows()); }
    ScratchDir dir;
};

TEST_F(WhatsAppAndroid, CurrentSchemaMessagesHaveDirectionSenderTimeAndStatus)
{
    const auto r = parseCurrent();
    ASSERT_TRUE(r.accepted);
    EXPECT_TRUE(r.errors.empty()) << (r.errors.empty() ? "" : r.errors[0].toString());
    EXPECT_EQ(r.records.app, "whatsapp");
    EXPECT_EQ(r.records.appName, "WhatsApp");
    ASSERT_EQ(r.records.messages.size(), 12u);

    const auto *in = messageWithText(r.records, "are you coming to practice?");
    ASSERT_NE(in, nullptr);
    EXPECT_EQ(in->direction, Direction::Incoming);
    EXPECT_EQ(in->senderKey, kAlex);
    EXPECT_EQ(in->conversationKey, kAlex);
    EXPECT_EQ(in->status, "received");
    EXPECT_EQ(in->type, "text");
    EXPECT_EQ(toIso8601(*in->sent), "2026-03-01T10:00:00Z");
    EXPECT_EQ(in->origin.table, "message");
    EXPECT_EQ(in->origin.rowid, 101);
    EXPECT_EQ(in->origin.source, RecordSource::Live);

    const auto *out = messageWithText(r.records, "yes, see you at six");
    ASSERT_NE(out, nullptr);
    EXPECT_EQ(out->direction, Direction::Outgoing);
    EXPECT_EQ(out->senderKey, "");
    EXPECT_EQ(out->status, "read");
    EXPECT_EQ(toIso8601(*out->sent), "2026-03-01T10:01:00.5Z");
    EXPECT_TRUE(out->recipientKeys.empty());
    EXPECT_EQ(messageWithText(r.records, "on my way")->status, "sent");
}

TEST_F(WhatsAppAndroid, CurrentSchemaGroupSendersResolveLidsAndDeviceJids)
{
    const auto r = parseCurrent();
    const auto *jo = messageWithText(r.records, "east field");
    ASSERT_NE(jo, nullptr);
    EXPECT_EQ(jo->conversationKey, kGroup);
    EXPECT_EQ(jo->senderKey, kJo);
    EXPECT_EQ(jo->direction, Direction::Incoming);
    // Sender stored as a LID: the phone-number JID jid_map pairs it with is the key.
    EXPECT_EQ(messageWithText(r.records, "thanks for letting us know")->senderKey, kRobin);
    EXPECT_EQ(accountWithKey(r.records, "98765432109876@lid"), nullptr);
    // Sender stored as one of Sam's devices: Sam's account.
    EXPECT_EQ(messageWithText(r.records, "bring the cones")->senderKey, kSam);
    EXPECT_EQ(accountWithKey(r.records, "447700900456.0:2@s.whatsapp.net"), nullptr);
    // A status update names its poster; the status "chat" is no account.
    const auto *status = messageWithText(r.records, "match day!");
    ASSERT_NE(status, nullptr);
    EXPECT_EQ(status->conversationKey, "status@broadcast");
    EXPECT_EQ(status->senderKey, kSam);
    EXPECT_EQ(accountWithKey(r.records, "status@broadcast"), nullptr);
    EXPECT_EQ(conversationWithKey(r.records, "status@broadcast")->participantKeys, std::vector<std::string>{""});
}

TEST_F(WhatsAppAndroid, CurrentSchemaChatsBecomeConversationsWithParticipants)
{
    const auto r = parseCurrent();
    const auto *group = conversationWithKey(r.records, kGroup);
    ASSERT_NE(group, nullptr);
    EXPECT_TRUE(group->group);
    EXPECT_EQ(group->title, "Football practice");
    EXPECT_EQ(group->participantKeys, (std::vector<std::string>{"", kJo, kSam, kRobin}));
    EXPECT_EQ(toIso8601(*group->created), "2026-02-28T10:00:00.5Z");
    EXPECT_EQ(group->origin.table, "chat");
    EXPECT_EQ(group->origin.rowid, 11);

    const auto *alex = conversationWithKey(r.records, kAlex);
    ASSERT_NE(alex, nullptr);
    EXPECT_FALSE(alex->group);
    EXPECT_EQ(alex->participantKeys, (std::vector<std::string>{"", kAlex}));
    EXPECT_EQ(countMessagesIn(r.records, kAlex), 4u);
    EXPECT_EQ(countMessagesIn(r.records, kGroup), 4u);
    EXPECT_EQ(countMessagesIn(r.records, kSam), 2u);
    EXPECT_FALSE(conversationWithKey(r.records, kSam)->created);

    // A message whose chat row is gone keeps a conversation of its own.
    const auto *orphan = messageWithText(r.records, "from a chat that is gone");
    ASSERT_NE(orphan, nullptr);
    EXPECT_EQ(orphan->conversationKey, "chat:99");
    ASSERT_NE(conversationWithKey(r.records, "chat:99"), nullptr);
}

TEST_F(WhatsAppAndroid, CurrentSchemaAccountsAndOwner)
{
    const auto r = parseCurrent();
    const auto *owner = accountWithKey(r.records, "");
    ASSERT_NE(owner, nullptr);
    EXPECT_TRUE(owner->owner);
    EXPECT_EQ(owner->displayName, "Chris");
    EXPECT_EQ(owner->origin.table, "props");
    EXPECT_EQ(owner->origin.rowid, 3);
    std::size_t owners = 0;
    for (const auto &a : r.records.accounts)
        owners += a.owner ? 1 : 0;
    EXPECT_EQ(owners, 1u);

    const auto *alex = accountWithKey(r.records, kAlex);
    ASSERT_NE(alex, nullptr);
    EXPECT_EQ(alex->phone, "+447700900123");
    EXPECT_FALSE(alex->owner);
    EXPECT_EQ(alex->origin.table, "jid");
    EXPECT_EQ(alex->origin.rowid, 1);
    const auto *robin = accountWithKey(r.records, kRobin);
    ASSERT_NE(robin, nullptr);   // raw_string NULL: built from user and server
    EXPECT_EQ(robin->phone, "+447700900321");
    EXPECT_EQ(robin->origin.rowid, 7);
    EXPECT_EQ(accountWithKey(r.records, kGroup), nullptr);   // a group is a conversation here
}

TEST_F(WhatsAppAndroid, CurrentSchemaMediaBecomesAnAttachment)
{
    const auto r = parseCurrent();
    const auto *m = messageWithText(r.records, "the new kit");
    ASSERT_NE(m, nullptr);
    EXPECT_EQ(m->type, "media");
    EXPECT_EQ(m->status, "delivered");
    ASSERT_EQ(m->attachments.size(), 1u);
    const auto &a = m->attachments[0];
    EXPECT_EQ(a.devicePath, "Media/WhatsApp Images/Sent/IMG-20260301-WA0001.jpg");
    EXPECT_EQ(a.fileName, "IMG-20260301-WA0001.jpg");
    EXPECT_EQ(a.mimeType, "image/jpeg");
    EXPECT_EQ(a.size, 123456);
    EXPECT_EQ(a.appHash, "n4bQgYhMfWWaL+qgxVrQFaO/TxsrC4Is0V1sFbDwCgg=");
    EXPECT_EQ(a.origin.table, "message_media");
    EXPECT_EQ(a.origin.rowid, 103);
}

TEST_F(WhatsAppAndroid, CurrentSchemaSystemRevokedAndLocationMessages)
{
    const auto r = parseCurrent();
    const auto *system = messageWithText(r.records, "[created the group]");
    ASSERT_NE(system, nullptr);
    EXPECT_EQ(system->type, "system");
    EXPECT_EQ(system->status, "");
    EXPECT_EQ(system->origin.rowid, 107);
    EXPECT_EQ(toIso8601(*system->sent), "2026-03-01T09:00:00Z");

    const model::MessageRecord *revoked = nullptr;
    for (const auto &m : r.records.messages)
        revoked = m.origin.rowid == 108 ? &m : revoked;
    ASSERT_NE(revoked, nullptr);
    EXPECT_TRUE(revoked->deletedInApp);
    EXPECT_EQ(revoked->type, "deleted");
    EXPECT_EQ(revoked->senderKey, kAlex);

    const auto *location = messageWithText(r.records, "Location: 51.5, -0.125");
    ASSERT_NE(location, nullptr);
    EXPECT_EQ(location->type, "location");
    EXPECT_EQ(location->conversationKey, kSam);
    EXPECT_FALSE(messageWithText(r.records, "on my way")->deletedInApp);
}

TEST_F(WhatsAppAndroid, CurrentSchemaCallsBecomeCallRecords)
{
    const auto r = parseCurrent();
    ASSERT_EQ(r.records.calls.size(), 3u);
    const auto *answered = callWithRowid(r.records, 1);
    ASSERT_NE(answered, nullptr);
    EXPECT_EQ(answered->accountKey, kAlex);
    EXPECT_EQ(answered->conversationKey, kAlex);
    EXPECT_EQ(answered->direction, Direction::Incoming);
    EXPECT_EQ(toIso8601(*answered->started), "2026-03-01T11:00:00Z");
    EXPECT_EQ(answered->durationSeconds, 125);
    EXPECT_FALSE(answered->video);
    EXPECT_EQ(answered->status, "answered");
    EXPECT_EQ(answered->origin.table, "call_log");

    const auto *missed = callWithRowid(r.records, 2);
    ASSERT_NE(missed, nullptr);
    EXPECT_EQ(missed->direction, Direction::Outgoing);
    EXPECT_TRUE(missed->video);
    EXPECT_EQ(missed->status, "missed");
    EXPECT_EQ(missed->durationSeconds, 0);

    const auto *group = callWithRowid(r.records, 3);
    ASSERT_NE(group, nullptr);
    EXPECT_EQ(group->accountKey, kJo);
    EXPECT_EQ(group->conversationKey, kGroup);
}

TEST_F(WhatsAppAndroid, CurrentSchema2023ParsesWithItsColumnOrder)
{
    const auto r = parse(std::string(kCurrent2023Ddl) + R"SQL(
INSERT INTO jid (_id, user, server, agent, device, type, raw_string) VALUES
  (252, '447700900123', 's.whatsapp.net', 0, 0, 0, '447700900123@s.whatsapp.net'),
  (254, '120363001234567890', 'g.us', 0, 0, 1, '120363001234567890@g.us');
INSERT INTO chat (_id, jid_row_id, hidden, subject, created_timestamp) VALUES
  (19, 254, 0, 'Football practice', 1643607839000), (148, 252, 0, NULL, 1687705763841);
INSERT INTO message VALUES (169, 19, 1, 'GROUPMSG00100', 252, 6, 0, 5, NULL, 0, 0, 1643607839000, 0, -1, 7, '', 0, 0, 169, 0, NULL);
INSERT INTO message_system VALUES (169, 12);
INSERT INTO message VALUES (750, 19, 0, 'GROUPMSG99999', 252, 0, 0, 4, NULL, 0, 0, 1661417508000, 1661417509709, -1, 3, NULL, 0, 0, 750, 0, NULL);
INSERT INTO message_media (message_row_id, chat_row_id, file_path, file_size, mime_type, media_caption, file_hash)
  VALUES (750, 19, 'Media/WhatsApp Video/VID-20220825-WA0003.mp4', 0, 'video/mp4', 'goal from saturday', 'aGFzaA==');
INSERT INTO message VALUES (7454, 148, 1, 'PERSONALMSG999900', 0, 5, 0, 0, NULL, 0, 0, 1693993938000, 1693995957435, -1, 15, NULL, 0, 0, 7454, 0, NULL);
INSERT INTO message_revoked VALUES (7454, 'PERSONALMSGDELETED', NULL, 1693993963000);
)SQL");
    ASSERT_TRUE(r.accepted);
    EXPECT_TRUE(r.errors.empty());
    ASSERT_EQ(r.records.messages.size(), 3u);
    const auto &joined = r.records.messages[0];
    EXPECT_EQ(joined.type, "system");
    EXPECT_EQ(joined.text, "[joined the group]");
    EXPECT_EQ(joined.conversationKey, kGroup);
    const auto &video = r.records.messages[1];
    EXPECT_EQ(video.text, "goal from saturday");   // the caption column of this version
    EXPECT_EQ(video.senderKey, kAlex);
    EXPECT_EQ(video.type, "media");
    ASSERT_EQ(video.attachments.size(), 1u);
    EXPECT_EQ(video.attachments[0].fileName, "VID-20220825-WA0003.mp4");
    EXPECT_FALSE(video.attachments[0].size);   // 0 is "not known"
    EXPECT_EQ(toIso8601(*video.sent), "2022-08-25T08:51:48Z");
    EXPECT_TRUE(r.records.messages[2].deletedInApp);
    EXPECT_EQ(r.records.messages[2].direction, Direction::Outgoing);
    EXPECT_EQ(conversationWithKey(r.records, kGroup)->participantKeys, std::vector<std::string>{""});
}

TEST_F(WhatsAppAndroid, LegacySchema2018MessagesChatsMembersAndCalls)
{
    const auto r = parse(std::string(kLegacy2018Ddl) + legacy2018Rows());
    ASSERT_TRUE(r.accepted);
    EXPECT_TRUE(r.errors.empty()) << (r.errors.empty() ? "" : r.errors[0].toString());
    ASSERT_EQ(r.records.messages.size(), 7u);   // the "-1" placeholder row is not a message
    const std::string group = "447700900123-1600000000@g.us";

    const auto *in = messageWithText(r.records, "are you coming to practice?");
    ASSERT_NE(in, nullptr);
    EXPECT_EQ(in->direction, Direction::Incoming);
    EXPECT_EQ(in->senderKey, kAlex);
    EXPECT_EQ(in->conversationKey, kAlex);
    EXPECT_EQ(in->origin.table, "messages");
    EXPECT_EQ(in->origin.rowid, 2);
    EXPECT_EQ(toIso8601(*in->sent), "2026-03-01T10:00:00Z");
    EXPECT_EQ(messageWithText(r.records, "see you at six")->status, "read");

    const auto *photo = messageWithText(r.records, "the new kit");
    ASSERT_NE(photo, nullptr);
    EXPECT_EQ(photo->senderKey, kJo);   // remote_resource
    EXPECT_EQ(photo->conversationKey, group);
    EXPECT_EQ(photo->type, "media");
    ASSERT_EQ(photo->attachments.size(), 1u);
    EXPECT_EQ(photo->attachments[0].devicePath,
              "/storage/emulated/0/WhatsApp/Media/WhatsApp Images/IMG-20260301-WA0002.jpg");
    EXPECT_EQ(photo->attachments[0].fileName, "IMG-20260301-WA0002.jpg");
    EXPECT_EQ(photo->attachments[0].mimeType, "image/jpeg");
    EXPECT_EQ(photo->attachments[0].size, 2048);
    EXPECT_EQ(photo->attachments[0].appHash, "CwaEqZD2RWAyqPqTyuEWmzKbYkJ7mpBXFmIiKSY1d4s=");

    const auto *created = messageWithText(r.records, "[created the group]");
    ASSERT_NE(created, nullptr);   // status 6: the action is in media_size
    EXPECT_EQ(created->type, "system");
    EXPECT_TRUE(created->attachments.empty());

    bool sawDeleted = false, sawCall = false, sawDocument = false;
    for (const auto &m : r.records.messages) {
        sawDeleted |= m.origin.rowid == 6 && m.deletedInApp && m.type == "deleted";
        sawCall |= m.origin.rowid == 7 && m.type == "call" && m.attachments.empty();
        sawDocument |= m.origin.rowid == 8 && m.attachments.size() == 1
                    && m.attachments[0].fileName == "training-plan.pdf" && m.status == "delivered";
    }
    EXPECT_TRUE(sawDeleted);
    EXPECT_TRUE(sawCall);
    EXPECT_TRUE(sawDocument);

    const auto *chat = conversationWithKey(r.records, group);
    ASSERT_NE(chat, nullptr);
    EXPECT_TRUE(chat->group);
    EXPECT_EQ(chat->title, "Football practice");
    EXPECT_EQ(chat->participantKeys, (std::vector<std::string>{"", kJo, kSam}));
    EXPECT_EQ(chat->origin.table, "chat_list");
    EXPECT_EQ(chat->origin.rowid, 2);

    ASSERT_EQ(r.records.calls.size(), 1u);
    const auto &call = r.records.calls[0];
    EXPECT_EQ(call.accountKey, kAlex);
    EXPECT_EQ(call.direction, Direction::Incoming);
    EXPECT_TRUE(call.video);
    EXPECT_EQ(call.durationSeconds, 42);
    EXPECT_EQ(call.status, "answered");
    EXPECT_EQ(call.origin.table, "call_logs");
    EXPECT_EQ(accountWithKey(r.records, "")->displayName, "Chris");
}

TEST_F(WhatsAppAndroid, LegacySchema2017WithoutJidOrCalls)
{
    const auto r = parse(std::string(kLegacy2017MessagesDdl) + kLegacy2017OtherDdl + R"SQL(
INSERT INTO chat_list (_id, key_remote_jid, subject, creation) VALUES (4, '447700900456@s.whatsapp.net', NULL, 1483228800000);
INSERT INTO messages (_id, key_remote_jid, key_from_me, key_id, status, data, timestamp, media_wa_type, latitude, longitude)
  VALUES (10, '447700900456@s.whatsapp.net', 1, 'OLD1', 4, 'happy new year', 1483228800000, '0', 0, 0),
         (11, '447700900456@s.whatsapp.net', 0, 'OLD2', 0, NULL, 1483228860000, '5', 52.25, 0.125);
)SQL");
    ASSERT_TRUE(r.accepted);
    EXPECT_TRUE(r.errors.empty());
    ASSERT_EQ(r.records.messages.size(), 2u);
    EXPECT_EQ(r.records.messages[0].status, "sent");
    EXPECT_EQ(toIso8601(*r.records.messages[0].sent), "2017-01-01T00:00:00Z");
    EXPECT_EQ(r.records.messages[1].text, "Location: 52.25, 0.125");
    EXPECT_EQ(r.records.messages[1].senderKey, kSam);
    EXPECT_TRUE(r.records.calls.empty());
    EXPECT_EQ(conversationWithKey(r.records, kSam)->origin.rowid, 4);
    EXPECT_EQ(accountWithKey(r.records, kSam)->phone, "+447700900456");
}

TEST_F(WhatsAppAndroid, BothMessageTablesPreferTheCurrentOneUnlessEmpty)
{
    const std::string schema = ddl("whatsapp_msgstore_2025") + kLegacy2017MessagesDdl;
    const std::string legacyRow = "INSERT INTO messages (_id, key_remote_jid, key_from_me, key_id, status, data, timestamp, "
                                  "media_wa_type) VALUES (5, '447700900123@s.whatsapp.net', 0, 'X', 0, 'legacy copy', "
                                  + ms(0) + ", '0');";
    const auto migrated = parse(schema + currentRows() + legacyRow, "both.db");
    EXPECT_EQ(migrated.records.messages.size(), 12u);
    EXPECT_EQ(messageWithText(migrated.records, "legacy copy"), nullptr);
    const auto notYet = parse(schema + legacyRow, "notyet.db");
    ASSERT_EQ(notYet.records.messages.size(), 1u);
    EXPECT_EQ(notYet.records.messages[0].text, "legacy copy");
}

TEST_F(WhatsAppAndroid, WaDbGivesAccountsAndContacts)
{
    const auto r = parse(ddl("whatsapp_wa_db") + kWaDbRows, "wa.db");
    ASSERT_TRUE(r.accepted);
    EXPECT_TRUE(r.errors.empty());
    EXPECT_TRUE(r.records.messages.empty());

    const auto *alex = accountWithKey(r.records, kAlex);
    ASSERT_NE(alex, nullptr);
    EXPECT_EQ(alex->displayName, "Alex M");
    EXPECT_EQ(alex->phone, "+447700900123");
    EXPECT_EQ(alex->origin.table, "wa_contacts");
    EXPECT_EQ(alex->origin.rowid, 1);
    const auto *alexContact = contactNamed(r.records, "Alex Morgan");
    ASSERT_NE(alexContact, nullptr);
    EXPECT_EQ(alexContact->phones, std::vector<std::string>{"+44 7700 900123"});
    EXPECT_EQ(alexContact->accountKey, kAlex);
    EXPECT_EQ(alexContact->organization, "Riverside FC");

    const auto *group = accountWithKey(r.records, kGroup);
    ASSERT_NE(group, nullptr);
    EXPECT_EQ(group->displayName, "Football practice");
    EXPECT_EQ(group->phone, "");

    // Not on WhatsApp: an address-book contact, no account.
    const auto *pat = contactNamed(r.records, "Pat Lee");
    ASSERT_NE(pat, nullptr);
    EXPECT_EQ(pat->accountKey, "");
    EXPECT_EQ(pat->phones, std::vector<std::string>{"07700 900999"});
    EXPECT_EQ(accountWithKey(r.records, "447700900999@s.whatsapp.net"), nullptr);
    // On WhatsApp but not in the address book: an account, no contact.
    EXPECT_EQ(accountWithKey(r.records, kSam)->displayName, "Sam");
    EXPECT_EQ(r.records.contacts.size(), 2u);
    EXPECT_EQ(accountWithKey(r.records, "status@broadcast"), nullptr);
}

TEST_F(WhatsAppAndroid, NullFieldsWrongTypesAndBinaryJunkAreKept)
{
    const auto r = parse(ddl("whatsapp_msgstore_2025") + R"SQL(
INSERT INTO jid (_id, user, server, raw_string) VALUES (1, X'FF01', 's.whatsapp.net', X'34344142FF40732E77686174736170702E6E6574');
INSERT INTO chat (_id, jid_row_id, subject, created_timestamp) VALUES (1, 1, X'C0AF', -5);
INSERT INTO message (_id, chat_row_id, from_me, key_id, sender_jid_row_id, status, timestamp, message_type, text_data)
  VALUES (1, 'abc', 'x', 'k1', NULL, NULL, 'not a time', NULL, X'68690080FEFF00'),
         (2, 1, 0, 'k2', 77, 99, 99999999999999999, 12345, NULL),
         (3, 1, 1, 'k3', NULL, -7, -1000, 1, 'pic');
INSERT INTO message_media (message_row_id, file_path, file_size, mime_type, file_hash) VALUES (3, X'00FF', -5, NULL, NULL);
INSERT INTO call_log (_id, jid_row_id, from_me, timestamp, video_call, duration, call_result) VALUES
  (1, NULL, NULL, NULL, NULL, -3, NULL);
)SQL");
    ASSERT_TRUE(r.accepted);
    EXPECT_TRUE(r.errors.empty()) << (r.errors.empty() ? "" : r.errors[0].toString());
    ASSERT_EQ(r.records.messages.size(), 3u);
    const auto &junk = r.records.messages[0];
    EXPECT_EQ(junk.direction, Direction::Unknown);
    EXPECT_EQ(junk.status, "");
    EXPECT_FALSE(junk.sent);
    EXPECT_EQ(junk.text, "hi\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");
    EXPECT_EQ(junk.conversationKey, "chat:abc");
    const auto &absurd = r.records.messages[1];
    EXPECT_FALSE(absurd.sent);   // beyond 2200: not a time
    EXPECT_EQ(absurd.type, "other");
    EXPECT_EQ(absurd.conversationKey, "44AB\xEF\xBF\xBD@s.whatsapp.net");
    EXPECT_EQ(absurd.senderKey, "44AB\xEF\xBF\xBD@s.whatsapp.net");
    const auto &pic = r.records.messages[2];
    EXPECT_FALSE(pic.sent);
    EXPECT_EQ(pic.status, "");
    ASSERT_EQ(pic.attachments.size(), 1u);
    EXPECT_FALSE(pic.attachments[0].size);
    EXPECT_EQ(pic.attachments[0].devicePath, "\xEF\xBF\xBD\xEF\xBF\xBD");
    const auto *chat = conversationWithKey(r.records, "44AB\xEF\xBF\xBD@s.whatsapp.net");
    ASSERT_NE(chat, nullptr);
    EXPECT_EQ(chat->title, "\xEF\xBF\xBD\xEF\xBF\xBD");
    EXPECT_FALSE(chat->created);
    ASSERT_EQ(r.records.calls.size(), 1u);
    EXPECT_EQ(r.records.calls[0].direction, Direction::Unknown);
    EXPECT_FALSE(r.records.calls[0].durationSeconds);
    EXPECT_FALSE(r.records.calls[0].started);
}

TEST_F(WhatsAppAndroid, MissingOptionalTablesAreNoError)
{
    // Only the tables that make a msgstore: no media, system, revoked, location, calls or props.
    const auto r = parse(R"SQL(
CREATE TABLE jid(_id INTEGER PRIMARY KEY AUTOINCREMENT,user TEXT NOT NULL,server TEXT NOT NULL,agent INTEGER,device INTEGER,type INTEGER,raw_string TEXT);
CREATE TABLE message(_id INTEGER PRIMARY KEY AUTOINCREMENT,chat_row_id INTEGER NOT NULL,from_me INTEGER NOT NULL,key_id TEXT NOT NULL,sender_jid_row_id INTEGER,status INTEGER,broadcast INTEGER,recipient_count INTEGER,participant_hash TEXT,origination_flags INTEGER,origin INTEGER,timestamp INTEGER,received_timestamp INTEGER,receipt_server_timestamp INTEGER,message_type INTEGER,text_data TEXT,starred INTEGER,lookup_tables INTEGER,message_add_on_flags INTEGER,view_mode INTEGER,sort_id INTEGER NOT NULL DEFAULT 0);
INSERT INTO message (_id, chat_row_id, from_me, key_id, timestamp, message_type, text_data) VALUES (1, 4, 0, 'a', 1772359200000, 0, 'hello');
)SQL");
    ASSERT_TRUE(r.accepted);
    EXPECT_TRUE(r.errors.empty());
    ASSERT_EQ(r.records.messages.size(), 1u);
    EXPECT_EQ(r.records.messages[0].conversationKey, "chat:4");
    EXPECT_EQ(r.records.messages[0].senderKey, "");
    EXPECT_EQ(r.records.messages[0].direction, Direction::Incoming);
    ASSERT_NE(accountWithKey(r.records, ""), nullptr);
}

TEST_F(WhatsAppAndroid, RejectsOtherAppsDatabases)
{
    // Telegram's cache4.db has a messages table (without key_remote_jid).
    EXPECT_FALSE(parse("CREATE TABLE messages_v2(mid INTEGER, uid INTEGER, read_state INTEGER, send_state INTEGER, "
                       "date INTEGER, data BLOB, out INTEGER, ttl INTEGER, media INTEGER, replydata BLOB, imp INTEGER, "
                       "mention INTEGER, forwards INTEGER, replies_data BLOB, thread_reply_id INTEGER, is_channel INTEGER, "
                       "reply_to_message_id INTEGER, custom_params BLOB, group_id INTEGER, reply_to_story_id INTEGER, "
                       "PRIMARY KEY(mid, uid));"
                       "CREATE TABLE messages (mid INTEGER PRIMARY KEY, uid INTEGER, data BLOB, out INTEGER);",
                       "cache4.db")
                     .accepted);
    // Signal's message table (no chat_row_id/key_id).
    EXPECT_FALSE(parse("CREATE TABLE message (_id INTEGER PRIMARY KEY AUTOINCREMENT, date_sent INTEGER NOT NULL, "
                       "date_received INTEGER NOT NULL, thread_id INTEGER NOT NULL, from_recipient_id INTEGER NOT NULL, "
                       "type INTEGER NOT NULL, body TEXT, read INTEGER DEFAULT 0);"
                       "CREATE TABLE thread (_id INTEGER PRIMARY KEY AUTOINCREMENT, date INTEGER DEFAULT 0);",
                       "signal.db")
                     .accepted);
    // WhatsApp iOS ChatStorage.sqlite is the other plugin's.
    EXPECT_FALSE(parse("CREATE TABLE ZWAMESSAGE ( Z_PK INTEGER PRIMARY KEY, ZISFROMME INTEGER, ZCHATSESSION INTEGER, "
                       "ZMESSAGEDATE TIMESTAMP, ZTEXT VARCHAR, ZMESSAGETYPE INTEGER );"
                       "CREATE TABLE ZWACHATSESSION ( Z_PK INTEGER PRIMARY KEY, ZCONTACTJID VARCHAR );",
                       "ChatStorage.sqlite")
                     .accepted);
}

// Runs the plugin straight on a database file (no working copy, no host) and returns how long
// processDatabase took.
double runPlugin(const std::filesystem::path &path, plugins::CollectingSink &sink)
{
    plugins::PluginRegistry registry;
    plugins::registerWhatsAppAndroidPlugin(registry);
    registry.load({});
    EXPECT_EQ(registry.loadedPlugins().size(), 1u);
    auto db = plugins::SqliteDatabase::open(path);
    EXPECT_TRUE(db);
    if (!db || registry.loadedPlugins().empty())
        return 0;
    plugins::FileContext file;
    file.path = kDevicePath;
    file.name = "msgstore.db";
    const auto start = std::chrono::steady_clock::now();
    const auto result = registry.loadedPlugins()[0]->processDatabase(file, **db, sink);
    EXPECT_TRUE(result) << (result ? "" : result.error().toString());
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

std::string manyMessages(int n)
{
    std::string sql = ddl("whatsapp_msgstore_2025")
                    + "INSERT INTO jid (_id, user, server, raw_string) VALUES (1, '447700900123', 's.whatsapp.net', "
                      "'447700900123@s.whatsapp.net');"
                      "INSERT INTO chat (_id, jid_row_id) VALUES (1, 1);";
    for (int i = 1; i <= n; ++i)
        sql += "INSERT INTO message (_id, chat_row_id, from_me, key_id, status, timestamp, message_type, text_data) VALUES ("
             + std::to_string(i) + ", 1, " + std::to_string(i % 2) + ", 'K" + std::to_string(i) + "', 0, " + ms(i * 1000)
             + ", 0, 'message number " + std::to_string(i) + " about the match on saturday and who brings the oranges');";
    return sql;
}

TEST_F(WhatsAppAndroid, ThousandsOfMessagesArriveInSeveralBatchesInOrder)
{
    const auto path = dir / "many.db";
    createDatabase(path, "BEGIN;" + manyMessages(4500)
                             + "INSERT INTO jid (_id, user, server, raw_string) VALUES (2, '447700900456', 's.whatsapp.net', "
                               "'447700900456@s.whatsapp.net');"
                               "INSERT INTO message (_id, chat_row_id, from_me, key_id, sender_jid_row_id, status, timestamp, "
                               "message_type, text_data) VALUES (4501, 99, 0, 'K4501', 2, 0, " + ms(5000000)
                             + ", 0, 'late message from a chat that is gone');COMMIT;");
    plugins::CollectingSink sink;
    runPlugin(path, sink);
    EXPECT_TRUE(sink.errors().empty());
    const auto batches = sink.batches();
    ASSERT_GE(batches.size(), 3u);
    std::set<std::string> accounts, conversations;
    std::int64_t lastRow = 0;
    std::size_t total = 0;
    for (const auto &b : batches) {
        EXPECT_LE(b.size(), plugins::RecordEmitter::kDefaultBatch + 3);
        for (const auto &a : b.accounts)
            accounts.insert(a.key);
        for (const auto &c : b.conversations)
            conversations.insert(c.key);
        for (const auto &m : b.messages) {
            ASSERT_GT(*m.origin.rowid, lastRow);   // in rowid order across batches
            lastRow = *m.origin.rowid;
            EXPECT_TRUE(conversations.count(m.conversationKey)) << m.conversationKey;   // same or earlier batch
            EXPECT_TRUE(accounts.count(m.senderKey)) << m.senderKey;
        }
        total += b.messages.size();
    }
    EXPECT_EQ(total, 4501u);
    EXPECT_EQ(lastRow, 4501);
    EXPECT_EQ(batches.back().messages.back().senderKey, kSam);   // chat row gone: the stored sender is kept
    // Through the host as the ingest runs it: the same, merged.
    const auto r = parseDatabase(kRegister, kId, path, kDevicePath);
    EXPECT_EQ(r.batches, batches.size());
    EXPECT_EQ(r.records.messages.size(), 4501u);
    EXPECT_EQ(countMessagesIn(r.records, kAlex), 4500u);
}

TEST_F(WhatsAppAndroid, TruncatedDatabaseGivesAnErrorAndKeepsWhatItRead)
{
    const auto r = expectTruncationKeepsSome(kParser, dir / "full.db", "BEGIN;" + manyMessages(3000) + "COMMIT;",
                                             messageCount, 3000, "message");
    EXPECT_NE(conversationWithKey(r.records, kAlex), nullptr);   // chat and jid were read
}

TEST_F(WhatsAppAndroid, CorruptPagesGiveAnErrorNotACrash)
{
    expectCorruptPagesReported(kParser, dir / "corrupt.db", "BEGIN;" + manyMessages(3000) + "COMMIT;", 4096 * 40,
                               4096 * 10, messageCount, 3000);
}

TEST_F(WhatsAppAndroid, GarbageIsNotOpened)
{
    expectGarbageRefused(kParser, dir / "msgstore.db");
}

TEST_F(WhatsAppAndroid, AMessageOnlyInTheWalIsFoundAndMarked)
{
    const auto db = dir / "msgstore.db";
    createDatabaseWithWal(db, ddl("whatsapp_msgstore_2025") + currentRows(),
                          "INSERT INTO message (_id, chat_row_id, from_me, key_id, status, timestamp, message_type, "
                          "text_data) VALUES (112, 10, 0, 'K112', 0, " + ms(600000) + ", 0, 'only in the wal');");
    const auto withWal = expectWalOnlyRecord(kParser, db, messageWithTextIn("only in the wal"),
                                             messageWithTextIn("are you coming"), messageCount);
    const auto *recent = messageWithText(withWal.records, "only in the wal");
    ASSERT_NE(recent, nullptr);
    EXPECT_EQ(recent->origin.rowid, 112);
}

TEST_F(WhatsAppAndroid, ThroughputOnTwoHundredThousandMessages)
{
    constexpr int kCount = 200000;
    const auto path = dir / "big.db";
    createDatabase(path, ddl("whatsapp_msgstore_2025") + currentRows() + R"SQL(
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < )SQL" + std::to_string(kCount) + R"SQL()
INSERT INTO message (_id, chat_row_id, from_me, key_id, sender_jid_row_id, status, timestamp, message_type, text_data, sort_id)
  SELECT 1000 + i, CASE i % 3 WHEN 0 THEN 10 WHEN 1 THEN 11 ELSE 12 END, i % 2, 'B' || i, CASE i % 3 WHEN 1 THEN 4 ELSE 0 END,
         CASE i % 2 WHEN 1 THEN 13 ELSE 0 END, 1772359200000 + i * 1000, CASE WHEN i % 10 = 0 THEN 1 ELSE 0 END,
         'message ' || i || ' about the match on saturday and who brings the oranges', 1000 + i FROM n;
INSERT INTO message_media (message_row_id, chat_row_id, file_path, file_size, mime_type, file_hash)
  SELECT _id, chat_row_id, 'Media/WhatsApp Images/IMG-' || _id || '.jpg', 2048, 'image/jpeg', 'aGFzaA==' FROM message
  WHERE message_type = 1 AND _id > 1000;
)SQL");
    plugins::CollectingSink sink;
    const double seconds = runPlugin(path, sink);
    const auto batches = sink.batches();
    std::size_t messages = 0;
    for (const auto &b : batches)
        messages += b.messages.size();
    EXPECT_EQ(messages, static_cast<std::size_t>(kCount) + 12);
    EXPECT_TRUE(sink.errors().empty());
    std::printf("[ whatsapp-android ] %d messages parsed in %.3f s (%.0f messages/s, %zu batches)\n", kCount, seconds,
                kCount / seconds, batches.size());
}

} // namespace
} // namespace vigil::test
