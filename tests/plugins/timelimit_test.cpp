// SPDX-License-Identifier: GPL-3.0-or-later
// Issue 10, per-item isolation: a plugin that would hang on a file is stopped at the host's
// per-item time limit, the stop is recorded as an error naming the plugin, what it found before is
// kept, and the other plugins and files go on.
#include <gtest/gtest.h>

#include <sqlite3.h>

#include <cstring>

#include "plugins/api/collectingsink.h"
#include "plugins/api/host.h"
#include "plugins/api/memoryreader.h"
#include "plugins/api/registry.h"
#include "plugins/api/sqlitedb.h"
#include "tests/testutil/tempdir.h"

namespace vigil::plugins {
namespace {

using namespace std::chrono_literals;

std::string metadataJson(const std::string &id, const std::string &types)
{
    return R"({"api": ")" VIGIL_PLUGIN_API R"(", "id": ")" + id + R"(", "name": "Test )" + id +
           R"(", "version": "1.0.0", "kind": "parser", "acceptsSignatureTypes": [)" + types + "]}";
}

// Follows a chain of records, each naming the offset of the next: a hostile file whose chain
// loops back on itself keeps it reading for ever (no cycle check, like many real parsers).
class ChainPlugin final : public Plugin
{
public:
    using Plugin::Plugin;
    Result<void> process(const FileContext &file, ContentReader &content, ResultSink &sink) override
    {
        sink.addArtifact(makeArtifact(file, "chain-start", "first record read"));
        std::uint64_t offset = 0;
        for (;;) {
            auto next = readExact(content, offset, 8);
            if (!next)
                return std::unexpected(next.error());
            std::memcpy(&offset, next->data(), 8);
        }
    }
};

// Runs a query that never ends (a recursive CTE without a bound), as a parser walking a cyclic
// thread table in SQL would.
class EndlessQueryPlugin final : public Plugin
{
public:
    using Plugin::Plugin;
    bool acceptsDatabase(const FileContext &, const DatabaseSchema &schema) const override
    {
        return schema.hasTable("t");
    }
    Result<void> processDatabase(const FileContext &file, SqliteDatabase &db, ResultSink &sink) override
    {
        sink.addArtifact(makeArtifact(file, "query-start", "before the endless query"));
        auto q = db.query("WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT max(x) FROM c");
        if (!q)
            return std::unexpected(q.error());
        while (q->next()) {
        }
        return q->error() ? Result<void>(std::unexpected(*q->error())) : Result<void>{};
    }
};

// Reads the content once and reports it: the plugin every file also goes to.
class WellBehavedPlugin final : public Plugin
{
public:
    using Plugin::Plugin;
    Result<void> process(const FileContext &file, ContentReader &content, ResultSink &sink) override
    {
        auto all = readExact(content, 0, content.size());
        if (!all)
            return std::unexpected(all.error());
        sink.addArtifact(makeArtifact(file, "read", std::to_string(all->size()) + " bytes"));
        return {};
    }
};

std::vector<unsigned char> loopingChain()
{
    return std::vector<unsigned char>(8, 0);   // the record at 0 names 0 as the next
}

const CollectingSink::FileError *limitErrorOf(const std::vector<CollectingSink::FileError> &errors)
{
    for (const auto &e : errors)
        if (e.error.code == ErrorCode::LimitExceeded)
            return &e;
    return nullptr;
}

} // namespace

TEST(TimeLimit, AHangingFileParserIsStoppedRecordedAndTheOthersGoOn)
{
    PluginRegistry registry;
    registry.add<ChainPlugin>(metadataJson("chain", R"("bin")"));
    registry.add<WellBehavedPlugin>(metadataJson("reader", R"("bin")"));
    registry.load({});
    PluginHost host(registry.loadedPlugins());
    host.setTimeLimit(200ms);
    CollectingSink sink;
    MemoryReader looping(loopingChain());

    EXPECT_EQ(host.processFile({1, 7, "/cyclic.bin", "cyclic.bin", "bin", 8, false}, looping, sink), 2u);

    const auto errors = sink.errors();
    ASSERT_EQ(errors.size(), 1u) << "one error: the stop";
    const auto *stop = limitErrorOf(errors);
    ASSERT_NE(stop, nullptr);
    EXPECT_EQ(stop->file.fileId, 7);
    EXPECT_NE(stop->error.message.find("Plugin \"Test chain\" was stopped after the per-item time limit (0.2 s)"),
              std::string::npos)
        << stop->error.message;
    EXPECT_NE(stop->error.detail.find("plugin chain 1.0.0"), std::string::npos) << stop->error.detail;
    EXPECT_NE(stop->error.detail.find("Reading stopped at the per-item time limit"), std::string::npos)
        << "the plugin's own error (the failed read) is kept: " << stop->error.detail;
    const auto artifacts = sink.artifacts();
    ASSERT_EQ(artifacts.size(), 2u) << "what the stopped plugin found before is kept; the next plugin ran";
    EXPECT_EQ(artifacts[0].kind, "chain-start");
    EXPECT_EQ(artifacts[1].kind, "read");
    EXPECT_EQ(artifacts[1].summary, "8 bytes") << "the limit is per plugin: the next one reads in full";

    // The next file starts with a fresh limit.
    MemoryReader fine(std::vector<unsigned char>{8, 0, 0, 0, 0, 0, 0, 0, 1});
    CollectingSink next;
    (void)host.processFile({1, 8, "/short.bin", "short.bin", "bin", 9, false}, fine, next);
    ASSERT_EQ(next.errors().size(), 1u);
    EXPECT_EQ(next.errors()[0].error.code, ErrorCode::Corrupt) << "a chain running off the end is damage, not a stop";
    EXPECT_EQ(host.stats()[0].errors, 2u);
}

TEST(TimeLimit, AnEndlessQueryIsInterrupted)
{
    test::TempDir dir;
    const auto file = dir.path() / "db";
    sqlite3 *raw = nullptr;
    ASSERT_EQ(sqlite3_open(file.c_str(), &raw), SQLITE_OK);
    ASSERT_EQ(sqlite3_exec(raw, "CREATE TABLE t (x); INSERT INTO t VALUES (1);", nullptr, nullptr, nullptr), SQLITE_OK);
    sqlite3_close(raw);
    auto db = SqliteDatabase::open(file);
    ASSERT_TRUE(db) << db.error().toString();

    PluginRegistry registry;
    registry.add<EndlessQueryPlugin>(metadataJson("endless", R"("sqlite")"));
    registry.load({});
    PluginHost host(registry.loadedPlugins());
    host.setTimeLimit(300ms);
    CollectingSink sink;
    EXPECT_EQ(host.processDatabase({1, 3, "/db", "db", "sqlite", 8192, false}, **db, sink), 1u);

    const auto errors = sink.errors();
    const auto *stop = limitErrorOf(errors);
    ASSERT_NE(stop, nullptr);
    EXPECT_EQ(errors.size(), 1u);
    EXPECT_NE(stop->error.message.find("\"Test endless\" was stopped"), std::string::npos) << stop->error.message;
    EXPECT_NE(stop->error.detail.find("stopped at the per-item time limit"), std::string::npos) << stop->error.detail;
    EXPECT_EQ(sink.artifacts().size(), 1u);

    // Outside a plugin call the database has no limit: the host's own queries are never cut short.
    EXPECT_EQ(db->get()->scalar("SELECT count(*) FROM t"), 1);
}

TEST(TimeLimit, NoLimitAndFastPluginsRecordNothing)
{
    PluginRegistry registry;
    registry.add<WellBehavedPlugin>(metadataJson("reader", R"("bin")"));
    registry.load({});
    PluginHost host(registry.loadedPlugins());
    EXPECT_EQ(host.timeLimit(), 0ms) << "a host has no limit until one is set";
    host.setTimeLimit(60s);
    CollectingSink sink;
    MemoryReader content(std::vector<unsigned char>(1 << 20, 'a'));
    for (std::int64_t id = 1; id <= 20; ++id)
        (void)host.processFile({1, id, "/f", "f", "bin", 1 << 20, false}, content, sink);
    EXPECT_TRUE(sink.errors().empty());
    EXPECT_EQ(sink.artifacts().size(), 20u);
}

} // namespace vigil::plugins
