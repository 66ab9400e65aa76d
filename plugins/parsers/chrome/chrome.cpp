// SPDX-License-Identifier: GPL-3.0-or-later
// SCAFFOLD: replaced by the real parser.
#include "plugins/parsers/chrome/chrome.h"

#include "plugins/api/registry.h"

namespace vigil::plugins {

namespace {

constexpr std::string_view kMetadataJson =
#include "metadata.json.inc"
    ;

} // namespace

std::string_view chromeMetadataJson()
{
    return kMetadataJson;
}

void registerChromePlugin(PluginRegistry &registry)
{
    registry.add<ChromePlugin>(kMetadataJson);
}

} // namespace vigil::plugins
