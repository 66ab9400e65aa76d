// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Internal: decoded AVFrame -> small BGR cv::Mat (pixel aspect and display rotation applied).

#include <opencv2/core/mat.hpp>

#include "plugins/media/video/libav.h"

namespace vigil::media::detail {

// The size a w x h picture with sample aspect `sar` is shown at, scaled down (never up) so
// its long side is at most `longSide`.
cv::Size displaySize(int width, int height, AVRational sar, int longSide);

class FrameConverter {
public:
    // rotationClockwise: 0, 90, 180 or 270.
    FrameConverter(int longSide, int rotationClockwise) : m_longSide(longSide), m_rotation(rotationClockwise) {}

    // A continuous CV_8UC3 image of the frame, whose pixels have the sample aspect `sar`.
    Result<cv::Mat> toBgr(const AVFrame &frame, AVRational sar);

private:
    int m_longSide;
    int m_rotation;
    SwsContextPtr m_sws;
};

} // namespace vigil::media::detail
