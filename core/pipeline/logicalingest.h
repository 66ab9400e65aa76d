// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/pipeline/ingest.h"

namespace vigil::pipeline {

// Ingests a folder or ZIP (a logical phone extraction): index and content in one pass.
// prior: the evidence row of an earlier unfinished ingest, whose rows are redone.
void ingestLogical(casedb::CaseStore &store, const IngestOptions &options, const ProgressFn &progress,
                   EvidenceSummary &summary, const std::optional<casedb::EvidenceState> &prior);

} // namespace vigil::pipeline
