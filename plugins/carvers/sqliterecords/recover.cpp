// SPDX-License-Identifier: GPL-3.0-or-later
#include "plugins/carvers/sqliterecords/sqliterecords.h"

#include <bit>
#include <cstdio>
#include <cstring>
#include <map>
#include <new>
#include <set>

#include "plugins/carvers/sqliterecords/pagecarver.h"

namespace vigil::recovery {

using namespace detail;

namespace {

constexpr std::uint32_t kWalMagic = 0x377f0682;
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

class Recovery {
public:
    Recovery(Bytes db, Bytes wal, Bytes journal) : m_db(db), m_wal(wal), m_journal(journal) {}
    Result<RecoveryResult> run();

private:
    Result<void> readHeader();
    void readWalIndex();
    PageView page(std::uint32_t pgno) const;
    void readSchema();
    void walkTable(std::size_t table, bool emitLive);
    void leafCellsLive(const PageView &p, const LeafHeader &h, std::size_t table, std::uint32_t pgno);
    std::optional<std::vector<unsigned char>> payload(const PageView &p, std::size_t pos, std::uint64_t size,
                                                      std::size_t &local, std::size_t start);
    void freelist();
    void scanForeignPage(const PageView &p, std::uint32_t pgno, const std::string &source);
    void walFrames();
    void journalPages();
    void deduplicate();
    void recoverAll();
    void scanInteriorGap(const PageView &p, int table);
    bool addDroppedTables();
    void warn(std::string w) { m_result.warnings.push_back(std::move(w)); }

    Bytes m_db, m_wal, m_journal;
    std::size_t m_pageSize = 0;
    std::size_t m_usable = 0;
    std::uint32_t m_pageCount = 0;
    Encoding m_enc = Encoding::Utf8;
    std::map<std::uint32_t, std::size_t> m_walLatest;   // page -> offset of its data in the WAL
    std::vector<TableInfo> m_tables;
    std::map<std::uint32_t, int> m_owner;
    std::vector<RecoveredRecord> m_live;
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

void Recovery::readWalIndex()
{
    if (m_wal.empty())
        return;
    if (m_wal.size() < 32 || (be32(m_wal, 0) & ~1u) != kWalMagic || be32(m_wal, 8) != m_pageSize) {
        warn("the WAL file is not a WAL for this database (bad magic or page size); ignored");
        m_wal = {};
        return;
    }
    const std::uint32_t salt1 = be32(m_wal, 16), salt2 = be32(m_wal, 20);
    std::map<std::uint32_t, std::size_t> pending;
    for (std::size_t off = 32; off + 24 + m_pageSize <= m_wal.size(); off += 24 + m_pageSize) {
        if (be32(m_wal, off + 8) != salt1 || be32(m_wal, off + 12) != salt2)
            break;   // the rest belongs to an older WAL generation
        const std::uint32_t pgno = be32(m_wal, off);
        if (pgno == 0)
            break;
        pending[pgno] = off + 24;
        if (const std::uint32_t commitSize = be32(m_wal, off + 4)) {
            for (const auto &[pg, at] : pending)
                m_walLatest[pg] = at;
            pending.clear();
            m_pageCount = commitSize;
        }
    }
}

PageView Recovery::page(std::uint32_t pgno) const
{
    PageView v;
    v.headerOffset = pgno == 1 ? 100 : 0;
    if (auto it = m_walLatest.find(pgno); it != m_walLatest.end()) {
        v.data = m_wal.subspan(it->second, m_pageSize);
        v.fileOffset = it->second;
        v.file = "wal";
        return v;
    }
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
    const std::size_t x = maxLocal(m_usable);
    const std::size_t m = ((m_usable - 12) * 32 / 255) - 23;
    if (size > std::uint64_t(m_pageCount + 1) * m_usable)
        return std::nullopt;
    local = static_cast<std::size_t>(size);
    if (size > x) {
        const std::size_t k = m + static_cast<std::size_t>((size - m) % (m_usable - 4));
        local = k <= x ? k : m;
    }
    const std::size_t limit = std::min(m_usable, p.data.size());
    if (start + local + (local < size ? 4 : 0) > limit)
        return std::nullopt;
    std::vector<unsigned char> out(p.data.begin() + static_cast<std::ptrdiff_t>(start),
                                   p.data.begin() + static_cast<std::ptrdiff_t>(start + local));
    std::uint32_t next = local < size ? be32(p.data, start + local) : 0;
    std::set<std::uint32_t> seen;
    while (out.size() < size) {
        if (next == 0 || next > m_pageCount || !seen.insert(next).second) {
            warn("broken overflow chain for the cell at offset " + std::to_string(p.fileOffset + pos) + " of " + p.file);
            return std::nullopt;
        }
        const PageView ov = page(next);
        const std::size_t take = std::min<std::size_t>(size - out.size(), m_usable - 4);
        if (ov.data.size() < 4 + take)
            return std::nullopt;
        out.insert(out.end(), ov.data.begin() + 4, ov.data.begin() + 4 + static_cast<std::ptrdiff_t>(take));
        next = be32(ov.data, 0);
    }
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
        std::size_t local = 0;
        auto bytes = payload(p, at, size->value, local, at + size->length + rowid->length);
        auto hdr = bytes ? parseHeader(*bytes, 0, bytes->size()) : std::nullopt;
        if (!hdr || hdr->headerSize + hdr->bodySize != bytes->size()) {
            warn("undecodable cell at offset " + std::to_string(p.fileOffset + at) + " of " + p.file);
            continue;
        }
        RecoveredRecord r{m_tables[table].name, static_cast<std::int64_t>(rowid->value),
                          decodeBody(*bytes, hdr->headerSize, hdr->types, m_enc), p.fileOffset + at, "live", p.file};
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
        PageCarver carver(m_tables, m_enc, m_usable, m_found, m_result.warnings);
        carver.scan(p, start, content, "unallocated", table);
    }
}

void Recovery::walkTable(std::size_t table, bool emitLive)
{
    std::vector<std::uint32_t> stack{m_tables[table].rootPage};
    std::set<std::uint32_t> seen;
    PageCarver carver(m_tables, m_enc, m_usable, m_found, m_result.warnings);
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
            if (!emitLive)
                scanInteriorGap(p, static_cast<int>(table));
        } else if (auto lh = leafHeader(p, m_usable)) {
            if (emitLive)
                leafCellsLive(p, *lh, table, pgno);
            else
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
    walkTable(0, true);
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
    PageCarver carver(m_tables, m_enc, m_usable, m_found, m_result.warnings);
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
    PageCarver carver(m_tables, m_enc, m_usable, m_found, m_result.warnings);
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
    std::set<std::string> seen;
    for (const auto &r : m_live)
        seen.insert(r.table + '\x1e' + valueKey(r.values));
    // A copy without rowid (carved from a freeblock) adds nothing to a copy with one.
    std::set<std::string> withRowid;
    for (const auto &r : m_found)
        if (r.rowid)
            withRowid.insert(r.table + '\x1e' + valueKey(r.values));
    std::set<std::string> reported;
    for (auto &r : m_found) {
        const std::string values = r.table + '\x1e' + valueKey(r.values);
        if (seen.count(values) || (!r.rowid && withRowid.count(values)))
            continue;
        const std::string key = r.table + '\x1e' + (r.rowid ? std::to_string(*r.rowid) : "-") + '\x1e' +
                                valueKey(r.values);
        if (reported.insert(key).second)
            m_result.records.push_back(std::move(r));
    }
}

void Recovery::recoverAll()
{
    for (std::size_t t = 0; t < m_tables.size(); ++t)
        if (m_tables[t].rootPage != 0)
            walkTable(t, false);
    freelist();
    walFrames();
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
    readWalIndex();
    readSchema();
    for (std::size_t t = 1; t < m_tables.size(); ++t)
        walkTable(t, true);
    const std::size_t liveWarnings = m_result.warnings.size();
    recoverAll();
    // Schemas of dropped tables recovered from sqlite_master let their rows be attributed.
    if (addDroppedTables()) {
        m_found.clear();
        m_result.warnings.resize(liveWarnings);
        recoverAll();
    }
    m_result.records = m_live;
    deduplicate();
    return std::move(m_result);
}

} // namespace

Result<RecoveryResult> recoverSqlite(std::span<const unsigned char> db, std::span<const unsigned char> wal,
                                     std::span<const unsigned char> journal)
{
    try {
        return Recovery(db, wal, journal).run();
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
