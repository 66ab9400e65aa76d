// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Small pieces the ingest stages share (not part of the pipeline's public interface).

#include <QString>

#include <chrono>
#include <filesystem>

#include "core/casedb/queries.h"
#include "core/pipeline/ingest.h"

namespace vigil::pipeline {

inline double secondsSince(std::chrono::steady_clock::time_point t0)
{
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

inline QString q(const std::string &s) { return QString::fromStdString(s); }

// Fills the index counts of `sum` (volumes, files, deleted, file systems) from what the
// case already holds for sum.evidenceId; returns the whole summary for further fields.
Result<casedb::IndexSummary> loadIndexCounts(const std::filesystem::path &caseDir, EvidenceSummary &sum);

} // namespace vigil::pipeline
