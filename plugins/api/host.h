// SPDX-License-Identifier: GPL-3.0-or-later
// Runs plugins on files. Every call into a plugin is fenced: an exception, an error result or a
// run past the per-item time limit becomes an Error in the sink (naming the plugin) and the
// ingest goes on.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "plugins/api/plugin.h"
#include "plugins/api/sqlitedb.h"

namespace vigil::plugins {

struct PluginStats {
    std::string id;
    std::uint64_t calls = 0;    // process() calls
    std::uint64_t errors = 0;   // failed calls: error results and exceptions (accepts included)
};

class PluginHost
{
public:
    // The plugins are not owned (usually PluginRegistry::loadedPlugins()); they must outlive the host.
    explicit PluginHost(std::vector<Plugin *> plugins);
    ~PluginHost();
    PluginHost(const PluginHost &) = delete;
    PluginHost &operator=(const PluginHost &) = delete;

    // Calls every plugin that accepts the file, in id order. Safe to call on several threads
    // at once. Returns how many plugins processed the file.
    std::size_t processFile(const FileContext &file, ContentReader &content, ResultSink &sink);
    // Offers an opened SQLite database to every plugin (acceptsDatabase), in id order, and
    // runs those that accept it. Records of rows that exist only in the database's WAL are
    // marked RecordSource::Wal on the way to the sink. Returns how many plugins ran.
    std::size_t processDatabase(const FileContext &file, SqliteDatabase &db, ResultSink &sink);
    // Signature types any plugin lists, and whether any plugin reads databases by schema:
    // what the pipeline must offer.
    std::vector<std::string> acceptedSignatureTypes() const;
    std::vector<std::string> acceptedPathGlobs() const;
    // Calls finish() on every plugin, once, after the last processFile().
    void finish(ResultSink &sink);

    std::vector<PluginStats> stats() const;

    // The per-item time limit: how long one plugin may work on one file (zero or less: none). Once
    // it has passed, the plugin's content reads fail and its SQL statements are interrupted, so it
    // ends; what it found before is kept and the stop is recorded as an error naming the plugin.
    // A plugin that computes without reading or querying cannot be stopped in-process. Set it
    // before processing starts.
    void setTimeLimit(std::chrono::milliseconds limit) { m_timeLimit = limit; }
    std::chrono::milliseconds timeLimit() const { return m_timeLimit; }

private:
    struct Slot {
        Plugin *plugin = nullptr;
        std::atomic<std::uint64_t> calls{0};
        std::atomic<std::uint64_t> errors{0};
    };

    bool safeAccepts(Slot &slot, const FileContext &file, ResultSink &sink);
    void safeProcess(Slot &slot, const FileContext &file, ContentReader &content, ResultSink &sink);
    bool safeAcceptsDatabase(Slot &slot, const FileContext &file, const SqliteDatabase &db, ResultSink &sink);
    void safeProcessDatabase(Slot &slot, const FileContext &file, SqliteDatabase &db, ResultSink &sink);
    void report(Slot &slot, const FileContext &file, ResultSink &sink, const Error &error);

    std::vector<std::unique_ptr<Slot>> m_slots;
    std::chrono::milliseconds m_timeLimit{0};
};

} // namespace vigil::plugins
