// SPDX-License-Identifier: GPL-3.0-or-later
// The template plugin: counts lines, words and bytes of text files. Copy this folder to start
// a new plugin (see docs/plugin_api.md, "Adding a plugin").
#pragma once

#include <cstdint>
#include <string_view>

#include "plugins/api/plugin.h"

namespace vigil::plugins {

class PluginRegistry;

class TextStatsPlugin final : public Plugin
{
public:
    explicit TextStatsPlugin(PluginMetadata metadata);

    // Option "text-stats.max-bytes": read at most this much of each file (default 64 MiB).
    Result<void> init(const PluginConfig &config) override;
    Result<void> process(const FileContext &file, ContentReader &content, ResultSink &sink) override;

private:
    // Set once in init(), only read afterwards: process() stays safe to run concurrently.
    std::uint64_t m_maxBytes = std::uint64_t{64} << 20;
};

// The plugin's metadata.json, compiled in.
std::string_view textStatsMetadataJson();

void registerTextStatsPlugin(PluginRegistry &registry);

} // namespace vigil::plugins
