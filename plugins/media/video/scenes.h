// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Internal: the scene-change measure and the choice of keyframes under the budget.

#include <array>
#include <cstdint>
#include <optional>
#include <vector>

#include <opencv2/core/mat.hpp>

#include "plugins/media/video/video.h"

namespace vigil::media::detail {

// 8 grey levels for pixels too dark or too pale to have a reliable hue, then 12 hues x 2
// saturations x 2 values for the colourful ones; normalised to sum 1.
inline constexpr int kGreyBins = 8;
inline constexpr int kHueBins = 12;
inline constexpr int kHistogramBins = kGreyBins + kHueBins * 2 * 2;
using ColourHistogram = std::array<double, kHistogramBins>;

ColourHistogram colourHistogram(const cv::Mat &bgr);

// Hellinger distance sqrt(1 - sum sqrt(p_i q_i)): 0 for equal histograms, 1 for disjoint ones.
double histogramDistance(const ColourHistogram &a, const ColourHistogram &b);

// The colour histograms of the four quadrants of a picture: two shots with the same colours
// in other places (test cards, one room from two sides) still differ.
using SceneSignature = std::array<ColourHistogram, 4>;
SceneSignature sceneSignature(const cv::Mat &bgr);
// The mean of the quadrants' histogram distances, 0..1: the scene score.
double sceneDistance(const SceneSignature &a, const SceneSignature &b);

// Fed the decoded frames in order; decides which ones to look at and which become keyframes.
class KeyframeSelector {
public:
    explicit KeyframeSelector(const VideoOptions &options);

    // Whether the frame at timeMs should be converted and passed to addFrame.
    bool wantsFrame(std::int64_t timeMs) const;
    void addFrame(std::int64_t timeMs, const cv::Mat &bgr);
    // The chosen keyframes in time order.
    std::vector<Keyframe> finish() const;

    // When linear decoding stopped at fromMs: the sample times still to be taken up to endMs
    // (by seeking), on a grid widened so that they fit the budget.
    std::vector<std::int64_t> remainingSampleTimes(std::int64_t fromMs, std::int64_t endMs);
    // A sample found by seeking (no scene comparison: the frame before it was not seen).
    void addSeekedSample(std::int64_t timeMs, const cv::Mat &bgr);

private:
    void addSample(const Keyframe &frame);
    void widenSampleGrid();
    void addScene(const Keyframe &frame);

    std::int64_t m_analyseStepMs;
    std::int64_t m_sampleStepMs;   // 0: no samples
    double m_threshold;
    std::size_t m_reserve;         // keyframe slots besides the first frame
    std::int64_t m_sampleFactor = 1;   // samples are taken every m_sampleFactor steps
    std::int64_t m_nextAnalyseMs = 0;
    std::int64_t m_nextSampleMs = 0;
    std::optional<Keyframe> m_first;
    std::optional<SceneSignature> m_previous;
    std::vector<Keyframe> m_samples;
    std::vector<Keyframe> m_scenes;
};

} // namespace vigil::media::detail
