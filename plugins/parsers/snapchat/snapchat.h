// SPDX-License-Identifier: GPL-3.0-or-later
// Snapchat for Android's chat store (arroyo.db): conversations, their participants and messages,
// with chat text read from the protobuf message content.
#pragma once

#include "plugins/api/plugin.h"

namespace vigil::plugins {

class PluginRegistry;

class SnapchatPlugin final : public Plugin
{
public:
    using Plugin::Plugin;
    bool acceptsDatabase(const FileContext &file, const DatabaseSchema &schema) const override;
    Result<void> processDatabase(const FileContext &file, SqliteDatabase &db, ResultSink &sink) override;
};

std::string_view snapchatMetadataJson();
void registerSnapchatPlugin(PluginRegistry &registry);

} // namespace vigil::plugins
