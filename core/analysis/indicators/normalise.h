// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <string>
#include <string_view>

namespace vigil::analysis {

// Case-folds a word (full Unicode folding, so "STRASSE" and "straße" meet) and drops apostrophes,
// including U+2018, U+2019 and U+02BC, so "Don’t" becomes "dont".
std::string normaliseWord(std::string_view word);

} // namespace vigil::analysis
