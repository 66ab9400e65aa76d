// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/casedb/mediastore.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <span>

#include "core/casedb/audit.h"
#include "core/casedb/mediaquery.h"
#include "core/util/timeutil.h"

namespace vigil::casedb {

namespace {

constexpr const char *kInsertMedia = R"SQL(
INSERT OR REPLACE INTO media(file_id, evidence_id, kind, format, width, height, frames, duration_ms, codec,
  frame_rate, has_audio, creation_time, pdq, pdq_quality, phash, captured_utc, captured_local, captured_raw,
  tz_offset, camera_make, camera_model, camera_serial, software, gps_lat, gps_lon, gps_alt, orientation,
  thumbnail, status, note, analyser, analyser_version, pdq_variants)
VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?))SQL";

std::optional<std::string> nonEmpty(const std::string &s)
{
    return s.empty() ? std::nullopt : std::optional<std::string>(s);
}

Statement &bindText(Statement &st, int i, const std::string &s)
{
    return s.empty() ? st.bindNull(i) : st.bind(i, s);
}

Result<void> insertMediaRow(Statement &st, const model::MediaRecord &m)
{
    st.bind(1, m.fileId).bind(2, m.evidenceId).bind(3, m.kind);
    bindText(st, 4, m.format).bind(5, std::int64_t{m.width}).bind(6, std::int64_t{m.height});
    st.bind(7, std::int64_t{m.frames}).bind(8, m.durationMs);
    bindText(st, 9, m.codec).bindReal(10, m.frameRate).bind(11, m.hasAudio);
    bindText(st, 12, m.creationTime);
    bindText(st, 13, m.pdq).bind(14, m.pdqQuality);
    bindText(st, 15, m.phash).bind(16, m.capturedUtc).bind(17, m.capturedLocal);
    bindText(st, 18, m.capturedRaw);
    bindText(st, 19, m.tzOffset);
    bindText(st, 20, m.cameraMake);
    bindText(st, 21, m.cameraModel);
    bindText(st, 22, m.cameraSerial);
    bindText(st, 23, m.software);
    st.bindReal(24, m.gpsLat).bindReal(25, m.gpsLon).bindReal(26, m.gpsAlt).bind(27, std::int64_t{m.orientation});
    st.bindBlob(28, m.thumbnail).bind(29, m.status);
    bindText(st, 30, m.note).bind(31, m.analyser).bind(32, m.analyserVersion);
    bindText(st, 33, m.pdqVariants);
    return st.run();
}

Result<void> insertFrames(Database &db, const model::MediaRecord &m)
{
    auto st = db.prepare("INSERT OR REPLACE INTO media_frames(file_id, frame_index, time_ms, reason, scene_score, "
                         "pdq, pdq_quality) VALUES (?,?,?,?,?,?,?)");
    if (!st)
        return std::unexpected(st.error());
    for (const auto &f : m.keyframes) {
        st->bind(1, m.fileId).bind(2, std::int64_t{f.index}).bind(3, f.timeMs).bind(4, f.reason).bindReal(5, f.sceneScore);
        bindText(*st, 6, f.pdq).bind(7, std::int64_t{f.pdqQuality});
        if (auto r = st->run(); !r)
            return r;
    }
    return {};
}

Result<void> insertFaces(Database &db, const model::MediaRecord &m)
{
    auto st = db.prepare("INSERT INTO faces(file_id, frame_index, x, y, w, h, score, model, embedding) "
                         "VALUES (?,?,?,?,?,?,?,?,?)");
    if (!st)
        return std::unexpected(st.error());
    for (const auto &f : m.faces) {
        st->bind(1, m.fileId).bind(2, f.frameIndex).bind(3, std::int64_t{f.x}).bind(4, std::int64_t{f.y});
        st->bind(5, std::int64_t{f.w}).bind(6, std::int64_t{f.h}).bindReal(7, f.score).bind(8, f.model);
        const auto bytes = std::as_bytes(std::span(f.embedding));
        st->bindBlob(9, {reinterpret_cast<const unsigned char *>(bytes.data()), bytes.size()});
        if (auto r = st->run(); !r)
            return r;
    }
    return {};
}

Result<void> runWith(Database &db, const char *sql, std::int64_t id)
{
    auto st = db.prepare(sql);
    if (!st)
        return std::unexpected(st.error());
    return st->bind(1, id).run();
}

Result<void> writeGrade(Database &db, const Grade &g, const std::string &sourceRef)
{
    if (g.category.empty())
        return runWith(db, "DELETE FROM gradings WHERE file_id=?", g.fileId);
    auto st = db.prepare("INSERT OR REPLACE INTO gradings(file_id, category, source, source_ref, graded_utc) "
                         "VALUES (?,?,?,?,?)");
    if (!st)
        return std::unexpected(st.error());
    st->bind(1, g.fileId).bind(2, g.category).bind(3, g.source.empty() ? "analyst" : g.source);
    return st->bind(4, sourceRef).bind(5, nowIso8601()).run();
}

QJsonArray gradesJson(const std::vector<Grade> &grades)
{
    QJsonArray arr;
    for (const auto &g : grades)
        arr.append(QJsonObject{{"file_id", qint64(g.fileId)}, {"category", QString::fromStdString(g.category)},
                               {"source", QString::fromStdString(g.source)}});
    return arr;
}

Result<void> audit(Database &db, const std::string &actor, const char *action, const QJsonObject &details)
{
    return asVoid(appendAudit(db, actor, action, QJsonDocument(details).toJson(QJsonDocument::Compact).toStdString()));
}

} // namespace

Result<void> writeMedia(Database &db, const std::vector<model::MediaRecord> &records)
{
    auto media = db.prepare(kInsertMedia);
    auto status = db.prepare("UPDATE files SET media_status=? WHERE id=?");
    if (!media || !status)
        return std::unexpected(!media ? media.error() : status.error());
    for (const auto &m : records) {
        for (const char *sql : {"DELETE FROM faces WHERE file_id=?", "DELETE FROM media_frames WHERE file_id=?"}) {
            if (auto r = runWith(db, sql, m.fileId); !r)
                return r;
        }
        for (auto r : {insertMediaRow(*media, m), insertFrames(db, m), insertFaces(db, m),
                       status->bind(1, m.status).bind(2, m.fileId).run()}) {
            if (!r)
                return r;
        }
    }
    return {};
}

Result<std::int64_t> insertHashSet(Database &db, const HashSetRow &h)
{
    auto st = db.prepare("INSERT INTO hash_sets(name, role, format, format_version, source_path, source_sha256, "
                         "store_file, md5_count, sha1_count, rejected, imported_utc, imported_by) "
                         "VALUES (?,?,?,?,?,?,?,?,?,?,?,?)");
    if (!st)
        return std::unexpected(st.error());
    st->bind(1, h.name).bind(2, h.role).bind(3, h.format).bind(4, nonEmpty(h.formatVersion).value_or(""));
    st->bind(5, h.sourcePath).bind(6, h.sourceSha256).bind(7, h.storeFile).bind(8, h.md5Count).bind(9, h.sha1Count);
    st->bind(10, h.rejected).bind(11, h.importedUtc.empty() ? nowIso8601() : h.importedUtc).bind(12, h.importedBy);
    if (auto r = st->run(); !r)
        return std::unexpected(r.error());
    return db.lastInsertId();
}

Result<std::int64_t> replaceHashMatches(Database &db, std::int64_t setId, const std::vector<HashMatch> &matches)
{
    if (auto r = runWith(db, "DELETE FROM hash_matches WHERE set_id=?", setId); !r)
        return std::unexpected(r.error());
    auto ins = db.prepare("INSERT OR REPLACE INTO hash_matches(file_id, set_id, hash_kind, category) VALUES (?,?,?,?)");
    auto grade = db.prepare("INSERT OR IGNORE INTO gradings(file_id, category, source, source_ref, graded_utc) "
                            "VALUES (?,?,'hashset',?,?)");
    if (!ins || !grade)
        return std::unexpected(!ins ? ins.error() : grade.error());
    const std::string now = nowIso8601(), ref = std::to_string(setId);
    std::int64_t pregraded = 0;
    for (const auto &m : matches) {
        ins->bind(1, m.fileId).bind(2, setId).bind(3, m.hashKind);
        m.category ? ins->bind(4, *m.category) : ins->bindNull(4);
        if (auto r = ins->run(); !r)
            return std::unexpected(r.error());
        if (!m.category)
            continue;
        if (auto r = grade->bind(1, m.fileId).bind(2, *m.category).bind(3, ref).bind(4, now).run(); !r)
            return std::unexpected(r.error());
        pregraded += db.changes();
    }
    return pregraded;
}

Result<void> setNearDuplicateGroups(Database &db, const std::vector<std::pair<std::int64_t, std::int64_t>> &fileGroups)
{
    if (auto r = db.exec("UPDATE media SET near_dup_group=NULL WHERE near_dup_group IS NOT NULL"); !r)
        return r;
    auto st = db.prepare("UPDATE media SET near_dup_group=? WHERE file_id=?");
    if (!st)
        return std::unexpected(st.error());
    for (const auto &[file, group] : fileGroups) {
        if (auto r = st->bind(1, group).bind(2, file).run(); !r)
            return r;
    }
    return {};
}

Result<void> setFaceGroups(Database &db, const std::vector<std::pair<std::int64_t, std::int64_t>> &faceGroups)
{
    if (auto r = db.exec("UPDATE faces SET face_group=NULL WHERE face_group IS NOT NULL"); !r)
        return r;
    auto st = db.prepare("UPDATE faces SET face_group=? WHERE id=?");
    if (!st)
        return std::unexpected(st.error());
    for (const auto &[face, group] : faceGroups) {
        if (auto r = st->bind(1, group).bind(2, face).run(); !r)
            return r;
    }
    return {};
}

Result<std::vector<Grade>> applyGrades(Database &db, const std::vector<std::int64_t> &fileIds, const std::string &category,
                                       const std::string &actor, const std::string &reason)
{
    if (!category.empty() && !model::findGradingCategory(category))
        return fail(ErrorCode::InvalidArgument, "unknown grading category '" + category + "'");
    auto previous = gradesOf(db, fileIds);
    if (!previous)
        return previous;
    for (auto id : fileIds) {
        if (auto r = writeGrade(db, Grade{id, category, "analyst", actor}, actor); !r)
            return std::unexpected(r.error());
    }
    QJsonArray ids;
    for (auto id : fileIds)
        ids.append(qint64(id));
    if (auto r = audit(db, actor, category.empty() ? "media.ungrade" : "media.grade",
                       QJsonObject{{"file_ids", ids}, {"category", QString::fromStdString(category)},
                                   {"reason", QString::fromStdString(reason)}, {"previous", gradesJson(*previous)}});
        !r)
        return std::unexpected(r.error());
    return previous;
}

Result<void> restoreGrades(Database &db, const std::vector<Grade> &grades, const std::string &actor)
{
    for (const auto &g : grades) {
        if (auto r = writeGrade(db, g, g.sourceRef.empty() ? actor : g.sourceRef); !r)
            return r;
    }
    return audit(db, actor, "media.grade.undo", QJsonObject{{"restored", gradesJson(grades)}});
}

Result<void> setGradingScheme(Database &db, model::GradingScheme scheme, const std::string &actor)
{
    auto st = db.prepare("UPDATE case_info SET grading_scheme=? WHERE id=1");
    if (!st)
        return std::unexpected(st.error());
    const std::string id(model::gradingSchemeId(scheme));
    if (auto r = st->bind(1, id).run(); !r)
        return r;
    return audit(db, actor, "case.grading_scheme", QJsonObject{{"scheme", QString::fromStdString(id)}});
}

} // namespace vigil::casedb
