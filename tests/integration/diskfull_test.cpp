// SPDX-License-Identifier: GPL-3.0-or-later
// Issue 10, disk full: a case folder on a disk that fills up makes the ingest stop with a clear
// message and exit 2, leaves a valid case, and `vigil ingest --resume` finishes it once there is
// space, with the same content as an ingest that never ran out. The small disk is a tmpfs mounted
// in a private mount namespace (`unshare -rm`), so the test needs no root and leaves no mount.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "casecompare.h"
#include "harness.h"

using namespace vigil::test;

namespace {

std::string readText(const fs::path &file)
{
    std::ifstream in(file);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

std::string why;   // why a private mount namespace cannot be had here, if it cannot

bool canMountPrivately()
{
    const auto r = run("unshare -rm sh -c 'mount -t tmpfs -o size=1m tmpfs /tmp' 2>&1");
    why = r.out;
    return r.exitCode == 0;
}

// Bytes a freshly created case takes (its schema, in the write-ahead log): an ingest killed at its
// first commit leaves just that.
std::uintmax_t emptyCaseBytes(const fs::path &dir)
{
    (void)run("VIGIL_FAULT=commit:1 " + quote(vigilBinary().string()) + " ingest " +
              quote(demoEvidence().string()) + " --case " + quote((dir / "empty").string()));
    std::uintmax_t total = 0;
    for (const auto &e : fs::recursive_directory_iterator(dir / "empty"))
        if (e.is_regular_file())
            total += e.file_size();
    return total;
}

class DiskFull : public ::testing::Test {
protected:
    void SetUp() override
    {
        if (!fs::exists(demoEvidence()))
            GTEST_SKIP() << "the demo evidence was not generated (ctest runs generate_demo first)";
        if (!haveTool("unshare") || !canMountPrivately())
            GTEST_SKIP() << "needs a private mount namespace (unshare -rm) to mount a small tmpfs: " << why;
    }
    TempDir tmp;
};

} // namespace

TEST_F(DiskFull, IngestStopsCleanlyAndResumesOnceThereIsSpace)
{
    const auto reference = tmp.path() / "reference";
    ASSERT_EQ(ingest({demoEvidence()}, reference).exitCode, 0);

    // Room for the empty case and a little more: the disk fills during the ingest.
    const auto kib = emptyCaseBytes(tmp.path()) / 1024 + 48;
    const auto disk = tmp.path() / "disk";
    fs::create_directories(disk);
    const auto vigil = quote(vigilBinary().string());
    const auto caseDir = quote((disk / "case").string());
    const std::string script =
        "mount -t tmpfs -o size=" + std::to_string(kib) + "k tmpfs " + quote(disk.string()) + " || exit 99\n" +
        "TZ=UTC " + vigil + " ingest " + quote(demoEvidence().string()) + " --case " + caseDir +
        " --examiner tester > " + quote((tmp.path() / "full.out").string()) + " 2>&1\n" +
        "echo $? > " + quote((tmp.path() / "full.rc").string()) + "\n" +
        "cp -a " + caseDir + " " + quote((tmp.path() / "stopped").string()) + "\n" +
        // Space is freed: the disk grows, and the ingest is resumed.
        "mount -o remount,size=256m " + quote(disk.string()) + " || exit 98\n" +
        "TZ=UTC " + vigil + " ingest --resume --case " + caseDir + " > " +
        quote((tmp.path() / "resume.out").string()) + " 2>&1\n" +
        "echo $? > " + quote((tmp.path() / "resume.rc").string()) + "\n" +
        "cp -a " + caseDir + " " + quote((tmp.path() / "resumed").string()) + "\n";
    std::ofstream(tmp.path() / "script.sh") << script;
    const auto r = run("unshare -rm sh " + quote((tmp.path() / "script.sh").string()));
    ASSERT_EQ(r.exitCode, 0) << r.out;

    // The full disk: a clear message, exit 2, a valid case with its run left to resume.
    const auto full = readText(tmp.path() / "full.out");
    EXPECT_EQ(readText(tmp.path() / "full.rc"), "2\n") << full;
    EXPECT_NE(full.find("STOPPED after"), std::string::npos) << full;
    EXPECT_NE(full.find("The disk holding the case is full"), std::string::npos) << full;
    EXPECT_NE(full.find("The case is valid and keeps everything saved before"), std::string::npos) << full;
    EXPECT_NE(full.find("vigil ingest --resume --case"), std::string::npos) << full;
    const auto stopped = tmp.path() / "stopped";
    EXPECT_EQ(run("sqlite3 " + quote((stopped / "case.vigil").string()) + " 'PRAGMA integrity_check'").out, "ok\n");
    EXPECT_EQ(caseScalar(stopped, "SELECT count(*) FROM ingest_runs WHERE status='running'"), 1);
    EXPECT_FALSE(compareCases(reference, stopped).empty()) << "the disk filled before the ingest could end";

    // Resumed with space: the same content as the ingest that never ran out.
    const auto resumed = readText(tmp.path() / "resume.out");
    EXPECT_EQ(readText(tmp.path() / "resume.rc"), "0\n") << resumed;
    const auto diffs = compareCases(reference, tmp.path() / "resumed");
    EXPECT_TRUE(diffs.empty()) << diffs.size() << " tables differ; first:\n" << (diffs.empty() ? "" : diffs.front());
}

TEST_F(DiskFull, ACaseThatCannotEvenBeCreatedSaysSo)
{
    const auto disk = tmp.path() / "disk";
    fs::create_directories(disk);
    const auto r = run("unshare -rm sh -c " +
                       quote("mount -t tmpfs -o size=64k tmpfs " + quote(disk.string()) + " && " +
                             quote(vigilBinary().string()) + " ingest " + quote(demoEvidence().string()) +
                             " --case " + quote((disk / "case").string())));
    EXPECT_EQ(r.exitCode, 2) << r.out;
    EXPECT_NE(r.out.find("Cannot open the case in " + (disk / "case").string() + ": its disk is full."),
              std::string::npos)
        << r.out;
}
