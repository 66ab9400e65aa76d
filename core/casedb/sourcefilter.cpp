// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/casedb/sourcefilter.h"

#include <array>
#include <utility>

namespace vigil::casedb {

namespace {

constexpr std::array<std::pair<SourceFilter, const char *>, 7> kNames = {{
    {SourceFilter::All, "all"},
    {SourceFilter::Live, "live"},
    {SourceFilter::Deleted, "deleted"},
    {SourceFilter::Carved, "carved"},
    {SourceFilter::Recovered, "recovered"},
    {SourceFilter::Nested, "nested"},
    {SourceFilter::Wal, "wal"},
}};

// Replaces every "$F" in the template with the alias.
std::string withAlias(std::string_view templ, std::string_view alias)
{
    std::string out;
    for (std::size_t i = 0; i < templ.size(); ++i) {
        if (templ[i] == '$' && i + 1 < templ.size() && templ[i + 1] == 'F') {
            out.append(alias);
            ++i;
        } else {
            out += templ[i];
        }
    }
    return out;
}

// "origin <> 'fs'" is spelled out for carved and nested files so SQLite may use the partial
// index files_origin (a few carved files among a million live ones).
constexpr const char *kLiveFile = "$F.origin = 'fs' AND $F.allocated = 1";
constexpr const char *kDeletedFile = "$F.origin = 'fs' AND $F.allocated = 0";
constexpr const char *kCarvedFile = "$F.origin <> 'fs' AND $F.origin = 'carved'";
constexpr const char *kRecoveredFile = "($F.origin = 'fs' AND $F.allocated = 0) OR $F.origin = 'carved'";
constexpr const char *kNestedFile = "$F.origin <> 'fs' AND $F.origin IN ('member', 'embedded')";

} // namespace

std::optional<SourceFilter> sourceFilterFromName(std::string_view name)
{
    for (const auto &[filter, text] : kNames)
        if (name == text)
            return filter;
    return std::nullopt;
}

const char *sourceFilterName(SourceFilter filter)
{
    for (const auto &[f, text] : kNames)
        if (f == filter)
            return text;
    return "all";
}

Result<std::string> fileSourceCondition(SourceFilter filter, std::string_view file)
{
    switch (filter) {
    case SourceFilter::All: return std::string();
    case SourceFilter::Live: return withAlias(kLiveFile, file);
    case SourceFilter::Deleted: return withAlias(kDeletedFile, file);
    case SourceFilter::Carved: return withAlias(kCarvedFile, file);
    case SourceFilter::Recovered: return withAlias(kRecoveredFile, file);
    case SourceFilter::Nested: return withAlias(kNestedFile, file);
    case SourceFilter::Wal: break;
    }
    return fail(ErrorCode::InvalidArgument, std::string("files and media have no '") + sourceFilterName(filter) +
                                                "' source (it applies to database records)");
}

std::string recordSourceCondition(SourceFilter filter, std::string_view record, std::string_view file)
{
    const std::string r(record);
    const std::string deletedFile = "(" + withAlias(kDeletedFile, file) + ")";
    const std::string carvedFile = "(" + withAlias(kCarvedFile, file) + ")";
    const std::string deleted = r + ".record_source = 'recovered' OR " + deletedFile;
    switch (filter) {
    case SourceFilter::All: return {};
    case SourceFilter::Live:
        return r + ".record_source IN ('live', 'wal') AND coalesce(" + std::string(file) + ".origin, 'fs') = 'fs' AND "
               "coalesce(" + std::string(file) + ".allocated, 1) = 1";
    case SourceFilter::Wal: return r + ".record_source = 'wal'";
    case SourceFilter::Deleted: return deleted;
    case SourceFilter::Carved: return carvedFile;
    case SourceFilter::Recovered: return deleted + " OR " + carvedFile;
    case SourceFilter::Nested: return withAlias(kNestedFile, file);
    }
    return {};
}

std::string fileSourceLabel(std::string_view origin, bool allocated)
{
    if (origin == "fs" || origin.empty())
        return allocated ? "live" : "deleted";
    return std::string(origin);
}

} // namespace vigil::casedb
