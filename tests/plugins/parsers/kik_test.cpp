// SPDX-License-Identifier: GPL-3.0-or-later
#include "plugins/parsers/kik/kik.h"

#include <gtest/gtest.h>

#include "core/util/timeutil.h"
#include "tests/plugins/parsers/parsertest.h"

namespace vigil::test {
namespace {

using model::Direction;
using model::RecordSource;

const RegisterFn kRegister = plugins::registerKikPlugin;
constexpr const char *kId = "kik";
const ParserUnderTest kParser{kRegister, kId};

// Kik for iOS kik.sqlite (Core Data model of 2015, as in the public sample): every table with
// every column, as Core Data creates them.
constexpr const char *kDdl = R"SQL(
CREATE TABLE ZKIKATTACHMENT ( Z_PK INTEGER PRIMARY KEY, Z_ENT INTEGER, Z_OPT INTEGER, ZFLAGS INTEGER, ZINTERNALID
  INTEGER, ZRETRYCOUNT INTEGER, ZSTATE INTEGER, ZTYPE INTEGER, ZEXTRA INTEGER, ZMESSAGE INTEGER,
  ZLASTACCESSTIMESTAMP TIMESTAMP, ZTIMESTAMP TIMESTAMP, ZCONTENT VARCHAR );
CREATE TABLE ZKIKATTACHMENTEXTRA ( Z_PK INTEGER PRIMARY KEY, Z_ENT INTEGER, Z_OPT INTEGER, ZATTACHMENT INTEGER,
  ZENCRYPTIONKEY BLOB );
CREATE TABLE ZKIKCHAT ( Z_PK INTEGER PRIMARY KEY, Z_ENT INTEGER, Z_OPT INTEGER, ZFLAGS INTEGER, ZDRAFTMESSAGE
  INTEGER, ZEXTRA INTEGER, ZLASTMESSAGE INTEGER, ZUSER INTEGER, ZDATEUPDATED TIMESTAMP );
CREATE TABLE Z_3MESSAGES ( Z_3CHAT INTEGER, Z_5MESSAGES INTEGER, PRIMARY KEY (Z_3CHAT, Z_5MESSAGES) );
CREATE TABLE ZKIKCHATEXTRA ( Z_PK INTEGER PRIMARY KEY, Z_ENT INTEGER, Z_OPT INTEGER, ZCHAT INTEGER, ZLASTSEENMESSAGE
  INTEGER, ZMUTEDTIMESTAMP TIMESTAMP );
CREATE TABLE ZKIKMESSAGE ( Z_PK INTEGER PRIMARY KEY, Z_ENT INTEGER, Z_OPT INTEGER, ZFLAGS INTEGER, ZINTERNALID
  INTEGER, ZSTATE INTEGER, ZSYSTEMSTATE INTEGER, ZTYPE INTEGER, ZCHATEXTRA INTEGER, ZDRAFTMESSAGECHAT INTEGER,
  ZLASTMESSAGECHAT INTEGER, ZLASTMESSAGEUSER INTEGER, ZUSER INTEGER, ZRECEIVEDTIMESTAMP TIMESTAMP, ZTIMESTAMP
  TIMESTAMP, ZBODY VARCHAR, ZSTANZAID VARCHAR, ZRENDERINSTRUCTIONSET BLOB );
CREATE TABLE ZKIKUSER ( Z_PK INTEGER PRIMARY KEY, Z_ENT INTEGER, Z_OPT INTEGER, ZADDRESSBOOKID INTEGER, ZFLAGS
  INTEGER, ZINTERNALID INTEGER, ZPRESENCE INTEGER, ZTYPE INTEGER, ZCHATUSER INTEGER, ZEXTRA INTEGER, ZLASTMESSAGE
  INTEGER, ZDISPLAYNAME VARCHAR, ZDISPLAYNAMEASCII VARCHAR, ZEMAIL VARCHAR, ZFIRSTNAME VARCHAR, ZGROUPTAG VARCHAR,
  ZJID VARCHAR, ZLASTNAME VARCHAR, ZPPTIMESTAMP VARCHAR, ZPPURL VARCHAR, ZSTATUS VARCHAR, ZUSERNAME VARCHAR,
  ZCONTENTLINKSPROTODATA BLOB );
CREATE TABLE Z_6BANSINVERSE ( Z_6BANS INTEGER, Z_6BANSINVERSE INTEGER, PRIMARY KEY (Z_6BANS, Z_6BANSINVERSE) );
CREATE TABLE Z_6ADMINSINVERSE ( Z_6ADMINS INTEGER, Z_6ADMINSINVERSE INTEGER, PRIMARY KEY (Z_6ADMINS,
  Z_6ADMINSINVERSE) );
CREATE TABLE Z_6MEMBERS ( Z_6MEMBERSINVERSE INTEGER, Z_6MEMBERS INTEGER, PRIMARY KEY (Z_6MEMBERSINVERSE, Z_6MEMBERS)
  );
CREATE TABLE ZKIKUSEREXTRA ( Z_PK INTEGER PRIMARY KEY, Z_ENT INTEGER, Z_OPT INTEGER, ZLOCALFLAGS INTEGER, ZUSER
  INTEGER, ZPUBLICMESSAGINGKEY BLOB );
CREATE TABLE Z_PRIMARYKEY (Z_ENT INTEGER PRIMARY KEY, Z_NAME VARCHAR, Z_SUPER INTEGER, Z_MAX INTEGER);
CREATE TABLE Z_METADATA (Z_VERSION INTEGER PRIMARY KEY, Z_UUID VARCHAR(255), Z_PLIST BLOB);
)SQL";

// Core Data time 794052000 = 2026-03-01T10:00:00Z.
constexpr const char *kRows = R"SQL(
INSERT INTO ZKIKUSER (Z_PK, Z_ENT, ZJID, ZUSERNAME, ZDISPLAYNAME, ZFIRSTNAME, ZLASTNAME, ZEMAIL, ZGROUPTAG) VALUES
  (1, 6, 'maya.k_abc@talk.kik.com', 'maya.k', 'Maya K', 'Maya', 'K', 'maya@example.com', NULL),
  (2, 6, 'leo_22_x1y@talk.kik.com', 'leo_22', NULL, 'Leo', 'Tran', NULL, NULL),
  (3, 6, 'kikteam@talk.kik.com', 'kikteam', 'Kik Team', NULL, NULL, NULL, NULL),
  (4, 6, '1100000000001_g@groups.kik.com', NULL, 'Science club', NULL, NULL, NULL, '#scienceclub'),
  (5, 6, 'sam.b_q9z@talk.kik.com', 'sam.b', 'Sam B', NULL, NULL, NULL, NULL);
INSERT INTO Z_6MEMBERS (Z_6MEMBERSINVERSE, Z_6MEMBERS) VALUES (4, 1), (4, 2), (4, 5);
INSERT INTO ZKIKCHAT (Z_PK, Z_ENT, ZUSER, ZDATEUPDATED) VALUES (1, 3, 1, 794052300), (2, 3, 4, 794052600),
  (3, 3, 3, 794000000);
INSERT INTO ZKIKMESSAGE (Z_PK, Z_ENT, ZSTATE, ZSYSTEMSTATE, ZTYPE, ZUSER, ZRECEIVEDTIMESTAMP, ZTIMESTAMP, ZBODY,
  ZSTANZAID) VALUES
  (1, 5, 16, 12, 1, 1, 794052001.623456, 794052000.123456, 'are you coming to practice?', 'a1'),
  (2, 5, 94, 0, 2, 1, 794052060, 794052060, 'yes, leaving now', 'a2'),
  (3, 5, 78, 0, 2, 1, 794052120, 794052120, 'bring the ball', 'a3'),
  (4, 5, 70, 0, 2, 1, 794052180, 794052180, 'see you soon', 'a4'),
  (5, 5, 0, 0, 3, 4, 794052240, 794052240, 'You started a group', 'a5'),
  (6, 5, 16, 12, 1, 2, 794052301, 794052300, 'who has the notes for Monday?', 'a6'),
  (7, 5, 16, 12, 1, 5, 794052361, 794052360, '3f2b7c1e-0000-4000-8000-000000000001', 'a7'),
  (8, 5, 0, 0, 4, 5, 794052420, 794052420, 'Sam B has joined the chat', 'a8'),
  (9, 5, 30, 0, 2, 4, 794052480, 794052480, 'I do, sharing them tonight', 'a9'),
  (10, 5, 16, 12, 1, 2, 794052540, 794052540, 'direct hello', 'a10'),
  (11, 5, 16, 12, 1, 1, 794052600, 794052600, 'linked twice', 'a11');
INSERT INTO Z_3MESSAGES (Z_3CHAT, Z_5MESSAGES) VALUES (1, 1), (1, 2), (1, 3), (1, 4), (2, 5), (2, 6), (2, 7),
  (2, 8), (2, 9), (2, 11), (1, 11);
INSERT INTO ZKIKATTACHMENT (Z_PK, Z_ENT, ZTYPE, ZMESSAGE, ZTIMESTAMP, ZCONTENT) VALUES
  (1, 1, 6, 7, 794052360, '3f2b7c1e-0000-4000-8000-000000000001');
)SQL";

class Kik : public ::testing::Test {
protected:
    ParseResult parse()
    {
        const auto db = dir / "kik.sqlite";
        createDatabase(db, std::string(kDdl) + kRows);
        return parseDatabase(kRegister, kId, db,
                             "/private/var/mobile/Containers/Shared/AppGroup/0000/cores/private/abc/kik.sqlite");
    }
    ScratchDir dir;
};

TEST_F(Kik, MessagesHaveDirectionSenderTimeAndStatus)
{
    const auto r = parse();
    ASSERT_TRUE(r.accepted);
    EXPECT_TRUE(r.errors.empty()) << r.errors[0].toString();
    EXPECT_EQ(r.records.app, "kik");
    ASSERT_EQ(r.records.messages.size(), 11u);

    const auto *in = messageWithText(r.records, "coming to practice");
    ASSERT_NE(in, nullptr);
    EXPECT_EQ(in->direction, Direction::Incoming);
    EXPECT_EQ(in->senderKey, "maya.k_abc@talk.kik.com");
    EXPECT_EQ(in->conversationKey, "maya.k_abc@talk.kik.com");
    EXPECT_EQ(in->status, "read");
    EXPECT_EQ(in->type, "text");
    EXPECT_EQ(toIso8601(*in->sent), "2026-03-01T10:00:00.123456Z");   // ZTIMESTAMP, not the receipt time
    EXPECT_EQ(in->origin.table, "ZKIKMESSAGE");
    EXPECT_EQ(in->origin.rowid, 1);
    EXPECT_EQ(in->origin.source, RecordSource::Live);

    const auto *read = messageWithText(r.records, "leaving now");
    ASSERT_NE(read, nullptr);
    EXPECT_EQ(read->direction, Direction::Outgoing);
    EXPECT_EQ(read->senderKey, "");   // the device owner
    EXPECT_EQ(read->status, "read");
    EXPECT_EQ(toIso8601(*read->sent), "2026-03-01T10:01:00Z");
    EXPECT_EQ(messageWithText(r.records, "bring the ball")->status, "delivered");
    EXPECT_EQ(messageWithText(r.records, "see you soon")->status, "sent");
}

TEST_F(Kik, UsersBecomeAccountsAndTheOwnerIsUnnamed)
{
    const auto r = parse();
    ASSERT_EQ(r.records.accounts.size(), 5u);   // the owner and four users; the group is no account
    const auto *owner = accountWithKey(r.records, "");
    ASSERT_NE(owner, nullptr);
    EXPECT_TRUE(owner->owner);
    const auto *maya = accountWithKey(r.records, "maya.k_abc@talk.kik.com");
    ASSERT_NE(maya, nullptr);
    EXPECT_FALSE(maya->owner);
    EXPECT_EQ(maya->username, "maya.k");
    EXPECT_EQ(maya->displayName, "Maya K");
    EXPECT_EQ(maya->email, "maya@example.com");
    EXPECT_EQ(maya->origin.table, "ZKIKUSER");
    EXPECT_EQ(maya->origin.rowid, 1);
    EXPECT_EQ(accountWithKey(r.records, "leo_22_x1y@talk.kik.com")->displayName, "Leo Tran");
    EXPECT_EQ(accountWithKey(r.records, "1100000000001_g@groups.kik.com"), nullptr);
}

TEST_F(Kik, ChatsAndGroupsBecomeConversationsWithMembers)
{
    const auto r = parse();
    ASSERT_EQ(r.records.conversations.size(), 4u);
    const auto *one = conversationWithKey(r.records, "maya.k_abc@talk.kik.com");
    ASSERT_NE(one, nullptr);
    EXPECT_FALSE(one->group);
    EXPECT_EQ(one->participantKeys, (std::vector<std::string>{"", "maya.k_abc@talk.kik.com"}));
    EXPECT_EQ(one->origin.table, "ZKIKCHAT");
    EXPECT_EQ(one->origin.rowid, 1);
    const auto *group = conversationWithKey(r.records, "1100000000001_g@groups.kik.com");
    ASSERT_NE(group, nullptr);
    EXPECT_TRUE(group->group);
    EXPECT_EQ(group->title, "Science club");
    EXPECT_EQ(group->participantKeys, (std::vector<std::string>{"", "maya.k_abc@talk.kik.com",
                                                                "leo_22_x1y@talk.kik.com", "sam.b_q9z@talk.kik.com"}));
    EXPECT_EQ(countMessagesIn(r.records, "maya.k_abc@talk.kik.com"), 5u);
    EXPECT_EQ(countMessagesIn(r.records, "1100000000001_g@groups.kik.com"), 5u);
    EXPECT_EQ(countMessagesIn(r.records, "kikteam@talk.kik.com"), 0u);

    // In a group a received message's ZUSER is its sender; a sent one names the group.
    const auto *groupIn = messageWithText(r.records, "notes for Monday");
    ASSERT_NE(groupIn, nullptr);
    EXPECT_EQ(groupIn->senderKey, "leo_22_x1y@talk.kik.com");
    EXPECT_EQ(groupIn->conversationKey, "1100000000001_g@groups.kik.com");
    const auto *groupOut = messageWithText(r.records, "sharing them tonight");
    ASSERT_NE(groupOut, nullptr);
    EXPECT_EQ(groupOut->direction, Direction::Outgoing);
    EXPECT_EQ(groupOut->conversationKey, "1100000000001_g@groups.kik.com");

    // Linked to two chats: the one with its own user wins.
    EXPECT_EQ(messageWithText(r.records, "linked twice")->conversationKey, "maya.k_abc@talk.kik.com");
    // Linked to no chat: the conversation with its user.
    const auto *loose = messageWithText(r.records, "direct hello");
    ASSERT_NE(loose, nullptr);
    EXPECT_EQ(loose->conversationKey, "leo_22_x1y@talk.kik.com");
    const auto *leo = conversationWithKey(r.records, "leo_22_x1y@talk.kik.com");
    ASSERT_NE(leo, nullptr);
    EXPECT_EQ(leo->participantKeys, (std::vector<std::string>{"", "leo_22_x1y@talk.kik.com"}));
}

TEST_F(Kik, NoticesAreSystemMessagesAndAttachmentsAreReferenced)
{
    const auto r = parse();
    const auto *started = messageWithText(r.records, "You started a group");
    ASSERT_NE(started, nullptr);
    EXPECT_EQ(started->type, "system");
    EXPECT_EQ(started->direction, Direction::Unknown);
    EXPECT_EQ(started->senderKey, "");
    const auto *joined = messageWithText(r.records, "has joined the chat");
    ASSERT_NE(joined, nullptr);
    EXPECT_EQ(joined->type, "system");
    EXPECT_EQ(joined->status, "");

    const auto *photo = messageWithRowid(r.records, 7);
    ASSERT_NE(photo, nullptr);
    EXPECT_EQ(photo->type, "media");
    EXPECT_EQ(photo->text, "");   // the body was only the content id
    EXPECT_EQ(photo->senderKey, "sam.b_q9z@talk.kik.com");
    ASSERT_EQ(photo->attachments.size(), 1u);
    EXPECT_EQ(photo->attachments[0].fileName, "3f2b7c1e-0000-4000-8000-000000000001");
    EXPECT_EQ(photo->attachments[0].origin.table, "ZKIKATTACHMENT");
    EXPECT_EQ(photo->attachments[0].origin.rowid, 1);
}

// A reduced layout: other Core Data entity numbers (Z_8MEMBERS), a to-one ZCHAT column instead of
// a chat/message join table, no ZJID (usernames as keys), no ZRECEIVEDTIMESTAMP and no attachments.
// Not from a device: it exercises how the parser finds its tables and columns by shape.
constexpr const char *kReducedDdl = R"SQL(
CREATE TABLE ZKIKUSER ( Z_PK INTEGER PRIMARY KEY, Z_ENT INTEGER, Z_OPT INTEGER, ZFLAGS INTEGER, ZDISPLAYNAME VARCHAR,
  ZFIRSTNAME VARCHAR, ZLASTNAME VARCHAR, ZUSERNAME VARCHAR );
CREATE TABLE ZKIKCHAT ( Z_PK INTEGER PRIMARY KEY, Z_ENT INTEGER, Z_OPT INTEGER, ZUSER INTEGER );
CREATE TABLE ZKIKMESSAGE ( Z_PK INTEGER PRIMARY KEY, Z_ENT INTEGER, Z_OPT INTEGER, ZSTATE INTEGER, ZTYPE INTEGER,
  ZUSER INTEGER, ZCHAT INTEGER, ZTIMESTAMP TIMESTAMP, ZBODY VARCHAR );
CREATE TABLE Z_8MEMBERS ( Z_8MEMBERSINVERSE INTEGER, Z_8MEMBERS INTEGER, PRIMARY KEY (Z_8MEMBERSINVERSE, Z_8MEMBERS) );
INSERT INTO ZKIKUSER (Z_PK, ZDISPLAYNAME, ZUSERNAME) VALUES (1, 'Maya K', 'maya.k'), (2, 'Leo', 'leo_22');
INSERT INTO ZKIKCHAT (Z_PK, ZUSER) VALUES (1, 1);
INSERT INTO ZKIKMESSAGE (Z_PK, ZSTATE, ZTYPE, ZUSER, ZCHAT, ZTIMESTAMP, ZBODY) VALUES
  (1, 16, 1, 1, 1, 300000000, 'old layout hello'), (2, 30, 2, 1, 1, 300000060, 'old layout reply');
)SQL";

TEST_F(Kik, ReducedLayoutIsFoundByShape)
{
    const auto r = parseNewDatabase(kRegister, kId, dir / "kik.sqlite", kReducedDdl);
    ASSERT_TRUE(r.accepted);
    EXPECT_TRUE(r.errors.empty()) << r.errors[0].toString();
    ASSERT_EQ(r.records.messages.size(), 2u);
    const auto &hello = r.records.messages[0];
    EXPECT_EQ(hello.text, "old layout hello");
    EXPECT_EQ(hello.senderKey, "maya.k");
    EXPECT_EQ(hello.conversationKey, "maya.k");
    EXPECT_EQ(toIso8601(*hello.sent), "2010-07-05T05:20:00Z");
    EXPECT_EQ(r.records.messages[1].direction, Direction::Outgoing);
    EXPECT_EQ(r.records.messages[1].status, "read");
    EXPECT_EQ(accountWithKey(r.records, "maya.k")->username, "");   // the key is the username
}

TEST_F(Kik, NullFieldsAndBinaryJunkAreKept)
{
    const auto r = parseNewDatabase(kRegister, kId, dir / "kik.sqlite", std::string(kDdl) + R"SQL(
INSERT INTO ZKIKUSER (Z_PK, ZJID, ZUSERNAME) VALUES (1, X'6D617961FF', NULL), (2, NULL, NULL);
INSERT INTO ZKIKMESSAGE (Z_PK) VALUES (1);
INSERT INTO ZKIKMESSAGE (Z_PK, ZTYPE, ZUSER, ZSTATE, ZTIMESTAMP, ZBODY) VALUES
  (2, 1, 1, 'x', 'soon', X'68690080FEFF00'),
  (3, 1, 999, -1, -994052000, 'missing user'),
  (4, 2, 2, 99999999, 1e300, NULL);
INSERT INTO Z_3MESSAGES (Z_3CHAT, Z_5MESSAGES) VALUES (42, 3);
INSERT INTO ZKIKATTACHMENT (Z_PK, ZMESSAGE, ZCONTENT) VALUES (1, 4, NULL);
)SQL");
    ASSERT_TRUE(r.accepted);
    EXPECT_TRUE(r.errors.empty()) << r.errors[0].toString();
    ASSERT_EQ(r.records.messages.size(), 4u);
    const auto &empty = r.records.messages[0];
    EXPECT_EQ(empty.direction, Direction::Unknown);
    EXPECT_EQ(empty.type, "system");
    EXPECT_FALSE(empty.sent);
    EXPECT_EQ(empty.conversationKey, "unknown");
    const auto &junk = r.records.messages[1];
    EXPECT_EQ(junk.text, "hi\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");   // bytes kept as U+FFFD
    EXPECT_EQ(junk.senderKey, "maya\xEF\xBF\xBD");
    EXPECT_FALSE(junk.sent);
    EXPECT_EQ(junk.status, "received");
    const auto &orphan = r.records.messages[2];
    EXPECT_EQ(orphan.senderKey, "user:999");
    ASSERT_NE(accountWithKey(r.records, "user:999"), nullptr);   // its ZKIKUSER row is gone
    EXPECT_EQ(orphan.conversationKey, "chat:42");   // the chat row is gone
    EXPECT_FALSE(orphan.sent);   // before 1970
    const auto &huge = r.records.messages[3];
    EXPECT_FALSE(huge.sent);
    EXPECT_EQ(huge.conversationKey, "user:2");
    EXPECT_EQ(huge.type, "media");
    ASSERT_EQ(huge.attachments.size(), 1u);
}

TEST_F(Kik, RejectsOtherDatabases)
{
    const auto db = dir / "other.sqlite";
    createDatabase(db, "CREATE TABLE ZMESSAGE (Z_PK INTEGER PRIMARY KEY, ZBODY VARCHAR, ZUSER INTEGER, ZTYPE INTEGER);"
                       "CREATE TABLE ZUSER (Z_PK INTEGER PRIMARY KEY, ZUSERNAME VARCHAR);");
    EXPECT_FALSE(parseDatabase(kRegister, kId, db).accepted);
    // Kik for Android keeps a different database (kikDatabase.db): not this parser's.
    const auto android = dir / "kikDatabase.db";
    createDatabase(android, "CREATE TABLE messagesTable (_id INTEGER PRIMARY KEY, body VARCHAR, partner_jid VARCHAR,"
                            " was_me INT, read_state INT, uid VARCHAR, length INT, timestamp LONG);"
                            "CREATE TABLE KIKcontactsTable (_id INTEGER PRIMARY KEY, jid VARCHAR, display_name VARCHAR,"
                            " user_name VARCHAR);");
    EXPECT_FALSE(parseDatabase(kRegister, kId, android).accepted);
}

std::string manyMessages(int n)
{
    std::string sql = std::string(kDdl)
                    + "INSERT INTO ZKIKUSER (Z_PK, ZJID, ZUSERNAME) VALUES (1, 'maya.k_abc@talk.kik.com', 'maya.k');"
                    + "INSERT INTO ZKIKCHAT (Z_PK, ZUSER) VALUES (1, 1);";
    for (int i = 1; i <= n; ++i)
        sql += "INSERT INTO ZKIKMESSAGE (Z_PK, ZTYPE, ZUSER, ZSTATE, ZTIMESTAMP, ZBODY) VALUES (" + std::to_string(i)
             + ", 1, 1, 16, " + std::to_string(794052000 + i) + ", 'message number " + std::to_string(i)
             + " with some padding to fill the pages of the table quickly');";
    return sql;
}

TEST_F(Kik, TruncatedDatabaseGivesAnErrorAndKeepsWhatItRead)
{
    expectTruncationKeepsSome(kParser, dir / "full.sqlite", "BEGIN;" + manyMessages(3000) + "COMMIT;", messageCount,
                              3000, "ZKIKMESSAGE");
}

TEST_F(Kik, CorruptPagesGiveAnErrorNotACrash)
{
    expectCorruptPagesReported(kParser, dir / "corrupt.sqlite", "BEGIN;" + manyMessages(3000) + "COMMIT;", 4096 * 40,
                               4096 * 10, messageCount, 3000);
}

TEST_F(Kik, GarbageIsNotOpened)
{
    expectGarbageRefused(kParser, dir / "garbage.sqlite");
}

TEST_F(Kik, AMessageOnlyInTheWalIsFoundAndMarked)
{
    const auto db = dir / "kik.sqlite";
    createDatabaseWithWal(db, std::string(kDdl) + kRows,
                          "INSERT INTO ZKIKMESSAGE (Z_PK, ZTYPE, ZUSER, ZSTATE, ZTIMESTAMP, ZBODY) VALUES "
                          "(12, 1, 1, 16, 794060000, 'only in the wal');"
                          "INSERT INTO Z_3MESSAGES (Z_3CHAT, Z_5MESSAGES) VALUES (1, 12);");
    const auto withWal = expectWalOnlyRecord(kParser, db, messageWithTextIn("only in the wal"),
                                             messageWithTextIn("coming to practice"), messageCount);
    const auto *recent = messageWithText(withWal.records, "only in the wal");
    ASSERT_NE(recent, nullptr);
    EXPECT_EQ(recent->conversationKey, "maya.k_abc@talk.kik.com");
}

// Checked by hand with sqlite3 ios_kik.sqlite: "select * from ZKIKUSER", "select * from ZKIKCHAT",
// "select * from Z_3MESSAGES", "select * from Z_6MEMBERS", "select * from ZKIKATTACHMENT",
// "select Z_PK, ZSTATE, ZTYPE, ZUSER, ZTIMESTAMP, ZBODY from ZKIKMESSAGE". 60 messages, 61 chat
// links (message 2 is linked to chats 2 and 6; its ZUSER 8 is the user of chat 6).
TEST(KikExternal, PublicSampleHasSixtyMessages)
{
    const auto sample = externalFile("chat/ios_kik.sqlite");
    if (!sample)
        GTEST_SKIP() << "external test data not found (../shared/testdata/external/chat/ios_kik.sqlite)";
    const auto r = parseDatabase(kRegister, kId, *sample);
    ASSERT_TRUE(r.accepted);
    EXPECT_TRUE(r.errors.empty()) << r.errors[0].toString();
    ASSERT_EQ(r.records.messages.size(), 60u);
    EXPECT_EQ(r.records.accounts.size(), 25u);   // the owner and 24 users (user 24 is the group)
    ASSERT_EQ(r.records.conversations.size(), 6u);

    const auto *welcome = messageWithText(r.records, "Welcome to Kik");   // Z_PK 1
    ASSERT_NE(welcome, nullptr);
    EXPECT_EQ(welcome->direction, Direction::Incoming);
    EXPECT_EQ(welcome->senderKey, "kikteam@talk.kik.com");
    EXPECT_EQ(welcome->conversationKey, "kikteam@talk.kik.com");
    EXPECT_EQ(toIso8601(*welcome->sent), "2015-06-29T08:46:12.024Z");
    EXPECT_EQ(welcome->origin.rowid, 1);

    const auto *hello = messageWithRowid(r.records, 2);   // "Hello", ZSTATE 94, in chats 2 and 6
    ASSERT_NE(hello, nullptr);
    EXPECT_EQ(hello->text, "Hello");
    EXPECT_EQ(hello->direction, Direction::Outgoing);
    EXPECT_EQ(hello->senderKey, "");
    EXPECT_EQ(hello->status, "read");
    EXPECT_EQ(hello->conversationKey, "ken.doh_khv@talk.kik.com");
    EXPECT_EQ(toIso8601(*hello->sent), "2015-06-29T12:26:11.584834Z");
    EXPECT_EQ(messageWithRowid(r.records, 28)->status, "delivered");   // "Test 2", ZSTATE 78
    const auto *unread = messageWithRowid(r.records, 60);   // ZSTATE 70
    ASSERT_NE(unread, nullptr);
    EXPECT_EQ(unread->text, "Your phone is on, but you have not read this message.");
    EXPECT_EQ(unread->status, "sent");
    EXPECT_EQ(toIso8601(*unread->sent), "2015-07-02T09:16:58.197866Z");

    const auto *photo = messageWithRowid(r.records, 20);   // body = ZKIKATTACHMENT 1's content id
    ASSERT_NE(photo, nullptr);
    EXPECT_EQ(photo->type, "media");
    EXPECT_EQ(photo->text, "");
    EXPECT_EQ(photo->senderKey, "roflharris12_5hb@talk.kik.com");
    EXPECT_EQ(photo->conversationKey, "1100024090445_g@groups.kik.com");
    ASSERT_EQ(photo->attachments.size(), 1u);
    EXPECT_EQ(photo->attachments[0].fileName, "a7160843-c595-4afb-a359-4151dcd79157");
    EXPECT_EQ(toIso8601(*photo->sent), "2015-06-30T09:23:16.921Z");
    const auto *started = messageWithRowid(r.records, 8);
    ASSERT_NE(started, nullptr);
    EXPECT_EQ(started->text, "You started a group");
    EXPECT_EQ(started->type, "system");

    const auto *group = conversationWithKey(r.records, "1100024090445_g@groups.kik.com");
    ASSERT_NE(group, nullptr);
    EXPECT_TRUE(group->group);
    EXPECT_EQ(group->title, "EveryoneButRoss");
    EXPECT_EQ(group->participantKeys,
              (std::vector<std::string>{"", "ken.doh_khv@talk.kik.com", "solidravenocelot89_eqn@talk.kik.com",
                                        "sbabadi61_jet@talk.kik.com", "mjenki14_yk4@talk.kik.com"}));
    EXPECT_EQ(countMessagesIn(r.records, "1100024090445_g@groups.kik.com"), 43u);
    EXPECT_EQ(countMessagesIn(r.records, "ken.doh_khv@talk.kik.com"), 6u);
    EXPECT_EQ(countMessagesIn(r.records, "sbabadi61_jet@talk.kik.com"), 5u);
    EXPECT_EQ(countMessagesIn(r.records, "roflharris12_5hb@talk.kik.com"), 3u);
    EXPECT_EQ(countMessagesIn(r.records, "solidravenocelot89_eqn@talk.kik.com"), 2u);
    EXPECT_EQ(countMessagesIn(r.records, "kikteam@talk.kik.com"), 1u);

    const auto *andy = accountWithKey(r.records, "jon.doh2015_mql@talk.kik.com");
    ASSERT_NE(andy, nullptr);
    EXPECT_EQ(andy->username, "jon.doh2015");
    EXPECT_EQ(andy->displayName, "Andy Murraymints");
    EXPECT_FALSE(andy->owner);   // nothing in kik.sqlite says which user is the owner
}

} // namespace
} // namespace vigil::test
