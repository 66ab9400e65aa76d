// SPDX-License-Identifier: GPL-3.0-or-later
#include "plugins/parsers/discord/discordjson.h"

#include <chrono>

namespace vigil::plugins::discord {

namespace {

bool isSpace(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

std::size_t skipSpace(std::string_view s, std::size_t i)
{
    while (i < s.size() && isSpace(s[i]))
        ++i;
    return i;
}

// The end (exclusive) of the JSON value starting at `i`, found by bracket depth and string
// state only; nullopt when the text ends first.
std::optional<std::size_t> valueEnd(std::string_view s, std::size_t i)
{
    std::size_t depth = 0;
    bool inString = false;
    for (std::size_t j = i; j < s.size(); ++j) {
        const char c = s[j];
        if (inString) {
            if (c == '\\') {
                ++j;
            } else if (c == '"') {
                inString = false;
                if (depth == 0)
                    return j + 1;
            }
            continue;
        }
        switch (c) {
        case '"': inString = true; break;
        case '{':
        case '[': ++depth; break;
        case '}':
        case ']':
            if (depth == 0)
                return j;
            if (--depth == 0)
                return j + 1;
            break;
        case ',':
            if (depth == 0)
                return j;
            break;
        default: break;
        }
    }
    return std::nullopt;
}

// Reads `count` decimal digits at `i`; -1 when any is not a digit.
int digitsAt(std::string_view s, std::size_t i, std::size_t count)
{
    if (i + count > s.size())
        return -1;
    int value = 0;
    for (std::size_t k = i; k < i + count; ++k) {
        if (s[k] < '0' || s[k] > '9')
            return -1;
        value = value * 10 + (s[k] - '0');
    }
    return value;
}

// Fractional seconds at `i` (after the '.'): nanoseconds, advancing `i` past all digits.
std::int64_t fractionAt(std::string_view s, std::size_t &i)
{
    std::int64_t nanos = 0;
    int used = 0;
    for (; i < s.size() && s[i] >= '0' && s[i] <= '9'; ++i) {
        if (used < 9) {
            nanos = nanos * 10 + (s[i] - '0');
            ++used;
        }
    }
    for (; used < 9; ++used)
        nanos *= 10;
    return nanos;
}

// The zone at `i`: seconds east of UTC ("Z" and "" are 0), nullopt when malformed.
std::optional<int> zoneAt(std::string_view s, std::size_t i)
{
    if (i == s.size() || (s[i] == 'Z' && i + 1 == s.size()))
        return 0;
    if (s[i] != '+' && s[i] != '-')
        return std::nullopt;
    const int hours = digitsAt(s, i + 1, 2);
    const bool colon = i + 3 < s.size() && s[i + 3] == ':';
    const int minutes = digitsAt(s, i + (colon ? 4 : 3), 2);
    if (hours < 0 || hours > 23 || minutes < 0 || minutes > 59 || i + (colon ? 6 : 5) != s.size())
        return std::nullopt;
    return (s[i] == '-' ? -1 : 1) * (hours * 3600 + minutes * 60);
}

} // namespace

std::size_t skipLeadingSpace(std::string_view text, std::size_t from)
{
    if (from == 0 && text.starts_with("\xEF\xBB\xBF"))
        from = 3;
    return skipSpace(text, from);
}

ArrayScan scanArray(std::string_view text, std::size_t open)
{
    ArrayScan out;
    std::size_t i = open + 1;
    while (true) {
        i = skipSpace(text, i);
        if (i < text.size() && text[i] == ']' && out.elements.empty()) {
            out.complete = skipSpace(text, i + 1) == text.size();
            break;
        }
        const auto end = i < text.size() ? valueEnd(text, i) : std::nullopt;
        if (!end || *end == i)
            break;   // cut short, or an empty element ("[,]")
        out.elements.push_back({i, *end});
        i = skipSpace(text, *end);
        if (i < text.size() && text[i] == ']') {
            out.complete = skipSpace(text, i + 1) == text.size();
            break;
        }
        if (i >= text.size() || text[i] != ',')
            break;
        ++i;
    }
    out.stoppedAt = out.complete ? text.size() : i;
    return out;
}

std::optional<UtcNanos> parseIsoTime(std::string_view s)
{
    using namespace std::chrono;
    const int y = digitsAt(s, 0, 4), mo = digitsAt(s, 5, 2), d = digitsAt(s, 8, 2);
    const int h = digitsAt(s, 11, 2), mi = digitsAt(s, 14, 2), sec = digitsAt(s, 17, 2);
    if (y < 1970 || y > 2199 || mo < 0 || d < 0 || h < 0 || h > 23 || mi < 0 || mi > 59 || sec < 0 || sec > 60
        || s[4] != '-' || s[7] != '-' || (s[10] != 'T' && s[10] != ' ') || s[13] != ':' || s[16] != ':')
        return std::nullopt;
    const year_month_day date{year{y}, month{static_cast<unsigned>(mo)}, day{static_cast<unsigned>(d)}};
    if (!date.ok())
        return std::nullopt;
    std::size_t i = 19;
    std::int64_t nanos = 0;
    if (i < s.size() && s[i] == '.')
        nanos = fractionAt(s, ++i);
    const auto zone = zoneAt(s, i);
    if (!zone)
        return std::nullopt;
    const sys_seconds t = sys_days{date} + hours{h} + minutes{mi} + seconds{sec} - seconds{*zone};
    return fromUnix(t.time_since_epoch().count(), nanos);
}

} // namespace vigil::plugins::discord
