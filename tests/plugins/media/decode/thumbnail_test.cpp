// SPDX-License-Identifier: GPL-3.0-or-later
// makeThumbnail and applyOrientation.

#include "plugins/media/decode/decode.h"
#include "tests/plugins/media/decode/testimages.h"

#include <gtest/gtest.h>

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

namespace vigil::media::test {
namespace {

cv::Mat decodeJpegBytes(const Bytes &jpeg)
{
    return cv::imdecode(jpeg, cv::IMREAD_COLOR);
}

TEST(ThumbnailTest, LongSideIsMaxSideAndJpegIsValid)
{
    const cv::Mat scene = drawScene(4000, 3000, 31);
    const auto thumb = makeThumbnail(scene);
    ASSERT_TRUE(thumb) << thumb.error().toString();
    ASSERT_GT(thumb->size(), 4u);
    EXPECT_EQ((*thumb)[0], 0xFF);
    EXPECT_EQ((*thumb)[1], 0xD8);
    EXPECT_EQ((*thumb)[thumb->size() - 2], 0xFF);
    EXPECT_EQ((*thumb)[thumb->size() - 1], 0xD9);
    const cv::Mat decoded = decodeJpegBytes(*thumb);
    ASSERT_FALSE(decoded.empty());
    EXPECT_EQ(decoded.cols, 256);
    EXPECT_EQ(decoded.rows, 192);
    EXPECT_LT(maxChannelDifference(meanColour(decoded), meanColour(scene)), 3.0);

    const auto portrait = makeThumbnail(drawScene(300, 1200, 32), 100, 60);
    ASSERT_TRUE(portrait);
    const cv::Mat tall = decodeJpegBytes(*portrait);
    EXPECT_EQ(tall.cols, 25);
    EXPECT_EQ(tall.rows, 100);
}

TEST(ThumbnailTest, SmallImagesAreNotEnlargedAndQualityMatters)
{
    const cv::Mat scene = drawScene(100, 50, 33, true);
    const auto high = makeThumbnail(scene, 256, 95), low = makeThumbnail(scene, 256, 20);
    ASSERT_TRUE(high);
    ASSERT_TRUE(low);
    EXPECT_EQ(decodeJpegBytes(*high).size(), cv::Size(100, 50));
    EXPECT_GT(high->size(), low->size());
}

TEST(ThumbnailTest, GrayAndBgraInputs)
{
    const cv::Mat gray(80, 60, CV_8UC1, cv::Scalar(128)), bgra(80, 60, CV_8UC4, cv::Scalar(0, 0, 255, 255));
    const auto fromGray = makeThumbnail(gray, 40);
    const auto fromBgra = makeThumbnail(bgra, 40);
    ASSERT_TRUE(fromGray);
    ASSERT_TRUE(fromBgra);
    EXPECT_EQ(decodeJpegBytes(*fromGray).size(), cv::Size(30, 40));
    EXPECT_GT(meanColour(decodeJpegBytes(*fromBgra))[2], 240);
}

TEST(ThumbnailTest, BadArgumentsAreErrors)
{
    const cv::Mat scene = drawScene(10, 10, 34);
    for (const auto &result : {makeThumbnail(cv::Mat()), makeThumbnail(scene, 0), makeThumbnail(scene, 256, 0),
                               makeThumbnail(scene, 256, 101), makeThumbnail(cv::Mat(10, 10, CV_32FC3))}) {
        ASSERT_FALSE(result);
        EXPECT_EQ(result.error().code, ErrorCode::InvalidArgument);
    }
}

// Stored pixel (y, x) has a value unique to it, so every mapping can be checked exactly.
cv::Mat numbered(int width, int height)
{
    cv::Mat image(height, width, CV_8UC3);
    for (int y = 0; y < height; ++y)
        for (int x = 0; x < width; ++x)
            image.at<cv::Vec3b>(y, x) = cv::Vec3b(std::uint8_t(y), std::uint8_t(x), 7);
    return image;
}

// Displayed (y, x) -> stored (y, x), straight from the EXIF definitions of the 8 values.
cv::Point2i storedFor(int orientation, int y, int x, int width, int height)
{
    switch (orientation) {
    case 2: return {width - 1 - x, y};
    case 3: return {width - 1 - x, height - 1 - y};
    case 4: return {x, height - 1 - y};
    case 5: return {y, x};
    case 6: return {y, height - 1 - x};
    case 7: return {width - 1 - y, height - 1 - x};
    case 8: return {width - 1 - y, x};
    default: return {x, y};
    }
}

TEST(OrientationTest, AllEightValuesMapAsExifDefines)
{
    const int width = 5, height = 3;
    const cv::Mat stored = numbered(width, height);
    for (int orientation = 1; orientation <= 8; ++orientation) {
        SCOPED_TRACE("orientation " + std::to_string(orientation));
        const cv::Mat shown = applyOrientation(stored, orientation);
        const bool swapped = orientation >= 5;
        ASSERT_EQ(shown.cols, swapped ? height : width);
        ASSERT_EQ(shown.rows, swapped ? width : height);
        for (int y = 0; y < shown.rows; ++y) {
            for (int x = 0; x < shown.cols; ++x) {
                const cv::Point2i from = storedFor(orientation, y, x, width, height);
                ASSERT_EQ(shown.at<cv::Vec3b>(y, x), stored.at<cv::Vec3b>(from)) << "at " << y << "," << x;
            }
        }
    }
}

TEST(OrientationTest, SixRotatesClockwiseAndJunkIsIgnored)
{
    cv::Mat image(40, 60, CV_8UC3, cv::Scalar(0, 0, 0));
    image(cv::Rect(0, 0, 10, 10)).setTo(cv::Scalar(0, 0, 255));   // red block top-left
    const cv::Mat upright = applyOrientation(image, 6);
    EXPECT_EQ(upright.size(), cv::Size(40, 60));
    EXPECT_EQ(upright.at<cv::Vec3b>(2, 37), cv::Vec3b(0, 0, 255));   // now top-right
    EXPECT_EQ(upright.at<cv::Vec3b>(2, 2), cv::Vec3b(0, 0, 0));
    for (const int junk : {0, 1, 9, -3, 1000})
        EXPECT_EQ(cv::norm(applyOrientation(image, junk), image, cv::NORM_INF), 0.0);
    EXPECT_TRUE(applyOrientation(cv::Mat(), 6).empty());
}

} // namespace
} // namespace vigil::media::test
