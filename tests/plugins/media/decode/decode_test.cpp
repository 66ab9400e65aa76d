// SPDX-License-Identifier: GPL-3.0-or-later
// decodeImage on generated files of every format: reduced sizes, pixels, frames, partial data.

#include "plugins/media/decode/decode.h"
#include "tests/plugins/media/decode/testimages.h"

#include <gtest/gtest.h>

#include <opencv2/imgproc.hpp>

#include <atomic>
#include <cstdio>
#include <thread>
#include <jpeglib.h>

namespace vigil::media::test {
namespace {

DecodedImage decodeOk(const Bytes &bytes, int minLongSide = 512)
{
    DecodeOptions options;
    options.minLongSide = minLongSide;
    auto image = decodeImage(bytes, options);
    EXPECT_TRUE(image) << image.error().toString();
    if (!image)
        return {};
    EXPECT_EQ(image->bgr.type(), CV_8UC3);
    return *image;
}

void expectSize(const DecodedImage &image, int fullW, int fullH, int denominator)
{
    EXPECT_EQ(image.width, fullW);
    EXPECT_EQ(image.height, fullH);
    EXPECT_EQ(image.scaleDenominator, denominator);
    EXPECT_EQ(image.bgr.cols, (fullW + denominator - 1) / denominator);
    EXPECT_EQ(image.bgr.rows, (fullH + denominator - 1) / denominator);
}

TEST(DecodeTest, Jpeg12MegapixelIsDctScaledToQuarter)
{
    const cv::Mat scene = drawScene(4000, 3000, 11);
    const Bytes jpeg = encodeJpeg(scene, 90);
    const DecodedImage image = decodeOk(jpeg);
    EXPECT_EQ(image.format, ImageFormat::Jpeg);
    expectSize(image, 4000, 3000, 4);   // 4000/8 = 500 < 512, 4000/4 = 1000 >= 512
    EXPECT_FALSE(image.truncated);
    EXPECT_FALSE(image.orientationApplied);
    EXPECT_LT(maxChannelDifference(meanColour(image.bgr), meanColour(scene)), 3.0);
}

TEST(DecodeTest, JpegReductionFollowsMinLongSide)
{
    const Bytes jpeg = encodeJpeg(drawScene(1001, 333, 12));
    expectSize(decodeOk(jpeg, 0), 1001, 333, 8);      // as small as possible: ceil(1001/8) = 126
    expectSize(decodeOk(jpeg, 126), 1001, 333, 8);
    expectSize(decodeOk(jpeg, 127), 1001, 333, 4);
    expectSize(decodeOk(jpeg, 600), 1001, 333, 1);    // 1001/2 = 501 < 600: full size
}

TEST(DecodeTest, JpegProgressiveAndGrayscale)
{
    const cv::Mat scene = drawScene(1600, 1200, 13);
    const DecodedImage progressive = decodeOk(encodeJpeg(scene, 85, true));
    expectSize(progressive, 1600, 1200, 2);
    EXPECT_LT(maxChannelDifference(meanColour(progressive.bgr), meanColour(scene)), 3.0);

    cv::Mat gray;
    cv::cvtColor(scene, gray, cv::COLOR_BGR2GRAY);
    const DecodedImage decoded = decodeOk(encode(gray, ".jpg"));
    expectSize(decoded, 1600, 1200, 2);
    const cv::Scalar mean = meanColour(decoded.bgr);
    EXPECT_NEAR(mean[0], cv::mean(gray)[0], 3.0);
    EXPECT_NEAR(mean[0], mean[2], 0.01);   // gray stays gray
}

// A CMYK JPEG as Photoshop writes them (Adobe marker, inverted values), written with libjpeg.
Bytes cmykJpeg(int width, int height, const unsigned char cmykInverted[4])
{
    jpeg_compress_struct cinfo{};
    jpeg_error_mgr err{};
    cinfo.err = jpeg_std_error(&err);
    jpeg_create_compress(&cinfo);
    unsigned char *buffer = nullptr;
    unsigned long size = 0;
    jpeg_mem_dest(&cinfo, &buffer, &size);
    cinfo.image_width = JDIMENSION(width);
    cinfo.image_height = JDIMENSION(height);
    cinfo.input_components = 4;
    cinfo.in_color_space = JCS_CMYK;
    jpeg_set_defaults(&cinfo);
    jpeg_set_quality(&cinfo, 95, TRUE);
    jpeg_start_compress(&cinfo, TRUE);
    std::vector<unsigned char> row(std::size_t(width) * 4);
    for (int x = 0; x < width; ++x)
        std::copy(cmykInverted, cmykInverted + 4, row.begin() + 4 * x);
    while (cinfo.next_scanline < cinfo.image_height) {
        JSAMPROW line = row.data();
        jpeg_write_scanlines(&cinfo, &line, 1);
    }
    jpeg_finish_compress(&cinfo);
    jpeg_destroy_compress(&cinfo);
    Bytes out(buffer, buffer + size);
    std::free(buffer);
    return out;
}

TEST(DecodeTest, JpegCmykAdobeInvertedBecomesBgr)
{
    const unsigned char red[4] = {255, 0, 0, 255};   // inverted C=0 M=255 Y=255 K=0
    const DecodedImage image = decodeOk(cmykJpeg(64, 48, red));
    expectSize(image, 64, 48, 1);
    const cv::Scalar mean = meanColour(image.bgr);
    EXPECT_LT(mean[0], 8);
    EXPECT_LT(mean[1], 8);
    EXPECT_GT(mean[2], 247);
}

TEST(DecodeTest, OpenCvFormatsAreReducedByArea)
{
    const cv::Mat scene = drawScene(1200, 900, 14);
    const std::vector<std::pair<ImageFormat, Bytes>> files{
        {ImageFormat::Png, encode(scene, ".png")},
        {ImageFormat::Bmp, encode(scene, ".bmp")},
        {ImageFormat::Webp, encode(scene, ".webp", {cv::IMWRITE_WEBP_QUALITY, 90})},
        {ImageFormat::Tiff, encode(scene, ".tiff")},
    };
    for (const auto &[format, bytes] : files) {
        SCOPED_TRACE(imageFormatName(format));
        const DecodedImage image = decodeOk(bytes);
        EXPECT_EQ(image.format, format);
        expectSize(image, 1200, 900, 2);   // 600 >= 512 > 300
        EXPECT_FALSE(image.truncated);
        EXPECT_LT(maxChannelDifference(meanColour(image.bgr), meanColour(scene)), 3.0);
    }
}

TEST(DecodeTest, LosslessFormatsKeepPixelsAtFullSize)
{
    const cv::Mat scene = drawScene(300, 200, 15);
    for (const Bytes &bytes : {encode(scene, ".png"), encode(scene, ".bmp"), makeTopDownBmp(scene),
                               encode(scene, ".tiff"), encode(scene, ".webp", {cv::IMWRITE_WEBP_QUALITY, 101})}) {
        const DecodedImage image = decodeOk(bytes, 1000);
        ASSERT_EQ(image.bgr.size(), scene.size());
        EXPECT_EQ(cv::norm(image.bgr, scene, cv::NORM_INF), 0.0);
    }
}

TEST(DecodeTest, MultiPageTiffDecodesFirstPage)
{
    const cv::Mat first(100, 150, CV_8UC3, cv::Scalar(0, 0, 255)), second(100, 150, CV_8UC3, cv::Scalar(255, 0, 0));
    const DecodedImage image = decodeOk(makeMultiPageTiff({first, second}));
    EXPECT_EQ(image.frames, 2);
    EXPECT_EQ(image.bgr.at<cv::Vec3b>(50, 75), cv::Vec3b(0, 0, 255));
}

TEST(DecodeTest, GifFirstFrameOnLogicalScreen)
{
    cv::Mat first(200, 300, CV_8UC1, cv::Scalar(1));   // red
    first.colRange(150, 300).setTo(2);                 // right half green
    const cv::Mat second(200, 300, CV_8UC1, cv::Scalar(3));
    const DecodedImage image = decodeOk(makeGif(300, 200, 0, {{first}, {second}, {second}}));
    EXPECT_EQ(image.format, ImageFormat::Gif);
    EXPECT_EQ(image.frames, 3);
    expectSize(image, 300, 200, 1);
    EXPECT_EQ(image.bgr.at<cv::Vec3b>(100, 50), cv::Vec3b(0, 0, 255));
    EXPECT_EQ(image.bgr.at<cv::Vec3b>(100, 250), cv::Vec3b(0, 255, 0));
}

TEST(DecodeTest, GifFrameOffsetTransparencyAndBackground)
{
    cv::Mat frame(50, 50, CV_8UC1, cv::Scalar(1));   // red, with a transparent (index 2) hole
    frame(cv::Rect(20, 20, 10, 10)).setTo(2);
    const DecodedImage image = decodeOk(makeGif(100, 100, 3, {{frame, 25, 25, false, 2}}));
    EXPECT_EQ(image.bgr.at<cv::Vec3b>(5, 5), cv::Vec3b(255, 0, 0));     // background: blue
    EXPECT_EQ(image.bgr.at<cv::Vec3b>(30, 30), cv::Vec3b(0, 0, 255));   // frame: red
    EXPECT_EQ(image.bgr.at<cv::Vec3b>(50, 50), cv::Vec3b(255, 0, 0));   // transparent: background
}

TEST(DecodeTest, GifInterlacedRowsLandInPlace)
{
    cv::Mat frame(64, 40, CV_8UC1);
    for (int y = 0; y < frame.rows; ++y)
        frame.row(y).setTo(y % 3 + 1);
    const DecodedImage image = decodeOk(makeGif(40, 64, 0, {{frame, 0, 0, true}}));
    const cv::Vec3b colours[] = {{0, 0, 255}, {0, 255, 0}, {255, 0, 0}};
    for (int y = 0; y < 64; ++y)
        ASSERT_EQ(image.bgr.at<cv::Vec3b>(y, 7), colours[y % 3]) << "row " << y;
}

TEST(DecodeTest, GifLargeScreenIsReduced)
{
    const cv::Mat frame(1000, 2000, CV_8UC1, cv::Scalar(2));
    const DecodedImage image = decodeOk(makeGif(2000, 1000, 0, {{frame}}));
    expectSize(image, 2000, 1000, 2);
    EXPECT_EQ(image.bgr.at<cv::Vec3b>(250, 500), cv::Vec3b(0, 255, 0));
}

TEST(DecodeTest, AnimatedWebpFirstFrameOnCanvas)
{
    const cv::Mat red(60, 100, CV_8UC3, cv::Scalar(0, 0, 255)), blue(100, 200, CV_8UC3, cv::Scalar(255, 0, 0));
    const Bytes webp = makeAnimatedWebp(200, 100, {{red, 20, 10}, {blue, 0, 0}}, cv::Scalar(0, 255, 0));
    const DecodedImage image = decodeOk(webp);
    EXPECT_EQ(image.format, ImageFormat::Webp);
    EXPECT_EQ(image.frames, 2);
    expectSize(image, 200, 100, 1);
    const cv::Vec3b inside = image.bgr.at<cv::Vec3b>(40, 70), outside = image.bgr.at<cv::Vec3b>(90, 180);
    EXPECT_GT(inside[2], 230);
    EXPECT_LT(inside[0], 25);
    EXPECT_EQ(outside, cv::Vec3b(0, 255, 0));   // ANIM background
}

TEST(DecodeTest, HeicPrimaryImage)
{
    const cv::Mat scene = drawScene(640, 480, 16);
    const auto heic = makeHeic(scene);
    if (!heic)
        GTEST_SKIP() << "libheif has no HEVC encoder here";
    const DecodedImage image = decodeOk(*heic);
    EXPECT_EQ(image.format, ImageFormat::Heic);
    expectSize(image, 640, 480, 1);
    EXPECT_TRUE(image.orientationApplied);
    EXPECT_LT(maxChannelDifference(meanColour(image.bgr), meanColour(scene)), 4.0);
    expectSize(decodeOk(*heic, 0), 640, 480, 8);
}

TEST(DecodeTest, HeicRotationIsAppliedByLibheif)
{
    const cv::Mat scene = drawScene(320, 240, 17);
    const auto heic = makeHeic(scene, 6);
    if (!heic)
        GTEST_SKIP() << "libheif has no HEVC encoder here";
    const DecodedImage image = decodeOk(*heic);
    expectSize(image, 240, 320, 1);
    cv::Mat upright;
    cv::rotate(scene, upright, cv::ROTATE_90_CLOCKWISE);
    cv::Mat difference;
    cv::absdiff(image.bgr, upright, difference);
    EXPECT_LT(cv::mean(difference)[0] + cv::mean(difference)[1] + cv::mean(difference)[2], 20.0);
}

TEST(DecodeTest, TruncatedJpegGivesFlaggedPartialImage)
{
    const cv::Mat scene = drawScene(800, 600, 18, true);
    for (const bool progressive : {false, true}) {
        SCOPED_TRACE(progressive ? "progressive" : "baseline");
        const Bytes jpeg = encodeJpeg(scene, 90, progressive);
        const Bytes half(jpeg.begin(), jpeg.begin() + std::ptrdiff_t(jpeg.size() / 2));
        const DecodedImage image = decodeOk(half, 1000);
        EXPECT_TRUE(image.truncated);
        expectSize(image, 800, 600, 1);
        const DecodedImage complete = decodeOk(jpeg, 1000);
        EXPECT_FALSE(complete.truncated);
        if (!progressive)   // the top rows are all there, exactly as in the complete file
            EXPECT_EQ(cv::norm(image.bgr.rowRange(0, 100), complete.bgr.rowRange(0, 100), cv::NORM_INF), 0.0);
        else                // every scan covers the whole picture: roughly right everywhere
            EXPECT_LT(maxChannelDifference(meanColour(image.bgr), meanColour(complete.bgr)), 8.0);
    }
}

TEST(DecodeTest, TruncatedGifGivesFlaggedPartialImage)
{
    cv::Mat frame(300, 400, CV_8UC1);
    cv::randu(frame, 0, 4);
    const Bytes gif = makeGif(400, 300, 0, {{frame}});
    const DecodedImage image = decodeOk(Bytes(gif.begin(), gif.begin() + std::ptrdiff_t(gif.size() / 2)));
    EXPECT_TRUE(image.truncated);
    expectSize(image, 400, 300, 1);
}

TEST(DecodeTest, TruncatedOtherFormatsFailAsCorrupt)
{
    const cv::Mat scene = drawScene(400, 300, 19, true);
    std::vector<std::pair<std::string, Bytes>> files{
        {"png", encode(scene, ".png")},
        {"bmp", encode(scene, ".bmp")},
        {"webp", encode(scene, ".webp")},
        {"tiff", encode(scene, ".tiff", {cv::IMWRITE_TIFF_COMPRESSION, 1})},
    };
    if (auto heic = makeHeic(scene))
        files.emplace_back("heic", *heic);
    for (const auto &[name, bytes] : files) {
        SCOPED_TRACE(name);
        const auto image = decodeImage(Bytes(bytes.begin(), bytes.begin() + std::ptrdiff_t(bytes.size() / 2)));
        ASSERT_FALSE(image);
        EXPECT_EQ(image.error().code, ErrorCode::Corrupt) << image.error().toString();
    }
}

TEST(DecodeTest, ExternalRealPhotos)
{
    const auto dir = externalData();
    if (!std::filesystem::exists(dir / "faces/face_recognition/examples/biden.jpg"))
        GTEST_SKIP() << "external test data not found: " << dir;
    expectSize(decodeOk(readFile(dir / "faces/face_recognition/examples/biden.jpg")), 970, 2204, 4);
    expectSize(decodeOk(readFile(dir / "pdq/misc-images/small.jpg")), 224, 399, 1);   // progressive
    expectSize(decodeOk(readFile(dir / "pdq/misc-images/c.png")), 1432, 812, 2);      // RGBA
    expectSize(decodeOk(readFile(dir / "faces/face_recognition/tests/test_images/32bit.png")), 626, 1200, 2);

    const Bytes progressive = readFile(dir / "pdq/misc-images/small.jpg");
    const DecodedImage partial = decodeOk(Bytes(progressive.begin(), progressive.begin() + std::ptrdiff_t(progressive.size() * 4 / 5)));
    EXPECT_TRUE(partial.truncated);
    expectSize(partial, 224, 399, 1);
}

TEST(DecodeTest, ConcurrentDecodesGiveTheSameImages)
{
    const cv::Mat scene = drawScene(400, 300, 20);
    cv::Mat indices(100, 120, CV_8UC1);
    cv::randu(indices, 0, 4);
    std::vector<Bytes> files{encodeJpeg(scene), encodeJpeg(scene, 80, true), encode(scene, ".png"),
                             makeGif(120, 100, 0, {{indices}}), encode(scene, ".webp")};
    if (auto heic = makeHeic(scene))
        files.push_back(*heic);
    std::vector<cv::Mat> expected;
    for (const Bytes &bytes : files)
        expected.push_back(decodeOk(bytes).bgr);
    std::atomic<int> mismatches{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t) {
        threads.emplace_back([&, t] {
            for (int round = 0; round < 6; ++round) {
                const std::size_t i = std::size_t(t + round) % files.size();
                const auto image = decodeImage(files[i]);
                if (!image || cv::norm(image->bgr, expected[i], cv::NORM_INF) != 0.0)
                    ++mismatches;
            }
        });
    }
    for (auto &thread : threads)
        thread.join();
    EXPECT_EQ(mismatches.load(), 0);
}

} // namespace
} // namespace vigil::media::test
