// SPDX-License-Identifier: GPL-3.0-or-later
#include "plugins/parsers/android-contacts/androidcontacts.h"

#include <gtest/gtest.h>

#include "core/util/timeutil.h"
#include "tests/plugins/parsers/parsertest.h"

namespace vigil::test {
namespace {

using model::Direction;
using model::RecordSource;

const RegisterFn kRegister = plugins::registerAndroidContactsPlugin;
constexpr const char *kId = "android-contacts";
constexpr const char *kContactsPath = "/data/data/com.android.providers.contacts/databases/contacts2.db";
constexpr const char *kCallLogPath = "/data/data/com.android.providers.contacts/databases/calllog.db";
const ParserUnderTest kCallLogParser{kRegister, kId, kCallLogPath};

// Android 7–9 contacts2.db: the contacts provider's tables (indexes, views, triggers and the
// lookup tables left out), accounts in their own table referenced by account_id:
// ddl("android_contacts2_modern") (tests/data/ddl/, shared with the demo evidence).

// Android declares the sort keys COLLATE PHONEBOOK, a collation it registers itself. SQLite here
// cannot create such a table, so fixtures are made with NOCASE and the stored DDL is then
// rewritten to the device's text, as a seized file has it (the parser must not need PHONEBOOK).
constexpr const char *kPhonebookCollation = R"SQL(
PRAGMA writable_schema = ON;
UPDATE sqlite_master SET sql = replace(sql, 'COLLATE NOCASE', 'COLLATE PHONEBOOK') WHERE tbl_name = 'raw_contacts';
PRAGMA writable_schema = OFF;
)SQL";

constexpr const char *kMimetypeRows = R"SQL(
INSERT INTO mimetypes VALUES (1, 'vnd.android.cursor.item/email_v2'), (2, 'vnd.android.cursor.item/im'),
  (3, 'vnd.android.cursor.item/nickname'), (4, 'vnd.android.cursor.item/organization'),
  (5, 'vnd.android.cursor.item/phone_v2'), (6, 'vnd.android.cursor.item/sip_address'),
  (7, 'vnd.android.cursor.item/name'), (8, 'vnd.android.cursor.item/postal-address_v2'),
  (9, 'vnd.android.cursor.item/identity'), (10, 'vnd.android.cursor.item/photo'),
  (11, 'vnd.android.cursor.item/group_membership'), (12, 'vnd.android.cursor.item/note');
)SQL";

constexpr const char *kModernContactRows = R"SQL(
INSERT INTO accounts VALUES (1, NULL, NULL, NULL), (2, 'owner.parent@gmail.com', 'com.google', NULL), (3, 'WhatsApp', 'com.whatsapp', NULL);
INSERT INTO raw_contacts (_id, account_id, contact_id, deleted, display_name) VALUES
  (1, 2, 1, 0, 'Sam Taylor'), (2, 1, 2, 0, 'Alex Morgan'), (3, 2, 3, 1, 'Jamie Fox'), (4, 3, 1, 0, NULL),
  (5, 1, 4, 0, NULL), (6, 1, 5, 0, 'Only Display Name');
INSERT INTO data (_id, mimetype_id, raw_contact_id, data1, data2, data3, data4, data5) VALUES
  (1, 7, 1, 'Sam Taylor', 'Sam', 'Taylor', NULL, NULL),
  (2, 5, 1, '+44 7700 900123', '2', NULL, '+447700900123', NULL),
  (3, 1, 1, 'sam.coach@example.com', '1', NULL, NULL, NULL),
  (4, 4, 1, 'Riverside Youth FC', '1', NULL, 'Coach', NULL),
  (5, 3, 1, 'Coach', NULL, NULL, NULL, NULL),
  (6, 5, 1, '01632 960000', '3', NULL, NULL, NULL),
  (7, 7, 2, NULL, 'Alex', 'Morgan', NULL, 'J'),
  (8, 5, 2, '07700 900456', '2', NULL, NULL, NULL),
  (9, 12, 2, 'met at the park run', NULL, NULL, NULL, NULL),
  (10, 7, 3, 'Jamie Fox', 'Jamie', 'Fox', NULL, NULL),
  (11, 5, 3, '07700 900789', '2', NULL, NULL, NULL),
  (12, 5, 4, '+447700900123', '2', NULL, NULL, NULL),
  (13, 11, 5, '6', NULL, NULL, NULL, NULL);
)SQL";

// Android 4.0–4.4 contacts2.db: accounts named in raw_contacts, and the call log inside it.
constexpr const char *kOldContactsDdl = R"SQL(
CREATE TABLE contacts (_id INTEGER PRIMARY KEY AUTOINCREMENT,name_raw_contact_id INTEGER REFERENCES raw_contacts(_id),photo_id INTEGER REFERENCES data(_id),photo_file_id INTEGER REFERENCES photo_files(_id),custom_ringtone TEXT,send_to_voicemail INTEGER NOT NULL DEFAULT 0,times_contacted INTEGER NOT NULL DEFAULT 0,last_time_contacted INTEGER,starred INTEGER NOT NULL DEFAULT 0,has_phone_number INTEGER NOT NULL DEFAULT 0,lookup TEXT,status_update_id INTEGER REFERENCES data(_id));
CREATE TABLE raw_contacts (_id INTEGER PRIMARY KEY AUTOINCREMENT,account_name STRING DEFAULT NULL, account_type STRING DEFAULT NULL, data_set STRING DEFAULT NULL, sourceid TEXT,raw_contact_is_read_only INTEGER NOT NULL DEFAULT 0,version INTEGER NOT NULL DEFAULT 1,dirty INTEGER NOT NULL DEFAULT 0,deleted INTEGER NOT NULL DEFAULT 0,contact_id INTEGER REFERENCES contacts(_id),aggregation_mode INTEGER NOT NULL DEFAULT 0,aggregation_needed INTEGER NOT NULL DEFAULT 1,custom_ringtone TEXT,send_to_voicemail INTEGER NOT NULL DEFAULT 0,times_contacted INTEGER NOT NULL DEFAULT 0,last_time_contacted INTEGER,starred INTEGER NOT NULL DEFAULT 0,display_name TEXT,display_name_alt TEXT,display_name_source INTEGER NOT NULL DEFAULT 0,phonetic_name TEXT,phonetic_name_style TEXT,sort_key TEXT COLLATE NOCASE,sort_key_alt TEXT COLLATE NOCASE,name_verified INTEGER NOT NULL DEFAULT 0,sync1 TEXT, sync2 TEXT, sync3 TEXT, sync4 TEXT );
CREATE TABLE data (_id INTEGER PRIMARY KEY AUTOINCREMENT,package_id INTEGER REFERENCES package(_id),mimetype_id INTEGER REFERENCES mimetype(_id) NOT NULL,raw_contact_id INTEGER REFERENCES raw_contacts(_id) NOT NULL,is_read_only INTEGER NOT NULL DEFAULT 0,is_primary INTEGER NOT NULL DEFAULT 0,is_super_primary INTEGER NOT NULL DEFAULT 0,data_version INTEGER NOT NULL DEFAULT 0,data1 TEXT,data2 TEXT,data3 TEXT,data4 TEXT,data5 TEXT,data6 TEXT,data7 TEXT,data8 TEXT,data9 TEXT,data10 TEXT,data11 TEXT,data12 TEXT,data13 TEXT,data14 TEXT,data15 TEXT,data_sync1 TEXT, data_sync2 TEXT, data_sync3 TEXT, data_sync4 TEXT );
CREATE TABLE mimetypes (_id INTEGER PRIMARY KEY AUTOINCREMENT,mimetype TEXT NOT NULL);
CREATE TABLE calls (_id INTEGER PRIMARY KEY AUTOINCREMENT,number TEXT,date INTEGER,duration INTEGER,type INTEGER,new INTEGER,name TEXT,numbertype INTEGER,numberlabel TEXT,countryiso TEXT,voicemail_uri TEXT,is_read INTEGER,geocoded_location TEXT,lookup_uri TEXT,matched_number TEXT,normalized_number TEXT,photo_id INTEGER NOT NULL DEFAULT 0,formatted_number TEXT,_data TEXT,has_content INTEGER,mime_type TEXT,source_data TEXT,source_package TEXT,state INTEGER);
)SQL";

// Android 10+ calllog.db, as CallLogDatabaseHelper creates it (version 8): ddl("android_calllog")
// (tests/data/ddl/, shared with the demo evidence).

// 2026-03-01T10:00:00Z in milliseconds.
constexpr std::int64_t kT0 = 1772359200000;

constexpr const char *kCallRows = R"SQL(
INSERT INTO calls (_id, number, presentation, date, duration, type, features, phone_account_address, new, name, numbertype) VALUES
  (1, '+447700900123', 1, 1772359200000, 95, 1, 0, '+447700900999', 0, 'Sam Taylor', 2),
  (2, '+447700900123', 1, 1772359260500, 0, 2, 0, '+447700900999', 0, NULL, 2),
  (3, '07700900456', 1, 1772359320000, 0, 3, 0, '+447700900999', 1, NULL, 0),
  (4, '07700900456', 1, 1772359380000, 312, 2, 1, '+447700900999', 0, 'Alex', 0),
  (5, '', 2, 1772359440000, 0, 3, 0, '+447700900999', 1, NULL, 0),
  (6, '01632960000', 1, 1772359500000, 0, 5, 0, NULL, 0, NULL, 0),
  (7, '01632960111', 1, 1772359560000, 0, 6, 0, NULL, 0, NULL, 0),
  (8, '01632960222', 1, 1772359620000, 20, 4, 0, NULL, 0, NULL, 0),
  (9, '01632960333', 1, 1772359680000, 40, 7, 0, NULL, 0, NULL, 0);
)SQL";

class AndroidContacts : public ::testing::Test {
protected:
    ParseResult parseModernContacts()
    {
        return parseNewDatabase(
            kRegister, kId, dir / "contacts2.db",
            ddl("android_contacts2_modern") + kMimetypeRows + kModernContactRows + kPhonebookCollation, kContactsPath);
    }
    ParseResult parseCallLog()
    {
        return parseNewDatabase(kRegister, kId, dir / "calllog.db", ddl("android_calllog") + kCallRows, kCallLogPath);
    }
    ScratchDir dir;
};

TEST_F(AndroidContacts, RawContactsGetNamePhonesEmailsAndOrganization)
{
    const auto r = parseModernContacts();
    ASSERT_TRUE(r.accepted);
    EXPECT_TRUE(r.errors.empty());
    EXPECT_EQ(r.records.app, "android-contacts");
    EXPECT_TRUE(r.records.calls.empty());
    ASSERT_EQ(r.records.contacts.size(), 5u);   // raw contact 5 has only a group membership

    const auto *sam = contactAt(r.records, "raw_contacts", 1);
    ASSERT_NE(sam, nullptr);
    EXPECT_EQ(sam->name, "Sam Taylor (Coach)");
    EXPECT_EQ(sam->phones, (std::vector<std::string>{"+44 7700 900123", "01632 960000"}));
    EXPECT_EQ(sam->emails, std::vector<std::string>{"sam.coach@example.com"});
    EXPECT_EQ(sam->organization, "Riverside Youth FC");
    EXPECT_EQ(sam->origin.source, RecordSource::Live);

    const auto *alex = contactAt(r.records, "raw_contacts", 2);
    ASSERT_NE(alex, nullptr);
    EXPECT_EQ(alex->name, "Alex J Morgan");   // no display name in data1: given, middle, family
    EXPECT_EQ(alex->phones, std::vector<std::string>{"07700 900456"});
    EXPECT_TRUE(alex->emails.empty());

    const auto *deleted = contactAt(r.records, "raw_contacts", 3);   // deleted = 1, not yet synced: kept
    ASSERT_NE(deleted, nullptr);
    EXPECT_EQ(deleted->name, "Jamie Fox");
    EXPECT_EQ(deleted->phones, std::vector<std::string>{"07700 900789"});

    const auto *whatsapp = contactAt(r.records, "raw_contacts", 4);   // a sync adapter's copy, number only
    ASSERT_NE(whatsapp, nullptr);
    EXPECT_EQ(whatsapp->name, "");
    EXPECT_EQ(whatsapp->phones, std::vector<std::string>{"+447700900123"});
    EXPECT_EQ(contactAt(r.records, "raw_contacts", 6)->name, "Only Display Name");
    EXPECT_EQ(contactAt(r.records, "raw_contacts", 5), nullptr);
}

TEST_F(AndroidContacts, EmailSyncAccountsAreTheOwners)
{
    const auto r = parseModernContacts();
    ASSERT_EQ(r.records.accounts.size(), 1u);   // "WhatsApp" and the local account are not identities
    const auto &google = r.records.accounts[0];
    EXPECT_EQ(google.key, "owner.parent@gmail.com");
    EXPECT_EQ(google.email, "owner.parent@gmail.com");
    EXPECT_TRUE(google.owner);
    EXPECT_EQ(google.origin.table, "accounts");
    EXPECT_EQ(google.origin.rowid, 2);
}

TEST_F(AndroidContacts, OldContacts2WithCallsTableReadsBoth)
{
    const auto r = parseNewDatabase(kRegister, kId, dir / "contacts2.db",
                                    std::string(kOldContactsDdl) + kMimetypeRows + R"SQL(
INSERT INTO raw_contacts (_id, account_name, account_type, contact_id, display_name) VALUES
  (1, 'owner.parent@gmail.com', 'com.google', 1, 'Pat Lee'), (2, 'Phone', 'com.example.local', 2, 'Chris');
INSERT INTO data (_id, mimetype_id, raw_contact_id, data1) VALUES (1, 7, 1, 'Pat Lee'), (2, 5, 1, '5551234'),
  (3, 1, 2, 'chris@example.com');
INSERT INTO calls (_id, number, date, duration, type, new, name, numbertype) VALUES
  (1, '5551234', 1262304000000, 61, 1, 0, 'Pat Lee', 2), (2, '-2', 1262304100000, 0, 3, 1, NULL, 0);
)SQL",
                                    kContactsPath);
    ASSERT_TRUE(r.accepted);
    EXPECT_TRUE(r.errors.empty());
    ASSERT_EQ(r.records.contacts.size(), 2u);
    EXPECT_EQ(contactAt(r.records, "raw_contacts", 1)->phones, std::vector<std::string>{"5551234"});
    EXPECT_EQ(contactAt(r.records, "raw_contacts", 2)->emails, std::vector<std::string>{"chris@example.com"});
    const auto *owner = accountWithKey(r.records, "owner.parent@gmail.com");
    ASSERT_NE(owner, nullptr);
    EXPECT_TRUE(owner->owner);
    EXPECT_EQ(owner->origin.table, "raw_contacts");

    ASSERT_EQ(r.records.calls.size(), 2u);
    EXPECT_EQ(callWithRowid(r.records, 1)->accountKey, "5551234");
    EXPECT_EQ(toIso8601(*callWithRowid(r.records, 1)->started), "2010-01-01T00:00:00Z");
    EXPECT_EQ(callWithRowid(r.records, 1)->durationSeconds, 61);
    EXPECT_FALSE(callWithRowid(r.records, 1)->video);   // no features column before Android 5
    EXPECT_EQ(callWithRowid(r.records, 2)->accountKey, "presentation:restricted");   // "-2": a private number
    EXPECT_EQ(accountWithKey(r.records, "presentation:restricted")->displayName, "Private number");
    EXPECT_EQ(accountWithKey(r.records, "5551234")->displayName, "Pat Lee");
}

TEST_F(AndroidContacts, CallLogTypesBecomeDirectionAndStatus)
{
    const auto r = parseCallLog();
    ASSERT_TRUE(r.accepted);
    EXPECT_TRUE(r.errors.empty());
    ASSERT_EQ(r.records.calls.size(), 9u);
    EXPECT_TRUE(r.records.contacts.empty());

    const auto *in = callWithRowid(r.records, 1);
    EXPECT_EQ(in->accountKey, "+447700900123");
    EXPECT_EQ(in->direction, Direction::Incoming);
    EXPECT_EQ(in->status, "answered");
    EXPECT_EQ(in->started, kT0 * 1'000'000LL);
    EXPECT_EQ(toIso8601(*in->started), "2026-03-01T10:00:00Z");
    EXPECT_EQ(in->durationSeconds, 95);
    EXPECT_EQ(in->origin.table, "calls");
    EXPECT_EQ(in->origin.source, RecordSource::Live);

    EXPECT_EQ(callWithRowid(r.records, 2)->direction, Direction::Outgoing);
    EXPECT_EQ(callWithRowid(r.records, 2)->status, "unanswered");
    EXPECT_EQ(toIso8601(*callWithRowid(r.records, 2)->started), "2026-03-01T10:01:00.5Z");
    EXPECT_EQ(callWithRowid(r.records, 3)->status, "missed");
    EXPECT_EQ(callWithRowid(r.records, 3)->direction, Direction::Incoming);
    EXPECT_EQ(callWithRowid(r.records, 4)->status, "answered");
    EXPECT_TRUE(callWithRowid(r.records, 4)->video);   // features bit 0
    EXPECT_FALSE(callWithRowid(r.records, 1)->video);
    EXPECT_EQ(callWithRowid(r.records, 5)->accountKey, "presentation:restricted");
    EXPECT_EQ(callWithRowid(r.records, 6)->status, "rejected");
    EXPECT_EQ(callWithRowid(r.records, 7)->status, "blocked");
    EXPECT_EQ(callWithRowid(r.records, 8)->status, "voicemail");
    EXPECT_EQ(callWithRowid(r.records, 9)->status, "answered elsewhere");
}

TEST_F(AndroidContacts, CallLogNumbersAndOwnLineBecomeAccounts)
{
    const auto r = parseCallLog();
    const auto *sam = accountWithKey(r.records, "+447700900123");
    ASSERT_NE(sam, nullptr);
    EXPECT_EQ(sam->phone, "+447700900123");
    EXPECT_EQ(sam->displayName, "Sam Taylor");   // the cached name
    EXPECT_FALSE(sam->owner);
    EXPECT_EQ(sam->origin.rowid, 1);
    EXPECT_EQ(accountWithKey(r.records, "07700900456")->displayName, "Alex");   // named on a later call
    const auto *own = accountWithKey(r.records, "+447700900999");
    ASSERT_NE(own, nullptr);
    EXPECT_TRUE(own->owner);
    EXPECT_EQ(own->phone, "+447700900999");
    const auto *hidden = accountWithKey(r.records, "presentation:restricted");
    ASSERT_NE(hidden, nullptr);
    EXPECT_EQ(hidden->phone, "");
    EXPECT_EQ(accountWithKey(r.records, ""), nullptr);   // no call is tied to the owner's "" key
    EXPECT_EQ(r.records.accounts.size(), 8u);   // 6 numbers, the withheld one, the own line
}

TEST_F(AndroidContacts, DataOfAMissingRawContactIsKept)
{
    const auto r = parseNewDatabase(kRegister, kId, dir / "contacts2.db",
                                    ddl("android_contacts2_modern") + kMimetypeRows
                                        + "INSERT INTO data (_id, mimetype_id, raw_contact_id, data1) VALUES "
                                          "(20, 7, 77, 'Gone Person'), (21, 5, 77, '07700 900000');",
                                    kContactsPath);
    ASSERT_EQ(r.records.contacts.size(), 1u);
    const auto &orphan = r.records.contacts[0];
    EXPECT_EQ(orphan.name, "Gone Person");
    EXPECT_EQ(orphan.phones, std::vector<std::string>{"07700 900000"});
    EXPECT_EQ(orphan.origin.table, "data");
    EXPECT_EQ(orphan.origin.rowid, 20);
}

TEST_F(AndroidContacts, NullFieldsAndBinaryJunkAreKept)
{
    const auto r = parseNewDatabase(kRegister, kId, dir / "calllog.db", ddl("android_calllog") + R"SQL(
INSERT INTO calls (_id, number, presentation, date, duration, type, features, new, numbertype) VALUES
  (1, NULL, 1, NULL, NULL, NULL, 0, NULL, NULL),
  (2, X'3037FF', 1, 'yesterday', -4, 99, -1, 0, 0),
  (3, '07700900456', 1, -1772359200000, 9223372036854775807, 1, 0, 0, 0);
)SQL", kCallLogPath);
    ASSERT_TRUE(r.errors.empty());
    ASSERT_EQ(r.records.calls.size(), 3u);
    EXPECT_EQ(callWithRowid(r.records, 1)->accountKey, "presentation:unknown");
    EXPECT_EQ(callWithRowid(r.records, 1)->direction, Direction::Unknown);
    EXPECT_FALSE(callWithRowid(r.records, 1)->started);
    EXPECT_FALSE(callWithRowid(r.records, 1)->durationSeconds);
    EXPECT_EQ(callWithRowid(r.records, 2)->accountKey, "07\xEF\xBF\xBD");
    EXPECT_FALSE(callWithRowid(r.records, 2)->started);
    EXPECT_FALSE(callWithRowid(r.records, 2)->durationSeconds);   // negative
    EXPECT_EQ(callWithRowid(r.records, 2)->status, "");
    EXPECT_FALSE(callWithRowid(r.records, 3)->started);   // before 1970
    EXPECT_EQ(callWithRowid(r.records, 3)->durationSeconds, 9223372036854775807);
}

TEST_F(AndroidContacts, RejectsOtherDatabases)
{
    // Skype's Calls table (another app's call history).
    const auto skype = dir / "main.db";
    createDatabase(skype, "CREATE TABLE Calls (id INTEGER NOT NULL PRIMARY KEY, is_permanent INTEGER, begin_timestamp INTEGER, "
                          "topic TEXT, duration INTEGER, name TEXT, is_incoming INTEGER, type INTEGER, status INTEGER);");
    EXPECT_FALSE(parseDatabase(kRegister, kId, skype).accepted);
    // A plain app table named calls, and a contacts table without the provider's layout.
    const auto other = dir / "other.db";
    createDatabase(other, "CREATE TABLE calls (_id INTEGER PRIMARY KEY, number TEXT, date INTEGER, duration INTEGER, type INTEGER);"
                          "CREATE TABLE raw_contacts (_id INTEGER PRIMARY KEY, display_name TEXT);");
    EXPECT_FALSE(parseDatabase(kRegister, kId, other).accepted);
}

std::string manyCalls(int n)
{
    std::string sql = ddl("android_calllog");
    for (int i = 1; i <= n; ++i)
        sql += "INSERT INTO calls (_id, number, date, duration, type, new, numbertype, geocoded_location) VALUES ("
             + std::to_string(i) + ", '0770090" + std::to_string(1000 + i % 5000) + "', " + std::to_string(kT0 + i * 1000)
             + ", " + std::to_string(i % 300) + ", " + std::to_string(1 + i % 3)
             + ", 0, 2, 'some padding to fill the pages of the table quickly');";
    return sql;
}

TEST_F(AndroidContacts, TruncatedDatabaseGivesAnErrorAndKeepsWhatItRead)
{
    expectTruncationKeepsSome(kCallLogParser, dir / "full.db", "BEGIN;" + manyCalls(3000) + "COMMIT;", callCount, 3000,
                              "calls");
}

TEST_F(AndroidContacts, CorruptPagesGiveAnErrorNotACrash)
{
    expectCorruptPagesReported(kCallLogParser, dir / "corrupt.db", "BEGIN;" + manyCalls(3000) + "COMMIT;", 4096 * 20,
                               4096 * 10, callCount, 3000);
}

TEST_F(AndroidContacts, GarbageIsNotOpened)
{
    expectGarbageRefused(kCallLogParser, dir / "garbage.db");
}

TEST_F(AndroidContacts, RowsOnlyInTheWalAreFoundAndMarked)
{
    const auto db = dir / "contacts2.db";
    createDatabaseWithWal(db, std::string(kOldContactsDdl) + kMimetypeRows,
                          "INSERT INTO raw_contacts (_id, contact_id, display_name) VALUES (1, 1, 'New Friend');"
                          "INSERT INTO data (_id, mimetype_id, raw_contact_id, data1) VALUES (1, 5, 1, '07700 900111');"
                          "INSERT INTO calls (_id, number, date, duration, type, new, numbertype) VALUES "
                          "(1, '07700900111', 1772359200000, 30, 2, 0, 0);");
    const auto withWal = parseDatabase(kRegister, kId, db, kContactsPath);
    ASSERT_TRUE(withWal.errors.empty());
    ASSERT_EQ(withWal.records.contacts.size(), 1u);
    EXPECT_EQ(withWal.records.contacts[0].origin.source, RecordSource::Wal);
    ASSERT_EQ(withWal.records.calls.size(), 1u);
    EXPECT_EQ(withWal.records.calls[0].origin.source, RecordSource::Wal);

    std::filesystem::remove(db.string() + "-wal");
    const auto without = parseDatabase(kRegister, kId, db, kContactsPath);
    EXPECT_TRUE(without.records.contacts.empty());
    EXPECT_TRUE(without.records.calls.empty());
}

TEST(AndroidContactsExternal, PublicSampleHasThreeCalls)
{
    const auto sample = externalFile("chat/android_contacts2.db");
    if (!sample)
        GTEST_SKIP() << "external test data not found (../shared/testdata/external/chat/android_contacts2.db)";
    const auto r = parseDatabase(kRegister, kId, *sample, kContactsPath);
    ASSERT_TRUE(r.accepted);
    EXPECT_TRUE(r.errors.empty());
    // Checked by hand: sqlite3 android_contacts2.db "select _id, number, date, duration, type, name from calls"
    // (the sample has no raw_contacts table and an empty data table).
    EXPECT_TRUE(r.records.contacts.empty());
    ASSERT_EQ(r.records.calls.size(), 3u);
    const auto &missed = r.records.calls[0];
    EXPECT_EQ(missed.origin.rowid, 714);
    EXPECT_EQ(missed.accountKey, "5404561685");
    EXPECT_EQ(missed.direction, Direction::Incoming);
    EXPECT_EQ(missed.status, "missed");
    EXPECT_EQ(toIso8601(*missed.started), "2013-11-06T21:17:16.69Z");
    EXPECT_EQ(missed.durationSeconds, 0);
    const auto &out = r.records.calls[1];
    EXPECT_EQ(out.origin.rowid, 715);
    EXPECT_EQ(out.direction, Direction::Outgoing);
    EXPECT_EQ(out.status, "answered");
    EXPECT_EQ(out.durationSeconds, 126);
    EXPECT_EQ(toIso8601(*out.started), "2013-11-06T21:18:53.283Z");
    const auto &in = r.records.calls[2];
    EXPECT_EQ(in.origin.rowid, 717);
    EXPECT_EQ(in.direction, Direction::Incoming);
    EXPECT_EQ(in.status, "answered");
    EXPECT_EQ(in.durationSeconds, 639);
    EXPECT_EQ(toIso8601(*in.started), "2013-11-07T00:03:36.69Z");
    ASSERT_EQ(r.records.accounts.size(), 1u);
    EXPECT_EQ(r.records.accounts[0].key, "5404561685");
    EXPECT_EQ(r.records.accounts[0].phone, "5404561685");
    EXPECT_EQ(r.records.accounts[0].displayName, "Barney");
}

TEST(AndroidContactsExternal, OtherAppsPublicSamplesAreNotAccepted)
{
    expectSamplesNotAccepted({kRegister, kId}, {"android_mmssms.db", "chrome_History", "firefox_places.sqlite",
                                                "ios_kik.sqlite", "safari_History.db", "sqlite_imessage_chat.db",
                                                "sqlite_skype_main.db", "wal_database.db"});
}

} // namespace
} // namespace vigil::test
