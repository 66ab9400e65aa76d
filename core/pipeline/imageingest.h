// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <memory>
#include <optional>

#include "core/evidence/bytesource.h"
#include "core/pipeline/ingest.h"

namespace vigil::pipeline {

// Ingests a disk image: volumes and file systems, the index of every entry, the content
// pass, and (when asked) media verification. prior: this evidence's row from an earlier
// unfinished ingest into the case, which is resumed.
void ingestImage(casedb::CaseStore &store, const IngestOptions &options, const ProgressFn &progress,
                 EvidenceSummary &summary, std::unique_ptr<evidence::ByteSource> source,
                 const std::optional<casedb::EvidenceState> &prior);

// Re-hashes the whole media of an ingested image and records the result (--verify). Used
// directly when an ingest was stopped after its content was done but before it verified.
void verifyImage(casedb::CaseStore &store, const IngestOptions &options, const ProgressFn &progress,
                 EvidenceSummary &summary);

} // namespace vigil::pipeline
