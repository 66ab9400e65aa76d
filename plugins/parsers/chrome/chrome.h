// SPDX-License-Identifier: GPL-3.0-or-later
// Chromium-based browser history (the "History" database of Chrome, Edge, Brave, Opera, Vivaldi,
// Samsung Internet): one web visit per visits row, searches from keyword_search_terms and from
// search-engine result URLs.
#pragma once

#include "plugins/api/plugin.h"

namespace vigil::plugins {

class PluginRegistry;

class ChromePlugin final : public Plugin
{
public:
    using Plugin::Plugin;
    bool acceptsDatabase(const FileContext &file, const DatabaseSchema &schema) const override;
    Result<void> processDatabase(const FileContext &file, SqliteDatabase &db, ResultSink &sink) override;
};

std::string_view chromeMetadataJson();
void registerChromePlugin(PluginRegistry &registry);

} // namespace vigil::plugins
