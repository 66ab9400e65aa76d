// SPDX-License-Identifier: GPL-3.0-or-later
// Writes communication records (core/model/communication.h) into the case: turns the apps'
// keys into row ids, normalises identifiers, fills the full-text index, and keeps every row's
// provenance (parse_sources + table/rowid/offset). Runs only on the case's writer thread.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "core/casedb/database.h"
#include "core/model/communication.h"

namespace vigil::casedb {

// Phone number as stored -> E.164, or nullopt when it is not a complete number.
using PhoneNormalizer = std::function<std::optional<std::string>(std::string_view raw)>;

// What the pipeline tells the store before a file is parsed.
struct ParseStart {
    std::int64_t evidenceId = 0, fileId = 0;
    std::string companionsJson = "[]";   // [{"role":"wal","file_id":…,"path":…}]
    PhoneNormalizer normalizePhone;       // may be empty
};

struct RecordStatements;   // the writer connection's prepared statements (recordwriter.cpp)

class RecordWriter
{
public:
    RecordWriter();
    ~RecordWriter();
    RecordWriter(const RecordWriter &) = delete;
    RecordWriter &operator=(const RecordWriter &) = delete;

    // Removes what an earlier, unfinished parse of the file left, and opens a session for it.
    Result<void> begin(Database &db, ParseStart start);
    // Writes one batch of a parser's records for the file.
    Result<void> add(Database &db, std::int64_t fileId, const model::RecordBatch &batch, const std::string &parser,
                     const std::string &parserVersion);
    // Closes the file's session: sources marked done (or partial), conversation totals
    // computed, files.parse_status set.
    Result<void> finish(Database &db, std::int64_t fileId, const std::string &parseStatus);

private:
    struct Session;
    Session *session(std::int64_t fileId);
    RecordStatements &statements(Database &db);

    std::unordered_map<std::int64_t, std::unique_ptr<Session>> m_sessions;
    std::unique_ptr<RecordStatements> m_statements;
};

// Deletes every communication row of one evidence item (before its index is redone).
Result<void> deleteCommunications(Database &db, std::int64_t evidenceId);

// Empties the derived people tables (persons … victims) and the timeline's events; the analyst's
// identity_decisions stay.
Result<void> clearPeopleAnalysis(Database &db);

} // namespace vigil::casedb
