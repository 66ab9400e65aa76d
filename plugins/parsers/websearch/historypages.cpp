// SPDX-License-Identifier: GPL-3.0-or-later
#include "plugins/parsers/websearch/historypages.h"

#include <cctype>

#include "plugins/parsers/websearch/websearch.h"

namespace vigil::plugins {

void HistoryPage::addVisit(model::WebVisitRecord &visit)
{
    visit.url = url;
    if (!title.empty())
        visit.title = title;
    visited = true;
    if (visit.time && (!firstVisit || *visit.time < *firstVisit))
        firstVisit = visit.time;
}

void addUnvisitedPages(RecordEmitter &out, const HistoryPages &pages, const std::string &table)
{
    for (const auto &[id, page] : pages) {
        if (page.visited)
            continue;
        model::WebVisitRecord v;
        v.url = page.url;
        v.title = page.title;
        v.time = page.lastVisit;
        v.origin = rowOrigin(table, id);
        out.addVisit(std::move(v));
    }
}

void addResultPageSearches(RecordEmitter &out, const HistoryPages &pages, const std::string &table,
                           const std::set<std::int64_t> &skip)
{
    for (const auto &[id, page] : pages) {
        if (skip.count(id))
            continue;
        auto found = searchFromUrl(page.url);
        if (!found)
            continue;
        model::WebSearchRecord s;
        s.terms = std::move(found->terms);
        s.engine = std::move(found->engine);
        s.url = page.url;
        s.time = page.searchTime();
        s.origin = rowOrigin(table, id);
        out.addSearch(std::move(s));
    }
}

std::string browserFromPath(std::string_view path, std::span<const BrowserMarker> markers, std::string_view fallback)
{
    std::string lower(path);
    for (char &c : lower)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    for (const auto &marker : markers) {
        if (lower.find(marker.needle) != std::string::npos)
            return std::string(marker.name);
    }
    return std::string(fallback);
}

} // namespace vigil::plugins
