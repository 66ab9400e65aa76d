// SPDX-License-Identifier: GPL-3.0-or-later
#include "plugins/api/recordemitter.h"

namespace vigil::plugins {

RecordEmitter::RecordEmitter(const FileContext &file, ResultSink &sink, std::string app, std::string appName,
                             std::size_t batchSize)
    : m_file(file), m_sink(sink), m_batchSize(batchSize ? batchSize : kDefaultBatch)
{
    m_batch.app = std::move(app);
    m_batch.appName = std::move(appName);
}

RecordEmitter::~RecordEmitter()
{
    flush();
}

void RecordEmitter::flushIfFull()
{
    if (m_batch.size() >= m_batchSize)
        flush();
}

void RecordEmitter::flush()
{
    if (m_batch.empty())
        return;
    m_emitted += m_batch.size();
    model::RecordBatch next;
    next.app = m_batch.app;
    next.appName = m_batch.appName;
    m_sink.addRecords(m_file, std::exchange(m_batch, std::move(next)));
}

} // namespace vigil::plugins
