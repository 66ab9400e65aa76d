// SPDX-License-Identifier: GPL-3.0-or-later
// How much of a case was recovered, per source (issue 6): deleted and carved files, nested
// content, media from them, and database records recovered from deleted space. For the case
// summary (`vigil summary`, the desktop's evidence page).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/casedb/database.h"

namespace vigil::casedb {

struct RecoveryCounts {
    struct Files {
        std::int64_t total = 0;
        std::int64_t live = 0;               // file-system entries, allocated
        std::int64_t deleted = 0;            // file-system entries, not allocated
        std::int64_t carvedUnallocated = 0;  // carved from unallocated space (no parent)
        std::int64_t carvedSlack = 0;        // carved from the slack of a file (parent set)
        std::int64_t carvedPartial = 0;      // carved, reported partial (fragmented / overwritten)
        std::int64_t members = 0;            // archive members
        std::int64_t embedded = 0;           // found inside other files' bytes
        std::int64_t carved() const { return carvedUnallocated + carvedSlack; }
        std::int64_t nested() const { return members + embedded; }
        std::int64_t recovered() const { return deleted + carved(); }
    };
    // Analysed images and videos by the source of their file.
    struct Media {
        std::int64_t total = 0, live = 0, deleted = 0, carved = 0, nested = 0;
        std::int64_t recovered() const { return deleted + carved; }
    };
    // Messages or calls.
    struct Records {
        std::int64_t total = 0;
        std::int64_t live = 0;        // record_source 'live'
        std::int64_t walOnly = 0;     // live rows found only in the write-ahead log
        std::int64_t recovered = 0;   // recovered from deleted space in a database
        // Recovered rows per place: freeblock, unallocated, freelist, wal, journal (always
        // listed, in this order), then any other value stored ("" when none was).
        std::vector<std::pair<std::string, std::int64_t>> recoveredFrom;
        std::int64_t fromDeletedDatabases = 0;   // any row read from a deleted database file
        std::int64_t fromCarvedDatabases = 0;
        std::int64_t fromNestedDatabases = 0;    // inside an archive or another file
        // The rows the Deleted and Recovered source filters show (recovered rows and rows of
        // deleted databases; those and rows of carved databases).
        std::int64_t deletedView = 0, recoveredView = 0;
    };
    Files files;
    Media media;
    Records messages, calls;
};

// The counts for one evidence item, or for the whole case.
Result<RecoveryCounts> recoveryCounts(Database &db, std::optional<std::int64_t> evidenceId = std::nullopt);

} // namespace vigil::casedb
