// SPDX-License-Identifier: GPL-3.0-or-later
#include <gtest/gtest.h>

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>

#include "core/casedb/audit.h"
#include "core/casedb/casestore.h"
#include "core/casedb/queries.h"
#include "testdir.h"

using namespace vigil;
using namespace vigil::casedb;

namespace {

std::int64_t scalar(Database &db, const std::string &sql)
{
    auto st = db.prepare(sql);
    EXPECT_TRUE(st) << sql;
    EXPECT_TRUE(*st->step());
    return st->int64(0);
}

std::string text(Database &db, const std::string &sql)
{
    auto st = db.prepare(sql);
    EXPECT_TRUE(st) << sql;
    EXPECT_TRUE(*st->step());
    return st->text(0);
}

model::FileRecord file(std::int64_t evidenceId, int i)
{
    model::FileRecord f;
    f.evidenceId = evidenceId;
    f.path = "/dir/file" + std::to_string(i) + ".txt";
    f.name = "file" + std::to_string(i) + ".txt";
    f.metaAddr = static_cast<std::uint64_t>(100 + i);
    f.metaType = model::MetaType::Regular;
    f.size = 10;
    f.mtime = 1'600'000'000'123'456'789LL;
    return f;
}

} // namespace

TEST(CaseStore, CreatesCaseFolderWithDatabaseAndAudit)
{
    TestDir dir;
    const auto caseDir = dir.path() / "new" / "case";
    {
        auto store = CaseStore::openOrCreate(caseDir, {"OP-1", "Jane Analyst", "test"}, "Jane Analyst");
        ASSERT_TRUE(store) << store.error().toString();
        auto ev = (*store)->addEvidence({"/x/img.E01", "img.E01", "ewf", {"/x/img.E01"}, 1024, "abc", "def", "{}"});
        ASSERT_TRUE(ev);
        std::vector<model::FileRecord> files;
        for (int i = 0; i < 3; ++i)
            files.push_back(file(*ev, i));
        (*store)->addFiles(std::move(files));
        ASSERT_TRUE((*store)->flush());
    }
    EXPECT_TRUE(std::filesystem::is_directory(caseDir / "temp"));
    auto db = CaseStore::openReadOnly(caseDir);
    ASSERT_TRUE(db) << db.error().toString();
    EXPECT_EQ(text(*db, "SELECT case_number FROM case_info"), "OP-1");
    EXPECT_EQ(text(*db, "PRAGMA journal_mode"), "wal");
    EXPECT_EQ(scalar(*db, "SELECT count(*) FROM files"), 3);
    EXPECT_EQ(text(*db, "SELECT action FROM audit_log WHERE seq=1"), "case.open");
    EXPECT_EQ(*verifyAuditChain(*db), 1);
    std::vector<FileRow> rows;
    ASSERT_TRUE(forEachFile(*db, {}, [&](const FileRow &r) { rows.push_back(r); }));
    ASSERT_EQ(rows.size(), 3u);
    EXPECT_EQ(rows[0].path, "/dir/file0.txt");
    EXPECT_EQ(*rows[0].mtime, 1'600'000'000'123'456'789LL);
    EXPECT_EQ(rows[0].contentStatus, "pending");
}

TEST(CaseStore, FolderThatIsAFileIsRefused)
{
    TestDir dir;
    std::ofstream(dir.path() / "plain") << "x";
    auto store = CaseStore::openOrCreate(dir.path() / "plain", {}, "a");
    ASSERT_FALSE(store);
    EXPECT_NE(store.error().message.find("not a folder"), std::string::npos);
}

TEST(CaseStore, UnwritableLocationIsRefusedClearly)
{
    // /proc refuses new folders even for root.
    auto store = CaseStore::openOrCreate("/proc/vigil-case-test", {}, "a");
    ASSERT_FALSE(store);
    EXPECT_EQ(store.error().code, ErrorCode::Permission);
    EXPECT_NE(store.error().message.find("writable"), std::string::npos);
}

TEST(CaseStore, OpenReadOnlyOfMissingCaseSaysSo)
{
    TestDir dir;
    auto db = CaseStore::openReadOnly(dir.path());
    ASSERT_FALSE(db);
    EXPECT_EQ(db.error().code, ErrorCode::NotFound);
}

// A process killed in the middle of writing leaves a valid case; its run is marked
// interrupted the next time the case is opened for writing.
TEST(CaseStore, KilledWriterLeavesValidCase)
{
    TestDir dir;
    int ready[2];
    ASSERT_EQ(pipe(ready), 0);
    const pid_t child = fork();
    ASSERT_GE(child, 0);
    if (child == 0) {
        auto store = CaseStore::openOrCreate(dir.path(), {}, "child");
        if (!store)
            _exit(3);
        auto ev = (*store)->addEvidence({"/e", "e", "raw", {}, 1, "", "", "{}"});
        (void)(*store)->beginRun("{}");
        for (int batch = 0;; ++batch) {
            std::vector<model::FileRecord> files;
            for (int i = 0; i < 500; ++i)
                files.push_back(file(*ev, batch * 500 + i));
            (*store)->addFiles(std::move(files));
            if (batch == 20) {
                (void)(*store)->flush();
                (void)!write(ready[1], "r", 1);
            }
        }
    }
    close(ready[1]);
    char c = 0;
    ASSERT_EQ(read(ready[0], &c, 1), 1);
    kill(child, SIGKILL);
    int status = 0;
    waitpid(child, &status, 0);
    close(ready[0]);
    ASSERT_TRUE(WIFSIGNALED(status));
    {
        auto db = CaseStore::openReadOnly(dir.path());
        ASSERT_TRUE(db) << db.error().toString();
        EXPECT_EQ(text(*db, "PRAGMA integrity_check"), "ok");
        EXPECT_GE(scalar(*db, "SELECT count(*) FROM files"), 21 * 500);
        EXPECT_EQ(scalar(*db, "SELECT count(*) % 500 FROM files"), 0);   // whole batches only
    }
    auto store = CaseStore::openOrCreate(dir.path(), {}, "parent");
    ASSERT_TRUE(store);
    ASSERT_TRUE((*store)->flush());
    auto db = CaseStore::openReadOnly(dir.path());
    EXPECT_EQ(text(*db, "SELECT status FROM ingest_runs"), "interrupted");
    EXPECT_EQ(*verifyAuditChain(*db), 2);
}
