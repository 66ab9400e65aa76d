// SPDX-License-Identifier: GPL-3.0-or-later
// SCAFFOLD: replaced by the real parser.
#include "plugins/parsers/safari/safari.h"

#include "plugins/api/registry.h"

namespace vigil::plugins {

namespace {

constexpr std::string_view kMetadataJson =
#include "metadata.json.inc"
    ;

} // namespace

std::string_view safariMetadataJson()
{
    return kMetadataJson;
}

void registerSafariPlugin(PluginRegistry &registry)
{
    registry.add<SafariPlugin>(kMetadataJson);
}

} // namespace vigil::plugins
