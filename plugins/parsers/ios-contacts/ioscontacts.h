// SPDX-License-Identifier: GPL-3.0-or-later
// SCAFFOLD: replaced by the real parser.
#pragma once

#include "plugins/api/plugin.h"

namespace vigil::plugins {

class PluginRegistry;

class IosContactsPlugin final : public Plugin
{
public:
    using Plugin::Plugin;
};

std::string_view iosContactsMetadataJson();
void registerIosContactsPlugin(PluginRegistry &registry);

} // namespace vigil::plugins
