// SPDX-License-Identifier: GPL-3.0-or-later
#include "plugins/api/recoveredrows.h"

#include <sqlite3.h>

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <set>
#include <span>

#include "plugins/api/sqlitedb.h"
#include "plugins/carvers/sqliterecords/sqliterecords.h"

namespace vigil::plugins {

namespace {

bool sameName(std::string_view a, std::string_view b)
{
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
           });
}

std::string upper(std::string s)
{
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
    return s;
}

// A file mapped read-only; empty when absent or empty.
class MappedFile
{
public:
    explicit MappedFile(const std::filesystem::path &path)
    {
        const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
        if (fd < 0)
            return;
        struct stat st{};
        if (::fstat(fd, &st) == 0 && st.st_size > 0) {
            void *p = ::mmap(nullptr, static_cast<std::size_t>(st.st_size), PROT_READ, MAP_PRIVATE, fd, 0);
            if (p != MAP_FAILED) {
                m_data = static_cast<const unsigned char *>(p);
                m_size = static_cast<std::size_t>(st.st_size);
            }
        }
        ::close(fd);
    }
    ~MappedFile()
    {
        if (m_data)
            ::munmap(const_cast<unsigned char *>(m_data), m_size);
    }
    MappedFile(const MappedFile &) = delete;
    MappedFile &operator=(const MappedFile &) = delete;
    std::span<const unsigned char> bytes() const { return {m_data, m_size}; }

private:
    const unsigned char *m_data = nullptr;
    std::size_t m_size = 0;
};

// What a table of the copy takes: its columns in record order, the INTEGER PRIMARY KEY column
// (which holds the rowid) or the name under which the rowid can be set.
struct TableShape {
    std::vector<std::string> columns;
    int rowidAlias = -1;
    std::string rowidName;   // "" when every rowid name is a column of its own
};

class Statement
{
public:
    Statement() = default;
    Statement(sqlite3 *db, const std::string &sql)
    {
        if (sqlite3_prepare_v2(db, sql.c_str(), static_cast<int>(sql.size()), &m_stmt, nullptr) != SQLITE_OK) {
            sqlite3_finalize(m_stmt);
            m_stmt = nullptr;
        }
    }
    Statement(Statement &&o) noexcept : m_stmt(std::exchange(o.m_stmt, nullptr)) {}
    Statement &operator=(Statement &&o) noexcept
    {
        std::swap(m_stmt, o.m_stmt);
        return *this;
    }
    Statement(const Statement &) = delete;
    Statement &operator=(const Statement &) = delete;
    ~Statement() { sqlite3_finalize(m_stmt); }
    sqlite3_stmt *get() const { return m_stmt; }
    explicit operator bool() const { return m_stmt != nullptr; }

private:
    sqlite3_stmt *m_stmt = nullptr;
};

void bindRowid(sqlite3_stmt *st, int at, std::optional<std::int64_t> rowid)
{
    if (rowid.has_value())
        sqlite3_bind_int64(st, at, rowid.value_or(0));
    else
        sqlite3_bind_null(st, at);
}

// Writes recovered records into the working copy, one transaction.
class Inserter
{
public:
    Inserter(sqlite3 *db, RecoveredRows &rows, RowRecoveryStats &stats) : m_db(db), m_rows(rows), m_stats(stats)
    {
        readVirtualTables();
    }

    bool begin() { return exec("BEGIN IMMEDIATE"); }
    // A deleted record: under its own rowid when it kept it and it is free, else a new one.
    void insert(const recovery::RecoveredRecord &r);
    // A live record, under its own rowid (into a rebuilt database).
    bool insertLive(const recovery::RecoveredRecord &r);
    bool commit() { return exec("COMMIT"); }

private:
    enum class Put { Done, NoTable, Refused };
    Put put(const recovery::RecoveredRecord &r, std::optional<std::int64_t> rowid);
    bool exec(const char *sql) { return sqlite3_exec(m_db, sql, nullptr, nullptr, nullptr) == SQLITE_OK; }
    void readVirtualTables();
    bool writable(const std::string &table) const;
    const TableShape *shape(const std::string &table);
    bool rowidFree(const std::string &table, std::int64_t rowid);
    sqlite3_stmt *insertStatement(const std::string &table, const TableShape &t, std::size_t values);
    void bindValues(sqlite3_stmt *st, const TableShape &t, const recovery::RecoveredRecord &r,
                    std::optional<std::int64_t> rowid);

    sqlite3 *m_db;
    RecoveredRows &m_rows;
    RowRecoveryStats &m_stats;
    std::vector<std::string> m_virtualTables;
    std::map<std::string, std::optional<TableShape>> m_shapes;
    std::map<std::pair<std::string, std::size_t>, Statement> m_inserts;
};

void Inserter::readVirtualTables()
{
    Statement st(m_db, "SELECT name FROM sqlite_master WHERE type='table' AND sql LIKE 'CREATE VIRTUAL TABLE%'");
    while (st && sqlite3_step(st.get()) == SQLITE_ROW)
        m_virtualTables.emplace_back(reinterpret_cast<const char *>(sqlite3_column_text(st.get(), 0)));
}

// Not SQLite's own tables, and not the shadow tables behind a full-text or other virtual table.
bool Inserter::writable(const std::string &table) const
{
    if (table.empty() || upper(table).rfind("SQLITE_", 0) == 0)
        return false;
    return std::none_of(m_virtualTables.begin(), m_virtualTables.end(), [&](const std::string &v) {
        return table.size() > v.size() && sameName(std::string_view(table).substr(0, v.size() + 1), v + "_");
    });
}

const TableShape *Inserter::shape(const std::string &table)
{
    auto [it, isNew] = m_shapes.try_emplace(table);
    if (!isNew)
        return it->second ? &*it->second : nullptr;
    TableShape t;
    int pkColumns = 0, integerPk = -1, hidden = 0;
    Statement st(m_db, "SELECT name, type, pk, hidden FROM pragma_table_xinfo(" + quoteIdentifier(table) + ")");
    while (st && sqlite3_step(st.get()) == SQLITE_ROW) {
        if (sqlite3_column_int(st.get(), 3) != 0) {
            ++hidden;   // generated columns: the record does not hold them in declaration order
            continue;
        }
        t.columns.emplace_back(reinterpret_cast<const char *>(sqlite3_column_text(st.get(), 0)));
        const char *type = reinterpret_cast<const char *>(sqlite3_column_text(st.get(), 1));
        if (sqlite3_column_int(st.get(), 2) > 0) {
            ++pkColumns;
            if (type && upper(type) == "INTEGER")
                integerPk = static_cast<int>(t.columns.size() - 1);
        }
    }
    if (t.columns.empty() || hidden > 0)
        return nullptr;
    t.rowidAlias = pkColumns == 1 ? integerPk : -1;
    for (const char *name : {"rowid", "_rowid_", "oid"}) {
        if (std::none_of(t.columns.begin(), t.columns.end(), [&](const std::string &c) { return sameName(c, name); })) {
            t.rowidName = name;
            break;
        }
    }
    it->second = std::move(t);
    return &*it->second;
}

bool Inserter::rowidFree(const std::string &table, std::int64_t rowid)
{
    const TableShape *t = shape(table);
    if (!t || (t->rowidAlias < 0 && t->rowidName.empty()))
        return false;
    const std::string name = t->rowidAlias >= 0 ? quoteIdentifier(t->columns[static_cast<std::size_t>(t->rowidAlias)])
                                                : t->rowidName;
    Statement st(m_db, "SELECT 1 FROM " + quoteIdentifier(table) + " WHERE " + name + "=?1");
    if (!st)
        return false;
    sqlite3_bind_int64(st.get(), 1, rowid);
    return sqlite3_step(st.get()) == SQLITE_DONE;
}

sqlite3_stmt *Inserter::insertStatement(const std::string &table, const TableShape &t, std::size_t values)
{
    auto [it, isNew] = m_inserts.try_emplace({table, values});
    if (isNew) {
        std::string cols, params;
        for (std::size_t i = 0; i < values; ++i) {
            cols += (i ? ", " : "") + quoteIdentifier(t.columns[i]);
            params += (i ? ", ?" : "?") + std::to_string(i + 1);
        }
        if (t.rowidAlias < 0 && !t.rowidName.empty()) {
            cols += ", " + t.rowidName;
            params += ", ?" + std::to_string(values + 1);
        }
        it->second = Statement(m_db, "INSERT OR IGNORE INTO " + quoteIdentifier(table) + " (" + cols + ") VALUES (" +
                                         params + ")");
    }
    return it->second.get();
}

void Inserter::bindValues(sqlite3_stmt *st, const TableShape &t, const recovery::RecoveredRecord &r,
                          std::optional<std::int64_t> rowid)
{
    using K = recovery::RecoveredValue;
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    for (std::size_t i = 0; i < r.values.size(); ++i) {
        const K &v = r.values[i];
        const int at = static_cast<int>(i + 1);
        if (static_cast<int>(i) == t.rowidAlias) {
            bindRowid(st, at, rowid);
            continue;
        }
        switch (v.kind) {
        case K::Null: sqlite3_bind_null(st, at); break;
        case K::Integer: sqlite3_bind_int64(st, at, v.i); break;
        case K::Real: sqlite3_bind_double(st, at, v.r); break;
        case K::Text:
            sqlite3_bind_text(st, at, v.bytes.data(), static_cast<int>(v.bytes.size()), SQLITE_TRANSIENT);
            break;
        case K::Blob:
            sqlite3_bind_blob(st, at, v.bytes.data(), static_cast<int>(v.bytes.size()), SQLITE_TRANSIENT);
            break;
        }
    }
    if (t.rowidAlias < 0 && !t.rowidName.empty()) {
        bindRowid(st, static_cast<int>(r.values.size() + 1), rowid);
    }
}

Inserter::Put Inserter::put(const recovery::RecoveredRecord &r, std::optional<std::int64_t> rowid)
{
    const TableShape *t = writable(r.table) ? shape(r.table) : nullptr;
    if (!t)
        return Put::NoTable;
    sqlite3_stmt *st = r.values.size() <= t->columns.size() ? insertStatement(r.table, *t, r.values.size()) : nullptr;
    if (!st)
        return Put::Refused;
    bindValues(st, *t, r, rowid);
    const int rc = sqlite3_step(st);
    return rc == SQLITE_DONE && sqlite3_changes(m_db) > 0 ? Put::Done : Put::Refused;
}

void Inserter::insert(const recovery::RecoveredRecord &r)
{
    std::optional<std::int64_t> rowid;
    if (r.rowid && rowidFree(r.table, *r.rowid))
        rowid = *r.rowid;
    switch (put(r, rowid)) {
    case Put::NoTable: ++m_stats.noTable; return;
    case Put::Refused: ++m_stats.refused; return;
    case Put::Done: break;
    }
    ++m_stats.inserted;
    m_rows.add(r.table, sqlite3_last_insert_rowid(m_db),
               {r.rowid, r.byteOffset, r.file == "db" ? r.source : r.file});
}

bool Inserter::insertLive(const recovery::RecoveredRecord &r)
{
    return put(r, r.rowid) == Put::Done;
}

// The copy opened for writing: triggers off (an app's triggers must not run, nor fill its
// full-text index), no functions from the schema, and no checkpoint, so a WAL database keeps
// its main file as it was and the rows added live in the WAL.
sqlite3 *openForWriting(const std::filesystem::path &copy)
{
    sqlite3 *db = nullptr;
    if (sqlite3_open_v2(copy.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, nullptr) != SQLITE_OK) {
        sqlite3_close_v2(db);
        return nullptr;
    }
    int unused = 0;
    sqlite3_db_config(db, SQLITE_DBCONFIG_ENABLE_TRIGGER, 0, &unused);
    sqlite3_db_config(db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, &unused);
    sqlite3_db_config(db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, &unused);
    sqlite3_exec(db, "PRAGMA wal_autocheckpoint=0; PRAGMA foreign_keys=OFF; PRAGMA cell_size_check=1;", nullptr,
                 nullptr, nullptr);
    return db;
}

void insertAll(const std::filesystem::path &copy, const std::vector<recovery::RecoveredRecord> &records,
               RecoveredRows &rows, RowRecoveryStats &stats)
{
    sqlite3 *db = openForWriting(copy);
    if (!db) {
        stats.insertError = "the working copy cannot be opened for writing";
        return;
    }
    {
        Inserter inserter(db, rows, stats);
        bool ok = inserter.begin();
        for (std::size_t i = 0; ok && i < records.size(); ++i) {
            inserter.insert(records[i]);
            ok = !sqlite3_get_autocommit(db);   // a damaged page rolls the whole transaction back
        }
        if (!ok || !inserter.commit()) {
            stats.insertError = sqlite3_errmsg(db);
            sqlite3_exec(db, "ROLLBACK", nullptr, nullptr, nullptr);
            rows.clear();
            stats.inserted = 0;
        }
    }
    sqlite3_close_v2(db);
}

} // namespace

void RecoveredRows::add(std::string_view table, std::int64_t rowidInCopy, RecoveredRowOrigin origin)
{
    auto it = std::find_if(m_tables.begin(), m_tables.end(), [&](const auto &t) { return sameName(t.first, table); });
    if (it == m_tables.end())
        it = m_tables.insert(m_tables.end(), {std::string(table), {}});
    m_size += it->second.insert_or_assign(rowidInCopy, std::move(origin)).second;
}

const RecoveredRowOrigin *RecoveredRows::find(std::string_view table, std::int64_t rowidInCopy) const
{
    for (const auto &[name, rows] : m_tables) {
        if (!sameName(name, table))
            continue;
        const auto it = rows.find(rowidInCopy);
        return it == rows.end() ? nullptr : &it->second;
    }
    return nullptr;
}

void RecoveredRows::clear()
{
    m_tables.clear();
    m_size = 0;
}

Result<RowRecoveryStats> recoverRowsIntoCopy(const std::filesystem::path &copy, RecoveredRows &rows)
{
    RowRecoveryStats stats;
    std::vector<recovery::RecoveredRecord> records;
    {
        const MappedFile db(copy), wal(copy.string() + "-wal"), journal(copy.string() + "-journal");
        auto result = recovery::recoverSqlite(db.bytes(), wal.bytes(), journal.bytes(), {.includeLive = false});
        if (!result)
            return std::unexpected(result.error());
        stats.liveRecords = result->liveRecords;
        stats.warnings = std::move(result->warnings);
        records = std::move(result->records);
    }
    stats.recovered = records.size();
    // Rows that kept their rowid first, so a new rowid given to another never takes theirs.
    std::stable_partition(records.begin(), records.end(), [](const auto &r) { return r.rowid.has_value(); });
    if (!records.empty())
        insertAll(copy, records, rows, stats);
    return stats;
}

namespace {

// The schema statements of a database as the carver read them: live sqlite_master rows.
struct SchemaSql {
    std::vector<std::string> tables, views, indexes;
};

SchemaSql schemaOf(const std::vector<recovery::RecoveredRecord> &records)
{
    SchemaSql out;
    for (const auto &r : records) {
        if (r.table != "sqlite_master" || r.source != "live" || r.values.size() < 5 ||
            r.values[4].kind != recovery::RecoveredValue::Text)
            continue;
        const std::string &type = r.values[0].bytes, &name = r.values[1].bytes, &sql = r.values[4].bytes;
        if (upper(name).rfind("SQLITE_", 0) == 0 || upper(sql).rfind("CREATE VIRTUAL", 0) == 0)
            continue;
        (type == "table" ? out.tables : type == "view" ? out.views : out.indexes).push_back(sql);
    }
    return out;
}

// Runs each statement; those that fail (a collation or module the app registers) are counted.
std::size_t execEach(sqlite3 *db, const std::vector<std::string> &statements)
{
    std::size_t failed = 0;
    for (const auto &sql : statements)
        failed += sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr) != SQLITE_OK;
    return failed;
}

// Fills the new database: tables, live rows, indexes (so unique keys refuse older versions as
// in the app's own database), views, then the deleted records.
void fillRebuilt(sqlite3 *db, std::vector<recovery::RecoveredRecord> &records, RecoveredRows &rows,
                 RowRecoveryStats &stats)
{
    const SchemaSql schema = schemaOf(records);
    if (const std::size_t failed = execEach(db, schema.tables))
        stats.warnings.push_back(std::to_string(failed) + " tables could not be created in the rebuilt copy");
    Inserter inserter(db, rows, stats);
    const auto firstDeleted = std::stable_partition(records.begin(), records.end(),
                                                    [](const auto &r) { return r.source == "live"; });
    for (auto it = records.begin(); it != firstDeleted; ++it)
        stats.liveRecords += it->table != "sqlite_master" && inserter.insertLive(*it);
    execEach(db, schema.indexes);
    execEach(db, schema.views);
    std::stable_partition(firstDeleted, records.end(), [](const auto &r) { return r.rowid.has_value(); });
    for (auto it = firstDeleted; it != records.end(); ++it)
        inserter.insert(*it);
    stats.recovered = static_cast<std::size_t>(records.end() - firstDeleted);
}

} // namespace

Result<RowRecoveryStats> rebuildDatabase(const std::filesystem::path &copy, const std::filesystem::path &rebuilt,
                                         RecoveredRows &rows)
{
    std::error_code ec;
    if (std::filesystem::file_size(copy, ec) > kRebuildLimit)
        return fail(ErrorCode::LimitExceeded, "The database is too large to rebuild from its records.", copy.string());
    RowRecoveryStats stats;
    std::vector<recovery::RecoveredRecord> records;
    {
        const MappedFile db(copy), wal(copy.string() + "-wal"), journal(copy.string() + "-journal");
        auto result = recovery::recoverSqlite(db.bytes(), wal.bytes(), journal.bytes());
        if (!result)
            return std::unexpected(result.error());
        stats.warnings = std::move(result->warnings);
        records = std::move(result->records);
    }
    std::filesystem::remove(rebuilt, ec);
    sqlite3 *db = nullptr;
    if (sqlite3_open_v2(rebuilt.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) != SQLITE_OK) {
        sqlite3_close_v2(db);
        return fail(ErrorCode::Io, "Cannot write a rebuilt copy of the database in the case's temp folder.",
                    rebuilt.string());
    }
    sqlite3_exec(db, "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; BEGIN", nullptr, nullptr, nullptr);
    fillRebuilt(db, records, rows, stats);
    const bool committed = sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr) == SQLITE_OK;
    sqlite3_close_v2(db);
    if (!committed || stats.liveRecords + stats.inserted == 0) {
        rows.clear();
        return fail(ErrorCode::Corrupt, "No row of the database could be read to rebuild it.", copy.string());
    }
    return stats;
}

void RecoveredRowsSink::mark(model::RecordOrigin &origin)
{
    if (!origin.rowid || origin.table.empty())
        return;
    const RecoveredRowOrigin *r = m_rows.find(origin.table, *origin.rowid);
    if (!r)
        return;
    origin.source = model::RecordSource::Recovered;
    origin.rowid = r->rowid;
    origin.offset = static_cast<std::int64_t>(r->offset);
    origin.recoveredFrom = r->from;
    ++m_marked;
}

void RecoveredRowsSink::addRecords(const FileContext &file, model::RecordBatch &&batch)
{
    auto all = [this](auto &records) {
        for (auto &r : records)
            mark(r.origin);
    };
    all(batch.accounts);
    all(batch.contacts);
    all(batch.conversations);
    all(batch.messages);
    for (auto &m : batch.messages)
        all(m.attachments);
    all(batch.calls);
    all(batch.visits);
    all(batch.searches);
    m_inner.addRecords(file, std::move(batch));
}

} // namespace vigil::plugins
