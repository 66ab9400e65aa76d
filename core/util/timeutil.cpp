// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/util/timeutil.h"

#include <chrono>
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

std::string nowIso8601()
{
    return toIso8601(nowUtcNanos());
}

} // namespace vigil
