// SPDX-License-Identifier: GPL-3.0-or-later
// The transparent score of one person (or one conversation) from its counted indicator hits: risk
// (points per kind, each kind once, capped), stage of contact, safeguarding priority, and every
// term with its reason and the messages behind it. Pure: no database, same input, same output.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/analysis/people/peopleindex.h"
#include "core/analysis/people/scoring.h"
#include "core/casedb/peoplequery.h"

namespace vigil::analysis {

// One counted indicator hit with what the explanation needs.
struct CountedHit {
    std::int64_t messageId = 0, conversationId = 0;
    std::optional<std::int64_t> sentAt;   // UTC ns
    std::string kind, entryId;
    std::string app;     // the app's name for people ("iOS Messages")
    std::string quote;   // the words that matched (valid UTF-8)
    std::optional<int> age;
    bool impliedAge = false;   // from a school year, not a stated number
    SpeakerRole speaker = SpeakerRole::Unknown;
    std::optional<std::int64_t> senderPerson;   // the person whose account sent the message
};

struct ContactFacts {
    std::vector<CountedHit> hits;   // any order
    std::optional<std::int64_t> firstContact, lastContact;
};

struct Assessment {
    double risk = 0.0;
    ContactStage stage = ContactStage::FirstContact;
    Priority priority = Priority::Low;
    std::vector<std::string> priorityReasons;
    // Indicator terms whose points add up to risk (a "cap" term takes off what is above the
    // maximum), then the stage and recency terms (0 points).
    std::vector<casedb::ExplanationItem> explanation;
    std::map<std::string, int> indicators;   // kind -> counted hits
    std::optional<int> statedAge;            // youngest stated age (a number beats a school year)
    bool urgentStatement = false;            // a counted statement of an urgent kind (self-harm)
    bool victim = false;
};

// referenceTime: the latest message time in the case (never the wall clock), for recency.
Assessment assess(const ContactFacts &facts, const ScoringRules &rules, std::optional<std::int64_t> referenceTime);

// Ranking order: priority (among the urgent, those who made a self-harm statement first), then
// risk (higher first), then last contact (recent first).
bool ranksBefore(const Assessment &a, std::optional<std::int64_t> aLast, const Assessment &b,
                 std::optional<std::int64_t> bLast);

// "2024-02-14", or "an unknown date".
std::string dayOf(std::optional<std::int64_t> nanos);

} // namespace vigil::analysis
