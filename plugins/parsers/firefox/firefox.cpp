// SPDX-License-Identifier: GPL-3.0-or-later
#include "plugins/parsers/firefox/firefox.h"

#include <array>
#include <cctype>
#include <map>

#include "plugins/api/partialerrors.h"
#include "plugins/api/recordemitter.h"
#include "plugins/api/registry.h"
#include "plugins/api/sqlitedb.h"
#include "plugins/parsers/websearch/websearch.h"

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
struct BrowserMarker {
    std::string_view needle, name;
};
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

std::string browserName(std::string_view path, bool android)
{
    std::string lower(path);
    for (char &c : lower)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    for (const auto &marker : kBrowserMarkers) {
        if (lower.find(marker.needle) != std::string::npos)
            return std::string(marker.name);
    }
    return android ? "Firefox for Android" : "Mozilla Firefox";
}

// Firefox for Android (application-services "places") marks visits synced from other devices
// with is_local = 0 and stores times in milliseconds, not microseconds.
bool isAndroidLayout(const DatabaseSchema &schema)
{
    return schema.hasColumn("moz_historyvisits", "is_local");
}

model::RecordOrigin rowOrigin(const char *table, std::int64_t rowid)
{
    model::RecordOrigin origin;
    origin.table = table;
    origin.rowid = rowid;
    return origin;
}

struct Place {
    std::string url, title;
    std::optional<UtcNanos> lastVisit;    // moz_places.last_visit_date
    std::optional<UtcNanos> firstVisit;   // earliest moz_historyvisits row read for it
    bool visited = false;
};

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
        emitUnvisitedPlaces();
        emitUrlSearches();
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
        auto q = m_db.query("SELECT id, url, " + m_schema.pick("moz_places", {"title"}) + ", "
                            + m_schema.pick("moz_places", {"last_visit_date", "last_visit_date_local"})
                            + " FROM moz_places ORDER BY id");
        m_errors.check(q, "moz_places");
        if (!q)
            return;
        while (q->next())
            m_places[q->int64(0)] = Place{q->text(1), q->text(2), timeOf(q->int64(3)), std::nullopt, false};
        m_errors.check(*q, "moz_places");
    }

    void readVisits()
    {
        auto q = m_db.query("SELECT id, place_id, visit_date, " + m_schema.pick("moz_historyvisits", {"visit_type"})
                            + ", " + m_schema.pick("moz_historyvisits", {"is_local"})
                            + " FROM moz_historyvisits ORDER BY id");
        m_errors.check(q, "moz_historyvisits");
        if (!q)
            return;
        while (q->next())
            visitRow(*q);
        m_errors.check(*q, "moz_historyvisits");
    }

    void visitRow(const SqliteQuery &q)
    {
        model::WebVisitRecord v;
        v.time = timeOf(q.int64(2));
        const auto isLocal = q.optInt64(4);
        v.transition = visitTypeName(q.optInt64(3), isLocal && *isLocal == 0);
        if (const auto place = m_places.find(q.int64(1, -1)); place != m_places.end()) {
            v.url = place->second.url;
            v.title = place->second.title;
            place->second.visited = true;
            if (v.time && (!place->second.firstVisit || *v.time < *place->second.firstVisit))
                place->second.firstVisit = v.time;
        }
        v.origin = rowOrigin("moz_historyvisits", q.int64(0));
        m_out.batch().visits.push_back(std::move(v));
        m_out.flushIfFull();
    }

    // Places without a visit row (bookmarked or feed pages never opened, or visits expired) are
    // kept, with the last visit time the place itself records.
    void emitUnvisitedPlaces()
    {
        for (const auto &[id, place] : m_places) {
            if (place.visited)
                continue;
            model::WebVisitRecord v;
            v.url = place.url;
            v.title = place.title;
            v.time = place.lastVisit;
            v.origin = rowOrigin("moz_places", id);
            m_out.batch().visits.push_back(std::move(v));
            m_out.flushIfFull();
        }
    }

    void emitUrlSearches()
    {
        for (const auto &[id, place] : m_places) {
            auto found = searchFromUrl(place.url);
            if (!found)
                continue;
            model::WebSearchRecord s;
            s.terms = std::move(found->terms);
            s.engine = std::move(found->engine);
            s.url = place.url;
            s.time = place.firstVisit ? place.firstVisit : place.lastVisit;
            s.origin = rowOrigin("moz_places", id);
            m_out.batch().searches.push_back(std::move(s));
            m_out.flushIfFull();
        }
    }

    // What the user typed in the address bar before picking a page (no time is stored).
    void readInputHistory()
    {
        if (!m_schema.hasColumns("moz_inputhistory", {"place_id", "input"}))
            return;
        auto q = m_db.query("SELECT rowid, place_id, input FROM moz_inputhistory ORDER BY rowid");
        m_errors.check(q, "moz_inputhistory");
        if (!q)
            return;
        while (q->next()) {
            model::WebSearchRecord s;
            s.terms = q->text(2);
            s.engine = "address bar";
            if (const auto place = m_places.find(q->int64(1, -1)); place != m_places.end())
                s.url = place->second.url;
            s.origin = rowOrigin("moz_inputhistory", q->int64(0));
            m_out.batch().searches.push_back(std::move(s));
            m_out.flushIfFull();
        }
        m_errors.check(*q, "moz_inputhistory");
    }

    SqliteDatabase &m_db;
    RecordEmitter &m_out;
    const DatabaseSchema &m_schema;
    const bool m_millis;
    PartialErrors m_errors;
    std::map<std::int64_t, Place> m_places;
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
    RecordEmitter out(file, sink, "firefox", browserName(file.path, isAndroidLayout(db.schema())));
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
