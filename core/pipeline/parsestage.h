// SPDX-License-Identifier: GPL-3.0-or-later
// The parse stage: every file of an evidence item that a plugin may read (SQLite databases
// and, by signature or path, other files) is offered to the plugins once, and what they find
// goes to the case store.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>

#include "core/casedb/casestore.h"
#include "core/pipeline/ingest.h"

namespace vigil::pipeline {

struct ParseStats {
    std::uint64_t examined = 0;    // files offered to the plugins
    std::uint64_t parsed = 0;      // files a plugin read
    std::uint64_t failed = 0;      // files that could not be opened or read
    std::uint64_t errors = 0;      // processing errors recorded (plugins' included)
    // Deleted SQLite records (IngestOptions::sqliteRecovery): found (not copies of live rows),
    // put back into the databases' working copies, and records the parsers made of them.
    std::uint64_t deletedRecordsFound = 0, deletedRowsRestored = 0, recoveredRecordsParsed = 0;
    double recoverySeconds = 0;
};

// A file the stage will offer, with the WAL/journal read together with a database.
struct ParseCandidate {
    std::int64_t fileId = 0;
    std::string path, name, sigType;
    std::uint64_t size = 0;
    bool deleted = false;
    std::optional<std::int64_t> walId, journalId;
};

// The files of `evidenceId` not examined yet that the plugins may read: signature type in
// `sigTypes` (WAL and journal files excluded: they are read with their database) or path
// matching one of `pathGlobs`. Sorted by file id.
Result<std::vector<ParseCandidate>> loadParseCandidates(const std::filesystem::path &caseDir, std::int64_t evidenceId,
                                                        const std::vector<std::string> &sigTypes,
                                                        const std::vector<std::string> &pathGlobs);

// Runs the plugins of options.plugins over the candidates, one file after another (so the case
// content is the same on every run). Databases are copied with their -wal/-journal into the
// case's temp folder, their deleted records put back into the copy (unless
// options.sqliteRecovery is off; see plugins/api/recoveredrows.h), opened once, offered to every
// plugin, and the copy removed. Each problem becomes a processing error and the stage goes on.
ParseStats runParseStage(casedb::CaseStore &store, std::int64_t evidenceId, const IngestOptions &options,
                         const std::function<void(std::uint64_t done, std::uint64_t total)> &tick = {});

// The parse stage for one evidence item, then the link stage (home region, names from
// address books, attachment files), with the results in `summary` (parse time added, record
// counts of the evidence item). `progress` reports Stage::Parsing.
void parseEvidence(casedb::CaseStore &store, const IngestOptions &options, EvidenceSummary &summary,
                   const ProgressFn &progress);

} // namespace vigil::pipeline
