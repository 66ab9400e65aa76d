// SPDX-License-Identifier: GPL-3.0-or-later
#include "plugins/media/video/frameconvert.h"

#include <algorithm>
#include <cmath>

#include <opencv2/core.hpp>

extern "C" {
#include <libavutil/pixdesc.h>
}

namespace vigil::media::detail {

namespace {

// swscale may write a little past the end of a row with its SIMD code: scale into a padded
// buffer, then copy out.
constexpr int kPadPixels = 32;

cv::Mat rotated(const cv::Mat &image, int clockwise)
{
    if (clockwise == 0)
        return image;
    cv::Mat out;
    cv::rotate(image, out, clockwise == 90    ? cv::ROTATE_90_CLOCKWISE
                            : clockwise == 180 ? cv::ROTATE_180
                                               : cv::ROTATE_90_COUNTERCLOCKWISE);
    return out;
}

} // namespace

cv::Size displaySize(int width, int height, AVRational sar, int longSide)
{
    double w = width, h = height;
    if (sar.num > 0 && sar.den > 0 && sar.num != sar.den) {
        const double ratio = av_q2d(sar);
        if (ratio > 1)
            w *= ratio;
        else
            h /= ratio;
    }
    const double scale = std::min(1.0, longSide / std::max(w, h));
    return {std::max(1, static_cast<int>(std::lround(w * scale))), std::max(1, static_cast<int>(std::lround(h * scale)))};
}

Result<cv::Mat> FrameConverter::toBgr(const AVFrame &frame, AVRational sar)
{
    const auto format = static_cast<AVPixelFormat>(frame.format);
    if (frame.width <= 0 || frame.height <= 0 || format == AV_PIX_FMT_NONE)
        return fail(ErrorCode::Corrupt, "A decoded video frame is empty.");
    const cv::Size size = displaySize(frame.width, frame.height, sar, m_longSide);
    SwsContext *sws = sws_getCachedContext(m_sws.release(), frame.width, frame.height, format, size.width, size.height,
                                           AV_PIX_FMT_BGR24, SWS_AREA, nullptr, nullptr, nullptr);
    m_sws.reset(sws);
    if (!sws) {
        const char *name = av_get_pix_fmt_name(format);
        return fail(ErrorCode::Unsupported, "A video frame's pixel format cannot be converted.", name ? name : "unknown");
    }
    cv::Mat padded(size.height + 1, size.width + kPadPixels, CV_8UC3);
    std::uint8_t *dst[4] = {padded.data, nullptr, nullptr, nullptr};
    int dstStride[4] = {static_cast<int>(padded.step[0]), 0, 0, 0};
    const int rows = sws_scale(sws, frame.data, frame.linesize, 0, frame.height, dst, dstStride);
    if (rows <= 0)
        return fail(ErrorCode::Corrupt, "A video frame could not be converted.", avErrorText(rows));
    const cv::Mat image = padded(cv::Rect(0, 0, size.width, size.height));
    return m_rotation == 0 ? image.clone() : rotated(image, m_rotation);
}

} // namespace vigil::media::detail
