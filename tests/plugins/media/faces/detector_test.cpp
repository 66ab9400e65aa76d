// SPDX-License-Identifier: GPL-3.0-or-later
// Face detection and landmarks: real photos, generated images without faces, bad input.
#include "plugins/media/faces/faces.h"
#include "tests/plugins/media/faces/facestestdata.h"

#include <gtest/gtest.h>

#include <opencv2/imgproc.hpp>

#include <random>

namespace vigil::media {
namespace {

using test::cachedFaces;
using test::cachedImage;
using test::examplesDir;

// The eye, nose and mouth landmarks sit in the expected order inside a plausible box.
void expectPlausibleFace(const Face &face, const cv::Mat &image)
{
    EXPECT_GE(face.box.x, 0);
    EXPECT_GE(face.box.y, 0);
    EXPECT_LE(face.box.br().x, image.cols);
    EXPECT_LE(face.box.br().y, image.rows);
    EXPECT_GT(face.box.width, 40);
    EXPECT_NEAR(double(face.box.width) / face.box.height, 1.0, 0.25);
    ASSERT_EQ(face.landmarks.size(), 68u);
    const cv::Rect2f grown(face.box.x - face.box.width * 0.3f, face.box.y - face.box.height * 0.3f,
                           face.box.width * 1.6f, face.box.height * 1.6f);
    for (const cv::Point2f &p : face.landmarks)
        EXPECT_TRUE(grown.contains(p)) << p;
    const cv::Point2f leftEye = face.landmarks[36], rightEye = face.landmarks[45];
    const cv::Point2f nose = face.landmarks[30], mouth = face.landmarks[62];
    EXPECT_LT(leftEye.x, rightEye.x);
    EXPECT_LT(leftEye.y, nose.y);
    EXPECT_LT(nose.y, mouth.y);
    EXPECT_GT(nose.x, leftEye.x);
    EXPECT_LT(nose.x, rightEye.x);
}

TEST(FaceDetector, MissingLandmarkModelIsNotFound)
{
    const auto dir = test::freshTempDir("nomodel");
    FaceOptions options;
    options.landmarkModel = dir / "shape_predictor_68_face_landmarks.dat";
    auto detector = FaceDetector::create(options);
    std::filesystem::remove_all(dir);
    ASSERT_FALSE(detector);
    EXPECT_EQ(detector.error().code, ErrorCode::NotFound);
    EXPECT_NE(detector.error().message.find("landmark model"), std::string::npos);
}

TEST(FaceDetector, GarbageAndTruncatedLandmarkModelsAreErrors)
{
    const auto dir = test::freshTempDir("badmodel");
    test::writeBytes(dir / "garbage.dat", test::randomBytes(4096, 7));
    test::writeBytes(dir / "empty.dat", "");
    for (const char *name : {"garbage.dat", "empty.dat"}) {
        FaceOptions options;
        options.landmarkModel = dir / name;
        auto detector = FaceDetector::create(options);
        ASSERT_FALSE(detector) << name;
        EXPECT_EQ(detector.error().code, ErrorCode::Corrupt) << name;
    }
    std::filesystem::remove_all(dir);
}

TEST(FaceDetector, UnknownDetectorAndBadSizesAreRejected)
{
    FaceOptions options;
    options.detector = "cnn";
    auto detector = FaceDetector::create(options);
    ASSERT_FALSE(detector);
    EXPECT_EQ(detector.error().code, ErrorCode::InvalidArgument);
    options = {};
    options.minFaceSize = 0;
    EXPECT_FALSE(FaceDetector::create(options));
}

TEST(FaceDetector, FindsObamaOnce)
{
    SKIP_WITHOUT_EXAMPLES();
    const auto &faces = cachedFaces(examplesDir() / "obama.jpg");
    ASSERT_EQ(faces.size(), 1u);
    const cv::Mat &image = cachedImage(examplesDir() / "obama.jpg");
    expectPlausibleFace(faces[0], image);
    // The face is in the upper middle of the 910x1137 portrait.
    const cv::Point centre = (faces[0].box.tl() + faces[0].box.br()) / 2;
    EXPECT_GT(centre.x, image.cols * 0.35);
    EXPECT_LT(centre.x, image.cols * 0.65);
    EXPECT_LT(centre.y, image.rows * 0.45);
    EXPECT_GT(faces[0].score, 0.0);
}

TEST(FaceDetector, FindsTwoPeopleLeftToRight)
{
    SKIP_WITHOUT_EXAMPLES();
    const auto &faces = cachedFaces(examplesDir() / "two_people.jpg");
    ASSERT_EQ(faces.size(), 2u);
    EXPECT_LT(faces[0].box.br().x, faces[1].box.x);
    for (const Face &face : faces)
        expectPlausibleFace(face, cachedImage(examplesDir() / "two_people.jpg"));
}

TEST(FaceDetector, NoFacesInGeneratedImages)
{
    const FaceDetector *detector = test::sharedDetector();
    ASSERT_TRUE(detector);
    cv::Mat noise(600, 800, CV_8UC3);
    cv::randu(noise, cv::Scalar::all(0), cv::Scalar::all(256));
    cv::Mat gradient(600, 800, CV_8UC3);
    for (int y = 0; y < gradient.rows; ++y)
        for (int x = 0; x < gradient.cols; ++x)
            gradient.at<cv::Vec3b>(y, x) = cv::Vec3b(uchar(x * 255 / 800), uchar(y * 255 / 600), 128);
    cv::Mat shapes(600, 800, CV_8UC3, cv::Scalar(230, 230, 230));
    std::mt19937 rng(3);
    for (int i = 0; i < 40; ++i) {
        const cv::Point a(int(rng() % 800), int(rng() % 600));
        const cv::Scalar colour(rng() % 256, rng() % 256, rng() % 256);
        if (i % 3 == 0)
            cv::circle(shapes, a, int(10 + rng() % 60), colour, -1);
        else if (i % 3 == 1)
            cv::rectangle(shapes, cv::Rect(a, cv::Size(int(10 + rng() % 120), int(10 + rng() % 90))), colour, -1);
        else
            cv::line(shapes, a, cv::Point(int(rng() % 800), int(rng() % 600)), colour, 5);
    }
    cv::putText(shapes, "Vigil 0123", cv::Point(50, 300), cv::FONT_HERSHEY_SIMPLEX, 3.0, cv::Scalar(0, 0, 0), 6);
    for (const cv::Mat *image : {&noise, &gradient, &shapes}) {
        auto faces = detector->detect(*image);
        ASSERT_TRUE(faces) << faces.error().toString();
        EXPECT_TRUE(faces->empty());
    }
}

TEST(FaceDetector, BadInputGivesErrorsNotCrashes)
{
    const FaceDetector *detector = test::sharedDetector();
    ASSERT_TRUE(detector);
    auto empty = detector->detect(cv::Mat());
    ASSERT_FALSE(empty);
    EXPECT_EQ(empty.error().code, ErrorCode::InvalidArgument);

    auto tiny = detector->detect(cv::Mat(1, 1, CV_8UC3, cv::Scalar(1, 2, 3)));
    ASSERT_TRUE(tiny);
    EXPECT_TRUE(tiny->empty());
    auto thin = detector->detect(cv::Mat(3000, 2, CV_8UC1, cv::Scalar(9)));
    ASSERT_TRUE(thin);
    EXPECT_TRUE(thin->empty());

    auto floats = detector->detect(cv::Mat(100, 100, CV_32FC3, cv::Scalar::all(0.5)));
    ASSERT_FALSE(floats);
    EXPECT_EQ(floats.error().code, ErrorCode::Unsupported);
    auto twoChannels = detector->detect(cv::Mat(100, 100, CV_8UC2, cv::Scalar::all(5)));
    ASSERT_FALSE(twoChannels);
    EXPECT_EQ(twoChannels.error().code, ErrorCode::Unsupported);
}

TEST(FaceDetector, GrayBgraAndSixteenBitImagesWork)
{
    SKIP_WITHOUT_EXAMPLES();
    const FaceDetector *detector = test::sharedDetector();
    ASSERT_TRUE(detector);
    const cv::Mat &bgr = cachedImage(examplesDir() / "obama_small.jpg");
    ASSERT_FALSE(bgr.empty());
    cv::Mat gray, bgra, wide;
    cv::cvtColor(bgr, gray, cv::COLOR_BGR2GRAY);
    cv::cvtColor(bgr, bgra, cv::COLOR_BGR2BGRA);
    bgr.convertTo(wide, CV_16UC3, 257.0);
    for (const cv::Mat *image : {&gray, &bgra, &wide}) {
        auto faces = detector->detect(*image);
        ASSERT_TRUE(faces) << faces.error().toString();
        ASSERT_EQ(faces->size(), 1u) << "channels " << image->channels() << " depth " << image->depth();
        expectPlausibleFace(faces->front(), *image);
    }
}

TEST(FaceDetector, HugeImageIsDownscaledAndBoxesMapBack)
{
    SKIP_WITHOUT_EXAMPLES();
    const FaceDetector *detector = test::sharedDetector();
    ASSERT_TRUE(detector);
    const cv::Mat &small = cachedImage(examplesDir() / "obama.jpg");
    const auto &reference = cachedFaces(examplesDir() / "obama.jpg");
    ASSERT_EQ(reference.size(), 1u);
    constexpr double kFactor = 7.0;   // 6370 x 7959 pixels, 152 MB
    cv::Mat huge;
    cv::resize(small, huge, cv::Size(), kFactor, kFactor, cv::INTER_LINEAR);
    auto faces = detector->detect(huge);
    ASSERT_TRUE(faces) << faces.error().toString();
    ASSERT_EQ(faces->size(), 1u);
    const cv::Rect &box = faces->front().box;
    const cv::Rect &ref = reference.front().box;
    EXPECT_NEAR(box.x, ref.x * kFactor, ref.width * kFactor * 0.15);
    EXPECT_NEAR(box.y, ref.y * kFactor, ref.height * kFactor * 0.15);
    EXPECT_NEAR(box.width, ref.width * kFactor, ref.width * kFactor * 0.2);
    expectPlausibleFace(faces->front(), huge);
}

TEST(FaceDetector, HaarCascadeWithoutLandmarks)
{
    SKIP_WITHOUT_EXAMPLES();
    FaceOptions options;
    options.detector = "haar";
    options.landmarkModel.clear();
    auto detector = FaceDetector::create(options);
    ASSERT_TRUE(detector) << detector.error().toString();
    auto one = (*detector)->detect(cachedImage(examplesDir() / "obama.jpg"));
    ASSERT_TRUE(one);
    ASSERT_EQ(one->size(), 1u);
    EXPECT_TRUE(one->front().landmarks.empty());
    // The Haar box is mapped onto dlib's box geometry: it should overlap the HOG box well.
    const cv::Rect hog = cachedFaces(examplesDir() / "obama.jpg").at(0).box;
    const cv::Rect haar = one->front().box;
    EXPECT_GT(double((hog & haar).area()) / double((hog | haar).area()), 0.6);
    auto two = (*detector)->detect(cachedImage(examplesDir() / "two_people.jpg"));
    ASSERT_TRUE(two);
    EXPECT_EQ(two->size(), 2u);
}

} // namespace
} // namespace vigil::media
