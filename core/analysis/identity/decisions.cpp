// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/analysis/identity/decisions.h"

#include <algorithm>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include "core/analysis/identity/decisionids.h"
#include "core/casedb/audit.h"
#include "core/util/timeutil.h"

namespace vigil::analysis {

namespace {

using casedb::Database;

QJsonArray jsonIds(const std::vector<std::int64_t> &ids)
{
    QJsonArray out;
    for (auto id : ids)
        out.append(qint64(id));
    return out;
}

Result<void> audit(Database &db, const std::string &examiner, const char *action, const QJsonObject &details)
{
    return asVoid(casedb::appendAudit(db, examiner, action,
                                      QJsonDocument(details).toJson(QJsonDocument::Compact).toStdString()));
}

// Sorted, without repeats; every id must be an account of the case.
Result<std::vector<std::int64_t>> checkedAccounts(Database &db, std::vector<std::int64_t> ids, std::size_t minimum,
                                                  const char *what)
{
    std::sort(ids.begin(), ids.end());
    ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
    if (ids.size() < minimum)
        return fail(ErrorCode::InvalidArgument,
                    std::string("a ") + what + " needs at least " + std::to_string(minimum) + " different account" +
                        (minimum > 1 ? "s" : ""));
    auto st = db.prepare("SELECT 1 FROM accounts WHERE id = ?");
    if (!st)
        return std::unexpected(st.error());
    for (auto id : ids) {
        st->bind(1, id);
        auto row = st->step();
        st->reset();
        if (!row)
            return std::unexpected(row.error());
        if (!*row)
            return fail(ErrorCode::NotFound, "there is no account " + std::to_string(id) + " in this case");
    }
    return ids;
}

// [[evidence_id, app, account_key], ...]: what names the accounts after a re-ingest.
Result<std::string> accountKeys(Database &db, const std::vector<std::int64_t> &ids)
{
    auto st = db.prepare("SELECT evidence_id, app, account_key FROM accounts WHERE id = ?");
    if (!st)
        return std::unexpected(st.error());
    QJsonArray keys;
    for (auto id : ids) {
        st->bind(1, id);
        auto row = st->step();
        if (!row)
            return std::unexpected(row.error());
        if (*row)
            keys.append(QJsonArray{qint64(st->int64(0)), QString::fromStdString(st->text(1)),
                                   QString::fromStdString(st->text(2))});
        st->reset();
    }
    return QJsonDocument(keys).toJson(QJsonDocument::Compact).toStdString();
}

// The accounts a decision names, as the case holds them now: by their keys when the decision
// has them (account ids change when an evidence item is ingested again), else by id. A key
// that is gone is left out (and logged by the replay, which then sees fewer accounts).
Result<void> resolveKeys(Database &db, IdentityDecision &d, const std::string &keysJson)
{
    if (keysJson.empty())
        return {};
    const auto doc = QJsonDocument::fromJson(QByteArray::fromStdString(keysJson));
    if (!doc.isArray())
        return {};
    auto st = db.prepare("SELECT id FROM accounts WHERE evidence_id = ? AND app = ? AND account_key = ?");
    if (!st)
        return std::unexpected(st.error());
    std::vector<std::int64_t> ids;
    for (const auto &k : doc.array()) {
        const auto key = k.toArray();
        if (key.size() != 3)
            continue;
        st->bind(1, std::int64_t(key[0].toInteger())).bind(2, key[1].toString().toStdString())
            .bind(3, key[2].toString().toStdString());
        auto row = st->step();
        if (!row)
            return std::unexpected(row.error());
        if (*row)
            ids.push_back(st->int64(0));
        st->reset();
    }
    d.accountIds = std::move(ids);
    return {};
}

Result<std::int64_t> record(Database &db, const char *action, std::vector<std::int64_t> accountIds,
                            const std::string &examiner, const std::string &note, std::size_t minimum)
{
    if (examiner.empty())
        return fail(ErrorCode::InvalidArgument, "an identity decision needs the examiner's name");
    auto ids = checkedAccounts(db, std::move(accountIds), minimum, action);
    if (!ids)
        return std::unexpected(ids.error());
    auto keys = accountKeys(db, *ids);
    if (!keys)
        return std::unexpected(keys.error());
    auto st = db.prepare("INSERT INTO identity_decisions(action, account_ids, account_keys, note, examiner, created_utc) "
                         "VALUES (?,?,?,?,?,?)");
    if (!st)
        return std::unexpected(st.error());
    st->bind(1, action).bind(2, identity::formatAccountIds(*ids)).bind(3, *keys).bind(4, note).bind(5, examiner)
        .bind(6, nowIso8601());
    if (auto r = st->run(); !r)
        return std::unexpected(r.error());
    const std::int64_t id = db.lastInsertId();
    const std::string auditAction = std::string("person.") + action;
    if (auto r = audit(db, examiner, auditAction.c_str(),
                       QJsonObject{{"decision", qint64(id)}, {"account_ids", jsonIds(*ids)},
                                   {"note", QString::fromStdString(note)}});
        !r)
        return std::unexpected(r.error());
    return id;
}

IdentityDecision decisionOf(const casedb::Statement &s)
{
    IdentityDecision d;
    d.id = s.int64(0);
    d.action = s.text(1);
    d.accountIds = identity::parseAccountIds(s.text(2)).value_or(std::vector<std::int64_t>{});
    d.note = s.text(3);
    d.examiner = s.text(4);
    d.createdUtc = s.text(5);
    d.undoneUtc = s.text(6);
    return d;
}

} // namespace

Result<std::int64_t> recordMerge(Database &db, std::vector<std::int64_t> accountIds, const std::string &examiner,
                                 const std::string &note)
{
    return record(db, "merge", std::move(accountIds), examiner, note, 2);
}

Result<std::int64_t> recordSplit(Database &db, std::vector<std::int64_t> accountIds, const std::string &examiner,
                                 const std::string &note)
{
    return record(db, "split", std::move(accountIds), examiner, note, 1);
}

Result<void> undoDecision(Database &db, std::int64_t decisionId, const std::string &examiner)
{
    if (examiner.empty())
        return fail(ErrorCode::InvalidArgument, "undoing an identity decision needs the examiner's name");
    auto st = db.prepare("SELECT id, action, account_ids, coalesce(note, ''), coalesce(examiner, ''), created_utc, "
                         "coalesce(undone_utc, '') FROM identity_decisions WHERE id = ?");
    if (!st)
        return std::unexpected(st.error());
    auto row = st->bind(1, decisionId).step();
    if (!row)
        return std::unexpected(row.error());
    if (!*row)
        return fail(ErrorCode::NotFound, "there is no identity decision " + std::to_string(decisionId) + " in this case");
    const IdentityDecision d = decisionOf(*st);
    if (!d.undoneUtc.empty())
        return fail(ErrorCode::InvalidArgument,
                    "identity decision " + std::to_string(decisionId) + " was already undone on " + d.undoneUtc);
    auto up = db.prepare("UPDATE identity_decisions SET undone_utc = ? WHERE id = ?");
    if (!up)
        return std::unexpected(up.error());
    if (auto r = up->bind(1, nowIso8601()).bind(2, decisionId).run(); !r)
        return r;
    return audit(db, examiner, "person.undo",
                 QJsonObject{{"decision", qint64(decisionId)}, {"action", QString::fromStdString(d.action)},
                             {"account_ids", jsonIds(d.accountIds)}});
}

Result<std::vector<IdentityDecision>> listDecisions(Database &db)
{
    auto st = db.prepare("SELECT id, action, account_ids, coalesce(note, ''), coalesce(examiner, ''), created_utc, "
                         "coalesce(undone_utc, ''), coalesce(account_keys, '') FROM identity_decisions ORDER BY id");
    if (!st)
        return std::unexpected(st.error());
    std::vector<IdentityDecision> out;
    std::vector<std::string> keys;
    auto rows = st->forEachRow([&](const casedb::Statement &s) {
        out.push_back(decisionOf(s));
        keys.push_back(s.text(7));
        return true;
    });
    if (!rows)
        return std::unexpected(rows.error());
    for (std::size_t i = 0; i < out.size(); ++i)
        if (auto r = resolveKeys(db, out[i], keys[i]); !r)
            return std::unexpected(r.error());
    return out;
}

} // namespace vigil::analysis
