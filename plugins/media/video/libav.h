// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Internal: RAII owners for libav handles, byte sources for a custom AVIOContext, and the
// capture of libav's log messages into a per-thread list of warnings.

#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <span>
#include <string>
#include <vector>

extern "C" {
#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
#include <libavutil/frame.h>
#include <libswscale/swscale.h>
}

#include "core/util/error.h"

namespace vigil::media::detail {

struct FormatContextCloser {
    void operator()(AVFormatContext *ctx) const { avformat_close_input(&ctx); }
};
struct CodecContextFreer {
    void operator()(AVCodecContext *ctx) const { avcodec_free_context(&ctx); }
};
struct FrameFreer {
    void operator()(AVFrame *frame) const { av_frame_free(&frame); }
};
struct PacketFreer {
    void operator()(AVPacket *packet) const { av_packet_free(&packet); }
};
struct SwsFreer {
    void operator()(SwsContext *ctx) const { sws_freeContext(ctx); }
};
struct IoContextFreer {
    void operator()(AVIOContext *ctx) const;   // frees the (possibly reallocated) buffer too
};

using FormatContextPtr = std::unique_ptr<AVFormatContext, FormatContextCloser>;
using CodecContextPtr = std::unique_ptr<AVCodecContext, CodecContextFreer>;
using FramePtr = std::unique_ptr<AVFrame, FrameFreer>;
using PacketPtr = std::unique_ptr<AVPacket, PacketFreer>;
using SwsContextPtr = std::unique_ptr<SwsContext, SwsFreer>;
using IoContextPtr = std::unique_ptr<AVIOContext, IoContextFreer>;

// libav's text for an AVERROR code.
std::string avErrorText(int code);

// Random-access bytes behind an AVIOContext: a span in memory or an open file.
class ByteSource {
public:
    virtual ~ByteSource() = default;
    // Bytes read, 0 at the end, negative AVERROR on failure.
    virtual int read(std::uint8_t *buffer, int size) = 0;
    // New position, or a negative AVERROR; `whence` as fseek, or AVSEEK_SIZE for the size.
    virtual std::int64_t seek(std::int64_t offset, int whence) = 0;
    virtual std::int64_t size() const = 0;
};

class SpanSource final : public ByteSource {
public:
    explicit SpanSource(std::span<const unsigned char> bytes) : m_bytes(bytes) {}
    int read(std::uint8_t *buffer, int size) override;
    std::int64_t seek(std::int64_t offset, int whence) override;
    std::int64_t size() const override { return static_cast<std::int64_t>(m_bytes.size()); }

private:
    std::span<const unsigned char> m_bytes;
    std::int64_t m_pos = 0;
};

class FileSource final : public ByteSource {
public:
    static Result<std::unique_ptr<FileSource>> open(const std::filesystem::path &file);
    ~FileSource() override;
    FileSource(const FileSource &) = delete;
    FileSource &operator=(const FileSource &) = delete;
    int read(std::uint8_t *buffer, int size) override;
    std::int64_t seek(std::int64_t offset, int whence) override;
    std::int64_t size() const override { return m_size; }

private:
    FileSource(std::FILE *file, std::int64_t size) : m_file(file), m_size(size) {}
    std::FILE *m_file;
    std::int64_t m_size;
};

// A read-only, seekable AVIOContext over `source` (which must outlive it).
Result<IoContextPtr> makeIoContext(ByteSource &source);

// While alive, libav messages at AV_LOG_ERROR or worse logged on this thread are collected
// (deduplicated, at most a few) instead of printed; messages from other threads are dropped.
class LogCapture {
public:
    LogCapture();
    ~LogCapture();
    LogCapture(const LogCapture &) = delete;
    LogCapture &operator=(const LogCapture &) = delete;

    void add(std::string message);
    const std::vector<std::string> &messages() const { return m_messages; }
    std::size_t dropped() const { return m_dropped; }

private:
    LogCapture *m_previous;
    std::vector<std::string> m_messages;
    std::size_t m_dropped = 0;
};

} // namespace vigil::media::detail
