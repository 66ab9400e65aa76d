// SPDX-License-Identifier: GPL-3.0-or-later
// Which countries' clocks showed a given local time at a given UTC instant (IANA time zones
// through QTimeZone, daylight saving time included).
#pragma once

#include <cstdint>
#include <map>
#include <set>
#include <string>

namespace vigil::analysis {

// ISO 3166-1 alpha-2 -> the UTC offsets (minutes east) of its zones that fit.
using ZoneFit = std::map<std::string, std::set<int>>;

// Countries with a time zone whose local time at `utcNanos` (nanoseconds since 1970, UTC) lies
// in [statedMinute - earlyMinutes, statedMinute + lateMinutes], minutes of the day, across
// midnight. Zones without a country (Etc/GMT+5, UTC) are left out. `among`, when given, limits
// the answer (and the work) to those countries. Thread-safe; the zone table is read once per
// process.
ZoneFit countriesAtLocalTime(std::int64_t utcNanos, int statedMinute, int earlyMinutes, int lateMinutes,
                             const std::set<std::string> *among = nullptr);

// "UTC+05:30", "UTC-04:00".
std::string formatUtcOffset(int minutes);

} // namespace vigil::analysis
