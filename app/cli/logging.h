// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <filesystem>

namespace vigil::cli {

// Sends Qt log messages to FILE (appending, one timestamped line each); only critical
// messages also reach stderr, so the progress line and summary stay readable.
void logToFile(const std::filesystem::path &file);
// Without a case: warnings and worse to stderr, info/debug dropped unless VIGIL_DEBUG is set.
void logToStderr();

} // namespace vigil::cli
