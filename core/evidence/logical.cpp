// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/evidence/logical.h"

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <memory>
#include <vector>

#include <archive.h>
#include <archive_entry.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/evidence/rawsource.h"

namespace vigil::evidence {

namespace fs = std::filesystem;
using model::MetaType;

namespace {

MetaType metaTypeFromMode(unsigned mode)
{
    switch (mode & S_IFMT) {
    case S_IFREG: return MetaType::Regular;
    case S_IFDIR: return MetaType::Directory;
    case S_IFLNK: return MetaType::Symlink;
    case S_IFBLK:
    case S_IFCHR: return MetaType::Device;
    case S_IFIFO: return MetaType::Fifo;
    case S_IFSOCK: return MetaType::Socket;
    default: return MetaType::Unknown;
    }
}

ErrorCode codeFromErrno(int err)
{
    if (err == EACCES || err == EPERM)
        return ErrorCode::Permission;
    return err == ENOENT ? ErrorCode::NotFound : ErrorCode::Io;
}

std::string baseName(const std::string &path)
{
    const auto slash = path.rfind('/');
    return slash == std::string::npos ? path : path.substr(slash + 1);
}

// Wraps a content pull so that its first failure is also reported to the error sink.
ContentPull reporting(ContentPull pull, const std::string &path, const LogicalErrorSink &onError)
{
    return [pull = std::move(pull), path, onError, reported = false](void *buffer, std::size_t len) mutable {
        auto got = pull(buffer, len);
        if (!got && !reported && onError) {
            reported = true;
            onError(path, got.error());
        }
        return got;
    };
}

// ---- folders -------------------------------------------------------------------------

std::optional<UtcNanos> statxTime(const struct statx_timestamp &t)
{
    return fromUnix(t.tv_sec, t.tv_nsec);
}

Result<model::FileRecord> statEntry(const fs::path &abs, const std::string &rel)
{
    struct statx stx {};
    if (::statx(AT_FDCWD, abs.c_str(), AT_SYMLINK_NOFOLLOW, STATX_BASIC_STATS | STATX_BTIME, &stx) != 0)
        return fail(codeFromErrno(errno), "Cannot read the metadata of " + rel, std::strerror(errno));
    model::FileRecord r;
    r.path = rel;
    r.name = baseName(rel);
    r.metaType = metaTypeFromMode(stx.stx_mode);
    r.size = (r.metaType == MetaType::Regular || r.metaType == MetaType::Symlink) ? stx.stx_size : 0;
    r.mtime = statxTime(stx.stx_mtime);
    r.atime = statxTime(stx.stx_atime);
    r.ctime = statxTime(stx.stx_ctime);
    if (stx.stx_mask & STATX_BTIME)
        r.crtime = statxTime(stx.stx_btime);
    r.parser = "logical-folder";
    return r;
}

// Streams a regular file, opened on the first pull, never through a symlink.
ContentPull fileContent(const fs::path &abs)
{
    auto fd = std::make_shared<UniqueFd>();
    return [abs, fd, offset = std::uint64_t{0}](void *buffer, std::size_t len) mutable -> Result<std::size_t> {
        if (!fd->valid()) {
            const int raw = ::open(abs.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
            if (raw < 0)
                return fail(codeFromErrno(errno), "Cannot open " + abs.string(), std::strerror(errno));
            *fd = UniqueFd(raw);
        }
        auto got = preadFully(fd->get(), buffer, len, offset);
        if (got)
            offset += *got;
        return got;
    };
}

Result<std::size_t> noContent(void *, std::size_t) { return std::size_t{0}; }

struct FolderWalk {
    const LogicalVisitor &visit;
    const LogicalErrorSink &onError;

    void report(const std::string &path, Error error) const
    {
        if (onError)
            onError(path, error);
    }
    std::vector<std::string> sortedNames(const fs::path &absDir, const std::string &relDir) const;
    bool walk(const fs::path &absDir, const std::string &relDir) const;
};

std::vector<std::string> FolderWalk::sortedNames(const fs::path &absDir, const std::string &relDir) const
{
    std::vector<std::string> names;
    std::error_code ec;
    fs::directory_iterator it(absDir, ec);
    for (; !ec && it != fs::directory_iterator(); it.increment(ec))
        names.push_back(it->path().filename().string());
    if (ec)
        report(relDir.empty() ? "/" : relDir,
               Error(codeFromErrno(ec.value()), "Cannot list the folder " + absDir.string(), ec.message()));
    std::ranges::sort(names);
    return names;
}

// Depth first, names in byte order in each folder: the order of std::filesystem::path.
bool FolderWalk::walk(const fs::path &absDir, const std::string &relDir) const
{
    for (const auto &name : sortedNames(absDir, relDir)) {
        const fs::path abs = absDir / name;
        const std::string rel = relDir + "/" + name;
        auto record = statEntry(abs, rel);
        if (!record) {
            report(rel, record.error());
            continue;
        }
        const LogicalEntry entry{*record, std::nullopt};
        const bool regular = record->metaType == MetaType::Regular;
        if (!visit(entry, regular ? reporting(fileContent(abs), rel, onError) : ContentPull(noContent)))
            return false;
        if (record->metaType == MetaType::Directory && !walk(abs, rel))
            return false;
    }
    return true;
}

// ---- ZIP -----------------------------------------------------------------------------

struct ArchiveDeleter {
    void operator()(struct archive *a) const { archive_read_free(a); }
};
using ArchivePtr = std::unique_ptr<struct archive, ArchiveDeleter>;

std::string archiveErrorText(struct archive *a)
{
    const char *text = archive_error_string(a);
    return text ? text : "unknown libarchive error";
}

Result<ArchivePtr> openZipReader(const fs::path &zip, bool seekable)
{
    ArchivePtr a(archive_read_new());
    if (!a)
        return fail(ErrorCode::Internal, "Cannot initialise libarchive");
    if (seekable)
        archive_read_support_format_zip_seekable(a.get());
    else
        archive_read_support_format_zip_streamable(a.get());
    if (archive_read_open_filename(a.get(), zip.c_str(), 1 << 16) != ARCHIVE_OK)
        return fail(ErrorCode::Corrupt, zip.filename().string() + " cannot be read as a ZIP archive",
                    archiveErrorText(a.get()));
    return a;
}

std::string normalisedZipPath(struct archive_entry *entry)
{
    const char *raw = archive_entry_pathname_utf8(entry);
    if (!raw)
        raw = archive_entry_pathname(entry);
    std::string path = raw ? raw : "";
    while (path.starts_with("./") || path.starts_with("/"))
        path.erase(0, path.starts_with("/") ? 1 : 2);
    while (!path.empty() && path.back() == '/')
        path.pop_back();
    return path.empty() ? std::string() : "/" + path;
}

std::optional<UtcNanos> archiveTime(bool isSet, time_t seconds, long nanos)
{
    return isSet ? fromUnix(seconds, nanos) : std::nullopt;
}

model::FileRecord zipRecord(struct archive_entry *e, const std::string &path, std::uint64_t index)
{
    model::FileRecord r;
    r.path = path;
    r.name = baseName(path);
    r.metaAddr = index;
    r.metaType = metaTypeFromMode(archive_entry_filetype(e));
    r.size = archive_entry_size_is_set(e) ? static_cast<std::uint64_t>(archive_entry_size(e)) : 0;
    r.mtime = archiveTime(archive_entry_mtime_is_set(e), archive_entry_mtime(e), archive_entry_mtime_nsec(e));
    r.atime = archiveTime(archive_entry_atime_is_set(e), archive_entry_atime(e), archive_entry_atime_nsec(e));
    r.ctime = archiveTime(archive_entry_ctime_is_set(e), archive_entry_ctime(e), archive_entry_ctime_nsec(e));
    r.crtime = archiveTime(archive_entry_birthtime_is_set(e), archive_entry_birthtime(e),
                           archive_entry_birthtime_nsec(e));
    r.parser = "logical-zip";
    return r;
}

ContentPull zipContent(struct archive *a, struct archive_entry *e, const std::string &path)
{
    if (archive_entry_is_encrypted(e))
        return [path](void *, std::size_t) -> Result<std::size_t> {
            return fail(ErrorCode::Unsupported, path + " is encrypted in the ZIP; it cannot be read without the password");
        };
    return [a, path](void *buffer, std::size_t len) -> Result<std::size_t> {
        const la_ssize_t got = archive_read_data(a, buffer, len);
        if (got < 0)
            return fail(ErrorCode::Corrupt, "The ZIP member " + path + " is damaged", archiveErrorText(a));
        return static_cast<std::size_t>(got);
    };
}

enum class PassEnd { Done, Stopped, Failed };

struct ZipPass {
    PassEnd end = PassEnd::Done;
    std::uint64_t visited = 0;
    Error error;
};

ZipPass readZipEntries(struct archive *a, const fs::path &zip, const LogicalVisitor &visit,
                       const LogicalErrorSink &onError)
{
    ZipPass pass;
    struct archive_entry *entry = nullptr;
    for (std::uint64_t index = 0;; ++index) {
        const int rc = archive_read_next_header(a, &entry);
        if (rc == ARCHIVE_EOF)
            return pass;
        if (rc < ARCHIVE_WARN) {
            pass.end = PassEnd::Failed;
            pass.error = Error(ErrorCode::Corrupt, zip.filename().string() + " is damaged or truncated after " +
                                                       std::to_string(pass.visited) + " entries",
                               archiveErrorText(a));
            return pass;
        }
        const std::string path = normalisedZipPath(entry);
        if (path.empty())
            continue;
        const la_int64_t position = archive_read_header_position(a);
        const LogicalEntry logical{zipRecord(entry, path, index),
                                   position >= 0 ? std::optional<std::uint64_t>(position) : std::nullopt};
        ++pass.visited;
        if (!visit(logical, reporting(zipContent(a, entry, path), path, onError))) {
            pass.end = PassEnd::Stopped;
            return pass;
        }
    }
}

} // namespace

Result<void> walkFolder(const fs::path &root, const LogicalVisitor &visit, const LogicalErrorSink &onError)
{
    std::error_code ec;
    const auto status = fs::symlink_status(root, ec);
    if (ec || !fs::exists(status))
        return fail(ErrorCode::NotFound, "The folder " + root.string() + " does not exist");
    if (!fs::is_directory(status))
        return fail(ErrorCode::InvalidArgument, root.string() + " is not a folder");
    const FolderWalk walk{visit, onError};
    if (!walk.walk(root, ""))
        return fail(ErrorCode::Cancelled, "The folder walk was stopped");
    return {};
}

Result<void> walkZip(const fs::path &zip, const LogicalVisitor &visit, const LogicalErrorSink &onError)
{
    // The central directory first; a ZIP without one (truncated) is read entry by entry.
    auto reader = openZipReader(zip, true);
    if (!reader)
        reader = openZipReader(zip, false);
    if (!reader)
        return std::unexpected(reader.error());
    ZipPass pass = readZipEntries(reader->get(), zip, visit, onError);
    if (pass.end == PassEnd::Failed && pass.visited == 0) {
        if (auto streaming = openZipReader(zip, false)) {
            reader = std::move(streaming);
            pass = readZipEntries(reader->get(), zip, visit, onError);
        }
    }
    if (pass.end == PassEnd::Stopped)
        return fail(ErrorCode::Cancelled, "The ZIP walk was stopped");
    if (pass.end == PassEnd::Failed) {
        if (onError)
            onError("/", pass.error);
        return std::unexpected(pass.error);
    }
    return {};
}

bool looksLikeZip(const fs::path &path)
{
    std::array<char, 4> magic{};
    std::ifstream in(path, std::ios::binary);
    if (!in.read(magic.data(), magic.size()))
        return false;
    return std::memcmp(magic.data(), "PK\x03\x04", 4) == 0 || std::memcmp(magic.data(), "PK\x05\x06", 4) == 0 ||
           std::memcmp(magic.data(), "PK\x07\x08", 4) == 0;
}

} // namespace vigil::evidence
