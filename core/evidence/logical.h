// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>

#include "core/model/file.h"
#include "core/util/error.h"

namespace vigil::evidence {

// Reads the content of the current logical entry. Call repeatedly until it returns 0.
using ContentPull = std::function<Result<std::size_t>(void *buffer, std::size_t len)>;

// One file or folder of logical evidence (a folder or ZIP of a phone extraction).
// record.path is "/"-rooted and relative to the evidence root; record.metaAddr is empty.
// For ZIP entries record.metaAddr holds the entry index; offset is the local header
// offset when known.
struct LogicalEntry {
    model::FileRecord record;
    std::optional<std::uint64_t> offset;
};

// Called once per entry, in a deterministic order (sorted by path for folders, archive
// order for ZIPs). For regular files `content` can be called to stream the bytes once
// (for ZIP only during the callback). Return false to stop the walk (cancel).
using LogicalVisitor = std::function<bool(const LogicalEntry &entry, const ContentPull &content)>;
// Called for every entry that could not be read (permission, corrupt ZIP member); the walk goes on.
using LogicalErrorSink = std::function<void(const std::string &path, const Error &error)>;

// Walks a folder read-only. Symlinks are recorded, never followed.
Result<void> walkFolder(const std::filesystem::path &root, const LogicalVisitor &visit,
                        const LogicalErrorSink &onError);

// Walks a ZIP archive (libarchive) in one sequential pass, streaming each member's content.
Result<void> walkZip(const std::filesystem::path &zip, const LogicalVisitor &visit,
                     const LogicalErrorSink &onError);

// True when the path is a ZIP archive by its signature ("PK\x03\x04" or an empty archive).
bool looksLikeZip(const std::filesystem::path &path);

} // namespace vigil::evidence
