// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/report/vicsmedia.h"

#include "plugins/media/hashsets/category.h"
#include "plugins/media/hashsets/vicsexport.h"

namespace vigil::report {

Result<VicsSummary> writeGradedMediaVics(casedb::Database &db, const casedb::MediaFilter &filter,
                                         const std::filesystem::path &out, const std::string &caseId)
{
    std::vector<media::VicsMedia> items;
    VicsSummary summary;
    auto n = casedb::forEachMedia(db, filter, [&](const casedb::MediaRow &m) {
        if (m.category.empty() || m.md5.empty())
            return true;
        media::VicsMedia v;
        v.md5 = m.md5;
        v.sha1 = m.sha1;
        v.category = media::vicCategoryNumber(m.category);
        if (!v.category)
            ++summary.withoutCategory;
        v.fileName = m.name;
        v.relativePath = m.path;
        v.size = static_cast<std::uint64_t>(m.size);
        v.mediaId = m.fileId;
        v.isPrecategorized = m.categorySource == "hashset";
        items.push_back(std::move(v));
        return true;
    });
    if (!n)
        return std::unexpected(n.error());
    if (auto r = media::writeVicsJson(out, caseId, items); !r)
        return std::unexpected(r.error());
    summary.written = static_cast<std::int64_t>(items.size());
    return summary;
}

} // namespace vigil::report
