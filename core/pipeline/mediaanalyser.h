// SPDX-License-Identifier: GPL-3.0-or-later
// What the media stage does with one image or video: reduced-size decode, thumbnail, PDQ,
// pHash, EXIF, keyframes and faces. Results are a model::MediaRecord; nothing throws.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <span>
#include <string>
#include <string_view>

#include "core/model/media.h"

namespace vigil::pipeline {

struct MediaOptions {
    bool enabled = true;                 // analyse media at all
    bool faces = true;                   // detect and describe faces
    std::filesystem::path faceModel;     // an agency's face-embedding model (ONNX or dlib); empty: built-in
    // Smallest face looked for, in pixels of the working image (decoded at reduced size, long
    // side 768-1500). dlib's HOG window is 80: smaller faces need an upsampled scan (60: 1.33x,
    // about 2x the work of 80; 40: 2x, about 4x). Measured trade-off in docs/media.md.
    int minFaceSize = 60;
    int thumbnailSide = 256;
};

// The version of everything the analyser writes (bump when results change).
inline constexpr const char *kMediaAnalyserVersion = "1.0.0";
// Media up to this size are analysed from memory; larger videos are spooled to a temp file.
inline constexpr std::uint64_t kMediaInMemoryLimit = 256ull << 20;
// Images larger than this are not decoded (no real photo is; a decompression bomb may be).
inline constexpr std::uint64_t kMaxImageFileSize = 256ull << 20;

// The signature types (core/util/signature) the analyser takes.
std::span<const std::string_view> imageTypes();
std::span<const std::string_view> videoTypes();
bool isImageType(std::string_view signatureType);
bool isVideoType(std::string_view signatureType);
inline bool isMediaType(std::string_view t) { return isImageType(t) || isVideoType(t); }

// One per thread: it holds the face detector and embedder (loaded on first use).
class MediaAnalyser {
public:
    explicit MediaAnalyser(MediaOptions options);
    ~MediaAnalyser();
    MediaAnalyser(const MediaAnalyser &) = delete;
    MediaAnalyser &operator=(const MediaAnalyser &) = delete;

    // `bytes`: the whole file. Status "failed" when nothing could be decoded (note says why).
    model::MediaRecord analyse(std::span<const unsigned char> bytes, std::string_view signatureType,
                               std::int64_t fileId, std::int64_t evidenceId);
    // A video too large for memory, spooled to `file`.
    model::MediaRecord analyseVideoFile(const std::filesystem::path &file, std::string_view signatureType,
                                        std::int64_t fileId, std::int64_t evidenceId);

    class Impl;

private:
    std::unique_ptr<Impl> m_impl;
};

} // namespace vigil::pipeline
