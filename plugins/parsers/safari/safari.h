// SPDX-License-Identifier: GPL-3.0-or-later
// SCAFFOLD: replaced by the real parser.
#pragma once

#include "plugins/api/plugin.h"

namespace vigil::plugins {

class PluginRegistry;

class SafariPlugin final : public Plugin
{
public:
    using Plugin::Plugin;
};

std::string_view safariMetadataJson();
void registerSafariPlugin(PluginRegistry &registry);

} // namespace vigil::plugins
