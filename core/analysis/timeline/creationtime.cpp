// SPDX-License-Identifier: GPL-3.0-or-later
// Video creation times as ffmpeg's demuxers report them (ISO 8601 text).
#include "core/analysis/timeline/timeline.h"

#include <chrono>
#include <cstddef>

namespace vigil::analysis {

namespace {

constexpr std::int64_t kNs = 1'000'000'000LL;

class Reader {
public:
    explicit Reader(std::string_view text) : m_text(text) {}
    bool atEnd() const { return m_pos >= m_text.size(); }
    char peek() const { return atEnd() ? '\0' : m_text[m_pos]; }
    bool take(char c)
    {
        if (peek() != c)
            return false;
        ++m_pos;
        return true;
    }
    // Exactly `digits` decimal digits.
    std::optional<int> number(int digits)
    {
        int v = 0;
        for (int i = 0; i < digits; ++i) {
            const char c = peek();
            if (c < '0' || c > '9')
                return std::nullopt;
            v = v * 10 + (c - '0');
            ++m_pos;
        }
        return v;
    }
    // Digits after a decimal point as nanoseconds (digits past the ninth are ignored).
    std::int64_t fraction(bool &any)
    {
        std::int64_t ns = 0, scale = 100'000'000;
        while (peek() >= '0' && peek() <= '9') {
            ns += (peek() - '0') * scale;
            scale /= 10;
            any = true;
            ++m_pos;
        }
        return ns;
    }

private:
    std::string_view m_text;
    std::size_t m_pos = 0;
};

// Seconds east of UTC from "Z", "+01:00", "-0500" or nothing (UTC); nullopt when malformed.
std::optional<std::int64_t> zoneOffset(Reader &r)
{
    if (r.atEnd() || r.take('Z') || r.take('z'))
        return r.atEnd() ? std::optional<std::int64_t>(0) : std::nullopt;
    const int sign = r.take('+') ? 1 : (r.take('-') ? -1 : 0);
    if (sign == 0)
        return std::nullopt;
    auto h = r.number(2);
    r.take(':');
    auto m = r.number(2);
    if (!h || !m || *h > 14 || *m > 59 || !r.atEnd())
        return std::nullopt;
    return sign * (*h * 3600 + *m * 60);
}

} // namespace

std::optional<std::int64_t> parseCreationTime(std::string_view text, bool *precise)
{
    Reader r(text);
    auto y = r.number(4);
    if (!y || !r.take('-'))
        return std::nullopt;
    auto mo = r.number(2);
    if (!mo || !r.take('-'))
        return std::nullopt;
    auto d = r.number(2);
    if (!d || !(r.take('T') || r.take(' ')))
        return std::nullopt;
    auto h = r.number(2);
    if (!h || !r.take(':'))
        return std::nullopt;
    auto mi = r.number(2);
    if (!mi || !r.take(':'))
        return std::nullopt;
    auto s = r.number(2);
    if (!s || *h > 23 || *mi > 59 || *s > 60)
        return std::nullopt;
    bool hasFraction = false;
    std::int64_t frac = 0;
    if (r.take('.')) {
        frac = r.fraction(hasFraction);
        if (!hasFraction)
            return std::nullopt;   // a point with no digits
    }
    auto offset = zoneOffset(r);
    if (!offset)
        return std::nullopt;
    const std::chrono::year_month_day ymd{std::chrono::year(*y), std::chrono::month(unsigned(*mo)),
                                          std::chrono::day(unsigned(*d))};
    if (!ymd.ok() || *y < 1970 || *y >= 2200)
        return std::nullopt;
    const std::int64_t days = std::chrono::sys_days(ymd).time_since_epoch().count();
    const std::int64_t secs = days * 86400 + *h * 3600 + *mi * 60 + *s - *offset;
    if (secs <= 0)
        return std::nullopt;   // 1970-01-01T00:00:00: muxers write it for "not set"
    if (precise)
        *precise = hasFraction && frac != 0;
    return secs * kNs + frac;
}

} // namespace vigil::analysis
