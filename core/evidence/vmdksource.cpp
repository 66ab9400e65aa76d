// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/evidence/vmdksource.h"

#include <algorithm>
#include <array>
#include <cstring>
#include <fstream>

#include <libbfio.h>
#include <libvmdk.h>

namespace vigil::evidence {

namespace fs = std::filesystem;

namespace {

// The one place where libvmdk error state becomes an Error; frees the libvmdk error.
Error takeVmdkError(libvmdk_error_t *&error, ErrorCode code, std::string message)
{
    std::string detail;
    if (error) {
        std::array<char, 2048> text{};
        if (libvmdk_error_backtrace_sprint(error, text.data(), text.size()) > 0)
            detail = text.data();
        libvmdk_error_free(&error);
    }
    while (!detail.empty() && detail.back() == '\n')
        detail.pop_back();
    return Error(code, std::move(message), std::move(detail));
}

bool startsWithSparseMagic(const fs::path &path)
{
    std::array<char, 4> magic{};
    std::ifstream in(path, std::ios::binary);
    return in.read(magic.data(), magic.size()) && std::memcmp(magic.data(), "KDMV", 4) == 0;
}

} // namespace

struct VmdkSource::Handle {
    libvmdk_handle_t *handle = nullptr;
    libbfio_pool_t *pool = nullptr;   // only when the file is its own extent
    bool opened = false;
    ~Handle()
    {
        libvmdk_error_t *error = nullptr;
        if (opened)
            libvmdk_handle_close(handle, &error);
        libvmdk_error_free(&error);
        if (handle)
            libvmdk_handle_free(&handle, &error);
        libvmdk_error_free(&error);
        libbfio_error_t *bfioError = nullptr;
        if (pool)
            libbfio_pool_free(&pool, &bfioError);   // also frees the file handle it holds
        libbfio_error_free(&bfioError);
    }
};

VmdkSource::VmdkSource() : m_handle(std::make_unique<Handle>()) {}
VmdkSource::~VmdkSource() = default;

Result<std::unique_ptr<VmdkSource>> VmdkSource::open(const fs::path &path)
{
    std::unique_ptr<VmdkSource> source(new VmdkSource);
    source->m_path = path;
    libvmdk_error_t *error = nullptr;
    if (libvmdk_handle_initialize(&source->m_handle->handle, &error) != 1)
        return std::unexpected(takeVmdkError(error, ErrorCode::Internal, "Cannot initialise libvmdk"));
    if (libvmdk_handle_open(source->m_handle->handle, path.c_str(), LIBVMDK_OPEN_READ, &error) != 1)
        return std::unexpected(takeVmdkError(error, ErrorCode::Corrupt,
                                             "Cannot open the VMDK image " + path.filename().string() +
                                                 ": its descriptor is damaged or truncated"));
    source->m_handle->opened = true;
    if (auto ok = source->openExtents(); !ok)
        return std::unexpected(ok.error());
    size64_t size = 0;
    if (libvmdk_handle_get_media_size(source->m_handle->handle, &size, &error) != 1)
        return std::unexpected(takeVmdkError(error, ErrorCode::Corrupt, "Cannot read the VMDK media size"));
    source->m_size = size;
    return source;
}

Result<void> VmdkSource::openExtents()
{
    libvmdk_handle_t *h = m_handle->handle;
    libvmdk_error_t *error = nullptr;
    int extents = 0;
    libvmdk_handle_get_number_of_extents(h, &extents, &error);
    libvmdk_error_free(&error);
    if (libvmdk_handle_open_extent_data_files(h, &error) == 1) {
        m_segments.push_back(m_path);
        for (int i = 0; i < extents; ++i) {
            libvmdk_extent_descriptor_t *extent = nullptr;
            std::array<std::uint8_t, 4096> name{};
            if (libvmdk_handle_get_extent_descriptor(h, i, &extent, &error) == 1 &&
                libvmdk_extent_descriptor_get_utf8_filename(extent, name.data(), name.size(), &error) == 1) {
                const fs::path extentPath = m_path.parent_path() / reinterpret_cast<const char *>(name.data());
                if (extentPath != m_path)
                    m_segments.push_back(extentPath);
            }
            libvmdk_error_free(&error);
            if (extent)
                libvmdk_extent_descriptor_free(&extent, &error);
            libvmdk_error_free(&error);
        }
        return {};
    }
    if (extents == 1 && startsWithSparseMagic(m_path)) {
        libvmdk_error_free(&error);
        return openSelfAsExtent();
    }
    return std::unexpected(takeVmdkError(error, ErrorCode::NotFound,
                                         "The VMDK descriptor " + m_path.filename().string() +
                                             " names extent files that are missing; put them in the same folder"));
}

Result<void> VmdkSource::openSelfAsExtent()
{
    libbfio_error_t *error = nullptr;
    libbfio_handle_t *file = nullptr;
    int entry = 0;
    const std::string name = m_path.string();
    const bool ok = libbfio_pool_initialize(&m_handle->pool, 0, LIBBFIO_POOL_UNLIMITED_NUMBER_OF_OPEN_HANDLES, &error) == 1 &&
                    libbfio_file_initialize(&file, &error) == 1 &&
                    libbfio_file_set_name(file, name.c_str(), name.size(), &error) == 1 &&
                    libbfio_pool_append_handle(m_handle->pool, &entry, file, LIBBFIO_OPEN_READ, &error) == 1;
    if (!ok) {
        if (file)
            libbfio_handle_free(&file, &error);
        libbfio_error_free(&error);
        return fail(ErrorCode::Internal, "Cannot prepare the VMDK extent " + m_path.filename().string());
    }
    libvmdk_error_t *vmdkError = nullptr;
    if (libvmdk_handle_open_extent_data_files_file_io_pool(m_handle->handle, m_handle->pool, &vmdkError) != 1)
        return std::unexpected(takeVmdkError(vmdkError, ErrorCode::Corrupt,
                                             "Cannot read the extent of the VMDK image " + m_path.filename().string()));
    m_segments = {m_path};
    return {};
}

Result<std::size_t> VmdkSource::readAt(std::uint64_t offset, void *buffer, std::size_t len)
{
    if (offset >= m_size || len == 0)
        return std::size_t{0};
    const std::size_t want = static_cast<std::size_t>(std::min<std::uint64_t>(len, m_size - offset));
    libvmdk_error_t *error = nullptr;
    const ssize_t got = libvmdk_handle_read_buffer_at_offset(m_handle->handle, buffer, want,
                                                             static_cast<off64_t>(offset), &error);
    if (got < 0)
        return std::unexpected(takeVmdkError(error, ErrorCode::Corrupt,
                                             "The VMDK image is unreadable at offset " + std::to_string(offset)));
    if (static_cast<std::size_t>(got) < want)
        return fail(ErrorCode::Corrupt, "The VMDK image ended early at offset " +
                                            std::to_string(offset + static_cast<std::uint64_t>(got)));
    return static_cast<std::size_t>(got);
}

} // namespace vigil::evidence
