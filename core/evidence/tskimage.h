// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include <tsk/libtsk.h>

#include "core/evidence/bytesource.h"

namespace vigil::evidence {

// The Sleuth Kit's last error as our Error (the one place TSK error state is converted).
Error tskError(ErrorCode code, const std::string &what);

// A ByteSource presented to The Sleuth Kit as an image (TSK's "external" image type).
// Owns both; closing the image closes the source.
class TskImage {
public:
    static Result<TskImage> open(std::unique_ptr<ByteSource> source);
    TskImage(TskImage &&other) noexcept;
    TskImage &operator=(TskImage &&other) noexcept;
    TskImage(const TskImage &) = delete;
    TskImage &operator=(const TskImage &) = delete;
    ~TskImage();

    TSK_IMG_INFO *info() const { return m_img; }
    ByteSource &source() const;

private:
    explicit TskImage(TSK_IMG_INFO *img) : m_img(img) {}
    TSK_IMG_INFO *m_img = nullptr;
};

// Reads of an image opened by TskImage that failed so far, and the last failure. The Sleuth Kit
// fills sectors it cannot read with zeros without saying so; compare the count before and after a
// TSK call to learn that what it returned holds such zeros.
std::uint64_t failedReads(const TSK_IMG_INFO *img);
Error lastReadFailure(const TSK_IMG_INFO *img);

// One row of a partition table as TSK's mmls shows it, offsets in bytes.
struct VolumeEntry {
    std::string scheme;          // "dos", "gpt", "mac", "bsd", "sun"
    int slot = 0;                // TSK partition address
    std::int64_t start = 0;
    std::int64_t length = 0;
    std::string description;
    std::string flags;           // "alloc", "unalloc" or "meta"
};

// Lists the partitions of the image; an empty list when there is no partition table.
Result<std::vector<VolumeEntry>> listVolumes(const TskImage &image);

struct FsDeleter {
    void operator()(TSK_FS_INFO *fs) const { tsk_fs_close(fs); }
};
using FsPtr = std::unique_ptr<TSK_FS_INFO, FsDeleter>;

struct FileDeleter {
    void operator()(TSK_FS_FILE *f) const { tsk_fs_file_close(f); }
};
using FilePtr = std::unique_ptr<TSK_FS_FILE, FileDeleter>;

// Opens the file system that starts at byte offset (auto-detected type).
Result<FsPtr> openFileSystem(const TskImage &image, std::int64_t offset);
std::string fileSystemTypeName(const TSK_FS_INFO *fs);

} // namespace vigil::evidence
