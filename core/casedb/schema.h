// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/casedb/database.h"

namespace vigil::casedb {

// The schema version this build writes, and the oldest reader that can read it.
constexpr int kSchemaVersion = 7;
constexpr int kMinReaderVersion = 1;

struct SchemaInfo {
    int version = 0;
    int minReaderVersion = 0;
};

Result<SchemaInfo> readSchemaInfo(Database &db);

// Creates the schema in an empty database or migrates an older one, one step at a time,
// each step in its own transaction, up to `target` (tests build older versions with it).
// Refuses a database whose schema is newer than this build.
Result<void> migrate(Database &db, int target = kSchemaVersion);

// Checks that this build may read the database (read-only use).
Result<SchemaInfo> checkReadable(Database &db);

} // namespace vigil::casedb
