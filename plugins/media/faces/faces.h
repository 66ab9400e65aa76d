// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Face detection, landmarks, embeddings and grouping of faces by person.
//
// Detection: dlib's HOG frontal face detector (default) or OpenCV's Haar cascade, on a
// downscaled working copy of the image; landmarks: dlib's 68-point shape predictor.
// Embedding: a replaceable FaceEmbedder; the built-in one ("vigil-lbp-1") needs no model
// file, an agency can plug in an ONNX face-embedding network or dlib's ResNet model.
// See README.md in this folder for measured accuracy and limits.

#include "core/util/error.h"

#include <opencv2/core.hpp>

#include <cstdint>
#include <filesystem>
#include <memory>
#include <span>
#include <string>
#include <vector>

namespace vigil::media {

struct FaceOptions {
    // dlib's 68-point model (Debian package libdlib-data). An empty path turns landmarks off:
    // faces then carry no landmarks and embedders fall back to a box-based crop (less accurate).
    std::filesystem::path landmarkModel = "/usr/share/dlib/shape_predictor_68_face_landmarks.dat";
    // "dlib-hog": dlib's HOG + linear SVM frontal face detector (built into dlib; default,
    //             fewer false positives, the landmark model was trained on its boxes).
    // "haar":     OpenCV's haarcascade_frontalface_alt2.xml (package opencv-data), faster on
    //             large images, more false positives; boxes are mapped to dlib's geometry.
    std::string detector = "dlib-hog";
    // Smallest face side in pixels of the working copy (see maxImageLongSide) that is searched.
    int minFaceSize = 40;
    // Detection runs on a copy whose long side is at most this many pixels; in a bigger image
    // the smallest face found is therefore minFaceSize * longSide / maxImageLongSide pixels.
    int maxImageLongSide = 1200;
};

struct Face {
    cv::Rect box;                         // in the input image's coordinates, clipped to it
    double score = 0;                     // detector confidence (dlib: SVM margin; haar: neighbours)
    std::vector<cv::Point2f> landmarks;   // 68 points (iBUG 300-W order) in input coordinates, or empty
};

// Finds faces. create() loads the models (about a second for the 100 MB landmark model), so
// make one detector and reuse it. A detector is NOT thread-safe (dlib's and OpenCV's detectors
// keep scratch state): use one instance per thread.
class FaceDetector {
public:
    static Result<std::unique_ptr<FaceDetector>> create(const FaceOptions &options = {});

    // Accepts 8-bit or 16-bit gray, BGR or BGRA images. Faces are ordered left to right.
    // An empty image is an InvalidArgument error; an image too small for a face gives no faces.
    Result<std::vector<Face>> detect(const cv::Mat &bgr) const;

    virtual ~FaceDetector();
    FaceDetector(const FaceDetector &) = delete;
    FaceDetector &operator=(const FaceDetector &) = delete;

private:
    struct Impl;
    explicit FaceDetector(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> m_impl;
};

// Turns a detected face into a vector; two vectors closer than matchThreshold() are taken to
// show the same person. Vectors of different modelId() must never be compared.
// All embedders here may be called from several threads at once: the built-in one is
// stateless, the model-based ones serialise calls with a mutex (one instance per thread
// gives more throughput).
class FaceEmbedder {
public:
    virtual ~FaceEmbedder() = default;
    virtual std::string modelId() const = 0;     // "vigil-lbp-1", "onnx:<file name>", "dlib-resnet:<file name>"
    virtual double matchThreshold() const = 0;   // distance below which two faces are "the same person"
    virtual Result<std::vector<float>> embed(const cv::Mat &bgr, const Face &face) const = 0;
    virtual double distance(std::span<const float> a, std::span<const float> b) const = 0;
};

// An empty path gives the built-in embedder. "*.onnx" loads a face-embedding network through
// OpenCV's dnn module (SFace-style: aligned 112x112 face, one output vector; an optional
// "<model file>.json", e.g. "sface.onnx.json", can change input size, scaling, metric and
// threshold, see README.md);
// "*.dat" loads dlib's dlib_face_recognition_resnet_model_v1.dat (150x150 chips).
Result<std::unique_ptr<FaceEmbedder>> createEmbedder(const std::filesystem::path &modelFile = {});

// Groups faces of the same person. Returns one group number per embedding, in input order;
// groups are numbered 1..G in order of first appearance. Empty or wrongly sized vectors get a
// group of their own. Average-linkage agglomerative clustering cut at matchThreshold() for up
// to kExactGroupingLimit faces; larger sets are grouped approximately (see README.md).
inline constexpr std::size_t kExactGroupingLimit = 4096;
std::vector<std::int64_t> groupFaces(const std::vector<std::vector<float>> &embeddings,
                                     const FaceEmbedder &embedder);

} // namespace vigil::media
