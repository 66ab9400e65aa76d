// SPDX-License-Identifier: GPL-3.0-or-later
#include "plugins/parsers/chrome/chrome.h"

#include <array>
#include <map>
#include <set>

#include "plugins/api/partialerrors.h"
#include "plugins/api/recordemitter.h"
#include "plugins/api/registry.h"
#include "plugins/api/sqlitedb.h"
#include "plugins/parsers/websearch/historypages.h"
#include "plugins/parsers/websearch/websearch.h"

namespace vigil::plugins {

namespace {

constexpr std::string_view kMetadataJson =
#include "metadata.json.inc"
    ;

// Core page transition types (transition & 0xFF), as Chromium numbers them.
constexpr std::array<std::string_view, 11> kTransitions{
    "link",             // 0 LINK
    "typed",            // 1 TYPED
    "bookmark",         // 2 AUTO_BOOKMARK
    "auto_subframe",    // 3 AUTO_SUBFRAME
    "manual_subframe",  // 4 MANUAL_SUBFRAME
    "generated",        // 5 GENERATED
    "auto_toplevel",    // 6 AUTO_TOPLEVEL
    "form_submit",      // 7 FORM_SUBMIT
    "reload",           // 8 RELOAD
    "keyword",          // 9 KEYWORD
    "keyword_generated",// 10 KEYWORD_GENERATED
};

// visit_source.source: 0 synced from another device, 1 browsed here (no row is written for
// it), 2 added by an extension, 3-5 imported from Firefox, Internet Explorer, Safari.
std::string_view sourceQualifier(std::int64_t source)
{
    switch (source) {
    case 0: return "synced";
    case 2: return "extension";
    case 3:
    case 4:
    case 5: return "imported";
    default: return {};
    }
}

std::string transitionName(std::optional<std::int64_t> transition, std::optional<std::int64_t> source)
{
    std::string name;
    if (transition) {
        const auto core = static_cast<std::size_t>(*transition & 0xFF);
        name = core < kTransitions.size() ? std::string(kTransitions[core]) : "type " + std::to_string(core);
    }
    const std::string_view qualifier = source ? sourceQualifier(*source) : std::string_view();
    if (qualifier.empty())
        return name;
    return name.empty() ? std::string(qualifier) : name + " (" + std::string(qualifier) + ")";
}

// Path fragments (lower case) that tell which browser a History file belongs to; all share
// the Chromium layout. First match wins.
constexpr std::array<BrowserMarker, 14> kBrowserMarkers{{
    {"microsoft/edge", "Microsoft Edge"},
    {"microsoft edge", "Microsoft Edge"},
    {"com.microsoft.emmx", "Microsoft Edge"},
    {"bravesoftware", "Brave"},
    {"com.brave.browser", "Brave"},
    {"opera software", "Opera"},
    {"com.opera.", "Opera"},
    {"vivaldi", "Vivaldi"},
    {"com.sec.android.app.sbrowser", "Samsung Internet"},
    {"google/chrome", "Google Chrome"},
    {"google chrome", "Google Chrome"},
    {"com.android.chrome", "Google Chrome"},
    {"com.google.chrome", "Google Chrome"},
    {"chromium", "Chromium"},
}};

// Everything one parse needs to remember, so processDatabase() stays free of shared state.
class ChromeParse
{
public:
    ChromeParse(SqliteDatabase &db, RecordEmitter &out) : m_db(db), m_out(out), m_schema(db.schema()) {}

    Result<void> run()
    {
        readUrls();
        readVisitSources();
        readVisits();
        addUnvisitedPages(m_out, m_urls, "urls");   // the page and its last visit time remain
        readKeywordSearches();
        addResultPageSearches(m_out, m_urls, "urls", m_keywordUrls);   // those the keyword table lacks
        m_out.flush();
        return m_errors.result();
    }

private:
    void readUrls()
    {
        forEachRow(m_db, m_errors,
                   "SELECT id, url, " + m_schema.pickEach("urls", {"title", "last_visit_time"})
                       + " FROM urls ORDER BY id",
                   "urls", [this](const SqliteQuery &q) {
                       m_urls[q.int64(0)] = HistoryPage(q.text(1), q.text(2), fromWebkitMicros(q.int64(3)));
                   });
    }

    void readVisitSources()
    {
        if (!m_schema.hasColumns("visit_source", {"id", "source"}))
            return;
        forEachRow(m_db, m_errors, "SELECT id, source FROM visit_source", "visit_source", [this](const SqliteQuery &q) {
            if (const auto source = q.optInt64(1))
                m_sources[q.int64(0)] = *source;
        });
    }

    void readVisits()
    {
        forEachRow(m_db, m_errors,
                   "SELECT id, url, visit_time, " + m_schema.pick("visits", {"transition"})
                       + " FROM visits ORDER BY id",
                   "visits", [this](const SqliteQuery &q) { visitRow(q); });
    }

    void visitRow(const SqliteQuery &q)
    {
        const std::int64_t id = q.int64(0);
        model::WebVisitRecord v;
        v.time = fromWebkitMicros(q.int64(2));
        const auto source = m_sources.find(id);
        v.transition = transitionName(q.optInt64(3), source == m_sources.end() ? std::nullopt
                                                                              : std::optional(source->second));
        if (const auto url = m_urls.find(q.int64(1, -1)); url != m_urls.end())
            url->second.addVisit(v);
        v.origin = rowOrigin("visits", id);
        m_out.addVisit(std::move(v));
    }

    void readKeywordSearches()
    {
        if (!m_schema.hasTable("keyword_search_terms"))
            return;
        const std::string term = m_schema.pick("keyword_search_terms", {"term", "normalized_term", "lower_term"});
        forEachRow(m_db, m_errors, "SELECT rowid, url_id, " + term + " FROM keyword_search_terms ORDER BY rowid",
                   "keyword_search_terms", [this](const SqliteQuery &q) { keywordRow(q); });
    }

    void keywordRow(const SqliteQuery &q)
    {
        const std::int64_t urlId = q.int64(1, -1);
        model::WebSearchRecord s;
        s.terms = q.text(2);
        if (const auto url = m_urls.find(urlId); url != m_urls.end()) {
            s.url = url->second.url;
            s.time = url->second.searchTime();
            const auto fromUrl = searchFromUrl(s.url);
            s.engine = fromUrl ? fromUrl->engine : urlHost(s.url);
        }
        s.origin = rowOrigin("keyword_search_terms", q.int64(0));
        m_keywordUrls.insert(urlId);
        m_out.addSearch(std::move(s));
    }

    SqliteDatabase &m_db;
    RecordEmitter &m_out;
    const DatabaseSchema &m_schema;
    PartialErrors m_errors;
    HistoryPages m_urls;
    std::map<std::int64_t, std::int64_t> m_sources;
    std::set<std::int64_t> m_keywordUrls;
};

} // namespace

bool ChromePlugin::acceptsDatabase(const FileContext &, const DatabaseSchema &schema) const
{
    // Chromium's history: urls with WebKit-time last visits, visits with transitions.
    return schema.hasColumns("urls", {"id", "url", "title", "visit_count", "typed_count", "last_visit_time"})
        && schema.hasColumns("visits", {"id", "url", "visit_time", "from_visit", "transition"});
}

Result<void> ChromePlugin::processDatabase(const FileContext &file, SqliteDatabase &db, ResultSink &sink)
{
    RecordEmitter out(file, sink, "chrome", browserFromPath(file.path, kBrowserMarkers, "Chromium browser"));
    return ChromeParse(db, out).run();
}

std::string_view chromeMetadataJson()
{
    return kMetadataJson;
}

void registerChromePlugin(PluginRegistry &registry)
{
    registry.add<ChromePlugin>(kMetadataJson);
}

} // namespace vigil::plugins
