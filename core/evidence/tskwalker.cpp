// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/evidence/tskwalker.h"

#include <algorithm>
#include <cstring>
#include <unordered_set>

namespace vigil::evidence {

namespace {

struct WalkState {
    const FileVisitor &visit;
    const WalkErrorSink &onError;
    const std::atomic<bool> *cancel;
    WalkStats stats;
    std::unordered_set<TSK_INUM_T> named;   // every metadata address reached through a name
    std::uint64_t unreachable = 0;
};

model::MetaType metaTypeOf(const TSK_FS_FILE *f)
{
    if (f->meta) {
        switch (f->meta->type) {
        case TSK_FS_META_TYPE_REG: return model::MetaType::Regular;
        case TSK_FS_META_TYPE_DIR: return model::MetaType::Directory;
        case TSK_FS_META_TYPE_LNK: return model::MetaType::Symlink;
        case TSK_FS_META_TYPE_CHR:
        case TSK_FS_META_TYPE_BLK: return model::MetaType::Device;
        case TSK_FS_META_TYPE_FIFO: return model::MetaType::Fifo;
        case TSK_FS_META_TYPE_SOCK: return model::MetaType::Socket;
        case TSK_FS_META_TYPE_VIRT:
        case TSK_FS_META_TYPE_VIRT_DIR: return model::MetaType::Virtual;
        default: break;
        }
    }
    switch (f->name->type) {
    case TSK_FS_NAME_TYPE_REG: return model::MetaType::Regular;
    case TSK_FS_NAME_TYPE_DIR: return model::MetaType::Directory;
    case TSK_FS_NAME_TYPE_LNK: return model::MetaType::Symlink;
    case TSK_FS_NAME_TYPE_UNDEF: return model::MetaType::Unknown;
    default: return model::MetaType::Other;
    }
}

bool isDotEntry(const char *name)
{
    return std::strcmp(name, ".") == 0 || std::strcmp(name, "..") == 0;
}

// Size and MACB times from a metadata entry.
void copyMeta(const TSK_FS_META *m, model::FileRecord &r)
{
    r.size = static_cast<std::uint64_t>(m->size);
    r.mtime = fromUnix(m->mtime, m->mtime_nano);
    r.atime = fromUnix(m->atime, m->atime_nano);
    r.ctime = fromUnix(m->ctime, m->ctime_nano);
    r.crtime = fromUnix(m->crtime, m->crtime_nano);
}

model::FileRecord baseRecord(const TSK_FS_FILE *f, const char *parentPath)
{
    model::FileRecord r;
    r.name = f->name->name;
    r.path = "/" + std::string(parentPath) + r.name;
    r.metaAddr = f->name->meta_addr;
    r.metaType = metaTypeOf(f);
    r.nameDeleted = (f->name->flags & TSK_FS_NAME_FLAG_UNALLOC) != 0;
    r.metaDeleted = f->meta && (f->meta->flags & TSK_FS_META_FLAG_UNALLOC);
    r.reallocated = r.nameDeleted && f->meta && (f->meta->flags & TSK_FS_META_FLAG_ALLOC);
    r.allocation = (r.nameDeleted || r.metaDeleted) ? model::Allocation::Deleted : model::Allocation::Allocated;
    r.orphan = std::strncmp(parentPath, "$OrphanFiles", 12) == 0;
    r.parser = kTskWalkerName;
    if (f->meta)
        copyMeta(f->meta, r);
    return r;
}

// NTFS: one record per $DATA stream (named streams as "path:name"), plus the $I30
// index of directories, as fls reports them.
void visitNtfs(TSK_FS_FILE *f, const char *parentPath, WalkState &st)
{
    bool any = false;
    const int count = tsk_fs_file_attr_getsize(f);
    for (int i = 0; i < count; ++i) {
        const TSK_FS_ATTR *a = tsk_fs_file_attr_get_idx(f, i);
        if (!a || (a->type != TSK_FS_ATTR_TYPE_NTFS_DATA && a->type != TSK_FS_ATTR_TYPE_NTFS_IDXROOT))
            continue;
        any = true;
        model::FileRecord r = baseRecord(f, parentPath);
        r.attrType = static_cast<int>(a->type);
        r.attrId = static_cast<int>(a->id);
        const bool named = a->name && a->name[0] && std::strcmp(a->name, "$Data") != 0 &&
                           !(a->type == TSK_FS_ATTR_TYPE_NTFS_IDXROOT && std::strcmp(a->name, "$I30") == 0);
        if (named) {
            r.stream = a->name;
            r.path += ":" + r.stream;
            r.name += ":" + r.stream;
        }
        if (a->type == TSK_FS_ATTR_TYPE_NTFS_DATA)
            r.size = static_cast<std::uint64_t>(a->size);
        if (a->type == TSK_FS_ATTR_TYPE_NTFS_DATA && r.metaType == model::MetaType::Directory && named)
            r.metaType = model::MetaType::Regular;   // a stream on a directory holds data
        ++st.stats.entries;
        st.visit(std::move(r));
    }
    if (!any) {
        ++st.stats.entries;
        st.visit(baseRecord(f, parentPath));
    }
}

TSK_WALK_RET_ENUM walkCallback(TSK_FS_FILE *f, const char *parentPath, void *ptr)
{
    auto &st = *static_cast<WalkState *>(ptr);
    if (st.cancel && st.cancel->load())
        return TSK_WALK_STOP;
    if (!f->name)
        return TSK_WALK_CONT;
    st.named.insert(f->name->meta_addr);
    if (isDotEntry(f->name->name))
        return TSK_WALK_CONT;
    if (TSK_FS_TYPE_ISNTFS(f->fs_info->ftype) && f->meta) {
        visitNtfs(f, parentPath, st);
    } else {
        ++st.stats.entries;
        st.visit(baseRecord(f, parentPath));
    }
    return TSK_WALK_CONT;
}

// Metadata entries the file system reserves for itself and never names.
bool isReserved(const TSK_FS_INFO *fs, TSK_INUM_T inum)
{
    if (TSK_FS_TYPE_ISEXT(fs->ftype))
        return inum < 11;   // ext: inodes 1-10 (bad blocks, journal, resize, ...)
    if (TSK_FS_TYPE_ISNTFS(fs->ftype))
        return inum < 27;   // NTFS: system files and reserved MFT entries
    return false;
}

TSK_WALK_RET_ENUM unreachableCallback(TSK_FS_FILE *f, void *ptr)
{
    auto &st = *static_cast<WalkState *>(ptr);
    if (st.cancel && st.cancel->load())
        return TSK_WALK_STOP;
    const TSK_FS_META *m = f->meta;
    if (!m || st.named.count(m->addr) || isReserved(f->fs_info, m->addr) ||
        (m->type != TSK_FS_META_TYPE_REG && m->type != TSK_FS_META_TYPE_DIR))
        return TSK_WALK_CONT;
    if (TSK_FS_TYPE_ISNTFS(f->fs_info->ftype) && m->type == TSK_FS_META_TYPE_REG && m->name2 == nullptr)
        return TSK_WALK_CONT;   // NTFS extension records carry no $FILE_NAME of their own
    model::FileRecord r;
    r.name = "File-" + std::to_string(m->addr);
    r.path = "/$Unreachable/" + r.name;
    r.metaAddr = m->addr;
    r.metaType = m->type == TSK_FS_META_TYPE_DIR ? model::MetaType::Directory : model::MetaType::Regular;
    copyMeta(m, r);
    r.orphan = true;
    r.parser = kTskWalkerName;
    ++st.unreachable;
    ++st.stats.entries;
    st.visit(std::move(r));
    return TSK_WALK_CONT;
}

// Allocated files that no directory names: a damaged directory hides them from the
// name walk (TSK treats an unreadable directory as empty). They are listed under
// /$Unreachable and the damage is reported.
void sweepUnreachable(TSK_FS_INFO *fs, WalkState &st)
{
    tsk_error_reset();
    const auto flags = static_cast<TSK_FS_META_FLAG_ENUM>(TSK_FS_META_FLAG_ALLOC);
    if (tsk_fs_meta_walk(fs, fs->first_inum, fs->last_inum, flags, unreachableCallback, &st)) {
        ++st.stats.errors;
        st.onError(tskError(ErrorCode::Corrupt, "the metadata table could not be read completely"), "/");
    }
    if (st.unreachable) {
        ++st.stats.errors;
        st.onError(Error(ErrorCode::Corrupt,
                         std::to_string(st.unreachable) +
                             " allocated file(s) are not reachable from any directory (a directory is damaged); "
                             "they are listed under /$Unreachable"),
                   "/$Unreachable");
    }
}

} // namespace

Result<WalkStats> walkFileSystem(TSK_FS_INFO *fs, const FileVisitor &visit, const WalkErrorSink &onError,
                                 const std::atomic<bool> *cancel)
{
    WalkState st{visit, onError, cancel, {}, {fs->root_inum}, 0};
    tsk_error_reset();
    const auto failedBefore = failedReads(fs->img_info);
    const auto flags = static_cast<TSK_FS_DIR_WALK_FLAG_ENUM>(TSK_FS_DIR_WALK_FLAG_RECURSE |
                                                              TSK_FS_DIR_WALK_FLAG_ALLOC |
                                                              TSK_FS_DIR_WALK_FLAG_UNALLOC);
    const uint8_t failed = tsk_fs_dir_walk(fs, fs->root_inum, flags, walkCallback, &st);
    if (failed || tsk_error_get()) {
        ++st.stats.errors;
        Error e = tskError(ErrorCode::Corrupt, "the file-system walk met damaged structures");
        if (st.stats.entries == 0)
            return std::unexpected(e);
        onError(e, "/");
    }
    if (!(cancel && cancel->load()) && !TSK_FS_TYPE_ISISO9660(fs->ftype))
        sweepUnreachable(fs, st);
    if (cancel && cancel->load())
        return fail(ErrorCode::Cancelled, "walk cancelled");
    if (const auto unreadable = failedReads(fs->img_info) - failedBefore) {
        // The Sleuth Kit read zeros where the image could not be read: entries stored there are missing.
        ++st.stats.errors;
        const Error last = lastReadFailure(fs->img_info);
        onError(Error(last.code,
                      std::to_string(unreadable) + " read(s) of the image failed while listing this file system; "
                          "files and folders recorded in those sectors may be missing. Last: " + last.message,
                      last.detail),
                "/");
    }
    return st.stats;
}

Result<TskFileReader> TskFileReader::open(TSK_FS_INFO *fs, std::uint64_t metaAddr, std::optional<int> attrType,
                                          std::optional<int> attrId)
{
    tsk_error_reset();
    FilePtr file(tsk_fs_file_open_meta(fs, nullptr, static_cast<TSK_INUM_T>(metaAddr)));
    if (!file)
        return std::unexpected(tskError(ErrorCode::Corrupt, "cannot open metadata entry " + std::to_string(metaAddr)));
    const TSK_FS_ATTR *attr = nullptr;
    if (attrType && attrId)
        attr = tsk_fs_file_attr_get_type(file.get(), static_cast<TSK_FS_ATTR_TYPE_ENUM>(*attrType),
                                         static_cast<uint16_t>(*attrId), 1);
    else
        attr = tsk_fs_file_attr_get(file.get());
    if (!attr)
        return std::unexpected(tskError(ErrorCode::Corrupt, "no content attribute for entry " + std::to_string(metaAddr)));
    return TskFileReader(std::move(file), attr);
}

std::optional<std::uint64_t> TskFileReader::firstByteOffset() const
{
    if (!(m_attr->flags & TSK_FS_ATTR_NONRES) || (m_attr->flags & (TSK_FS_ATTR_COMP | TSK_FS_ATTR_ENC)))
        return std::nullopt;
    for (const TSK_FS_ATTR_RUN *run = m_attr->nrd.run; run; run = run->next) {
        if (run->flags & (TSK_FS_ATTR_RUN_FLAG_SPARSE | TSK_FS_ATTR_RUN_FLAG_FILLER))
            continue;
        const TSK_FS_INFO *fs = m_file->fs_info;
        return static_cast<std::uint64_t>(fs->offset) + static_cast<std::uint64_t>(run->addr) * fs->block_size;
    }
    return std::nullopt;
}

std::optional<std::pair<std::uint64_t, std::uint64_t>> TskFileReader::slack(std::uint64_t maxLength) const
{
    if (!(m_attr->flags & TSK_FS_ATTR_NONRES) || (m_attr->flags & (TSK_FS_ATTR_COMP | TSK_FS_ATTR_ENC)))
        return std::nullopt;
    const auto size = static_cast<std::uint64_t>(m_attr->size);
    const TSK_FS_INFO *fs = m_file->fs_info;
    const std::uint64_t bs = fs->block_size;
    if (size == 0 || bs == 0)
        return std::nullopt;
    const std::uint64_t allocEnd = std::max<std::uint64_t>(static_cast<std::uint64_t>(m_attr->nrd.allocsize),
                                                           (size + bs - 1) / bs * bs);
    for (const TSK_FS_ATTR_RUN *run = m_attr->nrd.run; run; run = run->next) {
        const std::uint64_t start = static_cast<std::uint64_t>(run->offset) * bs;
        const std::uint64_t end = start + static_cast<std::uint64_t>(run->len) * bs;
        if (size - 1 < start || size - 1 >= end)
            continue;
        if (run->flags & (TSK_FS_ATTR_RUN_FLAG_SPARSE | TSK_FS_ATTR_RUN_FLAG_FILLER))
            return std::nullopt;
        const std::uint64_t limit = std::min(end, allocEnd);
        if (limit <= size)
            return std::nullopt;
        const std::uint64_t length = limit - size;
        const std::uint64_t media = static_cast<std::uint64_t>(fs->offset) +
                                    static_cast<std::uint64_t>(run->addr) * bs + (size - start);
        return std::make_pair(media, std::min(length, maxLength));
    }
    return std::nullopt;
}

std::uint64_t TskFileReader::size() const
{
    return static_cast<std::uint64_t>(m_attr->size);
}

Result<std::size_t> TskFileReader::read(std::uint64_t offset, void *buffer, std::size_t len)
{
    if (offset >= size())
        return 0;
    tsk_error_reset();
    const TSK_IMG_INFO *img = m_file->fs_info ? m_file->fs_info->img_info : nullptr;
    const auto failedBefore = failedReads(img);
    const ssize_t n = tsk_fs_attr_read(m_attr, static_cast<TSK_OFF_T>(offset), static_cast<char *>(buffer), len,
                                       TSK_FS_FILE_READ_FLAG_NONE);
    // The image could not be read: TSK failed the read, or (for small reads) filled the sectors it
    // could not read with zeros and returned them as content. Either way the cause is ours to name.
    if (failedReads(img) != failedBefore) {
        tsk_error_reset();
        const Error cause = lastReadFailure(img);
        return fail(cause.code, cause.message + " (in this file's content at offset " + std::to_string(offset) + ")",
                    cause.detail);
    }
    if (n < 0)
        return std::unexpected(tskError(ErrorCode::Io, "cannot read content at offset " + std::to_string(offset)));
    return static_cast<std::size_t>(n);
}

} // namespace vigil::evidence
