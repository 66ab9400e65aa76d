// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/report/victimlist/listcells.h"

#include <charconv>
#include <cmath>
#include <cstdlib>

#include "core/util/timeutil.h"
#include "core/util/utf8.h"

namespace vigil::report {

namespace {

bool isLead(char c)
{
    return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
}

// UTF-16 units of the code point whose (valid) UTF-8 sequence starts at `c`.
std::size_t utf16Units(char c)
{
    return static_cast<unsigned char>(c) >= 0xF0 ? 2 : 1;
}

std::size_t codePoints(std::string_view s)
{
    std::size_t n = 0;
    for (char c : s)
        n += isLead(c);
    return n;
}

std::size_t utf16Length(std::string_view s)
{
    std::size_t n = 0;
    for (char c : s)
        n += isLead(c) ? utf16Units(c) : 0;
    return n;
}

// The longest prefix of valid UTF-8 `s` that takes at most `units` UTF-16 units.
std::string_view prefixWithin(std::string_view s, std::size_t units)
{
    std::size_t used = 0, i = 0;
    while (i < s.size()) {
        const std::size_t need = utf16Units(s[i]);
        if (used + need > units)
            break;
        used += need;
        i += utf8SequenceLength(static_cast<unsigned char>(s[i]));
    }
    return s.substr(0, i);
}

bool isHex(char c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

// "_x0041_" would be read by Excel as "A": its leading underscore is written as _x005F_.
std::string escapeOoxmlEscapes(std::string_view s)
{
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size(); ++i) {
        const bool escapeLike = s[i] == '_' && i + 6 < s.size() && (s[i + 1] == 'x' || s[i + 1] == 'X')
                                && isHex(s[i + 2]) && isHex(s[i + 3]) && isHex(s[i + 4]) && isHex(s[i + 5])
                                && s[i + 6] == '_';
        out += escapeLike ? std::string_view("_x005F_") : s.substr(i, 1);
    }
    return out;
}

bool needsFormulaGuard(std::string_view s)
{
    return !s.empty() && std::string_view("=+-@\t\r").find(s.front()) != std::string_view::npos;
}

} // namespace

ListCell ListCell::textCell(std::string s)
{
    ListCell c;
    if (!s.empty()) {
        c.kind = Kind::Text;
        c.text = std::move(s);
    }
    return c;
}

ListCell ListCell::numberCell(double n)
{
    ListCell c;
    c.kind = Kind::Number;
    c.number = n;
    return c;
}

ListCell ListCell::timeCell(const std::optional<std::int64_t> &t)
{
    ListCell c;
    if (t) {
        c.kind = Kind::Time;
        c.utcNanos = *t;
    }
    return c;
}

std::string fitCellText(std::string_view raw, std::size_t limit)
{
    std::string text = sanitizeUtf8(raw);
    if (utf16Length(text) <= limit)
        return text;
    const std::string marker = " [\xE2\x80\xA6 cut: " + std::to_string(codePoints(text)) + " characters in all]";
    const std::size_t markerUnits = utf16Length(marker);
    const std::size_t keep = limit > markerUnits ? limit - markerUnits : 0;
    return std::string(prefixWithin(text, keep)) + marker;
}

std::string csvCellText(const ListCell &cell)
{
    switch (cell.kind) {
    case ListCell::Kind::Empty:
        return {};
    case ListCell::Kind::Number:
        return numberText(cell.number);
    case ListCell::Kind::Time:
        return toIso8601(cell.utcNanos);
    case ListCell::Kind::Text:
        break;
    }
    const std::string text = sanitizeUtf8(cell.text);
    return fitCellText(needsFormulaGuard(text) ? "'" + text : text);
}

std::string xlsxCellText(std::string_view raw)
{
    std::size_t limit = kExcelCellLimit;
    for (;;) {
        std::string escaped = escapeOoxmlEscapes(fitCellText(raw, limit));
        const std::size_t length = codePoints(escaped);
        if (length <= kExcelCellLimit)
            return escaped;
        limit -= std::min(limit, length - kExcelCellLimit);
    }
}

std::string numberText(double n)
{
    if (!std::isfinite(n))
        return {};
    if (n == std::trunc(n) && std::fabs(n) < 1e15)
        return std::to_string(static_cast<long long>(n));
    char buf[32];
    const auto r = std::to_chars(buf, buf + sizeof buf, n);
    return std::string(buf, r.ptr);
}

std::optional<double> excelSerial(std::int64_t utcNanos)
{
    constexpr std::int64_t kNanosPerDay = 86'400'000'000'000;
    constexpr double kUnixEpochSerial = 25569.0;   // 1970-01-01 in the 1900 date system
    const std::lldiv_t d = std::lldiv(utcNanos, kNanosPerDay);
    const double serial = kUnixEpochSerial + static_cast<double>(d.quot) + static_cast<double>(d.rem) / kNanosPerDay;
    if (serial < 61.0)   // before 1900-03-01: Excel's 1900 system counts a 29 February 1900 that never was
        return std::nullopt;
    return serial;
}

} // namespace vigil::report
