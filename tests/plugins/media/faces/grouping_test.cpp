// SPDX-License-Identifier: GPL-3.0-or-later
// groupFaces on synthetic vectors: numbering, bad vectors, linkage behaviour, the large path.
#include "plugins/media/faces/faces.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>
#include <random>
#include <set>

namespace vigil::media {
namespace {

// Plain Euclidean distance with a chosen threshold.
class PlainEmbedder final : public FaceEmbedder {
public:
    explicit PlainEmbedder(double threshold) : m_threshold(threshold) {}
    std::string modelId() const override { return "test-l2"; }
    double matchThreshold() const override { return m_threshold; }
    Result<std::vector<float>> embed(const cv::Mat &, const Face &) const override
    {
        return fail(ErrorCode::Unsupported, "test embedder");
    }
    double distance(std::span<const float> a, std::span<const float> b) const override
    {
        if (a.size() != b.size() || a.empty())
            return std::numeric_limits<double>::infinity();
        double sq = 0;
        for (std::size_t i = 0; i < a.size(); ++i)
            sq += (double(a[i]) - b[i]) * (double(a[i]) - b[i]);
        return std::sqrt(sq);
    }

private:
    double m_threshold;
};

TEST(GroupFaces, EmptyInputGivesNoGroups)
{
    EXPECT_TRUE(groupFaces({}, PlainEmbedder(1.0)).empty());
}

TEST(GroupFaces, NumbersGroupsByFirstAppearance)
{
    const std::vector<std::vector<float>> v = {{10, 0}, {0, 0}, {10.2f, 0}, {0.1f, 0.1f}, {50, 50}, {0, 0.2f}};
    const auto groups = groupFaces(v, PlainEmbedder(1.0));
    EXPECT_EQ(groups, (std::vector<std::int64_t>{1, 2, 1, 2, 3, 2}));
}

TEST(GroupFaces, EmptyAndMisSizedVectorsStandAlone)
{
    const std::vector<std::vector<float>> v = {{0, 0}, {}, {0, 0.1f}, {0, 0, 0}, {0.1f, 0}, {}};
    const auto groups = groupFaces(v, PlainEmbedder(1.0));
    EXPECT_EQ(groups, (std::vector<std::int64_t>{1, 2, 1, 3, 1, 4}));
}

TEST(GroupFaces, AverageLinkageDoesNotChainAlongALine)
{
    // Points 0.9 apart on a line: single linkage (plain union-find) would put all 20 into one
    // group; average linkage keeps groups compact.
    std::vector<std::vector<float>> v;
    for (int i = 0; i < 20; ++i)
        v.push_back({float(i) * 0.9f});
    const auto groups = groupFaces(v, PlainEmbedder(1.0));
    const std::set<std::int64_t> distinct(groups.begin(), groups.end());
    EXPECT_GE(distinct.size(), 7u);
    for (std::size_t i = 0; i < v.size(); ++i)
        for (std::size_t j = i + 1; j < v.size(); ++j) {
            if (groups[i] == groups[j]) {
                EXPECT_LT(std::abs(v[i][0] - v[j][0]), 2.0f) << i << " " << j;
            }
        }
}

// Gaussian clusters in 16 dimensions, centres far apart compared with the spread.
std::vector<std::vector<float>> clusters(std::size_t n, int people, std::vector<int> &labels, unsigned seed)
{
    std::mt19937 rng(seed);
    std::normal_distribution<float> gauss;
    std::vector<std::vector<float>> centres(std::size_t(people), std::vector<float>(16));
    for (auto &c : centres)
        for (float &x : c)
            x = gauss(rng) * 3.0f;
    std::vector<std::vector<float>> v(n, std::vector<float>(16));
    labels.resize(n);
    for (std::size_t i = 0; i < n; ++i) {
        labels[i] = int(rng() % unsigned(people));
        for (std::size_t k = 0; k < 16; ++k)
            v[i][k] = centres[std::size_t(labels[i])][k] + gauss(rng) * 0.08f;
    }
    return v;
}

void expectRecovered(const std::vector<std::int64_t> &groups, const std::vector<int> &labels)
{
    std::size_t sameTotal = 0, sameTogether = 0, diffTotal = 0, diffTogether = 0;
    for (std::size_t i = 0; i < groups.size(); i += 7)
        for (std::size_t j = i + 1; j < groups.size(); j += 5) {
            const bool together = groups[i] == groups[j];
            if (labels[i] == labels[j]) {
                ++sameTotal;
                sameTogether += together;
            } else {
                ++diffTotal;
                diffTogether += together;
            }
        }
    EXPECT_GT(double(sameTogether) / double(sameTotal), 0.99);
    EXPECT_LT(double(diffTogether) / double(diffTotal), 0.001);
}

TEST(GroupFaces, RecoversClustersExactly)
{
    std::vector<int> labels;
    const auto v = clusters(600, 25, labels, 5);
    expectRecovered(groupFaces(v, PlainEmbedder(1.0)), labels);
}

TEST(GroupFaces, LargeSetsUseTheStreamingPath)
{
    std::vector<int> labels;
    const auto v = clusters(kExactGroupingLimit + 500, 40, labels, 9);
    const auto start = std::chrono::steady_clock::now();
    const auto groups = groupFaces(v, PlainEmbedder(1.0));
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::cout << "[ measure  ] " << v.size() << " faces (16-d) grouped in " << seconds << " s\n";
    ASSERT_EQ(groups.size(), v.size());
    expectRecovered(groups, labels);
    EXPECT_EQ(*std::max_element(groups.begin(), groups.end()), 40);
}

} // namespace
} // namespace vigil::media
