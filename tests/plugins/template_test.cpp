// SPDX-License-Identifier: GPL-3.0-or-later
#include "plugins/template/textstats.h"

#include "core/util/signature.h"
#include "plugins/api/collectingsink.h"
#include "plugins/api/host.h"
#include "plugins/api/memoryreader.h"
#include "plugins/api/registry.h"
#include "plugins/builtin.h"

#include <gtest/gtest.h>

#include <cstring>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace vigil::plugins {
namespace {

std::vector<unsigned char> bytesOf(std::string_view text)
{
    return {text.begin(), text.end()};
}

// A file whose recorded size is larger than what can still be read (a partly recovered file).
class TruncatedReader final : public ContentReader
{
public:
    explicit TruncatedReader(std::vector<unsigned char> bytes, std::uint64_t claimedSize)
        : m_inner(std::move(bytes)), m_claimed(claimedSize) {}
    Result<std::size_t> read(std::uint64_t offset, void *buffer, std::size_t length) override
    {
        return m_inner.read(offset, buffer, length);
    }
    std::uint64_t size() const override { return m_claimed; }

private:
    MemoryReader m_inner;
    std::uint64_t m_claimed;
};

// Test-only plugin that accepts text and always throws.
class ThrowingPlugin final : public Plugin
{
public:
    using Plugin::Plugin;
    Result<void> process(const FileContext &, ContentReader &, ResultSink &) override
    {
        throw std::runtime_error("deliberate failure");
    }
};

constexpr std::string_view kThrowingJson = R"({"api": "vigil.plugin/2", "id": "thrower", "name": "Thrower",
    "version": "0.1.0", "kind": "parser", "acceptsSignatureTypes": ["text"]})";

FileContext contextFor(const std::string &path, const std::vector<unsigned char> &bytes)
{
    const Signature sig = detectSignature(
        std::span<const unsigned char>(bytes.data(), std::min(bytes.size(), kSignatureHeadSize)));
    const std::string name = path.substr(path.rfind('/') + 1);
    return {3, 99, path, name, std::string(sig.type), bytes.size(), false};
}

std::string field(const Artifact &artifact, const std::string &key)
{
    for (const auto &[k, v] : artifact.fields) {
        if (k == key)
            return v;
    }
    return "<missing>";
}

class TextStatsTest : public ::testing::Test
{
protected:
    void load(const PluginConfig &config = {})
    {
        registerTemplate();
        const auto results = m_registry.load(config);
        ASSERT_EQ(results.size(), 1u);
        ASSERT_TRUE(results[0].ok()) << results[0].userText << " / " << results[0].logText;
        m_host = std::make_unique<PluginHost>(m_registry.loadedPlugins());
    }

    // The template is off by default (it is a starter, not a finding); tests switch it on.
    void registerTemplate()
    {
        registerTextStatsPlugin(m_registry);
        ASSERT_TRUE(m_registry.setEnabled("text-stats", true));
    }

    std::size_t run(const std::string &path, const std::vector<unsigned char> &bytes)
    {
        MemoryReader reader(bytes);
        return m_host->processFile(contextFor(path, bytes), reader, m_sink);
    }

    PluginRegistry m_registry;
    std::unique_ptr<PluginHost> m_host;
    CollectingSink m_sink;
};

TEST(BuiltinPlugins, AllLoadAndTheTemplateIsOffByDefault)
{
    PluginRegistry registry;
    registerBuiltinPlugins(registry);
    for (const auto &result : registry.load({}))
        EXPECT_TRUE(result.ok() || result.reason == LoadReason::Disabled) << result.pluginId << ": " << result.logText;
    EXPECT_EQ(registry.state("text-stats"), PluginState::Disabled);
    EXPECT_EQ(registry.state("android-sms"), PluginState::Loaded);
    EXPECT_GE(registry.loadedPlugins().size(), 16u);
}

TEST(TextStatsMetadata, EmbeddedJsonIsTheFileOnDisk)
{
    std::ifstream in(VIGIL_SOURCE_DIR "/plugins/template/metadata.json", std::ios::binary);
    ASSERT_TRUE(in) << "metadata.json not found";
    std::stringstream onDisk;
    onDisk << in.rdbuf();
    EXPECT_EQ(textStatsMetadataJson(), onDisk.str());
    const auto md = parsePluginMetadata(textStatsMetadataJson());
    ASSERT_TRUE(md) << md.error().toString();
    EXPECT_EQ(md->id, "text-stats");
    EXPECT_EQ(md->api, kPluginApi);
}

TEST_F(TextStatsTest, CountsLinesAndWordsOfRealText)
{
    load();
    const auto text = bytesOf("hello world\r\nsecond line here\n\nlast   line without newline");
    EXPECT_EQ(run("/home/a/notes.txt", text), 1u);
    ASSERT_TRUE(m_sink.errors().empty());
    const auto artifacts = m_sink.artifacts();
    ASSERT_EQ(artifacts.size(), 1u);
    const Artifact &a = artifacts[0];
    EXPECT_EQ(a.kind, "text-stats");
    EXPECT_EQ(a.summary, "4 lines, 9 words");
    EXPECT_EQ(field(a, "lines"), "4");
    EXPECT_EQ(field(a, "words"), "9");
    EXPECT_EQ(field(a, "bytes"), std::to_string(text.size()));
    EXPECT_EQ(field(a, "longestLine"), "27");   // "last   line without newline"
    EXPECT_EQ(field(a, "complete"), "true");
    EXPECT_EQ(a.prov.evidenceId, 3);
    EXPECT_EQ(a.prov.fileId, 99);
    EXPECT_EQ(a.prov.parser, "text-stats");
    EXPECT_EQ(a.prov.parserVersion, "1.0.0");
}

TEST_F(TextStatsTest, LargeTextSpansSeveralChunks)
{
    load();
    std::string text;
    for (int i = 0; i < 20000; ++i)
        text += "line number " + std::to_string(i) + "\n";
    run("/var/log/big.log", bytesOf(text));
    const auto artifacts = m_sink.artifacts();
    ASSERT_EQ(artifacts.size(), 1u);
    EXPECT_EQ(field(artifacts[0], "lines"), "20000");
    EXPECT_EQ(field(artifacts[0], "words"), "60000");
}

TEST_F(TextStatsTest, MaxBytesOptionCutsLongFiles)
{
    load(PluginConfig{{{"text-stats.max-bytes", "6"}}});
    run("/a.txt", bytesOf("one two three four\n"));
    const auto artifacts = m_sink.artifacts();
    ASSERT_EQ(artifacts.size(), 1u);
    EXPECT_EQ(field(artifacts[0], "words"), "2");
    EXPECT_EQ(field(artifacts[0], "complete"), "false");
}

TEST_F(TextStatsTest, BadOptionStopsThePluginAtInit)
{
    registerTemplate();
    const auto results = m_registry.load(PluginConfig{{{"text-stats.max-bytes", "lots"}}});
    ASSERT_EQ(results.size(), 1u);
    EXPECT_EQ(results[0].reason, LoadReason::InitFailed);
    EXPECT_EQ(m_registry.state("text-stats"), PluginState::Failed);
    EXPECT_TRUE(m_registry.loadedPlugins().empty());
}

TEST_F(TextStatsTest, IgnoresFilesItDoesNotAccept)
{
    load();
    const auto png = bytesOf(std::string_view("\x89PNG\r\n\x1A\n\0\0\0\x0DIHDR", 16));
    EXPECT_EQ(run("/DCIM/a.png", png), 0u);
    EXPECT_TRUE(m_sink.artifacts().empty());
    EXPECT_TRUE(m_sink.errors().empty());
}

TEST_F(TextStatsTest, BinaryGarbageIsAnErrorNotACrash)
{
    load();
    std::vector<unsigned char> garbage(5000);
    for (std::size_t i = 0; i < garbage.size(); ++i)
        garbage[i] = static_cast<unsigned char>((i * 7919u) >> 3);
    EXPECT_EQ(run("/tmp/renamed.txt", garbage), 1u);   // accepted by its name, not its content
    EXPECT_TRUE(m_sink.artifacts().empty());
    const auto errors = m_sink.errors();
    ASSERT_EQ(errors.size(), 1u);
    EXPECT_EQ(errors[0].error.code, ErrorCode::Unsupported);
    EXPECT_EQ(errors[0].file.path, "/tmp/renamed.txt");
    EXPECT_EQ(errors[0].error.detail.rfind("plugin text-stats 1.0.0", 0), 0u);
    EXPECT_EQ(m_host->stats()[0].errors, 1u);
}

TEST_F(TextStatsTest, TruncatedContentIsAnErrorNotACrash)
{
    load();
    const auto text = bytesOf("only the first bytes survived");
    TruncatedReader reader(text, 100000);
    FileContext file = contextFor("/deleted/notes.txt", text);
    file.size = 100000;
    file.deleted = true;
    EXPECT_EQ(m_host->processFile(file, reader, m_sink), 1u);
    EXPECT_TRUE(m_sink.artifacts().empty());
    const auto errors = m_sink.errors();
    ASSERT_EQ(errors.size(), 1u);
    EXPECT_EQ(errors[0].error.code, ErrorCode::Corrupt);
    EXPECT_TRUE(errors[0].file.deleted);
}

TEST_F(TextStatsTest, EmptyFileIsZeroCounts)
{
    load();
    MemoryReader reader(std::vector<unsigned char>{});
    m_host->processFile({1, 1, "/empty.txt", "empty.txt", "", 0, false}, reader, m_sink);
    const auto artifacts = m_sink.artifacts();
    ASSERT_EQ(artifacts.size(), 1u);
    EXPECT_EQ(artifacts[0].summary, "0 lines, 0 words");
}

TEST_F(TextStatsTest, HostCatchesAThrowingPlugin)
{
    registerTemplate();
    ASSERT_TRUE(m_registry.add<ThrowingPlugin>(kThrowingJson).ok());
    m_registry.load({});
    ASSERT_EQ(m_registry.loadedPlugins().size(), 2u);
    m_host = std::make_unique<PluginHost>(m_registry.loadedPlugins());

    EXPECT_EQ(run("/notes.txt", bytesOf("two words\n")), 2u);
    const auto artifacts = m_sink.artifacts();
    ASSERT_EQ(artifacts.size(), 1u);   // text-stats still ran
    EXPECT_EQ(artifacts[0].prov.parser, "text-stats");
    const auto errors = m_sink.errors();
    ASSERT_EQ(errors.size(), 1u);
    EXPECT_EQ(errors[0].error.code, ErrorCode::Internal);
    EXPECT_NE(errors[0].error.message.find("Thrower"), std::string::npos);
    EXPECT_NE(errors[0].error.detail.find("plugin thrower 0.1.0"), std::string::npos);
    EXPECT_NE(errors[0].error.detail.find("deliberate failure"), std::string::npos);

    const auto stats = m_host->stats();
    ASSERT_EQ(stats.size(), 2u);
    EXPECT_EQ(stats[0].id, "text-stats");
    EXPECT_EQ(stats[0].errors, 0u);
    EXPECT_EQ(stats[1].id, "thrower");
    EXPECT_EQ(stats[1].calls, 1u);
    EXPECT_EQ(stats[1].errors, 1u);
}

} // namespace
} // namespace vigil::plugins
