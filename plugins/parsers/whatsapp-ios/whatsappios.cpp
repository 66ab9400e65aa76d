// SPDX-License-Identifier: GPL-3.0-or-later
// SCAFFOLD: replaced by the real parser.
#include "plugins/parsers/whatsapp-ios/whatsappios.h"

#include "plugins/api/registry.h"

namespace vigil::plugins {

namespace {

constexpr std::string_view kMetadataJson =
#include "metadata.json.inc"
    ;

} // namespace

std::string_view whatsAppIosMetadataJson()
{
    return kMetadataJson;
}

void registerWhatsAppIosPlugin(PluginRegistry &registry)
{
    registry.add<WhatsAppIosPlugin>(kMetadataJson);
}

} // namespace vigil::plugins
