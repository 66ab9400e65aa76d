// SPDX-License-Identifier: GPL-3.0-or-later
#include "plugins/parsers/android-sms/androidsms.h"

#include <gtest/gtest.h>

#include "core/util/timeutil.h"
#include "tests/plugins/parsers/parsertest.h"

namespace vigil::test {
namespace {

using model::Direction;
using model::RecordSource;

const RegisterFn kRegister = plugins::registerAndroidSmsPlugin;
constexpr const char *kId = "android-sms";
const ParserUnderTest kParser{kRegister, kId};

// Android 10+ telephony provider tables (the columns the provider creates; triggers left out):
// ddl("android_mmssms_modern") (tests/data/ddl/, shared with the demo evidence).

// 2026-03-01T10:00:00Z
constexpr std::int64_t kT0 = 1772359200;

constexpr const char *kModernRows = R"SQL(
INSERT INTO canonical_addresses VALUES (1, '+447700900123'), (2, '07700900456'), (3, '+33612345678');
INSERT INTO threads (_id, recipient_ids) VALUES (1, '1'), (2, '2 3');
INSERT INTO sms (_id, thread_id, address, date, date_sent, read, status, type, body) VALUES
  (1, 1, '+447700900123', 1772359200000, 1772359199000, 1, -1, 1, 'hi, who is this?'),
  (2, 1, '+447700900123', 1772359260500, 0, 1, 0, 2, 'a friend from the game'),
  (3, 1, '+447700900123', 1772359320000, 0, 0, -1, 1, 'ok'),
  (4, 1, '+447700900123', 1772359380000, 0, 1, -1, 3, 'draft reply');
INSERT INTO pdu (_id, thread_id, date, msg_box, read, sub, m_type) VALUES
  (1, 2, 1772359400, 1, 1, NULL, 132),
  (2, 2, 1772359500, 2, 1, 'group plan', 128);
INSERT INTO addr (_id, msg_id, address, type) VALUES
  (1, 1, '07700900456', 137), (2, 1, 'insert-address-token', 151), (3, 1, '+33612345678', 151),
  (4, 2, 'insert-address-token', 137), (5, 2, '07700900456', 151), (6, 2, '+33612345678', 151);
INSERT INTO part (_id, mid, seq, ct, name, cl, _data, text) VALUES
  (1, 1, -1, 'application/smil', NULL, 'smil.xml', NULL, '<smil/>'),
  (2, 1, 0, 'image/jpeg', NULL, 'IMG_0001.jpg', '/data/user_de/0/com.android.providers.telephony/app_parts/PART_1', NULL),
  (3, 1, 1, 'text/plain', NULL, 'text_0.txt', NULL, 'look at this'),
  (4, 2, 0, 'text/plain', NULL, 'text_0.txt', NULL, 'see you there');
)SQL";

class AndroidSms : public ::testing::Test {
protected:
    ParseResult parseModern()
    {
        return parseNewDatabase(kRegister, kId, dir / "mmssms.db", ddl("android_mmssms_modern") + kModernRows,
                                "/data/user_de/0/com.android.providers.telephony/databases/mmssms.db");
    }
    ScratchDir dir;
};

TEST_F(AndroidSms, ReadsSmsWithDirectionStatusAndUtcTime)
{
    const auto r = parseModern();
    ASSERT_TRUE(r.accepted);
    EXPECT_TRUE(r.errors.empty());
    EXPECT_EQ(r.records.app, "android-sms");
    ASSERT_EQ(r.records.messages.size(), 6u);

    const auto *in = messageWithText(r.records, "who is this");
    ASSERT_NE(in, nullptr);
    EXPECT_EQ(in->direction, Direction::Incoming);
    EXPECT_EQ(in->senderKey, "+447700900123");
    EXPECT_EQ(in->status, "read");
    EXPECT_EQ(in->conversationKey, "1");
    EXPECT_EQ(in->sent, kT0 * 1'000'000'000LL);
    EXPECT_EQ(toIso8601(*in->sent), "2026-03-01T10:00:00Z");
    EXPECT_EQ(in->origin.table, "sms");
    EXPECT_EQ(in->origin.rowid, 1);
    EXPECT_EQ(in->origin.source, RecordSource::Live);

    const auto *out = messageWithText(r.records, "friend from the game");
    ASSERT_NE(out, nullptr);
    EXPECT_EQ(out->direction, Direction::Outgoing);
    EXPECT_EQ(out->senderKey, "");   // the device owner
    EXPECT_EQ(out->status, "delivered");
    EXPECT_EQ(out->recipientKeys, std::vector<std::string>{"+447700900123"});
    EXPECT_EQ(toIso8601(*out->sent), "2026-03-01T10:01:00.5Z");

    EXPECT_EQ(messageWithText(r.records, "ok")->status, "unread");
    EXPECT_EQ(messageWithText(r.records, "draft reply")->status, "draft");
}

TEST_F(AndroidSms, ThreadsBecomeConversationsWithTheirParticipants)
{
    const auto r = parseModern();
    ASSERT_EQ(r.records.conversations.size(), 2u);
    const auto *one = conversationWithKey(r.records, "1");
    ASSERT_NE(one, nullptr);
    EXPECT_FALSE(one->group);
    EXPECT_EQ(one->participantKeys, (std::vector<std::string>{"", "+447700900123"}));
    const auto *group = conversationWithKey(r.records, "2");
    ASSERT_NE(group, nullptr);
    EXPECT_TRUE(group->group);
    EXPECT_EQ(group->participantKeys, (std::vector<std::string>{"", "07700900456", "+33612345678"}));
    EXPECT_EQ(countMessagesIn(r.records, "1"), 4u);
    EXPECT_EQ(countMessagesIn(r.records, "2"), 2u);

    const auto *owner = accountWithKey(r.records, "");
    ASSERT_NE(owner, nullptr);
    EXPECT_TRUE(owner->owner);
    const auto *french = accountWithKey(r.records, "+33612345678");
    ASSERT_NE(french, nullptr);
    EXPECT_EQ(french->phone, "+33612345678");
    EXPECT_EQ(accountWithKey(r.records, "insert-address-token"), nullptr);
}

TEST_F(AndroidSms, MmsCarriesTextPartsAttachmentsSenderAndRecipients)
{
    const auto r = parseModern();
    const auto *in = messageWithText(r.records, "look at this");
    ASSERT_NE(in, nullptr);
    EXPECT_EQ(in->type, "media");
    EXPECT_EQ(in->direction, Direction::Incoming);
    EXPECT_EQ(in->senderKey, "07700900456");
    EXPECT_EQ(in->recipientKeys, std::vector<std::string>{"+33612345678"});
    EXPECT_EQ(in->sent, (kT0 + 200) * 1'000'000'000LL);   // MMS dates are seconds
    ASSERT_EQ(in->attachments.size(), 1u);
    EXPECT_EQ(in->attachments[0].fileName, "IMG_0001.jpg");
    EXPECT_EQ(in->attachments[0].mimeType, "image/jpeg");
    EXPECT_EQ(in->attachments[0].devicePath,
              "/data/user_de/0/com.android.providers.telephony/app_parts/PART_1");
    EXPECT_EQ(in->attachments[0].origin.table, "part");
    EXPECT_EQ(in->attachments[0].origin.rowid, 2);
    EXPECT_EQ(in->origin.table, "pdu");

    const auto *out = messageWithText(r.records, "see you there");
    ASSERT_NE(out, nullptr);
    EXPECT_EQ(out->text, "group plan\nsee you there");   // subject, then the text part
    EXPECT_EQ(out->direction, Direction::Outgoing);
    EXPECT_EQ(out->senderKey, "");
    EXPECT_EQ(out->recipientKeys, (std::vector<std::string>{"07700900456", "+33612345678"}));
}

TEST_F(AndroidSms, OldSchemaWithoutLaterColumnsStillParses)
{
    // Android 2.x: no date_sent, no seen, no sub_id; no MMS tables at all.
    const auto r = parseNewDatabase(kRegister, kId, dir / "mmssms.db", R"SQL(
CREATE TABLE sms (_id INTEGER PRIMARY KEY, thread_id INTEGER, address TEXT, person INTEGER, date INTEGER,
  protocol INTEGER, read INTEGER DEFAULT 0, status INTEGER DEFAULT -1, type INTEGER, reply_path_present INTEGER,
  subject TEXT, body TEXT, service_center TEXT);
INSERT INTO sms (_id, thread_id, address, date, read, type, body) VALUES (7, 3, '5551234', 1262304000000, 1, 1, 'old phone');
)SQL");
    ASSERT_TRUE(r.accepted);
    EXPECT_TRUE(r.errors.empty());
    ASSERT_EQ(r.records.messages.size(), 1u);
    EXPECT_EQ(toIso8601(*r.records.messages[0].sent), "2010-01-01T00:00:00Z");
    // The thread row is missing: the message gets a conversation of its own, never dropped.
    const auto *c = conversationWithKey(r.records, "3");
    ASSERT_NE(c, nullptr);
    EXPECT_EQ(c->participantKeys, (std::vector<std::string>{"", "5551234"}));
}

TEST_F(AndroidSms, NullFieldsAndBinaryJunkAreKept)
{
    const auto r = parseNewDatabase(kRegister, kId, dir / "mmssms.db", ddl("android_mmssms_modern") + R"SQL(
INSERT INTO sms (_id, thread_id, address, date, type, body) VALUES (1, NULL, NULL, NULL, NULL, NULL);
INSERT INTO sms (_id, thread_id, address, date, type, body) VALUES (2, 9, X'0102FF', 'not a date', 1, X'68690080FEFF00');
)SQL");
    ASSERT_TRUE(r.errors.empty());
    ASSERT_EQ(r.records.messages.size(), 2u);
    const auto &empty = r.records.messages[0];
    EXPECT_EQ(empty.direction, Direction::Unknown);
    EXPECT_FALSE(empty.sent);
    EXPECT_TRUE(empty.text.empty());
    EXPECT_FALSE(empty.conversationKey.empty());
    const auto &junk = r.records.messages[1];
    EXPECT_EQ(junk.text, "hi\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");   // bytes kept visible as U+FFFD
    EXPECT_FALSE(junk.sent);
    EXPECT_EQ(junk.senderKey, "\x01\x02\xEF\xBF\xBD");
}

TEST_F(AndroidSms, RejectsOtherDatabases)
{
    const auto db = dir / "other.db";
    createDatabase(db, "CREATE TABLE sms (id INTEGER, text TEXT); CREATE TABLE notes (body TEXT);");
    EXPECT_FALSE(parseDatabase(kRegister, kId, db).accepted);
}

std::string manySms(int n)
{
    std::string sql = ddl("android_mmssms_modern") + "INSERT INTO threads (_id, recipient_ids) VALUES (1, '1');"
                    + "INSERT INTO canonical_addresses VALUES (1, '+447700900123');";
    for (int i = 1; i <= n; ++i)
        sql += "INSERT INTO sms (_id, thread_id, address, date, type, body) VALUES (" + std::to_string(i)
             + ", 1, '+447700900123', " + std::to_string((kT0 + i) * 1000) + ", 1, 'message number " + std::to_string(i)
             + " with some padding to fill the pages of the table quickly');";
    return sql;
}

TEST_F(AndroidSms, TruncatedDatabaseGivesAnErrorAndKeepsWhatItRead)
{
    expectTruncationKeepsSome(kParser, dir / "full.db", "BEGIN;" + manySms(3000) + "COMMIT;", messageCount, 3000,
                              "sms");
}

TEST_F(AndroidSms, CorruptPagesGiveAnErrorNotACrash)
{
    expectCorruptPagesReported(kParser, dir / "corrupt.db", "BEGIN;" + manySms(3000) + "COMMIT;", 4096 * 20, 4096 * 10,
                               messageCount, 3000);
}

TEST_F(AndroidSms, GarbageIsNotOpened)
{
    expectGarbageRefused(kParser, dir / "garbage.db");
}

TEST_F(AndroidSms, AMessageOnlyInTheWalIsFoundAndMarked)
{
    const auto db = dir / "mmssms.db";
    createDatabaseWithWal(db, ddl("android_mmssms_modern") + kModernRows,
                          "INSERT INTO sms (_id, thread_id, address, date, type, body) VALUES "
                          "(5, 1, '+447700900123', 1772359999000, 1, 'only in the wal');");
    expectWalOnlyRecord(kParser, db, messageWithTextIn("only in the wal"), messageWithTextIn("who is this"),
                        messageCount);
}

TEST(AndroidSmsExternal, PublicSampleHasNineSms)
{
    const auto sample = externalFile("chat/android_mmssms.db");
    if (!sample)
        GTEST_SKIP() << "external test data not found (../shared/testdata/external/chat/android_mmssms.db)";
    const auto r = parseDatabase(kRegister, kId, *sample);
    ASSERT_TRUE(r.accepted);
    EXPECT_TRUE(r.errors.empty());
    ASSERT_EQ(r.records.messages.size(), 9u);
    // Checked by hand: sqlite3 android_mmssms.db "select * from sms where _id in (1,3)"
    const auto *first = messageWithText(r.records, "Yo Fred this is my new number.");
    ASSERT_NE(first, nullptr);
    EXPECT_EQ(first->direction, Direction::Outgoing);
    EXPECT_EQ(first->recipientKeys, std::vector<std::string>{"1 555-521-5554"});
    EXPECT_EQ(toIso8601(*first->sent), "2013-10-29T16:56:28.038Z");
    EXPECT_EQ(first->origin.rowid, 1);
    const auto *third = messageWithText(r.records, "What message?");
    ASSERT_NE(third, nullptr);
    EXPECT_EQ(third->direction, Direction::Incoming);
    EXPECT_EQ(third->senderKey, "15555215554");
    EXPECT_EQ(third->status, "unread");
    EXPECT_EQ(countMessagesIn(r.records, "1"), 9u);
    const auto *thread = conversationWithKey(r.records, "1");
    ASSERT_NE(thread, nullptr);
    EXPECT_EQ(thread->participantKeys, (std::vector<std::string>{"", "1 555-521-5554"}));
}

} // namespace
} // namespace vigil::test
