// SPDX-License-Identifier: GPL-3.0-or-later
#include "plugins/media/video/video.h"

#include <cmath>
#include <cstdio>
#include <exception>
#include <new>

#include <opencv2/core.hpp>

#include "plugins/media/video/framewalker.h"

namespace vigil::media {

namespace {

using namespace detail;

Result<void> checkOptions(const VideoOptions &o)
{
    const bool ok = std::isfinite(o.sampleIntervalS) && o.sampleIntervalS >= 0 && std::isfinite(o.sceneThreshold) &&
                    o.maxKeyframes >= 1 && o.frameLongSide >= 16 && o.maxDecodedFrames >= 1 && o.maxWidth >= 1 &&
                    o.maxHeight >= 1 && std::isfinite(o.analyseFps) && o.analyseFps > 0 && o.analyseFps <= 1000;
    if (!ok)
        return fail(ErrorCode::InvalidArgument, "The video analysis options are out of range.");
    return {};
}

// Duration and frame count from what was decoded, where the header is silent or wrong.
void reconcile(const OpenedVideo &video, const FrameWalker &walker, VideoInfo &info)
{
    const double fps = info.fps > 0 ? info.fps : 25.0;
    const auto frameMs = static_cast<std::int64_t>(std::llround(1000.0 / fps));
    const std::int64_t decodedEnd = walker.lastFrameMs() + frameMs;
    const std::int64_t declared = declaredDurationMs(video);
    if (declared <= 0)
        info.durationMs = decodedEnd;
    if (!walker.stoppedEarly()) {
        info.frameCount = walker.decodedFrames();
        if (declared > 0 && decodedEnd + 2 * frameMs < declared * 95 / 100)
            info.warnings.push_back("Only " + secondsText(decodedEnd) + " of " + secondsText(declared) +
                                    " could be decoded; the file may be truncated or damaged.");
    } else if (info.frameCount == 0) {
        info.frameCount = static_cast<std::int64_t>(std::llround(static_cast<double>(info.durationMs) * fps / 1000.0));
    }
}

void addLogWarnings(const LogCapture &log, VideoInfo &info)
{
    for (const std::string &message : log.messages())
        info.warnings.push_back("libav: " + message);
    if (log.dropped() > 0)
        info.warnings.push_back("libav: " + std::to_string(log.dropped()) + " more messages");
}

Result<VideoInfo> analyse(std::unique_ptr<ByteSource> source, const VideoOptions &options)
{
    if (auto ok = checkOptions(options); !ok)
        return std::unexpected(ok.error());
    LogCapture log;
    auto video = openVideo(std::move(source), options);
    if (!video) {
        Error error = video.error();
        for (const std::string &message : log.messages())
            error.detail += "; " + message;
        return std::unexpected(error);
    }
    VideoInfo info;
    readMetadata(*video, info);
    info.warnings = std::move(video->warnings);
    FrameWalker walker(*video, options);
    walker.run();
    walker.seekRemainingSamples(declaredDurationMs(*video));
    info.keyframes = walker.keyframes();
    for (std::string &warning : walker.takeWarnings())
        info.warnings.push_back(std::move(warning));
    reconcile(*video, walker, info);
    addLogWarnings(log, info);
    if (info.keyframes.empty()) {
        std::string detail;
        for (const std::string &warning : info.warnings)
            detail += (detail.empty() ? "" : "; ") + warning;
        return fail(ErrorCode::Corrupt, "No frame of the video could be decoded.", detail);
    }
    return info;
}

template <typename Fn>
Result<VideoInfo> guarded(Fn &&fn)
{
    try {
        return fn();
    } catch (const std::bad_alloc &) {
        return fail(ErrorCode::Internal, "Out of memory while analysing the video.");
    } catch (const cv::Exception &e) {
        return fail(ErrorCode::Internal, "Image processing failed while analysing the video.", e.what());
    } catch (const std::exception &e) {
        return fail(ErrorCode::Internal, "Analysing the video failed.", e.what());
    }
}

} // namespace

Result<VideoInfo> analyseVideo(const std::filesystem::path &file, const VideoOptions &options)
{
    return guarded([&]() -> Result<VideoInfo> {
        auto source = FileSource::open(file);
        if (!source)
            return std::unexpected(source.error());
        return analyse(std::move(*source), options);
    });
}

Result<VideoInfo> analyseVideo(std::span<const unsigned char> bytes, const VideoOptions &options)
{
    return guarded([&] { return analyse(std::make_unique<SpanSource>(bytes), options); });
}

} // namespace vigil::media
