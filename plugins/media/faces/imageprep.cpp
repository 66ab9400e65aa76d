// SPDX-License-Identifier: GPL-3.0-or-later
#include "plugins/media/faces/imageprep.h"

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>
#include <exception>
#include <new>

namespace vigil::media {

namespace {

cv::Mat to8Bit(const cv::Mat &image)
{
    if (image.depth() == CV_8U)
        return image;
    cv::Mat out;
    image.convertTo(out, CV_8U, 1.0 / 257.0);
    return out;
}

int grayConversion(int channels)
{
    return channels == 4 ? cv::COLOR_BGRA2GRAY : cv::COLOR_BGR2GRAY;
}

} // namespace

Result<void> checkInputImage(const cv::Mat &image)
{
    if (image.empty() || image.dims != 2)
        return fail(ErrorCode::InvalidArgument, "No image was given for face analysis");
    if (image.depth() != CV_8U && image.depth() != CV_16U)
        return fail(ErrorCode::Unsupported, "Face analysis needs an 8-bit or 16-bit image",
                    "OpenCV depth " + std::to_string(image.depth()));
    const int ch = image.channels();
    if (ch != 1 && ch != 3 && ch != 4)
        return fail(ErrorCode::Unsupported, "Face analysis needs a gray, BGR or BGRA image",
                    std::to_string(ch) + " channels");
    return {};
}

Result<WorkingImage> workingGray(const cv::Mat &image, int maxLongSide)
{
    if (auto ok = checkInputImage(image); !ok)
        return std::unexpected(ok.error());
    try {
        WorkingImage out;
        const int longSide = std::max(image.cols, image.rows);
        out.scale = longSide > maxLongSide ? double(maxLongSide) / longSide : 1.0;
        cv::Mat small = image;
        if (out.scale < 1.0) {
            const cv::Size size(std::max(1, int(std::lround(image.cols * out.scale))),
                                std::max(1, int(std::lround(image.rows * out.scale))));
            cv::resize(image, small, size, 0, 0, cv::INTER_AREA);
            out.scale = double(size.width) / image.cols;   // keep x exact; y differs by < 1 px
        }
        small = to8Bit(small);
        if (small.channels() == 1)
            out.gray = small;
        else
            cv::cvtColor(small, out.gray, grayConversion(small.channels()));
        return out;
    } catch (const std::bad_alloc &) {
        return fail(ErrorCode::Internal, "Out of memory while preparing an image for face detection");
    } catch (const std::exception &e) {
        return fail(ErrorCode::Internal, "Preparing an image for face detection failed", e.what());
    }
}

Result<cv::Mat> toBgr8(const cv::Mat &image, const cv::Rect &region)
{
    if (auto ok = checkInputImage(image); !ok)
        return std::unexpected(ok.error());
    if ((region & cv::Rect(0, 0, image.cols, image.rows)) != region || region.empty())
        return fail(ErrorCode::InvalidArgument, "The face region lies outside the image");
    try {
        cv::Mat roi = to8Bit(image(region));
        if (roi.channels() == 3)
            return roi;
        cv::Mat out;
        cv::cvtColor(roi, out, roi.channels() == 1 ? cv::COLOR_GRAY2BGR : cv::COLOR_BGRA2BGR);
        return out;
    } catch (const std::bad_alloc &) {
        return fail(ErrorCode::Internal, "Out of memory while cropping a face");
    } catch (const std::exception &e) {
        return fail(ErrorCode::Internal, "Cropping a face failed", e.what());
    }
}

} // namespace vigil::media
