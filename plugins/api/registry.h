// SPDX-License-Identifier: GPL-3.0-or-later
// The list of known plugins: their metadata (readable without building them), whether each
// is enabled, and the loaded instances. Not thread-safe: configure it before an ingest starts.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "plugins/api/plugin.h"

namespace vigil::plugins {

enum class PluginState {
    Registered,   // metadata known, not instantiated
    Disabled,     // switched off (by default or by the user)
    Loaded,       // constructed and initialised; runs on files
    Failed,       // incompatible, or construction/init failed: see errorString()
};

enum class LoadReason {
    Ok,
    Disabled,
    InvalidMetadata,
    IncompatibleApi,
    DuplicateId,
    ConstructFailed,
    InitFailed,
};

// Outcome of registering or loading one plugin.
struct LoadResult {
    std::string pluginId;
    LoadReason reason = LoadReason::Ok;
    std::string userText;   // what happened, in words for the user
    std::string logText;    // the technical detail, for the log
    bool ok() const { return reason == LoadReason::Ok; }
};

using PluginFactory = std::function<std::unique_ptr<Plugin>(const PluginMetadata &)>;

class PluginRegistry
{
public:
    PluginRegistry();
    ~PluginRegistry();
    PluginRegistry(const PluginRegistry &) = delete;
    PluginRegistry &operator=(const PluginRegistry &) = delete;

    // Registers a plugin from its metadata JSON and a factory; nothing is constructed yet.
    LoadResult add(std::string_view metadataJson, PluginFactory factory);
    template <typename T>
    LoadResult add(std::string_view metadataJson)
    {
        return add(metadataJson, [](const PluginMetadata &md) { return std::make_unique<T>(md); });
    }

    std::vector<PluginMetadata> list() const;   // sorted by id
    const PluginMetadata *find(std::string_view id) const;

    // False for an unknown id, or when an incompatible plugin is asked to switch on.
    // Takes effect at the next load().
    bool setEnabled(std::string_view id, bool enabled);
    bool isEnabled(std::string_view id) const;
    std::optional<PluginState> state(std::string_view id) const;
    std::string errorString(std::string_view id) const;

    // Destroys loaded instances, then constructs and initialises every enabled plugin.
    // One result per registered plugin, sorted by id; a failure never stops the others.
    std::vector<LoadResult> load(const PluginConfig &config);
    std::vector<Plugin *> loadedPlugins() const;   // sorted by id; owned by the registry
    void unload();

private:
    struct Entry {
        PluginMetadata metadata;
        PluginFactory factory;
        bool enabled = true;
        PluginState state = PluginState::Registered;
        std::string error;
        std::unique_ptr<Plugin> instance;
    };

    LoadResult loadOne(Entry &entry, const PluginConfig &config);
    LoadResult construct(Entry &entry);
    static LoadResult failEntry(Entry &entry, LoadReason reason, std::string user, std::string log);

    std::map<std::string, Entry, std::less<>> m_entries;
};

const char *toString(PluginState state);
const char *toString(LoadReason reason);

} // namespace vigil::plugins
