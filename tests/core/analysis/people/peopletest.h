// SPDX-License-Identifier: GPL-3.0-or-later
// What the people tests share: the shipped lexicon and scoring rules, and a case in a temporary
// folder.
#pragma once

#include <gtest/gtest.h>

#include <memory>

#include "core/analysis/people/scorepeople.h"
#include "tests/core/analysis/people/peoplecase.h"
#include "tests/testutil/tempdir.h"

namespace vigil::test {

inline analysis::ScoreOptions shippedOptions()
{
    const std::filesystem::path resources = std::filesystem::path(VIGIL_SOURCE_DIR) / "resources/lexicons";
    return {resources / "en", resources / "scoring.json", 0};
}

inline const analysis::ScoringSetup &shippedSetup()
{
    static const analysis::ScoringSetup setup = [] {
        auto s = analysis::loadScoringSetup(shippedOptions());
        if (!s) {
            ADD_FAILURE() << s.error().toString();
            return analysis::ScoringSetup{analysis::IndicatorMatcher(analysis::Lexicon{}), {}};
        }
        return std::move(*s);
    }();
    return setup;
}

// A fresh case per test.
class PeopleCaseTest : public ::testing::Test {
protected:
    void SetUp() override
    {
        m_case = PeopleCase::create(m_tmp / "case");
        ASSERT_TRUE(m_case);
    }
    PeopleCase &c() { return *m_case; }
    // Scores in one transaction, as analysePeople does.
    analysis::ScoreSummary score(unsigned workers = 0)
    {
        casedb::Transaction tx(c().db());
        auto r = analysis::scorePeople(c().db(), shippedSetup(), workers);
        EXPECT_TRUE(r) << (r ? "" : r.error().toString());
        EXPECT_TRUE(tx.commit());
        return r ? *r : analysis::ScoreSummary{};
    }

    TempDir m_tmp;
    std::unique_ptr<PeopleCase> m_case;
};

} // namespace vigil::test
