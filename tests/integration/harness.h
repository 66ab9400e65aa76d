// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/casedb/queries.h"
#include "tests/testutil/tempdir.h"   // vigil::test::TempDir

namespace vigil::test {

namespace fs = std::filesystem;

struct CommandResult {
    int exitCode = -1;
    std::string out;   // stdout and stderr together
};

// Runs a shell command, capturing its output and exit code.
CommandResult run(const std::string &command);
std::string quote(const std::string &s);
bool haveTool(const std::string &name);

fs::path vigilBinary();
fs::path externalData();   // ../shared/testdata/external (may not exist)
// Unzips externalData()/images/<zip> into `dir` and returns `dir`/<member>; "" with `why` set when the
// data or unzip is missing (the caller skips with it) or the archive does not hold the member.
fs::path unpackExternalImage(const std::string &zip, const std::string &member, const fs::path &dir, std::string &why);
fs::path generatedEvidence();   // where tests/data/make_evidence.sh wrote its images
fs::path demoEvidence();        // the demo E01 tests/data/make_demo.sh wrote (generate_demo fixture)
fs::path demoPhoneEvidence();   // the demo phone E01 beside it (the same suspect's second device)

// Runs `vigil ingest` with TZ=UTC; returns its result.
CommandResult ingest(const std::vector<fs::path> &evidence, const fs::path &caseDir, const std::string &extra = {});
// The same, for tests that read a case rather than test the ingest: the first caller with this
// evidence, these options and this `vigil` binary runs the real ingest once into the build tree's
// test-cases folder (under a file lock, so parallel tests wait for it instead of repeating it);
// every caller then gets its own copy at caseDir. A failed ingest is not kept. The output is the
// ingest's own, so it names the shared case folder, not caseDir.
CommandResult ingestShared(const std::vector<fs::path> &evidence, const fs::path &caseDir,
                           const std::string &extra = {});

std::vector<casedb::FileRow> caseFiles(const fs::path &caseDir);
std::int64_t caseScalar(const fs::path &caseDir, const std::string &sql);
std::vector<std::int64_t> fileSystemOffsets(const fs::path &caseDir, std::int64_t evidenceId = 1);

// One line of `fls -r -p`.
struct FlsEntry {
    std::string path;
    std::string inode;     // "12" or "12-128-3"
    bool deleted = false;
    bool realloc = false;
    char type = '-';       // name type letter: r d l v V -
};
std::vector<FlsEntry> fls(const fs::path &image, std::int64_t offsetBytes);
std::string icatMd5(const fs::path &image, std::int64_t offsetBytes, const std::string &inode);

// TSK's fls turns control characters into '^'; ours keeps them. Same view for comparing.
std::string flsSanitized(const std::string &path);
std::string inodeString(const casedb::FileRow &row);

std::string md5File(const fs::path &file);
std::string sha256File(const fs::path &file);

// Compares Vigil's file list for the file system at offsetBytes with fls of oracleImage.
// Returns a human readable list of differences (empty when identical).
std::vector<std::string> compareWithFls(const fs::path &caseDir, const fs::path &oracleImage, std::int64_t offsetBytes);
// Compares content MD5s with icat for every hashed, non-reallocated regular file.
std::vector<std::string> compareWithIcat(const fs::path &caseDir, const fs::path &oracleImage, std::int64_t offsetBytes,
                                         std::size_t maxFiles = 400);

} // namespace vigil::test

namespace vigil::test {
// Compares MACB times (whole seconds, UTC) with `fls -m` body output, keyed by inode.
std::vector<std::string> compareTimesWithFls(const fs::path &caseDir, const fs::path &oracleImage,
                                             std::int64_t offsetBytes);

struct MmlsRow {
    std::int64_t start = 0, length = 0;   // bytes
    std::string description;
};
std::vector<MmlsRow> mmls(const fs::path &image);
} // namespace vigil::test

namespace vigil::test {
// One <fileobject> of a DFXML file (fiwalk's output): published per-file answers.
struct DfxmlFile {
    std::int64_t volumeOffset = 0;
    std::string path;       // as fiwalk names it, without a leading '/'
    char nameType = '-';
    std::int64_t size = 0;
    bool allocated = true;
    std::string md5, sha1;  // empty where fiwalk did not hash
    std::optional<std::int64_t> firstImageOffset;   // first data byte run in the image
};
std::vector<DfxmlFile> readDfxml(const fs::path &file);
} // namespace vigil::test
