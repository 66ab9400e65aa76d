// SPDX-License-Identifier: GPL-3.0-or-later
// Bad input is normal: truncated, garbage and mutated files of every format must give an
// Error or a flagged/valid image, never a crash or an exception.

#include "plugins/media/decode/decode.h"
#include "tests/plugins/media/decode/testimages.h"

#include <gtest/gtest.h>

namespace vigil::media::test {
namespace {

std::vector<std::pair<std::string, Bytes>> sampleFiles()
{
    const cv::Mat scene = drawScene(96, 64, 21, true);
    cv::Mat indices(64, 96, CV_8UC1);
    cv::randu(indices, 0, 4);
    std::vector<std::pair<std::string, Bytes>> files{
        {"jpeg", encodeJpeg(scene)},
        {"jpeg-progressive", encodeJpeg(scene, 90, true)},
        {"png", encode(scene, ".png")},
        {"apng-header", makeApngHeader(scene, 3)},
        {"gif", makeGif(96, 64, 0, {{indices, 0, 0, true, 1}, {indices}})},
        {"bmp", encode(scene, ".bmp")},
        {"bmp-top-down", makeTopDownBmp(scene)},
        {"webp", encode(scene, ".webp", {cv::IMWRITE_WEBP_QUALITY, 80})},
        {"webp-lossless", encode(scene, ".webp", {cv::IMWRITE_WEBP_QUALITY, 101})},
        {"webp-animated", makeAnimatedWebp(96, 64, {{scene}, {scene}})},
        {"tiff", encode(scene, ".tiff")},
        {"tiff-multipage", makeMultiPageTiff({scene, scene})},
    };
    if (auto heic = makeHeic(scene))
        files.emplace_back("heic", *heic);
    return files;
}

// Whatever happens, the answer is well-formed.
void expectSane(const Bytes &bytes, const std::string &what)
{
    const auto probe = probeImage(bytes);
    if (!probe) {
        EXPECT_NE(probe.error().code, ErrorCode::Internal) << what << ": " << probe.error().toString();
    } else {
        EXPECT_GT(probe->width, 0) << what;
        EXPECT_GT(probe->height, 0) << what;
    }
    const auto image = decodeImage(bytes);
    if (!image) {
        EXPECT_NE(image.error().code, ErrorCode::Internal) << what << ": " << image.error().toString();
        EXPECT_FALSE(image.error().message.empty()) << what;
        return;
    }
    EXPECT_FALSE(image->bgr.empty()) << what;
    EXPECT_EQ(image->bgr.type(), CV_8UC3) << what;
    EXPECT_GT(image->width, 0) << what;
}

TEST(RobustnessTest, EveryPrefixOfEveryFormat)
{
    for (const auto &[name, bytes] : sampleFiles()) {
        std::vector<std::size_t> cuts{1, 2, 3, 4, 8, 12, 16, 20, 24, 30, 32, 40, 64, 100, 200};
        for (int i = 1; i < 32; ++i)
            cuts.push_back(bytes.size() * std::size_t(i) / 32);
        for (const std::size_t cut : cuts) {
            if (cut < bytes.size())
                expectSane(Bytes(bytes.begin(), bytes.begin() + std::ptrdiff_t(cut)), name + " cut at " + std::to_string(cut));
        }
    }
}

TEST(RobustnessTest, HalfAndFirstHundredBytesAreErrorsOrFlagged)
{
    for (const auto &[name, bytes] : sampleFiles()) {
        for (const std::size_t cut : {bytes.size() / 2, std::size_t(100)}) {
            const auto image = decodeImage(Bytes(bytes.begin(), bytes.begin() + std::ptrdiff_t(cut)));
            if (image) {
                EXPECT_TRUE(image->truncated) << name << " cut at " << cut << " decoded without the flag";
            }
        }
    }
}

TEST(RobustnessTest, MutatedFilesOfEveryFormat)
{
    cv::RNG rng(1234);
    for (const auto &[name, original] : sampleFiles()) {
        for (int variant = 0; variant < 60; ++variant) {
            Bytes bytes = original;
            const int changes = 1 + variant % 8;
            for (int c = 0; c < changes; ++c)
                bytes[std::size_t(rng.uniform(0, int(bytes.size())))] = static_cast<unsigned char>(rng.uniform(0, 256));
            expectSane(bytes, name + " variant " + std::to_string(variant));
        }
    }
}

TEST(RobustnessTest, SignaturesFollowedByGarbage)
{
    const std::vector<Bytes> signatures{
        {0xFF, 0xD8, 0xFF},
        {0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'},
        {'G', 'I', 'F', '8', '9', 'a'},
        {'B', 'M', 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 40, 0, 0, 0},
        {'R', 'I', 'F', 'F', 0, 0, 0, 0, 'W', 'E', 'B', 'P'},
        {0, 0, 0, 0x18, 'f', 't', 'y', 'p', 'h', 'e', 'i', 'c', 0, 0, 0, 0, 'm', 'i', 'f', '1', 'h', 'e', 'i', 'c'},
        {'I', 'I', '*', 0},
        {'M', 'M', 0, '*'},
        {'I', 'I', '+', 0, 8, 0, 0, 0},
    };
    cv::RNG rng(99);
    for (const Bytes &signature : signatures) {
        for (int variant = 0; variant < 30; ++variant) {
            Bytes bytes = signature;
            const int tail = rng.uniform(0, 600);
            for (int i = 0; i < tail; ++i)
                bytes.push_back(static_cast<unsigned char>(rng.uniform(0, 256)));
            expectSane(bytes, "signature " + std::to_string(signature[0]) + " variant " + std::to_string(variant));
        }
    }
}

TEST(RobustnessTest, GarbageIsUnsupported)
{
    cv::RNG rng(7);
    Bytes random(100'000);
    rng.fill(random, cv::RNG::UNIFORM, 0, 256);
    random[0] = 0x42;   // 'B' without "M": no signature
    random[1] = 0x00;
    const std::string text = "<html><body>not an image</body></html>";
    for (const Bytes &bytes : {random, Bytes(4096, 0), Bytes(text.begin(), text.end()), Bytes{0xFF}}) {
        const auto image = decodeImage(bytes);
        ASSERT_FALSE(image);
        EXPECT_EQ(image.error().code, ErrorCode::Unsupported) << image.error().toString();
    }
    const auto empty = decodeImage({});
    ASSERT_FALSE(empty);
    EXPECT_EQ(empty.error().code, ErrorCode::InvalidArgument);
}

} // namespace
} // namespace vigil::media::test
