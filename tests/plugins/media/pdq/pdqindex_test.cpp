// SPDX-License-Identifier: GPL-3.0-or-later
#include "plugins/media/pdq/pdqindex.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <numeric>
#include <random>
#include <set>
#include <tuple>
#include <vector>

using namespace vigil::media;

namespace {

using Matches = std::vector<std::pair<std::int64_t, int>>;

PdqHash randomHash(std::mt19937_64 &rng)
{
    PdqHash h;
    for (auto &w : h.words)
        w = rng();
    return h;
}

// h with exactly `bits` distinct bits flipped.
PdqHash flipBits(PdqHash h, int bits, std::mt19937_64 &rng)
{
    std::vector<int> positions(256);
    std::iota(positions.begin(), positions.end(), 0);
    std::shuffle(positions.begin(), positions.end(), rng);
    for (int i = 0; i < bits; ++i)
        h.words[positions[i] / 64] ^= 1ULL << (positions[i] % 64);
    return h;
}

// Clusters: `bases` random hashes, each followed by a few variants at distance 0..maxFlip.
std::vector<PdqHash> clusteredHashes(std::size_t bases, int variants, int maxFlip, std::mt19937_64 &rng)
{
    std::vector<PdqHash> out;
    std::uniform_int_distribution<int> flips(0, maxFlip);
    for (std::size_t b = 0; b < bases; ++b) {
        const PdqHash base = randomHash(rng);
        out.push_back(base);
        for (int v = 0; v < variants; ++v)
            out.push_back(flipBits(base, flips(rng), rng));
    }
    std::shuffle(out.begin(), out.end(), rng);
    return out;
}

Matches bruteForce(const std::vector<PdqHash> &hashes, const PdqHash &query, int maxDistance)
{
    Matches out;
    for (std::size_t i = 0; i < hashes.size(); ++i)
        if (const int d = hammingDistance(hashes[i], query); d <= maxDistance)
            out.emplace_back(static_cast<std::int64_t>(i), d);
    std::sort(out.begin(), out.end(), [](const auto &a, const auto &b) { return std::tie(a.second, a.first) < std::tie(b.second, b.first); });
    return out;
}

// Reference grouping: union-find over all pairs, numbered by first appearance.
std::vector<std::int64_t> bruteForceGroups(const std::vector<PdqHash> &hashes, int maxDistance)
{
    std::vector<std::size_t> parent(hashes.size());
    std::iota(parent.begin(), parent.end(), 0);
    auto find = [&](std::size_t x) {
        while (parent[x] != x)
            x = parent[x];
        return x;
    };
    for (std::size_t a = 0; a < hashes.size(); ++a)
        for (std::size_t b = a + 1; b < hashes.size(); ++b)
            if (hammingDistance(hashes[a], hashes[b]) <= maxDistance)
                parent[find(a)] = find(b);
    std::map<std::size_t, std::int64_t> number;
    std::vector<std::int64_t> out;
    for (std::size_t i = 0; i < hashes.size(); ++i) {
        const auto [it, added] = number.try_emplace(find(i), static_cast<std::int64_t>(number.size() + 1));
        out.push_back(it->second);
    }
    return out;
}

PdqIndex indexOf(const std::vector<PdqHash> &hashes)
{
    PdqIndex index;
    for (std::size_t i = 0; i < hashes.size(); ++i)
        index.add(static_cast<std::int64_t>(i), hashes[i]);
    return index;
}

} // namespace

TEST(PdqIndex, EmptyIndexFindsNothing)
{
    PdqIndex index;
    EXPECT_EQ(index.size(), 0u);
    EXPECT_TRUE(index.query(PdqHash{}).empty());
    EXPECT_TRUE(index.query(PdqHash{}, 256).empty());
}

TEST(PdqIndex, FindsPlantedNearDuplicatesOnly)
{
    std::mt19937_64 rng(1);
    PdqIndex index;
    for (std::int64_t id = 0; id < 20000; ++id)
        index.add(id, randomHash(rng));
    const PdqHash query = randomHash(rng);
    Matches expected;
    for (int d = 0; d <= 31; ++d) {   // planted: one copy at every distance 0..31
        index.add(100000 + d, flipBits(query, d, rng));
        expected.emplace_back(100000 + d, d);
    }
    for (int d = 32; d <= 40; ++d)    // just too far
        index.add(200000 + d, flipBits(query, d, rng));
    EXPECT_EQ(index.size(), 20000u + 32u + 9u);
    EXPECT_EQ(index.query(query), expected);
    const Matches close = index.query(query, 10);
    ASSERT_EQ(close.size(), 11u);
    EXPECT_EQ(close.back(), std::make_pair(std::int64_t{100010}, 10));
    EXPECT_TRUE(index.query(query, -1).empty());
}

TEST(PdqIndex, EqualsBruteForceOnRandomSet)
{
    std::mt19937_64 rng(2);
    const std::vector<PdqHash> hashes = clusteredHashes(1000, 4, 45, rng);   // 5000 hashes
    const PdqIndex index = indexOf(hashes);
    std::size_t nonEmpty = 0;
    for (const int maxDistance : {0, 5, 15, 16, 24, 31, 32, 45}) {
        for (int q = 0; q < 150; ++q) {
            const PdqHash query = q % 3 == 0 ? randomHash(rng) : flipBits(hashes[rng() % hashes.size()], q % 20, rng);
            const Matches expected = bruteForce(hashes, query, maxDistance);
            ASSERT_EQ(index.query(query, maxDistance), expected) << "maxDistance " << maxDistance << " query " << q;
            nonEmpty += expected.empty() ? 0 : 1;
        }
    }
    EXPECT_GT(nonEmpty, 500u);   // the comparison was not vacuous
}

TEST(PdqIndex, StaysExactWhileGrowing)
{
    std::mt19937_64 rng(3);
    const std::vector<PdqHash> hashes = clusteredHashes(8000, 2, 31, rng);   // 24000 hashes
    PdqIndex index;
    std::vector<PdqHash> added;
    for (std::size_t i = 0; i < hashes.size(); ++i) {
        index.add(static_cast<std::int64_t>(i), hashes[i]);
        added.push_back(hashes[i]);
        if (i % 1499 == 0 || i + 1 == hashes.size()) {   // tables and unindexed tail both in play
            const PdqHash query = flipBits(hashes[rng() % added.size()], 7, rng);
            ASSERT_EQ(index.query(query), bruteForce(added, query, kPdqMatchThreshold)) << "after " << i + 1;
        }
    }
}

TEST(PdqIndex, SortsByDistanceThenId)
{
    std::mt19937_64 rng(4);
    const PdqHash query = randomHash(rng);
    const PdqHash near = flipBits(query, 3, rng);
    PdqIndex index;
    index.add(9, near);
    index.add(5, query);
    index.add(3, near);
    index.add(7, query);
    index.add(1, flipBits(query, 200, rng));
    const Matches expected{{5, 0}, {7, 0}, {3, 3}, {9, 3}};
    EXPECT_EQ(index.query(query), expected);
}

TEST(PdqGrouping, ChainsAreGroupedTransitively)
{
    std::mt19937_64 rng(5);
    const PdqHash a = randomHash(rng);
    PdqHash b = a, c = a;
    for (int bit = 0; bit < 20; ++bit)
        b.words[0] ^= 1ULL << bit;            // a-b: 20
    c = b;
    for (int bit = 0; bit < 20; ++bit)
        c.words[1] ^= 1ULL << bit;            // b-c: 20, a-c: 40
    const PdqHash far = randomHash(rng);
    ASSERT_GT(hammingDistance(a, c), kPdqMatchThreshold);
    const std::vector<std::int64_t> groups = groupNearDuplicates({far, a, far, c, randomHash(rng), b});
    const std::vector<std::int64_t> expected{1, 2, 1, 2, 3, 2};
    EXPECT_EQ(groups, expected);
    // Without b the chain breaks.
    EXPECT_EQ(groupNearDuplicates({a, c}), (std::vector<std::int64_t>{1, 2}));
}

TEST(PdqGrouping, EqualsBruteForce)
{
    std::mt19937_64 rng(6);
    std::vector<PdqHash> hashes = clusteredHashes(600, 4, 40, rng);   // 3000 hashes
    hashes.insert(hashes.end(), 50, hashes[17]);                        // exact duplicates too
    for (const int maxDistance : {-1, 0, 10, 16, 31, 40}) {
        const auto groups = groupNearDuplicates(hashes, maxDistance);
        ASSERT_EQ(groups, bruteForceGroups(hashes, maxDistance)) << "maxDistance " << maxDistance;
        const std::set<std::int64_t> distinct(groups.begin(), groups.end());
        std::printf("  maxDistance %2d: %zu groups for %zu hashes\n", maxDistance, distinct.size(), hashes.size());
        if (maxDistance < 0) {
            EXPECT_EQ(distinct.size(), hashes.size());
        }
    }
}

TEST(PdqGrouping, EmptyAndIdenticalInputs)
{
    EXPECT_TRUE(groupNearDuplicates({}).empty());
    const std::vector<PdqHash> same(5000, PdqHash{});
    EXPECT_EQ(groupNearDuplicates(same), std::vector<std::int64_t>(5000, 1));
}
