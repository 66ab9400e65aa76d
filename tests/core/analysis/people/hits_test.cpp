// SPDX-License-Identifier: GPL-3.0-or-later
// Indicator hits: who said it (suspect, other, unknown) and whether the kind counts for that side.
#include <gtest/gtest.h>

#include "core/analysis/people/hits.h"
#include "tests/core/analysis/people/peopletest.h"

using namespace vigil;
using namespace vigil::test;

namespace {

struct Hit {
    std::string kind, speaker;
    bool counted = false;
    std::optional<std::int64_t> age;
};

class Hits : public PeopleCaseTest {
protected:
    void SetUp() override
    {
        PeopleCaseTest::SetUp();
        s = c().account({"whatsapp-android", "s@wa", "Suspect", "+447700900100", true});
        o = c().account({"whatsapp-android", "o@wa", "Other", "+447700900452"});
        p = c().account({"whatsapp-android", "p@wa", "Third", "+447700900453"});
        suspect = c().person("Suspect", "suspect", {s});
        other = c().person("Other", "other", {o});
        third = c().person("Third", "other", {p});
        chat = c().conversation("whatsapp-android", {s, o});
        group = c().conversation("whatsapp-android", {s, o, p}, true);
        strangers = c().conversation("whatsapp-android", {o, p});
    }

    std::vector<Hit> hitsOf(std::int64_t message)
    {
        std::vector<Hit> out;
        auto st = c().db().prepare("SELECT kind, speaker, counted, age FROM indicator_hits WHERE message_id = ? ORDER BY id");
        EXPECT_TRUE(st);
        st->bind(1, message);
        (void)st->forEachRow([&](const casedb::Statement &r) {
            out.push_back({r.text(0), r.text(1), r.int64(2) != 0, r.optInt64(3)});
            return true;
        });
        return out;
    }

    Hit only(std::int64_t message)
    {
        auto hits = hitsOf(message);
        EXPECT_EQ(hits.size(), 1u) << "message " << message;
        return hits.empty() ? Hit{} : hits.front();
    }

    std::int64_t s = 0, o = 0, p = 0, suspect = 0, other = 0, third = 0, chat = 0, group = 0, strangers = 0;
};

} // namespace

TEST_F(Hits, TheChildsAgeCountsOnlyWhenTheChildSaysIt)
{
    const auto byChild = c().message(chat, o, "incoming", feb(1), "I'm 13");
    const auto bySuspect = c().message(chat, s, "outgoing", feb(2), "I'm 13");
    score();
    const Hit child = only(byChild), posing = only(bySuspect);
    EXPECT_EQ(child.kind, "age-disclosure");
    EXPECT_EQ(child.speaker, "other");
    EXPECT_TRUE(child.counted);
    EXPECT_EQ(child.age, 13);
    EXPECT_EQ(posing.speaker, "suspect");
    EXPECT_FALSE(posing.counted);   // kept for the analyst, not scored
}

TEST_F(Hits, RequestsCountOnlyFromTheSuspect)
{
    const auto byChild = c().message(chat, o, "incoming", feb(1), "send me a pic");
    const auto bySuspect = c().message(chat, s, "outgoing", feb(2), "send me a pic");
    score();
    EXPECT_FALSE(only(byChild).counted);
    EXPECT_EQ(only(byChild).speaker, "other");
    EXPECT_TRUE(only(bySuspect).counted);
    EXPECT_EQ(c().scalar("SELECT count(*) FROM indicator_hits"), 2);
}

TEST_F(Hits, SexualContentCountsFromEitherSide)
{
    const auto a = c().message(chat, o, "incoming", feb(1), "that is sexy");
    const auto b = c().message(chat, s, "outgoing", feb(2), "you are sexy");
    score();
    EXPECT_TRUE(only(a).counted);
    EXPECT_TRUE(only(b).counted);
}

TEST_F(Hits, MessagesWithoutASenderAreAttributedByDirection)
{
    // One-to-one: incoming without a sender is the other party; outgoing is the device owner.
    const auto in = c().message(chat, std::nullopt, "incoming", feb(1), "I'm 12");
    const auto out = c().message(chat, std::nullopt, "outgoing", feb(2), "I want to die");
    // Group chat: incoming without a sender could be anyone.
    const auto groupIn = c().message(group, std::nullopt, "incoming", feb(3), "I want to die");
    const auto groupAny = c().message(group, std::nullopt, "incoming", feb(4), "so sexy");
    const auto unknownDirection = c().message(chat, std::nullopt, "unknown", feb(5), "I'm 12");
    score();
    EXPECT_EQ(only(in).speaker, "other");
    EXPECT_TRUE(only(in).counted);
    EXPECT_EQ(only(out).speaker, "suspect");
    EXPECT_FALSE(only(out).counted);   // self-harm is the child's statement
    EXPECT_EQ(only(groupIn).speaker, "unknown");
    EXPECT_FALSE(only(groupIn).counted);
    EXPECT_EQ(only(groupAny).speaker, "unknown");
    EXPECT_TRUE(only(groupAny).counted);   // either side
    EXPECT_EQ(only(unknownDirection).speaker, "unknown");
    EXPECT_FALSE(only(unknownDirection).counted);
}

TEST_F(Hits, ASchoolYearIsStoredAsTheAgeItImplies)
{
    const auto m = c().message(chat, o, "incoming", feb(1), "I'm in year 8");
    score();
    const auto hits = hitsOf(m);
    ASSERT_FALSE(hits.empty());
    EXPECT_EQ(hits.front().age, 13);
    EXPECT_TRUE(hits.front().counted);
}

TEST_F(Hits, ConversationsWithoutASuspectAreNotScanned)
{
    c().message(strangers, o, "incoming", feb(1), "I'm 13, send me a pic, I want to die");
    const auto summary = score();
    EXPECT_EQ(summary.messages, 0);
    EXPECT_EQ(c().scalar("SELECT count(*) FROM indicator_hits"), 0);
    EXPECT_EQ(c().scalar("SELECT count(*) FROM conversation_scores WHERE conversation_id = " + std::to_string(strangers)),
              0);
}

TEST_F(Hits, SpansPointAtTheWordsInTheBody)
{
    const std::string body = "ok whatever. I want to die";
    const auto m = c().message(chat, o, "incoming", feb(1), body);
    score();
    EXPECT_EQ(c().scalar("SELECT span_begin FROM indicator_hits WHERE message_id = " + std::to_string(m)),
              static_cast<std::int64_t>(body.find("I want")));
    EXPECT_EQ(c().scalar("SELECT span_end FROM indicator_hits WHERE message_id = " + std::to_string(m)),
              static_cast<std::int64_t>(body.size()));
}

TEST_F(Hits, OneThreadOrTwoGiveTheSameHits)
{
    const char *lines[] = {"I'm 13", "send me a pic", "hello", "our secret", "add me on snap", "I want to die"};
    for (int i = 0; i < 3000; ++i)
        c().message(chat, i % 2 ? s : o, i % 2 ? "outgoing" : "incoming", feb(1) + i, lines[i % 6]);
    score(1);
    const auto one = c().dump("indicator_hits");
    score(2);
    EXPECT_EQ(c().dump("indicator_hits"), one);
    EXPECT_EQ(one.size(), 2500u);   // one hit on every line but "hello"
}

TEST_F(Hits, ConversationScoresNameTheOtherPartyOfOneToOneChatsOnly)
{
    c().message(chat, s, "outgoing", feb(1), "send me a pic");
    c().message(group, p, "incoming", feb(1), "great match");
    score();
    EXPECT_EQ(c().scalar("SELECT person_id FROM conversation_scores WHERE conversation_id = " + std::to_string(chat)), other);
    EXPECT_EQ(c().scalar("SELECT suspect_person_id FROM conversation_scores WHERE conversation_id = " + std::to_string(chat)),
              suspect);
    EXPECT_EQ(c().scalar("SELECT person_id IS NULL FROM conversation_scores WHERE conversation_id = " + std::to_string(group)),
              1);
    EXPECT_EQ(c().scalar("SELECT risk FROM conversation_scores WHERE conversation_id = " + std::to_string(chat)), 15);
    EXPECT_EQ(c().scalar("SELECT stage = 'sexualisation' AND indicators = '{\"image-request\":1}' FROM conversation_scores "
                         "WHERE conversation_id = " + std::to_string(chat)),
              1);
}
