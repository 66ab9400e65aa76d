// SPDX-License-Identifier: GPL-3.0-or-later
// The plugin interface: what a Vigil plugin sees and implements. See docs/plugin_api.md.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/model/communication.h"
#include "core/model/file.h"
#include "core/util/error.h"

// Interface id; a plugin's metadata.json must name it in "api". Bump on incompatible change.
// 2: databases (acceptsDatabase/processDatabase) and communication records (addRecords).
#define VIGIL_PLUGIN_API "vigil.plugin/2"

namespace vigil::plugins {

class SqliteDatabase;
struct DatabaseSchema;

inline constexpr std::string_view kPluginApi = VIGIL_PLUGIN_API;

// Static facts about a plugin, read from the JSON compiled into it; known before it is built.
struct PluginMetadata {
    std::string api;            // interface id, must equal kPluginApi
    std::string id;             // stable, lowercase: "text-stats"
    std::string name;           // for people: "Text statistics"
    std::string version;        // of the plugin's output, "1.2.0"
    std::string compatVersion;  // oldest version whose results this one still matches
    std::string kind;           // "parser", "carver" or "media"
    bool enabledByDefault = true;
    std::vector<std::string> acceptsSignatureTypes;   // Signature::type values, "*" for all
    std::vector<std::string> acceptsPathGlobs;        // "*/History", "*.txt" (case-insensitive)
    std::string description;
};

// Parses and validates a plugin's metadata.json text.
Result<PluginMetadata> parsePluginMetadata(std::string_view json);

// Run-time settings handed to Plugin::init (from the case's configuration).
struct PluginConfig {
    std::map<std::string, std::string> options;
    std::string value(const std::string &key, const std::string &fallback = {}) const;
};

// The file being processed, with its provenance.
struct FileContext {
    std::int64_t evidenceId = 0;
    std::int64_t fileId = 0;
    std::string path;            // "/Users/a/Library/Messages/chat.db"
    std::string name;            // "chat.db"
    std::string signatureType;   // Signature::type of its content, "" if unknown
    std::uint64_t size = 0;
    bool deleted = false;
};

// Random access to a file's bytes. Implementations must allow concurrent reads.
class ContentReader
{
public:
    virtual ~ContentReader() = default;
    // Reads up to `length` bytes at `offset`; fewer only at the end of the content.
    virtual Result<std::size_t> read(std::uint64_t offset, void *buffer, std::size_t length) = 0;
    virtual std::uint64_t size() const = 0;
};

// Reads exactly `length` bytes at `offset`, or fails with Corrupt on a short read.
Result<std::vector<unsigned char>> readExact(ContentReader &reader, std::uint64_t offset, std::size_t length);

// One finding. `fields` keep their order; `prov` says where the finding came from.
struct Artifact {
    std::string kind;      // "text-stats", "chat-message", ...
    std::string summary;   // one line for people
    std::vector<std::pair<std::string, std::string>> fields;
    model::Provenance prov;
};

// Where results go. Implementations must be safe to call from several threads at once.
class ResultSink
{
public:
    virtual ~ResultSink() = default;
    virtual void addArtifact(const Artifact &artifact) = 0;
    virtual void addError(const FileContext &file, const Error &error) = 0;
    // Communication records found in `file` (see RecordEmitter). Batches of one file arrive
    // in order; records may refer to keys of the file's earlier batches.
    virtual void addRecords(const FileContext &file, model::RecordBatch &&batch) = 0;
};

// Base class of every plugin. Lifecycle: construct → init → accepts/process (concurrent) →
// finish → destroy. Keep per-file state on the stack of process(), never in members.
class Plugin
{
public:
    explicit Plugin(PluginMetadata metadata);
    virtual ~Plugin();
    Plugin(const Plugin &) = delete;
    Plugin &operator=(const Plugin &) = delete;

    virtual const PluginMetadata &metadata() const;
    // Called once before any process(); an error keeps the plugin from running.
    virtual Result<void> init(const PluginConfig &config);
    // Default: the file's signature type or path matches the metadata's accept lists.
    virtual bool accepts(const FileContext &file) const;
    // Must be safe to call on several threads at once. Return an error, don't throw.
    // Default: Unsupported (for plugins that only read databases).
    virtual Result<void> process(const FileContext &file, ContentReader &content, ResultSink &sink);
    // SQLite databases are opened once by the host and offered to every plugin. Decide from
    // the schema (tables and columns), not from the file name. Default: false.
    virtual bool acceptsDatabase(const FileContext &file, const DatabaseSchema &schema) const;
    // Reads an accepted database; same threading rules as process(). Default: Unsupported.
    virtual Result<void> processDatabase(const FileContext &file, SqliteDatabase &db, ResultSink &sink);
    // Called once after the last process(), on one thread; for cross-file summaries.
    virtual void finish(ResultSink &sink);

protected:
    // An artifact whose provenance names this file and this plugin's id and version.
    Artifact makeArtifact(const FileContext &file, std::string kind, std::string summary) const;

private:
    PluginMetadata m_metadata;
};

// Shell-style match: '*' any run of characters (including '/'), '?' one; ASCII case-insensitive.
bool globMatch(std::string_view pattern, std::string_view text);

} // namespace vigil::plugins
