// SPDX-License-Identifier: GPL-3.0-or-later
// Rows for derived files (issue 6) and their forensic paths, in one place so every stage
// writes the same syntax:
//   archive member   "/docs/a.tar.gz>>a.tar>>pics/x.zip>>img.jpg"
//   embedded         "/data.bin>>@0x1f400.jpg"              (offset in the parent)
//   carved           "$Unallocated/3>>@0x2a000000.jpg"      (3: filesystems.id; offset in the media)
//                    "$Unallocated/vol4>>@0x100000.jpg"     (partition-table slot 4, no file system)
//   slack            "/f.txt>>$Slack>>@0x3000.jpg"          (offset from the file's first byte)
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/model/file.h"
#include "core/util/error.h"

namespace vigil::pipeline {

// The file a derived file comes out of.
struct DerivedParent {
    std::int64_t evidenceId = 0, fileId = 0;
    std::optional<std::int64_t> fsId;
    std::string path;
    bool allocated = true;
    int depth = 0;
};

// "0x1f400"
std::string hexOffset(std::uint64_t offset);

// A file found inside the parent's bytes at `offset` by a carver (`type`: "complete" or "partial").
model::FileRecord embeddedRecord(const DerivedParent &parent, std::uint64_t offset, std::uint64_t length,
                                 const std::string &extension, const std::string &carveStatus,
                                 const std::string &carveNote);

// A member of the parent archive, `name` as stored in the archive ('/'-separated).
model::FileRecord memberRecord(const DerivedParent &parent, const std::string &name, std::uint64_t size,
                               std::optional<UtcNanos> mtime);

// A file carved from unallocated space: `area` names the region ("3" for a file system's
// unallocated blocks, "vol4" for unpartitioned space); runs are its (media offset, length) runs.
model::FileRecord carvedRecord(std::int64_t evidenceId, std::optional<std::int64_t> fsId, const std::string &area,
                               const std::vector<std::pair<std::int64_t, std::int64_t>> &runs,
                               const std::string &extension, const std::string &carveStatus,
                               const std::string &carveNote);

// A file carved from the slack of `parent`: `fileOffset` counts from the parent's first byte
// (slack starts at its size), `mediaOffset` is where it lies in the media.
model::FileRecord slackRecord(const DerivedParent &parent, std::uint64_t fileOffset, std::int64_t mediaOffset,
                              std::uint64_t length, const std::string &extension, const std::string &carveStatus,
                              const std::string &carveNote);

// The processing error for a container whose children would be nested too deep.
Error tooDeep(int maxDepth);

} // namespace vigil::pipeline
