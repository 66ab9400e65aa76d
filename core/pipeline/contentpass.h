// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <atomic>
#include <cstdint>
#include <filesystem>
#include <functional>

#include "core/casedb/casestore.h"
#include "core/pipeline/ingest.h"

namespace vigil::pipeline {

struct ContentTask {
    std::int64_t fileId = 0;
    std::int64_t fsOffset = 0;
    std::uint64_t metaAddr = 0;
    std::optional<int> attrType, attrId;
    std::uint64_t size = 0;
    std::string name, path;
    // Derived files (carved, archive members, embedded) are read through FileContent.
    bool derived = false;
    std::optional<std::int64_t> fsId = {};
    bool allocated = true;
    int depth = 0;
    bool partialCarve = false;   // carved or embedded, known to be incomplete: media that does not
                                 // decode is expected there, not a processing error
};

struct ContentStats {
    std::uint64_t files = 0, bytes = 0, errors = 0;
    std::uint64_t mediaAnalysed = 0, mediaFailed = 0, faces = 0;   // media analysed from the bytes read
    std::uint64_t searched = 0, embedded = 0;   // files searched for embedded files, children found
};

// How much content work is pending for one image evidence item.
struct PendingContent {
    std::uint64_t files = 0, bytes = 0;
};
Result<PendingContent> pendingContent(const std::filesystem::path &caseDir, std::int64_t evidenceId);

// Loads up to `limit` pending tasks of one image evidence item, highest priority first
// (chat/contact databases and their WAL/journals, then media, then the rest). The pass
// works page by page so memory stays flat however many files the image holds.
// databasesOnly: only the first class (what the parse stage needs first).
Result<std::vector<ContentTask>> loadContentTasks(const std::filesystem::path &caseDir, std::int64_t evidenceId,
                                                  std::size_t limit, bool databasesOnly = false);

// Reads every task's bytes once, hashing (MD5, SHA-1, optional SHA-256) and typing them; an
// image or video (by signature, up to kMediaInMemoryLimit) is analysed from the same bytes
// (options.media), and a file up to kSearchInMemoryLimit is searched for embedded files
// (options.expand), which become derived files of their own. Each worker opens its own
// read-only handle on the image (derived files: through FileContent); results go to the store.
// `image` is the evidence path (for logical evidence only derived files are pending).
ContentStats runContentPass(casedb::CaseStore &store, const std::filesystem::path &image, std::int64_t evidenceId,
                            const std::vector<ContentTask> &tasks, const IngestOptions &options,
                            const std::function<void(std::uint64_t files, std::uint64_t bytes, std::uint64_t errors)> &tick);

// The content pass for one evidence item: every pending file (or only the databases), page by
// page, with progress (Stage::Content) and the figures added to `summary` (contentSeconds,
// filesHashed, bytesHashed, media, embedded files found, errors).
void readEvidenceContent(casedb::CaseStore &store, const IngestOptions &options, EvidenceSummary &summary,
                         const ProgressFn &progress, bool databasesOnly);

} // namespace vigil::pipeline
