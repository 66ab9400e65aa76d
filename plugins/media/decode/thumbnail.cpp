// SPDX-License-Identifier: GPL-3.0-or-later
// Thumbnails for the case's thumbnail column, and EXIF orientation.

#include "plugins/media/decode/decode.h"

#include <algorithm>
#include <cmath>
#include <new>

#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

namespace vigil::media {

namespace {

Result<cv::Mat> toBgr(const cv::Mat &image)
{
    if (image.empty())
        return fail(ErrorCode::InvalidArgument, "no image to make a thumbnail of");
    if (image.depth() != CV_8U)
        return fail(ErrorCode::InvalidArgument, "thumbnails need an 8-bit image");
    cv::Mat bgr;
    switch (image.channels()) {
    case 1: cv::cvtColor(image, bgr, cv::COLOR_GRAY2BGR); return bgr;
    case 3: return image;
    case 4: cv::cvtColor(image, bgr, cv::COLOR_BGRA2BGR); return bgr;
    default: return fail(ErrorCode::InvalidArgument, "thumbnails need a gray, BGR or BGRA image");
    }
}

Result<std::vector<unsigned char>> encodeThumbnail(const cv::Mat &image, int maxSide, int quality)
{
    auto bgr = toBgr(image);
    if (!bgr)
        return std::unexpected(bgr.error());
    cv::Mat small = *bgr;
    const int longSide = std::max(bgr->cols, bgr->rows);
    if (longSide > maxSide) {
        const double scale = double(maxSide) / longSide;
        const cv::Size size(std::clamp(int(std::lround(bgr->cols * scale)), 1, maxSide),
                            std::clamp(int(std::lround(bgr->rows * scale)), 1, maxSide));
        cv::resize(*bgr, small, size, 0, 0, cv::INTER_AREA);
    }
    std::vector<unsigned char> jpeg;
    if (!cv::imencode(".jpg", small, jpeg, {cv::IMWRITE_JPEG_QUALITY, quality}))
        return fail(ErrorCode::Internal, "could not encode the thumbnail");
    return jpeg;
}

} // namespace

Result<std::vector<unsigned char>> makeThumbnail(const cv::Mat &bgr, int maxSide, int quality)
{
    if (maxSide < 1)
        return fail(ErrorCode::InvalidArgument, "thumbnail size must be at least 1 pixel");
    if (quality < 1 || quality > 100)
        return fail(ErrorCode::InvalidArgument, "thumbnail JPEG quality must be 1..100");
    try {
        return encodeThumbnail(bgr, maxSide, quality);
    } catch (const cv::Exception &e) {
        return fail(ErrorCode::Internal, "could not make the thumbnail", e.what());
    } catch (const std::bad_alloc &) {
        return fail(ErrorCode::Internal, "not enough memory to make the thumbnail", "std::bad_alloc");
    }
}

cv::Mat applyOrientation(const cv::Mat &bgr, int exifOrientation)
{
    if (bgr.empty() || exifOrientation < 2 || exifOrientation > 8)
        return bgr;
    cv::Mat out;
    try {
        switch (exifOrientation) {
        case 2: cv::flip(bgr, out, 1); break;
        case 3: cv::rotate(bgr, out, cv::ROTATE_180); break;
        case 4: cv::flip(bgr, out, 0); break;
        case 5: cv::transpose(bgr, out); break;
        case 6: cv::rotate(bgr, out, cv::ROTATE_90_CLOCKWISE); break;
        case 7: cv::transpose(bgr, out); cv::flip(out, out, -1); break;
        case 8: cv::rotate(bgr, out, cv::ROTATE_90_COUNTERCLOCKWISE); break;
        default: return bgr;
        }
    } catch (const cv::Exception &) {
        return bgr;   // only on allocation failure; an unrotated image beats none
    }
    return out;
}

} // namespace vigil::media
