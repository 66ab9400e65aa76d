// SPDX-License-Identifier: GPL-3.0-or-later
// Test helpers for the archive expander: real archives written at test time (libarchive's
// write API, the RAR 5 and cab formats by hand from their specifications, command-line tools
// where present), and a recorder of what expandArchive hands over.
#pragma once

#include <atomic>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "plugins/carvers/archives/archives.h"
#include "tests/testutil/tempdir.h"

namespace vigil::archives::test {

using Bytes = std::vector<unsigned char>;
namespace fs = std::filesystem;

struct Entry {
    std::string name;
    Bytes data;
    bool directory = false;
    std::int64_t mtime = 1709294400;   // 2024-03-01 12:00:00 UTC
};

struct WriteSpec {
    int format = 0;                 // ARCHIVE_FORMAT_*
    std::vector<int> filters;       // ARCHIVE_FILTER_*, outermost last
    std::string options;            // archive_write_set_options
    std::string passphrase;         // zip/7z encryption
};

// An archive in memory, written entry by entry with libarchive.
Bytes writeArchive(const WriteSpec &spec, const std::vector<Entry> &entries);
// The same, one compression filter over a single stream (libarchive's raw writer).
Bytes compressRaw(int filter, const Bytes &data, const std::string &options = {});

// RAR 5.0 with stored (uncompressed) files, built from the format's technical note.
Bytes writeRar5Stored(const std::vector<Entry> &entries);
// A Microsoft cabinet with one uncompressed folder, built from [MS-CAB].
Bytes writeCabStored(const std::vector<Entry> &entries);

// Deterministic pseudo-random bytes.
Bytes randomBytes(std::size_t size, std::uint64_t seed);
Bytes textBytes(const std::string &text);

struct Got {
    Member member;
    Bytes data;
    std::optional<Error> readError;
};

struct Expansion {
    Result<ExpandStats> result;
    std::vector<Got> members;
    const Got *find(const std::string &name) const;
    std::vector<std::string> names() const;
};

// Runs expandArchive on `bytes`, keeping every member's bytes (read in 64 KiB chunks).
Expansion expand(const Bytes &bytes, const std::string &name, const Limits &limits = {},
                 const std::atomic<bool> *cancel = nullptr,
                 const std::function<void(const Member &)> &onEach = {});

// A scratch directory, removed with its content.
using vigil::test::TempDir;

Bytes readFile(const fs::path &path);
void writeFile(const fs::path &path, const Bytes &bytes);
bool haveTool(const std::string &name);
int runShell(const std::string &command);   // exit code

} // namespace vigil::archives::test
