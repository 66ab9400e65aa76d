// SPDX-License-Identifier: GPL-3.0-or-later
// The report model (issue 9) on the people tests' analysed scenario: victims in rank order with
// their explanation, accounts and key messages cited to their source; restriction to chosen
// victims and to one country; redaction of every child's name; thumbnails only of media graded
// not indecent, and only when asked.
#include <gtest/gtest.h>

#include <algorithm>

#include "core/report/reportmodel.h"
#include "tests/core/report/reportcase.h"
#include "tests/testutil/tempdir.h"

using namespace vigil;
using namespace vigil::test;

namespace {

class ReportModelTest : public ::testing::Test {
protected:
    void SetUp() override { m_case = makeReportCase(m_tmp.path() / "case"); ASSERT_TRUE(m_case.people); }
    casedb::Database &db() { return m_case.people->db(); }
    report::ReportModel build(const report::ReportOptions &options)
    {
        auto m = report::buildReportModel(db(), options);
        EXPECT_TRUE(m) << m.error().toString();
        return m ? std::move(*m) : report::ReportModel{};
    }
    const report::VictimFinding *victimNamed(const report::ReportModel &m, const std::string &label)
    {
        for (const auto &f : m.victims)
            if (f.victim.label == label)
                return &f;
        return nullptr;
    }

    TempDir m_tmp;
    ReportCase m_case;
};

TEST_F(ReportModelTest, VictimsInRankOrderWithTheirEvidence)
{
    const auto m = build({});
    auto victims = casedb::listVictims(db());
    ASSERT_TRUE(victims);
    ASSERT_EQ(m.victims.size(), victims->size());
    ASSERT_GE(m.victims.size(), 3u);
    for (std::size_t i = 0; i < m.victims.size(); ++i)
        EXPECT_EQ(m.victims[i].victim.rank, static_cast<int>(i + 1));
    const auto *ava = victimNamed(m, "Ava");
    ASSERT_NE(ava, nullptr);
    EXPECT_FALSE(ava->explanation.empty());
    EXPECT_FALSE(ava->accounts.empty());
    ASSERT_FALSE(ava->keyMessages.empty());
    const auto selfHarm = m_case.scenario.messages.at("ava-selfharm");
    auto quoted = std::find_if(ava->keyMessages.begin(), ava->keyMessages.end(),
                               [&](const auto &q) { return q.messageId == selfHarm; });
    ASSERT_NE(quoted, ava->keyMessages.end()) << "the self-harm statement is a key message";
    EXPECT_EQ(quoted->body, "sometimes I want to die");
    EXPECT_NE(std::find(quoted->kinds.begin(), quoted->kinds.end(), "self-harm"), quoted->kinds.end());
    ASSERT_TRUE(quoted->source.has_value()) << "every quoted message is cited";
    EXPECT_EQ(quoted->source->messageId, selfHarm);
    EXPECT_FALSE(quoted->source->parser.empty());
    for (std::size_t i = 1; i < ava->keyMessages.size(); ++i)
        EXPECT_LE(ava->keyMessages[i - 1].sentAt.value_or(0), ava->keyMessages[i].sentAt.value_or(0)) << "oldest first";
    EXPECT_GT(ava->timelineEvents, 0);
    EXPECT_EQ(m.suspects, 1);
    EXPECT_FALSE(m.audit.empty());
    EXPECT_TRUE(m.auditChainVerified);
    EXPECT_EQ(m.toolName, "Vigil");
    EXPECT_FALSE(m.toolVersion.empty());
}

TEST_F(ReportModelTest, KeyMessagesAreLimitedToTheHeaviest)
{
    report::ReportOptions options;
    options.keyMessagesPerVictim = 1;
    const auto m = build(options);
    const auto *ava = victimNamed(m, "Ava");
    ASSERT_NE(ava, nullptr);
    ASSERT_EQ(ava->keyMessages.size(), 1u);
    EXPECT_EQ(ava->keyMessages[0].messageId, m_case.scenario.messages.at("ava-selfharm"))
        << "self-harm weighs most in Ava's score";
}

TEST_F(ReportModelTest, RestrictedToChosenVictimsAndToACountry)
{
    report::ReportOptions options;
    options.victimIds = {m_case.avaPerson};
    auto m = build(options);
    ASSERT_EQ(m.victims.size(), 1u);
    EXPECT_EQ(m.victims[0].victim.personId, m_case.avaPerson);

    options = {};
    options.country = "CA";   // Ava's +1 416 number
    m = build(options);
    ASSERT_FALSE(m.victims.empty());
    for (const auto &f : m.victims)
        EXPECT_EQ(f.victim.country, "CA");
    options.country = "ZZ";
    EXPECT_TRUE(build(options).victims.empty());
}

TEST_F(ReportModelTest, RedactionReplacesEveryChildsName)
{
    report::ReportOptions options;
    options.redactNames = true;
    const auto m = build(options);
    auto victims = casedb::listVictims(db());
    ASSERT_TRUE(victims);
    for (const auto &f : m.victims) {
        for (const auto &v : *victims) {
            if (v.label.size() < 3)
                continue;
            EXPECT_EQ(f.victim.label.find(v.label), std::string::npos) << f.victim.label;
            for (const auto &q : f.keyMessages) {
                EXPECT_EQ(q.body.find(v.label), std::string::npos) << q.body;
                EXPECT_EQ(q.sender.find(v.label), std::string::npos) << q.sender;
            }
            for (const auto &a : f.accounts)
                EXPECT_EQ(a.displayName.find(v.label), std::string::npos) << a.displayName;
            for (const auto &e : f.explanation)
                EXPECT_EQ(e.why.find(v.label), std::string::npos) << e.why;
        }
    }
    const auto ava = std::find_if(m.victims.begin(), m.victims.end(),
                                  [&](const auto &f) { return f.victim.personId == m_case.avaPerson; });
    ASSERT_NE(ava, m.victims.end());
    EXPECT_EQ(ava->victim.label, "A.");
}

TEST_F(ReportModelTest, ThumbnailsOnlyOfMediaGradedNotIndecentAndOnlyWhenAsked)
{
    EXPECT_TRUE(build({}).thumbnails.empty()) << "off by default";
    report::ReportOptions options;
    options.mediaThumbnails = true;
    const auto m = build(options);
    ASSERT_EQ(m.thumbnails.size(), 1u);
    EXPECT_EQ(m.thumbnails[0].fileId, m_case.notIndecentFile);
    EXPECT_EQ(m.thumbnails[0].category, "uk:NI");
    EXPECT_EQ(m.thumbnails[0].jpeg, solidImage(0, 200, 0));
    options.sections = report::AllSections & ~report::SectionMedia;
    EXPECT_TRUE(build(options).thumbnails.empty()) << "no media section, no thumbnails";
    EXPECT_TRUE(report::isNotIndecent("vic:0"));
    EXPECT_FALSE(report::isNotIndecent("vic:4"));
    EXPECT_FALSE(report::isNotIndecent(""));
}

TEST_F(ReportModelTest, GradeCountsAndOverriddenExaminer)
{
    report::ReportOptions options;
    options.examiner = "DC Someone";
    const auto m = build(options);
    EXPECT_EQ(m.cover.examiner, "DC Someone");
    std::int64_t media = 0;
    for (const auto &g : m.grades)
        media += g.count;
    EXPECT_EQ(media, 3);
}

} // namespace
