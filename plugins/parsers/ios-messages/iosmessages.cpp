// SPDX-License-Identifier: GPL-3.0-or-later
// SCAFFOLD: replaced by the real parser.
#include "plugins/parsers/ios-messages/iosmessages.h"

#include "plugins/api/registry.h"

namespace vigil::plugins {

namespace {

constexpr std::string_view kMetadataJson =
#include "metadata.json.inc"
    ;

} // namespace

std::string_view iosMessagesMetadataJson()
{
    return kMetadataJson;
}

void registerIosMessagesPlugin(PluginRegistry &registry)
{
    registry.add<IosMessagesPlugin>(kMetadataJson);
}

} // namespace vigil::plugins
