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

void CollectingSink::addRecords(const FileContext &, model::RecordBatch &&batch)
{
    std::lock_guard lock(m_mutex);
    m_batches.push_back(std::move(batch));
}

std::vector<model::RecordBatch> CollectingSink::batches() const
{
    std::lock_guard lock(m_mutex);
    return m_batches;
}

namespace {

template <typename T>
void append(std::vector<T> &to, const std::vector<T> &from)
{
    to.insert(to.end(), from.begin(), from.end());
}

} // namespace

model::RecordBatch CollectingSink::records() const
{
    std::lock_guard lock(m_mutex);
    model::RecordBatch all;
    for (const auto &b : m_batches) {
        if (all.app.empty()) {
            all.app = b.app;
            all.appName = b.appName;
        }
        append(all.accounts, b.accounts);
        append(all.contacts, b.contacts);
        append(all.conversations, b.conversations);
        append(all.messages, b.messages);
        append(all.calls, b.calls);
        append(all.visits, b.visits);
        append(all.searches, b.searches);
    }
    return all;
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
