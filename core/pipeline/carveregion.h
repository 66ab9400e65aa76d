// SPDX-License-Identifier: GPL-3.0-or-later
// A carving region made of runs of the evidence media (a file system's unallocated blocks, or
// the slack of many files), read as one contiguous stream; offsets found in it map back to the
// media.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <mutex>
#include <utility>
#include <vector>

#include "core/evidence/bytesource.h"
#include "core/evidence/tskunalloc.h"
#include "plugins/api/plugin.h"

namespace vigil::pipeline {

class RunRegion final : public plugins::ContentReader {
public:
    // `runs` in the order they are to be read; `onRead` (optional) hears the furthest region
    // offset read so far, for progress.
    RunRegion(evidence::ByteSource &media, std::vector<evidence::MediaRun> runs,
              std::function<void(std::uint64_t)> onRead = {});

    Result<std::size_t> read(std::uint64_t offset, void *buffer, std::size_t length) override;
    std::uint64_t size() const override { return m_size; }

    // The index of the run holding region offset `offset` (offset < size()).
    std::size_t runAt(std::uint64_t offset) const;
    // Region offset where run `index` starts.
    std::uint64_t runStart(std::size_t index) const { return m_starts[index]; }
    const std::vector<evidence::MediaRun> &runs() const { return m_runs; }
    // The media extents (offset, length) of region bytes [offset, offset + length).
    std::vector<std::pair<std::int64_t, std::int64_t>> mediaExtents(std::uint64_t offset, std::uint64_t length) const;

private:
    evidence::ByteSource &m_media;
    std::vector<evidence::MediaRun> m_runs;
    std::vector<std::uint64_t> m_starts;   // region offset of each run
    std::uint64_t m_size = 0;
    std::function<void(std::uint64_t)> m_onRead;
    std::mutex m_mutex;                    // a ByteSource is not thread-safe
    std::uint64_t m_furthest = 0;
};

} // namespace vigil::pipeline
