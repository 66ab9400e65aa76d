// SPDX-License-Identifier: GPL-3.0-or-later
// conversation_scores: every conversation with a suspect, scored like a person (risk, stage) from
// all its counted hits, with the other party (one-to-one conversations) and the suspect.
#pragma once

#include <cstdint>
#include <optional>

#include "core/analysis/people/contacts.h"
#include "core/analysis/people/scoring.h"

namespace vigil::analysis {

// Replaces conversation_scores; returns the conversations scored.
Result<std::int64_t> scoreConversations(casedb::Database &db, const PeopleIndex &index, const ContactTables &contacts,
                                        const ScoringRules &rules, std::optional<std::int64_t> referenceTime);

} // namespace vigil::analysis
