// SPDX-License-Identifier: GPL-3.0-or-later
// The automatic join rules: candidate joins between two accounts, each with its rule and the
// identifier behind it, in the order the reasons prefer them (owner, phone, email, app-id,
// contact, username) and in a fixed order within a rule, so that the same case always gives the
// same persons and reasons.
#pragma once

#include <cstddef>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "core/analysis/identity/handles.h"
#include "core/analysis/identity/identityinput.h"

namespace vigil::analysis::identity {

enum class Rule { Owner, AppId, Phone, Email, Contact, Username, Analyst, Alone };
const char *ruleName(Rule rule);   // "owner", "app-id", …, "analyst", "alone"
// Which join explains an account best when several could: the analyst's word, then owner, phone,
// email, app-id, contact, username (smaller is better).
int explanationRank(Rule rule);

struct Join {
    Rule rule = Rule::Phone;
    std::size_t a = 0, b = 0;      // account indices
    std::string valueA, valueB;    // the identifier of each side that linked them (equal but for contact)
    std::size_t contact = 0;       // Rule::Contact: index into IdentityInput::contacts
    std::size_t decision = 0;      // Rule::Analyst: index into IdentityInput::decisions
    bool splitTogether = false;    // Rule::Analyst: kept together by a split, not merged
};

struct JoinPlan {
    std::vector<Join> joins;
    // Phone numbers and emails one address book (one app's contacts on one evidence item) lists
    // under names of different people (a family landline, an office number): they join only
    // accounts that have no other identifier. Value -> the names.
    std::map<std::string, std::set<std::string>> shared;
};

// `generic`: nullptr leaves the username rule out.
JoinPlan automaticJoins(const IdentityInput &in, const GenericHandles *generic);

// Address-book entries listing more identifiers than this are not used to join (a company or
// switchboard card).
inline constexpr std::size_t kMaxEntryIdentifiers = 8;

} // namespace vigil::analysis::identity
