// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/report/caseuco/caseuco.h"

#include <sqlite3.h>

#include <cerrno>
#include <cstdio>
#include <memory>
#include <optional>
#include <system_error>

#include "core/report/caseuco/sections.h"
#include "core/util/tempoutput.h"
#include "core/util/timeutil.h"

namespace vigil::report {

namespace fs = std::filesystem;

namespace {

struct FileCloser {
    void operator()(std::FILE *f) const { std::fclose(f); }
};

void writeContext(JsonWriter &json)
{
    json.beginObject().key("@context").beginObject();
    for (const auto &p : uco::kContext)
        json.key(p.name).string(p.iri);
    json.endObject().key("@graph").beginArray().newline();
}

// The case as read once at the start (the cover before this), and what of it goes into the export.
Result<void> readCase(uco::Export &ex)
{
    auto evidence = casedb::evidenceHashes(ex.db);
    auto runs = casedb::ingestRuns(ex.db);
    auto runEvidence = uco::runEvidence(ex.db);
    auto scope = uco::exportScope(ex.db, ex.options.maxFiles, ex.options.personIds);
    for (const Result<void> &r : {asVoid(evidence), asVoid(runs), asVoid(runEvidence), asVoid(scope)}) {
        if (!r)
            return r;
    }
    ex.evidence = std::move(*evidence);
    ex.runs = std::move(*runs);
    ex.runEvidence = std::move(*runEvidence);
    ex.scope = std::move(*scope);
    return {};
}

Result<void> writeGraph(uco::Export &ex)
{
    using Section = Result<void> (*)(uco::Export &);
    for (const Section section : {uco::writeCaseSection, uco::writeCommunicationSection, uco::writeFileSection,
                                  uco::writeProvenanceRecords}) {
        if (auto r = section(ex); !r)
            return r;
    }
    return {};
}

Result<CaseUcoStats> exportCase(casedb::Database &db, JsonWriter &json, const CaseUcoOptions &options)
{
    auto cover = casedb::caseCover(db);
    if (!cover)
        return std::unexpected(cover.error());
    uco::GraphWriter graph(json, uco::IdMaker(cover->caseNumber + "|" + cover->createdUtc));
    uco::Export ex{db, graph, options, {}, std::move(*cover), {}, {}, {}, nowUtcNanos()};
    if (auto r = readCase(ex); !r)
        return std::unexpected(r.error());
    writeContext(json);
    if (auto r = writeGraph(ex); !r)
        return std::unexpected(r.error());
    json.endArray().endObject().newline();
    if (auto r = json.flush(); !r)
        return std::unexpected(r.error());
    return graph.stats();
}

} // namespace

Result<CaseUcoStats> writeCaseUco(casedb::Database &db, const fs::path &out, const CaseUcoOptions &options)
{
    if (out.empty() || out.filename().empty())
        return fail(ErrorCode::InvalidArgument, "no file name given for the CASE/UCO export");
    if (options.maxFiles < -1)
        return fail(ErrorCode::InvalidArgument, "maxFiles must be -1 (every file) or a count");
    // One read transaction: every query sees the same case, even while an ingest writes to it.
    std::optional<casedb::Transaction> snapshot;
    if (sqlite3_get_autocommit(db.handle()))
        snapshot.emplace(db, false);
    if (snapshot && !snapshot->begun())
        return std::unexpected(snapshot->begun().error());
    // Written under a hidden name beside `out` and renamed at the end: a failed export leaves nothing.
    auto temp = TempOutput::forTarget(out);
    if (!temp)
        return std::unexpected(temp.error());
    std::unique_ptr<std::FILE, FileCloser> file(std::fopen(temp->path().c_str(), "wbx"));
    if (!file)
        return fail(ErrorCode::Io, "cannot write " + out.string(), std::error_code(errno, std::generic_category()).message());
    JsonWriter json(file.get());
    auto stats = exportCase(db, json, options);
    if (!stats)
        return stats;
    if (std::fclose(file.release()) != 0)
        return fail(ErrorCode::Io, "cannot write " + out.string() + " (closing it failed)");
    if (auto r = temp->commit(); !r)
        return std::unexpected(r.error());
    return stats;
}

} // namespace vigil::report
