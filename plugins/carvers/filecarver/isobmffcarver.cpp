// SPDX-License-Identifier: GPL-3.0-or-later
// MP4 / MOV (ISO base media, QuickTime): top-level boxes by their sizes (32-bit, or 64-bit
// "largesize"), known box types only, until the first unknown or impossible box. Whole means
// an index (moov, its children consistent) and media data (mdat, or moof fragments).
// ftyp's major brand tells QuickTime ("qt  ") from MP4; files without ftyp are QuickTime.
#include "plugins/carvers/filecarver/carvers.h"

#include <array>
#include <string_view>

namespace vigil::carving::detail {

namespace {

using namespace std::string_view_literals;

constexpr std::array kTopLevel{"ftyp"sv, "moov"sv, "mdat"sv, "free"sv, "skip"sv, "wide"sv, "uuid"sv, "meta"sv,
                               "pdin"sv, "moof"sv, "mfra"sv, "sidx"sv, "ssix"sv, "styp"sv, "prft"sv, "emsg"sv,
                               "udta"sv, "pnot"sv, "junk"sv, "PICT"sv};
// Brands of still-image files (HEIF, AVIF, Canon raw) that share the box structure: not video.
constexpr std::array kImageBrands{"heic"sv, "heix"sv, "heim"sv, "heis"sv, "hevc"sv, "hevx"sv, "mif1"sv,
                                  "msf1"sv, "avif"sv, "avis"sv, "crx "sv};
constexpr int kMaxChildren = 4096;

template <std::size_t N>
bool oneOf(const std::array<std::string_view, N> &list, std::string_view v)
{
    for (auto s : list)
        if (s == v)
            return true;
    return false;
}

struct Box {
    std::string type;
    std::uint64_t size = 0;     // whole box
    unsigned header = 8;
};

// The box header at `pos`, or nothing if it cannot be a box (size 0 "to the end" included).
std::optional<Box> readBox(RegionView &view, std::uint64_t pos)
{
    unsigned char h[8];
    if (!view.read(pos, h))
        return std::nullopt;
    Box box;
    box.type.assign(reinterpret_cast<const char *>(h + 4), 4);
    box.size = std::uint64_t(h[0]) << 24 | std::uint64_t(h[1]) << 16 | std::uint64_t(h[2]) << 8 | h[3];
    if (box.size == 1) {
        const auto large = view.u64be(pos + 8);
        if (!large || *large < 16)
            return std::nullopt;
        box.size = *large;
        box.header = 16;
    } else if (box.size < 8) {
        return std::nullopt;
    }
    return box;
}

// moov's children must be boxes that fill it exactly.
bool childrenConsistent(RegionView &view, std::uint64_t pos, std::uint64_t end)
{
    for (int n = 0; pos < end && n < kMaxChildren; ++n) {
        const auto child = readBox(view, pos);
        if (!child || !isFourCc(child->type) || child->size > end - pos)
            return false;
        pos += child->size;
    }
    return pos == end;
}

struct IsoWalk {
    std::string first;
    std::uint64_t end = 0;
    bool cutOff = false;
    bool moov = false;
    bool media = false;   // mdat or moof
    bool moovDamaged = false;
    int boxes = 0;
};

IsoWalk walkBoxes(RegionView &view, std::uint64_t offset)
{
    const std::uint64_t limit = limitFrom(view, offset, kMaxVideo);
    IsoWalk walk;
    std::uint64_t pos = offset;
    while (pos < limit) {
        const auto box = readBox(view, pos);
        if (!box || !oneOf(kTopLevel, box->type))
            break;
        if (box->size > limit - pos) {
            if (limit == view.size() && offset + kMaxVideo > view.size()) {
                walk.cutOff = true;
                walk.media |= box->type == "mdat" || box->type == "moof";
                walk.moov |= box->type == "moov";
                walk.moovDamaged |= box->type == "moov";
                pos = view.size();
            }
            break;
        }
        if (walk.first.empty())
            walk.first = box->type;
        if (box->type == "moov") {
            walk.moov = true;
            walk.moovDamaged |= !childrenConsistent(view, pos + box->header, pos + box->size);
        }
        walk.media |= box->type == "mdat" || box->type == "moof";
        pos += box->size;
        ++walk.boxes;
    }
    walk.end = pos;
    return walk;
}

struct Kind {
    std::string type;
    std::string extension;
};

// From ftyp's major brand; nothing for still-image brands or an implausible ftyp.
std::optional<Kind> kindFromFtyp(RegionView &view, std::uint64_t offset)
{
    const auto box = readBox(view, offset);
    unsigned char brand[4];
    if (!box || box->header != 8 || box->size < 16 || box->size > 1024 || (box->size - 16) % 4 != 0 ||
        !view.read(offset + 8, brand))
        return std::nullopt;
    const std::string major(reinterpret_cast<const char *>(brand), 4);
    if (!isFourCc(major) || oneOf(kImageBrands, major))
        return std::nullopt;
    if (major == "qt  ")
        return Kind{"mov", "mov"};
    if (major.starts_with("3gp") || major.starts_with("3ge") || major.starts_with("3gs"))
        return Kind{"mp4", "3gp"};
    if (major.starts_with("3g2"))
        return Kind{"mp4", "3g2"};
    if (major == "M4A " || major == "M4B ")
        return Kind{"mp4", "m4a"};
    if (major == "M4V " || major == "M4VH" || major == "M4VP")
        return Kind{"mp4", "m4v"};
    return Kind{"mp4", "mp4"};
}

} // namespace

std::optional<Carved> carveIsoMedia(RegionView &view, std::uint64_t offset)
{
    const auto firstBox = readBox(view, offset);
    if (!firstBox)
        return std::nullopt;
    std::optional<Kind> kind;
    if (firstBox->type == "ftyp")
        kind = kindFromFtyp(view, offset);
    else
        kind = Kind{"mov", "mov"};   // classic QuickTime: wide, moov or mdat first
    if (!kind)
        return std::nullopt;
    const IsoWalk walk = walkBoxes(view, offset);
    const bool headless = firstBox->type != "ftyp";
    if (view.error() || walk.boxes + (walk.cutOff ? 1 : 0) < 2 || (headless && !walk.moov))
        return std::nullopt;
    const std::uint64_t length = walk.end - offset;
    if (walk.moov && walk.media && !walk.moovDamaged && !walk.cutOff)
        return complete(kind->type, kind->extension, length);
    std::string note;
    if (walk.cutOff)
        note = "cut off at the end of the data";
    else if (walk.moovDamaged)
        note = "index (moov) damaged: overwritten or fragmented";
    else if (!walk.moov)
        note = "no index (moov): the media data cannot be played as is";
    else
        note = "no media data (mdat)";
    return partial(kind->type, kind->extension, length, length, note);
}

} // namespace vigil::carving::detail
