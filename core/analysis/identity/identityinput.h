// SPDX-License-Identifier: GPL-3.0-or-later
// What identity resolution reads from the case: every account with its identifiers made
// comparable (E.164 phone, normalised email, handle), every address-book entry with its
// identifiers, and the live identity decisions.
#pragma once

#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/analysis/identity/decisions.h"
#include "core/casedb/database.h"

namespace vigil::analysis::identity {

struct Account {
    std::int64_t id = 0, evidenceId = 0;
    std::string app, appName, evidenceName;
    std::string key, displayName, contactName;
    std::string phone;    // valid E.164, else ""
    std::string email;    // normalised, else ""
    std::string handle;   // normalised username (or Skype/Snapchat name), else ""
    bool owner = false;
};

struct ContactEntry {
    std::int64_t id = 0, evidenceId = 0;
    std::string app, appName, name, accountKey;
    std::vector<std::string> phones, emails;   // valid E.164 / normalised; no repeats
};

struct IdentityInput {
    std::vector<Account> accounts;   // ordered by id
    std::vector<ContactEntry> contacts;   // ordered by id
    std::vector<IdentityDecision> decisions;   // live ones, oldest first
    std::unordered_map<std::int64_t, std::size_t> indexOf;   // account id -> index in accounts

    // "WhatsApp 'Mia' (account 12, evidence 1)"
    std::string describe(std::size_t account) const;
};

Result<IdentityInput> loadIdentityInput(casedb::Database &db);

// A valid E.164 number as stored ("+447700900452"), else "" (short codes, junk, raw numbers).
std::string validPhone(const std::string &value);

} // namespace vigil::analysis::identity
