// SPDX-License-Identifier: GPL-3.0-or-later
// Corrupt and hostile databases: loops in page pointers, bad cell offsets, huge declared sizes,
// truncation and random bytes behind a valid header. Recovery must end (within the test's
// normal timeout; nothing here measures time) with a result and warnings, or an error, and
// never crash, hang or allocate without bound. Each database is first made by SQLite, then
// damaged at a structure found by reading the file format.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <random>
#include <string>
#include <vector>

#include <unistd.h>

#include "plugins/carvers/sqliterecords/sqliterecords.h"
#include "plugins/carvers/sqliterecords/wal.h"

namespace fs = std::filesystem;
using vigil::recovery::RecoveryResult;
using vigil::recovery::recoverSqlite;
using Bytes = std::vector<unsigned char>;

namespace {

std::uint32_t get16(const Bytes &b, std::size_t at) { return std::uint32_t(b[at]) << 8 | b[at + 1]; }
std::uint32_t get32(const Bytes &b, std::size_t at) { return get16(b, at) << 16 | get16(b, at + 2); }
void put16(Bytes &b, std::size_t at, std::uint32_t v)
{
    b[at] = static_cast<unsigned char>(v >> 8);
    b[at + 1] = static_cast<unsigned char>(v);
}
void put32(Bytes &b, std::size_t at, std::uint32_t v)
{
    put16(b, at, v >> 16);
    put16(b, at + 2, v & 0xffff);
}

// A database made by SQLite: `sql` run on a fresh file with the given page size.
Bytes makeDatabase(int pageSize, const std::string &sql)
{
    const fs::path path = fs::temp_directory_path() / ("vigil-hostile-" + std::to_string(::getpid()) + ".db");
    fs::remove(path);
    sqlite3 *db = nullptr;
    sqlite3_open(path.c_str(), &db);
    const std::string all = "PRAGMA page_size=" + std::to_string(pageSize) +
                            "; PRAGMA secure_delete=OFF; PRAGMA auto_vacuum=NONE;" + sql;
    char *err = nullptr;
    EXPECT_EQ(sqlite3_exec(db, all.c_str(), nullptr, nullptr, &err), SQLITE_OK) << (err ? err : "");
    sqlite3_free(err);
    sqlite3_close(db);
    std::ifstream in(path, std::ios::binary);
    Bytes bytes((std::istreambuf_iterator<char>(in)), {});
    fs::remove(path);
    return bytes;
}

// `rows` rows of t(id INTEGER PRIMARY KEY, body TEXT, n INTEGER) with `len`-byte texts.
std::string rowsSql(int rows, int len)
{
    return "CREATE TABLE t(id INTEGER PRIMARY KEY, body TEXT, n INTEGER);"
           "WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c WHERE i < " + std::to_string(rows) +
           ") INSERT INTO t SELECT i, printf('%0" + std::to_string(len) + "d', i), i * 7 FROM c;";
}

// The file format, read just enough to find what to damage.
struct Layout {
    const Bytes &b;
    std::size_t pageSize() const { return get16(b, 16) == 1 ? 65536 : get16(b, 16); }
    std::size_t page(std::uint32_t pgno) const { return (pgno - 1) * pageSize(); }
    std::size_t header(std::uint32_t pgno) const { return page(pgno) + (pgno == 1 ? 100 : 0); }
    unsigned char type(std::uint32_t pgno) const { return b[header(pgno)]; }
    unsigned cells(std::uint32_t pgno) const { return get16(b, header(pgno) + 3); }
    std::size_t pointerArray(std::uint32_t pgno) const { return header(pgno) + (type(pgno) == 0x05 ? 12 : 8); }
    std::size_t cell(std::uint32_t pgno, unsigned i) const { return page(pgno) + get16(b, pointerArray(pgno) + 2 * i); }
    std::uint32_t child(std::uint32_t pgno, unsigned i) const { return get32(b, cell(pgno, i)); }
    std::uint32_t rightChild(std::uint32_t pgno) const { return get32(b, header(pgno) + 8); }
    // The leftmost leaf under `pgno`.
    std::uint32_t firstLeaf(std::uint32_t pgno) const
    {
        while (type(pgno) == 0x05)
            pgno = child(pgno, 0);
        return pgno;
    }
};

std::size_t countSource(const RecoveryResult &r, const std::string &source)
{
    return static_cast<std::size_t>(
        std::count_if(r.records.begin(), r.records.end(), [&](const auto &x) { return x.source == source; }));
}

bool warned(const RecoveryResult &r, const std::string &part)
{
    return std::any_of(r.warnings.begin(), r.warnings.end(),
                       [&](const std::string &w) { return w.find(part) != std::string::npos; });
}

// Recovery ends with a result (damage inside a database is never fatal).
RecoveryResult recovered(const Bytes &db, const Bytes &wal = {}, const Bytes &journal = {})
{
    auto r = recoverSqlite(db, wal, journal);
    EXPECT_TRUE(r) << (r ? "" : r.error().toString());
    return r ? *r : RecoveryResult{};
}

} // namespace

TEST(SqliteHostile, OverflowChainLoopEnds)
{
    // Rows of 3,000 bytes on 1 KiB pages: each spills into a chain of three overflow pages.
    Bytes b = makeDatabase(1024, rowsSql(4, 3000));
    const Layout l{b};
    const std::uint32_t leaf = l.firstLeaf(2);
    ASSERT_EQ(l.type(leaf), 0x0D);
    // The cell: payload varint (2 bytes), rowid (1), the local part, then the first overflow page.
    const std::size_t cell = l.cell(leaf, 0);
    const std::size_t payload = (get16(b, cell) & 0x7f00) >> 1 | (b[cell + 1] & 0x7f);
    const std::size_t usable = 1024, maxLocal = usable - 35, minLocal = (usable - 12) * 32 / 255 - 23;
    ASSERT_GT(payload, maxLocal);
    std::size_t local = minLocal + (payload - minLocal) % (usable - 4);
    local = local <= maxLocal ? local : minLocal;
    const std::uint32_t first = get32(b, cell + 3 + local);
    ASSERT_GT(first, 2u);
    put32(b, l.page(first), first);   // the first overflow page's next page is itself
    const RecoveryResult r = recovered(b);
    EXPECT_TRUE(warned(r, "overflow chain")) << "no warning";
    EXPECT_EQ(countSource(r, "live"), 1u + 3u);   // sqlite_master and the three intact rows
}

TEST(SqliteHostile, ChildPointingAtItsParentEnds)
{
    // 3,000 rows on 1 KiB pages: a three-level b-tree (root, interior pages, leaves).
    Bytes b = makeDatabase(1024, rowsSql(3000, 60));
    const Layout l{b};
    ASSERT_EQ(l.type(2), 0x05);
    const std::uint32_t middle = l.child(2, 0);
    ASSERT_EQ(l.type(middle), 0x05) << "the tree is not three levels deep";
    put32(b, l.cell(middle, 0), 2);               // a child pointer back to the root
    put32(b, l.header(middle) + 8, middle);       // and the right child to itself
    const RecoveryResult r = recovered(b);
    EXPECT_TRUE(warned(r, "repeated page"));
    EXPECT_GT(countSource(r, "live"), 1000u);
    EXPECT_LT(countSource(r, "live"), 3001u);
}

TEST(SqliteHostile, FreelistTrunkCycleThroughAnotherTrunkEnds)
{
    // A large delete leaves a freelist; its first trunk's next trunk becomes one of its own leaves,
    // whose own "next trunk" points back at the first trunk.
    Bytes b = makeDatabase(1024, rowsSql(2000, 60) + "DELETE FROM t WHERE id > 200;");
    const Layout l{b};
    const std::uint32_t trunk = get32(b, 32);
    ASSERT_GT(trunk, 1u);
    ASSERT_GT(get32(b, l.page(trunk) + 4), 0u);
    const std::uint32_t leaf = get32(b, l.page(trunk) + 8);
    put32(b, l.page(trunk), leaf);
    put32(b, l.page(leaf), trunk);
    put32(b, l.page(leaf) + 4, 0xFFFFFFFF);   // and a leaf count no page can hold
    const RecoveryResult r = recovered(b);
    EXPECT_TRUE(warned(r, "freelist"));
    EXPECT_EQ(countSource(r, "live"), 201u);
}

TEST(SqliteHostile, BadCellOffsetsAreSkipped)
{
    Bytes b = makeDatabase(1024, rowsSql(300, 60));
    const Layout l{b};
    const std::uint32_t leaf = l.firstLeaf(2);
    const unsigned n = l.cells(leaf);
    ASSERT_GE(n, 4u);
    put16(b, l.pointerArray(leaf), 0xFFFF);       // beyond the page
    put16(b, l.pointerArray(leaf) + 2, 0x0003);   // inside the page header
    put16(b, l.pointerArray(leaf) + 4, 1023);     // the page's last byte
    const RecoveryResult r = recovered(b);
    EXPECT_TRUE(warned(r, "cell")) << "no warning";
    EXPECT_EQ(countSource(r, "live"), 1u + 300u - 3u);
}

TEST(SqliteHostile, HugeDeclaredSizesAreRefusedNotAllocated)
{
    Bytes b = makeDatabase(1024, rowsSql(300, 60) + "DELETE FROM t WHERE id % 10 = 0;");
    const Layout l{b};
    put32(b, 28, 0x80000000);           // page count 2^31
    put32(b, 92, get32(b, 24));         // ... declared valid for this change counter
    const std::uint32_t leaf = l.firstLeaf(2);
    const std::size_t c0 = l.cell(leaf, 0), c1 = l.cell(leaf, 1), c2 = l.cell(leaf, 2);
    for (std::size_t i = 0; i < 8; ++i)
        b[c0 + i] = 0xFF;               // payload size: a 9-byte varint of about 2^64
    b[c0 + 8] = 0x01;
    b[c1] = 0xC0;                       // payload size 2^62 in a 9-byte varint
    std::fill(b.begin() + static_cast<long>(c1) + 1, b.begin() + static_cast<long>(c1) + 9, 0x80);
    b[c2 + 2] = 0xFF;                   // record header size beyond the page
    b[c2 + 3] = 0xFF;
    b[c2 + 4] = 0x7F;
    const std::size_t h = l.header(leaf);
    if (get16(b, h + 1) != 0)
        put16(b, l.page(leaf) + get16(b, h + 1) + 2, 0xFFFF);   // a freeblock of 64 KiB
    const RecoveryResult r = recovered(b);
    EXPECT_TRUE(warned(r, "declares 2147483648 pages"));
    EXPECT_TRUE(warned(r, "undecodable cell") || warned(r, "bad cell"));
    EXPECT_GT(countSource(r, "live"), 200u);
}

TEST(SqliteHostile, ForgedWalWithHugePageNumbersEnds)
{
    Bytes db = makeDatabase(1024, rowsSql(50, 60));
    // A WAL with a valid header and checksum chain whose one frame is page 2^31 and declares
    // a database of 2^32 - 1 pages.
    Bytes wal(32 + 24 + 1024, 0x5A);
    put32(wal, 0, 0x377f0682);
    put32(wal, 4, 3007000);
    put32(wal, 8, 1024);
    put32(wal, 12, 0);
    put32(wal, 16, 0x11111111);
    put32(wal, 20, 0x22222222);
    std::uint32_t s0 = 0, s1 = 0;
    vigil::recovery::detail::walChecksum(std::span(wal).subspan(0, 24), false, s0, s1);
    put32(wal, 24, s0);
    put32(wal, 28, s1);
    put32(wal, 32, 0x80000000);
    put32(wal, 36, 0xFFFFFFFF);
    put32(wal, 40, 0x11111111);
    put32(wal, 44, 0x22222222);
    vigil::recovery::detail::walChecksum(std::span(wal).subspan(32, 8), false, s0, s1);
    vigil::recovery::detail::walChecksum(std::span(wal).subspan(56, 1024), false, s0, s1);
    put32(wal, 48, s0);
    put32(wal, 52, s1);
    const RecoveryResult r = recovered(db, wal);
    EXPECT_EQ(countSource(r, "live"), 51u);   // the frame is applied but replaces no page in use
    // A journal naming page 2^31 - 1 and a truncated record.
    Bytes journal(512 + 4 + 1024 + 4 + 100, 0x33);
    const unsigned char magic[8] = {0xd9, 0xd5, 0x05, 0xf9, 0x20, 0xa1, 0x63, 0xd7};
    std::copy(std::begin(magic), std::end(magic), journal.begin());
    put32(journal, 20, 512);
    put32(journal, 24, 1024);
    put32(journal, 512, 0x7FFFFFFF);
    (void)recovered(db, wal, journal);
}

TEST(SqliteHostile, TruncatedFilesGivePartialResults)
{
    const Bytes b = makeDatabase(1024, rowsSql(500, 60) + "DELETE FROM t WHERE id % 7 = 0;");
    for (std::size_t cut : {std::size_t(100), std::size_t(1023), std::size_t(1025), b.size() / 3, b.size() - 1}) {
        const RecoveryResult r = recovered(Bytes(b.begin(), b.begin() + static_cast<long>(cut)));
        EXPECT_FALSE(r.warnings.empty()) << "cut at " << cut;
        EXPECT_LE(countSource(r, "live"), 1u + 500u - 71u) << "cut at " << cut;
    }
}

TEST(SqliteHostile, RandomBytesBehindAValidHeaderEnd)
{
    // A schema of 150 tables (like a chat app's) on page 1 of 4 KiB and 64 KiB databases, and
    // random bytes on every other page: every byte of them is tried as a freed or intact cell.
    std::string schema;
    for (int i = 0; i < 150; ++i)
        schema += "CREATE TABLE t" + std::to_string(i) + "(id INTEGER PRIMARY KEY, a TEXT, b INTEGER, c REAL, d BLOB);";
    for (int pageSize : {4096, 65536}) {
        const Bytes clean = makeDatabase(pageSize, schema);
        std::mt19937 rng(static_cast<unsigned>(pageSize));
        for (int round = 0; round < 3; ++round) {
            Bytes b = clean;
            b.resize(static_cast<std::size_t>(pageSize) * 40);
            for (std::size_t i = static_cast<std::size_t>(pageSize) * (round == 0 ? 1 : 3); i < b.size(); ++i)
                b[i] = static_cast<unsigned char>(rng());
            const RecoveryResult r = recovered(b, b, b);   // the same bytes as a WAL and a journal
            if (pageSize == 65536) {   // the whole schema is on page 1 (at 4 KiB it spans random pages)
                EXPECT_GE(countSource(r, "live"), 150u);
            }
            EXPECT_FALSE(r.warnings.empty());
        }
        // Only the 100-byte header is real.
        Bytes b(static_cast<std::size_t>(pageSize) * 8);
        for (auto &c : b)
            c = static_cast<unsigned char>(rng());
        std::copy(clean.begin(), clean.begin() + 100, b.begin());
        (void)recovered(b);
    }
}
