// SPDX-License-Identifier: GPL-3.0-or-later
// vigil victims: the ranked victims of a case (written by the people analysis) as a table for a
// terminal, CSV (one row per victim) or JSON (each victim with accounts, explanation and the
// suspects; the format in docs/people.md).
#include <charconv>
#include <cstdio>
#include <map>
#include <string>

#include "app/cli/commands.h"
#include "app/cli/output.h"
#include "core/casedb/casestore.h"
#include "core/casedb/peoplequery.h"
#include "core/util/join.h"

namespace vigil::cli {

namespace {

using casedb::PersonAccount;
using casedb::PersonRow;
using casedb::VictimRow;

struct Listing {
    std::vector<VictimRow> victims;
    std::map<std::int64_t, PersonRow> persons;
    std::map<std::int64_t, std::vector<casedb::ExplanationItem>> explanations;
};

Result<Listing> readListing(casedb::Database &db)
{
    Listing l;
    auto victims = casedb::listVictims(db);
    auto persons = casedb::listPersons(db);
    if (!victims || !persons)
        return std::unexpected(!victims ? victims.error() : persons.error());
    l.victims = std::move(*victims);
    for (auto &p : *persons)
        l.persons.emplace(p.id, std::move(p));
    for (const auto &v : l.victims) {
        auto e = casedb::victimExplanation(db, v.personId);
        if (!e)
            return std::unexpected(e.error());
        l.explanations[v.personId] = std::move(*e);
    }
    return l;
}

std::string num(double value)
{
    char buf[32];
    const auto r = std::to_chars(buf, buf + sizeof buf, value);
    return std::string(buf, r.ptr);
}

template <typename T>
std::string optNum(const std::optional<T> &v)
{
    return v ? std::to_string(*v) : "null";
}

std::string optText(const std::string &s)
{
    return s.empty() ? "null" : jsonString(s);
}

std::string optTime(const std::optional<std::int64_t> &t)
{
    return t ? jsonString(isoTime(t)) : "null";
}

template <typename Range, typename Fn>
std::string jsonArray(const Range &range, Fn item)
{
    std::string out = "[";
    for (const auto &v : range)
        out += (out.size() > 1 ? "," : "") + item(v);
    return out + "]";
}

// ---- JSON ----

std::string accountJson(const PersonAccount &a)
{
    return "{\"id\":" + std::to_string(a.accountId) + ",\"evidence_id\":" + std::to_string(a.evidenceId) +
           ",\"app\":" + jsonString(a.app) + ",\"key\":" + jsonString(a.accountKey) + ",\"name\":" +
           optText(a.displayName) + ",\"phone\":" + optText(a.phone) + ",\"email\":" + optText(a.email) +
           ",\"username\":" + optText(a.username) + ",\"owner\":" + (a.owner ? "true" : "false") +
           ",\"rule\":" + jsonString(a.rule) + ",\"reason\":" + jsonString(a.reason) + "}";
}

std::string accountsJson(const Listing &l, std::int64_t person)
{
    const auto it = l.persons.find(person);
    return it == l.persons.end() ? "[]" : jsonArray(it->second.accounts, accountJson);
}

std::string explanationJson(const std::vector<casedb::ExplanationItem> &items)
{
    return jsonArray(items, [](const casedb::ExplanationItem &i) {
        return "{\"kind\":" + jsonString(i.kind) + ",\"points\":" + num(i.points) + ",\"why\":" + jsonString(i.why) +
               ",\"message_ids\":" + jsonArray(i.messageIds, [](std::int64_t id) { return std::to_string(id); }) + "}";
    });
}

std::string indicatorsJson(const std::map<std::string, int> &indicators)
{
    std::string out = "{";
    for (const auto &[kind, n] : indicators)
        out += (out.size() > 1 ? "," : "") + jsonString(kind) + ":" + std::to_string(n);
    return out + "}";
}

std::string victimJson(const Listing &l, const VictimRow &v)
{
    return "{\"rank\":" + std::to_string(v.rank) + ",\"person_id\":" + std::to_string(v.personId) +
           ",\"label\":" + jsonString(v.label) + ",\"priority\":" + jsonString(v.priority) +
           ",\"priority_reasons\":" + jsonArray(v.priorityReasons, jsonString) + ",\"risk\":" + num(v.risk) +
           ",\"stage\":" + jsonString(v.stage) + ",\"stated_age\":" + optNum(v.statedAge) +
           ",\"country\":" + optText(v.country) + ",\"country_confidence\":" + num(v.countryConfidence) +
           ",\"apps\":" + jsonArray(v.apps, jsonString) + ",\"accounts\":" + accountsJson(l, v.personId) +
           ",\"first_contact\":" + optTime(v.firstContact) + ",\"last_contact\":" + optTime(v.lastContact) +
           ",\"messages\":" + std::to_string(v.messages) + ",\"media_sent\":" + std::to_string(v.mediaSent) +
           ",\"media_received\":" + std::to_string(v.mediaReceived) + ",\"indicators\":" + indicatorsJson(v.indicators) +
           ",\"suspects\":" + jsonArray(v.suspects, [](std::int64_t id) { return std::to_string(id); }) +
           ",\"cluster\":" + optNum(v.cluster) + ",\"explanation\":" + explanationJson(l.explanations.at(v.personId)) +
           "}";
}

void printJson(const Listing &l)
{
    std::string out = "{\"victims\":[";
    for (std::size_t i = 0; i < l.victims.size(); ++i)
        out += (i ? ",\n  " : "\n  ") + victimJson(l, l.victims[i]);
    out += "\n],\n\"suspects\":[";
    bool first = true;
    for (const auto &[id, p] : l.persons) {
        if (p.role != "suspect")
            continue;
        out += std::string(first ? "\n  " : ",\n  ") + "{\"person_id\":" + std::to_string(id) + ",\"label\":" +
               jsonString(p.label) + ",\"cluster\":" + optNum(p.cluster) + ",\"accounts\":" + accountsJson(l, id) + "}";
        first = false;
    }
    out += "\n]}\n";
    std::fputs(out.c_str(), stdout);
}

// ---- CSV ----

std::string accountKeys(const Listing &l, std::int64_t person)
{
    const auto it = l.persons.find(person);
    if (it == l.persons.end())
        return {};
    return joined(it->second.accounts, "; ", [](const PersonAccount &a) {
        return a.app + ":" + (a.phone.empty() ? a.accountKey : a.phone);
    });
}

void printCsv(const Listing &l)
{
    std::puts(csvLine({"rank", "person_id", "label", "priority", "risk", "stage", "stated_age", "country",
                       "country_confidence", "apps", "accounts", "first_contact", "last_contact", "messages",
                       "media_sent", "media_received", "indicators", "suspects", "cluster", "priority_reasons"})
                  .c_str());
    const auto id = [](std::int64_t v) { return std::to_string(v); };
    const auto self = [](const std::string &s) { return s; };
    for (const auto &v : l.victims) {
        const std::string indicators =
            joined(v.indicators, "; ", [](const auto &kv) { return kv.first + " " + std::to_string(kv.second); });
        std::puts(csvLine({std::to_string(v.rank), id(v.personId), v.label, v.priority, num(v.risk), v.stage,
                           v.statedAge ? std::to_string(*v.statedAge) : "", v.country,
                           v.country.empty() ? "" : num(v.countryConfidence), joined(v.apps, "; ", self),
                           accountKeys(l, v.personId), isoTime(v.firstContact), isoTime(v.lastContact),
                           id(v.messages), id(v.mediaSent), id(v.mediaReceived), indicators,
                           joined(v.suspects, "; ", id), number(v.cluster), joined(v.priorityReasons, " | ", self)})
                      .c_str());
    }
}

// ---- table ----

// Pads to a width in characters (UTF-8 aware), cutting what is longer.
std::string cell(const std::string &text, std::size_t width)
{
    std::string out;
    std::size_t chars = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const bool lead = (static_cast<unsigned char>(text[i]) & 0xC0) != 0x80;
        if (lead && chars == width)
            break;
        chars += lead;
        out += text[i];
    }
    return out + std::string(width - chars + 1, ' ');
}

std::string shortTime(const std::optional<std::int64_t> &t)
{
    const std::string iso = isoTime(t);
    return iso.size() >= 16 ? iso.substr(0, 10) + " " + iso.substr(11, 5) : "-";
}

void printTable(const Listing &l, std::size_t suspects)
{
    std::size_t urgent = 0;
    for (const auto &v : l.victims)
        urgent += v.priority == "urgent";
    std::printf("%zu victims (%zu urgent) of %zu suspect%s\n\n", l.victims.size(), urgent, suspects,
                suspects == 1 ? "" : "s");
    std::printf("%s\n", (cell("Rank", 4) + cell("Priority", 8) + cell("Risk", 4) + cell("Stage", 13) + cell("Age", 3) +
                         cell("Country", 7) + cell("Person", 22) + cell("Apps", 26) + cell("Last contact", 16) +
                         cell("Msgs", 5) + "Indicators")
                            .c_str());
    for (const auto &v : l.victims) {
        const std::string indicators =
            joined(v.indicators, ", ", [](const auto &kv) { return kv.first + " " + std::to_string(kv.second); });
        std::printf("%s\n", (cell(std::to_string(v.rank), 4) + cell(v.priority, 8) + cell(num(v.risk), 4) +
                             cell(v.stage, 13) + cell(v.statedAge ? std::to_string(*v.statedAge) : "-", 3) +
                             cell(v.country.empty() ? "-" : v.country, 7) + cell(v.label, 22) +
                             cell(joined(v.apps, ",", [](const std::string &s) { return s; }), 26) +
                             cell(shortTime(v.lastContact), 16) + cell(std::to_string(v.messages), 5) + indicators)
                                .c_str());
        for (const auto &reason : v.priorityReasons)
            std::printf("      %s\n", reason.c_str());
    }
}

int usage()
{
    std::fputs("usage: vigil victims --case DIR [--format table|csv|json]\n", stderr);
    return ExitUsage;
}

} // namespace

int runVictims(const Args &input)
{
    Args args = input;
    std::string caseDir, format = "table";
    takeOption(args, "--case", caseDir);
    takeOption(args, "--format", format);
    if (!noUnknownOptions(args))
        return ExitUsage;
    if (caseDir.empty() || !args.empty() || (format != "table" && format != "csv" && format != "json"))
        return usage();
    auto db = casedb::CaseStore::openReadOnly(caseDir);
    if (!db) {
        std::fprintf(stderr, "vigil: %s\n", db.error().toString().c_str());
        return ExitFailed;
    }
    auto listing = readListing(*db);
    if (!listing) {
        std::fprintf(stderr, "vigil: cannot read the victims: %s\n", listing.error().toString().c_str());
        return ExitFailed;
    }
    std::size_t suspects = 0;
    for (const auto &[id, p] : listing->persons)
        suspects += p.role == "suspect";
    if (format == "json")
        printJson(*listing);
    else if (format == "csv")
        printCsv(*listing);
    else
        printTable(*listing, suspects);
    if (listing->persons.empty())
        std::fprintf(stderr, "vigil: this case has no people analysis yet: run 'vigil analyse --case %s'\n",
                     caseDir.c_str());
    return ExitOk;
}

} // namespace vigil::cli
