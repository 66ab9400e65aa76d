// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Internal: cuts an upright face chip out of an image with a similarity transform that maps
// five face points (eye centres, nose tip, mouth corners) onto a template.

#include "core/util/error.h"
#include "plugins/media/faces/faces.h"

#include <opencv2/core.hpp>

#include <array>

namespace vigil::media {

// Order: eye on the image's left, eye on the image's right, nose tip, mouth corner left, right.
using FivePoints = std::array<cv::Point2f, 5>;

struct AlignTemplate {
    cv::Size size;
    FivePoints points;   // where the five points go in the chip
};

// The widely published ArcFace/SFace 112x112 template.
AlignTemplate arcFaceTemplate112();
// The same template scaled into a square chip of `side` pixels; zoom > 1 crops tighter.
AlignTemplate scaledTemplate(int side, double zoom);

// The five points from 68 landmarks, or, without landmarks, estimated from the box.
FivePoints fivePoints(const Face &face);

// Least-squares similarity transform (rotation, uniform scale, shift) mapping from -> to.
cv::Matx23d fitSimilarity(const FivePoints &from, const FivePoints &to);

// The aligned 8-bit BGR chip. Large faces are pre-shrunk with area averaging (no aliasing);
// parts of the chip outside the image repeat the border pixels.
Result<cv::Mat> alignFace(const cv::Mat &image, const Face &face, const AlignTemplate &tpl);

} // namespace vigil::media
