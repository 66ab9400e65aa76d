// SPDX-License-Identifier: GPL-3.0-or-later
// SCAFFOLD: replaced by the real parser.
#include "plugins/parsers/snapchat/snapchat.h"

#include "plugins/api/registry.h"

namespace vigil::plugins {

namespace {

constexpr std::string_view kMetadataJson =
#include "metadata.json.inc"
    ;

} // namespace

std::string_view snapchatMetadataJson()
{
    return kMetadataJson;
}

void registerSnapchatPlugin(PluginRegistry &registry)
{
    registry.add<SnapchatPlugin>(kMetadataJson);
}

} // namespace vigil::plugins
