// SPDX-License-Identifier: GPL-3.0-or-later
// Real sample files for the carver tests, made at test time by the real libraries and tools:
// OpenCV (JPEG, PNG, BMP, WebP), giflib (GIF), ffmpeg (MP4, MOV, AVI), SQLite (database and
// WAL), libarchive (ZIP) and a small PDF writer here. All pictures are generated patterns.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace carvetest {

using Bytes = std::vector<unsigned char>;

struct Sample {
    std::string type;   // CarvedItem::type it must be carved as
    std::string name;   // for messages: "jpeg-progressive"
    Bytes bytes;
};

// One (or more) sample of every carver type, each made on first use. Videos are missing when
// ffmpeg is.
const std::vector<Sample> &samples();
// The first sample of `type`, or nullptr.
const Sample *sampleOf(const std::string &type);
// The sample called `name` ("jpeg-progressive"), or nullptr (unknown, or a video without ffmpeg).
const Sample *sampleNamed(const std::string &name);

Bytes noise(std::size_t size, std::uint32_t seed);

// Generators, also used directly by tests that need variants.
Bytes makeJpeg(int width, int height, int seed, const std::vector<int> &params = {});
Bytes makeImage(const std::string &extension, int width, int height, int seed, const std::vector<int> &params = {});
Bytes makeGif(int width, int height, int frames, int seed);
Bytes makePdf(bool incrementalUpdate);
struct ZipEntry {
    std::string name;
    Bytes data;
};
Bytes makeZip(const std::vector<ZipEntry> &entries, bool streamed, bool stored = false);
Bytes makeSqlite(int pageSize, int rows);
struct WalPair {
    Bytes db;
    Bytes wal;
};
WalPair makeWal(int rows, bool restartOnce);
bool haveFfmpeg();
Bytes makeVideo(const std::string &extension, const std::string &codecArgs);

// A JPEG with an EXIF-like APP1 segment that holds a whole thumbnail JPEG.
struct JpegWithThumbnail {
    Bytes bytes;
    std::size_t thumbnailOffset = 0;
    std::size_t thumbnailLength = 0;
};
JpegWithThumbnail makeJpegWithThumbnail();

} // namespace carvetest
