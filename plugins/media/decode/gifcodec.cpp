// SPDX-License-Identifier: GPL-3.0-or-later
// GIF (OpenCV 4.6 cannot read it): frames counted by walking the block structure without
// decompressing; the first frame decoded with giflib, line by line, straight onto a canvas
// of the logical screen size (no whole-file slurp, so many frames cost no memory).

#include "plugins/media/decode/bytereader.h"
#include "plugins/media/decode/codecs.h"

#include <algorithm>
#include <array>
#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include <gif_lib.h>

namespace vigil::media::detail {

namespace {

constexpr std::size_t kScreenDescriptorEnd = 13;

std::size_t colourTableBytes(std::uint8_t packed)
{
    return (packed & 0x80) ? 3u * (2u << (packed & 7)) : 0u;
}

// Skips a chain of data sub-blocks; returns the offset after the terminator, or nullopt.
std::optional<std::size_t> skipSubBlocks(const ByteReader &in, std::size_t offset)
{
    while (true) {
        const auto size = in.u8(offset);
        if (!size)
            return std::nullopt;
        offset += 1 + *size;
        if (*size == 0)
            return offset;
    }
}

int countFrames(const ByteReader &in, std::size_t offset)
{
    int frames = 0;
    while (frames < 10'000'000) {
        const auto introducer = in.u8(offset);
        std::optional<std::size_t> next;
        if (introducer == 0x2C) {   // image descriptor, optional local colour table, LZW data
            const auto packed = in.u8(offset + 9);
            if (!packed)
                break;
            ++frames;
            next = skipSubBlocks(in, offset + 10 + colourTableBytes(*packed) + 1);
        } else if (introducer == 0x21) {   // extension: label, sub-blocks
            next = skipSubBlocks(in, offset + 2);
        }
        if (!next)
            break;   // trailer (0x3B), garbage or end of data
        offset = *next;
    }
    return frames;
}

struct MemoryCursor {
    Bytes bytes;
    std::size_t position = 0;
};

int readFromMemory(GifFileType *gif, GifByteType *buffer, int length)
{
    auto *cursor = static_cast<MemoryCursor *>(gif->UserData);
    const std::size_t count = std::min<std::size_t>(std::size_t(std::max(length, 0)),
                                                    cursor->bytes.size() - cursor->position);
    std::memcpy(buffer, cursor->bytes.data() + cursor->position, count);
    cursor->position += count;
    return int(count);
}

struct GifCloser {
    void operator()(GifFileType *gif) const
    {
        int error = 0;
        DGifCloseFile(gif, &error);
    }
};
using GifPtr = std::unique_ptr<GifFileType, GifCloser>;

cv::Vec3b colourAt(const ColorMapObject *map, int index)
{
    if (!map || index >= map->ColorCount)
        return {std::uint8_t(index), std::uint8_t(index), std::uint8_t(index)};
    const GifColorType &c = map->Colors[index];
    return {c.Blue, c.Green, c.Red};
}

// Transparent colour index from a Graphics Control Extension; -1 when there is none.
bool readExtension(GifFileType *gif, int &transparent)
{
    int code = 0;
    GifByteType *block = nullptr;
    if (DGifGetExtension(gif, &code, &block) == GIF_ERROR)
        return false;
    if (code == GRAPHICS_EXT_FUNC_CODE && block && block[0] >= 4)
        transparent = (block[1] & 1) ? block[4] : -1;
    while (block) {
        if (DGifGetExtensionNext(gif, &block) == GIF_ERROR)
            return false;
    }
    return true;
}

// Row order of an interlaced frame: rows 0,8,16.., then 4,12.., then 2,6.., then 1,3..
std::vector<int> rowOrder(int height, bool interlaced)
{
    std::vector<int> rows;
    rows.reserve(std::size_t(height));
    if (!interlaced) {
        for (int y = 0; y < height; ++y)
            rows.push_back(y);
        return rows;
    }
    constexpr std::array<int, 4> start{0, 4, 2, 1}, step{8, 8, 4, 2};
    for (int pass = 0; pass < 4; ++pass) {
        for (int y = start[pass]; y < height; y += step[pass])
            rows.push_back(y);
    }
    return rows;
}

struct FrameResult {
    int rowsDone = 0;
    bool complete = false;
};

FrameResult drawFrame(GifFileType *gif, cv::Mat &canvas, int transparent)
{
    const GifImageDesc &desc = gif->Image;
    const ColorMapObject *map = desc.ColorMap ? desc.ColorMap : gif->SColorMap;
    std::vector<GifPixelType> line(std::size_t(desc.Width));
    FrameResult result;
    for (const int y : rowOrder(desc.Height, desc.Interlace)) {
        if (DGifGetLine(gif, line.data(), desc.Width) == GIF_ERROR)
            return result;
        ++result.rowsDone;
        const int cy = desc.Top + y;
        if (cy < 0 || cy >= canvas.rows)
            continue;
        auto *out = canvas.ptr<cv::Vec3b>(cy);
        for (int x = 0; x < desc.Width; ++x) {
            const int cx = desc.Left + x;
            if (cx < canvas.cols && line[std::size_t(x)] != transparent)
                out[cx] = colourAt(map, line[std::size_t(x)]);
        }
    }
    result.complete = true;
    return result;
}

// The canvas is only allocated once a frame descriptor was read and passed the limits, so
// garbage after a plausible screen descriptor costs nothing.
Result<DecodedImage> decodeFirstFrame(GifFileType *gif, int transparent, const DecodeLimits &limits)
{
    if (DGifGetImageDesc(gif) == GIF_ERROR)
        return fail(ErrorCode::Corrupt, "could not read the GIF image", GifErrorString(gif->Error));
    const GifImageDesc &desc = gif->Image;
    if (desc.Width <= 0 || desc.Height <= 0)
        return fail(ErrorCode::Corrupt, "GIF frame without width or height");
    if (auto ok = checkDimensions(std::uint64_t(desc.Width), std::uint64_t(desc.Height), limits); !ok)
        return std::unexpected(ok.error());
    const cv::Vec3b background = gif->SColorMap ? colourAt(gif->SColorMap, gif->SBackGroundColor) : cv::Vec3b{};
    cv::Mat canvas(gif->SHeight, gif->SWidth, CV_8UC3, cv::Scalar(background[0], background[1], background[2]));
    const FrameResult frame = drawFrame(gif, canvas, transparent);
    if (frame.rowsDone == 0)
        return fail(ErrorCode::Corrupt, "could not decode the GIF image", GifErrorString(gif->Error));
    DecodedImage image;
    image.bgr = canvas;
    image.truncated = !frame.complete;
    return image;
}

} // namespace

Result<ImageProbe> probeGif(Bytes bytes)
{
    const ByteReader in(bytes);
    const auto width = in.le16(6), height = in.le16(8);
    const auto packed = in.u8(10);
    if (!width || !height || !packed)
        return fail(ErrorCode::Corrupt, "damaged gif header: truncated logical screen descriptor");
    if (*width == 0 || *height == 0)
        return fail(ErrorCode::Corrupt, "damaged gif header: logical screen without width or height");
    const int frames = countFrames(in, kScreenDescriptorEnd + colourTableBytes(*packed));
    return ImageProbe{ImageFormat::Gif, *width, *height, std::max(frames, 1)};
}

Result<DecodedImage> decodeGif(Bytes bytes, int denominator, const DecodeLimits &limits)
{
    const auto probe = probeGif(bytes);
    if (!probe)
        return std::unexpected(probe.error());
    MemoryCursor cursor{bytes};
    int error = 0;
    GifPtr gif(DGifOpen(&cursor, readFromMemory, &error));
    if (!gif)
        return fail(ErrorCode::Corrupt, "could not read the GIF image", GifErrorString(error));
    int transparent = -1;
    while (true) {
        GifRecordType type = UNDEFINED_RECORD_TYPE;
        if (DGifGetRecordType(gif.get(), &type) == GIF_ERROR)
            return fail(ErrorCode::Corrupt, "could not read the GIF image", GifErrorString(gif->Error));
        if (type == IMAGE_DESC_RECORD_TYPE) {
            auto image = decodeFirstFrame(gif.get(), transparent, limits);
            if (!image)
                return image;
            image->bgr = reduceImage(image->bgr, denominator);
            image->format = ImageFormat::Gif;
            image->width = probe->width;
            image->height = probe->height;
            image->scaleDenominator = denominator;
            image->frames = probe->frames;
            return image;
        }
        if (type == EXTENSION_RECORD_TYPE) {
            if (!readExtension(gif.get(), transparent))
                return fail(ErrorCode::Corrupt, "could not read the GIF image", GifErrorString(gif->Error));
        } else {
            return fail(ErrorCode::Corrupt, "GIF file without an image");
        }
    }
}

} // namespace vigil::media::detail
