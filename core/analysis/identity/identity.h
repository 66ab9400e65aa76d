// SPDX-License-Identifier: GPL-3.0-or-later
// Identity resolution (issue 7): the accounts of a case (one per app, key and evidence item) are
// joined into persons by shared identifiers — the device owner's accounts, the same phone number,
// email, app account on two devices, distinctive username, or one address-book entry listing
// several of them — and then by the analyst's merges and splits (identity_decisions). Every
// account records the rule that put it in its person, a sentence saying why, and the account it
// was linked to. docs/people.md, "Identity resolution", states the rules and their limits.
#pragma once

#include <cstdint>
#include <filesystem>

#include "core/casedb/database.h"

namespace vigil::analysis {

struct IdentitySummary {
    std::int64_t persons = 0, suspects = 0, accounts = 0, joined = 0, decisionsApplied = 0;
};

struct IdentityOptions {
    // One generic username a line ('#' starts a comment); empty: the shipped
    // resources/identity/generic-usernames.txt. When no list can be read the username rule is
    // left out (logged), never applied without it.
    std::filesystem::path genericUsernames;
};

// Deletes and rebuilds `persons` and `person_accounts` (nothing else) from accounts, contacts and
// the live identity_decisions. Runs inside the caller's transaction (a writer job). Deterministic:
// the same case gives the same persons, numbered in the order of their smallest account id.
// The tables that refer to persons (person_locations, conversation_scores, victims) must be empty
// (analysePeople clears them first); otherwise an InvalidArgument error and nothing is changed.
// summary.joined counts accounts that joined another account (accounts - persons).
Result<IdentitySummary> resolveIdentities(casedb::Database &db);
Result<IdentitySummary> resolveIdentities(casedb::Database &db, const IdentityOptions &options);

} // namespace vigil::analysis
