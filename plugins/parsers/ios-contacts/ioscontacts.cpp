// SPDX-License-Identifier: GPL-3.0-or-later
// SCAFFOLD: replaced by the real parser.
#include "plugins/parsers/ios-contacts/ioscontacts.h"

#include "plugins/api/registry.h"

namespace vigil::plugins {

namespace {

constexpr std::string_view kMetadataJson =
#include "metadata.json.inc"
    ;

} // namespace

std::string_view iosContactsMetadataJson()
{
    return kMetadataJson;
}

void registerIosContactsPlugin(PluginRegistry &registry)
{
    registry.add<IosContactsPlugin>(kMetadataJson);
}

} // namespace vigil::plugins
