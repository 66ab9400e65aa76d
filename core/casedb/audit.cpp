// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/casedb/audit.h"

#include "core/util/hashing.h"
#include "core/util/timeutil.h"

namespace vigil::casedb {

namespace {
constexpr const char *kGenesis = "0000000000000000000000000000000000000000000000000000000000000000";
}

std::string auditEntryHash(const AuditEntry &e)
{
    MultiHasher h(HashSha256);
    const std::string text = e.prevHash + '\n' + std::to_string(e.seq) + '\n' + e.timeUtc + '\n' + e.actor +
                             '\n' + e.action + '\n' + e.details;
    h.update(text.data(), text.size());
    return h.finish().sha256;
}

Result<AuditEntry> appendAudit(Database &db, const std::string &actor, const std::string &action,
                               const std::string &detailsJson)
{
    auto last = db.prepare("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1");
    if (!last)
        return std::unexpected(last.error());
    auto row = last->step();
    if (!row)
        return std::unexpected(row.error());
    AuditEntry e;
    e.seq = *row ? last->int64(0) + 1 : 1;
    e.prevHash = *row ? last->text(1) : kGenesis;
    e.timeUtc = nowIso8601();
    e.actor = actor;
    e.action = action;
    e.details = detailsJson.empty() ? "{}" : detailsJson;
    e.hash = auditEntryHash(e);
    auto ins = db.prepare(
        "INSERT INTO audit_log(seq, time_utc, actor, action, details, prev_hash, hash) VALUES (?,?,?,?,?,?,?)");
    if (!ins)
        return std::unexpected(ins.error());
    ins->bind(1, e.seq).bind(2, e.timeUtc).bind(3, e.actor).bind(4, e.action).bind(5, e.details);
    ins->bind(6, e.prevHash).bind(7, e.hash);
    if (auto r = ins->run(); !r)
        return std::unexpected(r.error());
    return e;
}

Result<std::int64_t> forEachAuditEntry(Database &db, const std::function<bool(const AuditEntry &)> &fn)
{
    auto st = db.prepare("SELECT seq, time_utc, actor, action, details, prev_hash, hash FROM audit_log ORDER BY seq");
    if (!st)
        return std::unexpected(st.error());
    return st->forEachRow([&](const Statement &r) {
        return fn(AuditEntry{r.int64(0), r.text(1), r.text(2), r.text(3), r.text(4), r.text(5), r.text(6)});
    });
}

Result<std::int64_t> verifyAuditChain(Database &db)
{
    std::string prev = kGenesis;
    std::int64_t expectedSeq = 1;
    std::int64_t broken = 0;
    auto rows = forEachAuditEntry(db, [&](const AuditEntry &e) {
        if (e.seq != expectedSeq || e.prevHash != prev || auditEntryHash(e) != e.hash) {
            broken = e.seq;
            return false;
        }
        prev = e.hash;
        ++expectedSeq;
        return true;
    });
    if (!rows)
        return std::unexpected(rows.error());
    if (broken)
        return fail(ErrorCode::Corrupt, "audit log chain is broken at entry " + std::to_string(broken));
    return expectedSeq - 1;
}

} // namespace vigil::casedb
