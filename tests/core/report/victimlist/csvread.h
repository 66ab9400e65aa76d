// SPDX-License-Identifier: GPL-3.0-or-later
// A strict RFC 4180 reader for the victim-list tests: records end with CRLF (a bare CR or LF
// outside quotes is an error), quoted fields may hold commas, CRLF and doubled quotes, a quote
// inside an unquoted field is an error, and the file must end with CRLF.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace vigil::test {

using CsvRecords = std::vector<std::vector<std::string>>;

// The records, or nullopt with `error` set.
std::optional<CsvRecords> readCsv(const std::string &text, std::string &error);

} // namespace vigil::test
