// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/pipeline/filecontent.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <optional>
#include <set>
#include <vector>

#include "core/casedb/casestore.h"
#include "core/casedb/filelocation.h"
#include "core/evidence/logical.h"
#include "core/evidence/tskimage.h"
#include "core/evidence/tskwalker.h"
#include "core/pipeline/contentbackend.h"

namespace vigil::pipeline {

namespace {

using Location = casedb::FileLocation;

std::optional<int> optInt(const std::optional<std::int64_t> &v)
{
    return v ? std::optional<int>(static_cast<int>(*v)) : std::nullopt;
}

// A file inside a disk image, read through The Sleuth Kit. Members are destroyed in
// reverse order: reader, file system, image.
class TskBackend : public FileContent::Backend {
public:
    TskBackend(evidence::TskImage image, evidence::FsPtr fs, evidence::TskFileReader reader)
        : m_image(std::move(image)), m_fs(std::move(fs)), m_reader(std::move(reader)) {}
    std::uint64_t size() const override { return m_reader.size(); }
    Result<std::size_t> read(std::uint64_t offset, void *buf, std::size_t len) override
    {
        if (offset >= size())
            return 0;
        return m_reader.read(offset, buf, len);
    }

private:
    evidence::TskImage m_image;
    evidence::FsPtr m_fs;
    evidence::TskFileReader m_reader;
};

// A file inside a disk image whose image and file-system handles someone else keeps open.
class BorrowedTskBackend : public FileContent::Backend {
public:
    explicit BorrowedTskBackend(evidence::TskFileReader reader) : m_reader(std::move(reader)) {}
    std::uint64_t size() const override { return m_reader.size(); }
    Result<std::size_t> read(std::uint64_t offset, void *buf, std::size_t len) override
    {
        if (offset >= size())
            return 0;
        return m_reader.read(offset, buf, len);
    }

private:
    evidence::TskFileReader m_reader;
};

// A file of folder evidence, opened read-only.
class FolderBackend : public FileContent::Backend {
public:
    FolderBackend(int fd, std::uint64_t size, std::string path) : m_fd(fd), m_size(size), m_path(std::move(path)) {}
    ~FolderBackend() override { ::close(m_fd); }
    std::uint64_t size() const override { return m_size; }
    Result<std::size_t> read(std::uint64_t offset, void *buf, std::size_t len) override
    {
        std::size_t done = 0;
        while (done < len && offset + done < m_size) {
            const ssize_t n = ::pread(m_fd, static_cast<char *>(buf) + done, len - done, static_cast<off_t>(offset + done));
            if (n < 0 && errno == EINTR)
                continue;
            if (n < 0)
                return fail(ErrorCode::Io, "cannot read " + m_path, std::strerror(errno));
            if (n == 0)
                break;
            done += static_cast<std::size_t>(n);
        }
        return done;
    }

private:
    int m_fd;
    std::uint64_t m_size;
    std::string m_path;
};

// A ZIP member, buffered whole.
class MemoryBackend : public FileContent::Backend {
public:
    explicit MemoryBackend(std::vector<unsigned char> data) : m_data(std::move(data)) {}
    std::uint64_t size() const override { return m_data.size(); }
    Result<std::size_t> read(std::uint64_t offset, void *buf, std::size_t len) override
    {
        if (offset >= m_data.size())
            return 0;
        const std::size_t n = std::min<std::uint64_t>(len, m_data.size() - offset);
        std::memcpy(buf, m_data.data() + offset, n);
        return n;
    }

private:
    std::vector<unsigned char> m_data;
};

} // namespace

BackendPtr openFd(int fd, std::uint64_t size, std::string path)
{
    return std::make_unique<FolderBackend>(fd, size, std::move(path));
}

namespace {

Result<BackendPtr> openInImage(const Location &loc)
{
    if (!loc.fsOffset || !loc.metaAddr)
        return fail(ErrorCode::Unsupported, "'" + loc.path + "' has no file-system address to read its content from");
    auto src = evidence::openImage(loc.evidencePath);
    if (!src)
        return std::unexpected(src.error());
    auto img = evidence::TskImage::open(std::move(*src));
    if (!img)
        return std::unexpected(img.error());
    auto fs = evidence::openFileSystem(*img, *loc.fsOffset);
    if (!fs)
        return std::unexpected(fs.error());
    auto reader = evidence::TskFileReader::open(fs->get(), static_cast<std::uint64_t>(*loc.metaAddr),
                                                optInt(loc.attrType), optInt(loc.attrId));
    if (!reader)
        return std::unexpected(reader.error());
    return std::make_unique<TskBackend>(std::move(*img), std::move(*fs), std::move(*reader));
}

// The path below the evidence root; refuses ".." so nothing outside the root is opened.
Result<std::filesystem::path> folderMemberPath(const Location &loc)
{
    const std::filesystem::path rel = std::filesystem::path(loc.path).relative_path();
    for (const auto &part : rel)
        if (part == "..")
            return fail(ErrorCode::InvalidArgument, "refusing a path that leaves the evidence folder: " + loc.path);
    return std::filesystem::path(loc.evidencePath) / rel;
}

Result<BackendPtr> openInFolder(const Location &loc)
{
    if (!std::filesystem::is_directory(loc.evidencePath))
        return fail(ErrorCode::NotFound, "the evidence folder is missing: " + loc.evidencePath);
    auto file = folderMemberPath(loc);
    if (!file)
        return std::unexpected(file.error());
    const int fd = ::open(file->c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0)
        return fail(errno == ENOENT ? ErrorCode::NotFound : ErrorCode::Io,
                    "cannot open " + file->string() + " in the evidence folder", std::strerror(errno));
    struct stat st {};
    if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        ::close(fd);
        return fail(ErrorCode::Unsupported, file->string() + " is not a regular file");
    }
    return std::make_unique<FolderBackend>(fd, static_cast<std::uint64_t>(st.st_size), file->string());
}

bool isEntry(const Location &loc, const evidence::LogicalEntry &entry)
{
    if (loc.metaAddr && entry.record.metaAddr)
        return static_cast<std::uint64_t>(*loc.metaAddr) == *entry.record.metaAddr && entry.record.path == loc.path;
    return entry.record.path == loc.path;
}

Result<std::vector<unsigned char>> pullAll(const evidence::ContentPull &pull, const std::string &path)
{
    std::vector<unsigned char> data;
    std::vector<unsigned char> chunk(1 << 20);
    for (;;) {
        auto n = pull(chunk.data(), chunk.size());
        if (!n)
            return std::unexpected(n.error());
        if (*n == 0)
            return data;
        if (data.size() + *n > FileContent::kMaxZipMemberSize)
            return fail(ErrorCode::Unsupported, path + " is larger than the 256 MiB a ZIP member can be previewed with");
        data.insert(data.end(), chunk.begin(), chunk.begin() + static_cast<std::ptrdiff_t>(*n));
    }
}

Result<BackendPtr> openInZip(const Location &loc)
{
    if (!std::filesystem::is_regular_file(loc.evidencePath))
        return fail(ErrorCode::NotFound, "the evidence ZIP is missing: " + loc.evidencePath);
    std::optional<Result<std::vector<unsigned char>>> found;
    auto visit = [&](const evidence::LogicalEntry &entry, const evidence::ContentPull &pull) {
        if (!isEntry(loc, entry))
            return true;
        found = pullAll(pull, loc.path);
        return false;
    };
    auto walked = evidence::walkZip(loc.evidencePath, visit, [](const std::string &, const Error &) {});
    if (!found && !walked)
        return std::unexpected(walked.error());
    if (!found)
        return fail(ErrorCode::NotFound, loc.path + " is no longer in " + loc.evidencePath);
    if (!*found)
        return std::unexpected(found->error());
    return std::make_unique<MemoryBackend>(std::move(**found));
}

Result<void> checkReadable(const Location &loc)
{
    if (loc.metaType != "file")
        return fail(ErrorCode::Unsupported, "'" + loc.path + "' is a " + loc.metaType + ", not a file with content");
    if (loc.contentStatus == "reallocated")
        return fail(ErrorCode::Unsupported, "'" + loc.path + "' is a deleted name whose metadata now belongs to another "
                                            "file: its own content cannot be recovered");
    return {};
}

Result<BackendPtr> openBackend(const Location &loc)
{
    if (auto r = checkReadable(loc); !r)
        return std::unexpected(r.error());
    if (loc.evidenceKind == "folder")
        return openInFolder(loc);
    if (loc.evidenceKind == "zip")
        return openInZip(loc);
    if (!std::filesystem::exists(loc.evidencePath))
        return fail(ErrorCode::NotFound, "the evidence file is missing: " + loc.evidencePath +
                                             " (was it moved? the case remembers this path)");
    return openInImage(loc);
}

// A carved file's media, opened for this one reader.
Result<evidence::ByteSource *> openOwnMedia(const Location &loc, std::unique_ptr<evidence::ByteSource> &owned)
{
    auto src = evidence::openImage(loc.evidencePath);
    if (!src)
        return std::unexpected(src.error());
    owned = std::move(*src);
    return owned.get();
}

// Any file, on its own: file-system entries as above, derived files through their origin.
Result<BackendPtr> openAny(casedb::Database &db, const std::filesystem::path &caseDir, const Location &loc)
{
    if (loc.origin == "fs")
        return openBackend(loc);
    if (auto r = checkReadable(loc); !r)
        return std::unexpected(r.error());
    DerivedOpener opener{db, caseDir, {}, openOwnMedia};
    opener.open = [&](const Location &parent) { return openAny(db, caseDir, parent); };
    return openDerived(opener, loc);
}

Result<void> writeMember(const evidence::ContentPull &pull, const std::filesystem::path &to)
{
    std::ofstream out(to, std::ios::binary | std::ios::trunc);
    std::vector<char> chunk(1 << 20);
    for (;;) {
        auto n = pull(chunk.data(), chunk.size());
        if (!n)
            return std::unexpected(n.error());
        if (*n == 0)
            break;
        out.write(chunk.data(), static_cast<std::streamsize>(*n));
    }
    out.close();
    if (!out)
        return fail(ErrorCode::Io, "cannot write " + to.string() + " in the case's temp folder; is the disk full?");
    return {};
}

} // namespace

struct EvidenceFiles::Handles {
    casedb::Database db;
    std::filesystem::path caseDir;
    std::map<std::int64_t, std::filesystem::path> extracted;
    std::optional<evidence::TskImage> image;
    std::map<std::int64_t, evidence::FsPtr> filesystems;   // by byte offset
    std::string imagePath;

    Result<void> openImage(const Location &loc)
    {
        if (image && imagePath == loc.evidencePath)
            return {};
        filesystems.clear();
        image.reset();
        auto src = evidence::openImage(loc.evidencePath);
        if (!src)
            return std::unexpected(src.error());
        auto img = evidence::TskImage::open(std::move(*src));
        if (!img)
            return std::unexpected(img.error());
        image.emplace(std::move(*img));
        imagePath = loc.evidencePath;
        return {};
    }

    Result<TSK_FS_INFO *> fileSystem(const Location &loc)
    {
        if (auto r = openImage(loc); !r)
            return std::unexpected(r.error());
        auto it = filesystems.find(*loc.fsOffset);
        if (it == filesystems.end()) {
            auto fs = evidence::openFileSystem(*image, *loc.fsOffset);
            if (!fs)
                return std::unexpected(fs.error());
            it = filesystems.emplace(*loc.fsOffset, std::move(*fs)).first;
        }
        return it->second.get();
    }

    // The media of a carved file's evidence, kept open between files.
    Result<evidence::ByteSource *> media(const Location &loc, std::unique_ptr<evidence::ByteSource> &)
    {
        if (auto r = openImage(loc); !r)
            return std::unexpected(r.error());
        return &image->source();
    }

    Result<BackendPtr> open(const Location &loc)
    {
        if (auto r = checkReadable(loc); !r)
            return std::unexpected(r.error());
        if (const auto it = extracted.find(loc.fileId); it != extracted.end())
            return openLocalFile(it->second);
        if (loc.origin != "fs") {
            DerivedOpener opener{db, caseDir, [this](const Location &l) { return open(l); },
                                 [this](const Location &l, std::unique_ptr<evidence::ByteSource> &o) { return media(l, o); }};
            return openDerived(opener, loc);
        }
        if (loc.evidenceKind == "folder" || loc.evidenceKind == "zip")
            return openBackend(loc);
        if (!loc.fsOffset || !loc.metaAddr)
            return fail(ErrorCode::Unsupported, "'" + loc.path + "' has no file-system address to read its content from");
        auto fs = fileSystem(loc);
        if (!fs)
            return std::unexpected(fs.error());
        auto reader = evidence::TskFileReader::open(*fs, static_cast<std::uint64_t>(*loc.metaAddr), optInt(loc.attrType),
                                                    optInt(loc.attrId));
        if (!reader)
            return std::unexpected(reader.error());
        return std::make_unique<BorrowedTskBackend>(std::move(*reader));
    }
};

EvidenceFiles::EvidenceFiles(std::unique_ptr<Handles> handles) : m_handles(std::move(handles)) {}
EvidenceFiles::~EvidenceFiles() = default;

Result<std::unique_ptr<EvidenceFiles>> EvidenceFiles::open(const std::filesystem::path &caseDir,
                                                           std::map<std::int64_t, std::filesystem::path> extracted)
{
    auto db = casedb::CaseStore::openReadOnly(caseDir);
    if (!db)
        return std::unexpected(db.error());
    auto handles = std::make_unique<Handles>();
    handles->db = std::move(*db);
    handles->caseDir = caseDir;
    handles->extracted = std::move(extracted);
    return std::unique_ptr<EvidenceFiles>(new EvidenceFiles(std::move(handles)));
}

Result<std::unique_ptr<FileContent>> EvidenceFiles::file(std::int64_t fileId)
{
    auto loc = casedb::fileLocation(m_handles->db, fileId);
    if (!loc)
        return std::unexpected(loc.error());
    auto backend = m_handles->open(*loc);
    if (!backend)
        return std::unexpected(backend.error());
    return std::unique_ptr<FileContent>(new FileContent(std::move(*backend)));
}

Result<bool> isZipEvidence(const std::filesystem::path &caseDir, std::int64_t evidenceId)
{
    auto db = casedb::CaseStore::openReadOnly(caseDir);
    if (!db)
        return std::unexpected(db.error());
    auto st = db->prepare("SELECT kind FROM evidence WHERE id=?");
    if (!st)
        return std::unexpected(st.error());
    st->bind(1, evidenceId);
    auto row = st->step();
    if (!row)
        return std::unexpected(row.error());
    return *row && st->text(0) == "zip";
}

Result<std::map<std::int64_t, std::filesystem::path>> extractZipMembers(const std::filesystem::path &caseDir,
                                                                        const std::vector<std::int64_t> &fileIds,
                                                                        const std::filesystem::path &dir)
{
    auto db = casedb::CaseStore::openReadOnly(caseDir);
    if (!db)
        return std::unexpected(db.error());
    std::vector<Location> wanted;
    for (const auto id : fileIds) {
        if (auto loc = casedb::fileLocation(*db, id); loc && loc->evidenceKind == "zip" && loc->origin == "fs")
            wanted.push_back(*loc);
    }
    std::map<std::int64_t, std::filesystem::path> out;
    if (wanted.empty())
        return out;
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    auto visit = [&](const evidence::LogicalEntry &entry, const evidence::ContentPull &pull) {
        for (const auto &loc : wanted) {
            if (out.count(loc.fileId) || !isEntry(loc, entry))
                continue;
            const auto to = dir / std::to_string(loc.fileId);
            if (writeMember(pull, to))
                out[loc.fileId] = to;
            break;
        }
        return out.size() < wanted.size();
    };
    auto walked = evidence::walkZip(wanted.front().evidencePath, visit, [](const std::string &, const Error &) {});
    if (!walked && out.empty())
        return std::unexpected(walked.error());
    return out;
}

FileContent::FileContent(std::unique_ptr<Backend> backend) : m_backend(std::move(backend)) {}
FileContent::~FileContent() = default;

Result<std::unique_ptr<FileContent>> FileContent::open(const std::filesystem::path &caseDir, std::int64_t fileId)
{
    auto db = casedb::CaseStore::openReadOnly(caseDir);
    if (!db)
        return std::unexpected(db.error());
    auto loc = casedb::fileLocation(*db, fileId);
    if (!loc)
        return std::unexpected(loc.error());
    auto backend = openAny(*db, caseDir, *loc);
    if (!backend)
        return std::unexpected(backend.error());
    return std::unique_ptr<FileContent>(new FileContent(std::move(*backend)));
}

std::uint64_t FileContent::size() const
{
    return m_backend->size();
}

Result<std::size_t> FileContent::read(std::uint64_t offset, void *buf, std::size_t len)
{
    return m_backend->read(offset, buf, len);
}

} // namespace vigil::pipeline
