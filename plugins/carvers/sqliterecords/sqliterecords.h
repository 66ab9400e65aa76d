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
    std::string source;                // live, freeblock, unallocated, freelist, wal, journal
    std::string file;                  // db, wal, journal
};

struct RecoveryResult {
    std::vector<RecoveredRecord> records;   // live records first, then recovered ones
    std::vector<std::string> warnings;
};

// Fails (Corrupt) only when `db` is not a SQLite database at all; damage inside a database
// gives partial results and warnings. Never throws.
Result<RecoveryResult> recoverSqlite(std::span<const unsigned char> db, std::span<const unsigned char> wal = {},
                                     std::span<const unsigned char> journal = {});

// "NULL", "42", "1.5", "'text'", "x'0aff'" — for logs and tests.
std::string toDisplay(const RecoveredValue &v);

} // namespace vigil::recovery
