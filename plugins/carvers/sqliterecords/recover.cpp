// SPDX-License-Identifier: GPL-3.0-or-later
#include "plugins/carvers/sqliterecords/sqliterecords.h"

#include <algorithm>
#include <bit>
#include <cstdio>
#include <cstring>
#include <map>
#include <new>
#include <set>

#include "plugins/carvers/sqliterecords/pagecarver.h"
#include "plugins/carvers/sqliterecords/wal.h"

namespace vigil::recovery {

using namespace detail;

namespace {

constexpr unsigned char kJournalMagic[8] = {0xd9, 0xd5, 0x05, 0xf9, 0x20, 0xa1, 0x63, 0xd7};

bool validPageSize(std::size_t ps)
{
    return ps >= 512 && ps <= 65536 && (ps & (ps - 1)) == 0;
}

std::string valueKey(const std::vector<RecoveredValue> &values)
{
    std::string key;
    for (const auto &v : values) {
        key += static_cast<char>('0' + v.kind);
        if (v.kind == RecoveredValue::Integer)
            key += std::to_string(v.i);
        else if (v.kind == RecoveredValue::Real)
            key += std::to_string(std::bit_cast<std::uint64_t>(v.r));
        else
            key += std::to_string(v.bytes.size()) + ":" + v.bytes;
        key += '\x1f';
    }
    return key;
}

// A 64-bit digest (FNV-1a) of a record's table and values, over what valueKey() writes: live
// rows are remembered by it alone.
std::uint64_t recordDigest(const std::string &table, const std::vector<RecoveredValue> &values)
{
    std::uint64_t h = 0xcbf29ce484222325ull;
    auto mix = [&h](const void *data, std::size_t n) {
        for (std::size_t i = 0; i < n; ++i) {
            h ^= static_cast<const unsigned char *>(data)[i];
            h *= 0x100000001b3ull;
        }
    };
    mix(table.data(), table.size());
    for (const auto &v : values) {
        const auto kind = static_cast<unsigned char>(v.kind);
        mix(&kind, 1);
        if (v.kind == RecoveredValue::Integer)
            mix(&v.i, sizeof v.i);
        else if (v.kind == RecoveredValue::Real)
            mix(&v.r, sizeof v.r);
        else {
            const std::uint64_t size = v.bytes.size();
            mix(&size, sizeof size);
            mix(v.bytes.data(), v.bytes.size());
        }
    }
    return h;
}

class Recovery final : public PageSource
{
public:
    Recovery(Bytes db, Bytes wal, Bytes journal, const RecoveryOptions &options)
        : m_db(db), m_wal(wal), m_journal(journal), m_options(options)
    {
    }
    Result<RecoveryResult> run();
    Bytes pageData(std::uint32_t pgno) const override { return page(pgno).data; }
    std::uint32_t pageCount() const override { return m_pageCount; }

private:
    Result<void> readHeader();
    void readWal();
    PageView page(std::uint32_t pgno) const;
    PageView dbPage(std::uint32_t pgno) const;
    void readSchema();
    // What a walk of a table's b-tree does with each page: read its cells, carve its free space, or both.
    enum class Walk { Live, Carve, Both };
    void walkTable(std::size_t table, Walk walk);
    void leafCellsLive(const PageView &p, const LeafHeader &h, std::size_t table, std::uint32_t pgno);
    std::optional<std::vector<unsigned char>> payload(const PageView &p, std::size_t pos, std::uint64_t size,
                                                      std::size_t &local, std::size_t start);
    void freelist();
    void scanForeignPage(const PageView &p, std::uint32_t pgno, const std::string &source);
    void walFrames();
    void supersededPages();
    void journalPages();
    void deduplicate();
    void carveOtherPages();
    void scanInteriorGap(const PageView &p, int table);
    bool addDroppedTables();
    void warn(std::string w) { m_result.warnings.push_back(std::move(w)); }

    Bytes m_db, m_wal, m_journal;
    RecoveryOptions m_options;
    std::size_t m_pageSize = 0;
    std::size_t m_usable = 0;
    std::uint32_t m_pageCount = 0;
    Encoding m_enc = Encoding::Utf8;
    std::map<std::uint32_t, std::size_t> m_walLatest;   // page -> offset of its data in the WAL
    std::vector<TableInfo> m_tables;
    std::map<std::uint32_t, int> m_owner;
    std::vector<RecoveredRecord> m_live;          // sqlite_master always; every table with includeLive
    std::vector<std::uint64_t> m_liveDigests;     // recordDigest of every live record
    std::vector<RecoveredRecord> m_found;
    RecoveryResult m_result;
};

Result<void> Recovery::readHeader()
{
    if (m_db.size() < 100 || std::memcmp(m_db.data(), "SQLite format 3", 16) != 0)
        return fail(ErrorCode::Corrupt, "not a SQLite 3 database", "missing 'SQLite format 3' header");
    std::size_t ps = be16(m_db, 16);
    ps = ps == 1 ? 65536 : ps;
    if (!validPageSize(ps))
        return fail(ErrorCode::Corrupt, "the database header has an invalid page size", std::to_string(ps));
    const std::size_t reserved = m_db[20];
    if (ps - reserved < 480)
        return fail(ErrorCode::Corrupt, "the database header has an invalid reserved-space size");
    m_pageSize = ps;
    m_usable = ps - reserved;
    const unsigned enc = be32(m_db, 56);
    m_enc = enc == 2 ? Encoding::Utf16le : enc == 3 ? Encoding::Utf16be : Encoding::Utf8;
    m_pageCount = static_cast<std::uint32_t>(m_db.size() / ps);
    if (m_db.size() % ps)
        warn("the database file is not a whole number of pages (truncated?)");
    if (be32(m_db, 24) == be32(m_db, 92) && be32(m_db, 28) > m_pageCount)
        warn("the header declares " + std::to_string(be32(m_db, 28)) + " pages, the file holds " +
             std::to_string(m_pageCount));
    return {};
}

void Recovery::readWal()
{
    if (m_wal.empty())
        return;
    WalIndex index = readWalIndex(m_wal, m_pageSize);
    for (auto &w : index.warnings)
        warn(std::move(w));
    if (!index.valid) {
        m_wal = {};
        return;
    }
    m_walLatest = std::move(index.latest);
    if (index.pageCount)
        m_pageCount = *index.pageCount;
}

PageView Recovery::page(std::uint32_t pgno) const
{
    if (auto it = m_walLatest.find(pgno); it != m_walLatest.end()) {
        PageView v;
        v.headerOffset = pgno == 1 ? 100 : 0;
        v.data = m_wal.subspan(it->second, m_pageSize);
        v.fileOffset = it->second;
        v.file = "wal";
        return v;
    }
    return dbPage(pgno);
}

// The page as the database file holds it, whatever the WAL says.
PageView Recovery::dbPage(std::uint32_t pgno) const
{
    PageView v;
    v.headerOffset = pgno == 1 ? 100 : 0;
    const std::uint64_t off = std::uint64_t(pgno - 1) * m_pageSize;
    if (pgno == 0 || off >= m_db.size())
        return v;
    v.data = m_db.subspan(static_cast<std::size_t>(off), std::min<std::size_t>(m_pageSize, m_db.size() - off));
    v.fileOffset = off;
    v.file = "db";
    return v;
}

// The payload of a table-leaf cell, following its overflow chain.
std::optional<std::vector<unsigned char>> Recovery::payload(const PageView &p, std::size_t pos, std::uint64_t size,
                                                            std::size_t &local, std::size_t start)
{
    local = localPayload(size, m_usable);
    const std::size_t limit = std::min(m_usable, p.data.size());
    if (start + local + (local < size ? 4 : 0) > limit)
        return std::nullopt;
    if (local == size)
        return std::vector<unsigned char>(p.data.begin() + static_cast<std::ptrdiff_t>(start),
                                          p.data.begin() + static_cast<std::ptrdiff_t>(start + local));
    auto out = followOverflow(*this, p.data.subspan(start, local), size, be32(p.data, start + local), m_usable);
    if (!out)
        warn("broken overflow chain for the cell at offset " + std::to_string(p.fileOffset + pos) + " of " + p.file);
    return out;
}

void Recovery::leafCellsLive(const PageView &p, const LeafHeader &h, std::size_t table, std::uint32_t pgno)
{
    m_owner[pgno] = static_cast<int>(table);
    const std::size_t limit = std::min(m_usable, p.data.size());
    for (unsigned i = 0; i < h.cells; ++i) {
        const std::size_t at = be16(p.data, p.headerOffset + 8 + 2 * i);
        auto size = readVarint(p.data, at, limit);
        auto rowid = size ? readVarint(p.data, at + size->length, limit) : std::nullopt;
        if (at < h.pointerEnd || !rowid) {
            warn("bad cell pointer on page " + std::to_string(pgno));
            continue;
        }
        // The record in place on the page, or assembled from its overflow chain.
        const std::size_t start = at + size->length + rowid->length;
        Bytes record;
        std::optional<std::vector<unsigned char>> spilled;
        if (size->value <= maxLocal(m_usable) && start + size->value <= limit) {
            record = p.data.subspan(start, static_cast<std::size_t>(size->value));
        } else if (size->value > maxLocal(m_usable)) {
            std::size_t local = 0;
            spilled = payload(p, at, size->value, local, start);
            record = spilled ? Bytes(*spilled) : Bytes();
        }
        auto hdr = record.empty() ? std::nullopt : parseHeader(record, 0, record.size());
        if (!hdr || hdr->headerSize + hdr->bodySize != record.size()) {
            warn("undecodable cell at offset " + std::to_string(p.fileOffset + at) + " of " + p.file);
            continue;
        }
        RecoveredRecord r{m_tables[table].name, static_cast<std::int64_t>(rowid->value),
                          decodeBody(record, hdr->headerSize, hdr->types, m_enc), p.fileOffset + at, "live", p.file};
        m_liveDigests.push_back(recordDigest(r.table, r.values));
        if (m_options.includeLive || table == 0)
            m_live.push_back(std::move(r));
    }
}

// An interior page that was once a leaf (a root before its first split) keeps old cells
// between its cell pointer array and its content area.
void Recovery::scanInteriorGap(const PageView &p, int table)
{
    const std::size_t h = p.headerOffset;
    const std::size_t start = h + 12 + 2 * std::size_t(be16(p.data, h + 3));
    std::size_t content = be16(p.data, h + 5);
    content = content == 0 ? 65536 : content;
    if (start < content) {
        PageCarver carver(m_tables, m_enc, m_usable, m_found, m_result.warnings, this);
        carver.scan(p, start, content, "unallocated", table);
    }
}

void Recovery::walkTable(std::size_t table, Walk walk)
{
    std::vector<std::uint32_t> stack{m_tables[table].rootPage};
    std::set<std::uint32_t> seen;
    PageCarver carver(m_tables, m_enc, m_usable, m_found, m_result.warnings, this);
    while (!stack.empty()) {
        const std::uint32_t pgno = stack.back();
        stack.pop_back();
        if (pgno == 0 || pgno > m_pageCount || !seen.insert(pgno).second) {
            warn("table " + m_tables[table].name + ": bad or repeated page number " + std::to_string(pgno));
            continue;
        }
        const PageView p = page(pgno);
        const std::size_t h = p.headerOffset;
        if (p.data.size() < h + 12) {
            warn("page " + std::to_string(pgno) + " is missing (truncated file)");
            continue;
        }
        if (p.data[h] == 0x05) {
            const unsigned n = be16(p.data, h + 3);
            for (unsigned i = 0; i < n && h + 12 + 2 * i + 2 <= p.data.size(); ++i)
                stack.push_back(be32(p.data, be16(p.data, h + 12 + 2 * i)));
            stack.push_back(be32(p.data, h + 8));
            if (walk != Walk::Live)
                scanInteriorGap(p, static_cast<int>(table));
        } else if (auto lh = leafHeader(p, m_usable)) {
            if (walk != Walk::Carve)
                leafCellsLive(p, *lh, table, pgno);
            if (walk != Walk::Live)
                carver.freeSpace(p, *lh, "freeblock", "unallocated", static_cast<int>(table));
        } else {
            warn("table " + m_tables[table].name + ": page " + std::to_string(pgno) + " is not a table b-tree page");
        }
    }
}

void Recovery::readSchema()
{
    m_tables.push_back(*parseCreateTable("sqlite_master", 1,
                                         "CREATE TABLE sqlite_master(type text, name text, tbl_name text, "
                                         "rootpage integer, sql text)"));
    walkTable(0, Walk::Live);
    for (const auto &r : m_live) {
        if (r.values.size() < 5 || r.values[0].bytes != "table" || r.values[3].kind != RecoveredValue::Integer)
            continue;
        const auto root = r.values[3].i;
        if (root <= 0 || root > m_pageCount)
            continue;
        if (auto t = parseCreateTable(r.values[1].bytes, static_cast<std::uint32_t>(root), r.values[4].bytes))
            m_tables.push_back(std::move(*t));
    }
}

void Recovery::scanForeignPage(const PageView &p, std::uint32_t pgno, const std::string &source)
{
    PageCarver carver(m_tables, m_enc, m_usable, m_found, m_result.warnings, this);
    const auto it = m_owner.find(pgno);
    const int owner = pgno == 1 ? 0 : it != m_owner.end() ? it->second : -1;
    if (auto lh = leafHeader(p, m_usable)) {
        carver.cells(p, *lh, source, owner);
        carver.freeSpace(p, *lh, source, source, owner);
    } else if (p.data.size() > p.headerOffset && p.data[p.headerOffset] != 0x05 && p.data[p.headerOffset] != 0x02 &&
               p.data[p.headerOffset] != 0x0A) {
        carver.scan(p, 0, p.data.size(), source, owner);
    }
}

void Recovery::freelist()
{
    std::uint32_t trunk = be32(page(1).data, 32);
    std::set<std::uint32_t> seen;
    PageCarver carver(m_tables, m_enc, m_usable, m_found, m_result.warnings, this);
    while (trunk != 0) {
        if (trunk > m_pageCount || !seen.insert(trunk).second) {
            warn("freelist: bad or repeated trunk page " + std::to_string(trunk) + " (loop?)");
            return;
        }
        const PageView t = page(trunk);
        if (t.data.size() < 8)
            return;
        const std::size_t leaves = std::min<std::size_t>(be32(t.data, 4), (m_usable - 8) / 4);
        carver.scan(t, 8 + 4 * leaves, t.data.size(), "freelist", -1);
        for (std::size_t i = 0; i < leaves; ++i) {
            const std::uint32_t leaf = be32(t.data, 8 + 4 * i);
            if (leaf == 0 || leaf > m_pageCount || !seen.insert(leaf).second) {
                warn("freelist: bad or repeated leaf page " + std::to_string(leaf));
                continue;
            }
            scanForeignPage(page(leaf), leaf, "freelist");
        }
        trunk = be32(t.data, 0);
    }
}

void Recovery::walFrames()
{
    const std::size_t frame = 24 + m_pageSize;
    for (std::size_t off = 32; off + frame <= m_wal.size(); off += frame) {
        const std::uint32_t pgno = be32(m_wal, off);
        if (pgno == 0)
            continue;
        PageView p{m_wal.subspan(off + 24, m_pageSize), pgno == 1 ? 100u : 0u, off + 24, "wal"};
        scanForeignPage(p, pgno, "wal");
    }
}

// Pages the WAL replaces keep their older version in the database file: rows deleted or
// changed since the last checkpoint.
void Recovery::supersededPages()
{
    for (const auto &[pgno, at] : m_walLatest) {
        const PageView p = dbPage(pgno);
        if (!p.data.empty())
            scanForeignPage(p, pgno, "superseded");
    }
}

void Recovery::journalPages()
{
    // A hot journal that has not been synced yet has its magic (and record count) zeroed.
    static constexpr unsigned char kZero[12] = {};
    const bool unsynced = m_journal.size() >= 28 && std::memcmp(m_journal.data(), kZero, 12) == 0 &&
                          validPageSize(be32(m_journal, 20)) && be32(m_journal, 24) == m_pageSize;
    if (!unsynced && (m_journal.size() < 28 || std::memcmp(m_journal.data(), kJournalMagic, 8) != 0)) {
        if (!m_journal.empty())
            warn("the journal file has no rollback-journal header; ignored");
        return;
    }
    std::size_t sector = be32(m_journal, 20);
    if (!validPageSize(sector))
        sector = 512;
    std::size_t ps = be32(m_journal, 24);
    if (ps != m_pageSize) {
        if (ps != 0)
            warn("the journal's page size differs from the database's; using the database's");
        ps = m_pageSize;
    }
    for (std::size_t off = sector; off + ps + 8 <= m_journal.size(); off += ps + 8) {
        const std::uint32_t pgno = be32(m_journal, off);
        if (pgno == 0 || pgno > (1u << 31))
            continue;
        PageView p{m_journal.subspan(off + 4, ps), pgno == 1 ? 100u : 0u, off + 4, "journal"};
        scanForeignPage(p, pgno, "journal");
    }
}

void Recovery::deduplicate()
{
    std::sort(m_liveDigests.begin(), m_liveDigests.end());
    // A copy without rowid (carved from a freeblock) adds nothing to a copy with one.
    std::set<std::string> withRowid;
    for (const auto &r : m_found)
        if (r.rowid)
            withRowid.insert(r.table + '\x1e' + valueKey(r.values));
    std::set<std::string> reported;
    for (auto &r : m_found) {
        const std::string values = r.table + '\x1e' + valueKey(r.values);
        if (std::binary_search(m_liveDigests.begin(), m_liveDigests.end(), recordDigest(r.table, r.values)) ||
            (!r.rowid && withRowid.count(values)))
            continue;
        const std::string key = r.table + '\x1e' + (r.rowid ? std::to_string(*r.rowid) : "-") + '\x1e' +
                                valueKey(r.values);
        if (reported.insert(key).second)
            m_result.records.push_back(std::move(r));
    }
}

// Pages no live table owns now: the freelist, WAL frames, the database file's versions of pages
// the WAL replaces, and journal pages.
void Recovery::carveOtherPages()
{
    freelist();
    walFrames();
    supersededPages();
    journalPages();
}

bool Recovery::addDroppedTables()
{
    std::set<std::string> known;
    for (const auto &t : m_tables)
        known.insert(t.name);
    bool added = false;
    for (const auto &r : m_found) {
        if (r.table != "sqlite_master" || r.values.size() < 5 || r.values[0].bytes != "table" ||
            r.values[4].kind != RecoveredValue::Text || known.count(r.values[1].bytes))
            continue;
        if (auto t = parseCreateTable(r.values[1].bytes, 0, r.values[4].bytes)) {
            known.insert(t->name);
            m_tables.push_back(std::move(*t));
            added = true;
        }
    }
    return added;
}

Result<RecoveryResult> Recovery::run()
{
    if (auto ok = readHeader(); !ok)
        return std::unexpected(ok.error());
    readWal();
    readSchema();
    // One pass over each table's pages reads its rows and carves its free space (the schema,
    // which attribution needs, is known by then); sqlite_master's free space is carved after.
    for (std::size_t t = 1; t < m_tables.size(); ++t)
        walkTable(t, Walk::Both);
    walkTable(0, Walk::Carve);
    carveOtherPages();
    // Schemas of dropped tables recovered from sqlite_master let their rows be attributed: the
    // carving is done again (its warnings would only repeat the first pass's).
    if (addDroppedTables()) {
        const std::size_t warnings = m_result.warnings.size();
        m_found.clear();
        for (std::size_t t = 0; t < m_tables.size(); ++t)
            if (m_tables[t].rootPage != 0)
                walkTable(t, Walk::Carve);
        carveOtherPages();
        m_result.warnings.resize(warnings);
    }
    m_result.liveRecords = m_liveDigests.size();
    if (m_options.includeLive)
        m_result.records = m_live;
    deduplicate();
    return std::move(m_result);
}

} // namespace

Result<RecoveryResult> recoverSqlite(std::span<const unsigned char> db, std::span<const unsigned char> wal,
                                     std::span<const unsigned char> journal, const RecoveryOptions &options)
{
    try {
        return Recovery(db, wal, journal, options).run();
    } catch (const std::bad_alloc &) {
        return fail(ErrorCode::Internal, "out of memory while recovering SQLite records");
    } catch (const std::exception &e) {
        return fail(ErrorCode::Internal, "SQLite record recovery failed", e.what());
    }
}

std::string toDisplay(const RecoveredValue &v)
{
    switch (v.kind) {
    case RecoveredValue::Null: return "NULL";
    case RecoveredValue::Integer: return std::to_string(v.i);
    case RecoveredValue::Real: {
        char buf[40];
        std::snprintf(buf, sizeof buf, "%.17g", v.r);
        return buf;
    }
    case RecoveredValue::Text: return "'" + v.bytes + "'";
    case RecoveredValue::Blob: {
        std::string out = "x'";
        static constexpr char kHex[] = "0123456789abcdef";
        for (unsigned char c : v.bytes) {
            out += kHex[c >> 4];
            out += kHex[c & 15];
        }
        return out + "'";
    }
    }
    return {};
}

} // namespace vigil::recovery
