// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/pipeline/expandstage.h"

#include <chrono>
#include <fstream>

#include "core/pipeline/contentpass.h"
#include "core/pipeline/derivedfiles.h"
#include "core/pipeline/embeddedsearch.h"
#include "core/pipeline/filecontent.h"
#include "core/pipeline/ingestutil.h"
#include "core/pipeline/log.h"
#include "plugins/carvers/archives/archives.h"

namespace vigil::pipeline {

namespace fs = std::filesystem;

namespace {

constexpr std::size_t kPage = 256;
constexpr std::size_t kMemberBatch = 256;                 // members inserted per writer call
constexpr std::uint64_t kMemberBatchBytes = 64ull << 20;  // ... or this many bytes written
constexpr std::size_t kChunk = 1 << 20;

struct Candidate {
    std::int64_t fileId = 0;
    std::string path, name, sigType;
    std::uint64_t size = 0;
    std::optional<std::int64_t> fsId;
    bool allocated = true;
    int depth = 0;
};

std::string candidateWhere()
{
    std::string excluded;
    for (const auto &t : EmbeddedSearch::notSearchedTypes())
        excluded += (excluded.empty() ? "'" : ",'") + t + "'";
    return "evidence_id = ? AND expand_status IS NULL AND meta_type = 'file' AND size > 0 "
           "AND content_status IN ('hashed', 'partial') AND coalesce(sig_type, '') NOT IN (" + excluded + ")";
}

Result<std::vector<Candidate>> loadCandidates(const fs::path &caseDir, std::int64_t evidenceId, std::int64_t afterId)
{
    auto db = casedb::CaseStore::openReadOnly(caseDir);
    if (!db)
        return std::unexpected(db.error());
    auto st = db->prepare("SELECT id, path, name, coalesce(sig_type, ''), size, fs_id, allocated, depth FROM files WHERE " +
                          candidateWhere() + " AND id > ? ORDER BY id LIMIT ?");
    if (!st)
        return std::unexpected(st.error());
    st->bind(1, evidenceId).bind(2, afterId).bind(3, static_cast<std::int64_t>(kPage));
    std::vector<Candidate> out;
    auto rows = st->forEachRow([&](const casedb::Statement &r) {
        out.push_back({r.int64(0), r.text(1), r.text(2), r.text(3), static_cast<std::uint64_t>(r.int64(4)), r.optInt64(5),
                       r.int64(6) != 0, static_cast<int>(r.int64(7))});
        return true;
    });
    if (!rows)
        return std::unexpected(rows.error());
    return out;
}

Result<std::int64_t> scalar(const fs::path &caseDir, const std::string &sql, std::int64_t a, std::int64_t b = 0)
{
    auto db = casedb::CaseStore::openReadOnly(caseDir);
    if (!db)
        return std::unexpected(db.error());
    auto st = db->prepare(sql);
    if (!st)
        return std::unexpected(st.error());
    st->bind(1, a);
    if (sql.find("?2") != std::string::npos)
        st->bind(2, b);
    auto row = st->step();
    if (!row)
        return std::unexpected(row.error());
    return *row ? st->int64(0) : 0;
}

// A FileContent as the carvers' and expanders' ContentReader.
class ContentAdapter final : public plugins::ContentReader {
public:
    explicit ContentAdapter(FileContent &content) : m_content(content) {}
    Result<std::size_t> read(std::uint64_t offset, void *buffer, std::size_t length) override
    {
        return m_content.read(offset, buffer, length);
    }
    std::uint64_t size() const override { return m_content.size(); }

private:
    FileContent &m_content;
};

archives::Limits limitsFrom(const ExpandLimits &l)
{
    archives::Limits out;
    out.maxMemberSize = l.maxMemberSize;
    out.maxTotalSize = l.maxTotalSize;
    out.maxMembers = l.maxMembers;
    out.maxRatio = l.maxRatio;
    return out;
}

// The members of one archive, written to CASE/derived as they are read and recorded in batches.
class MemberWriter {
public:
    MemberWriter(casedb::CaseStore &store, const DerivedParent &parent, std::uint64_t alreadyKept, ExpandStats &stats)
        : m_store(store), m_parent(parent), m_skip(alreadyKept), m_stats(stats), m_buffer(kChunk)
    {
    }
    ~MemberWriter() { discardPending(); }

    Result<void> onMember(const archives::Member &member, archives::MemberData &data)
    {
        if (member.directory)
            return {};
        if (++m_ordinal <= m_skip)
            return {};   // kept by an earlier, interrupted expansion of this archive
        auto record = memberRecord(m_parent, member.name, 0, member.mtime);
        if (member.encrypted) {
            record.size = member.size.value_or(0);
            m_encrypted.push_back(m_pending.size());
            m_pending.emplace_back(std::move(record), fs::path());
            return fail(ErrorCode::Unsupported, "the archive member " + member.name +
                                                    " is encrypted: its content cannot be read without the password");
        }
        const fs::path tmp = m_store.derivedDir() / (".tmp-" + std::to_string(m_parent.fileId) + "-" + std::to_string(m_ordinal));
        auto written = copyOut(data, tmp, record.size);
        if (!written && written.error().code == ErrorCode::LimitExceeded) {
            std::error_code ec;
            fs::remove(tmp, ec);   // a bomb's output is not kept
            return written;
        }
        m_pendingBytes += record.size;
        m_pending.emplace_back(std::move(record), tmp);
        if (m_pending.size() >= kMemberBatch || m_pendingBytes >= kMemberBatchBytes)
            flush();
        return written;
    }

    // Records the members read so far; false when the case could not take them.
    void flush()
    {
        if (m_pending.empty())
            return;
        auto ids = m_store.addMembers(m_pending);
        if (!ids) {
            m_store.recordError({m_parent.evidenceId, m_parent.fileId, std::nullopt, "expand", "archive-expander",
                                 ids.error(), m_parent.path, std::nullopt});
            ++m_stats.errors;
            discardPending();
            return;
        }
        std::vector<casedb::ContentResult> unreadable;
        for (const auto i : m_encrypted) {
            casedb::ContentResult r;
            r.fileId = (*ids)[i];
            r.status = "unreadable";
            unreadable.push_back(std::move(r));
        }
        if (!unreadable.empty())
            m_store.setContentResults(std::move(unreadable));
        m_stats.members += ids->size();
        m_stats.memberBytes += m_pendingBytes;
        m_pending.clear();
        m_encrypted.clear();
        m_pendingBytes = 0;
    }

private:
    Result<void> copyOut(archives::MemberData &data, const fs::path &to, std::uint64_t &size)
    {
        std::ofstream out(to, std::ios::binary | std::ios::trunc);
        for (;;) {
            auto n = data.read(m_buffer.data(), m_buffer.size());
            if (!n)
                return std::unexpected(n.error());   // what was read is kept (a damaged member)
            if (*n == 0)
                break;
            out.write(m_buffer.data(), static_cast<std::streamsize>(*n));
            size += *n;
        }
        out.close();
        if (!out)
            return fail(ErrorCode::Io, "cannot write " + to.string() + " in the case folder; is the disk full?");
        return {};
    }

    void discardPending()
    {
        std::error_code ec;
        for (const auto &[record, tmp] : m_pending)
            if (!tmp.empty())
                fs::remove(tmp, ec);
        m_pending.clear();
        m_encrypted.clear();
        m_pendingBytes = 0;
    }

    casedb::CaseStore &m_store;
    DerivedParent m_parent;
    std::uint64_t m_skip, m_ordinal = 0;
    ExpandStats &m_stats;
    std::vector<char> m_buffer;
    std::vector<std::pair<model::FileRecord, fs::path>> m_pending;
    std::vector<std::size_t> m_encrypted;   // indexes into m_pending
    std::uint64_t m_pendingBytes = 0;
};

class ExpandStage {
public:
    ExpandStage(casedb::CaseStore &store, std::int64_t evidenceId, const IngestOptions &options)
        : m_store(store), m_evidenceId(evidenceId), m_options(options), m_work(store.tempDir() / "expand")
    {
    }

    ExpandStats run(const std::function<void(std::uint64_t, std::uint64_t)> &tick)
    {
        cleanTemporaries();
        auto total = scalar(m_store.dir(), "SELECT count(*) FROM files WHERE " + candidateWhere(), m_evidenceId);
        std::int64_t after = 0;
        while (!cancelled()) {
            auto page = loadCandidates(m_store.dir(), m_evidenceId, after);
            if (!page) {
                error(page.error(), std::nullopt, {});
                break;
            }
            if (page->empty())
                break;
            after = page->back().fileId;
            runPage(*page);
            if (tick)
                tick(m_stats.examined, total ? static_cast<std::uint64_t>(*total) : m_stats.examined);
        }
        std::error_code ec;
        fs::remove_all(m_work, ec);
        return m_stats;
    }

private:
    void runPage(const std::vector<Candidate> &page)
    {
        auto files = openFiles(page);
        if (!files)
            return;
        for (const auto &c : page) {
            if (cancelled())
                break;
            examine(**files, c);
            ++m_stats.examined;
        }
        (void)m_store.flush();   // the next page is chosen from committed state
    }

    // The evidence's files, ZIP evidence members extracted first in one pass over the ZIP.
    Result<std::unique_ptr<EvidenceFiles>> openFiles(const std::vector<Candidate> &page)
    {
        std::map<std::int64_t, fs::path> extracted;
        if (auto zip = isZipEvidence(m_store.dir(), m_evidenceId); zip && *zip) {
            std::vector<std::int64_t> ids;
            for (const auto &c : page)
                ids.push_back(c.fileId);
            std::error_code ec;
            fs::remove_all(m_work, ec);
            if (auto out = extractZipMembers(m_store.dir(), ids, m_work))
                extracted = std::move(*out);
        }
        auto files = EvidenceFiles::open(m_store.dir(), std::move(extracted));
        if (!files)
            error(files.error(), std::nullopt, {});
        return files;
    }

    void examine(EvidenceFiles &files, const Candidate &c)
    {
        const DerivedParent parent{m_evidenceId, c.fileId, c.fsId, c.path, c.allocated, c.depth};
        if (!archives::isArchiveType(c.sigType) && EmbeddedSearch::isFileSystemMetadata(c.path)) {
            m_store.setExpandStatus({c.fileId}, "skipped");
            return;
        }
        if (archives::isArchiveType(c.sigType) && parent.depth + 1 > m_options.maxDepth) {
            error(tooDeep(m_options.maxDepth), c.fileId, c.path);
            m_store.setExpandStatus({c.fileId}, "too-deep");
            return;
        }
        auto content = files.file(c.fileId);
        if (!content) {
            error(content.error(), c.fileId, c.path);
            m_store.setExpandStatus({c.fileId}, "failed");
            return;
        }
        ContentAdapter reader(**content);
        const std::string status = archives::isArchiveType(c.sigType) ? expand(reader, c, parent) : search(reader, c, parent);
        if (!cancelled())
            m_store.setExpandStatus({c.fileId}, status);
    }

    std::string expand(plugins::ContentReader &reader, const Candidate &c, const DerivedParent &parent)
    {
        auto kept = scalar(m_store.dir(), "SELECT count(*) FROM files WHERE parent_id=?1 AND origin='member'", c.fileId);
        MemberWriter writer(m_store, parent, kept ? static_cast<std::uint64_t>(*kept) : 0, m_stats);
        auto result = archives::expandArchive(
            reader, c.name, limitsFrom(m_options.expandLimits),
            [&](const archives::Member &m, archives::MemberData &d) { return writer.onMember(m, d); }, m_options.cancel);
        writer.flush();
        if (result) {
            for (const auto &e : result->errors)
                error(e, c.fileId, c.path);
            ++m_stats.archives;
            return "expanded";
        }
        error(result.error(), c.fileId, c.path);
        if (result.error().code == ErrorCode::LimitExceeded)
            ++m_stats.archives;   // expanded until the limit: what was read is kept
        return "failed";
    }

    std::string search(plugins::ContentReader &reader, const Candidate &c, const DerivedParent &parent)
    {
        if (!m_searcher) {
            auto created = EmbeddedSearch::create(m_options.maxDepth);
            if (!created) {
                error(created.error(), c.fileId, c.path);
                return "failed";
            }
            m_searcher = std::move(*created);
        }
        auto found = m_searcher->search(reader, c.sigType, parent, m_options.cancel);
        if (found.error)
            error(*found.error, c.fileId, c.path);
        ++m_stats.searched;
        if (!found.children.empty()) {
            const auto n = found.children.size();
            if (auto ids = m_store.addDerivedFiles(std::move(found.children)); !ids)
                error(ids.error(), c.fileId, c.path);
            else
                m_stats.embedded += n;
        }
        return found.status;
    }

    // Member bytes of an expansion that stopped before they were recorded.
    void cleanTemporaries()
    {
        std::error_code ec;
        fs::create_directories(m_store.derivedDir(), ec);
        for (const auto &entry : fs::directory_iterator(m_store.derivedDir(), ec))
            if (entry.path().filename().string().starts_with(".tmp-"))
                fs::remove(entry.path(), ec);
    }

    void error(const Error &e, std::optional<std::int64_t> fileId, const std::string &path)
    {
        ++m_stats.errors;
        m_store.recordError({m_evidenceId, fileId, std::nullopt, "expand", "expand-stage", e, path, std::nullopt});
    }

    bool cancelled() const { return m_options.cancel && m_options.cancel->load(); }

    casedb::CaseStore &m_store;
    std::int64_t m_evidenceId;
    const IngestOptions &m_options;
    fs::path m_work;
    ExpandStats m_stats;
    std::unique_ptr<EmbeddedSearch> m_searcher;   // made when the first file needs it
};

} // namespace

ExpandStats runExpandStage(casedb::CaseStore &store, std::int64_t evidenceId, const IngestOptions &options,
                           const std::function<void(std::uint64_t, std::uint64_t)> &tick)
{
    if (!options.expand)
        return {};
    if (auto r = store.flush(); !r)
        return {};
    return ExpandStage(store, evidenceId, options).run(tick);
}

void expandEvidence(casedb::CaseStore &store, const IngestOptions &options, EvidenceSummary &sum,
                    const ProgressFn &progress)
{
    if (sum.evidenceId == 0)
        return;
    // Every round goes at least one level deeper, so depth bounds the rounds; the cap only
    // guards against a file that stays pending whatever is done.
    const int maxRounds = 2 * options.maxDepth + 4;
    for (int round = 0; round < maxRounds && !(options.cancel && options.cancel->load()); ++round) {
        readEvidenceContent(store, options, sum, progress, false);   // the children of the last round
        if (!options.expand || (options.cancel && options.cancel->load()))
            return;
        const auto t0 = std::chrono::steady_clock::now();
        IngestProgress prog;
        prog.evidence = sum.path.filename().string();
        prog.stage = Stage::Expanding;
        const auto stats = runExpandStage(store, sum.evidenceId, options, [&](std::uint64_t done, std::uint64_t total) {
            prog.filesDone = done;
            prog.filesTotal = total;
            if (progress)
                progress(prog);
        });
        sum.archivesExpanded += stats.archives;
        sum.members += stats.members;
        sum.memberBytes += stats.memberBytes;
        sum.embedded += stats.embedded;
        sum.expandErrors += stats.errors;
        sum.errors += stats.errors;
        sum.expandSeconds += secondsSince(t0);
        qCInfo(lcPipeline).noquote() << QString::fromStdString(sum.path.string()) << "expand round" << round << ":"
                                     << stats.archives << "archives," << stats.members << "members," << stats.embedded
                                     << "embedded," << stats.errors << "errors";
        auto pending = pendingContent(store.dir(), sum.evidenceId);
        if (stats.added() == 0 && (!pending || pending->files == 0))
            return;
    }
}

} // namespace vigil::pipeline
