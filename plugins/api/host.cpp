// SPDX-License-Identifier: GPL-3.0-or-later
#include "plugins/api/host.h"

#include <algorithm>
#include <exception>

namespace vigil::plugins {

namespace {

// Turns whatever was thrown into an Error that names the plugin and tells the user what to do.
Error exceptionError(const PluginMetadata &md, std::exception_ptr thrown, const char *call)
{
    std::string what = "unknown exception";
    try {
        std::rethrow_exception(thrown);
    } catch (const std::exception &e) {
        what = e.what();
    } catch (...) {
    }
    return Error(ErrorCode::Internal,
                 "Plugin \"" + md.name + "\" failed on this file and was skipped; the rest of the "
                     + "ingest goes on. Report this to the plugin's maintainer.",
                 std::string(call) + " threw: " + what);
}

} // namespace

PluginHost::PluginHost(std::vector<Plugin *> plugins)
{
    std::erase(plugins, nullptr);
    std::sort(plugins.begin(), plugins.end(),
              [](const Plugin *a, const Plugin *b) { return a->metadata().id < b->metadata().id; });
    for (Plugin *plugin : plugins) {
        auto slot = std::make_unique<Slot>();
        slot->plugin = plugin;
        m_slots.push_back(std::move(slot));
    }
}

PluginHost::~PluginHost() = default;

std::size_t PluginHost::processFile(const FileContext &file, ContentReader &content, ResultSink &sink)
{
    std::size_t ran = 0;
    for (auto &slot : m_slots) {
        if (!safeAccepts(*slot, file, sink))
            continue;
        safeProcess(*slot, file, content, sink);
        ++ran;
    }
    return ran;
}

bool PluginHost::safeAccepts(Slot &slot, const FileContext &file, ResultSink &sink)
{
    try {
        return slot.plugin->accepts(file);
    } catch (...) {
        report(slot, file, sink, exceptionError(slot.plugin->metadata(), std::current_exception(), "accepts()"));
        return false;
    }
}

void PluginHost::safeProcess(Slot &slot, const FileContext &file, ContentReader &content, ResultSink &sink)
{
    slot.calls.fetch_add(1, std::memory_order_relaxed);
    Result<void> result;
    try {
        result = slot.plugin->process(file, content, sink);
    } catch (...) {
        result = std::unexpected(exceptionError(slot.plugin->metadata(), std::current_exception(), "process()"));
    }
    if (!result)
        report(slot, file, sink, result.error());
}

void PluginHost::report(Slot &slot, const FileContext &file, ResultSink &sink, const Error &error)
{
    slot.errors.fetch_add(1, std::memory_order_relaxed);
    const PluginMetadata &md = slot.plugin->metadata();
    Error tagged = error;
    tagged.detail = "plugin " + md.id + " " + md.version + (error.detail.empty() ? "" : ": " + error.detail);
    sink.addError(file, tagged);
}

void PluginHost::finish(ResultSink &sink)
{
    const FileContext noFile;
    for (auto &slot : m_slots) {
        try {
            slot->plugin->finish(sink);
        } catch (...) {
            report(*slot, noFile, sink, exceptionError(slot->plugin->metadata(), std::current_exception(), "finish()"));
        }
    }
}

std::vector<PluginStats> PluginHost::stats() const
{
    std::vector<PluginStats> out;
    out.reserve(m_slots.size());
    for (const auto &slot : m_slots) {
        out.push_back({slot->plugin->metadata().id, slot->calls.load(std::memory_order_relaxed),
                       slot->errors.load(std::memory_order_relaxed)});
    }
    return out;
}

} // namespace vigil::plugins
