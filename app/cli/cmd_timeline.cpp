// SPDX-License-Identifier: GPL-3.0-or-later
// vigil timeline: the case's events (docs/timeline.md) in time order, as CSV or as a Sleuth Kit
// body file for mactime / plaso.
#include <cstdio>
#include <functional>
#include <iostream>
#include <sstream>
#include <string>

#include "app/cli/commands.h"
#include "app/cli/output.h"
#include "core/analysis/timeline/timeline.h"
#include "core/analysis/timeline/timelineexport.h"
#include "core/casedb/casestore.h"
#include "core/casedb/timelinequery.h"

namespace vigil::cli {

namespace {

int usage()
{
    std::fputs("usage: vigil timeline --case DIR [--person ID] [--from ISO] [--to ISO] [--format csv|bodyfile]\n"
               "                      [--evidence ID] [--lane LANE] [--kind KIND[,KIND...]] [--app APP]\n"
               "                      [--text TEXT]\n",
               stderr);
    return ExitUsage;
}

// "2024-02-03", "2024-02-03T10:00:00Z", "2024-02-03 10:00:00+01:00" (no zone: UTC).
bool parseTime(const std::string &text, std::optional<std::int64_t> &out)
{
    if (text.empty())
        return true;
    out = analysis::parseCreationTime(text.size() == 10 ? text + "T00:00:00Z" : text);
    return out.has_value();
}

std::vector<std::string> splitComma(const std::string &text)
{
    std::vector<std::string> out;
    std::stringstream in(text);
    for (std::string item; std::getline(in, item, ',');)
        if (!item.empty())
            out.push_back(item);
    return out;
}

} // namespace

int runTimeline(const Args &input)
{
    Args args = input;
    std::string caseDir, format = "csv", person, from, to, evidence, kinds;
    casedb::TimelineFilter filter;
    takeOption(args, "--case", caseDir);
    takeOption(args, "--format", format);
    takeOption(args, "--person", person);
    takeOption(args, "--from", from);
    takeOption(args, "--to", to);
    takeOption(args, "--evidence", evidence);
    takeOption(args, "--lane", filter.lane);
    takeOption(args, "--kind", kinds);
    takeOption(args, "--app", filter.app);
    takeOption(args, "--text", filter.text);
    if (!noUnknownOptions(args))
        return ExitUsage;
    if (caseDir.empty() || !args.empty() || (format != "csv" && format != "bodyfile") ||
        !parseId(person, filter.personId) || !parseId(evidence, filter.evidenceId))
        return usage();
    if (!parseTime(from, filter.from) || !parseTime(to, filter.to)) {
        std::fputs("vigil: --from/--to take an ISO 8601 date or time, e.g. 2024-02-03 or 2024-02-03T10:00:00Z\n",
                   stderr);
        return ExitUsage;
    }
    filter.kinds = splitComma(kinds);
    auto db = casedb::CaseStore::openReadOnly(caseDir);
    if (!db) {
        std::fprintf(stderr, "vigil: %s\n", db.error().toString().c_str());
        return ExitFailed;
    }
    auto st = db->prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'events'");
    if (!st || !st->step().value_or(false)) {
        std::fprintf(stderr,
                     "vigil: this case has no timeline yet (made by an older Vigil): run 'vigil analyse --case %s'\n",
                     caseDir.c_str());
        return ExitFailed;
    }
    auto n = analysis::writeTimeline(*db, filter,
                                     format == "bodyfile" ? analysis::TimelineFormat::BodyFile : analysis::TimelineFormat::Csv,
                                     std::cout);
    std::cout.flush();
    if (!n) {
        std::fprintf(stderr, "vigil: cannot read the timeline: %s\n", n.error().toString().c_str());
        return ExitFailed;
    }
    return ExitOk;
}

} // namespace vigil::cli
