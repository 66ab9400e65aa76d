// SPDX-License-Identifier: GPL-3.0-or-later
#include "tests/fuzz/pluginset.h"

#include <cstdio>
#include <cstdlib>
#include <memory>

#include "plugins/api/registry.h"
#include "plugins/builtin.h"

namespace vigil::fuzz {
namespace {

struct Loaded {
    plugins::PluginRegistry registry;
    std::unique_ptr<plugins::PluginHost> host;

    Loaded()
    {
        plugins::registerBuiltinPlugins(registry);
        for (const auto &md : registry.list())   // those off by default (text statistics) too
            registry.setEnabled(md.id, true);
        for (const auto &r : registry.load(plugins::PluginConfig{})) {
            if (!r.ok()) {
                std::fprintf(stderr, "plugin %s did not load (%s): %s %s\n", r.pluginId.c_str(), plugins::toString(r.reason),
                             r.userText.c_str(), r.logText.c_str());
                std::abort();   // a harness that silently skips a parser would fuzz nothing
            }
        }
        host = std::make_unique<plugins::PluginHost>(registry.loadedPlugins());
    }
};

} // namespace

plugins::PluginHost &builtinHost()
{
    static Loaded loaded;
    return *loaded.host;
}

plugins::FileContext fuzzContext(const std::string &path, const std::string &signatureType, std::uint64_t size)
{
    plugins::FileContext file;
    file.evidenceId = 1;
    file.fileId = 42;
    file.path = path;
    file.name = path.substr(path.find_last_of('/') + 1);
    file.signatureType = signatureType;
    file.size = size;
    return file;
}

} // namespace vigil::fuzz
