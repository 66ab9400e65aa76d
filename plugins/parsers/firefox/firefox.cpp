// SPDX-License-Identifier: GPL-3.0-or-later
#include "plugins/parsers/firefox/firefox.h"

#include <array>

#include "plugins/api/partialerrors.h"
#include "plugins/api/recordemitter.h"
#include "plugins/api/registry.h"
#include "plugins/api/sqlitedb.h"
#include "plugins/parsers/websearch/historypages.h"

namespace vigil::plugins {

namespace {

constexpr std::string_view kMetadataJson =
#include "metadata.json.inc"
    ;

// moz_historyvisits.visit_type (nsINavHistoryService TRANSITION_*), 1-based.
constexpr std::array<std::string_view, 9> kVisitTypes{
    "link",                 // 1 TRANSITION_LINK
    "typed",                // 2 TRANSITION_TYPED
    "bookmark",             // 3 TRANSITION_BOOKMARK
    "embed",                // 4 TRANSITION_EMBED
    "redirect_permanent",   // 5 TRANSITION_REDIRECT_PERMANENT
    "redirect_temporary",   // 6 TRANSITION_REDIRECT_TEMPORARY
    "download",             // 7 TRANSITION_DOWNLOAD
    "framed_link",          // 8 TRANSITION_FRAMED_LINK
    "reload",               // 9 TRANSITION_RELOAD
};

std::string visitTypeName(std::optional<std::int64_t> type, bool synced)
{
    std::string name;
    if (type && *type >= 1 && *type <= static_cast<std::int64_t>(kVisitTypes.size()))
        name = kVisitTypes[static_cast<std::size_t>(*type - 1)];
    else if (type)
        name = "type " + std::to_string(*type);
    if (!synced)
        return name;
    return name.empty() ? "synced" : name + " (synced)";
}

// Path fragments (lower case) of Firefox-based browsers that keep the same places.sqlite.
constexpr std::array<BrowserMarker, 9> kBrowserMarkers{{
    {"tor browser", "Tor Browser"},
    {"torbrowser", "Tor Browser"},
    {"waterfox", "Waterfox"},
    {"librewolf", "LibreWolf"},
    {"moonchild productions", "Pale Moon"},
    {"thunderbird", "Thunderbird"},
    {"org.mozilla.focus", "Firefox Focus"},
    {"org.mozilla.fenix", "Firefox for Android"},
    {"org.mozilla.firefox", "Firefox for Android"},
}};

// Firefox for Android (application-services "places") marks visits synced from other devices
// with is_local = 0 and stores times in milliseconds, not microseconds.
bool isAndroidLayout(const DatabaseSchema &schema)
{
    return schema.hasColumn("moz_historyvisits", "is_local");
}

// Everything one parse needs to remember, so processDatabase() stays free of shared state.
class FirefoxParse
{
public:
    FirefoxParse(SqliteDatabase &db, RecordEmitter &out)
        : m_db(db), m_out(out), m_schema(db.schema()), m_millis(isAndroidLayout(db.schema()))
    {
    }

    Result<void> run()
    {
        readPlaces();
        readVisits();
        // Places without a visit row (bookmarked or feed pages never opened, or visits expired)
        // are kept, with the last visit time the place itself records.
        addUnvisitedPages(m_out, m_places, "moz_places");
        addResultPageSearches(m_out, m_places, "moz_places");
        readInputHistory();
        m_out.flush();
        return m_errors.result();
    }

private:
    std::optional<UtcNanos> timeOf(std::int64_t value) const
    {
        return m_millis ? fromUnixMillis(value) : fromUnixMicros(value);
    }

    void readPlaces()
    {
        const std::string sql = "SELECT id, url, " + m_schema.pick("moz_places", {"title"}) + ", "
                              + m_schema.pick("moz_places", {"last_visit_date", "last_visit_date_local"})
                              + " FROM moz_places ORDER BY id";
        forEachRow(m_db, m_errors, sql, "moz_places", [this](const SqliteQuery &q) {
            m_places[q.int64(0)] = HistoryPage(q.text(1), q.text(2), timeOf(q.int64(3)));
        });
    }

    void readVisits()
    {
        const std::string sql = "SELECT id, place_id, visit_date, "
                              + m_schema.pickEach("moz_historyvisits", {"visit_type", "is_local"})
                              + " FROM moz_historyvisits ORDER BY id";
        forEachRow(m_db, m_errors, sql, "moz_historyvisits", [this](const SqliteQuery &q) { visitRow(q); });
    }

    void visitRow(const SqliteQuery &q)
    {
        model::WebVisitRecord v;
        v.time = timeOf(q.int64(2));
        const auto isLocal = q.optInt64(4);
        v.transition = visitTypeName(q.optInt64(3), isLocal && *isLocal == 0);
        if (const auto place = m_places.find(q.int64(1, -1)); place != m_places.end())
            place->second.addVisit(v);
        v.origin = rowOrigin("moz_historyvisits", q.int64(0));
        m_out.addVisit(std::move(v));
    }

    // What the user typed in the address bar before picking a page (no time is stored).
    void readInputHistory()
    {
        if (!m_schema.hasColumns("moz_inputhistory", {"place_id", "input"}))
            return;
        forEachRow(m_db, m_errors, "SELECT rowid, place_id, input FROM moz_inputhistory ORDER BY rowid",
                   "moz_inputhistory", [this](const SqliteQuery &q) {
                       model::WebSearchRecord s;
                       s.terms = q.text(2);
                       s.engine = "address bar";
                       if (const auto place = m_places.find(q.int64(1, -1)); place != m_places.end())
                           s.url = place->second.url;
                       s.origin = rowOrigin("moz_inputhistory", q.int64(0));
                       m_out.addSearch(std::move(s));
                   });
    }

    SqliteDatabase &m_db;
    RecordEmitter &m_out;
    const DatabaseSchema &m_schema;
    const bool m_millis;
    PartialErrors m_errors;
    HistoryPages m_places;
};

} // namespace

bool FirefoxPlugin::acceptsDatabase(const FileContext &, const DatabaseSchema &schema) const
{
    // Places: pages with their URLs, visits pointing at them with a date and a type.
    return schema.hasColumns("moz_places", {"id", "url", "title"})
        && schema.hasColumns("moz_historyvisits", {"id", "place_id", "visit_date", "visit_type"});
}

Result<void> FirefoxPlugin::processDatabase(const FileContext &file, SqliteDatabase &db, ResultSink &sink)
{
    const char *fallback = isAndroidLayout(db.schema()) ? "Firefox for Android" : "Mozilla Firefox";
    RecordEmitter out(file, sink, "firefox", browserFromPath(file.path, kBrowserMarkers, fallback));
    return FirefoxParse(db, out).run();
}

std::string_view firefoxMetadataJson()
{
    return kMetadataJson;
}

void registerFirefoxPlugin(PluginRegistry &registry)
{
    registry.add<FirefoxPlugin>(kMetadataJson);
}

} // namespace vigil::plugins
