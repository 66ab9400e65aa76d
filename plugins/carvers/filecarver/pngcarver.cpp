// SPDX-License-Identifier: GPL-3.0-or-later
// PNG: signature, IHDR with sane fields, then every chunk (length, type, data, CRC-32) to IEND.
// A CRC mismatch means overwritten data: the walk goes on while the chunk structure holds and
// the result is Partial.
#include "plugins/carvers/filecarver/carvers.h"
#include "plugins/carvers/filecarver/crc32.h"

#include <algorithm>

namespace vigil::carving::detail {

namespace {

constexpr std::uint64_t kMaxCutOffOvershoot = 16 * kMiB;   // a real last chunk cut by the region's end

bool isChunkType(const unsigned char *t)
{
    return std::all_of(t, t + 4, [](unsigned char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); });
}

bool validHeader(RegionView &view, std::uint64_t offset)
{
    unsigned char h[13];
    if (!view.read(offset + 16, h))
        return false;
    const auto be32 = [&](int i) { return std::uint32_t(h[i]) << 24 | std::uint32_t(h[i + 1]) << 16 | std::uint32_t(h[i + 2]) << 8 | h[i + 3]; };
    const std::uint32_t width = be32(0), height = be32(4);
    const int depth = h[8], colour = h[9];
    const bool depthOk = depth == 1 || depth == 2 || depth == 4 || depth == 8 || depth == 16;
    const bool colourOk = colour == 0 || colour == 2 || colour == 3 || colour == 4 || colour == 6;
    return width > 0 && height > 0 && width <= 0x7FFFFFFF && height <= 0x7FFFFFFF && depthOk && colourOk &&
           h[10] == 0 && h[11] == 0 && h[12] <= 1;
}

std::optional<std::uint32_t> chunkCrc(RegionView &view, std::uint64_t from, std::uint64_t length)
{
    std::uint32_t crc = 0;
    std::uint64_t done = 0;
    while (done < length) {
        const auto bytes = view.peek(from + done, static_cast<std::size_t>(std::min<std::uint64_t>(length - done, 1u << 20)));
        if (bytes.empty())
            return std::nullopt;
        crc = crc32Update(crc, bytes);
        done += bytes.size();
    }
    return crc;
}

struct PngWalk {
    enum End { Iend, Broken, CutOff };
    End end = Broken;
    std::uint64_t pos = 0;          // end of the last whole chunk
    std::uint64_t firstBad = 0;     // start of the first chunk with a wrong CRC (0: none)
    std::string firstBadType;
    int chunks = 0;
};

// A chunk whose CRC failed and after which no chunk header follows probably had its length
// overwritten: the walk then ends before it rather than where that length pointed.
PngWalk brokenAfter(PngWalk walk, std::uint64_t suspect)
{
    walk.end = PngWalk::Broken;
    if (suspect) {
        walk.pos = suspect;
        --walk.chunks;
    }
    return walk;
}

PngWalk walkChunks(RegionView &view, std::uint64_t offset)
{
    const std::uint64_t limit = limitFrom(view, offset, kMaxPng);
    PngWalk walk;
    walk.pos = offset + 8;
    std::uint64_t suspect = 0;   // start of the previous chunk when its CRC failed
    while (true) {
        unsigned char head[8];
        if (!view.read(walk.pos, head)) {
            walk.end = walk.pos >= view.size() ? PngWalk::CutOff : PngWalk::Broken;
            return walk;
        }
        const std::uint32_t length = std::uint32_t(head[0]) << 24 | std::uint32_t(head[1]) << 16 |
                                     std::uint32_t(head[2]) << 8 | head[3];
        if (length > 0x7FFFFFFF || !isChunkType(head + 4))
            return brokenAfter(walk, suspect);
        const std::uint64_t end = walk.pos + 12 + length;
        if (end > limit) {
            // Cut off by the end of the data, unless the length points far beyond it (damage).
            if (limit != view.size() || end - view.size() > kMaxCutOffOvershoot)
                return brokenAfter(walk, suspect);
            walk.end = PngWalk::CutOff;
            return walk;
        }
        const auto crc = chunkCrc(view, walk.pos + 4, 4 + std::uint64_t(length));
        const auto stored = view.u32be(walk.pos + 8 + length);
        if (!crc || !stored)
            return walk;
        if (*crc != *stored && walk.chunks == 0)
            return walk;   // IHDR itself is wrong: not a PNG to follow (and no long walk on forged headers)
        suspect = *crc != *stored ? walk.pos : 0;
        if (suspect && !walk.firstBad) {
            walk.firstBad = walk.pos;
            walk.firstBadType.assign(reinterpret_cast<const char *>(head + 4), 4);
        }
        walk.pos = end;
        ++walk.chunks;
        if (std::equal(head + 4, head + 8, "IEND")) {
            walk.end = PngWalk::Iend;
            return walk;
        }
    }
}

} // namespace

std::optional<Carved> carvePng(RegionView &view, std::uint64_t offset)
{
    if (!validHeader(view, offset))
        return std::nullopt;
    const PngWalk walk = walkChunks(view, offset);
    if (walk.chunks == 0 || view.error())
        return std::nullopt;
    const std::uint64_t length = walk.pos - offset;
    const std::uint64_t verified = (walk.firstBad ? walk.firstBad : walk.pos) - offset;
    if (walk.end == PngWalk::Iend && !walk.firstBad)
        return complete("png", "png", length);
    if (walk.end == PngWalk::Iend)
        return partial("png", "png", length, verified,
                       "CRC error in chunk " + walk.firstBadType + " at " + percent(walk.firstBad - offset, length) +
                           " of the file (overwritten)");
    if (walk.end == PngWalk::CutOff)
        return partial("png", "png", view.size() - offset, verified,
                       "PNG cut off at the end of the data after " + std::to_string(walk.chunks) + " chunks");
    return partial("png", "png", length, verified,
                   "PNG chunk structure breaks after " + std::to_string(length) + " bytes (overwritten or fragmented)");
}

} // namespace vigil::carving::detail
