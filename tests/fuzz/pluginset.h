// SPDX-License-Identifier: GPL-3.0-or-later
// Every built-in plugin, registered and loaded once per process, behind one PluginHost: the
// parser harnesses offer their input to all of them exactly as the ingest does.
#pragma once

#include <string>

#include "plugins/api/host.h"
#include "plugins/api/plugin.h"

namespace vigil::fuzz {

plugins::PluginHost &builtinHost();

// A FileContext for the fuzzed bytes as a file at `path` with content type `signatureType`.
plugins::FileContext fuzzContext(const std::string &path, const std::string &signatureType, std::uint64_t size);

} // namespace vigil::fuzz
