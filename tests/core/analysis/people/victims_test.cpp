// SPDX-License-Identifier: GPL-3.0-or-later
// Victims on the grooming scenario (peoplecase.h): who is a victim and who is not, the ranking,
// stages and priorities, the facts of each row, and the explanation.
#include <gtest/gtest.h>

#include <algorithm>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include "core/casedb/peoplequery.h"
#include "tests/core/analysis/people/peopletest.h"

using namespace vigil;
using namespace vigil::test;

namespace {

class Victims : public PeopleCaseTest {
protected:
    void SetUp() override
    {
        PeopleCaseTest::SetUp();
        s = buildScenario(c(), true);
        summary = score();
        auto v = casedb::listVictims(c().db());
        ASSERT_TRUE(v) << v.error().toString();
        victims = std::move(*v);
    }

    const casedb::VictimRow *victim(std::int64_t person) const
    {
        for (const auto &v : victims)
            if (v.personId == person)
                return &v;
        return nullptr;
    }

    QJsonArray explanation(std::int64_t person)
    {
        auto st = c().db().prepare("SELECT explanation FROM victims WHERE person_id = ?");
        EXPECT_TRUE(st);
        st->bind(1, person);
        EXPECT_TRUE(st->step().value_or(false));
        return QJsonDocument::fromJson(QByteArray::fromStdString(st->text(0))).array();
    }

    Scenario s;
    analysis::ScoreSummary summary;
    std::vector<casedb::VictimRow> victims;
};

std::string joined(const std::vector<std::string> &lines)
{
    std::string out;
    for (const auto &l : lines)
        out += l + "\n";
    return out;
}

} // namespace

TEST_F(Victims, RankedByPriorityThenRisk)
{
    ASSERT_EQ(victims.size(), 4u);
    EXPECT_EQ(summary.victims, 4);
    EXPECT_EQ(summary.urgent, 1);
    const std::int64_t order[] = {s.ava, s.ben, s.cara, s.dan};
    const char *priorities[] = {"urgent", "high", "high", "low"};
    for (std::size_t i = 0; i < victims.size(); ++i) {
        EXPECT_EQ(victims[i].personId, order[i]) << "rank " << i + 1;
        EXPECT_EQ(victims[i].rank, static_cast<int>(i + 1));
        EXPECT_EQ(victims[i].priority, priorities[i]) << victims[i].label;
    }
}

TEST_F(Victims, OrdinaryContactsAreNotVictims)
{
    for (const auto person : {s.mum, s.shop, s.tom, s.sam})
        EXPECT_EQ(victim(person), nullptr) << person;
    // They were looked at: the family chat and the shop have a counted indicator each.
    EXPECT_EQ(c().scalar("SELECT risk FROM conversation_scores WHERE person_id = " + std::to_string(s.mum)), 10);
    EXPECT_EQ(c().scalar("SELECT risk FROM conversation_scores WHERE person_id = " + std::to_string(s.shop)), 20);
    EXPECT_EQ(summary.contacts, 8);   // every person who talked with the suspect
}

TEST_F(Victims, StagesAndPriorityReasons)
{
    const auto *ava = victim(s.ava), *ben = victim(s.ben), *cara = victim(s.cara), *dan = victim(s.dan);
    ASSERT_TRUE(ava && ben && cara && dan);
    EXPECT_EQ(ava->stage, "sexualisation");
    EXPECT_EQ(ben->stage, "ongoing");    // contact went on three days after the threat
    EXPECT_EQ(cara->stage, "coercion");  // one day after: not yet ongoing
    EXPECT_EQ(dan->stage, "rapport");
    EXPECT_EQ(ava->priorityReasons.front(), "said 'I want to die' on 2024-02-14 (iOS Messages)");
    // Cara: coercion that stopped a week before the case's latest message (29 Feb): high, not recent.
    EXPECT_EQ(joined(cara->priorityReasons).find("(recent)"), std::string::npos) << joined(cara->priorityReasons);
    EXPECT_NE(joined(cara->priorityReasons).find("'your password' on 2024-02-21 (Skype)"), std::string::npos)
        << joined(cara->priorityReasons);
    // Ben: ongoing, but the last contact was 23 days before the latest message: high.
    EXPECT_NE(joined(ben->priorityReasons).find("23 days before the latest message"), std::string::npos)
        << joined(ben->priorityReasons);
    EXPECT_EQ(joined(ben->priorityReasons).find("(recent)"), std::string::npos);
}

TEST_F(Victims, RiskIsTheSumOfEachKindOnce)
{
    const auto *ava = victim(s.ava), *ben = victim(s.ben), *cara = victim(s.cara), *dan = victim(s.dan);
    ASSERT_TRUE(ava && ben && cara && dan);
    EXPECT_EQ(ava->risk, 65.0);    // misrepresentation 10, age 15, secrecy 10, picture request 15, self-harm 15
    EXPECT_EQ(ben->risk, 75.0);    // age 15, picture request 15, payment 20, threat 25
    EXPECT_EQ(cara->risk, 50.0);   // age 15, picture request 15, account takeover 20
    EXPECT_EQ(dan->risk, 25.0);    // misrepresentation 10, secrecy 10, another app 5
    EXPECT_EQ(ben->indicators, (std::map<std::string, int>{{"age-disclosure", 2}, {"image-request", 1},
                                                           {"payment-demand", 1}, {"threat-blackmail", 1}}));
    for (const auto &v : victims) {
        double sum = 0;
        for (const QJsonValue term : explanation(v.personId))
            sum += term.toObject().value("points").toDouble();
        EXPECT_DOUBLE_EQ(sum, v.risk) << v.label;
    }
}

TEST_F(Victims, RowFacts)
{
    const auto *ava = victim(s.ava), *ben = victim(s.ben);
    ASSERT_TRUE(ava && ben);
    EXPECT_EQ(ava->statedAge, 13);
    EXPECT_EQ(ben->statedAge, 14);   // "I'm 14" beats "year 8" (13)
    EXPECT_EQ(ava->firstContact, feb(3, 18));
    EXPECT_EQ(ava->lastContact, feb(14, 21));
    EXPECT_EQ(ava->messages, 7);
    EXPECT_EQ(ava->mediaSent, 1);       // her photo
    EXPECT_EQ(ava->mediaReceived, 0);
    EXPECT_EQ(ben->mediaSent, 0);
    EXPECT_EQ(ben->mediaReceived, 1);   // the suspect's "send pics" carried a picture
    EXPECT_EQ(ava->apps, std::vector<std::string>{"ios-messages"});
    EXPECT_EQ(ava->suspects, std::vector<std::int64_t>{s.suspect});
    EXPECT_EQ(ben->firstContact, feb(1, 9));
    EXPECT_EQ(ben->lastContact, feb(6, 10));
}

TEST_F(Victims, ExplanationPointsAtTheTriggeringMessages)
{
    bool sawSelfHarm = false;
    for (const QJsonValue term : explanation(s.ava)) {
        const QJsonObject o = term.toObject();
        if (o.value("kind").toString() != "self-harm")
            continue;
        sawSelfHarm = true;
        EXPECT_EQ(o.value("points").toDouble(), 15.0);
        ASSERT_EQ(o.value("message_ids").toArray().size(), 1);
        EXPECT_EQ(o.value("message_ids").toArray().first().toInteger(), s.messages["ava-selfharm"]);
        EXPECT_NE(o.value("why").toString().indexOf("I want to die"), -1);
    }
    EXPECT_TRUE(sawSelfHarm);
    auto items = casedb::victimExplanation(c().db(), s.ben);
    ASSERT_TRUE(items);
    const auto stage = std::ranges::find(*items, std::string("stage"), &casedb::ExplanationItem::kind);
    ASSERT_NE(stage, items->end());
    EXPECT_NE(stage->why.find("ongoing"), std::string::npos) << stage->why;
    EXPECT_EQ(stage->messageIds, std::vector<std::int64_t>{s.messages["ben-threat"]});
}

TEST_F(Victims, RunningAgainGivesIdenticalTables)
{
    const char *tables[] = {"indicator_hits", "conversation_scores", "victims", "persons"};
    std::vector<std::vector<std::string>> first;
    for (const char *t : tables)
        first.push_back(c().dump(t));
    score(1);
    for (std::size_t i = 0; i < std::size(tables); ++i)
        EXPECT_EQ(c().dump(tables[i]), first[i]) << tables[i];
}

TEST_F(Victims, TriggerMessagesOfAVictimOldestFirst)
{
    auto triggers = casedb::triggerMessages(c().db(), s.ava);
    ASSERT_TRUE(triggers) << triggers.error().toString();
    ASSERT_EQ(triggers->size(), 5u);   // misrepresentation, age, secrecy, picture request, self-harm
    EXPECT_EQ(triggers->front().messageId, s.messages["ava-misrep"]);
    EXPECT_EQ(triggers->front().speaker, "suspect");
    EXPECT_EQ(triggers->back().messageId, s.messages["ava-selfharm"]);
    EXPECT_EQ(triggers->back().speaker, "other");
    EXPECT_EQ(triggers->back().app, "iOS Messages");
    ASSERT_EQ(triggers->back().spans.size(), 1u);
    const auto &span = triggers->back().spans.front();
    EXPECT_EQ(triggers->back().body.substr(span.begin, span.end - span.begin), "I want to die");
    EXPECT_EQ(span.kind, "self-harm");
}
