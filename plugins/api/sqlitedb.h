// SPDX-License-Identifier: GPL-3.0-or-later
// SQLite databases as plugins see them: opened by the host from a private working copy (never
// the evidence) with the database's -wal or -journal beside it, read-only, hardened against
// hostile schemas. Values come out sanitised: text is valid UTF-8 whatever a column holds.
#pragma once

#include <cstdint>
#include <filesystem>
#include <initializer_list>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "core/model/communication.h"
#include "core/util/error.h"
#include "plugins/api/partialerrors.h"

struct sqlite3;
struct sqlite3_stmt;

namespace vigil::plugins {

class ContentReader;

// The tables of a database and their columns, names lower-cased. Read once by the host; plugins
// recognise a database by it (its content), not by the file's name.
struct DatabaseSchema {
    std::map<std::string, std::vector<std::string>> tables;

    bool hasTable(std::string_view table) const;
    bool hasColumn(std::string_view table, std::string_view column) const;
    bool hasColumns(std::string_view table, std::initializer_list<std::string_view> columns) const;
    // The first of `candidates` that `table` has, or "NULL" (for SQL across schema versions).
    std::string pick(std::string_view table, std::initializer_list<std::string_view> candidates) const;
    // pick() as `alias.column` (for SQL over joins), or "NULL".
    std::string pickAs(std::string_view alias, std::string_view table,
                       std::initializer_list<std::string_view> candidates) const;
    // Each of `columns` picked on its own, comma-separated: "a, NULL, c" (`alias.a`, … when an
    // alias is given), for a SELECT whose column positions must not move between versions.
    std::string pickEach(std::string_view table, std::initializer_list<std::string_view> columns,
                         std::string_view alias = {}) const;
};

// One prepared query. Step with next(); read columns 0-based. A failure while stepping
// (a damaged page) ends the iteration and is kept in error().
class SqliteQuery
{
public:
    SqliteQuery() = default;
    SqliteQuery(SqliteQuery &&other) noexcept;
    SqliteQuery &operator=(SqliteQuery &&other) noexcept;
    SqliteQuery(const SqliteQuery &) = delete;
    SqliteQuery &operator=(const SqliteQuery &) = delete;
    ~SqliteQuery();

    SqliteQuery &bind(int index, std::int64_t value);   // 1-based
    SqliteQuery &bind(int index, std::string_view value);

    // True while a row is available; false at the end or on an error (see error()).
    bool next();
    const std::optional<Error> &error() const { return m_error; }
    std::int64_t rowsRead() const { return m_rows; }

    bool isNull(int col) const;
    // Valid UTF-8 (invalid bytes and NUL become U+FFFD); "" for NULL; numbers as text.
    std::string text(int col) const;
    std::optional<std::string> optText(int col) const;   // nullopt for NULL
    std::int64_t int64(int col, std::int64_t fallback = 0) const;   // fallback for NULL and non-numbers
    std::optional<std::int64_t> optInt64(int col) const;
    std::optional<double> optDouble(int col) const;
    std::vector<unsigned char> blob(int col) const;      // raw bytes of any value

private:
    friend class SqliteDatabase;
    SqliteQuery(sqlite3_stmt *stmt, std::string sql) : m_stmt(stmt), m_sql(std::move(sql)) {}
    sqlite3_stmt *m_stmt = nullptr;
    std::string m_sql;
    std::optional<Error> m_error;
    std::int64_t m_rows = 0;
};

// One database, open for reading. Used by one thread at a time.
class SqliteDatabase
{
public:
    // Opens a working copy. A "<copy>-wal" beside it is applied (its rows count as live; see
    // sourceOf) and a hot "<copy>-journal" is rolled back, as SQLite itself would. The copy's
    // main file is never changed by a WAL checkpoint.
    static Result<std::unique_ptr<SqliteDatabase>> open(const std::filesystem::path &copy);
    ~SqliteDatabase();
    SqliteDatabase(const SqliteDatabase &) = delete;
    SqliteDatabase &operator=(const SqliteDatabase &) = delete;

    const DatabaseSchema &schema() const { return m_schema; }
    const std::filesystem::path &path() const { return m_path; }
    bool hasWal() const { return m_hasWal; }

    Result<SqliteQuery> query(std::string_view sql);
    // Runs a query expected to give one integer (count(*), user_version); nullopt on failure.
    std::optional<std::int64_t> scalar(std::string_view sql);

    // Whether a row read through this database exists only in the write-ahead log (not yet
    // checkpointed into the main file): Wal, else Live. Tables without rowids count as Live.
    model::RecordSource sourceOf(const std::string &table, std::int64_t rowid);

private:
    SqliteDatabase(sqlite3 *db, std::filesystem::path path, bool hasWal);
    Result<void> readSchema();
    const std::vector<std::int64_t> *mainFileRowids(const std::string &table);

    sqlite3 *m_db = nullptr;
    sqlite3 *m_mainOnly = nullptr;   // the same file without its WAL (immutable), opened on demand
    std::filesystem::path m_path;
    bool m_hasWal = false;
    DatabaseSchema m_schema;
    std::mutex m_rowidMutex;
    std::unordered_map<std::string, std::unique_ptr<std::vector<std::int64_t>>> m_rowids;   // sorted
};

// Writes a database's working copy into `dir` as "db" with "db-wal" and "db-journal" beside
// it when given: the layout SqliteDatabase::open expects. Returns the path of "db".
Result<std::filesystem::path> stageDatabase(const std::filesystem::path &dir, ContentReader &main,
                                            ContentReader *wal = nullptr, ContentReader *journal = nullptr);

// Quotes an identifier for SQL ("my table" -> "\"my table\"").
std::string quoteIdentifier(std::string_view name);

// Runs `sql` and calls fn(row) for each row. A failure, when preparing or midway (a damaged
// page), is noted in `errors` under `what` (a table name, for the user); the rows read before
// it have been handed to `fn`, and the parse goes on.
template <class Fn>
void forEachRow(SqliteDatabase &db, PartialErrors &errors, std::string_view sql, std::string_view what, Fn &&fn)
{
    auto q = db.query(sql);
    errors.check(q, what);
    if (!q)
        return;
    while (q->next())
        fn(std::as_const(*q));
    errors.check(*q, what);
}

} // namespace vigil::plugins
