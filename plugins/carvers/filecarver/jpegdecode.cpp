// SPDX-License-Identifier: GPL-3.0-or-later
// libjpeg reports fatal errors through error_exit, which must not return: it longjmps back into
// runDecode(), which holds no C++ objects with destructors (rows come from libjpeg's own pool,
// freed by jpeg_destroy_decompress). Warnings (corrupt data) also jump out: the first one is
// all the carver needs to know.
#include "plugins/carvers/filecarver/jpegdecode.h"

#include <csetjmp>
#include <cstdio>   // jpeglib.h needs FILE

#include <jerror.h>
#include <jpeglib.h>

namespace vigil::carving::detail {

namespace {

constexpr unsigned long long kMaxPixels = 300'000'000ull;   // larger ones are judged by structure only
constexpr long kMaxMemory = 512L << 20;                      // libjpeg's own allocation limit
constexpr int kMaxProgressiveScans = 500;
constexpr long kTolerableExtraneousBytes = 64;               // some encoders pad before EOI

struct Job;

struct ErrorState {
    jpeg_error_mgr pub;   // first member: libjpeg hands back a pointer to it
    std::jmp_buf jump;
    Job *job = nullptr;
    bool warned = false;
    int warningCode = 0;
    unsigned scanline = 0;
    std::size_t consumed = 0;   // input bytes used when the problem showed
    char message[JMSG_LENGTH_MAX] = {};
};

struct Job {
    jpeg_decompress_struct cinfo{};
    ErrorState err;
    jpeg_progress_mgr progress{};
    const unsigned char *base = nullptr;
    std::size_t size = 0;
    bool created = false;
    bool tooLarge = false;
};

Job &jobOf(j_common_ptr cinfo)
{
    return *reinterpret_cast<ErrorState *>(cinfo->err)->job;
}

std::size_t consumedBytes(const Job &job)
{
    const jpeg_source_mgr *src = job.cinfo.src;
    if (!src)
        return 0;
    return job.size - src->bytes_in_buffer;
}

[[noreturn]] void onError(j_common_ptr cinfo)
{
    Job &job = jobOf(cinfo);
    (*cinfo->err->format_message)(cinfo, job.err.message);
    job.err.consumed = consumedBytes(job);
    job.err.scanline = job.cinfo.output_scanline;
    std::longjmp(job.err.jump, 1);
}

void onMessage(j_common_ptr cinfo, int level)
{
    if (level >= 0)
        return;   // trace messages
    Job &job = jobOf(cinfo);
    const int code = cinfo->err->msg_code;
    if (code == JWRN_EXTRANEOUS_DATA && cinfo->err->msg_parm.i[0] <= kTolerableExtraneousBytes)
        return;
    job.err.warned = true;
    job.err.warningCode = code;
    (*cinfo->err->format_message)(cinfo, job.err.message);
    job.err.consumed = consumedBytes(job);
    job.err.scanline = job.cinfo.output_scanline;
    std::longjmp(job.err.jump, 1);
}

void onProgress(j_common_ptr cinfo)
{
    auto *d = reinterpret_cast<j_decompress_ptr>(cinfo);
    if (d->progressive_mode && d->input_scan_number > kMaxProgressiveScans) {
        Job &job = jobOf(cinfo);
        std::snprintf(job.err.message, sizeof job.err.message, "more than %d progressive scans", kMaxProgressiveScans);
        std::longjmp(job.err.jump, 1);
    }
}

void silent(j_common_ptr) {}

void configure(jpeg_decompress_struct &cinfo)
{
    cinfo.scale_num = 1;
    cinfo.scale_denom = 8;
    cinfo.dct_method = JDCT_IFAST;
    cinfo.do_fancy_upsampling = FALSE;
    cinfo.do_block_smoothing = FALSE;
    const bool cmyk = cinfo.jpeg_color_space == JCS_CMYK || cinfo.jpeg_color_space == JCS_YCCK;
    cinfo.out_color_space = cmyk ? JCS_CMYK : JCS_GRAYSCALE;
}

// True when the image decoded to its end; false when libjpeg stopped (error or warning).
bool runDecode(Job &job)
{
    if (setjmp(job.err.jump))
        return false;
    jpeg_create_decompress(&job.cinfo);
    job.created = true;
    job.cinfo.mem->max_memory_to_use = kMaxMemory;
    job.cinfo.progress = &job.progress;
    jpeg_mem_src(&job.cinfo, job.base, static_cast<unsigned long>(job.size));
    if (jpeg_read_header(&job.cinfo, TRUE) != JPEG_HEADER_OK)
        return false;
    if (static_cast<unsigned long long>(job.cinfo.image_width) * job.cinfo.image_height > kMaxPixels) {
        job.tooLarge = true;
        return false;
    }
    configure(job.cinfo);
    jpeg_start_decompress(&job.cinfo);
    const JDIMENSION stride = job.cinfo.output_width * static_cast<JDIMENSION>(job.cinfo.output_components);
    JSAMPARRAY rows = (*job.cinfo.mem->alloc_sarray)(reinterpret_cast<j_common_ptr>(&job.cinfo), JPOOL_IMAGE, stride, 1);
    while (job.cinfo.output_scanline < job.cinfo.output_height) {
        if (jpeg_read_scanlines(&job.cinfo, rows, 1) != 1)
            return false;
    }
    jpeg_finish_decompress(&job.cinfo);
    return true;
}

double fractionOf(const Job &job)
{
    const jpeg_decompress_struct &c = job.cinfo;
    if (c.output_height > 0 && job.err.scanline > 0)
        return double(job.err.scanline) / double(c.output_height);
    // Progressive images read every scan before the first row: fall back to bytes.
    return job.size ? double(job.err.consumed) / double(job.size) : 0.0;
}

} // namespace

JpegCheck checkJpegDecodes(std::span<const unsigned char> bytes)
{
    Job job;
    job.base = bytes.data();
    job.size = bytes.size();
    job.err.job = &job;
    job.cinfo.err = jpeg_std_error(&job.err.pub);
    job.err.pub.error_exit = onError;
    job.err.pub.emit_message = onMessage;
    job.err.pub.output_message = silent;
    job.progress.progress_monitor = onProgress;

    JpegCheck check;
    const bool whole = runDecode(job);
    if (whole) {
        check.outcome = JpegCheck::Whole;
        check.fraction = 1.0;
    } else if (job.tooLarge) {
        check.outcome = JpegCheck::TooLarge;
    } else if (job.err.warned) {
        const bool ended = job.err.warningCode == JWRN_JPEG_EOF;
        check.outcome = ended ? JpegCheck::Truncated : JpegCheck::Damaged;
        check.fraction = fractionOf(job);
    } else {
        check.outcome = JpegCheck::Failed;
        check.fraction = fractionOf(job);
    }
    check.message = job.err.message;
    if (job.created)
        jpeg_destroy_decompress(&job.cinfo);
    return check;
}

} // namespace vigil::carving::detail
