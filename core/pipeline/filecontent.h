// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>

#include "core/util/error.h"

namespace vigil::pipeline {

// The bytes of one indexed file, read back from its evidence (image, folder or ZIP),
// always read-only. For viewers and export. Thread-compatible: one instance per viewer.
class FileContent {
public:
    // ZIP members are read by re-walking the archive and are held in memory up to this size.
    static constexpr std::uint64_t kMaxZipMemberSize = 256ull << 20;

    static Result<std::unique_ptr<FileContent>> open(const std::filesystem::path &caseDir, std::int64_t fileId);
    ~FileContent();
    FileContent(const FileContent &) = delete;
    FileContent &operator=(const FileContent &) = delete;

    std::uint64_t size() const;
    // Reads up to len bytes at offset; fewer only at the end, 0 at or past the end.
    Result<std::size_t> read(std::uint64_t offset, void *buf, std::size_t len);

    class Backend;

private:
    explicit FileContent(std::unique_ptr<Backend> backend);
    std::unique_ptr<Backend> m_backend;
};

} // namespace vigil::pipeline
