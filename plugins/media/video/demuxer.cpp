// SPDX-License-Identifier: GPL-3.0-or-later
#include "plugins/media/video/demuxer.h"

#include <array>
#include <cmath>
#include <set>
#include <string_view>

extern "C" {
#include <libavutil/display.h>
#include <libavutil/mem.h>
#include <libavutil/mathematics.h>
}

namespace vigil::media::detail {

namespace {

// Demuxers we let libavformat use. Anything else it might recognise (still images, playlists
// that open further URLs, audio-only formats, subtitles) is refused as "not a video".
const std::set<std::string_view> kVideoDemuxers = {
    "mov", "mp4", "3gp", "3g2", "mj2", "avi", "matroska", "webm", "flv", "mpegts", "mpeg",
    "mpegvideo", "asf", "ogg", "rm", "mxf", "nut", "dv", "h264", "hevc", "m4v", "h263", "ivf",
    "wtv", "yuv4mpegpipe", "obu",
};

bool isVideoDemuxer(std::string_view names)
{
    while (!names.empty()) {
        const auto comma = names.find(',');
        if (kVideoDemuxers.contains(names.substr(0, comma)))
            return true;
        if (comma == std::string_view::npos)
            break;
        names.remove_prefix(comma + 1);
    }
    return false;
}

// Nested opens (playlists, external references) are never allowed: evidence must not make us
// read other files or the network.
int refuseNestedOpen(AVFormatContext *, AVIOContext **, const char *, int, AVDictionary **)
{
    return AVERROR(EPERM);
}

std::string dictValue(const AVDictionary *dict, const char *key)
{
    const AVDictionaryEntry *entry = av_dict_get(dict, key, nullptr, 0);
    return entry && entry->value ? std::string(entry->value) : std::string();
}

// The ISO family shares one demuxer; its major brand tells which member a file is.
std::string isoContainerName(const AVFormatContext &format)
{
    const std::string brand = dictValue(format.metadata, "major_brand");
    if (brand.starts_with("qt"))
        return "mov";
    if (brand.starts_with("3gp") || brand.starts_with("3gs") || brand.starts_with("3ge"))
        return "3gp";
    if (brand.starts_with("3g2"))
        return "3g2";
    if (brand.starts_with("mj2") || brand.starts_with("mjp2"))
        return "mj2";
    return "mp4";
}

// Matroska and WebM share a demuxer too; the EBML header's DocType element (ID 0x4282) says which.
std::string matroskaContainerName(std::string_view head)
{
    const auto docType = head.find("\x42\x82");
    return docType != std::string_view::npos && head.substr(docType, 8).find("webm") != std::string_view::npos
               ? "webm" : "matroska";
}

// The first bytes of the source, read before libavformat takes it over.
std::string readHead(ByteSource &source)
{
    std::array<std::uint8_t, 64> head{};
    const int n = source.read(head.data(), static_cast<int>(head.size()));
    source.seek(0, SEEK_SET);
    return std::string(reinterpret_cast<const char *>(head.data()), n > 0 ? static_cast<std::size_t>(n) : 0);
}

std::string containerName(const OpenedVideo &video)
{
    const std::string_view names = video.format->iformat->name;
    if (names.starts_with("mov,"))
        return isoContainerName(*video.format);
    if (names.starts_with("matroska"))
        return matroskaContainerName(video.head);
    return std::string(names.substr(0, names.find(',')));
}

// The main video stream: libavformat's best choice unless that is an attached cover picture.
AVStream *pickVideoStream(AVFormatContext &format)
{
    const int best = av_find_best_stream(&format, AVMEDIA_TYPE_VIDEO, -1, -1, nullptr, 0);
    if (best >= 0 && !(format.streams[best]->disposition & AV_DISPOSITION_ATTACHED_PIC))
        return format.streams[best];
    for (unsigned i = 0; i < format.nb_streams; ++i) {
        AVStream *stream = format.streams[i];
        if (stream->codecpar->codec_type == AVMEDIA_TYPE_VIDEO && !(stream->disposition & AV_DISPOSITION_ATTACHED_PIC))
            return stream;
    }
    return nullptr;
}

std::string demuxerWhitelist()
{
    std::string list;
    for (const std::string_view name : kVideoDemuxers)
        list += (list.empty() ? "" : ",") + std::string(name);
    return list;
}

// Recognises the format first, so that demuxers we do not allow never parse the data.
Result<const AVInputFormat *> probeFormat(AVIOContext &io)
{
    const AVInputFormat *input = nullptr;
    const int rc = av_probe_input_buffer2(&io, &input, "", nullptr, 0, 0);
    if (rc < 0 || !input)
        return fail(ErrorCode::Corrupt, "The file is not a readable video.", avErrorText(rc));
    if (!isVideoDemuxer(input->name))
        return fail(ErrorCode::Unsupported, "The file is not a video container.",
                    std::string("detected format: ") + input->name);
    return input;
}

Result<void> openContainer(OpenedVideo &video)
{
    const auto input = probeFormat(*video.io);
    if (!input)
        return std::unexpected(input.error());
    AVFormatContext *format = avformat_alloc_context();
    if (!format)
        return fail(ErrorCode::Internal, "Out of memory while opening the video.");
    format->pb = video.io.get();
    format->io_open = refuseNestedOpen;
    format->format_whitelist = av_strdup(demuxerWhitelist().c_str());
    const int rc = avformat_open_input(&format, nullptr, *input, nullptr);   // frees `format` on failure
    if (rc < 0)
        return fail(ErrorCode::Corrupt, "The file is not a readable video.", avErrorText(rc));
    video.format.reset(format);
    const int info = avformat_find_stream_info(format, nullptr);
    if (info < 0)
        video.warnings.push_back("The stream information is incomplete: " + avErrorText(info));
    return {};
}

Result<void> checkDimensions(const AVCodecParameters &par, const VideoOptions &options)
{
    if (par.width > options.maxWidth || par.height > options.maxHeight)
        return fail(ErrorCode::Unsupported,
                    "The video is " + std::to_string(par.width) + "x" + std::to_string(par.height) +
                        " pixels, larger than the allowed " + std::to_string(options.maxWidth) + "x" +
                        std::to_string(options.maxHeight) + ".",
                    "maxWidth/maxHeight guard");
    return {};
}

Result<void> openDecoder(OpenedVideo &video, const VideoOptions &options)
{
    const AVCodecParameters &par = *video.stream->codecpar;
    const AVCodec *codec = avcodec_find_decoder(par.codec_id);
    if (!codec)
        return fail(ErrorCode::Unsupported, "No decoder for this video codec.", avcodec_get_name(par.codec_id));
    video.decoder.reset(avcodec_alloc_context3(codec));
    if (!video.decoder)
        return fail(ErrorCode::Internal, "Out of memory while opening the video decoder.");
    AVCodecContext &ctx = *video.decoder;
    int rc = avcodec_parameters_to_context(&ctx, &par);
    if (rc < 0)
        return fail(ErrorCode::Corrupt, "The video stream parameters are invalid.", avErrorText(rc));
    ctx.pkt_timebase = video.stream->time_base;
    ctx.thread_count = 1;   // the pipeline runs several files at once; see README
    ctx.max_pixels = static_cast<std::int64_t>(options.maxWidth) * options.maxHeight;
    rc = avcodec_open2(&ctx, codec, nullptr);
    if (rc < 0)
        return fail(ErrorCode::Unsupported, "The video decoder could not be opened.",
                    std::string(codec->name) + ": " + avErrorText(rc));
    return {};
}

double frameRate(const AVStream &stream)
{
    for (const AVRational rate : {stream.avg_frame_rate, stream.r_frame_rate})
        if (rate.num > 0 && rate.den > 0)
            return av_q2d(rate);
    return 0;
}

} // namespace

Result<OpenedVideo> openVideo(std::unique_ptr<ByteSource> source, const VideoOptions &options)
{
    if (source->size() == 0)
        return fail(ErrorCode::Corrupt, "The video file is empty.");
    OpenedVideo video;
    video.source = std::move(source);
    video.head = readHead(*video.source);
    auto io = makeIoContext(*video.source);
    if (!io)
        return std::unexpected(io.error());
    video.io = std::move(*io);
    if (auto opened = openContainer(video); !opened)
        return std::unexpected(opened.error());
    video.stream = pickVideoStream(*video.format);
    if (!video.stream)
        return fail(ErrorCode::Unsupported, "The file has no video stream.",
                    std::string("format: ") + video.format->iformat->name);
    if (auto ok = checkDimensions(*video.stream->codecpar, options); !ok)
        return std::unexpected(ok.error());
    if (auto ok = openDecoder(video, options); !ok)
        return std::unexpected(ok.error());
    return video;
}

std::int64_t declaredDurationMs(const OpenedVideo &video)
{
    const AVStream &stream = *video.stream;
    if (stream.duration != AV_NOPTS_VALUE && stream.duration > 0)
        return av_rescale_q(stream.duration, stream.time_base, AVRational{1, 1000});
    if (video.format->duration != AV_NOPTS_VALUE && video.format->duration > 0)
        return av_rescale(video.format->duration, 1000, AV_TIME_BASE);
    return -1;
}

void readMetadata(const OpenedVideo &video, VideoInfo &info)
{
    const AVStream &stream = *video.stream;
    info.container = containerName(video);
    info.codec = avcodec_get_name(stream.codecpar->codec_id);
    info.width = stream.codecpar->width;
    info.height = stream.codecpar->height;
    info.fps = frameRate(stream);
    info.durationMs = std::max<std::int64_t>(0, declaredDurationMs(video));
    info.frameCount = std::max<std::int64_t>(0, stream.nb_frames);
    std::string created = dictValue(video.format->metadata, "creation_time");
    if (created.empty())
        created = dictValue(stream.metadata, "creation_time");
    if (!created.empty())
        info.creationTime = created;
    for (unsigned i = 0; i < video.format->nb_streams; ++i)
        info.hasAudio = info.hasAudio || video.format->streams[i]->codecpar->codec_type == AVMEDIA_TYPE_AUDIO;
}

int displayRotation(const AVStream &stream)
{
    std::size_t size = 0;
    const std::uint8_t *data = av_stream_get_side_data(&stream, AV_PKT_DATA_DISPLAYMATRIX, &size);
    if (!data || size < 9 * sizeof(std::int32_t))
        return 0;
    const double counterClockwise = av_display_rotation_get(reinterpret_cast<const std::int32_t *>(data));
    if (std::isnan(counterClockwise))
        return 0;
    const int clockwise = static_cast<int>(std::lround(-counterClockwise / 90.0)) * 90;
    return ((clockwise % 360) + 360) % 360;
}

} // namespace vigil::media::detail
