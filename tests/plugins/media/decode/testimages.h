// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Generated test images for the decode tests: OpenCV drawing encoded by OpenCV, GIFs written
// with giflib, HEIC with libheif (x265), animated WebP and APNG assembled from OpenCV output.

#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace vigil::media::test {

using Bytes = std::vector<unsigned char>;

// Background colour plus shapes; `noise` adds per-pixel noise (camera-like, hard to compress).
cv::Mat drawScene(int width, int height, std::uint64_t seed, bool noise = false);

Bytes encode(const cv::Mat &bgr, const std::string &extension, const std::vector<int> &params = {});
Bytes encodeJpeg(const cv::Mat &bgr, int quality = 90, bool progressive = false);

// GIF with a 4-colour palette (0 black, 1 red, 2 green, 3 blue). Each frame: indices (CV_8UC1)
// placed at (left, top); transparentIndex -1 for none.
struct GifFrame {
    cv::Mat indices;
    int left = 0, top = 0;
    bool interlaced = false;
    int transparentIndex = -1;
};
Bytes makeGif(int screenWidth, int screenHeight, int backgroundIndex, const std::vector<GifFrame> &frames);

// HEIC through libheif's HEVC encoder; nullopt when no encoder is available here.
// orientation: EXIF-style 1..8 written as irot/imir boxes.
std::optional<Bytes> makeHeic(const cv::Mat &bgr, int orientation = 1, const Bytes &exifTiff = {});

// Animated WebP (VP8X + ANIM + one ANMF per frame) from lossy still WebPs of the frames.
struct WebpFrame {
    cv::Mat bgr;
    int x = 0, y = 0;   // even offsets
};
Bytes makeAnimatedWebp(int canvasWidth, int canvasHeight, const std::vector<WebpFrame> &frames,
                       cv::Scalar backgroundBgr = cv::Scalar(0, 0, 0));

// A PNG with an acTL chunk (animation control) saying `frames` frames.
Bytes makeApngHeader(const cv::Mat &bgr, std::uint32_t frames);

// A BMP stored top-down (negative height).
Bytes makeTopDownBmp(const cv::Mat &bgr);

// Multi-page TIFF written by OpenCV to a temporary file.
Bytes makeMultiPageTiff(const std::vector<cv::Mat> &pages);

// Hand-made headers that only claim a size (decompression-bomb bait).
Bytes jpegHeaderClaiming(int width, int height);
Bytes pngHeaderClaiming(std::uint32_t width, std::uint32_t height);
Bytes gifHeaderClaiming(int width, int height);

cv::Scalar meanColour(const cv::Mat &bgr);
double maxChannelDifference(const cv::Scalar &a, const cv::Scalar &b);

std::filesystem::path externalData();   // VIGIL_EXTERNAL_DATA
Bytes readFile(const std::filesystem::path &path);
std::filesystem::path uniqueTempDir(const std::string &name);

} // namespace vigil::media::test
