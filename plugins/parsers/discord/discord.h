// SPDX-License-Identifier: GPL-3.0-or-later
// Discord's cached REST API responses (plain JSON files): arrays of message objects from a
// channel's history, single message objects, and the signed-in user (users/@me).
#pragma once

#include "plugins/api/plugin.h"

namespace vigil::plugins {

class PluginRegistry;

class DiscordPlugin final : public Plugin
{
public:
    using Plugin::Plugin;
    // Reads a JSON file; anything that is not a Discord response gives no records and no error.
    Result<void> process(const FileContext &file, ContentReader &content, ResultSink &sink) override;
};

std::string_view discordMetadataJson();
void registerDiscordPlugin(PluginRegistry &registry);

} // namespace vigil::plugins
