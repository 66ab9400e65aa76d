// SPDX-License-Identifier: GPL-3.0-or-later
// The carvers: each has the signatures that start its format and a walker that follows the
// format's structure from a hit and says how long the file is and whether it is whole.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "plugins/carvers/filecarver/filecarver.h"
#include "plugins/carvers/filecarver/regionview.h"

namespace vigil::carving::detail {

// Upper bounds on one carved file, so a corrupt or forged length never makes a walker read
// (or a caller extract) gigabytes. Values are generous for real files of each kind.
inline constexpr std::uint64_t kMiB = 1u << 20;
inline constexpr std::uint64_t kMaxJpeg = 64 * kMiB;
inline constexpr std::uint64_t kMaxPng = 256 * kMiB;
inline constexpr std::uint64_t kMaxGif = 64 * kMiB;
inline constexpr std::uint64_t kMaxBmp = 256 * kMiB;
inline constexpr std::uint64_t kMaxWebp = 64 * kMiB;
inline constexpr std::uint64_t kMaxVideo = 8192 * kMiB;       // MP4, MOV, AVI (with OpenDML parts)
inline constexpr std::uint64_t kMaxPdf = 256 * kMiB;
inline constexpr std::uint64_t kMaxZip = 4096 * kMiB;
inline constexpr std::uint64_t kMaxZipDescriptorSearch = 256 * kMiB;  // one entry's data, when only a data descriptor gives its size
inline constexpr std::uint64_t kMaxSqlite = 4096 * kMiB;
inline constexpr std::uint64_t kMaxWal = 1024 * kMiB;

// A run of this many zero bytes (in 4 KiB blocks counted from the file's start) ends a walk
// that has no length to go by (JPEG entropy data, PDF): unallocated space is mostly zeros.
inline constexpr std::uint64_t kZeroBlock = 4096;
inline constexpr std::uint64_t kZeroRunStop = 256 * kZeroBlock;

// What a walker found at a hit.
struct Carved {
    std::uint64_t length = 0;
    CarveStatus status = CarveStatus::Complete;
    std::string note;
    std::string type;
    std::string extension;
    // Leading bytes known to belong to this file. Hits inside them are not carved again (with
    // skipInsideCarved); for a Complete item the whole length counts.
    std::uint64_t verified = 0;
    // Leading bytes in which hits of this same carver are not carved again (0: `verified`): a
    // damaged ZIP's further local headers are its own, while whole files stored in it are still
    // carved on their own.
    std::uint64_t walked = 0;
};

using Validator = std::optional<Carved> (*)(RegionView &view, std::uint64_t offset);

struct Pattern {
    std::string_view regex;   // Hyperscan syntax, matched with HS_FLAG_DOTALL
    unsigned width;           // fixed match length: the hit starts at end - width
};

struct CarverSpec {
    std::string_view name;
    std::vector<std::string_view> types;      // CarvedItem::type values it can emit
    std::vector<Pattern> patterns;
    Validator validate;
};

// Every carver, in a fixed order.
const std::vector<CarverSpec> &carverSpecs();

std::optional<Carved> carveJpeg(RegionView &view, std::uint64_t offset);
std::optional<Carved> carvePng(RegionView &view, std::uint64_t offset);
std::optional<Carved> carveGif(RegionView &view, std::uint64_t offset);
std::optional<Carved> carveBmp(RegionView &view, std::uint64_t offset);
std::optional<Carved> carveWebp(RegionView &view, std::uint64_t offset);
std::optional<Carved> carveAvi(RegionView &view, std::uint64_t offset);
std::optional<Carved> carveIsoMedia(RegionView &view, std::uint64_t offset);
std::optional<Carved> carvePdf(RegionView &view, std::uint64_t offset);
std::optional<Carved> carveZip(RegionView &view, std::uint64_t offset);
std::optional<Carved> carveSqlite(RegionView &view, std::uint64_t offset);
std::optional<Carved> carveSqliteWal(RegionView &view, std::uint64_t offset);

// Helpers shared by the walkers.
Carved complete(std::string type, std::string extension, std::uint64_t length);
Carved partial(std::string type, std::string extension, std::uint64_t length, std::uint64_t verified,
               std::string note);
// "61 %" of `part` in `whole` (0..100, rounded down).
std::string percent(std::uint64_t part, std::uint64_t whole);
// min(view.size(), offset + maxLength) without overflow.
std::uint64_t limitFrom(const RegionView &view, std::uint64_t offset, std::uint64_t maxLength);
bool isFourCc(std::string_view bytes);   // four printable ASCII characters

} // namespace vigil::carving::detail
