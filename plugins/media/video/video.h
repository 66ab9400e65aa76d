// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Video triage: container metadata, keyframes at scene changes and at a fixed interval, and a
// contact sheet of those keyframes for the gallery. Decoding goes through libavformat/libavcodec;
// the result images are OpenCV BGR matrices. Safe to call from several threads at once.

#include <cstdint>
#include <filesystem>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include <opencv2/core/mat.hpp>

#include "core/util/error.h"

namespace vigil::media {

struct VideoOptions {
    // A fixed sample every N seconds of video time (t = N, 2N, ...) besides the first frame;
    // 0 turns fixed samples off. Long videos widen the interval so the samples fit the budget.
    double sampleIntervalS = 10.0;
    // Hellinger (Bhattacharyya) distance, 0..1, between the colour histograms of two frames
    // examined one after the other (README: "Scene score"); at or above this counts as a cut.
    double sceneThreshold = 0.35;
    // Most keyframes returned, the first frame included. Over budget, scene frames (strongest
    // first) get at least half of the remaining slots and the samples the rest, thinned evenly.
    int maxKeyframes = 24;
    // Keyframe images are scaled (pixel aspect and rotation applied) so the long side is at
    // most this.
    int frameLongSide = 512;
    // Bomb guards: decoding stops after this many frames (with a warning; what was found is
    // returned); a video stream larger than maxWidth x maxHeight is refused with an Error.
    std::int64_t maxDecodedFrames = 20000;
    int maxWidth = 8192;
    int maxHeight = 8192;
    // Frames examined per second of video for scene detection: every frame is decoded, one on
    // each 1/analyseFps grid step is converted and compared with the one before. A cut is
    // therefore reported at most 1/analyseFps seconds after it happens.
    double analyseFps = 2.0;
};

struct Keyframe {
    std::int64_t timeMs = 0;   // presentation time from the start of the video stream
    std::string reason;        // "first", "scene" or "sample"
    double sceneScore = 0;     // distance to the previously examined frame (0 for "first")
    cv::Mat bgr;               // CV_8UC3, long side <= VideoOptions::frameLongSide
};

struct VideoInfo {
    std::string container;   // "mp4", "mov", "3gp", "3g2", "avi", "matroska", "webm", ... (README)
    std::string codec;       // libavcodec's codec name: "h264", "hevc", "mpeg4", "mjpeg", "h263", ...
    int width = 0, height = 0;   // stored (coded) size of the video stream
    double fps = 0;
    std::int64_t durationMs = 0;
    std::int64_t frameCount = 0;   // frames decoded; the header's count if decoding stopped early
    std::optional<std::string> creationTime;   // container (else stream) "creation_time", as written
    bool hasAudio = false;
    std::vector<Keyframe> keyframes;   // in time order
    std::vector<std::string> warnings;
};

// Never throws. Corrupt or truncated files: what decodes is returned with a warning; nothing
// decodable is an Error (Corrupt); a file that is not a video container is Unsupported.
Result<VideoInfo> analyseVideo(const std::filesystem::path &file, const VideoOptions &options = {});
// The same from memory (the pipeline may hold small videos in memory). The bytes must stay
// valid during the call only.
Result<VideoInfo> analyseVideo(std::span<const unsigned char> bytes, const VideoOptions &options = {});

// A grid of keyframes, `columns` wide (fewer if there are fewer frames), each tile fitted into
// a cell whose long side is tileLongSide, with the time stamp written on it. Empty when there
// are no frames or the arguments are unusable. Never throws.
cv::Mat contactSheet(const std::vector<Keyframe> &frames, int columns = 4, int tileLongSide = 160);

} // namespace vigil::media
