// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/analysis/people/victims.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>

namespace vigil::analysis {

namespace {

struct Candidate {
    std::int64_t personId = 0;
    const PersonContact *contact = nullptr;
    Assessment assessment;
};

std::string compact(const QJsonDocument &doc)
{
    return doc.toJson(QJsonDocument::Compact).toStdString();
}

QString q(const std::string &s)
{
    return QString::fromStdString(s);
}

std::string explanationJson(const std::vector<casedb::ExplanationItem> &items)
{
    QJsonArray out;
    for (const auto &item : items) {
        QJsonArray ids;
        for (const auto id : item.messageIds)
            ids.append(qint64(id));
        out.append(QJsonObject{{"kind", q(item.kind)}, {"points", item.points}, {"why", q(item.why)},
                               {"message_ids", ids}});
    }
    return compact(QJsonDocument(out));
}

template <typename Range, typename Fn>
std::string arrayJson(const Range &range, Fn toValue)
{
    QJsonArray out;
    for (const auto &v : range)
        out.append(toValue(v));
    return compact(QJsonDocument(out));
}

std::string indicatorsJson(const std::map<std::string, int> &indicators)
{
    QJsonObject o;
    for (const auto &[kind, n] : indicators)
        o.insert(q(kind), n);
    return compact(QJsonDocument(o));
}

Result<void> writeVictim(casedb::Statement &st, const Candidate &c, int rank)
{
    const Assessment &a = c.assessment;
    const PersonContact &p = *c.contact;
    st.bind(1, c.personId).bind(2, std::int64_t{rank}).bind(3, priorityName(a.priority));
    st.bind(4, arrayJson(a.priorityReasons, [](const std::string &s) { return QJsonValue(q(s)); }));
    st.bindReal(5, a.risk).bind(6, stageName(a.stage)).bind(7, a.statedAge);
    st.bind(8, p.counts.first).bind(9, p.counts.last);
    st.bind(10, p.counts.messages).bind(11, p.counts.mediaSent).bind(12, p.counts.mediaReceived);
    st.bind(13, arrayJson(p.apps, [](const std::string &s) { return QJsonValue(q(s)); }));
    st.bind(14, arrayJson(p.suspects, [](std::int64_t id) { return QJsonValue(qint64(id)); }));
    st.bind(15, indicatorsJson(a.indicators)).bind(16, explanationJson(a.explanation));
    return st.run();
}

} // namespace

Result<VictimStats> rankVictims(casedb::Database &db, const ContactTables &contacts, const ScoringRules &rules,
                                std::optional<std::int64_t> referenceTime)
{
    if (auto r = db.exec("DELETE FROM victims"); !r)
        return std::unexpected(r.error());
    VictimStats stats;
    std::vector<Candidate> victims;
    for (const auto &[person, contact] : contacts.persons) {
        ++stats.contacts;
        Assessment a = assess(contact.facts, rules, referenceTime);
        if (a.victim)
            victims.push_back({person, &contact, std::move(a)});
    }
    std::ranges::sort(victims, [](const Candidate &x, const Candidate &y) {
        if (ranksBefore(x.assessment, x.contact->counts.last, y.assessment, y.contact->counts.last))
            return true;
        if (ranksBefore(y.assessment, y.contact->counts.last, x.assessment, x.contact->counts.last))
            return false;
        return x.personId < y.personId;
    });
    auto st = db.prepare("INSERT INTO victims (person_id, rank, priority, priority_reasons, risk, stage, stated_age, "
                         "first_contact, last_contact, messages, media_sent, media_received, apps, suspects, "
                         "indicators, explanation) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
    if (!st)
        return std::unexpected(st.error());
    for (std::size_t i = 0; i < victims.size(); ++i) {
        if (auto r = writeVictim(*st, victims[i], static_cast<int>(i + 1)); !r)
            return std::unexpected(r.error());
        stats.urgent += victims[i].assessment.priority == Priority::Urgent;
    }
    stats.victims = static_cast<std::int64_t>(victims.size());
    return stats;
}

} // namespace vigil::analysis
