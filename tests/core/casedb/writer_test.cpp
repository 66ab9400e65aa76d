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
