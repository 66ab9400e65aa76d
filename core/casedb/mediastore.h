// SPDX-License-Identifier: GPL-3.0-or-later
// Writes of the media stage and of grading: media rows, hash sets, matches, groups and
// gradings. Functions here run on the writer thread (CaseStore wraps them).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/casedb/database.h"
#include "core/model/media.h"

namespace vigil::casedb {

// An imported hash set as the case records it (the entries are in CASE/<storeFile>).
struct HashSetRow {
    std::int64_t id = 0;
    std::string name, role, format, formatVersion, sourcePath, sourceSha256, storeFile;
    std::int64_t md5Count = 0, sha1Count = 0, rejected = 0;
    std::string importedUtc, importedBy;
};

struct HashMatch {
    std::int64_t fileId = 0, setId = 0;
    std::string hashKind;                // "md5" or "sha1"
    std::optional<std::string> category; // category code, if the set gives one
};

// One file's grading before or after a change (category empty: not graded).
struct Grade {
    std::int64_t fileId = 0;
    std::string category, source;   // source: "analyst" or "hashset"
    std::string sourceRef;          // the examiner, or the hash set's id
};

// Media rows (with frames and faces) and files.media_status, replacing earlier rows of the same files.
Result<void> writeMedia(Database &db, const std::vector<model::MediaRecord> &records);
Result<std::int64_t> insertHashSet(Database &db, const HashSetRow &row);
// Replaces every match of one set, and pre-grades matched files nobody has graded
// (source "hashset", source_ref the set id) when the set gives a category.
Result<std::int64_t> replaceHashMatches(Database &db, std::int64_t setId, const std::vector<HashMatch> &matches);
Result<void> setNearDuplicateGroups(Database &db, const std::vector<std::pair<std::int64_t, std::int64_t>> &fileGroups);
Result<void> setFaceGroups(Database &db, const std::vector<std::pair<std::int64_t, std::int64_t>> &faceGroups);
// Grades (category code) or ungrades (empty category) files as the analyst, in one transaction
// with one audit entry holding the previous grades; returns those previous grades (for undo).
Result<std::vector<Grade>> applyGrades(Database &db, const std::vector<std::int64_t> &fileIds, const std::string &category,
                                       const std::string &actor, const std::string &reason);
// Restores earlier grades exactly (undo), audited.
Result<void> restoreGrades(Database &db, const std::vector<Grade> &grades, const std::string &actor);
Result<void> setGradingScheme(Database &db, model::GradingScheme scheme, const std::string &actor);

} // namespace vigil::casedb
