// SPDX-License-Identifier: GPL-3.0-or-later
// SCAFFOLD: replaced by the real parser.
#include "plugins/parsers/android-contacts/androidcontacts.h"

#include "plugins/api/registry.h"

namespace vigil::plugins {

namespace {

constexpr std::string_view kMetadataJson =
#include "metadata.json.inc"
    ;

} // namespace

std::string_view androidContactsMetadataJson()
{
    return kMetadataJson;
}

void registerAndroidContactsPlugin(PluginRegistry &registry)
{
    registry.add<AndroidContactsPlugin>(kMetadataJson);
}

} // namespace vigil::plugins
