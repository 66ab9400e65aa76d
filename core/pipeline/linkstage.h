// SPDX-License-Identifier: GPL-3.0-or-later
// After the parse stage: what needs every database of an evidence item at once. The device's
// home region (for phone numbers stored without a country code), names from the address
// books, and attachments tied to the files that hold them. Re-runnable; rows already settled
// are left alone.
#pragma once

#include <cstdint>
#include <string>

#include "core/casedb/database.h"

namespace vigil::pipeline {

struct LinkResult {
    std::string homeRegion, homeRegionSource;   // source: "option", "owner-number", "most-numbers" or ""
    std::int64_t phonesNormalized = 0;          // numbers placed with the home region
    std::int64_t namesFromContacts = 0;         // accounts that got an address-book name
    std::int64_t attachmentsLinked = 0;
};

// Runs inside a writer job (one transaction). `region`: the examiner's choice, or "".
Result<LinkResult> linkCommunications(casedb::Database &db, std::int64_t evidenceId, const std::string &region);

// The device's home region from its numbers: the region of the owner's own numbers, else the
// region of most (at least half, and two or more) of the numbers on the device.
struct RegionGuess {
    std::string region, source;
};
Result<RegionGuess> guessHomeRegion(casedb::Database &db, std::int64_t evidenceId);

} // namespace vigil::pipeline
