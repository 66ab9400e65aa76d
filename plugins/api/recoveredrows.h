// SPDX-License-Identifier: GPL-3.0-or-later
// Deleted rows read by the same parsers as live ones. Before a database's working copy is
// opened, the host recovers its deleted records (free blocks, unallocated space, freelist pages,
// older page versions in the WAL and the database file, rollback journal) and inserts those that
// are not copies of live rows back into their tables in the copy. Every parser then reads them
// as rows like any other; RecoveredRowsSink marks the records they make as recovered, with the
// byte offset of the record and where it was found.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/util/error.h"
#include "plugins/api/plugin.h"

namespace vigil::plugins {

// Where a row put back into a working copy was recovered.
struct RecoveredRowOrigin {
    std::optional<std::int64_t> rowid;   // its own rowid, when it survived (freed cells lose it)
    std::uint64_t offset = 0;            // byte offset of the record in the file `from` names
    std::string from;                    // freeblock, unallocated, freelist, superseded (database file),
                                         // wal (-wal file), journal (-journal file)
};

// The rows put back into a working copy, by table (case-insensitive) and rowid in the copy.
class RecoveredRows
{
public:
    void add(std::string_view table, std::int64_t rowidInCopy, RecoveredRowOrigin origin);
    const RecoveredRowOrigin *find(std::string_view table, std::int64_t rowidInCopy) const;
    std::size_t size() const { return m_size; }
    bool empty() const { return m_size == 0; }
    void clear();

private:
    // A handful of tables at most: a list, compared without regard to case.
    std::vector<std::pair<std::string, std::map<std::int64_t, RecoveredRowOrigin>>> m_tables;
    std::size_t m_size = 0;
};

struct RowRecoveryStats {
    std::size_t liveRecords = 0;   // live records read to recognise copies of them (rebuild: written)
    std::size_t recovered = 0;     // deleted records found that are not copies of live rows
    std::size_t inserted = 0;      // put back into their tables
    std::size_t noTable = 0;       // not attributed, of a dropped table, or of an FTS/internal table
    std::size_t refused = 0;       // refused by their table (unique, NOT NULL or CHECK constraint, shape)
    std::vector<std::string> warnings;
    std::optional<std::string> insertError;   // SQLite could not write to the copy: no row was added
};

// Recovers the deleted records of the working copy `copy` (with "<copy>-wal" and "<copy>-journal"
// beside it, as stageDatabase writes them; read before anything changes them) and inserts them
// into their tables in the copy: under their own rowid when they kept it and it is free, else
// under a new one; triggers do not fire; nothing goes into full-text or SQLite's own tables.
// Call before SqliteDatabase::open(copy). `rows` receives what was inserted. Fails only when the
// file is not a SQLite database; a database SQLite cannot write gives warnings and no rows.
Result<RowRecoveryStats> recoverRowsIntoCopy(const std::filesystem::path &copy, RecoveredRows &rows);

// Databases larger than this are not rebuilt (every record is held in memory while rebuilding).
inline constexpr std::uintmax_t kRebuildLimit = 256ull << 20;

// For a working copy SQLite cannot open or write (damaged, truncated, carved): a new database at
// `rebuilt` with the copy's tables, indexes and views as Vigil's own reader finds its schema,
// every live row it can read (under the same rowid) and the deleted records (put back into
// `rows` as recoverRowsIntoCopy does). liveRecords counts the live rows written. Rows that exist
// only in the WAL are not told apart from the others. Fails when the copy is not a SQLite
// database, is larger than kRebuildLimit, or not one row could be written.
Result<RowRecoveryStats> rebuildDatabase(const std::filesystem::path &copy, const std::filesystem::path &rebuilt,
                                         RecoveredRows &rows);

// Passes records on; those read from a row of `rows` (origin table and rowid) become
// RecordSource::Recovered with the record's byte offset, recoveredFrom and original rowid (none
// when it was lost). Counts what it marked.
class RecoveredRowsSink final : public ResultSink
{
public:
    RecoveredRowsSink(ResultSink &inner, const RecoveredRows &rows) : m_inner(inner), m_rows(rows) {}
    void addArtifact(const Artifact &artifact) override { m_inner.addArtifact(artifact); }
    void addError(const FileContext &file, const Error &error) override { m_inner.addError(file, error); }
    void addRecords(const FileContext &file, model::RecordBatch &&batch) override;
    std::size_t marked() const { return m_marked; }

private:
    void mark(model::RecordOrigin &origin);

    ResultSink &m_inner;
    const RecoveredRows &m_rows;
    std::size_t m_marked = 0;
};

} // namespace vigil::plugins
