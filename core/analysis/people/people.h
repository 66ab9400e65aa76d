// SPDX-License-Identifier: GPL-3.0-or-later
// The whole people analysis of a case in one transaction: identity resolution (accounts into
// persons), indicator hits, conversation scores, location, victims with their safeguarding
// priority, and clusters. Called at the end of every ingest, by `vigil analyse`, and after every
// merge or split. Everything it writes is derived and rebuilt each time; only the analyst's
// identity_decisions persist. docs/people.md describes each step.
#pragma once

#include <cstdint>
#include <filesystem>

#include "core/analysis/geo/location.h"
#include "core/analysis/identity/identity.h"
#include "core/casedb/database.h"

namespace vigil::analysis {

struct PeopleOptions {
    std::filesystem::path lexiconDir;    // empty: resourcePath("lexicons/en")
    std::filesystem::path scoringFile;   // empty: resourcePath("lexicons/scoring.json")
    unsigned workers = 0;                // matching threads; 0: one per core
};

struct PeopleSummary {
    IdentitySummary identity;
    LocationSummary location;
    std::int64_t hits = 0, victims = 0, urgent = 0, clusters = 0;
    std::int64_t messages = 0, counted = 0, conversations = 0;   // messages matched, hits counted, scored
    double seconds = 0;
};

// Runs inside a savepoint: within the caller's transaction (a writer job) or on its own. On any
// error nothing of this run is kept and the tables stay as they were.
Result<PeopleSummary> analysePeople(casedb::Database &db, const PeopleOptions &options = {});

} // namespace vigil::analysis
