// SPDX-License-Identifier: GPL-3.0-or-later
#include "plugins/media/faces/faces.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <numeric>

namespace vigil::media {

namespace {

// Union-find over face indices.
class Groups {
public:
    explicit Groups(std::size_t n) : m_parent(n) { std::iota(m_parent.begin(), m_parent.end(), std::size_t(0)); }
    std::size_t find(std::size_t i)
    {
        while (m_parent[i] != i)
            i = m_parent[i] = m_parent[m_parent[i]];
        return i;
    }
    void join(std::size_t a, std::size_t b) { m_parent[find(b)] = find(a); }

private:
    std::vector<std::size_t> m_parent;
};

// Average-linkage agglomerative clustering cut at `threshold`, by the nearest-neighbour-chain
// algorithm over a condensed float distance matrix: O(n^2) time and n^2/2 floats of memory.
// Average linkage is reducible, so merging reciprocal nearest neighbours in any order gives the
// same dendrogram as the textbook closest-pair-first order; a reciprocal pair at or above the
// threshold can never merge below it again, so both sides are retired.
class AverageLinkage {
public:
    AverageLinkage(std::size_t n, std::vector<double> weights) : m_n(n), m_weight(std::move(weights)), m_active(n, true)
    {
        m_dist.resize(n < 2 ? 0 : n * (n - 1) / 2);
    }

    float &at(std::size_t i, std::size_t j)
    {
        if (i > j)
            std::swap(i, j);
        return m_dist[i * m_n - i * (i + 1) / 2 + (j - i - 1)];
    }

    void run(double threshold, Groups &groups)
    {
        std::vector<std::size_t> chain;
        std::size_t nextStart = 0;
        while (true) {
            if (chain.empty()) {
                while (nextStart < m_n && !m_active[nextStart])
                    ++nextStart;
                if (nextStart >= m_n)
                    return;
                chain.push_back(nextStart);
            }
            const std::size_t a = chain.back();
            const std::size_t previous = chain.size() > 1 ? chain[chain.size() - 2] : m_n;
            auto [b, d] = nearest(a, previous);
            if (b == m_n) {   // a is the last active cluster
                m_active[a] = false;
                chain.clear();
                continue;
            }
            if (b != previous) {
                chain.push_back(b);
                continue;
            }
            chain.resize(chain.size() - 2);
            if (d >= threshold) {
                m_active[a] = m_active[b] = false;
                continue;
            }
            merge(a, b);
            groups.join(a, b);
        }
    }

private:
    std::pair<std::size_t, double> nearest(std::size_t a, std::size_t preferred)
    {
        std::size_t best = m_n;
        double bestD = std::numeric_limits<double>::infinity();
        if (preferred < m_n) {   // ties go to the chain's previous element (termination)
            best = preferred;
            bestD = at(a, preferred);
        }
        for (std::size_t k = 0; k < m_n; ++k) {
            if (k == a || !m_active[k])
                continue;
            const double d = at(a, k);
            if (d < bestD || best == m_n) {
                best = k;
                bestD = d;
            }
        }
        return {best, bestD};
    }

    void merge(std::size_t a, std::size_t b)   // b into a (Lance-Williams, average linkage)
    {
        const double wa = m_weight[a], wb = m_weight[b];
        for (std::size_t k = 0; k < m_n; ++k) {
            if (k == a || k == b || !m_active[k])
                continue;
            at(a, k) = float((wa * at(a, k) + wb * at(b, k)) / (wa + wb));
        }
        m_weight[a] = wa + wb;
        m_active[b] = false;
    }

    std::size_t m_n;
    std::vector<double> m_weight;
    std::vector<bool> m_active;
    std::vector<float> m_dist;
};

float capped(double d)
{
    return std::isfinite(d) ? float(std::min(d, 1e30)) : 1e30f;
}

// Exact average-linkage clustering of n items whose pairwise distances come from `dist`;
// `join(i, j)` is called for every merge below the threshold.
template <typename Distance, typename Join>
void clusterExact(std::size_t n, const std::vector<double> &weights, double threshold, Distance dist, Join join)
{
    AverageLinkage linkage(n, weights);
    for (std::size_t i = 0; i < n; ++i)
        for (std::size_t j = i + 1; j < n; ++j)
            linkage.at(i, j) = capped(dist(i, j));
    Groups local(n);
    linkage.run(threshold, local);
    for (std::size_t i = 0; i < n; ++i)
        join(local.find(i), i);
}

// For large sets. Pass 1: each face joins the nearest leader closer than the threshold or
// becomes a leader itself (O(n x leaders) distances, O(n) memory). Pass 2 (when there are at
// most kExactGroupingLimit leaders): average linkage over the leaders' groups, the distance of
// two groups being the mean distance between up to kSamples of their first members each.
void clusterLarge(const std::vector<std::vector<float>> &embeddings, const std::vector<std::size_t> &valid,
                  const FaceEmbedder &embedder, Groups &groups)
{
    constexpr std::size_t kSamples = 3;
    const double threshold = embedder.matchThreshold();
    std::vector<std::vector<std::size_t>> samples;   // per leader: the leader and its next members
    std::vector<double> counts;
    for (const std::size_t i : valid) {
        std::size_t best = samples.size();
        double bestD = threshold;
        for (std::size_t l = 0; l < samples.size(); ++l) {
            const double d = embedder.distance(embeddings[samples[l].front()], embeddings[i]);
            if (d < bestD) {
                bestD = d;
                best = l;
            }
        }
        if (best == samples.size()) {
            samples.push_back({i});
            counts.push_back(1.0);
            continue;
        }
        groups.join(samples[best].front(), i);
        counts[best] += 1.0;
        if (samples[best].size() < kSamples)
            samples[best].push_back(i);
    }
    if (samples.size() > kExactGroupingLimit)
        return;
    const auto groupDistance = [&](std::size_t a, std::size_t b) {
        double sum = 0;
        for (const std::size_t x : samples[a])
            for (const std::size_t y : samples[b])
                sum += embedder.distance(embeddings[x], embeddings[y]);
        return sum / double(samples[a].size() * samples[b].size());
    };
    clusterExact(samples.size(), counts, threshold, groupDistance,
                 [&](std::size_t a, std::size_t b) { groups.join(samples[a].front(), samples[b].front()); });
}

std::size_t commonSize(const std::vector<std::vector<float>> &embeddings)
{
    std::map<std::size_t, std::size_t> histogram;
    for (const auto &e : embeddings)
        if (!e.empty())
            ++histogram[e.size()];
    std::size_t best = 0, bestCount = 0;
    for (const auto &[size, count] : histogram)
        if (count > bestCount) {
            best = size;
            bestCount = count;
        }
    return best;
}

} // namespace

std::vector<std::int64_t> groupFaces(const std::vector<std::vector<float>> &embeddings, const FaceEmbedder &embedder)
{
    const std::size_t n = embeddings.size();
    const std::size_t dims = commonSize(embeddings);
    std::vector<std::size_t> valid;
    for (std::size_t i = 0; i < n; ++i)
        if (!embeddings[i].empty() && embeddings[i].size() == dims)
            valid.push_back(i);
    Groups groups(n);
    if (valid.size() <= kExactGroupingLimit)
        clusterExact(
            valid.size(), std::vector<double>(valid.size(), 1.0), embedder.matchThreshold(),
            [&](std::size_t a, std::size_t b) { return embedder.distance(embeddings[valid[a]], embeddings[valid[b]]); },
            [&](std::size_t a, std::size_t b) { groups.join(valid[a], valid[b]); });
    else
        clusterLarge(embeddings, valid, embedder, groups);

    std::vector<std::int64_t> out(n, 0);
    std::map<std::size_t, std::int64_t> numbers;
    for (std::size_t i = 0; i < n; ++i) {
        const auto [it, inserted] = numbers.try_emplace(groups.find(i), std::int64_t(numbers.size()) + 1);
        out[i] = it->second;
    }
    return out;
}

} // namespace vigil::media
