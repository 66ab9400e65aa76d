// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/casedb/filelocation.h"

namespace vigil::casedb {

namespace {

constexpr const char *kLocationSql =
    "SELECT f.id, f.evidence_id, e.path, e.kind, fs.start_offset, f.meta_addr, f.attr_type, f.attr_id,"
    " f.path, f.meta_type, f.size, f.content_status"
    " FROM files f JOIN evidence e ON e.id = f.evidence_id"
    " LEFT JOIN filesystems fs ON fs.id = f.fs_id WHERE f.id = ?";

FileLocation readLocation(const Statement &st)
{
    FileLocation loc;
    loc.fileId = st.int64(0);
    loc.evidenceId = st.int64(1);
    loc.evidencePath = st.text(2);
    loc.evidenceKind = st.text(3);
    loc.fsOffset = st.optInt64(4);
    loc.metaAddr = st.optInt64(5);
    loc.attrType = st.optInt64(6);
    loc.attrId = st.optInt64(7);
    loc.path = st.text(8);
    loc.metaType = st.text(9);
    loc.size = st.int64(10);
    loc.contentStatus = st.text(11);
    return loc;
}

} // namespace

Result<FileLocation> fileLocation(Database &db, std::int64_t fileId)
{
    auto st = db.prepare(kLocationSql);
    if (!st)
        return std::unexpected(st.error());
    st->bind(1, fileId);
    auto row = st->step();
    if (!row)
        return std::unexpected(row.error());
    if (!*row)
        return fail(ErrorCode::NotFound, "file " + std::to_string(fileId) + " is not in this case");
    return readLocation(*st);
}

} // namespace vigil::casedb
