// SPDX-License-Identifier: GPL-3.0-or-later
// Reads an .xlsx back for the victim-list tests: the ZIP members through libarchive (every member
// read in full, any error reported), then the sheets' names and files (workbook.xml and its
// relationships), shared strings, cell styles (number formats, bold fonts) and each sheet's cells,
// frozen pane, autofilter and column widths, parsed with QXmlStreamReader.
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace vigil::test {

struct XlsxCell {
    bool isNumber = false;
    std::string text;   // the string (escapes decoded), or the number as written
    double number = 0.0;
    int style = 0;      // index into the cell formats
};

struct XlsxSheet {
    std::string name, file;
    std::map<std::pair<int, int>, XlsxCell> cells;   // (row, column) from 0
    int rows = 0;                                    // highest row with a cell, plus one
    std::string paneState;                           // "frozen" when panes are frozen
    int frozenRows = 0;
    std::string autoFilter;                          // e.g. "A1:T4"
    int widths = 0;                                  // columns given a width
    std::string numberAsTextIgnored;                 // range whose "number stored as text" is ignored

    const XlsxCell *at(int row, int col) const;
};

struct XlsxStyle {
    std::string numberFormat;   // the format code of a custom number format ("" for built-ins)
    bool bold = false;
};

struct XlsxBookData {
    std::vector<std::string> members;   // ZIP member names in order
    std::vector<XlsxSheet> sheets;      // in workbook order
    std::vector<XlsxStyle> styles;      // cell formats (cellXfs), by index
    std::string coreProperties;         // docProps/core.xml as written
};

std::optional<XlsxBookData> readXlsx(const std::filesystem::path &file, std::string &error);

// "_x000D_" → CR: the OOXML escapes of a string as stored in the file.
std::string decodeOoxmlEscapes(const std::string &s);

} // namespace vigil::test
