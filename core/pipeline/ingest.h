// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <atomic>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/casedb/casestore.h"
#include "core/pipeline/mediaanalyser.h"

namespace vigil::plugins {
class PluginHost;
}

namespace vigil::pipeline {

// Limits for each archive the expand stage opens (a bomb is a processing error, not a full disk).
struct ExpandLimits {
    std::uint64_t maxMemberSize = 4ull << 30;     // bytes of one member once expanded
    std::uint64_t maxTotalSize = 16ull << 30;     // bytes of all members of one archive
    std::uint64_t maxMembers = 1'000'000;
    double maxRatio = 1000.0;                     // expanded / archive bytes, beyond 1 MiB expanded
};

// Long enough for a phone's largest chat database (a million messages parse in well under a
// minute here), short enough that a parser stuck on a hostile file costs minutes, not the night.
inline constexpr int kDefaultItemTimeLimitSeconds = 300;

struct IngestOptions {
    std::vector<std::filesystem::path> evidence;
    bool sha256 = false;
    bool verify = false;                        // re-hash the whole media after the content pass
    unsigned workers = 0;                       // 0: one per core
    // Set to stop early (Ctrl-C). The case's writer also sets it when the case's storage fails.
    std::atomic<bool> *cancel = nullptr;
    plugins::PluginHost *plugins = nullptr;     // parsers to run; none: files are only indexed and hashed
    // Each parser on each file is stopped after this long and the stop recorded (0: no limit).
    int itemTimeLimitSeconds = kDefaultItemTimeLimitSeconds;
    bool sqliteRecovery = true;                 // parsers also read deleted SQLite rows (recovered)
    std::string region;                         // ISO 3166 region for phone numbers without a country code
    // The IANA zone local-time file systems (FAT, exFAT) were written in: The Sleuth Kit converts
    // their times with it (runIngest sets the process's TZ). "" = not known: read as UTC, and the
    // timeline marks those times `local`. Recorded per evidence item as it is indexed.
    std::string fsTimezone;
    MediaOptions media;                         // images and videos: thumbnails, PDQ, pHash, EXIF, faces
    // Recovery (issue 6).
    bool carve = true;                          // carve unallocated space and file slack (disk images)
    bool expand = true;                         // expand archives, search files for embedded files
    int maxDepth = 8;                           // derived files nest at most this deep
    ExpandLimits expandLimits = {};             // decompression-bomb limits per archive
    // People (issue 7): identity resolution, indicators, victims and clusters at the end.
    bool people = true;
};

enum class Stage { Opening, Volumes, Indexing, Content, Parsing, Media, Verifying, Done, Expanding, Carving, Analysing };
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
    std::string note;           // e.g. "resumed an interrupted ingest", "already ingested: skipped"
    std::string verification;   // "match", "mismatch", "no-stored-hash", "unreadable" or "" (not asked)
    std::uint64_t mediaSize = 0;
    int volumes = 0;
    std::vector<FilesystemSummary> filesystems;
    std::uint64_t files = 0, deleted = 0;
    std::uint64_t filesHashed = 0, bytesHashed = 0;
    std::uint64_t errors = 0;
    double indexSeconds = 0, contentSeconds = 0, parseSeconds = 0;
    // Parse stage: files offered to the parsers, files read, and what the case holds for
    // this evidence item afterwards.
    std::uint64_t filesParsed = 0, parseFailures = 0;
    std::int64_t accounts = 0, contacts = 0, conversations = 0, messages = 0, calls = 0, webVisits = 0,
                 webSearches = 0;
    std::string homeRegion, homeRegionSource;
    // Media stage: images and videos analysed, those that could not be, faces found.
    std::uint64_t mediaAnalysed = 0, mediaFailed = 0, faces = 0;
    double mediaSeconds = 0;
    // Recovery: files carved (of which partial) from unallocated space and slack, the bytes
    // scanned, archives expanded, their members (and the bytes kept in CASE/derived), files
    // found embedded in other files, and expansion problems (bombs, damaged archives, depth).
    std::uint64_t carved = 0, carvedPartial = 0, carvedBytesScanned = 0, slackFiles = 0;
    double carveSeconds = 0, expandSeconds = 0;
    std::uint64_t archivesExpanded = 0, members = 0, memberBytes = 0, embedded = 0, expandErrors = 0;
};

// The people analysis at the end of the ingest (analysePeople): persons, victims and clusters.
struct PeopleFigures {
    bool ran = false;
    std::string error;   // why it could not run, "" when it did
    std::int64_t persons = 0, suspects = 0, accounts = 0, located = 0;
    std::int64_t messages = 0, hits = 0, counted = 0, victims = 0, urgent = 0, clusters = 0;
    double seconds = 0;
};

struct IngestSummary {
    std::vector<EvidenceSummary> evidence;
    bool cancelled = false;
    // Set when writing the case failed (a full disk) and the ingest stopped there: the case is
    // valid as its last commit left it and the run can be resumed. Not `cancelled`.
    std::optional<Error> storageFailure;
    double seconds = 0;
    // Case-wide media linking at the end of the ingest.
    std::uint64_t nearDuplicateGroups = 0, mediaInGroups = 0, faceGroups = 0, hashMatches = 0, pregraded = 0,
                  knownGood = 0;
    PeopleFigures people;
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
