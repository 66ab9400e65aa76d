// SPDX-License-Identifier: GPL-3.0-or-later
// Vigil's version, from the project() call in the top CMakeLists.txt: one place for the CLI, the
// desktop, the case's case_info row and the reports' methodology.
#pragma once

#include <string_view>

namespace vigil {

std::string_view vigilVersion();

} // namespace vigil
