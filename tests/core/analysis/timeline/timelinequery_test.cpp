// SPDX-License-Identifier: GPL-3.0-or-later
// The timeline queries (core/casedb/timelinequery.h) over events inserted into a real case:
// keyset paging, every filter, the histogram and the time range.
#include <gtest/gtest.h>

#include <cstdlib>
#include <string>
#include <vector>

#include "core/analysis/timeline/timeline.h"
#include "core/casedb/audit.h"
#include "core/casedb/timelinequery.h"
#include "tests/core/analysis/people/peoplecase.h"
#include "tests/integration/harness.h"

using namespace vigil;
using namespace vigil::test;
using casedb::TimelineEvent;
using casedb::TimelineFilter;

namespace {

constexpr std::int64_t kNs = 1'000'000'000LL;
constexpr std::int64_t kHour = 3600 * kNs;
constexpr int kEvents = 1000;

class TimelineQuery : public ::testing::Test {
protected:
    void SetUp() override
    {
        m_case = PeopleCase::create(m_tmp.path() / "case");
        ASSERT_TRUE(m_case);
        exec("INSERT INTO persons (id, label, role) VALUES (1, 'Ava', 'other'), (2, 'Ben', 'other')");
        exec("UPDATE files SET path = '/Secret/Chat.db' WHERE id = 2");
        // Event i at hour i/7 (ties in time, ordered by id), alternating kinds, lanes, apps,
        // evidence items and persons; file events point at file 1 or 2.
        exec("WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < " + std::to_string(kEvents - 1) +
             ") INSERT INTO events (time, time_precision, time_basis, kind, lane, evidence_id, file_id, person_id, "
             "app, summary, source) SELECT " + std::to_string(feb(1, 0)) + " + (i / 7) * " + std::to_string(kHour) +
             ", 'exact', 'utc', CASE i % 4 WHEN 0 THEN 'file-modified' WHEN 1 THEN 'message-sent' WHEN 2 THEN "
             "'message-received' ELSE 'web-visit' END, CASE i % 4 WHEN 0 THEN 'file' WHEN 3 THEN 'web' ELSE "
             "'communication' END, 1 + i % 2, CASE WHEN i % 4 = 0 THEN 1 + i % 8 / 4 END, CASE WHEN i % 3 = 0 THEN "
             "1 + i % 2 END, CASE i % 4 WHEN 1 THEN 'skype' WHEN 2 THEN 'whatsapp-android' END, "
             "CASE WHEN i % 4 <> 0 THEN 'event ' || i || CASE WHEN i % 50 = 1 THEN ' Needle' ELSE '' END END, "
             "'live' FROM n");
    }
    void exec(const std::string &sql) { ASSERT_TRUE(m_case->db().exec(sql)) << sql; }
    casedb::Database &db() { return m_case->db(); }

    std::vector<std::int64_t> ids(const TimelineFilter &f)
    {
        std::vector<std::int64_t> out;
        EXPECT_TRUE(casedb::forEachEvent(db(), f, [&](const TimelineEvent &e) { out.push_back(e.id); }));
        return out;
    }
    std::vector<std::int64_t> sqlIds(const std::string &where)
    {
        std::vector<std::int64_t> out;
        auto st = db().prepare("SELECT e.id FROM events e LEFT JOIN files f ON f.id = e.file_id " + where +
                               " ORDER BY e.time, e.id");
        EXPECT_TRUE(st);
        EXPECT_TRUE(st->forEachRow([&](const casedb::Statement &row) {
            out.push_back(row.int64(0));
            return true;
        }));
        return out;
    }
    void expectSame(const TimelineFilter &f, const std::string &where)
    {
        const auto expected = sqlIds(where);
        EXPECT_FALSE(expected.empty()) << where;
        EXPECT_EQ(ids(f), expected) << where;
        EXPECT_EQ(casedb::countEvents(db(), f).value_or(-1), std::int64_t(expected.size())) << where;
    }

    TempDir m_tmp;
    std::unique_ptr<PeopleCase> m_case;
};

TEST_F(TimelineQuery, PagesVisitEveryEventOnceInTimeOrder)
{
    TimelineFilter f;
    f.limit = 64;
    std::vector<std::int64_t> seen;
    for (int pages = 0; pages < 100; ++pages) {
        auto page = casedb::eventPage(db(), f);
        ASSERT_TRUE(page) << page.error().toString();
        if (page->empty())
            break;
        EXPECT_LE(page->size(), 64u);
        for (const auto &e : *page)
            seen.push_back(e.id);
        f.after = casedb::TimelineCursor{page->back().time, page->back().id};
    }
    EXPECT_EQ(seen.size(), std::size_t(kEvents));
    EXPECT_EQ(seen, sqlIds(""));
}

TEST_F(TimelineQuery, PagesWithAFilterFollowTheFilter)
{
    TimelineFilter f;
    f.personId = 2;
    f.limit = 10;
    std::vector<std::int64_t> seen;
    while (true) {
        auto page = casedb::eventPage(db(), f);
        ASSERT_TRUE(page);
        if (page->empty())
            break;
        for (const auto &e : *page) {
            EXPECT_EQ(e.personId, 2);
            EXPECT_EQ(e.person, "Ben");
            seen.push_back(e.id);
        }
        f.after = casedb::TimelineCursor{page->back().time, page->back().id};
    }
    EXPECT_EQ(seen, sqlIds("WHERE e.person_id = 2"));
}

TEST_F(TimelineQuery, EachFilterSelectsWhatItNames)
{
    TimelineFilter f;
    f.from = feb(2, 0);
    f.to = feb(3, 0);
    expectSame(f, "WHERE e.time >= " + std::to_string(feb(2, 0)) + " AND e.time < " + std::to_string(feb(3, 0)));
    f = {};
    f.kinds = {"message-sent", "web-visit"};
    expectSame(f, "WHERE e.kind IN ('message-sent', 'web-visit')");
    f = {};
    f.lane = "web";
    expectSame(f, "WHERE e.lane = 'web'");
    f = {};
    f.app = "skype";
    expectSame(f, "WHERE e.app = 'skype'");
    f = {};
    f.evidenceId = 2;
    expectSame(f, "WHERE e.evidence_id = 2");
    f = {};
    f.personId = 1;
    expectSame(f, "WHERE e.person_id = 1");
    f = {};
    f.text = "needle";   // summaries, any case
    expectSame(f, "WHERE e.summary LIKE '%needle%'");
    f = {};
    f.text = "SECRET/chat";   // file events: the file's path
    expectSame(f, "WHERE f.path = '/Secret/Chat.db'");
    f = {};
    f.kinds = {"message-sent"};
    f.evidenceId = 2;
    f.from = feb(3, 0);
    expectSame(f, "WHERE e.kind = 'message-sent' AND e.evidence_id = 2 AND e.time >= " + std::to_string(feb(3, 0)));
    f.text = "no such text";
    EXPECT_TRUE(ids(f).empty());
}

TEST_F(TimelineQuery, FileEventsCarryTheirFile)
{
    TimelineFilter f;
    f.lane = "file";
    f.limit = 2;
    auto page = casedb::eventPage(db(), f);
    ASSERT_TRUE(page);
    ASSERT_EQ(page->size(), 2u);
    EXPECT_EQ((*page)[0].path, "/chat.db");
    EXPECT_EQ((*page)[0].size, 4096);
    EXPECT_EQ((*page)[0].metaType, "file");
    EXPECT_EQ((*page)[1].path, "/Secret/Chat.db");
}

TEST_F(TimelineQuery, HistogramCountsEveryBucket)
{
    // 1000 events, 7 an hour from Feb 1 00:00: hour 142 holds 6 (994..999), hours after none.
    TimelineFilter f;
    auto h = casedb::eventHistogram(db(), f, feb(1, 0), feb(8, 0), 24 * kHour);
    ASSERT_TRUE(h) << h.error().toString();
    ASSERT_EQ(h->size(), 7u);
    std::int64_t total = 0;
    for (std::size_t d = 0; d < h->size(); ++d) {
        EXPECT_EQ((*h)[d].start, feb(1 + int(d), 0));
        total += (*h)[d].count;
    }
    EXPECT_EQ((*h)[0].count, 24 * 7);
    EXPECT_EQ((*h)[5].count, kEvents - 5 * 24 * 7);   // hours 120..142
    EXPECT_EQ((*h)[6].count, 0);
    EXPECT_EQ(total, kEvents);
    // A partial last bucket, a filter, and `to` exclusive.
    f.lane = "web";
    auto web = casedb::eventHistogram(db(), f, feb(1, 0), feb(1, 0) + 90 * 60 * kNs, kHour);
    ASSERT_TRUE(web);
    ASSERT_EQ(web->size(), 2u);
    EXPECT_EQ((*web)[0].count, 1);   // hour 0 holds events 0..6; of those only 3 is web
    EXPECT_EQ((*web)[1].count, sqlIds("WHERE e.lane = 'web' AND e.time >= " + std::to_string(feb(1, 1)) +
                                      " AND e.time < " + std::to_string(feb(1, 1) + 30 * 60 * kNs))
                                   .size());
}

TEST_F(TimelineQuery, HistogramRefusesBadRanges)
{
    EXPECT_EQ(casedb::eventHistogram(db(), {}, feb(2, 0), feb(1, 0), kHour).error().code, ErrorCode::InvalidArgument);
    EXPECT_EQ(casedb::eventHistogram(db(), {}, feb(1, 0), feb(2, 0), 0).error().code, ErrorCode::InvalidArgument);
    EXPECT_EQ(casedb::eventHistogram(db(), {}, feb(1, 0), feb(29, 0), kNs).error().code, ErrorCode::LimitExceeded);
}

TEST_F(TimelineQuery, RangeAndPageLimits)
{
    auto range = casedb::eventRange(db(), {});
    ASSERT_TRUE(range && *range);
    EXPECT_EQ((*range)->first, feb(1, 0));
    EXPECT_EQ((*range)->second, feb(1, 0) + (kEvents - 1) / 7 * kHour);
    TimelineFilter none;
    none.app = "nothing";
    auto empty = casedb::eventRange(db(), none);
    ASSERT_TRUE(empty);
    EXPECT_FALSE(*empty);
    TimelineFilter f;
    f.limit = 0;
    EXPECT_EQ(casedb::eventPage(db(), f).error().code, ErrorCode::InvalidArgument);
    f.limit = 100001;
    EXPECT_EQ(casedb::eventPage(db(), f).error().code, ErrorCode::InvalidArgument);
}

// The analyst lane reads the audit log: every entry, in time order, with its own filters.
TEST_F(TimelineQuery, AnalystLaneIsTheAuditLog)
{
    ASSERT_TRUE(casedb::appendAudit(db(), "Examiner", "file.tag", R"({"file_id":2,"tag":"Needle"})"));
    ASSERT_TRUE(casedb::appendAudit(db(), "Examiner", "report.export", R"({"format":"pdf"})"));
    std::vector<TimelineEvent> all;
    ASSERT_TRUE(casedb::forEachAnalystAction(db(), {}, [&](const TimelineEvent &e) { all.push_back(e); }));
    const auto entries = m_case->scalar("SELECT count(*) FROM audit_log");
    ASSERT_EQ(std::int64_t(all.size()), entries);
    ASSERT_GE(all.size(), 3u);
    auto st = db().prepare("SELECT time_utc FROM audit_log WHERE seq = ?");
    ASSERT_TRUE(st);
    for (std::size_t i = 0; i < all.size(); ++i) {
        const auto &e = all[i];
        EXPECT_EQ(e.lane, "analyst");
        EXPECT_EQ(e.source, "audit");
        if (i) {
            EXPECT_GE(e.time, all[i - 1].time);
        }
        st->reset();
        st->bind(1, e.id);
        ASSERT_TRUE(st->step().value_or(false));
        const auto exact = analysis::parseCreationTime(st->text(0));
        ASSERT_TRUE(exact) << st->text(0);
        EXPECT_LE(std::abs(*exact - e.time), 500'000) << st->text(0);   // to the millisecond
    }
    EXPECT_EQ(all.back().kind, "report.export");
    EXPECT_EQ(all.back().summary, R"(Examiner: {"format":"pdf"})");
    TimelineFilter f;
    f.kinds = {"file.tag"};
    std::vector<TimelineEvent> tagged;
    ASSERT_TRUE(casedb::forEachAnalystAction(db(), f, [&](const TimelineEvent &e) { tagged.push_back(e); }));
    ASSERT_EQ(tagged.size(), 1u);
    f = {};
    f.text = "needle";
    f.to = all.back().time;   // exclusive
    std::int64_t n = 0;
    ASSERT_TRUE(casedb::forEachAnalystAction(db(), f, [&](const TimelineEvent &) { ++n; }));
    EXPECT_EQ(n, all.back().time > tagged[0].time ? 1 : 0);
    f = {};
    f.after = casedb::TimelineCursor{all[0].time, all[0].id};
    f.limit = 1;
    std::vector<TimelineEvent> next;
    ASSERT_TRUE(casedb::forEachAnalystAction(db(), f, [&](const TimelineEvent &e) { next.push_back(e); }));
    ASSERT_EQ(next.size(), 1u);
    EXPECT_EQ(next[0].id, all[1].id);
}

} // namespace

namespace {

std::vector<std::int64_t> keyIds(casedb::Database &db, const TimelineFilter &f, bool withPerson,
                                 std::vector<casedb::EventKey> *keys = nullptr)
{
    std::vector<std::int64_t> out;
    auto visited = casedb::forEachEventKey(db, f, withPerson, [&](const casedb::EventKey &k) {
        out.push_back(k.id);
        if (keys)
            keys->push_back(k);
        return true;
    });
    EXPECT_TRUE(visited);
    EXPECT_EQ(visited.value_or(-1), std::int64_t(out.size()));
    return out;
}

} // namespace

TEST_F(TimelineQuery, KeysFollowTheOrderAndTheFilterWithAndWithoutText)
{
    EXPECT_EQ(keyIds(db(), {}, false), sqlIds(""));
    TimelineFilter persons;
    persons.personIds = {1, 2};
    std::vector<casedb::EventKey> keys;
    EXPECT_EQ(keyIds(db(), persons, true, &keys), sqlIds("WHERE e.person_id IN (1, 2)"));
    for (const auto &k : keys)
        EXPECT_TRUE(k.personId == 1 || k.personId == 2);
    // A text filter is read in table order and sorted: the same keys in the same order.
    TimelineFilter text;
    text.text = "needle";
    EXPECT_EQ(keyIds(db(), text, false), sqlIds("WHERE instr(lower(e.summary), 'needle') > 0"));
    text.text = "secret";   // in the file's path
    EXPECT_EQ(keyIds(db(), text, false), sqlIds("WHERE f.path LIKE '%Secret%'"));
    text.limit = 5;
    EXPECT_EQ(keyIds(db(), text, false).size(), 5u);
    // Stopping early.
    std::int64_t seen = 0;
    auto stopped = casedb::forEachEventKey(db(), text, false, [&](const casedb::EventKey &) { return ++seen < 3; });
    ASSERT_TRUE(stopped);
    EXPECT_EQ(seen, 3);
}

TEST_F(TimelineQuery, EventsWithIdsComeInTimeOrder)
{
    const auto all = sqlIds("");
    std::vector<std::int64_t> some = {all[500], all[3], all[999], all[42], 987654321};   // and one unknown
    auto events = casedb::eventsWithIds(db(), some);
    ASSERT_TRUE(events) << events.error().toString();
    ASSERT_EQ(events->size(), 4u);
    EXPECT_EQ((*events)[0].id, all[3]);
    EXPECT_EQ((*events)[1].id, all[42]);
    EXPECT_EQ((*events)[2].id, all[500]);
    EXPECT_EQ((*events)[3].id, all[999]);
    EXPECT_TRUE(casedb::eventsWithIds(db(), {})->empty());
}

TEST_F(TimelineQuery, IndicatorKindsOfMessagesAndApplicationNames)
{
    const std::int64_t you = m_case->account({.app = "skype", .key = "you", .name = "You", .phone = ""});
    const std::int64_t ca = m_case->conversation("skype", {you}), cb = ca;
    const std::int64_t a = m_case->message(ca, you, "incoming", feb(2), "first");
    const std::int64_t b = m_case->message(ca, you, "incoming", feb(3), "second");
    auto hit = [&](std::int64_t m, std::int64_t c, const std::string &kind, int counted) {
        exec("INSERT INTO indicator_hits (message_id, conversation_id, kind, entry_id, speaker, span_begin, span_end, "
             "weight, counted) VALUES (" + std::to_string(m) + ", " + std::to_string(c) + ", '" + kind +
             "', 'e', 'suspect', 0, 1, 1.0, " + std::to_string(counted) + ")");
    };
    hit(a, ca, "threat", 1);
    hit(a, ca, "age-disclosure", 1);
    hit(a, ca, "sexual-content", 0);   // not counted: no tag
    hit(b, cb, "threat", 1);
    hit(b, cb, "threat", 1);           // once per kind
    auto kinds = casedb::messageIndicatorKinds(db(), {a, b, 987654321});
    ASSERT_TRUE(kinds) << kinds.error().toString();
    ASSERT_EQ(kinds->size(), 2u);
    EXPECT_EQ(kinds->at(a), (std::vector<std::string>{"age-disclosure", "threat"}));
    EXPECT_EQ(kinds->at(b), (std::vector<std::string>{"threat"}));
    EXPECT_TRUE(casedb::messageIndicatorKinds(db(), {})->empty());

    exec("INSERT OR REPLACE INTO applications (id, name) VALUES ('skype', 'Skype')");
    auto names = casedb::applicationNames(db());
    ASSERT_TRUE(names) << names.error().toString();
    EXPECT_EQ(names->at("skype"), "Skype");
}
