// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Internal: the built-in embedder, a grid of uniform local-binary-pattern histograms over an
// aligned, illumination-normalised gray face chip. Parameters are exposed for measurement.

#include "plugins/media/faces/faces.h"

#include <memory>

namespace vigil::media {

enum class LightNorm { None, Equalize, Clahe, TanTriggs };

struct LbpParams {
    int chipSide = 96;         // aligned chip, pixels
    double zoom = 1.1;         // > 1: tighter crop around the face than the ArcFace template
    int grid = 7;              // cells per side
    int radius = 3;            // LBP circle radius in chip pixels
    LightNorm light = LightNorm::TanTriggs;
    bool mirror = true;        // add the histograms of the mirrored face (pose symmetry)
    double threshold = 0.55;   // match threshold on the L2 distance of the unit vectors
};

// The parameters of "vigil-lbp-1".
LbpParams builtinLbpParams();

std::unique_ptr<FaceEmbedder> makeLbpEmbedder(const LbpParams &params, std::string modelId);

// Uniform LBP(8, radius) codes of a gray image: 0..57 uniform patterns, 58 for all others.
// The result is smaller than the input by `radius` pixels on every side.
cv::Mat uniformLbp(const cv::Mat &gray32f, int radius);

// Tan & Triggs (2010) illumination normalisation: gamma, difference of Gaussians, contrast
// equalisation. Input and output are CV_32F.
cv::Mat tanTriggs(const cv::Mat &gray32f);

} // namespace vigil::media
