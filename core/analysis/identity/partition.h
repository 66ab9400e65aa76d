// SPDX-License-Identifier: GPL-3.0-or-later
// Accounts into persons: a union-find over the joins that never joins two accounts an analyst
// split apart (cannot-link constraints), with the analyst's decisions replayed in order. A merge
// adds analyst joins (and lifts earlier splits between the persons it merges); a split puts
// cannot-links between the listed accounts and the rest of their person at that point, so no
// automatic rule joins them back on any later run.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

#include "core/analysis/identity/joinrules.h"

namespace vigil::analysis::identity {

struct Partition {
    std::vector<std::size_t> representative;   // account index -> smallest account index of its person
    std::vector<Join> analystJoins;            // the analyst's joins still in force after the replay
    std::vector<std::optional<std::size_t>> splitBy;   // account index -> the last split (decision index) naming it
    std::int64_t decisionsApplied = 0;         // live decisions naming at least one existing account
};

Partition resolvePartition(const IdentityInput &in, const std::vector<Join> &automatic);

} // namespace vigil::analysis::identity
