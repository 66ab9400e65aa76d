// SPDX-License-Identifier: GPL-3.0-or-later
// `vigil persons merge|split|undo`: one writer job records the decision (with its audit entry)
// and re-runs the whole people analysis (analysePeople); if anything fails, neither is kept.
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "app/cli/commands.h"
#include "core/analysis/identity/decisions.h"
#include "core/analysis/people/people.h"
#include "core/analysis/timeline/timeline.h"
#include "core/casedb/casestore.h"

namespace vigil::cli {

namespace {

struct Request {
    std::string action, caseDir, examiner, note;
    std::vector<std::int64_t> accounts;
    std::int64_t decision = 0;
};

struct Outcome {
    std::int64_t decision = 0;
    std::vector<std::int64_t> accounts;
    std::string analysis;   // what the re-analysis found, one line
    std::vector<std::string> placements;   // "account 4 -> person 2 'Mia'"
};

int usage()
{
    std::fputs("usage: vigil persons merge --case DIR --account ID --account ID... [--note TEXT] [--examiner NAME]\n"
               "       vigil persons split --case DIR --account ID... [--note TEXT] [--examiner NAME]\n"
               "       vigil persons undo --case DIR --decision ID [--examiner NAME]\n",
               stderr);
    return ExitUsage;
}

bool parseRequest(const std::string &action, Args args, Request &r)
{
    r.action = action;
    takeOption(args, "--case", r.caseDir);
    takeOption(args, "--examiner", r.examiner);
    takeOption(args, "--note", r.note);
    std::string text;
    while (takeOption(args, "--account", text)) {
        std::optional<std::int64_t> id;
        if (!parseId(text, id) || !id)
            return false;
        r.accounts.push_back(*id);
    }
    std::optional<std::int64_t> decision;
    if (takeOption(args, "--decision", text) && (!parseId(text, decision) || !decision))
        return false;
    r.decision = decision.value_or(0);
    if (!noUnknownOptions(args) || r.caseDir.empty() || !args.empty())
        return false;
    if (r.examiner.empty())
        r.examiner = std::getenv("USER") ? std::getenv("USER") : "examiner";
    return action == "undo" ? r.decision > 0 && r.accounts.empty() : !r.accounts.empty() && r.decision == 0;
}

std::string counted(std::int64_t n, const std::string &noun)
{
    return std::to_string(n) + " " + noun + (n == 1 ? "" : "s");
}

// The whole people analysis, so that locations, scores, victims and clusters follow the persons.
Result<std::string> reanalyse(casedb::Database &db)
{
    auto s = analysis::analysePeople(db);
    if (!s)
        return std::unexpected(s.error());
    if (auto t = analysis::buildTimeline(db); !t)   // the timeline's events name persons
        return std::unexpected(t.error());
    const auto &id = s->identity;
    return counted(id.persons, "person") + " (" + counted(id.suspects, "suspect") + ") from " +
           counted(id.accounts, "account") + ", " + counted(id.decisionsApplied, "analyst decision") + " applied; " +
           counted(s->victims, "victim") + " (" + std::to_string(s->urgent) + " urgent)";
}

Result<std::vector<std::int64_t>> accountsOfDecision(casedb::Database &db, std::int64_t decision)
{
    auto list = analysis::listDecisions(db);
    if (!list)
        return std::unexpected(list.error());
    for (const auto &d : *list)
        if (d.id == decision)
            return d.accountIds;
    return std::vector<std::int64_t>{};
}

Result<std::vector<std::string>> placements(casedb::Database &db, const std::vector<std::int64_t> &accounts)
{
    auto st = db.prepare("SELECT p.id, p.label FROM person_accounts pa JOIN persons p ON p.id = pa.person_id "
                         "WHERE pa.account_id = ?");
    if (!st)
        return std::unexpected(st.error());
    std::vector<std::string> out;
    for (auto id : accounts) {
        auto row = st->bind(1, id).step();
        if (!row)
            return std::unexpected(row.error());
        if (*row)
            out.push_back("account " + std::to_string(id) + " -> person " + std::to_string(st->int64(0)) + " '" +
                          st->text(1) + "'");
        st->reset();
    }
    return out;
}

Result<std::int64_t> record(casedb::Database &db, const Request &r)
{
    if (r.action == "merge")
        return analysis::recordMerge(db, r.accounts, r.examiner, r.note);
    if (r.action == "split")
        return analysis::recordSplit(db, r.accounts, r.examiner, r.note);
    if (auto u = analysis::undoDecision(db, r.decision, r.examiner); !u)
        return std::unexpected(u.error());
    return r.decision;
}

Result<Outcome> decide(casedb::Database &db, const Request &r)
{
    casedb::Savepoint sp(db, "vigil_persons");
    if (!sp.begun())
        return std::unexpected(sp.begun().error());
    Outcome out;
    auto id = record(db, r);
    if (!id)
        return std::unexpected(id.error());
    out.decision = *id;
    auto accounts = r.action == "undo" ? accountsOfDecision(db, r.decision) : Result<std::vector<std::int64_t>>(r.accounts);
    auto analysis = accounts ? reanalyse(db) : Result<std::string>(std::unexpected(accounts.error()));
    if (!analysis)
        return std::unexpected(analysis.error());
    out.accounts = std::move(*accounts);
    out.analysis = std::move(*analysis);
    auto placed = placements(db, out.accounts);
    if (!placed)
        return std::unexpected(placed.error());
    out.placements = std::move(*placed);
    if (auto rel = sp.release(); !rel)
        return std::unexpected(rel.error());
    return out;
}

void report(const Request &r, const Outcome &o)
{
    if (r.action == "undo")
        std::printf("Undid decision %lld (by %s).\n", static_cast<long long>(o.decision), r.examiner.c_str());
    else
        std::printf("Recorded decision %lld: %s of %s (by %s).\n", static_cast<long long>(o.decision), r.action.c_str(),
                    counted(static_cast<std::int64_t>(o.accounts.size()), "account").c_str(), r.examiner.c_str());
    std::printf("Re-analysed: %s.\n", o.analysis.c_str());
    for (const auto &line : o.placements)
        std::printf("  %s\n", line.c_str());
}

} // namespace

int runPersonDecision(const std::string &action, Args args)
{
    Request r;
    if (!parseRequest(action, std::move(args), r))
        return usage();
    if (!std::filesystem::exists(std::filesystem::path(r.caseDir) / casedb::CaseStore::kDatabaseName)) {
        std::fprintf(stderr, "vigil: no Vigil case in %s: create it with 'vigil ingest' first\n", r.caseDir.c_str());
        return ExitFailed;
    }
    auto store = casedb::CaseStore::openOrCreate(r.caseDir, {}, r.examiner);
    if (!store) {
        std::fprintf(stderr, "vigil: %s\n", store.error().toString().c_str());
        return ExitFailed;
    }
    auto outcome = (*store)->writer().call<Outcome>([&r](casedb::Database &db) { return decide(db, r); });
    if (!outcome) {
        std::fprintf(stderr, "vigil: %s\n", outcome.error().toString().c_str());
        return ExitFailed;
    }
    report(r, *outcome);
    return ExitOk;
}

} // namespace vigil::cli
