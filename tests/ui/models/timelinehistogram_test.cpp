// SPDX-License-Identifier: GPL-3.0-or-later
// The timeline histogram: every event counted exactly once (in a bucket, or before/after the
// chart), chart buckets that nest in the fine ones, stray times trimmed from an open range but
// never from a brushed one, and degenerate input (one instant, no events, centuries apart).
#include <gtest/gtest.h>

#include <algorithm>
#include <limits>
#include <random>

#include "ui/models/timelinehistogram.h"

using namespace vigil::ui;

namespace {

constexpr qint64 kSecond = 1'000'000'000;
constexpr qint64 kDay = 86400 * kSecond;
constexpr qint64 k2024 = 1704067200 * kSecond;   // 2024-01-01T00:00:00Z

qint64 total(const TimelineHistogram &h)
{
    qint64 n = h.before + h.after;
    for (const auto &s : h.series)
        for (qint64 c : s)
            n += c;
    return n;
}

// Counts the times falling in [start, start + size) directly.
qint64 countIn(const std::vector<qint64> &times, qint64 start, qint64 size)
{
    return std::count_if(times.begin(), times.end(), [&](qint64 t) { return t >= start && t < start + size; });
}

TEST(TimelineHistogram, NiceBucketsAreRoundAndLargeEnough)
{
    EXPECT_EQ(niceBucket(10 * kSecond, 100), kSecond);
    EXPECT_EQ(niceBucket(100 * kSecond, 10), 15 * kSecond);
    EXPECT_EQ(niceBucket(30 * kDay, 120), 6 * 3600 * kSecond);
    EXPECT_EQ(niceBucket(100 * 365 * kDay, 10), 10 * 365 * kDay);
    EXPECT_EQ(niceBucket(0, 10), kSecond);
    EXPECT_EQ(niceBucket(5 * kSecond, 0), 5 * kSecond);
}

TEST(TimelineHistogram, EveryEventIsCountedInTheRightBucket)
{
    std::mt19937_64 rng(7);
    std::uniform_int_distribution<qint64> spread(0, 60 * kDay);
    std::vector<qint64> times;
    for (int i = 0; i < 20000; ++i)
        times.push_back(k2024 + spread(rng));
    const auto [lo, hi] = std::minmax_element(times.begin(), times.end());
    FineHistogram fine(*lo, *hi + 1, 1, true);
    for (qint64 t : times)
        fine.add(t, 0);
    const TimelineHistogram h = fine.display(120, std::nullopt);
    ASSERT_FALSE(h.empty());
    EXPECT_EQ(h.bucketNs % fine.bucketNs(), 0) << "chart buckets nest in the fine ones";
    EXPECT_EQ(total(h), 20000);
    for (std::size_t b = 0; b < h.series[0].size(); ++b)
        ASSERT_EQ(h.series[0][b], countIn(times, h.from + qint64(b) * h.bucketNs, h.bucketNs)) << "bucket " << b;
    EXPECT_LE(h.series[0].size(), 240u);
    EXPECT_GE(h.series[0].size(), 30u);
}

TEST(TimelineHistogram, StrayTimesAtTheEndsAreTrimmedFromAnOpenRange)
{
    std::vector<qint64> times;
    for (int i = 0; i < 1000; ++i)
        times.push_back(k2024 + i * 3600 * kSecond);   // six weeks of hourly events
    times.push_back(315532800 * kSecond);             // 1980-01-01: a FAT zero date
    times.push_back(3406060800LL * kSecond);          // 2077: a clock error
    FineHistogram fine(times[1000], times[1001] + 1, 1, true);
    for (qint64 t : times)
        fine.add(t, 0);
    const TimelineHistogram h = fine.display(120, std::nullopt);
    EXPECT_EQ(h.before, 1);
    EXPECT_EQ(h.after, 1);
    EXPECT_EQ(total(h), 1002);
    EXPECT_LE(h.from, k2024);
    EXPECT_GE(h.to, k2024 + 999 * 3600 * kSecond);
    EXPECT_LT(h.to - h.from, 60 * kDay) << "the chart shows the six weeks, not a century";
}

TEST(TimelineHistogram, ABrushedSpanIsShownAsGiven)
{
    const qint64 from = k2024 + 12345 * kSecond + 678, to = from + 2 * 3600 * kSecond;
    FineHistogram fine(from, to, 2, false);
    std::vector<qint64> first, second;
    for (qint64 t = from; t < to; t += 7 * kSecond) {
        fine.add(t, (t / kSecond) % 3 == 0 ? 1 : 0);
        ((t / kSecond) % 3 == 0 ? second : first).push_back(t);
    }
    fine.add(from - 1, 0);   // outside: counted, not drawn
    const TimelineHistogram h = fine.display(60, std::pair(from, to));
    EXPECT_EQ(h.from, from);
    EXPECT_GE(h.to, to);
    ASSERT_EQ(h.series.size(), 2u);
    EXPECT_EQ(h.before, 1);
    for (std::size_t b = 0; b < h.series[0].size(); ++b) {
        EXPECT_EQ(h.series[0][b], countIn(first, h.from + qint64(b) * h.bucketNs, h.bucketNs));
        EXPECT_EQ(h.series[1][b], countIn(second, h.from + qint64(b) * h.bucketNs, h.bucketNs));
    }
}

TEST(TimelineHistogram, DegenerateInput)
{
    FineHistogram none;
    EXPECT_TRUE(none.display(100, std::nullopt).empty());
    EXPECT_TRUE(FineHistogram(10, 10, 1, true).empty()) << "an empty range";
    EXPECT_TRUE(FineHistogram(10, 20, 0, true).empty()) << "no series";
    FineHistogram instant(k2024, k2024 + 1, 1, true);
    instant.add(k2024, 0);
    instant.add(k2024, 0);
    instant.add(k2024, 5);   // no such series: ignored
    const auto h = instant.display(100, std::nullopt);
    ASSERT_FALSE(h.empty());
    EXPECT_EQ(total(h), 2);
    // Centuries apart (1874 to 2065): still bounded, still exact.
    const qint64 lo = -3'000'000'000'000'000'000LL, hi = 3'000'000'000'000'000'000LL;
    FineHistogram wide(lo, hi, 1, true);
    ASSERT_FALSE(wide.empty());
    wide.add(lo, 0);
    wide.add(hi - 1, 0);
    wide.add(k2024, 0);
    const auto shown = wide.display(100, std::nullopt);
    ASSERT_EQ(shown.series.size(), 1u);
    EXPECT_LE(shown.series[0].size(), 400u);
    EXPECT_EQ(total(wide.display(100, std::nullopt)), 3);
    // The whole range of the type (a span that does not fit in it): no chart rather than garbage.
    EXPECT_TRUE(FineHistogram(std::numeric_limits<qint64>::min(), std::numeric_limits<qint64>::max(), 1, true).empty());
}

} // namespace
