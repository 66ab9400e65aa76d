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
};

const char *toString(EvidenceKind kind);
const char *toString(MetaType type);

} // namespace vigil::model
