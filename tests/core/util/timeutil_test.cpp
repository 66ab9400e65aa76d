// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/util/timeutil.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

namespace vigil {
namespace {

std::string iso(const std::optional<UtcNanos> &t)
{
    return t ? toIso8601(*t) : std::string("none");
}

TEST(AppTimes, EachEpochGivesTheSameInstant)
{
    // 2026-03-01T10:00:00.5Z in every unit apps use (checked with `date -u -d @1772359200`).
    EXPECT_EQ(iso(fromUnixSeconds(1772359200.5)), "2026-03-01T10:00:00.5Z");
    EXPECT_EQ(iso(fromUnixMillis(1772359200500)), "2026-03-01T10:00:00.5Z");
    EXPECT_EQ(iso(fromUnixMicros(1772359200500000)), "2026-03-01T10:00:00.5Z");
    EXPECT_EQ(iso(fromCocoaSeconds(1772359200.5 - 978307200)), "2026-03-01T10:00:00.5Z");
    EXPECT_EQ(iso(fromCocoaSecondsOrNanos(1772359200 - 978307200)), "2026-03-01T10:00:00Z");
    EXPECT_EQ(iso(fromCocoaSecondsOrNanos((1772359200LL - 978307200) * 1'000'000'000 + 500'000'000)),
              "2026-03-01T10:00:00.5Z");
    EXPECT_EQ(iso(fromWebkitMicros(1772359200500000 + 11644473600000000)), "2026-03-01T10:00:00.5Z");
}

TEST(AppTimes, CocoaFractionsKeepTheirPrecision)
{
    EXPECT_EQ(iso(fromCocoaSeconds(457260372.024)), "2015-06-29T08:46:12.024Z");
    EXPECT_EQ(iso(fromCocoaSeconds(-31536000.25)), "2000-01-01T23:59:59.75Z");   // before 2001: negative
}

TEST(AppTimes, ZeroAndJunkGiveNothing)
{
    EXPECT_FALSE(fromUnixMillis(0));
    EXPECT_FALSE(fromUnixMillis(-5));
    EXPECT_FALSE(fromUnixMillis(std::numeric_limits<std::int64_t>::max()));
    EXPECT_FALSE(fromUnixMicros(std::numeric_limits<std::int64_t>::min()));
    EXPECT_FALSE(fromUnixSeconds(std::nan("")));
    EXPECT_FALSE(fromUnixSeconds(1e300));
    EXPECT_FALSE(fromCocoaSeconds(0));
    EXPECT_FALSE(fromCocoaSecondsOrNanos(std::numeric_limits<std::int64_t>::max()));
    EXPECT_FALSE(fromWebkitMicros(5));
    EXPECT_FALSE(fromWebkitMicros(std::numeric_limits<std::int64_t>::max()));
    EXPECT_TRUE(fromUnixSeconds(7258118399.0));    // 2199-12-31T23:59:59Z
    EXPECT_FALSE(fromUnixSeconds(7258118400.0));   // 2200 and later: another unit, not a time
}

} // namespace
} // namespace vigil
