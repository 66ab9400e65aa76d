// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Internal: input checks and conversions shared by the detector and the embedders.

#include "core/util/error.h"

#include <opencv2/core.hpp>

namespace vigil::media {

struct WorkingImage {
    cv::Mat gray;        // 8-bit gray, long side <= the requested limit
    double scale = 1.0;  // working pixels per input pixel (<= 1)
};

// Checks an input image (8/16-bit, 1/3/4 channels, not empty) and returns a downscaled gray copy.
Result<WorkingImage> workingGray(const cv::Mat &image, int maxLongSide);

// Converts an input image region to 8-bit BGR (the region must lie inside the image).
Result<cv::Mat> toBgr8(const cv::Mat &image, const cv::Rect &region);

// Checks only the type and size of an input image.
Result<void> checkInputImage(const cv::Mat &image);

} // namespace vigil::media
