// SPDX-License-Identifier: GPL-3.0-or-later
#include "plugins/parsers/safari/safari.h"

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

// history_visits.origin: 0 visited on this device, 1 synced through iCloud from another one.
constexpr std::int64_t kOriginSynced = 1;

// Safari has no transition types: a visit reached through a redirect says so, and what the
// row adds (synced from another device, page failed to load) follows in parentheses.
std::string transitionOf(bool redirected, bool synced, bool loadFailed)
{
    std::string notes = synced ? "synced" : "";
    if (loadFailed)
        notes += notes.empty() ? "load failed" : ", load failed";
    const std::string base = redirected ? "redirect" : "";
    if (notes.empty())
        return base;
    return base.empty() ? notes : base + " (" + notes + ")";
}

// Everything one parse needs to remember, so processDatabase() stays free of shared state.
class SafariParse
{
public:
    SafariParse(SqliteDatabase &db, RecordEmitter &out) : m_db(db), m_out(out), m_schema(db.schema()) {}

    Result<void> run()
    {
        readItems();
        readVisits();
        // Items whose visits are gone still show the page (history_items keeps no time of its own).
        addUnvisitedPages(m_out, m_items, "history_items");
        addResultPageSearches(m_out, m_items, "history_items");
        m_out.flush();
        return m_errors.result();
    }

private:
    void readItems()
    {
        forEachRow(m_db, m_errors, "SELECT id, url FROM history_items ORDER BY id", "history_items",
                   [this](const SqliteQuery &q) { m_items[q.int64(0)] = HistoryPage(q.text(1), {}); });
    }

    void readVisits()
    {
        const std::string sql =
            "SELECT id, history_item, visit_time, "
            + m_schema.pickEach("history_visits", {"title", "load_successful", "redirect_source", "origin"})
            + " FROM history_visits ORDER BY id";
        forEachRow(m_db, m_errors, sql, "history_visits", [this](const SqliteQuery &q) { visitRow(q); });
    }

    void visitRow(const SqliteQuery &q)
    {
        model::WebVisitRecord v;
        if (const auto seconds = q.optDouble(2))
            v.time = fromCocoaSeconds(*seconds);
        v.title = q.text(3);
        const auto loaded = q.optInt64(4);
        v.transition = transitionOf(!q.isNull(5), q.int64(6) == kOriginSynced, loaded && *loaded == 0);
        if (const auto item = m_items.find(q.int64(1, -1)); item != m_items.end())
            item->second.addVisit(v);   // history_items has no title: the visit keeps its own
        v.origin = rowOrigin("history_visits", q.int64(0));
        m_out.addVisit(std::move(v));
    }

    SqliteDatabase &m_db;
    RecordEmitter &m_out;
    const DatabaseSchema &m_schema;
    PartialErrors m_errors;
    HistoryPages m_items;
};

} // namespace

bool SafariPlugin::acceptsDatabase(const FileContext &, const DatabaseSchema &schema) const
{
    // WebKit's history store: items (one per URL) and their visits with Cocoa times.
    return schema.hasColumns("history_items", {"id", "url", "visit_count"})
        && schema.hasColumns("history_visits", {"id", "history_item", "visit_time", "title"});
}

Result<void> SafariPlugin::processDatabase(const FileContext &file, SqliteDatabase &db, ResultSink &sink)
{
    RecordEmitter out(file, sink, "safari", "Safari");
    return SafariParse(db, out).run();
}

std::string_view safariMetadataJson()
{
    return kMetadataJson;
}

void registerSafariPlugin(PluginRegistry &registry)
{
    registry.add<SafariPlugin>(kMetadataJson);
}

} // namespace vigil::plugins
