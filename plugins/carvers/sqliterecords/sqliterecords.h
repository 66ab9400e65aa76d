// SPDX-License-Identifier: GPL-3.0-or-later
// Live and deleted record recovery from a SQLite database file, its WAL and its rollback
// journal, by parsing the pages directly (SQLite file format 3).
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/util/error.h"

namespace vigil::recovery {

struct RecoveredValue {
    enum Kind { Null, Integer, Real, Text, Blob };
    Kind kind = Null;
    std::int64_t i = 0;
    double r = 0;
    std::string bytes;       // Text (UTF-8) or Blob
    bool inferred = false;   // serial type was overwritten; kind/length inferred from the schema
};

struct RecoveredRecord {
    std::string table;                 // "" when it cannot be attributed
    std::optional<std::int64_t> rowid;
    std::vector<RecoveredValue> values;
    std::uint64_t byteOffset = 0;      // offset in `file` of the cell (or freed cell)
    // live, freeblock, unallocated, freelist, wal, journal, or superseded (an older version of
    // a page in the database file that the WAL replaces)
    std::string source;
    std::string file;                  // db, wal, journal
};

struct RecoveryResult {
    std::vector<RecoveredRecord> records;   // live records first (unless left out), then recovered ones
    std::vector<std::string> warnings;
    std::size_t liveRecords = 0;            // live records read (also when not returned)
};

struct RecoveryOptions {
    // false: live records are read only to recognise copies of them among the deleted ones and
    // are not returned (memory stays proportional to what was deleted, not to the database).
    bool includeLive = true;
};

// Fails (Corrupt) only when `db` is not a SQLite database at all; damage inside a database
// gives partial results and warnings. Never throws.
Result<RecoveryResult> recoverSqlite(std::span<const unsigned char> db, std::span<const unsigned char> wal = {},
                                     std::span<const unsigned char> journal = {}, const RecoveryOptions &options = {});

// "NULL", "42", "1.5", "'text'", "x'0aff'" — for logs and tests.
std::string toDisplay(const RecoveredValue &v);

} // namespace vigil::recovery
