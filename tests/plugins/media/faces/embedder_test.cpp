// SPDX-License-Identifier: GPL-3.0-or-later
// Embedders: the built-in LBP embedder on real faces, model loaders on bad model files,
// and the alignment / LBP building blocks.
#include "plugins/media/faces/facealign.h"
#include "plugins/media/faces/faces.h"
#include "plugins/media/faces/lbpembedder.h"
#include "tests/plugins/media/faces/facestestdata.h"

#include <gtest/gtest.h>

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <cmath>
#include <fstream>
#include <numeric>
#include <set>

namespace vigil::media {
namespace {

using test::cachedFaces;
using test::cachedImage;
using test::examplesDir;

double norm(const std::vector<float> &v)
{
    return std::sqrt(std::inner_product(v.begin(), v.end(), v.begin(), 0.0));
}

TEST(BuiltinEmbedder, DescribesARealFace)
{
    SKIP_WITHOUT_EXAMPLES();
    auto embedder = createEmbedder();
    ASSERT_TRUE(embedder) << embedder.error().toString();
    EXPECT_EQ((*embedder)->modelId(), "vigil-lbp-1");
    EXPECT_GT((*embedder)->matchThreshold(), 0.0);
    const cv::Mat &image = cachedImage(examplesDir() / "obama.jpg");
    const auto &faces = cachedFaces(examplesDir() / "obama.jpg");
    ASSERT_EQ(faces.size(), 1u);
    auto a = (*embedder)->embed(image, faces[0]);
    ASSERT_TRUE(a) << a.error().toString();
    EXPECT_EQ(a->size(), 7u * 7u * 59u);
    EXPECT_NEAR(norm(*a), 1.0, 1e-4);
    auto again = (*embedder)->embed(image, faces[0]);
    ASSERT_TRUE(again);
    EXPECT_EQ(*a, *again);
    EXPECT_DOUBLE_EQ((*embedder)->distance(*a, *a), 0.0);
    EXPECT_TRUE(std::isinf((*embedder)->distance(*a, std::vector<float>(3, 0.f))));
}

TEST(BuiltinEmbedder, SameFaceAfterReencodingAndLightChangeStaysClose)
{
    SKIP_WITHOUT_EXAMPLES();
    auto embedder = createEmbedder();
    ASSERT_TRUE(embedder);
    const cv::Mat &image = cachedImage(examplesDir() / "obama.jpg");
    const auto &faces = cachedFaces(examplesDir() / "obama.jpg");
    ASSERT_EQ(faces.size(), 1u);
    cv::Mat darker;
    image.convertTo(darker, -1, 0.6, 15.0);
    std::vector<uchar> jpeg;
    cv::imencode(".jpg", darker, jpeg, {cv::IMWRITE_JPEG_QUALITY, 60});
    const cv::Mat changed = cv::imdecode(jpeg, cv::IMREAD_COLOR);
    auto a = (*embedder)->embed(image, faces[0]);
    auto b = (*embedder)->embed(changed, faces[0]);
    ASSERT_TRUE(a && b);
    const double d = (*embedder)->distance(*a, *b);
    std::cout << "[ measure  ] same face, darker + JPEG q60: distance " << d << " (threshold "
              << (*embedder)->matchThreshold() << ")\n";
    EXPECT_LT(d, (*embedder)->matchThreshold() * 0.8);
}

TEST(BuiltinEmbedder, FaceWithoutLandmarksUsesTheBox)
{
    SKIP_WITHOUT_EXAMPLES();
    auto embedder = createEmbedder();
    ASSERT_TRUE(embedder);
    Face face = cachedFaces(examplesDir() / "obama.jpg").at(0);
    face.landmarks.clear();
    auto v = (*embedder)->embed(cachedImage(examplesDir() / "obama.jpg"), face);
    ASSERT_TRUE(v) << v.error().toString();
    EXPECT_EQ(v->size(), 7u * 7u * 59u);
}

TEST(BuiltinEmbedder, BadFacesAndImagesAreErrors)
{
    auto embedder = createEmbedder();
    ASSERT_TRUE(embedder);
    const cv::Mat image(200, 200, CV_8UC3, cv::Scalar(90, 120, 150));
    Face outside;
    outside.box = cv::Rect(5000, 5000, 100, 100);
    auto a = (*embedder)->embed(image, outside);
    ASSERT_FALSE(a);
    EXPECT_EQ(a.error().code, ErrorCode::InvalidArgument);
    Face empty;
    EXPECT_FALSE((*embedder)->embed(image, empty));
    Face fine;
    fine.box = cv::Rect(50, 50, 100, 100);
    EXPECT_FALSE((*embedder)->embed(cv::Mat(), fine));
    Face collapsed = fine;
    collapsed.landmarks.assign(68, cv::Point2f(100, 100));   // all points on one spot
    auto c = (*embedder)->embed(image, collapsed);
    ASSERT_FALSE(c);
    EXPECT_EQ(c.error().code, ErrorCode::InvalidArgument);
    // A flat gray face is described without trouble (no NaN from the light normalisation).
    auto flat = (*embedder)->embed(image, fine);
    ASSERT_TRUE(flat);
    for (const float x : *flat)
        ASSERT_TRUE(std::isfinite(x));
}

TEST(ModelEmbedders, MissingModelFilesAreNotFound)
{
    const auto dir = test::freshTempDir("missing");
    for (const char *name : {"face.onnx", "dlib_face_recognition_resnet_model_v1.dat"}) {
        auto embedder = createEmbedder(dir / name);
        ASSERT_FALSE(embedder) << name;
        EXPECT_EQ(embedder.error().code, ErrorCode::NotFound) << name;
    }
    auto notAFile = createEmbedder(dir / "folder.onnx");
    EXPECT_FALSE(notAFile);
    std::filesystem::create_directories(dir / "folder.onnx");
    auto folder = createEmbedder(dir / "folder.onnx");
    ASSERT_FALSE(folder);
    EXPECT_EQ(folder.error().code, ErrorCode::InvalidArgument);
    std::filesystem::remove_all(dir);
}

TEST(ModelEmbedders, GarbageEmptyAndTruncatedModelsAreCorrupt)
{
    const auto dir = test::freshTempDir("garbage");
    test::writeBytes(dir / "garbage.onnx", test::randomBytes(20000, 11));
    test::writeBytes(dir / "empty.onnx", "");
    test::writeBytes(dir / "garbage.dat", test::randomBytes(20000, 12));
    test::writeBytes(dir / "text.dat", "this is not a dlib network\n");
    // The first 64 KiB of a real dlib file of the wrong kind (the landmark model), if installed.
    std::vector<std::string> names = {"garbage.onnx", "empty.onnx", "garbage.dat", "text.dat"};
    std::ifstream landmarks(FaceOptions().landmarkModel, std::ios::binary);
    if (landmarks) {
        std::string head(65536, '\0');
        landmarks.read(head.data(), std::streamsize(head.size()));
        test::writeBytes(dir / "truncated.dat", head);
        names.push_back("truncated.dat");
    }
    for (const std::string &name : names) {
        auto embedder = createEmbedder(dir / name);
        ASSERT_FALSE(embedder) << name;
        EXPECT_EQ(embedder.error().code, ErrorCode::Corrupt) << name << ": " << embedder.error().toString();
        EXPECT_FALSE(embedder.error().message.empty());
    }
    std::filesystem::remove_all(dir);
}

TEST(ModelEmbedders, BadSettingsFileAndUnknownTypeAreRejected)
{
    const auto dir = test::freshTempDir("settings");
    test::writeBytes(dir / "face.onnx", test::randomBytes(1000, 13));
    test::writeBytes(dir / "face.onnx.json", "{\"inputSize\": 112, ");
    auto badJson = createEmbedder(dir / "face.onnx");
    ASSERT_FALSE(badJson);
    EXPECT_EQ(badJson.error().code, ErrorCode::Corrupt);
    EXPECT_NE(badJson.error().message.find("settings"), std::string::npos);
    test::writeBytes(dir / "face.onnx.json", "{\"inputSize\": 4}");
    auto badSize = createEmbedder(dir / "face.onnx");
    ASSERT_FALSE(badSize);
    EXPECT_EQ(badSize.error().code, ErrorCode::InvalidArgument);
    test::writeBytes(dir / "face.pt", "x");
    auto unknown = createEmbedder(dir / "face.pt");
    ASSERT_FALSE(unknown);
    EXPECT_EQ(unknown.error().code, ErrorCode::Unsupported);
    std::filesystem::remove_all(dir);
}

TEST(FaceAlign, SimilarityFitRecoversAKnownTransform)
{
    const AlignTemplate tpl = arcFaceTemplate112();
    const double angle = 0.3, scale = 2.5;
    const cv::Point2d shift(40, -12);
    FivePoints moved;
    for (std::size_t i = 0; i < moved.size(); ++i) {
        const cv::Point2d p(tpl.points[i]);
        moved[i] = cv::Point2f(float(scale * (std::cos(angle) * p.x - std::sin(angle) * p.y) + shift.x),
                               float(scale * (std::sin(angle) * p.x + std::cos(angle) * p.y) + shift.y));
    }
    const cv::Matx23d back = fitSimilarity(moved, tpl.points);
    for (std::size_t i = 0; i < moved.size(); ++i) {
        const double x = back(0, 0) * moved[i].x + back(0, 1) * moved[i].y + back(0, 2);
        const double y = back(1, 0) * moved[i].x + back(1, 1) * moved[i].y + back(1, 2);
        EXPECT_NEAR(x, tpl.points[i].x, 1e-3);
        EXPECT_NEAR(y, tpl.points[i].y, 1e-3);
    }
    EXPECT_NEAR(std::hypot(back(0, 0), back(1, 0)), 1.0 / scale, 1e-6);
}

TEST(FaceAlign, ChipOfAPaintedFacePutsTheEyesOnTheTemplate)
{
    // A "face" whose five points are the template moved by a known similarity transform, with
    // dark eyes painted on; aligning must bring the eyes back onto the template's eye points.
    const AlignTemplate tpl = arcFaceTemplate112();
    const double angle = -0.25, scale = 1.8;
    const cv::Point2d shift(90, 110);
    FivePoints moved;
    for (std::size_t i = 0; i < moved.size(); ++i) {
        const cv::Point2d p(tpl.points[i]);
        moved[i] = cv::Point2f(float(scale * (std::cos(angle) * p.x - std::sin(angle) * p.y) + shift.x),
                               float(scale * (std::sin(angle) * p.x + std::cos(angle) * p.y) + shift.y));
    }
    cv::Mat image(400, 400, CV_8UC3, cv::Scalar(200, 200, 200));
    cv::circle(image, moved[0], 7, cv::Scalar(0, 0, 0), -1);
    cv::circle(image, moved[1], 7, cv::Scalar(0, 0, 0), -1);
    Face face;
    face.box = cv::Rect(90, 60, 220, 220);
    face.landmarks.assign(68, moved[2]);
    for (std::size_t i = 36; i <= 41; ++i)
        face.landmarks[i] = moved[0];
    for (std::size_t i = 42; i <= 47; ++i)
        face.landmarks[i] = moved[1];
    face.landmarks[48] = moved[3];
    face.landmarks[54] = moved[4];
    auto chip = alignFace(image, face, tpl);
    ASSERT_TRUE(chip) << chip.error().toString();
    ASSERT_EQ(chip->size(), cv::Size(112, 112));
    cv::Mat gray;
    cv::cvtColor(*chip, gray, cv::COLOR_BGR2GRAY);
    EXPECT_LT(gray.at<uchar>(cv::Point(tpl.points[0])), 60);
    EXPECT_LT(gray.at<uchar>(cv::Point(tpl.points[1])), 60);
    EXPECT_GT(gray.at<uchar>(cv::Point(56, 20)), 150);
    EXPECT_GT(gray.at<uchar>(cv::Point(56, 90)), 150);
}

TEST(Lbp, UniformCodesCoverFiftyNineBins)
{
    cv::Mat flat(20, 20, CV_32F, cv::Scalar(5));
    const cv::Mat codes = uniformLbp(flat, 1);
    ASSERT_EQ(codes.size(), cv::Size(18, 18));
    // All neighbours equal the centre: pattern 0xff, one uniform code everywhere.
    double lo = 0, hi = 0;
    cv::minMaxLoc(codes, &lo, &hi);
    EXPECT_EQ(lo, hi);
    EXPECT_LT(hi, 58.0);
    cv::Mat noise(200, 200, CV_32F);
    cv::randu(noise, 0.0f, 255.0f);
    const cv::Mat many = uniformLbp(noise, 2);
    std::set<int> seen(many.begin<uchar>(), many.end<uchar>());
    EXPECT_EQ(seen.size(), 59u);
    EXPECT_EQ(*seen.rbegin(), 58);
}

} // namespace
} // namespace vigil::media
