// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Internal: opens a video container from a byte source, picks the video stream and opens its
// decoder; reads the container's metadata into a VideoInfo.

#include <memory>

#include "plugins/media/video/libav.h"
#include "plugins/media/video/video.h"

namespace vigil::media::detail {

struct OpenedVideo {
    // Declaration order is destruction order reversed: the decoder and the demuxer go before
    // the I/O context, and that before the bytes it reads.
    std::unique_ptr<ByteSource> source;
    IoContextPtr io;
    FormatContextPtr format;
    CodecContextPtr decoder;
    AVStream *stream = nullptr;   // the chosen video stream, owned by `format`
    std::string head;             // the first bytes of the source
    std::vector<std::string> warnings;
};

Result<OpenedVideo> openVideo(std::unique_ptr<ByteSource> source, const VideoOptions &options);

// Container, codec, size, frame rate, duration, frame count (from the header), creation time,
// audio presence.
void readMetadata(const OpenedVideo &video, VideoInfo &info);

// Clockwise rotation in degrees (0, 90, 180, 270) the stream's display matrix asks for.
int displayRotation(const AVStream &stream);

// Duration of the video stream in ms (else the container's), or -1 when neither says.
std::int64_t declaredDurationMs(const OpenedVideo &video);

} // namespace vigil::media::detail
