// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/pipeline/mediastage.h"

#include <QJsonObject>

#include <atomic>
#include <chrono>
#include <fstream>
#include <map>
#include <mutex>
#include <thread>

#include "core/casedb/mediaquery.h"
#include "core/pipeline/filecontent.h"
#include "core/pipeline/log.h"
#include "core/pipeline/mediaanalyser.h"
#include "plugins/media/faces/faces.h"
#include "plugins/media/hashsets/hashset.h"
#include "plugins/media/hashsets/hashsetfile.h"
#include "plugins/media/pdq/pdq.h"
#include "plugins/media/pdq/pdqindex.h"

namespace vigil::pipeline {

namespace fs = std::filesystem;

namespace {

constexpr std::size_t kPage = 256;
constexpr std::size_t kResultBatch = 16;   // media rows carry thumbnails: small batches

struct MediaTask {
    std::int64_t fileId = 0;
    std::string path, sigType;
    std::uint64_t size = 0;
    bool partialCarve = false;   // carved or embedded, and known to be incomplete
};

// Files of one evidence item whose content is media and that no analysis has covered yet.
std::string pendingMediaWhere()
{
    std::string types;
    for (auto list : {imageTypes(), videoTypes()})
        for (auto t : list)
            types += (types.empty() ? "'" : ",'") + std::string(t) + "'";
    return "evidence_id = ? AND media_status IS NULL AND content_status IN ('hashed', 'partial') "
           "AND sig_type IN (" + types + ")";
}

Result<std::vector<MediaTask>> loadMediaTasks(const fs::path &caseDir, std::int64_t evidenceId, std::int64_t afterId)
{
    auto db = casedb::CaseStore::openReadOnly(caseDir);
    if (!db)
        return std::unexpected(db.error());
    auto st = db->prepare("SELECT id, path, sig_type, size, coalesce(carve_status, '') = 'partial' FROM files WHERE " +
                          pendingMediaWhere() +
                          " AND id > ? ORDER BY id LIMIT ?");
    if (!st)
        return std::unexpected(st.error());
    st->bind(1, evidenceId).bind(2, afterId).bind(3, static_cast<std::int64_t>(kPage));
    std::vector<MediaTask> tasks;
    auto rows = st->forEachRow([&](const casedb::Statement &r) {
        tasks.push_back({r.int64(0), r.text(1), r.text(2), static_cast<std::uint64_t>(r.int64(3)), r.int64(4) != 0});
        return true;
    });
    if (!rows)
        return std::unexpected(rows.error());
    return tasks;
}

Result<std::int64_t> countMediaTasks(const fs::path &caseDir, std::int64_t evidenceId)
{
    auto db = casedb::CaseStore::openReadOnly(caseDir);
    if (!db)
        return std::unexpected(db.error());
    auto st = db->prepare("SELECT count(*) FROM files WHERE " + pendingMediaWhere());
    if (!st)
        return std::unexpected(st.error());
    st->bind(1, evidenceId);
    auto row = st->step();
    if (!row)
        return std::unexpected(row.error());
    return st->int64(0);
}

// Reads a whole file into memory.
Result<std::vector<unsigned char>> readAll(FileContent &content)
{
    std::vector<unsigned char> bytes(content.size());
    std::size_t done = 0;
    while (done < bytes.size()) {
        auto n = content.read(done, bytes.data() + done, bytes.size() - done);
        if (!n)
            return std::unexpected(n.error());
        if (*n == 0)
            break;
        done += *n;
    }
    bytes.resize(done);
    return bytes;
}

Result<void> spool(FileContent &content, const fs::path &out)
{
    std::ofstream file(out, std::ios::binary);
    std::vector<unsigned char> buf(1 << 20);
    for (std::uint64_t off = 0; off < content.size();) {
        auto n = content.read(off, buf.data(), buf.size());
        if (!n)
            return std::unexpected(n.error());
        if (*n == 0)
            break;
        file.write(reinterpret_cast<const char *>(buf.data()), static_cast<std::streamsize>(*n));
        off += *n;
    }
    if (!file.flush())
        return fail(ErrorCode::Io, "cannot write the temporary copy " + out.string() + " (is the case disk full?)");
    return {};
}

class MediaWorker {
public:
    MediaWorker(casedb::CaseStore &store, std::int64_t evidenceId, MediaAnalyser &analyser, EvidenceFiles &files)
        : m_store(store), m_evidenceId(evidenceId), m_analyser(analyser), m_files(files)
    {
    }
    ~MediaWorker() { flush(); }

    MediaPassStats stats;

    void process(const MediaTask &task)
    {
        auto rec = analyse(task);
        ++stats.files;
        stats.faces += rec.faces.size();
        if (task.partialCarve && rec.status == "failed")
            ++stats.partialCarves;   // expected: the carver said it is incomplete (files.carve_note)
        else if (recordMediaFailure(m_store, m_evidenceId, task.path, rec))
            ++stats.failed;
        else
            ++stats.analysed;
        m_batch.push_back(std::move(rec));
        if (m_batch.size() >= kResultBatch)
            flush();
    }

    void flush()
    {
        if (!m_batch.empty())
            m_store.addMedia(std::exchange(m_batch, {}));
    }

private:
    model::MediaRecord analyse(const MediaTask &task)
    {
        auto content = m_files.file(task.fileId);
        if (!content)
            return failed(task, content.error().toString());
        if ((*content)->size() <= kMediaInMemoryLimit) {
            auto bytes = readAll(**content);
            if (!bytes)
                return failed(task, bytes.error().toString());
            return m_analyser.analyse(*bytes, task.sigType, task.fileId, m_evidenceId);
        }
        if (!isVideoType(task.sigType))
            return failed(task, "the image file is " + std::to_string((*content)->size()) +
                                    " bytes, over the limit for images (possible decompression bomb)");
        const fs::path tmp = m_store.tempDir() / ("media-" + std::to_string(task.fileId));
        if (auto r = spool(**content, tmp); !r)
            return failed(task, r.error().toString());
        auto rec = m_analyser.analyseVideoFile(tmp, task.sigType, task.fileId, m_evidenceId);
        std::error_code ec;
        fs::remove(tmp, ec);
        return rec;
    }

    model::MediaRecord failed(const MediaTask &task, const std::string &why) const
    {
        model::MediaRecord rec;
        rec.fileId = task.fileId;
        rec.evidenceId = m_evidenceId;
        rec.kind = isVideoType(task.sigType) ? "video" : "image";
        rec.format = task.sigType;
        rec.status = "failed";
        rec.note = why;
        rec.analyserVersion = kMediaAnalyserVersion;
        return rec;
    }

    casedb::CaseStore &m_store;
    std::int64_t m_evidenceId;
    MediaAnalyser &m_analyser;
    EvidenceFiles &m_files;
    std::vector<model::MediaRecord> m_batch;
};

Result<std::map<std::int64_t, fs::path>> extractIfZip(casedb::CaseStore &store, std::int64_t evidenceId,
                                                      const std::vector<MediaTask> &tasks, const fs::path &dir)
{
    auto zip = isZipEvidence(store.dir(), evidenceId);
    if (!zip || !*zip)
        return std::map<std::int64_t, fs::path>{};
    std::vector<std::int64_t> ids;
    for (const auto &t : tasks)
        ids.push_back(t.fileId);
    return extractZipMembers(store.dir(), ids, dir);
}

// One page of tasks over one worker per analyser, each with its own evidence handles (the
// analysers live for the whole pass: face models load once per thread).
void runPage(casedb::CaseStore &store, std::int64_t evidenceId, const IngestOptions &options,
             std::vector<std::unique_ptr<MediaAnalyser>> &analysers, const std::vector<MediaTask> &tasks,
             std::map<std::int64_t, fs::path> extracted, MediaPassStats &total, std::atomic<std::uint64_t> &done)
{
    std::atomic<std::size_t> next{0};
    std::mutex mutex;
    auto body = [&](MediaAnalyser &analyser) {
        auto files = EvidenceFiles::open(store.dir(), extracted);
        if (!files) {
            store.recordError({evidenceId, std::nullopt, std::nullopt, "media", "media-stage", files.error(), {}, std::nullopt});
            return;
        }
        MediaWorker worker(store, evidenceId, analyser, **files);
        for (std::size_t i = next++; i < tasks.size(); i = next++) {
            if (options.cancel && options.cancel->load())
                break;
            worker.process(tasks[i]);
            ++done;
        }
        worker.flush();
        std::lock_guard lock(mutex);
        total.files += worker.stats.files;
        total.analysed += worker.stats.analysed;
        total.failed += worker.stats.failed;
        total.faces += worker.stats.faces;
    };
    std::vector<std::thread> threads;
    for (std::size_t i = 0; i < std::min(analysers.size(), tasks.size()); ++i)
        threads.emplace_back(body, std::ref(*analysers[i]));
    for (auto &t : threads)
        t.join();
}

} // namespace

bool recordMediaFailure(casedb::CaseStore &store, std::int64_t evidenceId, const std::string &path,
                        const model::MediaRecord &record)
{
    if (record.status != "failed")
        return false;
    store.recordError({evidenceId, record.fileId, std::nullopt, "media", "media-analyser",
                       Error(ErrorCode::Corrupt, "media could not be analysed: " + record.note), path, std::nullopt});
    return true;
}

MediaPassStats runMediaPass(casedb::CaseStore &store, std::int64_t evidenceId, const IngestOptions &options,
                            const std::function<void(std::uint64_t, std::uint64_t)> &tick)
{
    MediaPassStats total;
    if (!options.media.enabled)
        return total;
    (void)store.flush();
    const auto pending = countMediaTasks(store.dir(), evidenceId);
    const std::uint64_t expected = pending ? static_cast<std::uint64_t>(*pending) : 0;
    std::atomic<std::uint64_t> done{0};
    const fs::path work = store.tempDir() / ("media-" + std::to_string(evidenceId));
    std::int64_t after = 0;
    const unsigned n = options.workers ? options.workers : std::max(1u, std::thread::hardware_concurrency());
    std::vector<std::unique_ptr<MediaAnalyser>> analysers;
    for (unsigned i = 0; i < n; ++i)
        analysers.push_back(std::make_unique<MediaAnalyser>(options.media));
    while (!(options.cancel && options.cancel->load())) {
        auto tasks = loadMediaTasks(store.dir(), evidenceId, after);
        if (!tasks) {
            store.recordError({evidenceId, std::nullopt, std::nullopt, "media", "media-stage", tasks.error(), {}, std::nullopt});
            break;
        }
        if (tasks->empty())
            break;
        after = tasks->back().fileId;
        auto extracted = extractIfZip(store, evidenceId, *tasks, work);
        if (!extracted)
            store.recordError({evidenceId, std::nullopt, std::nullopt, "media", "media-stage", extracted.error(), {}, std::nullopt});
        runPage(store, evidenceId, options, analysers, *tasks, extracted ? std::move(*extracted) : std::map<std::int64_t, fs::path>{},
                total, done);
        std::error_code ec;
        fs::remove_all(work, ec);
        if (tick)
            tick(done, expected);
    }
    (void)store.flush();
    return total;
}

void analyseEvidenceMedia(casedb::CaseStore &store, const IngestOptions &options, EvidenceSummary &sum,
                          const ProgressFn &progress)
{
    if (!options.media.enabled || sum.evidenceId == 0 || (options.cancel && options.cancel->load()))
        return;
    const auto t0 = std::chrono::steady_clock::now();
    IngestProgress prog;
    prog.evidence = sum.path.filename().string();
    prog.stage = Stage::Media;
    const auto stats = runMediaPass(store, sum.evidenceId, options, [&](std::uint64_t done, std::uint64_t total) {
        prog.filesDone = done;
        prog.filesTotal = total;
        if (progress)
            progress(prog);
    });
    sum.mediaAnalysed += stats.analysed;
    sum.mediaFailed += stats.failed;
    sum.errors += stats.failed;
    sum.faces += stats.faces;
    sum.mediaSeconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    qCInfo(lcPipeline).noquote() << QString::fromStdString(sum.path.string()) << "media:" << stats.analysed
                                 << "analysed," << stats.failed << "failed," << stats.faces << "faces," << sum.mediaSeconds
                                 << "s";
}

} // namespace vigil::pipeline
