// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/analysis/people/clusters.h"

#include <algorithm>
#include <set>

#include "core/analysis/people/igraphwrap.h"

namespace vigil::analysis {

namespace {

constexpr igraph_uint_t kSeed = 20240207;   // Louvain visits vertices in a random order: fix it

Result<void> check(igraph_error_t e, const char *what)
{
    if (e == IGRAPH_SUCCESS)
        return {};
    return fail(ErrorCode::Internal, std::string("Community detection failed: ") + what, igraph_strerror(e));
}

// Vertex numbers for the persons of the edges, in person id order.
std::vector<std::int64_t> vertexPersons(const std::map<PersonPair, double> &edges)
{
    std::set<std::int64_t> persons;
    for (const auto &[pair, w] : edges) {
        persons.insert(pair.first);
        persons.insert(pair.second);
    }
    return {persons.begin(), persons.end()};
}

igraph_integer_t vertexOf(const std::vector<std::int64_t> &persons, std::int64_t person)
{
    return std::ranges::lower_bound(persons, person) - persons.begin();
}

// Renumbers igraph's community indices 1..n in order of their smallest person.
std::map<std::int64_t, std::int64_t> numberCommunities(const std::vector<std::int64_t> &persons,
                                                      IgraphIntVector &membership)
{
    std::map<igraph_integer_t, std::int64_t> ids;
    std::map<std::int64_t, std::int64_t> out;
    for (std::size_t v = 0; v < persons.size(); ++v) {
        const auto community = membership[static_cast<igraph_integer_t>(v)];
        const auto id = ids.emplace(community, static_cast<std::int64_t>(ids.size()) + 1).first->second;
        out[persons[v]] = id;
    }
    return out;
}

} // namespace

std::map<PersonPair, double> personEdges(const PeopleIndex &index)
{
    std::map<PersonPair, double> edges;
    for (const auto &[id, c] : index.conversations()) {
        const std::set<std::int64_t> persons = c.persons();
        if (persons.size() < 2)
            continue;
        const double weight = static_cast<double>(std::max<std::int64_t>(1, c.messages))
                              / static_cast<double>(persons.size() - 1);
        for (auto a = persons.begin(); a != persons.end(); ++a)
            for (auto b = std::next(a); b != persons.end(); ++b)
                edges[{*a, *b}] += weight;
    }
    return edges;
}

Result<std::map<std::int64_t, std::int64_t>> detectCommunities(const std::map<PersonPair, double> &edges)
{
    const std::vector<std::int64_t> persons = vertexPersons(edges);
    if (persons.empty())
        return std::map<std::int64_t, std::int64_t>{};
    IgraphLock lock;
    IgraphGraph graph;
    IgraphIntVector ends, membership;
    IgraphRealVector weights;
    const auto edgeCount = static_cast<igraph_integer_t>(edges.size());
    if (auto r = check(graph.init(static_cast<igraph_integer_t>(persons.size())), "graph"); !r)
        return std::unexpected(r.error());
    if (auto r = check(ends.init(2 * edgeCount), "edges"); !r)
        return std::unexpected(r.error());
    if (auto r = check(weights.init(edgeCount), "weights"); !r)
        return std::unexpected(r.error());
    if (auto r = check(membership.init(0), "membership"); !r)
        return std::unexpected(r.error());
    igraph_integer_t i = 0;
    for (const auto &[pair, w] : edges) {
        ends[2 * i] = vertexOf(persons, pair.first);
        ends[2 * i + 1] = vertexOf(persons, pair.second);
        weights[i++] = w;
    }
    if (auto r = check(igraph_add_edges(graph.get(), ends.get(), nullptr), "adding edges"); !r)
        return std::unexpected(r.error());
    igraph_rng_seed(igraph_rng_default(), kSeed);
    if (auto r = check(igraph_community_multilevel(graph.get(), weights.get(), 1.0, membership.get(), nullptr, nullptr),
                       "Louvain");
        !r)
        return std::unexpected(r.error());
    return numberCommunities(persons, membership);
}

Result<std::int64_t> clusterPersons(casedb::Database &db, const PeopleIndex &index)
{
    auto communities = detectCommunities(personEdges(index));
    if (!communities)
        return std::unexpected(communities.error());
    if (auto r = db.exec("UPDATE persons SET cluster_id = NULL"); !r)
        return std::unexpected(r.error());
    auto st = db.prepare("UPDATE persons SET cluster_id = ? WHERE id = ?");
    if (!st)
        return std::unexpected(st.error());
    std::set<std::int64_t> clusters;
    for (const auto &[person, cluster] : *communities) {
        if (auto r = st->bind(1, cluster).bind(2, person).run(); !r)
            return std::unexpected(r.error());
        clusters.insert(cluster);
    }
    return static_cast<std::int64_t>(clusters.size());
}

} // namespace vigil::analysis
