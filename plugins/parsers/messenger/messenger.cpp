// SPDX-License-Identifier: GPL-3.0-or-later
// SCAFFOLD: replaced by the real parser.
#include "plugins/parsers/messenger/messenger.h"

#include "plugins/api/registry.h"

namespace vigil::plugins {

namespace {

constexpr std::string_view kMetadataJson =
#include "metadata.json.inc"
    ;

} // namespace

std::string_view messengerMetadataJson()
{
    return kMetadataJson;
}

void registerMessengerPlugin(PluginRegistry &registry)
{
    registry.add<MessengerPlugin>(kMetadataJson);
}

} // namespace vigil::plugins
