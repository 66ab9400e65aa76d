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

    std::vector<Artifact> artifacts() const;
    std::vector<FileError> errors() const;

private:
    mutable std::mutex m_mutex;
    std::vector<Artifact> m_artifacts;
    std::vector<FileError> m_errors;
};

} // namespace vigil::plugins
