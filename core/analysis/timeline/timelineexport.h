// SPDX-License-Identifier: GPL-3.0-or-later
// The timeline written out: CSV (every field of every event) or a Sleuth Kit body file for
// mactime and plaso (bodyfile.h). One writer for `vigil timeline` and the desktop's export.
// Columns and field use: docs/timeline.md.
#pragma once

#include <cstdint>
#include <ostream>
#include <string>
#include <vector>

#include "core/casedb/timelinequery.h"

namespace vigil::analysis {

enum class TimelineFormat { Csv, BodyFile };

std::vector<std::string> timelineCsvHeader();
std::vector<std::string> timelineCsvFields(const casedb::TimelineEvent &e);

// Writes the filter's events (lane "analyst": the audit log's entries) in time order; returns how
// many. A body file is written once every event is read (one line per file gathers its times).
Result<std::int64_t> writeTimeline(casedb::Database &db, const casedb::TimelineFilter &filter, TimelineFormat format,
                                   std::ostream &out);

} // namespace vigil::analysis
