// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace vigil {

// Times are kept as nanoseconds since 1970-01-01T00:00:00Z (UTC). Absent times are nullopt.
using UtcNanos = std::int64_t;

std::optional<UtcNanos> fromUnix(std::int64_t seconds, std::int64_t nanos = 0);
// ISO 8601 in UTC with a 'Z'; fractional seconds only when non-zero (up to 9 digits).
std::string toIso8601(UtcNanos t);
std::string nowIso8601();
UtcNanos nowUtcNanos();

// Times as apps store them. Each returns nullopt for 0 and for values outside
// 1970-01-01 .. 2200-01-01 (junk, or a column in another unit), never an overflowed value.
// Times given as floating-point seconds are kept to the microsecond (what a double holds).
std::optional<UtcNanos> fromUnixSeconds(double seconds);
std::optional<UtcNanos> fromUnixMillis(std::int64_t millis);
std::optional<UtcNanos> fromUnixMicros(std::int64_t micros);
// Apple "Cocoa"/Core Data time: seconds since 2001-01-01 UTC.
std::optional<UtcNanos> fromCocoaSeconds(double seconds);
// iOS Messages: seconds since 2001 before iOS 11, nanoseconds since 2001 from iOS 11 on;
// told apart by magnitude.
std::optional<UtcNanos> fromCocoaSecondsOrNanos(std::int64_t value);
// WebKit/Chrome time: microseconds since 1601-01-01 UTC.
std::optional<UtcNanos> fromWebkitMicros(std::int64_t micros);

} // namespace vigil
