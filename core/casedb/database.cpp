// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/casedb/database.h"

#include <sqlite3.h>

#include <mutex>
#include <utility>

namespace vigil::casedb {

namespace {

// The last storage failure a call on this thread met (see takeStorageFailure).
thread_local int t_storageFailure = 0;

bool isStorageFailure(int primary)
{
    switch (primary) {
    case SQLITE_FULL:
    case SQLITE_IOERR:
    case SQLITE_CANTOPEN:
    case SQLITE_READONLY:
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
    case SQLITE_NOMEM:
        return true;
    default:
        return false;
    }
}

void noteFailure(int rc)
{
    if (isStorageFailure(rc & 0xff))
        t_storageFailure = rc & 0xff;
}

Error dbError(sqlite3 *db, std::string_view what)
{
    if (db)
        noteFailure(sqlite3_errcode(db));
    return Error(ErrorCode::Database, std::string(what), db ? sqlite3_errmsg(db) : "no connection");
}
} // namespace

int takeStorageFailure()
{
    return std::exchange(t_storageFailure, 0);
}

Result<Database> Database::open(const std::filesystem::path &file, Mode mode, bool create)
{
    // SQLite's memory statistics take a global lock on every allocation; Vigil never reads
    // them. This only takes effect before the library's first use in the process.
    static std::once_flag configured;
    std::call_once(configured, [] { sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0); });
    int flags = SQLITE_OPEN_NOMUTEX;
    flags |= mode == Mode::ReadOnly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE;
    if (create && mode == Mode::ReadWrite)
        flags |= SQLITE_OPEN_CREATE;
    sqlite3 *raw = nullptr;
    int rc = sqlite3_open_v2(file.c_str(), &raw, flags, nullptr);
    Database db(raw);   // owns the handle even on failure
    if (rc != SQLITE_OK)
        return std::unexpected(dbError(raw, "cannot open case database " + file.string()));
    sqlite3_busy_timeout(raw, 10000);
    sqlite3_extended_result_codes(raw, 1);
    return db;
}

Database::Database(Database &&other) noexcept : m_db(std::exchange(other.m_db, nullptr)) {}

Database &Database::operator=(Database &&other) noexcept
{
    if (this != &other) {
        if (m_db)
            sqlite3_close_v2(m_db);
        m_db = std::exchange(other.m_db, nullptr);
    }
    return *this;
}

Database::~Database()
{
    if (m_db)
        sqlite3_close_v2(m_db);
}

Result<void> Database::exec(std::string_view sql)
{
    std::string text(sql);
    char *msg = nullptr;
    if (const int rc = sqlite3_exec(m_db, text.c_str(), nullptr, nullptr, &msg); rc != SQLITE_OK) {
        noteFailure(rc);
        std::string detail = msg ? msg : "unknown";
        sqlite3_free(msg);
        return fail(ErrorCode::Database, "database statement failed", detail);
    }
    return {};
}

Result<Statement> Database::prepare(std::string_view sql)
{
    sqlite3_stmt *stmt = nullptr;
    if (sqlite3_prepare_v2(m_db, sql.data(), static_cast<int>(sql.size()), &stmt, nullptr) != SQLITE_OK)
        return std::unexpected(dbError(m_db, "cannot prepare: " + std::string(sql.substr(0, 60))));
    return Statement(stmt);
}

std::int64_t Database::lastInsertId() const { return sqlite3_last_insert_rowid(m_db); }
int Database::changes() const { return sqlite3_changes(m_db); }
std::string Database::lastError() const { return m_db ? sqlite3_errmsg(m_db) : "no connection"; }
bool Database::inTransaction() const { return m_db && !sqlite3_get_autocommit(m_db); }

Statement::Statement(Statement &&other) noexcept : m_stmt(std::exchange(other.m_stmt, nullptr)) {}

Statement &Statement::operator=(Statement &&other) noexcept
{
    if (this != &other) {
        sqlite3_finalize(m_stmt);
        m_stmt = std::exchange(other.m_stmt, nullptr);
    }
    return *this;
}

Statement::~Statement() { sqlite3_finalize(m_stmt); }

Statement &Statement::bind(int index, std::int64_t value)
{
    sqlite3_bind_int64(m_stmt, index, value);
    return *this;
}

Statement &Statement::bind(int index, std::string_view value)
{
    sqlite3_bind_text(m_stmt, index, value.data(), static_cast<int>(value.size()), SQLITE_TRANSIENT);
    return *this;
}

Statement &Statement::bindUncopied(int index, std::string_view value)
{
    sqlite3_bind_text(m_stmt, index, value.data(), static_cast<int>(value.size()), SQLITE_STATIC);
    return *this;
}

Statement &Statement::bindNull(int index)
{
    sqlite3_bind_null(m_stmt, index);
    return *this;
}

Statement &Statement::bindReal(int index, double value)
{
    sqlite3_bind_double(m_stmt, index, value);
    return *this;
}

Statement &Statement::bindBlob(int index, std::span<const unsigned char> value)
{
    if (value.empty())
        return bindNull(index);
    sqlite3_bind_blob64(m_stmt, index, value.data(), value.size(), SQLITE_TRANSIENT);
    return *this;
}

Result<bool> Statement::step()
{
    int rc = sqlite3_step(m_stmt);
    if (rc == SQLITE_ROW)
        return true;
    if (rc == SQLITE_DONE)
        return false;
    sqlite3 *db = sqlite3_db_handle(m_stmt);
    return std::unexpected(dbError(db, "database step failed"));
}

Result<void> Statement::run()
{
    auto r = step();
    sqlite3_reset(m_stmt);
    sqlite3_clear_bindings(m_stmt);
    if (!r)
        return std::unexpected(r.error());
    return {};
}

Result<std::int64_t> Statement::forEachRow(const std::function<bool(const Statement &)> &fn)
{
    std::int64_t n = 0;
    for (;;) {
        auto row = step();
        if (!row)
            return std::unexpected(row.error());
        if (!*row)
            return n;
        ++n;
        if (!fn(*this))
            return n;
    }
}

void Statement::reset()
{
    sqlite3_reset(m_stmt);
    sqlite3_clear_bindings(m_stmt);
}

bool Statement::isNull(int col) const { return sqlite3_column_type(m_stmt, col) == SQLITE_NULL; }
std::int64_t Statement::int64(int col) const { return sqlite3_column_int64(m_stmt, col); }

std::string Statement::text(int col) const
{
    auto p = reinterpret_cast<const char *>(sqlite3_column_text(m_stmt, col));
    return p ? std::string(p, static_cast<std::size_t>(sqlite3_column_bytes(m_stmt, col))) : std::string();
}

double Statement::real(int col) const { return sqlite3_column_double(m_stmt, col); }

std::optional<double> Statement::optReal(int col) const
{
    return isNull(col) ? std::nullopt : std::optional<double>(real(col));
}

std::vector<unsigned char> Statement::blob(int col) const
{
    auto p = static_cast<const unsigned char *>(sqlite3_column_blob(m_stmt, col));
    const auto n = static_cast<std::size_t>(sqlite3_column_bytes(m_stmt, col));
    return p ? std::vector<unsigned char>(p, p + n) : std::vector<unsigned char>();
}

std::optional<std::int64_t> Statement::optInt64(int col) const
{
    if (isNull(col))
        return std::nullopt;
    return int64(col);
}

Transaction::Transaction(Database &db, bool immediate)
    : m_db(db), m_begin(db.exec(immediate ? "BEGIN IMMEDIATE" : "BEGIN"))
{
}

Transaction::~Transaction()
{
    if (!m_done && m_begin)
        (void)m_db.exec("ROLLBACK");
}

Result<void> Transaction::commit()
{
    if (!m_begin)
        return m_begin;
    auto committed = m_db.exec("COMMIT");
    // A COMMIT that fails on a full disk leaves the transaction open: the destructor rolls it back.
    m_done = committed.has_value() || !m_db.inTransaction();
    return committed;
}

Savepoint::Savepoint(Database &db, std::string name)
    : m_db(db), m_name(std::move(name)), m_begun(db.exec("SAVEPOINT " + m_name))
{
}

Savepoint::~Savepoint()
{
    if (m_begun && !m_released) {
        (void)m_db.exec("ROLLBACK TO " + m_name);
        (void)m_db.exec("RELEASE " + m_name);
    }
}

Result<void> Savepoint::release()
{
    auto r = m_db.exec("RELEASE " + m_name);
    m_released = r.has_value();
    return r;
}

} // namespace vigil::casedb
