// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// 64-bit DCT pHash (OpenCV contrib img_hash::PHash): a second, independent perceptual
// hash for cross-checking PDQ and for interchange with tools that use pHash.

#include "core/util/error.h"

#include <opencv2/core/mat.hpp>

#include <bit>
#include <cstdint>
#include <string>

namespace vigil::media {

// image: 8-bit (or 16-bit) gray, BGR or BGRA. The 8 bytes OpenCV produces are packed
// big-endian: byte 0 is the most significant, so pHashHex matches OpenCV's byte order.
Result<std::uint64_t> pHash(const cv::Mat &image);

// 16 lower-case hex digits.
std::string pHashHex(std::uint64_t hash);

inline int pHashDistance(std::uint64_t a, std::uint64_t b)
{
    return std::popcount(a ^ b);
}

} // namespace vigil::media
