// SPDX-License-Identifier: GPL-3.0-or-later
#include "plugins/media/pdq/pdq.h"
#include "tests/plugins/media/pdq/testimages.h"

#include <gtest/gtest.h>
#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <random>
#include <vector>

using namespace vigil;
using namespace vigil::media;
using namespace vigil::media::test;
namespace fs = std::filesystem;

namespace {

#define REQUIRE_PDQ_DATA()                                                        \
    if (!havePdqData())                                                           \
    GTEST_SKIP() << "external test data not found: " << pdqDataDir().string()

PdqResult mustHash(const cv::Mat &image)
{
    auto r = pdqHash(image);
    EXPECT_TRUE(r.has_value()) << (r ? "" : r.error().toString());
    return r.value_or(PdqResult{});
}

PdqHash mustParse(const std::string &hex)
{
    auto h = PdqHash::fromHex(hex);
    EXPECT_TRUE(h.has_value()) << hex;
    return h.value_or(PdqHash{});
}

std::vector<fs::path> bridgeFiles()
{
    std::vector<fs::path> files;
    for (const auto &entry : fs::directory_iterator(pdqDataDir() / "bridge-mods"))
        if (entry.path().extension() == ".jpg")
            files.push_back(entry.path());
    std::sort(files.begin(), files.end());
    return files;
}

// Applies the transformation of PdqDihedral(v) with OpenCV.
cv::Mat transformed(const cv::Mat &image, int v)
{
    cv::Mat out;
    switch (static_cast<PdqDihedral>(v)) {
    case PdqDihedral::Original: out = image.clone(); break;
    case PdqDihedral::Rotate90: cv::rotate(image, out, cv::ROTATE_90_CLOCKWISE); break;
    case PdqDihedral::Rotate180: cv::rotate(image, out, cv::ROTATE_180); break;
    case PdqDihedral::Rotate270: cv::rotate(image, out, cv::ROTATE_90_COUNTERCLOCKWISE); break;
    case PdqDihedral::FlipHorizontal: cv::flip(image, out, 1); break;
    case PdqDihedral::FlipVertical: cv::flip(image, out, 0); break;
    case PdqDihedral::Transpose: cv::transpose(image, out); break;
    case PdqDihedral::AntiTranspose: {
        cv::Mat t;
        cv::transpose(image, t);
        cv::rotate(t, out, cv::ROTATE_180);
        break;
    }
    }
    return out;
}

void expectDihedralMatchesTransforms(const cv::Mat &image, int tolerance)
{
    auto variants = pdqDihedral(image);
    ASSERT_TRUE(variants.has_value()) << variants.error().toString();
    const PdqResult plain = mustHash(image);
    EXPECT_EQ((*variants)[0].hash, plain.hash);
    for (int v = 0; v < 8; ++v) {
        const PdqResult direct = mustHash(transformed(image, v));
        const int d = hammingDistance((*variants)[v].hash, direct.hash);
        std::printf("  variant %d: distance to hash of transformed image %d, to original %d\n", v, d,
                    hammingDistance((*variants)[v].hash, plain.hash));
        EXPECT_LE(d, tolerance) << "variant " << v;
        EXPECT_EQ((*variants)[v].quality, plain.quality);
        if (v != 0) {   // the picture is asymmetric: every variant is a different hash
            EXPECT_GT(hammingDistance((*variants)[v].hash, plain.hash), kPdqMatchThreshold) << "variant " << v;
        }
    }
}

} // namespace

TEST(PdqReference, BridgeEditsMatchReferenceHashes)
{
    REQUIRE_PDQ_DATA();
    const auto reference = referenceHexByFileName();
    const auto files = bridgeFiles();
    ASSERT_EQ(files.size(), 12u);
    for (const auto &file : files) {
        const auto it = reference.find(file.filename().string());
        ASSERT_NE(it, reference.end()) << file;
        const cv::Mat image = loadImage(file);
        ASSERT_FALSE(image.empty()) << file;
        const PdqResult r = mustHash(image);
        const int d = hammingDistance(r.hash, mustParse(it->second));
        std::printf("  %-22s %4dx%-4d distance %2d quality %3d\n", file.filename().c_str(), image.cols, image.rows, d,
                    r.quality);
        EXPECT_LE(d, 10) << file << " " << r.hash.toHex();
    }
}

TEST(PdqReference, MiscImagesMatchReferenceHashes)
{
    REQUIRE_PDQ_DATA();
    const auto reference = referenceHexByFileName();
    int checked = 0;
    for (const char *name : {"b.jpg", "c.png", "small.jpg", "wee.jpg"}) {
        const fs::path file = pdqDataDir() / "misc-images" / name;
        if (!fs::exists(file))
            continue;
        const cv::Mat image = loadImage(file);
        ASSERT_FALSE(image.empty()) << file;
        const PdqResult r = mustHash(image);
        const int d = hammingDistance(r.hash, mustParse(reference.at(name)));
        std::printf("  %-10s %4dx%-4d distance %2d quality %3d\n", name, image.cols, image.rows, d, r.quality);
        EXPECT_LE(d, 10) << file << " " << r.hash.toHex();
        ++checked;
    }
    if (checked == 0)
        GTEST_SKIP() << "external test data not found: " << (pdqDataDir() / "misc-images").string();
}

TEST(PdqReference, BridgeEditsMatchEachOther)
{
    REQUIRE_PDQ_DATA();
    std::vector<PdqHash> hashes;
    for (const auto &file : bridgeFiles())
        hashes.push_back(mustHash(loadImage(file)).hash);
    ASSERT_EQ(hashes.size(), 12u);
    int worst = 0;
    for (std::size_t a = 0; a < hashes.size(); ++a)
        for (std::size_t b = a + 1; b < hashes.size(); ++b)
            worst = std::max(worst, hammingDistance(hashes[a], hashes[b]));
    std::printf("  largest distance between two bridge edits: %d\n", worst);
    EXPECT_LE(worst, kPdqMatchThreshold);
}

TEST(PdqReference, UnrelatedImagesAreFar)
{
    REQUIRE_PDQ_DATA();
    const PdqHash bridge = mustHash(loadImage(pdqDataDir() / "bridge-mods" / "aaa-orig.jpg")).hash;
    int checked = 0;
    for (const char *name : {"c.png", "small.jpg", "wee.jpg"}) {
        const fs::path file = pdqDataDir() / "misc-images" / name;
        if (!fs::exists(file))
            continue;
        const int d = hammingDistance(bridge, mustHash(loadImage(file)).hash);
        std::printf("  bridge vs %-10s distance %d\n", name, d);
        EXPECT_GT(d, kPdqMatchThreshold) << name;
        ++checked;
    }
    EXPECT_GT(checked, 0);
}

TEST(PdqReference, PhotoHasHighQuality)
{
    REQUIRE_PDQ_DATA();
    const PdqResult r = mustHash(loadImage(pdqDataDir() / "bridge-mods" / "aaa-orig.jpg"));
    EXPECT_GE(r.quality, 80);
}

TEST(PdqReference, DihedralVariantsOfPhotoMatchTransformedPhoto)
{
    REQUIRE_PDQ_DATA();
    expectDihedralMatchesTransforms(loadImage(pdqDataDir() / "bridge-mods" / "aaa-orig.jpg"), 10);
}

TEST(Pdq, DihedralVariantsMatchTransformedImage)
{
    expectDihedralMatchesTransforms(sceneImage(640, 480), 10);
}

// The box windows and sample positions of PDQ are not exactly mirror-symmetric (even window
// widths are off-centre by half a pixel), so a mirrored variant can be off by more than a few
// bits; the smaller the image, the more (about 200 px: up to ~40 bits). Over the sizes the
// pipeline hashes (long side 512..1280) every variant stays well inside the match threshold.
TEST(Pdq, DihedralVariantsAcrossPipelineSizes)
{
    int total = 0, close = 0, worst = 0;
    for (const cv::Size size : {cv::Size(480, 640), cv::Size(512, 384), cv::Size(700, 525), cv::Size(801, 600),
                                cv::Size(1000, 750), cv::Size(1280, 720)}) {
        const cv::Mat image = sceneImage(size.width, size.height);
        auto variants = pdqDihedral(image);
        ASSERT_TRUE(variants.has_value());
        for (int v = 0; v < 8; ++v) {
            const int d = hammingDistance((*variants)[v].hash, mustHash(transformed(image, v)).hash);
            EXPECT_LE(d, 20) << size << " variant " << v;
            worst = std::max(worst, d);
            close += d <= 10 ? 1 : 0;
            ++total;
        }
    }
    std::printf("  %d of %d variants within 10 bits; worst %d\n", close, total, worst);
    EXPECT_GE(close * 4, total * 3);
}

TEST(Pdq, GeneratedUnrelatedImagesAreFar)
{
    const PdqHash noise = mustHash(noiseImage(640, 480, 1)).hash;
    const PdqHash otherNoise = mustHash(noiseImage(640, 480, 2)).hash;
    const PdqHash gradient = mustHash(gradientImage(640, 480)).hash;
    const PdqHash scene = mustHash(sceneImage(640, 480)).hash;
    std::printf("  noise/gradient %d, noise/noise %d, scene/noise %d, scene/gradient %d\n",
                hammingDistance(noise, gradient), hammingDistance(noise, otherNoise), hammingDistance(scene, noise),
                hammingDistance(scene, gradient));
    EXPECT_GT(hammingDistance(noise, gradient), kPdqMatchThreshold);
    EXPECT_GT(hammingDistance(noise, otherNoise), kPdqMatchThreshold);
    EXPECT_GT(hammingDistance(scene, noise), kPdqMatchThreshold);
    EXPECT_GT(hammingDistance(scene, gradient), kPdqMatchThreshold);
}

TEST(Pdq, ResizedAndRecompressedCopiesMatch)
{
    const cv::Mat scene = sceneImage(1000, 750);
    const PdqHash original = mustHash(scene).hash;
    cv::Mat half, jpeg;
    cv::resize(scene, half, cv::Size(500, 375), 0, 0, cv::INTER_AREA);
    std::vector<uchar> bytes;
    ASSERT_TRUE(cv::imencode(".jpg", scene, bytes, {cv::IMWRITE_JPEG_QUALITY, 40}));
    jpeg = cv::imdecode(bytes, cv::IMREAD_COLOR);
    const int dHalf = hammingDistance(original, mustHash(half).hash);
    const int dJpeg = hammingDistance(original, mustHash(jpeg).hash);
    std::printf("  half size %d, JPEG quality 40 %d\n", dHalf, dJpeg);
    EXPECT_LE(dHalf, 16);
    EXPECT_LE(dJpeg, 16);
}

TEST(Pdq, FlatImageHasLowQuality)
{
    const PdqResult flat = mustHash(cv::Mat(300, 400, CV_8UC3, cv::Scalar(40, 120, 200)));
    EXPECT_LT(flat.quality, kPdqMinQuality);
    EXPECT_GE(mustHash(sceneImage(400, 300)).quality, kPdqMinQuality);
}

TEST(Pdq, ColourLayoutsAgree)
{
    const cv::Mat bgr = sceneImage(320, 240);
    cv::Mat bgra, gray, grayAsBgr, wide;
    cv::cvtColor(bgr, bgra, cv::COLOR_BGR2BGRA);
    cv::cvtColor(bgr, gray, cv::COLOR_BGR2GRAY);
    cv::cvtColor(gray, grayAsBgr, cv::COLOR_GRAY2BGR);
    bgr.convertTo(wide, CV_16UC3, 257.0);
    const PdqHash fromBgr = mustHash(bgr).hash;
    EXPECT_EQ(mustHash(bgra).hash, fromBgr);                           // alpha ignored
    EXPECT_LE(hammingDistance(mustHash(wide).hash, fromBgr), 2);       // 16-bit: same picture
    EXPECT_LE(hammingDistance(mustHash(gray).hash, mustHash(grayAsBgr).hash), 2);
}

TEST(Pdq, RegionOfInterestEqualsCopy)
{
    const cv::Mat big = sceneImage(800, 600);
    const cv::Mat roi = big(cv::Rect(100, 50, 500, 400));
    ASSERT_FALSE(roi.isContinuous());
    EXPECT_EQ(mustHash(roi).hash, mustHash(roi.clone()).hash);
}

TEST(Pdq, GarbageInputGivesErrorOrHash)
{
    const auto empty = pdqHash(cv::Mat());
    ASSERT_FALSE(empty.has_value());
    EXPECT_EQ(empty.error().code, ErrorCode::InvalidArgument);

    for (const cv::Size size : {cv::Size(1, 1), cv::Size(1, 500), cv::Size(700, 1), cv::Size(2, 3), cv::Size(63, 65)}) {
        const auto r = pdqHash(noiseImage(size.width, size.height, 7));
        ASSERT_TRUE(r.has_value()) << size;
        EXPECT_GE(r->quality, 0);
        EXPECT_LE(r->quality, 100);
    }
    EXPECT_EQ(pdqHash(cv::Mat(1, 1, CV_8UC1, cv::Scalar(9)))->quality, 0);

    const int sizes3d[] = {4, 4, 4};
    for (const cv::Mat &bad : {cv::Mat(10, 10, CV_32FC3, cv::Scalar(0.5)), cv::Mat(10, 10, CV_8UC(5)),
                               cv::Mat(10, 10, CV_16SC1, cv::Scalar(3)), cv::Mat(3, sizes3d, CV_8UC1, cv::Scalar(1))}) {
        const auto r = pdqHash(bad);
        ASSERT_FALSE(r.has_value()) << cv::typeToString(bad.type());
        EXPECT_EQ(r.error().code, ErrorCode::Unsupported);
        EXPECT_FALSE(pdqDihedral(bad).has_value());
    }
    EXPECT_TRUE(pdqHash(cv::Mat(5, 5, CV_8UC2, cv::Scalar(1, 2))).has_value());
}

TEST(PdqHashText, HexRoundTrip)
{
    std::mt19937_64 rng(42);
    for (int i = 0; i < 100; ++i) {
        PdqHash h;
        for (auto &w : h.words)
            w = rng();
        const std::string hex = h.toHex();
        ASSERT_EQ(hex.size(), 64u);
        EXPECT_TRUE(std::all_of(hex.begin(), hex.end(), [](char c) { return std::isxdigit(c) && !std::isupper(c); }));
        EXPECT_EQ(PdqHash::fromHex(hex), h);
    }
    const std::string known = "d8f8f0cee0f4a84f0637022a078f67f0b36e2ed596621e1d33e6339c4e9c9b22";
    const PdqHash parsed = mustParse(known);
    EXPECT_EQ(parsed.words[0], 0xd8f8f0cee0f4a84fULL);
    EXPECT_EQ(parsed.words[3], 0x33e6339c4e9c9b22ULL);
    EXPECT_EQ(parsed.toHex(), known);
    std::string upper = known;
    std::transform(upper.begin(), upper.end(), upper.begin(), [](char c) { return static_cast<char>(std::toupper(c)); });
    EXPECT_EQ(PdqHash::fromHex(upper), parsed);
}

TEST(PdqHashText, FromHexRejectsBadText)
{
    const std::string good(64, 'a');
    EXPECT_TRUE(PdqHash::fromHex(good).has_value());
    EXPECT_FALSE(PdqHash::fromHex("").has_value());
    EXPECT_FALSE(PdqHash::fromHex(good.substr(1)).has_value());
    EXPECT_FALSE(PdqHash::fromHex(good + "a").has_value());
    EXPECT_FALSE(PdqHash::fromHex("0x" + good.substr(2)).has_value());
    EXPECT_FALSE(PdqHash::fromHex(good.substr(1) + "g").has_value());
    EXPECT_FALSE(PdqHash::fromHex(good.substr(1) + " ").has_value());
    EXPECT_FALSE(PdqHash::fromHex(std::string(32, 'f')).has_value());   // an MD5, not a PDQ hash
}

TEST(PdqHashText, HammingDistance)
{
    PdqHash zero, ones, oneBit;
    ones.words.fill(~0ULL);
    oneBit.words[2] = 1ULL << 17;
    EXPECT_EQ(hammingDistance(zero, ones), 256);
    EXPECT_EQ(hammingDistance(zero, oneBit), 1);
    EXPECT_EQ(hammingDistance(oneBit, zero), 1);
    EXPECT_EQ(hammingDistance(ones, ones), 0);
}
