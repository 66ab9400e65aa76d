// SPDX-License-Identifier: GPL-3.0-or-later
// Media found in evidence: what the media stage learnt about one image or video file.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace vigil::model {

struct MediaFrame {
    int index = 0;
    std::int64_t timeMs = 0;
    std::string reason;   // "first", "scene", "sample"
    double sceneScore = 0;
    std::string pdq;      // 64 hex digits, empty when not computed
    int pdqQuality = 0;
};

struct MediaFace {
    std::optional<int> frameIndex;   // video keyframe, or none for an image
    int x = 0, y = 0, w = 0, h = 0;  // in full-size image pixels
    double score = 0;
    std::string model;               // embedding model id
    std::vector<float> embedding;
};

struct MediaRecord {
    std::int64_t fileId = 0, evidenceId = 0;
    std::string kind;                 // "image" or "video"
    std::string format;               // "jpeg", "png", "mp4", ...
    int width = 0, height = 0, frames = 1;
    std::optional<std::int64_t> durationMs;
    std::string codec, creationTime;
    std::optional<double> frameRate;
    std::optional<bool> hasAudio;
    std::string pdq, phash;           // hex; empty when not computed
    std::optional<int> pdqQuality;
    // PDQ of the 7 other rotations/mirrors (90°, 180°, 270°, flipped left-right, flipped
    // top-bottom, transposed, anti-transposed), space-separated hex: a flipped copy of a
    // picture is found through them.
    std::string pdqVariants;
    std::optional<std::int64_t> capturedUtc, capturedLocal;   // ns since 1970
    std::string capturedRaw, tzOffset;
    std::string cameraMake, cameraModel, cameraSerial, software;
    std::optional<double> gpsLat, gpsLon, gpsAlt;
    int orientation = 1;
    std::vector<unsigned char> thumbnail;   // JPEG
    std::string status = "analysed";        // "analysed", "partial" (some steps failed), "failed"
    std::string note;                       // what went wrong or was limited, for people
    std::vector<MediaFrame> keyframes;
    std::vector<MediaFace> faces;
    std::string analyser = "vigil-media", analyserVersion;
};

// Grading schemes and category codes ("uk:A", "vic:1", ...). Codes are what the case stores.
enum class GradingScheme { Uk, ProjectVic };

struct GradingCategory {
    std::string_view code;    // "uk:A"
    std::string_view label;   // "Category A"
    std::string_view description;
};

const std::vector<GradingCategory> &gradingCategories(GradingScheme scheme);
std::string_view gradingSchemeId(GradingScheme scheme);   // "uk" / "vic"
std::optional<GradingScheme> gradingSchemeFromId(std::string_view id);
// The category with this code in any scheme, or null.
const GradingCategory *findGradingCategory(std::string_view code);
// The scheme a code belongs to.
std::optional<GradingScheme> schemeOfCategory(std::string_view code);

} // namespace vigil::model
