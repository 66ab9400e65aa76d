// SPDX-License-Identifier: GPL-3.0-or-later
#include <cstdio>
#include <filesystem>
#include <string>

#include "app/cli/commands.h"
#include "app/cli/output.h"
#include "core/casedb/casestore.h"
#include "core/casedb/mediaquery.h"
#include "core/pipeline/mediastage.h"

namespace vigil::cli {

namespace {

int usage()
{
    std::fputs("usage: vigil hashset import FILE --case DIR [--name NAME] [--role known-bad|known-good|categorised]\n"
               "       vigil hashset list --case DIR\n",
               stderr);
    return ExitUsage;
}

int importSet(Args args)
{
    std::string caseDir, name, role, examiner;
    takeOption(args, "--case", caseDir);
    takeOption(args, "--name", name);
    takeOption(args, "--role", role);
    takeOption(args, "--examiner", examiner);
    if (!noUnknownOptions(args))
        return ExitUsage;
    if (caseDir.empty() || args.size() != 1)
        return usage();
    if (examiner.empty())
        examiner = getenv("USER") ? getenv("USER") : "examiner";
    if (!std::filesystem::exists(std::filesystem::path(caseDir) / casedb::CaseStore::kDatabaseName)) {
        std::fprintf(stderr, "vigil: no Vigil case in %s: create it with 'vigil ingest' first\n", caseDir.c_str());
        return ExitFailed;
    }
    auto store = casedb::CaseStore::openOrCreate(caseDir, {}, examiner);
    if (!store) {
        std::fprintf(stderr, "vigil: %s\n", store.error().toString().c_str());
        return ExitFailed;
    }
    auto r = pipeline::importHashSetIntoCase(**store, args.front(), name, role, [](std::uint64_t n) {
        std::fprintf(stderr, "\rimporting: %llu entries", static_cast<unsigned long long>(n));
    });
    std::fputs("\r", stderr);
    if (!r) {
        std::fprintf(stderr, "vigil: cannot import %s: %s\n", args.front().c_str(), r.error().toString().c_str());
        return ExitFailed;
    }
    std::printf("Hash set %lld \"%s\" (%s, %s%s%s): %lld MD5, %lld SHA-1 from %llu entries",
                static_cast<long long>(r->row.id), r->row.name.c_str(), r->row.role.c_str(), r->row.format.c_str(),
                r->row.formatVersion.empty() ? "" : " ", r->row.formatVersion.c_str(),
                static_cast<long long>(r->row.md5Count), static_cast<long long>(r->row.sha1Count),
                static_cast<unsigned long long>(r->entriesRead));
    std::printf("; %lld rejected, %llu duplicates, %llu conflicting categories\n", static_cast<long long>(r->row.rejected),
                static_cast<unsigned long long>(r->duplicates), static_cast<unsigned long long>(r->conflicts));
    for (const auto &why : r->rejectReasons)
        std::printf("  rejected: %s\n", why.c_str());
    std::printf("Matched %llu files in the case (%llu pre-graded, %llu known-good). SHA-256 of the source: %s\n",
                static_cast<unsigned long long>(r->matches.hashMatches), static_cast<unsigned long long>(r->matches.pregraded),
                static_cast<unsigned long long>(r->matches.knownGood), r->row.sourceSha256.c_str());
    return r->row.rejected ? ExitFindings : ExitOk;
}

int listSets(Args args)
{
    std::string caseDir;
    takeOption(args, "--case", caseDir);
    if (!noUnknownOptions(args))
        return ExitUsage;
    if (caseDir.empty() || !args.empty())
        return usage();
    auto db = casedb::CaseStore::openReadOnly(caseDir);
    if (!db) {
        std::fprintf(stderr, "vigil: %s\n", db.error().toString().c_str());
        return ExitFailed;
    }
    auto sets = casedb::listHashSets(*db);
    if (!sets) {
        std::fprintf(stderr, "vigil: %s\n", sets.error().toString().c_str());
        return ExitFailed;
    }
    std::puts(csvLine({"id", "name", "role", "format", "format_version", "md5", "sha1", "rejected", "source",
                       "source_sha256", "imported_utc", "imported_by"})
                  .c_str());
    for (const auto &s : *sets)
        std::puts(csvLine({std::to_string(s.id), s.name, s.role, s.format, s.formatVersion, std::to_string(s.md5Count),
                           std::to_string(s.sha1Count), std::to_string(s.rejected), s.sourcePath, s.sourceSha256,
                           s.importedUtc, s.importedBy})
                      .c_str());
    return ExitOk;
}

} // namespace

int runHashset(const Args &input)
{
    if (input.empty())
        return usage();
    Args rest(input.begin() + 1, input.end());
    if (input.front() == "import")
        return importSet(rest);
    if (input.front() == "list")
        return listSets(rest);
    return usage();
}

} // namespace vigil::cli
