// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <semaphore>
#include <string>
#include <vector>

#include <QJsonObject>

#include "core/casedb/database.h"
#include "core/casedb/mediastore.h"
#include "core/casedb/recordwriter.h"
#include "core/casedb/writer.h"
#include "core/model/communication.h"
#include "core/model/file.h"
#include "core/model/media.h"

namespace vigil::casedb {

struct CaseInfo {
    std::string caseNumber, examiner, description;
};

struct EvidenceRow {
    std::string path, displayName, kind;
    std::vector<std::string> segments;
    std::optional<std::int64_t> mediaSize;
    std::string storedMd5, storedSha1;
    std::string acquisitionJson = "{}";
};

// An evidence item already in the case: 'added' (indexing began), 'indexed' (the index
// is complete and committed) or 'done' (content pass finished).
struct EvidenceState {
    std::int64_t id = 0;
    std::string status;
    std::string verification;   // "" until verified (match, mismatch, no-stored-hash, unreadable)
};

// One ingest run as recorded: status is 'running', 'completed', 'cancelled' (Ctrl-C) or
// 'interrupted' (the process died; marked when the case is next opened for writing).
struct RunState {
    std::int64_t id = 0;
    std::string status;
    std::string startedUtc;
    std::string optionsJson;
};

struct VolumeRow {
    std::int64_t evidenceId = 0;
    std::string scheme;   // "dos", "gpt", ...
    int slot = 0;
    std::int64_t startOffset = 0, length = 0;
    std::string description, flags;   // flags: "alloc", "unalloc" or "meta"
};

struct FilesystemRow {
    std::int64_t evidenceId = 0;
    std::optional<std::int64_t> volumeId;
    std::int64_t startOffset = 0;
    std::string fsType;
    std::optional<std::int64_t> blockSize, blockCount, rootInum;
};

struct ProcessingError {
    std::optional<std::int64_t> evidenceId, fileId, fsId;
    std::string stage, component;
    Error error;
    std::string path;
    std::optional<std::int64_t> byteOffset;
};

struct ContentResult {
    std::int64_t fileId = 0;
    std::string md5, sha1, sha256, sigType, sigMime;
    std::optional<bool> extMismatch;
    std::string status;   // "hashed", "empty", "unreadable", "partial"
    std::uint64_t bytesRead = 0;
    std::optional<std::int64_t> sourceOffset;   // byte offset of the first content byte in the evidence
    std::string expandStatus = {};              // set when the content pass searched it for embedded files
};

// A case: a folder holding the SQLite case database (WAL), a temp area and logs.
// All writes go through one Writer thread; readers open their own connections.
class CaseStore {
public:
    static constexpr const char *kDatabaseName = "case.vigil";

    // Creates the folder and database if needed, or opens an existing case for writing.
    static Result<std::unique_ptr<CaseStore>> openOrCreate(const std::filesystem::path &dir,
                                                           const CaseInfo &info, const std::string &actor);
    // Opens an existing case read-only (no writer thread).
    static Result<Database> openReadOnly(const std::filesystem::path &dir);

    const std::filesystem::path &dir() const { return m_dir; }
    std::filesystem::path databasePath() const { return m_dir / kDatabaseName; }
    std::filesystem::path tempDir() const { return m_dir / "temp"; }
    const std::string &actor() const { return m_actor; }
    Writer &writer() { return *m_writer; }

    Result<std::int64_t> addEvidence(const EvidenceRow &row);
    Result<void> setEvidenceStatus(std::int64_t evidenceId, const std::string &status);
    // evidence.fs_timezone: the zone its local-time file systems were read in ("" stores NULL).
    Result<void> setEvidenceTimezone(std::int64_t evidenceId, const std::string &zone);
    // Result of re-hashing the whole media: verification is "match", "mismatch" or
    // "no-stored-hash".
    Result<void> setVerification(std::int64_t evidenceId, const std::string &md5, const std::string &sha1,
                                 const std::string &verification);
    // The most recent evidence row for this (absolute) path, if any.
    Result<std::optional<EvidenceState>> findEvidence(const std::string &path);
    // Removes an unfinished index (files, file systems, volumes) so it can be redone.
    Result<void> discardIndex(std::int64_t evidenceId);
    Result<std::int64_t> addVolume(const VolumeRow &row);
    Result<std::int64_t> addFilesystem(const FilesystemRow &row);
    // Asynchronous, batched. sourceOffsets: optional per-record byte offsets (same order).
    void addFiles(std::vector<model::FileRecord> files);
    // Logical evidence is indexed and hashed in one pass: each file with its content result.
    void addFilesWithContent(std::vector<std::pair<model::FileRecord, ContentResult>> files);
    // Derived files (issue 6: carved, archive members, embedded). A derived file is known by its
    // evidence, file system and forensic path: adding one that exists already gives back the
    // existing row's id, so a resumed or repeated ingest never duplicates them. Rows start
    // 'pending' so the next content pass reads them.
    struct DerivedId {
        std::int64_t id = 0;
        bool created = false;
    };
    Result<std::vector<DerivedId>> addDerivedFiles(std::vector<model::FileRecord> files);   // waits for the commit
    void postDerivedFiles(std::vector<model::FileRecord> files);                             // asynchronous
    // Archive members, each with the file holding its bytes (written inside derivedDir()): the
    // row is inserted and the file renamed to derivedDir()/<id> in one job. Returns the ids.
    Result<std::vector<std::int64_t>> addMembers(std::vector<std::pair<model::FileRecord, std::filesystem::path>> members);
    // files.expand_status ("expanded", "searched", "failed", "too-deep"); asynchronous.
    void setExpandStatus(std::vector<std::int64_t> fileIds, const std::string &status);
    Result<void> setFilesystemStatus(std::int64_t fsId, const std::string &status);
    // Where archive members' bytes are kept (they can only be reached by decompression).
    std::filesystem::path derivedDir() const { return m_dir / "derived"; }
    void recordError(ProcessingError error);
    void setContentResults(std::vector<ContentResult> results);
    void audit(const std::string &action, const QJsonObject &details);
    Result<std::int64_t> beginRun(const std::string &optionsJson);
    Result<void> finishRun(std::int64_t runId, const std::string &status, const std::string &summaryJson);
    // The latest ingest run, or nothing when the case has none.
    Result<std::optional<RunState>> lastRun();
    Result<void> flush() { return m_writer->flush(); }

    // Communication records of one parsed file, in order: begin, records (any number of
    // batches, from one or more parsers), finish. All asynchronous, on the writer thread.
    void beginParse(ParseStart start);
    void addRecords(std::int64_t fileId, model::RecordBatch batch, std::string parser, std::string parserVersion);
    // parseStatus: "parsed" (a parser read it), "none" (no parser recognised it), "failed"
    // (it could not be opened), "companion" (a WAL or journal read with its database).
    // Marks the file parsed (or failed, none) and its companions (-wal, -journal) 'companion', in
    // one job: a kill between the two would leave a companion unmarked for good, as a resume
    // never offers a WAL to the parsers on its own.
    void finishParse(std::int64_t fileId, const std::string &parseStatus, std::vector<std::int64_t> companions = {});

    // Media (issue 5). addMedia is asynchronous; the others wait for their commit.
    void addMedia(std::vector<model::MediaRecord> records);
    Result<std::int64_t> addHashSet(const HashSetRow &row);   // audited
    // Replaces the matches of one set; returns how many files it pre-graded.
    Result<std::int64_t> setHashMatches(std::int64_t setId, std::vector<HashMatch> matches);
    Result<void> setMediaGroups(std::vector<std::pair<std::int64_t, std::int64_t>> nearDuplicates,
                                std::vector<std::pair<std::int64_t, std::int64_t>> faces);
    // Analyst grading (empty category: ungrade), audited; returns the previous grades for undo.
    Result<std::vector<Grade>> grade(const std::vector<std::int64_t> &fileIds, const std::string &category,
                                     const std::string &reason);
    Result<void> restoreGrades(const std::vector<Grade> &grades);
    Result<void> setGradingScheme(model::GradingScheme scheme);

    ~CaseStore();

private:
    CaseStore(std::filesystem::path dir, std::string actor, Database db);
    Result<void> deleteIndexRows(std::int64_t evidenceId);
    std::filesystem::path m_dir;
    std::string m_actor;
    std::shared_ptr<RecordWriter> m_records = std::make_shared<RecordWriter>();
    // Record batches waiting for the writer, at most this many (a batch holds up to a few
    // thousand records): a parser faster than the writer waits instead of filling memory.
    static constexpr std::ptrdiff_t kRecordBatchesQueued = 32;
    std::counting_semaphore<kRecordBatchesQueued> m_recordSlots{kRecordBatchesQueued};
    std::unique_ptr<Writer> m_writer;
};

} // namespace vigil::casedb
