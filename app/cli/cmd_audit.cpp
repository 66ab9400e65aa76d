// SPDX-License-Identifier: GPL-3.0-or-later
#include <cstdio>

#include "app/cli/commands.h"
#include "core/casedb/audit.h"
#include "core/casedb/casestore.h"

namespace vigil::cli {

// Prints the case's audit log and checks its hash chain: exit 0 intact, 1 broken.
int runAudit(const Args &input)
{
    Args args = input;
    std::string caseDir;
    takeOption(args, "--case", caseDir);
    if (!noUnknownOptions(args) || caseDir.empty() || !args.empty()) {
        std::fputs("usage: vigil audit --case DIR\n", stderr);
        return ExitUsage;
    }
    auto db = casedb::CaseStore::openReadOnly(caseDir);
    if (!db) {
        std::fprintf(stderr, "vigil: %s\n", db.error().toString().c_str());
        return ExitFailed;
    }
    auto st = db->prepare("SELECT seq, time_utc, actor, action, details, hash FROM audit_log ORDER BY seq");
    if (st) {
        (void)st->forEachRow([](const casedb::Statement &r) {
            std::printf("%lld  %s  %s  %s  %s  %s\n", static_cast<long long>(r.int64(0)), r.text(1).c_str(),
                        r.text(2).c_str(), r.text(3).c_str(), r.text(4).c_str(), r.text(5).substr(0, 16).c_str());
            return true;
        });
    }
    auto chain = casedb::verifyAuditChain(*db);
    if (!chain) {
        std::printf("audit chain: BROKEN — %s\n", chain.error().toString().c_str());
        return ExitFindings;
    }
    std::printf("audit chain: intact (%lld entries)\n", static_cast<long long>(*chain));
    return ExitOk;
}

} // namespace vigil::cli
