// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/casedb/database.h"

namespace vigil::casedb {

// Everything needed to find one file's bytes again in its evidence.
struct FileLocation {
    std::int64_t fileId = 0, evidenceId = 0;
    std::string evidencePath, evidenceKind;        // evidence.path, evidence.kind
    std::optional<std::int64_t> fsOffset;          // file system's byte offset (images only)
    std::optional<std::int64_t> metaAddr, attrType, attrId;   // zip: metaAddr is the entry index
    std::string path, metaType, contentStatus;
    std::int64_t size = 0;
    // Derived files (issue 6): "fs", "carved", "member" or "embedded", the parent file, the
    // offset in the parent (embedded) or in the media (carved), and a carved file's media extents.
    std::string origin = "fs";
    std::optional<std::int64_t> parentId = {}, originOffset = {}, sourceOffset = {};
    std::string originExtents = {};
    int depth = 0;
};

// The location of file `fileId`; a NotFound error when there is no such file.
Result<FileLocation> fileLocation(Database &db, std::int64_t fileId);

// A carved file's runs in the evidence media, (offset, length) in order: origin_extents when
// the file spans several unallocated runs, else one run of `size` bytes at the source offset.
// A Corrupt error for extents that cannot be read or do not add up to the file's size.
Result<std::vector<std::pair<std::int64_t, std::int64_t>>> carvedExtents(const FileLocation &loc);

} // namespace vigil::casedb
