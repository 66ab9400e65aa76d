// SPDX-License-Identifier: GPL-3.0-or-later
#include "plugins/parsers/safari/safari.h"

#include <gtest/gtest.h>

#include "core/util/timeutil.h"
#include "tests/plugins/parsers/parsertest.h"

namespace vigil::test {
namespace {

using model::RecordSource;

const RegisterFn kRegister = plugins::registerSafariPlugin;
constexpr const char *kId = "safari";
const ParserUnderTest kParser{kRegister, kId};
constexpr const char *kIosPath = "/private/var/mobile/Library/Safari/History.db";

// Safari 15+ / iOS 15+ History.db (schema version 16), as WBSHistorySQLiteSchema creates it
// (indexes and triggers left out).
constexpr const char *kModernDdl = R"SQL(
CREATE TABLE history_items (id INTEGER PRIMARY KEY AUTOINCREMENT,url TEXT NOT NULL UNIQUE,domain_expansion TEXT NULL,visit_count INTEGER NOT NULL,daily_visit_counts BLOB NOT NULL,weekly_visit_counts BLOB NULL,autocomplete_triggers BLOB NULL,should_recompute_derived_visit_counts INTEGER NOT NULL,visit_count_score INTEGER NOT NULL,status_code INTEGER NOT NULL DEFAULT 0);
CREATE TABLE history_visits (id INTEGER PRIMARY KEY AUTOINCREMENT,history_item INTEGER NOT NULL REFERENCES history_items(id) ON DELETE CASCADE,visit_time REAL NOT NULL,title TEXT NULL,load_successful BOOLEAN NOT NULL DEFAULT 1,http_non_get BOOLEAN NOT NULL DEFAULT 0,synthesized BOOLEAN NOT NULL DEFAULT 0,redirect_source INTEGER NULL UNIQUE REFERENCES history_visits(id) ON DELETE CASCADE,redirect_destination INTEGER NULL UNIQUE REFERENCES history_visits(id) ON DELETE CASCADE,origin INTEGER NOT NULL DEFAULT 0,generation INTEGER NOT NULL DEFAULT 0,attributes INTEGER NOT NULL DEFAULT 0,score INTEGER NOT NULL DEFAULT 0);
CREATE TABLE history_tombstones (id INTEGER PRIMARY KEY AUTOINCREMENT,start_time REAL NOT NULL,end_time REAL NOT NULL,url TEXT,generation INTEGER NOT NULL DEFAULT 0);
CREATE TABLE metadata (key TEXT NOT NULL UNIQUE, value);
CREATE TABLE history_client_versions (client_version INTEGER PRIMARY KEY,last_seen REAL NOT NULL);
CREATE TABLE history_event_listeners (listener_name TEXT PRIMARY KEY NOT NULL UNIQUE,last_seen REAL NOT NULL);
CREATE TABLE history_events (id INTEGER PRIMARY KEY AUTOINCREMENT,event_type TEXT NOT NULL,event_time REAL NOT NULL,pending_listeners TEXT NOT NULL,value BLOB);
CREATE TABLE history_tags (id INTEGER PRIMARY KEY,type INTEGER NOT NULL,level INTEGER NOT NULL,identifier TEXT NOT NULL,title TEXT NOT NULL,modification_timestamp REAL NOT NULL,item_count INTEGER NOT NULL DEFAULT 0);
CREATE TABLE history_items_to_tags (history_item INTEGER NOT NULL,tag_id INTEGER NOT NULL,timestamp REAL NOT NULL,FOREIGN KEY(tag_id) REFERENCES history_tags(id) ON DELETE CASCADE,FOREIGN KEY(history_item) REFERENCES history_items(id) ON DELETE CASCADE,UNIQUE(history_item, tag_id) ON CONFLICT REPLACE);
)SQL";

// 2026-03-01T10:00:00Z is 794052000 Cocoa seconds (since 2001-01-01).
constexpr double kT0 = 794052000.0;

constexpr const char *kModernRows = R"SQL(
INSERT INTO history_items (id, url, domain_expansion, visit_count, daily_visit_counts, should_recompute_derived_visit_counts, visit_count_score, status_code) VALUES
  (1, 'https://www.example.org/club/schedule', 'example', 2, X'', 0, 100, 200),
  (2, 'http://example.org/club', 'example', 1, X'', 0, 100, 301),
  (3, 'https://www.google.com/search?q=swimming+lessons&client=safari', 'google', 1, X'', 0, 100, 200),
  (4, 'https://www.example.net/offline', 'example', 1, X'', 0, 100, 0),
  (5, 'https://www.example.org/club/kit', 'example', 0, X'', 0, 0, 0);
INSERT INTO history_visits (id, history_item, visit_time, title, load_successful, redirect_source, redirect_destination, origin, generation) VALUES
  (1, 1, 794052000.0, 'Club schedule', 1, NULL, NULL, 0, 1),
  (2, 2, 794052060.0, NULL, 1, NULL, 3, 0, 1),
  (3, 1, 794052060.5, 'Club schedule', 1, 2, NULL, 0, 1),
  (4, 3, 794052120.0, 'swimming lessons - Google Search', 1, NULL, NULL, 1, 2),
  (5, 4, 794052180.0, NULL, 0, NULL, NULL, 0, 2),
  (6, 99, 794052240.0, 'Lost page', 1, NULL, NULL, 0, 2);
INSERT INTO metadata VALUES ('current_generation', 2);
)SQL";

// Safari stores times as doubles (about 0.1 µs resolution today): compare to the microsecond.
std::string isoMicros(std::optional<UtcNanos> t)
{
    return t ? toIso8601((*t + 500) / 1000 * 1000) : "none";
}

class Safari : public ::testing::Test {
protected:
    ParseResult parseModern()
    {
        return parseNewDatabase(kRegister, kId, dir / "History.db", std::string(kModernDdl) + kModernRows, kIosPath);
    }
    ScratchDir dir;
};

TEST_F(Safari, EveryVisitRowBecomesAVisitWithItsOwnTitle)
{
    const auto r = parseModern();
    ASSERT_TRUE(r.accepted);
    EXPECT_TRUE(r.errors.empty());
    EXPECT_EQ(r.records.app, "safari");
    EXPECT_EQ(r.records.appName, "Safari");
    EXPECT_EQ(visitsFrom(r.records, "history_visits"), 6u);

    const auto *first = visitAt(r.records, "history_visits", 1);
    ASSERT_NE(first, nullptr);
    EXPECT_EQ(first->url, "https://www.example.org/club/schedule");
    EXPECT_EQ(first->title, "Club schedule");
    EXPECT_EQ(toIso8601(*first->time), "2026-03-01T10:00:00Z");
    EXPECT_EQ(first->transition, "");
    EXPECT_EQ(first->origin.source, RecordSource::Live);

    const auto *hop = visitAt(r.records, "history_visits", 2);   // the redirect's first hop
    ASSERT_NE(hop, nullptr);
    EXPECT_EQ(hop->url, "http://example.org/club");
    EXPECT_EQ(hop->title, "");
    EXPECT_EQ(hop->transition, "");
    const auto *landed = visitAt(r.records, "history_visits", 3);
    ASSERT_NE(landed, nullptr);
    EXPECT_EQ(toIso8601(*landed->time), "2026-03-01T10:01:00.5Z");
    EXPECT_EQ(landed->transition, "redirect");
}

TEST_F(Safari, SyncedFailedAndOrphanVisitsAreMarkedAndKept)
{
    const auto r = parseModern();
    EXPECT_EQ(visitAt(r.records, "history_visits", 4)->transition, "synced");
    const auto *failed = visitAt(r.records, "history_visits", 5);
    ASSERT_NE(failed, nullptr);
    EXPECT_EQ(failed->url, "https://www.example.net/offline");
    EXPECT_EQ(failed->transition, "load failed");
    const auto *orphan = visitAt(r.records, "history_visits", 6);
    ASSERT_NE(orphan, nullptr);
    EXPECT_EQ(orphan->url, "");
    EXPECT_EQ(orphan->title, "Lost page");
    EXPECT_EQ(toIso8601(*orphan->time), "2026-03-01T10:04:00Z");

    ASSERT_EQ(r.records.visits.size(), 7u);
    const auto *unvisited = visitAt(r.records, "history_items", 5);
    ASSERT_NE(unvisited, nullptr);
    EXPECT_EQ(unvisited->url, "https://www.example.org/club/kit");
    EXPECT_FALSE(unvisited->time);
}

TEST_F(Safari, ResultUrlsBecomeSearches)
{
    const auto r = parseModern();
    ASSERT_EQ(r.records.searches.size(), 1u);
    const auto &s = r.records.searches[0];
    EXPECT_EQ(s.terms, "swimming lessons");
    EXPECT_EQ(s.engine, "Google");
    EXPECT_EQ(s.url, "https://www.google.com/search?q=swimming+lessons&client=safari");
    EXPECT_EQ(toIso8601(*s.time), "2026-03-01T10:02:00Z");
    EXPECT_EQ(s.origin.table, "history_items");
    EXPECT_EQ(s.origin.rowid, 3);
}

TEST_F(Safari, FirstSchemaVersionWithoutSyncColumns)
{
    // Schema version 1 (Safari 8 / iOS 8, 2014): the later migrations add origin and
    // generation (v2, v3), should_recompute_derived_visit_counts (v5), visit_count_score,
    // attributes and score (v9) and status_code; this is the layout before them.
    const auto r = parseNewDatabase(kRegister, kId, dir / "History.db", R"SQL(
CREATE TABLE history_items (id INTEGER PRIMARY KEY AUTOINCREMENT,url TEXT NOT NULL UNIQUE,domain_expansion TEXT NULL,visit_count INTEGER NOT NULL,daily_visit_counts BLOB NOT NULL,weekly_visit_counts BLOB NULL,autocomplete_triggers BLOB NULL);
CREATE TABLE history_visits (id INTEGER PRIMARY KEY AUTOINCREMENT,history_item INTEGER NOT NULL REFERENCES history_items(id) ON DELETE CASCADE,visit_time REAL NOT NULL,title TEXT NULL,load_successful BOOLEAN NOT NULL DEFAULT 1,http_non_get BOOLEAN NOT NULL DEFAULT 0,synthesized BOOLEAN NOT NULL DEFAULT 0,redirect_source INTEGER NULL UNIQUE REFERENCES history_visits(id) ON DELETE CASCADE,redirect_destination INTEGER NULL UNIQUE REFERENCES history_visits(id) ON DELETE CASCADE);
CREATE TABLE metadata (key TEXT NOT NULL UNIQUE, value);
INSERT INTO history_items VALUES (1, 'https://www.bing.com/search?q=weekend+weather', 'bing', 1, X'', NULL, NULL);
INSERT INTO history_visits VALUES (1, 1, 431870400.25, 'weekend weather - Bing', 1, 0, 0, NULL, NULL);
)SQL", "/Users/sam/Library/Safari/History.db");
    ASSERT_TRUE(r.accepted);
    EXPECT_TRUE(r.errors.empty());
    ASSERT_EQ(r.records.visits.size(), 1u);
    EXPECT_EQ(toIso8601(*r.records.visits[0].time), "2014-09-08T12:00:00.25Z");
    EXPECT_EQ(r.records.visits[0].title, "weekend weather - Bing");
    EXPECT_EQ(r.records.visits[0].transition, "");
    ASSERT_EQ(r.records.searches.size(), 1u);
    EXPECT_EQ(r.records.searches[0].engine, "Bing");
    EXPECT_EQ(r.records.searches[0].terms, "weekend weather");
}

TEST_F(Safari, JunkAndBinaryTextAreKept)
{
    const auto r = parseNewDatabase(kRegister, kId, dir / "History.db", std::string(kModernDdl) + R"SQL(
INSERT INTO history_items (id, url, visit_count, daily_visit_counts, should_recompute_derived_visit_counts, visit_count_score)
  VALUES (1, X'68747470733A2F2F612E6578616D706C652FFF', 1, X'', 0, 0);
INSERT INTO history_visits (id, history_item, visit_time, title, load_successful, origin) VALUES (1, 1, 'junk', X'00FF', 'yes', 'far');
INSERT INTO history_visits (id, history_item, visit_time, title) VALUES (2, 'one', -1e300, NULL);
INSERT INTO history_visits (id, history_item, visit_time, title) VALUES (3, 1, 1e300, 'far future');
)SQL");
    ASSERT_TRUE(r.accepted);
    EXPECT_TRUE(r.errors.empty());
    ASSERT_EQ(r.records.visits.size(), 3u);
    const auto *junk = visitAt(r.records, "history_visits", 1);
    EXPECT_EQ(junk->url, "https://a.example/\xEF\xBF\xBD");
    EXPECT_EQ(junk->title, "\xEF\xBF\xBD\xEF\xBF\xBD");
    EXPECT_FALSE(junk->time);
    EXPECT_EQ(junk->transition, "");
    const auto *orphan = visitAt(r.records, "history_visits", 2);
    EXPECT_EQ(orphan->url, "");
    EXPECT_FALSE(orphan->time);
    EXPECT_FALSE(visitAt(r.records, "history_visits", 3)->time);
    EXPECT_TRUE(r.records.searches.empty());
}

TEST_F(Safari, RejectsOtherDatabases)
{
    const auto history = dir / "History";
    createDatabase(history, "CREATE TABLE urls(id INTEGER PRIMARY KEY,url LONGVARCHAR,title LONGVARCHAR,visit_count INTEGER,"
                            "typed_count INTEGER,last_visit_time INTEGER,hidden INTEGER);"
                            "CREATE TABLE visits(id INTEGER PRIMARY KEY,url INTEGER,visit_time INTEGER,from_visit INTEGER,"
                            "transition INTEGER);");
    EXPECT_FALSE(parseDatabase(kRegister, kId, history).accepted);
    const auto other = dir / "reader.db";
    createDatabase(other, "CREATE TABLE history_items (id INTEGER PRIMARY KEY, url TEXT, read_at REAL);"
                          "CREATE TABLE articles (id INTEGER PRIMARY KEY, title TEXT);");
    EXPECT_FALSE(parseDatabase(kRegister, kId, other).accepted);
}

std::string manyVisits(int n)
{
    std::string sql = std::string(kModernDdl) + "BEGIN;";
    for (int i = 1; i <= n; ++i) {
        const std::string id = std::to_string(i);
        sql += "INSERT INTO history_items (id, url, visit_count, daily_visit_counts, should_recompute_derived_visit_counts,"
               " visit_count_score) VALUES (" + id + ", 'https://www.example.org/club/page/" + id
             + "?with=some&padding=to&fill=the&pages=quickly', 1, X'', 0, 0);"
             + "INSERT INTO history_visits (id, history_item, visit_time, title) VALUES (" + id + ", " + id + ", "
             + std::to_string(kT0 + i) + ", 'Club page " + id + "');";
    }
    return sql + "COMMIT;";
}

TEST_F(Safari, TruncatedDatabaseGivesAnErrorAndKeepsWhatItRead)
{
    expectTruncationKeepsSome(kParser, dir / "full.db", manyVisits(3000), countVisitsFrom("history_visits"), 3000,
                              "history_visits");
}

TEST_F(Safari, CorruptPagesGiveAnErrorNotACrash)
{
    expectCorruptPagesReported(kParser, dir / "History.db", manyVisits(3000), 4096 * 20, 4096 * 10,
                               countVisitsFrom("history_visits"), 3000);
}

TEST_F(Safari, GarbageIsNotOpened)
{
    expectGarbageRefused(kParser, dir / "History.db");
}

TEST_F(Safari, AVisitOnlyInTheWalIsFoundAndMarked)
{
    const auto db = dir / "History.db";
    createDatabaseWithWal(db, std::string(kModernDdl) + kModernRows,
                          "INSERT INTO history_visits (id, history_item, visit_time, title) VALUES "
                          "(7, 1, 794052600.0, 'Club schedule');");
    const auto withWal = expectWalOnlyRecord(kParser, db, recordFromRow("history_visits", 7),
                                             recordFromRow("history_visits", 1), countVisitsFrom("history_visits"));
    const auto *recent = visitAt(withWal.records, "history_visits", 7);
    ASSERT_NE(recent, nullptr);
    EXPECT_EQ(recent->url, "https://www.example.org/club/schedule");
    EXPECT_EQ(toIso8601(*recent->time), "2026-03-01T10:10:00Z");
}

TEST(SafariExternal, PublicSampleHas25Visits)
{
    const auto sample = externalFile("chat/safari_History.db");
    if (!sample)
        GTEST_SKIP() << "external test data not found (../shared/testdata/external/chat/safari_History.db)";
    const auto r = parseDatabase(kRegister, kId, *sample, "/Users/user/Library/Safari/History.db");
    ASSERT_TRUE(r.accepted);
    EXPECT_TRUE(r.errors.empty());
    // Checked by hand: sqlite3 safari_History.db "select count(*) from history_visits" (25);
    // all 19 history_items have visits; none is a search-engine result page.
    EXPECT_EQ(r.records.visits.size(), 25u);
    EXPECT_EQ(visitsFrom(r.records, "history_visits"), 25u);
    const auto *start = visitAt(r.records, "history_visits", 36);   // visit_time 531955414.791503
    ASSERT_NE(start, nullptr);
    EXPECT_EQ(start->url, "http://start.ubuntu.com/current/Google/?sourceid=hp");
    EXPECT_EQ(start->title, "Ubuntu Start Page");
    EXPECT_EQ(isoMicros(start->time), "2017-11-09T21:23:34.791503Z");
    EXPECT_EQ(start->transition, "");
    const auto *facebook = visitAt(r.records, "history_visits", 38);   // redirect_source 37
    ASSERT_NE(facebook, nullptr);
    EXPECT_EQ(facebook->url, "https://www.facebook.com/");
    EXPECT_EQ(facebook->title, "Facebook - Log In or Sign Up");
    EXPECT_EQ(isoMicros(facebook->time), "2017-11-09T21:24:28.829831Z");
    EXPECT_EQ(facebook->transition, "redirect");
    const auto *google = visitAt(r.records, "history_visits", 60);
    ASSERT_NE(google, nullptr);
    EXPECT_EQ(google->url, "https://www.google.com/?gws_rd=ssl");
    EXPECT_EQ(isoMicros(google->time), "2017-11-09T21:26:46.056743Z");
    EXPECT_TRUE(r.records.searches.empty());
}

} // namespace
} // namespace vigil::test
