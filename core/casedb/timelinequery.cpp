// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/casedb/timelinequery.h"

#include <algorithm>
#include <variant>

namespace vigil::casedb {

namespace {

constexpr std::int64_t kMaxPage = 100000;
constexpr std::int64_t kMaxBuckets = 100000;

constexpr const char *kColumns =
    "SELECT e.id, e.time, e.evidence_id, e.time_precision, e.time_basis, coalesce(e.original_tz, ''), e.kind, "
    "e.lane, coalesce(e.app, ''), coalesce(e.summary, ''), e.source, e.file_id, e.message_id, e.call_id, "
    "e.conversation_id, e.person_id, e.record_id, coalesce(f.path, ''), coalesce(p.label, ''), f.size, "
    "f.meta_addr, coalesce(f.meta_type, ''), coalesce(f.md5, '') FROM events e LEFT JOIN files f ON f.id = e.file_id "
    "LEFT JOIN persons p ON p.id = e.person_id";

// A WHERE clause and the values bound to its parameters, in order.
struct Where {
    std::string sql;
    std::vector<std::variant<std::int64_t, std::string>> values;

    void add(const std::string &condition)
    {
        sql += sql.empty() ? " WHERE " : " AND ";
        sql += condition;
    }
    // column >= from AND column < to, each when set.
    void addRange(const std::string &column, std::optional<std::int64_t> from, std::optional<std::int64_t> to)
    {
        if (from) {
            add(column + " >= ?");
            values.emplace_back(*from);
        }
        if (to) {
            add(column + " < ?");
            values.emplace_back(*to);
        }
    }
    // column IN (...), when the list is not empty.
    template <typename T>
    void addIn(const std::string &column, const std::vector<T> &list)
    {
        if (list.empty())
            return;
        std::string in = column + " IN (";
        for (std::size_t i = 0; i < list.size(); ++i) {
            in += i ? ", ?" : "?";
            values.emplace_back(list[i]);
        }
        add(in + ")");
    }
    void bindAll(Statement &st) const
    {
        int i = 1;
        for (const auto &v : values) {
            if (const auto *n = std::get_if<std::int64_t>(&v))
                st.bind(i++, *n);
            else
                st.bind(i++, std::get<std::string>(v));
        }
    }
};

// The lane of a kind of event ("" when unknown).
std::string laneOfKind(const std::string &kind)
{
    if (kind.starts_with("file-"))
        return "file";
    if (kind.starts_with("message") || kind == "call" || kind == "conversation-created" || kind == "account-created")
        return "communication";
    if (kind == "media-captured" || kind == "video-created")
        return "media";
    if (kind.starts_with("web-"))
        return "web";
    return {};
}

// The one lane a filter's lane and kinds name, "" when several or unknown.
std::string laneOf(const TimelineFilter &f)
{
    std::string lane = f.lane;
    for (const auto &kind : f.kinds) {
        const std::string l = laneOfKind(kind);
        if (l.empty() || (!lane.empty() && l != lane))
            return {};
        lane = l;
    }
    return lane;
}

// The conditions of a filter (`withCursor`: also the keyset position; `withRange`: from/to).
Where whereOf(const TimelineFilter &f, bool withCursor, bool withRange)
{
    Where w;
    if (withRange)
        w.addRange("e.time", f.from, f.to);
    w.addIn("e.kind", f.kinds);
    if (!f.lane.empty()) {
        w.add("e.lane = ?");
        w.values.emplace_back(f.lane);
    }
    // The small lanes have an index of their own (events_lane, partial: lane <> 'file'); naming
    // its condition lets SQLite use it instead of walking every file event in time order.
    if (const std::string lane = laneOf(f); !lane.empty() && lane != "file") {
        if (f.lane.empty()) {   // kinds of one lane
            w.add("e.lane = ?");
            w.values.emplace_back(lane);
        }
        w.add("e.lane <> 'file'");
    }
    if (!f.app.empty()) {
        w.add("e.app = ?");
        w.values.emplace_back(f.app);
    }
    if (f.evidenceId) {
        w.add("e.evidence_id = ?");
        w.values.emplace_back(*f.evidenceId);
    }
    if (f.personId) {
        w.add("e.person_id = ?");
        w.values.emplace_back(*f.personId);
    }
    w.addIn("e.person_id", f.personIds);
    if (!f.text.empty()) {
        w.add("instr(lower(coalesce(e.summary, '') || ' ' || coalesce(f.path, '')), lower(?)) > 0");
        w.values.emplace_back(f.text);
    }
    if (withCursor && f.after) {
        w.add("(e.time, e.id) > (?, ?)");
        w.values.emplace_back(f.after->time);
        w.values.emplace_back(f.after->id);
    }
    return w;
}

std::optional<std::int64_t> opt(const Statement &st, int col)
{
    return st.optInt64(col);
}

TimelineEvent readEvent(const Statement &st)
{
    TimelineEvent e;
    e.id = st.int64(0);
    e.time = st.int64(1);
    e.evidenceId = st.int64(2);
    e.precision = st.text(3);
    e.basis = st.text(4);
    e.originalTz = st.text(5);
    e.kind = st.text(6);
    e.lane = st.text(7);
    e.app = st.text(8);
    e.summary = st.text(9);
    e.source = st.text(10);
    e.fileId = opt(st, 11);
    e.messageId = opt(st, 12);
    e.callId = opt(st, 13);
    e.conversationId = opt(st, 14);
    e.personId = opt(st, 15);
    e.recordId = opt(st, 16);
    e.path = st.text(17);
    e.person = st.text(18);
    e.size = opt(st, 19);
    e.metaAddr = opt(st, 20);
    e.metaType = st.text(21);
    e.md5 = st.text(22);
    return e;
}

// The joins a filter needs for counting (files only for the text condition).
std::string countFrom(const TimelineFilter &f)
{
    return f.text.empty() ? "FROM events e" : "FROM events e LEFT JOIN files f ON f.id = e.file_id";
}

} // namespace

Result<std::int64_t> forEachEvent(Database &db, const TimelineFilter &filter,
                                  const std::function<void(const TimelineEvent &)> &fn)
{
    if (filter.lane == "analyst")
        return forEachAnalystAction(db, filter, fn);
    const Where w = whereOf(filter, true, true);
    std::string sql = kColumns + w.sql + " ORDER BY e.time, e.id";
    if (filter.limit >= 0)
        sql += " LIMIT " + std::to_string(filter.limit);
    auto st = db.prepare(sql);
    if (!st)
        return std::unexpected(st.error());
    w.bindAll(*st);
    return st->forEachRow([&](const Statement &row) {
        fn(readEvent(row));
        return true;
    });
}

Result<std::vector<TimelineEvent>> eventPage(Database &db, const TimelineFilter &filter)
{
    if (filter.limit < 1 || filter.limit > kMaxPage)
        return fail(ErrorCode::InvalidArgument, "a timeline page holds 1 to 100000 events");
    std::vector<TimelineEvent> page;
    page.reserve(static_cast<std::size_t>(filter.limit));
    auto visited = forEachEvent(db, filter, [&](const TimelineEvent &e) { page.push_back(e); });
    if (!visited)
        return std::unexpected(visited.error());
    return page;
}

Result<std::int64_t> countEvents(Database &db, const TimelineFilter &filter)
{
    const Where w = whereOf(filter, false, true);
    auto st = db.prepare("SELECT count(*) " + countFrom(filter) + w.sql);
    if (!st)
        return std::unexpected(st.error());
    w.bindAll(*st);
    auto row = st->step();
    if (!row)
        return std::unexpected(row.error());
    return *row ? st->int64(0) : 0;
}

Result<std::vector<HistogramBucket>> eventHistogram(Database &db, const TimelineFilter &filter, std::int64_t from,
                                                    std::int64_t to, std::int64_t bucketNs)
{
    if (to <= from || bucketNs <= 0)
        return fail(ErrorCode::InvalidArgument, "the histogram needs a time range and a positive bucket size");
    const std::int64_t buckets = (to - from) / bucketNs + ((to - from) % bucketNs ? 1 : 0);
    if (buckets > kMaxBuckets)
        return fail(ErrorCode::LimitExceeded, "too many histogram buckets (at most 100000): choose a larger bucket");
    TimelineFilter ranged = filter;
    ranged.from = from;
    ranged.to = to;
    const Where w = whereOf(ranged, false, true);
    auto st = db.prepare("SELECT (e.time - " + std::to_string(from) + ") / " + std::to_string(bucketNs) +
                         " AS b, count(*) " + countFrom(filter) + w.sql + " GROUP BY b ORDER BY b");
    if (!st)
        return std::unexpected(st.error());
    w.bindAll(*st);
    std::vector<HistogramBucket> out(static_cast<std::size_t>(buckets));
    for (std::size_t i = 0; i < out.size(); ++i)
        out[i].start = from + static_cast<std::int64_t>(i) * bucketNs;
    auto visited = st->forEachRow([&](const Statement &row) {
        const std::int64_t b = row.int64(0);
        if (b >= 0 && b < buckets)
            out[static_cast<std::size_t>(b)].count = row.int64(1);
        return true;
    });
    if (!visited)
        return std::unexpected(visited.error());
    return out;
}

Result<std::int64_t> forEachAnalystAction(Database &db, const TimelineFilter &filter,
                                          const std::function<void(const TimelineEvent &)> &fn)
{
    // ISO 8601 text to ns, through SQLite's julian day (millisecond precision).
    std::string sql = "SELECT seq, time, action, actor || ': ' || details FROM (SELECT seq, action, actor, details, "
                      "CAST(round((julianday(time_utc) - 2440587.5) * 86400000) AS INTEGER) * 1000000 AS time "
                      "FROM audit_log) a";
    Where w;
    w.add("time IS NOT NULL");
    w.addRange("time", filter.from, filter.to);
    w.addIn("action", filter.kinds);
    if (!filter.text.empty()) {
        w.add("instr(lower(actor || ': ' || details), lower(?)) > 0");
        w.values.emplace_back(filter.text);
    }
    if (filter.after) {
        w.add("(time, seq) > (?, ?)");
        w.values.emplace_back(filter.after->time);
        w.values.emplace_back(filter.after->id);
    }
    sql += w.sql + " ORDER BY time, seq";
    if (filter.limit >= 0)
        sql += " LIMIT " + std::to_string(filter.limit);
    auto st = db.prepare(sql);
    if (!st)
        return std::unexpected(st.error());
    w.bindAll(*st);
    return st->forEachRow([&](const Statement &row) {
        TimelineEvent e;
        e.id = row.int64(0);
        e.time = row.int64(1);
        e.kind = row.text(2);
        e.summary = row.text(3);
        e.lane = "analyst";
        e.precision = "exact";
        e.basis = "utc";
        e.originalTz = "UTC";
        e.source = "audit";
        fn(e);
        return true;
    });
}

Result<std::int64_t> forEachEventKey(Database &db, const TimelineFilter &filter, bool withPerson,
                                     const std::function<bool(const EventKey &)> &fn)
{
    if (filter.lane == "analyst") {
        TimelineFilter all = filter;
        all.limit = -1;
        std::int64_t visited = 0;
        bool go = true;
        auto res = forEachAnalystAction(db, all, [&](const TimelineEvent &e) {
            if (go && (go = fn({e.time, e.id, 0})))
                ++visited;
        });
        if (!res)
            return std::unexpected(res.error());
        return visited;
    }
    const Where w = whereOf(filter, true, true);
    const bool scan = !filter.text.empty();   // every row is read: in table order, then sorted
    std::string sql = std::string("SELECT e.time, e.id") + (withPerson ? ", coalesce(e.person_id, 0) " : " ") +
                      countFrom(filter) + w.sql;
    if (!scan)
        sql += " ORDER BY e.time, e.id";
    if (filter.limit >= 0 && !scan)
        sql += " LIMIT " + std::to_string(filter.limit);
    auto st = db.prepare(sql);
    if (!st)
        return std::unexpected(st.error());
    w.bindAll(*st);
    auto read = [&](const Statement &row) { return EventKey{row.int64(0), row.int64(1), withPerson ? row.int64(2) : 0}; };
    if (!scan)
        return st->forEachRow([&](const Statement &row) { return fn(read(row)); });
    std::vector<EventKey> keys;
    auto visited = st->forEachRow([&](const Statement &row) {
        keys.push_back(read(row));
        return true;
    });
    if (!visited)
        return std::unexpected(visited.error());
    std::sort(keys.begin(), keys.end(), [](const EventKey &a, const EventKey &b) {
        return std::pair(a.time, a.id) < std::pair(b.time, b.id);
    });
    std::int64_t n = 0;
    for (const auto &k : keys) {
        if ((filter.limit >= 0 && n >= filter.limit) || !fn(k))
            break;
        ++n;
    }
    return n;
}

Result<std::vector<TimelineEvent>> eventsWithIds(Database &db, const std::vector<std::int64_t> &ids)
{
    std::vector<TimelineEvent> out;
    if (ids.empty())
        return out;
    Where w;
    w.addIn("e.id", ids);
    auto st = db.prepare(kColumns + w.sql + " ORDER BY e.time, e.id");
    if (!st)
        return std::unexpected(st.error());
    w.bindAll(*st);
    auto visited = st->forEachRow([&](const Statement &row) {
        out.push_back(readEvent(row));
        return true;
    });
    if (!visited)
        return std::unexpected(visited.error());
    return out;
}

Result<std::map<std::int64_t, std::vector<std::string>>> messageIndicatorKinds(Database &db,
                                                                               const std::vector<std::int64_t> &messageIds)
{
    std::map<std::int64_t, std::vector<std::string>> out;
    if (messageIds.empty())
        return out;
    Where w;
    w.add("counted = 1");
    w.addIn("message_id", messageIds);
    auto st = db.prepare("SELECT DISTINCT message_id, kind FROM indicator_hits" + w.sql + " ORDER BY message_id, kind");
    if (!st)
        return std::unexpected(st.error());
    w.bindAll(*st);
    auto visited = st->forEachRow([&](const Statement &row) {
        out[row.int64(0)].push_back(row.text(1));
        return true;
    });
    if (!visited)
        return std::unexpected(visited.error());
    return out;
}

Result<std::map<std::string, std::string>> applicationNames(Database &db)
{
    std::map<std::string, std::string> out;
    auto st = db.prepare("SELECT id, name FROM applications");
    if (!st)
        return std::unexpected(st.error());
    auto visited = st->forEachRow([&](const Statement &row) {
        out.emplace(row.text(0), row.text(1));
        return true;
    });
    if (!visited)
        return std::unexpected(visited.error());
    return out;
}

namespace {

// The first (or last) event time the filter selects: one step along the time index.
Result<std::optional<std::int64_t>> edgeTime(Database &db, const TimelineFilter &filter, bool last)
{
    const Where w = whereOf(filter, false, true);
    auto st = db.prepare("SELECT e.time " + countFrom(filter) + w.sql + " ORDER BY e.time" + (last ? " DESC" : "") +
                         " LIMIT 1");
    if (!st)
        return std::unexpected(st.error());
    w.bindAll(*st);
    auto row = st->step();
    if (!row)
        return std::unexpected(row.error());
    return *row ? std::optional(st->int64(0)) : std::nullopt;
}

} // namespace

Result<std::optional<std::pair<std::int64_t, std::int64_t>>> eventRange(Database &db, const TimelineFilter &filter)
{
    auto first = edgeTime(db, filter, false);
    if (!first)
        return std::unexpected(first.error());
    auto last = edgeTime(db, filter, true);
    if (!last)
        return std::unexpected(last.error());
    if (!*first || !*last)
        return std::optional<std::pair<std::int64_t, std::int64_t>>();
    return std::optional(std::pair(**first, **last));
}

} // namespace vigil::casedb
