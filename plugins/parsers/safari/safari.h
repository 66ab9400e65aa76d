// SPDX-License-Identifier: GPL-3.0-or-later
// Safari history (History.db, Safari 8 / iOS 8 and later): one web visit per history_visits
// row, items without visits, searches from search-engine result URLs.
#pragma once

#include "plugins/api/plugin.h"

namespace vigil::plugins {

class PluginRegistry;

class SafariPlugin final : public Plugin
{
public:
    using Plugin::Plugin;
    bool acceptsDatabase(const FileContext &file, const DatabaseSchema &schema) const override;
    Result<void> processDatabase(const FileContext &file, SqliteDatabase &db, ResultSink &sink) override;
};

std::string_view safariMetadataJson();
void registerSafariPlugin(PluginRegistry &registry);

} // namespace vigil::plugins
