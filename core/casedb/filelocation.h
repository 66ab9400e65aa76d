// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <optional>
#include <string>

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
};

// The location of file `fileId`; a NotFound error when there is no such file.
Result<FileLocation> fileLocation(Database &db, std::int64_t fileId);

} // namespace vigil::casedb
