// SPDX-License-Identifier: GPL-3.0-or-later
#include "plugins/media/pdq/phash.h"
#include "tests/plugins/media/pdq/testimages.h"

#include <gtest/gtest.h>
#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/img_hash.hpp>

#include <cstdio>
#include <vector>

using namespace vigil;
using namespace vigil::media;
using namespace vigil::media::test;

namespace {

std::uint64_t mustHash(const cv::Mat &image)
{
    auto r = pHash(image);
    EXPECT_TRUE(r.has_value()) << (r ? "" : r.error().toString());
    return r.value_or(0);
}

cv::Mat recompressed(const cv::Mat &image, int quality)
{
    std::vector<uchar> bytes;
    EXPECT_TRUE(cv::imencode(".jpg", image, bytes, {cv::IMWRITE_JPEG_QUALITY, quality}));
    return cv::imdecode(bytes, cv::IMREAD_COLOR);
}

} // namespace

TEST(PHash, JpegRecompressionStaysClose)
{
    std::vector<cv::Mat> images{sceneImage(640, 480)};
    if (havePdqData())
        images.push_back(loadImage(pdqDataDir() / "bridge-mods" / "aaa-orig.jpg"));
    for (const cv::Mat &image : images) {
        ASSERT_FALSE(image.empty());
        const int d = pHashDistance(mustHash(image), mustHash(recompressed(image, 60)));
        std::printf("  %dx%d: JPEG quality 60 distance %d\n", image.cols, image.rows, d);
        EXPECT_LE(d, 8);
    }
}

TEST(PHash, UnrelatedImagesAreFar)
{
    const std::uint64_t scene = mustHash(sceneImage(640, 480));
    const std::uint64_t noise = mustHash(noiseImage(640, 480, 3));
    const std::uint64_t gradient = mustHash(gradientImage(640, 480));
    std::printf("  scene/noise %d, scene/gradient %d, noise/gradient %d\n", pHashDistance(scene, noise),
                pHashDistance(scene, gradient), pHashDistance(noise, gradient));
    EXPECT_GT(pHashDistance(scene, noise), 16);
    EXPECT_GT(pHashDistance(scene, gradient), 16);
    EXPECT_GT(pHashDistance(noise, gradient), 16);
}

TEST(PHash, PackingFollowsOpenCvByteOrder)
{
    const cv::Mat scene = sceneImage(300, 200);
    cv::Mat bytes;
    cv::img_hash::pHash(scene, bytes);
    std::string expected;
    for (int i = 0; i < 8; ++i) {
        char buf[3];
        std::snprintf(buf, sizeof buf, "%02x", bytes.at<uchar>(0, i));
        expected += buf;
    }
    EXPECT_EQ(pHashHex(mustHash(scene)), expected);
    EXPECT_EQ(pHashHex(0x0123456789abcdefULL), "0123456789abcdef");
    EXPECT_EQ(pHashHex(0), "0000000000000000");
    EXPECT_EQ(pHashDistance(0, ~0ULL), 64);
}

TEST(PHash, GarbageInputGivesErrorOrHash)
{
    const auto empty = pHash(cv::Mat());
    ASSERT_FALSE(empty.has_value());
    EXPECT_EQ(empty.error().code, ErrorCode::InvalidArgument);
    EXPECT_TRUE(pHash(cv::Mat(1, 1, CV_8UC3, cv::Scalar(1, 2, 3))).has_value());
    EXPECT_TRUE(pHash(noiseImage(1, 300, 5)).has_value());
    cv::Mat wide;
    sceneImage(200, 150).convertTo(wide, CV_16UC3, 257.0);
    const auto fromWide = pHash(wide);
    ASSERT_TRUE(fromWide.has_value());
    EXPECT_LE(pHashDistance(*fromWide, mustHash(sceneImage(200, 150))), 2);
    for (const cv::Mat &bad : {cv::Mat(10, 10, CV_32FC3, cv::Scalar(0.5)), cv::Mat(10, 10, CV_8UC2, cv::Scalar(1))}) {
        const auto r = pHash(bad);
        ASSERT_FALSE(r.has_value());
        EXPECT_EQ(r.error().code, ErrorCode::Unsupported);
    }
}
