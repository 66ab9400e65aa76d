// SPDX-License-Identifier: GPL-3.0-or-later
// Indicator hits: every message with a body in a conversation with a suspect is matched against
// the lexicon (on every core), and each hit is written to indicator_hits with who said it and
// whether it counts: a kind counts only when said by the side its lexicon file names (the child's
// age and self-harm statements by the other party, requests and threats by the suspect, sexual
// content by either). Hits that do not count are kept (counted = 0) for the analyst.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "core/analysis/people/assessment.h"
#include "core/analysis/indicators/matcher.h"
#include "core/analysis/people/peopleindex.h"
#include "core/analysis/people/scoring.h"
#include "core/casedb/database.h"

namespace vigil::analysis {

struct HitStats {
    std::int64_t messages = 0;   // messages matched
    std::int64_t hits = 0, counted = 0;
};

// Whether a hit of `hit.kind` said by `speaker` counts, given the speaker its kind needs.
bool hitCounts(const IndicatorHit &hit, Speaker needed, SpeakerRole speaker, const ScoringRules &rules);

// Replaces indicator_hits. workers: matching threads (0: one per core).
Result<HitStats> findIndicatorHits(casedb::Database &db, const PeopleIndex &index, const IndicatorMatcher &matcher,
                                   const ScoringRules &rules, unsigned workers = 0);

// The counted hits back from indicator_hits, with the words that matched, the app and the sender
// (oldest hit first). `lexicon` tells which entries imply an age from a school year.
Result<std::vector<CountedHit>> loadCountedHits(casedb::Database &db, const PeopleIndex &index, const Lexicon &lexicon);

} // namespace vigil::analysis
