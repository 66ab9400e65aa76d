// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// PDQ perceptual image hash (Meta's published algorithm: luminance, Jarosz tent-filter
// downsampling to 64x64, 16x16 DCT, median threshold -> 256 bits, plus a quality score).

#include "core/util/error.h"

#include <opencv2/core/mat.hpp>

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace vigil::media {

// 256 bits. Bit k of the reference implementation (k = 16 * dctRow + dctColumn) lives in
// words[3 - k / 64] at bit position k % 64, so words[0] is the first 16 hex digits and
// toHex() is the reference text form (64 lower-case hex digits).
struct PdqHash {
    std::array<std::uint64_t, 4> words{};

    std::string toHex() const;
    // Accepts exactly 64 hex digits (either case); nullopt otherwise.
    static std::optional<PdqHash> fromHex(std::string_view hex);

    bool operator==(const PdqHash &) const = default;
};

int hammingDistance(const PdqHash &a, const PdqHash &b);

struct PdqResult {
    PdqHash hash;
    int quality = 0;   // 0..100; hashes with quality <= 49 are unreliable (featureless images)
};

inline constexpr int kPdqMatchThreshold = 31;   // distance <= 31: same picture
inline constexpr int kPdqMinQuality = 50;

// image: 8-bit (or 16-bit) gray, gray+alpha, BGR or BGRA; any size >= 1x1; ROIs are fine.
// Errors: InvalidArgument for an empty Mat, Unsupported for other depths/channel counts.
Result<PdqResult> pdqHash(const cv::Mat &image);

// Order of the dihedral variants returned by pdqDihedral.
enum class PdqDihedral {
    Original,
    Rotate90,        // clockwise (cv::ROTATE_90_CLOCKWISE)
    Rotate180,
    Rotate270,       // clockwise, i.e. cv::ROTATE_90_COUNTERCLOCKWISE
    FlipHorizontal,  // mirror left-right (cv::flip code 1)
    FlipVertical,    // mirror top-bottom (cv::flip code 0)
    Transpose,       // cv::transpose
    AntiTranspose,   // mirror about the other diagonal (transpose, then rotate 180)
};

// The 8 variants from one DCT (by transposition and sign patterns of the coefficients);
// element i corresponds to PdqDihedral(i). Each equals pdqHash of the transformed image
// within a few bits. Quality is the same for all eight.
Result<std::array<PdqResult, 8>> pdqDihedral(const cv::Mat &image);

} // namespace vigil::media
