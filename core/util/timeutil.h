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

} // namespace vigil
