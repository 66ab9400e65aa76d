// SPDX-License-Identifier: GPL-3.0-or-later
// Format names and signature detection.

#include "plugins/media/decode/decode.h"
#include "plugins/media/decode/bytereader.h"
#include "plugins/media/decode/formatsniff.h"

#include <algorithm>
#include <array>
#include <string_view>

namespace vigil::media {

using detail::ByteReader;

const char *imageFormatName(ImageFormat format)
{
    switch (format) {
    case ImageFormat::Jpeg: return "jpeg";
    case ImageFormat::Png: return "png";
    case ImageFormat::Gif: return "gif";
    case ImageFormat::Bmp: return "bmp";
    case ImageFormat::Webp: return "webp";
    case ImageFormat::Heic: return "heic";
    case ImageFormat::Tiff: return "tiff";
    case ImageFormat::Unknown: break;
    }
    return "unknown";
}

namespace detail {

HeifBrand heifBrand(std::span<const unsigned char> bytes)
{
    const ByteReader in(bytes);
    if (!in.matches(4, "ftyp"))
        return HeifBrand::None;
    const auto boxSize = in.be32(0);
    if (!boxSize || *boxSize < 16)
        return HeifBrand::None;
    // Major brand at 8, minor version at 12, compatible brands from 16 to the end of the box.
    constexpr std::array<std::string_view, 8> hevc{"heic", "heix", "hevc", "hevx", "heim", "heis", "hevm", "hevs"};
    bool generic = false, av1 = false;
    const std::size_t end = std::min<std::size_t>(*boxSize, in.size());
    for (std::size_t offset = 8; offset + 4 <= end; offset += 4) {
        if (offset == 12)
            continue;   // minor version, not a brand
        for (const auto brand : hevc) {
            if (in.matches(offset, brand))
                return HeifBrand::Hevc;
        }
        generic = generic || in.matches(offset, "mif1") || in.matches(offset, "msf1");
        av1 = av1 || in.matches(offset, "avif") || in.matches(offset, "avis");
    }
    if (av1)
        return HeifBrand::Av1;
    return generic ? HeifBrand::Generic : HeifBrand::None;
}

} // namespace detail

ImageFormat detectImageFormat(std::span<const unsigned char> bytes)
{
    const ByteReader in(bytes);
    if (in.matches(0, "\xFF\xD8\xFF"))
        return ImageFormat::Jpeg;
    if (in.matches(0, "\x89PNG\r\n\x1A\n"))
        return ImageFormat::Png;
    if (in.matches(0, "GIF87a") || in.matches(0, "GIF89a"))
        return ImageFormat::Gif;
    if (in.matches(0, "RIFF") && in.matches(8, "WEBP"))
        return ImageFormat::Webp;
    if (in.matches(0, std::string_view("II*\0", 4)) || in.matches(0, std::string_view("MM\0*", 4))
        || in.matches(0, std::string_view("II+\0", 4)) || in.matches(0, std::string_view("MM\0+", 4)))
        return ImageFormat::Tiff;
    if (in.matches(0, "BM")) {
        // "BM" alone is too weak a signature: require a known info header size.
        constexpr std::array<std::uint32_t, 8> infoSizes{12, 16, 40, 52, 56, 64, 108, 124};
        const auto infoSize = in.le32(14);
        for (const auto size : infoSizes) {
            if (infoSize && *infoSize == size)
                return ImageFormat::Bmp;
        }
        return ImageFormat::Unknown;
    }
    const auto brand = detail::heifBrand(bytes);
    if (brand == detail::HeifBrand::Hevc || brand == detail::HeifBrand::Generic)
        return ImageFormat::Heic;
    return ImageFormat::Unknown;
}

} // namespace vigil::media
