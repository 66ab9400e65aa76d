// SPDX-License-Identifier: GPL-3.0-or-later
// The report as PDF (issue 9): the HTML report laid out by Qt's text engine on A4 pages, with a
// running header naming the case on every page, "page N of M" in the footer, and the table of
// contents filled with the page each section starts on. Text stays text (it can be searched and
// read back). Needs a QGuiApplication ("offscreen" will do).
#pragma once

#include <filesystem>

#include "core/report/htmlreport.h"

namespace vigil::report {

// Writes `out` through a temporary file renamed at the end; returns the number of pages.
Result<int> writeReportPdf(const ReportModel &model, const ReportPictures &pictures, const std::filesystem::path &out);

} // namespace vigil::report
