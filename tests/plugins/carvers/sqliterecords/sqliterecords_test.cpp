// SPDX-License-Identifier: GPL-3.0-or-later
// Deleted-record recovery on SQLite databases generated here with the SQLite library.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <random>
#include <set>
#include <string>
#include <vector>

#include <unistd.h>

#include "plugins/carvers/sqliterecords/sqliterecords.h"
#include "tests/testutil/tempdir.h"

namespace fs = std::filesystem;
using vigil::recovery::RecoveredRecord;
using vigil::recovery::RecoveredValue;
using vigil::recovery::RecoveryResult;
using vigil::recovery::recoverSqlite;
using Bytes = std::vector<unsigned char>;

namespace {

using TempDir = vigil::test::TempDir;

Bytes readFile(const fs::path &p)
{
    std::ifstream in(p, std::ios::binary);
    return Bytes(std::istreambuf_iterator<char>(in), {});
}

void exec(sqlite3 *db, const std::string &sql)
{
    char *err = nullptr;
    ASSERT_EQ(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &err), SQLITE_OK) << (err ? err : "") << " in " << sql;
}

struct Db {
    explicit Db(const fs::path &p) { sqlite3_open(p.c_str(), &handle); }
    ~Db() { sqlite3_close(handle); }
    sqlite3 *handle = nullptr;
};

std::string nameOf(int i) { return "message number " + std::to_string(i) + std::string(static_cast<std::size_t>(i % 7), 'x'); }
std::int64_t numberOf(int i) { return std::int64_t(i) * 100003 - 5000; }
double realOf(int i) { return i * 1.25 + 0.3; }
std::string blobOf(int i) { return {static_cast<char>(i), static_cast<char>(0xA5), static_cast<char>(255 - i)}; }

// Creates t(id INTEGER PRIMARY KEY, name TEXT, n INTEGER, r REAL, b BLOB) with rows 1..count.
void fillTable(sqlite3 *db, int count, int textPad = 0)
{
    exec(db, "CREATE TABLE t(id INTEGER PRIMARY KEY, name TEXT, n INTEGER, r REAL, b BLOB)");
    sqlite3_stmt *st = nullptr;
    ASSERT_EQ(sqlite3_prepare_v2(db, "INSERT INTO t VALUES(?,?,?,?,?)", -1, &st, nullptr), SQLITE_OK);
    exec(db, "BEGIN");
    for (int i = 1; i <= count; ++i) {
        const std::string name = nameOf(i) + std::string(static_cast<std::size_t>(textPad), 'p');
        const std::string blob = blobOf(i);
        sqlite3_bind_int(st, 1, i);
        sqlite3_bind_text(st, 2, name.c_str(), -1, SQLITE_TRANSIENT);
        sqlite3_bind_int64(st, 3, numberOf(i));
        sqlite3_bind_double(st, 4, realOf(i));
        sqlite3_bind_blob(st, 5, blob.data(), static_cast<int>(blob.size()), SQLITE_TRANSIENT);
        ASSERT_EQ(sqlite3_step(st), SQLITE_DONE);
        sqlite3_reset(st);
    }
    exec(db, "COMMIT");
    sqlite3_finalize(st);
}

// Whether `r` holds the non-key values of row i of fillTable.
bool isRow(const RecoveredRecord &r, int i, int textPad = 0)
{
    return r.table == "t" && r.values.size() == 5 && r.values[0].kind == RecoveredValue::Null &&
           r.values[1].kind == RecoveredValue::Text &&
           r.values[1].bytes == nameOf(i) + std::string(static_cast<std::size_t>(textPad), 'p') &&
           r.values[2].kind == RecoveredValue::Integer && r.values[2].i == numberOf(i) &&
           r.values[3].kind == RecoveredValue::Real && r.values[3].r == realOf(i) &&
           r.values[4].kind == RecoveredValue::Blob && r.values[4].bytes == blobOf(i);
}

// Row numbers found among the non-live records (with the given source, or any).
std::set<int> recoveredRows(const RecoveryResult &res, int count, const std::string &source = {}, int textPad = 0)
{
    std::set<int> rows;
    for (const auto &r : res.records)
        if (r.source != "live" && (source.empty() || r.source == source))
            for (int i = 1; i <= count; ++i)
                if (isRow(r, i, textPad))
                    rows.insert(i);
    return rows;
}

std::size_t countSource(const RecoveryResult &res, const std::string &source)
{
    std::size_t n = 0;
    for (const auto &r : res.records)
        n += r.source == source;
    return n;
}

RecoveryResult recoverFile(const fs::path &db, const fs::path &wal = {}, const fs::path &journal = {})
{
    const Bytes d = readFile(db), w = wal.empty() ? Bytes{} : readFile(wal), j = journal.empty() ? Bytes{} : readFile(journal);
    auto res = recoverSqlite(d, w, j);
    EXPECT_TRUE(res.has_value()) << (res ? "" : res.error().toString());
    return res ? *res : RecoveryResult{};
}

} // namespace

TEST(SqliteRecords, LiveRowsAreDecoded)
{
    TempDir dir;
    {
        Db db(dir / "a.db");
        fillTable(db.handle, 100);
    }
    const RecoveryResult res = recoverFile(dir / "a.db");
    std::set<std::int64_t> rowids;
    for (const auto &r : res.records)
        if (r.source == "live" && r.table == "t") {
            ASSERT_TRUE(r.rowid);
            EXPECT_TRUE(isRow(r, static_cast<int>(*r.rowid))) << "rowid " << *r.rowid;
            rowids.insert(*r.rowid);
            EXPECT_EQ(r.file, "db");
        }
    EXPECT_EQ(rowids.size(), 100u);
    EXPECT_EQ(countSource(res, "live"), 101u);   // + the sqlite_master row
}

// 100 rows, every tenth deleted; the table keeps several leaf pages so the freed cells stay
// in place as freeblocks (or, for the cell at the top of the content area, unallocated space).
void freeblockRecall(int pageSize, int textPad)
{
    TempDir dir;
    std::set<int> deleted;
    {
        Db db(dir / "a.db");
        exec(db.handle, "PRAGMA page_size=" + std::to_string(pageSize));
        exec(db.handle, "PRAGMA secure_delete=OFF");
        fillTable(db.handle, 100, textPad);
        for (int i = 5; i <= 95; i += 10) {
            exec(db.handle, "DELETE FROM t WHERE id=" + std::to_string(i));
            deleted.insert(i);
        }
    }
    const RecoveryResult res = recoverFile(dir / "a.db");
    const std::set<int> found = recoveredRows(res, 100, {}, textPad);
    std::size_t tp = 0;
    for (int i : found) {
        EXPECT_TRUE(deleted.count(i)) << "live row " << i << " reported as recovered";
        tp += deleted.count(i);
    }
    std::size_t other = 0;
    for (const auto &r : res.records)
        other += r.source != "live" &&
                 !std::any_of(deleted.begin(), deleted.end(), [&](int i) { return isRow(r, i, textPad); });
    std::printf("[ page %d, pad %d ] recall %zu/%zu, other non-live records %zu (freeblock %zu, unallocated %zu)\n",
                pageSize, textPad, tp, deleted.size(), other, countSource(res, "freeblock"),
                countSource(res, "unallocated"));
    EXPECT_GE(tp, 9u);
    EXPECT_EQ(other, 0u);
    EXPECT_EQ(countSource(res, "live"), 91u);
}

TEST(SqliteRecords, DeletedSmallRowsFromFreeblocks)
{
    freeblockRecall(1024, 0);   // records < 128 bytes: payload and rowid varints of one byte each
}

TEST(SqliteRecords, DeletedLargerRowsFromFreeblocks)
{
    freeblockRecall(4096, 100);   // records >= 128 bytes: two-byte payload varint
}

TEST(SqliteRecords, FirstColumnLostToTheFreeblockHeaderIsInferred)
{
    // No rowid alias: with one-byte payload and rowid varints (rowid < 128) the first serial
    // type is overwritten and is inferred from the column's affinity and the freed cell's size;
    // with a two-byte rowid only the header-size varint is lost.
    TempDir dir;
    {
        Db db(dir / "a.db");
        exec(db.handle, "PRAGMA page_size=1024; PRAGMA secure_delete=OFF");
        exec(db.handle, "CREATE TABLE m(body TEXT, ts INTEGER)");
        exec(db.handle, "BEGIN");
        for (int i = 1; i <= 300; ++i)
            exec(db.handle, "INSERT INTO m VALUES('chat line " + std::to_string(i) + "', " +
                                std::to_string(1700000000 + i) + ")");
        exec(db.handle, "COMMIT");
        exec(db.handle, "DELETE FROM m WHERE rowid % 10 = 3 AND rowid > 100 AND rowid <= 250");
    }
    const RecoveryResult res = recoverFile(dir / "a.db");
    std::size_t right = 0, wrong = 0, inferred = 0;
    for (const auto &r : res.records) {
        if (r.source == "live")
            continue;
        ASSERT_EQ(r.values.size(), 2u) << r.table << " at " << r.byteOffset;
        const std::int64_t i = r.values[1].i - 1700000000;
        const bool ok = r.table == "m" && i % 10 == 3 && i > 100 && i <= 250 &&
                        r.values[0].kind == RecoveredValue::Text && r.values[0].bytes == "chat line " + std::to_string(i);
        right += ok;
        wrong += !ok;
        inferred += ok && r.values[0].inferred;
    }
    std::printf("[ inferred first column ] %zu of 15 exact (%zu with the first column inferred), %zu wrong\n", right,
                inferred, wrong);
    EXPECT_GE(right, 14u);
    EXPECT_GE(inferred, 2u);
    EXPECT_EQ(wrong, 0u);
}

TEST(SqliteRecords, FreelistPagesAfterMassDelete)
{
    TempDir dir;
    {
        Db db(dir / "a.db");
        exec(db.handle, "PRAGMA secure_delete=OFF");
        exec(db.handle, "PRAGMA auto_vacuum=NONE");
        fillTable(db.handle, 400, 150);
        exec(db.handle, "DELETE FROM t WHERE id > 100 AND id <= 300");
    }
    const Bytes bytes = readFile(dir / "a.db");
    ASSERT_GT(bytes[39] | bytes[38] << 8, 0) << "no freelist pages";
    auto res = recoverSqlite(bytes);
    ASSERT_TRUE(res);
    const std::set<int> freelist = recoveredRows(*res, 400, "freelist", 150);
    const std::set<int> any = recoveredRows(*res, 400, {}, 150);
    for (int i : any)
        EXPECT_TRUE(i > 100 && i <= 300) << "live row " << i << " reported as recovered";
    std::size_t other = 0;
    for (const auto &r : res->records) {
        bool known = r.source == "live";
        for (int i = 101; i <= 300 && !known; ++i)
            known = isRow(r, i, 150);
        other += !known;
    }
    std::printf("[ freelist ] %zu of 200 deleted rows from freelist pages, %zu from any source, %zu other\n",
                freelist.size(), any.size(), other);
    EXPECT_EQ(other, 0u);
    EXPECT_GE(freelist.size(), 100u);
    EXPECT_EQ(countSource(*res, "live"), 201u);
}

TEST(SqliteRecords, DeletedRowsThatSpilledToOverflowPages)
{
    // Rows of about 4.3 KB on 4 KiB pages keep 489 bytes on their leaf and the rest on an overflow
    // page; deleted (four, apart, so no leaf is rebalanced), their overflow pages become freelist
    // leaves with their content (a trunk already exists).
    TempDir dir;
    auto body = [](int i) {
        std::string s;
        for (int k = 0; s.size() < static_cast<std::size_t>(4200 + 5 * i); ++k)
            s += "row " + std::to_string(i) + " word " + std::to_string(k) + "; ";
        return s;
    };
    const std::set<int> deleted{5, 13, 22, 30};
    {
        Db db(dir / "a.db");
        exec(db.handle, "PRAGMA page_size=4096; PRAGMA secure_delete=OFF; PRAGMA auto_vacuum=NONE");
        exec(db.handle, "CREATE TABLE junk(x); INSERT INTO junk VALUES (zeroblob(9000))");
        exec(db.handle, "CREATE TABLE m(id INTEGER PRIMARY KEY, body TEXT, n INTEGER)");
        exec(db.handle, "BEGIN");
        for (int i = 1; i <= 40; ++i)
            exec(db.handle, "INSERT INTO m VALUES(" + std::to_string(i) + ", '" + body(i) + "', " + std::to_string(i * 11) + ")");
        exec(db.handle, "COMMIT");
        exec(db.handle, "DROP TABLE junk");
        exec(db.handle, "DELETE FROM m WHERE id IN (5, 13, 22, 30)");
    }
    const RecoveryResult res = recoverFile(dir / "a.db");
    std::set<int> found;
    std::size_t other = 0;
    for (const auto &r : res.records) {
        if (r.source == "live" || r.table != "m")
            continue;
        ASSERT_EQ(r.values.size(), 3u);
        const int i = static_cast<int>(r.values[2].i / 11);
        const bool ok = deleted.count(i) && r.values[1].bytes == body(i);
        other += !ok;
        if (ok)
            found.insert(i);
    }
    std::printf("[ overflow ] %zu of 4 deleted rows with overflow chains recovered whole, %zu other\n", found.size(),
                other);
    EXPECT_EQ(found, deleted);
    EXPECT_EQ(other, 0u);
    EXPECT_EQ(countSource(res, "live"), 1u + 36u);
}

TEST(SqliteRecords, OldVersionsInWal)
{
    TempDir dir;
    {
        Db db(dir / "a.db");
        exec(db.handle, "PRAGMA secure_delete=OFF");
        exec(db.handle, "CREATE TABLE seed(x)");
        exec(db.handle, "PRAGMA journal_mode=WAL");
        exec(db.handle, "PRAGMA wal_autocheckpoint=0");
        fillTable(db.handle, 20);
        exec(db.handle, "UPDATE t SET name='changed ' || id WHERE id <= 5");
        exec(db.handle, "DELETE FROM t WHERE id > 15");
        fs::copy_file(dir / "a.db", dir / "copy.db");
        fs::copy_file(dir / "a.db-wal", dir / "copy.db-wal");
    }
    const RecoveryResult res = recoverFile(dir / "copy.db", dir / "copy.db-wal");
    std::set<std::int64_t> live;
    for (const auto &r : res.records)
        if (r.source == "live" && r.table == "t") {
            live.insert(*r.rowid);
            if (*r.rowid <= 5) {
                EXPECT_EQ(r.values[1].bytes, "changed " + std::to_string(*r.rowid));
            }
        }
    EXPECT_EQ(live.size(), 15u);
    const std::set<int> old = recoveredRows(res, 20, "wal");
    std::printf("[ wal ] recovered old/deleted rows %zu of 10 (wal records %zu)\n", old.size(), countSource(res, "wal"));
    for (int i : {1, 2, 3, 4, 5, 16, 17, 18, 19, 20})
        EXPECT_TRUE(old.count(i)) << "row " << i;
    for (int i : old)
        EXPECT_TRUE(i <= 5 || i > 15) << "unchanged live row " << i << " reported";
}

TEST(SqliteRecords, DeletedRowsInWalFrames)
{
    TempDir dir;
    {
        Db db(dir / "a.db");
        exec(db.handle, "PRAGMA secure_delete=OFF");
        exec(db.handle, "CREATE TABLE seed(x)");
        exec(db.handle, "PRAGMA journal_mode=WAL");
        exec(db.handle, "PRAGMA wal_autocheckpoint=0");
        fillTable(db.handle, 30);
        exec(db.handle, "DELETE FROM t WHERE id % 3 = 0");
        fs::copy_file(dir / "a.db", dir / "copy.db");
        fs::copy_file(dir / "a.db-wal", dir / "copy.db-wal");
    }
    const RecoveryResult res = recoverFile(dir / "copy.db", dir / "copy.db-wal");
    const std::set<int> wal = recoveredRows(res, 30, "wal");
    std::printf("[ wal frames ] %zu of 10 deleted rows from superseded WAL frames\n", wal.size());
    for (int i = 3; i <= 30; i += 3)
        EXPECT_TRUE(wal.count(i)) << "row " << i;
    EXPECT_EQ(recoveredRows(res, 30).size(), 10u);
}

TEST(SqliteRecords, HotRollbackJournal)
{
    TempDir dir;
    {
        Db db(dir / "a.db");
        exec(db.handle, "PRAGMA secure_delete=OFF");
        exec(db.handle, "PRAGMA journal_mode=DELETE");
        fillTable(db.handle, 50);
        exec(db.handle, "BEGIN");
        exec(db.handle, "DELETE FROM t WHERE id <= 20");
        ASSERT_TRUE(fs::exists(dir / "a.db-journal"));
        fs::copy_file(dir / "a.db-journal", dir / "copy.db-journal");
        exec(db.handle, "COMMIT");
    }
    const RecoveryResult res = recoverFile(dir / "a.db", {}, dir / "copy.db-journal");
    const std::set<int> journal = recoveredRows(res, 50, "journal");
    std::printf("[ journal ] %zu of 20 deleted rows from journal pages\n", journal.size());
    for (int i = 1; i <= 20; ++i)
        EXPECT_TRUE(journal.count(i)) << "row " << i;
    for (int i : recoveredRows(res, 50))
        EXPECT_LE(i, 20);
    for (const auto &r : res.records)
        if (r.source == "journal") {
            EXPECT_EQ(r.file, "journal");
        }
}

TEST(SqliteRecords, RowsOfADroppedTableAreAttributedFromItsRecoveredSchema)
{
    TempDir dir;
    {
        Db db(dir / "a.db");
        exec(db.handle, "PRAGMA secure_delete=OFF");
        fillTable(db.handle, 10);
        exec(db.handle, "CREATE TABLE contacts(name TEXT, phone TEXT, seen INTEGER)");
        for (int i = 0; i < 40; ++i)
            exec(db.handle, "INSERT INTO contacts VALUES('contact " + std::to_string(i) + "', '+4477009001" +
                                std::to_string(10 + i) + "', " + std::to_string(1700000000 + i) + ")");
        exec(db.handle, "DROP TABLE contacts");
    }
    const RecoveryResult res = recoverFile(dir / "a.db");
    std::set<std::string> names;
    for (const auto &r : res.records) {
        if (r.table != "contacts")
            continue;
        EXPECT_NE(r.source, "live");
        ASSERT_EQ(r.values.size(), 3u);
        names.insert(r.values[0].bytes);
    }
    std::printf("[ dropped table ] %zu of 40 rows attributed to the dropped table\n", names.size());
    EXPECT_GE(names.size(), 36u);
}

TEST(SqliteRecords, TextInUtf16Database)
{
    TempDir dir;
    {
        Db db(dir / "a.db");
        exec(db.handle, "PRAGMA encoding='UTF-16le'");
        exec(db.handle, "CREATE TABLE m(body TEXT, n INTEGER)");
        exec(db.handle, "INSERT INTO m VALUES('grüße 😀', 7)");
    }
    const RecoveryResult res = recoverFile(dir / "a.db");
    bool seen = false;
    for (const auto &r : res.records)
        if (r.table == "m") {
            EXPECT_EQ(r.values[0].bytes, "grüße 😀");
            seen = true;
        }
    EXPECT_TRUE(seen);
}

class SqliteRecordsBadInput : public ::testing::Test {
protected:
    void SetUp() override
    {
        {
            Db db(m_dir / "a.db");
            exec(db.handle, "PRAGMA secure_delete=OFF");
            fillTable(db.handle, 400, 150);
            exec(db.handle, "DELETE FROM t WHERE id > 100 AND id <= 300");
        }
        m_good = readFile(m_dir / "a.db");
    }
    // Recovers, which must end (within the test's timeout) with a value or an error.
    void survive(const Bytes &b, const Bytes &wal = {}, const Bytes &journal = {})
    {
        auto res = recoverSqlite(b, wal, journal);
        if (!res) {
            EXPECT_FALSE(res.error().message.empty());
        }
    }
    TempDir m_dir;
    Bytes m_good;
};

TEST_F(SqliteRecordsBadInput, GarbageAndZerosAreNotSqlite)
{
    std::mt19937 rng(7);
    Bytes garbage(8192);
    for (auto &c : garbage)
        c = static_cast<unsigned char>(rng());
    EXPECT_FALSE(recoverSqlite(garbage));
    EXPECT_FALSE(recoverSqlite(Bytes(8192, 0)));
    EXPECT_FALSE(recoverSqlite(Bytes{}));
    auto res = recoverSqlite(Bytes(m_good.begin(), m_good.begin() + 50));
    ASSERT_FALSE(res);
    EXPECT_EQ(res.error().code, vigil::ErrorCode::Corrupt);
}

TEST_F(SqliteRecordsBadInput, TruncatedGivesPartialResultsAndWarnings)
{
    auto head = recoverSqlite(Bytes(m_good.begin(), m_good.begin() + 100));
    ASSERT_TRUE(head);
    EXPECT_TRUE(head->records.empty());
    EXPECT_FALSE(head->warnings.empty());
    auto half = recoverSqlite(Bytes(m_good.begin(), m_good.begin() + static_cast<long>(m_good.size() / 2)));
    ASSERT_TRUE(half);
    EXPECT_FALSE(half->warnings.empty());
    EXPECT_GT(countSource(*half, "live"), 0u);
    EXPECT_LT(countSource(*half, "live"), 201u);
}

TEST_F(SqliteRecordsBadInput, PageSizeFieldLies)
{
    Bytes b = m_good;
    b[16] = 0x12;
    b[17] = 0x34;   // not a power of two
    auto res = recoverSqlite(b);
    ASSERT_FALSE(res);
    EXPECT_EQ(res.error().code, vigil::ErrorCode::Corrupt);
    b[16] = 0x02;
    b[17] = 0x00;   // 512 instead of the real 4096
    survive(b);
    b[16] = 0x00;
    b[17] = 0x01;   // 65536
    survive(b);
}

TEST_F(SqliteRecordsBadInput, FreelistLoopIsReported)
{
    Bytes b = m_good;
    const std::size_t ps = std::size_t(b[16]) << 8 | b[17];
    const std::uint32_t trunk = std::uint32_t(b[32]) << 24 | b[33] << 16 | b[34] << 8 | b[35];
    ASSERT_GT(trunk, 1u);
    const std::size_t at = (trunk - 1) * ps;
    b[at] = b[32], b[at + 1] = b[33], b[at + 2] = b[34], b[at + 3] = b[35];   // next trunk = itself
    auto res = recoverSqlite(b);
    ASSERT_TRUE(res);
    EXPECT_TRUE(std::any_of(res->warnings.begin(), res->warnings.end(),
                            [](const std::string &w) { return w.find("loop") != std::string::npos; }));
}

TEST_F(SqliteRecordsBadInput, BtreeLoopAndRandomDamageTerminate)
{
    // Point every 4-byte child pointer of the root page back at the root.
    Bytes b = m_good;
    const std::size_t ps = std::size_t(b[16]) << 8 | b[17];
    const std::size_t root = ps;   // page 2 is t's root (first table created)
    ASSERT_EQ(b[root], 0x05);
    for (int k = 0; k < 4; ++k)
        b[root + 8 + static_cast<std::size_t>(k)] = k == 3 ? 2 : 0;   // right-most child = itself
    auto looped = recoverSqlite(b);
    ASSERT_TRUE(looped);
    EXPECT_TRUE(std::any_of(looped->warnings.begin(), looped->warnings.end(),
                            [](const std::string &w) { return w.find("repeated page") != std::string::npos; }));
    std::mt19937 rng(42);
    for (int round = 0; round < 60; ++round) {
        Bytes d = m_good;
        for (int k = 0; k < 40; ++k)
            d[100 + rng() % (d.size() - 100)] = static_cast<unsigned char>(rng());
        survive(d, Bytes(4096, 0xFF), Bytes(3000, 0xD9));
    }
}

TEST_F(SqliteRecordsBadInput, GarbageWalAndJournalAreIgnoredWithWarnings)
{
    Bytes wal(32 + 3 * (24 + 4096), 0);
    wal[0] = 0x37, wal[1] = 0x7f, wal[2] = 0x06, wal[3] = 0x82;
    wal[10] = 0x10;   // page size 4096
    auto res = recoverSqlite(m_good, wal, Bytes(100, 0x41));
    ASSERT_TRUE(res);
    EXPECT_FALSE(res->warnings.empty());
    EXPECT_EQ(countSource(*res, "live"), 201u);
}
