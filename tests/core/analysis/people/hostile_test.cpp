// SPDX-License-Identifier: GPL-3.0-or-later
// Bad input is normal: NULL and empty bodies, a 1 MB body, invalid UTF-8, a conversation with no
// participants and no messages, messages without times, a sender outside every person, a
// conversation id with no conversation row. Nothing crashes; what can be scored is.
#include <gtest/gtest.h>

#include "core/casedb/peoplequery.h"
#include "core/util/utf8.h"
#include "tests/core/analysis/people/peopletest.h"

using namespace vigil;
using namespace vigil::test;

TEST_F(PeopleCaseTest, HostileMessagesGiveSensibleOutput)
{
    const auto s = c().account({"whatsapp-android", "s@wa", "S", "", true});
    const auto o = c().account({"whatsapp-android", "o@wa", "O", ""});
    const auto loose = c().account({"whatsapp-android", "loose@wa", "nobody's", ""});
    c().person("S", "suspect", {s});
    const auto child = c().person("O", "other", {o});
    const auto chat = c().conversation("whatsapp-android", {s, o});
    c().conversation("whatsapp-android", {});   // no participants, no messages
    c().message(chat, o, "incoming", feb(1), std::nullopt);
    c().message(chat, o, "incoming", feb(1), std::string());
    std::string huge(1 << 20, 'x');
    for (std::size_t i = 0; i < huge.size(); i += 7)
        huge[i] = ' ';
    huge += " I want to die";
    const auto big = c().message(chat, o, "incoming", feb(2), huge);
    const auto broken = c().message(chat, o, "incoming", feb(3), std::string("\xff\xfe I'm 12 \xc3 send me a pic\xe2\x82"));
    c().message(chat, s, "outgoing", std::nullopt, std::string("send pic\xff\xff"));   // no time
    c().message(chat, loose, "incoming", feb(4), "our secret");                        // sender without a person
    c().message(chat, o, "bogus", feb(5), std::string("\0\0\0", 3));
    const auto summary = score();
    EXPECT_EQ(c().scalar("SELECT count(*) FROM indicator_hits WHERE message_id = " + std::to_string(big)), 1);
    EXPECT_EQ(c().scalar("SELECT span_end FROM indicator_hits WHERE message_id = " + std::to_string(big)),
              static_cast<std::int64_t>(huge.size()));
    EXPECT_EQ(c().scalar("SELECT count(*) FROM indicator_hits WHERE message_id = " + std::to_string(broken)), 2);
    EXPECT_GE(summary.messages, 5);
    auto victims = casedb::listVictims(c().db());
    ASSERT_TRUE(victims);
    ASSERT_EQ(victims->size(), 1u);
    EXPECT_EQ(victims->front().personId, child);
    EXPECT_EQ(victims->front().priority, "urgent");
    for (const auto &reason : victims->front().priorityReasons)
        EXPECT_TRUE(isCleanUtf8(reason)) << reason;
    auto explanation = casedb::victimExplanation(c().db(), child);
    ASSERT_TRUE(explanation);
    for (const auto &item : *explanation)
        EXPECT_TRUE(isCleanUtf8(item.why)) << item.why;
    auto triggers = casedb::triggerMessages(c().db(), child);
    ASSERT_TRUE(triggers);
    EXPECT_FALSE(triggers->empty());
}

TEST_F(PeopleCaseTest, AnEmptyCaseScoresToNothing)
{
    const auto summary = score();
    EXPECT_EQ(summary.messages, 0);
    EXPECT_EQ(summary.victims, 0);
    EXPECT_EQ(summary.clusters, 0);
    EXPECT_TRUE(casedb::listVictims(c().db())->empty());
    EXPECT_TRUE(casedb::communicationGraph(c().db())->empty());
    EXPECT_TRUE(casedb::listPersons(c().db())->empty());
    EXPECT_FALSE(*casedb::findPerson(c().db(), 1));
}

TEST_F(PeopleCaseTest, MissingLexiconOrRulesAreErrors)
{
    auto options = shippedOptions();
    options.lexiconDir = m_tmp / "no-such-lexicon";
    EXPECT_FALSE(analysis::loadScoringSetup(options));
    options = shippedOptions();
    options.scoringFile = m_tmp / "no-such-rules.json";
    EXPECT_FALSE(analysis::loadScoringSetup(options));
}
