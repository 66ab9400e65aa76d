// SPDX-License-Identifier: GPL-3.0-or-later
#include "plugins/api/sqlitedb.h"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <fstream>

#include "core/util/hashing.h"
#include "plugins/api/memoryreader.h"
#include "tests/plugins/parsers/parsertest.h"

namespace vigil::plugins {
namespace {

namespace fs = std::filesystem;
using test::ScratchDir;

std::string md5Of(const fs::path &file)
{
    std::ifstream in(file, std::ios::binary);
    std::vector<char> bytes{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    MultiHasher h(HashMd5);
    h.update(reinterpret_cast<const unsigned char *>(bytes.data()), bytes.size());
    return h.finish().md5;
}

std::int64_t count(SqliteDatabase &db, const std::string &table)
{
    return db.scalar("SELECT count(*) FROM " + table).value_or(-1);
}

TEST(SqliteDatabase, AppliesTheWalAndLeavesTheMainFileAsItWas)
{
    ScratchDir dir;
    const auto file = dir / "db";
    test::createDatabaseWithWal(file, "CREATE TABLE t (x TEXT); INSERT INTO t VALUES ('main');",
                                "INSERT INTO t VALUES ('wal'); CREATE TABLE late (y);  INSERT INTO late VALUES (1);");
    const std::string before = md5Of(file);
    {
        auto db = SqliteDatabase::open(file);
        ASSERT_TRUE(db) << db.error().toString();
        EXPECT_TRUE((*db)->hasWal());
        EXPECT_EQ(count(**db, "t"), 2);
        EXPECT_TRUE((*db)->schema().hasTable("LATE"));
        EXPECT_EQ((*db)->sourceOf("t", 1), model::RecordSource::Live);
        EXPECT_EQ((*db)->sourceOf("t", 2), model::RecordSource::Wal);
        EXPECT_EQ((*db)->sourceOf("late", 1), model::RecordSource::Wal);   // the table itself is only in the WAL
        EXPECT_FALSE((*db)->query("INSERT INTO t VALUES ('write')") && (*db)->query("INSERT INTO t VALUES ('w')")->next());
    }
    EXPECT_EQ(md5Of(file), before) << "the working copy's main file was checkpointed or written";
    EXPECT_TRUE(fs::exists(file.string() + "-wal"));
}

TEST(SqliteDatabase, RollsBackAHotJournal)
{
    ScratchDir dir;
    const auto live = dir / "live.db";
    sqlite3 *db = nullptr;
    ASSERT_EQ(sqlite3_open(live.c_str(), &db), SQLITE_OK);
    sqlite3_exec(db, "PRAGMA journal_mode=DELETE; PRAGMA cache_size=2; CREATE TABLE t (x); INSERT INTO t VALUES (1);",
                 nullptr, nullptr, nullptr);
    // An unfinished transaction large enough to spill into the main file: the journal is hot.
    sqlite3_exec(db, "BEGIN; WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i+1 FROM n WHERE i < 5000) "
                     "INSERT INTO t SELECT randomblob(200) FROM n;",
                 nullptr, nullptr, nullptr);
    ASSERT_TRUE(fs::exists(live.string() + "-journal"));
    fs::create_directories(dir / "copy");
    fs::copy_file(live, dir / "copy" / "db");
    fs::copy_file(live.string() + "-journal", dir / "copy" / "db-journal");
    sqlite3_close(db);   // rolls back the original too

    auto copy = SqliteDatabase::open(dir / "copy" / "db");
    ASSERT_TRUE(copy) << copy.error().toString();
    EXPECT_EQ(count(**copy, "t"), 1);   // the committed state
    EXPECT_FALSE((*copy)->hasWal());
}

// A database of one table t of 2000 rows, cut to half its size: "<dir>/cut/db".
fs::path truncatedTable(const ScratchDir &dir)
{
    const auto full = dir / "full.db";
    std::string sql = "CREATE TABLE t (x TEXT); BEGIN;";
    for (int i = 0; i < 2000; ++i)
        sql += "INSERT INTO t VALUES ('row " + std::to_string(i) + " padded out to fill several pages of the table');";
    test::createDatabase(full, sql + "COMMIT;");
    fs::create_directories(dir / "cut");
    test::truncatedCopy(full, dir / "cut" / "db", fs::file_size(full) / 2);
    return dir / "cut" / "db";
}

TEST(SqliteDatabase, ReadsWhatExistsOfATruncatedFile)
{
    ScratchDir dir;
    auto db = SqliteDatabase::open(truncatedTable(dir));
    ASSERT_TRUE(db) << db.error().toString();
    auto q = (*db)->query("SELECT x FROM t");
    ASSERT_TRUE(q);
    std::int64_t rows = 0;
    while (q->next())
        ++rows;
    EXPECT_GT(rows, 500);
    EXPECT_LT(rows, 2000);
    ASSERT_TRUE(q->error());
    EXPECT_EQ(q->error()->code, ErrorCode::Corrupt);
}

TEST(SqliteDatabase, GarbageAndMissingFilesAreErrors)
{
    ScratchDir dir;
    test::writeGarbageFile(dir / "db", 8192);
    auto garbage = SqliteDatabase::open(dir / "db");
    ASSERT_FALSE(garbage);
    EXPECT_EQ(garbage.error().code, ErrorCode::Corrupt);
    auto missing = SqliteDatabase::open(dir / "nothing");
    ASSERT_FALSE(missing);
    EXPECT_EQ(missing.error().code, ErrorCode::NotFound);
}

TEST(SqliteDatabase, SchemaHelpersAndSanitisedValues)
{
    ScratchDir dir;
    test::createDatabase(dir / "db", "CREATE TABLE Messages (Body TEXT, n INTEGER, f REAL);"
                                     "INSERT INTO Messages VALUES (X'41FF00', '12', 2.5), (NULL, 'x', NULL);");
    auto db = SqliteDatabase::open(dir / "db");
    ASSERT_TRUE(db);
    const auto &schema = (*db)->schema();
    EXPECT_TRUE(schema.hasColumns("messages", {"body", "N"}));
    EXPECT_EQ(schema.pick("messages", {"text", "body"}), "\"body\"");
    EXPECT_EQ(schema.pick("messages", {"text"}), "NULL");
    auto q = (*db)->query("SELECT Body, n, f FROM Messages ORDER BY rowid");
    ASSERT_TRUE(q && q->next());
    EXPECT_EQ(q->text(0), "A\xEF\xBF\xBD\xEF\xBF\xBD");
    EXPECT_EQ(q->optInt64(1), 12);
    EXPECT_EQ(q->optDouble(2), 2.5);
    ASSERT_TRUE(q->next());
    EXPECT_EQ(q->optText(0), std::nullopt);
    EXPECT_EQ(q->optInt64(1), std::nullopt);
    EXPECT_EQ(q->int64(1, -7), -7);
    EXPECT_FALSE(q->next());
    EXPECT_FALSE(q->error());
}

TEST(SqliteDatabase, PickAsAndPickEachKeepColumnPositionsAcrossVersions)
{
    ScratchDir dir;
    test::createDatabase(dir / "db", "CREATE TABLE Messages (Body TEXT, n INTEGER);");
    auto db = SqliteDatabase::open(dir / "db");
    ASSERT_TRUE(db);
    const auto &schema = (*db)->schema();
    EXPECT_EQ(schema.pickAs("m", "messages", {"text", "body"}), "m.\"body\"");
    EXPECT_EQ(schema.pickAs("m", "messages", {"text"}), "NULL");
    EXPECT_EQ(schema.pickEach("messages", {"body", "text", "N"}), "\"body\", NULL, \"N\"");
    EXPECT_EQ(schema.pickEach("messages", {"n", "gone"}, "m"), "m.\"n\", NULL");
    EXPECT_EQ(schema.pickEach("nothing", {"a"}), "NULL");
}

TEST(SqliteDatabase, ForEachRowNotesFailuresAndKeepsTheRowsRead)
{
    ScratchDir dir;
    auto db = SqliteDatabase::open(truncatedTable(dir));
    ASSERT_TRUE(db) << db.error().toString();

    PartialErrors errors;
    std::int64_t rows = 0;
    forEachRow(**db, errors, "SELECT x FROM t", "t", [&rows](const SqliteQuery &q) { rows += !q.text(0).empty(); });
    EXPECT_GT(rows, 500);   // rows before the damage were handed over
    EXPECT_LT(rows, 2000);
    forEachRow(**db, errors, "SELECT x FROM missing", "missing", [&rows](const SqliteQuery &) { rows = -1; });
    EXPECT_GT(rows, 0);   // a query that cannot be prepared calls nothing
    const auto result = errors.result();
    ASSERT_FALSE(result);
    EXPECT_EQ(result.error().code, ErrorCode::Corrupt);   // the first failure's code
    EXPECT_NE(result.error().message.find("Affected: t, missing."), std::string::npos) << result.error().message;

    PartialErrors none;
    std::vector<std::string> read;
    forEachRow(**db, none, "SELECT x FROM t ORDER BY rowid LIMIT 2", "t",
               [&read](const SqliteQuery &q) { read.push_back(q.text(0)); });
    EXPECT_TRUE(none.empty());
    EXPECT_EQ(read.size(), 2u);
}

TEST(SqliteDatabase, StagesACopyWithItsCompanions)
{
    ScratchDir dir;
    MemoryReader main(std::vector<unsigned char>{'a', 'b'});
    MemoryReader wal(std::vector<unsigned char>{'w'});
    auto staged = stageDatabase(dir / "work", main, &wal, nullptr);
    ASSERT_TRUE(staged);
    EXPECT_EQ(*staged, dir / "work" / "db");
    EXPECT_EQ(fs::file_size(*staged), 2u);
    EXPECT_EQ(fs::file_size(dir / "work" / "db-wal"), 1u);
    EXPECT_FALSE(fs::exists(dir / "work" / "db-journal"));
}

} // namespace
} // namespace vigil::plugins
