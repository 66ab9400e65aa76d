// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <span>
#include <string_view>
#include <vector>

#include "core/util/error.h"

struct sqlite3;
struct sqlite3_stmt;

namespace vigil::casedb {

class Statement;

// The storage failure (SQLITE_FULL, SQLITE_IOERR, SQLITE_READONLY, SQLITE_CORRUPT, SQLITE_NOMEM…:
// the case's disk or file failed, not one statement) that a call on this thread met since the
// last take, or 0; taking it clears it. Sticky because a job that fails may roll back to a
// savepoint afterwards, which resets the connection's own error code.
int takeStorageFailure();

// RAII owner of one SQLite connection. Not shared between threads.
class Database {
public:
    enum class Mode { ReadWrite, ReadOnly };

    static Result<Database> open(const std::filesystem::path &file, Mode mode, bool create = false);
    Database() = default;
    Database(Database &&other) noexcept;
    Database &operator=(Database &&other) noexcept;
    Database(const Database &) = delete;
    Database &operator=(const Database &) = delete;
    ~Database();

    Result<void> exec(std::string_view sql);
    Result<Statement> prepare(std::string_view sql);
    std::int64_t lastInsertId() const;
    int changes() const;
    std::string lastError() const;
    bool inTransaction() const;
    sqlite3 *handle() const { return m_db; }
    bool isOpen() const { return m_db != nullptr; }

private:
    explicit Database(sqlite3 *db) : m_db(db) {}
    sqlite3 *m_db = nullptr;
};

// RAII prepared statement with 1-based binds and 0-based columns.
class Statement {
public:
    Statement() = default;
    explicit Statement(sqlite3_stmt *stmt) : m_stmt(stmt) {}
    Statement(Statement &&other) noexcept;
    Statement &operator=(Statement &&other) noexcept;
    Statement(const Statement &) = delete;
    Statement &operator=(const Statement &) = delete;
    ~Statement();

    Statement &bind(int index, std::int64_t value);
    Statement &bind(int index, std::string_view value);
    // Binds text without copying it: `value` must stay alive until the statement is reset.
    Statement &bindUncopied(int index, std::string_view value);
    Statement &bind(int index, const char *value) { return bind(index, std::string_view(value)); }
    Statement &bindNull(int index);
    Statement &bindReal(int index, double value);
    Statement &bindReal(int index, const std::optional<double> &value) { return value ? bindReal(index, *value) : bindNull(index); }
    Statement &bindBlob(int index, std::span<const unsigned char> value);   // an empty span binds NULL
    template <typename T>
    Statement &bind(int index, const std::optional<T> &value)
    {
        return value ? bind(index, static_cast<std::int64_t>(*value)) : bindNull(index);
    }

    // Returns true when a row is available, false when done.
    Result<bool> step();
    Result<void> run();   // step to completion and reset
    // Calls fn for every row; fn returns false to stop early. Returns the rows visited.
    Result<std::int64_t> forEachRow(const std::function<bool(const Statement &)> &fn);
    void reset();

    bool isNull(int col) const;
    std::int64_t int64(int col) const;
    std::string text(int col) const;
    std::optional<std::int64_t> optInt64(int col) const;
    double real(int col) const;
    std::optional<double> optReal(int col) const;
    std::vector<unsigned char> blob(int col) const;

private:
    sqlite3_stmt *m_stmt = nullptr;
};

// Rolls back unless commit() was called. Nested use is not supported.
class Transaction {
public:
    explicit Transaction(Database &db, bool immediate = true);
    ~Transaction();
    Transaction(const Transaction &) = delete;
    Transaction &operator=(const Transaction &) = delete;
    Result<void> begun() const { return m_begin; }
    Result<void> commit();

private:
    Database &m_db;
    Result<void> m_begin;
    bool m_done = false;
};

// A named SAVEPOINT: rolled back to its start and released unless release() is called, so a
// job that fails part-way inside the writer's transaction leaves nothing behind.
class Savepoint {
public:
    Savepoint(Database &db, std::string name);
    ~Savepoint();
    Savepoint(const Savepoint &) = delete;
    Savepoint &operator=(const Savepoint &) = delete;
    Result<void> begun() const { return m_begun; }
    Result<void> release();

private:
    Database &m_db;
    std::string m_name;
    Result<void> m_begun;
    bool m_released = false;
};

// Every row of a query (with an optional first parameter), each read by `read`.
template <typename T>
Result<std::vector<T>> collectRows(Database &db, std::string_view sql, std::optional<std::int64_t> arg,
                                   T (*read)(const Statement &))
{
    auto st = db.prepare(sql);
    if (!st)
        return std::unexpected(st.error());
    if (arg)
        st->bind(1, *arg);
    std::vector<T> out;
    auto n = st->forEachRow([&](const Statement &r) {
        out.push_back(read(r));
        return true;
    });
    if (!n)
        return std::unexpected(n.error());
    return out;
}

} // namespace vigil::casedb
