// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

namespace vigil::plugins {

class PluginRegistry;

// Registers every plugin compiled into Vigil. The list is explicit on purpose: registration
// from static initialisers is silently dropped when a plugin lives in a static library that
// nothing references, and an explicit list gives a fixed, reviewable order.
void registerBuiltinPlugins(PluginRegistry &registry);

} // namespace vigil::plugins
