// SPDX-License-Identifier: GPL-3.0-or-later
// Firefox history (places.sqlite, Firefox 3 and later, desktop and Android): one web visit per
// moz_historyvisits row, places without visits, searches from result URLs and typed input.
#pragma once

#include "plugins/api/plugin.h"

namespace vigil::plugins {

class PluginRegistry;

class FirefoxPlugin final : public Plugin
{
public:
    using Plugin::Plugin;
    bool acceptsDatabase(const FileContext &file, const DatabaseSchema &schema) const override;
    Result<void> processDatabase(const FileContext &file, SqliteDatabase &db, ResultSink &sink) override;
};

std::string_view firefoxMetadataJson();
void registerFirefoxPlugin(PluginRegistry &registry);

} // namespace vigil::plugins
