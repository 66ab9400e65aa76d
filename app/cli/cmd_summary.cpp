// SPDX-License-Identifier: GPL-3.0-or-later
// vigil summary: what a case holds per evidence item, and how much of it was recovered (deleted
// and carved files, nested content, media from them, recovered messages and calls per source).
#include <cstdio>
#include <sstream>
#include <string>

#include "app/cli/commands.h"
#include "app/cli/output.h"
#include "core/casedb/casestore.h"
#include "core/casedb/filequery.h"
#include "core/casedb/recoverycounts.h"

namespace vigil::cli {

namespace {

using casedb::RecoveryCounts;

std::string place(const std::string &name) { return name.empty() ? "unknown" : name; }

// ---- text ----

std::string filesLine(const RecoveryCounts::Files &f)
{
    std::ostringstream out;
    out << "  files: " << f.total << " - live " << f.live << ", deleted " << f.deleted << ", carved " << f.carved()
        << " (unallocated " << f.carvedUnallocated << ", slack " << f.carvedSlack << "; " << f.carvedPartial
        << " partial), nested " << f.nested() << " (archive members " << f.members << ", embedded " << f.embedded
        << "); recovered " << f.recovered() << "\n";
    return out.str();
}

std::string mediaLine(const RecoveryCounts::Media &m)
{
    std::ostringstream out;
    out << "  media: " << m.total << " - live " << m.live << ", deleted " << m.deleted << ", carved " << m.carved
        << ", nested " << m.nested << "; recovered " << m.recovered() << "\n";
    return out.str();
}

std::string recordsLine(const char *what, const RecoveryCounts::Records &r)
{
    std::ostringstream out;
    out << "  " << what << ": " << r.total << " - live " << r.live << ", WAL-only " << r.walOnly << ", recovered "
        << r.recovered << " (";
    for (std::size_t i = 0; i < r.recoveredFrom.size(); ++i)
        out << (i ? ", " : "") << place(r.recoveredFrom[i].first) << " " << r.recoveredFrom[i].second;
    out << "); from deleted databases " << r.fromDeletedDatabases << ", carved databases " << r.fromCarvedDatabases
        << ", nested databases " << r.fromNestedDatabases << "\n";
    return out.str();
}

std::string countsText(const RecoveryCounts &c)
{
    return filesLine(c.files) + mediaLine(c.media) + recordsLine("messages", c.messages) + recordsLine("calls", c.calls);
}

// ---- JSON ----

std::string field(const std::string &name, std::int64_t value, bool last = false)
{
    return jsonString(name) + ": " + std::to_string(value) + (last ? "" : ", ");
}

std::string filesJson(const RecoveryCounts::Files &f)
{
    return "{" + field("total", f.total) + field("live", f.live) + field("deleted", f.deleted) +
           field("carved", f.carved()) + field("carved_unallocated", f.carvedUnallocated) +
           field("carved_slack", f.carvedSlack) + field("carved_partial", f.carvedPartial) + field("nested", f.nested()) +
           field("archive_members", f.members) + field("embedded", f.embedded) + field("recovered", f.recovered(), true) +
           "}";
}

std::string mediaJson(const RecoveryCounts::Media &m)
{
    return "{" + field("total", m.total) + field("live", m.live) + field("deleted", m.deleted) +
           field("carved", m.carved) + field("nested", m.nested) + field("recovered", m.recovered(), true) + "}";
}

std::string recordsJson(const RecoveryCounts::Records &r)
{
    std::string from = "{";
    for (std::size_t i = 0; i < r.recoveredFrom.size(); ++i)
        from += field(place(r.recoveredFrom[i].first), r.recoveredFrom[i].second, i + 1 == r.recoveredFrom.size());
    return "{" + field("total", r.total) + field("live", r.live) + field("wal_only", r.walOnly) +
           field("recovered", r.recovered) + "\"recovered_from\": " + from + "}, " +
           field("from_deleted_databases", r.fromDeletedDatabases) +
           field("from_carved_databases", r.fromCarvedDatabases) +
           field("from_nested_databases", r.fromNestedDatabases) + field("listed_as_deleted", r.deletedView) +
           field("listed_as_recovered", r.recoveredView, true) + "}";
}

std::string countsJson(const RecoveryCounts &c)
{
    return "{\"files\": " + filesJson(c.files) + ", \"media\": " + mediaJson(c.media) +
           ", \"messages\": " + recordsJson(c.messages) + ", \"calls\": " + recordsJson(c.calls) + "}";
}

// ---- the command ----

struct Section {
    casedb::EvidenceItem evidence;
    RecoveryCounts counts;
};

struct Summary {
    std::vector<Section> evidence;
    RecoveryCounts total;
};

Result<Summary> readSummary(casedb::Database &db, std::optional<std::int64_t> only)
{
    auto items = casedb::listEvidence(db);
    if (!items)
        return std::unexpected(items.error());
    Summary s;
    for (const auto &e : *items) {
        if (only && e.id != *only)
            continue;
        auto counts = casedb::recoveryCounts(db, e.id);
        if (!counts)
            return std::unexpected(counts.error());
        s.evidence.push_back({e, std::move(*counts)});
    }
    if (only && s.evidence.empty())
        return fail(ErrorCode::NotFound, "the case has no evidence item " + std::to_string(*only));
    auto total = casedb::recoveryCounts(db, only);
    if (!total)
        return std::unexpected(total.error());
    s.total = std::move(*total);
    return s;
}

void printText(const Summary &s, const std::string &caseDir)
{
    std::printf("Case: %s\n", caseDir.c_str());
    for (const auto &e : s.evidence)
        std::printf("Evidence %lld: %s (%s, %s)\n%s", static_cast<long long>(e.evidence.id),
                    e.evidence.displayName.c_str(), e.evidence.kind.c_str(), e.evidence.status.c_str(),
                    countsText(e.counts).c_str());
    if (s.evidence.empty())
        std::puts("No evidence in this case yet.");
    else if (s.evidence.size() > 1)
        std::printf("All evidence:\n%s", countsText(s.total).c_str());
}

void printJson(const Summary &s, const std::string &caseDir)
{
    std::string out = "{\"case\": " + jsonString(caseDir) + ", \"evidence\": [";
    for (std::size_t i = 0; i < s.evidence.size(); ++i) {
        const auto &e = s.evidence[i];
        out += std::string(i ? ", " : "") + "{\"id\": " + std::to_string(e.evidence.id) +
               ", \"name\": " + jsonString(e.evidence.displayName) + ", \"kind\": " + jsonString(e.evidence.kind) +
               ", \"status\": " + jsonString(e.evidence.status) + ", \"counts\": " + countsJson(e.counts) + "}";
    }
    out += "], \"total\": " + countsJson(s.total) + "}";
    std::puts(out.c_str());
}

} // namespace

int runSummary(const Args &input)
{
    Args args = input;
    std::string caseDir, format = "text", evidence;
    takeOption(args, "--case", caseDir);
    takeOption(args, "--format", format);
    takeOption(args, "--evidence", evidence);
    std::optional<std::int64_t> only;
    if (!noUnknownOptions(args))
        return ExitUsage;
    if (caseDir.empty() || !args.empty() || (format != "text" && format != "json") || !parseId(evidence, only)) {
        std::fputs("usage: vigil summary --case DIR [--format text|json] [--evidence ID]\n", stderr);
        return ExitUsage;
    }
    auto db = casedb::CaseStore::openReadOnly(caseDir);
    auto summary = db ? readSummary(*db, only) : std::unexpected(db.error());
    if (!summary) {
        std::fprintf(stderr, "vigil: %s\n", summary.error().toString().c_str());
        return ExitFailed;
    }
    format == "json" ? printJson(*summary, caseDir) : printText(*summary, caseDir);
    return ExitOk;
}

} // namespace vigil::cli
