// SPDX-License-Identifier: GPL-3.0-or-later
// Where a file system's unallocated blocks lie in the media (for carving, issue 6).
#pragma once

#include <atomic>
#include <cstdint>
#include <vector>

#include <tsk/libtsk.h>

#include "core/util/error.h"

namespace vigil::evidence {

// A run of bytes of the media: [offset, offset + length).
struct MediaRun {
    std::uint64_t offset = 0, length = 0;
};

// The file system's unallocated blocks in block order, neighbouring blocks joined into runs,
// as byte ranges of the media (the file system's offset included). Reads only the allocation
// structures (bitmaps, FAT), never the blocks themselves.
Result<std::vector<MediaRun>> unallocatedRuns(TSK_FS_INFO *fs, const std::atomic<bool> *cancel = nullptr);

} // namespace vigil::evidence
