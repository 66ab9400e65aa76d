// SPDX-License-Identifier: GPL-3.0-or-later
// A real case database (schema migrated, foreign keys on) with accounts and address-book entries
// inserted through the schema, for identity-resolution tests; and what the resolution wrote.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/casedb/database.h"
#include "tests/testutil/tempdir.h"

namespace vigil::test {

struct AccountSpec {
    AccountSpec(std::string app_, std::string key_, std::string displayName_ = {}, std::string phone_ = {},
                std::string email_ = {}, std::string username_ = {}, std::string contactName_ = {}, bool owner_ = false)
        : app(std::move(app_)), key(std::move(key_)), displayName(std::move(displayName_)), phone(std::move(phone_)),
          email(std::move(email_)), username(std::move(username_)), contactName(std::move(contactName_)), owner(owner_)
    {
    }
    std::string app, key, displayName, phone, email, username, contactName;
    bool owner = false;
};

struct ContactSpec {
    ContactSpec(std::string app_, std::string name_, std::vector<std::string> phones_, std::vector<std::string> emails_,
                std::string accountKey_ = {})
        : app(std::move(app_)), name(std::move(name_)), phones(std::move(phones_)), emails(std::move(emails_)),
          accountKey(std::move(accountKey_))
    {
    }
    std::string app, name;
    std::vector<std::string> phones, emails;   // stored as values (E.164 / lower case) and raw
    std::string accountKey;
};

class IdentityCase {
public:
    IdentityCase();
    casedb::Database &db() { return m_db; }
    const std::filesystem::path &dir() const { return m_dir.path(); }

    std::int64_t addEvidence(const std::string &name);
    std::int64_t addAccount(std::int64_t evidenceId, const AccountSpec &spec);
    std::int64_t addContact(std::int64_t evidenceId, const ContactSpec &spec);

    // After resolveIdentities: the person of an account, its rule, reason and linked account.
    std::int64_t personOf(std::int64_t accountId);
    std::string ruleOf(std::int64_t accountId);
    std::string reasonOf(std::int64_t accountId);
    std::optional<std::int64_t> linkedOf(std::int64_t accountId);
    std::string roleOf(std::int64_t personId);
    std::string labelOf(std::int64_t personId);
    std::int64_t scalar(const std::string &sql);
    // Every row of persons and person_accounts as text, for comparing two runs.
    std::vector<std::string> dump();

private:
    std::int64_t sourceFor(std::int64_t evidenceId, const std::string &app);
    std::string text(const std::string &sql, std::int64_t id);

    TempDir m_dir;
    casedb::Database m_db;
    std::map<std::pair<std::int64_t, std::string>, std::int64_t> m_sources;
    std::int64_t m_files = 0;
};

} // namespace vigil::test
