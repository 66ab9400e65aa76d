// SPDX-License-Identifier: GPL-3.0-or-later
// Compares what two cases hold: every table, every row, every id, leaving out only the columns that
// say when something was processed and the tables about the runs themselves (audit log, ingest
// runs). Used to show that an interrupted and resumed ingest ends as an uninterrupted one does.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace vigil::test {

// Human-readable differences, one per table that differs (empty when the content is the same).
std::vector<std::string> compareCases(const std::filesystem::path &expected, const std::filesystem::path &actual);

} // namespace vigil::test
