// SPDX-License-Identifier: GPL-3.0-or-later
#include "plugins/api/partialerrors.h"

#include "plugins/api/sqlitedb.h"

namespace vigil::plugins {

void PartialErrors::add(const Error &error, std::string_view what)
{
    m_errors.emplace_back(std::string(what), error);
}

void PartialErrors::check(const SqliteQuery &query, std::string_view what)
{
    if (query.error())
        add(*query.error(), what);
}

Result<void> PartialErrors::result() const
{
    if (m_errors.empty())
        return {};
    const Error &first = m_errors.front().second;
    std::string parts, details;
    for (const auto &[what, error] : m_errors) {
        parts += (parts.empty() ? "" : ", ") + what;
        details += (details.empty() ? "" : "; ") + what + ": " + error.toString();
    }
    return fail(first.code, first.message + " Affected: " + parts + ".", details);
}

} // namespace vigil::plugins
