// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/report/reportmodel.h"

#include <algorithm>
#include <set>

#include "core/casedb/mediaquery.h"
#include "core/casedb/timelinequery.h"
#include "core/report/redaction.h"
#include "core/util/timeutil.h"
#include "core/util/version.h"

namespace vigil::report {

namespace {

bool chosen(const ReportOptions &options, const casedb::VictimRow &v)
{
    if (!options.country.empty() && v.country != options.country)
        return false;
    return options.victimIds.empty()
           || std::find(options.victimIds.begin(), options.victimIds.end(), v.personId) != options.victimIds.end();
}

// Kinds that set a child's safeguarding priority: their messages are quoted first.
constexpr std::string_view kSafeguardingKinds[] = {"self-harm", "threat-blackmail"};
constexpr double kSafeguardingWeight = 1000.0;

// Weight per indicator kind: its points in this victim's explanation, safeguarding kinds above all.
std::map<std::string, double> kindWeights(const std::vector<casedb::ExplanationItem> &explanation)
{
    std::map<std::string, double> weights;
    for (const auto &item : explanation)
        weights[item.kind] += item.points;
    for (std::string_view kind : kSafeguardingKinds)
        weights[std::string(kind)] += kSafeguardingWeight;
    return weights;
}

std::vector<std::string> kindsOf(const casedb::TriggerMessage &m)
{
    std::set<std::string> kinds;
    for (const auto &span : m.spans)
        kinds.insert(span.kind);
    return {kinds.begin(), kinds.end()};
}

// Up to `limit` triggering messages: the self-harm statements and threats, then the heaviest kinds;
// shown oldest first.
Result<std::vector<QuotedMessage>> keyMessages(casedb::Database &db, std::int64_t personId,
                                                const std::vector<casedb::ExplanationItem> &explanation,
                                                int limit, const Redactor &redactor)
{
    auto triggers = casedb::triggerMessages(db, personId);
    if (!triggers)
        return std::unexpected(triggers.error());
    const auto weights = kindWeights(explanation);
    auto weight = [&](const casedb::TriggerMessage &m) {
        double best = 0.0;
        for (const auto &kind : kindsOf(m)) {
            auto it = weights.find(kind);
            best = std::max(best, it != weights.end() ? it->second : 0.0);
        }
        return best;
    };
    std::vector<casedb::TriggerMessage> picked = std::move(*triggers);
    std::stable_sort(picked.begin(), picked.end(), [&](const auto &a, const auto &b) { return weight(a) > weight(b); });
    if (limit >= 0 && picked.size() > static_cast<std::size_t>(limit))
        picked.resize(static_cast<std::size_t>(limit));
    std::stable_sort(picked.begin(), picked.end(), [](const auto &a, const auto &b) {
        return a.sentAt.value_or(0) != b.sentAt.value_or(0) ? a.sentAt.value_or(0) < b.sentAt.value_or(0)
                                                            : a.messageId < b.messageId;
    });
    std::vector<QuotedMessage> out;
    for (const auto &m : picked) {
        auto source = casedb::messageSource(db, m.messageId);
        if (!source)
            return std::unexpected(source.error());
        if (*source)
            (*source)->path = redactor.text((*source)->path);
        out.push_back({m.messageId, m.sentAt, m.app, redactor.text(m.sender), m.speaker, redactor.text(m.body),
                       kindsOf(m), std::move(*source)});
    }
    return out;
}

Result<VictimFinding> finding(casedb::Database &db, casedb::VictimRow victim, const ReportOptions &options,
                              const Redactor &redactor)
{
    VictimFinding f;
    auto explanation = casedb::victimExplanation(db, victim.personId);
    if (!explanation)
        return std::unexpected(explanation.error());
    auto messages = keyMessages(db, victim.personId, *explanation, options.keyMessagesPerVictim, redactor);
    if (!messages)
        return std::unexpected(messages.error());
    auto person = casedb::findPerson(db, victim.personId);
    if (!person)
        return std::unexpected(person.error());
    casedb::TimelineFilter filter;
    filter.personId = victim.personId;
    auto events = casedb::countEvents(db, filter);
    if (!events)
        return std::unexpected(events.error());

    for (auto &item : *explanation)
        item.why = redactor.text(item.why);
    for (auto &reason : victim.priorityReasons)
        reason = redactor.text(reason);
    victim.label = redactor.personName(victim.personId, victim.label);
    if (*person) {
        f.accounts = (*person)->accounts;
        for (auto &a : f.accounts) {
            a.displayName = redactor.text(a.displayName);
            a.username = redactor.text(a.username);
            a.accountKey = redactor.text(a.accountKey);
            a.email = redactor.text(a.email);
            a.reason = redactor.text(a.reason);
        }
    }
    f.victim = std::move(victim);
    f.explanation = std::move(*explanation);
    f.keyMessages = std::move(*messages);
    f.timelineEvents = *events;
    return f;
}

Result<std::vector<Thumbnail>> notIndecentThumbnails(casedb::Database &db, const Redactor &redactor)
{
    std::vector<Thumbnail> out;
    std::optional<Error> failed;
    auto visited = casedb::forEachMedia(db, {}, [&](const casedb::MediaRow &m) {
        if (!isNotIndecent(m.category))
            return true;
        auto jpeg = casedb::mediaThumbnail(db, m.fileId);
        if (!jpeg) {
            failed = jpeg.error();
            return false;
        }
        if (!jpeg->empty())
            out.push_back({m.fileId, m.category, redactor.text(m.path), m.md5, std::move(*jpeg)});
        return true;
    });
    if (!visited)
        return std::unexpected(visited.error());
    if (failed)
        return std::unexpected(*failed);
    return out;
}

template <typename T, typename Query>
Result<void> readInto(T &target, Query &&query)
{
    auto r = query();
    if (!r)
        return std::unexpected(r.error());
    target = std::move(*r);
    return {};
}

Result<void> readMethodology(casedb::Database &db, ReportModel &m)
{
    if (auto r = readInto(m.cover, [&] { return casedb::caseCover(db); }); !r)
        return r;
    if (auto r = readInto(m.evidence, [&] { return casedb::evidenceHashes(db); }); !r)
        return r;
    if (auto r = readInto(m.runs, [&] { return casedb::ingestRuns(db); }); !r)
        return r;
    if (auto r = readInto(m.parsers, [&] { return casedb::parsersUsed(db); }); !r)
        return r;
    if (auto r = readInto(m.hashSets, [&] { return casedb::hashSetsUsed(db); }); !r)
        return r;
    if (auto r = readInto(m.grades, [&] { return casedb::gradeCounts(db); }); !r)
        return r;
    return readInto(m.errors, [&] { return casedb::errorSummary(db); });
}

// The audit log; with redaction its details are redacted too (the chain is verified on the case).
Result<void> readAudit(casedb::Database &db, ReportModel &m, const Redactor &redactor)
{
    auto read = casedb::forEachAuditEntry(db, [&](const casedb::AuditEntry &e) {
        m.audit.push_back(e);
        m.audit.back().details = redactor.text(e.details);
        return true;
    });
    if (!read)
        return std::unexpected(read.error());
    auto verified = casedb::verifyAuditChain(db);
    m.auditChainVerified = verified.has_value();
    return {};
}

} // namespace

bool isNotIndecent(std::string_view category)
{
    return category == "uk:NI" || category == "vic:0";
}

Result<ReportModel> buildReportModel(casedb::Database &db, const ReportOptions &options)
{
    ReportModel m;
    m.options = options;
    m.generatedUtc = toIso8601(nowUtcNanos());
    m.toolVersion = std::string(vigilVersion());
    if (auto r = readMethodology(db, m); !r)
        return std::unexpected(r.error());
    if (!options.examiner.empty())
        m.cover.examiner = options.examiner;
    if (m.cover.caseNumber.empty())
        m.cover.caseNumber = "(no case number)";

    auto victims = casedb::listVictims(db);
    if (!victims)
        return std::unexpected(victims.error());
    // Every victim's names are redacted, not only the chosen ones': another child may be named
    // in a chosen child's messages.
    std::vector<std::int64_t> all;
    for (const auto &v : *victims)
        all.push_back(v.personId);
    std::vector<casedb::VictimRow> picked;
    std::set<std::int64_t> suspects;
    for (auto &v : *victims)
        if (chosen(options, v)) {
            suspects.insert(v.suspects.begin(), v.suspects.end());
            picked.push_back(std::move(v));
        }
    m.suspects = static_cast<std::int64_t>(suspects.size());
    Redactor redactor;
    if (options.redactNames) {
        auto r = Redactor::forVictims(db, all);
        if (!r)
            return std::unexpected(r.error());
        redactor = std::move(*r);
    }
    for (auto &v : picked) {
        auto f = finding(db, std::move(v), options, redactor);
        if (!f)
            return std::unexpected(f.error());
        m.victims.push_back(std::move(*f));
    }
    for (auto &e : m.errors)
        e.example = redactor.text(e.example);
    if (options.mediaThumbnails && (options.sections & SectionMedia)) {
        if (auto r = readInto(m.thumbnails, [&] { return notIndecentThumbnails(db, redactor); }); !r)
            return std::unexpected(r.error());
    }
    if (options.sections & SectionAudit) {
        if (auto r = readAudit(db, m, redactor); !r)
            return std::unexpected(r.error());
    }
    return m;
}

} // namespace vigil::report
