// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/casedb/database.h"
#include "core/casedb/sourcefilter.h"

namespace vigil::casedb {

// A file as listed for people and scripts (vigil files, the file table).
struct FileRow {
    std::int64_t id = 0, evidenceId = 0;
    std::string evidenceName;
    std::optional<std::int64_t> volumeOffset;   // byte offset of the file system in the media
    std::string fsType, path;
    std::optional<std::int64_t> metaAddr, attrType, attrId;
    std::string metaType;
    bool allocated = true, orphan = false, reallocated = false;
    std::int64_t size = 0;
    std::optional<std::int64_t> mtime, atime, ctime, crtime;   // ns since epoch, UTC
    std::string md5, sha1, sha256, sigType, contentStatus;
    std::optional<bool> extMismatch;
    std::optional<std::int64_t> sourceOffset;   // first content byte in the evidence
    std::string name, sigMime;
    std::optional<std::int64_t> fsId;
    // Where the file came from (schema 4): "fs" (a file-system entry), "carved" (from
    // unallocated space, or from the slack of the parent file), "member" (of the parent
    // archive) or "embedded" (in the parent file's bytes). originOffset: the byte offset in
    // the parent, or for carving in the evidence media. carveStatus: "complete"/"partial".
    std::string origin = "fs";
    std::optional<std::int64_t> parentId, originOffset;
    std::string carveStatus, carveNote;
    std::int64_t depth = 0;
    // "live", "deleted", "carved", "member" or "embedded".
    std::string sourceLabel() const { return fileSourceLabel(origin, allocated); }
};

// "SELECT <file columns> FROM files f JOIN evidence e ... LEFT JOIN filesystems fs ..."
// without WHERE; readFileRow reads one row of it.
const char *fileSelectSql();
FileRow readFileRow(const Statement &st);

struct FileFilter {
    bool deletedOnly = false;
    std::optional<std::int64_t> evidenceId;
    SourceFilter source = SourceFilter::All;   // Wal is an InvalidArgument error
};

Result<std::int64_t> forEachFile(Database &db, const FileFilter &filter, const std::function<void(const FileRow &)> &fn);

// What the content pass found in one evidence item, for summaries.
struct ContentOverview {
    std::vector<std::pair<std::string, std::int64_t>> types;   // signature type -> files, most first
    std::int64_t extensionMismatches = 0;
    std::int64_t unreadable = 0, partial = 0;
};
Result<ContentOverview> contentOverview(Database &db, std::int64_t evidenceId);

// What the index of one evidence item holds (for summaries of resumed ingests).
struct IndexSummary {
    std::string kind;
    std::int64_t mediaSize = 0;
    std::int64_t volumes = 0, files = 0, deleted = 0, filesHashed = 0, bytesHashed = 0;
    struct Fs {
        std::string type;
        std::int64_t offset = 0, entries = 0;
    };
    std::vector<Fs> filesystems;
};
Result<IndexSummary> indexSummary(Database &db, std::int64_t evidenceId);

struct ErrorRow {
    std::int64_t id = 0;
    std::string timeUtc, stage, component, code, message, detail, path;
    std::optional<std::int64_t> evidenceId, fileId, byteOffset;
};

Result<std::int64_t> forEachError(Database &db, const std::function<void(const ErrorRow &)> &fn);

} // namespace vigil::casedb
