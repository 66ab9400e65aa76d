// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/pipeline/parsestage.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>
#include <atomic>
#include <chrono>

#include "core/analysis/identifiers.h"
#include "core/pipeline/filecontent.h"
#include "core/pipeline/ingestutil.h"
#include "core/pipeline/linkstage.h"
#include "core/pipeline/log.h"
#include "plugins/api/host.h"
#include "plugins/api/recoveredrows.h"
#include "plugins/api/sqlitedb.h"

namespace vigil::pipeline {

namespace fs = std::filesystem;

namespace {

constexpr const char *kCandidateColumns =
    "SELECT id, path, name, coalesce(sig_type, ''), size, allocated, fs_id FROM files "
    "WHERE evidence_id=?1 AND parse_status IS NULL AND meta_type='file' AND content_status IN ('hashed','partial')";

// A FileContent as the plugins' ContentReader.
class FileContentReader final : public plugins::ContentReader
{
public:
    explicit FileContentReader(FileContent &content) : m_content(content) {}
    Result<std::size_t> read(std::uint64_t offset, void *buffer, std::size_t length) override
    {
        return m_content.read(offset, buffer, length);
    }
    std::uint64_t size() const override { return m_content.size(); }

private:
    FileContent &m_content;
};

// Where the plugins' findings go: the case store, tagged with the file.
class StoreSink final : public plugins::ResultSink
{
public:
    StoreSink(casedb::CaseStore &store, std::int64_t evidenceId) : m_store(store), m_evidenceId(evidenceId) {}
    void addArtifact(const plugins::Artifact &artifact) override
    {
        qCInfo(lcPipeline).noquote() << "artifact" << QString::fromStdString(artifact.kind) << "from"
                                     << QString::fromStdString(artifact.prov.parser) << "in file"
                                     << (artifact.prov.fileId ? *artifact.prov.fileId : 0) << ":"
                                     << QString::fromStdString(artifact.summary);
    }
    void addError(const plugins::FileContext &file, const Error &error) override
    {
        ++errors;
        m_store.recordError({m_evidenceId, file.fileId ? std::optional(file.fileId) : std::nullopt, std::nullopt, "parse",
                             "parser", error, file.path, std::nullopt});
    }
    void addRecords(const plugins::FileContext &file, model::RecordBatch &&batch) override
    {
        const std::string parser = batch.parser, version = batch.parserVersion;
        m_store.addRecords(file.fileId, std::move(batch), parser, version);
    }
    std::atomic<std::uint64_t> errors{0};

private:
    casedb::CaseStore &m_store;
    std::int64_t m_evidenceId;
};

Result<std::optional<std::int64_t>> companion(casedb::Database &db, std::int64_t evidenceId, std::optional<std::int64_t> fsId,
                                              const std::string &path, bool allocated)
{
    // Only a companion in the same state as its database: a deleted database's WAL is a
    // deleted WAL; applying another database's WAL would show pages that never belonged to it.
    auto st = db.prepare("SELECT id FROM files WHERE evidence_id=?1 AND fs_id IS ?2 AND path=?3 AND meta_type='file' "
                         "AND content_status IN ('hashed','partial') AND allocated=?4 ORDER BY id LIMIT 1");
    if (!st)
        return std::unexpected(st.error());
    st->bind(1, evidenceId).bind(2, fsId).bind(3, path).bind(4, std::int64_t{allocated});
    auto row = st->step();
    if (!row)
        return std::unexpected(row.error());
    return *row ? std::optional(st->int64(0)) : std::nullopt;
}

Result<void> addCompanions(casedb::Database &db, std::int64_t evidenceId, ParseCandidate &c,
                           std::optional<std::int64_t> fsId, bool allocated)
{
    auto wal = companion(db, evidenceId, fsId, c.path + "-wal", allocated);
    auto journal = companion(db, evidenceId, fsId, c.path + "-journal", allocated);
    if (!wal || !journal)
        return std::unexpected(!wal ? wal.error() : journal.error());
    c.walId = *wal;
    c.journalId = *journal;
    return {};
}

std::string placeholders(std::size_t n, int first)
{
    std::string out;
    for (std::size_t i = 0; i < n; ++i)
        out += (i ? ",?" : "?") + std::to_string(first + static_cast<int>(i));
    return out;
}

bool globAccepts(const std::vector<std::string> &globs, const std::string &path)
{
    return std::any_of(globs.begin(), globs.end(), [&](const std::string &g) { return plugins::globMatch(g, path); });
}

ParseCandidate candidateFrom(const casedb::Statement &r)
{
    ParseCandidate c;
    c.fileId = r.int64(0);
    c.path = r.text(1);
    c.name = r.text(2);
    c.sigType = r.text(3);
    c.size = static_cast<std::uint64_t>(r.int64(4));
    c.deleted = r.int64(5) == 0;
    return c;
}

} // namespace

Result<std::vector<ParseCandidate>> loadParseCandidates(const fs::path &caseDir, std::int64_t evidenceId,
                                                        const std::vector<std::string> &sigTypes,
                                                        const std::vector<std::string> &pathGlobs)
{
    auto db = casedb::CaseStore::openReadOnly(caseDir);
    if (!db)
        return std::unexpected(db.error());
    std::vector<std::string> types;
    std::copy_if(sigTypes.begin(), sigTypes.end(), std::back_inserter(types),
                 [](const std::string &t) { return t != "sqlite-wal" && t != "sqlite-journal" && t != "*"; });
    const bool everyType = std::find(sigTypes.begin(), sigTypes.end(), "*") != sigTypes.end();
    if (types.empty() && pathGlobs.empty() && !everyType)
        return std::vector<ParseCandidate>{};
    const std::string sql = std::string(kCandidateColumns)
                          + (everyType || !pathGlobs.empty() ? "" : " AND sig_type IN (" + placeholders(types.size(), 2) + ")")
                          + " ORDER BY id";
    auto st = db->prepare(sql);
    if (!st)
        return std::unexpected(st.error());
    st->bind(1, evidenceId);
    if (!everyType && pathGlobs.empty()) {
        for (std::size_t i = 0; i < types.size(); ++i)
            st->bind(static_cast<int>(i) + 2, types[i]);
    }
    std::vector<ParseCandidate> out;
    auto rows = st->forEachRow([&](const casedb::Statement &r) {
        ParseCandidate c = candidateFrom(r);
        const bool byType = std::find(types.begin(), types.end(), c.sigType) != types.end()
                         || (everyType && c.sigType != "sqlite-wal" && c.sigType != "sqlite-journal");
        if (!byType && !globAccepts(pathGlobs, c.path))
            return true;
        if (c.sigType == "sqlite") {
            if (auto r2 = addCompanions(*db, evidenceId, c, r.optInt64(6), !c.deleted); !r2)
                qCWarning(lcPipeline) << "companions of" << c.fileId << ":" << r2.error().toString().c_str();
        }
        out.push_back(std::move(c));
        return true;
    });
    if (!rows)
        return std::unexpected(rows.error());
    return out;
}

namespace {

class ParseStage
{
public:
    ParseStage(casedb::CaseStore &store, std::int64_t evidenceId, const IngestOptions &options)
        : m_store(store), m_evidenceId(evidenceId), m_options(options), m_host(*options.plugins),
          m_sink(store, evidenceId), m_work(store.tempDir() / "parse")
    {
    }

    ParseStats run(const std::function<void(std::uint64_t, std::uint64_t)> &tick)
    {
        auto candidates = loadParseCandidates(m_store.dir(), m_evidenceId, m_host.acceptedSignatureTypes(),
                                              m_host.acceptedPathGlobs());
        if (!candidates) {
            error(candidates.error(), {}, {});
            return m_stats;
        }
        if (!candidates->empty() && openFiles(*candidates)) {
            for (std::size_t i = 0; i < candidates->size() && !cancelled(); ++i) {
                parseOne((*candidates)[i]);
                if (tick)
                    tick(i + 1, candidates->size());
            }
        }
        m_files.reset();
        std::error_code ec;
        fs::remove_all(m_work, ec);
        m_stats.errors += m_sink.errors;
        return m_stats;
    }

private:
    bool openFiles(const std::vector<ParseCandidate> &candidates)
    {
        std::map<std::int64_t, fs::path> extracted;
        auto zip = isZipEvidence(m_store.dir(), m_evidenceId);
        if (zip && *zip) {
            std::vector<std::int64_t> ids;
            for (const auto &c : candidates) {
                ids.push_back(c.fileId);
                for (const auto &id : {c.walId, c.journalId})
                    if (id)
                        ids.push_back(*id);
            }
            auto out = extractZipMembers(m_store.dir(), ids, m_work / "zip");
            if (!out)
                error(out.error(), {}, {});
            else
                extracted = std::move(*out);
        }
        auto files = EvidenceFiles::open(m_store.dir(), std::move(extracted));
        if (!files) {
            error(files.error(), {}, {});
            return false;
        }
        m_files = std::move(*files);
        return true;
    }

    void parseOne(const ParseCandidate &c)
    {
        ++m_stats.examined;
        m_store.beginParse({m_evidenceId, c.fileId, companionsJson(c), normalizer()});
        const plugins::FileContext file{m_evidenceId, c.fileId, c.path, c.name, c.sigType, c.size, c.deleted};
        const std::string status = c.sigType == "sqlite" ? parseDatabase(c, file) : parseFile(c, file);
        std::vector<std::int64_t> companions;   // its -wal and -journal, read with it
        for (const auto &id : {c.walId, c.journalId})
            if (id && status != "failed")
                companions.push_back(*id);
        m_store.finishParse(c.fileId, status, std::move(companions));
        m_stats.parsed += status == "parsed";
        m_stats.failed += status == "failed";
    }

    std::string parseFile(const ParseCandidate &c, const plugins::FileContext &file)
    {
        auto content = m_files->file(c.fileId);
        if (!content)
            return failed(content.error(), c);
        FileContentReader reader(**content);
        return m_host.processFile(file, reader, m_sink) > 0 ? "parsed" : "none";
    }

    std::string parseDatabase(const ParseCandidate &c, const plugins::FileContext &file)
    {
        const fs::path dir = m_work / std::to_string(c.fileId);
        auto staged = stage(c, dir);
        std::string status = staged ? parseStaged(c, file, *staged) : failed(staged.error(), c);
        std::error_code ec;
        fs::remove_all(dir, ec);
        return status;
    }

    // Deleted rows are put back into the staged copy; a copy SQLite cannot open or write is
    // rebuilt from what Vigil's own reader finds in it. Then every plugin reads it.
    std::string parseStaged(const ParseCandidate &c, const plugins::FileContext &file, const fs::path &staged)
    {
        plugins::RecoveredRows recovered;
        std::optional<std::string> notWritable;
        if (m_options.sqliteRecovery)
            notWritable = restoreDeletedRows(c, staged, recovered);
        auto db = plugins::SqliteDatabase::open(staged);
        const bool damaged = notWritable || (!db && db.error().code == ErrorCode::Corrupt);
        if (m_options.sqliteRecovery && damaged) {
            const std::string why = notWritable ? *notWritable : db.error().detail;
            if (auto rebuilt = openRebuilt(c, staged, recovered, why))
                db = std::move(*rebuilt);
            else if (notWritable)
                error(Error(ErrorCode::Database,
                            "Deleted records were recovered from this database but could not be handed to its "
                            "parser; `vigil sqlite-recover` lists them.",
                            *notWritable),
                      c.fileId, c.path);
        }
        if (!db)
            return failed(db.error(), c);
        plugins::RecoveredRowsSink marking(m_sink, recovered);
        plugins::ResultSink &sink = recovered.empty() ? static_cast<plugins::ResultSink &>(m_sink) : marking;
        const std::string status = m_host.processDatabase(file, **db, sink) > 0 ? "parsed" : "none";
        m_stats.recoveredRecordsParsed += marking.marked();
        return status;
    }

    // Deleted records of the staged copy go back into its tables, for the parsers to read.
    // Returns why SQLite could not write them into the copy (a damaged database), if it could not.
    std::optional<std::string> restoreDeletedRows(const ParseCandidate &c, const fs::path &staged,
                                                  plugins::RecoveredRows &rows)
    {
        const auto t0 = std::chrono::steady_clock::now();
        auto stats = plugins::recoverRowsIntoCopy(staged, rows);
        m_stats.recoverySeconds += secondsSince(t0);
        if (!stats) {   // not a SQLite database: SqliteDatabase::open reports it
            qCInfo(lcPipeline).noquote() << "file" << c.fileId << "deleted-record recovery:"
                                         << QString::fromStdString(stats.error().toString());
            return std::nullopt;
        }
        logRecovery(c, *stats, "put back for the parsers");
        return stats->insertError;
    }

    // A copy rebuilt from the rows Vigil reads itself, live and deleted, opened for the plugins.
    Result<std::unique_ptr<plugins::SqliteDatabase>> openRebuilt(const ParseCandidate &c, const fs::path &staged,
                                                                 plugins::RecoveredRows &rows, const std::string &why)
    {
        const auto t0 = std::chrono::steady_clock::now();
        rows.clear();
        const fs::path rebuilt = staged.parent_path() / "rebuilt";
        auto stats = plugins::rebuildDatabase(staged, rebuilt, rows);
        m_stats.recoverySeconds += secondsSince(t0);
        if (!stats)
            return std::unexpected(stats.error());
        auto db = plugins::SqliteDatabase::open(rebuilt);
        if (!db)
            return db;
        m_stats.deletedRecordsFound -= std::min(m_stats.deletedRecordsFound, stats->recovered);   // counted again
        logRecovery(c, *stats, "put back into a rebuilt copy");
        error(Error(ErrorCode::Corrupt,
                    "The database is damaged: it was parsed from a copy Vigil rebuilt from the rows it could read "
                    "itself, live (" + std::to_string(stats->liveRecords) + ") and deleted (" +
                        std::to_string(stats->inserted) + "); rows only in its WAL are not told apart.",
                    why),
              c.fileId, c.path);
        return db;
    }

    void logRecovery(const ParseCandidate &c, const plugins::RowRecoveryStats &stats, const char *where)
    {
        m_stats.deletedRecordsFound += stats.recovered;
        m_stats.deletedRowsRestored += stats.inserted;
        for (const auto &w : stats.warnings)
            qCInfo(lcPipeline).noquote() << "file" << c.fileId << "deleted-record recovery:" << QString::fromStdString(w);
        if (stats.recovered > 0)
            qCInfo(lcPipeline).noquote() << "file" << c.fileId << QString::fromStdString(c.path) << ":"
                                         << stats.recovered << "deleted records found," << stats.inserted << where
                                         << "," << stats.refused << "refused by their table," << stats.noTable
                                         << "without a table";
    }

    // Copies the database and its companions out of the evidence into the temp folder.
    Result<fs::path> stage(const ParseCandidate &c, const fs::path &dir)
    {
        auto main = m_files->file(c.fileId);
        if (!main)
            return std::unexpected(main.error());
        FileContentReader mainReader(**main);
        std::unique_ptr<FileContent> walContent, journalContent;
        std::optional<FileContentReader> wal, journal;
        if (c.walId) {
            if (auto w = m_files->file(*c.walId)) {
                walContent = std::move(*w);
                wal.emplace(*walContent);
            }
        }
        if (c.journalId) {
            if (auto j = m_files->file(*c.journalId)) {
                journalContent = std::move(*j);
                journal.emplace(*journalContent);
            }
        }
        return plugins::stageDatabase(dir, mainReader, wal ? &*wal : nullptr, journal ? &*journal : nullptr);
    }

    std::string failed(const Error &e, const ParseCandidate &c)
    {
        error(e, c.fileId, c.path);
        return "failed";
    }

    static std::string companionsJson(const ParseCandidate &c)
    {
        QJsonArray out;
        if (c.walId)
            out.append(QJsonObject{{"role", "wal"}, {"file_id", qint64(*c.walId)},
                                   {"path", QString::fromStdString(c.path + "-wal")}});
        if (c.journalId)
            out.append(QJsonObject{{"role", "journal"}, {"file_id", qint64(*c.journalId)},
                                   {"path", QString::fromStdString(c.path + "-journal")}});
        return QJsonDocument(out).toJson(QJsonDocument::Compact).toStdString();
    }

    casedb::PhoneNormalizer normalizer() const
    {
        return [region = m_options.region](std::string_view raw) { return analysis::toE164(raw, region); };
    }

    void error(const Error &e, std::optional<std::int64_t> fileId, const std::string &path)
    {
        ++m_stats.errors;
        m_store.recordError({m_evidenceId, fileId, std::nullopt, "parse", "parse-stage", e, path, std::nullopt});
    }

    bool cancelled() const { return m_options.cancel && m_options.cancel->load(); }

    casedb::CaseStore &m_store;
    std::int64_t m_evidenceId;
    const IngestOptions &m_options;
    plugins::PluginHost &m_host;
    StoreSink m_sink;
    fs::path m_work;
    std::unique_ptr<EvidenceFiles> m_files;
    ParseStats m_stats;
};

} // namespace

ParseStats runParseStage(casedb::CaseStore &store, std::int64_t evidenceId, const IngestOptions &options,
                         const std::function<void(std::uint64_t, std::uint64_t)> &tick)
{
    if (!options.plugins)
        return {};
    return ParseStage(store, evidenceId, options).run(tick);
}

namespace {

Result<void> countRecords(casedb::Database &db, EvidenceSummary &sum)
{
    const std::pair<const char *, std::int64_t *> tables[] = {
        {"accounts", &sum.accounts},     {"contacts", &sum.contacts}, {"conversations", &sum.conversations},
        {"messages", &sum.messages},     {"calls", &sum.calls},       {"web_visits", &sum.webVisits},
        {"web_searches", &sum.webSearches}};
    for (const auto &[table, out] : tables) {
        auto st = db.prepare(std::string("SELECT count(*) FROM ") + table + " WHERE evidence_id=?");
        if (!st)
            return std::unexpected(st.error());
        st->bind(1, sum.evidenceId);
        auto row = st->step();
        if (!row)
            return std::unexpected(row.error());
        *out = st->int64(0);
    }
    return {};
}

void link(casedb::CaseStore &store, const IngestOptions &options, EvidenceSummary &sum)
{
    auto linked = store.writer().call<LinkResult>(
        [&](casedb::Database &db) { return linkCommunications(db, sum.evidenceId, options.region); });
    if (!linked) {
        ++sum.errors;
        store.recordError({sum.evidenceId, std::nullopt, std::nullopt, "link", "link-stage", linked.error(), {}, std::nullopt});
        return;
    }
    sum.homeRegion = linked->homeRegion;
    sum.homeRegionSource = linked->homeRegionSource;
    qCInfo(lcPipeline).noquote() << "evidence" << sum.evidenceId << "home region"
                                 << QString::fromStdString(linked->homeRegion.empty() ? "unknown" : linked->homeRegion)
                                 << QString::fromStdString(linked->homeRegionSource) << ";" << linked->phonesNormalized
                                 << "numbers placed," << linked->namesFromContacts << "names from contacts,"
                                 << linked->attachmentsLinked << "attachments linked to files";
}

} // namespace

void parseEvidence(casedb::CaseStore &store, const IngestOptions &options, EvidenceSummary &sum, const ProgressFn &progress)
{
    if (!options.plugins || sum.evidenceId == 0)
        return;
    const auto t0 = std::chrono::steady_clock::now();
    IngestProgress prog;
    prog.evidence = sum.path.filename().string();
    prog.stage = Stage::Parsing;
    const auto stats = runParseStage(store, sum.evidenceId, options, [&](std::uint64_t done, std::uint64_t total) {
        prog.filesDone = done;
        prog.filesTotal = total;
        if (progress)
            progress(prog);
    });
    sum.filesParsed += stats.parsed;
    sum.parseFailures += stats.failed;
    sum.errors += stats.errors;
    if (!(options.cancel && options.cancel->load()))
        link(store, options, sum);
    if (auto r = store.writer().callVoid([&](casedb::Database &db) { return countRecords(db, sum); }); !r)
        qCWarning(lcPipeline) << "cannot count records:" << r.error().toString().c_str();
    sum.parseSeconds += secondsSince(t0);
    qCInfo(lcPipeline).noquote() << QString::fromStdString(sum.path.string()) << "parsed:" << stats.parsed << "of"
                                 << stats.examined << "files," << sum.messages << "messages in" << sum.conversations
                                 << "conversations," << sum.parseSeconds << "s";
    qCInfo(lcPipeline).noquote() << "deleted SQLite records:" << stats.deletedRecordsFound << "found,"
                                 << stats.deletedRowsRestored << "put back," << stats.recoveredRecordsParsed
                                 << "parsed as recovered records," << stats.recoverySeconds << "s";
}

} // namespace vigil::pipeline
