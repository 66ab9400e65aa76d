// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QTemporaryDir>

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>

#include "core/casedb/casestore.h"

namespace vigil::test {

// A generated case: evidence 1 (an image: one volume, one file system) with `files`
// synthetic files under /dirNNN/subN/ plus folders; evidence 2 (a logical folder) with
// a few files; three processing errors. File i is deleted when i % 7 == 0 (reallocated
// when i % 49 == 0), hashed when i % 10 == 0 (type "jpeg" when i % 20 == 0, else
// "text"; extension mismatch when i % 30 == 0). Every 50th file sits directly in its
// top folder.
struct SynthCase {
    QTemporaryDir temp;
    std::filesystem::path dir;
    std::unique_ptr<casedb::CaseStore> store;   // stays open: tests write while models read
    std::int64_t imageEvidence = 0, logicalEvidence = 0, volumeId = 0, fsId = 0;
    std::int64_t files = 0;
    double buildSeconds = 0;
};

std::unique_ptr<SynthCase> buildSynthCase(std::int64_t files);
std::string md5Of(std::int64_t i);   // the synthetic MD5 of file i (hashed files only)
model::FileRecord fileRecord(std::int64_t evidenceId, std::optional<std::int64_t> fsId, const std::string &path,
                             model::MetaType type, bool deleted);

} // namespace vigil::test
