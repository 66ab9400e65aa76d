// SPDX-License-Identifier: GPL-3.0-or-later
// parseCreationTime: the ISO 8601 creation times ffmpeg reports, and everything that is not one.
#include <gtest/gtest.h>

#include <random>
#include <string>

#include "core/analysis/timeline/timeline.h"

using vigil::analysis::parseCreationTime;

namespace {

constexpr std::int64_t kNs = 1'000'000'000LL;
constexpr std::int64_t kFeb3At10 = 1706954400;   // 2024-02-03T10:00:00Z

TEST(CreationTime, ReadsUtcWithAndWithoutFraction)
{
    bool precise = true;
    EXPECT_EQ(parseCreationTime("2024-02-03T10:00:00Z", &precise), kFeb3At10 * kNs);
    EXPECT_FALSE(precise);
    EXPECT_EQ(parseCreationTime("2024-02-03T10:00:00.000000Z", &precise), kFeb3At10 * kNs);
    EXPECT_FALSE(precise);   // a zero fraction says nothing
    EXPECT_EQ(parseCreationTime("2024-02-03T10:00:00.25Z", &precise), kFeb3At10 * kNs + 250'000'000);
    EXPECT_TRUE(precise);
    EXPECT_EQ(parseCreationTime("2024-02-03T10:00:00.1234567891234Z"), kFeb3At10 * kNs + 123'456'789);
    EXPECT_EQ(parseCreationTime("2024-02-03 10:00:00"), kFeb3At10 * kNs);   // no zone: UTC
}

TEST(CreationTime, AppliesOffsets)
{
    EXPECT_EQ(parseCreationTime("2024-02-03T11:00:00+01:00"), kFeb3At10 * kNs);
    EXPECT_EQ(parseCreationTime("2024-02-03T05:00:00-0500"), kFeb3At10 * kNs);
    EXPECT_EQ(parseCreationTime("2024-02-04T00:00:00+14:00"), kFeb3At10 * kNs);
}

TEST(CreationTime, RejectsWhatIsNotATime)
{
    for (const char *bad : {"", "not a time", "2024", "2024-02-03", "2024-02-03T10", "2024-02-03T10:00",
                            "2024-02-30T10:00:00Z", "2024-13-01T10:00:00Z", "2024-02-03T24:00:00Z",
                            "2024-02-03T10:61:00Z", "2024-02-03T10:00:00Zjunk", "2024-02-03T10:00:00+1",
                            "2024-02-03T10:00:00+15:00", "2024-02-03T10:00:00 UTC", "1969-12-31T23:59:59Z",
                            "1970-01-01T00:00:00Z", "2200-01-01T00:00:00Z", "2024/02/03T10:00:00Z",
                            "-024-02-03T10:00:00Z"})
        EXPECT_FALSE(parseCreationTime(bad)) << bad;
}

TEST(CreationTime, TruncationsAndGarbageNeverCrash)
{
    const std::string good = "2024-02-03T11:00:00.123456+01:00";
    for (std::size_t n = 0; n < good.size(); ++n) {
        const auto t = parseCreationTime(good.substr(0, n));
        if (t) {   // a prefix that is a time is one of the accepted shapes
            EXPECT_GT(*t, 0);
        }
    }
    std::mt19937 rng(8);
    std::uniform_int_distribution<int> byte(0, 255), len(0, 40);
    for (int i = 0; i < 20000; ++i) {
        std::string s(static_cast<std::size_t>(len(rng)), '\0');
        for (char &c : s)
            c = static_cast<char>(byte(rng));
        (void)parseCreationTime(s);
    }
    std::string mutated = good;
    for (std::size_t i = 0; i < good.size(); ++i) {
        mutated[i] = static_cast<char>(byte(rng));
        (void)parseCreationTime(mutated);
    }
}

} // namespace
