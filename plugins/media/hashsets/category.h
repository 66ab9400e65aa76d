// SPDX-License-Identifier: GPL-3.0-or-later
// Grading categories as Vigil stores them: short codes used everywhere (case database, UI,
// reports). UK: "uk:A", "uk:B", "uk:C", "uk:NI" (not indecent). Project VIC: "vic:0".."vic:4"
// (0 non-pertinent, 1 child abuse material, 2 child exploitive / age difficult,
// 3 CGI / animation, 4 comparison).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace vigil::media {

enum class GradingScheme { Uk, ProjectVic };

// "vic:N" for 0..4, nothing otherwise.
std::optional<std::string> vicCategoryCode(long long number);

// The Project VIC number of a "vic:N" code; nothing for UK codes and anything else.
std::optional<int> vicCategoryNumber(std::string_view code);

// Which scheme a stored code belongs to; nothing when it is not a valid code.
std::optional<GradingScheme> categoryScheme(std::string_view code);

// A category as people write it in a CSV cell (trimmed, any case): a Project VIC number
// "0".."4" → "vic:N"; "A"/"B"/"C", "Cat A", "Category A" → "uk:A"..; "N", "NI",
// "not indecent", "non-indecent" → "uk:NI". Empty text → "" (no category).
// Nothing when the text is not a category.
std::optional<std::string> categoryCodeFromText(std::string_view text);

} // namespace vigil::media
