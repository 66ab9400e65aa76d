// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/analysis/identity/identityinput.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <string_view>

#include "core/analysis/identifiers.h"
#include "core/analysis/identity/handles.h"

namespace vigil::analysis::identity {

namespace {

using casedb::Database;
using casedb::Statement;

// Apps whose account key is the user's own handle (a Skype name, a Snapchat username) rather
// than a number, JID or opaque id; for the others only accounts.username is a handle.
constexpr std::array<std::string_view, 2> kHandleKeyedApps = {"skype", "snapchat"};

// A generated id (a UUID, a long hex string) is not a name someone chose.
bool looksGenerated(const std::string &key)
{
    return key.size() >= 16 &&
           std::all_of(key.begin(), key.end(), [](unsigned char c) { return std::isxdigit(c) || c == '-'; });
}

std::string handleOf(const std::string &app, const std::string &key, const std::string &username)
{
    if (!username.empty())
        return normalizeHandle(username);
    const bool keyed = std::find(kHandleKeyedApps.begin(), kHandleKeyedApps.end(), app) != kHandleKeyedApps.end();
    if (!keyed || key.find_first_of(":@/") != std::string::npos || looksGenerated(key))
        return {};
    return normalizeHandle(key);
}

// validPhone per distinct value: libphonenumber's parse is the slowest step, and one number
// recurs in many apps and address books.
class PhoneCache {
public:
    const std::string &valid(const std::string &value)
    {
        auto it = m_seen.find(value);
        if (it == m_seen.end())
            it = m_seen.emplace(value, validPhone(value)).first;
        return it->second;
    }

private:
    std::unordered_map<std::string, std::string> m_seen;
};

constexpr const char *kAccountsSql = R"SQL(
SELECT a.id, a.evidence_id, a.app, coalesce(ap.name, a.app), coalesce(e.display_name, ''), a.account_key,
       coalesce(a.display_name, ''), coalesce(a.contact_name, ''), coalesce(a.phone, ''), coalesce(a.email, ''),
       coalesce(a.username, ''), a.is_owner
FROM accounts a LEFT JOIN applications ap ON ap.id = a.app LEFT JOIN evidence e ON e.id = a.evidence_id
ORDER BY a.id)SQL";

Result<void> loadAccounts(Database &db, IdentityInput &in, PhoneCache &phones)
{
    auto st = db.prepare(kAccountsSql);
    if (!st)
        return std::unexpected(st.error());
    auto rows = st->forEachRow([&](const Statement &s) {
        Account a;
        a.id = s.int64(0);
        a.evidenceId = s.int64(1);
        a.app = s.text(2);
        a.appName = s.text(3);
        a.evidenceName = s.text(4);
        a.key = s.text(5);
        a.displayName = s.text(6);
        a.contactName = s.text(7);
        a.phone = phones.valid(s.text(8));
        a.email = normalizeEmail(s.text(9));
        a.handle = handleOf(a.app, a.key, s.text(10));
        a.owner = s.int64(11) != 0;
        in.indexOf.emplace(a.id, in.accounts.size());
        in.accounts.push_back(std::move(a));
        return true;
    });
    return rows ? Result<void>{} : std::unexpected(rows.error());
}

constexpr const char *kContactsSql = R"SQL(
SELECT c.id, c.evidence_id, c.app, coalesce(ap.name, c.app), coalesce(c.name, ''), coalesce(c.account_key, ''),
       ci.kind, ci.value
FROM contacts c LEFT JOIN applications ap ON ap.id = c.app
LEFT JOIN contact_identifiers ci ON ci.contact_id = c.id AND ci.value IS NOT NULL AND ci.kind IN ('phone', 'email')
ORDER BY c.id, ci.rowid)SQL";

void addIdentifier(ContactEntry &c, const std::string &kind, const std::string &value, PhoneCache &phones)
{
    auto &list = kind == "phone" ? c.phones : c.emails;
    const std::string v = kind == "phone" ? phones.valid(value) : normalizeEmail(value);
    if (!v.empty() && std::find(list.begin(), list.end(), v) == list.end())
        list.push_back(v);
}

Result<void> loadContacts(Database &db, IdentityInput &in, PhoneCache &phones)
{
    auto st = db.prepare(kContactsSql);
    if (!st)
        return std::unexpected(st.error());
    auto rows = st->forEachRow([&](const Statement &s) {
        if (in.contacts.empty() || in.contacts.back().id != s.int64(0))
            in.contacts.push_back({s.int64(0), s.int64(1), s.text(2), s.text(3), s.text(4), s.text(5), {}, {}});
        if (!s.isNull(6))
            addIdentifier(in.contacts.back(), s.text(6), s.text(7), phones);
        return true;
    });
    return rows ? Result<void>{} : std::unexpected(rows.error());
}

} // namespace

std::string validPhone(const std::string &value)
{
    if (value.size() < 8 || value.front() != '+')
        return {};
    auto e164 = toE164(value, "");
    return e164 && *e164 == value ? value : std::string();
}

std::string IdentityInput::describe(std::size_t i) const
{
    const Account &a = accounts[i];
    const std::string &name = !a.displayName.empty() && a.displayName != a.key ? a.displayName : a.key;
    std::string out = a.appName;
    if (!name.empty())
        out += " '" + name + "'";
    return out + " (account " + std::to_string(a.id) + ", evidence " + std::to_string(a.evidenceId) + ")";
}

Result<IdentityInput> loadIdentityInput(Database &db)
{
    IdentityInput in;
    PhoneCache phones;
    if (auto r = loadAccounts(db, in, phones); !r)
        return std::unexpected(r.error());
    if (auto r = loadContacts(db, in, phones); !r)
        return std::unexpected(r.error());
    auto decisions = listDecisions(db);
    if (!decisions)
        return std::unexpected(decisions.error());
    for (auto &d : *decisions)
        if (d.undoneUtc.empty())
            in.decisions.push_back(std::move(d));
    return in;
}

} // namespace vigil::analysis::identity
