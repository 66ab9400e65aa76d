// SPDX-License-Identifier: GPL-3.0-or-later
// The media stage: every image and video of an evidence item analysed once (see
// mediaanalyser.h), then, case-wide, near-duplicate groups (PDQ), face groups and hash-set
// matches. The case-wide part is re-runnable without reading evidence again.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>

#include "core/casedb/casestore.h"
#include "core/pipeline/ingest.h"
#include "core/pipeline/mediaanalyser.h"

namespace vigil::pipeline {

// Records a media row that could not be analysed as a processing error (stage "media");
// false when the row is fine.
bool recordMediaFailure(casedb::CaseStore &store, std::int64_t evidenceId, const std::string &path,
                        const model::MediaRecord &record);

struct MediaPassStats {
    std::uint64_t files = 0, analysed = 0, failed = 0, faces = 0;
    std::uint64_t partialCarves = 0;   // partly carved files that did not decode (not errors)
};

// Analyses the media files of `evidenceId` the content pass did not (logical evidence, videos
// too large for memory, files hashed by an earlier run), reading each through the evidence
// with one worker per core. Each failure is a processing error and a media row "failed".
MediaPassStats runMediaPass(casedb::CaseStore &store, std::int64_t evidenceId, const IngestOptions &options,
                            const std::function<void(std::uint64_t done, std::uint64_t total)> &tick = {});

// The media pass for one evidence item with progress (Stage::Media) and its figures in `summary`.
void analyseEvidenceMedia(casedb::CaseStore &store, const IngestOptions &options, EvidenceSummary &summary,
                          const ProgressFn &progress);

struct MediaLinkStats {
    std::uint64_t media = 0, nearDuplicateGroups = 0, mediaInGroups = 0;
    std::uint64_t faces = 0, faceGroups = 0;
    std::uint64_t hashMatches = 0, pregraded = 0, knownGood = 0;
};

// Near-duplicate groups over every PDQ in the case (images and video keyframes, quality of 50
// or more, distance <= 31) and face groups over every face embedding made with the same model.
Result<MediaLinkStats> groupMedia(casedb::CaseStore &store, const MediaOptions &options = {});

// Matches every hashed file of the case against the hash sets (one set, or all), recording
// matches and pre-grading matched files nobody graded.
Result<MediaLinkStats> matchHashSets(casedb::CaseStore &store, std::optional<std::int64_t> setId = std::nullopt);

// Both of the above, as the end of an ingest runs them.
Result<MediaLinkStats> linkMedia(casedb::CaseStore &store, const MediaOptions &options = {});

struct HashSetImportResult {
    casedb::HashSetRow row;
    std::uint64_t entriesRead = 0, duplicates = 0, conflicts = 0;
    std::vector<std::string> rejectReasons;
    MediaLinkStats matches;
};

// Imports a hash set file (VICS JSON 1.x/2.0, MD5/SHA-1 list, CSV with a category column,
// NSRL RDSv3) into CASE/hashsets/, records it (audited) and matches the case's files.
// role: "known-bad", "known-good", "categorised" or "" (by format).
Result<HashSetImportResult> importHashSetIntoCase(casedb::CaseStore &store, const std::filesystem::path &source,
                                                  const std::string &name, const std::string &role,
                                                  const std::function<void(std::uint64_t entries)> &progress = {});

} // namespace vigil::pipeline
