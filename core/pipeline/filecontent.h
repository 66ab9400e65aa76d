// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <vector>

#include "core/util/error.h"

namespace vigil::pipeline {

// The bytes of one indexed file, read back from its evidence (image, folder or ZIP),
// always read-only. Derived files too: a carved file from its runs of the evidence media, an
// archive member from CASE/derived/<id> (written once by the expand stage), an embedded file
// from its range of the parent's bytes (the parent possibly derived itself). For viewers,
// export, the parse and media stages. Thread-compatible: one instance per viewer.
class FileContent {
public:
    // ZIP members are read by re-walking the archive and are held in memory up to this size.
    static constexpr std::uint64_t kMaxZipMemberSize = 256ull << 20;

    static Result<std::unique_ptr<FileContent>> open(const std::filesystem::path &caseDir, std::int64_t fileId);
    ~FileContent();
    FileContent(const FileContent &) = delete;
    FileContent &operator=(const FileContent &) = delete;

    std::uint64_t size() const;
    // Reads up to len bytes at offset; fewer only at the end, 0 at or past the end.
    Result<std::size_t> read(std::uint64_t offset, void *buf, std::size_t len);

    class Backend;

private:
    friend class EvidenceFiles;
    explicit FileContent(std::unique_ptr<Backend> backend);
    std::unique_ptr<Backend> m_backend;
};

// Reads many files of evidence in turn (the parse stage reads every database on a
// device), keeping the image and file-system handles open between files. One per thread.
// Each FileContent it returns must be destroyed before the next call and before it.
class EvidenceFiles {
public:
    // `extracted`: ZIP members already written out by extractZipMembers (file id -> path).
    static Result<std::unique_ptr<EvidenceFiles>> open(const std::filesystem::path &caseDir,
                                                       std::map<std::int64_t, std::filesystem::path> extracted = {});
    ~EvidenceFiles();
    EvidenceFiles(const EvidenceFiles &) = delete;
    EvidenceFiles &operator=(const EvidenceFiles &) = delete;

    Result<std::unique_ptr<FileContent>> file(std::int64_t fileId);

    struct Handles;

private:
    explicit EvidenceFiles(std::unique_ptr<Handles> handles);
    std::unique_ptr<Handles> m_handles;
};

// True when the evidence item is a ZIP (its members are best read in one pass).
Result<bool> isZipEvidence(const std::filesystem::path &caseDir, std::int64_t evidenceId);

// Writes the given members of ZIP evidence into `dir` (as "<file id>") in one pass
// over the archive; returns where each went. Members that cannot be read are left out.
Result<std::map<std::int64_t, std::filesystem::path>> extractZipMembers(const std::filesystem::path &caseDir,
                                                                        const std::vector<std::int64_t> &fileIds,
                                                                        const std::filesystem::path &dir);

} // namespace vigil::pipeline
