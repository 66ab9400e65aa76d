// SPDX-License-Identifier: GPL-3.0-or-later
#include <gtest/gtest.h>

#include "core/casedb/schema.h"
#include "testdir.h"

using namespace vigil;
using namespace vigil::casedb;

namespace {
Database freshDb(const TestDir &dir)
{
    auto db = Database::open(dir.path() / "t.db", Database::Mode::ReadWrite, true);
    EXPECT_TRUE(db.has_value());
    return std::move(*db);
}
} // namespace

TEST(Schema, CreatesCurrentVersionInEmptyDatabase)
{
    TestDir dir;
    auto db = freshDb(dir);
    ASSERT_TRUE(migrate(db));
    auto info = readSchemaInfo(db);
    ASSERT_TRUE(info);
    EXPECT_EQ(info->version, kSchemaVersion);
    EXPECT_EQ(info->minReaderVersion, kMinReaderVersion);
    for (const char *table : {"evidence", "volumes", "filesystems", "files", "processing_errors", "audit_log"}) {
        auto st = db.prepare(std::string("SELECT count(*) FROM ") + table);
        EXPECT_TRUE(st) << table;
    }
}

TEST(Schema, AVersionOneCaseGainsTheCommunicationTablesAndKeepsItsRows)
{
    TestDir dir;
    auto db = freshDb(dir);
    ASSERT_TRUE(migrate(db, 1));
    ASSERT_EQ(readSchemaInfo(db)->version, 1);
    ASSERT_TRUE(db.exec("INSERT INTO evidence(path, display_name, kind, added_utc) VALUES ('/e.E01', 'e.E01', 'ewf', 'x');"
                        "INSERT INTO files(evidence_id, path, name, meta_type, allocated, size, parser, parser_version) "
                        "VALUES (1, '/a.db', 'a.db', 'file', 1, 10, 'tsk-walker', '1');"));
    ASSERT_TRUE(migrate(db));
    EXPECT_EQ(readSchemaInfo(db)->version, kSchemaVersion);
    auto st = db.prepare("SELECT path, parse_status IS NULL FROM files");
    ASSERT_TRUE(st);
    ASSERT_TRUE(*st->step());
    EXPECT_EQ(st->text(0), "/a.db");
    EXPECT_EQ(st->int64(1), 1);   // not parsed yet: the next ingest offers it to the parsers
    for (const char *table : {"accounts", "conversations", "messages", "messages_fts", "calls", "web_visits"})
        EXPECT_TRUE(db.prepare(std::string("SELECT count(*) FROM ") + table)) << table;
}

// Step 6 -> 7: evidence.fs_timezone and accounts.created_at, NULL on the rows a schema-6 case
// already holds (no zone was recorded, no creation time read); the minimum reader stays 1.
TEST(Schema, AVersionSixCaseGainsTheIngestZoneAndAccountCreation)
{
    TestDir dir;
    auto db = freshDb(dir);
    ASSERT_TRUE(migrate(db, 6));
    ASSERT_EQ(readSchemaInfo(db)->version, 6);
    EXPECT_FALSE(db.prepare("SELECT fs_timezone FROM evidence"));
    EXPECT_FALSE(db.prepare("SELECT created_at FROM accounts"));
    ASSERT_TRUE(db.exec("INSERT INTO evidence(path, display_name, kind, added_utc) VALUES ('/f.dd', 'f.dd', 'raw', 'x');"
                        "INSERT INTO files(evidence_id, path, name, meta_type, allocated, size, parser, parser_version) "
                        "VALUES (1, '/main.db', 'main.db', 'file', 1, 10, 'tsk-walker', '1');"
                        "INSERT INTO parse_sources(evidence_id, file_id, parser, parser_version, started_utc) "
                        "VALUES (1, 1, 'skype', '1.0.0', 'x');"
                        "INSERT INTO accounts(evidence_id, app, account_key, source_id) VALUES (1, 'skype', 'sam', 1);"));
    ASSERT_TRUE(migrate(db));
    const auto info = readSchemaInfo(db);
    EXPECT_EQ(info->version, 7);
    EXPECT_EQ(info->minReaderVersion, 1);
    auto st = db.prepare("SELECT e.path, e.fs_timezone IS NULL, a.account_key, a.created_at IS NULL FROM evidence e "
                         "JOIN accounts a ON a.evidence_id = e.id");
    ASSERT_TRUE(st);
    ASSERT_TRUE(st->step().value_or(false));
    EXPECT_EQ(st->text(0), "/f.dd");
    EXPECT_EQ(st->int64(1), 1);
    EXPECT_EQ(st->text(2), "sam");
    EXPECT_EQ(st->int64(3), 1);
    st->reset();
    // The new columns take values.
    ASSERT_TRUE(db.exec("UPDATE evidence SET fs_timezone = 'America/New_York';"
                        "UPDATE accounts SET created_at = 1375219320000000000;"));
    auto check = db.prepare("SELECT fs_timezone || ' ' || (SELECT created_at FROM accounts) FROM evidence");
    ASSERT_TRUE(check);
    ASSERT_TRUE(check->step().value_or(false));
    EXPECT_EQ(check->text(0), "America/New_York 1375219320000000000");
}

TEST(Schema, MigrateIsIdempotent)
{
    TestDir dir;
    auto db = freshDb(dir);
    ASSERT_TRUE(migrate(db));
    ASSERT_TRUE(migrate(db));
    EXPECT_EQ(readSchemaInfo(db)->version, kSchemaVersion);
}

TEST(Schema, RefusesNewerSchemaForWriting)
{
    TestDir dir;
    auto db = freshDb(dir);
    ASSERT_TRUE(migrate(db));
    ASSERT_TRUE(db.exec("UPDATE meta SET value='99' WHERE key='schema_version'"));
    auto r = migrate(db);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, ErrorCode::Unsupported);
    EXPECT_NE(r.error().message.find("newer"), std::string::npos);
    // Still readable while the minimum reader version allows it.
    EXPECT_TRUE(checkReadable(db));
    ASSERT_TRUE(db.exec("UPDATE meta SET value='42' WHERE key='min_reader_version'"));
    EXPECT_FALSE(checkReadable(db));
}

TEST(Schema, RejectsNonVigilDatabase)
{
    TestDir dir;
    auto db = freshDb(dir);
    ASSERT_TRUE(db.exec("CREATE TABLE other(x)"));
    auto r = checkReadable(db);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, ErrorCode::Corrupt);
}

TEST(Transaction, RollsBackUnlessCommitted)
{
    TestDir dir;
    auto db = freshDb(dir);
    ASSERT_TRUE(db.exec("CREATE TABLE t(x)"));
    {
        Transaction tx(db);
        ASSERT_TRUE(db.exec("INSERT INTO t VALUES (1)"));
    }
    {
        Transaction tx(db);
        ASSERT_TRUE(db.exec("INSERT INTO t VALUES (2)"));
        ASSERT_TRUE(tx.commit());
    }
    auto st = db.prepare("SELECT group_concat(x) FROM t");
    ASSERT_TRUE(st);
    ASSERT_TRUE(*st->step());
    EXPECT_EQ(st->text(0), "2");
}
