// SPDX-License-Identifier: GPL-3.0-or-later
// libarchive's client side: an archive read from a ContentReader through read, seek and skip
// callbacks, so formats that need their end first (ZIP's central directory, 7z's header)
// work on evidence that is never copied out.
#pragma once

#include <archive.h>

#include <atomic>
#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

#include "core/util/error.h"
#include "plugins/api/plugin.h"

namespace vigil::archives {

class ArchiveSource
{
public:
    ArchiveSource(plugins::ContentReader &content, const std::atomic<bool> *cancel);

    // Registers the callbacks on a fresh reader; the source must outlive it.
    void attach(struct archive *a);
    std::uint64_t size() const { return m_size; }
    // The first read failure or cancellation seen by a callback (libarchive only sees -1).
    const std::optional<Error> &error() const { return m_error; }

private:
    static la_ssize_t readCallback(struct archive *a, void *self, const void **buffer);
    static la_int64_t seekCallback(struct archive *a, void *self, la_int64_t offset, int whence);
    static la_int64_t skipCallback(struct archive *a, void *self, la_int64_t request);

    la_ssize_t read(struct archive *a, const void **buffer);
    la_int64_t seek(la_int64_t offset, int whence);
    la_int64_t skip(la_int64_t request);
    bool cancelled() const { return m_cancel && m_cancel->load(std::memory_order_relaxed); }

    plugins::ContentReader &m_content;
    const std::atomic<bool> *m_cancel;
    std::uint64_t m_size;
    std::uint64_t m_position = 0;
    std::vector<unsigned char> m_buffer;
    std::optional<Error> m_error;
};

struct ArchiveDeleter {
    void operator()(struct archive *a) const { archive_read_free(a); }
};
using ArchivePtr = std::unique_ptr<struct archive, ArchiveDeleter>;

} // namespace vigil::archives
