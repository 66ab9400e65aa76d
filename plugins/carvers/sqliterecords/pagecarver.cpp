// SPDX-License-Identifier: GPL-3.0-or-later
#include "plugins/carvers/sqliterecords/pagecarver.h"

#include <algorithm>

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

bool allNull(const std::vector<RecoveredValue> &v)
{
    return std::all_of(v.begin(), v.end(), [](const RecoveredValue &x) { return x.kind == RecoveredValue::Null; });
}

// Text that is valid UTF-8 without control characters (other than tab and line breaks).
bool plausibleText(const RecoveredValue &v)
{
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

PageCarver::PageCarver(const std::vector<TableInfo> &tables, Encoding enc, std::size_t usable,
                       std::vector<RecoveredRecord> &out, std::vector<std::string> &warnings)
    : m_tables(tables), m_enc(enc), m_usable(usable), m_out(out), m_warnings(warnings)
{
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
    if (!payload || payload->value < 2 || payload->value > maxLocal(m_usable))
        return std::nullopt;
    auto rowid = readVarint(d, pos + payload->length, limit);
    if (!rowid)
        return std::nullopt;
    const std::size_t rec = pos + payload->length + rowid->length;
    const auto size = static_cast<std::size_t>(payload->value);
    if (rec + size > limit)
        return std::nullopt;
    auto h = parseHeader(d, rec, rec + size);
    if (!h || h->headerSize + h->bodySize != size)
        return std::nullopt;
    Found f;
    f.table = pick(h->types, owner);
    f.rowid = static_cast<std::int64_t>(rowid->value);
    f.values = decodeBody(d, rec + h->headerSize, h->types, m_enc);
    f.end = rec + size;
    if (f.table < 0 && (h->types.size() < 2 || allNull(f.values)))
        return std::nullopt;
    return f;
}

// A freed cell whose first four bytes were overwritten by a freeblock header, read as a
// record of table `t` whose header-size varint was at pos + headerAt.
std::optional<PageCarver::Found> PageCarver::freedCellAs(Bytes d, std::size_t pos, std::size_t limit, std::size_t t,
                                                         std::size_t headerAt, bool &exact) const
{
    const TableInfo &table = m_tables[t];
    const std::size_t n = table.columns.size();
    std::vector<std::uint64_t> types;
    std::size_t bodyPos = 0;
    std::size_t consumed = 0;
    bool inferredFirst = false;
    if (headerAt >= 4) {   // header intact; payload/rowid varints partly overwritten
        auto h = parseHeader(d, pos + headerAt, limit);
        if (!h || h->types.size() != n || varintLength(h->headerSize + h->bodySize) >= headerAt)
            return std::nullopt;
        types = h->types;
        bodyPos = pos + headerAt + h->headerSize;
    } else if (headerAt == 3) {   // header-size varint lost, all serial types intact
        auto ts = parseTypes(d, pos + 4, limit, n, consumed);
        if (!ts)
            return std::nullopt;
        types = *ts;
        bodyPos = pos + 4 + consumed;
    } else {   // headerAt == 2: header size and the first serial type lost
        if (n < 2)
            return std::nullopt;
        auto ts = parseTypes(d, pos + 4, limit, n - 1, consumed);
        if (!ts)
            return std::nullopt;
        bodyPos = pos + 4 + consumed;
        std::size_t known = 0;
        for (auto ty : *ts)
            known += *serialLength(ty);
        if (bodyPos + known > limit)
            return std::nullopt;
        std::optional<std::uint64_t> first = 0;
        if (table.rowidAlias != 0) {
            first = inferType(table.columns[0], limit - bodyPos - known);
            inferredFirst = true;
        }
        if (!first || *first >= 128)
            return std::nullopt;
        types.push_back(*first);
        types.insert(types.end(), ts->begin(), ts->end());
        std::size_t body = known + *serialLength(*first);
        if (2 + consumed + body >= 128)   // one-byte payload and rowid varints imply payload < 128
            return std::nullopt;
    }
    std::size_t body = 0;
    for (auto ty : types)
        body += *serialLength(ty);
    if (bodyPos + body > limit || typeMismatches(types, table, false) != 0)
        return std::nullopt;
    Found f;
    f.table = static_cast<int>(t);
    f.values = decodeBody(d, bodyPos, types, m_enc);
    if (inferredFirst)
        f.values[0].inferred = true;
    f.end = bodyPos + body;
    exact = f.end == limit;
    if (allNull(f.values))
        return std::nullopt;
    return f;
}

// `exactOnly`: the record must fill [pos, limit) exactly (used where the freeblock header is a guess).
std::optional<PageCarver::Found> PageCarver::freedCell(Bytes d, std::size_t pos, std::size_t limit, int owner,
                                                      bool exactOnly) const
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
            auto f = freedCellAs(d, pos, limit, t, at, exact);
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
            const std::size_t size = be16(d, pos + 2);
            const std::size_t end = size >= 4 && pos + size <= limit ? pos + size : limit;
            if (first || (size >= 4 && pos + size <= limit))
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
    to = std::min({to, m_usable, p.data.size()});
    std::size_t pos = from;
    while (pos + 4 < to) {
        std::optional<Found> f = intactCell(p.data, pos, to, owner);
        if (!f) {
            const std::size_t size = be16(p.data, pos + 2);
            if (size >= 6 && pos + size <= to)
                f = freedCell(p.data, pos, pos + size, owner, true);
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
