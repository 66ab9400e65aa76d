// SPDX-License-Identifier: GPL-3.0-or-later
// Carving one area of the media (a file system's unallocated runs) on every core. The area is
// cut into chunks handed out in turn to the workers (so a dense stretch of pictures does not
// leave one core waiting for the other). A chunk is carved as the rest of the area from its
// start: an item crossing the chunk's end is followed to its own end and a signature across it
// is seen; the worker stops once its scan has passed the chunk's end, and keeps the items that
// start inside the chunk. Items of a chunk that lie inside an item of an earlier chunk crossing
// into it are dropped. The result is the list one pass gives, in offset order.
#pragma once

#include <atomic>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <utility>
#include <vector>

#include "core/evidence/bytesource.h"
#include "core/evidence/tskunalloc.h"
#include "plugins/carvers/filecarver/filecarver.h"

namespace vigil::pipeline {

struct AreaItem {
    carving::CarvedItem item;                                     // offset: in the area
    std::vector<std::pair<std::int64_t, std::int64_t>> extents;   // (media offset, length)
};

struct AreaCarve {
    std::vector<AreaItem> items;
    std::uint64_t bytesScanned = 0;
    std::optional<Error> error;   // a read error ended a chunk early (what it found is kept)
    unsigned workers = 1;         // threads that carved the area
    std::uint64_t chunks = 1;
    std::uint64_t overrun = 0;    // bytes scanned past chunk ends (the price of the split)
};

// Areas are carved in chunks of this size when more than one thread is allowed.
constexpr std::uint64_t kChunkBytes = 128ull << 20;

// The carver to use with carveArea (all carvers, a page size carveArea recognises).
Result<std::unique_ptr<carving::FileCarver>> makeAreaCarver();

// Carves `runs` read from `media` (each further thread opens its own handle on `imagePath`).
// `progress(bytes)` is called on the calling thread about five times a second.
AreaCarve carveArea(const carving::FileCarver &carver, const std::vector<evidence::MediaRun> &runs,
                    evidence::ByteSource &media, const std::filesystem::path &imagePath, unsigned threads,
                    const std::atomic<bool> *cancel, const std::function<void(std::uint64_t)> &progress,
                    std::uint64_t chunkBytes = kChunkBytes);

// The runs covering area bytes [from, to).
std::vector<evidence::MediaRun> sliceRuns(const std::vector<evidence::MediaRun> &runs, std::uint64_t from,
                                          std::uint64_t to);

} // namespace vigil::pipeline
