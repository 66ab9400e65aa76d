// SPDX-License-Identifier: GPL-3.0-or-later
// WhatsApp iOS parser tests.
//  - ChatStorage.sqlite: the Core Data tables as a 2026 store has them (a `.schema` dump of the
//    store, whose model the iOS and macOS apps share), with every column.
//  - ContactsV2.sqlite: no complete `.schema` dump of ZWAADDRESSBOOKCONTACT was found in public
//    sources; the table below is Core Data's layout (Z_PK, Z_ENT, Z_OPT, then the attributes)
//    with the attribute columns that public tools read from real files.
// All rows are synthetic and benign; the phone numbers are from the UK's drama range.
#include "plugins/parsers/whatsapp-ios/whatsappios.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>

#include "core/util/timeutil.h"
#include "tests/plugins/parsers/parsertest.h"

namespace vigil::test {
namespace {

using model::Direction;
using model::RecordSource;

const RegisterFn kRegister = plugins::registerWhatsAppIosPlugin;
constexpr const char *kId = "whatsapp-ios";
constexpr const char *kDevicePath =
    "/private/var/mobile/Containers/Shared/AppGroup/0A1B2C3D-4E5F-6071-8293-A4B5C6D7E8F9/ChatStorage.sqlite";
const ParserUnderTest kParser{kRegister, kId, kDevicePath};

constexpr const char *kAlex = "447700900123@s.whatsapp.net";
constexpr const char *kSam = "447700900456@s.whatsapp.net";
constexpr const char *kJo = "447700900789@s.whatsapp.net";
constexpr const char *kLid = "98765432109876@lid";
constexpr const char *kGroup = "120363001234567890@g.us";

constexpr const char *kChatStorageDdl = R"SQL(
CREATE TABLE ZWACHATSESSION ( Z_PK INTEGER PRIMARY KEY, Z_ENT INTEGER, Z_OPT INTEGER, ZARCHIVED INTEGER, ZCONTACTABID INTEGER, ZFLAGS INTEGER, ZHIDDEN INTEGER, ZIDENTITYVERIFICATIONEPOCH INTEGER, ZIDENTITYVERIFICATIONSTATE INTEGER, ZMESSAGECOUNTER INTEGER, ZREMOVED INTEGER, ZSESSIONTYPE INTEGER, ZSPOTLIGHTSTATUS INTEGER, ZUNREADCOUNT INTEGER, ZGROUPINFO INTEGER, ZLASTMESSAGE INTEGER, ZPROPERTIES INTEGER, ZLASTMESSAGEDATE TIMESTAMP, ZLOCATIONSHARINGENDDATE TIMESTAMP, ZCONTACTIDENTIFIER VARCHAR, ZCONTACTJID VARCHAR, ZETAG VARCHAR, ZLASTMESSAGETEXT VARCHAR, ZPARTNERNAME VARCHAR, ZSAVEDINPUT VARCHAR );
CREATE TABLE ZWAMESSAGE ( Z_PK INTEGER PRIMARY KEY, Z_ENT INTEGER, Z_OPT INTEGER, ZCHILDMESSAGESDELIVEREDCOUNT INTEGER, ZCHILDMESSAGESPLAYEDCOUNT INTEGER, ZCHILDMESSAGESREADCOUNT INTEGER, ZDATAITEMVERSION INTEGER, ZDOCID INTEGER, ZENCRETRYCOUNT INTEGER, ZFILTEREDRECIPIENTCOUNT INTEGER, ZFLAGS INTEGER, ZGROUPEVENTTYPE INTEGER, ZISFROMME INTEGER, ZMESSAGEERRORSTATUS INTEGER, ZMESSAGESTATUS INTEGER, ZMESSAGETYPE INTEGER, ZSORT INTEGER, ZSPOTLIGHTSTATUS INTEGER, ZSTARRED INTEGER, ZCHATSESSION INTEGER, ZGROUPMEMBER INTEGER, ZLASTSESSION INTEGER, ZMEDIAITEM INTEGER, ZMESSAGEINFO INTEGER, ZPARENTMESSAGE INTEGER, ZMESSAGEDATE TIMESTAMP, ZSENTDATE TIMESTAMP, ZFROMJID VARCHAR, ZMEDIASECTIONID VARCHAR, ZPHASH VARCHAR, ZPUSHNAME VARCHAR, ZSTANZAID VARCHAR, ZTEXT VARCHAR, ZTOJID VARCHAR );
CREATE TABLE ZWAMEDIAITEM ( Z_PK INTEGER PRIMARY KEY, Z_ENT INTEGER, Z_OPT INTEGER, ZCLOUDSTATUS INTEGER, ZFILESIZE INTEGER, ZMEDIAORIGIN INTEGER, ZMOVIEDURATION INTEGER, ZMESSAGE INTEGER, ZASPECTRATIO FLOAT, ZHACCURACY FLOAT, ZLATITUDE FLOAT, ZLONGITUDE FLOAT, ZMEDIAURLDATE TIMESTAMP, ZAUTHORNAME VARCHAR, ZCOLLECTIONNAME VARCHAR, ZMEDIALOCALPATH VARCHAR, ZMEDIAURL VARCHAR, ZTHUMBNAILLOCALPATH VARCHAR, ZTITLE VARCHAR, ZVCARDNAME VARCHAR, ZVCARDSTRING VARCHAR, ZXMPPTHUMBPATH VARCHAR, ZMEDIAKEY BLOB, ZMETADATA BLOB );
CREATE TABLE ZWAGROUPMEMBER ( Z_PK INTEGER PRIMARY KEY, Z_ENT INTEGER, Z_OPT INTEGER, ZCONTACTABID INTEGER, ZISACTIVE INTEGER, ZISADMIN INTEGER, ZSENDERKEYSENT INTEGER, ZCHATSESSION INTEGER, ZRECENTGROUPCHAT INTEGER, ZCONTACTIDENTIFIER VARCHAR, ZCONTACTNAME VARCHAR, ZFIRSTNAME VARCHAR, ZMEMBERJID VARCHAR );
CREATE TABLE ZWAPROFILEPUSHNAME ( Z_PK INTEGER PRIMARY KEY, Z_ENT INTEGER, Z_OPT INTEGER, ZJID VARCHAR, ZPUSHNAME VARCHAR );
CREATE TABLE ZWAGROUPINFO ( Z_PK INTEGER PRIMARY KEY, Z_ENT INTEGER, Z_OPT INTEGER, ZSTATE INTEGER, ZCHATSESSION INTEGER, ZLASTMESSAGEOWNER INTEGER, ZCREATIONDATE TIMESTAMP, ZSUBJECTTIMESTAMP TIMESTAMP, ZCREATORJID VARCHAR, ZOWNERJID VARCHAR, ZPICTUREID VARCHAR, ZPICTUREPATH VARCHAR, ZSOURCEJID VARCHAR, ZSUBJECTOWNERJID VARCHAR );
CREATE TABLE Z_PRIMARYKEY (Z_ENT INTEGER PRIMARY KEY, Z_NAME VARCHAR, Z_SUPER INTEGER, Z_MAX INTEGER);
CREATE TABLE Z_METADATA (Z_VERSION INTEGER PRIMARY KEY, Z_UUID VARCHAR(255), Z_PLIST BLOB);
CREATE INDEX ZWAMESSAGE_ZCHATSESSION_INDEX ON ZWAMESSAGE (ZCHATSESSION);
CREATE INDEX ZWAMEDIAITEM_ZMESSAGE_INDEX ON ZWAMEDIAITEM (ZMESSAGE);
)SQL";

// 2026-03-01T10:00:00Z in Core Data seconds (since 2001-01-01).
constexpr double kT0 = 794052000;

std::string at(double offsetSeconds)
{
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.3f", kT0 + offsetSeconds);
    return buf;
}

std::string chatStorageRows()
{
    return R"SQL(
INSERT INTO ZWACHATSESSION (Z_PK, Z_ENT, Z_OPT, ZSESSIONTYPE, ZGROUPINFO, ZCONTACTJID, ZPARTNERNAME, ZREMOVED) VALUES
  (1, 2, 1, 0, NULL, '447700900123@s.whatsapp.net', 'Alex Morgan', 0),
  (2, 2, 1, 1, 1, '120363001234567890@g.us', 'Football practice', 0),
  (3, 2, 1, 3, NULL, 'status@broadcast', NULL, 0);
INSERT INTO ZWAGROUPINFO (Z_PK, Z_ENT, Z_OPT, ZCHATSESSION, ZCREATIONDATE, ZCREATORJID) VALUES
  (1, 3, 1, 2, 793965600.5, '447700900789@s.whatsapp.net');
INSERT INTO ZWAGROUPMEMBER (Z_PK, Z_ENT, Z_OPT, ZISACTIVE, ZCHATSESSION, ZCONTACTNAME, ZFIRSTNAME, ZMEMBERJID) VALUES
  (1, 4, 1, 1, 2, 'Jo Smith', 'Jo', '447700900789@s.whatsapp.net'),
  (2, 4, 1, 1, 2, NULL, 'Sam', '447700900456@s.whatsapp.net'),
  (3, 4, 1, 0, 2, NULL, NULL, '98765432109876@lid');
INSERT INTO ZWAPROFILEPUSHNAME (Z_PK, Z_ENT, Z_OPT, ZJID, ZPUSHNAME) VALUES
  (1, 7, 1, '447700900789@s.whatsapp.net', 'Jo'), (2, 7, 1, '447700900123@s.whatsapp.net', 'Alex');
INSERT INTO ZWAMEDIAITEM (Z_PK, Z_ENT, Z_OPT, ZMESSAGE, ZFILESIZE, ZMEDIALOCALPATH, ZTITLE, ZVCARDNAME, ZVCARDSTRING,
                          ZLATITUDE, ZLONGITUDE) VALUES
  (1, 5, 1, 4, 54321, 'Media/120363001234567890@g.us/0/a/0a1b2c3d-4e5f.jpg', 'the new kit',
   'n4bQgYhMfWWaL+qgxVrQFaO/TxsrC4Is0V1sFbDwCgg=', 'image/jpeg', NULL, NULL),
  (2, 5, 1, 7, NULL, NULL, NULL, NULL, NULL, 51.5, -0.125);
INSERT INTO ZWAMESSAGE (Z_PK, Z_ENT, Z_OPT, ZISFROMME, ZMESSAGESTATUS, ZMESSAGETYPE, ZGROUPEVENTTYPE, ZCHATSESSION,
                        ZGROUPMEMBER, ZMEDIAITEM, ZMESSAGEDATE, ZFROMJID, ZTOJID, ZSTANZAID, ZTEXT) VALUES
  (1, 9, 1, 0, 0, 0, 0, 1, NULL, NULL, )SQL" + at(0) + R"SQL(, '447700900123@s.whatsapp.net', NULL, 'S1', 'are you coming to practice?'),
  (2, 9, 1, 1, 8, 0, 0, 1, NULL, NULL, )SQL" + at(60.5) + R"SQL(, NULL, '447700900123@s.whatsapp.net', 'S2', 'yes, see you at six'),
  (3, 9, 1, 0, 0, 0, 0, 2, 1, NULL, )SQL" + at(180) + R"SQL(, '120363001234567890@g.us', NULL, 'S3', 'training moved to the east field'),
  (4, 9, 1, 0, 0, 1, 0, 2, 2, 1, )SQL" + at(240) + R"SQL(, '120363001234567890@g.us', NULL, 'S4', NULL),
  (5, 9, 1, 0, 0, 6, 12, 2, NULL, NULL, )SQL" + at(-3600) + R"SQL(, '120363001234567890@g.us', NULL, 'S5', NULL),
  (6, 9, 1, 0, 0, 14, 0, 1, NULL, NULL, )SQL" + at(300) + R"SQL(, '447700900123@s.whatsapp.net', NULL, 'S6', NULL),
  (7, 9, 1, 1, 6, 5, 0, 1, NULL, 2, )SQL" + at(360) + R"SQL(, NULL, '447700900123@s.whatsapp.net', 'S7', NULL),
  (8, 9, 1, 0, 0, 10, 1, 1, NULL, NULL, )SQL" + at(420) + R"SQL(, '447700900123@s.whatsapp.net', NULL, 'S8', NULL),
  (9, 9, 1, 0, 0, 0, 0, 99, NULL, NULL, )SQL" + at(480) + R"SQL(, '447700900999@s.whatsapp.net', NULL, 'S9', 'hello from a chat that is gone'),
  (10, 9, 1, 0, 0, 0, 0, 2, 3, NULL, )SQL" + at(540) + R"SQL(, '120363001234567890@g.us', NULL, 'S10', 'thanks for letting us know'),
  (11, 9, 1, 1, 1, 0, 0, 1, NULL, NULL, )SQL" + at(600) + R"SQL(, NULL, '447700900123@s.whatsapp.net', 'S11', 'on my way'),
  (12, 9, 1, 0, 0, 0, 0, 3, NULL, NULL, )SQL" + at(660) + R"SQL(, '447700900789@s.whatsapp.net', NULL, 'S12', 'match day!');
)SQL";
}

constexpr const char *kContactsV2Ddl = R"SQL(
CREATE TABLE ZWAADDRESSBOOKCONTACT ( Z_PK INTEGER PRIMARY KEY, Z_ENT INTEGER, Z_OPT INTEGER, ZLASTUPDATED TIMESTAMP, ZABOUTTEXT VARCHAR, ZBUSINESSNAME VARCHAR, ZFULLNAME VARCHAR, ZGIVENNAME VARCHAR, ZHIGHLIGHTEDNAME VARCHAR, ZIDENTIFIER VARCHAR, ZLASTNAME VARCHAR, ZLID VARCHAR, ZNICKNAME VARCHAR, ZPHONENUMBER VARCHAR, ZPHONENUMBERLABEL VARCHAR, ZUSERNAME VARCHAR, ZWHATSAPPID VARCHAR );
CREATE TABLE Z_PRIMARYKEY (Z_ENT INTEGER PRIMARY KEY, Z_NAME VARCHAR, Z_SUPER INTEGER, Z_MAX INTEGER);
CREATE TABLE Z_METADATA (Z_VERSION INTEGER PRIMARY KEY, Z_UUID VARCHAR(255), Z_PLIST BLOB);
)SQL";

constexpr const char *kContactsV2Rows = R"SQL(
INSERT INTO ZWAADDRESSBOOKCONTACT (Z_PK, Z_ENT, Z_OPT, ZFULLNAME, ZGIVENNAME, ZLASTNAME, ZBUSINESSNAME, ZPHONENUMBER,
                                   ZWHATSAPPID, ZUSERNAME, ZLID) VALUES
  (1, 1, 1, 'Alex Morgan', 'Alex', 'Morgan', NULL, '+44 7700 900123', '447700900123@s.whatsapp.net', 'alexm', NULL),
  (2, 1, 1, NULL, 'Sam', 'Taylor', 'Riverside FC', '07700 900456', '447700900456', NULL, '98765432109876@lid'),
  (3, 1, 1, 'Pat Lee', 'Pat', 'Lee', NULL, '07700 900999', NULL, NULL, NULL);
)SQL";

class WhatsAppIos : public ::testing::Test {
protected:
    ParseResult parse(const std::string &sql, const std::string &name = "ChatStorage.sqlite")
    {
        return parseNewDatabase(kRegister, kId, dir / name, sql, kDevicePath);
    }
    ParseResult parseChatStorage() { return parse(std::string(kChatStorageDdl) + chatStorageRows()); }
    ScratchDir dir;
};

TEST_F(WhatsAppIos, MessagesHaveDirectionSenderCocoaTimeAndStatus)
{
    const auto r = parseChatStorage();
    ASSERT_TRUE(r.accepted);
    EXPECT_TRUE(r.errors.empty()) << (r.errors.empty() ? "" : r.errors[0].toString());
    EXPECT_EQ(r.records.app, "whatsapp");
    ASSERT_EQ(r.records.messages.size(), 12u);

    const auto *in = messageWithText(r.records, "are you coming to practice?");
    ASSERT_NE(in, nullptr);
    EXPECT_EQ(in->direction, Direction::Incoming);
    EXPECT_EQ(in->senderKey, kAlex);
    EXPECT_EQ(in->conversationKey, kAlex);
    EXPECT_EQ(in->status, "received");
    EXPECT_EQ(in->type, "text");
    EXPECT_EQ(toIso8601(*in->sent), "2026-03-01T10:00:00Z");
    EXPECT_EQ(in->origin.table, "ZWAMESSAGE");
    EXPECT_EQ(in->origin.rowid, 1);

    const auto *out = messageWithText(r.records, "yes, see you at six");
    ASSERT_NE(out, nullptr);
    EXPECT_EQ(out->direction, Direction::Outgoing);
    EXPECT_EQ(out->senderKey, "");
    EXPECT_EQ(out->status, "read");
    EXPECT_EQ(toIso8601(*out->sent), "2026-03-01T10:01:00.5Z");
    EXPECT_EQ(messageWithText(r.records, "on my way")->status, "sent");
}

TEST_F(WhatsAppIos, GroupMessagesNameTheMemberWhoSentThem)
{
    const auto r = parseChatStorage();
    const auto *jo = messageWithText(r.records, "east field");
    ASSERT_NE(jo, nullptr);
    EXPECT_EQ(jo->conversationKey, kGroup);
    EXPECT_EQ(jo->senderKey, kJo);
    EXPECT_EQ(messageWithText(r.records, "thanks for letting us know")->senderKey, kLid);
    // A status update names its poster; the status "chat" is no account.
    const auto *status = messageWithText(r.records, "match day!");
    ASSERT_NE(status, nullptr);
    EXPECT_EQ(status->conversationKey, "status@broadcast");
    EXPECT_EQ(status->senderKey, kJo);
    EXPECT_EQ(accountWithKey(r.records, "status@broadcast"), nullptr);

    const auto *group = conversationWithKey(r.records, kGroup);
    ASSERT_NE(group, nullptr);
    EXPECT_TRUE(group->group);
    EXPECT_EQ(group->title, "Football practice");
    EXPECT_EQ(group->participantKeys, (std::vector<std::string>{"", kJo, kSam, kLid}));
    EXPECT_EQ(toIso8601(*group->created), "2026-02-28T10:00:00.5Z");
    EXPECT_EQ(group->origin.table, "ZWACHATSESSION");
    EXPECT_EQ(group->origin.rowid, 2);
    const auto *alex = conversationWithKey(r.records, kAlex);
    ASSERT_NE(alex, nullptr);
    EXPECT_FALSE(alex->group);
    EXPECT_EQ(alex->title, "");
    EXPECT_EQ(alex->participantKeys, (std::vector<std::string>{"", kAlex}));
    EXPECT_EQ(countMessagesIn(r.records, kAlex), 6u);
    EXPECT_EQ(countMessagesIn(r.records, kGroup), 4u);
}

TEST_F(WhatsAppIos, AccountsCarryPushNamesPhonesAndTheOwner)
{
    const auto r = parseChatStorage();
    const auto *owner = accountWithKey(r.records, "");
    ASSERT_NE(owner, nullptr);
    EXPECT_TRUE(owner->owner);
    const auto *jo = accountWithKey(r.records, kJo);
    ASSERT_NE(jo, nullptr);
    EXPECT_EQ(jo->displayName, "Jo");   // push name over the address-book name
    EXPECT_EQ(jo->phone, "+447700900789");
    EXPECT_EQ(jo->origin.table, "ZWAPROFILEPUSHNAME");
    EXPECT_EQ(jo->origin.rowid, 1);
    const auto *sam = accountWithKey(r.records, kSam);
    ASSERT_NE(sam, nullptr);
    EXPECT_EQ(sam->displayName, "Sam");   // no push name: the member row's first name
    EXPECT_EQ(sam->origin.table, "ZWAGROUPMEMBER");
    const auto *lid = accountWithKey(r.records, kLid);
    ASSERT_NE(lid, nullptr);
    EXPECT_EQ(lid->phone, "");
    EXPECT_EQ(accountWithKey(r.records, kGroup), nullptr);
}

TEST_F(WhatsAppIos, MediaItemsBecomeAttachments)
{
    const auto r = parseChatStorage();
    const auto *photo = messageWithText(r.records, "the new kit");
    ASSERT_NE(photo, nullptr);
    EXPECT_EQ(photo->type, "media");
    EXPECT_EQ(photo->senderKey, kSam);
    ASSERT_EQ(photo->attachments.size(), 1u);
    const auto &a = photo->attachments[0];
    EXPECT_EQ(a.devicePath, "Media/120363001234567890@g.us/0/a/0a1b2c3d-4e5f.jpg");
    EXPECT_EQ(a.fileName, "0a1b2c3d-4e5f.jpg");
    EXPECT_EQ(a.mimeType, "image/jpeg");
    EXPECT_EQ(a.size, 54321);
    EXPECT_EQ(a.appHash, "n4bQgYhMfWWaL+qgxVrQFaO/TxsrC4Is0V1sFbDwCgg=");
    EXPECT_EQ(a.origin.table, "ZWAMEDIAITEM");
    EXPECT_EQ(a.origin.rowid, 1);
}

TEST_F(WhatsAppIos, SystemRevokedCallAndLocationMessages)
{
    const auto r = parseChatStorage();
    const auto *created = messageWithRowid(r.records, 5);
    ASSERT_NE(created, nullptr);
    EXPECT_EQ(created->type, "system");
    EXPECT_EQ(created->text, "[created the group]");
    EXPECT_EQ(created->status, "");
    EXPECT_EQ(created->senderKey, "");   // the group itself is not a sender
    EXPECT_EQ(toIso8601(*created->sent), "2026-03-01T09:00:00Z");

    const auto *revoked = messageWithRowid(r.records, 6);
    ASSERT_NE(revoked, nullptr);
    EXPECT_TRUE(revoked->deletedInApp);
    EXPECT_EQ(revoked->type, "deleted");

    const auto *location = messageWithRowid(r.records, 7);
    ASSERT_NE(location, nullptr);
    EXPECT_EQ(location->type, "location");
    EXPECT_EQ(location->text, "Location: 51.5, -0.125");
    EXPECT_EQ(location->status, "delivered");
    EXPECT_TRUE(location->attachments.empty());

    const auto *call = messageWithRowid(r.records, 8);
    ASSERT_NE(call, nullptr);
    EXPECT_EQ(call->type, "call");
    EXPECT_EQ(call->text, "[missed voice call]");
    EXPECT_FALSE(messageWithRowid(r.records, 1)->deletedInApp);
}

TEST_F(WhatsAppIos, AMessageOfAMissingChatKeepsAConversation)
{
    const auto r = parseChatStorage();
    const auto *orphan = messageWithText(r.records, "hello from a chat that is gone");
    ASSERT_NE(orphan, nullptr);
    EXPECT_EQ(orphan->conversationKey, "chat:99");
    EXPECT_EQ(orphan->senderKey, "447700900999@s.whatsapp.net");
    ASSERT_NE(conversationWithKey(r.records, "chat:99"), nullptr);
    ASSERT_NE(accountWithKey(r.records, "447700900999@s.whatsapp.net"), nullptr);
}

TEST_F(WhatsAppIos, ContactsV2GivesContactsAndAccounts)
{
    const auto r = parse(std::string(kContactsV2Ddl) + kContactsV2Rows, "ContactsV2.sqlite");
    ASSERT_TRUE(r.accepted);
    EXPECT_TRUE(r.errors.empty());
    EXPECT_TRUE(r.records.messages.empty());
    ASSERT_EQ(r.records.contacts.size(), 3u);
    const auto &alex = r.records.contacts[0];
    EXPECT_EQ(alex.name, "Alex Morgan");
    EXPECT_EQ(alex.phones, std::vector<std::string>{"+44 7700 900123"});
    EXPECT_EQ(alex.accountKey, kAlex);
    EXPECT_EQ(alex.origin.table, "ZWAADDRESSBOOKCONTACT");
    EXPECT_EQ(alex.origin.rowid, 1);
    const auto &sam = r.records.contacts[1];
    EXPECT_EQ(sam.name, "Sam Taylor");   // no full name: given + last
    EXPECT_EQ(sam.accountKey, kSam);     // a bare number is a phone JID
    EXPECT_EQ(sam.organization, "Riverside FC");
    const auto &pat = r.records.contacts[2];
    EXPECT_EQ(pat.accountKey, "");
    EXPECT_EQ(pat.phones, std::vector<std::string>{"07700 900999"});

    const auto *alexAccount = accountWithKey(r.records, kAlex);
    ASSERT_NE(alexAccount, nullptr);
    EXPECT_EQ(alexAccount->phone, "+447700900123");
    EXPECT_EQ(alexAccount->username, "alexm");
    EXPECT_NE(accountWithKey(r.records, kSam), nullptr);
    EXPECT_EQ(r.records.accounts.size(), 2u);   // no owner row in a contacts file
}

TEST_F(WhatsAppIos, MinimalStoreWithoutOptionalTables)
{
    // Only sessions and messages; no media items, members, push names or group info.
    const auto r = parse(R"SQL(
CREATE TABLE ZWACHATSESSION ( Z_PK INTEGER PRIMARY KEY, Z_ENT INTEGER, Z_OPT INTEGER, ZCONTACTJID VARCHAR, ZPARTNERNAME VARCHAR );
CREATE TABLE ZWAMESSAGE ( Z_PK INTEGER PRIMARY KEY, Z_ENT INTEGER, Z_OPT INTEGER, ZISFROMME INTEGER, ZMESSAGETYPE INTEGER, ZCHATSESSION INTEGER, ZMESSAGEDATE TIMESTAMP, ZTEXT VARCHAR );
INSERT INTO ZWACHATSESSION VALUES (1, 2, 1, '447700900456@s.whatsapp.net', 'Sam');
INSERT INTO ZWAMESSAGE VALUES (1, 9, 1, 0, 1, 1, 794052000, 'photo without its item');
)SQL");
    ASSERT_TRUE(r.accepted);
    EXPECT_TRUE(r.errors.empty()) << (r.errors.empty() ? "" : r.errors[0].toString());
    ASSERT_EQ(r.records.messages.size(), 1u);
    EXPECT_EQ(r.records.messages[0].type, "media");
    EXPECT_TRUE(r.records.messages[0].attachments.empty());
    EXPECT_EQ(r.records.messages[0].status, "received");
    EXPECT_EQ(accountWithKey(r.records, kSam)->displayName, "Sam");
}

TEST_F(WhatsAppIos, NullFieldsWrongTypesAndBinaryJunkAreKept)
{
    const auto r = parse(std::string(kChatStorageDdl) + R"SQL(
INSERT INTO ZWACHATSESSION (Z_PK, ZCONTACTJID, ZPARTNERNAME, ZSESSIONTYPE) VALUES (1, X'34344142FF40732E77686174736170702E6E6574', X'C0AF', 'x');
INSERT INTO ZWAMEDIAITEM (Z_PK, ZMESSAGE, ZFILESIZE, ZMEDIALOCALPATH, ZVCARDSTRING) VALUES (1, 3, -9, X'00FF', 'BEGIN:VCARD junk');
INSERT INTO ZWAMESSAGE (Z_PK, ZISFROMME, ZMESSAGETYPE, ZCHATSESSION, ZMESSAGEDATE, ZTEXT, ZMESSAGESTATUS) VALUES
  (1, NULL, NULL, NULL, NULL, NULL, NULL),
  (2, 'x', 777, 1, 'yesterday', X'68690080FEFF00', 'y'),
  (3, 1, 1, 1, 1e300, 'pic', -4);
UPDATE ZWAMESSAGE SET ZMEDIAITEM = 1 WHERE Z_PK = 3;
)SQL");
    ASSERT_TRUE(r.accepted);
    EXPECT_TRUE(r.errors.empty()) << (r.errors.empty() ? "" : r.errors[0].toString());
    ASSERT_EQ(r.records.messages.size(), 3u);
    const auto &empty = r.records.messages[0];
    EXPECT_EQ(empty.direction, Direction::Unknown);
    EXPECT_EQ(empty.conversationKey, "chat:");
    EXPECT_FALSE(empty.sent);
    EXPECT_EQ(empty.type, "other");
    const auto &junk = r.records.messages[1];
    EXPECT_EQ(junk.text, "hi\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");
    EXPECT_EQ(junk.conversationKey, "44AB\xEF\xBF\xBD@s.whatsapp.net");
    EXPECT_FALSE(junk.sent);
    EXPECT_EQ(junk.status, "");
    const auto &pic = r.records.messages[2];
    EXPECT_FALSE(pic.sent);   // beyond 2200
    ASSERT_EQ(pic.attachments.size(), 1u);
    EXPECT_FALSE(pic.attachments[0].size);
    EXPECT_EQ(pic.attachments[0].mimeType, "");   // a vCard is not a MIME type
    EXPECT_EQ(pic.attachments[0].devicePath, "\xEF\xBF\xBD\xEF\xBF\xBD");
    const auto *chat = conversationWithKey(r.records, "44AB\xEF\xBF\xBD@s.whatsapp.net");
    ASSERT_NE(chat, nullptr);
    EXPECT_FALSE(chat->group);
}

TEST_F(WhatsAppIos, RejectsOtherAppsDatabases)
{
    // Apple Messages (sms.db).
    EXPECT_FALSE(parse("CREATE TABLE message (ROWID INTEGER PRIMARY KEY AUTOINCREMENT, guid TEXT UNIQUE NOT NULL, "
                       "text TEXT, handle_id INTEGER DEFAULT 0, date INTEGER, is_from_me INTEGER DEFAULT 0);"
                       "CREATE TABLE chat (ROWID INTEGER PRIMARY KEY AUTOINCREMENT, guid TEXT UNIQUE NOT NULL);",
                       "sms.db")
                     .accepted);
    // WhatsApp Android's msgstore.db belongs to the other plugin.
    EXPECT_FALSE(parse("CREATE TABLE messages (_id INTEGER PRIMARY KEY AUTOINCREMENT, key_remote_jid TEXT NOT NULL, "
                       "key_from_me INTEGER, key_id TEXT NOT NULL, data TEXT, timestamp INTEGER, media_wa_type TEXT);",
                       "msgstore.db")
                     .accepted);
    // Another Core Data messenger store with a ZWAMESSAGE-like table but no chat sessions.
    EXPECT_FALSE(parse("CREATE TABLE ZWAMESSAGE ( Z_PK INTEGER PRIMARY KEY, ZTEXT VARCHAR, ZMESSAGEDATE TIMESTAMP );",
                       "other.sqlite")
                     .accepted);
}

std::string manyMessages(int n)
{
    std::string sql = std::string(kChatStorageDdl)
                    + "INSERT INTO ZWACHATSESSION (Z_PK, ZCONTACTJID, ZSESSIONTYPE) VALUES (1, '447700900123@s.whatsapp.net', 0);";
    for (int i = 1; i <= n; ++i)
        sql += "INSERT INTO ZWAMESSAGE (Z_PK, ZISFROMME, ZMESSAGETYPE, ZCHATSESSION, ZMESSAGEDATE, ZTEXT) VALUES ("
             + std::to_string(i) + ", " + std::to_string(i % 2) + ", 0, 1, " + at(i)
             + ", 'message number " + std::to_string(i) + " about the match on saturday and who brings the oranges');";
    return sql;
}

TEST_F(WhatsAppIos, ThousandsOfMessagesArriveInSeveralBatchesInOrder)
{
    const auto r = parse("BEGIN;" + manyMessages(4500) + "COMMIT;", "many.sqlite");
    ASSERT_TRUE(r.errors.empty());
    ASSERT_EQ(r.records.messages.size(), 4500u);
    EXPECT_GE(r.batches, 3u);
    for (std::size_t i = 0; i < r.records.messages.size(); ++i)
        ASSERT_EQ(r.records.messages[i].origin.rowid, static_cast<std::int64_t>(i + 1));
    EXPECT_EQ(countMessagesIn(r.records, kAlex), 4500u);
}

TEST_F(WhatsAppIos, TruncatedDatabaseGivesAnErrorAndKeepsWhatItRead)
{
    expectTruncationKeepsSome(kParser, dir / "full.sqlite", "BEGIN;" + manyMessages(3000) + "COMMIT;", messageCount,
                              3000, "ZWAMESSAGE");
}

TEST_F(WhatsAppIos, CorruptPagesGiveAnErrorNotACrash)
{
    expectCorruptPagesReported(kParser, dir / "corrupt.sqlite", "BEGIN;" + manyMessages(3000) + "COMMIT;", 4096 * 40,
                               4096 * 10, messageCount, 3000);
}

TEST_F(WhatsAppIos, GarbageIsNotOpened)
{
    expectGarbageRefused(kParser, dir / "ChatStorage.sqlite");
}

TEST_F(WhatsAppIos, AMessageOnlyInTheWalIsFoundAndMarked)
{
    const auto db = dir / "ChatStorage.sqlite";
    createDatabaseWithWal(db, std::string(kChatStorageDdl) + chatStorageRows(),
                          "INSERT INTO ZWAMESSAGE (Z_PK, ZISFROMME, ZMESSAGETYPE, ZCHATSESSION, ZMESSAGEDATE, ZTEXT) "
                          "VALUES (13, 0, 0, 1, " + at(900) + ", 'only in the wal');");
    const auto withWal = expectWalOnlyRecord(kParser, db, messageWithTextIn("only in the wal"),
                                             messageWithTextIn("are you coming"), messageCount);
    const auto *recent = messageWithText(withWal.records, "only in the wal");
    ASSERT_NE(recent, nullptr);
    EXPECT_EQ(toIso8601(*recent->sent), "2026-03-01T10:15:00Z");
}

} // namespace
} // namespace vigil::test
