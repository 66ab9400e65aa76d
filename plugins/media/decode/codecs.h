// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Internal to vigil_media_decode: one header parser / decoder per library.

#include "plugins/media/decode/decode.h"

#include <cstdint>
#include <span>

namespace vigil::media::detail {

using Bytes = std::span<const unsigned char>;

// ---- JPEG (jpegcodec.cpp, libjpeg-turbo) ----
struct JpegHeader {
    int width = 0, height = 0;
    int components = 0;
    int precision = 8;
    bool progressive = false;
    bool lossless = false;   // SOF3/7/11/15: libjpeg-turbo 2.1 cannot decode these
};
// Walks the marker segments up to the first SOFn.
Result<JpegHeader> parseJpegHeader(Bytes bytes);
// DCT-scaled decode at 1/denominator (1, 2, 4 or 8). A partial image when the data ends early.
Result<DecodedImage> decodeJpeg(Bytes bytes, int denominator, const DecodeLimits &limits);

// ---- GIF (gifcodec.cpp, giflib) ----
Result<ImageProbe> probeGif(Bytes bytes);
// First frame composited onto the logical screen, then reduced.
Result<DecodedImage> decodeGif(Bytes bytes, int denominator, const DecodeLimits &limits);

// ---- HEIF/HEIC (heifcodec.cpp, libheif) ----
Result<ImageProbe> probeHeif(Bytes bytes, const DecodeLimits &limits);
Result<DecodedImage> decodeHeif(Bytes bytes, int denominator, const DecodeLimits &limits);

// ---- TIFF (probetiff.cpp) ----
Result<ImageProbe> probeTiff(Bytes bytes);

// ---- WebP animation (webpanim.cpp) ----
// First frame of an animated WebP (which OpenCV cannot read) composited onto its canvas.
Result<cv::Mat> decodeAnimatedWebpFirstFrame(Bytes bytes);

// ---- shared ----
// probeImage with the caller's limits (libheif refuses oversized images while parsing).
Result<ImageProbe> probeWithLimits(Bytes bytes, const DecodeLimits &limits);
// Area downscale to ceil(w / d) x ceil(h / d); the input when d == 1.
cv::Mat reduceImage(const cv::Mat &image, int denominator);
// Error Unsupported "decompression bomb" when the dimensions exceed the limits.
Result<void> checkDimensions(std::uint64_t width, std::uint64_t height, const DecodeLimits &limits);

} // namespace vigil::media::detail
