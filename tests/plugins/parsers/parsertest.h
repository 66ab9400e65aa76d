// SPDX-License-Identifier: GPL-3.0-or-later
// Test support for parser plugins: build real SQLite databases from an app's DDL, run one
// plugin over them exactly as the ingest does (working copy with -wal/-journal, SqliteDatabase,
// PluginHost), and damage files for bad-input tests.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/model/communication.h"
#include "core/util/error.h"

namespace vigil::plugins {
class PluginRegistry;
}

namespace vigil::test {

using RegisterFn = std::function<void(plugins::PluginRegistry &)>;

// A fresh folder under the system temp dir, removed when the test ends.
class ScratchDir
{
public:
    ScratchDir();
    ~ScratchDir();
    ScratchDir(const ScratchDir &) = delete;
    ScratchDir &operator=(const ScratchDir &) = delete;
    const std::filesystem::path &path() const { return m_path; }
    std::filesystem::path operator/(const std::string &name) const { return m_path / name; }

private:
    std::filesystem::path m_path;
};

// Creates (or adds to) a database by running an SQL script: the app's DDL and rows.
// Fails the current test on an SQL error.
void createDatabase(const std::filesystem::path &file, std::string_view sql);

// Creates a WAL-mode database: `sql` is checkpointed into the main file, `walSql` is left only
// in "<file>-wal" (as on a device that was seized while the app was running).
void createDatabaseWithWal(const std::filesystem::path &file, std::string_view sql, std::string_view walSql);

struct ParseResult {
    bool accepted = false;          // the plugin took the database (or file)
    model::RecordBatch records;     // all batches merged
    std::size_t batches = 0;
    std::vector<Error> errors;      // what the host recorded
};

// Runs plugin `id` (registered by `reg`) on the database at `file`, with "<file>-wal" and
// "<file>-journal" when they exist, as the ingest does. `devicePath` is the path the plugin
// sees (as on the seized device).
ParseResult parseDatabase(const RegisterFn &reg, const std::string &id, const std::filesystem::path &file,
                          const std::string &devicePath = "/data/data/app/databases/test.db");

// Runs plugin `id` on a plain file (JSON caches and the like); sigType as the typer says.
ParseResult parseFile(const RegisterFn &reg, const std::string &id, const std::filesystem::path &file,
                      const std::string &devicePath, const std::string &sigType);

// Copies the first `bytes` bytes of a file.
void truncatedCopy(const std::filesystem::path &from, const std::filesystem::path &to, std::uint64_t bytes);
// Overwrites `length` bytes at `offset` with pseudo-random bytes (deterministic per seed).
void overwriteWithGarbage(const std::filesystem::path &file, std::uint64_t offset, std::size_t length,
                          unsigned seed = 1);
// Writes `length` pseudo-random bytes to a new file.
void writeGarbageFile(const std::filesystem::path &file, std::size_t length, unsigned seed = 1);

// A file of the shared external test data, or nullopt (the test should GTEST_SKIP).
std::optional<std::filesystem::path> externalFile(const std::string &relative);

// Lookups in parse results.
const model::MessageRecord *messageWithText(const model::RecordBatch &b, std::string_view textPart);
const model::AccountRecord *accountWithKey(const model::RecordBatch &b, std::string_view key);
const model::ConversationRecord *conversationWithKey(const model::RecordBatch &b, std::string_view key);
std::size_t countMessagesIn(const model::RecordBatch &b, std::string_view conversationKey);

} // namespace vigil::test
