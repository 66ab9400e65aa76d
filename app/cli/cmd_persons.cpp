// SPDX-License-Identifier: GPL-3.0-or-later
// `vigil persons`: the persons of a case with their accounts and why each account belongs to its
// person; `merge`, `split` and `undo` record the analyst's identity decisions (audited) and
// re-run the people analysis in the same transaction; `decisions` lists them.
#include <cstdio>
#include <string>
#include <vector>

#include "app/cli/commands.h"
#include "app/cli/output.h"
#include "core/analysis/identity/decisions.h"
#include "core/casedb/casestore.h"
#include "core/casedb/peoplequery.h"

namespace vigil::cli {

namespace {

int usage()
{
    std::fputs("usage: vigil persons --case DIR [--format table|json] [--role suspect|other]\n"
               "       vigil persons merge --case DIR --account ID --account ID... [--note TEXT] [--examiner NAME]\n"
               "       vigil persons split --case DIR --account ID... [--note TEXT] [--examiner NAME]\n"
               "       vigil persons undo --case DIR --decision ID [--examiner NAME]\n"
               "       vigil persons decisions --case DIR [--format table|json]\n",
               stderr);
    return ExitUsage;
}

int failed(const Error &e)
{
    std::fprintf(stderr, "vigil: %s\n", e.toString().c_str());
    return ExitFailed;
}

// ---- listing ----

std::string accountJson(const casedb::PersonAccount &a)
{
    return "{\"id\":" + std::to_string(a.accountId) + ",\"evidence_id\":" + std::to_string(a.evidenceId) +
           ",\"app\":" + jsonString(a.app) + ",\"app_name\":" + jsonString(a.appName) + ",\"key\":" +
           jsonString(a.accountKey) + ",\"display_name\":" + jsonString(a.displayName) + ",\"phone\":" +
           jsonString(a.phone) + ",\"email\":" + jsonString(a.email) + ",\"username\":" + jsonString(a.username) +
           ",\"owner\":" + (a.owner ? "true" : "false") + ",\"rule\":" + jsonString(a.rule) + ",\"reason\":" +
           jsonString(a.reason) + ",\"linked_account_id\":" +
           (a.linkedAccountId ? std::to_string(*a.linkedAccountId) : "null") + "}";
}

std::string personJson(const casedb::PersonRow &p)
{
    std::string accounts;
    for (const auto &a : p.accounts)
        accounts += (accounts.empty() ? "" : ",") + accountJson(a);
    char confidence[32];
    std::snprintf(confidence, sizeof confidence, "%.3g", p.countryConfidence);
    return "{\"id\":" + std::to_string(p.id) + ",\"label\":" + jsonString(p.label) + ",\"role\":" +
           jsonString(p.role) + ",\"country\":" + (p.country.empty() ? "null" : jsonString(p.country)) +
           ",\"country_confidence\":" + (p.country.empty() ? "null" : std::string(confidence)) +
           ",\"country_source\":" + (p.countrySource.empty() ? "null" : jsonString(p.countrySource)) +
           ",\"cluster\":" + (p.cluster ? std::to_string(*p.cluster) : "null") + ",\"accounts\":[" + accounts + "]}";
}

// "WhatsApp 447700900452@s.whatsapp.net (+447700900452, Mia)"
std::string accountText(const casedb::PersonAccount &a)
{
    std::string details;
    for (const auto *v : {&a.phone, &a.email, &a.username, &a.displayName})
        if (!v->empty() && *v != a.accountKey && details.find(*v) == std::string::npos)
            details += (details.empty() ? "" : ", ") + *v;
    std::string out = a.appName + " " + (a.accountKey.empty() ? "(no key)" : a.accountKey);
    return details.empty() ? out : out + " (" + details + ")";
}

void printTable(const std::vector<casedb::PersonRow> &persons)
{
    for (const auto &p : persons) {
        std::printf("person %lld  %s  [%s]", static_cast<long long>(p.id), p.label.c_str(), p.role.c_str());
        if (!p.country.empty())
            std::printf("  %s (%s, %.2f)", p.country.c_str(), p.countrySource.c_str(), p.countryConfidence);
        if (p.cluster)
            std::printf("  cluster %lld", static_cast<long long>(*p.cluster));
        std::printf("  %zu account%s\n", p.accounts.size(), p.accounts.size() == 1 ? "" : "s");
        for (const auto &a : p.accounts)
            std::printf("  account %lld  evidence %lld  %s%s\n      %s: %s\n", static_cast<long long>(a.accountId),
                        static_cast<long long>(a.evidenceId), accountText(a).c_str(), a.owner ? "  owner" : "",
                        a.rule.c_str(), a.reason.c_str());
    }
}

int listPersons(Args args)
{
    std::string caseDir, format = "table", role;
    takeOption(args, "--case", caseDir);
    takeOption(args, "--format", format);
    takeOption(args, "--role", role);
    if (!noUnknownOptions(args))
        return ExitUsage;
    if (caseDir.empty() || !args.empty() || (format != "table" && format != "json") ||
        (!role.empty() && role != "suspect" && role != "other"))
        return usage();
    auto db = casedb::CaseStore::openReadOnly(caseDir);
    if (!db)
        return failed(db.error());
    auto persons = casedb::listPersons(*db);
    if (!persons)
        return failed(persons.error());
    const bool none = persons->empty();
    std::erase_if(*persons, [&](const casedb::PersonRow &p) { return !role.empty() && p.role != role; });
    if (format == "json") {
        std::string out;
        for (const auto &p : *persons)
            out += (out.empty() ? "" : ",\n ") + personJson(p);
        std::printf("{\"persons\":[%s]}\n", out.c_str());
    } else {
        printTable(*persons);
    }
    if (none)
        std::fputs("vigil: no persons in this case yet (they are resolved at the end of an ingest)\n", stderr);
    return ExitOk;
}

// ---- decisions ----

std::string idList(const std::vector<std::int64_t> &ids)
{
    std::string out;
    for (auto id : ids)
        out += (out.empty() ? "" : ", ") + std::to_string(id);
    return out;
}

std::string decisionJson(const analysis::IdentityDecision &d)
{
    std::string ids;
    for (auto id : d.accountIds)
        ids += (ids.empty() ? "" : ",") + std::to_string(id);
    return "{\"id\":" + std::to_string(d.id) + ",\"action\":" + jsonString(d.action) + ",\"account_ids\":[" + ids +
           "],\"note\":" + jsonString(d.note) + ",\"examiner\":" + jsonString(d.examiner) + ",\"created_utc\":" +
           jsonString(d.createdUtc) + ",\"undone_utc\":" + (d.undoneUtc.empty() ? "null" : jsonString(d.undoneUtc)) +
           "}";
}

int listDecisions(Args args)
{
    std::string caseDir, format = "table";
    takeOption(args, "--case", caseDir);
    takeOption(args, "--format", format);
    if (!noUnknownOptions(args))
        return ExitUsage;
    if (caseDir.empty() || !args.empty() || (format != "table" && format != "json"))
        return usage();
    auto db = casedb::CaseStore::openReadOnly(caseDir);
    if (!db)
        return failed(db.error());
    auto list = analysis::listDecisions(*db);
    if (!list)
        return failed(list.error());
    std::string json;
    for (const auto &d : *list) {
        if (format == "json") {
            json += (json.empty() ? "" : ",\n ") + decisionJson(d);
            continue;
        }
        std::string line = "decision " + std::to_string(d.id) + "  " + d.action + "  accounts " + idList(d.accountIds) +
                           "  by " + d.examiner + " on " + d.createdUtc;
        if (!d.undoneUtc.empty())
            line += "  (undone " + d.undoneUtc + ")";
        if (!d.note.empty())
            line += "\n      " + d.note;
        std::puts(line.c_str());
    }
    if (format == "json")
        std::printf("{\"decisions\":[%s]}\n", json.c_str());
    return ExitOk;
}

} // namespace

int runPersonDecision(const std::string &action, Args args);   // cmd_personsedit.cpp

int runPersons(const Args &input)
{
    if (input.empty())
        return usage();
    const std::string &first = input.front();
    Args rest(input.begin() + 1, input.end());
    if (first == "merge" || first == "split" || first == "undo")
        return runPersonDecision(first, rest);
    if (first == "decisions")
        return listDecisions(rest);
    return listPersons(input);
}

} // namespace vigil::cli
