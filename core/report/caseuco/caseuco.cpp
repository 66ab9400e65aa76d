// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/report/caseuco/caseuco.h"

#include <sqlite3.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstdio>
#include <memory>
#include <optional>
#include <system_error>

#include "core/report/caseuco/sections.h"
#include "core/util/timeutil.h"

namespace vigil::report {

namespace fs = std::filesystem;

namespace {

struct FileCloser {
    void operator()(std::FILE *f) const { std::fclose(f); }
};

// The export is written to a hidden file beside `out` and renamed over it at the end; it is removed
// unless committed, so a failed export leaves nothing behind.
class TempOutput {
public:
    static Result<std::unique_ptr<TempOutput>> create(const fs::path &out)
    {
        static std::atomic<int> counter{0};
        const fs::path temp = out.parent_path() / ("." + out.filename().string() + ".part-" +
                                                   std::to_string(::getpid()) + "-" + std::to_string(++counter));
        std::FILE *file = std::fopen(temp.c_str(), "wbx");
        if (!file)
            return fail(ErrorCode::Io, "cannot write " + out.string(), std::error_code(errno, std::generic_category()).message());
        return std::unique_ptr<TempOutput>(new TempOutput(out, temp, file));
    }
    ~TempOutput()
    {
        m_file.reset();
        if (!m_committed) {
            std::error_code ec;
            fs::remove(m_temp, ec);
        }
    }
    TempOutput(const TempOutput &) = delete;
    TempOutput &operator=(const TempOutput &) = delete;

    std::FILE *file() const { return m_file.get(); }

    Result<void> commit()
    {
        if (std::fclose(m_file.release()) != 0)
            return fail(ErrorCode::Io, "cannot write " + m_out.string() + " (closing it failed)");
        std::error_code ec;
        fs::rename(m_temp, m_out, ec);
        if (ec)
            return fail(ErrorCode::Io, "cannot write " + m_out.string(), ec.message());
        m_committed = true;
        return {};
    }

private:
    TempOutput(fs::path out, fs::path temp, std::FILE *file) : m_out(std::move(out)), m_temp(std::move(temp)), m_file(file) {}

    fs::path m_out, m_temp;
    std::unique_ptr<std::FILE, FileCloser> m_file;
    bool m_committed = false;
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
    auto temp = TempOutput::create(out);
    if (!temp)
        return std::unexpected(temp.error());
    JsonWriter json((*temp)->file());
    auto stats = exportCase(db, json, options);
    if (!stats)
        return stats;
    if (auto r = (*temp)->commit(); !r)
        return std::unexpected(r.error());
    return stats;
}

} // namespace vigil::report
