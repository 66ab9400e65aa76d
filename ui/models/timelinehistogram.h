// SPDX-License-Identifier: GPL-3.0-or-later
// Counts of timeline events over time for the histogram. Events are counted once into fine
// buckets (at most kMaxFineBuckets over the filter's whole range); the chart's buckets are whole
// multiples of the fine ones, aligned with them, so every count it shows is exact. Without an
// explicit range the chart focuses on where the events are: a few stray times at either end
// (a 1980 FAT date, a 2077 clock error) are trimmed off and counted as before/after instead.
#pragma once

#include <QtGlobal>

#include <cstdint>
#include <optional>
#include <vector>

namespace vigil::ui {

// What the chart shows: counts per bucket, one series for the whole filter or one per lane.
struct TimelineHistogram {
    qint64 from = 0, to = 0, bucketNs = 0;       // ns UTC; buckets cover [from, to)
    std::vector<std::vector<qint64>> series;    // series[s][bucket]
    qint64 before = 0, after = 0;               // events of the filter outside [from, to)
    bool empty() const { return series.empty() || bucketNs <= 0; }
};

// A round bucket size (1 s, 5 s, 15 s, 1 min, … 1 day, 7 days, 30 days, n years) of at least
// span / buckets.
qint64 niceBucket(qint64 span, int buckets);

class FineHistogram {
public:
    static constexpr qint64 kMaxFineBuckets = 200000;
    static constexpr double kTrimShare = 0.01;   // at most this share of events trimmed at each end

    FineHistogram() = default;
    // Over [from, to) (ns UTC); `series` counts side by side. `alignToClock`: buckets start on
    // whole clock units (an open range); else exactly at `from` (a brushed span, shown as given).
    FineHistogram(qint64 from, qint64 to, std::size_t series, bool alignToClock);
    void add(qint64 timeNs, std::size_t series);
    bool empty() const { return m_series.empty(); }
    qint64 bucketNs() const { return m_bucketNs; }

    // The chart's histogram of about `buckets` buckets: over the constructor's span when `range`
    // is given (the brushed span, the same values), else over the events with stray ends trimmed.
    TimelineHistogram display(int buckets, std::optional<std::pair<qint64, qint64>> range) const;

private:
    std::pair<qint64, qint64> focus() const;   // fine bucket indexes [first, last]

    qint64 m_from = 0, m_bucketNs = 0, m_outsideBefore = 0, m_outsideAfter = 0;
    std::vector<std::vector<std::uint32_t>> m_series;
};

} // namespace vigil::ui
