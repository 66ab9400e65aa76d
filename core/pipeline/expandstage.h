// SPDX-License-Identifier: GPL-3.0-or-later
// The expand stage (issue 6): archives inside the evidence are opened and their members become
// files of their own ("member", bytes kept in CASE/derived/<id>), and files the content pass
// could not search in memory (over kSearchInMemoryLimit, or logical evidence, which is hashed in
// one pass without file ids) are searched for embedded files. Rounds of content pass and
// expand stage repeat until nothing new appears or the depth limit stops them.
#pragma once

#include <cstdint>
#include <functional>

#include "core/casedb/casestore.h"
#include "core/pipeline/ingest.h"

namespace vigil::pipeline {

struct ExpandStats {
    std::uint64_t examined = 0;      // files looked at
    std::uint64_t archives = 0;      // archives expanded (fully or until a limit)
    std::uint64_t members = 0, memberBytes = 0;
    std::uint64_t searched = 0, embedded = 0;
    std::uint64_t errors = 0;        // processing errors recorded (bombs, damage, depth)
    std::uint64_t added() const { return members + embedded; }
};

// One round over the files of `evidenceId` whose expand_status is still empty. Each file
// looked at gets its expand_status ("expanded", "searched", "failed", "too-deep"), so a
// resumed or repeated ingest never expands a file twice; an archive interrupted half-way is
// expanded again without duplicating the members it already gave.
ExpandStats runExpandStage(casedb::CaseStore &store, std::int64_t evidenceId, const IngestOptions &options,
                           const std::function<void(std::uint64_t done, std::uint64_t total)> &tick = {});

// Content pass of the pending derived files, then the expand stage, in rounds until nothing
// new appears; progress (Stage::Content / Stage::Expanding) and the figures in `summary`.
void expandEvidence(casedb::CaseStore &store, const IngestOptions &options, EvidenceSummary &summary,
                    const ProgressFn &progress);

} // namespace vigil::pipeline
