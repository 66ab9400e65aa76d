// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/evidence/rawsource.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <optional>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace vigil::evidence {

namespace fs = std::filesystem;

UniqueFd::~UniqueFd()
{
    if (m_fd >= 0)
        ::close(m_fd);
}

UniqueFd &UniqueFd::operator=(UniqueFd &&other) noexcept
{
    if (this != &other) {
        if (m_fd >= 0)
            ::close(m_fd);
        m_fd = other.release();
    }
    return *this;
}

int UniqueFd::release()
{
    const int fd = m_fd;
    m_fd = -1;
    return fd;
}

Result<UniqueFd> openReadOnly(const fs::path &path)
{
    int fd = -1;
    do {
        fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    } while (fd < 0 && errno == EINTR);
    if (fd >= 0)
        return UniqueFd(fd);
    const int err = errno;
    const ErrorCode code = err == ENOENT ? ErrorCode::NotFound
                           : (err == EACCES || err == EPERM) ? ErrorCode::Permission
                                                             : ErrorCode::Io;
    return fail(code, "Cannot open " + path.string() + " for reading", std::strerror(err));
}

Result<std::uint64_t> fdSize(int fd, const fs::path &path)
{
    struct stat st {};
    if (::fstat(fd, &st) != 0)
        return fail(ErrorCode::Io, "Cannot read the size of " + path.string(), std::strerror(errno));
    if (S_ISREG(st.st_mode))
        return static_cast<std::uint64_t>(st.st_size);
    const off_t end = ::lseek(fd, 0, SEEK_END);   // block devices report 0 in st_size
    if (end < 0)
        return fail(ErrorCode::Io, "Cannot read the size of " + path.string(), std::strerror(errno));
    return static_cast<std::uint64_t>(end);
}

Result<std::size_t> preadFully(int fd, void *buffer, std::size_t len, std::uint64_t offset)
{
    auto *out = static_cast<unsigned char *>(buffer);
    std::size_t done = 0;
    while (done < len) {
        const ssize_t n = ::pread(fd, out + done, len - done, static_cast<off_t>(offset + done));
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            return fail(ErrorCode::Io, "Reading the image failed at offset " + std::to_string(offset + done),
                        std::strerror(errno));
        if (n == 0)
            break;
        done += static_cast<std::size_t>(n);
    }
    return done;
}

namespace {

// A split name: everything before the last dot, and the segment number in the extension.
struct SplitName {
    std::string base;      // path up to and including the dot
    bool numeric = true;   // ".001" style, else ".aa" style
    std::size_t width = 0;
};

std::optional<SplitName> parseSplitName(const fs::path &path)
{
    const std::string s = path.string();
    const auto dot = s.rfind('.');
    if (dot == std::string::npos || s.find('/', dot) != std::string::npos)
        return std::nullopt;
    const std::string ext = s.substr(dot + 1);
    const bool digits = ext.size() >= 2 && std::ranges::all_of(ext, [](char c) { return c >= '0' && c <= '9'; });
    const bool letters = ext.size() == 2 && std::ranges::all_of(ext, [](char c) { return c >= 'a' && c <= 'z'; });
    if (!digits && !letters)
        return std::nullopt;
    return SplitName{s.substr(0, dot + 1), digits, ext.size()};
}

// The extension of segment number index (0-based from "aa" or from 0).
std::optional<std::string> segmentExtension(const SplitName &name, std::size_t index)
{
    std::string ext(name.width, name.numeric ? '0' : 'a');
    const std::size_t radix = name.numeric ? 10 : 26;
    for (std::size_t i = name.width; i-- > 0 && index > 0; index /= radix)
        ext[i] = static_cast<char>(ext[i] + static_cast<char>(index % radix));
    if (index > 0)
        return std::nullopt;   // ran out of digits
    return ext;
}

std::vector<fs::path> enumerateSegments(const SplitName &name, std::size_t first)
{
    std::vector<fs::path> out;
    std::error_code ec;
    for (std::size_t i = first;; ++i) {
        const auto ext = segmentExtension(name, i);
        if (!ext || !fs::is_regular_file(name.base + *ext, ec))
            break;
        out.emplace_back(name.base + *ext);
    }
    return out;
}

} // namespace

std::vector<fs::path> splitRawSegments(const fs::path &path)
{
    const auto name = parseSplitName(path);
    if (!name)
        return {path};
    std::error_code ec;
    const bool hasZero = name->numeric && fs::is_regular_file(name->base + *segmentExtension(*name, 0), ec);
    const std::size_t first = (name->numeric && !hasZero) ? 1 : 0;
    auto set = enumerateSegments(*name, first);
    const bool member = std::ranges::find(set, path) != set.end();
    if (set.size() < 2 || !member)
        return {path};
    return set;
}

Result<std::unique_ptr<RawSource>> RawSource::open(const std::vector<fs::path> &segments)
{
    if (segments.empty())
        return fail(ErrorCode::InvalidArgument, "No image file given");
    std::unique_ptr<RawSource> source(new RawSource);
    for (const auto &path : segments) {
        auto fd = openReadOnly(path);
        if (!fd)
            return std::unexpected(fd.error());
        auto size = fdSize(fd->get(), path);
        if (!size)
            return std::unexpected(size.error());
        source->m_segments.push_back({path, std::move(*fd), source->m_size, *size});
        source->m_size += *size;
    }
    return source;
}

const RawSource::Segment &RawSource::segmentAt(std::uint64_t offset) const
{
    auto it = std::ranges::upper_bound(m_segments, offset, {}, &Segment::start);
    return *std::prev(it);
}

Result<std::size_t> RawSource::readAt(std::uint64_t offset, void *buffer, std::size_t len)
{
    auto *out = static_cast<unsigned char *>(buffer);
    std::size_t done = 0;
    while (done < len && offset + done < m_size) {
        const Segment &seg = segmentAt(offset + done);
        const std::uint64_t within = offset + done - seg.start;
        const std::size_t want = static_cast<std::size_t>(std::min<std::uint64_t>(len - done, seg.size - within));
        auto got = preadFully(seg.fd.get(), out + done, want, within);
        if (!got)
            return fail(got.error().code, got.error().message + " in " + seg.path.filename().string(),
                        got.error().detail);
        if (*got < want)
            return fail(ErrorCode::Corrupt, seg.path.filename().string() + " is shorter than when it was opened",
                        "expected " + std::to_string(seg.size) + " bytes");
        done += want;
    }
    return done;
}

model::EvidenceKind RawSource::kind() const
{
    return m_segments.size() > 1 ? model::EvidenceKind::SplitRaw : model::EvidenceKind::Raw;
}

std::vector<fs::path> RawSource::segments() const
{
    std::vector<fs::path> out;
    for (const auto &seg : m_segments)
        out.push_back(seg.path);
    return out;
}

} // namespace vigil::evidence
