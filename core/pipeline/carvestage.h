// SPDX-License-Identifier: GPL-3.0-or-later
// The carve stage (issue 6): per file system, its unallocated blocks are read in order as one
// region and carved once with every carver (FileCarver); then the slack of its allocated files
// (the bytes between a file's end and its last cluster's end) is carved the same way, as one
// region of all slack pieces. Space no file system covers (unpartitioned gaps, partitions
// without a readable file system) is carved too. Each item becomes a "carved" file whose
// provenance is its offset (and extents) in the media; the content pass then hashes, types and
// analyses it like any file, and the parse stage reads carved databases.
#pragma once

#include <cstdint>
#include <functional>

#include "core/casedb/casestore.h"
#include "core/pipeline/ingest.h"

namespace vigil::pipeline {

struct CarveStageStats {
    std::uint64_t areas = 0;              // regions carved (file systems' unallocated space, gaps)
    std::uint64_t bytesScanned = 0;       // unallocated and slack bytes read
    std::uint64_t carved = 0, partial = 0;
    std::uint64_t slackFiles = 0;         // files whose slack was carved
    std::uint64_t slackCarved = 0;        // of `carved`, found in slack
    std::uint64_t errors = 0;
};

// Files whose slack is shorter than this are not carved (nothing carvable fits).
constexpr std::uint64_t kMinSlack = 512;

// Carves the disk image of `evidenceId` at `imagePath`. A file system already carved (its
// status 'carved') is skipped, so a resumed ingest carves only what is left; carved files are
// never duplicated (the case store keeps one row per forensic path).
CarveStageStats runCarveStage(casedb::CaseStore &store, std::int64_t evidenceId, const std::filesystem::path &imagePath,
                              const IngestOptions &options,
                              const std::function<void(std::uint64_t done, std::uint64_t total)> &tick = {});

// The carve stage with progress (Stage::Carving), then the content pass and expand rounds of
// what it carved; figures in `summary`.
void carveEvidence(casedb::CaseStore &store, const IngestOptions &options, EvidenceSummary &summary,
                   const ProgressFn &progress);

} // namespace vigil::pipeline
