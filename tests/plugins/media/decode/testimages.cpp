// SPDX-License-Identifier: GPL-3.0-or-later
#include "tests/plugins/media/decode/testimages.h"

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <atomic>
#include <cstring>
#include <fstream>
#include <iterator>
#include <stdexcept>

#include <gif_lib.h>
#include <libheif/heif.h>
#include <unistd.h>

namespace vigil::media::test {

namespace {

void putLe(Bytes &out, std::uint64_t value, int bytes)
{
    for (int i = 0; i < bytes; ++i)
        out.push_back(static_cast<unsigned char>(value >> (8 * i)));
}

void putBe(Bytes &out, std::uint64_t value, int bytes)
{
    for (int i = bytes - 1; i >= 0; --i)
        out.push_back(static_cast<unsigned char>(value >> (8 * i)));
}

void putText(Bytes &out, const char *text)
{
    out.insert(out.end(), text, text + std::strlen(text));
}

// CRC-32 (ISO-HDLC, reflected polynomial 0xEDB88320) as PNG uses it.
std::uint32_t crc32(const unsigned char *data, std::size_t size)
{
    std::uint32_t crc = 0xFFFFFFFFu;
    for (std::size_t i = 0; i < size; ++i) {
        crc ^= data[i];
        for (int bit = 0; bit < 8; ++bit)
            crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1u)));
    }
    return ~crc;
}

// A PNG chunk: length, type, data, CRC of type+data.
Bytes pngChunk(const char *type, const Bytes &data)
{
    Bytes chunk;
    putBe(chunk, data.size(), 4);
    putText(chunk, type);
    chunk.insert(chunk.end(), data.begin(), data.end());
    putBe(chunk, crc32(chunk.data() + 4, chunk.size() - 4), 4);
    return chunk;
}

int writeGifToMemory(GifFileType *gif, const GifByteType *data, int length)
{
    auto *out = static_cast<Bytes *>(gif->UserData);
    out->insert(out->end(), data, data + length);
    return length;
}

std::vector<int> gifRowOrder(int height, bool interlaced)
{
    std::vector<int> rows;
    if (!interlaced) {
        for (int y = 0; y < height; ++y)
            rows.push_back(y);
        return rows;
    }
    const int start[] = {0, 4, 2, 1}, step[] = {8, 8, 4, 2};
    for (int pass = 0; pass < 4; ++pass)
        for (int y = start[pass]; y < height; y += step[pass])
            rows.push_back(y);
    return rows;
}

void putGifFrame(GifFileType *gif, const GifFrame &frame)
{
    if (frame.transparentIndex >= 0) {
        GifByteType control[4] = {0x01, 0, 0, GifByteType(frame.transparentIndex)};
        EGifPutExtension(gif, GRAPHICS_EXT_FUNC_CODE, 4, control);
    }
    EGifPutImageDesc(gif, frame.left, frame.top, frame.indices.cols, frame.indices.rows, frame.interlaced, nullptr);
    std::vector<GifPixelType> line(std::size_t(frame.indices.cols));
    for (const int y : gifRowOrder(frame.indices.rows, frame.interlaced)) {
        std::memcpy(line.data(), frame.indices.ptr(y), line.size());
        EGifPutLine(gif, line.data(), int(line.size()));
    }
}

heif_error writeHeifToMemory(heif_context *, const void *data, size_t size, void *userData)
{
    auto *out = static_cast<Bytes *>(userData);
    const auto *bytes = static_cast<const unsigned char *>(data);
    out->insert(out->end(), bytes, bytes + size);
    return heif_error{heif_error_Ok, heif_suberror_Unspecified, "ok"};
}

// The VP8 chunk (header, payload, padding) of a still lossy WebP made by OpenCV.
Bytes vp8Chunk(const cv::Mat &bgr)
{
    const Bytes still = encode(bgr, ".webp", {cv::IMWRITE_WEBP_QUALITY, 90});
    if (still.size() < 20 || std::memcmp(still.data() + 12, "VP8 ", 4) != 0)
        throw std::runtime_error("OpenCV did not write a simple lossy WebP");
    std::uint32_t size = 0;
    std::memcpy(&size, still.data() + 16, 4);   // little-endian host
    const std::size_t total = 8 + size + (size & 1u);
    return Bytes(still.begin() + 12, still.begin() + 12 + std::ptrdiff_t(total));
}

} // namespace

cv::Mat drawScene(int width, int height, std::uint64_t seed, bool noise)
{
    cv::Mat image(height, width, CV_8UC3, cv::Scalar(40, 110, 190));
    cv::RNG rng(seed);
    const int unit = std::max(1, std::min(width, height) / 10);
    for (int i = 0; i < 24; ++i) {
        const cv::Scalar colour(rng.uniform(0, 256), rng.uniform(0, 256), rng.uniform(0, 256));
        const cv::Point at(rng.uniform(0, width), rng.uniform(0, height));
        if (i % 2)
            cv::circle(image, at, rng.uniform(1, 2 * unit + 2), colour, cv::FILLED);
        else
            cv::rectangle(image, at, at + cv::Point(rng.uniform(1, 3 * unit + 2), rng.uniform(1, 2 * unit + 2)),
                          colour, cv::FILLED);
    }
    if (noise) {
        cv::Mat grain(height, width, CV_8UC3);
        cv::randu(grain, cv::Scalar::all(0), cv::Scalar::all(32));
        image += grain;
        image -= cv::Scalar::all(16);
    }
    return image;
}

Bytes encode(const cv::Mat &bgr, const std::string &extension, const std::vector<int> &params)
{
    Bytes out;
    if (!cv::imencode(extension, bgr, out, params))
        throw std::runtime_error("cv::imencode failed for " + extension);
    return out;
}

Bytes encodeJpeg(const cv::Mat &bgr, int quality, bool progressive)
{
    return encode(bgr, ".jpg", {cv::IMWRITE_JPEG_QUALITY, quality, cv::IMWRITE_JPEG_PROGRESSIVE, progressive ? 1 : 0});
}

Bytes makeGif(int screenWidth, int screenHeight, int backgroundIndex, const std::vector<GifFrame> &frames)
{
    Bytes out;
    int error = 0;
    GifFileType *gif = EGifOpen(&out, writeGifToMemory, &error);
    if (!gif)
        throw std::runtime_error("EGifOpen failed");
    EGifSetGifVersion(gif, true);
    GifColorType colours[4] = {{0, 0, 0}, {255, 0, 0}, {0, 255, 0}, {0, 0, 255}};
    ColorMapObject *palette = GifMakeMapObject(4, colours);
    EGifPutScreenDesc(gif, screenWidth, screenHeight, 8, backgroundIndex, palette);
    for (const GifFrame &frame : frames)
        putGifFrame(gif, frame);
    EGifCloseFile(gif, &error);
    GifFreeMapObject(palette);
    return out;
}

std::optional<Bytes> makeHeic(const cv::Mat &bgr, int orientation, const Bytes &exifTiff)
{
    if (!heif_have_encoder_for_format(heif_compression_HEVC))
        return std::nullopt;
    heif_context *ctx = heif_context_alloc();
    heif_encoder *encoder = nullptr;
    heif_context_get_encoder_for_format(ctx, heif_compression_HEVC, &encoder);
    heif_encoder_set_lossy_quality(encoder, 90);
    heif_encoder_set_parameter(encoder, "x265:log-level", "error");
    heif_image *image = nullptr;
    heif_image_create(bgr.cols, bgr.rows, heif_colorspace_RGB, heif_chroma_interleaved_RGB, &image);
    heif_image_add_plane(image, heif_channel_interleaved, bgr.cols, bgr.rows, 8);
    int stride = 0;
    std::uint8_t *plane = heif_image_get_plane(image, heif_channel_interleaved, &stride);
    cv::Mat rgb(bgr.rows, bgr.cols, CV_8UC3, plane, std::size_t(stride));
    cv::cvtColor(bgr, rgb, cv::COLOR_BGR2RGB);
    heif_encoding_options *options = heif_encoding_options_alloc();
    options->image_orientation = static_cast<heif_orientation>(orientation);
    heif_image_handle *handle = nullptr;
    const heif_error err = heif_context_encode_image(ctx, image, encoder, options, &handle);
    if (err.code == heif_error_Ok && !exifTiff.empty())
        heif_context_add_exif_metadata(ctx, handle, exifTiff.data(), int(exifTiff.size()));
    Bytes out;
    heif_writer writer{1, writeHeifToMemory};
    if (err.code == heif_error_Ok)
        heif_context_write(ctx, &writer, &out);
    heif_image_handle_release(handle);
    heif_encoding_options_free(options);
    heif_image_release(image);
    heif_encoder_release(encoder);
    heif_context_free(ctx);
    if (err.code != heif_error_Ok)
        throw std::runtime_error(std::string("libheif encode failed: ") + err.message);
    return out;
}

Bytes makeAnimatedWebp(int canvasWidth, int canvasHeight, const std::vector<WebpFrame> &frames, cv::Scalar backgroundBgr)
{
    Bytes body;
    putText(body, "WEBP");
    putText(body, "VP8X");
    putLe(body, 10, 4);
    putLe(body, 0x02, 4);   // animation flag, 3 reserved bytes
    putLe(body, std::uint64_t(canvasWidth - 1), 3);
    putLe(body, std::uint64_t(canvasHeight - 1), 3);
    putText(body, "ANIM");
    putLe(body, 6, 4);
    for (int i = 0; i < 3; ++i)
        body.push_back(static_cast<unsigned char>(backgroundBgr[i]));
    body.push_back(255);
    putLe(body, 0, 2);
    for (const WebpFrame &frame : frames) {
        const Bytes chunk = vp8Chunk(frame.bgr);
        putText(body, "ANMF");
        putLe(body, 16 + chunk.size(), 4);
        putLe(body, std::uint64_t(frame.x / 2), 3);
        putLe(body, std::uint64_t(frame.y / 2), 3);
        putLe(body, std::uint64_t(frame.bgr.cols - 1), 3);
        putLe(body, std::uint64_t(frame.bgr.rows - 1), 3);
        putLe(body, 100, 3);   // duration ms
        body.push_back(0);
        body.insert(body.end(), chunk.begin(), chunk.end());
    }
    Bytes file;
    putText(file, "RIFF");
    putLe(file, body.size(), 4);
    file.insert(file.end(), body.begin(), body.end());
    return file;
}

Bytes makeApngHeader(const cv::Mat &bgr, std::uint32_t frames)
{
    Bytes png = encode(bgr, ".png");
    Bytes control;
    putBe(control, frames, 4);
    putBe(control, 0, 4);
    const Bytes chunk = pngChunk("acTL", control);
    png.insert(png.begin() + 33, chunk.begin(), chunk.end());   // after the signature and IHDR
    return png;
}

Bytes makeTopDownBmp(const cv::Mat &bgr)
{
    Bytes bmp = encode(bgr, ".bmp");
    std::uint32_t dataOffset = 0;
    std::int32_t height = 0;
    std::memcpy(&dataOffset, bmp.data() + 10, 4);
    std::memcpy(&height, bmp.data() + 22, 4);
    const std::size_t stride = (std::size_t(bgr.cols) * 3 + 3) & ~std::size_t(3);
    Bytes flipped(bmp.begin(), bmp.begin() + dataOffset);
    for (int row = height - 1; row >= 0; --row) {
        const auto start = bmp.begin() + std::ptrdiff_t(dataOffset + std::size_t(row) * stride);
        flipped.insert(flipped.end(), start, start + std::ptrdiff_t(stride));
    }
    const std::int32_t negative = -height;
    std::memcpy(flipped.data() + 22, &negative, 4);
    return flipped;
}

Bytes makeMultiPageTiff(const std::vector<cv::Mat> &pages)
{
    const auto dir = uniqueTempDir("tiff");
    const auto path = dir / "pages.tiff";
    if (!cv::imwritemulti(path.string(), pages))
        throw std::runtime_error("cv::imwritemulti failed");
    Bytes bytes = readFile(path);
    std::filesystem::remove_all(dir);
    return bytes;
}

Bytes jpegHeaderClaiming(int width, int height)
{
    Bytes out{0xFF, 0xD8, 0xFF, 0xC0, 0x00, 0x11, 0x08};
    putBe(out, std::uint64_t(height), 2);
    putBe(out, std::uint64_t(width), 2);
    const unsigned char components[] = {0x03, 0x01, 0x22, 0x00, 0x02, 0x11, 0x01, 0x03, 0x11, 0x01, 0xFF, 0xD9};
    out.insert(out.end(), std::begin(components), std::end(components));
    return out;
}

Bytes pngHeaderClaiming(std::uint32_t width, std::uint32_t height)
{
    Bytes out{0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    Bytes header;
    putBe(header, width, 4);
    putBe(header, height, 4);
    const unsigned char rest[] = {8, 2, 0, 0, 0};   // 8-bit RGB, deflate, no filter, no interlace
    header.insert(header.end(), std::begin(rest), std::end(rest));
    for (const Bytes &chunk : {pngChunk("IHDR", header), pngChunk("IDAT", {0x78, 0x9C, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01}),
                               pngChunk("IEND", {})})
        out.insert(out.end(), chunk.begin(), chunk.end());
    return out;
}

Bytes gifHeaderClaiming(int width, int height)
{
    Bytes out;
    putText(out, "GIF89a");
    putLe(out, std::uint64_t(width), 2);
    putLe(out, std::uint64_t(height), 2);
    const unsigned char screen[] = {0x80, 0, 0, 0, 0, 0, 255, 255, 255};   // 2-colour table
    out.insert(out.end(), std::begin(screen), std::end(screen));
    out.push_back(0x2C);
    putLe(out, 0, 4);
    putLe(out, std::uint64_t(width), 2);
    putLe(out, std::uint64_t(height), 2);
    const unsigned char data[] = {0x00, 0x02, 0x02, 0x4C, 0x01, 0x00, 0x3B};
    out.insert(out.end(), std::begin(data), std::end(data));
    return out;
}

cv::Scalar meanColour(const cv::Mat &bgr)
{
    return cv::mean(bgr);
}

double maxChannelDifference(const cv::Scalar &a, const cv::Scalar &b)
{
    double worst = 0;
    for (int i = 0; i < 3; ++i)
        worst = std::max(worst, std::abs(a[i] - b[i]));
    return worst;
}

std::filesystem::path externalData()
{
    return VIGIL_EXTERNAL_DATA;
}

Bytes readFile(const std::filesystem::path &path)
{
    std::ifstream in(path, std::ios::binary);
    return Bytes(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

std::filesystem::path uniqueTempDir(const std::string &name)
{
    static std::atomic<int> counter{0};
    const auto dir = std::filesystem::temp_directory_path()
                     / ("vigil-decode-" + name + "-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
    std::filesystem::create_directories(dir);
    return dir;
}

} // namespace vigil::media::test
