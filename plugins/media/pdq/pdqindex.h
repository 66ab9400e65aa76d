// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Near-duplicate search over PDQ hashes by multi-index hashing: the 256 bits are cut into
// 16 chunks of 16 bits. Two hashes within 31 bits differ in at most one bit on at least one
// chunk (pigeonhole), so probing each chunk value and its 16 one-bit neighbours finds every
// candidate; candidates are verified with the full Hamming distance. Results are exact
// (identical to a brute-force scan) for every maxDistance; above 31 a linear scan is used.

#include "plugins/media/pdq/pdq.h"

#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

namespace vigil::media {

class PdqIndex {
public:
    // Ids are the caller's (e.g. file ids) and are not checked for uniqueness: an id added
    // twice is two entries. Amortised O(1); the chunk tables are rebuilt now and then.
    void add(std::int64_t id, const PdqHash &hash);

    // Entries within maxDistance of hash as (id, distance), sorted by distance, then id.
    // Safe to call from several threads at once (as long as nobody calls add meanwhile).
    std::vector<std::pair<std::int64_t, int>> query(const PdqHash &hash,
                                                     int maxDistance = kPdqMatchThreshold) const;

    std::size_t size() const { return m_ids.size(); }
    void reserve(std::size_t count);

private:
    void rebuild();

    std::vector<std::int64_t> m_ids;
    std::vector<PdqHash> m_hashes;
    std::size_t m_indexed = 0;              // entries [0, m_indexed) are in the chunk tables
    std::vector<std::uint32_t> m_offsets;   // per chunk: 65537 bucket starts into m_slots
    std::vector<std::uint32_t> m_slots;     // per chunk: m_indexed entry numbers, by chunk value
};

// Groups items whose hashes are within maxDistance, transitively (union-find). Returns a
// group number per input item (same order); singletons get their own group; group numbers
// are 1..G, assigned in order of first appearance. Exact duplicates are merged first, so
// large sets of identical hashes (blank images) stay cheap.
std::vector<std::int64_t> groupNearDuplicates(const std::vector<PdqHash> &hashes,
                                              int maxDistance = kPdqMatchThreshold);

} // namespace vigil::media
