// SPDX-License-Identifier: GPL-3.0-or-later
// Clusters: the person-level communication graph (an edge per pair of persons sharing a
// conversation, weighted by its messages; a group chat of k persons links every pair with
// 1/(k-1) of its weight, so one busy group does not outweigh the one-to-one conversations) split
// into communities by Louvain (igraph_community_multilevel, fixed seed) -> persons.cluster_id.
#pragma once

#include <cstdint>
#include <map>
#include <utility>
#include <vector>

#include "core/analysis/people/peopleindex.h"

namespace vigil::analysis {

using PersonPair = std::pair<std::int64_t, std::int64_t>;   // first < second

// The weighted edges of the graph, in pair order.
std::map<PersonPair, double> personEdges(const PeopleIndex &index);

// Community of every person with at least one edge: cluster ids 1..n numbered in order of each
// community's smallest person id. Deterministic.
Result<std::map<std::int64_t, std::int64_t>> detectCommunities(const std::map<PersonPair, double> &edges);

// Sets persons.cluster_id (NULL for persons without edges); returns the number of clusters.
Result<std::int64_t> clusterPersons(casedb::Database &db, const PeopleIndex &index);

} // namespace vigil::analysis
