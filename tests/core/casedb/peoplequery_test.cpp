// SPDX-License-Identifier: GPL-3.0-or-later
// The people queries (peoplequery.h) on exact rows: persons with their accounts and the reason
// each joined, ranked victims with their JSON columns, explanations, trigger messages, location
// clues and the person graph. Damaged JSON in a column reads as empty, never as an error.
#include <gtest/gtest.h>

#include "core/casedb/peoplequery.h"
#include "tests/core/analysis/people/peoplecase.h"
#include "tests/testutil/tempdir.h"

using namespace vigil;
using namespace vigil::test;

namespace {

class PeopleQuery : public ::testing::Test {
protected:
    void SetUp() override
    {
        m_case = PeopleCase::create(m_tmp / "case");
        ASSERT_TRUE(m_case);
        auto &c = *m_case;
        owner = c.account({"whatsapp-android", "owner@wa", "Jay", "+447700900100", true});
        ownerSkype = c.account({"skype", "alex.dunn", "Alex", ""});
        child = c.account({"ios-messages", "+14165550142", "Ava", "+14165550142"});
        friendAccount = c.account({"whatsapp-android", "f@wa", "Tom", ""});
        suspect = c.person("Alex Dunn", "suspect", {owner});
        exec("INSERT INTO person_accounts (account_id, person_id, rule, reason, linked_account_id) VALUES (" +
             std::to_string(ownerSkype) + ", " + std::to_string(suspect) +
             ", 'phone', 'same phone number +447700900100 as WhatsApp Jay', " + std::to_string(owner) + ")");
        ava = c.person("Ava", "other", {child});
        tom = c.person("Tom", "other", {friendAccount});
        exec("UPDATE persons SET country = 'CA', country_confidence = 0.6, country_source = 'phone', cluster_id = 1 "
             "WHERE id = " + std::to_string(ava));
        chat = c.conversation("ios-messages", {owner, child});
        group = c.conversation("whatsapp-android", {owner, child, friendAccount}, true);
        first = c.message(chat, child, "incoming", feb(3), "I'm 13 and I want to die");
        second = c.message(chat, owner, "outgoing", feb(4), "send me a pic");
        c.message(chat, owner, "outgoing", feb(5), "hello");
        c.message(group, friendAccount, "incoming", feb(6), "match on sunday");
    }

    void exec(const std::string &sql)
    {
        auto r = m_case->db().exec(sql);
        ASSERT_TRUE(r) << r.error().toString() << "\n" << sql;
    }

    void hit(std::int64_t message, std::int64_t conversation, const char *kind, const char *speaker, int begin, int end,
             int counted)
    {
        exec("INSERT INTO indicator_hits (message_id, conversation_id, kind, entry_id, speaker, span_begin, span_end, "
             "weight, counted) VALUES (" + std::to_string(message) + ", " + std::to_string(conversation) + ", '" + kind +
             "', '" + kind + "-1', '" + speaker + "', " + std::to_string(begin) + ", " + std::to_string(end) + ", 1, " +
             std::to_string(counted) + ")");
    }

    casedb::Database &db() { return m_case->db(); }

    TempDir m_tmp;
    std::unique_ptr<PeopleCase> m_case;
    std::int64_t owner = 0, ownerSkype = 0, child = 0, friendAccount = 0, suspect = 0, ava = 0, tom = 0;
    std::int64_t chat = 0, group = 0, first = 0, second = 0;
};

} // namespace

TEST_F(PeopleQuery, PersonsWithTheirAccountsAndWhyEachJoined)
{
    auto persons = casedb::listPersons(db());
    ASSERT_TRUE(persons) << persons.error().toString();
    ASSERT_EQ(persons->size(), 3u);
    const auto &s = persons->at(0);
    EXPECT_EQ(s.id, suspect);
    EXPECT_EQ(s.role, "suspect");
    ASSERT_EQ(s.accounts.size(), 2u);
    EXPECT_EQ(s.accounts[0].accountId, owner);
    EXPECT_TRUE(s.accounts[0].owner);
    EXPECT_EQ(s.accounts[0].appName, "WhatsApp");
    EXPECT_EQ(s.accounts[0].phone, "+447700900100");
    EXPECT_EQ(s.accounts[1].rule, "phone");
    EXPECT_EQ(s.accounts[1].reason, "same phone number +447700900100 as WhatsApp Jay");
    EXPECT_EQ(s.accounts[1].linkedAccountId, owner);
    EXPECT_EQ(s.accounts[1].appName, "Skype");
    const auto &a = persons->at(1);
    EXPECT_EQ(a.country, "CA");
    EXPECT_DOUBLE_EQ(a.countryConfidence, 0.6);
    EXPECT_EQ(a.countrySource, "phone");
    EXPECT_EQ(a.cluster, 1);
    EXPECT_EQ(persons->at(2).country, "");
    EXPECT_FALSE(persons->at(2).cluster);
    auto found = casedb::findPerson(db(), ava);
    ASSERT_TRUE(found && *found);
    EXPECT_EQ((*found)->label, "Ava");
    EXPECT_EQ((*found)->accounts.size(), 1u);
    EXPECT_FALSE(*casedb::findPerson(db(), 999));
}

TEST_F(PeopleQuery, VictimsInRankOrderWithTheirJsonColumns)
{
    exec("INSERT INTO victims VALUES (" + std::to_string(tom) +
         ", 2, 'low', '[]', 5, 'first-contact', NULL, NULL, NULL, 0, 0, 0, 'not json', '{', '[]', '{')");
    exec("INSERT INTO victims VALUES (" + std::to_string(ava) +
         ", 1, 'urgent', '[\"said ''I want to die'' on 2024-02-03 (iOS Messages)\"]', 87.5, 'sexualisation', 13, " +
         std::to_string(feb(3)) + ", " + std::to_string(feb(5)) + ", 3, 1, 2, '[\"ios-messages\"]', '[" +
         std::to_string(suspect) + "]', '{\"age-disclosure\":1,\"self-harm\":1}', "
         "'[{\"kind\":\"self-harm\",\"points\":15,\"why\":\"1 hit\",\"message_ids\":[" + std::to_string(first) +
         "]},{\"kind\":\"recency\",\"points\":0,\"why\":\"last contact\",\"message_ids\":[]}]')");
    auto victims = casedb::listVictims(db());
    ASSERT_TRUE(victims) << victims.error().toString();
    ASSERT_EQ(victims->size(), 2u);
    const auto &v = victims->front();
    EXPECT_EQ(v.personId, ava);
    EXPECT_EQ(v.rank, 1);
    EXPECT_EQ(v.label, "Ava");
    EXPECT_EQ(v.priority, "urgent");
    EXPECT_EQ(v.priorityReasons, std::vector<std::string>{"said 'I want to die' on 2024-02-03 (iOS Messages)"});
    EXPECT_DOUBLE_EQ(v.risk, 87.5);
    EXPECT_EQ(v.statedAge, 13);
    EXPECT_EQ(v.country, "CA");
    EXPECT_EQ(v.firstContact, feb(3));
    EXPECT_EQ(v.lastContact, feb(5));
    EXPECT_EQ(v.messages, 3);
    EXPECT_EQ(v.mediaSent, 1);
    EXPECT_EQ(v.mediaReceived, 2);
    EXPECT_EQ(v.apps, std::vector<std::string>{"ios-messages"});
    EXPECT_EQ(v.suspects, std::vector<std::int64_t>{suspect});
    EXPECT_EQ(v.indicators.at("self-harm"), 1);
    EXPECT_EQ(v.cluster, 1);
    // Damaged JSON columns read as empty.
    const auto &damaged = victims->back();
    EXPECT_TRUE(damaged.apps.empty());
    EXPECT_TRUE(damaged.suspects.empty());
    EXPECT_TRUE(damaged.indicators.empty());
    EXPECT_FALSE(damaged.statedAge);
    auto explanation = casedb::victimExplanation(db(), ava);
    ASSERT_TRUE(explanation);
    ASSERT_EQ(explanation->size(), 2u);
    EXPECT_EQ(explanation->front().kind, "self-harm");
    EXPECT_EQ(explanation->front().points, 15.0);
    EXPECT_EQ(explanation->front().messageIds, std::vector<std::int64_t>{first});
    EXPECT_TRUE(casedb::victimExplanation(db(), tom)->empty());
    EXPECT_TRUE(casedb::victimExplanation(db(), suspect)->empty());
}

TEST_F(PeopleQuery, TriggerMessagesCarryTheirCountedSpansOldestFirst)
{
    exec("INSERT INTO conversation_scores VALUES (" + std::to_string(chat) + ", " + std::to_string(ava) + ", " +
         std::to_string(suspect) + ", 45, 'sexualisation', '{}')");
    hit(second, chat, "image-request", "suspect", 0, 13, 1);
    hit(first, chat, "self-harm", "other", 11, 24, 1);
    hit(first, chat, "age-disclosure", "other", 0, 6, 1);
    hit(first, chat, "sexual-content", "other", 0, 3, 0);   // not counted: left out
    auto triggers = casedb::triggerMessages(db(), ava);
    ASSERT_TRUE(triggers) << triggers.error().toString();
    ASSERT_EQ(triggers->size(), 2u);
    const auto &t = triggers->front();
    EXPECT_EQ(t.messageId, first);
    EXPECT_EQ(t.conversationId, chat);
    EXPECT_EQ(t.sentAt, feb(3));
    EXPECT_EQ(t.app, "iOS Messages");
    EXPECT_EQ(t.sender, "Ava");
    EXPECT_EQ(t.speaker, "other");
    ASSERT_EQ(t.spans.size(), 2u);
    EXPECT_EQ(t.spans[0].kind, "age-disclosure");
    EXPECT_EQ(t.body.substr(t.spans[1].begin, t.spans[1].end - t.spans[1].begin), "I want to die");
    EXPECT_EQ(triggers->back().messageId, second);
    EXPECT_EQ(triggers->back().sender, "Alex Dunn");
    EXPECT_TRUE(casedb::triggerMessages(db(), tom)->empty());
    EXPECT_EQ(casedb::triggerMessages(db(), suspect)->size(), 2u);
}

TEST_F(PeopleQuery, LocationCluesStrongestFirst)
{
    exec("INSERT INTO person_locations (person_id, country, source, confidence, detail, account_id) VALUES (" +
         std::to_string(ava) + ", 'CA', 'phone', 0.6, '+1 416', " + std::to_string(child) + ")");
    exec("INSERT INTO person_locations (person_id, country, source, confidence, detail, message_id) VALUES (" +
         std::to_string(ava) + ", 'CA', 'stated', 0.8, 'I live in Toronto', " + std::to_string(first) + ")");
    auto clues = casedb::personLocations(db(), ava);
    ASSERT_TRUE(clues);
    ASSERT_EQ(clues->size(), 2u);
    EXPECT_EQ(clues->front().source, "stated");
    EXPECT_EQ(clues->front().messageId, first);
    EXPECT_FALSE(clues->front().accountId);
    EXPECT_EQ(clues->back().detail, "+1 416");
    EXPECT_EQ(clues->back().accountId, child);
    EXPECT_TRUE(casedb::personLocations(db(), tom)->empty());
}

TEST_F(PeopleQuery, GraphHasOneEdgePerPairWithMessagesConversationsAndApps)
{
    auto edges = casedb::communicationGraph(db());
    ASSERT_TRUE(edges) << edges.error().toString();
    ASSERT_EQ(edges->size(), 3u);   // suspect-Ava (two conversations), suspect-Tom, Ava-Tom (the group)
    const auto &sa = edges->at(0);
    EXPECT_EQ(sa.personA, suspect);
    EXPECT_EQ(sa.personB, ava);
    EXPECT_EQ(sa.conversations, 2);
    EXPECT_EQ(sa.messages, 4);
    EXPECT_EQ(sa.apps, (std::vector<std::string>{"ios-messages", "whatsapp-android"}));
    EXPECT_EQ(edges->at(1).personB, tom);
    EXPECT_EQ(edges->at(1).messages, 1);
    EXPECT_EQ(edges->at(2).personA, ava);
    EXPECT_EQ(edges->at(2).personB, tom);
}
