// SPDX-License-Identifier: GPL-3.0-or-later
// HEIF/HEIC through libheif: the primary image, with libheif's rotation/mirroring/cropping
// applied. Probing parses the boxes only; libheif's own size limit is set to maxSide so an
// oversized image is refused while parsing. Tiles are decoded in the calling thread (the
// pipeline decodes several files in parallel already).

#include "plugins/media/decode/codecs.h"

#include <algorithm>
#include <memory>
#include <mutex>
#include <string>

#include <libheif/heif.h>
#include <opencv2/imgproc.hpp>

namespace vigil::media::detail {

namespace {

struct ContextFree {
    void operator()(heif_context *c) const { heif_context_free(c); }
};
struct HandleRelease {
    void operator()(heif_image_handle *h) const { heif_image_handle_release(h); }
};
struct ImageRelease {
    void operator()(heif_image *i) const { heif_image_release(i); }
};
struct OptionsFree {
    void operator()(heif_decoding_options *o) const { heif_decoding_options_free(o); }
};
using ContextPtr = std::unique_ptr<heif_context, ContextFree>;
using HandlePtr = std::unique_ptr<heif_image_handle, HandleRelease>;
using ImagePtr = std::unique_ptr<heif_image, ImageRelease>;
using OptionsPtr = std::unique_ptr<heif_decoding_options, OptionsFree>;

void initialiseOnce()
{
    static std::once_flag once;
    std::call_once(once, [] { heif_init(nullptr); });   // reference counted; kept for the process
}

Error toError(const heif_error &err, const char *what)
{
    if (err.subcode == heif_suberror_Security_limit_exceeded)
        return Error(ErrorCode::Unsupported, "image refused as a possible decompression bomb (HEIF size over the limit)",
                     err.message);
    const ErrorCode code = err.code == heif_error_Unsupported_feature || err.code == heif_error_Unsupported_filetype
                               ? ErrorCode::Unsupported
                               : ErrorCode::Corrupt;
    return Error(code, what, err.message);
}

// An open file and its primary image handle. `bytes` must outlive it (no copy is made).
struct OpenHeif {
    ContextPtr context;
    HandlePtr primary;
};

Result<OpenHeif> openHeif(Bytes bytes, const DecodeLimits &limits)
{
    initialiseOnce();
    OpenHeif heif;
    heif.context.reset(heif_context_alloc());
    if (!heif.context)
        return fail(ErrorCode::Internal, "libheif could not allocate a context");
    heif_context_set_maximum_image_size_limit(heif.context.get(), limits.maxSide);
    heif_context_set_max_decoding_threads(heif.context.get(), 0);
    heif_error err = heif_context_read_from_memory_without_copy(heif.context.get(), bytes.data(), bytes.size(), nullptr);
    if (err.code != heif_error_Ok)
        return std::unexpected(toError(err, "could not read the HEIF file"));
    heif_image_handle *handle = nullptr;
    err = heif_context_get_primary_image_handle(heif.context.get(), &handle);
    heif.primary.reset(handle);
    if (err.code != heif_error_Ok || !handle)
        return std::unexpected(toError(err, "HEIF file without a primary image"));
    return heif;
}

} // namespace

Result<ImageProbe> probeHeif(Bytes bytes, const DecodeLimits &limits)
{
    const auto heif = openHeif(bytes, limits);
    if (!heif)
        return std::unexpected(heif.error());
    const int width = heif_image_handle_get_width(heif->primary.get());
    const int height = heif_image_handle_get_height(heif->primary.get());
    if (width <= 0 || height <= 0)
        return fail(ErrorCode::Corrupt, "damaged heic header: primary image without width or height");
    const int images = heif_context_get_number_of_top_level_images(heif->context.get());
    return ImageProbe{ImageFormat::Heic, width, height, std::max(images, 1)};
}

Result<DecodedImage> decodeHeif(Bytes bytes, int denominator, const DecodeLimits &limits)
{
    const auto heif = openHeif(bytes, limits);
    if (!heif)
        return std::unexpected(heif.error());
    OptionsPtr options(heif_decoding_options_alloc());
    if (!options)
        return fail(ErrorCode::Internal, "libheif could not allocate decoding options");
    options->convert_hdr_to_8bit = 1;
    heif_image *decoded = nullptr;
    const heif_error err = heif_decode_image(heif->primary.get(), &decoded, heif_colorspace_RGB,
                                             heif_chroma_interleaved_RGB, options.get());
    const ImagePtr image(decoded);
    if (err.code != heif_error_Ok || !image)
        return std::unexpected(toError(err, "could not decode the HEIF image"));
    int stride = 0;
    const std::uint8_t *plane = heif_image_get_plane_readonly(image.get(), heif_channel_interleaved, &stride);
    const int width = heif_image_get_width(image.get(), heif_channel_interleaved);
    const int height = heif_image_get_height(image.get(), heif_channel_interleaved);
    if (!plane || width <= 0 || height <= 0 || stride < width * 3)
        return fail(ErrorCode::Corrupt, "could not decode the HEIF image", "no interleaved RGB plane");
    const cv::Mat rgb(height, width, CV_8UC3, const_cast<std::uint8_t *>(plane), std::size_t(stride));
    DecodedImage result;
    cv::cvtColor(reduceImage(rgb, denominator), result.bgr, cv::COLOR_RGB2BGR);
    result.format = ImageFormat::Heic;
    result.width = width;
    result.height = height;
    result.scaleDenominator = denominator;
    result.frames = std::max(heif_context_get_number_of_top_level_images(heif->context.get()), 1);
    result.orientationApplied = true;
    return result;
}

} // namespace vigil::media::detail
