// SPDX-License-Identifier: GPL-3.0-or-later
// SCAFFOLD: replaced by the real parser.
#include "plugins/parsers/whatsapp-android/whatsappandroid.h"

#include "plugins/api/registry.h"

namespace vigil::plugins {

namespace {

constexpr std::string_view kMetadataJson =
#include "metadata.json.inc"
    ;

} // namespace

std::string_view whatsAppAndroidMetadataJson()
{
    return kMetadataJson;
}

void registerWhatsAppAndroidPlugin(PluginRegistry &registry)
{
    registry.add<WhatsAppAndroidPlugin>(kMetadataJson);
}

} // namespace vigil::plugins
