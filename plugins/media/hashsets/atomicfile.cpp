// SPDX-License-Identifier: GPL-3.0-or-later
#include "plugins/media/hashsets/atomicfile.h"

#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <string>
#include <system_error>
#include <utility>

namespace vigil::media::detail {

namespace fs = std::filesystem;

namespace {
constexpr std::size_t kBufferSize = 1 << 20;

std::string errnoText(int err)
{
    return std::error_code(err, std::generic_category()).message();
}

// The process umask without changing it (umask() would race with other threads).
mode_t currentUmask()
{
    std::ifstream status("/proc/self/status");
    std::string line;
    while (std::getline(status, line)) {
        if (line.starts_with("Umask:"))
            return static_cast<mode_t>(std::stoul(line.substr(6), nullptr, 8) & 0777);
    }
    return 022;
}
} // namespace

AtomicFile::AtomicFile(std::FILE *file, fs::path temp, fs::path target)
    : m_file(file), m_temp(std::move(temp)), m_target(std::move(target)), m_buffer(new char[kBufferSize])
{
    std::setvbuf(m_file, m_buffer.get(), _IOFBF, kBufferSize);
}

AtomicFile::AtomicFile(AtomicFile &&other) noexcept
    : m_file(std::exchange(other.m_file, nullptr)), m_temp(std::move(other.m_temp)),
      m_target(std::move(other.m_target)), m_buffer(std::move(other.m_buffer))
{
}

AtomicFile::~AtomicFile()
{
    discard();
}

void AtomicFile::discard()
{
    if (!m_file)
        return;
    std::fclose(m_file);
    m_file = nullptr;
    std::error_code ec;
    fs::remove(m_temp, ec);
}

Result<AtomicFile> AtomicFile::create(const fs::path &target)
{
    if (target.filename().empty())
        return fail(ErrorCode::InvalidArgument, "No output file name given", target.string());
    std::error_code ec;
    const fs::path folder = target.parent_path().empty() ? fs::path(".") : target.parent_path();
    fs::create_directories(folder, ec);
    std::string pattern = (folder / (target.filename().string() + ".tmp-XXXXXX")).string();
    const int fd = ::mkstemp(pattern.data());
    if (fd < 0) {
        const int err = errno;
        return fail(err == EACCES ? ErrorCode::Permission : ErrorCode::Io,
                    "Cannot create a file in " + folder.string(), errnoText(err));
    }
    ::fchmod(fd, 0666 & ~currentUmask());   // mkstemp makes 0600; give the usual mode
    std::FILE *file = ::fdopen(fd, "wb");
    if (!file) {
        const int err = errno;
        ::close(fd);
        ::unlink(pattern.c_str());
        return fail(ErrorCode::Io, "Cannot write " + pattern, errnoText(err));
    }
    return AtomicFile(file, fs::path(pattern), target);
}

Result<void> AtomicFile::write(const void *data, std::size_t size)
{
    if (size != 0 && std::fwrite(data, 1, size, m_file) != size)
        return fail(ErrorCode::Io, "Cannot write " + m_target.string() + " (disk full?)", errnoText(errno));
    return {};
}

Result<void> AtomicFile::commit()
{
    if (!m_file)
        return fail(ErrorCode::Internal, "Output file already closed", m_target.string());
    const bool flushed = std::fflush(m_file) == 0 && !std::ferror(m_file) && ::fsync(::fileno(m_file)) == 0;
    const int err = errno;
    if (!flushed) {
        discard();
        return fail(ErrorCode::Io, "Cannot write " + m_target.string() + " (disk full?)", errnoText(err));
    }
    std::FILE *file = std::exchange(m_file, nullptr);
    if (std::fclose(file) != 0) {
        std::error_code ec;
        fs::remove(m_temp, ec);
        return fail(ErrorCode::Io, "Cannot write " + m_target.string(), errnoText(errno));
    }
    std::error_code ec;
    fs::rename(m_temp, m_target, ec);
    if (ec) {
        std::error_code ignored;
        fs::remove(m_temp, ignored);
        return fail(ErrorCode::Io, "Cannot replace " + m_target.string(), ec.message());
    }
    return {};
}

} // namespace vigil::media::detail
