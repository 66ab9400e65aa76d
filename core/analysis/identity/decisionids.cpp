// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/analysis/identity/decisionids.h"

#include <cctype>
#include <charconv>

namespace vigil::analysis::identity {

std::string formatAccountIds(const std::vector<std::int64_t> &ids)
{
    std::string out = "[";
    for (std::size_t i = 0; i < ids.size(); ++i)
        out += (i ? "," : "") + std::to_string(ids[i]);
    return out + "]";
}

namespace {

void skipSpace(std::string_view &s)
{
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front())))
        s.remove_prefix(1);
}

bool take(std::string_view &s, char c)
{
    skipSpace(s);
    if (s.empty() || s.front() != c)
        return false;
    s.remove_prefix(1);
    return true;
}

bool atEnd(std::string_view s)
{
    skipSpace(s);
    return s.empty();
}

} // namespace

std::optional<std::vector<std::int64_t>> parseAccountIds(std::string_view s)
{
    std::vector<std::int64_t> ids;
    if (!take(s, '['))
        return std::nullopt;
    if (take(s, ']'))
        return atEnd(s) ? std::optional(ids) : std::nullopt;
    do {
        skipSpace(s);
        std::int64_t id = 0;
        const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), id);
        if (ec != std::errc() || id <= 0)
            return std::nullopt;
        ids.push_back(id);
        s.remove_prefix(static_cast<std::size_t>(end - s.data()));
    } while (take(s, ','));
    if (!take(s, ']') || !atEnd(s))
        return std::nullopt;
    return ids;
}

} // namespace vigil::analysis::identity
