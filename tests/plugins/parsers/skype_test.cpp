// SPDX-License-Identifier: GPL-3.0-or-later
#include "plugins/parsers/skype/skype.h"

#include <gtest/gtest.h>

#include "core/util/timeutil.h"
#include "plugins/parsers/skype/skypemarkup.h"
#include "tests/plugins/parsers/parsertest.h"

namespace vigil::test {
namespace {

using model::Direction;
using model::RecordSource;

const RegisterFn kRegister = plugins::registerSkypePlugin;
constexpr const char *kId = "skype";
const ParserUnderTest kParser{kRegister, kId};

// Skype 6.x desktop main.db (AppSchemaVersion SQLiteSchemaVersion 66), the tables the parser
// reads with every column, exactly as Skype creates them: ddl("skype_main_db") (tests/data/ddl/,
// shared with the demo evidence).

// 2026-03-01T10:00:00Z
constexpr std::int64_t kT0 = 1772359200;

constexpr const char *kModernRows = R"SQL(
INSERT INTO Accounts (id, skypename, fullname, phone_mobile, emails) VALUES
  (1, 'sam.parker77', 'Sam Parker', '+44 7700 900001', 'sam@example.com sam.p@example.org');
INSERT INTO Contacts (id, type, skypename, pstnnumber, fullname, displayname, given_displayname, phone_mobile, phone_home,
  emails) VALUES
  (10, 1, 'alex.rivera', NULL, 'Alex Rivera', 'Alex Rivera', NULL, '+44 7700 900111', '020 7946 0000',
   'alex@example.com alex.r@example.org'),
  (11, 1, 'jordan.lee', NULL, 'Jordan Lee', 'Jordan Lee', 'Jordan (team)', NULL, NULL, NULL),
  (12, 2, NULL, '+15555550100', 'Coach Dan', NULL, NULL, NULL, NULL, NULL);
INSERT INTO Conversations (id, identity, type, displayname, given_displayname, meta_topic, creation_timestamp) VALUES
  (101, 'alex.rivera', 1, 'Alex Rivera', NULL, NULL, 1772355600),
  (102, '#sam.parker77/$8a1b2c3d4e5f6a7b', 2, 'Sam Parker, Alex Rivera, Jordan Lee', NULL, 'Football team',
   1772356000);
INSERT INTO Participants (id, convo_id, identity, rank) VALUES
  (1, 101, 'sam.parker77', 3), (2, 101, 'alex.rivera', 3),
  (3, 102, 'sam.parker77', 1), (4, 102, 'alex.rivera', 3), (5, 102, 'jordan.lee', 3);
INSERT INTO Chats (id, name, type, dialog_partner, friendlyname, participants, conv_dbid, timestamp) VALUES
  (20, '#alex.rivera/$sam.parker77;aa11bb22cc33dd44', 2, 'alex.rivera', 'Alex Rivera | are you coming?',
   'alex.rivera sam.parker77', 101, 1772355600),
  (21, '#jordan.lee/$sam.parker77;0011223344556677', 2, 'jordan.lee', 'Jordan Lee', 'jordan.lee sam.parker77', 150,
   1772357000);
INSERT INTO Messages (id, convo_id, chatname, author, from_dispname, timestamp, type, sending_status, chatmsg_status,
  edited_timestamp, body_xml, identities, guid) VALUES
  (201, 101, '#alex.rivera/$sam.parker77;aa11bb22cc33dd44', 'alex.rivera', 'Alex Rivera', 1772359200, 61, NULL, 4,
   NULL, 'are you coming to practice?', NULL, NULL),
  (202, 101, '#alex.rivera/$sam.parker77;aa11bb22cc33dd44', 'sam.parker77', 'Sam Parker', 1772359260, 61, 2, 2,
   NULL, 'yes &lt;3 see you at &apos;the field&apos; &amp; bring the ball', NULL, NULL),
  (203, 101, '#alex.rivera/$sam.parker77;aa11bb22cc33dd44', 'alex.rivera', 'Alex Rivera', 1772359320, 61, NULL, 4,
   NULL, 'map: <a href="https://example.com/map">https://example.com/map</a> <ss type="smile">:)</ss> &#8364;5 &#x1F600;',
   NULL, NULL),
  (204, 101, '#alex.rivera/$sam.parker77;aa11bb22cc33dd44', 'sam.parker77', 'Sam Parker', 1772359380, 68, 2, 2, NULL,
   '<files alt="posted file"><file size="2048" index="0" tid="1">kit-list.pdf</file></files>', NULL, X'AA01'),
  (205, 102, '#sam.parker77/$8a1b2c3d4e5f6a7b', 'jordan.lee', 'Jordan Lee', 1772359440, 10, NULL, 4, NULL, NULL,
   'alex.rivera', NULL),
  (206, 102, '#sam.parker77/$8a1b2c3d4e5f6a7b', 'jordan.lee', 'Jordan Lee', 1772359500, 61, NULL, 3, NULL,
   'training moved to 5pm', NULL, NULL),
  (207, 102, '#sam.parker77/$8a1b2c3d4e5f6a7b', 'sam.parker77', 'Sam Parker', 1772359560, 30, NULL, 2, NULL,
   '<partlist type="started" alt=""><part identity="sam.parker77"><name>Sam Parker</name></part></partlist>', NULL,
   NULL),
  (208, 102, '#sam.parker77/$8a1b2c3d4e5f6a7b', 'sam.parker77', 'Sam Parker', 1772359660, 39, NULL, 2, NULL,
   '<partlist type="ended" alt=""><part identity="sam.parker77"><name>Sam Parker</name><duration>95</duration></part>'
   || '<part identity="jordan.lee"><name>Jordan Lee</name><duration>90</duration></part></partlist>', NULL, NULL),
  (209, 102, '#sam.parker77/$8a1b2c3d4e5f6a7b', 'alex.rivera', 'Alex Rivera', 1772359700, 13, NULL, 4, NULL, NULL,
   NULL, NULL),
  (210, 101, '#alex.rivera/$sam.parker77;aa11bb22cc33dd44', 'alex.rivera', 'Alex Rivera', 1772359760, 61, NULL, 4,
   1772359790, '', NULL, NULL),
  (211, 101, '#alex.rivera/$sam.parker77;aa11bb22cc33dd44', 'sam.parker77', 'Sam Parker', 99999999999, 64, 2, 2, NULL,
   '<sms alt="running late, start without me"><type>2</type><status>6</status><targets><target status="6">'
   || '+447700900222</target></targets><body><chunk id="0">running late, start without me</chunk></body></sms>',
   '+447700900222', NULL),
  (212, 150, '#jordan.lee/$sam.parker77;0011223344556677', 'jordan.lee', 'Jordan Lee', 1772359900, 61, NULL, 4,
   NULL, 'can I borrow your shin pads?', NULL, NULL),
  (213, 101, '#alex.rivera/$sam.parker77;aa11bb22cc33dd44', 'alex.rivera', 'Alex Rivera', 1772359960, 60, NULL, 4,
   NULL, 'waves from the bus', NULL, NULL);
INSERT INTO SMSes (id, type, status, timestamp, target_numbers, body, chatmsg_id) VALUES
  (90, 2, 6, 1772359800, '+447700900222', 'running late, start without me', 211);
INSERT INTO Transfers (id, type, partner_handle, partner_dispname, status, starttime, finishtime, filepath, filename,
  filesize, chatmsg_guid, chatmsg_index, convo_id, pk_id, parent_id) VALUES
  (301, 2, 'alex.rivera', 'Alex Rivera', 8, 1772359380, 1772359390, 'C:\Users\Sam\Documents\kit-list.pdf',
   'kit-list.pdf', '2048', X'AA01', 0, 101, 5001, NULL),
  (302, 1, 'alex.rivera', 'Alex Rivera', 8, 1772360000, 1772360010, 'C:\Users\Sam\Downloads\team-photo.jpg',
   'team-photo.jpg', '345678', NULL, NULL, 101, 5002, NULL),
  (303, 2, 'sam.parker77', 'Sam Parker', 2, 1772360100, 0, 'C:\Users\Sam\Documents\schedule.xlsx', 'schedule.xlsx',
   '9000', NULL, NULL, NULL, 9001, NULL),
  (304, 2, 'jordan.lee', 'Jordan Lee', 9, 1772360101, 0, 'C:\Users\Sam\Documents\schedule.xlsx', 'schedule.xlsx',
   '9000', NULL, NULL, NULL, 9002, 9001);
INSERT INTO Calls (id, begin_timestamp, host_identity, name, is_incoming, is_unseen_missed, duration, conv_dbid) VALUES
  (401, 1772361000, 'sam.parker77', '1-1772361000', 0, 0, NULL, 101),
  (402, 1772362000, 'jordan.lee', '1-1772362000', 1, 1, NULL, NULL);
INSERT INTO CallMembers (id, identity, dispname, call_duration, status, videostatus, call_name, start_timestamp,
  call_db_id) VALUES
  (501, 'alex.rivera', 'Alex Rivera', 125, 6, 3, '1-1772361000', 1772361005, 401),
  (502, 'jordan.lee', 'Jordan Lee', 0, 13, 1, '1-1772362000', 0, NULL);
)SQL";

class Skype : public ::testing::Test {
protected:
    ParseResult parseModern()
    {
        return parseNewDatabase(kRegister, kId, dir / "main.db", ddl("skype_main_db") + kModernRows,
                                "C:/Users/Sam/AppData/Roaming/Skype/sam.parker77/main.db");
    }
    ScratchDir dir;
    int m_files = 0;
};

TEST_F(Skype, OwnerAccountContactsAndAccounts)
{
    const auto r = parseModern();
    ASSERT_TRUE(r.accepted);
    EXPECT_TRUE(r.errors.empty()) << r.errors[0].toString();
    EXPECT_EQ(r.records.app, "skype");
    EXPECT_EQ(r.records.appName, "Skype");

    const auto *owner = accountWithKey(r.records, "sam.parker77");
    ASSERT_NE(owner, nullptr);
    EXPECT_TRUE(owner->owner);
    EXPECT_EQ(owner->displayName, "Sam Parker");
    EXPECT_EQ(owner->phone, "+44 7700 900001");
    EXPECT_EQ(owner->email, "sam@example.com");
    EXPECT_EQ(owner->origin.table, "Accounts");
    EXPECT_EQ(owner->origin.rowid, 1);
    EXPECT_EQ(accountWithKey(r.records, ""), nullptr);   // the owner's own id is known

    const auto *alex = accountWithKey(r.records, "alex.rivera");
    ASSERT_NE(alex, nullptr);
    EXPECT_FALSE(alex->owner);
    EXPECT_EQ(alex->displayName, "Alex Rivera");
    EXPECT_EQ(alex->phone, "+44 7700 900111");
    EXPECT_EQ(alex->email, "alex@example.com");
    EXPECT_EQ(alex->origin.table, "Contacts");
    EXPECT_EQ(alex->origin.rowid, 10);

    ASSERT_EQ(r.records.contacts.size(), 3u);
    const auto &c = r.records.contacts[0];
    EXPECT_EQ(c.accountKey, "alex.rivera");
    EXPECT_EQ(c.name, "Alex Rivera");
    EXPECT_EQ(c.phones, (std::vector<std::string>{"+44 7700 900111", "020 7946 0000"}));
    EXPECT_EQ(c.emails, (std::vector<std::string>{"alex@example.com", "alex.r@example.org"}));
    EXPECT_EQ(r.records.contacts[1].name, "Jordan (team)");   // the name the owner gave
    const auto &pstn = r.records.contacts[2];
    EXPECT_EQ(pstn.accountKey, "+15555550100");
    EXPECT_EQ(pstn.name, "Coach Dan");
    EXPECT_EQ(pstn.phones, std::vector<std::string>{"+15555550100"});
    const auto *dan = accountWithKey(r.records, "+15555550100");
    ASSERT_NE(dan, nullptr);
    EXPECT_EQ(dan->phone, "+15555550100");
}

TEST_F(Skype, MessagesHaveDirectionSenderTimeStatusAndOrigin)
{
    const auto r = parseModern();
    ASSERT_EQ(messagesFrom(r.records, "Messages"), 13u);
    ASSERT_EQ(messagesFrom(r.records, "Transfers"), 2u);
    ASSERT_EQ(r.records.messages.size(), 15u);

    const auto *in = messageWithText(r.records, "are you coming to practice?");
    ASSERT_NE(in, nullptr);
    EXPECT_EQ(in->direction, Direction::Incoming);
    EXPECT_EQ(in->senderKey, "alex.rivera");
    EXPECT_EQ(in->conversationKey, "alex.rivera");
    EXPECT_EQ(in->status, "read");
    EXPECT_EQ(in->type, "text");
    EXPECT_EQ(toIso8601(*in->sent), "2026-03-01T10:00:00Z");
    EXPECT_EQ(in->origin.table, "Messages");
    EXPECT_EQ(in->origin.rowid, 201);
    EXPECT_EQ(in->origin.source, RecordSource::Live);
    EXPECT_FALSE(in->deletedInApp);

    const auto *out = messageWithText(r.records, "see you at");
    ASSERT_NE(out, nullptr);
    EXPECT_EQ(out->text, "yes <3 see you at 'the field' & bring the ball");
    EXPECT_EQ(out->direction, Direction::Outgoing);
    EXPECT_EQ(out->senderKey, "sam.parker77");
    EXPECT_EQ(out->status, "sent");
    EXPECT_EQ(toIso8601(*out->sent), "2026-03-01T10:01:00Z");

    const auto *unread = messageWithText(r.records, "training moved");
    ASSERT_NE(unread, nullptr);
    EXPECT_EQ(unread->status, "unread");
    EXPECT_EQ(unread->conversationKey, "#sam.parker77/$8a1b2c3d4e5f6a7b");

    const auto *emote = messageWithText(r.records, "waves from the bus");
    ASSERT_NE(emote, nullptr);
    EXPECT_EQ(emote->type, "text");
}

TEST_F(Skype, MarkupIsStrippedAndEntitiesDecoded)
{
    const auto r = parseModern();
    const auto *link = messageWithText(r.records, "map: ");
    ASSERT_NE(link, nullptr);
    EXPECT_EQ(link->text, "map: https://example.com/map :) \xE2\x82\xAC" "5 \xF0\x9F\x98\x80");

    using plugins::skype::markupToText;
    EXPECT_EQ(markupToText("<quote author=\"bob\"><legacyquote>[10:00] Bob: </legacyquote>hi</quote>ok"),
              "[10:00] Bob: hiok");
    EXPECT_EQ(markupToText("a < b &unknown; &amp"), "a < b &unknown; &amp");   // not markup: kept
    EXPECT_EQ(markupToText("<![CDATA[<raw>]]> &#0; &#x110000;"), "<raw> \xEF\xBF\xBD \xEF\xBF\xBD");
    EXPECT_EQ(markupToText("<b>unclosed <i attr=\"x>y\">tag"), "unclosed tag");
    EXPECT_EQ(markupToText("<a href='x"), "<a href='x");
    const auto files = plugins::skype::findElements("<files><file size=\"12\" index=\"0\">a&amp;b.txt</file>"
                                                    "<file size='7'>c.txt</file></files>",
                                                    "FILE");
    ASSERT_EQ(files.size(), 2u);
    EXPECT_EQ(files[0].text, "a&b.txt");
    EXPECT_EQ(files[0].attribute("SIZE"), "12");
    EXPECT_EQ(files[1].attribute("size"), "7");
    EXPECT_EQ(files[1].attribute("index"), "");
}

TEST_F(Skype, ConversationsParticipantsAndLegacyChats)
{
    const auto r = parseModern();
    ASSERT_EQ(r.records.conversations.size(), 3u);
    const auto *dialog = conversationWithKey(r.records, "alex.rivera");
    ASSERT_NE(dialog, nullptr);
    EXPECT_FALSE(dialog->group);
    EXPECT_EQ(dialog->title, "Alex Rivera");
    EXPECT_EQ(dialog->participantKeys, (std::vector<std::string>{"sam.parker77", "alex.rivera"}));
    EXPECT_EQ(toIso8601(*dialog->created), "2026-03-01T09:00:00Z");
    EXPECT_EQ(dialog->origin.table, "Conversations");
    EXPECT_EQ(dialog->origin.rowid, 101);

    const auto *group = conversationWithKey(r.records, "#sam.parker77/$8a1b2c3d4e5f6a7b");
    ASSERT_NE(group, nullptr);
    EXPECT_TRUE(group->group);
    EXPECT_EQ(group->title, "Football team");
    EXPECT_EQ(group->participantKeys, (std::vector<std::string>{"sam.parker77", "alex.rivera", "jordan.lee"}));

    // A legacy chat whose conversation row is gone: a dialog keyed by its partner.
    const auto *orphan = conversationWithKey(r.records, "jordan.lee");
    ASSERT_NE(orphan, nullptr);
    EXPECT_FALSE(orphan->group);
    EXPECT_EQ(orphan->origin.table, "Chats");
    EXPECT_EQ(orphan->participantKeys, (std::vector<std::string>{"jordan.lee", "sam.parker77"}));
    const auto *borrow = messageWithText(r.records, "shin pads");
    ASSERT_NE(borrow, nullptr);
    EXPECT_EQ(borrow->conversationKey, "jordan.lee");

    EXPECT_EQ(countMessagesIn(r.records, "alex.rivera"), 8u);
    EXPECT_EQ(countMessagesIn(r.records, "#sam.parker77/$8a1b2c3d4e5f6a7b"), 5u);
    EXPECT_EQ(countMessagesIn(r.records, "jordan.lee"), 2u);
}

TEST_F(Skype, CallAndMembershipEventsAreSystemMessages)
{
    const auto r = parseModern();
    const auto *added = messageWithText(r.records, "added alex.rivera");
    ASSERT_NE(added, nullptr);
    EXPECT_EQ(added->type, "system");
    EXPECT_EQ(added->senderKey, "jordan.lee");
    const auto *left = messageWithText(r.records, "left");
    ASSERT_NE(left, nullptr);
    EXPECT_EQ(left->type, "system");
    EXPECT_EQ(left->origin.rowid, 209);
    const auto *started = messageWithText(r.records, "call started");
    ASSERT_NE(started, nullptr);
    EXPECT_EQ(started->type, "call");
    const auto *ended = messageWithText(r.records, "call ended");
    ASSERT_NE(ended, nullptr);
    EXPECT_EQ(ended->text, "call ended (95 s)");
    EXPECT_EQ(ended->type, "call");
}

TEST_F(Skype, SharedPhotosAndContactCardsAreReadFromTheirMarkup)
{
    const auto r = parseNewDatabase(kRegister, kId, dir / "main.db", ddl("skype_main_db") + kModernRows + R"SQL(
INSERT INTO Messages (id, convo_id, author, timestamp, type, body_xml) VALUES
  (214, 101, 'alex.rivera', 1772360500, 201, '<URIObject type="Picture.1"'
   || ' uri="https://api.asm.skype.com/v1/objects/0-weu-d1-abc"'
   || ' url_thumbnail="https://api.asm.skype.com/v1/objects/0-weu-d1-abc/views/imgt1">'
   || 'To view this shared photo, go to: '
   || '<a href="https://login.skype.com/login/sso?go=webclient.xmm&amp;pic=0-weu-d1-abc">https://login.skype.com/login/'
   || 'sso?go=webclient.xmm&amp;pic=0-weu-d1-abc</a><OriginalName v="pitch.jpg"/><FileSize v="52344"/>'
   || '<meta type="photo" originalName="pitch.jpg"/></URIObject>'),
  (215, 101, 'sam.parker77', 1772360600, 63, '<contacts><c t="s" s="jordan.lee" f="Jordan Lee"/></contacts>');
)SQL");
    ASSERT_TRUE(r.errors.empty());
    const auto *photo = messageWithText(r.records, "To view this shared photo");
    ASSERT_NE(photo, nullptr);
    EXPECT_EQ(photo->type, "media");
    EXPECT_EQ(photo->text,
              "To view this shared photo, go to: https://login.skype.com/login/sso?go=webclient.xmm&pic=0-weu-d1-abc");
    ASSERT_EQ(photo->attachments.size(), 1u);
    EXPECT_EQ(photo->attachments[0].fileName, "pitch.jpg");
    EXPECT_EQ(photo->attachments[0].size, 52344);
    EXPECT_EQ(photo->attachments[0].devicePath, "https://api.asm.skype.com/v1/objects/0-weu-d1-abc");
    const auto *card = messageWithText(r.records, "jordan.lee");
    ASSERT_NE(card, nullptr);
    EXPECT_EQ(card->type, "contact");
    EXPECT_EQ(card->text, "jordan.lee");
    EXPECT_EQ(card->origin.rowid, 215);
}

TEST_F(Skype, FileTransfersBecomeAttachmentsOrMessagesOfTheirOwn)
{
    const auto r = parseModern();
    // Tied to its message through Transfers.chatmsg_guid = Messages.guid.
    const model::MessageRecord *file = nullptr;
    for (const auto &m : r.records.messages)
        file = m.origin.rowid == 204 && m.origin.table == "Messages" ? &m : file;
    ASSERT_NE(file, nullptr);
    EXPECT_EQ(file->type, "media");
    EXPECT_EQ(file->text, "");
    ASSERT_EQ(file->attachments.size(), 1u);
    EXPECT_EQ(file->attachments[0].fileName, "kit-list.pdf");
    EXPECT_EQ(file->attachments[0].devicePath, "C:\\Users\\Sam\\Documents\\kit-list.pdf");
    EXPECT_EQ(file->attachments[0].size, 2048);
    EXPECT_EQ(file->attachments[0].origin.table, "Transfers");
    EXPECT_EQ(file->attachments[0].origin.rowid, 301);

    std::vector<const model::MessageRecord *> transfers;
    for (const auto &m : r.records.messages) {
        if (m.origin.table == "Transfers")
            transfers.push_back(&m);
    }
    ASSERT_EQ(transfers.size(), 2u);
    const auto &photo = *transfers[0];
    EXPECT_EQ(photo.origin.rowid, 302);
    EXPECT_EQ(photo.direction, Direction::Incoming);
    EXPECT_EQ(photo.senderKey, "alex.rivera");
    EXPECT_EQ(photo.conversationKey, "alex.rivera");
    EXPECT_EQ(photo.status, "received");
    EXPECT_EQ(toIso8601(*photo.sent), "2026-03-01T10:13:20Z");
    ASSERT_EQ(photo.attachments.size(), 1u);
    EXPECT_EQ(photo.attachments[0].fileName, "team-photo.jpg");
    EXPECT_EQ(photo.attachments[0].size, 345678);
    // An offer to one person: the parent row (partner = the sender) is carried by its child.
    const auto &offer = *transfers[1];
    EXPECT_EQ(offer.origin.rowid, 304);
    EXPECT_EQ(offer.direction, Direction::Outgoing);
    EXPECT_EQ(offer.senderKey, "sam.parker77");
    EXPECT_EQ(offer.recipientKeys, std::vector<std::string>{"jordan.lee"});
    EXPECT_EQ(offer.conversationKey, "jordan.lee");
    EXPECT_EQ(offer.status, "failed");
    EXPECT_EQ(offer.attachments[0].fileName, "schedule.xlsx");
}

TEST_F(Skype, SmsHasRecipientsAndTheSmsTableTimeWhenTheMessageTimeIsJunk)
{
    const auto r = parseModern();
    const auto *sms = messageWithText(r.records, "running late");
    ASSERT_NE(sms, nullptr);
    EXPECT_EQ(sms->text, "running late, start without me");
    EXPECT_EQ(sms->type, "sms");
    EXPECT_EQ(sms->direction, Direction::Outgoing);
    EXPECT_EQ(sms->recipientKeys, std::vector<std::string>{"+447700900222"});
    ASSERT_TRUE(sms->sent);
    EXPECT_EQ(toIso8601(*sms->sent), "2026-03-01T10:10:00Z");   // SMSes.timestamp
    const auto *number = accountWithKey(r.records, "+447700900222");
    ASSERT_NE(number, nullptr);
    EXPECT_EQ(number->phone, "+447700900222");
}

TEST_F(Skype, RemovedMessageIsMarkedDeleted)
{
    const auto r = parseModern();
    const model::MessageRecord *removed = nullptr;
    for (const auto &m : r.records.messages)
        removed = m.origin.rowid == 210 && m.origin.table == "Messages" ? &m : removed;
    ASSERT_NE(removed, nullptr);
    EXPECT_TRUE(removed->deletedInApp);
    EXPECT_EQ(removed->text, "");
    EXPECT_EQ(removed->senderKey, "alex.rivera");
    for (const auto &m : r.records.messages)
        EXPECT_EQ(m.deletedInApp, &m == removed) << m.text;
}

TEST_F(Skype, CallsComeFromCallsAndCallMembers)
{
    const auto r = parseModern();
    ASSERT_EQ(r.records.calls.size(), 2u);
    const auto &out = r.records.calls[0];
    EXPECT_EQ(out.accountKey, "alex.rivera");
    EXPECT_EQ(out.conversationKey, "alex.rivera");
    EXPECT_EQ(out.direction, Direction::Outgoing);
    EXPECT_EQ(toIso8601(*out.started), "2026-03-01T10:30:00Z");
    EXPECT_EQ(out.durationSeconds, 125);
    EXPECT_TRUE(out.video);
    EXPECT_EQ(out.status, "answered");
    EXPECT_EQ(out.origin.table, "Calls");
    EXPECT_EQ(out.origin.rowid, 401);
    const auto &missed = r.records.calls[1];
    EXPECT_EQ(missed.accountKey, "jordan.lee");   // matched by CallMembers.call_name
    EXPECT_EQ(missed.direction, Direction::Incoming);
    EXPECT_EQ(missed.durationSeconds, 0);
    EXPECT_FALSE(missed.video);
    EXPECT_EQ(missed.status, "missed");
    EXPECT_EQ(missed.conversationKey, "");
}

// Skype before version 5: no Conversations or Participants, messages grouped only by their
// legacy chat name, no convo_id, type or sending_status (the legacy columns later versions keep).
constexpr const char *kLegacyDdl = R"SQL(
CREATE TABLE Accounts (id INTEGER NOT NULL PRIMARY KEY, is_permanent INTEGER, status INTEGER, skypename TEXT,
  pstnnumber TEXT, fullname TEXT, birthday INTEGER, gender INTEGER, languages TEXT, country TEXT, province TEXT,
  city TEXT, phone_home TEXT, phone_office TEXT, phone_mobile TEXT, emails TEXT, homepage TEXT, about TEXT,
  profile_timestamp INTEGER, displayname TEXT, mood_text TEXT, timezone INTEGER, avatar_image BLOB);
CREATE TABLE Contacts (id INTEGER NOT NULL PRIMARY KEY, is_permanent INTEGER, type INTEGER, skypename TEXT,
  pstnnumber TEXT, aliases TEXT, fullname TEXT, birthday INTEGER, gender INTEGER, languages TEXT, country TEXT,
  province TEXT, city TEXT, phone_home TEXT, phone_office TEXT, phone_mobile TEXT, emails TEXT, homepage TEXT,
  about TEXT, avatar_image BLOB, mood_text TEXT, displayname TEXT, given_displayname TEXT, buddystatus INTEGER);
CREATE TABLE Chats (id INTEGER NOT NULL PRIMARY KEY, is_permanent INTEGER, name TEXT, options INTEGER,
  friendlyname TEXT, description TEXT, timestamp INTEGER, activity_timestamp INTEGER, dialog_partner TEXT,
  adder TEXT, type INTEGER, mystatus INTEGER, myrole INTEGER, posters TEXT, participants TEXT, applicants TEXT,
  banned_users TEXT, name_text TEXT, topic TEXT, topic_xml TEXT, guidelines TEXT, picture BLOB, alertstring TEXT,
  is_bookmarked INTEGER, passwordhint TEXT, activemembers TEXT);
CREATE TABLE ChatMembers (id INTEGER NOT NULL PRIMARY KEY, is_permanent INTEGER, chatname TEXT, identity TEXT,
  role INTEGER, is_active INTEGER);
CREATE TABLE Messages (id INTEGER NOT NULL PRIMARY KEY, is_permanent INTEGER, chatname TEXT, timestamp INTEGER,
  author TEXT, from_dispname TEXT, chatmsg_type INTEGER, identities TEXT, leavereason INTEGER, body_xml TEXT,
  chatmsg_status INTEGER, body_is_rawxml INTEGER, edited_by TEXT, edited_timestamp INTEGER, newoptions INTEGER,
  newrole INTEGER, dialog_partner TEXT, oldoptions INTEGER, guid BLOB);
CREATE TABLE Calls (id INTEGER NOT NULL PRIMARY KEY, is_permanent INTEGER, begin_timestamp INTEGER,
  partner_handle TEXT, partner_dispname TEXT, type INTEGER, status INTEGER, failurereason INTEGER, subject TEXT,
  pstn_number TEXT, duration INTEGER, pstn_status TEXT, conf_participants BLOB, vm_duration INTEGER,
  vm_allowed_duration INTEGER, is_unseen_missed INTEGER, host_identity TEXT, mike_status INTEGER, name TEXT);
INSERT INTO Accounts (id, skypename, fullname) VALUES (1, 'sam.parker77', 'Sam Parker');
INSERT INTO Chats (id, name, type, dialog_partner, friendlyname, participants, timestamp) VALUES
  (5, '#sam.parker77/$alex.rivera;1234abcd', 2, 'alex.rivera', 'Alex Rivera', 'sam.parker77 alex.rivera', 1262304000),
  (6, '#alex.rivera/$abcd1234', 4, NULL, 'Weekend plans', NULL, 1262304100);
INSERT INTO ChatMembers (id, chatname, identity) VALUES
  (1, '#alex.rivera/$abcd1234', 'alex.rivera'), (2, '#alex.rivera/$abcd1234', 'sam.parker77'),
  (3, '#alex.rivera/$abcd1234', 'jordan.lee');
INSERT INTO Messages (id, chatname, timestamp, author, from_dispname, chatmsg_type, body_xml, chatmsg_status) VALUES
  (7, '#sam.parker77/$alex.rivera;1234abcd', 1262304000, 'alex.rivera', 'Alex Rivera', 3, 'old client hello', 4),
  (8, '#sam.parker77/$alex.rivera;1234abcd', 1262304060, 'sam.parker77', 'Sam Parker', 3, 'hi back', 2),
  (9, '#alex.rivera/$abcd1234', 1262304120, 'jordan.lee', 'Jordan Lee', 3, 'who is bringing snacks?', 4),
  (10, '#gone/$chat', 1262304180, 'jordan.lee', 'Jordan Lee', 3, 'chat row missing', 4);
INSERT INTO Calls (id, begin_timestamp, partner_handle, partner_dispname, duration) VALUES
  (3, 1262305000, 'alex.rivera', 'Alex Rivera', 42);
)SQL";

TEST_F(Skype, LegacyLayoutWithoutConversationsStillParses)
{
    const auto r = parseNewDatabase(kRegister, kId, dir / "main.db", kLegacyDdl);
    ASSERT_TRUE(r.accepted);
    EXPECT_TRUE(r.errors.empty()) << r.errors[0].toString();
    ASSERT_EQ(r.records.messages.size(), 4u);
    const auto *hello = messageWithText(r.records, "old client hello");
    ASSERT_NE(hello, nullptr);
    EXPECT_EQ(hello->conversationKey, "alex.rivera");
    EXPECT_EQ(hello->direction, Direction::Incoming);
    EXPECT_EQ(hello->status, "read");
    EXPECT_EQ(hello->type, "text");
    EXPECT_EQ(toIso8601(*hello->sent), "2010-01-01T00:00:00Z");
    EXPECT_EQ(messageWithText(r.records, "hi back")->direction, Direction::Outgoing);

    const auto *group = conversationWithKey(r.records, "#alex.rivera/$abcd1234");
    ASSERT_NE(group, nullptr);
    EXPECT_TRUE(group->group);
    EXPECT_EQ(group->title, "Weekend plans");
    EXPECT_EQ(group->participantKeys, (std::vector<std::string>{"alex.rivera", "sam.parker77", "jordan.lee"}));
    EXPECT_EQ(messageWithText(r.records, "snacks")->conversationKey, "#alex.rivera/$abcd1234");
    // The chat row is gone: the message keeps a conversation of its chat name.
    EXPECT_EQ(messageWithText(r.records, "chat row missing")->conversationKey, "#gone/$chat");
    ASSERT_NE(conversationWithKey(r.records, "#gone/$chat"), nullptr);

    ASSERT_EQ(r.records.calls.size(), 1u);
    EXPECT_EQ(r.records.calls[0].accountKey, "alex.rivera");
    EXPECT_EQ(r.records.calls[0].durationSeconds, 42);
    EXPECT_EQ(r.records.calls[0].direction, Direction::Unknown);
}

TEST_F(Skype, Skype7MillisecondTimestampsArePreferred)
{
    // Skype 7 added Messages.timestamp__ms beside the seconds.
    const auto r =
        parseNewDatabase(kRegister, kId, dir / "main.db",
                         ddl("skype_main_db") + "ALTER TABLE Messages ADD COLUMN timestamp__ms INTEGER;"
                             + kModernRows + "UPDATE Messages SET timestamp__ms = 1772359200250 WHERE id = 201;");
    ASSERT_TRUE(r.errors.empty());
    EXPECT_EQ(toIso8601(*messageWithText(r.records, "coming to practice")->sent), "2026-03-01T10:00:00.25Z");
    EXPECT_EQ(toIso8601(*messageWithText(r.records, "see you at")->sent), "2026-03-01T10:01:00Z");
}

TEST_F(Skype, WithoutAnAccountRowTheOwnerIsUnknown)
{
    const auto r = parseNewDatabase(kRegister, kId, dir / "main.db",
                                    ddl("skype_main_db") + kModernRows + "DELETE FROM Accounts;");
    ASSERT_TRUE(r.accepted);
    const auto *owner = accountWithKey(r.records, "");
    ASSERT_NE(owner, nullptr);
    EXPECT_TRUE(owner->owner);
    const auto *sam = accountWithKey(r.records, "sam.parker77");
    ASSERT_NE(sam, nullptr);
    EXPECT_FALSE(sam->owner);
    EXPECT_EQ(messageWithText(r.records, "see you at")->direction, Direction::Unknown);
}

TEST_F(Skype, NullFieldsAndBinaryJunkAreKept)
{
    const auto r = parseNewDatabase(kRegister, kId, dir / "main.db", ddl("skype_main_db") + R"SQL(
INSERT INTO Accounts (id, skypename) VALUES (1, 'sam.parker77');
INSERT INTO Messages (id) VALUES (1);
INSERT INTO Messages (id, convo_id, author, timestamp, type, body_xml, chatmsg_status, identities) VALUES
  (2, 'x', X'616C6578FF', 'not a time', 61, X'68690080FEFF00', 'junk', X'00');
INSERT INTO Messages (id, convo_id, author, timestamp, type, body_xml) VALUES
  (3, 7, 'alex.rivera', -5, 68, '<files><file size="-3">x.txt</file><file size="99999999999999999999">y</file></files>');
INSERT INTO Transfers (id, type, filename, filesize) VALUES (4, 77, X'FF00', 'huge');
INSERT INTO Calls (id, begin_timestamp, is_incoming, duration) VALUES (5, 'soon', 'maybe', -10);
)SQL");
    ASSERT_TRUE(r.accepted);
    EXPECT_TRUE(r.errors.empty()) << r.errors[0].toString();
    ASSERT_EQ(r.records.messages.size(), 4u);
    const auto &empty = r.records.messages[0];
    EXPECT_EQ(empty.direction, Direction::Unknown);
    EXPECT_FALSE(empty.sent);
    EXPECT_TRUE(empty.text.empty());
    EXPECT_EQ(empty.conversationKey, "unknown");
    const auto &junk = r.records.messages[1];
    EXPECT_EQ(junk.text, "hi\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");   // bytes kept as U+FFFD
    EXPECT_EQ(junk.senderKey, "alex\xEF\xBF\xBD");
    EXPECT_EQ(junk.direction, Direction::Incoming);
    EXPECT_FALSE(junk.sent);
    const auto &files = r.records.messages[2];
    ASSERT_EQ(files.attachments.size(), 2u);
    EXPECT_FALSE(files.attachments[0].size);
    EXPECT_FALSE(files.attachments[1].size);
    EXPECT_FALSE(files.sent);
    const auto &transfer = r.records.messages[3];
    EXPECT_EQ(transfer.direction, Direction::Unknown);
    EXPECT_EQ(transfer.attachments[0].fileName, "\xEF\xBF\xBD\xEF\xBF\xBD");
    EXPECT_FALSE(transfer.attachments[0].size);
    ASSERT_EQ(r.records.calls.size(), 1u);
    EXPECT_FALSE(r.records.calls[0].started);
    EXPECT_FALSE(r.records.calls[0].durationSeconds);
}

// Accounts.registration_timestamp counts minutes since 1970 (the public sample's 22920322 is
// 2013-07-30 21:22 UTC, 8 s before its profile_timestamp 1375219328): the owner account's creation
// time. Without the column (Skype before 5), or with 0, a negative number or junk: none.
TEST_F(Skype, RegistrationTimeIsTheOwnersAccountCreation)
{
    auto created = [&](const std::string &value) -> std::optional<UtcNanos> {
        const auto r = parseNewDatabase(kRegister, kId, dir / ("reg" + std::to_string(++m_files) + ".db"),
                                        ddl("skype_main_db") + kModernRows +
                                            "UPDATE Accounts SET registration_timestamp = " + value + ";");
        EXPECT_TRUE(r.accepted);
        EXPECT_TRUE(r.errors.empty()) << value;
        const auto *owner = accountWithKey(r.records, "sam.parker77");
        if (!owner) {
            ADD_FAILURE() << "no owner account";
            return std::nullopt;
        }
        for (const auto &a : r.records.accounts) {   // only the owner's own account has one
            if (a.key != "sam.parker77") {
                EXPECT_FALSE(a.created) << a.key;
            }
        }
        return owner->created;
    };
    const auto sample = created("22920322");
    ASSERT_TRUE(sample);
    EXPECT_EQ(toIso8601(*sample), "2013-07-30T21:22:00Z");
    const auto recent = created("29539320");   // 2026-03-01T10:00:00Z, the fixture's first message
    ASSERT_TRUE(recent);
    EXPECT_EQ(*recent, kT0 * 1'000'000'000LL);
    EXPECT_FALSE(created("NULL"));
    EXPECT_FALSE(created("0"));
    EXPECT_FALSE(created("-5"));
    EXPECT_FALSE(created("'yesterday'"));
    EXPECT_FALSE(created("X'00FF'"));
    EXPECT_FALSE(created("9223372036854775807"));   // far past 2200: junk, and no overflow

    // Skype before 5 had no registration_timestamp column: the owner is read, with no creation time.
    const auto legacy = parseNewDatabase(kRegister, kId, dir / "legacy.db", kLegacyDdl);
    ASSERT_TRUE(legacy.accepted);
    const auto *owner = accountWithKey(legacy.records, "sam.parker77");
    ASSERT_NE(owner, nullptr);
    EXPECT_TRUE(owner->owner);
    EXPECT_FALSE(owner->created);
}

TEST_F(Skype, RejectsOtherDatabases)
{
    const auto db = dir / "other.db";
    createDatabase(db, "CREATE TABLE Messages (id INTEGER PRIMARY KEY, author TEXT, body_xml TEXT, timestamp INTEGER);"
                       "CREATE TABLE Accounts (id INTEGER PRIMARY KEY, skypename TEXT);"
                       "CREATE TABLE messages_v2 (chatname TEXT, from_dispname TEXT);");
    EXPECT_FALSE(parseDatabase(kRegister, kId, db).accepted);
    const auto sms = dir / "mmssms.db";
    createDatabase(sms, "CREATE TABLE sms (_id INTEGER PRIMARY KEY, thread_id INTEGER, address TEXT, date INTEGER,"
                        " type INTEGER, body TEXT);");
    EXPECT_FALSE(parseDatabase(kRegister, kId, sms).accepted);
}

std::string manyMessages(int n)
{
    std::string sql = ddl("skype_main_db") + "INSERT INTO Accounts (id, skypename) VALUES (1, 'sam.parker77');"
                    + "INSERT INTO Conversations (id, identity, type) VALUES (1, 'alex.rivera', 1);";
    for (int i = 1; i <= n; ++i)
        sql += "INSERT INTO Messages (id, convo_id, author, timestamp, type, body_xml) VALUES (" + std::to_string(i)
             + ", 1, 'alex.rivera', " + std::to_string(kT0 + i) + ", 61, 'message number " + std::to_string(i)
             + " with some padding to fill the pages of the table quickly');";
    return sql;
}

TEST_F(Skype, TruncatedDatabaseGivesAnErrorAndKeepsWhatItRead)
{
    expectTruncationKeepsSome(kParser, dir / "full.db", "BEGIN;" + manyMessages(3000) + "COMMIT;", messageCount, 3000,
                              "Messages");
}

TEST_F(Skype, CorruptPagesGiveAnErrorNotACrash)
{
    expectCorruptPagesReported(kParser, dir / "corrupt.db", "BEGIN;" + manyMessages(3000) + "COMMIT;", 4096 * 40,
                               4096 * 10, messageCount, 3000);
}

TEST_F(Skype, GarbageIsNotOpened)
{
    expectGarbageRefused(kParser, dir / "garbage.db");
}

TEST_F(Skype, AMessageOnlyInTheWalIsFoundAndMarked)
{
    const auto db = dir / "main.db";
    createDatabaseWithWal(db, ddl("skype_main_db") + kModernRows,
                          "INSERT INTO Messages (id, convo_id, author, timestamp, type, body_xml) VALUES "
                          "(300, 101, 'alex.rivera', 1772363000, 61, 'only in the wal');");
    const auto withWal = expectWalOnlyRecord(kParser, db, messageWithTextIn("only in the wal"),
                                             messageWithTextIn("coming to practice"), messageCount);
    const auto *recent = messageWithText(withWal.records, "only in the wal");
    ASSERT_NE(recent, nullptr);
    EXPECT_EQ(recent->conversationKey, "alex.rivera");
}

// Checked by hand with sqlite3 sqlite_skype_main.db: "select * from Accounts", "select id, convo_id,
// author, timestamp, type, chatmsg_status, body_xml from Messages", "select * from Conversations",
// "select * from Chats", "select * from Transfers", "select * from Calls", "select * from CallMembers",
// "select * from SMSes". 15 Messages rows in 5 legacy chats (Chats), which Skype groups into the
// conversations 33 (the dialog with european.bbq.competitor, 4 chats) and 34 (a three-person chat
// that only has its Chats row, conv_dbid 34).
TEST(SkypeExternal, PublicSampleMainDb)
{
    const auto sample = externalFile("chat/sqlite_skype_main.db");
    if (!sample)
        GTEST_SKIP() << "external test data not found (../shared/testdata/external/chat/sqlite_skype_main.db)";
    const auto r = parseDatabase(kRegister, kId, *sample);
    ASSERT_TRUE(r.accepted);
    EXPECT_TRUE(r.errors.empty()) << r.errors[0].toString();
    EXPECT_EQ(messagesFrom(r.records, "Messages"), 15u);
    EXPECT_EQ(messagesFrom(r.records, "Transfers"), 1u);   // offer 1090 is carried by its child 1094

    const auto *owner = accountWithKey(r.records, "gen.beringer");
    ASSERT_NE(owner, nullptr);
    EXPECT_TRUE(owner->owner);
    EXPECT_EQ(owner->displayName, "Gen Beringer");
    EXPECT_EQ(owner->email, "genberinger@gmail.com");
    ASSERT_TRUE(owner->created);   // registration_timestamp 22920322 minutes
    EXPECT_EQ(toIso8601(*owner->created), "2013-07-30T21:22:00Z");
    EXPECT_EQ(r.records.contacts.size(), 2u);

    ASSERT_EQ(r.records.conversations.size(), 3u);
    EXPECT_NE(conversationWithKey(r.records, "echo123"), nullptr);
    const auto *dialog = conversationWithKey(r.records, "european.bbq.competitor");
    ASSERT_NE(dialog, nullptr);
    EXPECT_EQ(dialog->participantKeys, (std::vector<std::string>{"european.bbq.competitor", "gen.beringer"}));
    const auto *group = conversationWithKey(r.records, "#european.bbq.competitor/$gen.beringer;b1a38279a3452341");
    ASSERT_NE(group, nullptr);
    EXPECT_TRUE(group->group);
    EXPECT_EQ(group->participantKeys,
              (std::vector<std::string>{"european.bbq.competitor", "gen.beringer", "echo123"}));
    EXPECT_EQ(countMessagesIn(r.records, "european.bbq.competitor"), 15u);   // 14 messages + the transfer
    EXPECT_EQ(countMessagesIn(r.records, "#european.bbq.competitor/$gen.beringer;b1a38279a3452341"), 1u);

    const auto *first = messageWithText(r.records, "yt?");   // Messages.id 39
    ASSERT_NE(first, nullptr);
    EXPECT_EQ(first->direction, Direction::Outgoing);
    EXPECT_EQ(first->senderKey, "gen.beringer");
    EXPECT_EQ(first->status, "sent");
    EXPECT_EQ(toIso8601(*first->sent), "2013-07-30T21:26:28Z");
    EXPECT_EQ(first->origin.rowid, 39);
    const auto *here = messageWithText(r.records, "I'm here");   // id 52, body "I&apos;m here"
    ASSERT_NE(here, nullptr);
    EXPECT_EQ(here->text, "I'm here");
    EXPECT_EQ(here->direction, Direction::Incoming);
    EXPECT_EQ(here->senderKey, "european.bbq.competitor");
    EXPECT_EQ(here->status, "read");
    EXPECT_EQ(toIso8601(*here->sent), "2013-07-30T21:27:56Z");
    const auto *link = messageWithText(r.records, "Recipes.docx");   // id 54: an <a> element
    ASSERT_NE(link, nullptr);
    EXPECT_EQ(link->text, "https://www.dropbox.com/s/3t95y5d8j64azsj/Recipes.docx");
    const auto *request = messageWithText(r.records, "like to add you as a contact");   // id 47, type 50
    ASSERT_NE(request, nullptr);
    EXPECT_EQ(request->type, "system");
    // id 61: a Skype SMS whose Messages.timestamp (13727168620) is junk; SMSes row 145 has the time.
    const auto *sms = messageWithText(r.records, "copy some documents");
    ASSERT_NE(sms, nullptr);
    EXPECT_EQ(sms->type, "sms");
    EXPECT_EQ(sms->recipientKeys, std::vector<std::string>{"+34123456789"});
    EXPECT_EQ(toIso8601(*sms->sent), "2013-07-01T22:14:22Z");
    const auto *employee = messageWithText(r.records, "He is our new employee");   // id 62, convo 34
    ASSERT_NE(employee, nullptr);
    EXPECT_EQ(employee->conversationKey, "#european.bbq.competitor/$gen.beringer;b1a38279a3452341");
    EXPECT_EQ(toIso8601(*employee->sent), "2013-10-27T15:29:19Z");

    const model::MessageRecord *transfer = nullptr;
    for (const auto &m : r.records.messages)
        transfer = m.origin.table == "Transfers" ? &m : transfer;
    ASSERT_NE(transfer, nullptr);
    EXPECT_EQ(transfer->origin.rowid, 1094);
    EXPECT_EQ(transfer->direction, Direction::Outgoing);
    EXPECT_EQ(transfer->recipientKeys, std::vector<std::string>{"european.bbq.competitor"});
    EXPECT_EQ(transfer->status, "delivered");
    ASSERT_EQ(transfer->attachments.size(), 1u);
    EXPECT_EQ(transfer->attachments[0].fileName, "secret-project.pdf");
    EXPECT_EQ(transfer->attachments[0].devicePath, "/Users/gberinger/Desktop/secret-project.pdf");
    EXPECT_EQ(transfer->attachments[0].size, 69986);
    EXPECT_EQ(toIso8601(*transfer->sent), "2013-10-24T21:49:35Z");

    ASSERT_EQ(r.records.calls.size(), 1u);
    const auto &call = r.records.calls[0];
    EXPECT_EQ(call.accountKey, "european.bbq.competitor");
    EXPECT_EQ(call.direction, Direction::Outgoing);
    EXPECT_EQ(toIso8601(*call.started), "2013-07-01T22:12:17Z");
    EXPECT_EQ(call.durationSeconds, 646);
    EXPECT_EQ(call.status, "answered");
    EXPECT_EQ(call.origin.rowid, 110);
}

} // namespace
} // namespace vigil::test
