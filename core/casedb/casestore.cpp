// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/casedb/casestore.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <sqlite3.h>

#include <fstream>
#include <functional>
#include <system_error>

#include "core/util/version.h"

#include "core/casedb/audit.h"
#include "core/casedb/log.h"
#include "core/casedb/schema.h"
#include "core/util/timeutil.h"

Q_LOGGING_CATEGORY(lcCaseDb, "vigil.casedb")

namespace vigil::casedb {

namespace fs = std::filesystem;

namespace {

Result<void> ensureWritableFolder(const fs::path &dir)
{
    std::error_code ec;
    if (fs::exists(dir, ec) && !fs::is_directory(dir, ec))
        return fail(ErrorCode::InvalidArgument, "the case path " + dir.string() + " is a file, not a folder");
    fs::create_directories(dir / "temp", ec);
    if (ec)
        return fail(ErrorCode::Permission, "cannot create the case folder " + dir.string() + "; choose a writable location",
                    ec.message());
    const fs::path probe = dir / ".vigil-write-test";
    {
        std::ofstream out(probe);
        if (!out || !(out << "ok") || !out.flush())
            return fail(ErrorCode::Permission, "the case folder " + dir.string() + " is not writable; choose a writable location");
    }
    fs::remove(probe, ec);
    return {};
}

Result<void> configure(Database &db)
{
    if (auto r = db.exec("PRAGMA journal_mode=WAL"); !r)
        return r;
    if (auto r = db.exec("PRAGMA synchronous=NORMAL"); !r)   // WAL + NORMAL: a kill never corrupts
        return r;
    if (auto r = db.exec("PRAGMA wal_autocheckpoint=8192"); !r)   // 32 MiB of WAL between checkpoints
        return r;
    // The writer revisits the pages of the tables and indexes it fills: a 32 MiB page cache
    // keeps the busy ones in memory instead of re-reading them from the operating system. It is
    // full by the end of a 1 GiB image's ingest, so it adds nothing more on larger ones (64 MiB
    // was no faster on the 8 GiB benchmark image and added 30 MiB to its peak).
    if (auto r = db.exec("PRAGMA cache_size=-32768"); !r)
        return r;
    return db.exec("PRAGMA foreign_keys=ON");
}

Result<void> initCaseInfo(Database &db, const CaseInfo &info)
{
    auto st = db.prepare("INSERT OR IGNORE INTO case_info(id, case_number, examiner, description, created_utc, "
                         "vigil_version) VALUES (1, ?, ?, ?, ?, ?)");
    if (!st)
        return std::unexpected(st.error());
    st->bind(1, info.caseNumber).bind(2, info.examiner).bind(3, info.description).bind(4, nowIso8601());
    return st->bind(5, std::string(vigilVersion())).run();
}

// Runs a previous ingest left 'running' (killed or Ctrl-C) are marked interrupted.
Result<void> markInterruptedRuns(Database &db)
{
    return db.exec("UPDATE ingest_runs SET status='interrupted' WHERE status='running'");
}

std::string segmentsJson(const std::vector<std::string> &segments)
{
    QJsonArray arr;
    for (const auto &s : segments)
        arr.append(QString::fromStdString(s));
    return QJsonDocument(arr).toJson(QJsonDocument::Compact).toStdString();
}

} // namespace

CaseStore::CaseStore(fs::path dir, std::string actor, Database db)
    : m_dir(std::move(dir)), m_actor(std::move(actor)), m_writer(std::make_unique<Writer>(std::move(db)))
{
}

CaseStore::~CaseStore()
{
    if (m_writer)
        (void)m_writer->flush();
}

Result<std::unique_ptr<CaseStore>> CaseStore::openOrCreate(const fs::path &dir, const CaseInfo &info,
                                                           const std::string &actor)
{
    if (auto r = ensureWritableFolder(dir); !r)
        return std::unexpected(r.error());
    auto db = Database::open(dir / kDatabaseName, Database::Mode::ReadWrite, true);
    if (!db)
        return std::unexpected(db.error());
    // One after the other: a step that fails stops the rest.
    const std::function<Result<void>()> steps[] = {[&] { return configure(*db); }, [&] { return migrate(*db); },
                                                   [&] { return initCaseInfo(*db, info); },
                                                   [&] { return markInterruptedRuns(*db); }};
    (void)takeStorageFailure();
    for (const auto &step : steps) {
        if (auto r = step(); !r) {
            if (takeStorageFailure() == SQLITE_FULL)
                return fail(ErrorCode::Io, "Cannot open the case in " + dir.string() + ": its disk is full.",
                            r.error().toString());
            return std::unexpected(r.error());
        }
    }
    auto store = std::unique_ptr<CaseStore>(new CaseStore(dir, actor, std::move(*db)));
    store->audit("case.open", QJsonObject{{"folder", QString::fromStdString(dir.string())}});
    return store;
}

Result<Database> CaseStore::openReadOnly(const fs::path &dir)
{
    const fs::path file = dir / kDatabaseName;
    std::error_code ec;
    if (!fs::exists(file, ec))
        return fail(ErrorCode::NotFound, "no Vigil case in " + dir.string() + " (missing " + kDatabaseName + ")");
    auto db = Database::open(file, Database::Mode::ReadOnly);
    if (!db)
        return db;
    if (auto r = checkReadable(*db); !r)
        return std::unexpected(r.error());
    return db;
}

Result<std::int64_t> CaseStore::addEvidence(const EvidenceRow &row)
{
    return m_writer->call<std::int64_t>([row](Database &db) -> Result<std::int64_t> {
        auto st = db.prepare("INSERT INTO evidence(path, display_name, kind, segments, media_size, stored_md5, "
                             "stored_sha1, acquisition, added_utc) VALUES (?,?,?,?,?,?,?,?,?)");
        if (!st)
            return std::unexpected(st.error());
        st->bind(1, row.path).bind(2, row.displayName).bind(3, row.kind).bind(4, segmentsJson(row.segments));
        st->bind(5, row.mediaSize).bind(6, row.storedMd5).bind(7, row.storedSha1).bind(8, row.acquisitionJson);
        st->bind(9, nowIso8601());
        if (auto r = st->run(); !r)
            return std::unexpected(r.error());
        return db.lastInsertId();
    });
}

Result<void> CaseStore::setEvidenceStatus(std::int64_t evidenceId, const std::string &status)
{
    return m_writer->callVoid([=](Database &db) -> Result<void> {
        auto st = db.prepare("UPDATE evidence SET status=? WHERE id=?");
        if (!st)
            return std::unexpected(st.error());
        return st->bind(1, status).bind(2, evidenceId).run();
    });
}

Result<void> CaseStore::setEvidenceTimezone(std::int64_t evidenceId, const std::string &zone)
{
    return m_writer->callVoid([=](Database &db) -> Result<void> {
        auto st = db.prepare("UPDATE evidence SET fs_timezone=? WHERE id=?");
        if (!st)
            return std::unexpected(st.error());
        if (zone.empty())
            st->bindNull(1);
        else
            st->bind(1, zone);
        return st->bind(2, evidenceId).run();
    });
}

Result<void> CaseStore::setVerification(std::int64_t evidenceId, const std::string &md5, const std::string &sha1,
                                        const std::string &verification)
{
    return m_writer->callVoid([=](Database &db) -> Result<void> {
        auto st = db.prepare("UPDATE evidence SET computed_md5=?, computed_sha1=?, verification=?, verified_utc=? "
                             "WHERE id=?");
        if (!st)
            return std::unexpected(st.error());
        if (md5.empty())   // the media could not be read whole: nothing was computed
            st->bindNull(1).bindNull(2);
        else
            st->bind(1, md5).bind(2, sha1);
        st->bind(3, verification).bind(4, nowIso8601()).bind(5, evidenceId);
        return st->run();
    });
}

Result<std::optional<EvidenceState>> CaseStore::findEvidence(const std::string &path)
{
    return m_writer->call<std::optional<EvidenceState>>(
        [path](Database &db) -> Result<std::optional<EvidenceState>> {
            auto st = db.prepare("SELECT id, status, coalesce(verification, '') FROM evidence WHERE path=? "
                                 "ORDER BY id DESC LIMIT 1");
            if (!st)
                return std::unexpected(st.error());
            std::optional<EvidenceState> found;
            st->bind(1, path);
            auto rows = st->forEachRow([&](const Statement &r) {
                found = EvidenceState{r.int64(0), r.text(1), r.text(2)};
                return false;
            });
            if (!rows)
                return std::unexpected(rows.error());
            return found;
        });
}

namespace {

Result<std::vector<std::int64_t>> memberIds(Database &db, std::int64_t evidenceId)
{
    auto st = db.prepare("SELECT id FROM files WHERE evidence_id=? AND origin='member'");
    if (!st)
        return std::unexpected(st.error());
    std::vector<std::int64_t> ids;
    st->bind(1, evidenceId);
    auto rows = st->forEachRow([&](const Statement &r) {
        ids.push_back(r.int64(0));
        return true;
    });
    if (!rows)
        return std::unexpected(rows.error());
    return ids;
}

} // namespace

Result<void> CaseStore::discardIndex(std::int64_t evidenceId)
{
    auto members = m_writer->call<std::vector<std::int64_t>>(
        [evidenceId](Database &db) { return memberIds(db, evidenceId); });
    if (!members)
        return std::unexpected(members.error());
    auto deleted = deleteIndexRows(evidenceId);
    if (!deleted)
        return deleted;
    std::error_code ec;
    for (const auto id : *members)   // archive members' bytes kept in the case
        fs::remove(derivedDir() / std::to_string(id), ec);
    return {};
}

Result<void> CaseStore::deleteIndexRows(std::int64_t evidenceId)
{
    return m_writer->callVoid([evidenceId](Database &db) -> Result<void> {
        if (auto r = deleteCommunications(db, evidenceId); !r)
            return r;
        for (const char *sql : {"DELETE FROM faces WHERE file_id IN (SELECT id FROM files WHERE evidence_id=?)",
                                "DELETE FROM media_frames WHERE file_id IN (SELECT id FROM files WHERE evidence_id=?)",
                                "DELETE FROM media WHERE evidence_id=?",
                                "DELETE FROM hash_matches WHERE file_id IN (SELECT id FROM files WHERE evidence_id=?)",
                                "DELETE FROM gradings WHERE file_id IN (SELECT id FROM files WHERE evidence_id=?)",
                                "DELETE FROM files WHERE evidence_id=?", "DELETE FROM filesystems WHERE evidence_id=?",
                                "DELETE FROM volumes WHERE evidence_id=?"}) {
            auto st = db.prepare(sql);
            if (!st)
                return std::unexpected(st.error());
            if (auto r = st->bind(1, evidenceId).run(); !r)
                return r;
        }
        return {};
    });
}

void CaseStore::beginParse(ParseStart start)
{
    m_writer->post([records = m_records, start = std::move(start)](Database &db) mutable {
        return records->begin(db, std::move(start));
    });
}

void CaseStore::addRecords(std::int64_t fileId, model::RecordBatch batch, std::string parser, std::string parserVersion)
{
    // The slot is given back as soon as the batch is written and freed, not at the commit: a
    // transaction may gather many batches while only a few wait in memory.
    m_recordSlots.acquire();
    m_writer->post([this, records = m_records, fileId, batch = std::move(batch), parser = std::move(parser),
                    version = std::move(parserVersion)](Database &db) mutable {
        auto written = records->add(db, fileId, batch, parser, version);
        batch = model::RecordBatch();
        m_recordSlots.release();
        return written;
    });
}

void CaseStore::finishParse(std::int64_t fileId, const std::string &parseStatus, std::vector<std::int64_t> companions)
{
    m_writer->post([records = m_records, fileId, parseStatus, ids = std::move(companions)](Database &db) -> Result<void> {
        if (auto r = records->finish(db, fileId, parseStatus); !r)
            return r;
        auto st = db.prepare("UPDATE files SET parse_status='companion' WHERE id=?");
        if (!st)
            return std::unexpected(st.error());
        for (const auto id : ids) {
            if (auto r = st->bind(1, id).run(); !r)
                return r;
        }
        return {};
    });
}

Result<std::int64_t> CaseStore::addVolume(const VolumeRow &row)
{
    return m_writer->call<std::int64_t>([row](Database &db) -> Result<std::int64_t> {
        auto st = db.prepare("INSERT INTO volumes(evidence_id, scheme, slot, start_offset, length, description, "
                             "flags) VALUES (?,?,?,?,?,?,?)");
        if (!st)
            return std::unexpected(st.error());
        st->bind(1, row.evidenceId).bind(2, row.scheme).bind(3, row.slot).bind(4, row.startOffset);
        st->bind(5, row.length).bind(6, row.description).bind(7, row.flags);
        if (auto r = st->run(); !r)
            return std::unexpected(r.error());
        return db.lastInsertId();
    });
}

Result<std::int64_t> CaseStore::addFilesystem(const FilesystemRow &row)
{
    return m_writer->call<std::int64_t>([row](Database &db) -> Result<std::int64_t> {
        auto st = db.prepare("INSERT INTO filesystems(evidence_id, volume_id, start_offset, fs_type, block_size, "
                             "block_count, root_inum) VALUES (?,?,?,?,?,?,?)");
        if (!st)
            return std::unexpected(st.error());
        st->bind(1, row.evidenceId).bind(2, row.volumeId).bind(3, row.startOffset).bind(4, row.fsType);
        st->bind(5, row.blockSize).bind(6, row.blockCount).bind(7, row.rootInum);
        if (auto r = st->run(); !r)
            return std::unexpected(r.error());
        return db.lastInsertId();
    });
}

namespace {

std::string extensionOf(const std::string &name)
{
    if (name.find(':') != std::string::npos)
        return {};   // NTFS stream
    auto dot = name.rfind('.');
    if (dot == std::string::npos || dot == 0 || dot + 1 == name.size())
        return {};
    std::string ext = name.substr(dot + 1);
    for (auto &c : ext)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return ext;
}

constexpr const char *kInsertFileSql =
    "INSERT INTO files(evidence_id, fs_id, path, name, extension, meta_addr, attr_type, attr_id, stream, "
    "meta_type, allocated, name_deleted, meta_deleted, reallocated, orphan, size, mtime, atime, ctime, "
    "crtime, content_status, parser, parser_version, origin, parent_id, origin_offset, origin_extents, "
    "carve_status, carve_note, depth, source_offset) "
    "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)";

// A derived file's offset is known when it is created; the content pass only fills it in.
constexpr const char *kUpdateContentSql =
    "UPDATE files SET md5=?, sha1=?, sha256=?, sig_type=?, sig_mime=?, ext_mismatch=?, content_status=?, "
    "bytes_read=?, source_offset=coalesce(?, source_offset), expand_status=coalesce(?, expand_status) WHERE id=?";

Result<void> updateContent(Statement &st, const ContentResult &c)
{
    auto text = [&](int i, const std::string &v) { v.empty() ? st.bindNull(i) : st.bind(i, v); };
    text(1, c.md5);
    text(2, c.sha1);
    text(3, c.sha256);
    text(4, c.sigType);
    text(5, c.sigMime);
    st.bind(6, c.extMismatch).bind(7, c.status).bind(8, static_cast<std::int64_t>(c.bytesRead));
    st.bind(9, c.sourceOffset);
    text(10, c.expandStatus);
    return st.bind(11, c.fileId).run();
}

Result<void> insertFile(Statement &st, const model::FileRecord &f)
{
    st.bind(1, f.evidenceId).bind(2, f.filesystemId).bind(3, f.path).bind(4, f.name).bind(5, extensionOf(f.name));
    st.bind(6, f.metaAddr).bind(7, f.attrType).bind(8, f.attrId);
    f.stream.empty() ? st.bindNull(9) : st.bind(9, f.stream);
    st.bind(10, model::toString(f.metaType)).bind(11, f.allocation == model::Allocation::Allocated ? 1 : 0);
    st.bind(12, f.nameDeleted ? 1 : 0).bind(13, f.metaDeleted ? 1 : 0).bind(14, f.reallocated ? 1 : 0);
    st.bind(15, f.orphan ? 1 : 0).bind(16, static_cast<std::int64_t>(f.size));
    st.bind(17, f.mtime).bind(18, f.atime).bind(19, f.ctime).bind(20, f.crtime);
    const bool hasContent = f.metaType == model::MetaType::Regular && f.size > 0;
    // A deleted name whose metadata entry now belongs to another file: reading it would
    // give the other file's bytes, so it is never hashed as this file.
    const char *status = f.reallocated ? "reallocated"
                         : hasContent  ? "pending"
                         : f.metaType == model::MetaType::Regular ? "empty"
                                                                  : "none";
    st.bind(21, status);
    st.bind(22, f.parser).bind(23, f.parserVersion.empty() ? std::string(vigilVersion()) : f.parserVersion);
    auto optText = [&](int i, const std::string &v) { v.empty() ? st.bindNull(i) : st.bind(i, v); };
    st.bind(24, model::toString(f.origin)).bind(25, f.parentId).bind(26, f.originOffset);
    optText(27, f.originExtents);
    optText(28, f.carveStatus);
    optText(29, f.carveNote);
    st.bind(30, std::int64_t{f.depth}).bind(31, f.sourceOffset);
    return st.run();
}

// The id of the derived file with this evidence, file system and forensic path, if any.
Result<std::optional<std::int64_t>> findDerived(Statement &st, const model::FileRecord &f)
{
    st.reset();
    st.bind(1, f.evidenceId).bind(2, f.filesystemId).bind(3, f.path);
    auto row = st.step();
    if (!row)
        return std::unexpected(row.error());
    std::optional<std::int64_t> id = *row ? std::optional(st.int64(0)) : std::nullopt;
    st.reset();
    return id;
}

Result<std::vector<CaseStore::DerivedId>> insertDerived(Database &db, const std::vector<model::FileRecord> &files)
{
    auto find = db.prepare("SELECT id FROM files WHERE evidence_id=? AND fs_id IS ? AND path=? LIMIT 1");
    auto ins = db.prepare(kInsertFileSql);
    if (!find || !ins)
        return std::unexpected(find ? ins.error() : find.error());
    std::vector<CaseStore::DerivedId> ids;
    ids.reserve(files.size());
    for (const auto &f : files) {
        auto existing = findDerived(*find, f);
        if (!existing)
            return std::unexpected(existing.error());
        if (*existing) {
            ids.push_back({**existing, false});
            continue;
        }
        if (auto r = insertFile(*ins, f); !r)
            return std::unexpected(r.error());
        ids.push_back({db.lastInsertId(), true});
    }
    return ids;
}

} // namespace

void CaseStore::addFiles(std::vector<model::FileRecord> files)
{
    m_writer->post([files = std::move(files)](Database &db) -> Result<void> {
        auto st = db.prepare(kInsertFileSql);
        if (!st)
            return std::unexpected(st.error());
        for (const auto &f : files) {
            if (auto r = insertFile(*st, f); !r)
                return r;
        }
        return {};
    });
}

void CaseStore::addFilesWithContent(std::vector<std::pair<model::FileRecord, ContentResult>> files)
{
    m_writer->post([files = std::move(files)](Database &db) -> Result<void> {
        auto ins = db.prepare(kInsertFileSql);
        auto upd = db.prepare(kUpdateContentSql);
        if (!ins || !upd)
            return std::unexpected(ins ? upd.error() : ins.error());
        for (auto [record, content] : files) {
            if (auto r = insertFile(*ins, record); !r)
                return r;
            content.fileId = db.lastInsertId();
            if (auto r = updateContent(*upd, content); !r)
                return r;
        }
        return {};
    });
}

Result<std::vector<CaseStore::DerivedId>> CaseStore::addDerivedFiles(std::vector<model::FileRecord> files)
{
    return m_writer->call<std::vector<DerivedId>>(
        [files = std::move(files)](Database &db) { return insertDerived(db, files); });
}

void CaseStore::postDerivedFiles(std::vector<model::FileRecord> files)
{
    m_writer->post([files = std::move(files)](Database &db) { return asVoid(insertDerived(db, files)); });
}

Result<std::vector<std::int64_t>> CaseStore::addMembers(std::vector<std::pair<model::FileRecord, fs::path>> members)
{
    return m_writer->call<std::vector<std::int64_t>>(
        [members = std::move(members), dir = derivedDir()](Database &db) -> Result<std::vector<std::int64_t>> {
            auto ins = db.prepare(kInsertFileSql);
            if (!ins)
                return std::unexpected(ins.error());
            std::vector<std::int64_t> ids;
            for (const auto &[record, data] : members) {
                if (auto r = insertFile(*ins, record); !r)
                    return std::unexpected(r.error());
                ids.push_back(db.lastInsertId());
                std::error_code ec;
                fs::rename(data, dir / std::to_string(ids.back()), ec);
                if (ec)
                    return fail(ErrorCode::Io, "cannot keep the bytes of archive member " + record.path + " in " +
                                                   dir.string(), ec.message());
            }
            return ids;
        });
}

void CaseStore::setExpandStatus(std::vector<std::int64_t> fileIds, const std::string &status)
{
    m_writer->post([ids = std::move(fileIds), status](Database &db) -> Result<void> {
        auto st = db.prepare("UPDATE files SET expand_status=? WHERE id=?");
        if (!st)
            return std::unexpected(st.error());
        for (const auto id : ids) {
            if (auto r = st->bind(1, status).bind(2, id).run(); !r)
                return r;
        }
        return {};
    });
}

Result<void> CaseStore::setFilesystemStatus(std::int64_t fsId, const std::string &status)
{
    return m_writer->callVoid([=](Database &db) -> Result<void> {
        auto st = db.prepare("UPDATE filesystems SET status=? WHERE id=?");
        if (!st)
            return std::unexpected(st.error());
        return st->bind(1, status).bind(2, fsId).run();
    });
}

void CaseStore::recordError(ProcessingError e)
{
    qCWarning(lcCaseDb).noquote() << QString::fromStdString(e.stage) << QString::fromStdString(e.path)
                                  << QString::fromStdString(e.error.toString());
    m_writer->post([e = std::move(e)](Database &db) -> Result<void> {
        auto st = db.prepare("INSERT INTO processing_errors(time_utc, evidence_id, file_id, fs_id, stage, component, "
                             "code, message, detail, path, byte_offset) VALUES (?,?,?,?,?,?,?,?,?,?,?)");
        if (!st)
            return std::unexpected(st.error());
        st->bind(1, nowIso8601()).bind(2, e.evidenceId).bind(3, e.fileId).bind(4, e.fsId).bind(5, e.stage);
        st->bind(6, e.component).bind(7, errorCodeName(e.error.code)).bind(8, e.error.message);
        st->bind(9, e.error.detail).bind(10, e.path).bind(11, e.byteOffset);
        return st->run();
    });
}

void CaseStore::setContentResults(std::vector<ContentResult> results)
{
    m_writer->post([results = std::move(results)](Database &db) -> Result<void> {
        auto st = db.prepare(kUpdateContentSql);
        if (!st)
            return std::unexpected(st.error());
        for (const auto &c : results) {
            if (auto r = updateContent(*st, c); !r)
                return r;
        }
        return {};
    });
}

void CaseStore::audit(const std::string &action, const QJsonObject &details)
{
    const std::string detailsJson = QJsonDocument(details).toJson(QJsonDocument::Compact).toStdString();
    m_writer->post([actor = m_actor, action, detailsJson](Database &db) -> Result<void> {
        return asVoid(appendAudit(db, actor, action, detailsJson));
    });
}

Result<std::int64_t> CaseStore::beginRun(const std::string &optionsJson)
{
    return m_writer->call<std::int64_t>([optionsJson](Database &db) -> Result<std::int64_t> {
        auto st = db.prepare("INSERT INTO ingest_runs(started_utc, status, options) VALUES (?, 'running', ?)");
        if (!st)
            return std::unexpected(st.error());
        if (auto r = st->bind(1, nowIso8601()).bind(2, optionsJson).run(); !r)
            return std::unexpected(r.error());
        return db.lastInsertId();
    });
}

Result<void> CaseStore::finishRun(std::int64_t runId, const std::string &status, const std::string &summaryJson)
{
    return m_writer->callVoid([=](Database &db) -> Result<void> {
        auto st = db.prepare("UPDATE ingest_runs SET finished_utc=?, status=?, summary=? WHERE id=?");
        if (!st)
            return std::unexpected(st.error());
        st->bind(1, nowIso8601()).bind(2, status).bind(3, summaryJson).bind(4, runId);
        return st->run();
    });
}

Result<std::optional<RunState>> CaseStore::lastRun()
{
    return m_writer->call<std::optional<RunState>>([](Database &db) -> Result<std::optional<RunState>> {
        auto st = db.prepare("SELECT id, status, started_utc, options FROM ingest_runs ORDER BY id DESC LIMIT 1");
        if (!st)
            return std::unexpected(st.error());
        auto row = st->step();
        if (!row)
            return std::unexpected(row.error());
        if (!*row)
            return std::optional<RunState>{};
        return std::optional<RunState>{RunState{st->int64(0), st->text(1), st->text(2), st->text(3)}};
    });
}

} // namespace vigil::casedb

namespace vigil::casedb {

void CaseStore::addMedia(std::vector<model::MediaRecord> records)
{
    m_writer->post([records = std::move(records)](Database &db) { return writeMedia(db, records); });
}

Result<std::int64_t> CaseStore::addHashSet(const HashSetRow &row)
{
    return m_writer->call<std::int64_t>([row, actor = m_actor](Database &db) -> Result<std::int64_t> {
        auto id = insertHashSet(db, row);
        if (!id)
            return id;
        const QJsonObject details{{"set_id", qint64(*id)}, {"name", QString::fromStdString(row.name)},
                                  {"role", QString::fromStdString(row.role)}, {"format", QString::fromStdString(row.format)},
                                  {"source", QString::fromStdString(row.sourcePath)},
                                  {"source_sha256", QString::fromStdString(row.sourceSha256)},
                                  {"md5", qint64(row.md5Count)}, {"sha1", qint64(row.sha1Count)},
                                  {"rejected", qint64(row.rejected)}};
        if (auto a = appendAudit(db, actor, "hashset.import",
                                 QJsonDocument(details).toJson(QJsonDocument::Compact).toStdString());
            !a)
            return std::unexpected(a.error());
        return id;
    });
}

Result<std::int64_t> CaseStore::setHashMatches(std::int64_t setId, std::vector<HashMatch> matches)
{
    return m_writer->call<std::int64_t>(
        [setId, matches = std::move(matches)](Database &db) { return replaceHashMatches(db, setId, matches); });
}

Result<void> CaseStore::setMediaGroups(std::vector<std::pair<std::int64_t, std::int64_t>> nearDuplicates,
                                       std::vector<std::pair<std::int64_t, std::int64_t>> faces)
{
    return m_writer->callVoid([nd = std::move(nearDuplicates), fg = std::move(faces)](Database &db) -> Result<void> {
        if (auto r = setNearDuplicateGroups(db, nd); !r)
            return r;
        return setFaceGroups(db, fg);
    });
}

Result<std::vector<Grade>> CaseStore::grade(const std::vector<std::int64_t> &fileIds, const std::string &category,
                                            const std::string &reason)
{
    return m_writer->call<std::vector<Grade>>(
        [=, actor = m_actor](Database &db) { return applyGrades(db, fileIds, category, actor, reason); });
}

Result<void> CaseStore::restoreGrades(const std::vector<Grade> &grades)
{
    return m_writer->callVoid([grades, actor = m_actor](Database &db) { return casedb::restoreGrades(db, grades, actor); });
}

Result<void> CaseStore::setGradingScheme(model::GradingScheme scheme)
{
    return m_writer->callVoid([scheme, actor = m_actor](Database &db) { return casedb::setGradingScheme(db, scheme, actor); });
}

} // namespace vigil::casedb
