// SPDX-License-Identifier: GPL-3.0-or-later
#include "plugins/parsers/firefox/firefox.h"

#include <gtest/gtest.h>

#include <set>

#include "core/util/timeutil.h"
#include "tests/plugins/parsers/parsertest.h"

namespace vigil::test {
namespace {

using model::RecordSource;

const RegisterFn kRegister = plugins::registerFirefoxPlugin;
constexpr const char *kId = "firefox";
const ParserUnderTest kParser{kRegister, kId};
constexpr const char *kDesktopPath = "/home/sam/.mozilla/firefox/x1y2z3.default-release/places.sqlite";

// Firefox 115+ places.sqlite (schema 70s): the tables the parser reads and those around them,
// as toolkit/components/places creates them (indexes, triggers and annotation tables left out).
constexpr const char *kModernDdl = R"SQL(
CREATE TABLE moz_origins ( id INTEGER PRIMARY KEY, prefix TEXT NOT NULL, host TEXT NOT NULL, frecency INTEGER NOT NULL, recalc_frecency INTEGER NOT NULL DEFAULT 0, alt_frecency INTEGER, recalc_alt_frecency INTEGER NOT NULL DEFAULT 0, UNIQUE (prefix, host) );
CREATE TABLE moz_places (   id INTEGER PRIMARY KEY, url LONGVARCHAR, title LONGVARCHAR, rev_host LONGVARCHAR, visit_count INTEGER DEFAULT 0, hidden INTEGER DEFAULT 0 NOT NULL, typed INTEGER DEFAULT 0 NOT NULL, frecency INTEGER DEFAULT -1 NOT NULL, last_visit_date INTEGER , guid TEXT, foreign_count INTEGER DEFAULT 0 NOT NULL, url_hash INTEGER DEFAULT 0 NOT NULL , description TEXT, preview_image_url TEXT, site_name TEXT, origin_id INTEGER REFERENCES moz_origins(id), recalc_frecency INTEGER NOT NULL DEFAULT 0, alt_frecency INTEGER, recalc_alt_frecency INTEGER NOT NULL DEFAULT 0);
CREATE TABLE moz_historyvisits (  id INTEGER PRIMARY KEY, from_visit INTEGER, place_id INTEGER, visit_date INTEGER, visit_type INTEGER, session INTEGER, source INTEGER DEFAULT 0 NOT NULL, triggeringPlaceId INTEGER);
CREATE TABLE moz_inputhistory (  place_id INTEGER NOT NULL, input LONGVARCHAR NOT NULL, use_count INTEGER, PRIMARY KEY (place_id, input));
CREATE TABLE moz_bookmarks (  id INTEGER PRIMARY KEY, type INTEGER, fk INTEGER DEFAULT NULL, parent INTEGER, position INTEGER, title LONGVARCHAR, keyword_id INTEGER, folder_type TEXT, dateAdded INTEGER, lastModified INTEGER, guid TEXT, syncStatus INTEGER NOT NULL DEFAULT 0, syncChangeCounter INTEGER NOT NULL DEFAULT 1);
CREATE TABLE moz_keywords (  id INTEGER PRIMARY KEY AUTOINCREMENT, keyword TEXT UNIQUE, place_id INTEGER, post_data TEXT);
CREATE TABLE moz_meta (key TEXT PRIMARY KEY, value NOT NULL) WITHOUT ROWID ;
)SQL";

// 2026-03-01T10:00:00Z is 1772359200000000 µs (PRTime).
constexpr std::int64_t kT0 = 1772359200000000;

constexpr const char *kModernRows = R"SQL(
INSERT INTO moz_origins VALUES (1, 'https://', 'www.example.org', 100, 0, NULL, 0);
INSERT INTO moz_places (id, url, title, rev_host, visit_count, typed, last_visit_date, guid, origin_id) VALUES
  (1, 'https://www.example.org/club/schedule', 'Club schedule', 'gro.elpmaxe.www.', 3, 1, 1772359500000000, 'AbCdEfGhIjK1', 1),
  (2, 'https://duckduckgo.com/?q=bus+timetable+leeds&ia=web', 'bus timetable leeds at DuckDuckGo', 'moc.ogkcudkcud.', 1, 0, 1772359320000000, 'AbCdEfGhIjK2', NULL),
  (3, 'https://www.ecosia.org/search?method=index&q=tree+planting', 'tree planting - Ecosia', 'gro.aisoce.www.', 1, 0, 1772359380000000, 'AbCdEfGhIjK3', NULL),
  (4, 'https://www.example.org/club/kit', 'Club kit', 'gro.elpmaxe.www.', 0, 0, NULL, 'AbCdEfGhIjK4', 1),
  (5, 'https://news.example.net/', 'News', 'ten.elpmaxe.swen.', 1, 0, 1772272800000000, 'AbCdEfGhIjK5', NULL);
INSERT INTO moz_historyvisits (id, from_visit, place_id, visit_date, visit_type, session, source) VALUES
  (1, 0, 1, 1772359200000000, 2, 0, 0),
  (2, 1, 1, 1772359260250000, 1, 0, 0),
  (3, 0, 2, 1772359320000000, 1, 0, 3),
  (4, 0, 3, 1772359380000000, 6, 0, 0),
  (5, 0, 99, 1772359440000000, 9, 0, 0),
  (6, 0, 1, 1772359500000000, 42, 0, 0);
INSERT INTO moz_inputhistory VALUES (1, 'club sch', 3);
INSERT INTO moz_bookmarks (id, type, fk, parent, position, title, dateAdded, lastModified, guid) VALUES
  (10, 1, 4, 3, 0, 'Club kit', 1772359000000000, 1772359000000000, 'BmBmBmBmBm01');
)SQL";

class Firefox : public ::testing::Test {
protected:
    ParseResult parseModern(const std::string &devicePath = kDesktopPath)
    {
        return parseNewDatabase(kRegister, kId, dir / ("places" + std::to_string(++m_made) + ".sqlite"),
                                std::string(kModernDdl) + kModernRows, devicePath);
    }
    ScratchDir dir;

private:
    int m_made = 0;
};

TEST_F(Firefox, EveryHistoryVisitBecomesAVisit)
{
    const auto r = parseModern();
    ASSERT_TRUE(r.accepted);
    EXPECT_TRUE(r.errors.empty());
    EXPECT_EQ(r.records.app, "firefox");
    EXPECT_EQ(r.records.appName, "Mozilla Firefox");
    EXPECT_EQ(visitsFrom(r.records, "moz_historyvisits"), 6u);

    const auto *typed = visitAt(r.records, "moz_historyvisits", 1);
    ASSERT_NE(typed, nullptr);
    EXPECT_EQ(typed->url, "https://www.example.org/club/schedule");
    EXPECT_EQ(typed->title, "Club schedule");
    EXPECT_EQ(toIso8601(*typed->time), "2026-03-01T10:00:00Z");
    EXPECT_EQ(typed->transition, "typed");
    EXPECT_EQ(typed->origin.source, RecordSource::Live);

    const auto *link = visitAt(r.records, "moz_historyvisits", 2);
    ASSERT_NE(link, nullptr);
    EXPECT_EQ(toIso8601(*link->time), "2026-03-01T10:01:00.25Z");
    EXPECT_EQ(link->transition, "link");
    EXPECT_EQ(visitAt(r.records, "moz_historyvisits", 4)->transition, "redirect_temporary");
    EXPECT_EQ(visitAt(r.records, "moz_historyvisits", 6)->transition, "type 42");

    const auto *orphan = visitAt(r.records, "moz_historyvisits", 5);   // its place row is gone
    ASSERT_NE(orphan, nullptr);
    EXPECT_EQ(orphan->url, "");
    EXPECT_EQ(orphan->transition, "reload");
    EXPECT_EQ(toIso8601(*orphan->time), "2026-03-01T10:04:00Z");
}

TEST_F(Firefox, PlacesWithoutVisitsAreKept)
{
    const auto r = parseModern();
    ASSERT_EQ(r.records.visits.size(), 8u);
    const auto *bookmarked = visitAt(r.records, "moz_places", 4);
    ASSERT_NE(bookmarked, nullptr);
    EXPECT_EQ(bookmarked->url, "https://www.example.org/club/kit");
    EXPECT_EQ(bookmarked->title, "Club kit");
    EXPECT_FALSE(bookmarked->time);
    EXPECT_EQ(bookmarked->transition, "");
    const auto *expired = visitAt(r.records, "moz_places", 5);
    ASSERT_NE(expired, nullptr);
    EXPECT_EQ(toIso8601(*expired->time), "2026-02-28T10:00:00Z");   // last_visit_date
    EXPECT_EQ(visitAt(r.records, "moz_places", 1), nullptr);
}

TEST_F(Firefox, SearchesFromResultUrlsAndAddressBarInput)
{
    const auto r = parseModern();
    ASSERT_EQ(r.records.searches.size(), 3u);
    const auto *ddg = searchFor(r.records, "bus timetable leeds");
    ASSERT_NE(ddg, nullptr);
    EXPECT_EQ(ddg->engine, "DuckDuckGo");
    EXPECT_EQ(ddg->url, "https://duckduckgo.com/?q=bus+timetable+leeds&ia=web");
    EXPECT_EQ(toIso8601(*ddg->time), "2026-03-01T10:02:00Z");
    EXPECT_EQ(ddg->origin.table, "moz_places");
    EXPECT_EQ(ddg->origin.rowid, 2);
    const auto *ecosia = searchFor(r.records, "tree planting");
    ASSERT_NE(ecosia, nullptr);
    EXPECT_EQ(ecosia->engine, "Ecosia");
    EXPECT_EQ(toIso8601(*ecosia->time), "2026-03-01T10:03:00Z");

    const auto *typed = searchFor(r.records, "club sch");
    ASSERT_NE(typed, nullptr);
    EXPECT_EQ(typed->engine, "address bar");
    EXPECT_EQ(typed->url, "https://www.example.org/club/schedule");
    EXPECT_FALSE(typed->time);   // moz_inputhistory keeps no time
    EXPECT_EQ(typed->origin.table, "moz_inputhistory");
    EXPECT_EQ(typed->origin.rowid, 1);
}

TEST_F(Firefox, BrowserIsNamedFromThePath)
{
    EXPECT_EQ(parseModern("C:/Users/sam/Desktop/Tor Browser/Browser/TorBrowser/Data/Browser/profile.default/places.sqlite")
                  .records.appName,
              "Tor Browser");
    EXPECT_EQ(parseModern("/home/sam/.librewolf/abc.default/places.sqlite").records.appName, "LibreWolf");
}

TEST_F(Firefox, Firefox3LayoutWithoutLastVisitDate)
{
    // Firefox 3.0 (2008): no last_visit_date, no guid; favicon_id in moz_places.
    const auto db = dir / "places.sqlite";
    createDatabase(db, R"SQL(
CREATE TABLE moz_places (id INTEGER PRIMARY KEY, url LONGVARCHAR, title LONGVARCHAR, rev_host LONGVARCHAR, visit_count INTEGER DEFAULT 0, hidden INTEGER DEFAULT 0 NOT NULL, typed INTEGER DEFAULT 0 NOT NULL, favicon_id INTEGER, frecency INTEGER DEFAULT -1 NOT NULL);
CREATE TABLE moz_historyvisits (id INTEGER PRIMARY KEY, from_visit INTEGER, place_id INTEGER, visit_date INTEGER, visit_type INTEGER, session INTEGER);
CREATE TABLE moz_inputhistory (place_id INTEGER NOT NULL, input LONGVARCHAR NOT NULL, use_count INTEGER, PRIMARY KEY (place_id, input));
CREATE TABLE moz_bookmarks (id INTEGER PRIMARY KEY,type INTEGER, fk INTEGER DEFAULT NULL, parent INTEGER, position INTEGER, title LONGVARCHAR, keyword_id INTEGER, folder_type TEXT, dateAdded INTEGER, lastModified INTEGER);
CREATE TABLE moz_favicons (id INTEGER PRIMARY KEY, url LONGVARCHAR UNIQUE, data BLOB, mime_type VARCHAR(32), expiration LONG);
INSERT INTO moz_places VALUES (1, 'http://www.google.com/search?q=school+bus+route&ie=utf-8', 'school bus route - Google Search', 'moc.elgoog.www.', 1, 0, 0, NULL, 100);
INSERT INTO moz_places VALUES (2, 'http://www.mozilla.com/en-US/firefox/central/', 'Getting Started', 'moc.allizom.www.', 0, 0, 0, NULL, 140);
INSERT INTO moz_historyvisits VALUES (1, 0, 1, 1243857600500000, 1, 1);
)SQL");
    const auto r = parseDatabase(kRegister, kId, db,
                                 "C:/Documents and Settings/sam/Application Data/Mozilla/Firefox/Profiles/a/places.sqlite");
    ASSERT_TRUE(r.accepted);
    EXPECT_TRUE(r.errors.empty());
    ASSERT_EQ(r.records.visits.size(), 2u);
    const auto *visit = visitAt(r.records, "moz_historyvisits", 1);
    ASSERT_NE(visit, nullptr);
    EXPECT_EQ(toIso8601(*visit->time), "2009-06-01T12:00:00.5Z");
    EXPECT_EQ(visit->transition, "link");
    EXPECT_FALSE(visitAt(r.records, "moz_places", 2)->time);
    ASSERT_EQ(r.records.searches.size(), 1u);
    EXPECT_EQ(r.records.searches[0].terms, "school bus route");
    EXPECT_EQ(r.records.searches[0].engine, "Google");
    EXPECT_EQ(toIso8601(*r.records.searches[0].time), "2009-06-01T12:00:00.5Z");
}

TEST_F(Firefox, AndroidLayoutInMillisecondsWithSyncedVisits)
{
    // Firefox for Android (Fenix, application-services places): times in milliseconds,
    // is_local = 0 for visits synced from another device.
    const auto db = dir / "places.sqlite";
    createDatabase(db, R"SQL(
CREATE TABLE IF NOT EXISTS moz_places (
    id INTEGER PRIMARY KEY,
    url LONGVARCHAR NOT NULL,
    title LONGVARCHAR,
    visit_count_local INTEGER NOT NULL DEFAULT 0,
    visit_count_remote INTEGER NOT NULL DEFAULT 0,
    hidden INTEGER DEFAULT 0 NOT NULL,
    typed INTEGER DEFAULT 0 NOT NULL,
    frecency INTEGER DEFAULT -1 NOT NULL,
    last_visit_date_local INTEGER NOT NULL DEFAULT 0,
    last_visit_date_remote INTEGER NOT NULL DEFAULT 0,
    guid TEXT NOT NULL UNIQUE,
    foreign_count INTEGER DEFAULT 0 NOT NULL,
    url_hash INTEGER DEFAULT 0 NOT NULL,
    description TEXT,
    preview_image_url TEXT,
    origin_id INTEGER,
    sync_status TINYINT NOT NULL DEFAULT 1,
    sync_change_counter INTEGER NOT NULL DEFAULT 0,
    FOREIGN KEY(origin_id) REFERENCES moz_origins(id) ON DELETE CASCADE
);
CREATE TABLE IF NOT EXISTS moz_historyvisits (
    id INTEGER PRIMARY KEY,
    is_local INTEGER NOT NULL,
    from_visit INTEGER,
    place_id INTEGER NOT NULL,
    visit_date INTEGER NOT NULL,
    visit_type INTEGER NOT NULL,
    FOREIGN KEY(place_id) REFERENCES moz_places(id) ON DELETE CASCADE,
    FOREIGN KEY(from_visit) REFERENCES moz_historyvisits(id)
);
CREATE TABLE IF NOT EXISTS moz_inputhistory (
    place_id INTEGER NOT NULL,
    input LONGVARCHAR NOT NULL,
    use_count INTEGER,
    PRIMARY KEY (place_id, input),
    FOREIGN KEY(place_id) REFERENCES moz_places(id) ON DELETE CASCADE
);
CREATE TABLE IF NOT EXISTS moz_origins (
    id INTEGER PRIMARY KEY,
    prefix TEXT NOT NULL,
    host TEXT NOT NULL,
    rev_host TEXT NOT NULL,
    frecency INTEGER NOT NULL,
    UNIQUE (prefix, host)
);
INSERT INTO moz_places (id, url, title, last_visit_date_local, guid) VALUES
  (1, 'https://www.google.com/search?q=park+run&client=firefox-b-m', 'park run - Google Search', 1772359200000, 'mobileguid01'),
  (2, 'https://www.example.org/', 'Example', 0, 'mobileguid02'),
  (3, 'https://www.example.org/club/', 'Club', 1772272800000, 'mobileguid03');
INSERT INTO moz_historyvisits (id, is_local, from_visit, place_id, visit_date, visit_type) VALUES
  (1, 1, NULL, 1, 1772359200000, 1),
  (2, 0, NULL, 2, 1772359260123, 2);
)SQL");
    const auto r = parseDatabase(kRegister, kId, db, "/data/data/com.example.copy/places.sqlite");
    ASSERT_TRUE(r.accepted);
    EXPECT_TRUE(r.errors.empty());
    EXPECT_EQ(r.records.appName, "Firefox for Android");
    ASSERT_EQ(r.records.visits.size(), 3u);
    EXPECT_EQ(toIso8601(*visitAt(r.records, "moz_historyvisits", 1)->time), "2026-03-01T10:00:00Z");
    EXPECT_EQ(visitAt(r.records, "moz_historyvisits", 1)->transition, "link");
    const auto *synced = visitAt(r.records, "moz_historyvisits", 2);
    EXPECT_EQ(toIso8601(*synced->time), "2026-03-01T10:01:00.123Z");
    EXPECT_EQ(synced->transition, "typed (synced)");
    EXPECT_EQ(toIso8601(*visitAt(r.records, "moz_places", 3)->time), "2026-02-28T10:00:00Z");
    ASSERT_EQ(r.records.searches.size(), 1u);
    EXPECT_EQ(r.records.searches[0].terms, "park run");
}

TEST_F(Firefox, NullsJunkAndBinaryTextAreKept)
{
    const auto r = parseNewDatabase(kRegister, kId, dir / "places.sqlite", std::string(kModernDdl) + R"SQL(
INSERT INTO moz_places (id, url, title, last_visit_date) VALUES (1, NULL, NULL, 'yesterday');
INSERT INTO moz_places (id, url, title, last_visit_date) VALUES (2, X'68747470733A2F2F612E6578616D706C652FFF', X'436C756200', -7);
INSERT INTO moz_historyvisits (id, place_id, visit_date, visit_type) VALUES (1, NULL, NULL, NULL);
INSERT INTO moz_historyvisits (id, place_id, visit_date, visit_type) VALUES (2, 2, 'junk', X'01');
INSERT INTO moz_historyvisits (id, place_id, visit_date, visit_type) VALUES (3, 2, 9223372036854775807, 0);
INSERT INTO moz_inputhistory VALUES (2, X'FE', 1);
)SQL");
    ASSERT_TRUE(r.accepted);
    EXPECT_TRUE(r.errors.empty());
    ASSERT_EQ(visitsFrom(r.records, "moz_historyvisits"), 3u);
    const auto *empty = visitAt(r.records, "moz_historyvisits", 1);
    EXPECT_EQ(empty->url, "");
    EXPECT_FALSE(empty->time);
    EXPECT_EQ(empty->transition, "");
    const auto *junk = visitAt(r.records, "moz_historyvisits", 2);
    EXPECT_EQ(junk->url, "https://a.example/\xEF\xBF\xBD");
    EXPECT_EQ(junk->title, "Club\xEF\xBF\xBD");
    EXPECT_FALSE(junk->time);
    EXPECT_EQ(junk->transition, "");
    EXPECT_FALSE(visitAt(r.records, "moz_historyvisits", 3)->time);   // absurd, not overflowed
    EXPECT_EQ(visitAt(r.records, "moz_historyvisits", 3)->transition, "type 0");
    const auto *place = visitAt(r.records, "moz_places", 1);
    ASSERT_NE(place, nullptr);
    EXPECT_FALSE(place->time);
    ASSERT_EQ(r.records.searches.size(), 1u);
    EXPECT_EQ(r.records.searches[0].terms, "\xEF\xBF\xBD");
}

TEST_F(Firefox, RejectsOtherDatabases)
{
    const auto history = dir / "History";
    createDatabase(history, "CREATE TABLE urls(id INTEGER PRIMARY KEY,url LONGVARCHAR,title LONGVARCHAR,visit_count INTEGER,"
                            "typed_count INTEGER,last_visit_time INTEGER,hidden INTEGER);"
                            "CREATE TABLE visits(id INTEGER PRIMARY KEY,url INTEGER,visit_time INTEGER,from_visit INTEGER,"
                            "transition INTEGER);");
    EXPECT_FALSE(parseDatabase(kRegister, kId, history).accepted);
    // favicons.sqlite sits beside places.sqlite and has pages but no visits.
    const auto favicons = dir / "favicons.sqlite";
    createDatabase(favicons, "CREATE TABLE moz_pages_w_icons ( id INTEGER PRIMARY KEY, page_url TEXT NOT NULL, page_url_hash "
                             "INTEGER NOT NULL );"
                             "CREATE TABLE moz_icons ( id INTEGER PRIMARY KEY, icon_url TEXT NOT NULL, fixed_icon_url_hash "
                             "INTEGER NOT NULL, width INTEGER NOT NULL DEFAULT 0, root INTEGER NOT NULL DEFAULT 0, color "
                             "INTEGER, expire_ms INTEGER NOT NULL DEFAULT 0, data BLOB );");
    EXPECT_FALSE(parseDatabase(kRegister, kId, favicons).accepted);
}

std::string manyVisits(int n)
{
    std::string sql = std::string(kModernDdl) + "BEGIN;";
    for (int i = 1; i <= n; ++i) {
        const std::string id = std::to_string(i);
        const std::string time = std::to_string(kT0 + i * 1000000LL);
        sql += "INSERT INTO moz_places (id, url, title, last_visit_date) VALUES (" + id
             + ", 'https://www.example.org/club/page/" + id + "?with=some&padding=to&fill=the&pages=quickly', 'Club page "
             + id + "', " + time + ");" + "INSERT INTO moz_historyvisits (id, place_id, visit_date, visit_type) VALUES ("
             + id + ", " + id + ", " + time + ", 1);";
    }
    return sql + "COMMIT;";
}

TEST_F(Firefox, TruncatedDatabaseGivesAnErrorAndKeepsWhatItRead)
{
    expectTruncationKeepsSome(kParser, dir / "full.sqlite", manyVisits(3000), countVisitsFrom("moz_historyvisits"),
                              3000, "moz_historyvisits");
}

TEST_F(Firefox, CorruptPagesGiveAnErrorNotACrash)
{
    expectCorruptPagesReported(kParser, dir / "places.sqlite", manyVisits(3000), 4096 * 20, 4096 * 10,
                               countVisitsFrom("moz_historyvisits"), 3000);
}

TEST_F(Firefox, GarbageIsNotOpened)
{
    expectGarbageRefused(kParser, dir / "places.sqlite");
}

TEST_F(Firefox, AVisitOnlyInTheWalIsFoundAndMarked)
{
    const auto db = dir / "places.sqlite";
    createDatabaseWithWal(db, std::string(kModernDdl) + kModernRows,
                          "INSERT INTO moz_historyvisits (id, from_visit, place_id, visit_date, visit_type) VALUES "
                          "(7, 0, 1, 1772359800000000, 1);");
    const auto withWal =
        expectWalOnlyRecord(kParser, db, recordFromRow("moz_historyvisits", 7), recordFromRow("moz_historyvisits", 1),
                            countVisitsFrom("moz_historyvisits"));
    const auto *recent = visitAt(withWal.records, "moz_historyvisits", 7);
    ASSERT_NE(recent, nullptr);
    EXPECT_EQ(recent->url, "https://www.example.org/club/schedule");
    EXPECT_EQ(toIso8601(*recent->time), "2026-03-01T10:10:00Z");
}

TEST(FirefoxExternal, PublicSampleReachesAll92Places)
{
    const auto sample = externalFile("chat/firefox_places.sqlite");
    if (!sample)
        GTEST_SKIP() << "external test data not found (../shared/testdata/external/chat/firefox_places.sqlite)";
    const auto r = parseDatabase(kRegister, kId, *sample, kDesktopPath);
    ASSERT_TRUE(r.accepted);
    EXPECT_TRUE(r.errors.empty());
    // Checked by hand: sqlite3 firefox_places.sqlite "select count(*) from moz_places" (92),
    // "select * from moz_historyvisits" (one row: place 92, visit_date 1309518981371935, type 2).
    EXPECT_EQ(visitsFrom(r.records, "moz_historyvisits"), 1u);
    EXPECT_EQ(r.records.visits.size(), 92u);
    std::set<std::string> urls;
    for (const auto &v : r.records.visits)
        urls.insert(v.url);
    EXPECT_EQ(urls.size(), 92u);   // every place is reachable, each once
    for (std::int64_t id = 1; id <= 91; ++id)
        EXPECT_NE(visitAt(r.records, "moz_places", id), nullptr) << "place " << id;

    const auto *visit = visitAt(r.records, "moz_historyvisits", 1);
    ASSERT_NE(visit, nullptr);
    EXPECT_EQ(visit->url, "http://news.google.com/");
    EXPECT_EQ(visit->title, "Google News");
    EXPECT_EQ(toIso8601(*visit->time), "2011-07-01T11:16:21.371935Z");
    EXPECT_EQ(visit->transition, "typed");
    const auto *ubuntu = visitAt(r.records, "moz_places", 4);   // a bookmark never visited
    ASSERT_NE(ubuntu, nullptr);
    EXPECT_EQ(ubuntu->url, "http://www.ubuntulinux.org/");
    EXPECT_EQ(ubuntu->title, "www.ubuntulinux.org");
    EXPECT_FALSE(ubuntu->time);
    EXPECT_TRUE(r.records.searches.empty());   // no result pages, moz_inputhistory is empty
}

} // namespace
} // namespace vigil::test
