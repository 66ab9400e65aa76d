// SPDX-License-Identifier: GPL-3.0-or-later
#include "plugins/parsers/websearch/websearch.h"

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

} // namespace
} // namespace vigil::plugins
