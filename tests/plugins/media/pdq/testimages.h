// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Generated test pictures and the external PDQ reference data (ThreatExchange).

#include <opencv2/core/mat.hpp>

#include <cstdint>
#include <filesystem>
#include <map>
#include <string>

namespace vigil::media::test {

std::filesystem::path pdqDataDir();                  // VIGIL_EXTERNAL_DATA/pdq
bool havePdqData();
std::map<std::string, std::string> referenceHexByFileName();   // from PDQMD5TestData.csv
cv::Mat loadImage(const std::filesystem::path &path);          // cv::imread, full size, BGR

cv::Mat noiseImage(int width, int height, std::uint64_t seed);
cv::Mat gradientImage(int width, int height);
// An asymmetric drawn scene (shapes, lines, text): no rotation or mirror maps it onto itself.
cv::Mat sceneImage(int width, int height);

} // namespace vigil::media::test
