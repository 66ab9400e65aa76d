// SPDX-License-Identifier: GPL-3.0-or-later
// The content pass of one evidence item, page by page (memory stays flat), with progress.
#include <chrono>

#include "core/pipeline/contentpass.h"
#include "core/pipeline/ingestutil.h"

namespace vigil::pipeline {

namespace {

constexpr std::size_t kContentPage = 10000;   // content tasks held in memory at once (about 2 MiB)

class ContentPhase {
public:
    ContentPhase(casedb::CaseStore &store, const IngestOptions &opt, EvidenceSummary &sum, const ProgressFn &progress)
        : m_store(store), m_opt(opt), m_sum(sum), m_progress(progress)
    {
        m_prog.evidence = sum.path.filename().string();
        m_prog.stage = Stage::Content;
    }

    void run(bool databasesOnly)
    {
        auto pending = pendingContent(m_store.dir(), m_sum.evidenceId);
        if (!pending) {
            error(pending.error());
            return;
        }
        if (pending->files == 0)
            return;
        m_prog.filesTotal = m_sum.filesHashed + pending->files;
        m_prog.bytesTotal = m_sum.bytesHashed + pending->bytes;
        m_prog.filesDone = m_sum.filesHashed;
        m_prog.bytesDone = m_sum.bytesHashed;
        report();
        while (!cancelled() && page(databasesOnly)) {
        }
    }

private:
    // One page of the content pass; false when there is nothing (more) to do.
    bool page(bool databasesOnly)
    {
        auto tasks = loadContentTasks(m_store.dir(), m_sum.evidenceId, kContentPage, databasesOnly);
        if (!tasks) {
            error(tasks.error());
            return false;
        }
        if (tasks->empty())
            return false;
        const std::uint64_t errorsBefore = m_sum.errors;
        const auto filesBefore = m_sum.filesHashed, bytesBefore = m_sum.bytesHashed;
        auto stats = runContentPass(m_store, m_sum.path, m_sum.evidenceId, *tasks, m_opt,
                                    [&](std::uint64_t files, std::uint64_t bytes, std::uint64_t errors) {
                                        m_prog.filesDone = filesBefore + files;
                                        m_prog.bytesDone = bytesBefore + bytes;
                                        m_prog.errors = errorsBefore + errors;
                                        report();
                                    });
        m_sum.filesHashed += stats.files;
        m_sum.bytesHashed += stats.bytes;
        m_sum.errors += stats.errors + stats.mediaFailed;
        m_sum.mediaAnalysed += stats.mediaAnalysed;
        m_sum.mediaFailed += stats.mediaFailed;
        m_sum.faces += stats.faces;
        m_sum.embedded += stats.embedded;
        if (auto r = m_store.flush(); !r) {   // the next page is chosen from committed state
            error(r.error());
            return false;
        }
        return stats.files == tasks->size() && tasks->size() == kContentPage;
    }

    void error(const Error &e)
    {
        ++m_sum.errors;
        m_store.recordError({m_sum.evidenceId, std::nullopt, std::nullopt, "content", "ingest", e, m_sum.path.string(),
                             std::nullopt});
    }

    void report()
    {
        if (m_progress)
            m_progress(m_prog);
    }

    bool cancelled() const { return m_opt.cancel && m_opt.cancel->load(); }

    casedb::CaseStore &m_store;
    const IngestOptions &m_opt;
    EvidenceSummary &m_sum;
    const ProgressFn &m_progress;
    IngestProgress m_prog;
};

} // namespace

void readEvidenceContent(casedb::CaseStore &store, const IngestOptions &options, EvidenceSummary &summary,
                         const ProgressFn &progress, bool databasesOnly)
{
    if (summary.evidenceId == 0 || (options.cancel && options.cancel->load()))
        return;
    const auto t0 = std::chrono::steady_clock::now();
    ContentPhase(store, options, summary, progress).run(databasesOnly);
    summary.contentSeconds += secondsSince(t0);
}

} // namespace vigil::pipeline
