// SPDX-License-Identifier: GPL-3.0-or-later
// Issue 10, resumable ingest: an ingest of both demo devices is killed with SIGKILL at chosen
// points (VIGIL_FAULT, core/util/faultpoint.h: inside the writer between a batch and its commit,
// and at the start of pipeline stages), `vigil ingest --resume` finishes it, and the resumed case
// must hold exactly what an uninterrupted ingest holds: every table, every row, every id.
#include <gtest/gtest.h>

#include <sqlite3.h>

#include <algorithm>
#include <map>
#include <set>

#include "harness.h"

using namespace vigil::test;

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

// Human-readable differences between two cases (empty when they hold the same content).
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
            d += "\n  missing: " + onlyA.front().substr(0, 300);
        if (!onlyB.empty())
            d += "\n  extra:   " + onlyB.front().substr(0, 300);
        diffs.push_back(d);
    }
    return diffs;
}

std::string ingestCommand(const fs::path &caseDir, const std::string &fault)
{
    std::string cmd = "TZ=UTC ";
    if (!fault.empty())
        cmd += "VIGIL_FAULT=" + fault + " ";
    return cmd + quote(vigilBinary().string()) + " ingest " + quote(demoEvidence().string()) + " " +
           quote(demoPhoneEvidence().string()) + " --case " + quote(caseDir.string()) +
           " --examiner tester --verify";
}

std::string resumeCommand(const fs::path &caseDir, const std::string &fault = {})
{
    std::string cmd = "TZ=UTC ";
    if (!fault.empty())
        cmd += "VIGIL_FAULT=" + fault + " ";
    return cmd + quote(vigilBinary().string()) + " ingest --resume --case " + quote(caseDir.string());
}

constexpr int kKilled = 128 + 9;   // the shell's exit status for a child killed by SIGKILL

class ResumeMatrix : public ::testing::Test {
protected:
    void SetUp() override
    {
        if (!fs::exists(demoEvidence()) || !fs::exists(demoPhoneEvidence()))
            GTEST_SKIP() << "the demo evidence was not generated (ctest runs generate_demo first)";
        const auto r = run(ingestCommand(m_reference, {}));
        ASSERT_EQ(r.exitCode, 0) << r.out;
    }

    // Kills an ingest at `fault`, resumes it (killed again at each of `resumeFaults` in turn, then
    // resumed to the end) and compares the result with the uninterrupted reference.
    void killAndResume(const std::string &fault, const std::vector<std::string> &resumeFaults = {})
    {
        SCOPED_TRACE("killed at " + fault);
        const auto caseDir = m_tmp.path() / ("case-" + std::to_string(m_cases++));
        const auto killed = run(ingestCommand(caseDir, fault));
        ASSERT_EQ(killed.exitCode, kKilled) << "the kill point " << fault << " was never reached:\n" << killed.out;
        EXPECT_EQ(caseScalar(caseDir, "SELECT count(*) FROM ingest_runs WHERE status='running'"), 1)
            << "the killed run is left marked running";
        for (const auto &again : resumeFaults) {
            const auto r = run(resumeCommand(caseDir, again));
            ASSERT_EQ(r.exitCode, kKilled) << "the resume's kill point " << again << " was never reached:\n" << r.out;
        }
        const auto resumed = run(resumeCommand(caseDir));
        ASSERT_EQ(resumed.exitCode, 0) << resumed.out;
        EXPECT_NE(resumed.out.find("Resuming"), std::string::npos) << resumed.out;
        const auto diffs = compareCases(m_reference, caseDir);
        EXPECT_TRUE(diffs.empty()) << diffs.size() << " tables differ; first:\n" << (diffs.empty() ? "" : diffs.front());
        EXPECT_EQ(run("sqlite3 " + quote((caseDir / "case.vigil").string()) + " 'PRAGMA integrity_check'").out,
                  "ok\n");
        EXPECT_EQ(caseScalar(caseDir, "SELECT count(*) FROM ingest_runs WHERE status='completed'"), 1);
        EXPECT_EQ(caseScalar(caseDir, "SELECT count(*) FROM ingest_runs WHERE status='interrupted'"),
                  1 + static_cast<std::int64_t>(resumeFaults.size()));
        // A second resume finds nothing left to do and changes nothing.
        const auto nothing = run(resumeCommand(caseDir));
        EXPECT_EQ(nothing.exitCode, 0) << nothing.out;
        EXPECT_NE(nothing.out.find("Nothing to resume"), std::string::npos) << nothing.out;
    }

    TempDir m_tmp;
    fs::path m_reference = m_tmp.path() / "reference";
    int m_cases = 0;
};

} // namespace

TEST_F(ResumeMatrix, KilledBetweenWriteAndCommit)
{
    // Batches 3 and 30 fall in indexing and in the content pass of the first device, 100 in the
    // second device's parsing: a torn transaction at each is rolled back and redone.
    for (const char *fault : {"commit:3", "commit:30", "commit:100"})
        killAndResume(fault);
}

TEST_F(ResumeMatrix, KilledAtEachStage)
{
    for (const char *fault : {"stage.indexing:1", "stage.hashing:1", "stage.parsing:1", "stage.expanding:1",
                              "stage.carving:1", "stage.analysing:1", "stage.verifying:1"})
        killAndResume(fault);
}

TEST_F(ResumeMatrix, ResumeThatIsItselfKilled)
{
    // Killed in the first device, then its resume killed twice more (the fault counts restart in
    // each process): three interrupted runs, one completed, the same content.
    killAndResume("commit:10", {"commit:20", "stage.carving:1"});
}

TEST_F(ResumeMatrix, KilledBeforeTheFirstCommitSaysToStartAgain)
{
    const auto caseDir = m_tmp.path() / "early";
    ASSERT_EQ(run(ingestCommand(caseDir, "commit:1")).exitCode, kKilled);
    const auto r = run(resumeCommand(caseDir));
    EXPECT_EQ(r.exitCode, 2) << r.out;
    EXPECT_NE(r.out.find("run the ingest command again"), std::string::npos) << r.out;
    EXPECT_FALSE(compareCases(m_reference, caseDir).empty()) << "the comparison sees a half-made case";
    // Which is what works: the same ingest command finishes it with the same content.
    ASSERT_EQ(run(ingestCommand(caseDir, {})).exitCode, 0);
    const auto diffs = compareCases(m_reference, caseDir);
    EXPECT_TRUE(diffs.empty()) << diffs.size() << " tables differ; first:\n" << (diffs.empty() ? "" : diffs.front());
}
