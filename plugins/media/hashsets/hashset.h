// SPDX-License-Identifier: GPL-3.0-or-later
// Hash sets: import of Project VIC VICS JSON (1.x and 2.0), plain MD5/SHA-1 lists, CSV with
// a category column and NIST NSRL RDSv3 SQLite databases into Vigil's compact sorted binary
// store (read by HashSetFile), and export of graded media as VICS JSON.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/util/error.h"
#include "plugins/media/hashsets/category.h"
#include "plugins/media/hashsets/hashsetfile.h"
#include "plugins/media/hashsets/vicsexport.h"

namespace vigil::media {

enum class HashSetFormat { VicsJson, PlainList, Csv, NsrlRds };

const char *formatName(HashSetFormat format);   // "VICS JSON", "plain list", "CSV", "NSRL RDSv3"

// By content: SQLite magic → NSRL; '{' first (after a BOM and white space) → VICS; a first
// line with a comma and a header naming md5/sha1 → CSV; text whose lines are MD5/SHA-1
// hashes or comments → plain list. Anything else (binary, empty, other text) → Unsupported.
Result<HashSetFormat> detectHashSetFormat(const std::filesystem::path &path);

struct ImportOptions {
    std::optional<HashSetRole> role;   // default: by format (see HashSetRole)
    std::string name;                  // default: the source file's stem
    std::function<void(std::uint64_t entriesRead)> progress;   // every 100,000 entries and at the end
};

struct ImportSummary {
    HashSetFormat format = HashSetFormat::PlainList;
    HashSetRole role = HashSetRole::KnownBad;
    std::string name;
    std::string formatVersion;          // VICS: "1.x", "2.0" or "unknown"; NSRL: "3"; else ""
    std::uint64_t entriesRead = 0;      // lines / rows / Media entries read, rejected ones included
    std::uint64_t md5Count = 0;         // distinct digests stored
    std::uint64_t sha1Count = 0;
    std::uint64_t rejected = 0;         // entries not stored (bad hash, bad category, ...)
    std::uint64_t duplicates = 0;       // digests seen again (the first one's category is kept)
    std::uint64_t conflicts = 0;        // ... of which with a different category
    std::vector<std::string> rejectReasons;   // the first few, with line / row / byte offset
    std::string sourceSha256;           // lowercase hex of the source file
};

// Reads `source` and writes the binary store to `out` through a temporary file in the same
// folder that is renamed at the end: a failed import leaves no file behind. A document that
// cannot be read as a whole (malformed JSON, not a hash set) is an Error; single bad entries
// are counted as rejected and the import goes on.
Result<ImportSummary> importHashSet(const std::filesystem::path &source, const std::filesystem::path &out,
                                    const ImportOptions &options = {});

} // namespace vigil::media
