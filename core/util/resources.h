// SPDX-License-Identifier: GPL-3.0-or-later
// Where Vigil's data files (resources/: lexicons, country shapes) are at run time.
#pragma once

#include <filesystem>

namespace vigil {

// The resources folder, first match of: $VIGIL_RESOURCE_DIR; <exe dir>/../share/vigil/resources
// (installed); the source tree's resources/ (a build tree). Empty when none exists.
std::filesystem::path resourceDir();

// resourceDir() / relative, or empty when there is no resources folder.
std::filesystem::path resourcePath(const std::filesystem::path &relative);

} // namespace vigil
