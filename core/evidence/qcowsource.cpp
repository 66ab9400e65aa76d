// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/evidence/qcowsource.h"

#include <algorithm>
#include <array>

#include <libqcow.h>

namespace vigil::evidence {

namespace {

// The one place where libqcow error state becomes an Error; frees the libqcow error.
Error takeQcowError(libqcow_error_t *&error, ErrorCode code, std::string message)
{
    std::string detail;
    if (error) {
        std::array<char, 2048> text{};
        if (libqcow_error_backtrace_sprint(error, text.data(), text.size()) > 0)
            detail = text.data();
        libqcow_error_free(&error);
    }
    while (!detail.empty() && detail.back() == '\n')
        detail.pop_back();
    return Error(code, std::move(message), std::move(detail));
}

} // namespace

struct QcowSource::Handle {
    libqcow_file_t *file = nullptr;
    bool opened = false;
    ~Handle()
    {
        libqcow_error_t *error = nullptr;
        if (opened)
            libqcow_file_close(file, &error);
        libqcow_error_free(&error);
        if (file)
            libqcow_file_free(&file, &error);
        libqcow_error_free(&error);
    }
};

QcowSource::QcowSource() : m_handle(std::make_unique<Handle>()) {}
QcowSource::~QcowSource() = default;

Result<std::unique_ptr<QcowSource>> QcowSource::open(const std::filesystem::path &path)
{
    std::unique_ptr<QcowSource> source(new QcowSource);
    source->m_path = path;
    libqcow_error_t *error = nullptr;
    if (libqcow_file_initialize(&source->m_handle->file, &error) != 1)
        return std::unexpected(takeQcowError(error, ErrorCode::Internal, "Cannot initialise libqcow"));
    if (libqcow_file_open(source->m_handle->file, path.c_str(), LIBQCOW_OPEN_READ, &error) != 1)
        return std::unexpected(takeQcowError(error, ErrorCode::Corrupt,
                                             "Cannot open the QCOW image " + path.filename().string() +
                                                 ": it may be truncated or damaged"));
    source->m_handle->opened = true;
    size64_t size = 0;
    if (libqcow_file_get_media_size(source->m_handle->file, &size, &error) != 1)
        return std::unexpected(takeQcowError(error, ErrorCode::Corrupt, "Cannot read the QCOW media size"));
    source->m_size = size;
    if (auto ok = source->checkReadable(); !ok)
        return std::unexpected(ok.error());
    return source;
}

Result<void> QcowSource::checkReadable()
{
    libqcow_error_t *error = nullptr;
    std::uint32_t method = LIBQCOW_ENCRYPTION_METHOD_NONE;
    libqcow_file_get_encryption_method(m_handle->file, &method, &error);
    libqcow_error_free(&error);
    if (method != LIBQCOW_ENCRYPTION_METHOD_NONE)
        return fail(ErrorCode::Unsupported, "The QCOW image " + m_path.filename().string() +
                                                " is encrypted; decrypt it with qemu-img and add the result");
    size_t backingSize = 0;
    const int rc = libqcow_file_get_utf8_backing_filename_size(m_handle->file, &backingSize, &error);
    libqcow_error_free(&error);
    if (rc == 1 && backingSize > 1)
        return fail(ErrorCode::Unsupported, "The QCOW image " + m_path.filename().string() +
                                                " depends on a backing file; flatten it with "
                                                "'qemu-img convert' and add the result");
    return {};
}

Result<std::size_t> QcowSource::readAt(std::uint64_t offset, void *buffer, std::size_t len)
{
    if (offset >= m_size || len == 0)
        return std::size_t{0};
    const std::size_t want = static_cast<std::size_t>(std::min<std::uint64_t>(len, m_size - offset));
    libqcow_error_t *error = nullptr;
    const ssize_t got = libqcow_file_read_buffer_at_offset(m_handle->file, buffer, want,
                                                           static_cast<off64_t>(offset), &error);
    if (got < 0)
        return std::unexpected(takeQcowError(error, ErrorCode::Corrupt,
                                             "The QCOW image is unreadable at offset " + std::to_string(offset)));
    if (static_cast<std::size_t>(got) < want)
        return fail(ErrorCode::Corrupt, "The QCOW image ended early at offset " +
                                            std::to_string(offset + static_cast<std::uint64_t>(got)));
    return static_cast<std::size_t>(got);
}

} // namespace vigil::evidence
