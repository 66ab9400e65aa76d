// SPDX-License-Identifier: GPL-3.0-or-later
// File carving: finds whole files by their structure in bytes that no file system describes
// (unallocated space, slack) or inside other files' bytes (a JPEG appended to random data, an
// image stream in a PDF). All carvers' signatures are searched together in one pass
// (Hyperscan), page by page with an overlap margin; each hit is then followed through the
// format's own structure to find its length and whether it is whole.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "core/util/error.h"
#include "plugins/api/plugin.h"

namespace vigil::carving {

enum class CarveStatus {
    Complete,   // the structure is whole (and, for JPEG, the stream decodes to the end)
    Partial,    // the start is right but the rest is missing, overwritten or fragmented
};

struct CarvedItem {
    std::uint64_t offset = 0;   // of the first byte, in the region carved
    std::uint64_t length = 0;   // bytes carved (for Partial: what is kept)
    std::string type;           // a Signature::type: jpeg png gif bmp webp mp4 mov avi pdf zip sqlite sqlite-wal
    std::string extension;      // for the carved file's name: "jpg", "png", "mp4", "db", "db-wal", ...
    CarveStatus status = CarveStatus::Complete;
    std::string note;           // why Partial, for people: "JPEG data corrupt after 61 % of the image"
};

struct CarveOptions {
    std::vector<std::string> types;      // carvers to run (CarvedItem::type values); empty: all
    std::size_t pageSize = 32u << 20;    // bytes scanned per page (plus the overlap margin)
    std::uint64_t minOffset = 0;         // ignore hits before this (embedded search: 1 skips the file itself)
    bool skipInsideCarved = true;        // a hit inside an item already carved is not carved again
};

struct CarveStats {
    std::uint64_t bytesScanned = 0;   // of the region covered: scanned, or skipped inside a carved item
    std::uint64_t hits = 0;       // signature hits
    std::uint64_t carved = 0;     // items emitted
    std::uint64_t partial = 0;    // of which Partial
    std::uint64_t rejected = 0;   // hits whose structure did not hold
};

class FileCarver
{
public:
    // Compiles every selected carver's signatures into one multi-pattern database.
    static Result<std::unique_ptr<FileCarver>> create(const CarveOptions &options = {});
    ~FileCarver();
    FileCarver(const FileCarver &) = delete;
    FileCarver &operator=(const FileCarver &) = delete;

    // Carves [0, region.size()): items are emitted in offset order. Safe to call from several
    // threads at once (each call has its own scratch). Read errors end the scan with an error
    // after emitting what was found before them. `cancel` stops early (no error).
    Result<CarveStats> carve(plugins::ContentReader &region, const std::function<void(const CarvedItem &)> &emit,
                             const std::atomic<bool> *cancel = nullptr) const;

    static const std::vector<std::string> &allTypes();
    static const char *id();        // "file-carver", for provenance (files.parser)
    static const char *version();   // files.parser_version

private:
    struct Impl;
    explicit FileCarver(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> m_impl;
};

} // namespace vigil::carving
