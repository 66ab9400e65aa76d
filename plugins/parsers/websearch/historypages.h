// SPDX-License-Identifier: GPL-3.0-or-later
// What the browser-history parsers share besides search URLs: the pages of a history (Chrome's
// urls, Firefox's moz_places, Safari's history_items) with what their visit rows tell, visits
// for pages whose visit rows are gone, searches from result-page URLs, and the browser's name.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <span>
#include <string>
#include <string_view>
#include <utility>

#include "core/model/communication.h"
#include "plugins/api/recordemitter.h"

namespace vigil::plugins {

// One page (URL) of a browser's history.
struct HistoryPage {
    HistoryPage() = default;
    HistoryPage(std::string pageUrl, std::string pageTitle, std::optional<UtcNanos> pageLastVisit = std::nullopt)
        : url(std::move(pageUrl)), title(std::move(pageTitle)), lastVisit(pageLastVisit)
    {
    }

    std::string url, title;
    std::optional<UtcNanos> lastVisit;    // as the page row records it (Safari's does not)
    std::optional<UtcNanos> firstVisit;   // the earliest visit row read for it
    bool visited = false;                 // a visit row refers to it

    // Ties a visit row to the page: the visit gets the page's URL (and its title, when the page
    // has one); the page is marked visited and keeps its earliest visit time.
    void addVisit(model::WebVisitRecord &visit);
    // When a search on this page was made: its first visit, else its last.
    std::optional<UtcNanos> searchTime() const { return firstVisit ? firstVisit : lastVisit; }
};

// Pages by their row id.
using HistoryPages = std::map<std::int64_t, HistoryPage>;

// A visit for each page no visit row refers to (visits expired, pages only typed or bookmarked),
// at the page's own last visit time, found at `table` and the page's id.
void addUnvisitedPages(RecordEmitter &out, const HistoryPages &pages, const std::string &table);

// A search for each page that is a result page of a known engine (searchFromUrl), found at
// `table` and the page's id; pages in `skip` (covered by the browser's own search table) are not.
void addResultPageSearches(RecordEmitter &out, const HistoryPages &pages, const std::string &table,
                           const std::set<std::int64_t> &skip = {});

// A path fragment (lower case) that tells which browser a history file belongs to.
struct BrowserMarker {
    std::string_view needle, name;
};
// The name of the first marker found in `path` (compared in lower case), else `fallback`.
std::string browserFromPath(std::string_view path, std::span<const BrowserMarker> markers, std::string_view fallback);

} // namespace vigil::plugins
