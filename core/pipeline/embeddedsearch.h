// SPDX-License-Identifier: GPL-3.0-or-later
// Embedded search: files hidden inside another file's bytes (a JPEG appended to random data,
// the pictures of a PDF or an old Office document, a ZIP after a JPEG) found with the file
// carvers. The content pass runs it on the bytes it just hashed (files up to
// kSearchInMemoryLimit), the expand stage on larger files and on logical evidence.
#pragma once

#include <atomic>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/model/file.h"
#include "core/pipeline/derivedfiles.h"
#include "plugins/api/plugin.h"

namespace vigil::carving {
class FileCarver;
}

namespace vigil::pipeline {

// Files up to this size are searched from memory by the content pass.
constexpr std::uint64_t kSearchInMemoryLimit = 64ull << 20;

struct EmbeddedFound {
    std::vector<model::FileRecord> children;   // embedded files, in offset order
    std::optional<Error> error;               // a read error, or the depth limit
    std::string status;                       // files.expand_status: "searched" or "too-deep"
};

class EmbeddedSearch {
public:
    static Result<std::unique_ptr<EmbeddedSearch>> create(int maxDepth);
    ~EmbeddedSearch();
    EmbeddedSearch(const EmbeddedSearch &) = delete;
    EmbeddedSearch &operator=(const EmbeddedSearch &) = delete;

    // True for the signature types searched: everything but archives (they are expanded),
    // SQLite files (their records are parsed), audio/video, executables and image formats whose
    // embedded previews repeat the picture (TIFF/raw, HEIC, AVIF).
    static bool wanted(std::string_view sigType);
    // The types never searched (besides archives), for queries.
    static std::vector<std::string> notSearchedTypes();
    // File-system metadata files (NTFS $MFT, $LogFile, $Extend/..., exFAT and HFS+ system
    // files) are not searched: the resident data they hold are files of their own, and their
    // raw bytes carry update-sequence fixups that break whatever is found in them.
    static bool isFileSystemMetadata(std::string_view path);

    // Searches `content` (the bytes of `parent`, of signature type `sigType`). A picture keeps
    // its own structure: a JPEG's EXIF thumbnail is not a child, a JPEG appended after it is.
    // Safe to call from several threads at once.
    EmbeddedFound search(plugins::ContentReader &content, std::string_view sigType, const DerivedParent &parent,
                         const std::atomic<bool> *cancel) const;
    EmbeddedFound search(std::span<const unsigned char> bytes, std::string_view sigType, const DerivedParent &parent,
                         const std::atomic<bool> *cancel) const;

private:
    EmbeddedSearch(std::unique_ptr<carving::FileCarver> inside, std::unique_ptr<carving::FileCarver> after,
                   int maxDepth);
    std::unique_ptr<carving::FileCarver> m_inside;   // minOffset 1: anything after the first byte
    std::unique_ptr<carving::FileCarver> m_after;    // minOffset 0: the file itself first, then what follows it
    int m_maxDepth;
};

} // namespace vigil::pipeline
