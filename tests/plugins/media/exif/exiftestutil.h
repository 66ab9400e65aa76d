// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Files with known metadata, written with the exiv2 library into images made by OpenCV.

#include <exiv2/exiv2.hpp>

#include <opencv2/core.hpp>

#include <string>
#include <vector>

namespace vigil::media::test {

using Bytes = std::vector<unsigned char>;

// An image in `extension` format (".jpg", ".png", ".webp", ".tiff") carrying the given EXIF
// and XMP, written by exiv2 from memory.
Bytes withMetadata(const cv::Mat &bgr, const std::string &extension, const Exiv2::ExifData &exif,
                   const Exiv2::XmpData &xmp = {});

// EXIF as the TIFF structure HEIF files embed ("II*\0" ...).
Bytes exifTiffBlob(const Exiv2::ExifData &exif);

// Degrees as the three EXIF rationals "d/1 m/1 s*1e6/1e6" (positive).
std::string dmsRationals(double degrees);

} // namespace vigil::media::test
