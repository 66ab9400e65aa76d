// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/analysis/geo/gazetteer.h"
#include "tests/testutil/tempdir.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

using namespace vigil;
using namespace vigil::analysis;

namespace {

const std::filesystem::path kResources = std::filesystem::path(VIGIL_SOURCE_DIR) / "resources";

const Gazetteer &shipped()
{
    static const Gazetteer gazetteer = [] {
        auto g = Gazetteer::load(kResources / "geo/places-en.json", kResources / "lexicons/en");
        if (!g) {
            ADD_FAILURE() << g.error().toString();
            return Gazetteer{};
        }
        return std::move(*g);
    }();
    return gazetteer;
}

// The countries of every stated place, in order: "IE", "GE|US".
std::vector<std::string> countriesIn(std::string_view text)
{
    std::vector<std::string> out;
    for (const auto &m : shipped().places(text)) {
        std::string joined;
        for (const auto &c : m.countries)
            joined += (joined.empty() ? "" : "|") + c;
        out.push_back(joined);
    }
    return out;
}

using Codes = std::vector<std::string>;

std::optional<int> statedMinute(std::string_view text)
{
    const auto times = shipped().times(text);
    if (times.size() != 1)
        return std::nullopt;
    return times.front().minuteOfDay;
}

Result<Gazetteer> parsePlaces(const std::string &json)
{
    return Gazetteer::parse(json, "places.json", {"not", "dont"}, 3);
}

} // namespace

TEST(Gazetteer, StatedCountriesAndCities)
{
    EXPECT_EQ(countriesIn("I live in Dublin"), Codes{"IE"});
    EXPECT_EQ(countriesIn("hi! im from canada lol"), Codes{"CA"});
    EXPECT_EQ(countriesIn("I\xE2\x80\x99m from Canada"), Codes{"CA"});   // curly apostrophe
    EXPECT_EQ(countriesIn("it's so hot here in Sydney today"), Codes{"AU"});
    EXPECT_EQ(countriesIn("I'm originally from Cork"), Codes{"IE"});
    EXPECT_EQ(countriesIn("we moved to Toronto last year"), Codes{"CA"});
    EXPECT_EQ(countriesIn("I am based in Paris"), Codes{"FR"});
    EXPECT_EQ(countriesIn("I'm Irish"), Codes{"IE"});
    EXPECT_EQ(countriesIn("i'm english"), Codes{"GB"});
}

TEST(Gazetteer, ReportsThePhraseAndThePlaceAsWritten)
{
    const std::string text = "well, I live in New York now";
    const auto places = shipped().places(text);
    ASSERT_EQ(places.size(), 1u);
    EXPECT_EQ(places[0].patternId, "live-in");
    EXPECT_EQ(places[0].place, "New York");
    EXPECT_EQ(places[0].name, "new york");
    EXPECT_EQ(places[0].countries, Codes{"US"});
    EXPECT_EQ(text.substr(places[0].begin, places[0].end - places[0].begin), "I live in New York");
}

TEST(Gazetteer, LongestNameWins)
{
    EXPECT_EQ(countriesIn("I live in New South Wales"), Codes{"AU"});
    EXPECT_EQ(countriesIn("I'm from Northern Ireland"), Codes{"GB"});
    EXPECT_EQ(countriesIn("I live in New Jersey"), Codes{"US"});
    EXPECT_EQ(countriesIn("I live in Jersey"), Codes{"JE"});
    EXPECT_EQ(countriesIn("I'm from Papua New Guinea"), Codes{"PG"});
}

TEST(Gazetteer, ArticlesOnlyBeforeCountriesAndRegions)
{
    EXPECT_EQ(countriesIn("I live in the UK"), Codes{"GB"});
    EXPECT_EQ(countriesIn("I'm from the Netherlands"), Codes{"NL"});
    EXPECT_EQ(countriesIn("I'm from the US"), Codes{"US"});
    EXPECT_TRUE(countriesIn("I'm in the bath").empty());     // Bath, the city, takes no article
    EXPECT_EQ(countriesIn("I live in Bath"), Codes{"GB"});
}

TEST(Gazetteer, SharedNamesStayAmbiguous)
{
    // Georgia: the country and the US state. Both are kept, each at the lower confidence.
    EXPECT_EQ(countriesIn("I live in Georgia"), Codes{"GE|US"});
    EXPECT_EQ(countriesIn("I'm Georgian"), Codes{"GE|US"});
    EXPECT_EQ(countriesIn("I live in Birmingham"), Codes{"GB|US"});
    EXPECT_EQ(countriesIn("I live in Perth"), Codes{"AU|GB"});
}

TEST(Gazetteer, NegationCancels)
{
    EXPECT_TRUE(countriesIn("I'm not from Canada").empty());
    EXPECT_TRUE(countriesIn("I don't live in Canada").empty());
    EXPECT_TRUE(countriesIn("I never said I live in Leeds").empty());
    EXPECT_TRUE(countriesIn("I'm not Irish").empty());
    EXPECT_TRUE(countriesIn("I am not in Dublin").empty());
    // A comma ends the clause: the "no" answers the question before.
    EXPECT_EQ(countriesIn("no, I'm from Leeds"), Codes{"GB"});
    EXPECT_EQ(countriesIn("I'm not from Canada, I'm from Ireland"), Codes{"IE"});
}

TEST(Gazetteer, OnlyTheSpeakerAboutThemself)
{
    EXPECT_TRUE(countriesIn("do you live in Canada?").empty());
    EXPECT_TRUE(countriesIn("my cousin lives in Dublin").empty());
    EXPECT_TRUE(countriesIn("he said \"I live in Dublin\"").empty());   // quoted
    EXPECT_TRUE(countriesIn("you're from Canada right").empty());
}

TEST(Gazetteer, LookalikesDoNotCount)
{
    EXPECT_TRUE(countriesIn("we ate turkey for dinner").empty());
    EXPECT_TRUE(countriesIn("I'm in Chad's room").empty());
    EXPECT_TRUE(countriesIn("I'm in year 8").empty());
    EXPECT_TRUE(countriesIn("I live in Georgiana street").empty());
    EXPECT_TRUE(countriesIn("I'm in love").empty());
    EXPECT_TRUE(countriesIn("I'm from school").empty());
    EXPECT_EQ(countriesIn("I'm from Turkey"), Codes{"TR"});
}

TEST(Gazetteer, StatedTimes)
{
    EXPECT_EQ(statedMinute("it's 10pm here"), 22 * 60);
    EXPECT_EQ(statedMinute("its 10:30 pm here"), 22 * 60 + 30);
    EXPECT_EQ(statedMinute("it's 10.30pm here"), 22 * 60 + 30);
    EXPECT_EQ(statedMinute("it's 7 in the morning here"), 7 * 60);
    EXPECT_EQ(statedMinute("it's 6 in the evening here"), 18 * 60);
    EXPECT_EQ(statedMinute("it's midnight here"), 0);
    EXPECT_EQ(statedMinute("it's 22:00 here"), 22 * 60);
    EXPECT_EQ(statedMinute("it's 3 a.m. over here"), 3 * 60);
    EXPECT_EQ(statedMinute("it's 12am here"), 0);
    EXPECT_EQ(statedMinute("it's 12pm here"), 12 * 60);
    EXPECT_EQ(statedMinute("here it's 2 at night"), 2 * 60);
    EXPECT_EQ(statedMinute("it's 11 at night here"), 23 * 60);
    EXPECT_EQ(statedMinute("it's already 1am here"), 60);
    EXPECT_EQ(statedMinute("it's 07:15 here"), 7 * 60 + 15);
    EXPECT_EQ(statedMinute("it's 9 o'clock in the morning where I am"), 9 * 60);
}

TEST(Gazetteer, StatedTimePrecision)
{
    const auto whole = shipped().times("it's 10pm here");
    ASSERT_EQ(whole.size(), 1u);
    EXPECT_EQ(whole[0].earlyMinutes, 15);
    EXPECT_EQ(whole[0].lateMinutes, 60);   // "10pm" is said until about 22:59
    const auto exact = shipped().times("it's 10:30pm here");
    ASSERT_EQ(exact.size(), 1u);
    EXPECT_EQ(exact[0].earlyMinutes, 10);
    EXPECT_EQ(exact[0].lateMinutes, 10);
}

TEST(Gazetteer, AmbiguousOrFalseTimesAreLeftOut)
{
    for (const char *text : {"it's 10 here", "it's 20 here", "it's 10:30 here", "it's 10th here", "it's 13 here",
                             "it's not 10pm here", "it's 10k here", "it's 25:00 here", "it's 10:75pm here",
                             "it's 14pm here", "see you at 10pm here", "\"it's 10pm here\" he wrote"})
        EXPECT_TRUE(shipped().times(text).empty()) << text;
}

TEST(Gazetteer, GarbageAndEdgeTextNeverCrash)
{
    std::string garbage;
    std::uint32_t x = 99;
    for (int i = 0; i < 20000; ++i) {
        x = x * 1664525u + 1013904223u;
        garbage.push_back(static_cast<char>(x >> 24));
    }
    (void)shipped().places(garbage);
    (void)shipped().times(garbage);
    EXPECT_TRUE(shipped().places("").empty());
    EXPECT_TRUE(shipped().places("I live in").empty());
    EXPECT_TRUE(shipped().times("it's").empty());
    EXPECT_TRUE(shipped().times("it's 10:").empty());
    EXPECT_TRUE(shipped().times("it's 10pm").empty());
    std::string longText;
    for (int i = 0; i < 5000; ++i)
        longText += "I live in ";
    EXPECT_TRUE(shipped().places(longText).empty());
    EXPECT_EQ(shipped().places(longText + "Dublin").size(), 1u);
}

TEST(Gazetteer, BadPlacesFilesAreErrors)
{
    const char *bad[] = {
        "",
        "{",
        "[]",
        R"({"countries":{}})",
        R"({"patterns":[],"countries":[]})",
        R"({"patterns":[{"id":"x","pattern":"i live in"}],"countries":{}})",
        R"({"patterns":[{"id":"x","pattern":"{place} {place}"}],"countries":{}})",
        R"({"patterns":[{"id":"x","pattern":"{place}"}],"countries":{}})",
        R"({"patterns":[{"id":"x","pattern":"i live in {place}"}],"countries":{"gb":["uk"]}})",
        R"({"patterns":[{"id":"x","pattern":"i live in {place}"}],"countries":{"GB":[""]}})",
        R"({"patterns":[{"id":"x","pattern":"i live in {place}"}],"countries":{"GB":"uk"}})",
        R"({"patterns":[{"id":"x","pattern":"it's {time} here"}],"countries":{}})",
        R"({"patterns":[{"id":"x","pattern":"it's {time} here"}],"countries":{},"time":{"named":{"noon":"25:00"}}})",
        R"({"patterns":[{"id":"x","pattern":"it's {time} here"}],"countries":{},"time":{"dayParts":[{"phrase":"x","from":10,"to":5}]}})",
        R"({"patterns":[{"id":"x","pattern":"i live in {place}"}],"countries":{},"fillers":["two words"]})",
        R"({"patterns":[{"id":"x","pattern":"i live in {place}"}],"countries":{},"maxFillers":9})",
        R"({"patterns":[7],"countries":{}})",
    };
    for (const char *json : bad) {
        auto r = parsePlaces(json);
        ASSERT_FALSE(r) << json;
        EXPECT_EQ(r.error().code, ErrorCode::Corrupt) << json;
    }
    auto good = parsePlaces(R"({"patterns":[{"id":"x","pattern":"i live in {place}"}],"countries":{"GB":["uk"]}})");
    ASSERT_TRUE(good) << good.error().toString();
    EXPECT_EQ(good->places("I live in UK").size(), 1u);
    EXPECT_TRUE(good->places("I dont live in UK").empty());
}

TEST(Gazetteer, MissingOrTruncatedFiles)
{
    auto missing = Gazetteer::load("/nonexistent/places-en.json", kResources / "lexicons/en");
    ASSERT_FALSE(missing);
    EXPECT_EQ(missing.error().code, ErrorCode::NotFound);
    EXPECT_FALSE(Gazetteer::load(kResources / "geo/places-en.json", "/nonexistent/lexicons"));

    std::ifstream in(kResources / "geo/places-en.json", std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    test::TempDir dir;
    std::ofstream(dir / "cut.json", std::ios::binary) << text.str().substr(0, text.str().size() / 2);
    auto cut = Gazetteer::load(dir / "cut.json", kResources / "lexicons/en");
    ASSERT_FALSE(cut);
    EXPECT_EQ(cut.error().code, ErrorCode::Corrupt);
}
