// SPDX-License-Identifier: GPL-3.0-or-later
// The victim list (issue 9): the victims of a report model, one row per victim in rank order, as
// CSV and as an Excel workbook, for investigators who sort and filter in a spreadsheet. The
// writers write only what the model holds: the model is already restricted (chosen victims, one
// country) and redacted (children's names as initials), so the list is too.
//
// CSV: RFC 4180, UTF-8 with a byte-order mark (so Excel reads it as UTF-8), CRLF line ends,
// the header row first. Numbers are plain numbers, times ISO 8601 UTC, lists within a cell are
// "; "-separated or one item per line. Cells follow the rules of listcells.h: invalid UTF-8 is
// replaced by U+FFFD; a text cell starting with = + - @ tab or CR gets a leading apostrophe
// (formula-injection guard; number cells never do); a cell longer than Excel's 32,767 characters
// is cut and ends with "[… cut: N characters in all]".
//
// XLSX (libxlsxwriter): sheet "Victims" (the same columns and rows; header bold and frozen,
// autofilter, column widths from the content, times as Excel date cells in UTC with the format
// yyyy-mm-dd hh:mm:ss, numbers as number cells; text cells hold the text itself — a string cell
// is never evaluated, so no apostrophe guard), sheet "Case" (case number, examiner, agency,
// generated time, tool and version, country restriction, whether names are redacted, and the
// evidence items with their acquisition and verification hashes) and sheet "Key messages" (every
// quoted message of every victim with its source: path, table and row id or byte offset, and the
// source file's hashes).
//
// Both are written to a temporary file beside the target and renamed onto it at the end: an
// error leaves no partial file.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "core/report/reportmodel.h"
#include "core/report/victimlist/listcells.h"
#include "core/util/error.h"

namespace vigil::report {

// The columns of the victim list, in order (header names), shared by CSV and XLSX.
const std::vector<std::string> &victimListColumns();
// One row per victim in rank order: rank, person id, priority, priority reasons (one per line),
// risk, stage, stated age, country and its confidence, name (as the model holds it), accounts
// ("app: identifier" per line), apps, first and last contact, messages, media sent and received
// by the victim, indicator counts ("kind n; ..."), suspects (person ids), key messages ("id: path
// (table, rowid N)" or "id: path (offset N)" per line).
std::vector<ListRow> victimListRows(const ReportModel &model);

// The "Key messages" sheet: columns and one row per quoted message, victims in rank order.
const std::vector<std::string> &keyMessageColumns();
std::vector<ListRow> keyMessageRows(const ReportModel &model);

Result<void> writeVictimListCsv(const ReportModel &model, const std::filesystem::path &out);
Result<void> writeVictimListXlsx(const ReportModel &model, const std::filesystem::path &out);

} // namespace vigil::report
