// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/pipeline/mediaanalyser.h"

#include <algorithm>
#include <array>

#include <opencv2/core.hpp>

#include "plugins/media/decode/decode.h"
#include "plugins/media/exif/exif.h"
#include "plugins/media/faces/faces.h"
#include "plugins/media/pdq/pdq.h"
#include "plugins/media/pdq/phash.h"
#include "plugins/media/video/video.h"

namespace vigil::pipeline {

namespace {

constexpr std::array<std::string_view, 7> kImageTypes = {"jpeg", "png", "gif", "bmp", "webp", "heic", "tiff"};
constexpr std::array<std::string_view, 6> kVideoTypes = {"mp4", "mov", "3gp", "avi", "mkv", "webm"};
// Faces are looked for in at most this many keyframes of a video.
constexpr std::size_t kFaceKeyframes = 6;
constexpr int kVideoSheetSide = 640;
// Images are decoded reduced (JPEG DCT scaling) while the long side stays at least this: enough
// for thumbnails, PDQ (64x64) and faces; a 12-megapixel photo decodes at 1/4 (1000 px).
constexpr int kDecodeLongSide = 768;

void addNote(model::MediaRecord &rec, const std::string &text)
{
    rec.note += (rec.note.empty() ? "" : "; ") + text;
    if (rec.status == "analysed")
        rec.status = "partial";
}

void applyMetadata(model::MediaRecord &rec, const media::MediaMetadata &m)
{
    rec.capturedRaw = m.captureTimeRaw.value_or("");
    rec.capturedUtc = m.captureTimeUtcNs;
    rec.capturedLocal = m.captureTimeLocalNs;
    rec.tzOffset = m.timeZoneOffset.value_or("");
    rec.cameraMake = m.make;
    rec.cameraModel = m.model;
    rec.cameraSerial = m.serial;
    rec.software = m.software;
    rec.orientation = m.orientation;
    if (m.gps) {
        rec.gpsLat = m.gps->latitude;
        rec.gpsLon = m.gps->longitude;
        rec.gpsAlt = m.gps->altitudeM;
    }
}

} // namespace

std::span<const std::string_view> imageTypes()
{
    return kImageTypes;
}

std::span<const std::string_view> videoTypes()
{
    return kVideoTypes;
}

bool isImageType(std::string_view t)
{
    return std::find(kImageTypes.begin(), kImageTypes.end(), t) != kImageTypes.end();
}

bool isVideoType(std::string_view t)
{
    return std::find(kVideoTypes.begin(), kVideoTypes.end(), t) != kVideoTypes.end();
}

class MediaAnalyser::Impl {
public:
    explicit Impl(MediaOptions options) : m_opt(std::move(options)) {}

    model::MediaRecord start(std::int64_t fileId, std::int64_t evidenceId, const char *kind, std::string_view type) const
    {
        model::MediaRecord rec;
        rec.fileId = fileId;
        rec.evidenceId = evidenceId;
        rec.kind = kind;
        rec.format = std::string(type);
        rec.analyserVersion = kMediaAnalyserVersion;
        return rec;
    }

    void image(std::span<const unsigned char> bytes, model::MediaRecord &rec)
    {
        if (auto meta = media::readMetadata(bytes))
            applyMetadata(rec, *meta);
        else
            addNote(rec, "metadata: " + meta.error().message);
        media::DecodeOptions decode;
        decode.minLongSide = kDecodeLongSide;
        auto decoded = media::decodeImage(bytes, decode);
        if (!decoded) {
            rec.status = "failed";
            rec.note = decoded.error().toString() + (rec.note.empty() ? "" : "; " + rec.note);
            return;
        }
        rec.format = media::imageFormatName(decoded->format);
        rec.width = decoded->width;
        rec.height = decoded->height;
        rec.frames = decoded->frames;
        if (decoded->truncated)
            addNote(rec, "truncated: only part of the image decodes");
        hashes(decoded->bgr, rec);
        // HEIC comes out of its decoder upright already (the file's own rotation applied).
        const cv::Mat upright = media::applyOrientation(decoded->bgr, decoded->orientationApplied ? 1 : rec.orientation);
        thumbnail(upright, m_opt.thumbnailSide, rec);
        // Face boxes are in full-size pixels of the upright image.
        const int fullLong = std::max(rec.width, rec.height);
        faces(upright, std::nullopt, double(fullLong) / std::max({1, upright.cols, upright.rows}), rec);
    }

    void video(const Result<media::VideoInfo> &info, model::MediaRecord &rec)
    {
        if (!info) {
            rec.status = "failed";
            rec.note = info.error().toString();
            return;
        }
        rec.codec = info->codec;
        rec.width = info->width;
        rec.height = info->height;
        rec.frameRate = info->fps;
        rec.durationMs = info->durationMs;
        rec.frames = static_cast<int>(std::min<std::int64_t>(info->frameCount, INT32_MAX));
        rec.hasAudio = info->hasAudio;
        rec.creationTime = info->creationTime.value_or("");
        for (const auto &w : info->warnings)
            addNote(rec, w);
        keyframes(*info, rec);
        if (info->keyframes.empty()) {
            addNote(rec, "no frame could be decoded");
            return;
        }
        thumbnail(media::contactSheet(info->keyframes), kVideoSheetSide, rec);
        // Keyframes may be rotated (phone video) and scaled: long side over long side.
        const auto &first = info->keyframes.front().bgr;
        const double scale = double(std::max(info->width, info->height)) / std::max({1, first.cols, first.rows});
        for (std::size_t i = 0; i < info->keyframes.size() && i < kFaceKeyframes; ++i)
            faces(info->keyframes[i].bgr, static_cast<int>(i), scale, rec);
    }

private:
    void hashes(const cv::Mat &bgr, model::MediaRecord &rec)
    {
        // One DCT gives the hash and its 7 rotations/mirrors.
        if (auto pdq = media::pdqDihedral(bgr)) {
            rec.pdq = (*pdq)[0].hash.toHex();
            rec.pdqQuality = (*pdq)[0].quality;
            for (std::size_t i = 1; i < pdq->size(); ++i)
                rec.pdqVariants += (i > 1 ? " " : "") + (*pdq)[i].hash.toHex();
        }
        else
            addNote(rec, "PDQ: " + pdq.error().message);
        if (auto ph = media::pHash(bgr))
            rec.phash = media::pHashHex(*ph);
        else
            addNote(rec, "pHash: " + ph.error().message);
    }

    void keyframes(const media::VideoInfo &info, model::MediaRecord &rec)
    {
        for (std::size_t i = 0; i < info.keyframes.size(); ++i) {
            const auto &k = info.keyframes[i];
            model::MediaFrame f{static_cast<int>(i), k.timeMs, k.reason, k.sceneScore, {}, 0};
            if (auto pdq = media::pdqHash(k.bgr)) {
                f.pdq = pdq->hash.toHex();
                f.pdqQuality = pdq->quality;
            }
            rec.keyframes.push_back(std::move(f));
        }
        // The first keyframe with a reliable hash (not a black fade-in) stands for the video;
        // near-duplicate groups use every keyframe.
        std::optional<std::size_t> rep;
        for (std::size_t i = 0; i < rec.keyframes.size(); ++i) {
            const auto &f = rec.keyframes[i];
            if (!f.pdq.empty() && (f.pdqQuality >= media::kPdqMinQuality || !rep)) {
                rep = i;
                if (f.pdqQuality >= media::kPdqMinQuality)
                    break;
            }
        }
        if (!rep)
            return;
        rec.pdq = rec.keyframes[*rep].pdq;
        rec.pdqQuality = rec.keyframes[*rep].pdqQuality;
        if (auto ph = media::pHash(info.keyframes[*rep].bgr))
            rec.phash = media::pHashHex(*ph);
    }

    void thumbnail(const cv::Mat &image, int side, model::MediaRecord &rec)
    {
        if (auto t = media::makeThumbnail(image, side))
            rec.thumbnail = std::move(*t);
        else
            addNote(rec, "thumbnail: " + t.error().message);
    }

    bool loadFaceModels(model::MediaRecord &rec)
    {
        if (!m_faceTried) {
            m_faceTried = true;
            media::FaceOptions faceOptions;
            faceOptions.minFaceSize = m_opt.minFaceSize;
            auto det = media::FaceDetector::create(faceOptions);
            auto emb = media::createEmbedder(m_opt.faceModel);
            if (!det)
                m_faceError = det.error().message;
            else if (!emb)
                m_faceError = emb.error().message;
            else {
                m_detector = std::move(*det);
                m_embedder = std::move(*emb);
            }
        }
        if (!m_faceError.empty())
            addNote(rec, "faces: " + m_faceError);
        return m_detector && m_embedder;
    }

    void faces(const cv::Mat &image, std::optional<int> frame, double scale, model::MediaRecord &rec)
    {
        if (!m_opt.faces || image.empty() || !loadFaceModels(rec))
            return;
        auto found = m_detector->detect(image);
        if (!found) {
            addNote(rec, "faces: " + found.error().message);
            return;
        }
        for (const auto &face : *found) {
            model::MediaFace out{frame, int(face.box.x * scale), int(face.box.y * scale), int(face.box.width * scale),
                                 int(face.box.height * scale), face.score, m_embedder->modelId(), {}};
            if (auto e = m_embedder->embed(image, face))
                out.embedding = std::move(*e);
            rec.faces.push_back(std::move(out));
        }
    }

    MediaOptions m_opt;
    bool m_faceTried = false;
    std::string m_faceError;
    std::unique_ptr<media::FaceDetector> m_detector;
    std::unique_ptr<media::FaceEmbedder> m_embedder;
};

MediaAnalyser::MediaAnalyser(MediaOptions options) : m_impl(std::make_unique<Impl>(std::move(options))) {}
MediaAnalyser::~MediaAnalyser() = default;

model::MediaRecord MediaAnalyser::analyse(std::span<const unsigned char> bytes, std::string_view type,
                                          std::int64_t fileId, std::int64_t evidenceId)
{
    const bool video = isVideoType(type);
    auto rec = m_impl->start(fileId, evidenceId, video ? "video" : "image", type);
    try {
        if (video)
            m_impl->video(media::analyseVideo(bytes), rec);
        else
            m_impl->image(bytes, rec);
    } catch (const std::exception &e) {   // the analysers promise not to throw; a bug must not end the ingest
        rec.status = "failed";
        rec.note = std::string("internal error: ") + e.what();
    }
    return rec;
}

model::MediaRecord MediaAnalyser::analyseVideoFile(const std::filesystem::path &file, std::string_view type,
                                                   std::int64_t fileId, std::int64_t evidenceId)
{
    auto rec = m_impl->start(fileId, evidenceId, "video", type);
    try {
        m_impl->video(media::analyseVideo(file), rec);
    } catch (const std::exception &e) {
        rec.status = "failed";
        rec.note = std::string("internal error: ") + e.what();
    }
    return rec;
}

} // namespace vigil::pipeline
