// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/casedb/mediaquery.h"

#include <algorithm>
#include <cstring>
#include <sstream>

namespace vigil::casedb {

namespace {

constexpr const char *kKnownGood =
    "EXISTS(SELECT 1 FROM hash_matches hm JOIN hash_sets hs ON hs.id = hm.set_id "
    "WHERE hm.file_id = m.file_id AND hs.role = 'known-good')";

std::string mediaSql(const MediaFilter &f, const std::string &sourceCondition)
{
    std::string sql = std::string(R"SQL(
SELECT m.file_id, m.evidence_id, f.path, f.name, f.size, f.allocated = 0, coalesce(f.md5, ''), coalesce(f.sha1, ''),
  m.kind, coalesce(m.format, ''), coalesce(m.codec, ''), m.status, coalesce(m.note, ''), m.width, m.height,
  m.duration_ms, coalesce(m.pdq, ''), coalesce(m.phash, ''), m.pdq_quality, m.captured_utc, m.captured_local,
  coalesce(m.captured_raw, ''), coalesce(m.tz_offset, ''), coalesce(m.camera_make, ''), coalesce(m.camera_model, ''),
  coalesce(m.camera_serial, ''), coalesce(m.software, ''), m.gps_lat, m.gps_lon, m.gps_alt, m.near_dup_group,
  CASE WHEN m.near_dup_group IS NULL THEN 1
       ELSE (SELECT count(*) FROM media m2 WHERE m2.near_dup_group = m.near_dup_group) END,
  (SELECT group_concat(DISTINCT fa.face_group) FROM faces fa WHERE fa.file_id = m.file_id),
  (SELECT count(*) FROM faces fa WHERE fa.file_id = m.file_id),
  coalesce(g.category, ''), coalesce(g.source, ''),
  (SELECT group_concat(hs.name, '; ') FROM hash_matches hm JOIN hash_sets hs ON hs.id = hm.set_id
   WHERE hm.file_id = m.file_id), )SQL") + kKnownGood + R"SQL(,
  f.origin, f.parent_id, f.origin_offset, coalesce(f.carve_status, ''), coalesce(f.carve_note, '')
FROM media m JOIN files f ON f.id = m.file_id LEFT JOIN gradings g ON g.file_id = m.file_id
WHERE 1)SQL";
    if (f.evidenceId)
        sql += " AND m.evidence_id = :evidence";
    if (f.fileId)
        sql += " AND m.file_id = :file";
    if (f.nearDupGroup)
        sql += " AND m.near_dup_group = :group";
    if (f.faceGroup)
        sql += " AND EXISTS(SELECT 1 FROM faces fa WHERE fa.file_id = m.file_id AND fa.face_group = :face)";
    if (f.kind)
        sql += " AND m.kind = :kind";
    if (f.category)
        sql += f.category->empty() ? " AND g.category IS NULL" : " AND g.category = :category";
    if (!f.includeKnownGood)
        sql += std::string(" AND NOT ") + kKnownGood;
    if (f.onlyWithGps)
        sql += " AND m.gps_lat IS NOT NULL AND m.gps_lon IS NOT NULL";
    if (!sourceCondition.empty())
        sql += " AND (" + sourceCondition + ")";
    if (f.order == "group")
        sql += "\nORDER BY m.near_dup_group IS NULL, m.near_dup_group, f.id";
    else if (f.order == "face")
        sql += "\nORDER BY (SELECT min(fa.face_group) FROM faces fa WHERE fa.file_id = m.file_id) IS NULL, "
               "(SELECT min(fa.face_group) FROM faces fa WHERE fa.file_id = m.file_id), f.id";
    else
        sql += "\nORDER BY m.evidence_id, f.id";
    return sql;
}

std::vector<std::int64_t> parseIdList(const std::string &text)
{
    std::vector<std::int64_t> ids;
    std::stringstream in(text);
    std::string part;
    while (std::getline(in, part, ','))
        ids.push_back(std::stoll(part));
    std::sort(ids.begin(), ids.end());
    return ids;
}

std::optional<int> optInt(const Statement &r, int c)
{
    return r.isNull(c) ? std::nullopt : std::optional<int>(static_cast<int>(r.int64(c)));
}

MediaRow readRow(const Statement &r)
{
    MediaRow m;
    m.fileId = r.int64(0);
    m.evidenceId = r.int64(1);
    m.path = r.text(2);
    m.name = r.text(3);
    m.size = r.int64(4);
    m.deleted = r.int64(5) != 0;
    m.md5 = r.text(6);
    m.sha1 = r.text(7);
    m.kind = r.text(8);
    m.format = r.text(9);
    m.codec = r.text(10);
    m.status = r.text(11);
    m.note = r.text(12);
    m.width = static_cast<int>(r.int64(13));
    m.height = static_cast<int>(r.int64(14));
    m.durationMs = r.optInt64(15);
    m.pdq = r.text(16);
    m.phash = r.text(17);
    m.pdqQuality = optInt(r, 18);
    m.capturedUtc = r.optInt64(19);
    m.capturedLocal = r.optInt64(20);
    m.capturedRaw = r.text(21);
    m.tzOffset = r.text(22);
    m.cameraMake = r.text(23);
    m.cameraModel = r.text(24);
    m.cameraSerial = r.text(25);
    m.software = r.text(26);
    m.gpsLat = r.optReal(27);
    m.gpsLon = r.optReal(28);
    m.gpsAlt = r.optReal(29);
    m.nearDupGroup = r.optInt64(30);
    m.nearDupSize = r.int64(31);
    m.faceGroups = parseIdList(r.text(32));
    m.faceCount = r.int64(33);
    m.category = r.text(34);
    m.categorySource = r.text(35);
    m.hashSets = r.text(36);
    m.knownGood = r.int64(37) != 0;
    m.origin = r.text(38);
    m.parentId = r.optInt64(39);
    m.originOffset = r.optInt64(40);
    m.carveStatus = r.text(41);
    m.carveNote = r.text(42);
    return m;
}

template <typename T>
Result<std::vector<T>> collect(Statement &st, const std::function<T(const Statement &)> &read)
{
    std::vector<T> out;
    auto rows = st.forEachRow([&](const Statement &r) {
        out.push_back(read(r));
        return true;
    });
    if (!rows)
        return std::unexpected(rows.error());
    return out;
}


} // namespace

Result<std::int64_t> forEachMedia(Database &db, const MediaFilter &filter, const std::function<bool(const MediaRow &)> &fn)
{
    const auto source = fileSourceCondition(filter.source);
    if (!source)
        return std::unexpected(source.error());
    auto st = db.prepare(mediaSql(filter, *source));
    if (!st)
        return std::unexpected(st.error());
    int i = 1;   // binds in the order mediaSql adds them
    if (filter.evidenceId)
        st->bind(i++, *filter.evidenceId);
    if (filter.fileId)
        st->bind(i++, *filter.fileId);
    if (filter.nearDupGroup)
        st->bind(i++, *filter.nearDupGroup);
    if (filter.faceGroup)
        st->bind(i++, *filter.faceGroup);
    if (filter.kind)
        st->bind(i++, *filter.kind);
    if (filter.category && !filter.category->empty())
        st->bind(i++, *filter.category);
    return st->forEachRow([&](const Statement &r) { return fn(readRow(r)); });
}

Result<std::vector<MediaRow>> listMedia(Database &db, const MediaFilter &filter)
{
    std::vector<MediaRow> rows;
    auto n = forEachMedia(db, filter, [&](const MediaRow &m) {
        rows.push_back(m);
        return true;
    });
    if (!n)
        return std::unexpected(n.error());
    return rows;
}

Result<std::vector<unsigned char>> mediaThumbnail(Database &db, std::int64_t fileId)
{
    auto st = db.prepare("SELECT thumbnail FROM media WHERE file_id = ?");
    if (!st)
        return std::unexpected(st.error());
    st->bind(1, fileId);
    auto row = st->step();
    if (!row)
        return std::unexpected(row.error());
    if (!*row)
        return fail(ErrorCode::NotFound, "file " + std::to_string(fileId) + " has no media row");
    return st->blob(0);
}

Result<std::vector<model::MediaFrame>> mediaFrames(Database &db, std::int64_t fileId)
{
    auto st = db.prepare("SELECT frame_index, time_ms, reason, coalesce(scene_score, 0), coalesce(pdq, ''), "
                         "coalesce(pdq_quality, 0) FROM media_frames WHERE file_id = ? ORDER BY frame_index");
    if (!st)
        return std::unexpected(st.error());
    st->bind(1, fileId);
    return collect<model::MediaFrame>(*st, [](const Statement &r) {
        return model::MediaFrame{static_cast<int>(r.int64(0)), r.int64(1), r.text(2), r.real(3), r.text(4),
                                 static_cast<int>(r.int64(5))};
    });
}

Result<std::int64_t> forEachFace(Database &db, const std::function<bool(const FaceRow &)> &fn)
{
    auto st = db.prepare("SELECT id, file_id, frame_index, x, y, w, h, coalesce(score, 0), model, embedding, face_group "
                         "FROM faces ORDER BY id");
    if (!st)
        return std::unexpected(st.error());
    return st->forEachRow([&](const Statement &r) {
        FaceRow f{r.int64(0), r.int64(1), optInt(r, 2), static_cast<int>(r.int64(3)), static_cast<int>(r.int64(4)),
                  static_cast<int>(r.int64(5)), static_cast<int>(r.int64(6)), r.real(7), r.text(8), {}, r.optInt64(10)};
        const auto bytes = r.blob(9);
        f.embedding.resize(bytes.size() / sizeof(float));
        if (!f.embedding.empty())
            std::memcpy(f.embedding.data(), bytes.data(), f.embedding.size() * sizeof(float));
        return fn(f);
    });
}

Result<model::GradingScheme> gradingScheme(Database &db)
{
    auto st = db.prepare("SELECT grading_scheme FROM case_info WHERE id = 1");
    if (!st)
        return std::unexpected(st.error());
    auto row = st->step();
    if (!row)
        return std::unexpected(row.error());
    return (*row ? model::gradingSchemeFromId(st->text(0)) : std::nullopt).value_or(model::GradingScheme::Uk);
}

Result<std::vector<Grade>> gradesOf(Database &db, const std::vector<std::int64_t> &fileIds)
{
    auto st = db.prepare("SELECT category, source, coalesce(source_ref, '') FROM gradings WHERE file_id = ?");
    if (!st)
        return std::unexpected(st.error());
    std::vector<Grade> out;
    for (auto id : fileIds) {
        st->bind(1, id);
        auto row = st->step();
        if (!row)
            return std::unexpected(row.error());
        out.push_back(*row ? Grade{id, st->text(0), st->text(1), st->text(2)} : Grade{id, {}, {}, {}});
        st->reset();
    }
    return out;
}

Result<std::vector<CategoryCount>> gradingCounts(Database &db)
{
    auto scheme = gradingScheme(db);
    if (!scheme)
        return std::unexpected(scheme.error());
    auto st = db.prepare(std::string("SELECT coalesce(g.category, ''), coalesce(g.source, ''), count(*) "
                                     "FROM media m LEFT JOIN gradings g ON g.file_id = m.file_id WHERE NOT ") +
                         kKnownGood + " GROUP BY 1, 2");
    if (!st)
        return std::unexpected(st.error());
    std::vector<CategoryCount> out;
    for (auto s : {*scheme, *scheme == model::GradingScheme::Uk ? model::GradingScheme::ProjectVic : model::GradingScheme::Uk}) {
        for (const auto &c : model::gradingCategories(s))
            out.push_back({std::string(c.code), 0, 0});
    }
    out.push_back({"", 0, 0});
    auto rows = st->forEachRow([&](const Statement &r) {
        auto it = std::find_if(out.begin(), out.end(), [&](const CategoryCount &c) { return c.category == r.text(0); });
        if (it == out.end())
            it = out.insert(out.end() - 1, CategoryCount{r.text(0), 0, 0});
        (r.text(1) == "hashset" ? it->hashset : it->analyst) += r.int64(2);
        return true;
    });
    if (!rows)
        return std::unexpected(rows.error());
    // Categories of the other scheme that nothing uses are left out.
    const auto own = model::gradingCategories(*scheme).size();
    std::vector<CategoryCount> kept;
    for (std::size_t i = 0; i < out.size(); ++i) {
        if (i < own || i + 1 == out.size() || out[i].analyst + out[i].hashset > 0)
            kept.push_back(out[i]);
    }
    return kept;
}

Result<std::vector<HashSetRow>> listHashSets(Database &db)
{
    auto st = db.prepare("SELECT id, name, role, format, coalesce(format_version, ''), source_path, source_sha256, "
                         "store_file, md5_count, sha1_count, rejected, imported_utc, imported_by FROM hash_sets ORDER BY id");
    if (!st)
        return std::unexpected(st.error());
    return collect<HashSetRow>(*st, [](const Statement &r) {
        return HashSetRow{r.int64(0), r.text(1), r.text(2), r.text(3), r.text(4), r.text(5), r.text(6), r.text(7),
                          r.int64(8), r.int64(9), r.int64(10), r.text(11), r.text(12)};
    });
}

} // namespace vigil::casedb
