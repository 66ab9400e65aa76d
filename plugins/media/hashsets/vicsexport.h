// SPDX-License-Identifier: GPL-3.0-or-later
// VICS JSON export of graded media: one case object in "value" with its "Media" array,
// which importHashSet reads back. VICS knows only Project VIC categories, so the caller maps
// its grading to 0..4 (UK grades have no VICS equivalent: leave `category` empty and the
// entry is written without a Category).
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "core/util/error.h"

namespace vigil::media {

struct VicsMedia {
    std::string md5;                 // hex, either case; at least one of md5/sha1
    std::string sha1;
    std::optional<int> category;     // Project VIC 0..4
    std::string fileName;            // written as MediaFiles[0].FileName (1.x: FileName)
    std::string relativePath;        // RelativeFilePath, when not empty
    std::uint64_t size = 0;          // MediaSize
    std::int64_t mediaId = 0;        // MediaID
    bool isPrecategorized = false;   // IsPrecategorized (2.0 only)
};

// Writes VICS 2.0 ("@odata.context" .../DataModels/2.0.xml/...#Cases) or, with `version1`,
// 1.x ("odata.metadata" .../DataModels/1.3.xml#Cases). Through a temporary file renamed at
// the end. A bad hash or a category outside 0..4 → InvalidArgument naming the entry.
Result<void> writeVicsJson(const std::filesystem::path &out, const std::string &caseId,
                           const std::vector<VicsMedia> &media, bool version1 = false);

} // namespace vigil::media
