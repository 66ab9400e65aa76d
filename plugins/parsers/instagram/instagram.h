// SPDX-License-Identifier: GPL-3.0-or-later
// Instagram for Android's direct-message cache (direct.db): threads with their JSON thread_info
// (participants, title) and messages with their JSON item (sender, type, text, media).
#pragma once

#include "plugins/api/plugin.h"

namespace vigil::plugins {

class PluginRegistry;

class InstagramPlugin final : public Plugin
{
public:
    using Plugin::Plugin;
    bool acceptsDatabase(const FileContext &file, const DatabaseSchema &schema) const override;
    Result<void> processDatabase(const FileContext &file, SqliteDatabase &db, ResultSink &sink) override;
};

std::string_view instagramMetadataJson();
void registerInstagramPlugin(PluginRegistry &registry);

} // namespace vigil::plugins
