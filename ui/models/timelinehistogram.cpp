// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/models/timelinehistogram.h"

#include <algorithm>
#include <array>
#include <limits>

namespace vigil::ui {

namespace {

constexpr qint64 kSecond = 1'000'000'000;
constexpr qint64 kDay = 86400 * kSecond;
// About 219 years (1980 FAT dates to 2107 fit); leaves room for the bucket arithmetic.
constexpr qint64 kMaxSpan = std::numeric_limits<qint64>::max() / 4 * 3;
// Each size up to a day divides every larger one, so buckets of different sizes nest.
constexpr std::array<qint64, 14> kBucketSizes = {
    kSecond,      5 * kSecond,      15 * kSecond,     60 * kSecond,     300 * kSecond,    900 * kSecond,
    3600 * kSecond, 3 * 3600 * kSecond, 6 * 3600 * kSecond, 12 * 3600 * kSecond, kDay, 7 * kDay, 30 * kDay,
    365 * kDay};

qint64 floorTo(qint64 t, qint64 step)
{
    const qint64 r = t % step;
    return r < 0 ? t - r - step : t - r;
}

qint64 ceilDiv(qint64 a, qint64 b)
{
    return a / b + (a % b > 0 ? 1 : 0);
}

} // namespace

qint64 niceBucket(qint64 span, int buckets)
{
    const qint64 wanted = std::max<qint64>(1, span / std::max(1, buckets));
    for (qint64 size : kBucketSizes)
        if (size >= wanted)
            return size;
    return ceilDiv(wanted, kBucketSizes.back()) * kBucketSizes.back();
}

FineHistogram::FineHistogram(qint64 from, qint64 to, std::size_t series, bool alignToClock)
{
    qint64 span = 0;
    if (to <= from || series == 0 || __builtin_sub_overflow(to, from, &span) || span > kMaxSpan)
        return;
    m_bucketNs = std::min(niceBucket(to - from, int(kMaxFineBuckets)), kDay);
    m_from = alignToClock ? floorTo(from, m_bucketNs) : from;
    qint64 count = ceilDiv(to - m_from, m_bucketNs);
    if (count > kMaxFineBuckets * 4) {   // centuries apart: coarser, still a whole number of days
        m_bucketNs = ceilDiv(ceilDiv(to - from, kMaxFineBuckets), kDay) * kDay;
        m_from = alignToClock ? floorTo(from, m_bucketNs) : from;
        count = ceilDiv(to - m_from, m_bucketNs);
    }
    m_series.assign(series, std::vector<std::uint32_t>(static_cast<std::size_t>(count), 0));
}

void FineHistogram::add(qint64 timeNs, std::size_t series)
{
    if (m_series.empty() || series >= m_series.size())
        return;
    auto &counts = m_series[series];
    if (timeNs < m_from) {
        ++m_outsideBefore;
        return;
    }
    const qint64 b = (timeNs - m_from) / m_bucketNs;
    if (b >= static_cast<qint64>(counts.size())) {
        ++m_outsideAfter;
        return;
    }
    ++counts[static_cast<std::size_t>(b)];
}

std::pair<qint64, qint64> FineHistogram::focus() const
{
    const std::size_t n = m_series.front().size();
    std::vector<qint64> total(n, 0);
    qint64 all = 0;
    for (const auto &s : m_series)
        for (std::size_t b = 0; b < n; ++b) {
            total[b] += s[b];
            all += s[b];
        }
    const qint64 trim = static_cast<qint64>(double(all) * kTrimShare);
    qint64 first = 0, last = static_cast<qint64>(n) - 1, cut = 0;
    // Drop whole buckets from each end while what they hold stays within the share.
    while (first < last && cut + total[std::size_t(first)] <= trim)
        cut += total[std::size_t(first++)];
    cut = 0;
    while (last > first && cut + total[std::size_t(last)] <= trim)
        cut += total[std::size_t(last--)];
    return {first, last};
}

TimelineHistogram FineHistogram::display(int buckets, std::optional<std::pair<qint64, qint64>> range) const
{
    TimelineHistogram h;
    if (m_series.empty())
        return h;
    qint64 lo = 0, hi = 0;
    if (range) {
        std::tie(lo, hi) = *range;
    } else {
        const auto [first, last] = focus();
        lo = m_from + first * m_bucketNs;
        hi = m_from + (last + 1) * m_bucketNs;
        const qint64 pad = (hi - lo) / 50;
        if (__builtin_sub_overflow(lo, pad, &lo))
            lo = std::numeric_limits<qint64>::min() / 2;
        if (__builtin_add_overflow(hi, pad, &hi))
            hi = std::numeric_limits<qint64>::max() / 2;
    }
    // A whole number of fine buckets, starting on one: the counts stay exact.
    h.bucketNs = ceilDiv(niceBucket(hi - lo, buckets), m_bucketNs) * m_bucketNs;
    h.from = range ? m_from : floorTo(lo, h.bucketNs);   // both on a fine bucket's start
    const qint64 count = std::max<qint64>(1, ceilDiv(hi - h.from, h.bucketNs));
    h.to = h.from + count * h.bucketNs;
    h.before = m_outsideBefore;
    h.after = m_outsideAfter;
    for (const auto &fine : m_series) {
        std::vector<qint64> counts(static_cast<std::size_t>(count), 0);
        for (std::size_t b = 0; b < fine.size(); ++b) {
            const qint64 start = m_from + qint64(b) * m_bucketNs;
            if (start < h.from)
                h.before += fine[b];
            else if (start >= h.to)
                h.after += fine[b];
            else
                counts[std::size_t((start - h.from) / h.bucketNs)] += fine[b];
        }
        h.series.push_back(std::move(counts));
    }
    return h;
}

} // namespace vigil::ui
