// SPDX-License-Identifier: GPL-3.0-or-later
// SCAFFOLD: replaced by the real parser.
#include "plugins/parsers/skype/skype.h"

#include "plugins/api/registry.h"

namespace vigil::plugins {

namespace {

constexpr std::string_view kMetadataJson =
#include "metadata.json.inc"
    ;

} // namespace

std::string_view skypeMetadataJson()
{
    return kMetadataJson;
}

void registerSkypePlugin(PluginRegistry &registry)
{
    registry.add<SkypePlugin>(kMetadataJson);
}

} // namespace vigil::plugins
