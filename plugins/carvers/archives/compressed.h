// SPDX-License-Identifier: GPL-3.0-or-later
// Single-stream compressed files (gzip, bzip2, xz, zstd, lz4, lzip, compress): recognised by
// their magic bytes so that exactly one layer is taken off per call, and named as their
// member ("a.tar.gz" -> "a.tar", or the name a gzip header stores).
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "core/util/timeutil.h"

namespace vigil::archives {

struct CompressionFilter {
    int code = 0;                 // ARCHIVE_FILTER_*
    std::string_view name;        // "gzip", "bzip2", "xz", ...
};

// The compressor whose magic starts `head`, or nullopt for anything else.
std::optional<CompressionFilter> detectCompression(std::span<const unsigned char> head);

// What a gzip header says about the file it compressed (RFC 1952: FNAME, MTIME).
struct GzipHeader {
    std::string storedName;               // UTF-8; "" when absent
    std::optional<UtcNanos> mtime;
};
// Reads the fields from the first bytes of a gzip file; nullopt when they do not parse.
std::optional<GzipHeader> parseGzipHeader(std::span<const unsigned char> head);

// The member name of a compressed file called `archiveName` when the format stores none:
// "a.tar.gz" -> "a.tar", "a.tgz" -> "a.tar", "notes.txt.xz" -> "notes.txt",
// "holiday.dat" -> "holiday.dat.decompressed".
std::string decompressedName(std::string_view archiveName);

} // namespace vigil::archives
