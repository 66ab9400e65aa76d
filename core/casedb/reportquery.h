// SPDX-License-Identifier: GPL-3.0-or-later
// What a court report states about how a case was processed and where its findings come from
// (issue 9): the parsers and hash sets used, the processing errors in summary, the media counts per
// grading category, and the full provenance of a quoted message. Read-only typed queries.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/casedb/database.h"

namespace vigil::casedb {

// The report's cover: the case as it was created (case_info) and its grading scheme.
struct CaseCover {
    std::string caseNumber, examiner, description, createdUtc, vigilVersion, gradingScheme;
};
Result<CaseCover> caseCover(Database &db);

// An evidence item with its acquisition and verification hashes, as the report lists it.
struct EvidenceHashes {
    std::int64_t id = 0;
    std::optional<std::int64_t> mediaSize;
    std::string path, displayName, kind, status, addedUtc;
    std::string storedMd5, storedSha1, computedMd5, computedSha1, verification, verifiedUtc;
    std::string fsTimezone;   // the zone FAT times were read in ("" = not given: read as UTC)
};
Result<std::vector<EvidenceHashes>> evidenceHashes(Database &db);   // by id

// Each ingest run: when, how it ended, and its options (JSON as recorded), oldest first.
struct IngestRun {
    std::int64_t id = 0;
    std::string startedUtc, finishedUtc, status, optionsJson;
};
Result<std::vector<IngestRun>> ingestRuns(Database &db);

// A parser as it ran on this case: name, version, the app it read, and on how many files.
struct ParserUse {
    std::string parser, version, app;
    std::int64_t files = 0;
};
Result<std::vector<ParserUse>> parsersUsed(Database &db);   // by parser, then version

// A hash set imported into the case, and how many of the case's files it matched.
struct HashSetUse {
    std::int64_t id = 0;
    std::string name, role, format, formatVersion, sourcePath, sourceSha256, importedUtc, importedBy;
    std::int64_t md5Count = 0, sha1Count = 0, rejected = 0, matchedFiles = 0;
};
Result<std::vector<HashSetUse>> hashSetsUsed(Database &db);   // in import order

// Processing errors grouped by where they happened and what they were, most frequent first.
struct ErrorCount {
    std::string stage, component, code;
    std::int64_t count = 0;
    std::string example;   // the first such error's message
};
Result<std::vector<ErrorCount>> errorSummary(Database &db);

// Media per grading category ("" = not graded), categories in name order, "" last.
struct GradeCount {
    std::string category;
    std::int64_t count = 0;
};
Result<std::vector<GradeCount>> gradeCounts(Database &db);

// Where a message was read: the source file (path, hashes, evidence item), the table and row or
// byte offset, the parser and its version, and whether the row was live or recovered.
struct MessageSource {
    std::int64_t messageId = 0, evidenceId = 0, fileId = 0;
    std::string path, md5, sha1, sha256;
    std::string table;                        // source_table ("" when the app has none)
    std::optional<std::int64_t> rowid, offset;
    std::string parser, parserVersion, recordSource;
};
Result<std::optional<MessageSource>> messageSource(Database &db, std::int64_t messageId);

} // namespace vigil::casedb
