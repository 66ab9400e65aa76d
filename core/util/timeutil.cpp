// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/util/timeutil.h"

#include <chrono>
#include <cmath>
#include <cstdio>
#include <ctime>

namespace vigil {

std::optional<UtcNanos> fromUnix(std::int64_t seconds, std::int64_t nanos)
{
    if (seconds == 0 && nanos == 0)
        return std::nullopt;   // file systems use 0 for "not set"
    return seconds * 1'000'000'000LL + nanos;
}

std::string toIso8601(UtcNanos t)
{
    std::int64_t secs = t / 1'000'000'000LL;
    std::int64_t frac = t % 1'000'000'000LL;
    if (frac < 0) {
        frac += 1'000'000'000LL;
        --secs;
    }
    std::time_t tt = static_cast<std::time_t>(secs);
    std::tm tm{};
    gmtime_r(&tt, &tm);
    char buf[64];
    int n = std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d", tm.tm_year + 1900,
                          tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec);
    std::string out(buf, static_cast<std::size_t>(n));
    if (frac != 0) {
        std::snprintf(buf, sizeof buf, ".%09lld", static_cast<long long>(frac));
        std::string f(buf);
        while (f.back() == '0')
            f.pop_back();
        out += f;
    }
    return out + "Z";
}

UtcNanos nowUtcNanos()
{
    using namespace std::chrono;
    return duration_cast<nanoseconds>(system_clock::now().time_since_epoch()).count();
}

namespace {

constexpr std::int64_t kNanosPerSecond = 1'000'000'000LL;
constexpr double kMaxSeconds = 7'258'118'400.0;           // 2200-01-01T00:00:00Z
constexpr std::int64_t kCocoaEpoch = 978'307'200;          // 2001-01-01 in Unix seconds
constexpr std::int64_t kWebkitEpochMicros = 11'644'473'600'000'000LL;   // 1601 -> 1970

// `seconds` after an epoch `epoch` seconds after 1970. Whole seconds and the fraction are
// split before the epoch is added, and the fraction is rounded to the microsecond: a double
// near 5e8 carries about 0.1 µs, so 457260372.024 s after 2001 is …:12.024, not
// …:12.023999989.
std::optional<UtcNanos> checkedSeconds(double seconds, std::int64_t epoch = 0)
{
    if (!(seconds + static_cast<double>(epoch) > 0.0 && seconds + static_cast<double>(epoch) < kMaxSeconds))
        return std::nullopt;   // also rejects NaN
    const double whole = std::floor(seconds);
    auto frac = static_cast<std::int64_t>(std::llround((seconds - whole) * 1e6)) * 1000;
    auto secs = static_cast<std::int64_t>(whole) + epoch;
    if (frac >= kNanosPerSecond) {
        frac -= kNanosPerSecond;
        ++secs;
    }
    return secs * kNanosPerSecond + frac;
}

std::optional<UtcNanos> checkedScaled(std::int64_t value, std::int64_t perSecond)
{
    if (value <= 0 || static_cast<double>(value) / static_cast<double>(perSecond) >= kMaxSeconds)
        return std::nullopt;
    return (value / perSecond) * kNanosPerSecond + (value % perSecond) * (kNanosPerSecond / perSecond);
}

} // namespace

std::optional<UtcNanos> fromUnixSeconds(double seconds)
{
    return checkedSeconds(seconds);
}

std::optional<UtcNanos> fromUnixMillis(std::int64_t millis)
{
    return checkedScaled(millis, 1000);
}

std::optional<UtcNanos> fromUnixMicros(std::int64_t micros)
{
    return checkedScaled(micros, 1'000'000);
}

std::optional<UtcNanos> fromCocoaSeconds(double seconds)
{
    if (seconds == 0.0)
        return std::nullopt;
    return checkedSeconds(seconds, kCocoaEpoch);
}

std::optional<UtcNanos> fromCocoaSecondsOrNanos(std::int64_t value)
{
    if (value == 0)
        return std::nullopt;
    if (value > 100'000'000'000LL || value < -100'000'000'000LL) {   // beyond ~5,000 years of seconds: nanoseconds
        const std::int64_t secs = value / kNanosPerSecond;
        auto base = checkedSeconds(static_cast<double>(secs), kCocoaEpoch);
        return base ? std::optional(*base + value % kNanosPerSecond) : std::nullopt;
    }
    return checkedSeconds(static_cast<double>(value), kCocoaEpoch);
}

std::optional<UtcNanos> fromWebkitMicros(std::int64_t micros)
{
    if (micros <= kWebkitEpochMicros)
        return std::nullopt;
    return checkedScaled(micros - kWebkitEpochMicros, 1'000'000);
}

std::string nowIso8601()
{
    return toIso8601(nowUtcNanos());
}

} // namespace vigil
