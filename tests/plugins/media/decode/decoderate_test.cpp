// SPDX-License-Identifier: GPL-3.0-or-later
// Decode rate of a 12-megapixel JPEG (4000x3000, noise and shapes, quality 90) on one core:
// reduced (DCT scaling) against full decoding, ours against OpenCV's imdecode. Prints the
// figures (best of several runs); fails only if reducing is not clearly faster than decoding
// at full size.

#include "plugins/media/decode/decode.h"
#include "tests/plugins/media/decode/testimages.h"

#include <gtest/gtest.h>

#include <opencv2/core/utility.hpp>
#include <opencv2/imgcodecs.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <functional>

namespace vigil::media::test {
namespace {

// From the fastest of `runs` decodes: robust against other processes on a shared machine.
double decodesPerSecond(int runs, const std::function<void()> &decode)
{
    decode();   // warm-up
    double fastest = 1e9;
    for (int i = 0; i < runs; ++i) {
        const auto start = std::chrono::steady_clock::now();
        decode();
        const std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - start;
        fastest = std::min(fastest, elapsed.count());
    }
    return 1.0 / fastest;
}

TEST(DecodeRateTest, TwelveMegapixelJpegReducedVersusFull)
{
    const int threads = cv::getNumThreads();
    cv::setNumThreads(1);   // one core
    const Bytes jpeg = encodeJpeg(drawScene(4000, 3000, 41, true), 90);

    auto ours = [&](int minLongSide) {
        return [&, minLongSide] {
            DecodeOptions options;
            options.minLongSide = minLongSide;
            ASSERT_TRUE(decodeImage(jpeg, options));
        };
    };
    auto openCv = [&](int flags) {
        return [&, flags] { ASSERT_FALSE(cv::imdecode(jpeg, flags | cv::IMREAD_IGNORE_ORIENTATION).empty()); };
    };
    const double full = decodesPerSecond(3, ours(100'000));
    const double quarter = decodesPerSecond(8, ours(512));
    const double eighth = decodesPerSecond(8, ours(0));
    const double cvFull = decodesPerSecond(3, openCv(cv::IMREAD_COLOR));
    const double cvEighth = decodesPerSecond(8, openCv(cv::IMREAD_REDUCED_COLOR_8));
    cv::setNumThreads(threads);

    std::printf("12 MP JPEG (%zu bytes), decodes/s on one core:\n"
                "  decodeImage full size      %6.1f\n"
                "  decodeImage 1/4 (>= 512)   %6.1f\n"
                "  decodeImage 1/8            %6.1f\n"
                "  cv::imdecode full          %6.1f\n"
                "  cv::imdecode REDUCED_8     %6.1f\n",
                jpeg.size(), full, quarter, eighth, cvFull, cvEighth);
    RecordProperty("full", std::to_string(full));
    RecordProperty("quarter", std::to_string(quarter));
    RecordProperty("eighth", std::to_string(eighth));
    EXPECT_GT(quarter, 1.4 * full);
    EXPECT_GT(eighth, 1.4 * full);
}

} // namespace
} // namespace vigil::media::test
