// SPDX-License-Identifier: GPL-3.0-or-later
// SCAFFOLD: replaced by the real parser.
#include "plugins/parsers/instagram/instagram.h"

#include "plugins/api/registry.h"

namespace vigil::plugins {

namespace {

constexpr std::string_view kMetadataJson =
#include "metadata.json.inc"
    ;

} // namespace

std::string_view instagramMetadataJson()
{
    return kMetadataJson;
}

void registerInstagramPlugin(PluginRegistry &registry)
{
    registry.add<InstagramPlugin>(kMetadataJson);
}

} // namespace vigil::plugins
