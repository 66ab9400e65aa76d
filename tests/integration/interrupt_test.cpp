// SPDX-License-Identifier: GPL-3.0-or-later
// An ingest stopped by Ctrl-C (SIGINT) or killed outright leaves a valid case.
#include <gtest/gtest.h>

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>

#include "harness.h"

using namespace vigil;
using namespace vigil::test;

namespace {

// An ext4 image whose one big sparse file takes a while to hash (zeros, no disk space).
fs::path makeSlowImage(const TempDir &tmp)
{
    const auto src = tmp.path() / "src";
    fs::create_directories(src);
    {
        std::ofstream f(src / "large.bin", std::ios::binary);
        f << "start";
        f.seekp((3ll << 29) - 3);   // 1.5 GiB, a few seconds of hashing
        f << "end";
    }
    for (int i = 0; i < 50; ++i)
        std::ofstream(src / ("note" + std::to_string(i) + ".txt")) << "note " << i;
    const auto img = tmp.path() / "slow.raw";
    auto r = run("mke2fs -q -F -t ext4 -d " + quote(src.string()) + " " + quote(img.string()) + " 2g");
    EXPECT_EQ(r.exitCode, 0) << r.out;
    return img;
}

struct Child {
    pid_t pid = -1;
    FILE *out = nullptr;
};

// Starts `vigil ingest` with its progress lines (stderr) on a pipe we can read.
Child startIngest(const fs::path &image, const fs::path &caseDir)
{
    int fds[2];
    if (pipe(fds) != 0)
        return {};
    const pid_t pid = fork();
    if (pid == 0) {
        dup2(fds[1], STDERR_FILENO);
        dup2(fds[1], STDOUT_FILENO);
        close(fds[0]);
        close(fds[1]);
        const std::string bin = vigilBinary().string();
        execl(bin.c_str(), bin.c_str(), "ingest", image.c_str(), "--case", caseDir.c_str(), static_cast<char *>(nullptr));
        _exit(127);
    }
    close(fds[1]);
    return {pid, fdopen(fds[0], "r")};
}

// Reads the child's output until a line contains `marker`.
bool waitForLine(Child &c, const std::string &marker, std::string &seen)
{
    char line[4096];
    while (std::fgets(line, sizeof line, c.out)) {
        seen += line;
        if (std::string(line).find(marker) != std::string::npos)
            return true;
    }
    return false;
}

int finish(Child &c, std::string &seen)
{
    char line[4096];
    while (std::fgets(line, sizeof line, c.out))
        seen += line;
    std::fclose(c.out);
    int status = 0;
    waitpid(c.pid, &status, 0);
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

std::string integrity(const fs::path &caseDir)
{
    return run("sqlite3 " + quote((caseDir / "case.vigil").string()) + " 'PRAGMA integrity_check'").out;
}

// Starts an ingest of a slow image and returns once its content pass has begun.
Child ingestUntilHashing(const TempDir &tmp, std::string &seen)
{
    const auto img = makeSlowImage(tmp);
    auto child = startIngest(img, tmp.path() / "case");
    EXPECT_GT(child.pid, 0);
    EXPECT_TRUE(waitForLine(child, "hashing", seen)) << seen;
    return child;
}

} // namespace

TEST(Interrupt, CtrlCStopsCleanlyAndRecordsCancelledRun)
{
    if (!haveTool("mke2fs") || !haveTool("sqlite3"))
        GTEST_SKIP() << "needs e2fsprogs and sqlite3";
    TempDir tmp;
    std::string seen;
    auto child = ingestUntilHashing(tmp, seen);
    ASSERT_GT(child.pid, 0);
    kill(child.pid, SIGINT);
    const int code = finish(child, seen);
    EXPECT_EQ(code, 130) << seen;
    EXPECT_NE(seen.find("CANCELLED"), std::string::npos) << seen;
    EXPECT_EQ(integrity(tmp.path() / "case"), "ok\n");
    EXPECT_EQ(caseScalar(tmp.path() / "case", "SELECT count(*) FROM ingest_runs WHERE status='cancelled'"), 1);
    EXPECT_EQ(caseScalar(tmp.path() / "case", "SELECT count(*) FROM files WHERE path='/large.bin'"), 1)
        << "the index was complete before hashing began";
    // Ctrl-C came seconds before the large file could be hashed: it is left pending,
    // never recorded half-hashed, and nothing is marked hashed without its hashes.
    EXPECT_EQ(caseScalar(tmp.path() / "case", "SELECT count(*) FROM files WHERE path='/large.bin' AND "
                                              "content_status='pending' AND md5 IS NULL"),
              1);
    EXPECT_EQ(caseScalar(tmp.path() / "case", "SELECT count(*) FROM files WHERE content_status='hashed' AND "
                                              "(md5 IS NULL OR sha1 IS NULL)"),
              0);
    EXPECT_EQ(run(quote(vigilBinary().string()) + " audit --case " + quote((tmp.path() / "case").string())).exitCode, 0);

    // Running the same command again finishes the job: the index is kept, the pending
    // content is read, nothing is indexed twice.
    const auto filesBefore = caseScalar(tmp.path() / "case", "SELECT count(*) FROM files");
    auto again = ingest({tmp.path() / "slow.raw"}, tmp.path() / "case");
    EXPECT_EQ(again.exitCode, 0) << again.out;
    EXPECT_NE(again.out.find("index kept, pending content read"), std::string::npos) << again.out;
    EXPECT_EQ(caseScalar(tmp.path() / "case", "SELECT count(*) FROM evidence"), 1);
    EXPECT_EQ(caseScalar(tmp.path() / "case", "SELECT count(*) FROM files"), filesBefore);
    EXPECT_EQ(caseScalar(tmp.path() / "case", "SELECT count(*) FROM files WHERE content_status='pending'"), 0);
    EXPECT_EQ(caseScalar(tmp.path() / "case", "SELECT count(*) FROM evidence WHERE status='done'"), 1);
    EXPECT_EQ(caseScalar(tmp.path() / "case", "SELECT count(*) FROM audit_log WHERE action='evidence.resume'"), 1);
}

TEST(Interrupt, KilledIngestLeavesValidCaseMarkedInterrupted)
{
    if (!haveTool("mke2fs") || !haveTool("sqlite3"))
        GTEST_SKIP() << "needs e2fsprogs and sqlite3";
    TempDir tmp;
    std::string seen;
    auto child = ingestUntilHashing(tmp, seen);
    ASSERT_GT(child.pid, 0);
    kill(child.pid, SIGKILL);
    EXPECT_EQ(finish(child, seen), 128 + SIGKILL);
    EXPECT_EQ(integrity(tmp.path() / "case"), "ok\n");
    EXPECT_EQ(caseScalar(tmp.path() / "case", "SELECT count(*) FROM ingest_runs WHERE status='running'"), 1);
    // The next ingest into the case marks the killed run and carries on.
    auto again = ingest({tmp.path() / "slow.raw"}, tmp.path() / "case");
    EXPECT_EQ(again.exitCode, 0) << again.out;
    EXPECT_EQ(caseScalar(tmp.path() / "case", "SELECT count(*) FROM ingest_runs WHERE status='interrupted'"), 1);
    EXPECT_EQ(caseScalar(tmp.path() / "case", "SELECT count(*) FROM ingest_runs WHERE status='completed'"), 1);
    EXPECT_EQ(caseScalar(tmp.path() / "case", "SELECT count(*) FROM evidence"), 1) << "resumed, not added twice";
    EXPECT_EQ(caseScalar(tmp.path() / "case", "SELECT count(*) FROM files WHERE path='/large.bin' AND md5 IS NOT NULL"),
              1);
    EXPECT_EQ(integrity(tmp.path() / "case"), "ok\n");
}
