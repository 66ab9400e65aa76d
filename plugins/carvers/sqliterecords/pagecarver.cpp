// SPDX-License-Identifier: GPL-3.0-or-later
#include "plugins/carvers/sqliterecords/pagecarver.h"

#include <algorithm>
#include <cmath>
#include <set>

namespace vigil::recovery::detail {

namespace {

// Bytes a varint of `v` takes.
std::size_t varintLength(std::uint64_t v)
{
    std::size_t n = 1;
    while (n < 9 && v >= (std::uint64_t(1) << (7 * n)))
        ++n;
    return n;
}

// Serial type for `len` bytes of a value in a column of affinity `a`, or nullopt when no
// storage class of that length fits the column.
std::optional<std::uint64_t> inferType(Affinity a, std::size_t len)
{
    switch (a) {
    case Affinity::Integer:
    case Affinity::Numeric:
        switch (len) {
        case 0: return 0;
        case 1: case 2: case 3: case 4: return len;
        case 6: return 5;
        case 8: return 6;
        default: return a == Affinity::Numeric ? std::optional<std::uint64_t>(13 + 2 * len) : std::nullopt;
        }
    case Affinity::Real: return len == 8 ? std::optional<std::uint64_t>(7) : len == 0 ? std::optional<std::uint64_t>(0) : std::nullopt;
    case Affinity::Text: return len == 0 ? 0 : 13 + 2 * len;
    case Affinity::Blob: return len == 0 ? 0 : 12 + 2 * len;
    }
    return std::nullopt;
}

// Nothing but NULLs, zeros and empty or zero-filled text and blobs: what zeroed space decodes to.
bool uninformative(const std::vector<RecoveredValue> &v)
{
    return std::all_of(v.begin(), v.end(), [](const RecoveredValue &x) {
        switch (x.kind) {
        case RecoveredValue::Null: return true;
        case RecoveredValue::Integer: return x.i == 0;
        case RecoveredValue::Real: return x.r == 0;
        default: return x.bytes.find_first_not_of('\0') == std::string::npos;
        }
    });
}

// Text that is valid UTF-8 without control characters (other than tab and line breaks), and
// reals that are ordinary numbers (not NaN, infinite or subnormal, as random bytes often are).
bool plausibleText(const RecoveredValue &v)
{
    if (v.kind == RecoveredValue::Real)
        return std::isfinite(v.r) && (v.r == 0 || std::abs(v.r) >= 1e-300);
    if (v.kind != RecoveredValue::Text)
        return true;
    const std::string &s = v.bytes;
    for (std::size_t i = 0; i < s.size();) {
        const auto c = static_cast<unsigned char>(s[i]);
        if (c < 0x20 && c != '\t' && c != '\n' && c != '\r')
            return false;
        const std::size_t len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
        if (len == 0 || i + len > s.size())
            return false;
        for (std::size_t k = 1; k < len; ++k)
            if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80)
                return false;
        i += len;
    }
    return true;
}

} // namespace

std::optional<LeafHeader> leafHeader(const PageView &p, std::size_t usable)
{
    const std::size_t h = p.headerOffset;
    const std::size_t limit = std::min(usable, p.data.size());
    if (h + 8 > limit || p.data[h] != 0x0D)
        return std::nullopt;
    LeafHeader lh;
    lh.firstFreeblock = be16(p.data, h + 1);
    lh.cells = be16(p.data, h + 3);
    lh.contentStart = be16(p.data, h + 5);
    if (lh.contentStart == 0)
        lh.contentStart = 65536;
    lh.pointerEnd = h + 8 + 2 * std::size_t(lh.cells);
    if (lh.pointerEnd > limit || lh.contentStart > limit || lh.contentStart < lh.pointerEnd)
        return std::nullopt;
    return lh;
}

std::optional<std::vector<unsigned char>> followOverflow(const PageSource &pages, Bytes local, std::uint64_t total,
                                                         std::uint32_t first, std::size_t usable)
{
    if (total > (std::uint64_t(pages.pageCount()) + 1) * usable)
        return std::nullopt;   // more than the whole file could hold
    std::vector<unsigned char> out(local.begin(), local.end());
    std::set<std::uint32_t> seen;
    for (std::uint32_t next = first; out.size() < total;) {
        if (next == 0 || next > pages.pageCount() || !seen.insert(next).second)
            return std::nullopt;
        const Bytes page = pages.pageData(next);
        const std::size_t take = std::min<std::uint64_t>(total - out.size(), usable - 4);
        if (page.size() < 4 + take)
            return std::nullopt;
        out.insert(out.end(), page.begin() + 4, page.begin() + 4 + static_cast<std::ptrdiff_t>(take));
        next = be32(page, 0);
    }
    return out;
}

PageCarver::PageCarver(const std::vector<TableInfo> &tables, Encoding enc, std::size_t usable,
                       std::vector<RecoveredRecord> &out, std::vector<std::string> &warnings, const PageSource *pages)
    : m_tables(tables), m_enc(enc), m_usable(usable), m_out(out), m_warnings(warnings), m_pages(pages)
{
}

// The whole payload of a record starting at `record` that spilled to overflow pages; `end` is
// where its cell ends (after the first overflow page number).
std::optional<std::vector<unsigned char>> PageCarver::spilledPayload(Bytes d, std::size_t record, std::uint64_t total,
                                                                     std::size_t limit, std::size_t &end) const
{
    const std::size_t local = localPayload(total, m_usable);
    if (!m_pages || total <= maxLocal(m_usable) || record + local + 4 > limit)
        return std::nullopt;
    end = record + local + 4;
    return followOverflow(*m_pages, d.subspan(record, local), total, be32(d, record + local), m_usable);
}

int PageCarver::pick(const std::vector<std::uint64_t> &types, int owner) const
{
    if (owner >= 0 && typeMismatches(types, m_tables[static_cast<std::size_t>(owner)], true) == 0)
        return owner;
    return attribute(types, m_tables);
}

void PageCarver::emit(const PageView &p, std::size_t pos, Found f, const std::string &source)
{
    RecoveredRecord r;
    r.table = f.table >= 0 ? m_tables[static_cast<std::size_t>(f.table)].name : std::string();
    r.rowid = f.rowid;
    r.values = std::move(f.values);
    r.byteOffset = p.fileOffset + pos;
    r.source = source;
    r.file = p.file;
    m_out.push_back(std::move(r));
}

// A complete cell: payload length, rowid, record; payload wholly on the page.
std::optional<PageCarver::Found> PageCarver::intactCell(Bytes d, std::size_t pos, std::size_t limit, int owner) const
{
    auto payload = readVarint(d, pos, limit);
    if (!payload || payload->value < 2)
        return std::nullopt;
    auto rowid = readVarint(d, pos + payload->length, limit);
    if (!rowid)
        return std::nullopt;
    const std::size_t rec = pos + payload->length + rowid->length;
    Bytes record = d.subspan(rec);
    std::size_t end = rec + static_cast<std::size_t>(payload->value);
    std::optional<std::vector<unsigned char>> spilled;
    if (payload->value > maxLocal(m_usable)) {
        spilled = spilledPayload(d, rec, payload->value, limit, end);
        if (!spilled)
            return std::nullopt;
        record = *spilled;
    } else if (end > limit) {
        return std::nullopt;
    }
    const auto size = static_cast<std::size_t>(payload->value);
    auto h = parseHeader(record, 0, size);
    if (!h || h->headerSize + h->bodySize != size)
        return std::nullopt;
    Found f;
    f.table = pick(h->types, owner);
    f.rowid = static_cast<std::int64_t>(rowid->value);
    f.values = decodeBody(record, h->headerSize, h->types, m_enc);
    f.end = end;
    if (f.table < 0 && (h->types.size() < 2 || uninformative(f.values)))
        return std::nullopt;
    return f;
}

// Where the record of table `t` at `record` (serial types `types`, a header of `headerSize`
// bytes) ends, when its types fit the table's columns and it fits before `limit` (a record that
// spilled keeps its first overflow page number there). Reads nothing but the sizes.
std::optional<std::size_t> PageCarver::recordEnd(std::size_t record, std::size_t headerSize, std::size_t limit,
                                                 std::size_t t, const std::vector<std::uint64_t> &types) const
{
    if (typeMismatches(types, m_tables[t], false) != 0)
        return std::nullopt;
    std::uint64_t payload = headerSize;
    for (auto ty : types)
        payload += *serialLength(ty);
    const std::size_t end = payload <= maxLocal(m_usable) ? record + static_cast<std::size_t>(payload)
                                                          : record + localPayload(payload, m_usable) + 4;
    if (end > limit || (payload > maxLocal(m_usable) && !m_pages))
        return std::nullopt;
    return end;
}

// The record recordEnd() measured, decoded (following its overflow chain when it spilled);
// nullopt for nothing but NULLs and zeros, or a chain whose pages were reused.
std::optional<PageCarver::Found> PageCarver::freedRecord(Bytes d, std::size_t record, std::size_t headerSize,
                                                         std::size_t limit, std::size_t t,
                                                         const std::vector<std::uint64_t> &types) const
{
    const auto end = recordEnd(record, headerSize, limit, t, types);
    if (!end)
        return std::nullopt;
    std::uint64_t payload = headerSize;
    for (auto ty : types)
        payload += *serialLength(ty);
    Found f;
    f.table = static_cast<int>(t);
    f.end = *end;
    if (payload <= maxLocal(m_usable)) {
        f.values = decodeBody(d, record + headerSize, types, m_enc);
    } else {
        std::size_t spilledEnd = 0;
        auto bytes = spilledPayload(d, record, payload, limit, spilledEnd);
        if (!bytes)
            return std::nullopt;
        f.values = decodeBody(*bytes, headerSize, types, m_enc);
        if (!std::all_of(f.values.begin(), f.values.end(), plausibleText))
            return std::nullopt;   // the freed overflow pages were reused
    }
    if (uninformative(f.values))
        return std::nullopt;
    return f;
}

// Whether the 4 bytes at `pos` of a page can be a freeblock header ending at or before `limit`:
// a size of at least `minSize`, and a next freeblock that is none or further on the page.
bool PageCarver::freeblockAt(Bytes d, std::size_t pos, std::size_t limit, std::size_t minSize) const
{
    const std::size_t next = be16(d, pos), size = be16(d, pos + 2);
    return size >= minSize && pos + size <= limit && (next == 0 || (next >= pos + size && next + 4 <= m_usable));
}

// Whether another cell of table `t` provably starts at `at`: an intact one, or a freed one
// whose freeblock size it fills exactly (or that is itself followed by one, up to `follow`
// cells on). Adjacent freed cells merge into one freeblock, so the first of them ends where
// the next begins, not where the block ends; all cells of a table-leaf page are of one table.
// Remembered per position: chains of candidates meet at the same cells.
bool PageCarver::cellStartsAt(Bytes d, std::size_t at, std::size_t limit, std::size_t t, int follow) const
{
    if (follow <= 0 || at + 4 >= limit)
        return false;
    const auto key = std::make_tuple(d.data() + at, limit, t, follow);
    if (const auto it = m_starts.find(key); it != m_starts.end())
        return it->second;
    bool starts = intactCell(d, at, limit, static_cast<int>(t)).has_value();
    const std::size_t size = be16(d, at + 2);
    const bool freed = freeblockAt(d, at, limit, 6);
    for (std::size_t headerAt = 2; !starts && freed && headerAt <= 6; ++headerAt) {
        bool exact = false;
        auto f = freedCellAs(d, at, at + size, t, headerAt, exact, follow - 1, true);
        starts = f && exact && std::all_of(f->values.begin(), f->values.end(), plausibleText);
    }
    m_starts.emplace(key, starts);
    return starts;
}

// Serial types a first column of affinity `a` may have had, for lengths up to `room` bytes:
// the fixed-size numbers (a REAL column stores whole numbers as integers), and for a text
// column every length.
std::vector<std::uint64_t> PageCarver::firstTypeCandidates(Affinity a, std::size_t room)
{
    std::vector<std::uint64_t> out;
    if (a != Affinity::Text)
        out = {8, 9, 1, 2, 3, 4, 5, 6};
    if (a == Affinity::Real || a == Affinity::Blob)
        out.push_back(7);
    if (a == Affinity::Text)
        for (std::size_t len = 1; len <= std::min<std::size_t>(room, 60); ++len)
            out.push_back(13 + 2 * len);
    out.push_back(0);
    return out;
}

// headerAt == 2: the header-size varint and the first serial type were overwritten. The first
// type is what fills the block exactly or, failing that, what ends where another cell starts.
std::optional<PageCarver::Found> PageCarver::freedFirstTypeLost(Bytes d, std::size_t pos, std::size_t limit,
                                                                std::size_t t, bool &exact, int follow,
                                                                bool needExact) const
{
    const TableInfo &table = m_tables[t];
    const std::size_t n = table.columns.size();
    std::size_t consumed = 0;
    auto ts = n >= 2 ? parseTypes(d, pos + 4, limit, n - 1, consumed) : std::nullopt;
    if (!ts)
        return std::nullopt;
    std::size_t known = 0;
    for (auto ty : *ts)
        known += *serialLength(ty);
    const std::size_t room = limit - std::min(limit, pos + 4 + consumed + known);
    std::vector<std::uint64_t> types(1);
    types.insert(types.end(), ts->begin(), ts->end());
    // One-byte payload and rowid varints imply a payload under 128 bytes.
    auto end = [&](std::uint64_t first) -> std::optional<std::size_t> {
        if (first >= 128 || 2 + consumed + known + *serialLength(first) >= 128)
            return std::nullopt;
        types[0] = first;
        return recordEnd(pos + 2, 2 + consumed, limit, t, types);
    };
    auto decode = [&](std::uint64_t first) -> std::optional<Found> {
        types[0] = first;
        auto f = freedRecord(d, pos + 2, 2 + consumed, limit, t, types);
        if (!f || !plausibleText(f->values[0]))
            return std::nullopt;
        f->values[0].inferred = table.rowidAlias != 0;
        return f;
    };
    if (table.rowidAlias == 0) {   // the rowid alias is stored as NULL: nothing was lost
        const auto e = end(0);
        exact = e && (*e == limit || cellStartsAt(d, *e, limit, t, follow));
        return e && (exact || !needExact) ? decode(0) : std::nullopt;
    }
    if (auto first = inferType(table.columns[0], room); first && end(*first) == limit) {
        exact = true;
        return decode(*first);
    }
    for (auto first : follow > 0 ? firstTypeCandidates(table.columns[0], room) : std::vector<std::uint64_t>{}) {
        const auto e = end(first);
        if (e && *e < limit && cellStartsAt(d, *e, limit, t, follow)) {
            exact = true;
            return decode(first);
        }
    }
    return std::nullopt;
}

// A freed cell whose first four bytes were overwritten by a freeblock header, read as a
// record of table `t` whose header-size varint was at pos + headerAt. `exact`: it ends where
// the block ends, or where another cell starts; with `needExact` nothing else is decoded.
std::optional<PageCarver::Found> PageCarver::freedCellAs(Bytes d, std::size_t pos, std::size_t limit, std::size_t t,
                                                         std::size_t headerAt, bool &exact, int follow,
                                                         bool needExact) const
{
    const std::size_t n = m_tables[t].columns.size();
    std::size_t record = pos + headerAt, headerSize = 0;
    std::vector<std::uint64_t> types;
    if (headerAt >= 4) {   // header intact; payload/rowid varints partly overwritten
        auto h = parseHeader(d, pos + headerAt, limit, true);
        if (!h || h->types.size() != n || varintLength(h->headerSize + h->bodySize) >= headerAt)
            return std::nullopt;
        headerSize = h->headerSize;
        types = std::move(h->types);
    } else if (headerAt == 3) {   // header-size varint lost, all serial types intact
        std::size_t consumed = 0;
        auto ts = parseTypes(d, pos + 4, limit, n, consumed);
        if (!ts || 1 + consumed >= 128)
            return std::nullopt;
        headerSize = 1 + consumed;
        types = std::move(*ts);
    } else {
        return freedFirstTypeLost(d, pos, limit, t, exact, follow, needExact);
    }
    const auto end = recordEnd(record, headerSize, limit, t, types);
    exact = end && (*end == limit || cellStartsAt(d, *end, limit, t, follow));
    if (!end || (needExact && !exact))
        return std::nullopt;
    return freedRecord(d, record, headerSize, limit, t, types);
}

// `exactOnly`: the record must fill [pos, limit) exactly (used where the freeblock header is a guess).
std::optional<PageCarver::Found> PageCarver::freedCell(Bytes d, std::size_t pos, std::size_t limit, int owner,
                                                      bool exactOnly, int follow) const
{
    if (pos + 5 > limit)
        return std::nullopt;
    std::vector<std::size_t> order;
    if (owner >= 0)
        order.push_back(static_cast<std::size_t>(owner));
    for (std::size_t t = 0; t < m_tables.size(); ++t)
        if (static_cast<int>(t) != owner)
            order.push_back(t);
    std::optional<Found> fallback;
    for (std::size_t t : order) {
        for (std::size_t at : {std::size_t(2), std::size_t(3), std::size_t(4), std::size_t(5), std::size_t(6)}) {
            bool exact = false;
            auto f = freedCellAs(d, pos, limit, t, at, exact, follow, exactOnly);
            // Where the freeblock header itself is a guess, an inferred first column fills the
            // block exactly by construction: also require every text to look like text.
            if (f && exactOnly && !std::all_of(f->values.begin(), f->values.end(), plausibleText))
                f.reset();
            if (f && exact)
                return f;
            if (f && !fallback && !exactOnly)
                fallback = std::move(f);
        }
    }
    return fallback;
}

void PageCarver::carveFreeblock(const PageView &p, std::size_t pos, std::size_t limit, const std::string &source,
                                int owner)
{
    const Bytes d = p.data;
    bool first = true;
    while (pos + 4 < limit) {
        std::optional<Found> f;
        if (!first)
            f = intactCell(d, pos, limit, owner);
        if (!f) {
            // A freed cell starts with a freeblock header (next, size); bound the carve by its size.
            const bool block = freeblockAt(d, pos, limit, 4);
            const std::size_t end = block ? pos + be16(d, pos + 2) : limit;
            if (first || block)
                f = freedCell(d, pos, end, owner, !first);
        }
        first = false;
        if (!f) {
            ++pos;
            continue;
        }
        const std::size_t end = f->end;
        emit(p, pos, std::move(*f), source);
        pos = end;
    }
}

void PageCarver::cells(const PageView &p, const LeafHeader &h, const std::string &source, int owner)
{
    m_starts.clear();
    const std::size_t limit = std::min(m_usable, p.data.size());
    for (unsigned i = 0; i < h.cells; ++i) {
        const std::size_t at = be16(p.data, p.headerOffset + 8 + 2 * i);
        if (at < h.pointerEnd || at >= limit)
            continue;
        if (auto f = intactCell(p.data, at, limit, owner))
            emit(p, at, std::move(*f), source);
    }
}

void PageCarver::freeSpace(const PageView &p, const LeafHeader &h, const std::string &freeSource,
                           const std::string &gapSource, int owner)
{
    m_starts.clear();
    const std::size_t limit = std::min(m_usable, p.data.size());
    std::size_t fb = h.firstFreeblock;
    std::size_t steps = 0;
    while (fb != 0) {
        const std::size_t next = be16(p.data, fb);
        const std::size_t size = be16(p.data, fb + 2);
        if (fb < h.pointerEnd || size < 4 || fb + size > limit || ++steps > m_usable / 4) {
            m_warnings.push_back("bad freeblock at offset " + std::to_string(p.fileOffset + fb) + " of " + p.file);
            break;
        }
        carveFreeblock(p, fb, fb + size, freeSource, owner);
        if (next != 0 && next <= fb + size) {
            m_warnings.push_back("freeblock chain not ascending at offset " + std::to_string(p.fileOffset + fb));
            break;
        }
        fb = next;
    }
    scan(p, h.pointerEnd, std::min(h.contentStart, limit), gapSource, owner);
}

void PageCarver::scan(const PageView &p, std::size_t from, std::size_t to, const std::string &source, int owner)
{
    m_starts.clear();
    to = std::min({to, m_usable, p.data.size()});
    std::size_t pos = from;
    while (pos + 4 < to) {
        // Where no page header vouches for a cell, its text must look like text.
        std::optional<Found> f = intactCell(p.data, pos, to, owner);
        if (f && !std::all_of(f->values.begin(), f->values.end(), plausibleText))
            f.reset();
        if (!f) {
            if (freeblockAt(p.data, pos, to, 6))
                f = freedCell(p.data, pos, pos + be16(p.data, pos + 2), owner, true);
        }
        if (!f) {
            ++pos;
            continue;
        }
        const std::size_t end = f->end;
        emit(p, pos, std::move(*f), source);
        pos = end;
    }
}

} // namespace vigil::recovery::detail
