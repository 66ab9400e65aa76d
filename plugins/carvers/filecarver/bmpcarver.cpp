// SPDX-License-Identifier: GPL-3.0-or-later
// BMP: BITMAPFILEHEADER and the DIB header must agree — planes 1, a real bit depth and
// compression, the pixel offset after the headers, and for uncompressed images bfSize equal
// to offset + rows × stride (plus an embedded ICC profile and a little padding).
#include "plugins/carvers/filecarver/carvers.h"

#include <cstdlib>

namespace vigil::carving::detail {

namespace {

constexpr std::int64_t kMaxSide = 100'000;
constexpr std::uint64_t kMaxPadding = 1024;   // some writers round the file size up

struct BmpHeader {
    std::uint32_t fileSize = 0;
    std::uint32_t pixelOffset = 0;
    std::uint32_t dibSize = 0;
    std::int64_t width = 0;
    std::int64_t height = 0;
    unsigned planes = 0;
    unsigned bpp = 0;
    std::uint32_t compression = 0;
    std::uint32_t imageSize = 0;
    std::uint64_t profileEnd = 0;   // end of an embedded ICC profile (V5 headers), from the file start
};

std::int32_t s32(const unsigned char *p) { return static_cast<std::int32_t>(p[0] | p[1] << 8 | p[2] << 16 | std::uint32_t(p[3]) << 24); }
std::uint32_t u32(const unsigned char *p) { return static_cast<std::uint32_t>(s32(p)); }
unsigned u16(const unsigned char *p) { return p[0] | unsigned(p[1]) << 8; }

std::optional<BmpHeader> readHeader(RegionView &view, std::uint64_t offset)
{
    unsigned char b[14 + 124] = {};
    if (!view.read(offset, std::span(b, 18)))
        return std::nullopt;
    BmpHeader h;
    h.fileSize = u32(b + 2);
    h.pixelOffset = u32(b + 10);
    h.dibSize = u32(b + 14);
    if (h.dibSize < 12 || h.dibSize > 124 || !view.read(offset + 18, std::span(b + 18, h.dibSize - 4)))
        return std::nullopt;
    const unsigned char *d = b + 14;
    if (h.dibSize == 12) {
        h.width = u16(d + 4);
        h.height = u16(d + 6);
        h.planes = u16(d + 8);
        h.bpp = u16(d + 10);
        return h;
    }
    h.width = s32(d + 4);
    h.height = s32(d + 8);
    h.planes = u16(d + 12);
    h.bpp = u16(d + 14);
    h.compression = u32(d + 16);
    h.imageSize = u32(d + 20);
    if (h.dibSize >= 124 && u32(d + 56) == 0x4D424544)   // 'MBED': embedded profile
        h.profileEnd = 14 + std::uint64_t(u32(d + 112)) + u32(d + 116);
    return h;
}

bool plausible(const BmpHeader &h)
{
    const bool rgb = h.compression == 0 || h.compression == 3 || h.compression == 6;
    const bool bppOk = h.bpp == 1 || h.bpp == 4 || h.bpp == 8 || h.bpp == 16 || h.bpp == 24 || h.bpp == 32 ||
                       (h.bpp == 0 && (h.compression == 4 || h.compression == 5));
    const bool compressionOk = rgb || (h.compression == 1 && h.bpp == 8) || (h.compression == 2 && h.bpp == 4) ||
                               h.compression == 4 || h.compression == 5;
    return h.planes == 1 && bppOk && compressionOk && h.width > 0 && h.width <= kMaxSide && h.height != 0 &&
           std::llabs(h.height) <= kMaxSide && h.pixelOffset >= 14 + h.dibSize;
}

// The file's length from its headers, or nothing when they disagree.
std::optional<std::uint64_t> fileLength(const BmpHeader &h)
{
    const bool rgb = h.compression == 0 || h.compression == 3 || h.compression == 6;
    std::uint64_t minimum = h.pixelOffset;
    std::uint64_t maximum = kMaxBmp;
    if (rgb) {
        const std::uint64_t stride = (std::uint64_t(h.width) * h.bpp + 31) / 32 * 4;
        minimum += stride * std::uint64_t(std::llabs(h.height));
        maximum = std::max(minimum, h.profileEnd) + kMaxPadding;
    } else {
        minimum += h.imageSize;
    }
    const std::uint64_t length = h.fileSize ? h.fileSize : (rgb ? minimum : 0);
    if (length < minimum || length > maximum || length > kMaxBmp)
        return std::nullopt;
    return length;
}

} // namespace

std::optional<Carved> carveBmp(RegionView &view, std::uint64_t offset)
{
    const auto header = readHeader(view, offset);
    if (!header || !plausible(*header))
        return std::nullopt;
    const auto length = fileLength(*header);
    if (!length)
        return std::nullopt;
    if (*length > view.size() - offset)
        return partial("bmp", "bmp", view.size() - offset, header->pixelOffset,
                       "BMP cut off at the end of the data: " + percent(view.size() - offset, *length) + " present");
    return complete("bmp", "bmp", *length);
}

} // namespace vigil::carving::detail
