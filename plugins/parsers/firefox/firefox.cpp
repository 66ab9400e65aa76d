// SPDX-License-Identifier: GPL-3.0-or-later
// SCAFFOLD: replaced by the real parser.
#include "plugins/parsers/firefox/firefox.h"

#include "plugins/api/registry.h"

namespace vigil::plugins {

namespace {

constexpr std::string_view kMetadataJson =
#include "metadata.json.inc"
    ;

} // namespace

std::string_view firefoxMetadataJson()
{
    return kMetadataJson;
}

void registerFirefoxPlugin(PluginRegistry &registry)
{
    registry.add<FirefoxPlugin>(kMetadataJson);
}

} // namespace vigil::plugins
