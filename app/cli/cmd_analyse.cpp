// SPDX-License-Identifier: GPL-3.0-or-later
// vigil analyse: re-runs the people analysis of a case (identity resolution, indicators, location,
// victims, clusters) in one transaction with its `people.analyse` audit entry, e.g. after the
// lexicons or the scoring rules changed.
#include <QJsonDocument>
#include <QJsonObject>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>

#include "app/cli/commands.h"
#include "app/cli/progress.h"
#include "core/analysis/people/people.h"
#include "core/analysis/timeline/timeline.h"
#include "core/casedb/audit.h"
#include "core/casedb/casestore.h"

namespace vigil::cli {

namespace {

std::string auditDetails(const analysis::PeopleSummary &s)
{
    const QJsonObject o{{"persons", qint64(s.identity.persons)}, {"suspects", qint64(s.identity.suspects)},
                        {"accounts", qint64(s.identity.accounts)}, {"decisions_applied", qint64(s.identity.decisionsApplied)},
                        {"located", qint64(s.location.located)}, {"messages_matched", qint64(s.messages)},
                        {"indicator_hits", qint64(s.hits)}, {"indicator_hits_counted", qint64(s.counted)},
                        {"victims", qint64(s.victims)}, {"urgent", qint64(s.urgent)}, {"clusters", qint64(s.clusters)}};
    return QJsonDocument(o).toJson(QJsonDocument::Compact).toStdString();
}

void printSummary(const analysis::PeopleSummary &s, const std::string &caseDir)
{
    std::printf("People: %lld persons (%lld suspect%s) from %lld accounts (%lld analyst decisions applied), "
                "%lld placed in a country\n",
                static_cast<long long>(s.identity.persons), static_cast<long long>(s.identity.suspects),
                s.identity.suspects == 1 ? "" : "s", static_cast<long long>(s.identity.accounts),
                static_cast<long long>(s.identity.decisionsApplied), static_cast<long long>(s.location.located));
    std::printf("Indicators: %lld hits (%lld counted) in %lld messages of %lld conversations with a suspect\n",
                static_cast<long long>(s.hits), static_cast<long long>(s.counted), static_cast<long long>(s.messages),
                static_cast<long long>(s.conversations));
    std::printf("Victims: %lld (%lld urgent); %lld clusters; in %s\n", static_cast<long long>(s.victims),
                static_cast<long long>(s.urgent), static_cast<long long>(s.clusters), formatDuration(s.seconds).c_str());
    if (s.victims)
        std::printf("The ranked list: vigil victims --case %s\n", caseDir.c_str());
}

} // namespace

int runAnalyse(const Args &input)
{
    Args args = input;
    std::string caseDir, examiner;
    takeOption(args, "--case", caseDir);
    takeOption(args, "--examiner", examiner);
    if (!noUnknownOptions(args))
        return ExitUsage;
    if (caseDir.empty() || !args.empty()) {
        std::fputs("usage: vigil analyse --case DIR [--examiner NAME]\n", stderr);
        return ExitUsage;
    }
    if (!std::filesystem::exists(std::filesystem::path(caseDir) / casedb::CaseStore::kDatabaseName)) {
        std::fprintf(stderr, "vigil: no Vigil case in %s: create it with 'vigil ingest' first\n", caseDir.c_str());
        return ExitFailed;
    }
    if (examiner.empty())
        examiner = std::getenv("USER") ? std::getenv("USER") : "examiner";
    auto store = casedb::CaseStore::openOrCreate(caseDir, {}, examiner);
    if (!store) {
        std::fprintf(stderr, "vigil: %s\n", store.error().toString().c_str());
        return ExitFailed;
    }
    auto summary = (*store)->writer().call<analysis::PeopleSummary>(
        [&examiner](casedb::Database &db) -> Result<analysis::PeopleSummary> {
            // The analysis and its audit entry are kept together or not at all.
            casedb::Savepoint savepoint(db, "analyse_command");
            if (auto r = savepoint.begun(); !r)
                return std::unexpected(r.error());
            auto s = analysis::analysePeople(db);
            if (s) {   // the timeline's events name persons: rebuilt with them
                if (auto t = analysis::buildTimeline(db); !t)
                    s = std::unexpected(t.error());
            }
            auto audited = s ? casedb::appendAudit(db, examiner, "people.analyse", auditDetails(*s))
                             : Result<casedb::AuditEntry>(std::unexpected(s.error()));
            if (!audited)
                return std::unexpected(audited.error());
            if (auto r = savepoint.release(); !r)
                return std::unexpected(r.error());
            return s;
        });
    if (!summary) {
        std::fprintf(stderr, "vigil: the people analysis failed: %s\n", summary.error().toString().c_str());
        return ExitFailed;
    }
    printSummary(*summary, caseDir);
    return ExitOk;
}

} // namespace vigil::cli
