// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/util/error.h"

namespace vigil::plugins {

class SqliteQuery;

// Keeps a parser going past a damaged table or record: each failure is noted with what was
// being read, and result() gives one Error naming them all (the records read are kept).
class PartialErrors
{
public:
    void add(const Error &error, std::string_view what);
    // Notes the query's error, if it has one (call after the last next()).
    void check(const SqliteQuery &query, std::string_view what);
    template <typename T>
    void check(const Result<T> &result, std::string_view what)
    {
        if (!result)
            add(result.error(), what);
    }
    bool empty() const { return m_errors.empty(); }
    Result<void> result() const;

private:
    std::vector<std::pair<std::string, Error>> m_errors;
};

} // namespace vigil::plugins
