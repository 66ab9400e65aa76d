// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/pipeline/imageingest.h"

#include <QJsonDocument>
#include <QJsonObject>

#include <chrono>

#include "core/casedb/queries.h"
#include "core/evidence/tskwalker.h"
#include "core/evidence/verify.h"
#include "core/pipeline/carvestage.h"
#include "core/pipeline/contentpass.h"
#include "core/pipeline/expandstage.h"
#include "core/pipeline/ingestutil.h"
#include "core/pipeline/log.h"
#include "core/pipeline/mediastage.h"
#include "core/pipeline/parsestage.h"

namespace vigil::pipeline {

namespace fs = std::filesystem;

namespace {

constexpr std::size_t kFileBatch = 2000;

std::string acquisitionJson(const evidence::ByteSource &src)
{
    QJsonObject o;
    for (const auto &[k, v] : src.metadata())
        o.insert(q(k), q(v));
    return QJsonDocument(o).toJson(QJsonDocument::Compact).toStdString();
}

class ImageIngest {
public:
    ImageIngest(casedb::CaseStore &store, const IngestOptions &opt, const ProgressFn &progress, EvidenceSummary &sum)
        : m_store(store), m_opt(opt), m_progress(progress), m_sum(sum)
    {
        m_prog.evidence = sum.path.filename().string();
    }

    // prior: this evidence's row from an earlier, unfinished ingest into the case.
    void run(std::unique_ptr<evidence::ByteSource> src, const std::optional<casedb::EvidenceState> &prior)
    {
        m_sum.kind = model::toString(src->kind());
        m_sum.mediaSize = src->size();
        if (!(prior ? resumeEvidence(*prior) : addEvidenceRow(*src)))
            return;
        auto img = evidence::TskImage::open(std::move(src));
        if (!img) {
            error(img.error(), "open", {});
            return;
        }
        if (prior && prior->status == "indexed")
            loadIndexSummary();
        else
            index(*img);
        // Databases first, parsed as soon as they are read (triage wants the conversations
        // first); then everything else with the archives in it expanded (rounds until nothing
        // new), then carving of unallocated space and slack (and the same for what it finds),
        // and a second parse for databases found by content, in archives or carved.
        readEvidenceContent(m_store, m_opt, m_sum, m_progress, true);
        if (!cancelled())
            parseEvidence(m_store, m_opt, m_sum, m_progress);
        expandEvidence(m_store, m_opt, m_sum, m_progress);
        carveEvidence(m_store, m_opt, m_sum, m_progress);
        if (!cancelled())
            parseEvidence(m_store, m_opt, m_sum, m_progress);
        qCInfo(lcPipeline).noquote() << QString::fromStdString(m_sum.path.string()) << "content:" << m_sum.filesHashed
                                     << "files," << m_sum.bytesHashed << "bytes in" << m_sum.contentSeconds << "s";
        if (m_opt.cancel && m_opt.cancel->load())
            return;
        analyseEvidenceMedia(m_store, m_opt, m_sum, m_progress);
        if (m_opt.cancel && m_opt.cancel->load())
            return;
        (void)m_store.setEvidenceStatus(m_sum.evidenceId, "done");
        if (m_opt.verify)
            verifyMedia();
    }

    // Re-hashes every byte of the media and compares with the acquisition hashes. Runs
    // after the content pass, so triage results come first.
    void verifyMedia()
    {
        auto src = evidence::openImage(m_sum.path);
        if (!src) {
            recordUnverifiable(src.error());
            return;
        }
        report(Stage::Verifying);
        auto result = evidence::verifyMedia(
            **src,
            [&](const evidence::VerifyProgress &p) {
                m_prog.bytesDone = p.bytesDone;
                m_prog.bytesTotal = p.bytesTotal;
                report(Stage::Verifying);
            },
            m_opt.cancel);
        if (!result) {
            if (result.error().code != ErrorCode::Cancelled)
                recordUnverifiable(result.error());
            return;
        }
        m_sum.verification = !result->hasStored() ? "no-stored-hash" : result->matches() ? "match" : "mismatch";
        (void)m_store.setVerification(m_sum.evidenceId, result->computed.md5, result->computed.sha1, m_sum.verification);
        m_store.audit("evidence.verify", QJsonObject{{"evidence_id", qint64(m_sum.evidenceId)},
                                                     {"result", q(m_sum.verification)},
                                                     {"md5", q(result->computed.md5)},
                                                     {"sha1", q(result->computed.sha1)}});
        if (m_sum.verification == "mismatch")
            error(Error(ErrorCode::Corrupt, "the media does not match the hashes stored at acquisition",
                        "stored md5 " + result->stored.md5 + " sha1 " + result->stored.sha1 + "; computed md5 " +
                            result->computed.md5 + " sha1 " + result->computed.sha1),
                  "verify", {});
    }

private:
    // Part of the media could not be read (a damaged chunk, a missing segment): no hash to compare.
    void recordUnverifiable(const Error &why)
    {
        m_sum.verification = "unreadable";
        (void)m_store.setVerification(m_sum.evidenceId, "", "", m_sum.verification);
        m_store.audit("evidence.verify", QJsonObject{{"evidence_id", qint64(m_sum.evidenceId)},
                                                     {"result", q(m_sum.verification)},
                                                     {"why", q(why.toString())}});
        error(why, "verify", {});
    }

    void index(const evidence::TskImage &img)
    {
        const auto t0 = std::chrono::steady_clock::now();
        // The zone its FAT times are read in now (an index kept from an earlier run keeps its own).
        if (auto r = m_store.setEvidenceTimezone(m_sum.evidenceId, m_opt.fsTimezone); !r)
            error(r.error(), "index", {});
        indexImage(img);
        if (auto r = m_store.flush(); !r)   // the index is only done once it is committed
            error(r.error(), "index", {});
        m_sum.indexSeconds = secondsSince(t0);
        qCInfo(lcPipeline).noquote() << QString::fromStdString(m_sum.path.string()) << "indexed:" << m_sum.files
                                     << "entries in" << m_sum.filesystems.size() << "file system(s),"
                                     << m_sum.indexSeconds << "s";
        if (!(m_opt.cancel && m_opt.cancel->load()))
            (void)m_store.setEvidenceStatus(m_sum.evidenceId, "indexed");
    }

    // Continues an ingest that was interrupted: a complete index is kept and only the
    // pending content is read; a partial index is discarded and redone.
    bool resumeEvidence(const casedb::EvidenceState &prior)
    {
        m_sum.evidenceId = prior.id;
        if (prior.status != "indexed") {
            if (auto r = m_store.discardIndex(prior.id); !r) {
                error(r.error(), "open", {});
                return false;
            }
        }
        m_sum.note = "resumed an interrupted ingest of evidence " + std::to_string(prior.id) +
                     (prior.status == "indexed" ? " (index kept, pending content read)" : " (partial index redone)");
        m_store.audit("evidence.resume", QJsonObject{{"evidence_id", qint64(prior.id)},
                                                     {"previous_status", q(prior.status)}});
        return true;
    }

    void loadIndexSummary()
    {
        if (auto idx = loadIndexCounts(m_store.dir(), m_sum); !idx)
            error(idx.error(), "index", {});
    }

    bool addEvidenceRow(const evidence::ByteSource &src)
    {
        casedb::EvidenceRow row;
        row.path = fs::absolute(m_sum.path).string();
        row.displayName = m_sum.path.filename().string();
        row.kind = m_sum.kind = model::toString(src.kind());
        for (const auto &s : src.segments())
            row.segments.push_back(fs::absolute(s).string());   // as the path: absolute
        row.mediaSize = static_cast<std::int64_t>(src.size());
        m_sum.mediaSize = src.size();
        row.storedMd5 = src.storedHashes().md5;
        row.storedSha1 = src.storedHashes().sha1;
        row.acquisitionJson = acquisitionJson(src);
        auto id = m_store.addEvidence(row);
        if (!id) {
            error(id.error(), "open", {});
            return false;
        }
        m_sum.evidenceId = *id;
        m_store.audit("evidence.add", QJsonObject{{"evidence_id", qint64(*id)},
                                                  {"path", q(row.path)},
                                                  {"kind", q(row.kind)},
                                                  {"stored_md5", q(row.storedMd5)}});
        return true;
    }

    void indexImage(const evidence::TskImage &img)
    {
        report(Stage::Volumes);
        auto volumes = evidence::listVolumes(img);
        std::vector<std::pair<std::optional<std::int64_t>, std::int64_t>> candidates;   // volume id, offset
        for (const auto &v : volumes.value_or(std::vector<evidence::VolumeEntry>{})) {
            auto id = m_store.addVolume({m_sum.evidenceId, v.scheme, v.slot, v.start, v.length, v.description, v.flags});
            ++m_sum.volumes;
            if (id && v.flags == "alloc")
                candidates.emplace_back(*id, v.start);
        }
        if (candidates.empty() && m_sum.volumes == 0)
            candidates.emplace_back(std::nullopt, 0);
        for (const auto &[volumeId, offset] : candidates)
            indexFileSystem(img, volumeId, offset);
        if (m_sum.filesystems.empty())
            error(Error(ErrorCode::Unsupported, "no file system that The Sleuth Kit can read was found in this image"),
                  "volumes", {});
    }

    void indexFileSystem(const evidence::TskImage &img, std::optional<std::int64_t> volumeId, std::int64_t offset)
    {
        auto fsys = evidence::openFileSystem(img, offset);
        if (!fsys) {
            // A partition without a readable file system is worth knowing about, not fatal.
            error(fsys.error(), "volumes", {}, offset);
            return;
        }
        TSK_FS_INFO *fsi = fsys->get();
        const std::string type = evidence::fileSystemTypeName(fsi);
        auto fsId = m_store.addFilesystem({m_sum.evidenceId, volumeId, offset, type,
                                           static_cast<std::int64_t>(fsi->block_size),
                                           static_cast<std::int64_t>(fsi->block_count),
                                           static_cast<std::int64_t>(fsi->root_inum)});
        if (!fsId) {
            error(fsId.error(), "index", {});
            return;
        }
        report(Stage::Indexing);
        walk(fsi, *fsId, type, offset);
    }

    void walk(TSK_FS_INFO *fsi, std::int64_t fsId, const std::string &type, std::int64_t offset)
    {
        std::vector<model::FileRecord> batch;
        batch.reserve(kFileBatch);
        FilesystemSummary fsSum{type, offset, 0};
        auto visit = [&](model::FileRecord &&r) {
            r.evidenceId = m_sum.evidenceId;
            r.filesystemId = fsId;
            ++fsSum.entries;
            ++m_sum.files;
            m_sum.deleted += r.allocation == model::Allocation::Deleted;
            batch.push_back(std::move(r));
            if (batch.size() >= kFileBatch) {
                m_store.addFiles(std::exchange(batch, {}));
                batch.reserve(kFileBatch);
                m_prog.filesIndexed = m_sum.files;
                report(Stage::Indexing);
            }
        };
        auto onError = [&](const Error &e, const std::string &path) { error(e, "index", path, std::nullopt, fsId); };
        auto stats = evidence::walkFileSystem(fsi, visit, onError, m_opt.cancel);
        m_store.addFiles(std::move(batch));
        if (!stats && stats.error().code != ErrorCode::Cancelled)
            error(stats.error(), "index", "/", std::nullopt, fsId);
        m_sum.filesystems.push_back(fsSum);
        m_prog.filesIndexed = m_sum.files;
    }

    bool cancelled() const { return m_opt.cancel && m_opt.cancel->load(); }

    void error(const Error &e, const std::string &stage, const std::string &path,
               std::optional<std::int64_t> offset = std::nullopt, std::optional<std::int64_t> fsId = std::nullopt)
    {
        ++m_sum.errors;
        m_prog.errors = m_sum.errors;
        std::optional<std::int64_t> ev = m_sum.evidenceId ? std::optional(m_sum.evidenceId) : std::nullopt;
        m_store.recordError({ev, std::nullopt, fsId, stage, "ingest", e, path.empty() ? m_sum.path.string() : path, offset});
    }

    void report(Stage stage)
    {
        m_prog.stage = stage;
        if (m_progress)
            m_progress(m_prog);
    }

    casedb::CaseStore &m_store;
    const IngestOptions &m_opt;
    const ProgressFn &m_progress;
    EvidenceSummary &m_sum;
    IngestProgress m_prog;
};

} // namespace

void ingestImage(casedb::CaseStore &store, const IngestOptions &options, const ProgressFn &progress,
                 EvidenceSummary &summary, std::unique_ptr<evidence::ByteSource> source,
                 const std::optional<casedb::EvidenceState> &prior)
{
    ImageIngest(store, options, progress, summary).run(std::move(source), prior);
}

void verifyImage(casedb::CaseStore &store, const IngestOptions &options, const ProgressFn &progress,
                 EvidenceSummary &summary)
{
    ImageIngest(store, options, progress, summary).verifyMedia();
}

} // namespace vigil::pipeline
