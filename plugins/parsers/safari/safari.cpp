// SPDX-License-Identifier: GPL-3.0-or-later
#include "plugins/parsers/safari/safari.h"

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

// history_visits.origin: 0 visited on this device, 1 synced through iCloud from another one.
constexpr std::int64_t kOriginSynced = 1;

model::RecordOrigin rowOrigin(const char *table, std::int64_t rowid)
{
    model::RecordOrigin origin;
    origin.table = table;
    origin.rowid = rowid;
    return origin;
}

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

struct Item {
    std::string url;
    std::optional<UtcNanos> firstVisit;   // earliest history_visits row read for it
    bool visited = false;
};

// Everything one parse needs to remember, so processDatabase() stays free of shared state.
class SafariParse
{
public:
    SafariParse(SqliteDatabase &db, RecordEmitter &out) : m_db(db), m_out(out), m_schema(db.schema()) {}

    Result<void> run()
    {
        readItems();
        readVisits();
        emitUnvisitedItems();
        emitUrlSearches();
        m_out.flush();
        return m_errors.result();
    }

private:
    void readItems()
    {
        auto q = m_db.query("SELECT id, url FROM history_items ORDER BY id");
        m_errors.check(q, "history_items");
        if (!q)
            return;
        while (q->next())
            m_items[q->int64(0)] = Item{q->text(1), std::nullopt, false};
        m_errors.check(*q, "history_items");
    }

    void readVisits()
    {
        const auto col = [this](std::string_view name) { return m_schema.pick("history_visits", {name}); };
        auto q = m_db.query("SELECT id, history_item, visit_time, " + col("title") + ", " + col("load_successful")
                            + ", " + col("redirect_source") + ", " + col("origin") + " FROM history_visits ORDER BY id");
        m_errors.check(q, "history_visits");
        if (!q)
            return;
        while (q->next())
            visitRow(*q);
        m_errors.check(*q, "history_visits");
    }

    void visitRow(const SqliteQuery &q)
    {
        model::WebVisitRecord v;
        if (const auto seconds = q.optDouble(2))
            v.time = fromCocoaSeconds(*seconds);
        v.title = q.text(3);
        const auto loaded = q.optInt64(4);
        v.transition = transitionOf(!q.isNull(5), q.int64(6) == kOriginSynced, loaded && *loaded == 0);
        if (const auto item = m_items.find(q.int64(1, -1)); item != m_items.end()) {
            v.url = item->second.url;
            item->second.visited = true;
            if (v.time && (!item->second.firstVisit || *v.time < *item->second.firstVisit))
                item->second.firstVisit = v.time;
        }
        v.origin = rowOrigin("history_visits", q.int64(0));
        m_out.batch().visits.push_back(std::move(v));
        m_out.flushIfFull();
    }

    // Items whose visits are gone still show the page (history_items keeps no time of its own).
    void emitUnvisitedItems()
    {
        for (const auto &[id, item] : m_items) {
            if (item.visited)
                continue;
            model::WebVisitRecord v;
            v.url = item.url;
            v.origin = rowOrigin("history_items", id);
            m_out.batch().visits.push_back(std::move(v));
            m_out.flushIfFull();
        }
    }

    void emitUrlSearches()
    {
        for (const auto &[id, item] : m_items) {
            auto found = searchFromUrl(item.url);
            if (!found)
                continue;
            model::WebSearchRecord s;
            s.terms = std::move(found->terms);
            s.engine = std::move(found->engine);
            s.url = item.url;
            s.time = item.firstVisit;
            s.origin = rowOrigin("history_items", id);
            m_out.batch().searches.push_back(std::move(s));
            m_out.flushIfFull();
        }
    }

    SqliteDatabase &m_db;
    RecordEmitter &m_out;
    const DatabaseSchema &m_schema;
    PartialErrors m_errors;
    std::map<std::int64_t, Item> m_items;
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
