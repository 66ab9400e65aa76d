// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/analysis/identity/persons.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <set>
#include <tuple>

#include "core/analysis/identity/reasons.h"

namespace vigil::analysis::identity {

namespace {

constexpr const char *kPlaceholderName = "Device owner";   // what the case store names an owner without a key

// An account key as a name: as it is, unless it is a long opaque id (a Snapchat UUID), which
// becomes "Snapchat user 9e4b2c71…" (the full key stays on the account).
std::string keyLabel(const Account &a)
{
    constexpr std::size_t kOpaque = 24, kShown = 8;
    const bool opaque = a.key.size() >= kOpaque
                        && std::ranges::all_of(a.key, [](char c) { return std::isxdigit(static_cast<unsigned char>(c)) || c == '-'; });
    if (!opaque)
        return a.key;
    const std::string app = a.appName.empty() ? a.app : a.appName;
    return app + " user " + a.key.substr(0, kShown) + "\u2026";
}

// The best name among a person's accounts (in id order): an address-book name, a display name,
// a phone number, a username, an account key.
std::string labelOf(const IdentityInput &in, const std::vector<std::size_t> &members)
{
    using Pick = std::string (*)(const Account &);
    const Pick picks[] = {
        [](const Account &a) { return a.contactName; },
        [](const Account &a) { return a.displayName == kPlaceholderName ? std::string() : a.displayName; },
        [](const Account &a) { return a.phone; },
        [](const Account &a) { return a.handle; },
        [](const Account &a) { return keyLabel(a); },
    };
    for (const auto pick : picks)
        for (auto i : members)
            if (auto name = pick(in.accounts[i]); !name.empty())
                return name;
    return kPlaceholderName;
}

struct Edge {
    std::size_t other = 0;
    const Join *join = nullptr;
};
using Adjacency = std::vector<std::vector<Edge>>;   // by account index

// A join to an already placed account, the better one first: the nearer account (breadth-first
// from the person's first account), then the better rule, then the smaller account.
struct Placement {
    int rank = 0;
    std::size_t parent = 0;
    const Join *join = nullptr;
    bool operator<(const Placement &o) const { return std::tie(rank, parent) < std::tie(o.rank, o.parent); }
};

// Each account's explaining join: layer by layer from the person's first account, every account
// takes its best join into the layer before (so it is explained by the shortest chain of shared
// identifiers). The first account takes its best join to the first layer.
std::map<std::size_t, Placement> orient(std::size_t root, const Adjacency &adjacent)
{
    std::map<std::size_t, Placement> placed;
    std::set<std::size_t> seen{root};
    std::vector<std::size_t> layer{root};
    while (!layer.empty()) {
        std::map<std::size_t, Placement> next;
        for (std::size_t x : layer)
            for (const Edge &e : adjacent[x]) {
                const Placement candidate{explanationRank(e.join->rule), x, e.join};
                if (seen.contains(e.other))
                    continue;
                if (auto it = next.find(e.other); it == next.end() || candidate < it->second)
                    next[e.other] = candidate;
            }
        layer.clear();
        for (const auto &[y, p] : next) {
            seen.insert(y);
            placed[y] = p;
            layer.push_back(y);
        }
    }
    for (const Edge &e : adjacent[root]) {
        const Placement candidate{explanationRank(e.join->rule), e.other, e.join};
        if (auto it = placed.find(root); it == placed.end() || candidate < it->second)
            placed[root] = candidate;
    }
    return placed;
}

Person makePerson(const IdentityInput &in, const Partition &p, const JoinPlan &plan, const std::vector<std::size_t> &members,
                  const Adjacency &adjacent)
{
    Person person;
    person.label = labelOf(in, members);
    person.role = "other";
    const auto placed = orient(members.front(), adjacent);
    for (auto i : members) {
        if (in.accounts[i].owner)
            person.role = "suspect";
        PlacedAccount account{in.accounts[i].id, ruleName(Rule::Alone), {}, {}};
        if (const auto it = placed.find(i); it != placed.end()) {
            account.rule = ruleName(it->second.join->rule);
            account.reason = joinReason(in, *it->second.join, i, it->second.parent);
            account.linkedAccountId = in.accounts[it->second.parent].id;
        } else {
            account.reason = aloneReason(in, p, plan, i);
        }
        person.accounts.push_back(std::move(account));
    }
    return person;
}

// Every join (the analyst's and the automatic candidates) between two accounts of one person:
// each is a true shared identifier or decision, whichever joins formed the persons.
Adjacency adjacencyWithin(const IdentityInput &in, const Partition &p, const JoinPlan &plan)
{
    Adjacency adjacent(in.accounts.size());
    for (const auto *joins : {&p.analystJoins, &plan.joins})
        for (const Join &j : *joins)
            if (p.representative[j.a] == p.representative[j.b] && j.a != j.b) {
                adjacent[j.a].push_back({j.b, &j});
                adjacent[j.b].push_back({j.a, &j});
            }
    return adjacent;
}

} // namespace

std::vector<Person> formPersons(const IdentityInput &in, const Partition &p, const JoinPlan &plan)
{
    std::map<std::size_t, std::vector<std::size_t>> byPerson;   // smallest account index -> members, ascending
    for (std::size_t i = 0; i < in.accounts.size(); ++i)
        byPerson[p.representative[i]].push_back(i);
    const Adjacency adjacent = adjacencyWithin(in, p, plan);
    std::vector<Person> persons;
    for (const auto &[first, members] : byPerson) {
        persons.push_back(makePerson(in, p, plan, members, adjacent));
        persons.back().id = static_cast<std::int64_t>(persons.size());
    }
    return persons;
}

Result<void> writePersons(casedb::Database &db, const std::vector<Person> &persons)
{
    if (auto r = db.exec("DELETE FROM person_accounts; DELETE FROM persons;"); !r)
        return r;
    auto person = db.prepare("INSERT INTO persons(id, label, role) VALUES (?,?,?)");
    auto account = db.prepare(
        "INSERT INTO person_accounts(account_id, person_id, rule, reason, linked_account_id) VALUES (?,?,?,?,?)");
    if (!person || !account)
        return std::unexpected(!person ? person.error() : account.error());
    for (const auto &p : persons) {
        if (auto r = person->bind(1, p.id).bind(2, p.label).bind(3, p.role).run(); !r)
            return r;
        for (const auto &a : p.accounts) {
            account->bind(1, a.accountId).bind(2, p.id).bind(3, a.rule).bind(4, a.reason).bind(5, a.linkedAccountId);
            if (auto r = account->run(); !r)
                return r;
        }
    }
    return {};
}

} // namespace vigil::analysis::identity
