// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/casedb/peoplequery.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>
#include <sstream>

namespace vigil::casedb {

namespace {

// ---- JSON columns (written by vigil::analysis; a damaged value reads as empty, never fails) ----

QJsonDocument parse(const std::string &json)
{
    return QJsonDocument::fromJson(QByteArray::fromStdString(json));
}

std::vector<std::string> stringArray(const std::string &json)
{
    std::vector<std::string> out;
    for (const QJsonValue v : parse(json).array())
        if (v.isString())
            out.push_back(v.toString().toStdString());
    return out;
}

std::vector<std::int64_t> idArray(const QJsonArray &array)
{
    std::vector<std::int64_t> out;
    for (const QJsonValue v : array)
        if (v.isDouble())
            out.push_back(v.toInteger());
    return out;
}

std::map<std::string, int> countObject(const std::string &json)
{
    std::map<std::string, int> out;
    const QJsonObject o = parse(json).object();
    for (auto it = o.begin(); it != o.end(); ++it)
        out[it.key().toStdString()] = it.value().toInt();
    return out;
}

std::vector<ExplanationItem> explanationItems(const std::string &json)
{
    std::vector<ExplanationItem> out;
    for (const QJsonValue v : parse(json).array()) {
        const QJsonObject o = v.toObject();
        out.push_back({o.value("kind").toString().toStdString(), o.value("points").toDouble(),
                       o.value("why").toString().toStdString(), idArray(o.value("message_ids").toArray())});
    }
    return out;
}

std::optional<int> optInt(const Statement &st, int col)
{
    return st.isNull(col) ? std::nullopt : std::optional<int>(static_cast<int>(st.int64(col)));
}

// ---- persons ----

constexpr const char *kPersonColumns = "SELECT id, label, role, country, country_confidence, country_source, "
                                       "cluster_id FROM persons";

PersonRow readPerson(const Statement &st)
{
    PersonRow p;
    p.id = st.int64(0);
    p.label = st.text(1);
    p.role = st.text(2);
    p.country = st.text(3);
    p.countryConfidence = st.optReal(4).value_or(0.0);
    p.countrySource = st.text(5);
    p.cluster = st.optInt64(6);
    return p;
}

constexpr const char *kAccountQuery = R"SQL(
SELECT pa.person_id, a.id, a.evidence_id, a.app, coalesce(app.name, a.app), a.account_key,
       coalesce(nullif(a.display_name, ''), a.contact_name, ''), coalesce(a.phone, a.phone_raw, ''),
       coalesce(a.email, ''), coalesce(a.username, ''), a.is_owner, pa.rule, pa.reason, pa.linked_account_id
FROM person_accounts pa JOIN accounts a ON a.id = pa.account_id LEFT JOIN applications app ON app.id = a.app
WHERE ?1 IS NULL OR pa.person_id = ?1
ORDER BY pa.person_id, a.id)SQL";

PersonAccount readAccount(const Statement &st)
{
    PersonAccount a;
    a.accountId = st.int64(1);
    a.evidenceId = st.int64(2);
    a.app = st.text(3);
    a.appName = st.text(4);
    a.accountKey = st.text(5);
    a.displayName = st.text(6);
    a.phone = st.text(7);
    a.email = st.text(8);
    a.username = st.text(9);
    a.owner = st.int64(10) != 0;
    a.rule = st.text(11);
    a.reason = st.text(12);
    a.linkedAccountId = st.optInt64(13);
    return a;
}

Result<std::map<std::int64_t, std::vector<PersonAccount>>> accountsOf(Database &db, std::optional<std::int64_t> person)
{
    auto st = db.prepare(kAccountQuery);
    if (!st)
        return std::unexpected(st.error());
    st->bind(1, person);
    std::map<std::int64_t, std::vector<PersonAccount>> out;
    auto rows = st->forEachRow([&](const Statement &r) {
        out[r.int64(0)].push_back(readAccount(r));
        return true;
    });
    if (!rows)
        return std::unexpected(rows.error());
    return out;
}

Result<std::vector<PersonRow>> persons(Database &db, std::optional<std::int64_t> only)
{
    auto st = db.prepare(std::string(kPersonColumns) + " WHERE ?1 IS NULL OR id = ?1 ORDER BY id");
    if (!st)
        return std::unexpected(st.error());
    st->bind(1, only);
    std::vector<PersonRow> out;
    auto rows = st->forEachRow([&](const Statement &r) {
        out.push_back(readPerson(r));
        return true;
    });
    if (!rows)
        return std::unexpected(rows.error());
    auto accounts = accountsOf(db, only);
    if (!accounts)
        return std::unexpected(accounts.error());
    for (auto &p : out)
        if (auto it = accounts->find(p.id); it != accounts->end())
            p.accounts = std::move(it->second);
    return out;
}

// ---- victims ----

constexpr const char *kVictimQuery = R"SQL(
SELECT v.person_id, v.rank, p.label, v.priority, v.priority_reasons, v.risk, v.stage, v.stated_age,
       coalesce(p.country, ''), coalesce(p.country_confidence, 0), v.first_contact, v.last_contact, v.messages,
       v.media_sent, v.media_received, v.apps, v.suspects, v.indicators, p.cluster_id
FROM victims v JOIN persons p ON p.id = v.person_id ORDER BY v.rank, v.person_id)SQL";

VictimRow readVictim(const Statement &st)
{
    VictimRow v;
    v.personId = st.int64(0);
    v.rank = static_cast<int>(st.int64(1));
    v.label = st.text(2);
    v.priority = st.text(3);
    v.priorityReasons = stringArray(st.text(4));
    v.risk = st.real(5);
    v.stage = st.text(6);
    v.statedAge = optInt(st, 7);
    v.country = st.text(8);
    v.countryConfidence = st.real(9);
    v.firstContact = st.optInt64(10);
    v.lastContact = st.optInt64(11);
    v.messages = st.int64(12);
    v.mediaSent = st.int64(13);
    v.mediaReceived = st.int64(14);
    v.apps = stringArray(st.text(15));
    v.suspects = idArray(parse(st.text(16)).array());
    v.indicators = countObject(st.text(17));
    v.cluster = st.optInt64(18);
    return v;
}

// ---- trigger messages ----

// Counted hits of the person's one-to-one conversations with a suspect (conversation_scores names
// the other party), of what the person said in group chats, and, for a suspect, of his conversations.
constexpr const char *kTriggerQuery = R"SQL(
SELECT m.id, m.conversation_id, m.sent_at, coalesce(app.name, c.app), m.direction,
       coalesce(sp.label, nullif(a.contact_name, ''), nullif(a.display_name, ''), a.account_key, ''),
       coalesce(m.body, ''), h.speaker, h.span_begin, h.span_end, h.kind, h.entry_id
FROM indicator_hits h
JOIN messages m ON m.id = h.message_id
JOIN conversations c ON c.id = m.conversation_id
LEFT JOIN applications app ON app.id = c.app
LEFT JOIN accounts a ON a.id = m.sender_id
LEFT JOIN person_accounts spa ON spa.account_id = m.sender_id
LEFT JOIN persons sp ON sp.id = spa.person_id
WHERE h.counted = 1 AND (
  h.conversation_id IN (SELECT conversation_id FROM conversation_scores WHERE person_id = ?1 OR suspect_person_id = ?1)
  OR spa.person_id = ?1)
ORDER BY m.sent_at IS NULL, m.sent_at, m.id, h.span_begin, h.id)SQL";

void addTrigger(const Statement &r, std::vector<TriggerMessage> &out)
{
    if (out.empty() || out.back().messageId != r.int64(0)) {
        TriggerMessage t;
        t.messageId = r.int64(0);
        t.conversationId = r.int64(1);
        t.sentAt = r.optInt64(2);
        t.app = r.text(3);
        t.sender = r.text(5).empty() && r.text(4) == "outgoing" ? "device owner" : r.text(5);
        t.body = r.text(6);
        t.speaker = r.text(7);
        out.push_back(std::move(t));
    }
    const auto begin = static_cast<std::size_t>(std::max<std::int64_t>(0, r.int64(8)));
    const auto end = static_cast<std::size_t>(std::max<std::int64_t>(0, r.int64(9)));
    out.back().spans.push_back({begin, end, r.text(10), r.text(11)});
}

// ---- graph ----

constexpr const char *kGraphQuery = R"SQL(
WITH member(conversation_id, person_id) AS (
  SELECT p.conversation_id, pa.person_id FROM participants p JOIN person_accounts pa ON pa.account_id = p.account_id
  UNION
  SELECT DISTINCT m.conversation_id, pa.person_id FROM messages m JOIN person_accounts pa ON pa.account_id = m.sender_id),
volume(conversation_id, app, messages) AS (
  SELECT c.id, c.app, (SELECT count(*) FROM messages m WHERE m.conversation_id = c.id) FROM conversations c)
SELECT a.person_id, b.person_id, count(*), sum(v.messages), group_concat(DISTINCT v.app)
FROM member a JOIN member b ON b.conversation_id = a.conversation_id AND b.person_id > a.person_id
JOIN volume v ON v.conversation_id = a.conversation_id
GROUP BY a.person_id, b.person_id ORDER BY a.person_id, b.person_id)SQL";

std::vector<std::string> splitApps(const std::string &list)
{
    std::vector<std::string> apps;
    std::istringstream in(list);
    for (std::string app; std::getline(in, app, ',');)
        if (!app.empty())
            apps.push_back(app);
    std::ranges::sort(apps);
    return apps;
}

} // namespace

Result<std::vector<PersonRow>> listPersons(Database &db)
{
    return persons(db, std::nullopt);
}

Result<std::optional<PersonRow>> findPerson(Database &db, std::int64_t personId)
{
    auto found = persons(db, personId);
    if (!found)
        return std::unexpected(found.error());
    if (found->empty())
        return std::optional<PersonRow>();
    return std::optional<PersonRow>(std::move(found->front()));
}

Result<std::vector<VictimRow>> listVictims(Database &db)
{
    auto st = db.prepare(kVictimQuery);
    if (!st)
        return std::unexpected(st.error());
    std::vector<VictimRow> out;
    auto rows = st->forEachRow([&](const Statement &r) {
        out.push_back(readVictim(r));
        return true;
    });
    if (!rows)
        return std::unexpected(rows.error());
    return out;
}

Result<std::vector<ExplanationItem>> victimExplanation(Database &db, std::int64_t personId)
{
    auto st = db.prepare("SELECT explanation FROM victims WHERE person_id = ?");
    if (!st)
        return std::unexpected(st.error());
    st->bind(1, personId);
    auto row = st->step();
    if (!row)
        return std::unexpected(row.error());
    return *row ? explanationItems(st->text(0)) : std::vector<ExplanationItem>{};
}

Result<std::vector<TriggerMessage>> triggerMessages(Database &db, std::int64_t personId)
{
    auto st = db.prepare(kTriggerQuery);
    if (!st)
        return std::unexpected(st.error());
    st->bind(1, personId);
    std::vector<TriggerMessage> out;
    auto rows = st->forEachRow([&](const Statement &r) {
        addTrigger(r, out);
        return true;
    });
    if (!rows)
        return std::unexpected(rows.error());
    return out;
}

Result<std::vector<LocationClue>> personLocations(Database &db, std::int64_t personId)
{
    auto st = db.prepare("SELECT country, source, coalesce(detail, ''), confidence, account_id, message_id, file_id "
                         "FROM person_locations WHERE person_id = ? ORDER BY confidence DESC, id");
    if (!st)
        return std::unexpected(st.error());
    st->bind(1, personId);
    std::vector<LocationClue> out;
    auto rows = st->forEachRow([&](const Statement &r) {
        out.push_back({r.text(0), r.text(1), r.text(2), r.real(3), r.optInt64(4), r.optInt64(5), r.optInt64(6)});
        return true;
    });
    if (!rows)
        return std::unexpected(rows.error());
    return out;
}

Result<std::vector<GraphEdge>> communicationGraph(Database &db)
{
    auto st = db.prepare(kGraphQuery);
    if (!st)
        return std::unexpected(st.error());
    std::vector<GraphEdge> out;
    auto rows = st->forEachRow([&](const Statement &r) {
        out.push_back({r.int64(0), r.int64(1), r.int64(3), r.int64(2), splitApps(r.text(4))});
        return true;
    });
    if (!rows)
        return std::unexpected(rows.error());
    return out;
}

} // namespace vigil::casedb
