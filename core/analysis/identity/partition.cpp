// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/analysis/identity/partition.h"

#include <algorithm>
#include <map>
#include <numeric>
#include <set>
#include <utility>

#include "core/analysis/identity/log.h"

namespace vigil::analysis::identity {

namespace {

using Pair = std::pair<std::size_t, std::size_t>;   // (smaller, larger) account index
using CannotLinks = std::set<Pair>;

Pair ordered(std::size_t a, std::size_t b)
{
    return a < b ? Pair(a, b) : Pair(b, a);
}

// Union-find whose roots carry the accounts their members must never be joined with.
class ConstrainedUnion {
public:
    ConstrainedUnion(std::size_t n, const CannotLinks &cannot) : m_parent(n), m_size(n, 1), m_partners(n)
    {
        std::iota(m_parent.begin(), m_parent.end(), std::size_t{0});
        for (const auto &[a, b] : cannot) {
            m_partners[a].push_back(b);
            m_partners[b].push_back(a);
        }
    }

    std::size_t find(std::size_t x)
    {
        while (m_parent[x] != x)
            x = m_parent[x] = m_parent[m_parent[x]];
        return x;
    }

    // False when already one person or when a cannot-link crosses the two.
    bool unite(std::size_t a, std::size_t b)
    {
        std::size_t ra = find(a), rb = find(b);
        if (ra == rb)
            return false;
        if (m_partners[ra].size() > m_partners[rb].size())
            std::swap(ra, rb);
        for (std::size_t p : m_partners[ra])
            if (find(p) == rb)
                return false;
        if (m_size[ra] > m_size[rb])
            std::swap(ra, rb);
        m_parent[ra] = rb;
        m_size[rb] += m_size[ra];
        auto &into = m_partners[rb];
        into.insert(into.end(), m_partners[ra].begin(), m_partners[ra].end());
        m_partners[ra].clear();
        return true;
    }

private:
    std::vector<std::size_t> m_parent, m_size;
    std::vector<std::vector<std::size_t>> m_partners;
};

struct Replay {
    const IdentityInput &in;
    const std::vector<Join> &automatic;
    std::vector<Join> must;   // analyst joins, in decision order
    CannotLinks cannot;
    std::vector<std::optional<std::size_t>> splitBy;
};

// Kruskal over the analyst joins, then the automatic ones, under the cannot-links.
ConstrainedUnion build(const Replay &r)
{
    ConstrainedUnion uf(r.in.accounts.size(), r.cannot);
    for (const auto *joins : {&r.must, &r.automatic})
        for (const auto &j : *joins)
            uf.unite(j.a, j.b);
    return uf;
}

std::vector<std::size_t> existingAccounts(const IdentityInput &in, const IdentityDecision &d)
{
    std::vector<std::size_t> out;
    for (auto id : d.accountIds) {
        const auto it = in.indexOf.find(id);
        if (it != in.indexOf.end())
            out.push_back(it->second);
        else
            qCWarning(lcIdentity) << "identity decision" << d.id << "names account" << id << "which is not in the case";
    }
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

void applyMerge(Replay &r, std::size_t decision, const std::vector<std::size_t> &members)
{
    auto uf = build(r);
    std::set<std::size_t> roots;
    for (auto m : members)
        roots.insert(uf.find(m));
    std::erase_if(r.cannot, [&](const Pair &p) {
        const std::size_t ra = uf.find(p.first), rb = uf.find(p.second);
        return ra != rb && roots.contains(ra) && roots.contains(rb);
    });
    for (std::size_t i = 1; i < members.size(); ++i)
        r.must.push_back(Join{Rule::Analyst, members.front(), members[i], {}, {}, 0, decision});
}

void applySplit(Replay &r, std::size_t decision, const std::vector<std::size_t> &members)
{
    auto uf = build(r);
    const std::set<std::size_t> split(members.begin(), members.end());
    std::map<std::size_t, std::vector<std::size_t>> byRoot;   // the split accounts' persons
    for (auto m : members)
        byRoot[uf.find(m)];
    for (std::size_t i = 0; i < r.in.accounts.size(); ++i)
        if (const auto it = byRoot.find(uf.find(i)); it != byRoot.end())
            it->second.push_back(i);
    for (const auto &[root, people] : byRoot) {
        std::vector<std::size_t> together;
        for (auto s : people) {
            if (!split.contains(s))
                continue;
            together.push_back(s);
            for (auto u : people)
                if (!split.contains(u))
                    r.cannot.insert(ordered(s, u));
        }
        for (std::size_t i = 1; i < together.size(); ++i)
            r.must.push_back(Join{Rule::Analyst, together.front(), together[i], {}, {}, 0, decision, true});
    }
    std::erase_if(r.must, [&](const Join &j) { return r.cannot.contains(ordered(j.a, j.b)); });
    for (auto m : members)
        r.splitBy[m] = decision;
}

} // namespace

Partition resolvePartition(const IdentityInput &in, const std::vector<Join> &automatic)
{
    Replay r{in, automatic, {}, {}, std::vector<std::optional<std::size_t>>(in.accounts.size())};
    Partition out;
    for (std::size_t k = 0; k < in.decisions.size(); ++k) {
        const auto members = existingAccounts(in, in.decisions[k]);
        const std::string &action = in.decisions[k].action;
        if (members.empty() || (action != "merge" && action != "split")) {
            qCWarning(lcIdentity) << "identity decision" << in.decisions[k].id << "is not replayed: action"
                                  << action.c_str() << "with" << members.size() << "accounts of the case";
            continue;
        }
        ++out.decisionsApplied;
        if (action == "merge")
            applyMerge(r, k, members);
        else
            applySplit(r, k, members);
    }
    auto uf = build(r);
    out.representative.resize(in.accounts.size());
    std::map<std::size_t, std::size_t> smallest;   // root -> smallest member
    for (std::size_t i = 0; i < in.accounts.size(); ++i)
        smallest.emplace(uf.find(i), i);   // i ascends: the first member seen is the smallest
    for (std::size_t i = 0; i < in.accounts.size(); ++i)
        out.representative[i] = smallest[uf.find(i)];
    out.analystJoins = std::move(r.must);
    out.splitBy = std::move(r.splitBy);
    return out;
}

} // namespace vigil::analysis::identity
