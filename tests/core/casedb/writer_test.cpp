// SPDX-License-Identifier: GPL-3.0-or-later
#include <gtest/gtest.h>

#include <thread>

#include "core/casedb/writer.h"
#include "testdir.h"

using namespace vigil;
using namespace vigil::casedb;

namespace {
std::int64_t count(const std::filesystem::path &file)
{
    auto db = Database::open(file, Database::Mode::ReadOnly);
    auto st = db->prepare("SELECT count(*) FROM t");
    EXPECT_TRUE(st);
    EXPECT_TRUE(*st->step());
    return st->int64(0);
}

std::unique_ptr<Writer> makeWriter(const std::filesystem::path &file)
{
    auto db = Database::open(file, Database::Mode::ReadWrite, true);
    EXPECT_TRUE(db);
    EXPECT_TRUE(db->exec("PRAGMA journal_mode=WAL; CREATE TABLE t(x INTEGER NOT NULL)"));
    return std::make_unique<Writer>(std::move(*db));
}

Writer::Job insert(std::int64_t v)
{
    return [v](Database &db) -> Result<void> {
        auto st = db.prepare("INSERT INTO t VALUES (?)");
        if (!st)
            return std::unexpected(st.error());
        return st->bind(1, v).run();
    };
}
} // namespace

TEST(Writer, FlushMakesEveryPostedJobVisibleToReaders)
{
    TestDir dir;
    auto writer = makeWriter(dir.path() / "w.db");
    for (int i = 0; i < 10000; ++i)
        writer->post(insert(i));
    ASSERT_TRUE(writer->flush());
    EXPECT_EQ(count(dir.path() / "w.db"), 10000);
    EXPECT_EQ(writer->failedJobs(), 0u);
}

TEST(Writer, PostsFromManyThreadsAllLand)
{
    TestDir dir;
    auto writer = makeWriter(dir.path() / "w.db");
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t)
        threads.emplace_back([&, t] {
            for (int i = 0; i < 2500; ++i)
                writer->post(insert(t * 10000 + i));
        });
    for (auto &t : threads)
        t.join();
    ASSERT_TRUE(writer->flush());
    EXPECT_EQ(count(dir.path() / "w.db"), 10000);
}

TEST(Writer, FailingJobIsCountedAndOthersStillCommit)
{
    TestDir dir;
    auto writer = makeWriter(dir.path() / "w.db");
    writer->post(insert(1));
    writer->post([](Database &db) -> Result<void> { return db.exec("INSERT INTO t VALUES (NULL)"); });
    writer->post(insert(2));
    ASSERT_TRUE(writer->flush());
    EXPECT_EQ(writer->failedJobs(), 1u);
    EXPECT_EQ(writer->lastError().code, ErrorCode::Database);
    EXPECT_EQ(count(dir.path() / "w.db"), 2);
}

TEST(Writer, CallReturnsValueAfterCommit)
{
    TestDir dir;
    auto writer = makeWriter(dir.path() / "w.db");
    auto id = writer->call<std::int64_t>([](Database &db) -> Result<std::int64_t> {
        if (auto r = db.exec("INSERT INTO t VALUES (7)"); !r)
            return std::unexpected(r.error());
        return db.lastInsertId();
    });
    ASSERT_TRUE(id);
    EXPECT_EQ(*id, 1);
    EXPECT_EQ(count(dir.path() / "w.db"), 1);   // committed before call returned
}

TEST(Writer, DestructorDrainsQueue)
{
    TestDir dir;
    {
        auto writer = makeWriter(dir.path() / "w.db");
        for (int i = 0; i < 1000; ++i)
            writer->post(insert(i));
    }
    EXPECT_EQ(count(dir.path() / "w.db"), 1000);
}

// A full disk, simulated with SQLite's page limit (max_page_count makes writes fail with
// SQLITE_FULL as a full file system does): the writer rolls the batch back, stops for good,
// raises the stop flag, and the database keeps exactly what was committed before.
TEST(Writer, StopsForGoodWhenTheStorageIsFull)
{
    TestDir dir;
    const auto file = dir.path() / "w.db";
    auto writer = makeWriter(file);
    std::atomic<bool> stop{false};
    writer->raiseOnStorageFailure(&stop);
    ASSERT_TRUE(writer->callVoid([](Database &db) { return db.exec("CREATE TABLE big(b BLOB)"); }));
    for (int i = 0; i < 100; ++i)
        writer->post(insert(i));
    ASSERT_TRUE(writer->flush());
    ASSERT_TRUE(writer->callVoid([](Database &db) {
        auto pages = db.prepare("PRAGMA page_count");
        if (!pages || !*pages->step())
            return Result<void>(std::unexpected(Error(ErrorCode::Database, "page_count")));
        return db.exec("PRAGMA max_page_count=" + std::to_string(pages->int64(0) + 4));
    }));
    EXPECT_FALSE(writer->storageFailure());

    auto tooBig = writer->callVoid([](Database &db) -> Result<void> {
        if (auto r = insert(1000)(db); !r)   // fits, but goes back with the blob that does not
            return r;
        auto st = db.prepare("INSERT INTO big VALUES (zeroblob(1000000))");
        return st ? st->run() : Result<void>(std::unexpected(st.error()));
    });
    ASSERT_FALSE(tooBig);
    EXPECT_NE(tooBig.error().message.find("The disk holding the case is full"), std::string::npos)
        << tooBig.error().message;
    EXPECT_TRUE(stop.load()) << "the stop flag was raised";
    ASSERT_TRUE(writer->storageFailure());
    EXPECT_EQ(writer->storageFailure()->code, ErrorCode::Io);

    // From now on nothing runs: a job that would fit fails without being run.
    bool ran = false;
    auto later = writer->callVoid([&ran](Database &) -> Result<void> {
        ran = true;
        return {};
    });
    EXPECT_FALSE(later);
    EXPECT_FALSE(ran);
    writer.reset();
    EXPECT_EQ(count(file), 100) << "what was committed before stays; the failed batch left nothing";
}
