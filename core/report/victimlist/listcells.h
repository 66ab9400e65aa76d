// SPDX-License-Identifier: GPL-3.0-or-later
// The cells of an exported table (the victim list, issue 9) and the rules that make their text
// safe to hand to a spreadsheet, shared by the CSV and the XLSX writer:
//  - text is valid UTF-8: every invalid byte (and NUL) becomes U+FFFD;
//  - a cell never exceeds Excel's limit of 32,767 characters (counted in UTF-16 units, as Excel
//    counts): a longer text is cut and ends with the visible marker
//    "[… cut: N characters in all]" so nobody mistakes it for the whole text;
//  - CSV only: a text cell that starts with = + - @ tab or carriage return is prefixed with an
//    apostrophe so that a spreadsheet opening the file does not run it as a formula
//    ("=cmd|…" → "'=cmd|…"). Number and time cells are never prefixed: -1 stays a number.
//  - XLSX only: text that looks like an OOXML escape (_x0041_) is escaped itself (_x005F_x0041_),
//    so Excel shows the characters the case holds; control characters are escaped by
//    libxlsxwriter the same way.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace vigil::report {

// One cell: empty, text, a number, or a time (UTC nanoseconds since 1970).
struct ListCell {
    enum class Kind { Empty, Text, Number, Time };
    Kind kind = Kind::Empty;
    std::string text;
    double number = 0.0;
    std::int64_t utcNanos = 0;

    static ListCell textCell(std::string s);    // empty text gives an empty cell
    static ListCell numberCell(double n);
    static ListCell timeCell(const std::optional<std::int64_t> &t);   // nullopt gives an empty cell
};
using ListRow = std::vector<ListCell>;

inline constexpr std::size_t kExcelCellLimit = 32767;

// Valid UTF-8, at most `limit` UTF-16 units, with the cut marker when it was longer.
std::string fitCellText(std::string_view raw, std::size_t limit = kExcelCellLimit);
// The text of a cell as the CSV file holds it (numbers in their shortest exact form, times as
// ISO 8601 UTC, text fitted and formula-guarded).
std::string csvCellText(const ListCell &cell);
// Text as it is given to libxlsxwriter: fitted, with literal _xHHHH_ escapes escaped, and never
// longer than libxlsxwriter accepts.
std::string xlsxCellText(std::string_view raw);
// A number as text: integers without a fraction ("17"), others in their shortest form ("0.6").
std::string numberText(double n);
// The Excel serial date (1900 date system, days since 1899-12-30) of a UTC time; nullopt before
// 1900-03-01, where Excel's serials are off by its phantom 29 February 1900. (Nanoseconds in an
// int64 end in 2262, well before Excel's last date, 9999-12-31.)
std::optional<double> excelSerial(std::int64_t utcNanos);

} // namespace vigil::report
