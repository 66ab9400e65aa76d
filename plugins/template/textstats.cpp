// SPDX-License-Identifier: GPL-3.0-or-later
#include "plugins/template/textstats.h"

#include <algorithm>
#include <charconv>
#include <vector>

#include "plugins/api/registry.h"

namespace vigil::plugins {

namespace {

constexpr std::string_view kMetadataJson =
#include "metadata.json.inc"
    ;

constexpr std::size_t kChunkSize = 64 * 1024;

// Running counts over a byte stream; everything a call to process() needs lives here.
struct TextCounts {
    std::uint64_t bytes = 0;
    std::uint64_t lines = 0;
    std::uint64_t words = 0;
    std::uint64_t longestLine = 0;
    std::uint64_t currentLine = 0;
    bool inWord = false;
    std::uint64_t binaryAt = UINT64_MAX;   // offset of the first byte that is not text

    void add(const unsigned char *data, std::size_t size);
    std::uint64_t finalLines() const { return lines + (currentLine > 0 ? 1 : 0); }
};

bool isBinary(unsigned char c)
{
    return (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != '\v' && c != 0x1B)
        || c == 0x7F;
}

bool isSpace(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

void TextCounts::add(const unsigned char *data, std::size_t size)
{
    for (std::size_t i = 0; i < size && binaryAt == UINT64_MAX; ++i) {
        const unsigned char c = data[i];
        if (isBinary(c)) {
            binaryAt = bytes + i;
            return;
        }
        if (c == '\n') {
            ++lines;
            longestLine = std::max(longestLine, currentLine);
            currentLine = 0;
        } else if (c != '\r') {
            ++currentLine;
        }
        words += (!isSpace(c) && !inWord) ? 1 : 0;
        inWord = !isSpace(c);
    }
    bytes += size;
}

Result<TextCounts> countText(ContentReader &content, std::uint64_t limit)
{
    TextCounts counts;
    std::vector<unsigned char> buffer(kChunkSize);
    const std::uint64_t end = std::min(content.size(), limit);
    for (std::uint64_t offset = 0; offset < end && counts.binaryAt == UINT64_MAX;) {
        const std::size_t want = static_cast<std::size_t>(std::min<std::uint64_t>(kChunkSize, end - offset));
        auto got = content.read(offset, buffer.data(), want);
        if (!got)
            return std::unexpected(got.error());
        if (*got == 0) {
            return fail(ErrorCode::Corrupt, "The file's content ends before its recorded size; it may be "
                                            "truncated or partly overwritten.",
                        "read returned 0 bytes at offset " + std::to_string(offset) + " of "
                            + std::to_string(content.size()));
        }
        counts.add(buffer.data(), *got);
        offset += *got;
    }
    return counts;
}

Artifact toArtifact(Artifact artifact, const TextCounts &counts, bool cut)
{
    const std::uint64_t lines = counts.finalLines();
    artifact.summary = std::to_string(lines) + " lines, " + std::to_string(counts.words) + " words";
    artifact.fields = {
        {"lines", std::to_string(lines)},
        {"words", std::to_string(counts.words)},
        {"bytes", std::to_string(counts.bytes)},
        {"longestLine", std::to_string(std::max(counts.longestLine, counts.currentLine))},
        {"complete", cut ? "false" : "true"},
    };
    return artifact;
}

} // namespace

TextStatsPlugin::TextStatsPlugin(PluginMetadata metadata)
    : Plugin(std::move(metadata))
{
}

Result<void> TextStatsPlugin::init(const PluginConfig &config)
{
    const std::string value = config.value("text-stats.max-bytes");
    if (value.empty())
        return {};
    std::uint64_t parsed = 0;
    const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), parsed);
    if (ec != std::errc() || end != value.data() + value.size() || parsed == 0) {
        return fail(ErrorCode::InvalidArgument,
                    "The option text-stats.max-bytes must be a positive whole number of bytes.",
                    "value=" + value);
    }
    m_maxBytes = parsed;
    return {};
}

Result<void> TextStatsPlugin::process(const FileContext &file, ContentReader &content, ResultSink &sink)
{
    auto counts = countText(content, m_maxBytes);
    if (!counts)
        return std::unexpected(counts.error());
    if (counts->binaryAt != UINT64_MAX) {
        return fail(ErrorCode::Unsupported, "The file holds binary data, so it was not counted as text.",
                    "first non-text byte at offset " + std::to_string(counts->binaryAt));
    }
    const bool cut = content.size() > m_maxBytes;
    sink.addArtifact(toArtifact(makeArtifact(file, "text-stats", {}), *counts, cut));
    return {};
}

std::string_view textStatsMetadataJson()
{
    return kMetadataJson;
}

void registerTextStatsPlugin(PluginRegistry &registry)
{
    registry.add<TextStatsPlugin>(kMetadataJson);
}

} // namespace vigil::plugins
