// SPDX-License-Identifier: GPL-3.0-or-later
// The sentence stored with each account of a person: why it belongs there.
#pragma once

#include <cstddef>
#include <string>

#include "core/analysis/identity/partition.h"

namespace vigil::analysis::identity {

// Why `child` is in the person of `linked`, through `join` (which joins the two).
std::string joinReason(const IdentityInput &in, const Join &join, std::size_t child, std::size_t linked);
// Why an account is a person on its own.
std::string aloneReason(const IdentityInput &in, const Partition &partition, const JoinPlan &plan, std::size_t account);

} // namespace vigil::analysis::identity
