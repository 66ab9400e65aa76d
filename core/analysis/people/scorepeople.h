// SPDX-License-Identifier: GPL-3.0-or-later
// The scoring half of the people analysis, on persons already resolved: indicator hits,
// conversation scores, victims and clusters. analysePeople (people.h) runs identity resolution and
// location around it; tests and tools that fill persons themselves call this directly.
#pragma once

#include <cstdint>
#include <filesystem>

#include "core/analysis/indicators/matcher.h"
#include "core/analysis/people/scoring.h"
#include "core/casedb/database.h"

namespace vigil::analysis {

struct ScoreOptions {
    std::filesystem::path lexiconDir;    // empty: resourcePath("lexicons/en")
    std::filesystem::path scoringFile;   // empty: resourcePath("lexicons/scoring.json")
    unsigned workers = 0;                // matching threads; 0: one per core
};

struct ScoreSummary {
    std::int64_t messages = 0;   // messages matched (with a body, in conversations with a suspect)
    std::int64_t hits = 0, counted = 0, conversations = 0, contacts = 0, victims = 0, urgent = 0, clusters = 0;
};

// The lexicon and the scoring rules the options name.
struct ScoringSetup {
    IndicatorMatcher matcher;
    ScoringRules rules;
};
Result<ScoringSetup> loadScoringSetup(const ScoreOptions &options);

// Replaces indicator_hits, conversation_scores and victims and sets persons.cluster_id, from
// persons and person_accounts as they are. Call inside a transaction (it does not open one).
Result<ScoreSummary> scorePeople(casedb::Database &db, const ScoringSetup &setup, unsigned workers = 0);

} // namespace vigil::analysis
