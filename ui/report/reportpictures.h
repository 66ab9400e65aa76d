// SPDX-License-Identifier: GPL-3.0-or-later
// The pictures of a report (issue 9), drawn without a window by the desktop's own painters: the
// victim map and the world map of the model's victims (labels as the model holds them, so a
// redacted report's map is redacted too) and each victim's timeline chart.
#pragma once

#include "core/casedb/database.h"
#include "core/report/htmlreport.h"

namespace vigil::report {

Result<ReportPictures> drawReportPictures(casedb::Database &db, const ReportModel &model);

} // namespace vigil::report
