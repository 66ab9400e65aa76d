// SPDX-License-Identifier: GPL-3.0-or-later
// GIF: header, logical screen descriptor (+ global colour table), then blocks — image
// descriptors (+ local colour table, LZW code size, data sub-blocks) and extensions
// (label, sub-blocks) — to the trailer 0x3B.
#include "plugins/carvers/filecarver/carvers.h"

namespace vigil::carving::detail {

namespace {

struct GifWalk {
    enum End { Trailer, Broken, CutOff };
    End end = Broken;
    std::uint64_t pos = 0;   // end of the last whole block
    int images = 0;          // whole frames
    bool started = false;    // a frame descriptor was read (the frame may be cut off)
};

std::uint64_t colourTableSize(std::uint8_t flags)
{
    return (flags & 0x80) ? 3ull << ((flags & 7) + 1) : 0;
}

// Data sub-blocks from `pos` to the zero-length terminator; false when they run out.
bool skipSubBlocks(RegionView &view, std::uint64_t &pos, std::uint64_t limit)
{
    while (pos < limit) {
        const auto n = view.u8(pos);
        if (!n)
            return false;
        pos += 1 + *n;
        if (*n == 0)
            return true;
    }
    return false;
}

bool skipImage(RegionView &view, std::uint64_t &pos, std::uint64_t limit, bool &started)
{
    unsigned char d[10];   // separator, left, top, width, height, flags
    if (!view.read(pos, d))
        return false;
    const unsigned width = d[5] | unsigned(d[6]) << 8, height = d[7] | unsigned(d[8]) << 8;
    if (width == 0 || height == 0)
        return false;
    started = true;
    pos += 10 + colourTableSize(d[9]);
    const auto codeSize = view.u8(pos);
    if (!codeSize || *codeSize < 1 || *codeSize > 11)
        return false;
    ++pos;
    return skipSubBlocks(view, pos, limit);
}

GifWalk walkBlocks(RegionView &view, std::uint64_t offset, std::uint64_t start)
{
    const std::uint64_t limit = limitFrom(view, offset, kMaxGif);
    GifWalk walk;
    walk.pos = start;
    while (walk.pos < limit) {
        const auto kind = view.u8(walk.pos);
        if (!kind)
            break;
        std::uint64_t next = walk.pos;
        bool ok = false;
        if (*kind == 0x3B) {
            walk.pos += 1;
            walk.end = GifWalk::Trailer;
            return walk;
        }
        if (*kind == 0x2C) {
            ok = skipImage(view, next, limit, walk.started);
            walk.images += ok ? 1 : 0;
        } else if (*kind == 0x21) {
            next += 2;
            ok = view.u8(walk.pos + 1).has_value() && skipSubBlocks(view, next, limit);
        } else {
            return walk;   // not a block: the structure breaks here
        }
        if (!ok) {
            walk.end = next >= view.size() ? GifWalk::CutOff : GifWalk::Broken;
            return walk;
        }
        walk.pos = next;
    }
    walk.end = walk.pos >= view.size() ? GifWalk::CutOff : GifWalk::Broken;
    return walk;
}

} // namespace

std::optional<Carved> carveGif(RegionView &view, std::uint64_t offset)
{
    unsigned char screen[7];
    if (!view.read(offset + 6, screen))
        return std::nullopt;
    const unsigned width = screen[0] | unsigned(screen[1]) << 8, height = screen[2] | unsigned(screen[3]) << 8;
    if (width == 0 || height == 0)
        return std::nullopt;
    const std::uint64_t start = offset + 13 + colourTableSize(screen[4]);
    const GifWalk walk = walkBlocks(view, offset, start);
    if (!walk.started || view.error())
        return std::nullopt;
    const std::uint64_t length = walk.pos - offset;
    if (walk.end == GifWalk::Trailer)
        return complete("gif", "gif", length);
    if (walk.end == GifWalk::CutOff)
        return partial("gif", "gif", view.size() - offset, length,
                       "GIF cut off at the end of the data after " + std::to_string(walk.images) + " frames");
    return partial("gif", "gif", length, length,
                   "GIF block structure breaks after " + std::to_string(walk.images) + " frames (overwritten or fragmented)");
}

} // namespace vigil::carving::detail
