// SPDX-License-Identifier: GPL-3.0-or-later
#include "plugins/media/faces/faces.h"

#include "plugins/media/faces/imageprep.h"

#include <dlib/image_processing/frontal_face_detector.h>
#include <dlib/image_processing/shape_predictor.h>
#include <dlib/opencv/cv_image.h>
#include <dlib/serialize.h>

#include <opencv2/imgproc.hpp>
#include <opencv2/objdetect.hpp>

#include <algorithm>
#include <cmath>
#include <exception>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <system_error>

namespace vigil::media {

namespace {

constexpr const char *kHaarCascade = "/usr/share/opencv4/haarcascades/haarcascade_frontalface_alt2.xml";
// dlib's frontal detector scans an 80x80 window: smaller faces need an upsampled image.
constexpr double kHogWindow = 80.0;
constexpr double kMaxUpsample = 2.0;
// Haar boxes are larger and sit higher than the boxes the landmark model was trained on;
// measured on the test faces (see README.md): dlib box ~ this fraction of the Haar box.
constexpr double kHaarToDlibScale = 0.92;
constexpr double kHaarToDlibShiftY = 0.09;   // of the Haar box side, downwards

struct Detection {
    cv::Rect2d box;   // working-copy coordinates
    double score = 0;
};

cv::Rect2d haarToDlibBox(const cv::Rect &r)
{
    const double side = r.width * kHaarToDlibScale;
    const double cx = r.x + r.width / 2.0;
    const double cy = r.y + r.height / 2.0 + r.height * kHaarToDlibShiftY;
    return {cx - side / 2.0, cy - side / 2.0, side, side};
}

dlib::rectangle toDlib(const cv::Rect2d &r)
{
    return dlib::rectangle(std::lround(r.x), std::lround(r.y), std::lround(r.x + r.width) - 1,
                           std::lround(r.y + r.height) - 1);
}

// One landmark model per file for the whole process: it is 65 MiB in memory, read-only once
// loaded (shape_predictor's operator() is const), and every content worker has a detector.
Result<std::shared_ptr<const dlib::shape_predictor>> sharedLandmarks(const std::filesystem::path &file)
{
    static std::mutex mutex;
    static std::map<std::filesystem::path, std::weak_ptr<const dlib::shape_predictor>> loaded;
    std::lock_guard lock(mutex);
    if (auto model = loaded[file].lock())
        return model;
    auto predictor = std::make_shared<dlib::shape_predictor>();
    dlib::deserialize(file.string()) >> *predictor;
    if (predictor->num_parts() != 68)
        return fail(ErrorCode::Unsupported, "The face landmark model must have 68 points",
                    file.string() + ": " + std::to_string(predictor->num_parts()) + " points");
    std::shared_ptr<const dlib::shape_predictor> model = std::move(predictor);
    loaded[file] = model;
    return model;
}

} // namespace

struct FaceDetector::Impl {
    FaceOptions options;
    mutable dlib::frontal_face_detector hog;   // operator() is non-const in dlib
    mutable cv::CascadeClassifier haar;        // detectMultiScale is non-const
    std::shared_ptr<const dlib::shape_predictor> landmarks;   // shared by every detector (sharedLandmarks)

    bool useHaar() const { return options.detector == "haar"; }
    std::vector<Detection> detectHog(const cv::Mat &gray) const;
    std::vector<Detection> detectHaar(const cv::Mat &gray) const;
    std::vector<cv::Point2f> fitLandmarks(const cv::Mat &gray, const cv::Rect2d &box, double toInput) const;
};

std::vector<Detection> FaceDetector::Impl::detectHog(const cv::Mat &gray) const
{
    const double up = std::clamp(kHogWindow / options.minFaceSize, 1.0, kMaxUpsample);
    cv::Mat scan = gray;
    if (up > 1.0)
        cv::resize(gray, scan, cv::Size(), up, up, cv::INTER_LINEAR);
    std::vector<std::pair<double, dlib::rectangle>> found;
    hog(dlib::cv_image<unsigned char>(scan), found);
    std::vector<Detection> out;
    for (const auto &[score, r] : found) {
        const cv::Rect2d box(r.left() / up, r.top() / up, r.width() / up, r.height() / up);
        out.push_back({box, score});
    }
    return out;
}

std::vector<Detection> FaceDetector::Impl::detectHaar(const cv::Mat &gray) const
{
    cv::Mat eq;
    cv::equalizeHist(gray, eq);
    std::vector<cv::Rect> rects;
    std::vector<int> neighbours;
    const int minSide = std::max(20, options.minFaceSize);
    haar.detectMultiScale(eq, rects, neighbours, 1.1, 3, 0, cv::Size(minSide, minSide));
    std::vector<Detection> out;
    for (std::size_t i = 0; i < rects.size(); ++i)
        out.push_back({haarToDlibBox(rects[i]), i < neighbours.size() ? double(neighbours[i]) : 0.0});
    return out;
}

std::vector<cv::Point2f> FaceDetector::Impl::fitLandmarks(const cv::Mat &gray, const cv::Rect2d &box,
                                                          double toInput) const
{
    if (!landmarks)
        return {};
    const dlib::full_object_detection shape = (*landmarks)(dlib::cv_image<unsigned char>(gray), toDlib(box));
    std::vector<cv::Point2f> points;
    points.reserve(shape.num_parts());
    for (unsigned long i = 0; i < shape.num_parts(); ++i) {
        const dlib::point p = shape.part(i);
        points.emplace_back(float((p.x() + 0.5) * toInput - 0.5), float((p.y() + 0.5) * toInput - 0.5));
    }
    return points;
}

FaceDetector::FaceDetector(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {}
FaceDetector::~FaceDetector() = default;

Result<std::unique_ptr<FaceDetector>> FaceDetector::create(const FaceOptions &options)
{
    if (options.detector != "dlib-hog" && options.detector != "haar")
        return fail(ErrorCode::InvalidArgument, "Unknown face detector \"" + options.detector + "\"",
                    "expected \"dlib-hog\" or \"haar\"");
    if (options.minFaceSize < 12 || options.maxImageLongSide < 64)
        return fail(ErrorCode::InvalidArgument, "Face detection sizes are out of range",
                    "minFaceSize >= 12 and maxImageLongSide >= 64 are required");
    auto impl = std::make_unique<Impl>();
    impl->options = options;
    try {
        // The landmark model first: a missing or damaged file fails before the slow detector set-up.
        if (!options.landmarkModel.empty()) {
            std::error_code ec;
            if (!std::filesystem::is_regular_file(options.landmarkModel, ec))
                return fail(ErrorCode::NotFound, "The face landmark model was not found (install libdlib-data)",
                            options.landmarkModel.string());
            auto model = sharedLandmarks(options.landmarkModel);
            if (!model)
                return std::unexpected(model.error());
            impl->landmarks = std::move(*model);
        }
        if (impl->useHaar()) {
            if (!impl->haar.load(kHaarCascade))
                return fail(ErrorCode::NotFound, "The Haar face cascade could not be loaded (install opencv-data)",
                            kHaarCascade);
        } else {
            impl->hog = dlib::get_frontal_face_detector();
        }
    } catch (const std::bad_alloc &) {
        return fail(ErrorCode::Corrupt, "The face landmark model is damaged", options.landmarkModel.string());
    } catch (const std::exception &e) {   // dlib::serialization_error, cv::Exception
        return fail(ErrorCode::Corrupt, "A face detection model could not be loaded", e.what());
    }
    return std::unique_ptr<FaceDetector>(new FaceDetector(std::move(impl)));
}

Result<std::vector<Face>> FaceDetector::detect(const cv::Mat &bgr) const
{
    auto prepared = workingGray(bgr, m_impl->options.maxImageLongSide);
    if (!prepared)
        return std::unexpected(prepared.error());
    const cv::Mat &gray = prepared->gray;
    const double toInput = 1.0 / prepared->scale;
    const cv::Rect2d bounds(0, 0, bgr.cols, bgr.rows);
    std::vector<Face> faces;
    try {
        if (std::min(gray.cols, gray.rows) < 20)
            return faces;
        const auto found = m_impl->useHaar() ? m_impl->detectHaar(gray) : m_impl->detectHog(gray);
        for (const Detection &d : found) {
            if (std::min(d.box.width, d.box.height) < m_impl->options.minFaceSize * 0.8)
                continue;   // the upsampled HOG scan finds slightly smaller ones
            Face face;
            const cv::Rect2d inInput(d.box.x * toInput, d.box.y * toInput, d.box.width * toInput,
                                     d.box.height * toInput);
            const cv::Rect2d clipped = inInput & bounds;
            if (clipped.width < 1 || clipped.height < 1)
                continue;
            face.box = cv::Rect(cv::Point(int(std::lround(clipped.x)), int(std::lround(clipped.y))),
                                cv::Point(int(std::lround(clipped.br().x)), int(std::lround(clipped.br().y))));
            face.score = d.score;
            face.landmarks = m_impl->fitLandmarks(gray, d.box, toInput);
            faces.push_back(std::move(face));
        }
    } catch (const std::bad_alloc &) {
        return fail(ErrorCode::Internal, "Out of memory while detecting faces");
    } catch (const std::exception &e) {
        return fail(ErrorCode::Internal, "Face detection failed", e.what());
    }
    std::ranges::sort(faces, [](const Face &a, const Face &b) {
        return a.box.x != b.box.x ? a.box.x < b.box.x : a.box.y < b.box.y;
    });
    return faces;
}

} // namespace vigil::media
