// SPDX-License-Identifier: GPL-3.0-or-later
// CSV as RFC 4180 writes it: a field with a comma, quote or line break is quoted, quotes doubled.
#pragma once

#include <string>
#include <vector>

namespace vigil {

std::string csvField(const std::string &s);
std::string csvLine(const std::vector<std::string> &fields);   // no line break at the end

} // namespace vigil
