// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/pipeline/ingest.h"

namespace vigil::pipeline {

// Ingests a folder or ZIP (a logical phone extraction): index and content in one pass.
void ingestLogical(casedb::CaseStore &store, const IngestOptions &options, const ProgressFn &progress,
                   EvidenceSummary &summary);

} // namespace vigil::pipeline
