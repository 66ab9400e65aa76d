// SPDX-License-Identifier: GPL-3.0-or-later
// Decompression-bomb limits: refused from the header, before any decoding.

#include "plugins/media/decode/decode.h"
#include "tests/plugins/media/decode/testimages.h"

#include <gtest/gtest.h>


namespace vigil::media::test {
namespace {

void expectBomb(const Result<DecodedImage> &result, const std::string &dimensions)
{
    ASSERT_FALSE(result) << "decoded " << result->width << "x" << result->height;
    EXPECT_EQ(result.error().code, ErrorCode::Unsupported);
    EXPECT_NE(result.error().message.find("decompression bomb"), std::string::npos) << result.error().message;
    EXPECT_NE(result.error().message.find(dimensions), std::string::npos) << result.error().message;
}

TEST(BombTest, HeadersClaimingHugeImagesAreRefusedWithoutDecoding)
{
    expectBomb(decodeImage(jpegHeaderClaiming(60000, 60000)), "60000x60000");
    expectBomb(decodeImage(pngHeaderClaiming(60000, 60000)), "60000x60000");
    expectBomb(decodeImage(gifHeaderClaiming(65535, 65535)), "65535x65535");
    expectBomb(decodeImage(pngHeaderClaiming(70000, 10)), "70000x10");   // maxSide
    // Each is refused from its header: decoding even one (3.6 gigapixels) would take gigabytes.
}

TEST(BombTest, RealHighlyCompressedPngOverLoweredLimit)
{
    const cv::Mat black(6000, 6000, CV_8UC1, cv::Scalar(0));   // 36 megapixels ...
    const Bytes png = encode(black, ".png", {cv::IMWRITE_PNG_COMPRESSION, 9});
    ASSERT_LT(png.size(), 100'000u);                             // ... in a few tens of KB
    DecodeOptions lowered;
    lowered.limits.maxPixels = 10'000'000;
    expectBomb(decodeImage(png, lowered), "6000x6000");

    const auto image = decodeImage(png);   // the default limit (150 MP) lets it through
    ASSERT_TRUE(image) << image.error().toString();
    EXPECT_EQ(image->bgr.cols, 750);
    EXPECT_EQ(cv::countNonZero(image->bgr.reshape(1)), 0);
}

TEST(BombTest, MaxSideApplies)
{
    const Bytes jpeg = encodeJpeg(drawScene(3000, 20, 1));
    DecodeOptions options;
    options.limits.maxSide = 2999;
    expectBomb(decodeImage(jpeg, options), "3000x20");
    options.limits.maxSide = 3000;
    EXPECT_TRUE(decodeImage(jpeg, options));
}

TEST(BombTest, ProgressiveJpegCoefficientMemoryCounts)
{
    const cv::Mat scene = drawScene(2000, 2000, 2);
    DecodeOptions options;
    options.limits.maxDecodedBytes = 16u << 20;   // progressive needs ~6 bytes/pixel = 23 MiB
    const auto progressive = decodeImage(encodeJpeg(scene, 85, true), options);
    ASSERT_FALSE(progressive);
    EXPECT_NE(progressive.error().message.find("decompression bomb"), std::string::npos);
    EXPECT_TRUE(decodeImage(encodeJpeg(scene, 85, false), options));   // baseline at 1/2: 3 MiB
}

TEST(BombTest, GifFrameLargerThanLimitsInsideSmallScreen)
{
    Bytes gif = gifHeaderClaiming(100, 100);
    const std::size_t frameSize = 6 + 4 + 2 + 1 + 6 + 1 + 4;   // header, screen, GCT, 0x2C, left/top
    gif[frameSize] = 0xFF;   // frame width 65535
    gif[frameSize + 1] = 0xFF;
    gif[frameSize + 2] = 0xFF;   // frame height 65535
    gif[frameSize + 3] = 0xFF;
    expectBomb(decodeImage(gif), "65535x65535");
}

TEST(BombTest, HeicOverMaxSide)
{
    const auto heic = makeHeic(drawScene(640, 480, 3));
    if (!heic)
        GTEST_SKIP() << "libheif has no HEVC encoder here";
    DecodeOptions options;
    options.limits.maxSide = 500;
    const auto image = decodeImage(*heic, options);
    ASSERT_FALSE(image);
    EXPECT_EQ(image.error().code, ErrorCode::Unsupported);
    EXPECT_NE(image.error().message.find("decompression bomb"), std::string::npos) << image.error().message;
}

TEST(BombTest, WithinLimitsAHeaderWithoutDataIsCorrupt)
{
    // The same kind of hand-made header, small enough to pass: the decoder runs and fails.
    for (const Bytes &bytes : {jpegHeaderClaiming(3000, 3000), pngHeaderClaiming(3000, 3000), gifHeaderClaiming(300, 300)}) {
        const auto image = decodeImage(bytes);
        if (image) {
            EXPECT_TRUE(image->truncated);   // giflib may decode a few pixels of the tiny frame
            continue;
        }
        EXPECT_EQ(image.error().code, ErrorCode::Corrupt) << image.error().toString();
    }
}

} // namespace
} // namespace vigil::media::test
