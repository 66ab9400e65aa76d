// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <functional>
#include <string>

#include "core/casedb/database.h"

namespace vigil::casedb {

// The case's append-only audit log. Each entry's hash is SHA-256 over the previous hash
// and the entry's fields, so any edit, insert or removal breaks the chain. Triggers in
// the schema refuse UPDATE and DELETE.
struct AuditEntry {
    std::int64_t seq = 0;
    std::string timeUtc, actor, action, details;   // details: a JSON object
    std::string prevHash, hash;
};

std::string auditEntryHash(const AuditEntry &entry);

// Appends one entry on this connection (call inside the writer thread).
Result<AuditEntry> appendAudit(Database &db, const std::string &actor, const std::string &action,
                               const std::string &detailsJson);

// Verifies the whole chain; returns the number of entries, or the first broken seq.
Result<std::int64_t> verifyAuditChain(Database &db);
// Every entry in order (the report's appendix); fn returns false to stop. Returns the entries read.
Result<std::int64_t> forEachAuditEntry(Database &db, const std::function<bool(const AuditEntry &)> &fn);

} // namespace vigil::casedb
