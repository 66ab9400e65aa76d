// SPDX-License-Identifier: GPL-3.0-or-later
#include "plugins/parsers/chrome/chrome.h"

#include <gtest/gtest.h>

#include "core/util/timeutil.h"
#include "tests/plugins/parsers/parsertest.h"

namespace vigil::test {
namespace {

using model::RecordSource;

const RegisterFn kRegister = plugins::registerChromePlugin;
constexpr const char *kId = "chrome";
const ParserUnderTest kParser{kRegister, kId};
constexpr const char *kAndroidPath = "/data/data/com.android.chrome/app_chrome/Default/History";

// Chrome 120+ History (database version 60s), the tables the parser reads as Chromium creates
// them (indexes, downloads and the annotation/cluster tables left out):
// ddl("chrome_history_current") (tests/data/ddl/, shared with the demo evidence).

// 2026-03-01T10:00:00Z as WebKit microseconds (since 1601-01-01).
constexpr std::int64_t kT0 = 13416832800000000;

// Transitions: 805306373 = GENERATED|CHAIN_START|CHAIN_END (a search from the address bar),
// 805306368 = LINK|chain, 838860801 = TYPED|FROM_ADDRESS_BAR|chain, 805306376 = RELOAD|chain.
constexpr const char *kModernRows = R"SQL(
INSERT INTO meta VALUES ('version', '66'), ('last_compatible_version', '16');
INSERT INTO urls (id, url, title, visit_count, typed_count, last_visit_time, hidden) VALUES
  (1, 'https://www.google.com/search?q=swim+club+times&oq=swim+club', 'swim club times - Google Search', 1, 0, 13416832800000000, 0),
  (2, 'https://www.example.org/club/schedule', 'Club schedule', 2, 1, 13416832860000000, 0),
  (3, 'https://www.bing.com/search?q=library%20opening%20hours&form=QBLH', 'library opening hours - Search', 1, 0, 13416832920000000, 0),
  (4, 'https://www.youtube.com/results?search_query=how+to+tie+a+tie', 'how to tie a tie - YouTube', 1, 0, 13416832980000000, 0),
  (5, 'https://news.example.net/sport', 'Sport news', 0, 0, 13416746400000000, 0);
INSERT INTO visits (id, url, visit_time, from_visit, transition, visit_duration) VALUES
  (1, 1, 13416832800000000, 0, 805306373, 5000000),
  (2, 2, 13416832830500000, 1, 805306368, 20000000),
  (3, 2, 13416832860000000, 0, 838860801, 0),
  (4, 3, 13416832920000000, 0, 805306368, 0),
  (5, 4, 13416832980000000, 0, 805306376, 0),
  (6, 99, 13416833040000000, 0, 0, 0);
INSERT INTO visit_source VALUES (4, 0);
INSERT INTO keyword_search_terms VALUES (2, 1, 'swim club times', 'swim club times');
)SQL";

class Chrome : public ::testing::Test {
protected:
    ParseResult parseModern(const std::string &devicePath = kAndroidPath)
    {
        return parseNewDatabase(kRegister, kId, dir / ("History" + std::to_string(++m_made)),
                                ddl("chrome_history_current") + kModernRows, devicePath);
    }
    ScratchDir dir;

private:
    int m_made = 0;
};

TEST_F(Chrome, EveryVisitRowBecomesAVisitWithUrlTitleTimeAndTransition)
{
    const auto r = parseModern();
    ASSERT_TRUE(r.accepted);
    EXPECT_TRUE(r.errors.empty());
    EXPECT_EQ(r.records.app, "chrome");
    EXPECT_EQ(r.records.appName, "Google Chrome");
    EXPECT_EQ(visitsFrom(r.records, "visits"), 6u);

    const auto *search = visitAt(r.records, "visits", 1);
    ASSERT_NE(search, nullptr);
    EXPECT_EQ(search->url, "https://www.google.com/search?q=swim+club+times&oq=swim+club");
    EXPECT_EQ(search->title, "swim club times - Google Search");
    ASSERT_TRUE(search->time);
    EXPECT_EQ(toIso8601(*search->time), "2026-03-01T10:00:00Z");
    EXPECT_EQ(search->transition, "generated");
    EXPECT_EQ(search->origin.source, RecordSource::Live);

    const auto *link = visitAt(r.records, "visits", 2);
    ASSERT_NE(link, nullptr);
    EXPECT_EQ(link->url, "https://www.example.org/club/schedule");
    EXPECT_EQ(link->title, "Club schedule");
    EXPECT_EQ(toIso8601(*link->time), "2026-03-01T10:00:30.5Z");
    EXPECT_EQ(link->transition, "link");

    EXPECT_EQ(visitAt(r.records, "visits", 3)->transition, "typed");   // qualifier bits masked off
    EXPECT_EQ(visitAt(r.records, "visits", 5)->transition, "reload");
}

TEST_F(Chrome, SyncedVisitsAreMarkedAndOrphanVisitsKept)
{
    const auto r = parseModern();
    const auto *synced = visitAt(r.records, "visits", 4);
    ASSERT_NE(synced, nullptr);
    EXPECT_EQ(synced->transition, "link (synced)");
    EXPECT_EQ(toIso8601(*synced->time), "2026-03-01T10:02:00Z");

    // The url row of visit 6 is gone: the visit stays, with its time, without a URL.
    const auto *orphan = visitAt(r.records, "visits", 6);
    ASSERT_NE(orphan, nullptr);
    EXPECT_EQ(orphan->url, "");
    EXPECT_EQ(toIso8601(*orphan->time), "2026-03-01T10:04:00Z");
}

TEST_F(Chrome, UrlsWithoutVisitRowsKeepTheirLastVisit)
{
    const auto r = parseModern();
    ASSERT_EQ(r.records.visits.size(), 7u);
    const auto *expired = visitAt(r.records, "urls", 5);
    ASSERT_NE(expired, nullptr);
    EXPECT_EQ(expired->url, "https://news.example.net/sport");
    EXPECT_EQ(expired->title, "Sport news");
    EXPECT_EQ(toIso8601(*expired->time), "2026-02-28T10:00:00Z");
    EXPECT_EQ(expired->transition, "");
    EXPECT_EQ(visitAt(r.records, "urls", 1), nullptr);   // visited URLs appear as visits only
}

TEST_F(Chrome, KeywordTermsAndResultUrlsBecomeSearches)
{
    const auto r = parseModern();
    ASSERT_EQ(r.records.searches.size(), 3u);   // the keyword row's URL is not counted twice

    const auto *keyword = searchFor(r.records, "swim club times");
    ASSERT_NE(keyword, nullptr);
    EXPECT_EQ(keyword->engine, "Google");
    EXPECT_EQ(keyword->url, "https://www.google.com/search?q=swim+club+times&oq=swim+club");
    EXPECT_EQ(toIso8601(*keyword->time), "2026-03-01T10:00:00Z");
    EXPECT_EQ(keyword->origin.table, "keyword_search_terms");
    EXPECT_EQ(keyword->origin.rowid, 1);

    const auto *bing = searchFor(r.records, "library opening hours");
    ASSERT_NE(bing, nullptr);
    EXPECT_EQ(bing->engine, "Bing");
    EXPECT_EQ(toIso8601(*bing->time), "2026-03-01T10:02:00Z");
    EXPECT_EQ(bing->origin.table, "urls");
    EXPECT_EQ(bing->origin.rowid, 3);

    const auto *youtube = searchFor(r.records, "how to tie a tie");
    ASSERT_NE(youtube, nullptr);
    EXPECT_EQ(youtube->engine, "YouTube");
    EXPECT_EQ(youtube->origin.rowid, 4);
}

TEST_F(Chrome, BrowserIsNamedFromThePath)
{
    EXPECT_EQ(parseModern("C:/Users/sam/AppData/Local/Microsoft/Edge/User Data/Default/History").records.appName,
              "Microsoft Edge");
    EXPECT_EQ(parseModern("/Users/sam/Library/Application Support/BraveSoftware/Brave-Browser/Default/History")
                  .records.appName,
              "Brave");
    EXPECT_EQ(parseModern("C:/Users/sam/AppData/Roaming/Opera Software/Opera Stable/History").records.appName, "Opera");
    EXPECT_EQ(parseModern("/home/sam/.config/unknown-browser/Default/History").records.appName, "Chromium browser");
}

TEST_F(Chrome, OldLayoutWithLowerTermAndNoVisitDuration)
{
    // History version 20 (Chrome 10-12, 2011): favicon_id in urls, is_indexed and no
    // visit_duration in visits, keyword_search_terms with lower_term before term.
    const auto r = parseNewDatabase(kRegister, kId, dir / "History", R"SQL(
CREATE TABLE meta(key LONGVARCHAR NOT NULL UNIQUE PRIMARY KEY,value LONGVARCHAR);
CREATE TABLE urls(id INTEGER PRIMARY KEY,url LONGVARCHAR,title LONGVARCHAR,visit_count INTEGER DEFAULT 0 NOT NULL,typed_count INTEGER DEFAULT 0 NOT NULL,last_visit_time INTEGER NOT NULL,hidden INTEGER DEFAULT 0 NOT NULL,favicon_id INTEGER DEFAULT 0 NOT NULL);
CREATE TABLE visits(id INTEGER PRIMARY KEY,url INTEGER NOT NULL,visit_time INTEGER NOT NULL,from_visit INTEGER,transition INTEGER DEFAULT 0 NOT NULL,segment_id INTEGER,is_indexed BOOLEAN);
CREATE TABLE visit_source(id INTEGER PRIMARY KEY,source INTEGER NOT NULL);
CREATE TABLE keyword_search_terms (keyword_id INTEGER NOT NULL,url_id INTEGER NOT NULL,lower_term LONGVARCHAR NOT NULL,term LONGVARCHAR NOT NULL);
CREATE TABLE segments (id INTEGER PRIMARY KEY,name VARCHAR,url_id INTEGER NON NULL,pres_index INTEGER DEFAULT -1 NOT NULL);
CREATE TABLE segment_usage (id INTEGER PRIMARY KEY,segment_id INTEGER NOT NULL,time_slot INTEGER NOT NULL,visit_count INTEGER DEFAULT 0 NOT NULL);
CREATE TABLE presentation(url_id INTEGER PRIMARY KEY,pres_index INTEGER NOT NULL);
INSERT INTO meta VALUES ('version', '20');
INSERT INTO urls VALUES (7, 'http://www.google.co.uk/search?hl=en&q=Football+Kit', 'Football Kit - Google Search', 1, 0, 12946651391000000, 0, 0);
INSERT INTO visits VALUES (3, 7, 12946651391250000, 0, 805306369, 0, 1);
INSERT INTO keyword_search_terms VALUES (2, 7, 'football kit', 'Football Kit');
)SQL", "/home/sam/.config/google-chrome/Default/History");
    ASSERT_TRUE(r.accepted);
    EXPECT_TRUE(r.errors.empty());
    ASSERT_EQ(r.records.visits.size(), 1u);
    EXPECT_EQ(toIso8601(*r.records.visits[0].time), "2011-04-07T12:03:11.25Z");
    EXPECT_EQ(r.records.visits[0].transition, "typed");
    ASSERT_EQ(r.records.searches.size(), 1u);
    EXPECT_EQ(r.records.searches[0].terms, "Football Kit");   // as typed, not lower_term
    EXPECT_EQ(r.records.searches[0].engine, "Google");
    EXPECT_EQ(toIso8601(*r.records.searches[0].time), "2011-04-07T12:03:11.25Z");
}

TEST_F(Chrome, MidLayoutWithVisitDuration)
{
    // Chrome 23-era History: is_indexed and visit_duration in visits, still lower_term.
    const auto r = parseNewDatabase(kRegister, kId, dir / "History", R"SQL(
CREATE TABLE urls(id INTEGER PRIMARY KEY,url LONGVARCHAR,title LONGVARCHAR,visit_count INTEGER DEFAULT 0 NOT NULL,typed_count INTEGER DEFAULT 0 NOT NULL,last_visit_time INTEGER NOT NULL,hidden INTEGER DEFAULT 0 NOT NULL,favicon_id INTEGER DEFAULT 0 NOT NULL);
CREATE TABLE visits(id INTEGER PRIMARY KEY,url INTEGER NOT NULL,visit_time INTEGER NOT NULL,from_visit INTEGER,transition INTEGER DEFAULT 0 NOT NULL,segment_id INTEGER,is_indexed BOOLEAN,visit_duration INTEGER DEFAULT 0 NOT NULL);
CREATE TABLE keyword_search_terms (keyword_id INTEGER NOT NULL,url_id INTEGER NOT NULL,lower_term LONGVARCHAR NOT NULL,term LONGVARCHAR NOT NULL);
INSERT INTO urls VALUES (1, 'https://duckduckgo.com/?q=cheap+football+boots', 'cheap football boots at DuckDuckGo', 1, 0, 13001833567334094, 0, 0);
INSERT INTO visits VALUES (1, 1, 13001833567334094, 0, 805306370, 0, 1, 8629624);
)SQL");
    ASSERT_TRUE(r.accepted);
    EXPECT_TRUE(r.errors.empty());
    ASSERT_EQ(r.records.visits.size(), 1u);
    EXPECT_EQ(r.records.visits[0].transition, "bookmark");
    EXPECT_EQ(toIso8601(*r.records.visits[0].time), "2013-01-05T04:26:07.334094Z");
    ASSERT_EQ(r.records.searches.size(), 1u);
    EXPECT_EQ(r.records.searches[0].engine, "DuckDuckGo");
    EXPECT_EQ(r.records.searches[0].terms, "cheap football boots");
    EXPECT_EQ(r.records.appName, "Chromium browser");
}

TEST_F(Chrome, NullsJunkAndBinaryTextAreKept)
{
    const auto r = parseNewDatabase(kRegister, kId, dir / "History", ddl("chrome_history_current") + R"SQL(
INSERT INTO urls (id, url, title, last_visit_time) VALUES (1, NULL, NULL, -5);
INSERT INTO urls (id, url, title, last_visit_time) VALUES (2, X'68747470733A2F2F612E6578616D706C652FFF', X'00436C7562', 'soon');
INSERT INTO visits (id, url, visit_time, transition) VALUES (1, 1, 'junk', X'00');
INSERT INTO visits (id, url, visit_time, transition) VALUES (2, 2, 99999999999999999999, -1);
INSERT INTO visits (id, url, visit_time, transition) VALUES (3, 'two', 0, 7);
INSERT INTO keyword_search_terms VALUES (1, 2, X'C3', '');
)SQL");
    ASSERT_TRUE(r.accepted);
    EXPECT_TRUE(r.errors.empty());
    ASSERT_EQ(visitsFrom(r.records, "visits"), 3u);
    const auto *empty = visitAt(r.records, "visits", 1);
    EXPECT_EQ(empty->url, "");
    EXPECT_FALSE(empty->time);
    EXPECT_EQ(empty->transition, "");
    const auto *junk = visitAt(r.records, "visits", 2);
    EXPECT_EQ(junk->url, "https://a.example/\xEF\xBF\xBD");      // invalid byte kept visible
    EXPECT_EQ(junk->title, "\xEF\xBF\xBD" "Club");                // NUL too
    EXPECT_FALSE(junk->time);                                     // absurd, not overflowed
    EXPECT_EQ(junk->transition, "type 255");
    EXPECT_EQ(visitAt(r.records, "visits", 3)->transition, "form_submit");
    EXPECT_FALSE(visitAt(r.records, "visits", 3)->time);
    ASSERT_EQ(r.records.searches.size(), 1u);
    EXPECT_EQ(r.records.searches[0].terms, "\xEF\xBF\xBD");
    EXPECT_EQ(r.records.searches[0].engine, "a.example");   // not a known engine: its host
}

TEST_F(Chrome, RejectsOtherDatabases)
{
    const auto places = dir / "places.sqlite";
    createDatabase(places, "CREATE TABLE moz_places (id INTEGER PRIMARY KEY, url LONGVARCHAR, title LONGVARCHAR);"
                           "CREATE TABLE moz_historyvisits (id INTEGER PRIMARY KEY, place_id INTEGER, visit_date INTEGER,"
                           " visit_type INTEGER);");
    EXPECT_FALSE(parseDatabase(kRegister, kId, places).accepted);
    // A link-shortener's cache: urls and visits tables, but not Chromium's columns.
    const auto other = dir / "other.db";
    createDatabase(other, "CREATE TABLE urls (id INTEGER PRIMARY KEY, url TEXT, title TEXT, created INTEGER);"
                          "CREATE TABLE visits (id INTEGER PRIMARY KEY, url_id INTEGER, at INTEGER);");
    EXPECT_FALSE(parseDatabase(kRegister, kId, other).accepted);
}

std::string manyVisits(int n)
{
    std::string sql = ddl("chrome_history_current") + "BEGIN;";
    for (int i = 1; i <= n; ++i) {
        const std::string id = std::to_string(i);
        const std::string time = std::to_string(kT0 + i * 1000000LL);
        sql += "INSERT INTO urls (id, url, title, last_visit_time) VALUES (" + id + ", 'https://www.example.org/club/page/" + id
             + "?with=some&padding=to&fill=the&pages=quickly', 'Club page " + id + "', " + time + ");"
             + "INSERT INTO visits (id, url, visit_time, transition) VALUES (" + id + ", " + id + ", " + time + ", 805306368);";
    }
    return sql + "COMMIT;";
}

TEST_F(Chrome, TruncatedDatabaseGivesAnErrorAndKeepsWhatItRead)
{
    expectTruncationKeepsSome(kParser, dir / "full", manyVisits(3000), countVisitsFrom("visits"), 3000, "visits");
}

TEST_F(Chrome, CorruptPagesGiveAnErrorNotACrash)
{
    expectCorruptPagesReported(kParser, dir / "History", manyVisits(3000), 4096 * 20, 4096 * 10,
                               countVisitsFrom("visits"), 3000);
}

TEST_F(Chrome, GarbageIsNotOpened)
{
    expectGarbageRefused(kParser, dir / "History");
}

TEST_F(Chrome, AVisitOnlyInTheWalIsFoundAndMarked)
{
    const auto db = dir / "History";
    createDatabaseWithWal(db, ddl("chrome_history_current") + kModernRows,
                          "INSERT INTO visits (id, url, visit_time, transition) VALUES (7, 2, 13416833100000000, 805306368);");
    const auto withWal = expectWalOnlyRecord(kParser, db, recordFromRow("visits", 7), recordFromRow("visits", 1),
                                             countVisitsFrom("visits"));
    const auto *recent = visitAt(withWal.records, "visits", 7);
    ASSERT_NE(recent, nullptr);
    EXPECT_EQ(recent->url, "https://www.example.org/club/schedule");
    EXPECT_EQ(toIso8601(*recent->time), "2026-03-01T10:05:00Z");
}

TEST(ChromeExternal, PublicSampleHas69Visits)
{
    const auto sample = externalFile("chat/chrome_History");
    if (!sample)
        GTEST_SKIP() << "external test data not found (../shared/testdata/external/chat/chrome_History)";
    const auto r = parseDatabase(kRegister, kId, *sample, "/home/user/.config/google-chrome/Default/History");
    ASSERT_TRUE(r.accepted);
    EXPECT_TRUE(r.errors.empty());
    // Checked by hand: sqlite3 chrome_History "select count(*) from visits" (69), every one of
    // the 55 urls has a visit; visits 1-15 have visit_source.source 3 (imported from Firefox).
    EXPECT_EQ(r.records.visits.size(), 69u);
    EXPECT_EQ(visitsFrom(r.records, "visits"), 69u);
    const auto *first = visitAt(r.records, "visits", 1);
    ASSERT_NE(first, nullptr);
    EXPECT_EQ(first->url, "http://start.ubuntu.com/10.04/Google/");
    EXPECT_EQ(first->title, "Ubuntu Start Page");
    EXPECT_EQ(toIso8601(*first->time), "2011-04-07T12:03:11Z");   // visit_time 12946651391000000
    EXPECT_EQ(first->transition, "link (imported)");
    const auto *welcome = visitAt(r.records, "visits", 16);   // transition 805306374
    ASSERT_NE(welcome, nullptr);
    EXPECT_EQ(welcome->url, "http://tools.google.com/chrome/intl/en/welcome.html");
    EXPECT_EQ(toIso8601(*welcome->time), "2011-05-23T08:34:22.617502Z");
    EXPECT_EQ(welcome->transition, "auto_toplevel");
    EXPECT_EQ(visitAt(r.records, "visits", 23)->transition, "generated");
}

TEST(ChromeExternal, PublicSampleSearches)
{
    const auto sample = externalFile("chat/chrome_History");
    if (!sample)
        GTEST_SKIP() << "external test data not found (../shared/testdata/external/chat/chrome_History)";
    const auto r = parseDatabase(kRegister, kId, *sample);
    // Checked by hand: sqlite3 chrome_History "select rowid, * from keyword_search_terms" gives
    // three terms (url_id 20, 21, 22); urls 7 (q=java+plugin) and 19 (#...&q=grr) are Google
    // result pages with no keyword row.
    ASSERT_EQ(r.records.searches.size(), 5u);
    const auto *cats = searchFor(r.records, "funny cats");
    ASSERT_NE(cats, nullptr);
    EXPECT_EQ(cats->engine, "Google");
    EXPECT_EQ(cats->url, "http://www.google.ch/search?sourceid=chrome&ie=UTF-8&q=funny+cats");
    EXPECT_EQ(toIso8601(*cats->time), "2011-05-23T08:34:40.436195Z");   // visit 23
    EXPECT_EQ(cats->origin.table, "keyword_search_terms");
    EXPECT_EQ(cats->origin.rowid, 1);
    ASSERT_NE(searchFor(r.records, "really really funny cats"), nullptr);
    ASSERT_NE(searchFor(r.records, "funnycats.exe"), nullptr);
    const auto *java = searchFor(r.records, "java plugin");
    ASSERT_NE(java, nullptr);
    EXPECT_EQ(toIso8601(*java->time), "2011-05-05T14:52:07Z");   // visit 10
    EXPECT_EQ(java->origin.table, "urls");
    EXPECT_EQ(java->origin.rowid, 7);
    const auto *instant = searchFor(r.records, "grr");
    ASSERT_NE(instant, nullptr);
    EXPECT_EQ(toIso8601(*instant->time), "2011-05-23T08:34:34.216553Z");   // visit 22
}

} // namespace
} // namespace vigil::test
