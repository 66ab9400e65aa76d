// SPDX-License-Identifier: GPL-3.0-or-later
// SCAFFOLD: replaced by the real parser.
#include "plugins/parsers/discord/discord.h"

#include "plugins/api/registry.h"

namespace vigil::plugins {

namespace {

constexpr std::string_view kMetadataJson =
#include "metadata.json.inc"
    ;

} // namespace

std::string_view discordMetadataJson()
{
    return kMetadataJson;
}

void registerDiscordPlugin(PluginRegistry &registry)
{
    registry.add<DiscordPlugin>(kMetadataJson);
}

} // namespace vigil::plugins
