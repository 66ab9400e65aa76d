// SPDX-License-Identifier: GPL-3.0-or-later
#include "plugins/carvers/sqliterecords/format.h"

#include <algorithm>
#include <bit>
#include <cctype>
#include <cstdio>
#include <cstring>

#include "core/util/utf8.h"

namespace vigil::recovery::detail {

namespace {

constexpr std::size_t kMaxColumns = 2000;

std::string utf16ToUtf8(Bytes b, bool bigEndian)
{
    std::string out;
    for (std::size_t i = 0; i + 1 < b.size(); i += 2) {
        std::uint32_t u = bigEndian ? (b[i] << 8 | b[i + 1]) : (b[i + 1] << 8 | b[i]);
        if (u >= 0xD800 && u < 0xDC00 && i + 3 < b.size()) {
            const std::uint32_t lo = bigEndian ? (b[i + 2] << 8 | b[i + 3]) : (b[i + 3] << 8 | b[i + 2]);
            if (lo >= 0xDC00 && lo < 0xE000) {
                u = 0x10000 + ((u - 0xD800) << 10) + (lo - 0xDC00);
                i += 2;
            }
        }
        appendUtf8(out, u);
    }
    return out;
}

std::string upper(std::string s)
{
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
    return s;
}

std::string trim(const std::string &s)
{
    const auto b = s.find_first_not_of(" \t\r\n");
    if (b == std::string::npos)
        return {};
    return s.substr(b, s.find_last_not_of(" \t\r\n") - b + 1);
}

// Splits the column list at top-level commas (outside parentheses and quotes).
std::vector<std::string> splitDefinitions(const std::string &body)
{
    std::vector<std::string> parts;
    std::string cur;
    int depth = 0;
    char quote = 0;
    for (char c : body) {
        if (quote) {
            quote = c == quote ? 0 : quote;
        } else if (c == '\'' || c == '"' || c == '`' || c == '[') {
            quote = c == '[' ? ']' : c;
        } else if (c == '(') {
            ++depth;
        } else if (c == ')') {
            --depth;
        } else if (c == ',' && depth == 0) {
            parts.push_back(trim(cur));
            cur.clear();
            continue;
        }
        cur += c;
    }
    parts.push_back(trim(cur));
    return parts;
}

Affinity affinityOf(const std::string &declType)
{
    const std::string t = upper(declType);
    if (t.find("INT") != std::string::npos)
        return Affinity::Integer;
    if (t.find("CHAR") != std::string::npos || t.find("CLOB") != std::string::npos || t.find("TEXT") != std::string::npos)
        return Affinity::Text;
    if (t.empty() || t.find("BLOB") != std::string::npos)
        return Affinity::Blob;
    if (t.find("REAL") != std::string::npos || t.find("FLOA") != std::string::npos || t.find("DOUB") != std::string::npos)
        return Affinity::Real;
    return Affinity::Numeric;
}

bool isTableConstraint(const std::string &def)
{
    const std::string u = upper(def);
    for (const char *kw : {"CONSTRAINT", "PRIMARY", "UNIQUE", "CHECK", "FOREIGN"})
        if (u.rfind(kw, 0) == 0 && (u.size() == std::strlen(kw) || !std::isalnum(static_cast<unsigned char>(u[std::strlen(kw)]))))
            return true;
    return false;
}

// Declared type of a column definition: the words after the name up to the first constraint.
std::string declaredType(const std::string &def)
{
    std::size_t pos = 0;
    if (!def.empty() && (def[0] == '"' || def[0] == '`' || def[0] == '[' || def[0] == '\'')) {
        const char close = def[0] == '[' ? ']' : def[0];
        pos = def.find(close, 1);
        pos = pos == std::string::npos ? def.size() : pos + 1;
    } else {
        while (pos < def.size() && !std::isspace(static_cast<unsigned char>(def[pos])))
            ++pos;
    }
    std::string type;
    std::size_t i = pos;
    const std::string u = upper(def);
    while (i < u.size()) {
        while (i < u.size() && std::isspace(static_cast<unsigned char>(u[i])))
            ++i;
        std::size_t j = i;
        while (j < u.size() && !std::isspace(static_cast<unsigned char>(u[j])))
            ++j;
        const std::string word = u.substr(i, j - i);
        for (const char *kw : {"CONSTRAINT", "PRIMARY", "NOT", "NULL", "UNIQUE", "CHECK", "DEFAULT", "COLLATE",
                               "REFERENCES", "GENERATED", "AS"})
            if (word == kw)
                return type;
        type += (type.empty() ? "" : " ") + word;
        i = j;
    }
    return type;
}

} // namespace

std::optional<Varint> readVarint(Bytes d, std::size_t pos, std::size_t limit)
{
    limit = std::min(limit, d.size());
    std::uint64_t v = 0;
    for (std::size_t i = 0; i < 9; ++i) {
        if (pos + i >= limit)
            return std::nullopt;
        const unsigned char b = d[pos + i];
        if (i == 8)
            return Varint{(v << 8) | b, 9};
        v = (v << 7) | (b & 0x7F);
        if (!(b & 0x80))
            return Varint{v, i + 1};
    }
    return std::nullopt;
}

std::uint32_t be16(Bytes d, std::size_t pos)
{
    return pos + 2 <= d.size() ? static_cast<std::uint32_t>(d[pos] << 8 | d[pos + 1]) : 0;
}

std::uint32_t be32(Bytes d, std::size_t pos)
{
    if (pos + 4 > d.size())
        return 0;
    return static_cast<std::uint32_t>(d[pos]) << 24 | static_cast<std::uint32_t>(d[pos + 1]) << 16 |
           static_cast<std::uint32_t>(d[pos + 2]) << 8 | d[pos + 3];
}

std::optional<std::size_t> serialLength(std::uint64_t type)
{
    static constexpr std::size_t kFixed[] = {0, 1, 2, 3, 4, 6, 8, 8, 0, 0};
    if (type < 10)
        return kFixed[type];
    if (type < 12)
        return std::nullopt;
    if (type > 2 * (std::uint64_t(1) << 31))
        return std::nullopt;   // larger than any SQLite value
    return static_cast<std::size_t>((type - 12) / 2);
}

RecoveredValue decodeValue(std::uint64_t type, Bytes body, Encoding enc)
{
    RecoveredValue v;
    if (type == 0 || (type >= 10 && type < 12))
        return v;
    if (type == 8 || type == 9) {
        v.kind = RecoveredValue::Integer;
        v.i = type == 9;
        return v;
    }
    if (type <= 7) {
        std::uint64_t u = 0;
        for (unsigned char b : body)
            u = (u << 8) | b;
        if (type == 7) {
            v.kind = RecoveredValue::Real;
            v.r = std::bit_cast<double>(u);
            return v;
        }
        const unsigned bits = static_cast<unsigned>(body.size() * 8);
        if (bits < 64 && (u >> (bits - 1)) & 1)
            u |= ~std::uint64_t(0) << bits;   // sign-extend
        v.kind = RecoveredValue::Integer;
        v.i = static_cast<std::int64_t>(u);
        return v;
    }
    if (type % 2 == 0) {
        v.kind = RecoveredValue::Blob;
        v.bytes.assign(body.begin(), body.end());
        return v;
    }
    v.kind = RecoveredValue::Text;
    if (enc == Encoding::Utf8)
        v.bytes.assign(body.begin(), body.end());
    else
        v.bytes = utf16ToUtf8(body, enc == Encoding::Utf16be);
    return v;
}

std::optional<std::vector<std::uint64_t>> parseTypes(Bytes d, std::size_t pos, std::size_t limit, std::size_t count,
                                                     std::size_t &consumed)
{
    std::vector<std::uint64_t> types;
    const std::size_t start = pos;
    while (types.size() < count) {
        auto v = readVarint(d, pos, limit);
        if (!v || !serialLength(v->value))
            return std::nullopt;
        types.push_back(v->value);
        pos += v->length;
    }
    consumed = pos - start;
    return types;
}

std::size_t localPayload(std::uint64_t payload, std::size_t usable)
{
    const std::size_t maxLocal = usable - 35;
    const std::size_t minLocal = (usable - 12) * 32 / 255 - 23;
    if (payload <= maxLocal)
        return static_cast<std::size_t>(payload);
    const std::size_t k = minLocal + static_cast<std::size_t>((payload - minLocal) % (usable - 4));
    return k <= maxLocal ? k : minLocal;
}

std::optional<RecordHeader> parseHeader(Bytes d, std::size_t pos, std::size_t limit, bool bodyMayOverflow)
{
    limit = std::min(limit, d.size());
    auto hs = readVarint(d, pos, limit);
    if (!hs || hs->value < hs->length || hs->value > limit - pos)
        return std::nullopt;
    RecordHeader h;
    h.headerSize = static_cast<std::size_t>(hs->value);
    const std::size_t end = pos + h.headerSize;
    std::size_t p = pos + hs->length;
    while (p < end) {
        auto v = readVarint(d, p, end);
        if (!v || h.types.size() >= kMaxColumns)
            return std::nullopt;
        auto len = serialLength(v->value);
        if (!len)
            return std::nullopt;
        h.types.push_back(v->value);
        h.bodySize += *len;
        p += v->length;
    }
    if (p != end || h.types.empty() || (!bodyMayOverflow && h.bodySize > limit - end))
        return std::nullopt;
    return h;
}

std::vector<RecoveredValue> decodeBody(Bytes d, std::size_t bodyPos, const std::vector<std::uint64_t> &types,
                                       Encoding enc)
{
    std::vector<RecoveredValue> values;
    values.reserve(types.size());
    for (auto t : types) {
        const std::size_t len = *serialLength(t);
        values.push_back(decodeValue(t, d.subspan(bodyPos, len), enc));
        bodyPos += len;
    }
    return values;
}

std::optional<TableInfo> parseCreateTable(const std::string &name, std::uint32_t root, const std::string &sql)
{
    const std::string u = upper(sql);
    const auto open = sql.find('(');
    const auto close = sql.rfind(')');
    if (u.rfind("CREATE TABLE", 0) != 0 || open == std::string::npos || close == std::string::npos || close < open)
        return std::nullopt;
    if (u.find("WITHOUT ROWID", close) != std::string::npos)
        return std::nullopt;
    TableInfo t{name, root, {}, -1};
    std::vector<std::string> types;
    for (const std::string &def : splitDefinitions(sql.substr(open + 1, close - open - 1))) {
        if (def.empty())
            return std::nullopt;
        if (isTableConstraint(def))
            continue;
        const std::string type = declaredType(def);
        t.columns.push_back(affinityOf(type));
        if (upper(type) == "INTEGER" && upper(def).find("PRIMARY KEY") != std::string::npos && t.rowidAlias < 0)
            t.rowidAlias = static_cast<int>(t.columns.size() - 1);
    }
    if (t.columns.empty())
        return std::nullopt;
    return t;
}

bool typeFits(std::uint64_t type, Affinity a)
{
    if (type == 0)
        return true;
    const bool number = type <= 9;
    const bool text = type >= 13 && type % 2 == 1;
    switch (a) {
    case Affinity::Integer:
    case Affinity::Real: return number;
    case Affinity::Numeric: return number || text;
    case Affinity::Text: return text;
    case Affinity::Blob: return true;
    }
    return true;
}

int typeMismatches(const std::vector<std::uint64_t> &types, const TableInfo &t, bool allowFewer)
{
    if (types.size() > t.columns.size() || (!allowFewer && types.size() != t.columns.size()))
        return -1;
    int bad = 0;
    for (std::size_t i = 0; i < types.size(); ++i) {
        if (static_cast<int>(i) == t.rowidAlias)
            bad += types[i] != 0;
        else
            bad += !typeFits(types[i], t.columns[i]);
    }
    return bad;
}

namespace {

// Columns whose value has the storage class the column's affinity prefers.
int naturalFit(const std::vector<std::uint64_t> &types, const TableInfo &t)
{
    int score = 0;
    for (std::size_t i = 0; i < types.size(); ++i) {
        const auto ty = types[i];
        const Affinity a = t.columns[i];
        const bool text = ty >= 13 && ty % 2 == 1;
        const bool blob = ty >= 12 && ty % 2 == 0;
        score += (a == Affinity::Text && text) || (a == Affinity::Blob && blob) || (a == Affinity::Real && ty == 7) ||
                 (a == Affinity::Integer && ty >= 1 && ty <= 9 && ty != 7);
    }
    return score;
}

} // namespace

int attribute(const std::vector<std::uint64_t> &types, const std::vector<TableInfo> &tables)
{
    int found = -1;
    int best = -1;
    bool tie = false;
    for (std::size_t i = 0; i < tables.size(); ++i) {
        if (typeMismatches(types, tables[i], false) != 0)
            continue;
        const int score = naturalFit(types, tables[i]);
        if (score > best) {
            best = score;
            found = static_cast<int>(i);
            tie = false;
        } else if (score == best) {
            tie = true;
        }
    }
    return tie ? -1 : found;
}

} // namespace vigil::recovery::detail
