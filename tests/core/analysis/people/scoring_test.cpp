// SPDX-License-Identifier: GPL-3.0-or-later
// The scoring rules (resources/lexicons/scoring.json) and the pure assessment: risk, stage,
// priority, the victim rule, the explanation and the ranking order.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <numeric>

#include "core/analysis/people/assessment.h"
#include "tests/core/analysis/people/peopletest.h"

using namespace vigil;
using namespace vigil::analysis;
using vigil::test::feb;

namespace {

const ScoringRules &rules()
{
    return vigil::test::shippedSetup().rules;
}

CountedHit hit(const std::string &kind, std::int64_t at, std::int64_t messageId, SpeakerRole speaker = SpeakerRole::Other)
{
    CountedHit h;
    h.kind = kind;
    h.entryId = kind + "-entry";
    h.sentAt = at;
    h.messageId = messageId;
    h.conversationId = 1;
    h.app = "WhatsApp";
    h.quote = "words of " + kind;
    h.speaker = speaker;
    return h;
}

ContactFacts facts(std::vector<CountedHit> hits, std::int64_t first, std::int64_t last)
{
    return ContactFacts{std::move(hits), first, last};
}

double explanationSum(const Assessment &a)
{
    return std::accumulate(a.explanation.begin(), a.explanation.end(), 0.0,
                           [](double sum, const casedb::ExplanationItem &i) { return sum + i.points; });
}

const std::int64_t kReference = feb(29, 20);

} // namespace

TEST(ScoringRules, ShippedRulesHaveEveryKindAndStage)
{
    for (const char *kind : {"age-disclosure", "suspect-age-misrepresentation", "sexual-content", "image-request",
                             "webcam-request", "move-platform", "secrecy-isolation", "threat-blackmail",
                             "payment-demand", "involve-others", "account-takeover", "self-harm"})
        EXPECT_GT(rules().pointsOf(kind), 0.0) << kind;
    EXPECT_EQ(rules().pointsOf("threat-blackmail"), 25.0);
    EXPECT_EQ(rules().stageOf("move-platform"), ContactStage::Rapport);
    EXPECT_EQ(rules().stageOf("webcam-request"), ContactStage::Sexualisation);
    EXPECT_EQ(rules().stageOf("involve-others"), ContactStage::Coercion);
    EXPECT_EQ(rules().stageOf("self-harm"), ContactStage::FirstContact);
    EXPECT_TRUE(rules().urgentKinds.contains("self-harm"));
    EXPECT_EQ(rules().recentDays, 14);
}

namespace {

// A small valid rules file with one part replaced.
std::string rulesWith(const std::string &part, const std::string &value)
{
    std::map<std::string, std::string> parts{
        {"points", R"({"a": 5, "b": 10})"},
        {"stages", R"({"rapport": ["a"], "sexualisation": ["b"], "coercion": []})"},
        {"victim", R"({"minRisk": 20, "minKinds": 2, "minorBelow": 18, "minorAlone": false})"},
        {"priority", R"({"urgentKinds": ["b"], "recentDays": 14, "mediumRisk": 20})"}};
    parts[part] = value;
    std::string json = "{";
    for (const auto &[key, v] : parts)
        json += (json.size() > 1 ? ", \"" : "\"") + key + "\": " + v;
    return json + "}";
}

std::string errorOf(const std::string &json)
{
    auto r = parseScoringRules(json, "x.json");
    return r ? std::string("(no error)") : r.error().message;
}

} // namespace

TEST(ScoringRules, BadRulesAreErrorsNamingTheProblem)
{
    auto valid = parseScoringRules(rulesWith("points", R"({"a": 5, "b": 10})"), "x.json");
    ASSERT_TRUE(valid) << valid.error().toString();
    EXPECT_EQ(valid->stageOf("b"), ContactStage::Sexualisation);
    EXPECT_NE(errorOf("{not json").find("Invalid"), std::string::npos);
    EXPECT_NE(errorOf("[]").find("Invalid"), std::string::npos);
    EXPECT_NE(errorOf(rulesWith("points", "{}")).find("points"), std::string::npos);
    EXPECT_NE(errorOf(rulesWith("points", R"({"a": -5})")).find("\"a\""), std::string::npos);
    EXPECT_NE(errorOf(rulesWith("stages", R"({"rapport": ["a"], "sexualisation": ["a"], "coercion": []})")).find("two stages"),
              std::string::npos);
    EXPECT_NE(errorOf(rulesWith("stages", R"({"rapport": "a"})")).find("stages.rapport"), std::string::npos);
    EXPECT_NE(errorOf(rulesWith("victim", R"({"minorAlone": "yes"})")).find("minorAlone"), std::string::npos);
    EXPECT_NE(errorOf(rulesWith("victim", R"({"minKinds": 0})")).find("minKinds"), std::string::npos);
    EXPECT_NE(errorOf(rulesWith("priority", R"({"urgentKinds": [], "recentDays": "soon"})")).find("recentDays"),
              std::string::npos);
    EXPECT_FALSE(loadScoringRules("/nonexistent/scoring.json"));
}

TEST(Assessment, NoIndicatorsIsFirstContactLowAndNotAVictim)
{
    const Assessment a = assess(facts({}, feb(1), feb(2)), rules(), kReference);
    EXPECT_EQ(a.risk, 0.0);
    EXPECT_EQ(a.stage, ContactStage::FirstContact);
    EXPECT_EQ(a.priority, Priority::Low);
    EXPECT_FALSE(a.victim);
    EXPECT_FALSE(a.priorityReasons.empty());
}

TEST(Assessment, EachStageIsTheHighestReached)
{
    EXPECT_EQ(assess(facts({hit("move-platform", feb(1), 1)}, feb(1), feb(1)), rules(), kReference).stage,
              ContactStage::Rapport);
    EXPECT_EQ(assess(facts({hit("move-platform", feb(1), 1), hit("webcam-request", feb(2), 2)}, feb(1), feb(2)),
                     rules(), kReference)
                  .stage,
              ContactStage::Sexualisation);
    // Coercion first, rapport afterwards: still coercion (the highest reached).
    EXPECT_EQ(assess(facts({hit("involve-others", feb(1), 1), hit("secrecy-isolation", feb(1, 13), 2)}, feb(1), feb(1, 13)),
                     rules(), kReference)
                  .stage,
              ContactStage::Coercion);
}

TEST(Assessment, OngoingNeedsContactTwoDaysAfterTheFirstCoercion)
{
    const auto threat = hit("threat-blackmail", feb(3, 10), 1, SpeakerRole::Suspect);
    EXPECT_EQ(assess(facts({threat}, feb(1), feb(5, 10)), rules(), kReference).stage, ContactStage::Ongoing);
    EXPECT_EQ(assess(facts({threat}, feb(1), feb(5, 9, 59)), rules(), kReference).stage, ContactStage::Coercion);
    // A second, later threat does not move the start: the first coercion counts.
    const auto later = hit("payment-demand", feb(5, 0), 2, SpeakerRole::Suspect);
    EXPECT_EQ(assess(facts({later, threat}, feb(1), feb(5, 10)), rules(), kReference).stage, ContactStage::Ongoing);
    // Without a time on the coercion, "ongoing" cannot be shown.
    auto untimed = threat;
    untimed.sentAt.reset();
    EXPECT_EQ(assess(facts({untimed}, feb(1), feb(20)), rules(), kReference).stage, ContactStage::Coercion);
}

TEST(Assessment, CoercionStillGoingOnAtTheCaseReferenceIsOngoingAndUrgent)
{
    // The last threat came a day and a half before the latest message of the case: the device
    // was seized while the coercion went on, even though contact after the first threat was short.
    const auto threat = hit("threat-blackmail", feb(28, 12), 1, SpeakerRole::Suspect);
    const Assessment a = assess(facts({threat}, feb(27), feb(28, 13)), rules(), kReference);
    EXPECT_EQ(a.stage, ContactStage::Ongoing);
    EXPECT_EQ(a.priority, Priority::Urgent);
    bool explained = false;
    for (const auto &term : a.explanation)
        if (term.kind == "stage")
            explained = term.why.find("shortly before the latest message in the case") != std::string::npos;
    EXPECT_TRUE(explained);
    // Two days and a minute before the reference: it had stopped; coercion, high.
    const auto earlier = hit("threat-blackmail", feb(27, 19, 59), 1, SpeakerRole::Suspect);
    const Assessment b = assess(facts({earlier}, feb(27), feb(27, 20)), rules(), kReference);
    EXPECT_EQ(b.stage, ContactStage::Coercion);
    EXPECT_EQ(b.priority, Priority::High);
}

TEST(Assessment, SelfHarmIsUrgentWhateverElse)
{
    const Assessment a = assess(facts({hit("self-harm", feb(2), 7), hit("age-disclosure", feb(1), 3)}, feb(1), feb(2)),
                                rules(), kReference);
    EXPECT_EQ(a.priority, Priority::Urgent);
    ASSERT_FALSE(a.priorityReasons.empty());
    EXPECT_EQ(a.priorityReasons.front(), "said 'words of self-harm' on 2024-02-02 (WhatsApp)");
    EXPECT_TRUE(a.victim);   // a minor plus another kind
}

TEST(Assessment, OngoingCoercionIsUrgentOnlyWithinFourteenDaysOfTheCaseReference)
{
    const auto threat = hit("threat-blackmail", feb(10), 1, SpeakerRole::Suspect);
    // Ongoing (contact went on 5 days after the threat); last contact 14 days before the
    // reference: urgent; one minute more: high.
    EXPECT_EQ(assess(facts({threat}, feb(1), feb(15, 20)), rules(), feb(29, 20)).priority, Priority::Urgent);
    EXPECT_EQ(assess(facts({threat}, feb(1), feb(15, 19, 59)), rules(), feb(29, 20)).priority, Priority::High);
    // The reference is the case's latest message, not today: the same facts judged against a
    // reference a year later are not recent.
    EXPECT_EQ(assess(facts({threat}, feb(1), feb(15, 20)), rules(), feb(29, 20) + 365LL * 86400 * 1'000'000'000)
                  .priority,
              Priority::High);
    // No reference (no message times in the case): never "recent".
    EXPECT_EQ(assess(facts({threat}, feb(1), feb(15, 20)), rules(), std::nullopt).priority, Priority::High);
}

TEST(Assessment, HighMediumAndLow)
{
    // Coercion that stopped long ago: high, not urgent, even with recent contact after it.
    const Assessment high = assess(facts({hit("threat-blackmail", feb(27, 10), 1, SpeakerRole::Suspect)}, feb(1), feb(27, 11)),
                                   rules(), kReference);
    EXPECT_EQ(high.stage, ContactStage::Coercion);
    EXPECT_EQ(high.priority, Priority::High);
    EXPECT_EQ(assess(facts({hit("image-request", feb(2), 1, SpeakerRole::Suspect)}, feb(1), feb(2)), rules(), kReference)
                  .priority,
              Priority::Medium);
    const Assessment rapport = assess(facts({hit("secrecy-isolation", feb(2), 1), hit("suspect-age-misrepresentation", feb(2), 2)},
                                            feb(1), feb(2)),
                                      rules(), kReference);
    EXPECT_EQ(rapport.risk, 20.0);
    EXPECT_EQ(rapport.priority, Priority::Low);   // rapport below the medium risk (50)
    EXPECT_TRUE(rapport.victim);
    const Assessment low = assess(facts({hit("move-platform", feb(2), 1)}, feb(1), feb(2)), rules(), kReference);
    EXPECT_EQ(low.priority, Priority::Low);
    EXPECT_FALSE(low.victim);
}

TEST(Assessment, AKindCountsOnceHoweverOftenAndTheCountIsShown)
{
    const Assessment a = assess(facts({hit("image-request", feb(2), 1), hit("image-request", feb(3), 2),
                                       hit("image-request", feb(4), 3)},
                                      feb(1), feb(4)),
                                rules(), kReference);
    EXPECT_EQ(a.risk, 15.0);
    EXPECT_EQ(a.indicators.at("image-request"), 3);
    ASSERT_FALSE(a.explanation.empty());
    EXPECT_EQ(a.explanation.front().messageIds, (std::vector<std::int64_t>{1, 2, 3}));
    EXPECT_NE(a.explanation.front().why.find("3 hits"), std::string::npos);
    EXPECT_NE(a.explanation.front().why.find("and 1 more"), std::string::npos);
}

TEST(Assessment, ExplanationPointsAddUpToTheRiskAlsoWhenCapped)
{
    std::vector<CountedHit> all;
    std::int64_t id = 0;
    for (const auto &[kind, points] : rules().points)
        all.push_back(hit(kind, feb(2), ++id));
    const Assessment capped = assess(facts(all, feb(1), feb(2)), rules(), kReference);
    EXPECT_EQ(capped.risk, 100.0);
    EXPECT_DOUBLE_EQ(explanationSum(capped), capped.risk);
    EXPECT_TRUE(std::ranges::any_of(capped.explanation, [](const auto &i) { return i.kind == "cap" && i.points < 0; }));
    const Assessment some = assess(facts({hit("payment-demand", feb(2), 1), hit("age-disclosure", feb(2), 2)}, feb(1), feb(2)),
                                   rules(), kReference);
    EXPECT_EQ(some.risk, 35.0);
    EXPECT_DOUBLE_EQ(explanationSum(some), some.risk);
    // Terms are ordered by points, highest first.
    EXPECT_EQ(some.explanation.front().kind, "payment-demand");
}

TEST(Assessment, VictimRule)
{
    // One strong kind alone is not enough ("or else" to a brother, "paypal" to a shop) ...
    EXPECT_FALSE(assess(facts({hit("threat-blackmail", feb(2), 1)}, feb(1), feb(2)), rules(), kReference).victim);
    // ... two kinds reaching the threshold are, and so is a disclosed minor with one other kind.
    EXPECT_TRUE(assess(facts({hit("threat-blackmail", feb(2), 1), hit("move-platform", feb(2), 2)}, feb(1), feb(2)),
                       rules(), kReference)
                    .victim);
    ScoringRules strict = rules();
    strict.minorAlone = false;
    auto age = hit("age-disclosure", feb(2), 1);
    age.age = 12;
    const Assessment minor = assess(facts({age, hit("move-platform", feb(2), 2)}, feb(1), feb(2)), strict, kReference);
    EXPECT_TRUE(minor.victim);
    EXPECT_EQ(minor.statedAge, 12);
    EXPECT_FALSE(assess(facts({age}, feb(1), feb(2)), strict, kReference).victim);
    // The shipped policy: a child who told the suspect their age is a victim even with nothing
    // else yet (low priority).
    EXPECT_TRUE(rules().minorAlone);
    const Assessment alone = assess(facts({age}, feb(1), feb(2)), rules(), kReference);
    EXPECT_TRUE(alone.victim);
    EXPECT_EQ(alone.priority, Priority::Low);
    EXPECT_EQ(alone.stage, ContactStage::FirstContact);   // saying one's age is not yet grooming
    // An adult's age is never counted, so it never makes a victim.
    age.age = 34;
    EXPECT_FALSE(assess(facts({age}, feb(1), feb(2)), rules(), kReference).victim);
}

TEST(Assessment, StatedAgeIsTheYoungestNumberAndBeatsASchoolYear)
{
    auto fourteen = hit("age-disclosure", feb(2), 1);
    fourteen.age = 14;
    auto thirteen = hit("age-disclosure", feb(3), 2);
    thirteen.age = 13;
    auto year = hit("age-disclosure", feb(4), 3);
    year.age = 12;
    year.impliedAge = true;
    EXPECT_EQ(assess(facts({fourteen, thirteen, year}, feb(1), feb(4)), rules(), kReference).statedAge, 13);
    EXPECT_EQ(assess(facts({year}, feb(1), feb(4)), rules(), kReference).statedAge, 12);
}

TEST(Assessment, RankingIsPriorityThenRiskThenRecentContact)
{
    Assessment urgent, high, highRisky;
    urgent.priority = Priority::Urgent;
    urgent.risk = 10;
    high.priority = Priority::High;
    high.risk = 50;
    highRisky.priority = Priority::High;
    highRisky.risk = 60;
    EXPECT_TRUE(ranksBefore(urgent, feb(1), high, feb(20)));
    EXPECT_TRUE(ranksBefore(highRisky, feb(1), high, feb(20)));
    EXPECT_TRUE(ranksBefore(high, feb(20), high, feb(19)));
    EXPECT_TRUE(ranksBefore(high, feb(1), high, std::nullopt));   // no contact time ranks last
    EXPECT_FALSE(ranksBefore(high, feb(20), high, feb(20)));     // a full tie: neither first
    // Among the urgent, a self-harm statement comes before a higher risk.
    Assessment selfHarm = urgent, coerced = urgent;
    selfHarm.urgentStatement = true;
    coerced.risk = 90;
    EXPECT_TRUE(ranksBefore(selfHarm, feb(1), coerced, feb(20)));
    EXPECT_FALSE(ranksBefore(coerced, feb(20), selfHarm, feb(1)));
}
