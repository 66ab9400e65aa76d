// SPDX-License-Identifier: GPL-3.0-or-later
// probeImage: sizes and frame counts from headers of generated files of every format.

#include "plugins/media/decode/decode.h"
#include "tests/plugins/media/decode/testimages.h"

#include <gtest/gtest.h>

#include <cstring>

namespace vigil::media::test {
namespace {

void expectProbe(const Bytes &bytes, ImageFormat format, int width, int height, int frames = 1)
{
    const auto probe = probeImage(bytes);
    ASSERT_TRUE(probe) << probe.error().toString();
    EXPECT_EQ(probe->format, format) << imageFormatName(probe->format);
    EXPECT_EQ(probe->width, width);
    EXPECT_EQ(probe->height, height);
    EXPECT_EQ(probe->frames, frames);
}

TEST(ProbeTest, FormatNames)
{
    EXPECT_STREQ(imageFormatName(ImageFormat::Jpeg), "jpeg");
    EXPECT_STREQ(imageFormatName(ImageFormat::Png), "png");
    EXPECT_STREQ(imageFormatName(ImageFormat::Gif), "gif");
    EXPECT_STREQ(imageFormatName(ImageFormat::Bmp), "bmp");
    EXPECT_STREQ(imageFormatName(ImageFormat::Webp), "webp");
    EXPECT_STREQ(imageFormatName(ImageFormat::Heic), "heic");
    EXPECT_STREQ(imageFormatName(ImageFormat::Tiff), "tiff");
    EXPECT_STREQ(imageFormatName(ImageFormat::Unknown), "unknown");
}

TEST(ProbeTest, JpegBaselineAndProgressive)
{
    const cv::Mat scene = drawScene(321, 123, 1);
    expectProbe(encodeJpeg(scene), ImageFormat::Jpeg, 321, 123);
    expectProbe(encodeJpeg(scene, 80, true), ImageFormat::Jpeg, 321, 123);
}

TEST(ProbeTest, JpegWithExifAndFillBytesBeforeFrameHeader)
{
    // APP1 segment, then fill bytes (0xFF repeated) before the SOF marker: both are legal.
    Bytes jpeg = encodeJpeg(drawScene(64, 40, 2));
    const Bytes app1{0xFF, 0xE1, 0x00, 0x08, 'E', 'x', 'i', 'f', 0, 0, 0xFF, 0xFF};
    jpeg.insert(jpeg.begin() + 2, app1.begin(), app1.end());
    expectProbe(jpeg, ImageFormat::Jpeg, 64, 40);
}

TEST(ProbeTest, PngAndApngFrameCount)
{
    const cv::Mat scene = drawScene(200, 99, 3);
    expectProbe(encode(scene, ".png"), ImageFormat::Png, 200, 99);
    expectProbe(makeApngHeader(scene, 7), ImageFormat::Png, 200, 99, 7);
}

TEST(ProbeTest, GifScreenAndFrames)
{
    cv::Mat frame(20, 30, CV_8UC1, cv::Scalar(1));
    expectProbe(makeGif(40, 25, 0, {{frame}, {frame}, {frame}}), ImageFormat::Gif, 40, 25, 3);
}

TEST(ProbeTest, BmpBottomUpAndTopDown)
{
    const cv::Mat scene = drawScene(77, 31, 4);
    expectProbe(encode(scene, ".bmp"), ImageFormat::Bmp, 77, 31);
    expectProbe(makeTopDownBmp(scene), ImageFormat::Bmp, 77, 31);
}

TEST(ProbeTest, WebpLossyLosslessAndAnimated)
{
    const cv::Mat scene = drawScene(150, 70, 5);
    expectProbe(encode(scene, ".webp", {cv::IMWRITE_WEBP_QUALITY, 80}), ImageFormat::Webp, 150, 70);
    expectProbe(encode(scene, ".webp", {cv::IMWRITE_WEBP_QUALITY, 101}), ImageFormat::Webp, 150, 70);
    expectProbe(makeAnimatedWebp(160, 80, {{scene}, {scene}}), ImageFormat::Webp, 160, 80, 2);
}

TEST(ProbeTest, TiffSingleAndMultiPage)
{
    const cv::Mat scene = drawScene(90, 60, 6);
    expectProbe(encode(scene, ".tiff"), ImageFormat::Tiff, 90, 60);
    expectProbe(makeMultiPageTiff({scene, scene, scene}), ImageFormat::Tiff, 90, 60, 3);
}

TEST(ProbeTest, HeicPrimaryImage)
{
    const auto heic = makeHeic(drawScene(320, 240, 7));
    if (!heic)
        GTEST_SKIP() << "libheif has no HEVC encoder here";
    expectProbe(*heic, ImageFormat::Heic, 320, 240);
}

TEST(ProbeTest, HeicRotationSwapsDimensions)
{
    const auto heic = makeHeic(drawScene(320, 240, 8), 6);
    if (!heic)
        GTEST_SKIP() << "libheif has no HEVC encoder here";
    expectProbe(*heic, ImageFormat::Heic, 240, 320);
}

TEST(ProbeTest, HandMadeHeadersClaimingHugeSizes)
{
    expectProbe(jpegHeaderClaiming(60000, 60000), ImageFormat::Jpeg, 60000, 60000);
    expectProbe(pngHeaderClaiming(60000, 60000), ImageFormat::Png, 60000, 60000);
    expectProbe(gifHeaderClaiming(65535, 65535), ImageFormat::Gif, 65535, 65535);
}

TEST(ProbeTest, EmptyGarbageAndTextAreErrors)
{
    const auto empty = probeImage({});
    ASSERT_FALSE(empty);
    EXPECT_EQ(empty.error().code, ErrorCode::InvalidArgument);

    cv::RNG rng(42);
    Bytes random(4096);
    rng.fill(random, cv::RNG::UNIFORM, 0, 256);
    random[0] = 0x00;   // not a signature byte of any format
    const std::string text = "Hello, this is a plain text file and not an image at all.\n";
    const Bytes zeros(1024, 0);
    for (const Bytes &bytes : {random, Bytes(text.begin(), text.end()), zeros}) {
        const auto probe = probeImage(bytes);
        ASSERT_FALSE(probe);
        EXPECT_EQ(probe.error().code, ErrorCode::Unsupported) << probe.error().toString();
    }
}

TEST(ProbeTest, SignatureWithDamagedHeaderIsCorrupt)
{
    const std::vector<Bytes> damaged{
        {0xFF, 0xD8, 0xFF, 0xDA, 0x00, 0x02},                      // scan before any frame header
        {0xFF, 0xD8, 0xFF, 0xC0, 0x00, 0x11, 0x08, 0x00, 0x00, 0x00, 0x00, 0x03},   // 0x0 frame
        {0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R', 0, 0},
        {'G', 'I', 'F', '8', '9', 'a', 0, 0, 5, 0, 0},             // zero width
        {'R', 'I', 'F', 'F', 0, 0, 0, 0, 'W', 'E', 'B', 'P', 'V', 'P', '8', ' ', 0, 0, 0, 0},
        {'I', 'I', '*', 0, 0xFF, 0xFF, 0, 0},                       // IFD0 outside the file
    };
    for (const Bytes &bytes : damaged) {
        const auto probe = probeImage(bytes);
        ASSERT_FALSE(probe) << "accepted " << bytes.size() << " bytes";
        EXPECT_EQ(probe.error().code, ErrorCode::Corrupt) << probe.error().toString();
    }
}

TEST(ProbeTest, AvifIsNamedUnsupported)
{
    Bytes avif{0, 0, 0, 0x1C, 'f', 't', 'y', 'p', 'a', 'v', 'i', 'f', 0, 0, 0, 0,
               'm', 'i', 'f', '1', 'a', 'v', 'i', 'f', 'm', 'i', 'a', 'f'};
    EXPECT_EQ(detectImageFormat(avif), ImageFormat::Unknown);
    const auto probe = probeImage(avif);
    ASSERT_FALSE(probe);
    EXPECT_EQ(probe.error().code, ErrorCode::Unsupported);
    EXPECT_NE(probe.error().message.find("AVIF"), std::string::npos);
}

TEST(ProbeTest, ExternalJpegsAndPng)
{
    const auto dir = externalData();
    if (!std::filesystem::exists(dir / "pdq/misc-images/small.jpg"))
        GTEST_SKIP() << "external test data not found: " << dir;
    expectProbe(readFile(dir / "pdq/misc-images/small.jpg"), ImageFormat::Jpeg, 224, 399);   // progressive
    expectProbe(readFile(dir / "pdq/misc-images/wee.jpg"), ImageFormat::Jpeg, 34, 42);
    expectProbe(readFile(dir / "pdq/misc-images/c.png"), ImageFormat::Png, 1432, 812);
    expectProbe(readFile(dir / "faces/face_recognition/examples/biden.jpg"), ImageFormat::Jpeg, 970, 2204);
}

} // namespace
} // namespace vigil::media::test
