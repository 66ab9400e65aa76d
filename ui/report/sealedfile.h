// SPDX-License-Identifier: GPL-3.0-or-later
// Sealing a written report file (issue 9): its SHA-256 in a sidecar NAME.sha256 (sha256sum's
// format, so `sha256sum -c` checks it) and a `report.write` audit entry with the path, hash, size
// and the options it was written with. Also the atomic text write the writers share.
#pragma once

#include <filesystem>
#include <string>

#include "core/report/reportmodel.h"
#include "ui/report/reportwriter.h"

namespace vigil::report {

Result<WrittenFile> sealReportFile(const std::filesystem::path &file, const std::string &kind,
                                   const ReportOptions &options, const ReportAudit &audit);

Result<std::string> sha256OfFile(const std::filesystem::path &path);

// Writes `text` to `path` through a temporary file renamed at the end (TempOutput).
Result<void> writeTextFile(const std::filesystem::path &path, const std::string &text);

} // namespace vigil::report
