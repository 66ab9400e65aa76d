// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/evidence/ewfsource.h"

#include <algorithm>
#include <array>
#include <cctype>

#include <libewf.h>

#include "core/evidence/log.h"
#include "core/util/hashing.h"

namespace vigil::evidence {

namespace fs = std::filesystem;

namespace {

// The one place where libewf error state becomes an Error; frees the libewf error.
Error takeEwfError(libewf_error_t *&error, ErrorCode code, std::string message)
{
    std::string detail;
    if (error) {
        std::array<char, 2048> text{};
        if (libewf_error_backtrace_sprint(error, text.data(), text.size()) > 0)
            detail = text.data();
        libewf_error_free(&error);
    }
    while (!detail.empty() && (detail.back() == '\n' || detail.back() == '\r'))
        detail.pop_back();
    return Error(code, std::move(message), std::move(detail));
}

// The segment file names that libewf finds next to any one segment.
Result<std::vector<fs::path>> globSegments(const fs::path &anySegment)
{
    libewf_error_t *error = nullptr;
    char **names = nullptr;
    int count = 0;
    const std::string name = anySegment.string();
    if (libewf_glob(name.c_str(), name.size(), LIBEWF_FORMAT_UNKNOWN, &names, &count, &error) != 1)
        return std::unexpected(takeEwfError(error, ErrorCode::Corrupt,
                                            "Cannot find the segment files of " + name));
    std::vector<fs::path> out(names, names + count);
    libewf_glob_free(names, count, &error);
    libewf_error_free(&error);
    return out;
}

std::string headerValue(libewf_handle_t *handle, const std::string &identifier)
{
    std::array<std::uint8_t, 1024> value{};
    libewf_error_t *error = nullptr;
    const int rc = libewf_handle_get_utf8_header_value(
        handle, reinterpret_cast<const std::uint8_t *>(identifier.data()), identifier.size(), value.data(),
        value.size(), &error);
    libewf_error_free(&error);
    return rc == 1 ? std::string(reinterpret_cast<const char *>(value.data())) : std::string();
}

std::string hashValue(libewf_handle_t *handle, const char *identifier, std::size_t length)
{
    std::array<std::uint8_t, 128> value{};
    libewf_error_t *error = nullptr;
    const int rc = libewf_handle_get_utf8_hash_value(handle, reinterpret_cast<const std::uint8_t *>(identifier),
                                                     length, value.data(), value.size(), &error);
    libewf_error_free(&error);
    std::string hex = rc == 1 ? reinterpret_cast<const char *>(value.data()) : "";
    for (char &c : hex)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return hex;
}

std::string binaryMd5(libewf_handle_t *handle)
{
    std::array<std::uint8_t, 16> md5{};
    libewf_error_t *error = nullptr;
    const int rc = libewf_handle_get_md5_hash(handle, md5.data(), md5.size(), &error);
    libewf_error_free(&error);
    const bool allZero = std::ranges::all_of(md5, [](std::uint8_t b) { return b == 0; });
    return rc == 1 && !allZero ? toHex(md5.data(), md5.size()) : std::string();
}

const char *const kHeaderNames[] = {
    "case_number", "evidence_number", "description", "examiner_name", "notes",
    "acquiry_date", "system_date", "acquiry_operating_system", "acquiry_software_version",
    "model", "serial_number", "device_label",
};

} // namespace

struct EwfSource::Handle {
    libewf_handle_t *handle = nullptr;
    bool opened = false;
    ~Handle()
    {
        libewf_error_t *error = nullptr;
        if (opened)
            libewf_handle_close(handle, &error);
        libewf_error_free(&error);
        if (handle)
            libewf_handle_free(&handle, &error);
        libewf_error_free(&error);
    }
};

EwfSource::EwfSource() : m_handle(std::make_unique<Handle>()) {}
EwfSource::~EwfSource() = default;

Result<std::unique_ptr<EwfSource>> EwfSource::open(const fs::path &anySegment)
{
    auto names = globSegments(anySegment);
    if (!names)
        return std::unexpected(names.error());
    std::unique_ptr<EwfSource> source(new EwfSource);
    source->m_segments = *names;
    libewf_error_t *error = nullptr;
    if (libewf_handle_initialize(&source->m_handle->handle, &error) != 1)
        return std::unexpected(takeEwfError(error, ErrorCode::Internal, "Cannot initialise libewf"));
    std::vector<std::string> storage(names->begin(), names->end());
    std::vector<char *> argv;
    for (auto &s : storage)
        argv.push_back(s.data());
    if (libewf_handle_open(source->m_handle->handle, argv.data(), static_cast<int>(argv.size()),
                           LIBEWF_OPEN_READ, &error) != 1)
        return std::unexpected(takeEwfError(
            error, ErrorCode::Corrupt,
            "Cannot open the EWF image " + anySegment.filename().string() + " (" + std::to_string(argv.size()) +
                " segment file(s) found): a segment may be missing or truncated; put all segments (.E01, "
                ".E02, ...) in the same folder"));
    source->m_handle->opened = true;
    if (auto ok = source->readProperties(); !ok)
        return std::unexpected(ok.error());
    if (auto ok = source->checkComplete(); !ok)
        return std::unexpected(ok.error());
    qCDebug(lcEvidence) << "opened EWF" << anySegment.c_str() << "segments" << argv.size() << "size" << source->m_size;
    return source;
}

Result<void> EwfSource::readProperties()
{
    libewf_handle_t *h = m_handle->handle;
    libewf_error_t *error = nullptr;
    size64_t mediaSize = 0;
    if (libewf_handle_get_media_size(h, &mediaSize, &error) != 1)
        return std::unexpected(takeEwfError(error, ErrorCode::Corrupt, "Cannot read the media size of the EWF image"));
    m_size = mediaSize;
    std::uint32_t bytesPerSector = 0;
    if (libewf_handle_get_bytes_per_sector(h, &bytesPerSector, &error) == 1 && bytesPerSector > 0)
        m_sectorSize = bytesPerSector;
    libewf_error_free(&error);
    m_stored.md5 = hashValue(h, "MD5", 3);
    if (m_stored.md5.empty())
        m_stored.md5 = binaryMd5(h);
    m_stored.sha1 = hashValue(h, "SHA1", 4);
    for (const char *name : kHeaderNames) {
        if (auto value = headerValue(h, name); !value.empty())
            m_metadata.emplace_back(name, std::move(value));
    }
    return {};
}

// A set with a missing or truncated segment usually opens; reading its last sector fails.
Result<void> EwfSource::checkComplete()
{
    const std::string name = m_segments.empty() ? std::string() : m_segments.back().filename().string();
    if (m_size == 0)
        return fail(ErrorCode::Corrupt, "The EWF image " + name + " holds no media data; it is truncated or damaged");
    std::array<unsigned char, 512> sector{};
    const std::uint64_t last = m_size - std::min<std::uint64_t>(m_size, sector.size());
    auto got = readAt(last, sector.data(), static_cast<std::size_t>(m_size - last));
    if (!got)
        return fail(ErrorCode::Corrupt,
                    "The EWF image set is incomplete: " + std::to_string(m_segments.size()) +
                        " segment file(s) found, up to " + name +
                        ", but the end of the media cannot be read; a segment is missing or truncated. Put all "
                        "segments (.E01, .E02, ...) in the same folder",
                    got.error().toString());
    return {};
}

void EwfSource::noteChecksumErrors()
{
    libewf_error_t *error = nullptr;
    std::uint32_t count = 0;
    if (libewf_handle_get_number_of_checksum_errors(m_handle->handle, &count, &error) != 1) {
        libewf_error_free(&error);
        return;
    }
    for (; m_checksumErrors < count; ++m_checksumErrors) {
        std::uint64_t firstSector = 0, sectors = 0;
        if (libewf_handle_get_checksum_error(m_handle->handle, m_checksumErrors, &firstSector, &sectors, &error) != 1) {
            libewf_error_free(&error);
            continue;
        }
        const std::uint64_t first = firstSector * m_sectorSize;
        m_damaged.emplace_back(first, std::min(m_size, first + std::max<std::uint64_t>(sectors, 1) * m_sectorSize));
        qCWarning(lcEvidence) << "EWF checksum error: media bytes" << first << "to" << m_damaged.back().second - 1;
    }
}

std::optional<std::pair<std::uint64_t, std::uint64_t>> EwfSource::damagedIn(std::uint64_t offset, std::size_t len) const
{
    for (const auto &range : m_damaged)
        if (range.first < offset + len && offset < range.second)
            return range;
    return std::nullopt;
}

Result<std::size_t> EwfSource::readAt(std::uint64_t offset, void *buffer, std::size_t len)
{
    if (offset >= m_size || len == 0)
        return std::size_t{0};
    const std::size_t want = static_cast<std::size_t>(std::min<std::uint64_t>(len, m_size - offset));
    libewf_error_t *error = nullptr;
    const ssize_t got = libewf_handle_read_random(m_handle->handle, buffer, want,
                                                            static_cast<off64_t>(offset), &error);
    if (got < 0)
        return std::unexpected(takeEwfError(error, ErrorCode::Corrupt,
                                            "The EWF image is unreadable at offset " + std::to_string(offset) +
                                                " (a segment may be truncated or damaged)"));
    libewf_error_free(&error);
    noteChecksumErrors();
    if (const auto damaged = damagedIn(offset, want))
        return fail(ErrorCode::Corrupt,
                    "The EWF image has a damaged chunk (checksum error): media bytes " +
                        std::to_string(damaged->first) + " to " + std::to_string(damaged->second - 1) +
                        " cannot be read as they were acquired",
                    "read of " + std::to_string(want) + " bytes at offset " + std::to_string(offset));
    if (static_cast<std::size_t>(got) < want)
        return fail(ErrorCode::Corrupt, "The EWF image ended early at offset " +
                                            std::to_string(offset + static_cast<std::uint64_t>(got)));
    return static_cast<std::size_t>(got);
}

} // namespace vigil::evidence
