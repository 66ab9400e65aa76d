// SPDX-License-Identifier: GPL-3.0-or-later
// RIFF containers: WebP ("WEBP": VP8 / VP8L / VP8X first) and AVI ("AVI ": LIST hdrl first,
// OpenDML "AVIX" parts appended). The RIFF size gives the length; the chunks inside must
// fill it exactly, else the file was overwritten somewhere (Partial).
#include "plugins/carvers/filecarver/carvers.h"

#include <set>

namespace vigil::carving::detail {

namespace {

struct RiffWalk {
    bool whole = false;
    std::uint64_t brokenAt = 0;
    std::set<std::string> seen;   // chunk ids, and "LIST:xxxx" for lists
};

RiffWalk walkChunks(RegionView &view, std::uint64_t pos, std::uint64_t end)
{
    RiffWalk walk;
    while (pos < end) {
        unsigned char head[12];
        if (pos + 8 > end || !view.read(pos, std::span(head, 8))) {
            walk.brokenAt = pos;
            return walk;
        }
        const std::string id(reinterpret_cast<const char *>(head), 4);
        const std::uint64_t size = head[4] | unsigned(head[5]) << 8 | unsigned(head[6]) << 16 | std::uint64_t(head[7]) << 24;
        if (!isFourCc(id) || pos + 8 + size > end) {
            walk.brokenAt = pos;
            return walk;
        }
        walk.seen.insert(id);
        if (id == "LIST" && size >= 4 && view.read(pos + 8, std::span(head + 8, 4)))
            walk.seen.insert("LIST:" + std::string(reinterpret_cast<const char *>(head + 8), 4));
        pos = std::min(end, pos + 8 + size + (size & 1));
    }
    walk.whole = true;
    return walk;
}

// 8 + the RIFF size, rounded up to even.
std::optional<std::uint64_t> riffLength(RegionView &view, std::uint64_t offset)
{
    const auto size = view.u32le(offset + 4);
    if (!size)
        return std::nullopt;
    return 8 + std::uint64_t(*size) + (*size & 1);
}

bool validWebpStart(RegionView &view, std::uint64_t offset)
{
    unsigned char c[14];   // first chunk header and the start of its data
    if (!view.read(offset + 12, c))
        return false;
    const std::uint32_t size = c[4] | unsigned(c[5]) << 8 | unsigned(c[6]) << 16 | std::uint32_t(c[7]) << 24;
    const std::string id(reinterpret_cast<const char *>(c), 4);
    if (id == "VP8 ")
        return size >= 10 && c[11] == 0x9D && c[12] == 0x01 && c[13] == 0x2A;
    if (id == "VP8L")
        return size >= 5 && c[8] == 0x2F;
    return id == "VP8X" && size == 10;
}

} // namespace

std::optional<Carved> carveWebp(RegionView &view, std::uint64_t offset)
{
    const auto total = riffLength(view, offset);
    if (!total || *total < 12 + 8 + 10 || *total > kMaxWebp || !validWebpStart(view, offset))
        return std::nullopt;
    if (*total > view.size() - offset)
        return partial("webp", "webp", view.size() - offset, 20,
                       "WebP cut off at the end of the data: " + percent(view.size() - offset, *total) + " present");
    const RiffWalk walk = walkChunks(view, offset + 12, offset + *total);
    const bool image = walk.seen.count("VP8 ") || walk.seen.count("VP8L") || walk.seen.count("ANMF");
    if (walk.whole && image)
        return complete("webp", "webp", *total);
    const std::uint64_t broken = walk.whole ? offset + 12 : walk.brokenAt;
    return partial("webp", "webp", *total, broken - offset,
                   "WebP chunk structure breaks at " + percent(broken - offset, *total) + " (overwritten or fragmented)");
}

std::optional<Carved> carveAvi(RegionView &view, std::uint64_t offset)
{
    const auto total = riffLength(view, offset);
    if (!total || *total < 12 + 12 || *total > kMaxVideo || !view.matches(offset + 20, "hdrl"))
        return std::nullopt;
    if (*total > view.size() - offset)
        return partial("avi", "avi", view.size() - offset, 24,
                       "AVI cut off at the end of the data: " + percent(view.size() - offset, *total) + " present");
    const RiffWalk walk = walkChunks(view, offset + 12, offset + *total);
    if (!walk.whole)
        return partial("avi", "avi", *total, walk.brokenAt - offset,
                       "AVI chunk structure breaks at " + percent(walk.brokenAt - offset, *total) + " (overwritten or fragmented)");
    if (!walk.seen.count("LIST:movi"))
        return partial("avi", "avi", *total, *total, "AVI has no movie data (LIST movi)");
    // OpenDML: further RIFF "AVIX" parts follow the first.
    std::uint64_t length = *total;
    while (view.matches(offset + length, "RIFF") && view.matches(offset + length + 8, "AVIX")) {
        const auto part = riffLength(view, offset + length);
        if (!part || length + *part > kMaxVideo)
            break;
        if (*part > view.size() - offset - length)
            return partial("avi", "avi", view.size() - offset, length, "AVI cut off at the end of the data in an OpenDML part");
        length += *part;
    }
    return complete("avi", "avi", length);
}

} // namespace vigil::carving::detail
