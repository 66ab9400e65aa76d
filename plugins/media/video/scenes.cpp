// SPDX-License-Identifier: GPL-3.0-or-later
#include "plugins/media/video/scenes.h"

#include <algorithm>
#include <cmath>

#include <opencv2/imgproc.hpp>

namespace vigil::media::detail {

namespace {

// Below these (OpenCV 8-bit HSV: S and V in 0..255) a pixel's hue is mostly noise.
constexpr int kMinSaturation = 40;
constexpr int kMinValue = 32;
constexpr int kHigh = 128;   // upper half of saturation / value
// Longer than any real video (about 34 years); bounds sample arithmetic on damaged headers.
constexpr std::int64_t kLongestVideoMs = std::int64_t{1} << 40;

int histogramBin(const cv::Vec3b &hsv)
{
    const int h = hsv[0], s = hsv[1], v = hsv[2];
    if (s < kMinSaturation || v < kMinValue)
        return v * kGreyBins / 256;
    const int hue = std::min(kHueBins - 1, h * kHueBins / 180);
    return kGreyBins + (hue * 2 + (s >= kHigh ? 1 : 0)) * 2 + (v >= kHigh ? 1 : 0);
}

// The first multiple of step after t (t >= 0).
std::int64_t nextGridPoint(std::int64_t t, std::int64_t step)
{
    return (t / step + 1) * step;
}

std::int64_t toMs(double seconds)
{
    return static_cast<std::int64_t>(std::llround(seconds * 1000.0));
}

// `keep` of `items`, evenly spread over their order.
std::vector<Keyframe> thinEvenly(const std::vector<Keyframe> &items, std::size_t keep)
{
    if (keep >= items.size())
        return items;
    std::vector<Keyframe> out;
    for (std::size_t i = 0; i < keep; ++i)
        out.push_back(items[(2 * i + 1) * items.size() / (2 * keep)]);
    return out;
}

std::vector<Keyframe> strongest(std::vector<Keyframe> items, std::size_t keep)
{
    std::stable_sort(items.begin(), items.end(),
                     [](const Keyframe &a, const Keyframe &b) { return a.sceneScore > b.sceneScore; });
    items.resize(std::min(keep, items.size()));
    return items;
}

// Adds the pixels of `hsv` to the histogram of their quadrant (one quadrant when `quadrants` is false).
void accumulate(const cv::Mat &hsv, bool quadrants, SceneSignature &out)
{
    const int midX = hsv.cols / 2, midY = hsv.rows / 2;
    for (int y = 0; y < hsv.rows; ++y) {
        const auto *row = hsv.ptr<cv::Vec3b>(y);
        const std::size_t top = quadrants && y >= midY ? 2 : 0;
        for (int x = 0; x < hsv.cols; ++x) {
            const std::size_t q = top + (quadrants && x >= midX ? 1 : 0);
            out[q][static_cast<std::size_t>(histogramBin(row[x]))] += 1.0;
        }
    }
    for (ColourHistogram &hist : out) {
        double total = 0;
        for (double bin : hist)
            total += bin;
        if (total > 0)
            for (double &bin : hist)
                bin /= total;
    }
}

cv::Mat toHsv(const cv::Mat &bgr)
{
    cv::Mat hsv;
    if (!bgr.empty() && bgr.type() == CV_8UC3)
        cv::cvtColor(bgr, hsv, cv::COLOR_BGR2HSV);
    return hsv;
}

} // namespace

ColourHistogram colourHistogram(const cv::Mat &bgr)
{
    SceneSignature sig{};
    accumulate(toHsv(bgr), false, sig);
    return sig[0];
}

double histogramDistance(const ColourHistogram &a, const ColourHistogram &b)
{
    double overlap = 0;
    for (std::size_t i = 0; i < a.size(); ++i)
        overlap += std::sqrt(a[i] * b[i]);
    return std::sqrt(std::max(0.0, 1.0 - overlap));
}

SceneSignature sceneSignature(const cv::Mat &bgr)
{
    SceneSignature sig{};
    accumulate(toHsv(bgr), true, sig);
    return sig;
}

double sceneDistance(const SceneSignature &a, const SceneSignature &b)
{
    double sum = 0;
    for (std::size_t q = 0; q < a.size(); ++q)
        sum += histogramDistance(a[q], b[q]);
    return sum / static_cast<double>(a.size());
}

KeyframeSelector::KeyframeSelector(const VideoOptions &options)
    : m_analyseStepMs(std::max<std::int64_t>(1, toMs(1.0 / options.analyseFps))),
      m_sampleStepMs(options.sampleIntervalS > 0 ? std::max<std::int64_t>(1, toMs(options.sampleIntervalS)) : 0),
      m_threshold(options.sceneThreshold),
      m_reserve(static_cast<std::size_t>(std::max(0, options.maxKeyframes - 1)))
{
}

bool KeyframeSelector::wantsFrame(std::int64_t timeMs) const
{
    return !m_first || timeMs >= m_nextAnalyseMs || (m_sampleStepMs > 0 && timeMs >= m_nextSampleMs);
}

void KeyframeSelector::addFrame(std::int64_t timeMs, const cv::Mat &bgr)
{
    timeMs = std::max<std::int64_t>(0, timeMs);
    const SceneSignature signature = sceneSignature(bgr);
    const double score = m_previous ? sceneDistance(*m_previous, signature) : 0.0;
    m_previous = signature;
    m_nextAnalyseMs = nextGridPoint(timeMs, m_analyseStepMs);
    if (!m_first) {
        m_first = Keyframe{timeMs, "first", 0.0, bgr};
        m_nextSampleMs = m_sampleStepMs > 0 ? nextGridPoint(timeMs, m_sampleStepMs) : 0;
        return;
    }
    if (m_sampleStepMs > 0 && timeMs >= m_nextSampleMs) {
        addSample(Keyframe{timeMs, "sample", score, bgr});
        m_nextSampleMs = nextGridPoint(timeMs, m_sampleStepMs * m_sampleFactor);
    }
    if (score >= m_threshold)
        addScene(Keyframe{timeMs, "scene", score, bgr});
}

// Keeps at most m_reserve samples: when there are more, every other grid point is dropped and
// the interval doubled, so memory stays bounded however long the video.
void KeyframeSelector::addSample(const Keyframe &frame)
{
    if (m_reserve == 0)
        return;
    m_samples.push_back(frame);
    while (m_samples.size() > m_reserve)
        widenSampleGrid();
}

void KeyframeSelector::widenSampleGrid()
{
    const std::size_t before = m_samples.size();
    m_sampleFactor *= 2;
    const std::int64_t step = m_sampleStepMs * m_sampleFactor;
    std::erase_if(m_samples, [step](const Keyframe &k) { return (k.timeMs / (step / 2)) % 2 != 0; });
    if (m_samples.size() > m_reserve && m_samples.size() == before)   // off-grid times: every other one
        m_samples = thinEvenly(m_samples, m_samples.size() / 2);
}

std::vector<std::int64_t> KeyframeSelector::remainingSampleTimes(std::int64_t fromMs, std::int64_t endMs)
{
    std::vector<std::int64_t> times;
    endMs = std::min(endMs, kLongestVideoMs);   // a damaged header may claim anything
    fromMs = std::max<std::int64_t>(0, fromMs);
    if (m_sampleStepMs <= 0 || m_reserve == 0 || endMs <= fromMs)
        return times;
    for (;;) {
        const std::int64_t step = m_sampleStepMs * m_sampleFactor;
        const std::int64_t first = nextGridPoint(fromMs, step);
        const std::int64_t count = first < endMs ? (endMs - 1 - first) / step + 1 : 0;
        if (m_samples.size() + static_cast<std::size_t>(count) <= m_reserve) {
            for (std::int64_t t = first; t < endMs; t += step)
                times.push_back(t);
            return times;
        }
        widenSampleGrid();
    }
}

void KeyframeSelector::addSeekedSample(std::int64_t timeMs, const cv::Mat &bgr)
{
    addSample(Keyframe{std::max<std::int64_t>(0, timeMs), "sample", 0.0, bgr});
    m_previous.reset();
}

// Keeps the m_reserve strongest scene changes seen so far.
void KeyframeSelector::addScene(const Keyframe &frame)
{
    if (m_reserve == 0)
        return;
    m_scenes.push_back(frame);
    if (m_scenes.size() > m_reserve)
        m_scenes = strongest(std::move(m_scenes), m_reserve);
}

std::vector<Keyframe> KeyframeSelector::finish() const
{
    std::vector<Keyframe> out;
    if (!m_first)
        return out;
    out.push_back(*m_first);
    std::vector<Keyframe> scenes = m_scenes, samples = m_samples;
    if (scenes.size() + samples.size() > m_reserve) {
        const std::size_t sceneKeep = std::min(scenes.size(), std::max((m_reserve + 1) / 2, m_reserve - std::min(m_reserve, samples.size())));
        scenes = strongest(std::move(scenes), sceneKeep);
        samples = thinEvenly(samples, m_reserve - sceneKeep);
    }
    out.insert(out.end(), scenes.begin(), scenes.end());
    for (const Keyframe &sample : samples) {
        const bool duplicate = std::any_of(scenes.begin(), scenes.end(),
                                           [&](const Keyframe &s) { return s.timeMs == sample.timeMs; });
        if (!duplicate)
            out.push_back(sample);
    }
    std::stable_sort(out.begin(), out.end(), [](const Keyframe &a, const Keyframe &b) { return a.timeMs < b.timeMs; });
    return out;
}

} // namespace vigil::media::detail
