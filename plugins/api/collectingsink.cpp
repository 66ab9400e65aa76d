// SPDX-License-Identifier: GPL-3.0-or-later
#include "plugins/api/collectingsink.h"

namespace vigil::plugins {

void CollectingSink::addArtifact(const Artifact &artifact)
{
    std::lock_guard lock(m_mutex);
    m_artifacts.push_back(artifact);
}

void CollectingSink::addError(const FileContext &file, const Error &error)
{
    std::lock_guard lock(m_mutex);
    m_errors.push_back({file, error});
}

std::vector<Artifact> CollectingSink::artifacts() const
{
    std::lock_guard lock(m_mutex);
    return m_artifacts;
}

std::vector<CollectingSink::FileError> CollectingSink::errors() const
{
    std::lock_guard lock(m_mutex);
    return m_errors;
}

} // namespace vigil::plugins
