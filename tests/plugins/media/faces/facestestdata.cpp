// SPDX-License-Identifier: GPL-3.0-or-later
#include "tests/plugins/media/faces/facestestdata.h"

#include <gtest/gtest.h>

#include <opencv2/imgcodecs.hpp>

#include <atomic>
#include <fstream>
#include <map>
#include <memory>
#include <random>

#include <unistd.h>

namespace vigil::media::test {

std::filesystem::path examplesDir()
{
    return std::filesystem::path(VIGIL_EXTERNAL_DATA) / "faces" / "face_recognition" / "examples";
}

bool haveExamples()
{
    return std::filesystem::is_regular_file(examplesDir() / "obama.jpg");
}

const FaceDetector *sharedDetector()
{
    static auto detector = FaceDetector::create();
    if (!detector) {
        ADD_FAILURE() << "face detector: " << detector.error().toString();
        return nullptr;
    }
    return detector->get();
}

const cv::Mat &cachedImage(const std::filesystem::path &file)
{
    static std::map<std::filesystem::path, cv::Mat> images;
    auto it = images.find(file);
    if (it == images.end())
        it = images.emplace(file, cv::imread(file.string(), cv::IMREAD_COLOR)).first;
    return it->second;
}

const std::vector<Face> &cachedFaces(const std::filesystem::path &file)
{
    static std::map<std::filesystem::path, std::vector<Face>> faces;
    auto it = faces.find(file);
    if (it != faces.end())
        return it->second;
    std::vector<Face> found;
    if (const FaceDetector *detector = sharedDetector()) {
        auto result = detector->detect(cachedImage(file));
        if (result)
            found = std::move(*result);
        else
            ADD_FAILURE() << file << ": " << result.error().toString();
    }
    return faces.emplace(file, std::move(found)).first->second;
}

std::filesystem::path freshTempDir(const std::string &tag)
{
    static std::atomic<int> counter{0};
    const auto dir = std::filesystem::temp_directory_path() /
                     ("vigil-faces-" + tag + "-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    return dir;
}

void writeBytes(const std::filesystem::path &file, const std::string &bytes)
{
    std::ofstream out(file, std::ios::binary);
    out.write(bytes.data(), std::streamsize(bytes.size()));
}

std::string randomBytes(std::size_t n, unsigned seed)
{
    std::mt19937 rng(seed);
    std::string bytes(n, '\0');
    for (char &c : bytes)
        c = char(rng() & 0xff);
    return bytes;
}

} // namespace vigil::media::test
