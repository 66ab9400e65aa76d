// SPDX-License-Identifier: GPL-3.0-or-later
// Clusters (igraph Louvain on the person graph) and a victim shared by two suspects.
#include <gtest/gtest.h>

#include "core/analysis/people/clusters.h"
#include "core/casedb/peoplequery.h"
#include "tests/core/analysis/people/peopletest.h"

using namespace vigil;
using namespace vigil::test;
using analysis::PersonPair;

TEST(Communities, TwoDenseGroupsJoinedByOneWeakEdgeAreTwoClusters)
{
    std::map<PersonPair, double> edges{{{1, 2}, 10}, {{1, 3}, 10}, {{2, 3}, 10},   // triangle 1-2-3
                                       {{4, 5}, 10}, {{4, 6}, 10}, {{5, 6}, 10},   // triangle 4-5-6
                                       {{3, 4}, 1}};
    auto communities = analysis::detectCommunities(edges);
    ASSERT_TRUE(communities) << communities.error().toString();
    const std::map<std::int64_t, std::int64_t> expected{{1, 1}, {2, 1}, {3, 1}, {4, 2}, {5, 2}, {6, 2}};
    EXPECT_EQ(*communities, expected);   // numbered by each community's smallest person
    EXPECT_EQ(*analysis::detectCommunities(edges), *communities);
    EXPECT_TRUE(analysis::detectCommunities({})->empty());
}

namespace {

// Two suspects on two devices, three victims each and one they share.
class TwoSuspects : public PeopleCaseTest {
protected:
    void SetUp() override
    {
        PeopleCaseTest::SetUp();
        const auto a = c().account({"whatsapp-android", "a@wa", "Suspect A", "+447700900100", true, 1});
        const auto b = c().account({"whatsapp-android", "b@wa", "Suspect B", "+447700900200", true, 2});
        suspectA = c().person("Suspect A", "suspect", {a});
        suspectB = c().person("Suspect B", "suspect", {b});
        for (int i = 0; i < 3; ++i) {
            ofA.push_back(victimOf({a}, "a" + std::to_string(i), 1));
            ofB.push_back(victimOf({b}, "b" + std::to_string(i), 2));
        }
        shared = victimOf({a, b}, "shared", 0);
        score();
    }

    // A child groomed by the given suspects' accounts (each on its own device).
    std::int64_t victimOf(const std::vector<std::int64_t> &suspects, const std::string &name, std::int64_t evidence)
    {
        std::vector<std::int64_t> accounts;
        for (const auto suspect : suspects) {
            const std::int64_t device = evidence ? evidence : (suspect == suspects.front() ? 1 : 2);
            const auto child = c().account({"whatsapp-android", name + "@wa", name, "", false, device});
            accounts.push_back(child);
            const auto chat = c().conversation("whatsapp-android", {suspect, child}, false, device);
            c().message(chat, child, "incoming", feb(2), "I'm 13");
            c().message(chat, suspect, "outgoing", feb(3), "send me a pic");
            c().message(chat, child, "incoming", feb(4), "no");
        }
        return c().person(name, "other", accounts);
    }

    std::optional<std::int64_t> clusterOf(std::int64_t person)
    {
        auto p = casedb::findPerson(c().db(), person);
        EXPECT_TRUE(p && *p);
        return p && *p ? (*p)->cluster : std::nullopt;
    }

    std::int64_t suspectA = 0, suspectB = 0, shared = 0;
    std::vector<std::int64_t> ofA, ofB;
};

} // namespace

TEST_F(TwoSuspects, ASharedVictimListsBothSuspects)
{
    auto victims = casedb::listVictims(c().db());
    ASSERT_TRUE(victims);
    EXPECT_EQ(victims->size(), 7u);
    for (const auto &v : *victims) {
        if (v.personId == shared) {
            EXPECT_EQ(v.suspects, (std::vector<std::int64_t>{suspectA, suspectB}));
            EXPECT_EQ(v.messages, 6);   // both conversations
        } else {
            EXPECT_EQ(v.suspects.size(), 1u) << v.label;
        }
    }
}

TEST_F(TwoSuspects, EachSuspectsVictimsFormHisCluster)
{
    const auto a = clusterOf(suspectA), b = clusterOf(suspectB);
    ASSERT_TRUE(a && b);
    EXPECT_NE(*a, *b);
    for (const auto v : ofA)
        EXPECT_EQ(clusterOf(v), a);
    for (const auto v : ofB)
        EXPECT_EQ(clusterOf(v), b);
    EXPECT_TRUE(clusterOf(shared) == a || clusterOf(shared) == b);
    EXPECT_EQ(c().scalar("SELECT count(DISTINCT cluster_id) FROM persons"), 2);
}

TEST_F(TwoSuspects, TheCommunicationGraphHasAnEdgePerPairSharingAConversation)
{
    auto edges = casedb::communicationGraph(c().db());
    ASSERT_TRUE(edges) << edges.error().toString();
    EXPECT_EQ(edges->size(), 8u);   // 3 + 3 + the shared victim with both
    for (const auto &e : *edges) {
        EXPECT_LT(e.personA, e.personB);
        EXPECT_EQ(e.messages, 3);
        EXPECT_EQ(e.conversations, 1);
        EXPECT_EQ(e.apps, std::vector<std::string>{"whatsapp-android"});
    }
}
