// SPDX-License-Identifier: GPL-3.0-or-later
// NSRL RDSv3: a small database built here with the published RDSv3 schema (FILE, MFG, OS,
// PKG, VERSION and the DISTINCT_HASH view; hashes in upper-case hex as NIST writes them).
#include "plugins/media/hashsets/hashset.h"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include "tests/plugins/media/hashsets/testutil.h"

namespace vigil::media {
namespace {

using test::md5Hex;
using test::ScratchDir;
using test::sha1Hex;
using test::upper;

constexpr const char *kRdsV3Schema = R"(
CREATE TABLE FILE (
 sha256     VARCHAR NOT NULL,
 sha1       VARCHAR NOT NULL,
 md5        VARCHAR NOT NULL,
 crc32      VARCHAR NOT NULL,
 file_name  VARCHAR NOT NULL,
 file_size  INTEGER NOT NULL,
 package_id INTEGER NOT NULL,
 CONSTRAINT PK_FILE__FILE PRIMARY KEY (sha256, sha1, md5, crc32, file_name, file_size, package_id)
);
CREATE TABLE MFG (
 manufacturer_id INTEGER NOT NULL,
 name            VARCHAR NOT NULL,
 CONSTRAINT PK_MFG__MFG_ID PRIMARY KEY (manufacturer_id)
);
CREATE TABLE OS (
 operating_system_id INTEGER NOT NULL,
 name                VARCHAR NOT NULL,
 version             VARCHAR NOT NULL,
 manufacturer_id     INTEGER NOT NULL,
 CONSTRAINT PK_OS__OS_ID PRIMARY KEY (operating_system_id, manufacturer_id)
);
CREATE TABLE PKG (
 package_id          INTEGER NOT NULL,
 name                VARCHAR NOT NULL,
 version             VARCHAR NOT NULL,
 operating_system_id INTEGER NOT NULL,
 manufacturer_id     INTEGER NOT NULL,
 language            VARCHAR NOT NULL,
 application_type    VARCHAR NOT NULL,
 CONSTRAINT PK_PGK__PKG_ID PRIMARY KEY (package_id, operating_system_id, manufacturer_id, language, application_type)
);
CREATE TABLE VERSION (
 version      VARCHAR UNIQUE NOT NULL,
 build_set    VARCHAR NOT NULL,
 build_date   TIMESTAMP DEFAULT CURRENT_TIMESTAMP NOT NULL,
 release_date TIMESTAMP NOT NULL,
 description  VARCHAR NOT NULL,
 CONSTRAINT PK_VERSION__VERSION PRIMARY KEY (version)
);
CREATE VIEW DISTINCT_HASH AS
 SELECT DISTINCT sha256, sha1, md5, crc32 FROM FILE;
INSERT INTO MFG VALUES (1, 'Example Software');
INSERT INTO OS VALUES (1, 'Linux', '6', 1);
INSERT INTO PKG VALUES (1, 'Example Suite', '1.0', 1, 1, 'English', 'Utility');
INSERT INTO PKG VALUES (2, 'Example Suite', '2.0', 1, 1, 'English', 'Utility');
INSERT INTO VERSION VALUES ('2024.03.1', 'Modern minimal', '2024-03-01', '2024-03-01', 'test build');
)";

void exec(sqlite3 *db, const std::string &sql)
{
    char *err = nullptr;
    ASSERT_EQ(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &err), SQLITE_OK) << (err ? err : "");
}

std::string fileRow(const std::string &name, int package, const std::string &md5, const std::string &sha1)
{
    return "INSERT INTO FILE VALUES ('" + upper(test::sha256Hex(name)) + "','" + sha1 + "','" + md5 + "','0000ABCD','"
        + name + "'," + std::to_string(name.size()) + "," + std::to_string(package) + ");";
}

void createRds(const std::filesystem::path &file, const std::string &rows)
{
    sqlite3 *db = nullptr;
    ASSERT_EQ(sqlite3_open(file.c_str(), &db), SQLITE_OK);
    exec(db, kRdsV3Schema);
    exec(db, "BEGIN;" + rows + "COMMIT;");
    sqlite3_close(db);
}

TEST(NsrlImport, RdsV3DatabaseGivesKnownGoodEntries)
{
    ScratchDir dir;
    const auto db = dir / "RDS_2024.03.1_modern_minimal.db";
    std::string rows;
    for (const char *name : {"kernel32.dll", "readme.txt", "setup.exe"})
        rows += fileRow(name, 1, upper(md5Hex(name)), upper(sha1Hex(name)));
    rows += fileRow("kernel32.dll", 2, upper(md5Hex("kernel32.dll")), upper(sha1Hex("kernel32.dll")));   // same file, other package
    rows += fileRow("broken.bin", 2, "NOT-A-HASH", upper(sha1Hex("broken.bin")));
    createRds(db, rows);
    const std::string before = test::readFile(db);

    ASSERT_EQ(detectHashSetFormat(db), HashSetFormat::NsrlRds);
    std::uint64_t lastProgress = 0;
    auto s = importHashSet(db, dir / "nsrl.vhs", test::options({}, {}, [&](std::uint64_t n) { lastProgress = n; }));
    ASSERT_TRUE(s) << s.error().toString();
    EXPECT_EQ(s->format, HashSetFormat::NsrlRds);
    EXPECT_EQ(s->role, HashSetRole::KnownGood);
    EXPECT_EQ(s->formatVersion, "3");
    EXPECT_EQ(s->entriesRead, 4u) << "DISTINCT_HASH gives one row per distinct file";
    EXPECT_EQ(lastProgress, 4u);
    EXPECT_EQ(s->md5Count, 3u);
    EXPECT_EQ(s->sha1Count, 3u);
    EXPECT_EQ(s->rejected, 1u);
    ASSERT_EQ(s->rejectReasons.size(), 1u);
    EXPECT_NE(s->rejectReasons[0].find("NOT-A-HASH"), std::string::npos) << s->rejectReasons[0];
    EXPECT_EQ(s->sourceSha256, test::sha256Hex(before));

    EXPECT_EQ(test::readFile(db), before) << "the NSRL database was modified";
    EXPECT_FALSE(std::filesystem::exists(db.string() + "-journal"));
    EXPECT_FALSE(std::filesystem::exists(db.string() + "-wal"));

    auto store = HashSetFile::open(dir / "nsrl.vhs");
    ASSERT_TRUE(store) << store.error().toString();
    EXPECT_EQ(store->role(), HashSetRole::KnownGood);
    auto hit = store->findMd5Hex(md5Hex("setup.exe"));
    ASSERT_TRUE(hit);
    EXPECT_FALSE(hit->category);
    EXPECT_TRUE(store->findSha1Hex(sha1Hex("kernel32.dll")));
    EXPECT_FALSE(store->findMd5Hex(md5Hex("notepad.exe")));
    EXPECT_FALSE(store->findSha1Hex(sha1Hex("broken.bin")));
}

TEST(NsrlImport, FileTableWithoutTheViewAndPathsNeedingEscapes)
{
    ScratchDir dir;
    const auto db = dir / "odd name #1 %20?.db";
    sqlite3 *raw = nullptr;
    ASSERT_EQ(sqlite3_open(db.c_str(), &raw), SQLITE_OK);
    exec(raw, "CREATE TABLE FILE (sha256 VARCHAR, sha1 VARCHAR, md5 VARCHAR, crc32 VARCHAR, file_name VARCHAR,"
              " file_size INTEGER, package_id INTEGER);"
              + fileRow("a.dll", 1, md5Hex("a.dll"), sha1Hex("a.dll")) + fileRow("b.dll", 1, "", sha1Hex("b.dll")));
    sqlite3_close(raw);
    auto s = importHashSet(db, dir / "out.vhs");
    ASSERT_TRUE(s) << s.error().toString();
    EXPECT_EQ(s->md5Count, 1u);
    EXPECT_EQ(s->sha1Count, 2u);
}

TEST(NsrlImport, OtherSqliteDatabasesAndDamagedOnesAreErrors)
{
    ScratchDir dir;
    sqlite3 *raw = nullptr;
    ASSERT_EQ(sqlite3_open((dir / "other.db").c_str(), &raw), SQLITE_OK);
    exec(raw, "CREATE TABLE messages (id INTEGER, body TEXT); INSERT INTO messages VALUES (1, 'hi');");
    sqlite3_close(raw);
    auto other = importHashSet(dir / "other.db", dir / "other.vhs");
    ASSERT_FALSE(other);
    EXPECT_EQ(other.error().code, ErrorCode::Unsupported);
    EXPECT_NE(other.error().message.find("not an NSRL"), std::string::npos);

    std::string fake(std::string("SQLite format 3\0", 16));
    test::SplitMix rng{11};
    for (int i = 0; i < 8192; ++i)
        fake.push_back(static_cast<char>(rng.next()));
    test::writeFile(dir / "fake.db", fake);
    auto damaged = importHashSet(dir / "fake.db", dir / "fake.vhs");
    ASSERT_FALSE(damaged);
    EXPECT_EQ(damaged.error().code, ErrorCode::Database) << damaged.error().toString();

    // A real RDS database cut in half.
    std::string rows;
    for (int i = 0; i < 3000; ++i) {
        const std::string name = "file" + std::to_string(i) + ".dll";
        rows += fileRow(name, 1, upper(md5Hex(name)), upper(sha1Hex(name)));
    }
    createRds(dir / "full.db", rows);
    const std::string full = test::readFile(dir / "full.db");
    test::writeFile(dir / "cut.db", full.substr(0, full.size() / 2));
    auto cut = importHashSet(dir / "cut.db", dir / "cut.vhs");
    if (cut)
        EXPECT_LT(cut->md5Count, 3000u);
    else
        EXPECT_EQ(cut.error().code, ErrorCode::Database) << cut.error().toString();
    EXPECT_FALSE(!cut && std::filesystem::exists(dir / "cut.vhs"));
    EXPECT_FALSE(std::filesystem::exists(dir / "other.vhs"));
    EXPECT_FALSE(std::filesystem::exists(dir / "fake.vhs"));
}

} // namespace
} // namespace vigil::media
