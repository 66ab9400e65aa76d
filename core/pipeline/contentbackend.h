// SPDX-License-Identifier: GPL-3.0-or-later
// Internal to the pipeline: where FileContent's bytes come from. A file-system entry is read
// through The Sleuth Kit, a folder or ZIP file directly; derived files (issue 6) through
// derivedcontent.h: carved files from the media, members from CASE/derived, embedded files
// from a range of their parent.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <utility>
#include <vector>

#include "core/casedb/filelocation.h"
#include "core/evidence/bytesource.h"
#include "core/pipeline/filecontent.h"

namespace vigil::pipeline {

class FileContent::Backend {
public:
    virtual ~Backend() = default;
    virtual std::uint64_t size() const = 0;
    virtual Result<std::size_t> read(std::uint64_t offset, void *buf, std::size_t len) = 0;
};

using BackendPtr = std::unique_ptr<FileContent::Backend>;

// A regular local file (an extracted ZIP member, an archive member kept in CASE/derived).
Result<BackendPtr> openLocalFile(const std::filesystem::path &file);
// An open read-only descriptor of `size` bytes (the backend closes it).
BackendPtr openFd(int fd, std::uint64_t size, std::string path);

// How to open a derived file's ancestors and its media: `open` opens any location (a parent
// may itself be derived), `media` gives the evidence's media for carved files.
struct DerivedOpener {
    casedb::Database &db;
    std::filesystem::path caseDir;
    std::function<Result<BackendPtr>(const casedb::FileLocation &)> open;
    // The media of the evidence at this path: a borrowed source (kept open by the caller) or,
    // when `owned` is filled, one the backend must own.
    std::function<Result<evidence::ByteSource *>(const casedb::FileLocation &, std::unique_ptr<evidence::ByteSource> &owned)>
        media;
};

// Opens a file whose origin is "carved", "member" or "embedded".
Result<BackendPtr> openDerived(DerivedOpener &opener, const casedb::FileLocation &loc);

} // namespace vigil::pipeline
