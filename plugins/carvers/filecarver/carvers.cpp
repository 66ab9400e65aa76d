// SPDX-License-Identifier: GPL-3.0-or-later
#include "plugins/carvers/filecarver/carvers.h"

#include <algorithm>

namespace vigil::carving::detail {

// Every pattern starts at the file's first byte and has a fixed width, so a hit's start is
// its end minus the width (no start-of-match tracking needed in the scanner).
const std::vector<CarverSpec> &carverSpecs()
{
    static const std::vector<CarverSpec> specs{
        {"jpeg", {"jpeg"}, {{R"(\xFF\xD8\xFF[\xC0-\xFE])", 4}}, carveJpeg},
        {"png", {"png"}, {{R"(\x89PNG\x0D\x0A\x1A\x0A\x00\x00\x00\x0DIHDR)", 16}}, carvePng},
        {"gif", {"gif"}, {{R"(GIF8[79]a)", 6}}, carveGif},
        // "BM", file size, zero reserved words, pixel offset, then a known DIB header size.
        {"bmp", {"bmp"}, {{R"(BM.{4}\x00\x00\x00\x00.{4}[\x0C\x28\x34\x38\x40\x6C\x7C]\x00\x00\x00)", 18}}, carveBmp},
        {"webp", {"webp"}, {{R"(RIFF.{4}WEBPVP8[ LX])", 16}}, carveWebp},
        {"avi", {"avi"}, {{R"(RIFF.{4}AVI\x20LIST)", 16}}, carveAvi},
        // ISO base media: ftyp first (MP4, 3GP, M4A, QuickTime with ftyp); older QuickTime
        // files start with wide, moov (its first child mvhd) or mdat.
        {"mp4",
         {"mp4", "mov"},
         {{R"(.{4}ftyp)", 8}, {R"(\x00\x00\x00\x08wide)", 8}, {R"(.{4}moov.{4}mvhd)", 16}, {R"(.{4}mdat)", 8}},
         carveIsoMedia},
        {"pdf", {"pdf"}, {{R"(%PDF-[12]\.[0-9])", 8}}, carvePdf},
        {"zip", {"zip"}, {{R"(PK\x03\x04)", 4}}, carveZip},
        {"sqlite", {"sqlite"}, {{R"(SQLite format 3\x00)", 16}}, carveSqlite},
        {"sqlite-wal", {"sqlite-wal"}, {{R"(\x37\x7F\x06[\x82\x83]\x00\x2D\xE2\x18)", 8}}, carveSqliteWal},
    };
    return specs;
}

Carved complete(std::string type, std::string extension, std::uint64_t length)
{
    Carved c;
    c.length = length;
    c.type = std::move(type);
    c.extension = std::move(extension);
    c.verified = length;
    return c;
}

Carved partial(std::string type, std::string extension, std::uint64_t length, std::uint64_t verified,
               std::string note)
{
    Carved c;
    c.length = length;
    c.status = CarveStatus::Partial;
    c.type = std::move(type);
    c.extension = std::move(extension);
    c.verified = std::clamp<std::uint64_t>(verified, 1, std::max<std::uint64_t>(length, 1));
    c.note = std::move(note);
    return c;
}

std::string percent(std::uint64_t part, std::uint64_t whole)
{
    if (whole == 0)
        return "0 %";
    const auto p = static_cast<unsigned>(std::min<double>(100.0, 100.0 * double(part) / double(whole)));
    return std::to_string(p) + " %";
}

std::uint64_t limitFrom(const RegionView &view, std::uint64_t offset, std::uint64_t maxLength)
{
    if (offset >= view.size())
        return offset;
    return offset + std::min(maxLength, view.size() - offset);
}

bool isFourCc(std::string_view bytes)
{
    return bytes.size() == 4 &&
           std::all_of(bytes.begin(), bytes.end(), [](char c) { return c >= 0x20 && c <= 0x7E; });
}

} // namespace vigil::carving::detail
