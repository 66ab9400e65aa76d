// SPDX-License-Identifier: GPL-3.0-or-later
#include "tests/plugins/media/pdq/testimages.h"

#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <fstream>

namespace vigil::media::test {

std::filesystem::path pdqDataDir()
{
    return std::filesystem::path(VIGIL_EXTERNAL_DATA) / "pdq";
}

bool havePdqData()
{
    return std::filesystem::exists(pdqDataDir() / "PDQMD5TestData.csv");
}

std::map<std::string, std::string> referenceHexByFileName()
{
    std::map<std::string, std::string> out;
    std::ifstream in(pdqDataDir() / "PDQMD5TestData.csv");
    std::string line;
    while (std::getline(in, line)) {
        while (!line.empty() && (line.back() == '\r' || line.back() == ' '))
            line.pop_back();
        const auto comma = line.rfind(',');
        if (comma == std::string::npos || line.size() - comma - 1 != 64)
            continue;   // header, and the 32-digit video (TMK) rows
        out[std::filesystem::path(line.substr(0, comma)).filename().string()] = line.substr(comma + 1);
    }
    return out;
}

cv::Mat loadImage(const std::filesystem::path &path)
{
    return cv::imread(path.string(), cv::IMREAD_COLOR);
}

cv::Mat noiseImage(int width, int height, std::uint64_t seed)
{
    cv::Mat m(height, width, CV_8UC3);
    cv::RNG rng(seed);
    rng.fill(m, cv::RNG::UNIFORM, 0, 256);
    return m;
}

cv::Mat gradientImage(int width, int height)
{
    cv::Mat m(height, width, CV_8UC3);
    for (int y = 0; y < height; ++y)
        for (int x = 0; x < width; ++x)
            m.at<cv::Vec3b>(y, x) = cv::Vec3b(static_cast<uchar>(255 * x / width), static_cast<uchar>(255 * y / height),
                                              static_cast<uchar>(255 * (x + y) / (width + height)));
    return m;
}

cv::Mat sceneImage(int width, int height)
{
    cv::Mat m(height, width, CV_8UC3, cv::Scalar(235, 225, 210));
    const auto at = [&](double fx, double fy) { return cv::Point(static_cast<int>(fx * width), static_cast<int>(fy * height)); };
    const int unit = std::max(1, std::min(width, height) / 20);
    cv::rectangle(m, at(0.05, 0.08), at(0.45, 0.40), cv::Scalar(40, 60, 200), cv::FILLED);
    cv::circle(m, at(0.72, 0.30), 4 * unit, cv::Scalar(30, 160, 40), cv::FILLED);
    cv::ellipse(m, at(0.30, 0.75), cv::Size(6 * unit, 2 * unit), 25, 0, 360, cv::Scalar(200, 90, 20), cv::FILLED);
    cv::line(m, at(0.55, 0.95), at(0.95, 0.55), cv::Scalar(20, 20, 20), unit);
    cv::rectangle(m, at(0.62, 0.62), at(0.80, 0.88), cv::Scalar(0, 200, 255), cv::FILLED);
    cv::putText(m, "Vigil 7", at(0.05, 0.55), cv::FONT_HERSHEY_SIMPLEX, unit / 12.0, cv::Scalar(90, 0, 90),
                std::max(1, unit / 3));
    return m;
}

} // namespace vigil::media::test
