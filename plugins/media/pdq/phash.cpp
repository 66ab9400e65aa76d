// SPDX-License-Identifier: GPL-3.0-or-later
#include "plugins/media/pdq/phash.h"

#include <opencv2/core.hpp>
#include <opencv2/img_hash.hpp>

#include <new>

namespace vigil::media {

Result<std::uint64_t> pHash(const cv::Mat &image)
{
    if (image.empty())
        return fail(ErrorCode::InvalidArgument, "Cannot hash an empty image");
    const int depth = image.depth();
    const int channels = image.channels();
    if (image.dims != 2 || (depth != CV_8U && depth != CV_16U) || (channels != 1 && channels != 3 && channels != 4))
        return fail(ErrorCode::Unsupported, "pHash needs an 8- or 16-bit gray, BGR or BGRA image",
                    "type " + cv::typeToString(image.type()));
    try {
        cv::Mat input = image;
        if (depth == CV_16U)
            image.convertTo(input, CV_MAKETYPE(CV_8U, channels), 255.0 / 65535.0);
        cv::Mat bytes;
        cv::img_hash::pHash(input, bytes);
        if (bytes.total() != 8 || bytes.depth() != CV_8U)
            return fail(ErrorCode::Internal, "pHash returned an unexpected result",
                        "type " + cv::typeToString(bytes.type()) + ", " + std::to_string(bytes.total()) + " elements");
        std::uint64_t hash = 0;
        for (int i = 0; i < 8; ++i)
            hash = (hash << 8) | bytes.ptr<std::uint8_t>()[i];
        return hash;
    } catch (const cv::Exception &e) {
        return fail(ErrorCode::Internal, "pHash failed", e.what());
    } catch (const std::bad_alloc &) {
        return fail(ErrorCode::Internal, "Out of memory while computing a pHash");
    }
}

std::string pHashHex(std::uint64_t hash)
{
    static constexpr char kDigits[] = "0123456789abcdef";
    std::string hex(16, '0');
    for (int n = 0; n < 16; ++n)
        hex[n] = kDigits[(hash >> (60 - 4 * n)) & 0xF];
    return hex;
}

} // namespace vigil::media
