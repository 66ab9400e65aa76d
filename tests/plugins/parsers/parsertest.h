// SPDX-License-Identifier: GPL-3.0-or-later
// Test support for parser plugins: build real SQLite databases from an app's DDL, run one
// plugin over them exactly as the ingest does (working copy with -wal/-journal, SqliteDatabase,
// PluginHost), damage files, and the bad-input checks and record lookups every parser test uses.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <initializer_list>
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

// The app DDL in tests/data/ddl/<name>.sql (one copy, which the demo evidence generator
// tests/data/chat_gen.py reads too), e.g. ddl("skype_main_db"): the file's text, SQL comments
// included. Fails the current test, naming the file, when it is missing or empty (and returns "").
std::string ddl(const std::string &name);

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

// Where a database is on the device unless a test says otherwise.
inline constexpr const char *kDefaultDevicePath = "/data/data/app/databases/test.db";

// Runs plugin `id` (registered by `reg`) on the database at `file`, with "<file>-wal" and
// "<file>-journal" when they exist, as the ingest does. `devicePath` is the path the plugin
// sees (as on the seized device).
ParseResult parseDatabase(const RegisterFn &reg, const std::string &id, const std::filesystem::path &file,
                          const std::string &devicePath = kDefaultDevicePath);
// Creates `file` from `sql` (createDatabase), then parses it (parseDatabase).
ParseResult parseNewDatabase(const RegisterFn &reg, const std::string &id, const std::filesystem::path &file,
                             std::string_view sql, const std::string &devicePath = kDefaultDevicePath);

// A parser plugin as the tests run it: its registration, its id and the path it sees the
// database at (as on the seized device).
struct ParserUnderTest {
    RegisterFn reg;
    std::string id;
    std::string devicePath = kDefaultDevicePath;

    ParseResult parse(const std::filesystem::path &file) const { return parseDatabase(reg, id, file, devicePath); }
};

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
// The public samples chat/<name> of the external data (other apps' databases): none is
// accepted. The test is skipped when none of them is there.
void expectSamplesNotAccepted(const ParserUnderTest &parser, std::initializer_list<const char *> names);

// ---- bad-input checks ----------------------------------------------------------------------
// Each runs the plugin as the ingest does, checks what every parser must do with such input
// (with googletest assertions) and returns the parse for the test's own further checks.

// What a check counts in a parse: messages, calls, visits read from one table, …
using CountFn = std::function<std::size_t(const model::RecordBatch &)>;
std::size_t messageCount(const model::RecordBatch &b);
std::size_t callCount(const model::RecordBatch &b);
std::size_t contactCount(const model::RecordBatch &b);
CountFn countVisitsFrom(std::string table);

// `file` made from `sql` (many rows), then parsed cut to half its size: accepted, the first
// error Corrupt and naming `table` (when given), more than 100 but fewer than `below` counted.
ParseResult expectTruncationKeepsSome(const ParserUnderTest &parser, const std::filesystem::path &file,
                                      std::string_view sql, const CountFn &count, std::size_t below,
                                      std::string_view table = {});

// `file` made from `sql`, `length` bytes at `offset` overwritten with garbage (pick pages of
// the table read, past the schema): accepted, an error, fewer than `below` counted.
ParseResult expectCorruptPagesReported(const ParserUnderTest &parser, const std::filesystem::path &file,
                                       std::string_view sql, std::uint64_t offset, std::size_t length,
                                       const CountFn &count, std::size_t below);

// 64 KiB of garbage written to `file`: not accepted, exactly one error, Corrupt, no records.
ParseResult expectGarbageRefused(const ParserUnderTest &parser, const std::filesystem::path &file);

// Where a record of a parse was read, found by a test's own criterion (nullptr: not found).
using OriginFinder = std::function<const model::RecordOrigin *(const model::RecordBatch &)>;
OriginFinder messageWithTextIn(std::string textPart);
OriginFinder recordFromRow(std::string table, std::int64_t rowid);   // any kind of record

// `db` (made with createDatabaseWithWal) parsed with its WAL: no error, the record `inWal` finds
// is marked Wal and the one `inMain` finds Live; parsed again without the WAL (removed): one
// fewer counted, and `inWal` finds nothing. Returns the parse with the WAL.
ParseResult expectWalOnlyRecord(const ParserUnderTest &parser, const std::filesystem::path &db,
                                const OriginFinder &inWal, const OriginFinder &inMain, const CountFn &count);

// ---- lookups in parse results (the first match, or nullptr) ----------------------------------
const model::MessageRecord *messageWithText(const model::RecordBatch &b, std::string_view textPart);
const model::MessageRecord *messageWithRowid(const model::RecordBatch &b, std::int64_t rowid);   // any table
const model::MessageRecord *messageAtOffset(const model::RecordBatch &b, std::int64_t offset);
const model::AccountRecord *accountWithKey(const model::RecordBatch &b, std::string_view key);
const model::ConversationRecord *conversationWithKey(const model::RecordBatch &b, std::string_view key);
const model::CallRecord *callWithRowid(const model::RecordBatch &b, std::int64_t rowid);          // any table
const model::ContactRecord *contactNamed(const model::RecordBatch &b, std::string_view name);
const model::ContactRecord *contactAt(const model::RecordBatch &b, std::string_view table, std::int64_t rowid);
const model::WebVisitRecord *visitAt(const model::RecordBatch &b, std::string_view table, std::int64_t rowid);
const model::WebSearchRecord *searchFor(const model::RecordBatch &b, std::string_view terms);
std::size_t countMessagesIn(const model::RecordBatch &b, std::string_view conversationKey);
std::size_t messagesFrom(const model::RecordBatch &b, std::string_view table);
std::size_t visitsFrom(const model::RecordBatch &b, std::string_view table);

} // namespace vigil::test
