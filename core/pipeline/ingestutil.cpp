// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/pipeline/ingestutil.h"

#include "core/casedb/casestore.h"

namespace vigil::pipeline {

Result<casedb::IndexSummary> loadIndexCounts(const std::filesystem::path &caseDir, EvidenceSummary &sum)
{
    auto db = casedb::CaseStore::openReadOnly(caseDir);
    if (!db)
        return std::unexpected(db.error());
    auto idx = casedb::indexSummary(*db, sum.evidenceId);
    if (!idx)
        return idx;
    sum.volumes = static_cast<int>(idx->volumes);
    sum.files = static_cast<std::uint64_t>(idx->files);
    sum.deleted = static_cast<std::uint64_t>(idx->deleted);
    for (const auto &f : idx->filesystems)
        sum.filesystems.push_back({f.type, f.offset, static_cast<std::uint64_t>(f.entries)});
    return idx;
}

} // namespace vigil::pipeline
