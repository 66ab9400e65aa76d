// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/analysis/identity/joinrules.h"

#include <algorithm>
#include <cctype>
#include <tuple>

namespace vigil::analysis::identity {

namespace {

using Groups = std::map<std::string, std::vector<std::size_t>>;

// Links every other member of a group to its first (smallest) account.
void star(std::vector<Join> &out, Rule rule, const std::string &value, const std::vector<std::size_t> &members)
{
    for (std::size_t i = 1; i < members.size(); ++i)
        out.push_back(Join{rule, members.front(), members[i], value, value});
}

// ---- shared values ----

std::vector<std::string> nameWords(const std::string &name)
{
    std::vector<std::string> words(1);
    for (unsigned char c : name) {
        if (std::isalnum(c) || c >= 0x80)
            words.back() += static_cast<char>(std::tolower(c));
        else if (!words.back().empty())
            words.emplace_back();
    }
    if (words.back().empty())
        words.pop_back();
    return words;
}

// The words of a name that say who it is: without a leading title ("Dr", "Mrs").
std::vector<std::string> significantWords(const std::string &name)
{
    static const std::set<std::string> kTitles = {"mr", "mrs", "ms", "miss", "dr", "prof", "sir"};
    auto words = nameWords(name);
    if (words.size() > 1 && kTitles.contains(words.front()))
        words.erase(words.begin());
    return words;
}

// Two names of one person: the same first word ("Chloe (art)", "Chloe (skype)"; "Mum", "Mum mobile").
// "Mum" and "Dad", "John Smith" and "Jane Smith" are two people.
bool sameName(const std::vector<std::string> &a, const std::vector<std::string> &b)
{
    return !a.empty() && !b.empty() && a.front() == b.front();
}

bool differentNames(const std::set<std::string> &names)
{
    std::vector<std::vector<std::string>> words;
    for (const auto &n : names)
        words.push_back(significantWords(n));
    for (std::size_t i = 0; i < words.size(); ++i)
        for (std::size_t j = i + 1; j < words.size(); ++j)
            if (!sameName(words[i], words[j]))
                return true;
    return false;
}

// Values one address book (one app's contacts on one evidence item) lists under different names.
std::map<std::string, std::set<std::string>> sharedValues(const IdentityInput &in)
{
    std::map<std::tuple<std::int64_t, std::string, std::string>, std::set<std::string>> names;   // (evidence, app, value)
    for (const auto &c : in.contacts) {
        if (c.name.empty())
            continue;
        for (const auto *list : {&c.phones, &c.emails})
            for (const auto &v : *list)
                names[{c.evidenceId, c.app, v}].insert(c.name);
    }
    std::map<std::string, std::set<std::string>> shared;
    for (const auto &[key, set] : names)
        if (differentNames(set))
            shared[std::get<2>(key)].insert(set.begin(), set.end());
    return shared;
}

// ---- per rule ----

void ownerJoins(const IdentityInput &in, std::vector<Join> &out)
{
    std::map<std::int64_t, std::vector<std::size_t>> byEvidence;
    for (std::size_t i = 0; i < in.accounts.size(); ++i)
        if (in.accounts[i].owner)
            byEvidence[in.accounts[i].evidenceId].push_back(i);
    for (const auto &[evidence, members] : byEvidence)
        star(out, Rule::Owner, {}, members);
}

void appIdJoins(const IdentityInput &in, std::vector<Join> &out)
{
    std::map<std::pair<std::string, std::string>, std::vector<std::size_t>> byKey;
    for (std::size_t i = 0; i < in.accounts.size(); ++i)
        if (!in.accounts[i].key.empty())
            byKey[{in.accounts[i].app, in.accounts[i].key}].push_back(i);
    for (const auto &[key, members] : byKey)
        star(out, Rule::AppId, key.second, members);
}

// An account's identifiers other than `value` that could bridge to another person.
bool hasOtherIdentifier(const Account &a, const std::string &value, bool distinctiveHandle)
{
    return (!a.phone.empty() && a.phone != value) || (!a.email.empty() && a.email != value) || distinctiveHandle;
}

struct ValueRule {
    Rule rule;
    std::string Account::*field;
};

void valueJoins(const IdentityInput &in, const JoinPlan &plan, const std::vector<bool> &distinctive, ValueRule vr,
                std::vector<Join> &out)
{
    Groups groups;
    for (std::size_t i = 0; i < in.accounts.size(); ++i) {
        const std::string &value = in.accounts[i].*vr.field;
        if (value.empty())
            continue;
        if (plan.shared.contains(value) && hasOtherIdentifier(in.accounts[i], value, distinctive[i]))
            continue;
        groups[value].push_back(i);
    }
    for (const auto &[value, members] : groups)
        star(out, vr.rule, value, members);
}

// The accounts an address-book entry names, each with the identifier that matched it.
using Matches = std::map<std::size_t, std::string>;

Matches entryMatches(const ContactEntry &c, const JoinPlan &plan, const Groups &byPhone, const Groups &byEmail,
                     const std::map<std::tuple<std::int64_t, std::string, std::string>, std::size_t> &byKey)
{
    Matches m;
    for (const auto &[values, index] : {std::pair(&c.phones, &byPhone), std::pair(&c.emails, &byEmail)}) {
        for (const auto &v : *values) {
            const auto it = index->find(v);
            if (it == index->end() || plan.shared.contains(v))
                continue;
            for (auto i : it->second)
                m.emplace(i, v);
        }
    }
    if (!c.accountKey.empty()) {
        const auto it = byKey.find({c.evidenceId, c.app, c.accountKey});
        if (it != byKey.end())
            m.emplace(it->second, c.appName + " " + c.accountKey);
    }
    return m;
}

void contactJoins(const IdentityInput &in, const JoinPlan &plan, std::vector<Join> &out)
{
    Groups byPhone, byEmail;
    std::map<std::tuple<std::int64_t, std::string, std::string>, std::size_t> byKey;
    for (std::size_t i = 0; i < in.accounts.size(); ++i) {
        const Account &a = in.accounts[i];
        if (!a.phone.empty())
            byPhone[a.phone].push_back(i);
        if (!a.email.empty())
            byEmail[a.email].push_back(i);
        if (!a.key.empty())
            byKey.emplace(std::tuple(a.evidenceId, a.app, a.key), i);
    }
    for (std::size_t ci = 0; ci < in.contacts.size(); ++ci) {
        const ContactEntry &c = in.contacts[ci];
        if (c.phones.size() + c.emails.size() + (c.accountKey.empty() ? 0 : 1) > kMaxEntryIdentifiers)
            continue;
        const Matches m = entryMatches(c, plan, byPhone, byEmail, byKey);
        if (m.size() < 2)
            continue;
        const auto &first = *m.begin();
        for (auto it = std::next(m.begin()); it != m.end(); ++it)
            out.push_back(Join{Rule::Contact, first.first, it->first, first.second, it->second, ci});
    }
}

// Accounts of one distinctive handle: each is linked to the first account of another app or
// evidence item (a handle repeated within one app of one device is not evidence of anything).
void usernameJoins(const IdentityInput &in, const std::vector<bool> &distinctive, std::vector<Join> &out)
{
    Groups groups;
    for (std::size_t i = 0; i < in.accounts.size(); ++i)
        if (distinctive[i])
            groups[in.accounts[i].handle].push_back(i);
    for (const auto &[handle, members] : groups) {
        for (std::size_t x : members) {
            const Account &ax = in.accounts[x];
            const auto other = std::find_if(members.begin(), members.end(), [&](std::size_t m) {
                return in.accounts[m].app != ax.app || in.accounts[m].evidenceId != ax.evidenceId;
            });
            if (other != members.end())   // a repeated pair is dropped when persons are formed
                out.push_back(Join{Rule::Username, *other, x, handle, handle});
        }
    }
}

} // namespace

const char *ruleName(Rule rule)
{
    switch (rule) {
    case Rule::Owner: return "owner";
    case Rule::AppId: return "app-id";
    case Rule::Phone: return "phone";
    case Rule::Email: return "email";
    case Rule::Contact: return "contact";
    case Rule::Username: return "username";
    case Rule::Analyst: return "analyst";
    case Rule::Alone: return "alone";
    }
    return "alone";
}

int explanationRank(Rule rule)
{
    switch (rule) {
    case Rule::Analyst: return 0;
    case Rule::Owner: return 1;
    case Rule::Phone: return 2;
    case Rule::Email: return 3;
    case Rule::AppId: return 4;
    case Rule::Contact: return 5;
    case Rule::Username: return 6;
    case Rule::Alone: break;
    }
    return 7;
}

JoinPlan automaticJoins(const IdentityInput &in, const GenericHandles *generic)
{
    JoinPlan plan;
    plan.shared = sharedValues(in);
    std::vector<bool> distinctive(in.accounts.size(), false);
    for (std::size_t i = 0; i < in.accounts.size(); ++i)
        distinctive[i] = generic && !in.accounts[i].handle.empty() && generic->isDistinctive(in.accounts[i].handle);
    ownerJoins(in, plan.joins);
    valueJoins(in, plan, distinctive, {Rule::Phone, &Account::phone}, plan.joins);
    valueJoins(in, plan, distinctive, {Rule::Email, &Account::email}, plan.joins);
    appIdJoins(in, plan.joins);
    contactJoins(in, plan, plan.joins);
    usernameJoins(in, distinctive, plan.joins);
    return plan;
}

} // namespace vigil::analysis::identity
