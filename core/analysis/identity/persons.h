// SPDX-License-Identifier: GPL-3.0-or-later
// Persons from a partition: numbered in the order of their smallest account id, labelled with
// their best name, each account with the rule, reason and linked account that placed it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/analysis/identity/partition.h"

namespace vigil::analysis::identity {

struct PlacedAccount {
    std::int64_t accountId = 0;
    std::string rule, reason;
    std::optional<std::int64_t> linkedAccountId;
};

struct Person {
    std::int64_t id = 0;
    std::string label, role;   // role: "suspect" or "other"
    std::vector<PlacedAccount> accounts;   // by account id
};

std::vector<Person> formPersons(const IdentityInput &in, const Partition &partition, const JoinPlan &plan);

// Replaces persons and person_accounts with these.
Result<void> writePersons(casedb::Database &db, const std::vector<Person> &persons);

} // namespace vigil::analysis::identity
