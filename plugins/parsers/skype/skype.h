// SPDX-License-Identifier: GPL-3.0-or-later
// SCAFFOLD: replaced by the real parser.
#pragma once

#include "plugins/api/plugin.h"

namespace vigil::plugins {

class PluginRegistry;

class SkypePlugin final : public Plugin
{
public:
    using Plugin::Plugin;
};

std::string_view skypeMetadataJson();
void registerSkypePlugin(PluginRegistry &registry);

} // namespace vigil::plugins
