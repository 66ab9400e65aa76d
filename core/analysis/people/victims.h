// SPDX-License-Identifier: GPL-3.0-or-later
// victims: the persons the suspects talked with whose counted indicators meet the victim rule
// (scoring.json), ranked by safeguarding priority, then risk, then last contact, each with the
// explanation of every term and the sentences behind the priority.
#pragma once

#include <cstdint>
#include <optional>

#include "core/analysis/people/contacts.h"
#include "core/analysis/people/scoring.h"

namespace vigil::analysis {

struct VictimStats {
    std::int64_t contacts = 0;   // persons who talked with a suspect
    std::int64_t victims = 0, urgent = 0;
};

// Replaces victims.
Result<VictimStats> rankVictims(casedb::Database &db, const ContactTables &contacts, const ScoringRules &rules,
                                std::optional<std::int64_t> referenceTime);

} // namespace vigil::analysis
