// SPDX-License-Identifier: GPL-3.0-or-later
// Low-level reading of Discord's cached JSON: where each element of a top-level array starts
// and ends (so every record can name its byte offset, and the complete elements of a
// truncated file can still be read), and Discord's ISO 8601 timestamps.
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>
#include <vector>

#include "core/util/timeutil.h"

namespace vigil::plugins::discord {

// Bytes [begin, end) of one JSON value in the text.
struct JsonSpan {
    std::size_t begin = 0, end = 0;
};

struct ArrayScan {
    std::vector<JsonSpan> elements;   // the complete top-level elements, in order
    bool complete = false;            // the array is closed and only whitespace follows it
    std::size_t stoppedAt = 0;        // where reading stopped when not complete
};

// Splits the JSON array whose '[' is at `open` into its top-level elements, without parsing
// them. Stops at the first element that does not end (truncation) or at malformed separators.
ArrayScan scanArray(std::string_view text, std::size_t open);

// The index of the first byte after a UTF-8 byte order mark and whitespace.
std::size_t skipLeadingSpace(std::string_view text, std::size_t from = 0);

// "2021-05-01T10:00:00.123456+02:00" (or 'Z', or no zone meaning UTC) to UTC nanoseconds,
// exact to the nanosecond; nullopt when malformed or outside 1970..2199.
std::optional<UtcNanos> parseIsoTime(std::string_view text);

} // namespace vigil::plugins::discord
