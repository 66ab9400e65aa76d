// SPDX-License-Identifier: GPL-3.0-or-later
// Where a row came from, as every listing filters it (issue 6): live data, deleted
// file-system entries, carved files, recovered database records, nested content.
// The meaning per kind of row is in docs/recovery-views.md.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/util/error.h"

namespace vigil::casedb {

//            files and media (by their file)         messages and calls (by row and database file)
// All        everything                              everything
// Live       file-system entry, allocated            live or WAL-only row of a live database file
// Deleted    file-system entry, not allocated        row recovered from deleted space, or any row of a
//                                                    deleted database file
// Carved     carved from unallocated space / slack   any row of a carved database file
// Recovered  Deleted + Carved                        Deleted + Carved
// Nested     archive member or embedded file         any row of a database inside an archive / file
// Wal        (not for files: an error)               row that exists only in the write-ahead log
enum class SourceFilter { All, Live, Deleted, Carved, Recovered, Nested, Wal };

// "all", "live", "deleted", "carved", "recovered", "nested", "wal" (case-sensitive).
std::optional<SourceFilter> sourceFilterFromName(std::string_view name);
const char *sourceFilterName(SourceFilter filter);

// The SQL condition a files row (table alias `file`) meets under the filter: "" for All;
// InvalidArgument for Wal (it applies to database records only).
Result<std::string> fileSourceCondition(SourceFilter filter, std::string_view file = "f");

// The SQL condition a message or call row (alias `record`) meets, read from the database
// file `file` (a LEFT JOIN: NULL when the file row is missing, taken as a live file); "" for All.
std::string recordSourceCondition(SourceFilter filter, std::string_view record, std::string_view file);

// One word for where a file came from: "live", "deleted", "carved", "member" or "embedded"
// (an unknown origin is returned as stored).
std::string fileSourceLabel(std::string_view origin, bool allocated);

} // namespace vigil::casedb
