// SPDX-License-Identifier: GPL-3.0-or-later
#include "plugins/media/pdq/pdqindex.h"

#include <algorithm>
#include <bit>
#include <new>
#include <numeric>
#include <tuple>

// The distance checks are the hot loops; build them twice, with and without the POPCNT
// instruction (baseline x86-64 lacks it), and let the loader pick.
#if defined(__GNUC__) && defined(__x86_64__) && !defined(__POPCNT__)
#define VIGIL_POPCNT_CLONES __attribute__((target_clones("popcnt", "default")))
#else
#define VIGIL_POPCNT_CLONES
#endif

namespace vigil::media {
namespace {

constexpr int kChunks = 16;
constexpr int kChunkBits = 16;
constexpr std::size_t kBuckets = std::size_t{1} << kChunkBits;
constexpr std::size_t kTableSize = kBuckets + 1;       // bucket starts plus the end
constexpr int kIndexedLimit = 2 * kChunks - 1;        // beyond 31 the pigeonhole bound fails
constexpr std::size_t kMinIndexed = 1024;             // smaller sets are just scanned
constexpr std::size_t kMinPending = 512;
constexpr std::size_t kMaxPending = 32768;

struct Found {
    std::uint32_t slot;
    int distance;
};

inline std::uint32_t chunkOf(const PdqHash &h, int c)
{
    return static_cast<std::uint32_t>(h.words[c / 4] >> ((c % 4) * kChunkBits)) & 0xFFFFu;
}

inline int distance(const PdqHash &a, const PdqHash &b)
{
    return std::popcount(a.words[0] ^ b.words[0]) + std::popcount(a.words[1] ^ b.words[1])
         + std::popcount(a.words[2] ^ b.words[2]) + std::popcount(a.words[3] ^ b.words[3]);
}

// Counting sort of entries [0, n) by the value of chunk c: bucket v is
// slots[offsets[v] .. offsets[v + 1]).
void bucketByChunk(const PdqHash *hashes, std::size_t n, int c, std::uint32_t *offsets,
                   std::uint32_t *slots)
{
    std::fill(offsets, offsets + kTableSize, 0u);
    for (std::size_t i = 0; i < n; ++i)
        ++offsets[chunkOf(hashes[i], c) + 1];
    std::partial_sum(offsets, offsets + kTableSize, offsets);
    std::vector<std::uint32_t> cursor(offsets, offsets + kBuckets);
    for (std::size_t i = 0; i < n; ++i)
        slots[cursor[chunkOf(hashes[i], c)]++] = static_cast<std::uint32_t>(i);
}

VIGIL_POPCNT_CLONES
void scanRange(const PdqHash *hashes, std::size_t begin, std::size_t end, const PdqHash &query,
               int maxDistance, std::vector<Found> &out)
{
    for (std::size_t i = begin; i < end; ++i)
        if (const int d = distance(hashes[i], query); d <= maxDistance)
            out.push_back({static_cast<std::uint32_t>(i), d});
}

// Probes every chunk value of the query and, for maxDistance >= 16, its 16 one-bit
// neighbours. The candidates' hashes are scattered through memory, so they are gathered
// first and prefetched a little ahead of the distance checks.
VIGIL_POPCNT_CLONES
void probeTables(const std::uint32_t *offsets, const std::uint32_t *slots, std::size_t indexed,
                 const PdqHash *hashes, const PdqHash &query, int maxDistance, std::vector<Found> &out)
{
    constexpr std::size_t kAhead = 16;
    const int radius = maxDistance / kChunks;   // a match differs by <= radius bits in some chunk
    std::vector<std::uint32_t> candidates;
    for (int c = 0; c < kChunks; ++c) {
        const std::uint32_t *table = offsets + c * kTableSize;
        const std::uint32_t *chunkSlots = slots + c * indexed;
        const std::uint32_t value = chunkOf(query, c);
        for (int flip = -1; flip < (radius > 0 ? kChunkBits : 0); ++flip) {
            const std::uint32_t probe = flip < 0 ? value : value ^ (1u << flip);
            candidates.insert(candidates.end(), chunkSlots + table[probe], chunkSlots + table[probe + 1]);
        }
    }
    for (std::size_t k = 0; k < candidates.size(); ++k) {
        if (k + kAhead < candidates.size())
            __builtin_prefetch(&hashes[candidates[k + kAhead]]);
        const std::uint32_t slot = candidates[k];
        if (const int d = distance(hashes[slot], query); d <= maxDistance)
            out.push_back({slot, d});
    }
}

class DisjointSets {
public:
    explicit DisjointSets(std::size_t n) : m_parent(n), m_size(n, 1)
    {
        std::iota(m_parent.begin(), m_parent.end(), 0u);
    }
    std::uint32_t find(std::uint32_t x)
    {
        while (m_parent[x] != x) {
            m_parent[x] = m_parent[m_parent[x]];   // path halving
            x = m_parent[x];
        }
        return x;
    }
    void unite(std::uint32_t a, std::uint32_t b)
    {
        a = find(a);
        b = find(b);
        if (a == b)
            return;
        if (m_size[a] < m_size[b])
            std::swap(a, b);
        m_parent[b] = a;
        m_size[a] += m_size[b];
    }

private:
    std::vector<std::uint32_t> m_parent;
    std::vector<std::uint32_t> m_size;
};

// Unites every pair within maxDistance among a[0..na) x b[0..nb) (or the pairs k < l of a
// alone when b == a); order maps positions back to set members.
VIGIL_POPCNT_CLONES
void joinBlock(const PdqHash *a, std::size_t na, const PdqHash *b, std::size_t nb, bool same,
               const std::uint32_t *orderA, const std::uint32_t *orderB, int maxDistance,
               DisjointSets &sets)
{
    for (std::size_t k = 0; k < na; ++k) {
        const PdqHash h = a[k];
        for (std::size_t l = same ? k + 1 : 0; l < nb; ++l)
            if (distance(h, b[l]) <= maxDistance)
                sets.unite(orderA[k], orderB[l]);
    }
}

// One chunk of the multi-index join: pairs sharing the chunk value, and (radius 1) pairs
// whose chunk values differ in one bit. A copy of the hashes in bucket order keeps the
// distance checks on contiguous memory.
void joinChunk(const std::vector<PdqHash> &hashes, int c, int maxDistance, DisjointSets &sets)
{
    const std::size_t n = hashes.size();
    std::vector<std::uint32_t> offsets(kTableSize), order(n);
    bucketByChunk(hashes.data(), n, c, offsets.data(), order.data());
    std::vector<PdqHash> sorted;
    sorted.reserve(n);
    for (const std::uint32_t i : order)
        sorted.push_back(hashes[i]);
    const bool radiusOne = maxDistance / kChunks > 0;
    for (std::uint32_t v = 0; v < kBuckets; ++v) {
        const std::uint32_t b0 = offsets[v], b1 = offsets[v + 1];
        if (b0 == b1)
            continue;
        joinBlock(&sorted[b0], b1 - b0, &sorted[b0], b1 - b0, true, &order[b0], &order[b0], maxDistance, sets);
        for (int bit = 0; radiusOne && bit < kChunkBits; ++bit) {
            const std::uint32_t w = v ^ (1u << bit);
            if (w < v || offsets[w] == offsets[w + 1])
                continue;   // each neighbouring pair of buckets once
            joinBlock(&sorted[b0], b1 - b0, &sorted[offsets[w]], offsets[w + 1] - offsets[w], false,
                      &order[b0], &order[offsets[w]], maxDistance, sets);
        }
    }
}

// Distinct hashes, and for every input item the number of its distinct hash.
std::vector<PdqHash> distinctHashes(const std::vector<PdqHash> &hashes, std::vector<std::uint32_t> &distinctOf)
{
    std::vector<std::uint32_t> order(hashes.size());
    std::iota(order.begin(), order.end(), 0u);
    std::sort(order.begin(), order.end(),
              [&](std::uint32_t a, std::uint32_t b) { return hashes[a].words < hashes[b].words; });
    std::vector<PdqHash> distinct;
    distinctOf.assign(hashes.size(), 0);
    for (const std::uint32_t i : order) {
        if (distinct.empty() || !(distinct.back() == hashes[i]))
            distinct.push_back(hashes[i]);
        distinctOf[i] = static_cast<std::uint32_t>(distinct.size() - 1);
    }
    return distinct;
}

} // namespace

void PdqIndex::add(std::int64_t id, const PdqHash &hash)
{
    m_ids.push_back(id);
    m_hashes.push_back(hash);
    const std::size_t pending = m_hashes.size() - m_indexed;
    if (m_hashes.size() >= kMinIndexed && pending > std::clamp(m_indexed / 16, kMinPending, kMaxPending))
        rebuild();
}

void PdqIndex::reserve(std::size_t count)
{
    m_ids.reserve(count);
    m_hashes.reserve(count);
}

// Merges the unindexed tail into the chunk tables: per chunk, each bucket's old entries are
// copied in order and the new ones appended, so the work is a sequential pass, not a sort.
void PdqIndex::rebuild()
{
    const std::size_t n = m_hashes.size();
    const std::size_t old = m_indexed;
    try {
        std::vector<std::uint32_t> offsets(kChunks * kTableSize);
        std::vector<std::uint32_t> slots(kChunks * n);
        std::vector<std::uint32_t> cursor(kBuckets);
        for (int c = 0; c < kChunks; ++c) {
            std::uint32_t *newTable = &offsets[c * kTableSize];
            std::uint32_t *newSlots = &slots[c * n];
            for (std::size_t i = old; i < n; ++i)
                ++newTable[chunkOf(m_hashes[i], c) + 1];
            std::partial_sum(newTable, newTable + kTableSize, newTable);
            const std::uint32_t *oldTable = old > 0 ? &m_offsets[c * kTableSize] : nullptr;
            const std::uint32_t *oldSlots = old > 0 ? &m_slots[c * old] : nullptr;
            for (std::size_t v = 0; v < kBuckets; ++v) {
                const std::uint32_t oldBegin = oldTable ? oldTable[v] : 0;
                const std::uint32_t oldEnd = oldTable ? oldTable[v + 1] : 0;
                newTable[v] += oldBegin;   // new entries before v, plus old entries before v
                cursor[v] = newTable[v] + (oldEnd - oldBegin);
                std::copy(oldSlots + oldBegin, oldSlots + oldEnd, newSlots + newTable[v]);
            }
            newTable[kBuckets] = static_cast<std::uint32_t>(n);
            for (std::size_t i = old; i < n; ++i)
                newSlots[cursor[chunkOf(m_hashes[i], c)]++] = static_cast<std::uint32_t>(i);
        }
        m_offsets.swap(offsets);
        m_slots.swap(slots);
        m_indexed = n;
    } catch (const std::bad_alloc &) {
        // Keep the previous tables: queries stay exact, the unindexed tail is scanned.
    }
}

std::vector<std::pair<std::int64_t, int>> PdqIndex::query(const PdqHash &hash, int maxDistance) const
{
    std::vector<std::pair<std::int64_t, int>> result;
    if (maxDistance < 0 || m_hashes.empty())
        return result;
    std::vector<Found> found;
    if (maxDistance > kIndexedLimit || m_indexed == 0) {
        scanRange(m_hashes.data(), 0, m_hashes.size(), hash, maxDistance, found);
    } else {
        probeTables(m_offsets.data(), m_slots.data(), m_indexed, m_hashes.data(), hash, maxDistance, found);
        scanRange(m_hashes.data(), m_indexed, m_hashes.size(), hash, maxDistance, found);
    }
    // A close match turns up in several chunks.
    std::sort(found.begin(), found.end(), [](const Found &a, const Found &b) { return a.slot < b.slot; });
    found.erase(std::unique(found.begin(), found.end(),
                            [](const Found &a, const Found &b) { return a.slot == b.slot; }),
                found.end());
    result.reserve(found.size());
    for (const Found &f : found)
        result.emplace_back(m_ids[f.slot], f.distance);
    std::sort(result.begin(), result.end(),
              [](const auto &a, const auto &b) { return std::tie(a.second, a.first) < std::tie(b.second, b.first); });
    return result;
}

std::vector<std::int64_t> groupNearDuplicates(const std::vector<PdqHash> &hashes, int maxDistance)
{
    if (maxDistance < 0) {   // nothing is that close, not even a copy: all singletons
        std::vector<std::int64_t> singletons(hashes.size());
        std::iota(singletons.begin(), singletons.end(), std::int64_t{1});
        return singletons;
    }
    std::vector<std::uint32_t> distinctOf;
    const std::vector<PdqHash> distinct = distinctHashes(hashes, distinctOf);
    DisjointSets sets(distinct.size());
    if (maxDistance > kIndexedLimit) {
        std::vector<std::uint32_t> identity(distinct.size());
        std::iota(identity.begin(), identity.end(), 0u);
        joinBlock(distinct.data(), distinct.size(), distinct.data(), distinct.size(), true, identity.data(),
                  identity.data(), maxDistance, sets);
    } else {
        for (int c = 0; c < kChunks; ++c)
            joinChunk(distinct, c, maxDistance, sets);
    }
    std::vector<std::int64_t> groupOfRoot(distinct.size(), 0);
    std::vector<std::int64_t> groups(hashes.size());
    std::int64_t next = 0;
    for (std::size_t i = 0; i < hashes.size(); ++i) {
        std::int64_t &g = groupOfRoot[sets.find(distinctOf[i])];
        if (g == 0)
            g = ++next;
        groups[i] = g;
    }
    return groups;
}

} // namespace vigil::media
