// SPDX-License-Identifier: GPL-3.0-or-later
// identity_decisions.account_ids: a JSON array of account ids ("[4,9]").
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace vigil::analysis::identity {

std::string formatAccountIds(const std::vector<std::int64_t> &ids);
// nullopt unless the text is a JSON array of positive integers (a damaged or edited row).
std::optional<std::vector<std::int64_t>> parseAccountIds(std::string_view text);

} // namespace vigil::analysis::identity
