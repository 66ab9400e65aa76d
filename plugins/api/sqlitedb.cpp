// SPDX-License-Identifier: GPL-3.0-or-later
#include "plugins/api/sqlitedb.h"

#include <sqlite3.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <fstream>

#include "core/util/deadline.h"
#include "core/util/utf8.h"
#include "plugins/api/plugin.h"

namespace vigil::plugins {

namespace {

std::string lower(std::string_view s)
{
    std::string out(s);
    std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
    return out;
}

Error sqliteError(sqlite3 *db, int rc, const std::string &what)
{
    const int primary = rc & 0xff;
    if (primary == SQLITE_INTERRUPT)   // only ever by stopAtDeadline
        return Error(ErrorCode::LimitExceeded, "Reading the database was stopped at the per-item time limit.",
                     what + ": " + sqlite3_errstr(rc));
    const bool damaged = primary == SQLITE_CORRUPT || primary == SQLITE_NOTADB || primary == SQLITE_IOERR;
    std::string detail = what + ": " + sqlite3_errstr(rc);
    if (db)
        detail += " (" + std::string(sqlite3_errmsg(db)) + ")";
    if (damaged)
        return Error(ErrorCode::Corrupt,
                     "The database is damaged or truncated; what could be read was kept.", detail);
    return Error(ErrorCode::Database, "The database could not be read.", detail);
}

// Settings for seized databases: no functions with side effects from the schema, no
// triggers, no extension loading, bounded sizes and no writes (query_only). writable_schema
// lets SQLite read a truncated file (whose header counts more pages than exist) and a schema
// with damaged entries instead of refusing the whole database; it is why DEFENSIVE, which
// forbids it, is not set. Nothing is written: query_only refuses every change.
// SQLite's progress handler: interrupts the running statement once the per-item time limit of the
// work on this thread has passed (PluginHost arms it around each plugin call).
int stopAtDeadline(void *)
{
    return deadlinePassed() ? 1 : 0;
}

void harden(sqlite3 *db)
{
    int unused = 0;
    sqlite3_db_config(db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, &unused);
    sqlite3_db_config(db, SQLITE_DBCONFIG_ENABLE_TRIGGER, 0, &unused);
    sqlite3_db_config(db, SQLITE_DBCONFIG_ENABLE_VIEW, 1, &unused);
    sqlite3_db_config(db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, &unused);
    sqlite3_limit(db, SQLITE_LIMIT_LENGTH, 256 * 1024 * 1024);
    sqlite3_progress_handler(db, 10000, &stopAtDeadline, nullptr);   // every ~10,000 VM steps (microseconds)
    sqlite3_exec(db, "PRAGMA writable_schema=ON; PRAGMA query_only=1; PRAGMA cell_size_check=1;", nullptr, nullptr,
                 nullptr);
}

Result<void> copyOut(ContentReader &reader, const std::filesystem::path &to)
{
    std::ofstream out(to, std::ios::binary | std::ios::trunc);
    if (!out)
        return fail(ErrorCode::Io, "Cannot write a working copy in the case's temp folder; is the disk full?",
                    to.string());
    std::vector<char> buffer(1 << 20);
    for (std::uint64_t offset = 0; offset < reader.size();) {
        auto n = reader.read(offset, buffer.data(), buffer.size());
        if (!n)
            return std::unexpected(n.error());
        if (*n == 0)
            break;   // shorter than recorded (a partly recovered file): SQLite sees what exists
        out.write(buffer.data(), static_cast<std::streamsize>(*n));
        offset += *n;
    }
    out.close();
    if (!out)
        return fail(ErrorCode::Io, "Writing a working copy in the case's temp folder failed; is the disk full?",
                    to.string());
    return {};
}

bool tableInMainFile(sqlite3 *db, const std::string &table)
{
    sqlite3_stmt *stmt = nullptr;
    if (sqlite3_prepare_v2(db, "SELECT 1 FROM sqlite_master WHERE type='table' AND name=?1 COLLATE NOCASE", -1, &stmt, nullptr)
        != SQLITE_OK) {
        sqlite3_finalize(stmt);
        return true;
    }
    sqlite3_bind_text(stmt, 1, table.c_str(), -1, SQLITE_TRANSIENT);
    const bool found = sqlite3_step(stmt) == SQLITE_ROW;
    sqlite3_finalize(stmt);
    return found;
}

} // namespace

Result<std::filesystem::path> stageDatabase(const std::filesystem::path &dir, ContentReader &main,
                                            ContentReader *wal, ContentReader *journal)
{
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    const auto db = dir / "db";
    for (const char *suffix : {"-wal", "-journal", "-shm"})
        std::filesystem::remove(dir / ("db" + std::string(suffix)), ec);
    if (auto r = copyOut(main, db); !r)
        return std::unexpected(r.error());
    if (wal) {
        if (auto r = copyOut(*wal, dir / "db-wal"); !r)
            return std::unexpected(r.error());
    }
    if (journal) {
        if (auto r = copyOut(*journal, dir / "db-journal"); !r)
            return std::unexpected(r.error());
    }
    return db;
}

// ---- DatabaseSchema ----

bool DatabaseSchema::hasTable(std::string_view table) const
{
    return tables.count(lower(table)) > 0;
}

bool DatabaseSchema::hasColumn(std::string_view table, std::string_view column) const
{
    const auto it = tables.find(lower(table));
    if (it == tables.end())
        return false;
    const std::string col = lower(column);
    return std::find(it->second.begin(), it->second.end(), col) != it->second.end();
}

bool DatabaseSchema::hasColumns(std::string_view table, std::initializer_list<std::string_view> columns) const
{
    return std::all_of(columns.begin(), columns.end(), [&](std::string_view c) { return hasColumn(table, c); });
}

std::string DatabaseSchema::pick(std::string_view table, std::initializer_list<std::string_view> candidates) const
{
    for (std::string_view c : candidates) {
        if (hasColumn(table, c))
            return quoteIdentifier(c);
    }
    return "NULL";
}

std::string DatabaseSchema::pickAs(std::string_view alias, std::string_view table,
                                   std::initializer_list<std::string_view> candidates) const
{
    const std::string picked = pick(table, candidates);
    return picked == "NULL" ? picked : std::string(alias) + "." + picked;
}

std::string DatabaseSchema::pickEach(std::string_view table, std::initializer_list<std::string_view> columns,
                                     std::string_view alias) const
{
    std::string out;
    for (std::string_view c : columns)
        out += (out.empty() ? "" : ", ") + (alias.empty() ? pick(table, {c}) : pickAs(alias, table, {c}));
    return out;
}

std::string quoteIdentifier(std::string_view name)
{
    std::string out = "\"";
    for (char c : name) {
        out += c;
        if (c == '"')
            out += '"';
    }
    return out + "\"";
}

// ---- SqliteQuery ----

SqliteQuery::SqliteQuery(SqliteQuery &&other) noexcept
    : m_stmt(std::exchange(other.m_stmt, nullptr)), m_sql(std::move(other.m_sql)), m_error(std::move(other.m_error)),
      m_rows(other.m_rows)
{
}

SqliteQuery &SqliteQuery::operator=(SqliteQuery &&other) noexcept
{
    if (this != &other) {
        sqlite3_finalize(m_stmt);
        m_stmt = std::exchange(other.m_stmt, nullptr);
        m_sql = std::move(other.m_sql);
        m_error = std::move(other.m_error);
        m_rows = other.m_rows;
    }
    return *this;
}

SqliteQuery::~SqliteQuery()
{
    sqlite3_finalize(m_stmt);
}

SqliteQuery &SqliteQuery::bind(int index, std::int64_t value)
{
    sqlite3_bind_int64(m_stmt, index, value);
    return *this;
}

SqliteQuery &SqliteQuery::bind(int index, std::string_view value)
{
    sqlite3_bind_text(m_stmt, index, value.data(), static_cast<int>(value.size()), SQLITE_TRANSIENT);
    return *this;
}

bool SqliteQuery::next()
{
    if (!m_stmt || m_error)
        return false;
    const int rc = sqlite3_step(m_stmt);
    if (rc == SQLITE_ROW) {
        ++m_rows;
        return true;
    }
    if (rc != SQLITE_DONE) {
        m_error = sqliteError(sqlite3_db_handle(m_stmt), rc,
                              "after " + std::to_string(m_rows) + " rows of: " + m_sql.substr(0, 200));
    }
    return false;
}

bool SqliteQuery::isNull(int col) const
{
    return sqlite3_column_type(m_stmt, col) == SQLITE_NULL;
}

std::string SqliteQuery::text(int col) const
{
    const int type = sqlite3_column_type(m_stmt, col);
    if (type == SQLITE_NULL)
        return {};
    const void *data = type == SQLITE_BLOB ? sqlite3_column_blob(m_stmt, col) : sqlite3_column_text(m_stmt, col);
    const int n = sqlite3_column_bytes(m_stmt, col);
    if (!data || n <= 0)
        return {};
    return sanitizeUtf8(std::string_view(static_cast<const char *>(data), static_cast<std::size_t>(n)));
}

std::optional<std::string> SqliteQuery::optText(int col) const
{
    if (isNull(col))
        return std::nullopt;
    return text(col);
}

std::int64_t SqliteQuery::int64(int col, std::int64_t fallback) const
{
    return optInt64(col).value_or(fallback);
}

std::optional<std::int64_t> SqliteQuery::optInt64(int col) const
{
    switch (sqlite3_column_type(m_stmt, col)) {
    case SQLITE_INTEGER: return sqlite3_column_int64(m_stmt, col);
    case SQLITE_FLOAT: {
        const double d = sqlite3_column_double(m_stmt, col);
        if (!(d > -9.2e18 && d < 9.2e18))
            return std::nullopt;
        return static_cast<std::int64_t>(d);
    }
    case SQLITE_TEXT: {
        const std::string s = text(col);
        char *end = nullptr;
        errno = 0;
        const long long v = std::strtoll(s.c_str(), &end, 10);
        if (s.empty() || errno != 0 || *end != '\0')
            return std::nullopt;
        return v;
    }
    default: return std::nullopt;
    }
}

std::optional<double> SqliteQuery::optDouble(int col) const
{
    switch (sqlite3_column_type(m_stmt, col)) {
    case SQLITE_INTEGER:
    case SQLITE_FLOAT: return sqlite3_column_double(m_stmt, col);
    case SQLITE_TEXT: {
        const std::string s = text(col);
        char *end = nullptr;
        const double v = std::strtod(s.c_str(), &end);
        if (s.empty() || *end != '\0')
            return std::nullopt;
        return v;
    }
    default: return std::nullopt;
    }
}

std::vector<unsigned char> SqliteQuery::blob(int col) const
{
    const void *data = sqlite3_column_blob(m_stmt, col);
    const int n = sqlite3_column_bytes(m_stmt, col);
    if (!data || n <= 0)
        return {};
    const auto *p = static_cast<const unsigned char *>(data);
    return std::vector<unsigned char>(p, p + n);
}

// ---- SqliteDatabase ----

SqliteDatabase::SqliteDatabase(sqlite3 *db, std::filesystem::path path, bool hasWal)
    : m_db(db), m_path(std::move(path)), m_hasWal(hasWal)
{
}

SqliteDatabase::~SqliteDatabase()
{
    sqlite3_close_v2(m_mainOnly);
    sqlite3_close_v2(m_db);
}

Result<std::unique_ptr<SqliteDatabase>> SqliteDatabase::open(const std::filesystem::path &copy)
{
    std::error_code ec;
    if (!std::filesystem::is_regular_file(copy, ec))
        return fail(ErrorCode::NotFound, "The database copy to parse is missing.", copy.string());
    const bool hasWal = std::filesystem::file_size(copy.string() + "-wal", ec) > 0 && !ec;
    sqlite3 *db = nullptr;
    // Read-write on the private copy only: SQLite needs it to build the WAL index and to
    // roll back a hot journal. query_only and no checkpoint on close keep the file as it was.
    const int rc = sqlite3_open_v2(copy.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, nullptr);
    if (rc != SQLITE_OK) {
        Error e = sqliteError(db, rc, "open " + copy.string());
        sqlite3_close_v2(db);
        return std::unexpected(e);
    }
    harden(db);
    std::unique_ptr<SqliteDatabase> out(new SqliteDatabase(db, copy, hasWal));
    if (auto r = out->readSchema(); !r)
        return std::unexpected(r.error());
    return out;
}

Result<void> SqliteDatabase::readSchema()
{
    auto tables = query("SELECT name FROM sqlite_master WHERE type IN ('table','view') ORDER BY name");
    if (!tables)
        return std::unexpected(tables.error());
    std::vector<std::string> names;
    while (tables->next())
        names.push_back(tables->text(0));
    if (tables->error())
        return std::unexpected(*tables->error());
    for (const std::string &name : names) {
        auto &cols = m_schema.tables[lower(name)];
        auto info = query("SELECT name FROM pragma_table_info(" + quoteIdentifier(name) + ")");
        if (!info)
            continue;   // a table SQLite cannot describe (unknown virtual table module): listed without columns
        while (info->next())
            cols.push_back(lower(info->text(0)));
    }
    return {};
}

Result<SqliteQuery> SqliteDatabase::query(std::string_view sql)
{
    sqlite3_stmt *stmt = nullptr;
    const int rc = sqlite3_prepare_v2(m_db, sql.data(), static_cast<int>(sql.size()), &stmt, nullptr);
    if (rc != SQLITE_OK) {
        sqlite3_finalize(stmt);
        return std::unexpected(sqliteError(m_db, rc, "prepare: " + std::string(sql.substr(0, 200))));
    }
    return SqliteQuery(stmt, std::string(sql));
}

std::optional<std::int64_t> SqliteDatabase::scalar(std::string_view sql)
{
    auto q = query(sql);
    if (!q || !q->next())
        return std::nullopt;
    return q->optInt64(0);
}

const std::vector<std::int64_t> *SqliteDatabase::mainFileRowids(const std::string &table)
{
    auto it = m_rowids.find(table);
    if (it != m_rowids.end())
        return it->second.get();
    auto &slot = m_rowids[table];
    if (!m_mainOnly) {
        const std::string uri = "file:" + m_path.string() + "?immutable=1";
        if (sqlite3_open_v2(uri.c_str(), &m_mainOnly, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, nullptr) != SQLITE_OK) {
            sqlite3_close_v2(m_mainOnly);
            m_mainOnly = nullptr;
            return nullptr;
        }
        harden(m_mainOnly);
    }
    sqlite3_stmt *stmt = nullptr;
    const std::string sql = "SELECT rowid FROM " + quoteIdentifier(table) + " ORDER BY rowid";
    if (sqlite3_prepare_v2(m_mainOnly, sql.c_str(), -1, &stmt, nullptr) != SQLITE_OK) {
        sqlite3_finalize(stmt);
        // A table created after the last checkpoint exists only in the WAL: no main rows.
        // Any other failure (a table without rowids) leaves the source unknown: live.
        if (!tableInMainFile(m_mainOnly, table))
            slot = std::make_unique<std::vector<std::int64_t>>();
        return slot.get();
    }
    auto ids = std::make_unique<std::vector<std::int64_t>>();
    while (sqlite3_step(stmt) == SQLITE_ROW)
        ids->push_back(sqlite3_column_int64(stmt, 0));
    sqlite3_finalize(stmt);
    slot = std::move(ids);
    return slot.get();
}

model::RecordSource SqliteDatabase::sourceOf(const std::string &table, std::int64_t rowid)
{
    if (!m_hasWal || table.empty())
        return model::RecordSource::Live;
    std::lock_guard lock(m_rowidMutex);
    const auto *ids = mainFileRowids(table);
    if (!ids)
        return model::RecordSource::Live;
    return std::binary_search(ids->begin(), ids->end(), rowid) ? model::RecordSource::Live : model::RecordSource::Wal;
}

} // namespace vigil::plugins
