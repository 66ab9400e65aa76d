// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/analysis/people/assessment.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <tuple>

#include "core/util/timeutil.h"

namespace vigil::analysis {

namespace {

constexpr std::int64_t kNanosPerDay = 86'400'000'000'000;
constexpr std::size_t kQuotesShown = 2;

using ByKind = std::map<std::string, std::vector<const CountedHit *>>;

// Earliest first; hits without a time after those with one.
bool earlier(const CountedHit *a, const CountedHit *b)
{
    const auto key = [](const CountedHit *h) {
        return std::tuple(h->sentAt.value_or(std::numeric_limits<std::int64_t>::max()), h->messageId, h->entryId);
    };
    return key(a) < key(b);
}

std::string said(const CountedHit &h)
{
    std::string out = "'" + h.quote + "' on " + dayOf(h.sentAt);
    return h.app.empty() ? out : out + " (" + h.app + ")";
}

std::vector<std::int64_t> messageIds(const std::vector<const CountedHit *> &hits)
{
    std::vector<std::int64_t> ids;
    for (const auto *h : hits)
        if (std::ranges::find(ids, h->messageId) == ids.end())
            ids.push_back(h->messageId);
    return ids;
}

std::string plural(std::size_t n, const char *word)
{
    return std::to_string(n) + " " + word + (n == 1 ? "" : "s");
}

casedb::ExplanationItem kindTerm(const std::string &kind, const std::vector<const CountedHit *> &hits, double points)
{
    std::string why = plural(hits.size(), "hit") + ": ";
    for (std::size_t i = 0; i < hits.size() && i < kQuotesShown; ++i)
        why += (i ? "; " : "") + said(*hits[i]);
    if (hits.size() > kQuotesShown)
        why += "; and " + std::to_string(hits.size() - kQuotesShown) + " more";
    return {kind, points, why, messageIds(hits)};
}

void scoreKinds(const ByKind &byKind, const ScoringRules &rules, Assessment &a)
{
    std::vector<casedb::ExplanationItem> terms;
    double sum = 0.0;
    for (const auto &[kind, hits] : byKind) {
        a.indicators[kind] = static_cast<int>(hits.size());
        terms.push_back(kindTerm(kind, hits, rules.pointsOf(kind)));
        sum += rules.pointsOf(kind);
    }
    std::ranges::stable_sort(terms, [](const auto &x, const auto &y) { return x.points > y.points; });
    a.explanation = std::move(terms);
    a.risk = std::min(sum, rules.maxRisk);
    if (sum > rules.maxRisk)
        a.explanation.push_back({"cap", rules.maxRisk - sum,
                                 "the terms add up to " + std::to_string(std::lround(sum)) + "; risk is capped at "
                                     + std::to_string(std::lround(rules.maxRisk)),
                                 {}});
}

// The first hit of the highest stage reached, and of the first coercion.
struct StageFacts {
    const CountedHit *reached = nullptr;
    const CountedHit *firstCoercion = nullptr;
    const CountedHit *lastCoercion = nullptr;
    bool stillCoercing = false;   // the last coercion came within ongoingDays of the reference time
};

StageFacts reachStage(const std::vector<const CountedHit *> &ordered, const ScoringRules &rules, Assessment &a)
{
    StageFacts f;
    for (const auto *h : ordered) {
        const ContactStage s = rules.stageOf(h->kind);
        if (s > a.stage) {
            a.stage = s;
            f.reached = h;
        }
        if (s == ContactStage::Coercion && !f.firstCoercion)
            f.firstCoercion = h;
        if (s == ContactStage::Coercion && h->sentAt)
            f.lastCoercion = h;
    }
    return f;
}

// Coercion becomes "ongoing" when the contact went on long enough after the first coercion, or
// when the coercion was still going on shortly before the latest message of the case (seizure).
void markOngoing(StageFacts &f, const ContactFacts &facts, const ScoringRules &rules,
                 std::optional<std::int64_t> reference, Assessment &a)
{
    if (a.stage != ContactStage::Coercion || !f.firstCoercion || !f.firstCoercion->sentAt || !facts.lastContact)
        return;
    const std::int64_t window = rules.ongoingDays * kNanosPerDay;
    f.stillCoercing = reference && f.lastCoercion && *reference - *f.lastCoercion->sentAt <= window;
    if (*facts.lastContact - *f.firstCoercion->sentAt >= window || f.stillCoercing)
        a.stage = ContactStage::Ongoing;
}

void explainStage(const StageFacts &f, const ContactFacts &facts, Assessment &a)
{
    if (!f.reached)
        return;
    if (a.stage != ContactStage::Ongoing) {
        a.explanation.push_back({"stage", 0.0,
                                 std::string(stageName(a.stage)) + " reached with " + f.reached->kind + " "
                                     + said(*f.reached),
                                 {f.reached->messageId}});
        return;
    }
    const std::int64_t after = *facts.lastContact - *f.firstCoercion->sentAt;
    std::string why = "ongoing: coercion began with " + f.firstCoercion->kind + " " + said(*f.firstCoercion);
    std::vector<std::int64_t> ids{f.firstCoercion->messageId};
    if (f.stillCoercing && f.lastCoercion != f.firstCoercion) {
        why += " and was still going on with " + f.lastCoercion->kind + " " + said(*f.lastCoercion)
               + ", shortly before the latest message in the case";
        ids.push_back(f.lastCoercion->messageId);
    } else if (f.stillCoercing) {
        why += ", shortly before the latest message in the case";
    } else {
        why += " and contact went on until " + dayOf(facts.lastContact) + ", "
               + plural(static_cast<std::size_t>(after / kNanosPerDay), "day") + " later";
    }
    a.explanation.push_back({"stage", 0.0, why, ids});
}

std::optional<int> youngestAge(const std::vector<const CountedHit *> &ageHits)
{
    std::optional<int> stated, implied;
    for (const auto *h : ageHits) {
        if (!h->age)
            continue;
        auto &slot = h->impliedAge ? implied : stated;
        slot = slot ? std::min(*slot, *h->age) : *h->age;
    }
    return stated ? stated : implied;
}

bool isVictim(const Assessment &a, const ScoringRules &rules)
{
    const auto kinds = static_cast<int>(a.indicators.size());
    if (a.risk >= rules.victimMinRisk && kinds >= rules.victimMinKinds)
        return true;
    const bool minor = a.indicators.contains(rules.ageKind) && (!a.statedAge || *a.statedAge < rules.minorBelow);
    return minor && (kinds >= 2 || rules.minorAlone);
}

std::string recencyText(std::optional<std::int64_t> last, std::optional<std::int64_t> reference)
{
    std::string out = "last contact " + dayOf(last);
    if (last && reference)
        out += ", " + plural(static_cast<std::size_t>(std::max<std::int64_t>(0, *reference - *last) / kNanosPerDay), "day")
               + " before the latest message in the case (" + dayOf(reference) + ")";
    return out;
}

void setPriority(const ByKind &byKind, const StageFacts &f, const ContactFacts &facts, const ScoringRules &rules,
                 std::optional<std::int64_t> reference, Assessment &a)
{
    for (const auto &kind : rules.urgentKinds) {
        const auto it = byKind.find(kind);
        if (it == byKind.end())
            continue;
        a.priority = Priority::Urgent;
        a.urgentStatement = true;
        for (const auto *h : it->second)
            a.priorityReasons.push_back("said " + said(*h));
    }
    const bool coercion = a.stage >= ContactStage::Coercion;
    if (coercion && f.firstCoercion) {
        // Coercion that is still going on, with recent contact, is urgent; coercion that stopped is high.
        const bool recent = a.stage == ContactStage::Ongoing && reference && facts.lastContact
                            && *reference - *facts.lastContact <= rules.recentDays * kNanosPerDay;
        if (recent)
            a.priority = Priority::Urgent;
        a.priorityReasons.push_back(std::string(stageName(a.stage)) + ": " + f.firstCoercion->kind + " "
                                    + said(*f.firstCoercion) + "; " + recencyText(facts.lastContact, reference)
                                    + (recent ? " (recent)" : ""));
    } else if (a.stage == ContactStage::Sexualisation && f.reached) {
        a.priorityReasons.push_back("sexualisation: " + f.reached->kind + " " + said(*f.reached));
    }
    if (a.priority == Priority::Urgent)
        return;
    if (a.stage >= ContactStage::Coercion)
        a.priority = Priority::High;
    else if (a.stage == ContactStage::Sexualisation || a.risk >= rules.mediumRisk)
        a.priority = Priority::Medium;
    if (a.priority == Priority::Medium || a.priority == Priority::Low)
        a.priorityReasons.push_back("risk " + std::to_string(std::lround(a.risk)) + " of "
                                    + std::to_string(std::lround(rules.maxRisk))
                                    + (a.priority == Priority::Low ? ", no sexualisation or coercion" : ""));
}

} // namespace

std::string dayOf(std::optional<std::int64_t> nanos)
{
    return nanos ? toIso8601(*nanos).substr(0, 10) : std::string("an unknown date");
}

Assessment assess(const ContactFacts &facts, const ScoringRules &rules, std::optional<std::int64_t> referenceTime)
{
    std::vector<const CountedHit *> ordered;
    for (const auto &h : facts.hits)
        ordered.push_back(&h);
    std::ranges::sort(ordered, earlier);
    ByKind byKind;
    for (const auto *h : ordered)
        byKind[h->kind].push_back(h);
    Assessment a;
    scoreKinds(byKind, rules, a);
    StageFacts stage = reachStage(ordered, rules, a);
    markOngoing(stage, facts, rules, referenceTime, a);
    explainStage(stage, facts, a);
    if (const auto age = byKind.find(rules.ageKind); age != byKind.end())
        a.statedAge = youngestAge(age->second);
    a.victim = isVictim(a, rules);
    setPriority(byKind, stage, facts, rules, referenceTime, a);
    a.explanation.push_back({"recency", 0.0, recencyText(facts.lastContact, referenceTime), {}});
    return a;
}

bool ranksBefore(const Assessment &a, std::optional<std::int64_t> aLast, const Assessment &b,
                 std::optional<std::int64_t> bLast)
{
    const auto key = [](const Assessment &x, std::optional<std::int64_t> last) {
        return std::tuple(static_cast<int>(x.priority), !x.urgentStatement, -x.risk,
                          -last.value_or(std::numeric_limits<std::int64_t>::min() + 1));
    };
    return key(a, aLast) < key(b, bLast);
}

} // namespace vigil::analysis
