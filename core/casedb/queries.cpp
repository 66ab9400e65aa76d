// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/casedb/queries.h"

#include <string>

namespace vigil::casedb {

namespace {

constexpr const char *kFileSelect =
    "SELECT f.id, f.evidence_id, e.display_name, fs.start_offset, fs.fs_type, f.path, f.meta_addr, f.attr_type, "
    "f.attr_id, f.meta_type, f.allocated, f.orphan, f.reallocated, f.size, f.mtime, f.atime, f.ctime, f.crtime, "
    "f.md5, f.sha1, f.sha256, f.sig_type, f.content_status, f.ext_mismatch, f.source_offset, f.name, f.sig_mime, "
    "f.fs_id, f.origin, f.parent_id, f.origin_offset, f.carve_status, f.carve_note, f.depth "
    "FROM files f JOIN evidence e ON e.id = f.evidence_id LEFT JOIN filesystems fs ON fs.id = f.fs_id ";

constexpr const char *kFilesWhere = "WHERE (?1 = 0 OR f.allocated = 0) AND (?2 IS NULL OR f.evidence_id = ?2)";
constexpr const char *kFilesOrder = " ORDER BY f.evidence_id, f.fs_id, f.id";

} // namespace

const char *fileSelectSql() { return kFileSelect; }

FileRow readFileRow(const Statement &st)
{
    FileRow r;
    r.id = st.int64(0);
    r.evidenceId = st.int64(1);
    r.evidenceName = st.text(2);
    r.volumeOffset = st.optInt64(3);
    r.fsType = st.text(4);
    r.path = st.text(5);
    r.metaAddr = st.optInt64(6);
    r.attrType = st.optInt64(7);
    r.attrId = st.optInt64(8);
    r.metaType = st.text(9);
    r.allocated = st.int64(10) != 0;
    r.orphan = st.int64(11) != 0;
    r.reallocated = st.int64(12) != 0;
    r.size = st.int64(13);
    r.mtime = st.optInt64(14);
    r.atime = st.optInt64(15);
    r.ctime = st.optInt64(16);
    r.crtime = st.optInt64(17);
    r.md5 = st.text(18);
    r.sha1 = st.text(19);
    r.sha256 = st.text(20);
    r.sigType = st.text(21);
    r.contentStatus = st.text(22);
    if (auto m = st.optInt64(23))
        r.extMismatch = *m != 0;
    r.sourceOffset = st.optInt64(24);
    r.name = st.text(25);
    r.sigMime = st.text(26);
    r.fsId = st.optInt64(27);
    r.origin = st.text(28);
    r.parentId = st.optInt64(29);
    r.originOffset = st.optInt64(30);
    r.carveStatus = st.text(31);
    r.carveNote = st.text(32);
    r.depth = st.int64(33);
    return r;
}

Result<std::int64_t> forEachFile(Database &db, const FileFilter &filter, const std::function<void(const FileRow &)> &fn)
{
    const auto source = fileSourceCondition(filter.source);
    if (!source)
        return std::unexpected(source.error());
    auto st = db.prepare(std::string(kFileSelect) + kFilesWhere + (source->empty() ? "" : " AND (" + *source + ")") +
                         kFilesOrder);
    if (!st)
        return std::unexpected(st.error());
    st->bind(1, filter.deletedOnly ? 1 : 0).bind(2, filter.evidenceId);
    return st->forEachRow([&](const Statement &r) {
        fn(readFileRow(r));
        return true;
    });
}

Result<ContentOverview> contentOverview(Database &db, std::int64_t evidenceId)
{
    ContentOverview o;
    auto types = db.prepare("SELECT sig_type, count(*) FROM files WHERE evidence_id=? AND sig_type IS NOT NULL "
                            "AND sig_type <> '' GROUP BY sig_type ORDER BY count(*) DESC, sig_type");
    auto flags = db.prepare("SELECT coalesce(sum(ext_mismatch = 1), 0), coalesce(sum(content_status = 'unreadable'), 0), "
                            "coalesce(sum(content_status = 'partial'), 0) FROM files WHERE evidence_id=?");
    if (!types || !flags)
        return std::unexpected(types ? flags.error() : types.error());
    types->bind(1, evidenceId);
    auto rows = types->forEachRow([&](const Statement &r) {
        o.types.emplace_back(r.text(0), r.int64(1));
        return true;
    });
    flags->bind(1, evidenceId);
    auto totals = flags->forEachRow([&](const Statement &r) {
        o.extensionMismatches = r.int64(0);
        o.unreadable = r.int64(1);
        o.partial = r.int64(2);
        return false;
    });
    if (!rows || !totals)
        return std::unexpected(rows ? totals.error() : rows.error());
    return o;
}

Result<IndexSummary> indexSummary(Database &db, std::int64_t evidenceId)
{
    IndexSummary out;
    auto totals = db.prepare("SELECT (SELECT count(*) FROM volumes WHERE evidence_id=?1), coalesce(sum(origin = 'fs'), 0), "
                             "coalesce(sum(origin = 'fs' AND allocated = 0), 0), coalesce(sum(md5 IS NOT NULL), 0), "
                             "coalesce(sum(CASE WHEN md5 IS NOT NULL THEN bytes_read END), 0), "
                             "(SELECT kind FROM evidence WHERE id=?1), (SELECT media_size FROM evidence WHERE id=?1) "
                             "FROM files WHERE evidence_id=?1");
    auto perFs = db.prepare("SELECT fs.fs_type, fs.start_offset, count(f.id) FROM filesystems fs "
                            "LEFT JOIN files f ON f.fs_id = fs.id AND f.origin = 'fs' WHERE fs.evidence_id=? GROUP BY fs.id "
                            "ORDER BY fs.start_offset");
    if (!totals || !perFs)
        return std::unexpected(totals ? perFs.error() : totals.error());
    totals->bind(1, evidenceId);
    auto a = totals->forEachRow([&](const Statement &r) {
        out.volumes = r.int64(0);
        out.files = r.int64(1);
        out.deleted = r.int64(2);
        out.filesHashed = r.int64(3);
        out.bytesHashed = r.int64(4);
        out.kind = r.text(5);
        out.mediaSize = r.int64(6);
        return false;
    });
    perFs->bind(1, evidenceId);
    auto b = perFs->forEachRow([&](const Statement &r) {
        out.filesystems.push_back({r.text(0), r.int64(1), r.int64(2)});
        return true;
    });
    if (!a || !b)
        return std::unexpected(a ? b.error() : a.error());
    return out;
}

Result<std::int64_t> forEachError(Database &db, const std::function<void(const ErrorRow &)> &fn)
{
    auto st = db.prepare("SELECT id, time_utc, stage, component, code, message, detail, path, evidence_id, file_id, "
                         "byte_offset FROM processing_errors ORDER BY id");
    if (!st)
        return std::unexpected(st.error());
    return st->forEachRow([&](const Statement &r) {
        fn(ErrorRow{r.int64(0), r.text(1), r.text(2), r.text(3), r.text(4), r.text(5), r.text(6), r.text(7),
                    r.optInt64(8), r.optInt64(9), r.optInt64(10)});
        return true;
    });
}

} // namespace vigil::casedb
