// SPDX-License-Identifier: GPL-3.0-or-later
// Typed queries over the media of a case (CLI, desktop gallery, reports).
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/casedb/database.h"
#include "core/casedb/mediastore.h"
#include "core/casedb/sourcefilter.h"
#include "core/model/media.h"

namespace vigil::casedb {

struct MediaRow {
    std::int64_t fileId = 0, evidenceId = 0;
    std::string path, name;
    std::int64_t size = 0;
    bool deleted = false;
    std::string md5, sha1;
    std::string kind, format, codec, status, note;
    int width = 0, height = 0;
    std::optional<std::int64_t> durationMs;
    std::string pdq, phash;
    std::optional<int> pdqQuality;
    std::optional<std::int64_t> capturedUtc, capturedLocal;
    std::string capturedRaw, tzOffset, cameraMake, cameraModel, cameraSerial, software;
    std::optional<double> gpsLat, gpsLon, gpsAlt;
    std::optional<std::int64_t> nearDupGroup;
    std::int64_t nearDupSize = 0;         // media in the same near-duplicate group (incl. this one)
    std::vector<std::int64_t> faceGroups; // distinct face groups of the faces in this media
    std::int64_t faceCount = 0;
    std::string category, categorySource; // grading ("uk:A" ...), "analyst" / "hashset"; empty: ungraded
    std::string hashSets;                 // names of the hash sets that matched, "; "-separated
    bool knownGood = false;               // matched a known-good set (NSRL)
    // Where the file came from (see FileRow): "fs", "carved", "member", "embedded".
    std::string origin = "fs";
    std::optional<std::int64_t> parentId, originOffset;
    std::string carveStatus, carveNote;
    std::string sourceLabel() const { return fileSourceLabel(origin, !deleted); }   // "live", "deleted", "carved", …
};

struct MediaFilter {
    std::optional<std::int64_t> evidenceId, fileId, nearDupGroup, faceGroup;
    std::optional<std::string> kind;       // "image" / "video"
    std::optional<std::string> category;   // a code, or "" for ungraded
    bool includeKnownGood = false;         // known-good media are hidden unless asked for
    bool onlyWithGps = false;
    SourceFilter source = SourceFilter::All;   // by the media's file; Wal is an InvalidArgument error
    // "file" (evidence order), "group" (near-duplicate groups together), "face" (face groups together)
    std::string order = "file";
};

// Calls fn for every media row matching the filter; fn returns false to stop.
Result<std::int64_t> forEachMedia(Database &db, const MediaFilter &filter, const std::function<bool(const MediaRow &)> &fn);
Result<std::vector<MediaRow>> listMedia(Database &db, const MediaFilter &filter = {});
Result<std::vector<unsigned char>> mediaThumbnail(Database &db, std::int64_t fileId);
Result<std::vector<model::MediaFrame>> mediaFrames(Database &db, std::int64_t fileId);

struct FaceRow {
    std::int64_t id = 0, fileId = 0;
    std::optional<int> frameIndex;
    int x = 0, y = 0, w = 0, h = 0;
    double score = 0;
    std::string model;
    std::vector<float> embedding;
    std::optional<std::int64_t> group;
};
Result<std::int64_t> forEachFace(Database &db, const std::function<bool(const FaceRow &)> &fn);

Result<model::GradingScheme> gradingScheme(Database &db);
Result<std::vector<Grade>> gradesOf(Database &db, const std::vector<std::int64_t> &fileIds);

struct CategoryCount {
    std::string category;   // code, or "" for media not graded
    std::int64_t analyst = 0, hashset = 0;
};
// Media per grading category (known-good media left out), in the order of the scheme,
// categories of the other scheme (from hash sets) after, ungraded last.
Result<std::vector<CategoryCount>> gradingCounts(Database &db);

Result<std::vector<HashSetRow>> listHashSets(Database &db);

} // namespace vigil::casedb
