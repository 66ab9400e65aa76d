// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Internal: embedders backed by a model file supplied by the user.

#include "plugins/media/faces/faces.h"

namespace vigil::media {

// An ONNX face-embedding network run through OpenCV's dnn module.
Result<std::unique_ptr<FaceEmbedder>> loadOnnxEmbedder(const std::filesystem::path &modelFile);

// dlib's dlib_face_recognition_resnet_model_v1.dat (128-d vectors, L2 threshold 0.6).
Result<std::unique_ptr<FaceEmbedder>> loadDlibResnetEmbedder(const std::filesystem::path &modelFile);

// Shared checks: the file exists, is a regular file and is not empty.
Result<void> checkModelFile(const std::filesystem::path &modelFile);

} // namespace vigil::media
