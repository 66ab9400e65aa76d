// SPDX-License-Identifier: GPL-3.0-or-later
// analysePeople end to end with the real identity resolution and location: from accounts alone
// to persons, victims and clusters; repeatable; all or nothing.
#include <gtest/gtest.h>

#include "core/analysis/people/people.h"
#include "tests/core/analysis/people/peopletest.h"

using namespace vigil;
using namespace vigil::test;

namespace {

class AnalysePeople : public PeopleCaseTest {
protected:
    void SetUp() override
    {
        PeopleCaseTest::SetUp();
        s = buildScenario(c(), false);
    }

    Result<analysis::PeopleSummary> analyse(const std::filesystem::path &scoring = {})
    {
        const auto shipped = shippedOptions();
        return analysis::analysePeople(c().db(), {shipped.lexiconDir, scoring.empty() ? shipped.scoringFile : scoring, 0});
    }

    std::vector<std::vector<std::string>> tables()
    {
        std::vector<std::vector<std::string>> out;
        for (const char *t : {"persons", "person_accounts", "person_locations", "indicator_hits", "conversation_scores",
                              "victims"})
            out.push_back(c().dump(t));
        return out;
    }

    Scenario s;
};

} // namespace

TEST_F(AnalysePeople, FromAccountsToRankedVictims)
{
    auto summary = analyse();
    ASSERT_TRUE(summary) << summary.error().toString();
    EXPECT_EQ(summary->identity.suspects, 1);
    EXPECT_EQ(summary->victims, 4);
    EXPECT_EQ(summary->urgent, 1);   // Ava (self-harm); Cara's coercion had stopped
    EXPECT_GT(summary->location.located, 0);
    EXPECT_GE(summary->clusters, 1);
    // The suspect's three owner accounts are one person, and that person is every victim's suspect.
    const auto suspect = c().scalar("SELECT id FROM persons WHERE role = 'suspect'");
    EXPECT_EQ(c().scalar("SELECT count(*) FROM person_accounts WHERE person_id = " + std::to_string(suspect)), 3);
    EXPECT_EQ(c().scalar("SELECT count(*) FROM victims WHERE suspects = '[" + std::to_string(suspect) + "]'"), 4);
    // Ava (the self-harm statement) first.
    EXPECT_EQ(c().scalar("SELECT pa.account_id FROM victims v JOIN person_accounts pa ON pa.person_id = v.person_id "
                         "WHERE v.rank = 1"),
              s.accounts["ava"]);
}

TEST_F(AnalysePeople, RunningAgainGivesIdenticalTables)
{
    ASSERT_TRUE(analyse());
    const auto first = tables();
    ASSERT_TRUE(analyse());
    EXPECT_EQ(tables(), first);
}

TEST_F(AnalysePeople, AFailedRunKeepsWhatWasThere)
{
    ASSERT_TRUE(analyse());
    const auto before = tables();
    // A step that fails half-way (writing the victims) leaves the earlier tables untouched.
    ASSERT_TRUE(c().db().exec("CREATE TEMP TRIGGER refuse BEFORE INSERT ON victims BEGIN "
                              "SELECT RAISE(ABORT, 'injected failure'); END"));
    auto failed = analyse();
    ASSERT_FALSE(failed);
    EXPECT_NE(failed.error().toString().find("injected failure"), std::string::npos) << failed.error().toString();
    EXPECT_EQ(tables(), before);
    // Bad rules are refused before anything is touched.
    ASSERT_TRUE(c().db().exec("DROP TRIGGER refuse"));
    EXPECT_FALSE(analyse(m_tmp / "missing-scoring.json"));
    EXPECT_EQ(tables(), before);
}

TEST_F(AnalysePeople, InsideTheCallersTransaction)
{
    ASSERT_TRUE(c().db().exec("BEGIN IMMEDIATE"));
    ASSERT_TRUE(analyse());
    EXPECT_EQ(c().scalar("SELECT count(*) FROM victims"), 4);
    ASSERT_TRUE(c().db().exec("ROLLBACK"));   // the caller decides: nothing was kept
    EXPECT_EQ(c().scalar("SELECT count(*) FROM victims"), 0);
    EXPECT_EQ(c().scalar("SELECT count(*) FROM persons"), 0);
}
