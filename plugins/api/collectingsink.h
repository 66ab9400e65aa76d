// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <mutex>
#include <vector>

#include "plugins/api/plugin.h"

namespace vigil::plugins {

// A ResultSink that keeps everything in memory, in arrival order (for the CLI's single-file
// mode and for tests). Thread-safe.
class CollectingSink final : public ResultSink
{
public:
    struct FileError {
        FileContext file;
        Error error;
    };

    void addArtifact(const Artifact &artifact) override;
    void addError(const FileContext &file, const Error &error) override;
    void addRecords(const FileContext &file, model::RecordBatch &&batch) override;

    std::vector<Artifact> artifacts() const;
    std::vector<FileError> errors() const;
    std::vector<model::RecordBatch> batches() const;
    // Every batch's records merged into one (app of the first batch).
    model::RecordBatch records() const;

private:
    mutable std::mutex m_mutex;
    std::vector<Artifact> m_artifacts;
    std::vector<FileError> m_errors;
    std::vector<model::RecordBatch> m_batches;
};

} // namespace vigil::plugins
