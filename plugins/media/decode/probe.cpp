// SPDX-License-Identifier: GPL-3.0-or-later
// probeImage: dimensions and frame counts from headers alone (PNG, BMP, WebP here; JPEG, GIF,
// HEIF and TIFF in their codec files).

#include "plugins/media/decode/bytereader.h"
#include "plugins/media/decode/codecs.h"
#include "plugins/media/decode/decode.h"
#include "plugins/media/decode/formatsniff.h"

#include <cstdlib>
#include <limits>
#include <new>
#include <stdexcept>
#include <string>

namespace vigil::media {

using detail::ByteReader;

namespace {

constexpr std::uint32_t kMaxDimension = std::numeric_limits<int>::max();

Result<ImageProbe> corrupt(const char *format, std::string what)
{
    return fail(ErrorCode::Corrupt, std::string("damaged ") + format + " header: " + what);
}

Result<ImageProbe> makeProbe(ImageFormat format, std::uint64_t width, std::uint64_t height, int frames)
{
    if (width == 0 || height == 0 || width > kMaxDimension || height > kMaxDimension)
        return corrupt(imageFormatName(format),
                       "impossible dimensions " + std::to_string(width) + "x" + std::to_string(height));
    return ImageProbe{format, int(width), int(height), frames < 1 ? 1 : frames};
}

// IHDR must be the first chunk; an acTL chunk before the first IDAT makes it an APNG.
Result<ImageProbe> probePng(const ByteReader &in)
{
    if (!in.matches(12, "IHDR") || in.be32(8) != 13u)
        return corrupt("png", "no IHDR chunk");
    const auto width = in.be32(16), height = in.be32(20);
    if (!width || !height)
        return corrupt("png", "truncated IHDR chunk");
    int frames = 1;
    std::size_t offset = 8;
    for (int chunk = 0; chunk < 100'000 && in.has(offset, 8); ++chunk) {
        const std::uint32_t length = *in.be32(offset);
        if (in.matches(offset + 4, "IDAT") || in.matches(offset + 4, "IEND"))
            break;
        if (in.matches(offset + 4, "acTL") && length >= 8) {
            if (const auto count = in.be32(offset + 8); count && *count > 0 && *count < 1'000'000)
                frames = int(*count);
        }
        offset += 12 + std::size_t(length);
    }
    return makeProbe(ImageFormat::Png, *width, *height, frames);
}

// BITMAPCOREHEADER (12 bytes, unsigned 16-bit sizes), OS/2 2.x (16/64) and BITMAPINFOHEADER
// and later (signed 32-bit sizes; a negative height means rows stored top-down).
Result<ImageProbe> probeBmp(const ByteReader &in)
{
    const auto infoSize = in.le32(14);
    if (!infoSize)
        return corrupt("bmp", "truncated file header");
    std::int64_t width = 0, height = 0;
    if (*infoSize == 12) {
        const auto w = in.le16(18), h = in.le16(20);
        if (!w || !h)
            return corrupt("bmp", "truncated info header");
        width = *w;
        height = *h;
    } else {
        const auto w = in.le32(18), h = in.le32(22);
        if (!w || !h)
            return corrupt("bmp", "truncated info header");
        width = std::int32_t(*w);
        height = std::int32_t(*h);
    }
    if (width <= 0)
        return corrupt("bmp", "width " + std::to_string(width));
    return makeProbe(ImageFormat::Bmp, std::uint64_t(width), std::uint64_t(std::llabs(height)), 1);
}

int countWebpFrames(const ByteReader &in)
{
    int frames = 0;
    std::size_t offset = 12;
    while (in.has(offset, 8) && frames < 1'000'000) {
        const std::uint32_t size = *in.le32(offset + 4);
        if (in.matches(offset, "ANMF"))
            ++frames;
        offset += 8 + std::size_t(size) + (size & 1u);
    }
    return frames;
}

// The first chunk names the bitstream: VP8 (lossy), VP8L (lossless) or VP8X (extended:
// canvas size, animation flag).
Result<ImageProbe> probeWebp(const ByteReader &in)
{
    if (in.matches(12, "VP8 ")) {
        // Frame tag (3 bytes), start code 9D 01 2A, then 14-bit width and height.
        if (!in.matches(23, "\x9D\x01\x2A"))
            return corrupt("webp", "no VP8 key frame start code");
        const auto w = in.le16(26), h = in.le16(28);
        if (!w || !h)
            return corrupt("webp", "truncated VP8 frame header");
        return makeProbe(ImageFormat::Webp, *w & 0x3FFFu, *h & 0x3FFFu, 1);
    }
    if (in.matches(12, "VP8L")) {
        const auto signature = in.u8(20);
        const auto bits = in.le32(21);
        if (signature != 0x2F || !bits)
            return corrupt("webp", "no VP8L signature");
        return makeProbe(ImageFormat::Webp, (*bits & 0x3FFFu) + 1, ((*bits >> 14) & 0x3FFFu) + 1, 1);
    }
    if (in.matches(12, "VP8X")) {
        const auto flags = in.u8(20);
        const auto w = in.le24(24), h = in.le24(27);
        if (!flags || !w || !h)
            return corrupt("webp", "truncated VP8X chunk");
        const bool animated = (*flags & 0x02) != 0;
        return makeProbe(ImageFormat::Webp, std::uint64_t(*w) + 1, std::uint64_t(*h) + 1,
                         animated ? countWebpFrames(in) : 1);
    }
    return corrupt("webp", "no VP8, VP8L or VP8X chunk");
}

Result<ImageProbe> probeJpeg(std::span<const unsigned char> bytes)
{
    const auto header = detail::parseJpegHeader(bytes);
    if (!header)
        return std::unexpected(header.error());
    return makeProbe(ImageFormat::Jpeg, std::uint64_t(header->width), std::uint64_t(header->height), 1);
}

} // namespace

namespace detail {

Result<ImageProbe> probeWithLimits(Bytes bytes, const DecodeLimits &limits)
{
    if (bytes.empty())
        return fail(ErrorCode::InvalidArgument, "no image data (empty input)");
    const ByteReader in(bytes);
    switch (detectImageFormat(bytes)) {
    case ImageFormat::Jpeg: return probeJpeg(bytes);
    case ImageFormat::Png: return probePng(in);
    case ImageFormat::Gif: return detail::probeGif(bytes);
    case ImageFormat::Bmp: return probeBmp(in);
    case ImageFormat::Webp: return probeWebp(in);
    case ImageFormat::Heic: return detail::probeHeif(bytes, limits);
    case ImageFormat::Tiff: return detail::probeTiff(bytes);
    case ImageFormat::Unknown: break;
    }
    if (detail::heifBrand(bytes) == detail::HeifBrand::Av1)
        return fail(ErrorCode::Unsupported, "AVIF images are not supported");
    return fail(ErrorCode::Unsupported, "not a recognised image format",
                "first bytes do not match JPEG, PNG, GIF, BMP, WebP, HEIC or TIFF");
}

} // namespace detail

Result<ImageProbe> probeImage(std::span<const unsigned char> bytes)
{
    try {
        return detail::probeWithLimits(bytes, DecodeLimits{});
    } catch (const std::bad_alloc &) {
        return fail(ErrorCode::Unsupported, "not enough memory to read the image header", "std::bad_alloc");
    } catch (const std::exception &e) {
        return fail(ErrorCode::Internal, "could not read the image header", e.what());
    }
}

} // namespace vigil::media
