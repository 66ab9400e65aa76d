// SPDX-License-Identifier: GPL-3.0-or-later
#include "plugins/parsers/websearch/websearch.h"

#include "plugins/api/collectingsink.h"
#include "plugins/parsers/websearch/historypages.h"

#include <gtest/gtest.h>

namespace vigil::plugins {
namespace {

::testing::AssertionResult isSearch(std::string_view url, std::string_view engine, std::string_view terms)
{
    const auto found = searchFromUrl(url);
    if (!found)
        return ::testing::AssertionFailure() << url << " was not recognised as a search";
    if (found->engine != engine || found->terms != terms)
        return ::testing::AssertionFailure() << url << " gave engine \"" << found->engine << "\", terms \""
                                             << found->terms << "\"";
    return ::testing::AssertionSuccess();
}

TEST(WebSearch, RecognisesEachEngineAndItsParameter)
{
    EXPECT_TRUE(isSearch("https://www.google.com/search?q=swim+club+times&oq=swim", "Google", "swim club times"));
    EXPECT_TRUE(isSearch("https://www.bing.com/search?q=pizza%20near%20me&form=QBLH", "Bing", "pizza near me"));
    EXPECT_TRUE(isSearch("https://duckduckgo.com/?q=bus+timetable&ia=web", "DuckDuckGo", "bus timetable"));
    EXPECT_TRUE(isSearch("https://html.duckduckgo.com/html/?q=library+hours", "DuckDuckGo", "library hours"));
    EXPECT_TRUE(isSearch("https://search.yahoo.com/search;_ylt=AwrE?p=weather+leeds&fr=yfp", "Yahoo", "weather leeds"));
    EXPECT_TRUE(isSearch("https://uk.search.yahoo.com/search?p=tide+times", "Yahoo", "tide times"));
    EXPECT_TRUE(isSearch("https://search.yahoo.co.jp/search?p=ramen", "Yahoo", "ramen"));
    EXPECT_TRUE(isSearch("https://yandex.ru/search/?text=%D0%BF%D0%BE%D0%B3%D0%BE%D0%B4%D0%B0&lr=213", "Yandex",
                         "\xD0\xBF\xD0\xBE\xD0\xB3\xD0\xBE\xD0\xB4\xD0\xB0"));
    EXPECT_TRUE(isSearch("https://yandex.com.tr/search/?text=hava+durumu", "Yandex", "hava durumu"));
    EXPECT_TRUE(isSearch("https://www.baidu.com/s?ie=utf-8&wd=%E5%A4%A9%E6%B0%94", "Baidu", "\xE5\xA4\xA9\xE6\xB0\x94"));
    EXPECT_TRUE(isSearch("https://m.baidu.com/s?word=weather", "Baidu", "weather"));
    EXPECT_TRUE(isSearch("https://www.youtube.com/results?search_query=how+to+tie+a+tie", "YouTube", "how to tie a tie"));
    EXPECT_TRUE(isSearch("https://www.ecosia.org/search?method=index&q=tree+planting", "Ecosia", "tree planting"));
    EXPECT_TRUE(isSearch("https://www.startpage.com/do/search?query=chess+openings", "Startpage", "chess openings"));
    EXPECT_TRUE(isSearch("https://www.startpage.com/sp/search?q=chess+clubs", "Startpage", "chess clubs"));
    EXPECT_TRUE(isSearch("https://www.qwant.com/?q=velo&t=web", "Qwant", "velo"));
    EXPECT_TRUE(isSearch("https://search.brave.com/search?q=recipes&source=web", "Brave Search", "recipes"));
}

TEST(WebSearch, GoogleCountryDomainsAndInstantFragments)
{
    EXPECT_TRUE(isSearch("http://www.google.co.uk/search?hl=en&q=football+results", "Google", "football results"));
    EXPECT_TRUE(isSearch("https://www.google.com.au/search?q=beach", "Google", "beach"));
    EXPECT_TRUE(isSearch("http://www.google.ch/search?sourceid=chrome&ie=UTF-8&q=funny+cats", "Google", "funny cats"));
    // Google Instant kept the newest query in the fragment, after the one in the query string.
    EXPECT_TRUE(isSearch("http://www.google.ch/#hl=de&source=hp&q=grr&oq=grr", "Google", "grr"));
    EXPECT_TRUE(isSearch("https://www.google.com/search?q=old#q=newer", "Google", "newer"));
    EXPECT_TRUE(isSearch("HTTPS://WWW.GOOGLE.COM/search?q=Mixed+Case", "Google", "Mixed Case"));
}

TEST(WebSearch, DecodesPercentPlusAndKeepsBadEscapes)
{
    EXPECT_EQ(decodeQueryComponent("a+b%20c"), "a b c");
    EXPECT_EQ(decodeQueryComponent("1%2B1%3D2"), "1+1=2");
    EXPECT_EQ(decodeQueryComponent("100%"), "100%");
    EXPECT_EQ(decodeQueryComponent("%zz%4"), "%zz%4");
    EXPECT_EQ(decodeQueryComponent("caf%C3%A9"), "caf\xC3\xA9");
    // Latin-1 bytes are not UTF-8: each becomes U+FFFD, and so does an escaped NUL.
    EXPECT_EQ(decodeQueryComponent("caf%E9"), "caf\xEF\xBF\xBD");
    EXPECT_EQ(decodeQueryComponent("a%00b"), "a\xEF\xBF\xBD" "b");
    EXPECT_TRUE(isSearch("https://www.google.com/search?q=+%20+trimmed++", "Google", "trimmed"));
}

TEST(WebSearch, IgnoresPagesThatAreNotResults)
{
    EXPECT_FALSE(searchFromUrl("https://www.google.com/url?q=https://example.org/&sa=U"));
    EXPECT_FALSE(searchFromUrl("https://www.google.com/accounts/ServiceLogin?service=mail&q=x"));
    EXPECT_FALSE(searchFromUrl("https://www.google.com/?gws_rd=ssl"));
    EXPECT_FALSE(searchFromUrl("https://www.google.com/search?q="));
    EXPECT_FALSE(searchFromUrl("https://www.google.com/search?q=+++"));
    EXPECT_FALSE(searchFromUrl("https://www.google.evil.example/search?q=x"));
    EXPECT_FALSE(searchFromUrl("https://notgoogle.com/search?q=x"));
    EXPECT_FALSE(searchFromUrl("https://google.example.com/search?q=x"));
    EXPECT_FALSE(searchFromUrl("https://www.yahoo.com/search?p=x"));   // only search.yahoo.* is the engine
    EXPECT_FALSE(searchFromUrl("https://www.example.org/search?q=club"));
    EXPECT_FALSE(searchFromUrl("ftp://www.google.com/search?q=x"));
    EXPECT_FALSE(searchFromUrl("not a url"));
    EXPECT_FALSE(searchFromUrl(""));
    EXPECT_FALSE(searchFromUrl("https://www.youtube.com/watch?v=abc&search_query=x"));
}

TEST(WebSearch, HostOfUrls)
{
    EXPECT_EQ(urlHost("https://user:pw@WWW.Example.ORG:8443/path?q=1"), "www.example.org");
    EXPECT_EQ(urlHost("http://en.wikipedia.org"), "en.wikipedia.org");
    EXPECT_EQ(urlHost("http://[::1]:8080/"), "[::1]");
    EXPECT_EQ(urlHost("file:///home/user/page.html"), "");
    EXPECT_EQ(urlHost("no scheme"), "");
}

// ---- history pages ------------------------------------------------------------------------

model::WebVisitRecord visitAt(std::optional<UtcNanos> time, std::string title = {})
{
    model::WebVisitRecord v;
    v.time = time;
    v.title = std::move(title);
    return v;
}

TEST(HistoryPages, VisitsTakeThePageUrlAndThePageItsEarliestVisit)
{
    HistoryPage page("https://www.example.org/", "Example", 500);
    auto late = visitAt(300);
    page.addVisit(late);
    EXPECT_EQ(late.url, "https://www.example.org/");
    EXPECT_EQ(late.title, "Example");
    auto early = visitAt(100, "the visit's own title");
    page.addVisit(early);
    auto untimed = visitAt(std::nullopt);
    page.addVisit(untimed);
    EXPECT_EQ(early.title, "Example");
    EXPECT_TRUE(page.visited);
    EXPECT_EQ(page.firstVisit, 100);
    EXPECT_EQ(page.searchTime(), 100);

    HistoryPage untitled("https://www.example.org/b", {});   // Safari: titles are per visit
    auto own = visitAt(7, "Visit title");
    untitled.addVisit(own);
    EXPECT_EQ(own.title, "Visit title");
    EXPECT_EQ(untitled.searchTime(), 7);
    EXPECT_EQ(HistoryPage("u", {}, 9).searchTime(), 9);   // no visit row: the page's own time
}

TEST(HistoryPages, UnvisitedPagesAndResultPagesBecomeRecords)
{
    HistoryPages pages;
    pages[1] = HistoryPage("https://www.google.com/search?q=swim+club", "swim club - Google Search", 1000);
    pages[2] = HistoryPage("https://www.bing.com/search?q=pizza", "pizza - Search", 2000);
    pages[3] = HistoryPage("https://www.example.org/", "Example", 3000);
    auto visit = visitAt(900);
    pages[1].addVisit(visit);
    CollectingSink sink;
    const plugins::FileContext file{1, 7, "/History", "History", "sqlite", 1, false};
    {
        RecordEmitter out(file, sink, "chrome", "Google Chrome");
        addUnvisitedPages(out, pages, "urls");
        addResultPageSearches(out, pages, "urls", {2});   // page 2 is covered by a keyword table
    }
    const auto r = sink.records();
    ASSERT_EQ(r.visits.size(), 2u);
    EXPECT_EQ(r.visits[0].url, "https://www.bing.com/search?q=pizza");
    EXPECT_EQ(r.visits[0].title, "pizza - Search");
    EXPECT_EQ(r.visits[0].time, 2000);
    EXPECT_EQ(r.visits[0].origin.table, "urls");
    EXPECT_EQ(r.visits[0].origin.rowid, 2);
    EXPECT_EQ(r.visits[1].origin.rowid, 3);
    ASSERT_EQ(r.searches.size(), 1u);
    EXPECT_EQ(r.searches[0].terms, "swim club");
    EXPECT_EQ(r.searches[0].engine, "Google");
    EXPECT_EQ(r.searches[0].url, "https://www.google.com/search?q=swim+club");
    EXPECT_EQ(r.searches[0].time, 900);   // its first visit, not the page's last
    EXPECT_EQ(r.searches[0].origin.rowid, 1);
}

TEST(HistoryPages, BrowserIsNamedByTheFirstMarkerInThePath)
{
    constexpr BrowserMarker kMarkers[] = {{"microsoft/edge", "Microsoft Edge"}, {"chrome", "Google Chrome"}};
    EXPECT_EQ(browserFromPath("C:/Users/a/AppData/Local/Microsoft/Edge/User Data/Default/History", kMarkers, "Other"),
              "Microsoft Edge");
    EXPECT_EQ(browserFromPath("/data/data/com.android.CHROME/app_chrome/Default/History", kMarkers, "Other"),
              "Google Chrome");
    EXPECT_EQ(browserFromPath("/home/a/.config/vivaldi/Default/History", kMarkers, "Other"), "Other");
}

} // namespace
} // namespace vigil::plugins
