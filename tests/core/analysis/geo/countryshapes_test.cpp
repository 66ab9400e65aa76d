// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/analysis/geo/countryshapes.h"
#include "tests/testutil/tempdir.h"

#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <sstream>

using namespace vigil;
using namespace vigil::analysis;

namespace {

const std::filesystem::path kShipped = std::filesystem::path(VIGIL_SOURCE_DIR) / "resources/geo/countries.geojson";

const CountryShapes &world()
{
    static const CountryShapes shapes = [] {
        auto loaded = CountryShapes::load(kShipped);
        if (!loaded) {
            ADD_FAILURE() << loaded.error().toString();
            return CountryShapes{};
        }
        return std::move(*loaded);
    }();
    return shapes;
}

std::string readAll(const std::filesystem::path &file)
{
    std::ifstream in(file, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

void writeFile(const std::filesystem::path &file, const std::string &text)
{
    std::ofstream(file, std::ios::binary) << text;
}

// A 10x10 degree square with a 2x2 hole in the middle, and a separate island with the same code.
constexpr const char *kDonut = R"({"type":"FeatureCollection","features":[
 {"type":"Feature","properties":{"iso_a2":"QA","name":"Donut"},"geometry":{"type":"Polygon","coordinates":[
   [[0,0],[10,0],[10,10],[0,10],[0,0]], [[4,4],[6,4],[6,6],[4,6],[4,4]]]}},
 {"type":"Feature","properties":{"iso_a2":"QB","name":"Hole filler"},"geometry":{"type":"MultiPolygon","coordinates":[
   [[[4,4],[6,4],[6,6],[4,6]]]]}},
 {"type":"Feature","properties":{"iso_a2":"QA","name":"Donut"},"geometry":{"type":"Polygon","coordinates":[
   [[20,20],[22,20],[22,22],[20,22],[20,20]]]}}]})";

Result<CountryShapes> parse(const std::string &json)
{
    return CountryShapes::parse(json, "test.geojson");
}

} // namespace

TEST(CountryShapes, ShippedFileHoldsEveryCountry)
{
    EXPECT_GE(world().countries().size(), 240u);
    const CountryShape *gb = world().find("GB");
    ASSERT_NE(gb, nullptr);
    EXPECT_EQ(gb->name, "United Kingdom");
    EXPECT_LT(gb->min.lon, -7.0);
    EXPECT_GT(gb->max.lat, 58.0);
    EXPECT_EQ(world().nameOf("XK"), "Kosovo");
    EXPECT_EQ(world().nameOf("CX"), "Christmas Island");
    EXPECT_EQ(world().find("ZZ"), nullptr);
    EXPECT_EQ(world().nameOf("QQ"), "QQ");
}

TEST(CountryShapes, CountryAtKnownPlaces)
{
    const struct {
        const char *where;
        GeoPoint at;
        const char *country;
    } cases[] = {
        {"London", {-0.1276, 51.5072}, "GB"},        {"Dublin", {-6.2603, 53.3498}, "IE"},
        {"Toronto", {-79.3832, 43.6532}, "CA"},      {"Sydney", {151.2093, -33.8688}, "AU"},
        {"Paris", {2.3522, 48.8566}, "FR"},          {"Maseru, Lesotho", {27.4833, -29.3167}, "LS"},
        {"Bloemfontein", {26.2041, -29.0852}, "ZA"}, {"Belfast", {-5.9301, 54.5973}, "GB"},
        {"Pristina", {21.1655, 42.6629}, "XK"},      {"Christmas Island", {105.63, -10.47}, "CX"},
        {"Viti Levu, Fiji", {178.0, -17.8}, "FJ"},   {"Anchorage", {-149.90, 61.22}, "US"},
        {"Taveuni, Fiji (across 180)", {-179.97, -16.8}, "FJ"}, {"Chukotka (across 180)", {-175.0, 66.0}, "RU"},
        {"San Marino", {12.4578, 43.9424}, "SM"},    {"Rome", {12.4964, 41.8902}, "IT"},
        {"Antarctica, inland", {0.0, -85.0}, "AQ"},  {"South Pole", {0.0, -89.99}, "AQ"},
        {"Pacific at Taveuni's latitude", {-120.0, -16.8}, ""}, {"Atlantic at Chukotka's latitude", {-30.0, 66.0}, ""},
        {"Honolulu", {-157.858, 21.309}, "US"},      {"Moscow", {37.6173, 55.7558}, "RU"},
        {"mid-Atlantic", {-40.0, 30.0}, ""},         {"Null Island", {0.0, 0.0}, ""},
        {"Pacific", {-150.0, -30.0}, ""},
    };
    for (const auto &c : cases)
        EXPECT_EQ(world().countryAt(c.at), c.country) << c.where;
}

TEST(CountryShapes, LesothoIsAHoleInSouthAfrica)
{
    const CountryShape *za = world().find("ZA");
    ASSERT_NE(za, nullptr);
    EXPECT_GE(za->rings.size(), 2u);   // the outer ring and Lesotho's hole
    EXPECT_EQ(world().countryAt({28.0, -29.5}), "LS");
}

TEST(CountryShapes, EveryAnchorLiesInItsCountry)
{
    for (const auto &c : world().countries())
        EXPECT_EQ(world().countryAt(c.anchor), c.iso2) << c.name << " anchor " << c.anchor.lon << ", " << c.anchor.lat;
}

TEST(CountryShapes, NotANumberIsNowhere)
{
    EXPECT_EQ(world().countryAt({std::nan(""), 51.0}), "");
    EXPECT_EQ(world().nearestCountry({std::nan(""), 51.0}, 50.0).iso2, "");
}

TEST(CountryShapes, NearestCountryForPointsJustOffTheCoast)
{
    // Suva's harbour front lies just outside the 1:50m outline of Viti Levu.
    const GeoPoint suva{178.4419, -18.1416};
    const auto near = world().nearestCountry(suva, 22.2);
    EXPECT_EQ(near.iso2, "FJ");
    EXPECT_GE(near.km, 0.0);
    EXPECT_LT(near.km, 22.2);
    const auto london = world().nearestCountry({-0.1276, 51.5072}, 22.2);
    EXPECT_EQ(london.iso2, "GB");
    EXPECT_EQ(london.km, 0.0);   // inside
    EXPECT_EQ(world().nearestCountry({-40.0, 30.0}, 22.2).iso2, "");   // mid-Atlantic
    // Dublin Bay, a few km off the mapped shore, is near Ireland; 200 km out in the Atlantic is not.
    const auto bay = world().nearestCountry({-6.05, 53.33}, 22.2);
    EXPECT_EQ(bay.iso2, "IE");
    EXPECT_GT(bay.km, 0.0);
    EXPECT_EQ(world().nearestCountry({-12.5, 53.0}, 22.2).iso2, "");
}

TEST(CountryShapes, EvenOddRuleWithHolesAndSeveralFeatures)
{
    auto shapes = parse(kDonut);
    ASSERT_TRUE(shapes) << shapes.error().toString();
    EXPECT_EQ(shapes->countries().size(), 2u);   // QA's two features are one country
    EXPECT_EQ(shapes->find("QA")->rings.size(), 3u);
    EXPECT_EQ(shapes->countryAt({1, 1}), "QA");
    EXPECT_EQ(shapes->countryAt({5, 5}), "QB");   // in the hole: not QA
    EXPECT_EQ(shapes->countryAt({21, 21}), "QA");
    EXPECT_EQ(shapes->countryAt({15, 15}), "");
    EXPECT_EQ(shapes->find("QB")->rings.front().size(), 5u);   // the open ring was closed
    EXPECT_DOUBLE_EQ(shapes->find("QB")->anchor.lon, 5.0);     // no anchor given: the box centre
}

TEST(CountryShapes, SharedIsLoadedOnce)
{
    auto a = CountryShapes::shared();
    auto b = CountryShapes::shared();
    ASSERT_TRUE(a) << a.error().toString();
    ASSERT_TRUE(b);
    EXPECT_EQ(*a, *b);
    EXPECT_EQ((*a)->countryAt({-6.2603, 53.3498}), "IE");
}

TEST(CountryShapes, MissingFileIsNotFound)
{
    auto r = CountryShapes::load("/nonexistent/countries.geojson");
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, ErrorCode::NotFound);
}

TEST(CountryShapes, TruncatedFileIsCorrupt)
{
    const std::string text = readAll(kShipped);
    ASSERT_GT(text.size(), 1000u);
    test::TempDir dir;
    for (std::size_t cut : {std::size_t(0), std::size_t(1), std::size_t(77), text.size() / 2, text.size() - 3}) {
        writeFile(dir / "cut.geojson", text.substr(0, cut));
        auto r = CountryShapes::load(dir / "cut.geojson");
        ASSERT_FALSE(r) << "cut at " << cut;
        EXPECT_EQ(r.error().code, ErrorCode::Corrupt) << "cut at " << cut;
    }
}

TEST(CountryShapes, GarbageIsCorrupt)
{
    std::string garbage;
    std::uint32_t x = 12345;
    for (int i = 0; i < 5000; ++i) {
        x = x * 1664525u + 1013904223u;
        garbage.push_back(static_cast<char>(x >> 24));
    }
    EXPECT_FALSE(parse(garbage));
    EXPECT_FALSE(parse(""));
    EXPECT_FALSE(parse("[1,2,3]"));
}

TEST(CountryShapes, MalformedFeaturesAreErrors)
{
    const char *bad[] = {
        R"({"type":"Topology","features":[]})",
        R"({"type":"FeatureCollection","features":[]})",
        R"({"type":"FeatureCollection"})",
        R"({"type":"FeatureCollection","features":[{"type":"Feature","properties":{"iso_a2":"gb"},
            "geometry":{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,0]]]}}]})",
        R"({"type":"FeatureCollection","features":[{"type":"Feature","properties":{},
            "geometry":{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,0]]]}}]})",
        R"({"type":"FeatureCollection","features":[{"type":"Feature","properties":{"iso_a2":"GB"},
            "geometry":{"type":"Point","coordinates":[0,0]}}]})",
        R"({"type":"FeatureCollection","features":[{"type":"Feature","properties":{"iso_a2":"GB"},
            "geometry":{"type":"Polygon","coordinates":[[[0,0],[1,0]]]}}]})",
        R"({"type":"FeatureCollection","features":[{"type":"Feature","properties":{"iso_a2":"GB"},
            "geometry":{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,"x"],[0,0]]]}}]})",
        R"({"type":"FeatureCollection","features":[{"type":"Feature","properties":{"iso_a2":"GB"},
            "geometry":{"type":"Polygon","coordinates":[[[0,0],[181,0],[1,1],[0,0]]]}}]})",
        R"({"type":"FeatureCollection","features":[{"type":"Feature","properties":{"iso_a2":"GB"},
            "geometry":{"type":"Polygon","coordinates":[]}}]})",
        R"({"type":"FeatureCollection","features":[{"type":"Feature","properties":{"iso_a2":"GB","anchor":[0]},
            "geometry":{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,0]]]}}]})",
        R"({"type":"FeatureCollection","features":[7]})",
    };
    for (const char *json : bad) {
        auto r = parse(json);
        ASSERT_FALSE(r) << json;
        EXPECT_EQ(r.error().code, ErrorCode::Corrupt) << json;
        EXPECT_FALSE(r.error().message.empty());
    }
}

TEST(CountryShapes, OversizedFileIsRefusedUnread)
{
    test::TempDir dir;
    const auto file = dir / "huge.geojson";
    writeFile(file, "{");
    std::filesystem::resize_file(file, 65ull * 1024 * 1024);   // sparse: nothing is written
    auto r = CountryShapes::load(file);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, ErrorCode::LimitExceeded);
}
