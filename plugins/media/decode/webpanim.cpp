// SPDX-License-Identifier: GPL-3.0-or-later
// Animated WebP: OpenCV 4.6 decodes only still WebP. The first ANMF frame's VP8/VP8L
// bitstream is re-wrapped as a still WebP file, decoded by OpenCV and placed on the canvas
// (VP8X size) at the frame offset, over the ANIM background colour. The frame's ALPH chunk is
// dropped: the output is BGR without alpha anyway.

#include "plugins/media/decode/bytereader.h"
#include "plugins/media/decode/codecs.h"

#include <algorithm>
#include <cstring>
#include <string>
#include <vector>

#include <opencv2/imgcodecs.hpp>

namespace vigil::media::detail {

namespace {

struct Chunk {
    std::size_t offset = 0;   // of the fourcc
    std::uint32_t size = 0;   // payload bytes
};

std::size_t nextChunk(const Chunk &chunk)
{
    return chunk.offset + 8 + std::size_t(chunk.size) + (chunk.size & 1u);
}

std::optional<Chunk> findChunk(const ByteReader &in, std::size_t offset, std::size_t end, std::string_view fourcc)
{
    while (offset + 8 <= end && in.has(offset, 8)) {
        const Chunk chunk{offset, *in.le32(offset + 4)};
        if (in.matches(offset, fourcc))
            return chunk;
        offset = nextChunk(chunk);
    }
    return std::nullopt;
}

// A still WebP file holding one VP8 or VP8L chunk.
std::vector<unsigned char> stillWebp(Bytes bytes, const Chunk &bitstream)
{
    const std::size_t chunkBytes = std::min(nextChunk(bitstream), bytes.size()) - bitstream.offset;
    std::vector<unsigned char> file(12 + chunkBytes);
    std::memcpy(file.data(), "RIFF\0\0\0\0WEBP", 12);
    std::memcpy(file.data() + 12, bytes.data() + bitstream.offset, chunkBytes);
    const auto riffSize = std::uint32_t(file.size() - 8);
    for (int i = 0; i < 4; ++i)
        file[std::size_t(4 + i)] = static_cast<unsigned char>(riffSize >> (8 * i));
    return file;
}

} // namespace

Result<cv::Mat> decodeAnimatedWebpFirstFrame(Bytes bytes)
{
    const ByteReader in(bytes);
    const auto canvasW = in.le24(24), canvasH = in.le24(27);
    const auto frame = findChunk(in, 12, bytes.size(), "ANMF");
    if (!canvasW || !canvasH || !frame || frame->size < 16)
        return fail(ErrorCode::Corrupt, "could not decode the webp image", "animated WebP without a frame");
    cv::Scalar background(0, 0, 0);
    if (const auto anim = findChunk(in, 12, bytes.size(), "ANIM"); anim && in.has(anim->offset + 8, 4))
        background = cv::Scalar(*in.u8(anim->offset + 8), *in.u8(anim->offset + 9), *in.u8(anim->offset + 10));
    const std::size_t data = frame->offset + 8;
    const int x = int(*in.le24(data)) * 2, y = int(*in.le24(data + 3)) * 2;
    const std::size_t frameEnd = std::min(nextChunk(*frame), bytes.size());
    auto bitstream = findChunk(in, data + 16, frameEnd, "VP8 ");
    if (!bitstream)
        bitstream = findChunk(in, data + 16, frameEnd, "VP8L");
    if (!bitstream)
        return fail(ErrorCode::Corrupt, "could not decode the webp image", "first frame without a VP8/VP8L bitstream");
    const auto still = stillWebp(bytes, *bitstream);
    const cv::Mat decoded = cv::imdecode(still, cv::IMREAD_COLOR | cv::IMREAD_IGNORE_ORIENTATION);
    if (decoded.empty())
        return fail(ErrorCode::Corrupt, "could not decode the webp image", "first animation frame undecodable");
    cv::Mat canvas(int(*canvasH) + 1, int(*canvasW) + 1, CV_8UC3, background);
    const cv::Rect target = cv::Rect(x, y, decoded.cols, decoded.rows) & cv::Rect(0, 0, canvas.cols, canvas.rows);
    if (!target.empty())
        decoded(cv::Rect(0, 0, target.width, target.height)).copyTo(canvas(target));
    return canvas;
}

} // namespace vigil::media::detail
