// SPDX-License-Identifier: GPL-3.0-or-later
#include "plugins/api/registry.h"

#include <exception>

namespace vigil::plugins {

namespace {

std::string label(const PluginMetadata &md)
{
    return "\"" + md.name + "\" (" + md.id + " " + md.version + ")";
}

std::string exceptionText(std::exception_ptr error)
{
    try {
        std::rethrow_exception(error);
    } catch (const std::exception &e) {
        return e.what();
    } catch (...) {
        return "unknown exception";
    }
}

} // namespace

PluginRegistry::PluginRegistry() = default;

PluginRegistry::~PluginRegistry() = default;

LoadResult PluginRegistry::add(std::string_view metadataJson, PluginFactory factory)
{
    auto md = parsePluginMetadata(metadataJson);
    if (!md)
        return {{}, LoadReason::InvalidMetadata, md.error().message, md.error().detail};
    const std::string id = md->id;
    if (m_entries.contains(id)) {
        return {id, LoadReason::DuplicateId, "Two plugins use the id \"" + id + "\"; only the first is used.",
                "duplicate plugin id " + id};
    }
    Entry entry;
    entry.metadata = std::move(*md);
    entry.factory = std::move(factory);
    entry.enabled = entry.metadata.enabledByDefault;
    entry.state = entry.enabled ? PluginState::Registered : PluginState::Disabled;
    if (entry.metadata.api != kPluginApi) {
        const std::string log = "plugin api " + entry.metadata.api + ", host api " + std::string(kPluginApi);
        const std::string user = "Plugin " + label(entry.metadata)
            + " was built for another version of Vigil and is switched off; install a matching version.";
        entry.enabled = false;
        auto result = failEntry(entry, LoadReason::IncompatibleApi, user, log);
        m_entries.emplace(id, std::move(entry));
        return result;
    }
    m_entries.emplace(id, std::move(entry));
    return {id, LoadReason::Ok, {}, {}};
}

std::vector<PluginMetadata> PluginRegistry::list() const
{
    std::vector<PluginMetadata> out;
    out.reserve(m_entries.size());
    for (const auto &[id, entry] : m_entries)
        out.push_back(entry.metadata);
    return out;
}

const PluginMetadata *PluginRegistry::find(std::string_view id) const
{
    const auto it = m_entries.find(id);
    return it == m_entries.end() ? nullptr : &it->second.metadata;
}

bool PluginRegistry::setEnabled(std::string_view id, bool enabled)
{
    const auto it = m_entries.find(id);
    if (it == m_entries.end())
        return false;
    Entry &entry = it->second;
    if (entry.metadata.api != kPluginApi)
        return !enabled;   // an incompatible plugin stays off
    entry.enabled = enabled;
    if (entry.state != PluginState::Loaded)
        entry.state = enabled ? PluginState::Registered : PluginState::Disabled;
    return true;
}

bool PluginRegistry::isEnabled(std::string_view id) const
{
    const auto it = m_entries.find(id);
    return it != m_entries.end() && it->second.enabled;
}

std::optional<PluginState> PluginRegistry::state(std::string_view id) const
{
    const auto it = m_entries.find(id);
    return it == m_entries.end() ? std::nullopt : std::optional(it->second.state);
}

std::string PluginRegistry::errorString(std::string_view id) const
{
    const auto it = m_entries.find(id);
    return it == m_entries.end() ? std::string() : it->second.error;
}

std::vector<LoadResult> PluginRegistry::load(const PluginConfig &config)
{
    unload();
    std::vector<LoadResult> results;
    results.reserve(m_entries.size());
    for (auto &[id, entry] : m_entries)
        results.push_back(loadOne(entry, config));
    return results;
}

LoadResult PluginRegistry::loadOne(Entry &entry, const PluginConfig &config)
{
    const std::string &id = entry.metadata.id;
    if (entry.metadata.api != kPluginApi)
        return {id, LoadReason::IncompatibleApi, entry.error, "plugin api " + entry.metadata.api};
    if (!entry.enabled) {
        entry.state = PluginState::Disabled;
        return {id, LoadReason::Disabled, "Plugin " + label(entry.metadata) + " is switched off.", {}};
    }
    if (auto built = construct(entry); !built.ok())
        return built;
    Result<void> initialised;
    try {
        initialised = entry.instance->init(config);
    } catch (...) {
        initialised = fail(ErrorCode::Internal, "it threw an exception", exceptionText(std::current_exception()));
    }
    if (!initialised) {
        return failEntry(entry, LoadReason::InitFailed,
                         "Plugin " + label(entry.metadata) + " could not start: " + initialised.error().message,
                         initialised.error().toString());
    }
    entry.state = PluginState::Loaded;
    entry.error.clear();
    return {id, LoadReason::Ok, {}, "loaded " + id + " " + entry.metadata.version};
}

LoadResult PluginRegistry::construct(Entry &entry)
{
    std::string why = "the factory returned nothing";
    try {
        entry.instance = entry.factory ? entry.factory(entry.metadata) : nullptr;
    } catch (...) {
        why = exceptionText(std::current_exception());
    }
    if (entry.instance && entry.instance->metadata().id == entry.metadata.id)
        return {entry.metadata.id, LoadReason::Ok, {}, {}};
    if (entry.instance)
        why = "the instance reports id " + entry.instance->metadata().id;
    return failEntry(entry, LoadReason::ConstructFailed,
                     "Plugin " + label(entry.metadata) + " could not be created and is skipped.", why);
}

LoadResult PluginRegistry::failEntry(Entry &entry, LoadReason reason, std::string user, std::string log)
{
    entry.instance.reset();
    entry.state = PluginState::Failed;
    entry.error = user;
    return {entry.metadata.id, reason, std::move(user), std::move(log)};
}

std::vector<Plugin *> PluginRegistry::loadedPlugins() const
{
    std::vector<Plugin *> out;
    for (const auto &[id, entry] : m_entries) {
        if (entry.state == PluginState::Loaded && entry.instance)
            out.push_back(entry.instance.get());
    }
    return out;
}

void PluginRegistry::unload()
{
    for (auto &[id, entry] : m_entries) {
        entry.instance.reset();
        if (entry.state == PluginState::Loaded || entry.state == PluginState::Registered)
            entry.state = entry.enabled ? PluginState::Registered : PluginState::Disabled;
    }
}

const char *toString(PluginState state)
{
    switch (state) {
    case PluginState::Registered: return "registered";
    case PluginState::Disabled: return "disabled";
    case PluginState::Loaded: return "loaded";
    case PluginState::Failed: return "failed";
    }
    return "unknown";
}

const char *toString(LoadReason reason)
{
    switch (reason) {
    case LoadReason::Ok: return "ok";
    case LoadReason::Disabled: return "disabled";
    case LoadReason::InvalidMetadata: return "invalid-metadata";
    case LoadReason::IncompatibleApi: return "incompatible-api";
    case LoadReason::DuplicateId: return "duplicate-id";
    case LoadReason::ConstructFailed: return "construct-failed";
    case LoadReason::InitFailed: return "init-failed";
    }
    return "unknown";
}

} // namespace vigil::plugins
