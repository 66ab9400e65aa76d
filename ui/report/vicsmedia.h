// SPDX-License-Identifier: GPL-3.0-or-later
// The case's graded media as VICS JSON (issue 5's export, shared by `vigil media --format vics`
// and the report writer): every graded medium with an MD5, its Project VIC category when graded in
// that scheme (UK grades have no VICS equivalent: written without a category).
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>

#include "core/casedb/database.h"
#include "core/casedb/mediaquery.h"

namespace vigil::report {

struct VicsSummary {
    std::int64_t written = 0, withoutCategory = 0;
};

Result<VicsSummary> writeGradedMediaVics(casedb::Database &db, const casedb::MediaFilter &filter,
                                         const std::filesystem::path &out, const std::string &caseId);

} // namespace vigil::report
