// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/model/file.h"

namespace vigil::model {

const char *toString(EvidenceKind kind)
{
    switch (kind) {
    case EvidenceKind::Raw: return "raw";
    case EvidenceKind::SplitRaw: return "split-raw";
    case EvidenceKind::Ewf: return "ewf";
    case EvidenceKind::Qcow: return "qcow";
    case EvidenceKind::Vhd: return "vhd";
    case EvidenceKind::Vmdk: return "vmdk";
    case EvidenceKind::Folder: return "folder";
    case EvidenceKind::Zip: return "zip";
    }
    return "unknown";
}

const char *toString(MetaType type)
{
    switch (type) {
    case MetaType::Unknown: return "unknown";
    case MetaType::Regular: return "file";
    case MetaType::Directory: return "dir";
    case MetaType::Symlink: return "link";
    case MetaType::Device: return "device";
    case MetaType::Fifo: return "fifo";
    case MetaType::Socket: return "socket";
    case MetaType::Virtual: return "virtual";
    case MetaType::Other: return "other";
    }
    return "unknown";
}

const char *toString(Origin origin)
{
    switch (origin) {
    case Origin::FileSystem: return "fs";
    case Origin::Carved: return "carved";
    case Origin::Member: return "member";
    case Origin::Embedded: return "embedded";
    }
    return "fs";
}

} // namespace vigil::model
