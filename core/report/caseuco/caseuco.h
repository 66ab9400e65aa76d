// SPDX-License-Identifier: GPL-3.0-or-later
// CASE 1.4.0 / UCO 1.4.0 JSON-LD export of a case (issue 9, the forensic tool-interchange standard):
// the investigation, the evidence items with their acquisition and verification hashes, the files
// with their hashes, messages and threads, accounts and the persons holding them, the relationships
// between them (contained within, attachment of, has account, read from) and the provenance of it
// all (each ingest run as an investigative action by the examiner with Vigil as its instrument, and
// a provenance record per evidence item). One @graph, written row by row as it is read, through a
// temporary file renamed at the end. `vigil report --format case-uco` calls writeCaseUco.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "core/casedb/database.h"

namespace vigil::report {

struct CaseUcoOptions {
    std::string toolVersion;               // Vigil's version (VIGIL_VERSION)
    std::vector<std::int64_t> personIds;   // restrict messages/threads/accounts to these persons' conversations; empty = all
    std::int64_t maxFiles = -1;            // -1 = every file; for very large cases
};

// What was written. objects counts the top-level nodes of the @graph (facets, hashes and thread
// items are nested in their objects and not counted); files, messages, threads and accounts the
// uco-observable objects of each kind; relationships every uco-core:Relationship.
struct CaseUcoStats {
    std::int64_t objects = 0, files = 0, messages = 0, threads = 0, accounts = 0, relationships = 0;
};

// Writes the case as CASE 1.4.0 / UCO 1.4.0 JSON-LD (one @graph) to `out` through a temp file renamed
// at the end; on any error nothing is left at `out` (an existing file there is left as it was).
Result<CaseUcoStats> writeCaseUco(casedb::Database &db, const std::filesystem::path &out, const CaseUcoOptions &options);

} // namespace vigil::report
