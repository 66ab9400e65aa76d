// SPDX-License-Identifier: GPL-3.0-or-later
#include "plugins/api/plugin.h"

#include <algorithm>

namespace vigil::plugins {

namespace {

char foldCase(char c)
{
    return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

bool listAccepts(const std::vector<std::string> &list, const std::string &type)
{
    return std::any_of(list.begin(), list.end(),
                       [&](const std::string &entry) { return entry == "*" || entry == type; });
}

} // namespace

std::string PluginConfig::value(const std::string &key, const std::string &fallback) const
{
    const auto it = options.find(key);
    return it == options.end() ? fallback : it->second;
}

Result<std::vector<unsigned char>> readExact(ContentReader &reader, std::uint64_t offset, std::size_t length)
{
    std::vector<unsigned char> buffer(length);
    auto got = reader.read(offset, buffer.data(), length);
    if (!got)
        return std::unexpected(got.error());
    if (*got != length) {
        return fail(ErrorCode::Corrupt, "The file ends before the data it describes; it may be truncated.",
                    "wanted " + std::to_string(length) + " bytes at offset " + std::to_string(offset)
                        + ", got " + std::to_string(*got));
    }
    return buffer;
}

Plugin::Plugin(PluginMetadata metadata)
    : m_metadata(std::move(metadata))
{
}

Plugin::~Plugin() = default;

const PluginMetadata &Plugin::metadata() const
{
    return m_metadata;
}

Result<void> Plugin::init(const PluginConfig &)
{
    return {};
}

bool Plugin::accepts(const FileContext &file) const
{
    const PluginMetadata &md = metadata();
    if (!file.signatureType.empty() && listAccepts(md.acceptsSignatureTypes, file.signatureType))
        return true;
    return std::any_of(md.acceptsPathGlobs.begin(), md.acceptsPathGlobs.end(),
                       [&](const std::string &glob) { return globMatch(glob, file.path); });
}

Result<void> Plugin::process(const FileContext &, ContentReader &, ResultSink &)
{
    return fail(ErrorCode::Unsupported, "Plugin \"" + metadata().name + "\" does not read plain files.");
}

bool Plugin::acceptsDatabase(const FileContext &, const DatabaseSchema &) const
{
    return false;
}

Result<void> Plugin::processDatabase(const FileContext &, SqliteDatabase &, ResultSink &)
{
    return fail(ErrorCode::Unsupported, "Plugin \"" + metadata().name + "\" does not read databases.");
}

void Plugin::finish(ResultSink &)
{
}

Artifact Plugin::makeArtifact(const FileContext &file, std::string kind, std::string summary) const
{
    Artifact artifact;
    artifact.kind = std::move(kind);
    artifact.summary = std::move(summary);
    artifact.prov.evidenceId = file.evidenceId;
    artifact.prov.fileId = file.fileId;
    artifact.prov.parser = metadata().id;
    artifact.prov.parserVersion = metadata().version;
    return artifact;
}

bool globMatch(std::string_view pattern, std::string_view text)
{
    // Greedy match with one backtrack point: the last '*' seen.
    std::size_t p = 0, t = 0, starP = std::string_view::npos, starT = 0;
    while (t < text.size()) {
        if (p < pattern.size() && (pattern[p] == '?' || foldCase(pattern[p]) == foldCase(text[t]))) {
            ++p;
            ++t;
        } else if (p < pattern.size() && pattern[p] == '*') {
            starP = p++;
            starT = t;
        } else if (starP != std::string_view::npos) {
            p = starP + 1;
            t = ++starT;
        } else {
            return false;
        }
    }
    while (p < pattern.size() && pattern[p] == '*')
        ++p;
    return p == pattern.size();
}

} // namespace vigil::plugins
