// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/model/file.h"
#include "core/util/error.h"

namespace vigil::evidence {

// Hashes of the acquired media as stored by the acquisition tool (EWF), lowercase hex.
struct StoredHashes {
    std::string md5;
    std::string sha1;
    bool empty() const { return md5.empty() && sha1.empty(); }
};

// A read-only view of the media bytes of a disk image, whatever its container.
// Opened read-only; never writes. One instance is NOT safe for concurrent reads:
// open one per thread (opening is cheap).
class ByteSource {
public:
    virtual ~ByteSource() = default;

    virtual std::uint64_t size() const = 0;
    // Reads up to len bytes at offset. Returns the count read; fewer than len only at
    // the end of the media. An error is returned for unreadable or corrupt regions.
    virtual Result<std::size_t> readAt(std::uint64_t offset, void *buffer, std::size_t len) = 0;

    virtual model::EvidenceKind kind() const = 0;
    virtual std::vector<std::filesystem::path> segments() const = 0;   // every file opened
    virtual StoredHashes storedHashes() const { return {}; }
    virtual unsigned sectorSize() const { return 512; }
    // Acquisition metadata as key/value pairs (EWF case number, examiner, ...), may be empty.
    virtual std::vector<std::pair<std::string, std::string>> metadata() const { return {}; }
};

// Detects the container by content (EWF, QCOW, VHD, VMDK, split raw by segment naming,
// otherwise raw) and opens it read-only. For EWF and split raw, pass any segment (the
// first is normal); the rest of the set is found next to it. Clear errors for missing
// segments, truncated containers, zero-length files and directories.
Result<std::unique_ptr<ByteSource>> openImage(const std::filesystem::path &path);

// The container kind openImage would use, without opening it fully.
Result<model::EvidenceKind> detectImageKind(const std::filesystem::path &path);

} // namespace vigil::evidence
