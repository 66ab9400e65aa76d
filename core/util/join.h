// SPDX-License-Identifier: GPL-3.0-or-later
// Joining a range into one string: each element turned into text by `item` (default: itself),
// `separator` between them. For the table cells of the CLI, the report and the victim list.
#pragma once

#include <string>

namespace vigil {

template <typename Range, typename Fn>
std::string joined(const Range &range, const char *separator, Fn item)
{
    std::string out;
    for (const auto &v : range)
        out += (out.empty() ? "" : separator) + item(v);
    return out;
}

template <typename Range>
std::string joined(const Range &range, const char *separator)
{
    return joined(range, separator, [](const auto &s) { return std::string(s); });
}

} // namespace vigil
