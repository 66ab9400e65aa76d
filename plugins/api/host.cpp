// SPDX-License-Identifier: GPL-3.0-or-later
#include "plugins/api/host.h"

#include <algorithm>
#include <cstdio>
#include <exception>
#include <set>

#include "core/util/deadline.h"
#include "plugins/api/sqlitedb.h"

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

// What a plugin stopped at the time limit leaves in the sink: one error saying so, with what the
// plugin itself returned (often the failed read or interrupted query that stopped it).
Error timeLimitError(const PluginMetadata &md, std::chrono::milliseconds limit, const Result<void> &result)
{
    const auto seconds = std::chrono::duration<double>(limit).count();
    char limitText[32];
    std::snprintf(limitText, sizeof limitText, "%g s", seconds);
    return Error(ErrorCode::LimitExceeded,
                 "Plugin \"" + md.name + "\" was stopped after the per-item time limit (" + limitText +
                     ") on this file; what it found before was kept and the ingest went on.",
                 result ? std::string("it returned no error of its own") : "it returned: " + result.error().toString());
}

// The content as a plugin reads it under the time limit: once the limit has passed, reads fail.
class DeadlineReader final : public ContentReader
{
public:
    explicit DeadlineReader(ContentReader &inner) : m_inner(inner) {}
    Result<std::size_t> read(std::uint64_t offset, void *buffer, std::size_t length) override
    {
        if (deadlinePassed())
            return fail(ErrorCode::LimitExceeded, "Reading stopped at the per-item time limit.",
                        "read at offset " + std::to_string(offset));
        return m_inner.read(offset, buffer, length);
    }
    std::uint64_t size() const override { return m_inner.size(); }

private:
    ContentReader &m_inner;
};

// Passes results on, stamping record batches with the plugin that made them.
class StampingSink final : public ResultSink
{
public:
    StampingSink(ResultSink &inner, const PluginMetadata &md) : m_inner(inner), m_md(md) {}
    void addArtifact(const Artifact &artifact) override { m_inner.addArtifact(artifact); }
    void addError(const FileContext &file, const Error &error) override { m_inner.addError(file, error); }
    void addRecords(const FileContext &file, model::RecordBatch &&batch) override
    {
        batch.parser = m_md.id;
        batch.parserVersion = m_md.version;
        m_inner.addRecords(file, std::move(batch));
    }

private:
    ResultSink &m_inner;
    const PluginMetadata &m_md;
};

// Passes results on, marking records whose row exists only in the database's WAL.
class DatabaseSink final : public ResultSink
{
public:
    DatabaseSink(ResultSink &inner, SqliteDatabase &db) : m_inner(inner), m_db(db) {}
    void addArtifact(const Artifact &artifact) override { m_inner.addArtifact(artifact); }
    void addError(const FileContext &file, const Error &error) override { m_inner.addError(file, error); }
    void addRecords(const FileContext &file, model::RecordBatch &&batch) override
    {
        if (m_db.hasWal())
            markSources(batch);
        m_inner.addRecords(file, std::move(batch));
    }

private:
    void mark(model::RecordOrigin &origin)
    {
        if (origin.source == model::RecordSource::Live && origin.rowid)
            origin.source = m_db.sourceOf(origin.table, *origin.rowid);
    }
    template <typename T>
    void markAll(std::vector<T> &records)
    {
        for (auto &r : records)
            mark(r.origin);
    }
    void markSources(model::RecordBatch &b)
    {
        markAll(b.accounts);
        markAll(b.contacts);
        markAll(b.conversations);
        markAll(b.messages);
        for (auto &m : b.messages)
            markAll(m.attachments);
        markAll(b.calls);
        markAll(b.visits);
        markAll(b.searches);
    }

    ResultSink &m_inner;
    SqliteDatabase &m_db;
};

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

std::size_t PluginHost::processDatabase(const FileContext &file, SqliteDatabase &db, ResultSink &sink)
{
    DatabaseSink marking(sink, db);
    std::size_t ran = 0;
    for (auto &slot : m_slots) {
        if (!safeAcceptsDatabase(*slot, file, db, sink))
            continue;
        safeProcessDatabase(*slot, file, db, marking);
        ++ran;
    }
    return ran;
}

std::vector<std::string> PluginHost::acceptedSignatureTypes() const
{
    std::set<std::string> types;
    for (const auto &slot : m_slots)
        types.insert(slot->plugin->metadata().acceptsSignatureTypes.begin(),
                     slot->plugin->metadata().acceptsSignatureTypes.end());
    return {types.begin(), types.end()};
}

std::vector<std::string> PluginHost::acceptedPathGlobs() const
{
    std::set<std::string> globs;
    for (const auto &slot : m_slots)
        globs.insert(slot->plugin->metadata().acceptsPathGlobs.begin(), slot->plugin->metadata().acceptsPathGlobs.end());
    return {globs.begin(), globs.end()};
}

bool PluginHost::safeAcceptsDatabase(Slot &slot, const FileContext &file, const SqliteDatabase &db, ResultSink &sink)
{
    try {
        return slot.plugin->acceptsDatabase(file, db.schema());
    } catch (...) {
        report(slot, file, sink, exceptionError(slot.plugin->metadata(), std::current_exception(), "acceptsDatabase()"));
        return false;
    }
}

void PluginHost::safeProcessDatabase(Slot &slot, const FileContext &file, SqliteDatabase &db, ResultSink &sink)
{
    slot.calls.fetch_add(1, std::memory_order_relaxed);
    StampingSink stamped(sink, slot.plugin->metadata());
    Result<void> result;
    ScopedDeadline deadline(m_timeLimit);   // SqliteDatabase's progress handler interrupts statements past it
    try {
        result = slot.plugin->processDatabase(file, db, stamped);
    } catch (...) {
        result = std::unexpected(exceptionError(slot.plugin->metadata(), std::current_exception(), "processDatabase()"));
    }
    if (deadline.stoppedWork())
        result = std::unexpected(timeLimitError(slot.plugin->metadata(), m_timeLimit, result));
    if (!result)
        report(slot, file, sink, result.error());
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
    StampingSink stamped(sink, slot.plugin->metadata());
    Result<void> result;
    ScopedDeadline deadline(m_timeLimit);
    DeadlineReader limited(content);
    try {
        result = slot.plugin->process(file, limited, stamped);
    } catch (...) {
        result = std::unexpected(exceptionError(slot.plugin->metadata(), std::current_exception(), "process()"));
    }
    if (deadline.stoppedWork())
        result = std::unexpected(timeLimitError(slot.plugin->metadata(), m_timeLimit, result));
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
