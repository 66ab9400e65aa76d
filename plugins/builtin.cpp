// SPDX-License-Identifier: GPL-3.0-or-later
#include "plugins/builtin.h"

#include "plugins/api/registry.h"
#include "plugins/template/textstats.h"

namespace vigil::plugins {

void registerBuiltinPlugins(PluginRegistry &registry)
{
    // One line per plugin, sorted by folder. Add yours here.
    registerTextStatsPlugin(registry);
}

} // namespace vigil::plugins
