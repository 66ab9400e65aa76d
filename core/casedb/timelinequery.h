// SPDX-License-Identifier: GPL-3.0-or-later
// Typed queries over the case timeline (the `events` table built by vigil::analysis::buildTimeline,
// docs/timeline.md): a keyset-paged listing with filters, and counts per time bucket for the
// histogram. Events are ordered by (time, id); a page continues after the last row of the one before.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/casedb/database.h"

namespace vigil::casedb {

struct TimelineEvent {
    std::int64_t id = 0, time = 0, evidenceId = 0;   // time: ns since 1970, UTC
    std::string precision, basis, originalTz;        // time_precision, time_basis, original_tz
    std::string kind, lane, app, summary, source;
    std::optional<std::int64_t> fileId, messageId, callId, conversationId, personId, recordId;
    std::string path;     // file events: the file's path ("" otherwise)
    std::string person;   // the person's label ("" when none)
    // Events with a file: its size, inode, meta type and MD5 ("" when not hashed), for the body file.
    std::optional<std::int64_t> size, metaAddr;
    std::string metaType, md5;
};

// The position of an event in the order (time, id).
struct TimelineCursor {
    std::int64_t time = 0, id = 0;
};

struct TimelineFilter {
    std::optional<std::int64_t> from, to;   // from <= time < to (ns UTC)
    std::vector<std::string> kinds;         // any of these kinds; empty: all
    std::string lane, app;                  // "" for all
    std::optional<std::int64_t> evidenceId, personId;
    std::vector<std::int64_t> personIds;    // any of these persons (the lanes); empty: all
    std::string text;                       // occurs in the summary or the file's path (ASCII case ignored)
    std::optional<TimelineCursor> after;    // only events after this one (the next page)
    std::int64_t limit = -1;                // -1: no limit
};

// Events in (time, id) order; calls fn per row and returns the rows visited. With lane "analyst",
// the audit log's entries (forEachAnalystAction).
Result<std::int64_t> forEachEvent(Database &db, const TimelineFilter &filter,
                                  const std::function<void(const TimelineEvent &)> &fn);

// A page of at most `filter.limit` events (1..100000; else InvalidArgument).
Result<std::vector<TimelineEvent>> eventPage(Database &db, const TimelineFilter &filter);

// How many events the filter selects (ignoring `after` and `limit`).
Result<std::int64_t> countEvents(Database &db, const TimelineFilter &filter);

struct HistogramBucket {
    std::int64_t start = 0;   // ns UTC
    std::int64_t count = 0;
};

// Counts per bucket of `bucketNs` from `from` to `to` (filter.from/to are ignored): every bucket,
// empty ones included. InvalidArgument when the range is empty or the bucket not positive;
// LimitExceeded above 100000 buckets.
Result<std::vector<HistogramBucket>> eventHistogram(Database &db, const TimelineFilter &filter, std::int64_t from,
                                                    std::int64_t to, std::int64_t bucketNs);

// The analyst lane: the audit log's entries as events (lane "analyst", kind = the action, summary
// "actor: details", id = the entry's seq, source "audit", time to the millisecond). They are read
// from audit_log, never copied. from/to, kinds (actions), text, after and limit apply.
Result<std::int64_t> forEachAnalystAction(Database &db, const TimelineFilter &filter,
                                          const std::function<void(const TimelineEvent &)> &fn);

// The order key of an event and the person it concerns (0 when none, or when not asked for).
struct EventKey {
    std::int64_t time = 0, id = 0, personId = 0;
};

// The keys of the events the filter selects, in (time, id) order, without reading their rows (the
// time index covers it unless `withPerson` or a text filter is asked for): what a view needs to
// page through millions of events and count them per bucket. fn returns false to stop. With
// lane "analyst", the audit log's entries. With a text filter the rows must be read anyway: they
// are read in table order (about ten times faster than in time order) and the matching keys
// sorted in memory before fn sees them. Returns the keys visited.
Result<std::int64_t> forEachEventKey(Database &db, const TimelineFilter &filter, bool withPerson,
                                     const std::function<bool(const EventKey &)> &fn);

// These events (ids from forEachEventKey), in (time, id) order; unknown ids are left out.
Result<std::vector<TimelineEvent>> eventsWithIds(Database &db, const std::vector<std::int64_t> &ids);

// The indicator kinds found in each of these messages (counted hits only), for tagging events.
Result<std::map<std::int64_t, std::vector<std::string>>> messageIndicatorKinds(Database &db,
                                                                               const std::vector<std::int64_t> &messageIds);

// The applications' names by id ("whatsapp" -> "WhatsApp").
Result<std::map<std::string, std::string>> applicationNames(Database &db);

// The earliest and latest event time the filter selects (nullopt when none).
Result<std::optional<std::pair<std::int64_t, std::int64_t>>> eventRange(Database &db, const TimelineFilter &filter);

} // namespace vigil::casedb
