// SPDX-License-Identifier: GPL-3.0-or-later
// SCAFFOLD: replaced by the real parser.
#include "plugins/parsers/kik/kik.h"

#include "plugins/api/registry.h"

namespace vigil::plugins {

namespace {

constexpr std::string_view kMetadataJson =
#include "metadata.json.inc"
    ;

} // namespace

std::string_view kikMetadataJson()
{
    return kMetadataJson;
}

void registerKikPlugin(PluginRegistry &registry)
{
    registry.add<KikPlugin>(kMetadataJson);
}

} // namespace vigil::plugins
