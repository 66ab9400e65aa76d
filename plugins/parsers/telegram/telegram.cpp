// SPDX-License-Identifier: GPL-3.0-or-later
// SCAFFOLD: replaced by the real parser.
#include "plugins/parsers/telegram/telegram.h"

#include "plugins/api/registry.h"

namespace vigil::plugins {

namespace {

constexpr std::string_view kMetadataJson =
#include "metadata.json.inc"
    ;

} // namespace

std::string_view telegramMetadataJson()
{
    return kMetadataJson;
}

void registerTelegramPlugin(PluginRegistry &registry)
{
    registry.add<TelegramPlugin>(kMetadataJson);
}

} // namespace vigil::plugins
