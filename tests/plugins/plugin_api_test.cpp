// SPDX-License-Identifier: GPL-3.0-or-later
#include "plugins/api/collectingsink.h"
#include "plugins/api/host.h"
#include "plugins/api/jsontext.h"
#include "plugins/api/memoryreader.h"
#include "plugins/api/plugin.h"
#include "plugins/api/recordemitter.h"
#include "plugins/api/registry.h"

#include <gtest/gtest.h>

#include <QJsonObject>

#include <algorithm>
#include <atomic>
#include <stdexcept>
#include <thread>

namespace vigil::plugins {
namespace {

std::string metadataJson(const std::string &id, const std::string &extra = {},
                         const std::string &api = VIGIL_PLUGIN_API)
{
    return R"({"api": ")" + api + R"(", "id": ")" + id + R"(", "name": "Test )" + id
        + R"(", "version": "2.1.0", "kind": "parser")" + extra + "}";
}

// Records what it saw; fails on files named "bad", throws on files named "throw".
class ProbePlugin : public Plugin
{
public:
    using Plugin::Plugin;
    Result<void> process(const FileContext &file, ContentReader &, ResultSink &sink) override
    {
        if (file.name == "throw")
            throw std::runtime_error("boom");
        if (file.name == "bad")
            return fail(ErrorCode::Corrupt, "The record is damaged.", "at offset 7");
        sink.addArtifact(makeArtifact(file, "probe", file.name));
        return {};
    }
};

class FailingInitPlugin : public ProbePlugin
{
public:
    using ProbePlugin::ProbePlugin;
    Result<void> init(const PluginConfig &) override
    {
        return fail(ErrorCode::InvalidArgument, "Needs a key file.", "option key missing");
    }
};

class ThrowingAcceptsPlugin : public ProbePlugin
{
public:
    using ProbePlugin::ProbePlugin;
    bool accepts(const FileContext &) const override { throw std::logic_error("accepts broke"); }
};

// ---- metadata -----------------------------------------------------------------------------

TEST(PluginMetadata, ParsesAllFields)
{
    const auto md = parsePluginMetadata(metadataJson(
        "chat-x", R"(, "compatVersion": "2.0.0", "enabledByDefault": false,
        "acceptsSignatureTypes": ["sqlite"], "acceptsPathGlobs": ["*/msgstore.db"],
        "description": "Reads chats.")"));
    ASSERT_TRUE(md) << md.error().toString();
    EXPECT_EQ(md->api, kPluginApi);
    EXPECT_EQ(md->id, "chat-x");
    EXPECT_EQ(md->name, "Test chat-x");
    EXPECT_EQ(md->version, "2.1.0");
    EXPECT_EQ(md->compatVersion, "2.0.0");
    EXPECT_EQ(md->kind, "parser");
    EXPECT_FALSE(md->enabledByDefault);
    EXPECT_EQ(md->acceptsSignatureTypes, std::vector<std::string>{"sqlite"});
    EXPECT_EQ(md->acceptsPathGlobs, std::vector<std::string>{"*/msgstore.db"});
    EXPECT_EQ(md->description, "Reads chats.");
}

TEST(PluginMetadata, Defaults)
{
    const auto md = parsePluginMetadata(metadataJson("minimal"));
    ASSERT_TRUE(md);
    EXPECT_EQ(md->compatVersion, "2.1.0");
    EXPECT_TRUE(md->enabledByDefault);
    EXPECT_TRUE(md->acceptsSignatureTypes.empty());
}

TEST(PluginMetadata, RejectsInvalid)
{
    const std::vector<std::string> invalid = {
        "not json",
        "[1]",
        metadataJson("Upper Case"),
        metadataJson("x", R"(, "kind2": 1)") + "}",
        R"({"api": "vigil.plugin/2", "name": "n", "version": "1", "kind": "parser"})",
        metadataJson("x", R"(, "acceptsPathGlobs": [1])"),
        metadataJson("x", R"(, "acceptsSignatureTypes": "text")"),
    };
    for (const std::string &json : invalid) {
        const auto md = parsePluginMetadata(json);
        ASSERT_FALSE(md) << json;
        EXPECT_EQ(md.error().code, ErrorCode::InvalidArgument);
        EXPECT_FALSE(md.error().message.empty());
    }
    auto badKind = metadataJson("x");
    badKind.replace(badKind.find("parser"), 6, "viewer");
    EXPECT_FALSE(parsePluginMetadata(badKind));
}

// ---- matching -----------------------------------------------------------------------------

TEST(GlobMatch, Basics)
{
    EXPECT_TRUE(globMatch("*.txt", "/a/b/notes.TXT"));
    EXPECT_TRUE(globMatch("*/History", "/Users/x/Chrome/Default/History"));
    EXPECT_FALSE(globMatch("*/History", "/Users/x/History-journal"));
    EXPECT_TRUE(globMatch("*/msgstore.db*", "/data/msgstore.db-wal"));
    EXPECT_TRUE(globMatch("a?c", "abc"));
    EXPECT_FALSE(globMatch("a?c", "ac"));
    EXPECT_TRUE(globMatch("*", ""));
    EXPECT_FALSE(globMatch("", "x"));
    EXPECT_TRUE(globMatch("*a*b*c", "xxaybzzc"));
}

TEST(Plugin, DefaultAcceptsUsesMetadata)
{
    auto md = parsePluginMetadata(metadataJson(
        "p", R"(, "acceptsSignatureTypes": ["sqlite"], "acceptsPathGlobs": ["*/History"])"));
    ASSERT_TRUE(md);
    ProbePlugin plugin(*md);
    EXPECT_TRUE(plugin.accepts({1, 2, "/x/chat.db", "chat.db", "sqlite", 10, false}));
    EXPECT_TRUE(plugin.accepts({1, 2, "/Chrome/History", "History", "", 10, false}));
    EXPECT_FALSE(plugin.accepts({1, 2, "/x/a.jpg", "a.jpg", "jpeg", 10, false}));

    auto all = parsePluginMetadata(metadataJson("all", R"(, "acceptsSignatureTypes": ["*"])"));
    ASSERT_TRUE(all);
    EXPECT_TRUE(ProbePlugin(*all).accepts({1, 2, "/x/a.jpg", "a.jpg", "jpeg", 10, false}));
    EXPECT_FALSE(ProbePlugin(*all).accepts({1, 2, "/x/a", "a", "", 10, false}));
}

TEST(Plugin, ArtifactCarriesProvenance)
{
    auto md = parsePluginMetadata(metadataJson("prov"));
    ASSERT_TRUE(md);
    ProbePlugin plugin(*md);
    CollectingSink sink;
    MemoryReader reader(std::vector<unsigned char>{});
    ASSERT_TRUE(plugin.process({7, 42, "/a/f", "f", "text", 0, true}, reader, sink));
    const auto artifacts = sink.artifacts();
    ASSERT_EQ(artifacts.size(), 1u);
    EXPECT_EQ(artifacts[0].prov.evidenceId, 7);
    EXPECT_EQ(artifacts[0].prov.fileId, 42);
    EXPECT_EQ(artifacts[0].prov.parser, "prov");
    EXPECT_EQ(artifacts[0].prov.parserVersion, "2.1.0");
}

TEST(ContentReader, ReadExactReportsShortReads)
{
    MemoryReader reader(std::vector<unsigned char>{1, 2, 3, 4});
    auto ok = readExact(reader, 1, 3);
    ASSERT_TRUE(ok);
    EXPECT_EQ(*ok, (std::vector<unsigned char>{2, 3, 4}));
    auto shortRead = readExact(reader, 2, 3);
    ASSERT_FALSE(shortRead);
    EXPECT_EQ(shortRead.error().code, ErrorCode::Corrupt);
    auto past = readExact(reader, 100, 1);
    EXPECT_FALSE(past);
}

// ---- registry -----------------------------------------------------------------------------

TEST(PluginRegistry, ListsWithoutInstantiating)
{
    PluginRegistry registry;
    int built = 0;
    auto factory = [&](const PluginMetadata &md) {
        ++built;
        return std::make_unique<ProbePlugin>(md);
    };
    EXPECT_TRUE(registry.add(metadataJson("b"), factory).ok());
    EXPECT_TRUE(registry.add(metadataJson("a", R"(, "enabledByDefault": false)"), factory).ok());
    const auto list = registry.list();
    ASSERT_EQ(list.size(), 2u);
    EXPECT_EQ(list[0].id, "a");
    EXPECT_EQ(list[1].id, "b");
    EXPECT_EQ(built, 0);
    EXPECT_EQ(registry.state("a"), PluginState::Disabled);
    EXPECT_EQ(registry.state("b"), PluginState::Registered);
    EXPECT_FALSE(registry.state("zz"));
    ASSERT_NE(registry.find("b"), nullptr);
    EXPECT_EQ(registry.find("b")->name, "Test b");
}

TEST(PluginRegistry, EnableDisableAndLoad)
{
    PluginRegistry registry;
    registry.add<ProbePlugin>(metadataJson("a", R"(, "enabledByDefault": false)"));
    registry.add<ProbePlugin>(metadataJson("b"));
    auto results = registry.load({});
    ASSERT_EQ(results.size(), 2u);
    EXPECT_EQ(results[0].reason, LoadReason::Disabled);
    EXPECT_FALSE(results[0].userText.empty());
    EXPECT_TRUE(results[1].ok());
    EXPECT_EQ(registry.loadedPlugins().size(), 1u);
    EXPECT_EQ(registry.state("b"), PluginState::Loaded);

    EXPECT_TRUE(registry.setEnabled("a", true));
    EXPECT_TRUE(registry.setEnabled("b", false));
    EXPECT_FALSE(registry.setEnabled("nope", true));
    registry.load({});
    ASSERT_EQ(registry.loadedPlugins().size(), 1u);
    EXPECT_EQ(registry.loadedPlugins()[0]->metadata().id, "a");
    EXPECT_EQ(registry.state("b"), PluginState::Disabled);
    registry.unload();
    EXPECT_TRUE(registry.loadedPlugins().empty());
    EXPECT_EQ(registry.state("a"), PluginState::Registered);
}

TEST(PluginRegistry, RefusesBadRegistrations)
{
    PluginRegistry registry;
    EXPECT_EQ(registry.add<ProbePlugin>("{").reason, LoadReason::InvalidMetadata);
    EXPECT_TRUE(registry.add<ProbePlugin>(metadataJson("a")).ok());
    const auto dup = registry.add<ProbePlugin>(metadataJson("a"));
    EXPECT_EQ(dup.reason, LoadReason::DuplicateId);
    EXPECT_FALSE(dup.userText.empty());

    const auto old = registry.add<ProbePlugin>(metadataJson("old", {}, "vigil.plugin/0"));
    EXPECT_EQ(old.reason, LoadReason::IncompatibleApi);
    EXPECT_FALSE(old.logText.empty());
    EXPECT_EQ(registry.state("old"), PluginState::Failed);
    EXPECT_FALSE(registry.errorString("old").empty());
    EXPECT_FALSE(registry.setEnabled("old", true));
    EXPECT_EQ(registry.list().size(), 2u);   // still listed, so the user can see why it is off
}

TEST(PluginRegistry, LoadFailuresAreRecordedAndOthersStillLoad)
{
    PluginRegistry registry;
    registry.add<FailingInitPlugin>(metadataJson("init-fails"));
    registry.add(metadataJson("throws"), [](const PluginMetadata &) -> std::unique_ptr<Plugin> {
        throw std::runtime_error("cannot build");
    });
    registry.add(metadataJson("null"), [](const PluginMetadata &) { return std::unique_ptr<Plugin>(); });
    registry.add<ProbePlugin>(metadataJson("works"));
    const auto results = registry.load({});
    ASSERT_EQ(results.size(), 4u);
    EXPECT_EQ(results[0].reason, LoadReason::InitFailed);
    EXPECT_NE(results[0].userText.find("Needs a key file."), std::string::npos);
    EXPECT_NE(results[0].logText.find("option key missing"), std::string::npos);
    EXPECT_EQ(results[1].reason, LoadReason::ConstructFailed);
    EXPECT_EQ(results[2].reason, LoadReason::ConstructFailed);
    EXPECT_NE(results[2].logText.find("cannot build"), std::string::npos);
    EXPECT_TRUE(results[3].ok());
    EXPECT_EQ(registry.state("init-fails"), PluginState::Failed);
    EXPECT_FALSE(registry.errorString("init-fails").empty());
    ASSERT_EQ(registry.loadedPlugins().size(), 1u);
    EXPECT_EQ(registry.loadedPlugins()[0]->metadata().id, "works");
}

// ---- host ---------------------------------------------------------------------------------

PluginRegistry &loadedRegistry(PluginRegistry &registry)
{
    registry.add<ProbePlugin>(metadataJson("probe", R"(, "acceptsSignatureTypes": ["text"])"));
    registry.add<ThrowingAcceptsPlugin>(metadataJson("bad-accepts"));
    registry.load({});
    return registry;
}

TEST(PluginHost, RecordsErrorsAndExceptionsWithThePluginId)
{
    PluginRegistry registry;
    PluginHost host(loadedRegistry(registry).loadedPlugins());
    CollectingSink sink;
    MemoryReader reader(std::vector<unsigned char>{'x'});
    EXPECT_EQ(host.processFile({1, 1, "/ok", "ok", "text", 1, false}, reader, sink), 1u);
    EXPECT_EQ(host.processFile({1, 2, "/bad", "bad", "text", 1, false}, reader, sink), 1u);
    EXPECT_EQ(host.processFile({1, 3, "/throw", "throw", "text", 1, false}, reader, sink), 1u);
    EXPECT_EQ(host.processFile({1, 4, "/a.jpg", "a.jpg", "jpeg", 1, false}, reader, sink), 0u);

    EXPECT_EQ(sink.artifacts().size(), 1u);
    const auto errors = sink.errors();
    ASSERT_EQ(errors.size(), 6u);   // 4 from accepts(), one error result, one exception
    const auto fromProbe = std::count_if(errors.begin(), errors.end(), [](const auto &e) {
        return e.error.detail.find("plugin probe 2.1.0") == 0;
    });
    EXPECT_EQ(fromProbe, 2);
    for (const auto &e : errors) {
        if (e.file.fileId == 2 && e.error.detail.find("plugin probe") == 0) {
            EXPECT_EQ(e.error.code, ErrorCode::Corrupt);
            EXPECT_EQ(e.error.message, "The record is damaged.");
            EXPECT_NE(e.error.detail.find("at offset 7"), std::string::npos);
        }
        if (e.file.fileId == 3 && e.error.detail.find("plugin probe") == 0) {
            EXPECT_EQ(e.error.code, ErrorCode::Internal);
            EXPECT_NE(e.error.detail.find("boom"), std::string::npos);
        }
    }
    const auto stats = host.stats();
    ASSERT_EQ(stats.size(), 2u);
    EXPECT_EQ(stats[0].id, "bad-accepts");
    EXPECT_EQ(stats[0].calls, 0u);
    EXPECT_EQ(stats[0].errors, 4u);
    EXPECT_EQ(stats[1].id, "probe");
    EXPECT_EQ(stats[1].calls, 3u);
    EXPECT_EQ(stats[1].errors, 2u);
}

TEST(PluginHost, ConcurrentCallsAreCountedExactly)
{
    PluginRegistry registry;
    registry.add<ProbePlugin>(metadataJson("probe", R"(, "acceptsSignatureTypes": ["text"])"));
    registry.load({});
    PluginHost host(registry.loadedPlugins());
    CollectingSink sink;
    MemoryReader reader(std::vector<unsigned char>{'x'});
    constexpr int kThreads = 4, kFiles = 250;
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
        threads.emplace_back([&, t] {
            for (int i = 0; i < kFiles; ++i) {
                const std::string name = i % 10 == 0 ? "throw" : "f" + std::to_string(t * kFiles + i);
                host.processFile({1, t * kFiles + i, "/" + name, name, "text", 1, false}, reader, sink);
            }
        });
    }
    for (auto &thread : threads)
        thread.join();
    const auto stats = host.stats();
    ASSERT_EQ(stats.size(), 1u);
    EXPECT_EQ(stats[0].calls, std::uint64_t(kThreads * kFiles));
    EXPECT_EQ(stats[0].errors, std::uint64_t(kThreads * kFiles / 10));
    EXPECT_EQ(sink.artifacts().size(), std::size_t(kThreads * kFiles * 9 / 10));
}

// ---- record helpers -----------------------------------------------------------------------

model::AccountRecord accountWithKey(std::string key)
{
    model::AccountRecord a;
    a.key = std::move(key);
    return a;
}

model::ConversationRecord conversationWithKey(std::string key, std::string title = {})
{
    model::ConversationRecord c;
    c.key = std::move(key);
    c.title = std::move(title);
    return c;
}

TEST(RecordEmitter, AccountsAndConversationsAreAddedOnceByKey)
{
    CollectingSink sink;
    const FileContext file{1, 7, "/db", "db", "sqlite", 1, false};
    {
        RecordEmitter out(file, sink, "app", "App");
        EXPECT_FALSE(out.hasAccount(""));
        EXPECT_TRUE(out.addUnknownOwner(rowOrigin("chat", 1)));   // key "": the owner, id unknown
        EXPECT_FALSE(out.addAccountOnce(accountWithKey("")));
        EXPECT_TRUE(out.addAccountOnce(accountWithKey("alex")));
        EXPECT_FALSE(out.addAccountOnce(accountWithKey("alex")));
        EXPECT_TRUE(out.hasAccount(""));
        EXPECT_TRUE(out.hasAccount("alex"));
        EXPECT_TRUE(out.addConversationOnce(conversationWithKey("chat", "first")));
        EXPECT_FALSE(out.addConversationOnce(conversationWithKey("chat", "second")));
        EXPECT_TRUE(out.hasConversation("chat"));
        EXPECT_FALSE(out.hasConversation("alex"));   // accounts and conversations are apart
    }
    const auto records = sink.records();
    ASSERT_EQ(records.accounts.size(), 2u);
    EXPECT_TRUE(records.accounts[0].owner);
    EXPECT_EQ(records.accounts[0].displayName, "Device owner");
    EXPECT_EQ(records.accounts[0].origin.table, "chat");
    EXPECT_EQ(records.accounts[1].key, "alex");
    ASSERT_EQ(records.conversations.size(), 1u);
    EXPECT_EQ(records.conversations[0].title, "first");
    EXPECT_EQ(records.app, "app");
}

TEST(RecordEmitter, AddHelpersHandOverFullBatchesButAccountsWait)
{
    CollectingSink sink;
    const FileContext file{1, 7, "/db", "db", "sqlite", 1, false};
    RecordEmitter out(file, sink, "app", "App", 2);
    for (const char *key : {"a", "b", "c"})
        out.addAccountOnce(accountWithKey(key));
    EXPECT_TRUE(sink.batches().empty());   // accounts stay with the record that first needs them
    out.addMessage({});
    ASSERT_EQ(sink.batches().size(), 1u);
    EXPECT_EQ(sink.batches()[0].accounts.size(), 3u);
    EXPECT_EQ(sink.batches()[0].messages.size(), 1u);
    out.addCall({});
    EXPECT_EQ(sink.batches().size(), 1u);   // one record: not full
    out.addContact({});
    out.addVisit({});
    out.addSearch({});
    EXPECT_EQ(sink.batches().size(), 3u);
    out.addConversationOnce(conversationWithKey("x"));
    EXPECT_EQ(sink.batches().size(), 3u);
    out.addConversationOnce(conversationWithKey("x"));   // dropped: the batch stays at one record
    EXPECT_EQ(sink.batches().size(), 3u);
    out.addConversationOnce(conversationWithKey("y"));
    EXPECT_EQ(sink.batches().size(), 4u);
    EXPECT_EQ(out.emitted(), 10u);
    const auto records = sink.records();
    EXPECT_EQ(records.calls.size(), 1u);
    EXPECT_EQ(records.contacts.size(), 1u);
    EXPECT_EQ(records.visits.size(), 1u);
    EXPECT_EQ(records.searches.size(), 1u);
    EXPECT_EQ(records.conversations.size(), 2u);
}

TEST(RecordEmitter, RowOriginNamesTheTableAndRowid)
{
    const auto origin = rowOrigin("message", 42);
    EXPECT_EQ(origin.table, "message");
    EXPECT_EQ(origin.rowid, 42);
    EXPECT_FALSE(origin.offset);
    EXPECT_EQ(origin.source, model::RecordSource::Live);
    EXPECT_FALSE(rowOrigin("conversation_message", std::nullopt).rowid);   // WITHOUT ROWID tables
}

TEST(JsonText, ParsesColumnsAndReadsIdsStoredEitherWay)
{
    EXPECT_TRUE(parseJsonText("").isNull());
    EXPECT_TRUE(parseJsonText("{\"cut\": ").isNull());
    EXPECT_TRUE(parseJsonText("FACEBOOK:123").isNull());
    const auto doc = parseJsonText(R"({"id": 1234567890123, "user": "98765", "list": [1], "flag": true})");
    ASSERT_TRUE(doc.isObject());
    const QJsonObject o = doc.object();
    EXPECT_EQ(jsonIdText(o.value(QLatin1String("id"))), "1234567890123");
    EXPECT_EQ(jsonIdText(o.value(QLatin1String("user"))), "98765");
    EXPECT_EQ(jsonIdText(o.value(QLatin1String("list"))), "");
    EXPECT_EQ(jsonIdText(o.value(QLatin1String("flag"))), "");
    EXPECT_EQ(jsonIdText(o.value(QLatin1String("missing"))), "");
}

} // namespace
} // namespace vigil::plugins
