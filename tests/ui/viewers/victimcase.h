// SPDX-License-Identifier: GPL-3.0-or-later
// The case the victims views are tested on: the people scenario of the core tests
// (tests/core/analysis/people: one suspect, victims Ava, Ben, Cara and Dan, ordinary contacts)
// plus victims in Australia, Ireland and the United States and a second, unlinked Skype account
// of Ava's, analysed by the real people analysis (identity, indicators, scores, location,
// victims) as a job of the case's writer, the way the desktop runs it.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <string>

#include "core/casedb/database.h"
#include "tests/core/analysis/people/peoplecase.h"

namespace vigil::test {

struct VictimCase {
    std::filesystem::path dir;
    Scenario scenario;   // accounts["ava"], messages["ava-selfharm"], ...
    std::map<std::string, std::int64_t> accounts, messages;   // the extra ones: "lena", "ava-skype", ...
    std::int64_t account(const std::string &name) const;      // scenario's or extra
};

// Builds and analyses the case in `dir`; failures are reported to gtest (check HasFatalFailure).
VictimCase buildVictimCase(const std::filesystem::path &dir);

// The person an account belongs to now (0: none), read from the case.
std::int64_t personOf(const std::filesystem::path &caseDir, std::int64_t accountId);
std::int64_t caseScalar(const std::filesystem::path &caseDir, const std::string &sql);

} // namespace vigil::test
