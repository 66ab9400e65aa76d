// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Shared helpers for the face tests: the public example photos (external test data), one
// detector for the whole test program (loading the landmark model takes most of a second) and
// a cache of decoded images and detections so each photo is analysed once.

#include "plugins/media/faces/faces.h"

#include <opencv2/core.hpp>

#include <filesystem>
#include <string>
#include <vector>

namespace vigil::media::test {

// VIGIL_EXTERNAL_DATA/faces/face_recognition/examples
std::filesystem::path examplesDir();
bool haveExamples();

// The detector with default options; fails the calling test (and returns null) if it cannot load.
const FaceDetector *sharedDetector();

const cv::Mat &cachedImage(const std::filesystem::path &file);
const std::vector<Face> &cachedFaces(const std::filesystem::path &file);

// A fresh, empty directory under the system temp dir, unique per call.
std::filesystem::path freshTempDir(const std::string &tag);

void writeBytes(const std::filesystem::path &file, const std::string &bytes);
std::string randomBytes(std::size_t n, unsigned seed);

} // namespace vigil::media::test

#define SKIP_WITHOUT_EXAMPLES()                                                                     \
    do {                                                                                            \
        if (!::vigil::media::test::haveExamples())                                                  \
            GTEST_SKIP() << "external test data not found: " << ::vigil::media::test::examplesDir(); \
    } while (0)
