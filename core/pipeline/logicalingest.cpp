// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/pipeline/logicalingest.h"

#include <QJsonObject>

#include <chrono>

#include "core/evidence/logical.h"
#include "core/pipeline/expandstage.h"
#include "core/pipeline/ingestutil.h"
#include "core/pipeline/mediastage.h"
#include "core/pipeline/parsestage.h"
#include "core/util/hashing.h"
#include "core/util/signature.h"

namespace vigil::pipeline {

namespace fs = std::filesystem;

namespace {

constexpr std::size_t kBatch = 500;
constexpr std::size_t kChunk = 1 << 20;

class LogicalIngest {
public:
    LogicalIngest(casedb::CaseStore &store, const IngestOptions &opt, const ProgressFn &progress, EvidenceSummary &sum)
        : m_store(store), m_opt(opt), m_progress(progress), m_sum(sum),
          m_hasher(HashMd5 | HashSha1 | (opt.sha256 ? HashSha256 : 0u)), m_buffer(kChunk)
    {
        m_prog.evidence = sum.path.filename().string();
        m_prog.stage = Stage::Indexing;
    }

    void run(const std::optional<casedb::EvidenceState> &prior)
    {
        const bool zip = !fs::is_directory(m_sum.path);
        m_sum.kind = zip ? "zip" : "folder";
        if (!(prior ? redo(*prior) : addEvidenceRow()))
            return;
        m_sum.opened = true;
        const auto t0 = std::chrono::steady_clock::now();
        auto visit = [this](const evidence::LogicalEntry &e, const evidence::ContentPull &pull) { return onEntry(e, pull); };
        auto onError = [this](const std::string &path, const Error &e) { error(e, path); };
        auto r = zip ? evidence::walkZip(m_sum.path, visit, onError) : evidence::walkFolder(m_sum.path, visit, onError);
        m_store.addFilesWithContent(std::exchange(m_batch, {}));
        if (!r && r.error().code != ErrorCode::Cancelled)
            error(r.error(), m_sum.path.string());
        if (m_sum.files == 0) {
            const Error empty(ErrorCode::NotFound, "the " + m_sum.kind + " holds no files: is this the evidence you meant?");
            error(empty, m_sum.path.string());
            m_sum.opened = false;
            m_sum.openError = empty.message;
        }
        else
            m_sum.filesystems.push_back({m_sum.kind, 0, m_sum.files});
        m_sum.indexSeconds = secondsSince(t0);
        if (m_sum.opened && !(m_opt.cancel && m_opt.cancel->load()) && m_store.flush()) {
            expandEvidence(m_store, m_opt, m_sum, m_progress);   // archives and embedded files (no carving)
            parseEvidence(m_store, m_opt, m_sum, m_progress);
            analyseEvidenceMedia(m_store, m_opt, m_sum, m_progress);
            if (!(m_opt.cancel && m_opt.cancel->load()))
                (void)m_store.setEvidenceStatus(m_sum.evidenceId, "done");
        }
    }

private:
    // An earlier ingest of this folder or ZIP did not finish: its rows are redone.
    bool redo(const casedb::EvidenceState &prior)
    {
        if (auto r = m_store.discardIndex(prior.id); !r) {
            error(r.error(), m_sum.path.string());
            return false;
        }
        m_sum.evidenceId = prior.id;
        m_sum.note = "redone after an interrupted ingest of evidence " + std::to_string(prior.id);
        m_store.audit("evidence.resume", QJsonObject{{"evidence_id", qint64(prior.id)}});
        return true;
    }

    bool addEvidenceRow()
    {
        casedb::EvidenceRow row;
        row.path = fs::absolute(m_sum.path).string();
        row.displayName = m_sum.path.filename().string();
        row.kind = m_sum.kind;
        row.segments = {row.path};
        std::error_code ec;
        if (!fs::is_directory(m_sum.path, ec))
            row.mediaSize = static_cast<std::int64_t>(fs::file_size(m_sum.path, ec));
        auto id = m_store.addEvidence(row);
        if (!id) {
            error(id.error(), m_sum.path.string());
            return false;
        }
        m_sum.evidenceId = *id;
        m_store.audit("evidence.add", QJsonObject{{"evidence_id", qint64(*id)},
                                                  {"path", q(row.path)},
                                                  {"kind", q(row.kind)}});
        return true;
    }

    bool onEntry(const evidence::LogicalEntry &entry, const evidence::ContentPull &pull)
    {
        if (m_opt.cancel && m_opt.cancel->load())
            return false;
        model::FileRecord record = entry.record;
        record.evidenceId = m_sum.evidenceId;
        record.parser = m_sum.kind == "zip" ? "zip-walker" : "folder-walker";
        casedb::ContentResult content;
        content.status = "none";
        if (entry.offset)
            content.sourceOffset = static_cast<std::int64_t>(*entry.offset);
        if (record.metaType == model::MetaType::Regular)
            hashEntry(record, pull, content);
        ++m_sum.files;
        m_batch.emplace_back(std::move(record), std::move(content));
        if (m_batch.size() >= kBatch) {
            m_store.addFilesWithContent(std::exchange(m_batch, {}));
            m_prog.filesIndexed = m_prog.filesDone = m_sum.files;
            if (m_progress)
                m_progress(m_prog);
        }
        return true;
    }

    void hashEntry(const model::FileRecord &record, const evidence::ContentPull &pull, casedb::ContentResult &c)
    {
        m_hasher.reset();
        for (;;) {
            auto n = pull(m_buffer.data(), m_buffer.size());
            if (!n) {
                c.status = c.bytesRead ? "partial" : "unreadable";
                error(n.error(), record.path);
                m_hasher.finish();
                return;
            }
            if (*n == 0)
                break;
            if (c.bytesRead == 0) {
                const Signature sig = detectSignature({m_buffer.data(), std::min(*n, kSignatureHeadSize)});
                c.sigType = std::string(sig.type);
                c.sigMime = std::string(sig.mime);
                c.extMismatch = extensionMismatch(sig, record.name);
            }
            m_hasher.update(m_buffer.data(), *n);
            c.bytesRead += *n;
        }
        auto d = m_hasher.finish();
        c.md5 = std::move(d.md5);
        c.sha1 = std::move(d.sha1);
        c.sha256 = std::move(d.sha256);
        c.status = c.bytesRead ? "hashed" : "empty";
        ++m_sum.filesHashed;
        m_sum.bytesHashed += c.bytesRead;
    }

    void error(const Error &e, const std::string &path)
    {
        ++m_sum.errors;
        std::optional<std::int64_t> ev = m_sum.evidenceId ? std::optional(m_sum.evidenceId) : std::nullopt;
        m_store.recordError({ev, std::nullopt, std::nullopt, "index", m_sum.kind + "-walker", e, path, std::nullopt});
    }

    casedb::CaseStore &m_store;
    const IngestOptions &m_opt;
    const ProgressFn &m_progress;
    EvidenceSummary &m_sum;
    IngestProgress m_prog;
    MultiHasher m_hasher;
    std::vector<unsigned char> m_buffer;
    std::vector<std::pair<model::FileRecord, casedb::ContentResult>> m_batch;
};

} // namespace

void ingestLogical(casedb::CaseStore &store, const IngestOptions &options, const ProgressFn &progress,
                   EvidenceSummary &summary, const std::optional<casedb::EvidenceState> &prior)
{
    LogicalIngest(store, options, progress, summary).run(prior);
}

} // namespace vigil::pipeline
