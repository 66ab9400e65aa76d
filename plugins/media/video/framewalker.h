// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Internal: the decode loop. Reads the video stream's packets, decodes every frame, applies the
// frame guards and passes the frames the KeyframeSelector wants, converted, to it.

#include "plugins/media/video/demuxer.h"
#include "plugins/media/video/frameconvert.h"
#include "plugins/media/video/scenes.h"

namespace vigil::media::detail {

// "12.3 s"
std::string secondsText(std::int64_t ms);

// Walks the video stream's frames: times them, applies the guards and hands the wanted ones,
// converted, to the selector.
class FrameWalker {
public:
    FrameWalker(OpenedVideo &video, const VideoOptions &options)
        : m_video(video), m_options(options), m_converter(options.frameLongSide, displayRotation(*video.stream)),
          m_selector(options)
    {
    }

    void run();
    // After the frame limit: the remaining samples up to endMs, each found by seeking.
    void seekRemainingSamples(std::int64_t endMs);
    std::vector<Keyframe> keyframes() const { return m_selector.finish(); }
    std::int64_t decodedFrames() const { return m_decoded; }
    std::int64_t lastFrameMs() const { return m_lastMs; }
    bool stoppedEarly() const { return m_stopped; }
    std::vector<std::string> takeWarnings() { return std::move(m_warnings); }

private:
    bool readPacket(AVPacket &packet);
    void sendPacket(const AVPacket *packet);
    void drainFrames();
    void handleFrame(AVFrame &frame);
    std::int64_t frameTimeMs(const AVFrame &frame);
    void stop(std::string reason);
    bool seekTo(std::int64_t timeMs);
    bool decodeSampleAt(std::int64_t timeMs);

    OpenedVideo &m_video;
    const VideoOptions &m_options;
    FrameConverter m_converter;
    KeyframeSelector m_selector;
    FramePtr m_frame{av_frame_alloc()};
    std::int64_t m_decoded = 0;
    std::int64_t m_lastMs = -1;
    std::int64_t m_startPts = AV_NOPTS_VALUE;
    std::int64_t m_badPackets = 0;
    std::int64_t m_badConversions = 0;
    bool m_stopped = false;
    bool m_frameLimitHit = false;
    std::int64_t m_seekTarget = -1;   // while seeking: the sample time wanted, else -1
    bool m_seekFound = false;
    std::int64_t m_seekFrames = 0;
    std::int64_t m_seekFramesTotal = 0;
    std::vector<std::string> m_warnings;
};

} // namespace vigil::media::detail
