// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/evidence/tskimage.h"

#include <cstring>
#include <utility>

extern "C" {
void *tsk_img_malloc(size_t len);
void tsk_img_free(void *ptr);
void tsk_deinit_lock(tsk_lock_t *lock);
}

namespace vigil::evidence {

namespace {

// Reads of the source that failed. The Sleuth Kit does not pass them on: it fills a sector it
// cannot read with zeros and goes on, so we count them here for readers to check.
struct ReadFailures {
    std::uint64_t count = 0;
    Error last;
};

// TSK's image struct must come first: TSK casts our pointer to TSK_IMG_INFO. Allocated (zeroed)
// by tsk_img_malloc, so it holds only plain pointers.
struct ExternalImage {
    TSK_IMG_INFO info;
    ByteSource *source;
    ReadFailures *failures;
};

ssize_t readCallback(TSK_IMG_INFO *img, TSK_OFF_T off, char *buf, size_t len)
{
    auto *ext = reinterpret_cast<ExternalImage *>(img);
    if (off < 0)
        return -1;
    auto r = ext->source->readAt(static_cast<std::uint64_t>(off), buf, len);
    if (!r) {
        ++ext->failures->count;
        ext->failures->last = r.error();
        tsk_error_reset();
        tsk_error_set_errno(TSK_ERR_IMG_READ);
        tsk_error_set_errstr("%s", r.error().toString().c_str());
        return -1;
    }
    return static_cast<ssize_t>(*r);
}

void closeCallback(TSK_IMG_INFO *img)
{
    auto *ext = reinterpret_cast<ExternalImage *>(img);
    delete ext->source;
    delete ext->failures;
    tsk_deinit_lock(&img->cache_lock);
    tsk_img_free(img);
}

void statCallback(TSK_IMG_INFO *, FILE *out)
{
    std::fputs("Image Type: vigil external source\n", out);
}

const char *flagName(TSK_VS_PART_FLAG_ENUM f)
{
    if (f & TSK_VS_PART_FLAG_META)
        return "meta";
    if (f & TSK_VS_PART_FLAG_UNALLOC)
        return "unalloc";
    return "alloc";
}

} // namespace

Error tskError(ErrorCode code, const std::string &what)
{
    const char *msg = tsk_error_get();
    Error e(code, what, msg ? msg : "");
    tsk_error_reset();
    return e;
}

Result<TskImage> TskImage::open(std::unique_ptr<ByteSource> source)
{
    if (!source)
        return fail(ErrorCode::InvalidArgument, "no image source");
    auto *ext = static_cast<ExternalImage *>(tsk_img_malloc(sizeof(ExternalImage)));
    if (!ext)
        return fail(ErrorCode::Internal, "out of memory opening image");
    const auto size = static_cast<TSK_OFF_T>(source->size());
    const unsigned sector = source->sectorSize();
    ext->source = source.release();
    ext->failures = new ReadFailures;
    TSK_IMG_INFO *img = tsk_img_open_external(ext, size, sector, readCallback, closeCallback, statCallback);
    if (!img) {
        delete ext->source;
        delete ext->failures;
        tsk_img_free(ext);
        return std::unexpected(tskError(ErrorCode::Internal, "The Sleuth Kit refused the image"));
    }
    return TskImage(img);
}

TskImage::TskImage(TskImage &&other) noexcept : m_img(std::exchange(other.m_img, nullptr)) {}

TskImage &TskImage::operator=(TskImage &&other) noexcept
{
    if (this != &other) {
        if (m_img)
            tsk_img_close(m_img);
        m_img = std::exchange(other.m_img, nullptr);
    }
    return *this;
}

TskImage::~TskImage()
{
    if (m_img)
        tsk_img_close(m_img);
}

std::uint64_t failedReads(const TSK_IMG_INFO *img)
{
    return img ? reinterpret_cast<const ExternalImage *>(img)->failures->count : 0;
}

Error lastReadFailure(const TSK_IMG_INFO *img)
{
    return img ? reinterpret_cast<const ExternalImage *>(img)->failures->last : Error();
}

ByteSource &TskImage::source() const
{
    return *reinterpret_cast<ExternalImage *>(m_img)->source;
}

Result<std::vector<VolumeEntry>> listVolumes(const TskImage &image)
{
    std::vector<VolumeEntry> out;
    TSK_VS_INFO *vs = tsk_vs_open(image.info(), 0, TSK_VS_TYPE_DETECT);
    if (!vs) {
        tsk_error_reset();   // no partition table is normal (a bare file system)
        return out;
    }
    std::unique_ptr<TSK_VS_INFO, void (*)(TSK_VS_INFO *)> guard(vs, tsk_vs_close);
    const std::string scheme = tsk_vs_type_toname(vs->vstype);
    for (TSK_PNUM_T i = 0; i < vs->part_count; ++i) {
        const TSK_VS_PART_INFO *p = tsk_vs_part_get(vs, i);
        std::int64_t start = 0, length = 0;
        // A damaged table can declare sectors whose byte offset does not fit in 64 bits: such an
        // entry describes nothing an image can hold, so it is left out.
        if (!p || __builtin_mul_overflow(p->start, vs->block_size, &start)
            || __builtin_mul_overflow(p->len, vs->block_size, &length))
            continue;
        out.push_back(VolumeEntry{scheme, static_cast<int>(p->addr), start, length, p->desc ? p->desc : "",
                                  flagName(p->flags)});
    }
    return out;
}

Result<FsPtr> openFileSystem(const TskImage &image, std::int64_t offset)
{
    TSK_FS_INFO *fs = tsk_fs_open_img(image.info(), offset, TSK_FS_TYPE_DETECT);
    if (!fs)
        return std::unexpected(tskError(ErrorCode::Unsupported,
                                        "no readable file system at byte offset " + std::to_string(offset)));
    return FsPtr(fs);
}

std::string fileSystemTypeName(const TSK_FS_INFO *fs)
{
    const char *name = tsk_fs_type_toname(fs->ftype);
    return name ? name : "unknown";
}

} // namespace vigil::evidence
