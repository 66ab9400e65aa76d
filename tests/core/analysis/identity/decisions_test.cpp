// SPDX-License-Identifier: GPL-3.0-or-later
// The analyst's merges, splits and undos: recorded, audited, replayed on every resolution, and a
// split is never undone by the automatic rules.
#include <gtest/gtest.h>

#include "core/analysis/identity/decisionids.h"
#include "core/analysis/identity/decisions.h"
#include "core/analysis/identity/identity.h"
#include "core/casedb/audit.h"
#include "tests/core/analysis/identity/identitycase.h"

using namespace vigil;
using namespace vigil::analysis;
using namespace vigil::test;

namespace {

constexpr const char *kMia = "+447700900452";
constexpr const char *kLiam = "+353209102468";
constexpr const char *kExaminer = "DC Test";

class Decisions : public ::testing::Test {
protected:
    void resolve()
    {
        auto r = resolveIdentities(c.db());
        ASSERT_TRUE(r) << r.error().toString();
        applied = r->decisionsApplied;
    }

    std::int64_t merge(std::vector<std::int64_t> ids, const std::string &note = "same girl")
    {
        auto r = recordMerge(c.db(), std::move(ids), kExaminer, note);
        EXPECT_TRUE(r) << (r ? "" : r.error().toString());
        return r.value_or(0);
    }

    std::int64_t split(std::vector<std::int64_t> ids, const std::string &note = "a different child")
    {
        auto r = recordSplit(c.db(), std::move(ids), kExaminer, note);
        EXPECT_TRUE(r) << (r ? "" : r.error().toString());
        return r.value_or(0);
    }

    std::string auditActions()
    {
        std::string out;
        auto st = c.db().prepare("SELECT action FROM audit_log ORDER BY seq");
        (void)st->forEachRow([&](const casedb::Statement &s) {
            out += (out.empty() ? "" : ",") + s.text(0);
            return true;
        });
        return out;
    }

    IdentityCase c;
    std::int64_t laptop = c.addEvidence("laptop.E01");
    std::int64_t phone = c.addEvidence("phone");
    std::int64_t applied = 0;
};

TEST_F(Decisions, MergeJoinsTwoPersonsAndIsAudited)
{
    const auto a = c.addAccount(laptop, {"snapchat", "mia.snaps", "Mia"});
    const auto b = c.addAccount(phone, {"android-sms", kMia, "", kMia});
    resolve();
    ASSERT_NE(c.personOf(a), c.personOf(b));
    const auto d = merge({b, a}, "same school photo");
    resolve();
    EXPECT_EQ(applied, 1);
    EXPECT_EQ(c.personOf(a), c.personOf(b));
    EXPECT_EQ(c.ruleOf(b), "analyst");
    EXPECT_EQ(c.linkedOf(b), a);
    EXPECT_NE(c.reasonOf(b).find("merged by DC Test on "), std::string::npos) << c.reasonOf(b);
    EXPECT_NE(c.reasonOf(b).find("(decision " + std::to_string(d) + "): same school photo"), std::string::npos)
        << c.reasonOf(b);
    EXPECT_EQ(auditActions(), "person.merge");
    EXPECT_EQ(c.scalar("SELECT count(*) FROM audit_log WHERE actor = 'DC Test' AND details LIKE '%\"decision\":" +
                       std::to_string(d) + "%' AND details LIKE '%\"account_ids\":[1,2]%'"),
              1);
    auto chain = casedb::verifyAuditChain(c.db());
    ASSERT_TRUE(chain) << chain.error().toString();
}

TEST_F(Decisions, MergingOneAccountOfEachMergesTheWholePersons)
{
    const auto a1 = c.addAccount(laptop, {"whatsapp", "447700900452@s.whatsapp.net", "Mia", kMia});
    const auto a2 = c.addAccount(phone, {"android-sms", kMia, "", kMia});
    const auto b1 = c.addAccount(laptop, {"whatsapp", "353209102468@s.whatsapp.net", "Liam", kLiam});
    const auto b2 = c.addAccount(phone, {"android-sms", kLiam, "", kLiam});
    merge({a2, b1});
    resolve();
    for (auto id : {a2, b1, b2})
        EXPECT_EQ(c.personOf(id), c.personOf(a1));
    EXPECT_EQ(c.scalar("SELECT count(*) FROM persons"), 1);
}

TEST_F(Decisions, SplitSurvivesReResolutionAndNewEvidence)
{
    const auto a = c.addAccount(laptop, {"whatsapp", "447700900452@s.whatsapp.net", "Mia", kMia});
    const auto b = c.addAccount(laptop, {"android-sms", kMia, "", kMia});
    const auto d = c.addAccount(phone, {"ios-messages", kMia, "", kMia});
    resolve();
    ASSERT_EQ(c.personOf(a), c.personOf(b));
    const auto decision = split({b});
    resolve();
    EXPECT_NE(c.personOf(b), c.personOf(a));
    EXPECT_EQ(c.personOf(d), c.personOf(a));
    EXPECT_EQ(c.ruleOf(b), "alone");
    EXPECT_NE(c.reasonOf(b).find("split out by DC Test on "), std::string::npos) << c.reasonOf(b);
    EXPECT_NE(c.reasonOf(b).find("(decision " + std::to_string(decision) + "): a different child"), std::string::npos);
    resolve();
    EXPECT_NE(c.personOf(b), c.personOf(a)) << "a second run keeps the split";
    // A new device brings another account with the same number: it joins Mia, never b.
    const auto tablet = c.addEvidence("tablet");
    const auto e = c.addAccount(tablet, {"telegram", "777", "", kMia});
    resolve();
    EXPECT_EQ(c.personOf(e), c.personOf(a));
    EXPECT_NE(c.personOf(b), c.personOf(a));
}

TEST_F(Decisions, AMergeFollowsItsAccountsWhenTheEvidenceIsIngestedAgain)
{
    const auto a = c.addAccount(laptop, {"snapchat", "mia.snaps", "Mia"});
    const auto b = c.addAccount(phone, {"kik", "mia_k_2011", "Mia K"});
    const auto other = c.addAccount(phone, {"kik", "someone.else.99", "Someone"});
    merge({a, b});
    // The phone is ingested again: its accounts come back with new ids, and an old id now
    // belongs to a different account. The decision must still join Mia's two accounts.
    ASSERT_EQ(c.scalar("DELETE FROM accounts WHERE evidence_id = " + std::to_string(phone) + " RETURNING 0"), 0);
    const auto other2 = c.addAccount(phone, {"kik", "someone.else.99", "Someone"});
    const auto b2 = c.addAccount(phone, {"kik", "mia_k_2011", "Mia K"});
    ASSERT_NE(b2, b);
    ASSERT_NE(other2, other);
    resolve();
    EXPECT_EQ(applied, 1);
    EXPECT_EQ(c.personOf(b2), c.personOf(a));
    EXPECT_NE(c.personOf(other2), c.personOf(a));
}

TEST_F(Decisions, SplitAccountsOfOnePersonStayTogether)
{
    const auto a = c.addAccount(laptop, {"whatsapp", "447700900452@s.whatsapp.net", "Mia", kMia});
    const auto b = c.addAccount(laptop, {"android-sms", kMia, "", kMia});
    const auto d = c.addAccount(phone, {"ios-messages", kMia, "", kMia});
    split({b, d});
    resolve();
    EXPECT_EQ(c.personOf(b), c.personOf(d));
    EXPECT_NE(c.personOf(a), c.personOf(b));
    EXPECT_EQ(c.ruleOf(d), "analyst");
    EXPECT_NE(c.reasonOf(d).find("kept together when split out by DC Test"), std::string::npos) << c.reasonOf(d);
}

TEST_F(Decisions, UndoRestoresTheAutomaticPersonsAndIsAudited)
{
    const auto a = c.addAccount(laptop, {"whatsapp", "447700900452@s.whatsapp.net", "Mia", kMia});
    const auto b = c.addAccount(laptop, {"android-sms", kMia, "", kMia});
    const auto x = c.addAccount(phone, {"android-sms", kLiam, "", kLiam});
    const auto s = split({b});
    const auto m = merge({a, x});
    resolve();
    EXPECT_EQ(applied, 2);
    EXPECT_NE(c.personOf(a), c.personOf(b));
    EXPECT_EQ(c.personOf(a), c.personOf(x));
    ASSERT_TRUE(undoDecision(c.db(), s, kExaminer));
    ASSERT_TRUE(undoDecision(c.db(), m, kExaminer));
    resolve();
    EXPECT_EQ(applied, 0);
    EXPECT_EQ(c.personOf(a), c.personOf(b));
    EXPECT_NE(c.personOf(a), c.personOf(x));
    EXPECT_EQ(auditActions(), "person.split,person.merge,person.undo,person.undo");
    auto again = undoDecision(c.db(), s, kExaminer);
    ASSERT_FALSE(again);
    EXPECT_EQ(again.error().code, ErrorCode::InvalidArgument);
    auto missing = undoDecision(c.db(), 99, kExaminer);
    ASSERT_FALSE(missing);
    EXPECT_EQ(missing.error().code, ErrorCode::NotFound);
}

TEST_F(Decisions, TheLaterDecisionWins)
{
    const auto a = c.addAccount(laptop, {"whatsapp", "447700900452@s.whatsapp.net", "Mia", kMia});
    const auto b = c.addAccount(laptop, {"android-sms", kMia, "", kMia});
    const auto x = c.addAccount(phone, {"android-sms", kLiam, "", kLiam});
    split({b});
    merge({b, a});   // the analyst changed her mind
    resolve();
    EXPECT_EQ(c.personOf(a), c.personOf(b));
    merge({x, a});
    split({x});
    resolve();
    EXPECT_NE(c.personOf(x), c.personOf(a));
    EXPECT_EQ(c.personOf(a), c.personOf(b));
    EXPECT_EQ(applied, 4);
}

TEST_F(Decisions, BadRequestsAreRefusedAndLeaveNoTrace)
{
    const auto a = c.addAccount(laptop, {"android-sms", kMia, "", kMia});
    auto unknown = recordMerge(c.db(), {a, 999}, kExaminer, "");
    ASSERT_FALSE(unknown);
    EXPECT_EQ(unknown.error().code, ErrorCode::NotFound);
    EXPECT_NE(unknown.error().message.find("999"), std::string::npos);
    auto one = recordMerge(c.db(), {a, a}, kExaminer, "");
    ASSERT_FALSE(one);
    EXPECT_EQ(one.error().code, ErrorCode::InvalidArgument);
    auto none = recordSplit(c.db(), {}, kExaminer, "");
    ASSERT_FALSE(none);
    auto nobody = recordSplit(c.db(), {a}, "", "");
    ASSERT_FALSE(nobody);
    auto badSplit = recordSplit(c.db(), {-3}, kExaminer, "");
    ASSERT_FALSE(badSplit);
    EXPECT_EQ(c.scalar("SELECT count(*) FROM identity_decisions"), 0);
    EXPECT_EQ(c.scalar("SELECT count(*) FROM audit_log"), 0);
}

TEST_F(Decisions, ListShowsEveryDecisionWithItsState)
{
    const auto a = c.addAccount(laptop, {"android-sms", kMia, "", kMia});
    const auto b = c.addAccount(laptop, {"android-sms", kLiam, "", kLiam});
    const auto m = merge({b, a}, "note one");
    const auto s = split({b}, "note two");
    ASSERT_TRUE(undoDecision(c.db(), m, "DS Other"));
    auto list = listDecisions(c.db());
    ASSERT_TRUE(list) << list.error().toString();
    ASSERT_EQ(list->size(), 2u);
    EXPECT_EQ((*list)[0].id, m);
    EXPECT_EQ((*list)[0].action, "merge");
    EXPECT_EQ((*list)[0].accountIds, (std::vector<std::int64_t>{a, b}));
    EXPECT_EQ((*list)[0].note, "note one");
    EXPECT_EQ((*list)[0].examiner, kExaminer);
    EXPECT_FALSE((*list)[0].createdUtc.empty());
    EXPECT_FALSE((*list)[0].undoneUtc.empty());
    EXPECT_EQ((*list)[1].id, s);
    EXPECT_EQ((*list)[1].action, "split");
    EXPECT_TRUE((*list)[1].undoneUtc.empty());
    EXPECT_EQ(c.scalar("SELECT count(*) FROM audit_log WHERE action = 'person.undo' AND actor = 'DS Other'"), 1);
}

TEST(DecisionIds, RoundTripAndGarbage)
{
    using identity::parseAccountIds;
    EXPECT_EQ(identity::formatAccountIds({4, 9}), "[4,9]");
    EXPECT_EQ(parseAccountIds("[4,9]"), (std::vector<std::int64_t>{4, 9}));
    EXPECT_EQ(parseAccountIds(" [ 4 , 9 ] "), (std::vector<std::int64_t>{4, 9}));
    EXPECT_EQ(parseAccountIds("[]"), std::vector<std::int64_t>{});
    for (const char *bad : {"", "[", "]", "[4,", "[4 9]", "[a]", "[0]", "[-2]", "[4]x", "{\"a\":1}", "[99999999999999999999]"})
        EXPECT_FALSE(parseAccountIds(bad)) << bad;
}

} // namespace
