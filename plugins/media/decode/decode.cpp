// SPDX-License-Identifier: GPL-3.0-or-later
// decodeImage: probe, bomb limits, then one decoder per format; reduction shared by all.
//
// OpenCV's own guard (OPENCV_IO_MAX_IMAGE_PIXELS, default 2^30, and ..._WIDTH/_HEIGHT, 2^20)
// is read from the environment once, when libopencv_imgcodecs is loaded, so it cannot be
// changed from here; when exceeded imdecode throws (caught below). The probe and limits in this
// file are the real guard: nothing is decoded before they pass.

#include "plugins/media/decode/codecs.h"
#include "plugins/media/decode/decode.h"

#include <cmath>
#include <new>
#include <string>

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

namespace vigil::media {

namespace detail {

cv::Mat reduceImage(const cv::Mat &image, int denominator)
{
    if (denominator <= 1 || image.empty())
        return image;
    const cv::Size size((image.cols + denominator - 1) / denominator, (image.rows + denominator - 1) / denominator);
    cv::Mat reduced;
    cv::resize(image, reduced, size, 0, 0, cv::INTER_AREA);
    return reduced;
}

Result<void> checkDimensions(std::uint64_t width, std::uint64_t height, const DecodeLimits &limits)
{
    const std::uint64_t pixels = width * height;   // both < 2^32: no overflow
    std::string why;
    if (width > std::uint64_t(limits.maxSide) || height > std::uint64_t(limits.maxSide))
        why = "a side is longer than " + std::to_string(limits.maxSide) + " pixels";
    else if (pixels > limits.maxPixels)
        why = std::to_string(pixels / 1'000'000) + " megapixels exceed the limit of "
              + std::to_string(limits.maxPixels / 1'000'000) + " megapixels";
    if (why.empty())
        return {};
    return fail(ErrorCode::Unsupported,
                "image refused as a possible decompression bomb: " + std::to_string(width) + "x"
                    + std::to_string(height) + " pixels (" + why + ")",
                "limits: maxSide " + std::to_string(limits.maxSide) + ", maxPixels " + std::to_string(limits.maxPixels));
}

} // namespace detail

namespace {

using detail::Bytes;

// Largest of 1/8, 1/4, 1/2 that keeps the long side >= minLongSide (1 when none does).
int chooseDenominator(int width, int height, int minLongSide)
{
    // 64-bit: a header may declare sides up to 2^31 - 1, where rounding up would overflow int.
    const std::int64_t longSide = std::max(width, height);
    for (int d = 8; d > 1; d /= 2) {
        if ((longSide + d - 1) / d >= minLongSide)
            return d;
    }
    return 1;
}

// Estimated peak decoder memory, in bytes per full-size pixel (see README).
double bytesPerPixel(ImageFormat format, Bytes bytes, int denominator)
{
    switch (format) {
    case ImageFormat::Jpeg: {
        const auto header = detail::parseJpegHeader(bytes);
        const double output = 3.0 / (denominator * denominator);
        // Progressive: libjpeg keeps every DCT coefficient (2 bytes per sample) of the image.
        return header && header->progressive ? output + 2.0 * header->components : output;
    }
    case ImageFormat::Heic: return 6.0;   // YCbCr planes (up to 16-bit) plus interleaved RGB
    case ImageFormat::Gif: return 3.0;    // the BGR canvas
    default: return 4.0;                  // OpenCV: up to 4 channels at full size
    }
}

Result<void> checkLimits(const ImageProbe &probe, Bytes bytes, int denominator, const DecodeLimits &limits)
{
    const auto w = std::uint64_t(probe.width), h = std::uint64_t(probe.height);
    if (auto ok = detail::checkDimensions(w, h, limits); !ok)
        return ok;
    const double estimate = double(w) * double(h) * bytesPerPixel(probe.format, bytes, denominator);
    if (estimate > double(limits.maxDecodedBytes))
        return fail(ErrorCode::Unsupported,
                    "image refused as a possible decompression bomb: " + std::to_string(w) + "x" + std::to_string(h)
                        + " pixels would need about " + std::to_string(std::llround(estimate / 1048576.0))
                        + " MiB to decode",
                    "maxDecodedBytes " + std::to_string(limits.maxDecodedBytes));
    return {};
}

// PNG, BMP, WebP, TIFF. IMREAD_IGNORE_ORIENTATION: orientation is applied by the caller.
Result<cv::Mat> decodeWithOpenCv(Bytes bytes, ImageFormat format)
{
    const cv::Mat buffer(1, int(bytes.size()), CV_8U, const_cast<unsigned char *>(bytes.data()));
    cv::Mat image = cv::imdecode(buffer, cv::IMREAD_COLOR | cv::IMREAD_IGNORE_ORIENTATION);
    if (image.empty())
        return fail(ErrorCode::Corrupt, std::string("could not decode the ") + imageFormatName(format) + " image",
                    "OpenCV imdecode returned no image (damaged or truncated data, or a variant it cannot read)");
    return image;
}

Result<DecodedImage> decodeOther(Bytes bytes, const ImageProbe &probe, int denominator)
{
    auto image = probe.format == ImageFormat::Webp && probe.frames > 1
                     ? detail::decodeAnimatedWebpFirstFrame(bytes)
                     : decodeWithOpenCv(bytes, probe.format);
    if (!image)
        return std::unexpected(image.error());
    DecodedImage result;
    result.width = image->cols;   // what was decoded (equals the probe for sane files)
    result.height = image->rows;
    result.bgr = detail::reduceImage(*image, denominator);
    result.format = probe.format;
    result.scaleDenominator = denominator;
    result.frames = probe.frames;
    return result;
}

Result<DecodedImage> decodeProbed(Bytes bytes, const ImageProbe &probe, const DecodeOptions &options)
{
    const int denominator = chooseDenominator(probe.width, probe.height, options.minLongSide);
    if (auto ok = checkLimits(probe, bytes, denominator, options.limits); !ok)
        return std::unexpected(ok.error());
    switch (probe.format) {
    case ImageFormat::Jpeg: return detail::decodeJpeg(bytes, denominator, options.limits);
    case ImageFormat::Gif: return detail::decodeGif(bytes, denominator, options.limits);
    case ImageFormat::Heic: return detail::decodeHeif(bytes, denominator, options.limits);
    case ImageFormat::Unknown: return fail(ErrorCode::Unsupported, "not a recognised image format");
    default: return decodeOther(bytes, probe, denominator);
    }
}

} // namespace

Result<DecodedImage> decodeImage(std::span<const unsigned char> bytes, const DecodeOptions &options)
{
    try {
        const auto probe = detail::probeWithLimits(bytes, options.limits);
        if (!probe)
            return std::unexpected(probe.error());
        return decodeProbed(bytes, *probe, options);
    } catch (const cv::Exception &e) {
        return fail(ErrorCode::Corrupt, "could not decode the image", e.what());
    } catch (const std::bad_alloc &) {
        return fail(ErrorCode::Unsupported, "not enough memory to decode the image", "std::bad_alloc");
    } catch (const std::exception &e) {
        return fail(ErrorCode::Internal, "could not decode the image", e.what());
    }
}

} // namespace vigil::media
