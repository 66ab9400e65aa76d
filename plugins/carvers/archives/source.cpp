// SPDX-License-Identifier: GPL-3.0-or-later
#include "plugins/carvers/archives/source.h"

#include <algorithm>
#include <cerrno>
#include <cstdio>

namespace vigil::archives {

namespace {
constexpr std::size_t kBlockSize = 256 * 1024;
}

ArchiveSource::ArchiveSource(plugins::ContentReader &content, const std::atomic<bool> *cancel)
    : m_content(content)
    , m_cancel(cancel)
    , m_size(content.size())
    , m_buffer(kBlockSize)
{
}

void ArchiveSource::attach(struct archive *a)
{
    archive_read_set_read_callback(a, &ArchiveSource::readCallback);
    archive_read_set_seek_callback(a, &ArchiveSource::seekCallback);
    archive_read_set_skip_callback(a, &ArchiveSource::skipCallback);
    archive_read_set_callback_data(a, this);
}

la_ssize_t ArchiveSource::readCallback(struct archive *a, void *self, const void **buffer)
{
    return static_cast<ArchiveSource *>(self)->read(a, buffer);
}

la_int64_t ArchiveSource::seekCallback(struct archive *, void *self, la_int64_t offset, int whence)
{
    return static_cast<ArchiveSource *>(self)->seek(offset, whence);
}

la_int64_t ArchiveSource::skipCallback(struct archive *, void *self, la_int64_t request)
{
    return static_cast<ArchiveSource *>(self)->skip(request);
}

la_ssize_t ArchiveSource::read(struct archive *a, const void **buffer)
{
    *buffer = m_buffer.data();
    if (cancelled()) {
        if (!m_error)
            m_error = Error(ErrorCode::Cancelled, "Cancelled");
        archive_set_error(a, ECANCELED, "cancelled");
        return -1;
    }
    if (m_position >= m_size)
        return 0;
    const auto want = static_cast<std::size_t>(std::min<std::uint64_t>(m_buffer.size(), m_size - m_position));
    auto got = m_content.read(m_position, m_buffer.data(), want);
    if (!got) {
        if (!m_error)
            m_error = got.error();
        archive_set_error(a, EIO, "%s", got.error().message.c_str());
        return -1;
    }
    m_position += *got;
    return static_cast<la_ssize_t>(*got);
}

la_int64_t ArchiveSource::seek(la_int64_t offset, int whence)
{
    la_int64_t base = 0;
    if (whence == SEEK_CUR)
        base = static_cast<la_int64_t>(m_position);
    else if (whence == SEEK_END)
        base = static_cast<la_int64_t>(m_size);
    else if (whence != SEEK_SET)
        return ARCHIVE_FATAL;
    // Both are far below 2^63 (file sizes); a hostile offset can still overflow the sum.
    la_int64_t target = 0;
    if (__builtin_add_overflow(base, offset, &target) || target < 0)
        return ARCHIVE_FATAL;
    m_position = static_cast<std::uint64_t>(target);
    return target;
}

la_int64_t ArchiveSource::skip(la_int64_t request)
{
    if (request <= 0 || m_position >= m_size)
        return 0;
    const auto step = std::min<std::uint64_t>(static_cast<std::uint64_t>(request), m_size - m_position);
    m_position += step;
    return static_cast<la_int64_t>(step);
}

} // namespace vigil::archives
