// SPDX-License-Identifier: GPL-3.0-or-later
#include "casecompare.h"

#include <sqlite3.h>

#include <algorithm>
#include <iterator>
#include <map>
#include <set>

namespace vigil::test {

namespace fs = std::filesystem;

namespace {

// Columns that record when something was processed, not what was found.
const std::set<std::string> kProcessingTimeColumns = {"started_utc", "finished_utc", "added_utc", "time_utc",
                                                       "verified_utc", "created_utc", "parsed_at"};
// Tables about the runs themselves (which differ by design: the resumed case has two runs).
const std::set<std::string> kRunTables = {"audit_log", "ingest_runs", "meta", "case_info"};

using TableRows = std::vector<std::string>;   // one rendered row each, sorted

std::vector<std::string> columnsOf(sqlite3 *db, const std::string &table)
{
    std::vector<std::string> cols;
    sqlite3_stmt *st = nullptr;
    sqlite3_prepare_v2(db, ("PRAGMA table_info(\"" + table + "\")").c_str(), -1, &st, nullptr);
    while (st && sqlite3_step(st) == SQLITE_ROW) {
        std::string name = reinterpret_cast<const char *>(sqlite3_column_text(st, 1));
        if (!kProcessingTimeColumns.contains(name))
            cols.push_back("\"" + name + "\"");
    }
    sqlite3_finalize(st);
    return cols;
}

std::string renderValue(sqlite3_stmt *st, int i)
{
    switch (sqlite3_column_type(st, i)) {
    case SQLITE_NULL: return "NULL";
    case SQLITE_INTEGER: return std::to_string(sqlite3_column_int64(st, i));
    case SQLITE_FLOAT: return std::to_string(sqlite3_column_double(st, i));
    default: {
        const auto *p = static_cast<const char *>(sqlite3_column_blob(st, i));
        return "'" + std::string(p ? p : "", static_cast<std::size_t>(sqlite3_column_bytes(st, i))) + "'";
    }
    }
}

TableRows rowsOf(sqlite3 *db, const std::string &table)
{
    // The full-text index is compared by what it indexes; its shadow tables are skipped.
    const auto cols = table == "messages_fts" ? std::vector<std::string>{"rowid", "body"} : columnsOf(db, table);
    std::string sql = "SELECT ";
    for (std::size_t i = 0; i < cols.size(); ++i)
        sql += (i ? "," : "") + cols[i];
    sql += " FROM \"" + table + "\"";
    TableRows rows;
    sqlite3_stmt *st = nullptr;
    if (sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr) != SQLITE_OK) {
        rows.push_back("cannot read: " + std::string(sqlite3_errmsg(db)));
        return rows;
    }
    while (sqlite3_step(st) == SQLITE_ROW) {
        std::string row;
        for (int i = 0; i < sqlite3_column_count(st); ++i)
            row += renderValue(st, i) + "|";
        rows.push_back(std::move(row));
    }
    sqlite3_finalize(st);
    std::sort(rows.begin(), rows.end());
    return rows;
}

std::map<std::string, TableRows> dumpCase(const fs::path &caseDir)
{
    std::map<std::string, TableRows> out;
    sqlite3 *db = nullptr;
    const auto file = (caseDir / "case.vigil").string();
    if (sqlite3_open_v2(file.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
        sqlite3_close(db);
        out["<open>"] = {"cannot open " + file};
        return out;
    }
    std::vector<std::string> tables;
    sqlite3_stmt *st = nullptr;
    sqlite3_prepare_v2(db, "SELECT name FROM sqlite_master WHERE type='table'", -1, &st, nullptr);
    while (st && sqlite3_step(st) == SQLITE_ROW)
        tables.emplace_back(reinterpret_cast<const char *>(sqlite3_column_text(st, 0)));
    sqlite3_finalize(st);
    for (const auto &t : tables) {
        if (kRunTables.contains(t) || t.starts_with("sqlite_") || t.starts_with("messages_fts_"))
            continue;
        out[t] = rowsOf(db, t);
    }
    sqlite3_close(db);
    return out;
}

} // namespace

std::vector<std::string> compareCases(const fs::path &expected, const fs::path &actual)
{
    const auto a = dumpCase(expected), b = dumpCase(actual);
    std::set<std::string> names;
    for (const auto &[t, _] : a)
        names.insert(t);
    for (const auto &[t, _] : b)
        names.insert(t);
    std::vector<std::string> diffs;
    for (const auto &t : names) {
        const auto ia = a.find(t), ib = b.find(t);
        const TableRows none;
        const TableRows &ra = ia == a.end() ? none : ia->second, &rb = ib == b.end() ? none : ib->second;
        if (ra == rb)
            continue;
        TableRows onlyA, onlyB;
        std::set_difference(ra.begin(), ra.end(), rb.begin(), rb.end(), std::back_inserter(onlyA));
        std::set_difference(rb.begin(), rb.end(), ra.begin(), ra.end(), std::back_inserter(onlyB));
        std::string d = t + ": " + std::to_string(ra.size()) + " rows expected, " + std::to_string(rb.size()) +
                        " found";
        if (!onlyA.empty())
            d += "\n  missing: " + onlyA.front().substr(0, 2000);
        if (!onlyB.empty())
            d += "\n  extra:   " + onlyB.front().substr(0, 2000);
        diffs.push_back(d);
    }
    return diffs;
}

} // namespace vigil::test
