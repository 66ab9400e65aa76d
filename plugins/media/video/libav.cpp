// SPDX-License-Identifier: GPL-3.0-or-later
#include "plugins/media/video/libav.h"

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstdarg>
#include <cstring>
#include <mutex>
#include <system_error>

extern "C" {
#include <libavutil/error.h>
#include <libavutil/log.h>
#include <libavutil/mem.h>
}

namespace vigil::media::detail {

namespace {

constexpr int kIoBufferSize = 64 * 1024;
constexpr std::size_t kMaxLogMessages = 8;

thread_local LogCapture *t_capture = nullptr;

// "[h264 @ 0x55d0c2a1e240] msg" -> "[h264] msg": addresses differ run to run and mean nothing
// to a reader.
std::string withoutAddresses(std::string message)
{
    for (auto at = message.find(" @ 0x"); at != std::string::npos; at = message.find(" @ 0x", at)) {
        auto end = at + 5;
        while (end < message.size() && std::isxdigit(static_cast<unsigned char>(message[end])))
            ++end;
        message.erase(at, end - at);
    }
    return message;
}
thread_local int t_printPrefix = 1;

void logCallback(void *avcl, int level, const char *fmt, va_list args)
{
    if (level > AV_LOG_ERROR || !t_capture)
        return;
    char line[512];
    va_list copy;
    va_copy(copy, args);
    av_log_format_line2(avcl, level, fmt, copy, line, sizeof line, &t_printPrefix);
    va_end(copy);
    std::string message(line);
    while (!message.empty() && (message.back() == '\n' || message.back() == '\r' || message.back() == ' '))
        message.pop_back();
    if (!message.empty())
        t_capture->add(withoutAddresses(std::move(message)));
}

void installLogCallback()
{
    static std::once_flag once;
    std::call_once(once, [] { av_log_set_callback(logCallback); });
}

int readPacket(void *opaque, std::uint8_t *buffer, int size)
{
    return static_cast<ByteSource *>(opaque)->read(buffer, size);
}

std::int64_t seekPacket(void *opaque, std::int64_t offset, int whence)
{
    return static_cast<ByteSource *>(opaque)->seek(offset, whence);
}

// New absolute position for a seek request, or a negative AVERROR.
std::int64_t resolveSeek(std::int64_t pos, std::int64_t size, std::int64_t offset, int whence)
{
    whence &= ~AVSEEK_FORCE;
    if (whence == AVSEEK_SIZE)
        return size;
    std::int64_t target = -1;
    if (whence == SEEK_SET)
        target = offset;
    else if (whence == SEEK_CUR)
        target = pos + offset;
    else if (whence == SEEK_END)
        target = size + offset;
    if (target < 0)
        return AVERROR(EINVAL);
    return target;
}

} // namespace

void IoContextFreer::operator()(AVIOContext *ctx) const
{
    if (!ctx)
        return;
    av_freep(&ctx->buffer);
    avio_context_free(&ctx);
}

std::string avErrorText(int code)
{
    char text[AV_ERROR_MAX_STRING_SIZE] = {};
    av_strerror(code, text, sizeof text);
    return text;
}

int SpanSource::read(std::uint8_t *buffer, int size)
{
    const auto total = static_cast<std::int64_t>(m_bytes.size());
    if (m_pos >= total)
        return AVERROR_EOF;
    const auto n = static_cast<int>(std::min<std::int64_t>(size, total - m_pos));
    std::memcpy(buffer, m_bytes.data() + m_pos, static_cast<std::size_t>(n));
    m_pos += n;
    return n;
}

std::int64_t SpanSource::seek(std::int64_t offset, int whence)
{
    const auto target = resolveSeek(m_pos, size(), offset, whence);
    if (target >= 0 && (whence & ~AVSEEK_FORCE) != AVSEEK_SIZE)
        m_pos = target;
    return target;
}

Result<std::unique_ptr<FileSource>> FileSource::open(const std::filesystem::path &file)
{
    std::error_code ec;
    const auto status = std::filesystem::status(file, ec);
    if (!std::filesystem::exists(status))
        return fail(ErrorCode::NotFound, "The video file does not exist.", file.string());
    if (!std::filesystem::is_regular_file(status))
        return fail(ErrorCode::InvalidArgument, "The video path is not a regular file.", file.string());
    const auto size = std::filesystem::file_size(file, ec);
    if (ec)
        return fail(ErrorCode::Io, "The size of the video file could not be read.", ec.message());
    std::FILE *handle = std::fopen(file.c_str(), "rb");
    if (!handle) {
        const int err = errno;
        const auto code = (err == EACCES || err == EPERM) ? ErrorCode::Permission : ErrorCode::Io;
        return fail(code, "The video file could not be opened.", file.string() + ": " + std::strerror(err));
    }
    return std::unique_ptr<FileSource>(new FileSource(handle, static_cast<std::int64_t>(size)));
}

FileSource::~FileSource()
{
    std::fclose(m_file);
}

int FileSource::read(std::uint8_t *buffer, int size)
{
    const std::size_t n = std::fread(buffer, 1, static_cast<std::size_t>(size), m_file);
    if (n > 0)
        return static_cast<int>(n);
    return std::ferror(m_file) ? AVERROR(EIO) : AVERROR_EOF;
}

std::int64_t FileSource::seek(std::int64_t offset, int whence)
{
    const auto target = resolveSeek(ftello(m_file), m_size, offset, whence);
    if (target < 0 || (whence & ~AVSEEK_FORCE) == AVSEEK_SIZE)
        return target;
    if (fseeko(m_file, static_cast<off_t>(target), SEEK_SET) != 0)
        return AVERROR(EIO);
    return target;
}

Result<IoContextPtr> makeIoContext(ByteSource &source)
{
    auto *buffer = static_cast<unsigned char *>(av_malloc(kIoBufferSize));
    if (!buffer)
        return fail(ErrorCode::Internal, "Out of memory while opening the video.");
    AVIOContext *ctx = avio_alloc_context(buffer, kIoBufferSize, 0, &source, readPacket, nullptr, seekPacket);
    if (!ctx) {
        av_free(buffer);
        return fail(ErrorCode::Internal, "Out of memory while opening the video.");
    }
    return IoContextPtr(ctx);
}

LogCapture::LogCapture() : m_previous(t_capture)
{
    installLogCallback();
    t_capture = this;
}

LogCapture::~LogCapture()
{
    t_capture = m_previous;
}

void LogCapture::add(std::string message)
{
    if (std::find(m_messages.begin(), m_messages.end(), message) != m_messages.end())
        return;
    if (m_messages.size() >= kMaxLogMessages) {
        ++m_dropped;
        return;
    }
    m_messages.push_back(std::move(message));
}

} // namespace vigil::media::detail
