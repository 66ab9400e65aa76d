// SPDX-License-Identifier: GPL-3.0-or-later
#include "plugins/media/video/framewalker.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

extern "C" {
#include <libavutil/mathematics.h>
}

namespace vigil::media::detail {

namespace {

// Consecutive demuxer errors after which reading gives up (each one skips damaged data).
constexpr int kMaxReadErrors = 64;
// Frames decoded after one seek before giving up on reaching its target (a long GOP).
constexpr std::int64_t kMaxFramesPerSeek = 1000;

} // namespace

std::string secondsText(std::int64_t ms)
{
    char text[32];
    std::snprintf(text, sizeof text, "%.1f s", static_cast<double>(ms) / 1000.0);
    return text;
}

void FrameWalker::stop(std::string reason)
{
    if (!m_stopped)
        m_warnings.push_back(std::move(reason));
    m_stopped = true;
}

// False at the end of the data (or after too many errors).
bool FrameWalker::readPacket(AVPacket &packet)
{
    for (int errors = 0; errors < kMaxReadErrors; ++errors) {
        const int rc = av_read_frame(m_video.format.get(), &packet);
        if (rc >= 0)
            return true;
        if (rc == AVERROR_EOF)
            return false;
        if (rc == AVERROR(EIO) || rc == AVERROR(ENOMEM) || rc == AVERROR(EPERM)) {
            m_warnings.push_back("Reading the video stopped early: " + avErrorText(rc) + ".");
            return false;
        }
    }
    m_warnings.push_back("Reading the video stopped after repeated errors in the file.");
    return false;
}

void FrameWalker::sendPacket(const AVPacket *packet)
{
    const int rc = avcodec_send_packet(m_video.decoder.get(), packet);
    if (rc < 0 && rc != AVERROR_EOF && packet)
        ++m_badPackets;
    drainFrames();
}

void FrameWalker::drainFrames()
{
    while (!m_stopped) {
        const int rc = avcodec_receive_frame(m_video.decoder.get(), m_frame.get());
        if (rc < 0)
            return;   // EAGAIN: needs more input; EOF: flushed; else a decoding error, skipped
        handleFrame(*m_frame);
        av_frame_unref(m_frame.get());
    }
}

std::int64_t FrameWalker::frameTimeMs(const AVFrame &frame)
{
    const AVStream &stream = *m_video.stream;
    const std::int64_t pts = frame.best_effort_timestamp;
    if (pts == AV_NOPTS_VALUE) {   // no time stamps at all: count frames
        const double fps = av_q2d(stream.avg_frame_rate) > 0 ? av_q2d(stream.avg_frame_rate) : 25.0;
        return static_cast<std::int64_t>(std::llround(static_cast<double>(m_decoded) * 1000.0 / fps));
    }
    if (m_startPts == AV_NOPTS_VALUE)
        m_startPts = stream.start_time != AV_NOPTS_VALUE ? std::min(stream.start_time, pts) : pts;
    return av_rescale_q(pts - m_startPts, stream.time_base, AVRational{1, 1000});
}

void FrameWalker::handleFrame(AVFrame &frame)
{
    if (m_seekTarget >= 0) {   // looking for the first frame at or after the seek target
        ++m_seekFrames;
        const std::int64_t timeMs = frameTimeMs(frame);
        if (!m_seekFound && timeMs >= m_seekTarget && frame.width <= m_options.maxWidth &&
            frame.height <= m_options.maxHeight) {
            const AVRational sar = av_guess_sample_aspect_ratio(m_video.format.get(), m_video.stream, &frame);
            if (auto bgr = m_converter.toBgr(frame, sar))
                m_selector.addSeekedSample(timeMs, *bgr);
            m_seekFound = true;
        }
        return;
    }
    if (frame.width > m_options.maxWidth || frame.height > m_options.maxHeight) {
        stop("Decoding stopped at a " + std::to_string(frame.width) + "x" + std::to_string(frame.height) +
             " frame, larger than the allowed " + std::to_string(m_options.maxWidth) + "x" +
             std::to_string(m_options.maxHeight) + ".");
        return;
    }
    const std::int64_t timeMs = frameTimeMs(frame);
    ++m_decoded;
    m_lastMs = std::max(m_lastMs, timeMs);
    if (m_selector.wantsFrame(timeMs)) {
        // The container's pixel aspect wins over the bitstream's, as in ffmpeg's own tools.
        const AVRational sar = av_guess_sample_aspect_ratio(m_video.format.get(), m_video.stream, &frame);
        if (auto bgr = m_converter.toBgr(frame, sar))
            m_selector.addFrame(timeMs, *bgr);
        else
            ++m_badConversions;
    }
    if (m_decoded >= m_options.maxDecodedFrames) {
        m_frameLimitHit = true;
        stop("Decoding stopped after " + std::to_string(m_decoded) + " frames (the limit), at " + secondsText(m_lastMs) +
             "; later parts of the video are covered by samples only.");
    }
}

void FrameWalker::run()
{
    PacketPtr packet(av_packet_alloc());
    if (!packet || !m_frame) {
        stop("Out of memory while decoding the video.");
        return;
    }
    while (!m_stopped && readPacket(*packet)) {
        if (packet->stream_index == m_video.stream->index)
            sendPacket(packet.get());
        av_packet_unref(packet.get());
    }
    if (!m_stopped)
        sendPacket(nullptr);   // flush the frames the decoder still holds
    if (m_badPackets > 0)
        m_warnings.push_back(std::to_string(m_badPackets) + " video packets could not be decoded.");
    if (m_badConversions > 0)
        m_warnings.push_back(std::to_string(m_badConversions) + " decoded frames could not be converted.");
}

bool FrameWalker::seekTo(std::int64_t timeMs)
{
    const AVStream &stream = *m_video.stream;
    if (m_startPts == AV_NOPTS_VALUE)
        return false;   // the stream has no time stamps to seek by
    const std::int64_t ts = m_startPts + av_rescale_q(timeMs, AVRational{1, 1000}, stream.time_base);
    if (av_seek_frame(m_video.format.get(), stream.index, ts, AVSEEK_FLAG_BACKWARD) < 0)
        return false;
    avcodec_flush_buffers(m_video.decoder.get());
    return true;
}

// Decodes from the last seek point until the first frame at or after timeMs.
bool FrameWalker::decodeSampleAt(std::int64_t timeMs)
{
    m_seekTarget = timeMs;
    m_seekFound = false;
    m_seekFrames = 0;
    m_stopped = false;
    PacketPtr packet(av_packet_alloc());
    while (packet && !m_seekFound && m_seekFrames < kMaxFramesPerSeek && readPacket(*packet)) {
        if (packet->stream_index == m_video.stream->index)
            sendPacket(packet.get());
        av_packet_unref(packet.get());
    }
    if (packet && !m_seekFound && m_seekFrames < kMaxFramesPerSeek)
        sendPacket(nullptr);
    m_seekTarget = -1;
    m_stopped = true;
    m_seekFramesTotal += m_seekFrames;
    return m_seekFound;
}

void FrameWalker::seekRemainingSamples(std::int64_t endMs)
{
    if (!m_frameLimitHit)
        return;
    // A damaged header may claim any duration: trust it up to twice what the bytes suggest.
    const std::int64_t position = avio_tell(m_video.format->pb);
    if (position > 0 && m_lastMs > 0) {
        const double estimate = static_cast<double>(m_lastMs) * static_cast<double>(m_video.source->size()) /
                                static_cast<double>(position);
        endMs = std::min(endMs, static_cast<std::int64_t>(std::min(2.0 * estimate, 1e15)));
    }
    const std::vector<std::int64_t> times = m_selector.remainingSampleTimes(m_lastMs, endMs);
    std::size_t found = 0;
    for (const std::int64_t t : times) {
        if (m_seekFramesTotal >= m_options.maxDecodedFrames || !seekTo(t))
            break;
        found += decodeSampleAt(t) ? 1 : 0;
    }
    if (found < times.size())
        m_warnings.push_back("Only " + std::to_string(found) + " of " + std::to_string(times.size()) +
                             " samples after the frame limit could be reached by seeking.");
}

} // namespace vigil::media::detail
