// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstddef>
#include <string>

#include "plugins/api/plugin.h"

namespace vigil::plugins {

// Collects a parser's records for one file and hands them to the sink in batches, so a
// database of a million messages never sits in memory at once. Add conversations and
// accounts before the messages that refer to them (or in the same batch).
class RecordEmitter
{
public:
    static constexpr std::size_t kDefaultBatch = 2000;

    RecordEmitter(const FileContext &file, ResultSink &sink, std::string app, std::string appName,
                  std::size_t batchSize = kDefaultBatch);
    ~RecordEmitter();   // flushes what is left
    RecordEmitter(const RecordEmitter &) = delete;
    RecordEmitter &operator=(const RecordEmitter &) = delete;

    model::RecordBatch &batch() { return m_batch; }
    // Hands the batch over when it holds batchSize records or more.
    void flushIfFull();
    void flush();
    std::size_t emitted() const { return m_emitted; }   // records handed over so far

private:
    const FileContext &m_file;
    ResultSink &m_sink;
    std::size_t m_batchSize;
    std::size_t m_emitted = 0;
    model::RecordBatch m_batch;
};

} // namespace vigil::plugins
