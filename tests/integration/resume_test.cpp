// SPDX-License-Identifier: GPL-3.0-or-later
// Issue 10, resumable ingest: an ingest of both demo devices is killed with SIGKILL at chosen
// points (VIGIL_FAULT, core/util/faultpoint.h: inside the writer between a batch and its commit,
// and at the start of pipeline stages), `vigil ingest --resume` finishes it, and the resumed case
// must hold exactly what an uninterrupted ingest holds: every table, every row, every id.
#include <gtest/gtest.h>

#include "casecompare.h"
#include "harness.h"

using namespace vigil::test;

namespace {

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
