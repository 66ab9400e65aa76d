// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "core/util/timeutil.h"

namespace vigil::model {

enum class EvidenceKind { Raw, SplitRaw, Ewf, Qcow, Vhd, Vmdk, Folder, Zip };

enum class MetaType { Unknown, Regular, Directory, Symlink, Device, Fifo, Socket, Virtual, Other };

enum class Allocation { Allocated, Deleted };

// Where a file row comes from: a file-system entry, or bytes recovered from something else
// (issue 6): carved from unallocated space or slack, a member of an archive, or a file found
// embedded in another file's bytes.
enum class Origin { FileSystem, Carved, Member, Embedded };

// Where an artefact's bytes came from. Every row Vigil writes carries one.
struct Provenance {
    std::int64_t evidenceId = 0;
    std::optional<std::int64_t> fileId;
    std::optional<std::int64_t> byteOffset;   // offset in the evidence media, when known
    std::string parser;                        // e.g. "tsk-walker"
    std::string parserVersion;
};

// One file-system entry as indexed (one row per data stream on NTFS, like fls).
struct FileRecord {
    std::int64_t evidenceId = 0;
    std::optional<std::int64_t> filesystemId;     // null for logical evidence
    std::string path;                             // "/dir/name" (NTFS streams: "/name:stream")
    std::string name;
    std::optional<std::uint64_t> metaAddr;        // inode / MFT entry
    std::optional<int> attrType;                  // TSK attribute type (NTFS), if any
    std::optional<int> attrId;
    std::string stream;                           // NTFS alternate data stream name, else empty
    MetaType metaType = MetaType::Unknown;
    Allocation allocation = Allocation::Allocated;
    bool nameDeleted = false;                     // the name entry is unallocated
    bool metaDeleted = false;                     // the metadata entry is unallocated
    bool reallocated = false;                     // deleted name, metadata now used by another file
    bool orphan = false;                          // found only through $OrphanFiles
    std::uint64_t size = 0;
    std::optional<UtcNanos> mtime, atime, ctime, crtime;
    std::string parser = "tsk-walker";
    std::string parserVersion = {};               // empty: Vigil's own version

    // Derived files (origin other than FileSystem): their provenance. path is the forensic path
    // ("/a.tar.gz>>a.tar>>x.jpg", "/data.bin>>@0x1f400.jpg", "$Unallocated/3>>@0x2a000000.jpg").
    Origin origin = Origin::FileSystem;
    std::optional<std::int64_t> parentId = {};    // container, or the file whose slack held it
    std::optional<std::int64_t> originOffset = {};   // in the parent; for carved files in the evidence media
    std::string originExtents = {};               // carved across runs: JSON [[media offset, length], ...]
    std::string carveStatus = {}, carveNote = {};   // carved: "complete" or "partial", and why partial
    int depth = 0;                                // derivation steps from a file-system entry
    std::optional<std::int64_t> sourceOffset = {};   // first content byte in the evidence media, when known
};

const char *toString(EvidenceKind kind);
const char *toString(MetaType type);
const char *toString(Origin origin);   // "fs", "carved", "member", "embedded"

} // namespace vigil::model
