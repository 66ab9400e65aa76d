// SPDX-License-Identifier: GPL-3.0-or-later
#include "plugins/media/video/video.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <new>

#include <opencv2/imgproc.hpp>

namespace vigil::media {

namespace {

constexpr int kMaxColumns = 64;
constexpr int kMaxTileSide = 4096;
const cv::Scalar kBackground(24, 24, 24);

// "m:ss", or "h:mm:ss" from an hour on.
std::string timeLabel(std::int64_t ms)
{
    const std::int64_t total = std::max<std::int64_t>(0, ms) / 1000;
    char text[32];
    if (total >= 3600)
        std::snprintf(text, sizeof text, "%lld:%02lld:%02lld", static_cast<long long>(total / 3600),
                      static_cast<long long>(total / 60 % 60), static_cast<long long>(total % 60));
    else
        std::snprintf(text, sizeof text, "%lld:%02lld", static_cast<long long>(total / 60), static_cast<long long>(total % 60));
    return text;
}

// Cell size: the first usable frame's shape with the long side at tileLongSide (square if none).
cv::Size cellSize(const std::vector<Keyframe> &frames, int tileLongSide)
{
    for (const Keyframe &frame : frames) {
        if (frame.bgr.empty())
            continue;
        const double scale = static_cast<double>(tileLongSide) / std::max(frame.bgr.cols, frame.bgr.rows);
        return {std::max(1, static_cast<int>(std::lround(frame.bgr.cols * scale))),
                std::max(1, static_cast<int>(std::lround(frame.bgr.rows * scale)))};
    }
    return {tileLongSide, tileLongSide};
}

cv::Mat asBgr(const cv::Mat &image)
{
    cv::Mat bgr;
    if (image.channels() == 1)
        cv::cvtColor(image, bgr, cv::COLOR_GRAY2BGR);
    else if (image.channels() == 4)
        cv::cvtColor(image, bgr, cv::COLOR_BGRA2BGR);
    else
        bgr = image;
    if (bgr.depth() != CV_8U)
        bgr.convertTo(bgr, CV_8U);
    return bgr;
}

// The frame fitted into the cell (aspect kept, centred).
void drawFrame(cv::Mat &cell, const cv::Mat &image)
{
    if (image.empty() || image.channels() == 2 || image.channels() > 4)
        return;
    const cv::Mat bgr = asBgr(image);
    const double scale = std::min(static_cast<double>(cell.cols) / bgr.cols, static_cast<double>(cell.rows) / bgr.rows);
    const cv::Size size(std::clamp(static_cast<int>(std::lround(bgr.cols * scale)), 1, cell.cols),
                        std::clamp(static_cast<int>(std::lround(bgr.rows * scale)), 1, cell.rows));
    cv::Mat scaled;
    cv::resize(bgr, scaled, size, 0, 0, scale < 1 ? cv::INTER_AREA : cv::INTER_LINEAR);
    scaled.copyTo(cell(cv::Rect((cell.cols - size.width) / 2, (cell.rows - size.height) / 2, size.width, size.height)));
}

// The time stamp in the bottom-left corner, white on a dark box.
void drawLabel(cv::Mat &cell, std::int64_t timeMs)
{
    const std::string text = timeLabel(timeMs);
    const double fontScale = std::max(0.3, std::max(cell.cols, cell.rows) / 400.0);
    const int thickness = fontScale >= 0.8 ? 2 : 1;
    int baseline = 0;
    const cv::Size textSize = cv::getTextSize(text, cv::FONT_HERSHEY_SIMPLEX, fontScale, thickness, &baseline);
    const int pad = 2;
    const cv::Rect box(0, std::max(0, cell.rows - textSize.height - baseline - 2 * pad),
                       std::min(cell.cols, textSize.width + 2 * pad), std::min(cell.rows, textSize.height + baseline + 2 * pad));
    cell(box) *= 0.35;
    cv::putText(cell, text, {pad, cell.rows - baseline - pad}, cv::FONT_HERSHEY_SIMPLEX, fontScale,
                cv::Scalar(255, 255, 255), thickness, cv::LINE_AA);
}

} // namespace

cv::Mat contactSheet(const std::vector<Keyframe> &frames, int columns, int tileLongSide)
{
    if (frames.empty() || columns < 1 || columns > kMaxColumns || tileLongSide < 16 || tileLongSide > kMaxTileSide)
        return {};
    try {
        const int cols = std::min<int>(columns, static_cast<int>(frames.size()));
        const int rows = static_cast<int>((frames.size() + static_cast<std::size_t>(cols) - 1) / static_cast<std::size_t>(cols));
        const cv::Size cell = cellSize(frames, tileLongSide);
        cv::Mat sheet(rows * cell.height, cols * cell.width, CV_8UC3, kBackground);
        for (std::size_t i = 0; i < frames.size(); ++i) {
            const int col = static_cast<int>(i) % cols, row = static_cast<int>(i) / cols;
            cv::Mat tile = sheet(cv::Rect(col * cell.width, row * cell.height, cell.width, cell.height));
            drawFrame(tile, frames[i].bgr);
            drawLabel(tile, frames[i].timeMs);
        }
        return sheet;
    } catch (const cv::Exception &) {
        return {};
    } catch (const std::bad_alloc &) {
        return {};
    }
}

} // namespace vigil::media
