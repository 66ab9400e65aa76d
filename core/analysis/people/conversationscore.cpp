// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/analysis/people/conversationscore.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace vigil::analysis {

namespace {

std::string indicatorsJson(const std::map<std::string, int> &indicators)
{
    QJsonObject o;
    for (const auto &[kind, n] : indicators)
        o.insert(QString::fromStdString(kind), n);
    return QJsonDocument(o).toJson(QJsonDocument::Compact).toStdString();
}

} // namespace

Result<std::int64_t> scoreConversations(casedb::Database &db, const PeopleIndex &index, const ContactTables &contacts,
                                        const ScoringRules &rules, std::optional<std::int64_t> referenceTime)
{
    if (auto r = db.exec("DELETE FROM conversation_scores"); !r)
        return std::unexpected(r.error());
    auto st = db.prepare("INSERT INTO conversation_scores (conversation_id, person_id, suspect_person_id, risk, stage, "
                         "indicators) VALUES (?,?,?,?,?,?)");
    if (!st)
        return std::unexpected(st.error());
    std::int64_t n = 0;
    for (const auto &[id, counts] : contacts.conversations) {
        const ConversationInfo *c = index.conversation(id);
        if (!c || !c->withSuspect())
            continue;
        ContactFacts facts;
        if (const auto it = contacts.conversationHits.find(id); it != contacts.conversationHits.end())
            facts.hits = it->second;
        facts.firstContact = counts.first;
        facts.lastContact = counts.last;
        const Assessment a = assess(facts, rules, referenceTime);
        st->bind(1, id).bind(2, c->otherParty()).bind(3, *c->suspects.begin()).bindReal(4, a.risk);
        st->bind(5, stageName(a.stage)).bind(6, indicatorsJson(a.indicators));
        if (auto r = st->run(); !r)
            return std::unexpected(r.error());
        ++n;
    }
    return n;
}

} // namespace vigil::analysis
