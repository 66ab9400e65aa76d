// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/pipeline/contentpass.h"

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <map>
#include <mutex>
#include <thread>

#include "core/evidence/tskwalker.h"
#include "core/pipeline/embeddedsearch.h"
#include "core/pipeline/filecontent.h"
#include "core/pipeline/log.h"
#include "core/pipeline/mediaanalyser.h"
#include "core/pipeline/mediastage.h"
#include "core/util/bytebudget.h"
#include "core/util/hashing.h"
#include "core/util/signature.h"

namespace vigil::pipeline {

namespace {

constexpr std::size_t kChunk = 1 << 20;
constexpr std::size_t kKeptRetained = 8u << 20;   // the kept-bytes buffer a worker holds on to between files
// A file's bytes kept for media analysis and the embedded search: up to kKeptFree each worker
// keeps freely; larger files share kKeptBudget among all workers, so however many large files an
// image holds, only so many are in memory (and being decoded or scanned) at once. A file over the
// budget (up to kMediaInMemoryLimit) is served alone.
constexpr std::uint64_t kKeptFree = 8u << 20;
constexpr std::uint64_t kKeptBudget = 64u << 20;
constexpr std::size_t kResultBatch = 256;
constexpr std::size_t kMediaBatch = 16;   // media rows carry thumbnails

// Lower is earlier: what triage needs first is read first. Class 0 (databases and their
// WAL/journals) is read in a phase of its own so the parsers can run before the rest.
constexpr const char *kPriorityClass = R"SQL(CASE
  WHEN f.extension IN ('db','sqlite','sqlite3','sqlitedb','db-wal','db-journal','db-shm','plist')
    OR f.name LIKE '%-wal' OR f.name LIKE '%-journal'
    OR f.name IN ('History','Cookies','Web Data','places.sqlite','msgstore.db','wa.db') THEN 0
  WHEN f.extension IN ('jpg','jpeg','png','gif','heic','webp','bmp','mp4','mov','3gp','avi','mkv','webm') THEN 1
  ELSE 2 END)SQL";

// File-system entries with an address, and derived files (carved, members, embedded).
constexpr const char *kReadable =
    "((f.meta_addr IS NOT NULL AND f.fs_id IS NOT NULL) OR f.origin <> 'fs')";

std::string prioritySql(bool databasesOnly)
{
    return std::string("SELECT f.id, coalesce(fs.start_offset, 0), coalesce(f.meta_addr, 0), f.attr_type, f.attr_id,"
                       " f.size, f.name, f.path, f.origin <> 'fs', f.fs_id, f.allocated, f.depth,"
                       " coalesce(f.carve_status, '') = 'partial'\n"
                       "FROM files f LEFT JOIN filesystems fs ON fs.id = f.fs_id\n"
                       "WHERE f.evidence_id = ? AND f.content_status = 'pending' AND ") + kReadable + "\n"
         + (databasesOnly ? std::string("AND ") + kPriorityClass + " = 0\n" : std::string())
         + "ORDER BY " + kPriorityClass + ", f.fs_id, f.meta_addr, f.id\nLIMIT ?";
}

std::string pendingSql()
{
    return std::string("SELECT count(*), coalesce(sum(size), 0) FROM files f "
                       "WHERE f.evidence_id = ? AND f.content_status = 'pending' AND ") + kReadable;
}

// One worker's read-only handles, opened when first needed: the image for file-system
// entries, FileContent's for derived files.
struct WorkerContext {
    std::filesystem::path imagePath, caseDir;
    std::optional<evidence::TskImage> image;
    std::map<std::int64_t, evidence::FsPtr> filesystems;
    std::unique_ptr<EvidenceFiles> files;
};

Result<TSK_FS_INFO *> fileSystemAt(WorkerContext &ctx, std::int64_t offset)
{
    if (!ctx.image) {
        auto src = evidence::openImage(ctx.imagePath);
        if (!src)
            return std::unexpected(src.error());
        auto img = evidence::TskImage::open(std::move(*src));
        if (!img)
            return std::unexpected(img.error());
        ctx.image.emplace(std::move(*img));
    }
    auto it = ctx.filesystems.find(offset);
    if (it == ctx.filesystems.end()) {
        auto fs = evidence::openFileSystem(*ctx.image, offset);
        if (!fs)
            return std::unexpected(fs.error());
        it = ctx.filesystems.emplace(offset, std::move(*fs)).first;
    }
    return it->second.get();
}

Result<EvidenceFiles *> derivedFiles(WorkerContext &ctx)
{
    if (!ctx.files) {
        auto files = EvidenceFiles::open(ctx.caseDir);
        if (!files)
            return std::unexpected(files.error());
        ctx.files = std::move(*files);
    }
    return ctx.files.get();
}

// Reads a task's content in chunks: a TSK file reader or a FileContent.
using ChunkReader = std::function<Result<std::size_t>(std::uint64_t offset, void *buf, std::size_t len)>;

class Worker {
public:
    Worker(casedb::CaseStore &store, std::int64_t evidenceId, const IngestOptions &options, const EmbeddedSearch *search,
           ByteBudget &keptBudget)
        : m_store(store), m_evidenceId(evidenceId), m_cancel(options.cancel),
          m_hasher(HashMd5 | HashSha1 | (options.sha256 ? HashSha256 : 0u)), m_buffer(kChunk),
          m_mediaEnabled(options.media.enabled), m_analyser(options.media), m_search(search), m_keptBudget(keptBudget)
    {
    }

    ContentStats stats;

    void process(WorkerContext &ctx, const ContentTask &task)
    {
        casedb::ContentResult result;
        result.fileId = task.fileId;
        result.status = "hashed";
        auto error = task.derived ? hashDerived(ctx, task, result) : hashTask(ctx, task, result);
        if (cancelled())
            return;   // the row stays 'pending': a later ingest can finish it
        if (error)
            recordError(task, *error);
        stats.bytes += result.bytesRead;
        ++stats.files;
        if (m_keepSearch && result.bytesRead > 0)
            searchEmbedded(task, result);
        if (m_keepMedia && result.bytesRead > 0)
            analyseMedia(task, result);
        releaseKept();
        m_results.push_back(std::move(result));
        if (m_results.size() >= kResultBatch)
            flush();
    }

    void flush()
    {
        if (!m_results.empty())
            m_store.setContentResults(std::exchange(m_results, {}));
        if (!m_media.empty())
            m_store.addMedia(std::exchange(m_media, {}));
    }

private:
    // A large file's bytes are not kept resident while the worker goes on: each worker
    // holding the largest buffer it had needed so far made the peak grow with the image.
    void releaseKept()
    {
        m_keptShare.reset();
        if (m_kept.capacity() > kKeptRetained)
            std::vector<unsigned char>().swap(m_kept);
        else
            m_kept.clear();
    }

    void recordError(const ContentTask &task, const Error &error)
    {
        ++stats.errors;
        m_store.recordError(casedb::ProcessingError{m_evidenceId, task.fileId, std::nullopt, "content", "content-pass",
                                                    error, task.path, std::nullopt});
    }

    // The bytes just hashed are searched for embedded files; the children are written before
    // this file's result, so a result that is committed always has its children.
    void searchEmbedded(const ContentTask &task, casedb::ContentResult &result)
    {
        const DerivedParent parent{m_evidenceId, task.fileId, task.fsId, task.path, task.allocated, task.depth};
        auto found = m_search->search(m_kept, result.sigType, parent, m_cancel);
        if (cancelled())
            return;
        if (found.error)
            recordError(task, *found.error);
        ++stats.searched;
        stats.embedded += found.children.size();
        if (!found.children.empty())
            m_store.postDerivedFiles(std::move(found.children));
        result.expandStatus = found.status;
    }

    // The bytes just hashed are decoded here instead of being read again by the media pass.
    void analyseMedia(const ContentTask &task, const casedb::ContentResult &result)
    {
        auto rec = m_analyser.analyse(m_kept, result.sigType, task.fileId, m_evidenceId);
        stats.faces += rec.faces.size();
        if (task.partialCarve && rec.status == "failed") {
            // expected: the carver said it is incomplete (files.carve_note); the media row says so
        } else if (recordMediaFailure(m_store, m_evidenceId, task.path, rec))
            ++stats.mediaFailed;
        else
            ++stats.mediaAnalysed;
        m_media.push_back(std::move(rec));
        if (m_media.size() >= kMediaBatch)
            flush();
    }

    std::optional<Error> hashTask(WorkerContext &ctx, const ContentTask &task, casedb::ContentResult &result)
    {
        m_keepMedia = m_keepSearch = false;
        auto fs = fileSystemAt(ctx, task.fsOffset);
        if (!fs)
            return fail(fs.error(), result, "unreadable");
        auto reader = evidence::TskFileReader::open(*fs, task.metaAddr, task.attrType, task.attrId);
        if (!reader)
            return fail(reader.error(), result, "unreadable");
        if (auto offset = reader->firstByteOffset())
            result.sourceOffset = static_cast<std::int64_t>(*offset);
        return hashContent(task, reader->size(), [&](std::uint64_t o, void *b, std::size_t l) { return reader->read(o, b, l); },
                           result);
    }

    std::optional<Error> hashDerived(WorkerContext &ctx, const ContentTask &task, casedb::ContentResult &result)
    {
        m_keepMedia = m_keepSearch = false;
        auto files = derivedFiles(ctx);
        if (!files)
            return fail(files.error(), result, "unreadable");
        auto content = (*files)->file(task.fileId);
        if (!content)
            return fail(content.error(), result, "unreadable");
        return hashContent(task, (*content)->size(),
                           [&](std::uint64_t o, void *b, std::size_t l) { return (*content)->read(o, b, l); }, result);
    }

    // Which of the bytes being read are kept in memory for the media analyser and the
    // embedded search, decided from the signature of the first chunk.
    void decideKeep(const ContentTask &task, std::uint64_t size, const casedb::ContentResult &result)
    {
        m_keepMedia = m_mediaEnabled && isMediaType(result.sigType) && size <= kMediaInMemoryLimit;
        m_keepSearch = m_search && EmbeddedSearch::wanted(result.sigType) && size <= kSearchInMemoryLimit &&
                       !(!task.derived && EmbeddedSearch::isFileSystemMetadata(task.path));
        releaseKept();
        if (!m_keepMedia && !m_keepSearch)
            return;
        if (size > kKeptFree) {
            if (!m_keptBudget.acquire(size, m_cancel)) {
                m_keepMedia = m_keepSearch = false;   // cancelled while waiting
                return;
            }
            m_keptShare = ByteShare(m_keptBudget, size);
        }
        m_kept.reserve(size);
    }

    std::optional<Error> hashContent(const ContentTask &task, std::uint64_t size, const ChunkReader &read,
                                     casedb::ContentResult &result)
    {
        m_hasher.reset();
        std::optional<Error> readError;
        while (result.bytesRead < size && !cancelled()) {
            auto n = read(result.bytesRead, m_buffer.data(), std::min<std::uint64_t>(kChunk, size - result.bytesRead));
            if (!n) {
                readError = n.error();
                break;
            }
            if (*n == 0) {
                // The file system has no more initialised data (NTFS init_size, sparse
                // tails): what exists is hashed and the row says how much that was.
                result.status = "partial";
                break;
            }
            if (result.bytesRead == 0) {
                typeHead(task, *n, result);
                decideKeep(task, size, result);
            }
            if (m_keepMedia || m_keepSearch)
                m_kept.insert(m_kept.end(), m_buffer.data(), m_buffer.data() + *n);
            m_hasher.update(m_buffer.data(), *n);
            result.bytesRead += *n;
        }
        auto digests = m_hasher.finish();
        if (readError) {
            result.status = result.bytesRead ? "partial" : "unreadable";
            if (result.bytesRead == 0)
                return readError;
            readError->message += " after " + std::to_string(result.bytesRead) + " of " + std::to_string(size) + " bytes";
            return readError;
        }
        result.md5 = std::move(digests.md5);
        result.sha1 = std::move(digests.sha1);
        result.sha256 = std::move(digests.sha256);
        return std::nullopt;
    }

    static Error fail(const Error &e, casedb::ContentResult &result, const char *status)
    {
        result.status = status;
        return e;
    }

    void typeHead(const ContentTask &task, std::size_t n, casedb::ContentResult &result)
    {
        const auto head = std::span<const unsigned char>(m_buffer.data(), std::min(n, kSignatureHeadSize));
        const Signature sig = detectSignature(head);
        result.sigType = std::string(sig.type);
        result.sigMime = std::string(sig.mime);
        // An NTFS stream ("name:stream") has no extension of its own to disagree with.
        if (task.name.find(':') == std::string::npos)
            result.extMismatch = extensionMismatch(sig, task.name);
    }

    bool cancelled() const { return m_cancel && m_cancel->load(); }

    casedb::CaseStore &m_store;
    std::int64_t m_evidenceId;
    const std::atomic<bool> *m_cancel;
    MultiHasher m_hasher;
    std::vector<unsigned char> m_buffer;
    std::vector<casedb::ContentResult> m_results;
    bool m_mediaEnabled;
    bool m_keepMedia = false, m_keepSearch = false;
    std::vector<unsigned char> m_kept;   // the file's bytes, for media analysis and embedded search
    MediaAnalyser m_analyser;
    std::vector<model::MediaRecord> m_media;
    const EmbeddedSearch *m_search;
    ByteBudget &m_keptBudget;
    ByteShare m_keptShare;   // m_kept's share of the budget while it holds a large file
};

// Work is handed out in runs of neighbouring files (at most kChunkFiles files or
// kChunkBytes bytes), so each worker's image cache serves blocks its own files share
// instead of two workers each reading the same block for alternate files.
constexpr std::size_t kChunkFiles = 16;
constexpr std::uint64_t kChunkBytes = 8u << 20;

std::vector<std::size_t> chunkTasks(const std::vector<ContentTask> &tasks)
{
    std::vector<std::size_t> starts{0};
    std::uint64_t bytes = 0;
    for (std::size_t i = 0; i < tasks.size(); ++i) {
        bytes += tasks[i].size;
        if (i + 1 - starts.back() >= kChunkFiles || bytes >= kChunkBytes) {
            starts.push_back(i + 1);
            bytes = 0;
        }
    }
    if (starts.back() != tasks.size())
        starts.push_back(tasks.size());
    return starts;
}

// The embedded search shared by the workers (its carvers are thread-safe), or none.
std::unique_ptr<EmbeddedSearch> embeddedSearch(casedb::CaseStore &store, std::int64_t evidenceId,
                                               const IngestOptions &options)
{
    if (!options.expand)
        return nullptr;
    auto search = EmbeddedSearch::create(options.maxDepth);
    if (!search) {
        store.recordError({evidenceId, std::nullopt, std::nullopt, "content", "embedded-search", search.error(), {},
                           std::nullopt});
        return nullptr;
    }
    return std::move(*search);
}

} // namespace

Result<PendingContent> pendingContent(const std::filesystem::path &caseDir, std::int64_t evidenceId)
{
    auto db = casedb::CaseStore::openReadOnly(caseDir);
    if (!db)
        return std::unexpected(db.error());
    auto st = db->prepare(pendingSql());
    if (!st)
        return std::unexpected(st.error());
    PendingContent p;
    st->bind(1, evidenceId);
    auto rows = st->forEachRow([&](const casedb::Statement &r) {
        p = {static_cast<std::uint64_t>(r.int64(0)), static_cast<std::uint64_t>(r.int64(1))};
        return false;
    });
    if (!rows)
        return std::unexpected(rows.error());
    return p;
}

Result<std::vector<ContentTask>> loadContentTasks(const std::filesystem::path &caseDir, std::int64_t evidenceId,
                                                  std::size_t limit, bool databasesOnly)
{
    auto db = casedb::CaseStore::openReadOnly(caseDir);
    if (!db)
        return std::unexpected(db.error());
    auto st = db->prepare(prioritySql(databasesOnly));
    if (!st)
        return std::unexpected(st.error());
    st->bind(1, evidenceId).bind(2, static_cast<std::int64_t>(limit));
    std::vector<ContentTask> tasks;
    auto rows = st->forEachRow([&](const casedb::Statement &r) {
        auto opt = [&](int c) { return r.isNull(c) ? std::nullopt : std::optional<int>(static_cast<int>(r.int64(c))); };
        tasks.push_back(ContentTask{r.int64(0), r.int64(1), static_cast<std::uint64_t>(r.int64(2)), opt(3), opt(4),
                                    static_cast<std::uint64_t>(r.int64(5)), r.text(6), r.text(7), r.int64(8) != 0,
                                    r.optInt64(9), r.int64(10) != 0, static_cast<int>(r.int64(11)), r.int64(12) != 0});
        return true;
    });
    if (!rows)
        return std::unexpected(rows.error());
    return tasks;
}

ContentStats runContentPass(casedb::CaseStore &store, const std::filesystem::path &image, std::int64_t evidenceId,
                            const std::vector<ContentTask> &tasks, const IngestOptions &options,
                            const std::function<void(std::uint64_t, std::uint64_t, std::uint64_t)> &tick)
{
    const unsigned n = options.workers ? options.workers : std::max(1u, std::thread::hardware_concurrency());
    const auto chunks = chunkTasks(tasks);
    std::atomic<std::size_t> nextChunk{0};
    std::atomic<std::uint64_t> files{0}, bytes{0}, errors{0};
    std::atomic<unsigned> running{n};
    ContentStats media;   // the media and embedded-search figures, summed under doneMutex
    std::mutex doneMutex;
    std::condition_variable doneCv;
    auto search = embeddedSearch(store, evidenceId, options);
    ByteBudget keptBudget(kKeptBudget);
    auto body = [&] {
        Worker worker(store, evidenceId, options, search.get(), keptBudget);
        WorkerContext ctx{image, store.dir(), std::nullopt, {}, nullptr};
        for (std::size_t c = nextChunk++; c + 1 < chunks.size(); c = nextChunk++) {
            for (std::size_t i = chunks[c]; i < chunks[c + 1]; ++i) {
                if (options.cancel && options.cancel->load())
                    break;
                const auto before = worker.stats;
                worker.process(ctx, tasks[i]);
                files += 1;
                bytes += worker.stats.bytes - before.bytes;
                errors += worker.stats.errors - before.errors;
            }
        }
        worker.flush();
        std::lock_guard lock(doneMutex);
        media.mediaAnalysed += worker.stats.mediaAnalysed;
        media.mediaFailed += worker.stats.mediaFailed;
        media.faces += worker.stats.faces;
        media.searched += worker.stats.searched;
        media.embedded += worker.stats.embedded;
        --running;
        doneCv.notify_all();
    };
    std::vector<std::thread> threads;
    for (unsigned i = 0; i < n; ++i)
        threads.emplace_back(body);
    {
        std::unique_lock lock(doneMutex);
        while (!doneCv.wait_for(lock, std::chrono::milliseconds(200), [&] { return running == 0; })) {
            if (tick)
                tick(files, bytes, errors);
        }
    }
    for (auto &t : threads)
        t.join();
    if (keptBudget.waits())
        qCDebug(lcPipeline) << "content pass: a large file waited" << keptBudget.waits()
                            << "time(s) for the kept-bytes budget";
    if (tick)
        tick(files, bytes, errors);
    return ContentStats{files, bytes, errors, media.mediaAnalysed, media.mediaFailed, media.faces, media.searched,
                        media.embedded};
}

} // namespace vigil::pipeline
