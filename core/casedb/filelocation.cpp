// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/casedb/filelocation.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace vigil::casedb {

namespace {

constexpr const char *kLocationSql =
    "SELECT f.id, f.evidence_id, e.path, e.kind, fs.start_offset, f.meta_addr, f.attr_type, f.attr_id,"
    " f.path, f.meta_type, f.size, f.content_status, f.origin, f.parent_id, f.origin_offset, f.source_offset,"
    " coalesce(f.origin_extents, ''), f.depth"
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
    loc.origin = st.text(12);
    loc.parentId = st.optInt64(13);
    loc.originOffset = st.optInt64(14);
    loc.sourceOffset = st.optInt64(15);
    loc.originExtents = st.text(16);
    loc.depth = static_cast<int>(st.int64(17));
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

Result<std::vector<std::pair<std::int64_t, std::int64_t>>> carvedExtents(const FileLocation &loc)
{
    std::vector<std::pair<std::int64_t, std::int64_t>> runs;
    if (loc.originExtents.empty()) {
        const auto start = loc.sourceOffset ? loc.sourceOffset : loc.originOffset;
        if (!start)
            return fail(ErrorCode::Corrupt, "the carved file '" + loc.path + "' has no offset in the evidence");
        runs.emplace_back(*start, loc.size);
        return runs;
    }
    const QJsonArray arr = QJsonDocument::fromJson(QByteArray::fromStdString(loc.originExtents)).array();
    std::int64_t total = 0;
    for (const auto &v : arr) {
        const QJsonArray pair = v.toArray();
        const auto offset = static_cast<std::int64_t>(pair.at(0).toDouble(-1));
        const auto length = static_cast<std::int64_t>(pair.at(1).toDouble(-1));
        if (pair.size() != 2 || offset < 0 || length <= 0)
            return fail(ErrorCode::Corrupt, "the carved file '" + loc.path + "' has unreadable extents",
                        loc.originExtents);
        runs.emplace_back(offset, length);
        total += length;
    }
    if (runs.empty() || total != loc.size)
        return fail(ErrorCode::Corrupt, "the extents of the carved file '" + loc.path + "' do not add up to its size",
                    loc.originExtents);
    return runs;
}

} // namespace vigil::casedb
