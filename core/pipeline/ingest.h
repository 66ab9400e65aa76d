// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <atomic>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "core/casedb/casestore.h"

namespace vigil::pipeline {

struct IngestOptions {
    std::vector<std::filesystem::path> evidence;
    bool sha256 = false;
    bool verify = false;                        // re-hash the whole media after the content pass
    unsigned workers = 0;                       // 0: one per core
    const std::atomic<bool> *cancel = nullptr;  // set to stop early (Ctrl-C)
};

enum class Stage { Opening, Volumes, Indexing, Content, Verifying, Done };
const char *stageName(Stage stage);

struct IngestProgress {
    std::string evidence;
    Stage stage = Stage::Opening;
    std::uint64_t filesIndexed = 0;
    std::uint64_t filesDone = 0, filesTotal = 0;       // content pass
    std::uint64_t bytesDone = 0, bytesTotal = 0;
    std::uint64_t errors = 0;
};
using ProgressFn = std::function<void(const IngestProgress &)>;

struct FilesystemSummary {
    std::string type;
    std::int64_t offset = 0;
    std::uint64_t entries = 0;
};

struct EvidenceSummary {
    std::filesystem::path path;
    std::string kind;
    std::int64_t evidenceId = 0;
    bool opened = false;
    std::string openError;
    std::string note;
    std::string verification;   // "match", "mismatch", "no-stored-hash", "unreadable" or "" (not asked)   // e.g. "resumed an interrupted ingest", "already ingested: skipped"
    std::uint64_t mediaSize = 0;
    int volumes = 0;
    std::vector<FilesystemSummary> filesystems;
    std::uint64_t files = 0, deleted = 0;
    std::uint64_t filesHashed = 0, bytesHashed = 0;
    std::uint64_t errors = 0;
    double indexSeconds = 0, contentSeconds = 0;
};

struct IngestSummary {
    std::vector<EvidenceSummary> evidence;
    bool cancelled = false;
    double seconds = 0;
    std::uint64_t totalErrors() const;
    // True when an item could not be opened or nothing at all could be read from it.
    bool anyUnusable() const;
    std::string toJson() const;
};

// Runs the whole foundation pipeline for each evidence item: open read-only, discover
// volumes and file systems, index every file (allocated and deleted), then read each
// file's content once to hash and type it, on a pool of workers.
IngestSummary runIngest(casedb::CaseStore &store, const IngestOptions &options, const ProgressFn &progress = {});

} // namespace vigil::pipeline
