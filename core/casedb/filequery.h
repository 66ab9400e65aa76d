// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/casedb/database.h"
#include "core/casedb/queries.h"
#include "core/casedb/sourcefilter.h"

namespace vigil::casedb {

// What the file table shows. Empty/unset members do not filter.
struct FileQueryFilter {
    bool deletedOnly = false;
    std::string signatureType;            // exact signature type, e.g. "jpeg"
    bool extMismatchOnly = false;
    std::string pathContains;             // case-insensitive (ASCII), no wildcards
    std::string hash;                     // MD5, SHA-1 or SHA-256 prefix, hex, case-insensitive
    std::optional<std::int64_t> evidenceId, fsId;
    // "/a/b": direct children of that folder only. Needs evidenceId; with a folder, an
    // unset fsId means "no file system" (logical evidence: folder, ZIP).
    std::optional<std::string> folder;
    // Live / deleted / carved / recovered / nested (sourcefilter.h); Wal is an InvalidArgument error.
    SourceFilter source = SourceFilter::All;
};

// Up to `limit` files with id > afterId matching the filter, ordered by id (keyset
// pagination: pass the last id of one page to get the next).
Result<std::vector<FileRow>> fetchFiles(Database &db, const FileQueryFilter &filter, std::int64_t afterId, int limit);
Result<std::int64_t> countFiles(Database &db, const FileQueryFilter &filter);
Result<std::optional<FileRow>> fileById(Database &db, std::int64_t id);
// The files with these ids that still exist, ordered by id (re-reading rows whose
// content results arrived later).
Result<std::vector<FileRow>> filesByIds(Database &db, const std::vector<std::int64_t> &ids);

// The evidence tree: evidence -> volumes -> file systems -> folders.
struct EvidenceItem {
    std::int64_t id = 0;
    std::string displayName, kind, status;
};
struct VolumeItem {
    std::int64_t id = 0, evidenceId = 0, startOffset = 0, length = 0;
    std::string scheme, description, flags;
    int slot = 0;
};
struct FilesystemItem {
    std::int64_t id = 0, evidenceId = 0, startOffset = 0;
    std::optional<std::int64_t> volumeId;
    std::string fsType;
};
struct FolderItem {
    std::string path, name;
    bool deleted = false;   // no allocated entry has this path
};

Result<std::vector<EvidenceItem>> listEvidence(Database &db);
Result<std::vector<VolumeItem>> listVolumes(Database &db, std::int64_t evidenceId);
Result<std::vector<FilesystemItem>> listFilesystems(Database &db, std::int64_t evidenceId);
// Direct sub-folders of `folder` ("/" for the root) in one file system (nullopt: files
// of logical evidence), sorted by path.
Result<std::vector<FolderItem>> childFolders(Database &db, std::int64_t evidenceId, std::optional<std::int64_t> fsId,
                                            const std::string &folder);

} // namespace vigil::casedb
