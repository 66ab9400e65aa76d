// SPDX-License-Identifier: GPL-3.0-or-later
// JPEG through libjpeg-turbo directly: DCT scaling (scale_denom 2/4/8), BGR output, warnings
// counted instead of printed (a "premature end" warning marks a partial image), a scan limit
// against progressive-scan bombs and libjpeg's own memory limit for coefficient buffers.
//
// libjpeg reports fatal errors through error_exit, which must not return: it longjmps back
// into the two small phase functions below. Those functions hold no C++ objects with
// destructors, and everything they change lives in the JpegJob owned by the caller.

#include "plugins/media/decode/bytereader.h"
#include "plugins/media/decode/codecs.h"

#include <csetjmp>
#include <cstdio>   // jpeglib.h needs FILE
#include <string>

#include <jerror.h>
#include <jpeglib.h>

namespace vigil::media::detail {

namespace {

constexpr int kMaxWarnings = 10'000;     // a stream this damaged is not worth decoding further
constexpr int kMaxProgressiveScans = 500; // libjpeg-turbo's own TurboJPEG scan limit

struct ErrorState {
    jpeg_error_mgr pub;   // first member: libjpeg hands back a pointer to it
    std::jmp_buf jump;
    int warnings = 0;
    bool prematureEnd = false;
    bool damaged = false;
    bool scanLimitHit = false;
    char message[JMSG_LENGTH_MAX] = {};
};

struct JpegJob {
    jpeg_decompress_struct cinfo{};
    ErrorState err;
    jpeg_progress_mgr progress{};
    bool created = false;
    bool cmyk = false;
};

ErrorState &stateOf(j_common_ptr cinfo)
{
    return *reinterpret_cast<ErrorState *>(cinfo->err);
}

[[noreturn]] void onError(j_common_ptr cinfo)
{
    ErrorState &state = stateOf(cinfo);
    (*cinfo->err->format_message)(cinfo, state.message);
    std::longjmp(state.jump, 1);
}

void onMessage(j_common_ptr cinfo, int level)
{
    if (level >= 0)
        return;   // trace messages
    ErrorState &state = stateOf(cinfo);
    const int code = cinfo->err->msg_code;
    if (code == JWRN_JPEG_EOF)
        state.prematureEnd = true;
    else
        state.damaged = true;
    if (++state.warnings > kMaxWarnings) {
        std::snprintf(state.message, sizeof state.message, "more than %d data errors", kMaxWarnings);
        std::longjmp(state.jump, 1);
    }
}

void onProgress(j_common_ptr cinfo)
{
    auto *d = reinterpret_cast<j_decompress_ptr>(cinfo);
    if (d->progressive_mode && d->input_scan_number > kMaxProgressiveScans) {
        ErrorState &state = stateOf(cinfo);
        state.scanLimitHit = true;
        std::snprintf(state.message, sizeof state.message, "more than %d progressive scans", kMaxProgressiveScans);
        std::longjmp(state.jump, 1);
    }
}

void silent(j_common_ptr) {}

// Phase 1: header, scaling, colour space, start. False on a libjpeg error.
bool startDecompress(JpegJob &job, Bytes bytes, int denominator, std::uint64_t maxMemory)
{
    if (setjmp(job.err.jump))
        return false;
    jpeg_create_decompress(&job.cinfo);
    job.created = true;
    job.cinfo.mem->max_memory_to_use = long(maxMemory);
    job.cinfo.progress = &job.progress;
    jpeg_mem_src(&job.cinfo, bytes.data(), static_cast<unsigned long>(bytes.size()));
    jpeg_read_header(&job.cinfo, TRUE);
    job.cinfo.scale_num = 1;
    job.cinfo.scale_denom = static_cast<unsigned int>(denominator);
    job.cmyk = job.cinfo.jpeg_color_space == JCS_CMYK || job.cinfo.jpeg_color_space == JCS_YCCK;
    job.cinfo.out_color_space = job.cmyk ? JCS_CMYK : JCS_EXT_BGR;
    jpeg_start_decompress(&job.cinfo);
    return true;
}

// Phase 2: scanlines into rows of `stride` bytes (BGR, or CMYK when job.cmyk). False on a
// libjpeg error; job.cinfo.output_scanline says how many rows were written.
bool readRows(JpegJob &job, unsigned char *dest, std::size_t stride)
{
    if (setjmp(job.err.jump))
        return false;
    while (job.cinfo.output_scanline < job.cinfo.output_height) {
        JSAMPROW row = dest + std::size_t(job.cinfo.output_scanline) * stride;
        if (jpeg_read_scanlines(&job.cinfo, &row, 1) != 1)
            break;
    }
    return true;
}

struct JobGuard {
    JpegJob &job;
    ~JobGuard()
    {
        if (job.created)
            jpeg_destroy_decompress(&job.cinfo);
    }
};

// Adobe (Photoshop) CMYK JPEGs store inverted values; others store plain CMYK.
cv::Mat cmykToBgr(const cv::Mat &cmyk, bool adobeInverted)
{
    cv::Mat bgr(cmyk.rows, cmyk.cols, CV_8UC3);
    for (int y = 0; y < cmyk.rows; ++y) {
        const unsigned char *in = cmyk.ptr<unsigned char>(y);
        unsigned char *out = bgr.ptr<unsigned char>(y);
        for (int x = 0; x < cmyk.cols; ++x, in += 4, out += 3) {
            int c = in[0], m = in[1], yy = in[2], k = in[3];
            if (!adobeInverted) {
                c = 255 - c, m = 255 - m, yy = 255 - yy, k = 255 - k;
            }
            out[0] = static_cast<unsigned char>(yy * k / 255);
            out[1] = static_cast<unsigned char>(m * k / 255);
            out[2] = static_cast<unsigned char>(c * k / 255);
        }
    }
    return bgr;
}

bool isSof(int marker)
{
    return marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
}

Result<JpegHeader> corrupt(const std::string &what)
{
    return fail(ErrorCode::Corrupt, "damaged jpeg header: " + what);
}

JpegHeader frameHeader(const ByteReader &in, std::size_t segment, int marker)
{
    JpegHeader header;
    header.precision = *in.u8(segment + 2);
    header.height = *in.be16(segment + 3);
    header.width = *in.be16(segment + 5);
    header.components = *in.u8(segment + 7);
    header.progressive = marker == 0xC2 || marker == 0xC6 || marker == 0xCA || marker == 0xCE;
    header.lossless = marker == 0xC3 || marker == 0xC7 || marker == 0xCB || marker == 0xCF;
    return header;
}

} // namespace

Result<JpegHeader> parseJpegHeader(Bytes bytes)
{
    const ByteReader in(bytes);
    if (!in.matches(0, "\xFF\xD8"))
        return corrupt("no start-of-image marker");
    std::size_t offset = 2;
    for (int segment = 0; segment < 100'000; ++segment) {
        if (!in.has(offset, 2))
            return corrupt("file ends before the frame header");
        if (*in.u8(offset) != 0xFF)
            return corrupt("no marker at offset " + std::to_string(offset));
        while (in.u8(offset + 1) == 0xFF)
            ++offset;   // fill bytes
        const auto marker = in.u8(offset + 1);
        if (!marker)
            return corrupt("file ends before the frame header");
        offset += 2;
        if (*marker == 0x01 || (*marker >= 0xD0 && *marker <= 0xD7))
            continue;   // stand-alone markers
        if (*marker == 0xD8 || *marker == 0xD9 || *marker == 0xDA)
            return corrupt("no frame header before the scan data");
        const auto length = in.be16(offset);
        if (!length || *length < 2)
            return corrupt("bad segment length at offset " + std::to_string(offset));
        if (isSof(*marker)) {
            if (*length < 8 || !in.has(offset, 8))
                return corrupt("truncated frame header");
            JpegHeader header = frameHeader(in, offset, *marker);
            if (header.width == 0 || header.height == 0)
                return corrupt("frame header without width or height");
            return header;
        }
        offset += *length;
    }
    return corrupt("too many segments before the frame header");
}

Result<DecodedImage> decodeJpeg(Bytes bytes, int denominator, const DecodeLimits &limits)
{
    const auto header = parseJpegHeader(bytes);
    if (!header)
        return std::unexpected(header.error());
    if (header->lossless || header->precision != 8)
        return fail(ErrorCode::Unsupported,
                    header->lossless ? "lossless JPEG is not supported" : "JPEG with more than 8 bits per sample is not supported",
                    "precision " + std::to_string(header->precision));
    JpegJob job;
    job.cinfo.err = jpeg_std_error(&job.err.pub);
    job.err.pub.error_exit = onError;
    job.err.pub.emit_message = onMessage;
    job.err.pub.output_message = silent;
    job.progress.progress_monitor = onProgress;
    JobGuard guard{job};
    if (!startDecompress(job, bytes, denominator, limits.maxDecodedBytes))
        return fail(job.err.scanLimitHit ? ErrorCode::Unsupported : ErrorCode::Corrupt,
                    "could not decode the JPEG image", job.err.message);
    const int width = int(job.cinfo.output_width), height = int(job.cinfo.output_height);
    cv::Mat pixels(height, width, job.cmyk ? CV_8UC4 : CV_8UC3);
    const bool finished = readRows(job, pixels.data, pixels.step[0]);
    const int rows = int(job.cinfo.output_scanline);
    if (rows == 0)
        return fail(ErrorCode::Corrupt, "could not decode the JPEG image",
                    job.err.message[0] ? job.err.message : "no rows decoded");
    if (rows < height)
        pixels.rowRange(rows, height).setTo(cv::Scalar::all(128));
    DecodedImage image;
    image.bgr = job.cmyk ? cmykToBgr(pixels, job.cinfo.saw_Adobe_marker) : pixels;
    image.format = ImageFormat::Jpeg;
    image.width = header->width;
    image.height = header->height;
    image.scaleDenominator = denominator;
    image.truncated = !finished || rows < height || job.err.prematureEnd || job.err.damaged;
    return image;
}

} // namespace vigil::media::detail
