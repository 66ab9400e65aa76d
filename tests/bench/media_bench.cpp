// SPDX-License-Identifier: GPL-3.0-or-later
// Media throughput: N generated 12-megapixel JPEGs (with EXIF) through what the ingest does
// to each image: MD5 + SHA-1 → reduced-size decode → thumbnail → PDQ → pHash → EXIF, on one
// and on all cores; faces on a subset; the raw reduced-decode ceiling for comparison.
//   media_bench [COUNT=1000] [WIDTH=4000] [HEIGHT=3000]
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <random>
#include <thread>
#include <vector>

#include <exiv2/exiv2.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "core/pipeline/mediaanalyser.h"
#include "core/util/hashing.h"

using Clock = std::chrono::steady_clock;
using Bytes = std::vector<unsigned char>;

namespace {

// A photo-like picture: smooth gradients, shapes and mild noise (JPEG size ~1-2 MB at q90).
Bytes makeJpeg(int w, int h, int seed)
{
    cv::Mat img(h, w, CV_8UC3);
    for (int y = 0; y < h; ++y) {
        auto *row = img.ptr<cv::Vec3b>(y);
        for (int x = 0; x < w; ++x)
            row[x] = cv::Vec3b(uchar((x * 255 / w + seed * 7) & 255), uchar((y * 255 / h + seed * 13) & 255),
                               uchar(((x + y) / 16 + seed) & 255));
    }
    std::mt19937 rng(static_cast<unsigned>(seed));
    for (int i = 0; i < 40; ++i)
        cv::circle(img, {int(rng() % w), int(rng() % h)}, int(50 + rng() % 400),
                   cv::Scalar(rng() % 256, rng() % 256, rng() % 256), -1, cv::LINE_AA);
    cv::Mat noise(h, w, CV_8UC3);
    cv::randn(noise, cv::Scalar::all(0), cv::Scalar::all(6));
    img += noise;
    Bytes out;
    cv::imencode(".jpg", img, out, {cv::IMWRITE_JPEG_QUALITY, 90});
    auto image = Exiv2::ImageFactory::open(out.data(), static_cast<long>(out.size()));
    image->readMetadata();
    Exiv2::ExifData exif;
    exif["Exif.Image.Make"] = "BenchCam";
    exif["Exif.Image.Model"] = "Model " + std::to_string(seed % 5);
    exif["Exif.Photo.DateTimeOriginal"] = "2024:03:12 15:30:05";
    exif["Exif.GPSInfo.GPSLatitudeRef"] = "N";
    Exiv2::URationalValue latitude;
    latitude.read("51/1 30/1 0/1");
    exif["Exif.GPSInfo.GPSLatitude"] = latitude;
    image->setExifData(exif);
    image->writeMetadata();
    Exiv2::BasicIo &io = image->io();
    io.seek(0, Exiv2::BasicIo::beg);
    Bytes tagged(io.size());
    io.read(tagged.data(), static_cast<long>(tagged.size()));
    return tagged;
}

double run(const std::vector<Bytes> &images, unsigned threads, std::size_t count,
           const std::function<void(const Bytes &, int)> &work)
{
    std::atomic<std::size_t> next{0};
    const auto t0 = Clock::now();
    std::vector<std::thread> pool;
    for (unsigned t = 0; t < threads; ++t)
        pool.emplace_back([&, t] {
            for (std::size_t i = next++; i < count; i = next++)
                work(images[i % images.size()], static_cast<int>(t));
        });
    for (auto &th : pool)
        th.join();
    return std::chrono::duration<double>(Clock::now() - t0).count();
}

void report(const char *what, std::size_t n, double secs, double mib)
{
    std::printf("%-58s %6zu images %7.2f s %7.1f images/s %7.1f MiB/s\n", what, n, secs, n / secs, mib / secs);
}

} // namespace

int main(int argc, char **argv)
{
    const std::size_t count = argc > 1 ? std::strtoul(argv[1], nullptr, 10) : 1000;
    const int w = argc > 2 ? std::atoi(argv[2]) : 4000, h = argc > 3 ? std::atoi(argv[3]) : 3000;
    const unsigned cores = std::max(1u, std::thread::hardware_concurrency());
    std::printf("generating %zu JPEGs of %dx%d (%.1f MP) on %u cores...\n", count, w, h, w * h / 1e6, cores);
    std::vector<Bytes> images(count);
    run(images, cores, count, [&](const Bytes &, int) {});   // warm-up of the pool code path
    {
        std::atomic<std::size_t> next{0};
        std::vector<std::thread> pool;
        for (unsigned t = 0; t < cores; ++t)
            pool.emplace_back([&] {
                for (std::size_t i = next++; i < count; i = next++)
                    images[i] = makeJpeg(w, h, static_cast<int>(i));
            });
        for (auto &th : pool)
            th.join();
    }
    double mib = 0;
    for (const auto &b : images)
        mib += b.size() / 1048576.0;
    std::printf("average JPEG %.2f MiB\n", mib / count);

    const auto reduced = [](const Bytes &b, int) { (void)cv::imdecode(b, cv::IMREAD_REDUCED_COLOR_8); };
    report("ceiling: OpenCV reduced (1/8) decode only, 1 core", count / 4, run(images, 1, count / 4, reduced), mib / 4);
    report("ceiling: OpenCV reduced (1/8) decode only, all cores", count, run(images, cores, count, reduced), mib);

    std::vector<std::unique_ptr<vigil::pipeline::MediaAnalyser>> analysers;
    for (unsigned t = 0; t < cores; ++t)
        analysers.push_back(std::make_unique<vigil::pipeline::MediaAnalyser>(vigil::pipeline::MediaOptions{true, false, {}, 60, 256}));
    std::atomic<int> failed{0};
    const auto full = [&](const Bytes &b, int t) {
        vigil::MultiHasher hasher(vigil::HashMd5 | vigil::HashSha1);
        hasher.update(b.data(), b.size());
        (void)hasher.finish();
        auto rec = analysers[static_cast<std::size_t>(t)]->analyse(b, "jpeg", 1, 1);
        if (rec.status != "analysed" || rec.pdq.size() != 64 || rec.cameraMake != "BenchCam")
            ++failed;
    };
    report("MD5+SHA-1, decode, thumbnail, PDQ, pHash, EXIF: 1 core", count / 4, run(images, 1, count / 4, full), mib / 4);
    report("MD5+SHA-1, decode, thumbnail, PDQ, pHash, EXIF: all cores", count, run(images, cores, count, full), mib);

    std::vector<std::unique_ptr<vigil::pipeline::MediaAnalyser>> withFaces;
    for (unsigned t = 0; t < cores; ++t)
        withFaces.push_back(std::make_unique<vigil::pipeline::MediaAnalyser>(vigil::pipeline::MediaOptions{}));
    const auto faces = [&](const Bytes &b, int t) { (void)withFaces[static_cast<std::size_t>(t)]->analyse(b, "jpeg", 1, 1); };
    const std::size_t nf = std::min<std::size_t>(count, 200);
    report("the same plus faces (default, from 60 px): all cores", nf, run(images, cores, nf, faces), mib * nf / count);
    std::vector<std::unique_ptr<vigil::pipeline::MediaAnalyser>> smallFaces;
    for (unsigned t = 0; t < cores; ++t)
        smallFaces.push_back(std::make_unique<vigil::pipeline::MediaAnalyser>(vigil::pipeline::MediaOptions{true, true, {}, 40, 256}));
    const auto small = [&](const Bytes &b, int t) { (void)smallFaces[static_cast<std::size_t>(t)]->analyse(b, "jpeg", 1, 1); };
    report("the same plus faces from 40 px (--min-face 40): all cores", nf, run(images, cores, nf, small), mib * nf / count);
    std::printf("images not fully analysed: %d\n", failed.load());
    return failed.load() ? 1 : 0;
}
