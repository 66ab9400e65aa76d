// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Image decoding for thumbnails and perceptual hashes: from bytes already in memory, at a
// REDUCED size (JPEG by DCT scaling, other formats by an area downscale after decoding),
// with decompression-bomb limits checked on the header before anything is decoded.
//
// Formats: JPEG (libjpeg-turbo), PNG, BMP, WebP, TIFF (OpenCV), GIF (giflib, first frame),
// HEIC/HEIF (libheif, primary image). All functions are thread-safe and never throw.

#include "core/util/error.h"

#include <opencv2/core/mat.hpp>

#include <cstdint>
#include <span>
#include <vector>

namespace vigil::media {

enum class ImageFormat { Unknown, Jpeg, Png, Gif, Bmp, Webp, Heic, Tiff };

// "jpeg", "png", "gif", "bmp", "webp", "heic", "tiff"; "unknown".
const char *imageFormatName(ImageFormat format);

// Format by signature only (first bytes); Unknown when none matches.
ImageFormat detectImageFormat(std::span<const unsigned char> bytes);

struct ImageProbe {
    ImageFormat format = ImageFormat::Unknown;
    int width = 0, height = 0;   // as displayed by the decoder (HEIC: after its rotation)
    int frames = 1;              // GIF/WebP/APNG animation frames, TIFF pages, HEIF top-level images
};

// Header-only parse: JPEG SOFn, PNG IHDR (+acTL), GIF logical screen (+frame count), BMP info
// header (negative height = top-down), WebP VP8/VP8L/VP8X (+ANMF count), HEIC primary image
// (libheif, boxes only, no decoding), TIFF/BigTIFF IFD0 (+page count).
// Errors: InvalidArgument (empty), Unsupported (unknown signature, AVIF; HEIF over the default
// maxSide, refused by libheif while parsing), Corrupt (damaged or truncated header).
Result<ImageProbe> probeImage(std::span<const unsigned char> bytes);

struct DecodeLimits {
    std::uint64_t maxPixels = 150'000'000;         // full-size width * height
    std::uint64_t maxDecodedBytes = 768ull << 20;  // estimated peak decoder memory
    int maxSide = 60000;                           // width and height each
};

struct DecodeOptions {
    // Reduce (JPEG DCT scaling 1/2, 1/4, 1/8, or downscale by the same factors) as long as
    // the long side stays >= minLongSide. 0 or less: always the largest reduction (1/8).
    int minLongSide = 512;
    DecodeLimits limits;
};

struct DecodedImage {
    cv::Mat bgr;                 // CV_8UC3, reduced; stored orientation (see orientationApplied)
    ImageFormat format = ImageFormat::Unknown;
    int width = 0, height = 0;   // full-size dimensions
    int scaleDenominator = 1;    // bgr is ceil(width / d) x ceil(height / d)
    int frames = 1;
    // The data ended early (or was damaged): bgr is a partial image, the rest grey or
    // background. Only JPEG and GIF give partial images; other formats fail instead.
    bool truncated = false;
    // HEIC: libheif already applied the file's rotation/mirroring; do not apply the EXIF
    // orientation again. False for every other format (apply the EXIF orientation).
    bool orientationApplied = false;
};

// Probes first; dimensions over the limits -> Error Unsupported naming "decompression bomb"
// and the dimensions, WITHOUT decoding. Undecodable data -> Error Corrupt; lossless or 12-bit
// JPEG -> Error Unsupported.
Result<DecodedImage> decodeImage(std::span<const unsigned char> bytes,
                                 const DecodeOptions &options = {});

// Long side at most maxSide (area interpolation, never enlarged), JPEG at quality (1..100).
// Accepts 8-bit gray, BGR or BGRA. Errors: InvalidArgument.
Result<std::vector<unsigned char>> makeThumbnail(const cv::Mat &bgr, int maxSide = 256,
                                                 int quality = 80);

// Applies an EXIF orientation (1..8) so the image stands upright; other values: unchanged.
// 2 mirror, 3 rotate 180, 4 flip, 5 transpose, 6 rotate 90 clockwise, 7 transverse,
// 8 rotate 90 counter-clockwise. Returns a new Mat (or the input when nothing changes).
cv::Mat applyOrientation(const cv::Mat &bgr, int exifOrientation);

} // namespace vigil::media
