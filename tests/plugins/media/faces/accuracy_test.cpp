// SPDX-License-Identifier: GPL-3.0-or-later
// Measured accuracy and speed on the public example photos (labelled by file name / position).
// The built-in embedder's parameters and threshold were tuned on these same few photos, so the
// figures printed here are optimistic; README.md says so too.
#include "plugins/media/faces/faces.h"
#include "tests/plugins/media/faces/facestestdata.h"

#include <gtest/gtest.h>

#include <opencv2/core/utility.hpp>
#include <opencv2/imgproc.hpp>

#include <chrono>
#include <cstdio>
#include <map>
#include <vector>

namespace vigil::media {
namespace {

using test::cachedFaces;
using test::cachedImage;
using test::examplesDir;

struct Labelled {
    const char *file;                   // under examples/
    std::vector<const char *> people;   // left to right; "" = a face we do not score
};

// knn_examples/train: one person per photo. train/biden/biden.jpg and train/obama/obama.jpg are
// byte-identical to examples/biden.jpg and examples/obama.jpg; the latter names share the
// detection cache with the other tests.
const std::vector<Labelled> kTrain = {
    {"knn_examples/train/alex_lacamoire/img1.jpg", {"alex_lacamoire"}},
    {"biden.jpg", {"biden"}},
    {"knn_examples/train/biden/biden2.jpg", {"biden"}},
    {"knn_examples/train/kit_harington/john1.jpeg", {"kit_harington"}},
    {"knn_examples/train/kit_harington/john2.jpeg", {"kit_harington"}},
    {"obama.jpg", {"obama"}},
    {"knn_examples/train/obama/obama2.jpg", {"obama"}},
    {"knn_examples/train/rose_leslie/img1.jpg", {"rose_leslie"}},
    {"knn_examples/train/rose_leslie/img2.jpg", {"rose_leslie"}},
};

// Further distinct photos of the same people (plus one other person), labelled by looking at
// them; exact and cropped duplicates of the train photos are left out.
const std::vector<Labelled> kMore = {
    {"knn_examples/test/alex_lacamoire1.jpg", {"alex_lacamoire"}},
    {"knn_examples/test/johnsnow_test1.jpg", {"kit_harington"}},
    {"knn_examples/test/kit_with_rose.jpg", {"rose_leslie", "kit_harington"}},
    {"knn_examples/test/obama1.jpg", {"obama"}},
    {"knn_examples/test/obama_and_biden.jpg", {"biden", "obama", ""}},   // and a child, not scored
    {"alex-lacamoire.png", {"alex_lacamoire"}},
    {"lin-manuel-miranda.png", {"lin_manuel_miranda"}},
};

struct Scored {
    std::vector<std::vector<float>> vectors;
    std::vector<std::string> labels;
};

// Embeds the faces of labelled photos whose face count matches the labels.
Scored embedAll(const std::vector<Labelled> &photos, const FaceEmbedder &embedder)
{
    Scored out;
    for (const Labelled &photo : photos) {
        const auto path = examplesDir() / photo.file;
        const auto &faces = cachedFaces(path);
        EXPECT_EQ(faces.size(), photo.people.size()) << photo.file;
        if (faces.size() != photo.people.size())
            continue;
        for (std::size_t i = 0; i < faces.size(); ++i) {
            if (std::string(photo.people[i]).empty())
                continue;
            auto v = embedder.embed(cachedImage(path), faces[i]);
            EXPECT_TRUE(v) << photo.file;
            if (!v)
                continue;
            out.vectors.push_back(std::move(*v));
            out.labels.emplace_back(photo.people[i]);
        }
    }
    return out;
}

struct GroupingFigures {
    double purity = 0, sameGrouped = 0, differentGrouped = 0;
    std::size_t samePairs = 0, differentPairs = 0, groups = 0;
};

GroupingFigures measure(const Scored &s, const std::vector<std::int64_t> &groups, const std::string &title)
{
    GroupingFigures f;
    std::map<std::int64_t, std::map<std::string, int>> members;
    for (std::size_t i = 0; i < groups.size(); ++i)
        ++members[groups[i]][s.labels[i]];
    int majority = 0;
    std::printf("[ measure  ] %s: %zu faces -> %zu groups\n", title.c_str(), groups.size(), members.size());
    for (const auto &[group, people] : members) {
        int most = 0;
        std::string line;
        for (const auto &[person, count] : people) {
            most = std::max(most, count);
            line += " " + person + " x" + std::to_string(count);
        }
        majority += most;
        std::printf("[ measure  ]   group %lld:%s\n", static_cast<long long>(group), line.c_str());
    }
    f.groups = members.size();
    f.purity = double(majority) / double(groups.size());
    std::size_t sameTogether = 0, differentTogether = 0;
    for (std::size_t i = 0; i < groups.size(); ++i)
        for (std::size_t j = i + 1; j < groups.size(); ++j) {
            const bool together = groups[i] == groups[j];
            if (s.labels[i] == s.labels[j]) {
                ++f.samePairs;
                sameTogether += together;
            } else {
                ++f.differentPairs;
                differentTogether += together;
            }
        }
    f.sameGrouped = f.samePairs ? double(sameTogether) / double(f.samePairs) : 0.0;
    f.differentGrouped = f.differentPairs ? double(differentTogether) / double(f.differentPairs) : 0.0;
    std::printf("[ measure  ]   purity %.2f; same-person pairs grouped %zu/%zu = %.2f; "
                "different-person pairs grouped %zu/%zu = %.2f\n",
                f.purity, sameTogether, f.samePairs, f.sameGrouped, differentTogether, f.differentPairs,
                f.differentGrouped);
    return f;
}

// One test for the three measurements: under ctest every test is its own process, and each
// would otherwise load the models and detect the same photos again.
TEST(FaceAccuracy, DetectionAndGroupingOnExamplePhotos)
{
    SKIP_WITHOUT_EXAMPLES();
    {
        SCOPED_TRACE("detection rate");
        int withFace = 0;
        for (const Labelled &photo : kTrain)
            withFace += cachedFaces(examplesDir() / photo.file).empty() ? 0 : 1;
        const double rate = double(withFace) / double(kTrain.size());
        std::printf("[ measure  ] detection: %d of %zu train photos have a face (%.0f %%)\n", withFace,
                    kTrain.size(), rate * 100.0);
        EXPECT_GE(rate, 0.8);
    }
    auto embedder = createEmbedder();
    ASSERT_TRUE(embedder);
    {
        SCOPED_TRACE("grouping, train photos");
        const Scored s = embedAll(kTrain, **embedder);
        ASSERT_EQ(s.vectors.size(), kTrain.size());
        const auto f = measure(s, groupFaces(s.vectors, **embedder), "grouping, train photos");
        EXPECT_GT(f.sameGrouped, 0.5);
        EXPECT_LT(f.differentGrouped, 0.2);
        EXPECT_GE(f.purity, 0.75);
    }
    {
        SCOPED_TRACE("grouping, all distinct photos");
        std::vector<Labelled> all = kTrain;
        all.insert(all.end(), kMore.begin(), kMore.end());
        const Scored s = embedAll(all, **embedder);
        ASSERT_EQ(s.vectors.size(), 18u);
        // Raw pair distances against the threshold, before any grouping.
        std::size_t same = 0, sameBelow = 0, different = 0, differentBelow = 0;
        for (std::size_t i = 0; i < s.vectors.size(); ++i)
            for (std::size_t j = i + 1; j < s.vectors.size(); ++j) {
                const bool below =
                    (*embedder)->distance(s.vectors[i], s.vectors[j]) < (*embedder)->matchThreshold();
                if (s.labels[i] == s.labels[j]) {
                    ++same;
                    sameBelow += below;
                } else {
                    ++different;
                    differentBelow += below;
                }
            }
        std::printf("[ measure  ] pairs under the threshold: same person %zu/%zu, different %zu/%zu\n", sameBelow,
                    same, differentBelow, different);
        const auto f = measure(s, groupFaces(s.vectors, **embedder), "grouping, all distinct photos");
        EXPECT_GT(f.sameGrouped, 0.5);
        EXPECT_LT(f.differentGrouped, 0.2);
    }
}

// One core, a working-size image: the face is found and embedded the same on every run. The time
// is printed for reading; speed is proven in tests/bench, not asserted here (a sanitizer build is
// three times slower).
TEST(FaceAccuracy, OneCoreWorkingSizeImageIsDetectedAndEmbeddedAlike)
{
    SKIP_WITHOUT_EXAMPLES();
    const FaceDetector *detector = test::sharedDetector();
    ASSERT_TRUE(detector);
    auto embedder = createEmbedder();
    ASSERT_TRUE(embedder);
    // 1000x750: the portrait scaled to the height, centred on a gray canvas.
    const cv::Mat &portrait = cachedImage(examplesDir() / "obama.jpg");
    cv::Mat scaled;
    cv::resize(portrait, scaled, cv::Size(), 750.0 / portrait.rows, 750.0 / portrait.rows, cv::INTER_AREA);
    cv::Mat canvas(750, 1000, CV_8UC3, cv::Scalar(120, 120, 120));
    scaled.copyTo(canvas(cv::Rect((1000 - scaled.cols) / 2, 0, scaled.cols, scaled.rows)));
    const int threads = cv::getNumThreads();
    cv::setNumThreads(1);
    constexpr int kRuns = 3;
    double detectMs = 0, embedMs = 0;
    std::vector<std::vector<float>> vectors;
    for (int run = 0; run < kRuns; ++run) {
        const auto t0 = std::chrono::steady_clock::now();
        auto faces = detector->detect(canvas);
        const auto t1 = std::chrono::steady_clock::now();
        ASSERT_TRUE(faces);
        ASSERT_EQ(faces->size(), 1u);
        auto v = (*embedder)->embed(canvas, faces->front());
        const auto t2 = std::chrono::steady_clock::now();
        ASSERT_TRUE(v);
        vectors.push_back(*v);
        detectMs += std::chrono::duration<double, std::milli>(t1 - t0).count();
        embedMs += std::chrono::duration<double, std::milli>(t2 - t1).count();
    }
    cv::setNumThreads(threads);
    std::printf("[ measure  ] 1000x750, one core, default options, mean of %d: detection+landmarks %.0f ms, "
                "embedding %.1f ms\n",
                kRuns, detectMs / kRuns, embedMs / kRuns);
    EXPECT_EQ(vectors[0], vectors[1]);
    EXPECT_EQ(vectors[0], vectors[2]);
}

} // namespace
} // namespace vigil::media
