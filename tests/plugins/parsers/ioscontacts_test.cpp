// SPDX-License-Identifier: GPL-3.0-or-later
#include "plugins/parsers/ios-contacts/ioscontacts.h"

#include <gtest/gtest.h>

#include "tests/plugins/parsers/parsertest.h"

namespace vigil::test {
namespace {

using model::RecordSource;

const RegisterFn kRegister = plugins::registerIosContactsPlugin;
constexpr const char *kId = "ios-contacts";
constexpr const char *kDevicePath = "/private/var/mobile/Library/AddressBook/AddressBook.sqlitedb";
const ParserUnderTest kParser{kRegister, kId, kDevicePath};

// iOS 4–5: the address book tables as the AddressBook framework creates them (the
// full-text search and sort-section tables left out).
constexpr const char *kLegacyDdl = R"SQL(
CREATE TABLE _SqliteDatabaseProperties (key TEXT, value TEXT, UNIQUE(key));
CREATE TABLE ABGroup (ROWID INTEGER PRIMARY KEY AUTOINCREMENT, Name TEXT, ExternalIdentifier TEXT, StoreID INTEGER);
CREATE TABLE ABGroupChanges (record INTEGER, type INTEGER, ExternalIdentifier TEXT, StoreID INTEGER);
CREATE TABLE ABGroupMembers (UID INTEGER PRIMARY KEY, group_id INTEGER, member_type INTEGER, member_id INTEGER, UNIQUE(group_id, member_type, member_id));
CREATE TABLE ABMultiValue (UID INTEGER PRIMARY KEY, record_id INTEGER, property INTEGER, identifier INTEGER, label INTEGER, value TEXT);
CREATE TABLE ABMultiValueEntry (parent_id INTEGER, key INTEGER, value TEXT, UNIQUE(parent_id, key));
CREATE TABLE ABMultiValueEntryKey (value TEXT, UNIQUE(value));
CREATE TABLE ABMultiValueLabel (value TEXT, UNIQUE(value));
CREATE TABLE ABPerson (ROWID INTEGER PRIMARY KEY AUTOINCREMENT, First TEXT, Last TEXT, Middle TEXT, FirstPhonetic TEXT, MiddlePhonetic TEXT, LastPhonetic TEXT, Organization TEXT, Department TEXT, Note TEXT, Kind INTEGER, Birthday TEXT, JobTitle TEXT, Nickname TEXT, Prefix TEXT, Suffix TEXT, FirstSort TEXT, LastSort TEXT, CreationDate INTEGER, ModificationDate INTEGER, CompositeNameFallback TEXT, ExternalIdentifier TEXT, StoreID INTEGER, DisplayName TEXT, FirstSortSection TEXT, LastSortSection TEXT, FirstSortLanguageIndex INTEGER DEFAULT 2147483647, LastSortLanguageIndex INTEGER DEFAULT 2147483647);
CREATE TABLE ABPersonChanges (record INTEGER, type INTEGER, Image INTEGER, ExternalIdentifier TEXT, StoreID INTEGER);
CREATE TABLE ABPersonMultiValueDeletes (record_id INTEGER, property_id INTEGER, identifier INTEGER);
CREATE TABLE ABPersonSearchKey (person_id INTEGER, value BLOB, UNIQUE(person_id));
CREATE TABLE ABPhoneLastFour (multivalue_id INTEGER PRIMARY KEY, value TEXT);
CREATE TABLE ABRecent(date INTEGER, name, property INTEGER, value);
)SQL";

// iOS 17 and later: ABPerson as AddressBookLegacy creates it; ABMultiValue with its guid.
constexpr const char *kModernDdl = R"SQL(
CREATE TABLE _SqliteDatabaseProperties (key TEXT, value TEXT, UNIQUE(key));
CREATE TABLE ABGroup (ROWID INTEGER PRIMARY KEY AUTOINCREMENT, Name TEXT, ExternalIdentifier TEXT, StoreID INTEGER);
CREATE TABLE ABGroupMembers (UID INTEGER PRIMARY KEY, group_id INTEGER, member_type INTEGER, member_id INTEGER, UNIQUE(group_id, member_type, member_id));
CREATE TABLE ABMultiValue (UID INTEGER PRIMARY KEY, record_id INTEGER, property INTEGER, identifier INTEGER, label INTEGER, value TEXT, guid TEXT NOT NULL DEFAULT (ab_generate_guid()), UNIQUE(guid));
CREATE TABLE ABMultiValueEntry (parent_id INTEGER, key INTEGER, value TEXT, UNIQUE(parent_id, key));
CREATE TABLE ABMultiValueEntryKey (value TEXT, UNIQUE(value));
CREATE TABLE ABMultiValueLabel (value TEXT, UNIQUE(value));
CREATE TABLE ABPerson (ROWID INTEGER PRIMARY KEY AUTOINCREMENT, First TEXT, Last TEXT, Middle TEXT, FirstPhonetic TEXT, MiddlePhonetic TEXT, LastPhonetic TEXT, Organization TEXT, Department TEXT, Note TEXT, Kind INTEGER, Birthday TEXT, JobTitle TEXT, Nickname TEXT, Prefix TEXT, Suffix TEXT, FirstSort TEXT, LastSort TEXT, CreationDate INTEGER, ModificationDate INTEGER, CompositeNameFallback TEXT, ExternalIdentifier TEXT, ExternalModificationTag TEXT, ExternalUUID TEXT, StoreID INTEGER, DisplayName TEXT, ExternalRepresentation BLOB, FirstSortSection TEXT, LastSortSection TEXT, FirstSortLanguageIndex INTEGER DEFAULT 2147483647, LastSortLanguageIndex INTEGER DEFAULT 2147483647, PersonLink INTEGER DEFAULT -1, ImageURI TEXT, IsPreferredName INTEGER DEFAULT 1, guid TEXT NOT NULL DEFAULT (ab_generate_guid()), PhonemeData TEXT, AlternateBirthday TEXT, MapsData TEXT, FirstPronunciation TEXT, MiddlePronunciation TEXT, LastPronunciation TEXT, OrganizationPhonetic TEXT, OrganizationPronunciation TEXT, PreviousFamilyName TEXT, PreferredLikenessSource TEXT, PreferredPersonaIdentifier TEXT, PreferredChannel TEXT, DowntimeWhitelist TEXT, ImageType TEXT, ImageHash BLOB, MemojiMetadata BLOB, Wallpaper BLOB, DisplayFlags INTEGER, WatchWallpaperImageData BLOB, WallpaperMetadata BLOB, ImageBackgroundColorsData BLOB, SensitiveContentConfiguration BLOB, WallpaperURI TEXT, UNIQUE(guid));
CREATE TABLE ABPersonMultiValueDeletes (record_id INTEGER, property_id INTEGER, identifier INTEGER);
CREATE TABLE ABPhoneLastFour (multivalue_id INTEGER PRIMARY KEY, value TEXT);
CREATE TABLE ABStore (ROWID INTEGER PRIMARY KEY AUTOINCREMENT, Name TEXT, ExternalIdentifier TEXT, Type INTEGER, AccountID INTEGER, Enabled INTEGER, SyncData BLOB, MeIdentifier INTEGER, Capabilities INTEGER, ExternalModificationTag TEXT, ExternalSyncTag TEXT, AccountIdentifier TEXT, ContentVersion INTEGER DEFAULT 0, SyncTag TEXT, LastSyncDate INTEGER, ConstraintsPath TEXT, guid TEXT NOT NULL DEFAULT (ab_generate_guid()), UNIQUE(guid));
)SQL";

constexpr const char *kModernRows = R"SQL(
INSERT INTO ABMultiValueLabel VALUES ('_$!<Mobile>!$_'), ('_$!<Home>!$_'), ('_$!<Work>!$_');
INSERT INTO ABPerson (ROWID, First, Last, Middle, Nickname, Organization, Kind, guid) VALUES
  (1, 'Sam', 'Taylor', NULL, 'Coach', 'Riverside Youth FC', 0, 'P1'),
  (2, 'Alex', 'Morgan', 'J', NULL, NULL, 0, 'P2'),
  (3, NULL, NULL, NULL, NULL, 'Leisure Centre', 1, 'P3');
INSERT INTO ABMultiValue (UID, record_id, property, identifier, label, value, guid) VALUES
  (1, 1, 3, 0, 1, '+44 7700 900123', 'V1'),
  (2, 1, 4, 0, 3, 'sam.coach@example.com', 'V2'),
  (3, 1, 3, 1, 3, '01632 960000', 'V3'),
  (4, 2, 4, 0, 2, 'alex@example.com', 'V4'),
  (5, 2, 22, 0, NULL, 'https://example.com/alex', 'V5'),
  (6, 3, 3, 0, 3, '01632 960111', 'V6');
)SQL";

class IosContacts : public ::testing::Test {
protected:
    ParseResult parseModern()
    {
        return parseNewDatabase(kRegister, kId, dir / "AddressBook.sqlitedb", std::string(kModernDdl) + kModernRows,
                                kDevicePath);
    }
    ScratchDir dir;
};

TEST_F(IosContacts, ModernPeopleGetNamesPhonesEmailsAndOrganization)
{
    const auto r = parseModern();
    ASSERT_TRUE(r.accepted);
    EXPECT_TRUE(r.errors.empty());
    EXPECT_EQ(r.records.app, "ios-contacts");
    ASSERT_EQ(r.records.contacts.size(), 3u);
    EXPECT_TRUE(r.records.messages.empty());

    const auto *sam = contactAt(r.records, "ABPerson", 1);
    ASSERT_NE(sam, nullptr);
    EXPECT_EQ(sam->name, "Sam Taylor (Coach)");
    EXPECT_EQ(sam->organization, "Riverside Youth FC");
    EXPECT_EQ(sam->phones, (std::vector<std::string>{"+44 7700 900123", "01632 960000"}));
    EXPECT_EQ(sam->emails, std::vector<std::string>{"sam.coach@example.com"});
    EXPECT_EQ(sam->accountKey, "");
    EXPECT_EQ(sam->origin.source, RecordSource::Live);

    const auto *alex = contactAt(r.records, "ABPerson", 2);
    ASSERT_NE(alex, nullptr);
    EXPECT_EQ(alex->name, "Alex J Morgan");
    EXPECT_TRUE(alex->phones.empty());   // the URL (property 22) is not a phone or email
    EXPECT_EQ(alex->emails, std::vector<std::string>{"alex@example.com"});

    const auto *centre = contactAt(r.records, "ABPerson", 3);
    ASSERT_NE(centre, nullptr);
    EXPECT_EQ(centre->name, "Leisure Centre");   // an organisation card is named by it
    EXPECT_EQ(centre->organization, "Leisure Centre");
    EXPECT_EQ(centre->phones, std::vector<std::string>{"01632 960111"});
}

TEST_F(IosContacts, LegacyLayoutAndNameFallbacks)
{
    const auto r = parseNewDatabase(kRegister, kId, dir / "AddressBook.sqlitedb", std::string(kLegacyDdl) + R"SQL(
INSERT INTO ABPerson (ROWID, First, Last, Nickname, CompositeNameFallback, DisplayName) VALUES
  (1, 'Jo', NULL, NULL, NULL, NULL),
  (2, NULL, NULL, NULL, 'jo.parent@example.com', NULL),
  (3, NULL, NULL, 'Nana', NULL, NULL);
INSERT INTO ABMultiValue VALUES (1, 1, 3, 0, 1, '07700 900456'), (2, 2, 4, 0, 2, 'jo.parent@example.com'),
  (3, 3, 3, 0, 1, '07700 900789'), (4, 3, 3, 1, 1, NULL);
)SQL", kDevicePath);
    ASSERT_TRUE(r.accepted);
    EXPECT_TRUE(r.errors.empty());
    ASSERT_EQ(r.records.contacts.size(), 3u);
    EXPECT_EQ(contactAt(r.records, "ABPerson", 1)->name, "Jo");
    EXPECT_EQ(contactAt(r.records, "ABPerson", 1)->phones, std::vector<std::string>{"07700 900456"});
    EXPECT_EQ(contactAt(r.records, "ABPerson", 2)->name, "jo.parent@example.com");
    EXPECT_EQ(contactAt(r.records, "ABPerson", 3)->name, "Nana");
    EXPECT_EQ(contactAt(r.records, "ABPerson", 3)->phones,
              std::vector<std::string>{"07700 900789"});   // NULL value skipped
}

TEST_F(IosContacts, NumbersOfADeletedPersonAreKept)
{
    const auto r = parseNewDatabase(
        kRegister, kId, dir / "AddressBook.sqlitedb",
        std::string(kModernDdl) + kModernRows
            + "INSERT INTO ABMultiValue (UID, record_id, property, identifier, label, value, guid) VALUES "
              "(7, 99, 3, 0, 1, '07700 900999', 'V7'), (8, 99, 4, 0, 1, 'gone@example.com', 'V8');",
        kDevicePath);
    ASSERT_EQ(r.records.contacts.size(), 4u);
    const auto *orphan = contactAt(r.records, "ABMultiValue", 7);
    ASSERT_NE(orphan, nullptr);
    EXPECT_EQ(orphan->name, "");
    EXPECT_EQ(orphan->phones, std::vector<std::string>{"07700 900999"});
    EXPECT_EQ(orphan->emails, std::vector<std::string>{"gone@example.com"});
}

TEST_F(IosContacts, NullFieldsAndBinaryJunkAreKept)
{
    const auto r = parseNewDatabase(kRegister, kId, dir / "AddressBook.sqlitedb", std::string(kLegacyDdl) + R"SQL(
INSERT INTO ABPerson (ROWID, First, Last, Organization) VALUES (1, NULL, NULL, NULL), (2, X'4A6FFF00', 12345, X'FE');
INSERT INTO ABMultiValue VALUES (1, 2, 3, NULL, NULL, X'3037FF'), (2, NULL, 4, 0, 0, 'x@example.com'),
  (3, 2, 'four', 0, 0, 'ignored'), (4, 2, 4, 0, 0, 777);
)SQL", kDevicePath);
    ASSERT_TRUE(r.errors.empty());
    ASSERT_EQ(r.records.contacts.size(), 3u);
    const auto *empty = contactAt(r.records, "ABPerson", 1);
    ASSERT_NE(empty, nullptr);
    EXPECT_EQ(empty->name, "");
    const auto *junk = contactAt(r.records, "ABPerson", 2);
    ASSERT_NE(junk, nullptr);
    EXPECT_EQ(junk->name, "Jo\xEF\xBF\xBD\xEF\xBF\xBD 12345");
    EXPECT_EQ(junk->organization, "\xEF\xBF\xBD");
    EXPECT_EQ(junk->phones, std::vector<std::string>{"07\xEF\xBF\xBD"});
    EXPECT_EQ(junk->emails, std::vector<std::string>{"777"});
    const auto *noOwner = contactAt(r.records, "ABMultiValue", 2);   // record_id NULL: an orphan
    ASSERT_NE(noOwner, nullptr);
    EXPECT_EQ(noOwner->emails, std::vector<std::string>{"x@example.com"});
}

TEST_F(IosContacts, RejectsOtherDatabases)
{
    const auto android = dir / "contacts2.db";
    createDatabase(android, "CREATE TABLE raw_contacts (_id INTEGER PRIMARY KEY, display_name TEXT, deleted INTEGER);"
                            "CREATE TABLE data (_id INTEGER PRIMARY KEY, raw_contact_id INTEGER, mimetype_id INTEGER, data1 TEXT);");
    EXPECT_FALSE(parseDatabase(kRegister, kId, android).accepted);
    // Only half of the address book: a person table without the values table.
    const auto half = dir / "half.db";
    createDatabase(half, "CREATE TABLE ABPerson (ROWID INTEGER PRIMARY KEY, First TEXT, Last TEXT, Organization TEXT);");
    EXPECT_FALSE(parseDatabase(kRegister, kId, half).accepted);
}

std::string manyPeople(int n)
{
    std::string sql = kLegacyDdl;
    for (int i = 1; i <= n; ++i) {
        const std::string id = std::to_string(i);
        sql += "INSERT INTO ABPerson (ROWID, First, Last, Note) VALUES (" + id + ", 'Person', 'Number " + id
             + "', 'a note with some padding to fill the pages of the table quickly');"
             + "INSERT INTO ABMultiValue VALUES (" + id + ", " + id + ", 3, 0, 1, '07700 9" + std::to_string(10000 + i) + "');";
    }
    return sql;
}

TEST_F(IosContacts, TruncatedDatabaseGivesAnErrorAndKeepsWhatItRead)
{
    // Contacts without a person row (their numbers) are kept too: up to one per person more.
    expectTruncationKeepsSome(kParser, dir / "full.db", "BEGIN;" + manyPeople(3000) + "COMMIT;", contactCount, 6000,
                              "AB");
}

TEST_F(IosContacts, CorruptPagesGiveAnErrorNotACrash)
{
    const auto named = [](const model::RecordBatch &b) {
        std::size_t n = 0;
        for (const auto &c : b.contacts)
            n += !c.name.empty();
        return n;
    };
    expectCorruptPagesReported(kParser, dir / "corrupt.db", "BEGIN;" + manyPeople(3000) + "COMMIT;", 4096 * 40,
                               4096 * 10, named, 3000);
}

TEST_F(IosContacts, GarbageIsNotOpened)
{
    expectGarbageRefused(kParser, dir / "garbage.db");
}

TEST_F(IosContacts, AContactOnlyInTheWalIsFoundAndMarked)
{
    const auto db = dir / "AddressBook.sqlitedb";
    createDatabaseWithWal(db, std::string(kModernDdl) + kModernRows,
                          "INSERT INTO ABPerson (ROWID, First, Last, guid) VALUES (4, 'Robin', 'New', 'P4');"
                          "INSERT INTO ABMultiValue (UID, record_id, property, identifier, label, value, guid) VALUES "
                          "(9, 4, 3, 0, 1, '07700 900321', 'V9');");
    const auto withWal = expectWalOnlyRecord(kParser, db, recordFromRow("ABPerson", 4), recordFromRow("ABPerson", 1),
                                             contactCount);
    const auto *robin = contactAt(withWal.records, "ABPerson", 4);
    ASSERT_NE(robin, nullptr);
    EXPECT_EQ(robin->name, "Robin New");
    EXPECT_EQ(robin->phones, std::vector<std::string>{"07700 900321"});
}

TEST(IosContactsExternal, OtherAppsPublicSamplesAreNotAccepted)
{
    expectSamplesNotAccepted({kRegister, kId}, {"android_contacts2.db", "android_mmssms.db", "chrome_History",
                                                "firefox_places.sqlite", "ios_kik.sqlite", "safari_History.db",
                                                "sqlite_imessage_chat.db", "sqlite_skype_main.db", "wal_database.db"});
}

} // namespace
} // namespace vigil::test
