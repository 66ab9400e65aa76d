// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <utility>

#include "core/evidence/tskimage.h"
#include "core/model/file.h"

namespace vigil::evidence {

constexpr const char *kTskWalkerName = "tsk-walker";

// Called for every file-system entry, allocated and deleted, orphans included; on NTFS
// once per data stream (like fls). evidenceId and filesystemId are left for the caller.
using FileVisitor = std::function<void(model::FileRecord &&record)>;
// Called for damage found during the walk (unreadable directories, bad inodes, ...).
using WalkErrorSink = std::function<void(const Error &error, const std::string &path)>;

struct WalkStats {
    std::uint64_t entries = 0;
    std::uint64_t errors = 0;
};

// Walks the whole tree from the root. Keeps going after errors; returns an error only
// when nothing could be walked at all.
Result<WalkStats> walkFileSystem(TSK_FS_INFO *fs, const FileVisitor &visit, const WalkErrorSink &onError,
                                 const std::atomic<bool> *cancel = nullptr);

// Reads the content of one file stream as the walker described it.
class TskFileReader {
public:
    static Result<TskFileReader> open(TSK_FS_INFO *fs, std::uint64_t metaAddr, std::optional<int> attrType,
                                      std::optional<int> attrId);
    std::uint64_t size() const;
    // Where the content starts in the image (bytes), when it lies in blocks of its own:
    // the first non-sparse run of a non-resident, uncompressed attribute.
    std::optional<std::uint64_t> firstByteOffset() const;
    // Reads up to len bytes at offset; 0 at the end.
    Result<std::size_t> read(std::uint64_t offset, void *buffer, std::size_t len);
    // The file's slack: the bytes after its end up to the end of the run (block or cluster)
    // holding its last byte, at most maxLength, as (media offset, length); none for resident,
    // compressed, encrypted or sparse-ended content and for files ending on a boundary.
    std::optional<std::pair<std::uint64_t, std::uint64_t>> slack(std::uint64_t maxLength) const;

private:
    TskFileReader(FilePtr file, const TSK_FS_ATTR *attr) : m_file(std::move(file)), m_attr(attr) {}
    FilePtr m_file;
    const TSK_FS_ATTR *m_attr = nullptr;
};

} // namespace vigil::evidence
