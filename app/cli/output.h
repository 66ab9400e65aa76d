// SPDX-License-Identifier: GPL-3.0-or-later
// Formatting shared by the listing commands (files, errors, messages).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/util/csv.h"

namespace vigil::cli {

using vigil::csvField;
using vigil::csvLine;
std::string jsonString(const std::string &s);
std::string isoTime(const std::optional<std::int64_t> &nanos);   // "" when absent
std::string number(const std::optional<std::int64_t> &v);        // "" when absent

// One row as a JSON object whose `numeric` columns are written as numbers (null when empty);
// as CSV: csvLine (core/util/csv.h).
std::string jsonObject(const std::vector<const char *> &columns, const std::vector<std::string> &fields,
                       const std::vector<bool> &numeric);

// Prints a listing as CSV (a header line, then one line a row) or as a JSON array of objects.
class ListPrinter {
public:
    ListPrinter(std::string format, std::vector<const char *> columns, std::vector<bool> numeric);
    void row(const std::vector<std::string> &fields);
    void finish();   // closes the JSON array

private:
    std::string m_format;
    std::vector<const char *> m_columns;
    std::vector<bool> m_numeric;
    bool m_first = true;
};

} // namespace vigil::cli
