// SPDX-License-Identifier: GPL-3.0-or-later
// The bytes of derived files: carved (runs of the evidence media), archive members (kept in
// CASE/derived/<id>, since they can only be reached by decompression) and embedded files (a
// range of the parent's content, the parent possibly derived itself).
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "core/pipeline/contentbackend.h"

namespace vigil::pipeline {

namespace {

// Derived files nest at most this deep when read back (a guard against a parent loop in a
// damaged case; the expand stage stops far earlier).
constexpr int kMaxChain = 64;

// A window [offset, offset + size) of another backend.
class RangeBackend : public FileContent::Backend {
public:
    RangeBackend(BackendPtr parent, std::uint64_t offset, std::uint64_t size)
        : m_parent(std::move(parent)), m_offset(offset), m_size(size) {}
    std::uint64_t size() const override { return m_size; }
    Result<std::size_t> read(std::uint64_t offset, void *buf, std::size_t len) override
    {
        if (offset >= m_size)
            return 0;
        const auto n = static_cast<std::size_t>(std::min<std::uint64_t>(len, m_size - offset));
        return m_parent->read(m_offset + offset, buf, n);
    }

private:
    BackendPtr m_parent;
    std::uint64_t m_offset, m_size;
};

// Runs of the evidence media, read in order as one file.
class ExtentsBackend : public FileContent::Backend {
public:
    ExtentsBackend(evidence::ByteSource &media, std::unique_ptr<evidence::ByteSource> owned,
                   std::vector<std::pair<std::int64_t, std::int64_t>> runs)
        : m_media(media), m_owned(std::move(owned)), m_runs(std::move(runs))
    {
        for (const auto &[start, length] : m_runs)
            m_size += static_cast<std::uint64_t>(length);
    }
    std::uint64_t size() const override { return m_size; }
    Result<std::size_t> read(std::uint64_t offset, void *buf, std::size_t len) override
    {
        std::size_t done = 0;
        std::uint64_t runStart = 0;
        for (const auto &[start, length] : m_runs) {
            const auto runLen = static_cast<std::uint64_t>(length);
            const std::uint64_t at = offset + done;
            if (done == len || at >= m_size)
                break;
            if (at >= runStart + runLen) {
                runStart += runLen;
                continue;
            }
            const auto want = static_cast<std::size_t>(std::min<std::uint64_t>(len - done, runStart + runLen - at));
            auto n = m_media.readAt(static_cast<std::uint64_t>(start) + (at - runStart), static_cast<char *>(buf) + done, want);
            if (!n)
                return std::unexpected(n.error());
            done += *n;
            if (*n < want)
                break;   // the media ends early: what was read is returned
            runStart += runLen;
        }
        return done;
    }

private:
    evidence::ByteSource &m_media;
    std::unique_ptr<evidence::ByteSource> m_owned;
    std::vector<std::pair<std::int64_t, std::int64_t>> m_runs;
    std::uint64_t m_size = 0;
};

Result<BackendPtr> openMember(const DerivedOpener &opener, const casedb::FileLocation &loc)
{
    const auto file = opener.caseDir / "derived" / std::to_string(loc.fileId);
    std::error_code ec;
    if (!std::filesystem::exists(file, ec))
        return fail(ErrorCode::NotFound, "the bytes of archive member '" + loc.path + "' are not in the case (" +
                                             file.string() + " is missing); ingest the evidence again to extract them");
    return openLocalFile(file);
}

Result<BackendPtr> openCarved(DerivedOpener &opener, const casedb::FileLocation &loc)
{
    auto runs = casedb::carvedExtents(loc);
    if (!runs)
        return std::unexpected(runs.error());
    std::unique_ptr<evidence::ByteSource> owned;
    auto media = opener.media(loc, owned);
    if (!media)
        return std::unexpected(media.error());
    return std::make_unique<ExtentsBackend>(**media, std::move(owned), std::move(*runs));
}

Result<BackendPtr> openEmbedded(DerivedOpener &opener, const casedb::FileLocation &loc, int chain)
{
    if (!loc.parentId || !loc.originOffset || *loc.originOffset < 0)
        return fail(ErrorCode::Corrupt, "the embedded file '" + loc.path + "' has no parent offset");
    if (chain > kMaxChain)
        return fail(ErrorCode::Corrupt, "'" + loc.path + "' is nested more than " + std::to_string(kMaxChain) +
                                            " levels deep (a loop of parent files?)");
    auto parent = casedb::fileLocation(opener.db, *loc.parentId);
    if (!parent)
        return std::unexpected(parent.error());
    auto parentBackend = parent->origin == "embedded" ? openEmbedded(opener, *parent, chain + 1) : opener.open(*parent);
    if (!parentBackend)
        return std::unexpected(parentBackend.error());
    const auto offset = static_cast<std::uint64_t>(*loc.originOffset);
    const auto size = static_cast<std::uint64_t>(loc.size);
    if (offset + size > (*parentBackend)->size())
        return fail(ErrorCode::Corrupt, "the embedded file '" + loc.path + "' lies beyond the end of its parent");
    return std::make_unique<RangeBackend>(std::move(*parentBackend), offset, size);
}

} // namespace

Result<BackendPtr> openLocalFile(const std::filesystem::path &file)
{
    const int fd = ::open(file.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0)
        return fail(ErrorCode::Io, "cannot open " + file.string(), std::strerror(errno));
    struct stat st {};
    if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        ::close(fd);
        return fail(ErrorCode::Io, "cannot read " + file.string(), std::strerror(errno));
    }
    return openFd(fd, static_cast<std::uint64_t>(st.st_size), file.string());
}

Result<BackendPtr> openDerived(DerivedOpener &opener, const casedb::FileLocation &loc)
{
    if (loc.origin == "member")
        return openMember(opener, loc);
    if (loc.origin == "carved")
        return openCarved(opener, loc);
    if (loc.origin == "embedded")
        return openEmbedded(opener, loc, 0);
    return fail(ErrorCode::Unsupported, "'" + loc.path + "' has an unknown origin '" + loc.origin + "'");
}

} // namespace vigil::pipeline
