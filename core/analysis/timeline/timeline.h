// SPDX-License-Identifier: GPL-3.0-or-later
// The case timeline (issue 8): every dated thing in the case as one row of `events` — file-system
// MACB times (each its own event), messages (sent, received, read), calls, conversations created,
// media capture times (EXIF), video creation times, web visits and searches. Derived and rebuilt
// whole by buildTimeline at the end of every ingest; docs/timeline.md describes each event.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "core/casedb/database.h"

namespace vigil::analysis {

struct TimelineSummary {
    std::int64_t events = 0;
    std::int64_t file = 0, communication = 0, media = 0, web = 0;   // events per lane
    std::int64_t local = 0, recovered = 0;   // events whose time_basis is 'local' / 'recovered'
    std::int64_t badVideoTimes = 0;          // video creation_time values that could not be read
    double seconds = 0;
};

// Empties `events` and fills it again from the case. Runs inside a savepoint (within the caller's
// transaction, or on its own): on any error nothing of this run is kept.
Result<TimelineSummary> buildTimeline(casedb::Database &db);

// A creation time as ffmpeg reports it ("2024-02-03T10:15:30.000000Z", also with a "+01:00"
// offset or none, taken as UTC, or a space for the 'T') in UTC nanoseconds; nullopt when it is not
// one, or is outside 1970..2200. `precise` is set when it had a fraction of a second.
std::optional<std::int64_t> parseCreationTime(std::string_view text, bool *precise = nullptr);

} // namespace vigil::analysis
