// SPDX-License-Identifier: GPL-3.0-or-later
// The analyst's identity decisions: merges and splits of persons, recorded by account id in
// identity_decisions (never derived, never rebuilt) and replayed by resolveIdentities on every
// run. Each is written with an audit_log entry (person.merge, person.split, person.undo).
// All run inside the caller's transaction (a writer job); none re-runs the analysis.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/casedb/database.h"

namespace vigil::analysis {

struct IdentityDecision {
    std::int64_t id = 0;
    std::string action;                    // "merge" or "split"
    std::vector<std::int64_t> accountIds;
    std::string note, examiner;
    std::string createdUtc, undoneUtc;     // ISO 8601 UTC; undoneUtc "" while the decision is live
};

// Merge: the persons of these accounts are one person (at least two distinct accounts; a merge
// of two persons is a merge of one account of each). Returns the decision id.
Result<std::int64_t> recordMerge(casedb::Database &db, std::vector<std::int64_t> accountIds,
                                 const std::string &examiner, const std::string &note);
// Split: these accounts leave their person and form a person of their own (those that were in
// one person stay together); no automatic rule joins them back. Returns the decision id.
Result<std::int64_t> recordSplit(casedb::Database &db, std::vector<std::int64_t> accountIds,
                                 const std::string &examiner, const std::string &note);
// Marks a live decision undone; the next resolution no longer replays it.
Result<void> undoDecision(casedb::Database &db, std::int64_t decisionId, const std::string &examiner);
// Every decision, live and undone, oldest first.
Result<std::vector<IdentityDecision>> listDecisions(casedb::Database &db);

} // namespace vigil::analysis
