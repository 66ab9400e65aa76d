// SPDX-License-Identifier: GPL-3.0-or-later
// The scoring rules of the people analysis, as data (resources/lexicons/scoring.json): points per
// indicator kind, the kinds that mark each stage of contact, and the victim and safeguarding
// priority thresholds. docs/people.md explains them.
#pragma once

#include <filesystem>
#include <map>
#include <set>
#include <string>

#include "core/util/error.h"

namespace vigil::analysis {

// Stages of contact, in the order they are reached.
enum class ContactStage { FirstContact, Rapport, Sexualisation, Coercion, Ongoing };
// Safeguarding priority, most urgent first.
enum class Priority { Urgent, High, Medium, Low };

const char *stageName(ContactStage stage);
const char *priorityName(Priority priority);

struct ScoringRules {
    std::map<std::string, double> points;             // kind -> points (a kind counts once)
    double maxRisk = 100.0;
    std::map<std::string, ContactStage> stageOfKind;  // rapport, sexualisation or coercion
    int ongoingDays = 2;       // coercion becomes "ongoing" when contact goes on this long after it
    // A victim: risk >= victimMinRisk from at least victimMinKinds kinds, or a stated age below
    // minorBelow (a counted hit of ageKind) together with any other counted kind.
    double victimMinRisk = 20.0;
    int victimMinKinds = 2;
    int minorBelow = 18;
    std::string ageKind = "age-disclosure";
    bool minorAlone = false;   // true: a disclosed minor is a victim without any other kind
    std::set<std::string> urgentKinds;   // one counted statement makes the priority urgent
    int recentDays = 14;                 // coercion with contact this recent is urgent
    double mediumRisk = 20.0;

    double pointsOf(const std::string &kind) const;
    ContactStage stageOf(const std::string &kind) const;   // FirstContact for kinds of no stage
};

Result<ScoringRules> parseScoringRules(const std::string &json, const std::string &source);
Result<ScoringRules> loadScoringRules(const std::filesystem::path &file);

} // namespace vigil::analysis
