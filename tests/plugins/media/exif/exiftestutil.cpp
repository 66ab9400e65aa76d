// SPDX-License-Identifier: GPL-3.0-or-later
#include "tests/plugins/media/exif/exiftestutil.h"

#include <opencv2/imgcodecs.hpp>

#include <cmath>
#include <cstdio>
#include <stdexcept>

namespace vigil::media::test {

Bytes withMetadata(const cv::Mat &bgr, const std::string &extension, const Exiv2::ExifData &exif,
                   const Exiv2::XmpData &xmp)
{
    Bytes plain;
    if (!cv::imencode(extension, bgr, plain))
        throw std::runtime_error("cv::imencode failed for " + extension);
    auto image = Exiv2::ImageFactory::open(plain.data(), long(plain.size()));
    image->readMetadata();
    image->setExifData(exif);
    image->setXmpData(xmp);
    image->writeMetadata();
    Exiv2::BasicIo &io = image->io();
    io.seek(0, Exiv2::BasicIo::beg);
    const Exiv2::DataBuf buffer = io.read(long(io.size()));
    return Bytes(buffer.pData_, buffer.pData_ + buffer.size_);
}

Bytes exifTiffBlob(const Exiv2::ExifData &exif)
{
    Exiv2::Blob blob;
    Exiv2::ExifParser::encode(blob, Exiv2::littleEndian, exif);
    return Bytes(blob.begin(), blob.end());
}

std::string dmsRationals(double degrees)
{
    const double whole = std::floor(degrees);
    const double minutesTotal = (degrees - whole) * 60;
    const double minutes = std::floor(minutesTotal);
    const auto micro = static_cast<long long>(std::llround((minutesTotal - minutes) * 60 * 1e6));
    char text[96];
    std::snprintf(text, sizeof text, "%d/1 %d/1 %lld/1000000", int(whole), int(minutes), micro);
    return text;
}

} // namespace vigil::media::test
