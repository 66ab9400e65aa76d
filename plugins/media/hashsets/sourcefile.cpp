// SPDX-License-Identifier: GPL-3.0-or-later
#include "plugins/media/hashsets/sourcefile.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <system_error>
#include <utility>

namespace vigil::media::detail {

namespace {
constexpr std::size_t kBufferSize = 1 << 20;
}

SourceFile::SourceFile(int fd, std::filesystem::path path)
    : m_fd(fd), m_path(std::move(path)), m_buffer(kBufferSize), m_hasher(std::make_unique<MultiHasher>(HashSha256))
{
}

SourceFile::SourceFile(SourceFile &&other) noexcept
    : m_fd(std::exchange(other.m_fd, -1)), m_path(std::move(other.m_path)), m_buffer(std::move(other.m_buffer)),
      m_pos(other.m_pos), m_end(other.m_end), m_consumed(other.m_consumed), m_eof(other.m_eof),
      m_error(std::move(other.m_error)), m_hasher(std::move(other.m_hasher))
{
}

SourceFile::~SourceFile()
{
    if (m_fd >= 0)
        ::close(m_fd);
}

Result<SourceFile> SourceFile::open(const std::filesystem::path &path)
{
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        const int err = errno;
        const ErrorCode code = err == ENOENT ? ErrorCode::NotFound
                             : err == EACCES ? ErrorCode::Permission
                                             : ErrorCode::Io;
        return fail(code, "Cannot open the hash set " + path.string(),
                    std::error_code(err, std::generic_category()).message());
    }
    ::posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL);
    return SourceFile(fd, path);
}

bool SourceFile::refill()
{
    if (m_eof)
        return false;
    m_consumed += m_end;
    m_pos = m_end = 0;
    for (;;) {
        const ssize_t n = ::read(m_fd, m_buffer.data(), m_buffer.size());
        if (n > 0) {
            m_end = static_cast<std::size_t>(n);
            m_hasher->update(m_buffer.data(), m_end);
            return true;
        }
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            m_error = Error(ErrorCode::Io, "Cannot read the hash set " + m_path.string(),
                            std::error_code(errno, std::generic_category()).message() + " at byte "
                                + std::to_string(m_consumed));
        m_eof = true;
        return false;
    }
}

void SourceFile::skipBom()
{
    if (peek() != 0xEF || m_end - m_pos < 3)
        return;
    if (m_buffer[m_pos + 1] == 0xBB && m_buffer[m_pos + 2] == 0xBF)
        m_pos += 3;
}

bool SourceFile::readLine(std::string &line, std::size_t maxLength, bool &tooLong)
{
    line.clear();
    tooLong = false;
    if (peek() < 0)
        return false;
    for (;;) {
        if (m_pos == m_end && !refill())
            break;
        const std::uint8_t *start = m_buffer.data() + m_pos;
        const std::size_t avail = m_end - m_pos;
        const auto *nl = static_cast<const std::uint8_t *>(std::memchr(start, '\n', avail));
        const std::size_t take = nl ? static_cast<std::size_t>(nl - start) : avail;
        const std::size_t room = line.size() < maxLength ? maxLength - line.size() : 0;
        if (take > room)
            tooLong = true;
        line.append(reinterpret_cast<const char *>(start), std::min(take, room));
        m_pos += take;
        if (nl) {
            ++m_pos;
            break;
        }
    }
    if (!line.empty() && line.back() == '\r')
        line.pop_back();
    return true;
}

Result<std::string> SourceFile::finish()
{
    m_pos = m_end;
    while (refill())
        m_pos = m_end;
    if (m_error)
        return std::unexpected(*m_error);
    return m_hasher->finish().sha256;
}

} // namespace vigil::media::detail
