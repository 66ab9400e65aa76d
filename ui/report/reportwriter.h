// SPDX-License-Identifier: GPL-3.0-or-later
// Writes a case's reports and exports to files (issue 9): the PDF and HTML report from one report
// model, the victim list as CSV and XLSX, CASE/UCO JSON-LD, VICS JSON of graded media, and the
// per-country referral packages. Every file written gets a SHA-256 sidecar (NAME.sha256, in
// sha256sum's format) and one `report.write` audit entry naming it with its hash.
// Needs a QGuiApplication (the "offscreen" platform will do) for the PDF and the pictures.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include <QString>

#include "core/casedb/database.h"
#include "core/report/reportmodel.h"

namespace vigil::report {

enum Format : unsigned {
    FormatPdf = 1u << 0,
    FormatHtml = 1u << 1,
    FormatCsv = 1u << 2,      // victim list
    FormatXlsx = 1u << 3,     // victim list
    FormatCaseUco = 1u << 4,
    FormatVics = 1u << 5,
};

// "pdf", "html", "csv", "xlsx", "case-uco", "vics" → the format; 0 for anything else.
unsigned formatFromName(std::string_view name);
std::string formatName(unsigned format);
std::string formatExtension(unsigned format);   // ".pdf", ".html", ".csv", ".xlsx", ".jsonld", ".json"
// The file writeReportFiles gives a format: <base><extension>, the victim lists <base>-victims.csv/.xlsx.
std::string reportFileName(const std::string &base, unsigned format);

struct WrittenFile {
    std::filesystem::path path;
    std::string sha256;
    std::uintmax_t size = 0;
};

using ReportProgress = std::function<void(const QString &step)>;
// Records one audit entry (action, details as a JSON object) in the case: the CLI through its
// CaseStore's writer, the desktop through its CaseSession. An error stops the writing.
using ReportAudit = std::function<Result<void>(const std::string &action, const std::string &detailsJson)>;

// Writes one format to `out` (a file). The sidecar is written and `audit` called too. CASE/UCO is
// the whole case for interchange and is never redacted: with options.redactNames it is an error.
// `db` is only read (a read-only connection will do).
Result<WrittenFile> writeReportFile(casedb::Database &db, const ReportOptions &options, unsigned format,
                                    const std::filesystem::path &out, const ReportAudit &audit,
                                    const ReportProgress &progress = {});

// Writes several formats into `dir`, named by reportFileName. Stops at the first error.
Result<std::vector<WrittenFile>> writeReportFiles(casedb::Database &db, const ReportOptions &options,
                                                  unsigned formats, const std::filesystem::path &dir,
                                                  const std::string &base, const ReportAudit &audit,
                                                  const ReportProgress &progress = {});

// Per-country referral packages: for each country with victims (or only `options.country`), a
// folder `<dir>/<CC>/` with the report (PDF and HTML) restricted to that country's victims, the
// victim list (CSV, XLSX), their evidence excerpts (every quoted message with its source and
// hashes, CSV) and a MANIFEST.sha256 of the folder. Victims without a country are not sent.
Result<std::vector<WrittenFile>> writeReferralPackages(casedb::Database &db, const ReportOptions &options,
                                                       const std::filesystem::path &dir, const ReportAudit &audit,
                                                       const ReportProgress &progress = {});

// The report as the wizard previews it: the same HTML as the HTML export, pictures inlined.
Result<QString> reportPreviewHtml(casedb::Database &db, const ReportOptions &options);

} // namespace vigil::report
