// SPDX-License-Identifier: GPL-3.0-or-later
#include "plugins/media/video/video.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <fstream>
#include <limits>
#include <map>
#include <random>
#include <thread>

#include <unistd.h>

#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "plugins/media/video/scenes.h"
#include "tests/testutil/tempdir.h"

namespace vigil::media {
namespace {

namespace fs = std::filesystem;

// The test clip: 25 fps, 12 s, four scenes cut at 3, 6 and 9 s (red, testsrc, smptebars, blue),
// a sine tone and a creation time.
constexpr std::int64_t kClipMs = 12000;
constexpr std::int64_t kCutsMs[] = {3000, 6000, 9000};
constexpr const char *kCreationTime = "2021-05-06T07:08:09.000000Z";

bool haveFfmpeg()
{
    static const bool have = std::system("ffmpeg -version >/dev/null 2>&1") == 0;
    return have;
}

bool haveEncoder(const std::string &name)
{
    return std::system(("ffmpeg -hide_banner -encoders 2>/dev/null | grep -qw " + name).c_str()) == 0;
}

bool ffmpeg(const std::string &args)
{
    return std::system(("ffmpeg -nostdin -hide_banner -v error -y " + args + " >/dev/null 2>&1").c_str()) == 0;
}

std::string quoted(const fs::path &p)
{
    return "'" + p.string() + "'";
}

// A folder removed with everything in it when the test ends.
using TempDir = vigil::test::TempDir;

bool makeSceneClip(const fs::path &out, const std::string &codecArgs, const std::string &size = "320x240",
                   bool audio = true)
{
    std::string inputs;
    for (const char *source : {"color=c=red:", "testsrc=", "smptebars=", "color=c=blue:"})
        inputs += std::string(" -f lavfi -i ") + source + "s=" + size + ":r=25:d=3";
    std::string filter = "[0:v][1:v][2:v][3:v]concat=n=4:v=1:a=0,format=yuv420p[v]";
    std::string args = inputs;
    if (audio)
        args += " -f lavfi -i sine=f=440:d=12:r=8000";
    args += " -filter_complex '" + filter + "' -map '[v]'";
    if (audio)
        args += " -map 4:a -ac 1";
    args += " " + codecArgs + " -metadata creation_time=2021-05-06T07:08:09Z " + quoted(out);
    return ffmpeg(args);
}

std::vector<unsigned char> readBytes(const fs::path &file)
{
    std::ifstream in(file, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void writeBytes(const fs::path &file, std::span<const unsigned char> bytes)
{
    std::ofstream out(file, std::ios::binary);
    out.write(reinterpret_cast<const char *>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
}

std::vector<Keyframe> withReason(const VideoInfo &info, const std::string &reason)
{
    std::vector<Keyframe> out;
    for (const Keyframe &k : info.keyframes)
        if (k.reason == reason)
            out.push_back(k);
    return out;
}

bool hasKeyframeNear(const VideoInfo &info, std::int64_t ms, std::int64_t tolerance, const std::string &reason = {})
{
    return std::any_of(info.keyframes.begin(), info.keyframes.end(), [&](const Keyframe &k) {
        return (reason.empty() || k.reason == reason) && std::llabs(k.timeMs - ms) <= tolerance;
    });
}

// Mean colour of the centre of a keyframe.
cv::Scalar centreColour(const cv::Mat &bgr)
{
    return cv::mean(bgr(cv::Rect(bgr.cols / 4, bgr.rows / 4, bgr.cols / 2, bgr.rows / 2)));
}

#define REQUIRE_FFMPEG()                                                     \
    do {                                                                     \
        if (!haveFfmpeg())                                                   \
            GTEST_SKIP() << "ffmpeg CLI not found: cannot generate test clips"; \
    } while (false)

// ---- one clip per container and codec ----

struct Format {
    std::string name, file, codecArgs, container, codec, size;
    bool audio;
    std::string encoder;   // must be present in ffmpeg
};

void PrintTo(const Format &f, std::ostream *os)
{
    *os << f.name;
}

class VideoFormatTest : public ::testing::TestWithParam<Format> {};

TEST_P(VideoFormatTest, MetadataScenesAndSamples)
{
    REQUIRE_FFMPEG();
    const Format &f = GetParam();
    if (!haveEncoder(f.encoder))
        GTEST_SKIP() << "ffmpeg has no " << f.encoder << " encoder";
    TempDir dir;
    const fs::path clip = dir.path() / f.file;
    ASSERT_TRUE(makeSceneClip(clip, f.codecArgs, f.size, f.audio)) << "ffmpeg could not make " << clip;

    VideoOptions options;
    options.sampleIntervalS = 2.0;
    const auto info = analyseVideo(clip, options);
    ASSERT_TRUE(info) << info.error().toString();

    EXPECT_EQ(info->container, f.container);
    EXPECT_EQ(info->codec, f.codec);
    const auto x = f.size.find('x');
    EXPECT_EQ(info->width, std::stoi(f.size.substr(0, x)));
    EXPECT_EQ(info->height, std::stoi(f.size.substr(x + 1)));
    EXPECT_NEAR(info->fps, 25.0, 0.01);
    EXPECT_NEAR(static_cast<double>(info->durationMs), static_cast<double>(kClipMs), 100.0);
    EXPECT_EQ(info->frameCount, 300);
    EXPECT_EQ(info->hasAudio, f.audio);
    EXPECT_TRUE(info->warnings.empty()) << info->warnings.front();

    ASSERT_FALSE(info->keyframes.empty());
    EXPECT_EQ(info->keyframes.front().reason, "first");
    EXPECT_EQ(info->keyframes.front().timeMs, 0);
    EXPECT_TRUE(std::is_sorted(info->keyframes.begin(), info->keyframes.end(),
                               [](const Keyframe &a, const Keyframe &b) { return a.timeMs < b.timeMs; }));
    // Every cut found within +-0.5 s, and nothing else taken for a cut.
    const auto scenes = withReason(*info, "scene");
    EXPECT_EQ(scenes.size(), std::size(kCutsMs));
    for (const std::int64_t cut : kCutsMs)
        EXPECT_TRUE(hasKeyframeNear(*info, cut, 500, "scene")) << "no scene keyframe near " << cut << " ms";
    for (const Keyframe &k : scenes)
        EXPECT_GE(k.sceneScore, options.sceneThreshold);
    // A keyframe at every 2 s step (a sample, or the scene frame that fell on it).
    for (std::int64_t t = 2000; t < kClipMs; t += 2000)
        EXPECT_TRUE(hasKeyframeNear(*info, t, 40)) << "no keyframe at " << t << " ms";
    EXPECT_EQ(withReason(*info, "sample").size(), 4u);   // 2, 4, 8, 10 s; 6 s is the cut
    for (const Keyframe &k : info->keyframes) {
        EXPECT_EQ(k.bgr.type(), CV_8UC3);
        EXPECT_TRUE(k.bgr.isContinuous());
        EXPECT_EQ(k.bgr.cols, info->width);   // smaller than frameLongSide: not scaled
        EXPECT_EQ(k.bgr.rows, info->height);
    }
    // The first frame is red, the last cut blue (BGR order).
    const cv::Scalar red = centreColour(info->keyframes.front().bgr);
    EXPECT_GT(red[2], 180);
    EXPECT_LT(red[0], 60);
    const cv::Scalar blue = centreColour(scenes.back().bgr);
    EXPECT_GT(blue[0], 180);
    EXPECT_LT(blue[2], 60);
}

const Format kFormats[] = {
    {"mp4_h264", "clip.mp4", "-c:v libx264 -preset ultrafast -threads 1 -c:a aac", "mp4", "h264", "320x240", true, "libx264"},
    {"mp4_mpeg4", "clip.mp4", "-c:v mpeg4 -q:v 4 -c:a aac", "mp4", "mpeg4", "320x240", true, "mpeg4"},
    {"mov_mpeg4", "clip.mov", "-c:v mpeg4 -q:v 4", "mov", "mpeg4", "320x240", false, "mpeg4"},
    {"avi_mjpeg", "clip.avi", "-c:v mjpeg -q:v 4 -c:a pcm_s16le", "avi", "mjpeg", "320x240", true, "mjpeg"},
    {"mkv_mpeg4", "clip.mkv", "-c:v mpeg4 -q:v 4", "matroska", "mpeg4", "320x240", false, "mpeg4"},
    {"webm_vp8", "clip.webm", "-c:v libvpx -deadline good -cpu-used 5 -b:v 1M -threads 1", "webm", "vp8", "320x240", false,
     "libvpx"},
    {"3gp_h263", "clip.3gp", "-c:v h263 -q:v 4 -c:a aac -ar 8000", "3gp", "h263", "176x144", true, "h263"},
};

INSTANTIATE_TEST_SUITE_P(Formats, VideoFormatTest, ::testing::ValuesIn(kFormats),
                         [](const auto &param) { return param.param.name; });

// ---- the shared clip for the remaining tests ----

class VideoTest : public ::testing::Test {
protected:
    static void SetUpTestSuite()
    {
        if (!haveFfmpeg())
            return;
        s_dir = new TempDir;
        s_clip = s_dir->path() / "scenes.mp4";
        // moov first, so that a truncated copy still has its index.
        if (!makeSceneClip(s_clip, "-c:v mpeg4 -q:v 4 -c:a aac -movflags +faststart"))
            s_clip.clear();
    }
    static void TearDownTestSuite()
    {
        delete s_dir;
        s_dir = nullptr;
    }
    void SetUp() override
    {
        if (!haveFfmpeg())
            GTEST_SKIP() << "ffmpeg CLI not found: cannot generate test clips";
        ASSERT_FALSE(s_clip.empty()) << "ffmpeg could not make the test clip";
    }

    static TempDir *s_dir;
    static fs::path s_clip;
};

TempDir *VideoTest::s_dir = nullptr;
fs::path VideoTest::s_clip;

TEST_F(VideoTest, CreationTimeAsWritten)
{
    const auto info = analyseVideo(s_clip);
    ASSERT_TRUE(info) << info.error().toString();
    ASSERT_TRUE(info->creationTime.has_value());
    EXPECT_EQ(*info->creationTime, kCreationTime);
}

TEST_F(VideoTest, MemoryInputEqualsFileInput)
{
    const auto bytes = readBytes(s_clip);
    const auto fromFile = analyseVideo(s_clip);
    const auto fromMemory = analyseVideo(std::span<const unsigned char>(bytes));
    ASSERT_TRUE(fromFile) << fromFile.error().toString();
    ASSERT_TRUE(fromMemory) << fromMemory.error().toString();
    EXPECT_EQ(fromMemory->container, fromFile->container);
    EXPECT_EQ(fromMemory->codec, fromFile->codec);
    EXPECT_EQ(fromMemory->durationMs, fromFile->durationMs);
    EXPECT_EQ(fromMemory->frameCount, fromFile->frameCount);
    EXPECT_EQ(fromMemory->creationTime, fromFile->creationTime);
    EXPECT_EQ(fromMemory->hasAudio, fromFile->hasAudio);
    EXPECT_EQ(fromMemory->warnings, fromFile->warnings);
    ASSERT_EQ(fromMemory->keyframes.size(), fromFile->keyframes.size());
    for (std::size_t i = 0; i < fromFile->keyframes.size(); ++i) {
        const Keyframe &a = fromFile->keyframes[i], &b = fromMemory->keyframes[i];
        EXPECT_EQ(a.timeMs, b.timeMs);
        EXPECT_EQ(a.reason, b.reason);
        EXPECT_DOUBLE_EQ(a.sceneScore, b.sceneScore);
        ASSERT_EQ(a.bgr.size(), b.bgr.size());
        EXPECT_EQ(cv::norm(a.bgr, b.bgr, cv::NORM_INF), 0.0);
    }
}

TEST_F(VideoTest, DefaultOptionsSampleEveryTenSeconds)
{
    const auto info = analyseVideo(s_clip);
    ASSERT_TRUE(info) << info.error().toString();
    const auto samples = withReason(*info, "sample");
    ASSERT_EQ(samples.size(), 1u);
    EXPECT_NEAR(static_cast<double>(samples[0].timeMs), 10000.0, 40.0);
    EXPECT_EQ(withReason(*info, "scene").size(), 3u);
}

TEST_F(VideoTest, FrameLongSideScalesKeyframes)
{
    VideoOptions options;
    options.frameLongSide = 100;
    const auto info = analyseVideo(s_clip, options);
    ASSERT_TRUE(info) << info.error().toString();
    for (const Keyframe &k : info->keyframes) {
        EXPECT_EQ(k.bgr.cols, 100);
        EXPECT_EQ(k.bgr.rows, 75);
    }
}

TEST_F(VideoTest, BudgetKeepsFirstStrongestScenesAndSpreadSamples)
{
    VideoOptions options;
    options.sampleIntervalS = 1.0;   // 11 samples, 3 cuts
    options.maxKeyframes = 4;
    const auto info = analyseVideo(s_clip, options);
    ASSERT_TRUE(info) << info.error().toString();
    ASSERT_EQ(info->keyframes.size(), 4u);
    EXPECT_EQ(info->keyframes.front().reason, "first");
    EXPECT_EQ(withReason(*info, "scene").size(), 2u);   // at least half of the 3 free slots
    EXPECT_EQ(withReason(*info, "sample").size(), 1u);

    options.maxKeyframes = 1;
    const auto firstOnly = analyseVideo(s_clip, options);
    ASSERT_TRUE(firstOnly) << firstOnly.error().toString();
    ASSERT_EQ(firstOnly->keyframes.size(), 1u);
    EXPECT_EQ(firstOnly->keyframes.front().reason, "first");
}

TEST_F(VideoTest, SamplesOnlyWhenSceneDetectionOff)
{
    VideoOptions options;
    options.sceneThreshold = 2.0;   // above any distance
    options.sampleIntervalS = 3.0;
    const auto info = analyseVideo(s_clip, options);
    ASSERT_TRUE(info) << info.error().toString();
    ASSERT_EQ(info->keyframes.size(), 4u);   // 0 (first), 3, 6, 9 s
    for (std::size_t i = 1; i < info->keyframes.size(); ++i) {
        EXPECT_EQ(info->keyframes[i].reason, "sample");
        EXPECT_NEAR(static_cast<double>(info->keyframes[i].timeMs), 3000.0 * static_cast<double>(i), 40.0);
    }
}

TEST_F(VideoTest, ContactSheetDimensionsAndContent)
{
    VideoOptions options;
    options.sampleIntervalS = 2.0;
    const auto info = analyseVideo(s_clip, options);
    ASSERT_TRUE(info) << info.error().toString();
    ASSERT_EQ(info->keyframes.size(), 8u);   // first, 4 samples, 3 scenes

    const cv::Mat sheet = contactSheet(info->keyframes, 4, 160);
    ASSERT_FALSE(sheet.empty());
    EXPECT_EQ(sheet.type(), CV_8UC3);
    EXPECT_EQ(sheet.cols, 4 * 160);
    EXPECT_EQ(sheet.rows, 2 * 120);
    // Tile 0 shows the red first frame; its bottom-left corner carries the "0:00" label.
    const cv::Scalar tileCentre = cv::mean(sheet(cv::Rect(40, 30, 80, 60)));
    EXPECT_GT(tileCentre[2], 180);
    EXPECT_LT(tileCentre[0], 60);
    const cv::Mat label = sheet(cv::Rect(0, 100, 40, 20));
    cv::Mat white;
    cv::inRange(label, cv::Scalar(200, 200, 200), cv::Scalar(255, 255, 255), white);
    EXPECT_GT(cv::countNonZero(white), 5);

    const std::vector<Keyframe> two(info->keyframes.begin(), info->keyframes.begin() + 2);
    const cv::Mat small = contactSheet(two, 4, 80);
    EXPECT_EQ(small.cols, 2 * 80);
    EXPECT_EQ(small.rows, 60);
    EXPECT_TRUE(contactSheet({}, 4, 160).empty());
    EXPECT_TRUE(contactSheet(info->keyframes, 0, 160).empty());
    EXPECT_TRUE(contactSheet(info->keyframes, 4, 0).empty());
}

TEST(ContactSheet, PortraitAndEmptyFrames)
{
    std::vector<Keyframe> frames(3);
    frames[0].bgr = cv::Mat(200, 100, CV_8UC3, cv::Scalar(0, 255, 0));
    frames[1].bgr = cv::Mat(50, 50, CV_8UC1, cv::Scalar(128));   // grey, upscaled into the cell
    frames[2].timeMs = 3'723'000;                                 // no image: an empty tile, labelled 1:02:03
    const cv::Mat sheet = contactSheet(frames, 2, 64);
    ASSERT_FALSE(sheet.empty());
    EXPECT_EQ(sheet.cols, 2 * 32);
    EXPECT_EQ(sheet.rows, 2 * 64);
    EXPECT_GT(sheet.at<cv::Vec3b>(20, 16)[1], 200);   // green tile
}

TEST_F(VideoTest, TruncatedClipGivesPartialResultOrError)
{
    TempDir dir;
    const auto bytes = readBytes(s_clip);
    const auto half = std::span<const unsigned char>(bytes).first(bytes.size() / 2);
    const fs::path truncated = dir.path() / "half.mp4";
    writeBytes(truncated, half);
    const auto info = analyseVideo(truncated);
    ASSERT_TRUE(info) << "the index is at the front: the first half should decode (" << info.error().toString() << ")";
    EXPECT_FALSE(info->warnings.empty());
    ASSERT_FALSE(info->keyframes.empty());
    EXPECT_LT(info->keyframes.back().timeMs, 9000);
    EXPECT_LT(info->frameCount, 300);

    // moov at the end (ffmpeg's default): the first half has no index at all.
    const fs::path plain = dir.path() / "plain.mp4";
    ASSERT_TRUE(makeSceneClip(plain, "-c:v mpeg4 -q:v 4"));
    const auto plainBytes = readBytes(plain);
    const auto noIndex = analyseVideo(std::span<const unsigned char>(plainBytes).first(plainBytes.size() / 2));
    ASSERT_FALSE(noIndex);
    EXPECT_EQ(noIndex.error().code, ErrorCode::Corrupt);

    // Every cut point through an AVI: never a crash; results hold only what decodes.
    const fs::path avi = dir.path() / "clip.avi";
    ASSERT_TRUE(makeSceneClip(avi, "-c:v mjpeg -q:v 4"));
    const auto aviBytes = readBytes(avi);
    for (int percent : {1, 5, 30, 50, 90, 99}) {
        const auto cut = std::span<const unsigned char>(aviBytes).first(aviBytes.size() * percent / 100);
        const auto partial = analyseVideo(cut);
        if (partial) {
            EXPECT_FALSE(partial->warnings.empty()) << percent << "%";
            EXPECT_FALSE(partial->keyframes.empty());
        } else {
            EXPECT_EQ(partial.error().code, ErrorCode::Corrupt) << percent << "%: " << partial.error().toString();
        }
    }
}

TEST_F(VideoTest, DamagedMiddleStillDecodes)
{
    auto bytes = readBytes(s_clip);
    std::mt19937 rng(42);
    const std::size_t from = bytes.size() * 4 / 10, to = bytes.size() * 5 / 10;
    for (std::size_t i = from; i < to; ++i)
        bytes[i] = static_cast<unsigned char>(rng());
    const auto info = analyseVideo(std::span<const unsigned char>(bytes));
    ASSERT_TRUE(info) << info.error().toString();
    EXPECT_FALSE(info->warnings.empty());
    EXPECT_TRUE(hasKeyframeNear(*info, 9000, 500, "scene"));   // the part after the damage is still seen
}

TEST(VideoErrors, GarbageEmptyJpegAndMissingFiles)
{
    TempDir dir;
    std::vector<unsigned char> garbage(200'000);
    std::mt19937 rng(7);
    for (auto &b : garbage)
        b = static_cast<unsigned char>(rng());
    const auto fromGarbage = analyseVideo(std::span<const unsigned char>(garbage));
    ASSERT_FALSE(fromGarbage);
    EXPECT_TRUE(fromGarbage.error().code == ErrorCode::Corrupt || fromGarbage.error().code == ErrorCode::Unsupported)
        << fromGarbage.error().toString();

    const fs::path empty = dir.path() / "empty.mp4";
    std::ofstream(empty).close();
    const auto fromEmpty = analyseVideo(empty);
    ASSERT_FALSE(fromEmpty);
    EXPECT_EQ(fromEmpty.error().code, ErrorCode::Corrupt);
    EXPECT_FALSE(analyseVideo(std::span<const unsigned char>()));

    cv::Mat image(240, 320, CV_8UC3);
    cv::randu(image, 0, 255);
    std::vector<unsigned char> jpeg;
    ASSERT_TRUE(cv::imencode(".jpg", image, jpeg));
    const fs::path renamed = dir.path() / "photo.mp4";
    writeBytes(renamed, jpeg);
    const auto fromJpeg = analyseVideo(renamed);
    ASSERT_FALSE(fromJpeg);
    EXPECT_EQ(fromJpeg.error().code, ErrorCode::Unsupported) << fromJpeg.error().toString();

    const auto missing = analyseVideo(dir.path() / "nothing.mp4");
    ASSERT_FALSE(missing);
    EXPECT_EQ(missing.error().code, ErrorCode::NotFound);
    const auto folder = analyseVideo(dir.path());
    ASSERT_FALSE(folder);
    EXPECT_EQ(folder.error().code, ErrorCode::InvalidArgument);
}

TEST(VideoErrors, AudioOnlyFileHasNoVideo)
{
    REQUIRE_FFMPEG();
    TempDir dir;
    const fs::path audio = dir.path() / "tone.mp4";
    ASSERT_TRUE(ffmpeg("-f lavfi -i sine=d=1 -c:a aac " + quoted(audio)));
    const auto info = analyseVideo(audio);
    ASSERT_FALSE(info);
    EXPECT_EQ(info.error().code, ErrorCode::Unsupported);
}

TEST(VideoErrors, PlaylistCannotOpenOtherFiles)
{
    REQUIRE_FFMPEG();
    TempDir dir;
    const fs::path clip = dir.path() / "inner.ts";
    ASSERT_TRUE(ffmpeg("-f lavfi -i testsrc=s=64x48:d=1 -c:v mpeg4 " + quoted(clip)));
    const fs::path playlist = dir.path() / "list.m3u8";
    std::ofstream(playlist) << "#EXTM3U\n#EXT-X-TARGETDURATION:1\n#EXTINF:1.0,\n" << clip.string() << "\n#EXT-X-ENDLIST\n";
    const auto info = analyseVideo(playlist);
    ASSERT_FALSE(info);
    EXPECT_EQ(info.error().code, ErrorCode::Unsupported) << info.error().toString();
}

TEST_F(VideoTest, BombGuards)
{
    VideoOptions options;
    options.maxWidth = 300;
    const auto tooWide = analyseVideo(s_clip, options);
    ASSERT_FALSE(tooWide);
    EXPECT_NE(tooWide.error().message.find("320x240"), std::string::npos) << tooWide.error().message;
    EXPECT_NE(tooWide.error().message.find("300x8192"), std::string::npos) << tooWide.error().message;

    options = {};
    options.maxHeight = 200;
    EXPECT_FALSE(analyseVideo(s_clip, options));

    options = {};
    options.maxDecodedFrames = 50;   // 2 s of 12
    const auto stopped = analyseVideo(s_clip, options);
    ASSERT_TRUE(stopped) << stopped.error().toString();
    ASSERT_FALSE(stopped->warnings.empty());
    EXPECT_NE(stopped->warnings.front().find("50 frames"), std::string::npos) << stopped->warnings.front();
    EXPECT_EQ(stopped->frameCount, 300);   // from the header
    EXPECT_NEAR(static_cast<double>(stopped->durationMs), 12000.0, 100.0);
    // Past the limit, the samples are still taken (by seeking); no scene detection there.
    EXPECT_TRUE(withReason(*stopped, "scene").empty());
    ASSERT_EQ(stopped->keyframes.size(), 2u);
    EXPECT_EQ(stopped->keyframes.back().reason, "sample");
    EXPECT_NEAR(static_cast<double>(stopped->keyframes.back().timeMs), 10000.0, 40.0);
    EXPECT_GT(centreColour(stopped->keyframes.back().bgr)[0], 180);   // blue

    options.sampleIntervalS = 2.0;
    const auto seeked = analyseVideo(s_clip, options);
    ASSERT_TRUE(seeked) << seeked.error().toString();
    ASSERT_EQ(seeked->keyframes.size(), 6u);   // first, 2, 4, 6, 8, 10 s
    for (std::size_t i = 1; i < seeked->keyframes.size(); ++i)
        EXPECT_NEAR(static_cast<double>(seeked->keyframes[i].timeMs), 2000.0 * static_cast<double>(i), 40.0);
    EXPECT_GT(centreColour(seeked->keyframes[1].bgr)[2], 180);   // 2 s: red
    EXPECT_GT(centreColour(seeked->keyframes[5].bgr)[0], 180);   // 10 s: blue

    options.maxKeyframes = 3;   // the grid widens to 4 s: 4 and 8 s
    const auto widened = analyseVideo(s_clip, options);
    ASSERT_TRUE(widened) << widened.error().toString();
    ASSERT_EQ(widened->keyframes.size(), 3u);
    EXPECT_NEAR(static_cast<double>(widened->keyframes[1].timeMs), 4000.0, 40.0);
    EXPECT_NEAR(static_cast<double>(widened->keyframes[2].timeMs), 8000.0, 40.0);

    options = {};
    options.analyseFps = 0;
    const auto badOptions = analyseVideo(s_clip, options);
    ASSERT_FALSE(badOptions);
    EXPECT_EQ(badOptions.error().code, ErrorCode::InvalidArgument);
}

TEST_F(VideoTest, RotatedPhoneVideoMatchesFfmpegAutorotate)
{
    TempDir dir;
    const fs::path rotated = dir.path() / "rotated.mp4";
    const fs::path reference = dir.path() / "reference.png";
    ASSERT_TRUE(ffmpeg("-i " + quoted(s_clip) + " -c copy -metadata:s:v:0 rotate=90 " + quoted(rotated)));
    ASSERT_TRUE(ffmpeg("-i " + quoted(rotated) + " -ss 4 -frames:v 1 " + quoted(reference)));   // in testsrc
    const cv::Mat expected = cv::imread(reference.string());
    ASSERT_FALSE(expected.empty());

    VideoOptions options;
    options.sampleIntervalS = 4.0;
    const auto info = analyseVideo(rotated, options);
    ASSERT_TRUE(info) << info.error().toString();
    EXPECT_EQ(info->width, 320);   // stored size
    const auto samples = withReason(*info, "sample");
    ASSERT_FALSE(samples.empty());
    const cv::Mat &frame = samples.front().bgr;
    ASSERT_EQ(frame.size(), expected.size());
    EXPECT_EQ(frame.cols, 240);
    EXPECT_LT(cv::norm(frame, expected, cv::NORM_L1) / static_cast<double>(frame.total() * 3), 4.0);
}

TEST_F(VideoTest, ConcurrentAnalysesAgree)
{
    const auto reference = analyseVideo(s_clip);
    ASSERT_TRUE(reference) << reference.error().toString();
    const auto bytes = readBytes(s_clip);
    std::vector<std::thread> threads;
    std::atomic<int> mismatches{0};
    for (int i = 0; i < 4; ++i)
        threads.emplace_back([&, i] {
            const auto info = i % 2 ? analyseVideo(std::span<const unsigned char>(bytes)) : analyseVideo(s_clip);
            if (!info || info->keyframes.size() != reference->keyframes.size() ||
                info->frameCount != reference->frameCount)
                ++mismatches;
        });
    for (auto &t : threads)
        t.join();
    EXPECT_EQ(mismatches.load(), 0);
}

// ---- the scene measure itself ----

TEST(SceneMeasure, DistanceOfColourHistograms)
{
    const cv::Mat red(60, 80, CV_8UC3, cv::Scalar(0, 0, 255));
    const cv::Mat blue(60, 80, CV_8UC3, cv::Scalar(255, 0, 0));
    const cv::Mat grey(60, 80, CV_8UC3, cv::Scalar(112, 112, 112));
    cv::Mat half = red.clone();
    half(cv::Rect(0, 0, 40, 60)).setTo(cv::Scalar(255, 0, 0));
    using detail::colourHistogram;
    using detail::histogramDistance;
    EXPECT_DOUBLE_EQ(histogramDistance(colourHistogram(red), colourHistogram(red)), 0.0);
    EXPECT_NEAR(histogramDistance(colourHistogram(red), colourHistogram(blue)), 1.0, 1e-9);
    EXPECT_NEAR(histogramDistance(colourHistogram(grey), colourHistogram(red)), 1.0, 1e-9);
    // Half the picture changed: 1 - sqrt(0.5).
    EXPECT_NEAR(histogramDistance(colourHistogram(red), colourHistogram(half)), std::sqrt(1 - std::sqrt(0.5)), 1e-9);
    // Noise on a grey picture does not look like a cut.
    cv::Mat noisy = grey.clone();
    cv::Mat noise(grey.size(), CV_8UC3);
    cv::randn(noise, 0, 6);
    noisy += noise;
    EXPECT_LT(histogramDistance(colourHistogram(grey), colourHistogram(noisy)), 0.35);

    // The scene score compares quadrants: the same colours moved elsewhere is a change.
    cv::Mat swapped = red.clone();
    swapped(cv::Rect(40, 0, 40, 60)).setTo(cv::Scalar(255, 0, 0));
    EXPECT_NEAR(histogramDistance(colourHistogram(swapped), colourHistogram(half)), 0.0, 1e-9);
    EXPECT_NEAR(detail::sceneDistance(detail::sceneSignature(swapped), detail::sceneSignature(half)), 1.0, 1e-9);
    EXPECT_DOUBLE_EQ(detail::sceneDistance(detail::sceneSignature(half), detail::sceneSignature(half)), 0.0);
}

// ---- the keyframe budget, fed directly ----

cv::Mat hueImage(int hue)
{
    cv::Mat hsv(16, 16, CV_8UC3, cv::Scalar(hue, 220, 220)), bgr;
    cv::cvtColor(hsv, bgr, cv::COLOR_HSV2BGR);
    return bgr;
}

TEST(KeyframeSelector, HourLongVideoKeepsBudgetAndCoverage)
{
    VideoOptions options;   // samples every 10 s, 24 keyframes, 2 examined frames a second
    detail::KeyframeSelector selector(options);
    const int hues[] = {0, 30, 60, 90, 120, 150};
    int wanted = 0;
    for (std::int64_t t = 0; t < 3'600'000; t += 40) {   // 25 fps
        if (!selector.wantsFrame(t))
            continue;
        ++wanted;
        selector.addFrame(t, hueImage(hues[(t / 100'000) % 6]));   // a cut every 100 s
    }
    EXPECT_EQ(wanted, 7200);   // exactly the 0.5 s grid
    const auto keyframes = selector.finish();
    ASSERT_EQ(keyframes.size(), 24u);
    std::map<std::string, int> reasons;
    for (const Keyframe &k : keyframes)
        ++reasons[k.reason];
    EXPECT_EQ(reasons["first"], 1);
    EXPECT_EQ(reasons["scene"], 12);   // ceil(23 / 2) of the 35 cuts
    EXPECT_EQ(reasons["sample"], 11);
    for (const Keyframe &k : keyframes) {
        if (k.reason == "scene") {
            EXPECT_EQ(k.timeMs % 100'000, 0) << k.timeMs;
        }
    }
    // The samples span the hour rather than bunching at the start.
    const auto samples = std::count_if(keyframes.begin(), keyframes.end(), [](const Keyframe &k) {
        return k.reason == "sample" && k.timeMs > 3'000'000;
    });
    EXPECT_GE(samples, 1);
}

TEST(KeyframeSelector, RemainingSamplesFitTheBudgetWhateverTheDuration)
{
    VideoOptions options;
    options.sampleIntervalS = 1.0;
    options.maxKeyframes = 5;
    const auto feed = [&](detail::KeyframeSelector &selector) {
        for (std::int64_t t = 0; t <= 2000; t += 500)
            selector.addFrame(t, hueImage(0));   // samples at 1 and 2 s
    };
    detail::KeyframeSelector absurd(options);
    feed(absurd);
    const auto times = absurd.remainingSampleTimes(2000, std::numeric_limits<std::int64_t>::max());
    EXPECT_LE(times.size() + absurd.finish().size(), 5u);

    detail::KeyframeSelector selector(options);
    feed(selector);
    // 3..9 s on the 1 s grid would be too many: the grid widens to 2 s (the 1 s sample goes).
    const auto more = selector.remainingSampleTimes(2000, 10'000);
    EXPECT_EQ(more, (std::vector<std::int64_t>{4000, 6000, 8000}));
    for (std::int64_t t : more)
        selector.addSeekedSample(t, hueImage(60));
    const auto keyframes = selector.finish();
    ASSERT_EQ(keyframes.size(), 5u);
    for (std::size_t i = 1; i < keyframes.size(); ++i)
        EXPECT_EQ(keyframes[i].timeMs, 2000 * static_cast<std::int64_t>(i));
}

} // namespace
} // namespace vigil::media
