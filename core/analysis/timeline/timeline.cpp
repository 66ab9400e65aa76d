// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/analysis/timeline/timeline.h"

#include <chrono>
#include <string>

#include "core/analysis/timeline/eventsql.h"
#include "core/analysis/timeline/log.h"

Q_LOGGING_CATEGORY(lcTimeline, "vigil.timeline")

namespace vigil::analysis {

namespace {

Result<std::int64_t> scalar(casedb::Database &db, const std::string &sql)
{
    auto st = db.prepare(sql);
    if (!st)
        return std::unexpected(st.error());
    auto row = st->step();
    if (!row)
        return std::unexpected(row.error());
    return *row ? st->int64(0) : 0;
}

Result<void> insertVideoEvents(casedb::Database &db, TimelineSummary &summary)
{
    auto rows = db.prepare(timeline::kVideoTimesSql);
    if (!rows)
        return std::unexpected(rows.error());
    auto insert = db.prepare(timeline::kInsertVideoEventSql);
    if (!insert)
        return std::unexpected(insert.error());
    std::optional<Error> failed;
    auto visited = rows->forEachRow([&](const casedb::Statement &row) {
        bool precise = false;
        const auto time = parseCreationTime(row.text(2), &precise);
        if (!time) {
            ++summary.badVideoTimes;
            return true;
        }
        const std::string source = row.text(3);
        insert->bind(1, *time).bind(2, precise ? "exact" : "second").bind(3, row.int64(1)).bind(4, row.int64(0));
        insert->bind(5, source).bind(6, source == "carved" || source == "slack" ? "recovered" : "utc");
        if (auto r = insert->run(); !r) {
            failed = r.error();
            return false;
        }
        return true;
    });
    if (!visited)
        return std::unexpected(visited.error());
    if (failed)
        return std::unexpected(*failed);
    return {};
}

Result<void> countLanes(casedb::Database &db, TimelineSummary &s)
{
    auto st = db.prepare("SELECT lane, count(*) FROM events GROUP BY lane");
    if (!st)
        return std::unexpected(st.error());
    auto visited = st->forEachRow([&](const casedb::Statement &row) {
        const std::string lane = row.text(0);
        const std::int64_t n = row.int64(1);
        s.events += n;
        if (lane == "file")
            s.file = n;
        else if (lane == "communication")
            s.communication = n;
        else if (lane == "media")
            s.media = n;
        else if (lane == "web")
            s.web = n;
        return true;
    });
    if (!visited)
        return std::unexpected(visited.error());
    auto local = scalar(db, "SELECT count(*) FROM events WHERE time_basis = 'local'");
    auto recovered = scalar(db, "SELECT count(*) FROM events WHERE time_basis = 'recovered'");
    if (!local)
        return std::unexpected(local.error());
    if (!recovered)
        return std::unexpected(recovered.error());
    s.local = *local;
    s.recovered = *recovered;
    return {};
}

// The indexes are dropped while the table fills and built once at the end (much faster for
// millions of rows than keeping them up to date row by row).
// (schema step 6 creates the same three.)
constexpr const char *kDropIndexes =
    "DROP INDEX IF EXISTS events_time; DROP INDEX IF EXISTS events_person; DROP INDEX IF EXISTS events_lane;";
constexpr const char *kCreateIndexes =
    "CREATE INDEX events_time ON events(time, id);"
    "CREATE INDEX events_person ON events(person_id, time, id) WHERE person_id IS NOT NULL;"
    "CREATE INDEX events_lane ON events(lane, time, id) WHERE lane <> 'file';";

Result<void> fill(casedb::Database &db, TimelineSummary &summary)
{
    if (auto r = db.exec("DELETE FROM events"); !r)
        return r;
    if (auto r = db.exec(kDropIndexes); !r)
        return r;
    for (const std::string &sql : timeline::eventStatements()) {
        if (auto r = db.exec(sql); !r)
            return r;
    }
    if (auto r = insertVideoEvents(db, summary); !r)
        return r;
    if (auto r = db.exec(kCreateIndexes); !r)
        return r;
    return countLanes(db, summary);
}

} // namespace

Result<TimelineSummary> buildTimeline(casedb::Database &db)
{
    const auto t0 = std::chrono::steady_clock::now();
    casedb::Savepoint savepoint(db, "timeline_build");
    if (auto r = savepoint.begun(); !r)
        return std::unexpected(r.error());
    TimelineSummary summary;
    if (auto r = fill(db, summary); !r) {
        qCWarning(lcTimeline) << "timeline build failed:" << r.error().toString().c_str();
        return std::unexpected(r.error());
    }
    if (auto r = savepoint.release(); !r)
        return std::unexpected(r.error());
    summary.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    qCInfo(lcTimeline) << "timeline:" << summary.events << "events in" << summary.seconds << "s";
    return summary;
}

} // namespace vigil::analysis
