// SPDX-License-Identifier: GPL-3.0-or-later
#include "tests/fuzz/evidencewalk.h"

#include <atomic>
#include <cstdint>
#include <vector>

#include "core/evidence/bytesource.h"
#include "core/evidence/tskimage.h"
#include "core/evidence/tskunalloc.h"
#include "core/evidence/tskwalker.h"

namespace vigil::fuzz {
namespace {

constexpr std::uint64_t kMaxEntries = 2000;   // per file system
constexpr std::size_t kMaxFilesRead = 16;
constexpr std::size_t kMaxFileSystems = 4;

void readSomeFiles(TSK_FS_INFO *fs, const std::vector<model::FileRecord> &files)
{
    std::vector<unsigned char> buffer(4096);
    for (const auto &f : files) {
        auto reader = evidence::TskFileReader::open(fs, *f.metaAddr, f.attrType, f.attrId);
        if (!reader)
            continue;
        (void)reader->size();
        (void)reader->firstByteOffset();
        (void)reader->read(0, buffer.data(), buffer.size());
        (void)reader->slack(4096);
    }
}

void exerciseFileSystem(const evidence::TskImage &image, std::int64_t offset)
{
    auto fs = evidence::openFileSystem(image, offset);
    if (!fs)
        return;
    (void)evidence::fileSystemTypeName(fs->get());
    std::atomic<bool> cancel{false};
    std::uint64_t entries = 0;
    std::vector<model::FileRecord> toRead;
    auto visit = [&](model::FileRecord &&record) {
        if (++entries >= kMaxEntries)
            cancel = true;
        if (record.metaAddr && record.size > 0 && toRead.size() < kMaxFilesRead)
            toRead.push_back(std::move(record));
    };
    (void)evidence::walkFileSystem(fs->get(), visit, [](const Error &, const std::string &) {}, &cancel);
    readSomeFiles(fs->get(), toRead);
    std::atomic<bool> noCancel{false};
    (void)evidence::unallocatedRuns(fs->get(), &noCancel);
}

} // namespace

void exerciseEvidence(const std::filesystem::path &imagePath)
{
    auto source = evidence::openImage(imagePath);
    if (!source)
        return;
    std::vector<unsigned char> buffer(512);
    (void)(*source)->readAt(0, buffer.data(), buffer.size());
    (void)(*source)->storedHashes();
    (void)(*source)->metadata();
    auto image = evidence::TskImage::open(std::move(*source));
    if (!image)
        return;
    std::vector<std::int64_t> offsets{0};
    if (auto volumes = evidence::listVolumes(*image)) {
        for (const auto &v : *volumes)
            if (v.flags == "alloc" && v.start > 0 && offsets.size() < kMaxFileSystems)
                offsets.push_back(v.start);
    }
    for (auto offset : offsets)
        exerciseFileSystem(*image, offset);
}

} // namespace vigil::fuzz

// Leaks inside the libraries, not reachable from Vigil's code: libtsk 4.12 leaks the partition
// list of its DOS detection when tsk_vs_open(DETECT) then rejects the image (a protective MBR in
// front of a GPT); libewf 20140813 leaks a chunk buffer when reading a damaged chunk fails (the
// handle itself is freed); libtsk's vhdi_open does not free its libvhdi file when a VHD (found by
// content) fails to open. Tens of bytes to a few KiB per bad image. The libraries have no frame
// pointers, so the suppressions need full malloc stacks. Only sanitizer builds read these; the
// environment's ASAN_OPTIONS / LSAN_OPTIONS still apply on top.
extern "C" const char *__asan_default_options()
{
    return "fast_unwind_on_malloc=0";
}

extern "C" const char *__lsan_default_suppressions()
{
    return "leak:tsk_vs_dos_open\nleak:libewf_read_io_handle_read_chunk_data\nleak:vhdi_open\n";
}
