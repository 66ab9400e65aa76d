// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/analysis/indicators/matcher.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <ostream>
#include <string>

using namespace vigil;
using namespace vigil::analysis;

namespace {

const std::filesystem::path kShipped = std::filesystem::path(VIGIL_SOURCE_DIR) / "resources/lexicons/en";

const IndicatorMatcher &shippedMatcher()
{
    static const IndicatorMatcher matcher = [] {
        auto lexicon = loadLexicon(kShipped);
        if (!lexicon) {
            ADD_FAILURE() << lexicon.error().toString();
            return IndicatorMatcher(Lexicon{});
        }
        return IndicatorMatcher(std::move(*lexicon));
    }();
    return matcher;
}

std::vector<IndicatorHit> hitsOfKind(std::string_view text, const std::string &kind)
{
    auto hits = shippedMatcher().match(text);
    std::erase_if(hits, [&](const IndicatorHit &h) { return h.kind != kind; });
    return hits;
}

bool triggers(std::string_view text, const std::string &kind)
{
    return !hitsOfKind(text, kind).empty();
}

struct KindCase {
    const char *kind;
    const char *positive;
    const char *negative;
};

void PrintTo(const KindCase &c, std::ostream *os)
{
    *os << c.kind;
}

class IndicatorKindTest : public ::testing::TestWithParam<KindCase> {};

// A scratch lexicon folder removed at the end of the test.
class ScratchLexicon
{
public:
    ScratchLexicon()
        : m_dir(std::filesystem::temp_directory_path()
                / ("vigil-lexicon-" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) + "-"
                   + ::testing::UnitTest::GetInstance()->current_test_info()->name()))
    {
        std::filesystem::create_directories(m_dir);
        write("language.json", R"({"negators": ["not"]})");
    }
    ~ScratchLexicon() { std::filesystem::remove_all(m_dir); }
    ScratchLexicon(const ScratchLexicon &) = delete;
    ScratchLexicon &operator=(const ScratchLexicon &) = delete;

    void write(const std::string &name, const std::string &text) const
    {
        std::ofstream(m_dir / name, std::ios::binary) << text;
    }
    const std::filesystem::path &dir() const { return m_dir; }

private:
    std::filesystem::path m_dir;
};

} // namespace

TEST(Lexicon, ShippedEnglishLexiconLoadsWithEveryKind)
{
    auto lexicon = loadLexicon(kShipped);
    ASSERT_TRUE(lexicon) << lexicon.error().toString();
    EXPECT_EQ(lexicon->language, "en");
    EXPECT_FALSE(lexicon->negators.empty());
    for (const char *kind : {"age-disclosure", "suspect-age-misrepresentation", "sexual-content", "image-request",
                             "webcam-request", "move-platform", "secrecy-isolation", "threat-blackmail",
                             "payment-demand", "involve-others", "account-takeover", "self-harm"}) {
        EXPECT_TRUE(std::ranges::any_of(lexicon->entries, [&](const LexiconEntry &e) { return e.kind == kind; }))
            << kind;
    }
}

TEST_P(IndicatorKindTest, TriggersOnPositiveAndNotOnNegative)
{
    const KindCase &c = GetParam();
    EXPECT_TRUE(triggers(c.positive, c.kind)) << c.positive;
    EXPECT_FALSE(triggers(c.negative, c.kind)) << c.negative;
}

INSTANTIATE_TEST_SUITE_P(
    AllKinds, IndicatorKindTest,
    ::testing::Values(
        KindCase{"age-disclosure", "btw I'm 12 lol", "I'm 25 and work in a shop"},
        KindCase{"suspect-age-misrepresentation", "haha I'm 15 too", "you are 15, I am much older"},
        KindCase{"sexual-content", "are you a virgin?", "are you a vegetarian?"},
        KindCase{"image-request", "send me a pic of your outfit", "I will not send pics"},
        KindCase{"webcam-request", "can you turn on your camera", "my camera is broken"},
        KindCase{"move-platform", "add me on the other app", "I added milk on the list"},
        KindCase{"secrecy-isolation", "this is our secret ok", "the recipe is a secret"},
        KindCase{"threat-blackmail", "I will send them to your family", "send them to the shop"},
        KindCase{"payment-demand", "buy me a gift card now", "the gift was a card game"},
        KindCase{"involve-others", "is your sister online", "sister act is a film"},
        KindCase{"account-takeover", "tell me your password", "I forgot my password"},
        KindCase{"self-harm", "I want to die", "I want to diet"}),
    [](const ::testing::TestParamInfo<KindCase> &param) {
        std::string name = param.param.kind;
        std::ranges::replace(name, '-', '_');
        return name;
    });

TEST(IndicatorMatcher, AgeIsCapturedWithSpan)
{
    const std::string text = "hi there, i\xE2\x80\x99m 13 and bored";
    const auto hits = hitsOfKind(text, "age-disclosure");
    ASSERT_EQ(hits.size(), 1u);
    EXPECT_EQ(hits[0].entryId, "age-im");
    ASSERT_TRUE(hits[0].age);
    EXPECT_EQ(*hits[0].age, 13);
    EXPECT_EQ(text.substr(hits[0].begin, hits[0].end - hits[0].begin), "i\xE2\x80\x99m 13");
    EXPECT_TRUE(hits[0].firstPerson);
}

TEST(IndicatorMatcher, UnicodeCaseFoldingAndApostrophes)
{
    EXPECT_TRUE(triggers("OUR SECRET", "secrecy-isolation"));
    EXPECT_TRUE(triggers("DON\xCA\xBCT TELL ANYONE", "secrecy-isolation"));
    EXPECT_EQ(tokenise("\xC3\x84RGER")[0].text, "\xC3\xA4rger");
    auto pattern = parsePattern("\xC3\x84rger I\xE2\x80\x99M");
    ASSERT_TRUE(pattern);
    EXPECT_EQ((*pattern)[0].text, "\xC3\xA4rger");
    EXPECT_EQ((*pattern)[1].text, "im");
}

TEST(IndicatorMatcher, AgesOutsideRangeDoNotTrigger)
{
    EXPECT_FALSE(triggers("I'm 7", "age-disclosure"));
    EXPECT_FALSE(triggers("I'm 18", "age-disclosure"));
    EXPECT_FALSE(triggers("I'm 1000", "age-disclosure"));
    EXPECT_TRUE(triggers("I'm 8", "age-disclosure"));
    EXPECT_TRUE(triggers("I'm 17", "age-disclosure"));
    EXPECT_TRUE(triggers("IM 16 YEARS OLD", "age-disclosure"));
}

TEST(IndicatorMatcher, AgeSuffixesFromTheLexicon)
{
    const auto birthday = hitsOfKind("it was my 13th birthday yesterday", "age-disclosure");
    ASSERT_EQ(birthday.size(), 1u);
    EXPECT_EQ(birthday[0].entryId, "age-birthday");
    EXPECT_EQ(birthday[0].age, 13);
    EXPECT_TRUE(triggers("i'm 14yo", "age-disclosure"));
    EXPECT_FALSE(triggers("i'm 14kg heavier", "age-disclosure"));   // not a listed suffix
    EXPECT_FALSE(triggers("my 21st birthday", "age-disclosure"));
}

TEST(IndicatorMatcher, NegatorWithinThreeWordsCancels)
{
    EXPECT_FALSE(triggers("I would never kill myself", "self-harm"));
    EXPECT_FALSE(triggers("please don't send me a pic", "image-request"));
    // Four words away is outside the window.
    EXPECT_TRUE(triggers("not sure why but i really want to kill myself", "self-harm"));
}

TEST(IndicatorMatcher, NonNegatableEntryIgnoresNegators)
{
    EXPECT_TRUE(triggers("don't tell anyone about this", "secrecy-isolation"));
    EXPECT_TRUE(triggers("no, I'm 14", "age-disclosure"));
}

TEST(IndicatorMatcher, QuotedTextIsFlaggedWithLowerWeight)
{
    const auto plain = hitsOfKind("our secret", "secrecy-isolation");
    const auto quoted = hitsOfKind("he wrote \xE2\x80\x9Cour secret\xE2\x80\x9D to me", "secrecy-isolation");
    ASSERT_EQ(plain.size(), 1u);
    ASSERT_EQ(quoted.size(), 1u);
    EXPECT_FALSE(plain[0].quoted);
    EXPECT_TRUE(quoted[0].quoted);
    EXPECT_LT(quoted[0].weight, plain[0].weight);
    const auto after = hitsOfKind("\"hello\" and our secret", "secrecy-isolation");
    ASSERT_EQ(after.size(), 1u);
    EXPECT_FALSE(after[0].quoted);
}

TEST(IndicatorMatcher, LookalikeWordsDoNotTrigger)
{
    EXPECT_FALSE(triggers("that will skill you up fast", "threat-blackmail"));
    EXPECT_TRUE(triggers("I will kill you", "threat-blackmail"));
    EXPECT_FALSE(triggers("your classmate is funny", "involve-others"));
    EXPECT_TRUE(triggers("your mate is funny", "involve-others"));
    EXPECT_FALSE(triggers("I'm 125", "age-disclosure"));
    EXPECT_FALSE(triggers("paypalish", "payment-demand"));
}

TEST(IndicatorMatcher, PrefixWildcardMatchesWordStart)
{
    EXPECT_TRUE(triggers("send pictures", "image-request"));
    EXPECT_FALSE(triggers("send epic stuff", "image-request"));
}

TEST(IndicatorMatcher, LeetspeakIsOptional)
{
    auto lexicon = loadLexicon(kShipped);
    ASSERT_TRUE(lexicon);
    const IndicatorMatcher plain(*lexicon);
    const IndicatorMatcher leet(*lexicon, NormaliseOptions{.leetspeak = true});
    EXPECT_TRUE(plain.match("0ur s3cr3t").empty());
    EXPECT_FALSE(leet.match("0ur s3cr3t").empty());
    // Pure numbers stay numbers, so ages are still captured.
    const auto hits = leet.match("i'm 15");
    ASSERT_FALSE(hits.empty());
    EXPECT_EQ(hits[0].age, 15);
}

TEST(Tokenise, GarbageAndTruncatedUtf8DoNotCrash)
{
    std::string garbage;
    for (int i = 0; i < 4096; ++i)
        garbage += static_cast<char>((i * 131 + 7) % 256);
    EXPECT_NO_FATAL_FAILURE(shippedMatcher().match(garbage));
    const std::string truncated = "i\xE2\x80";   // cut-off apostrophe
    const auto tokens = tokenise(truncated);
    ASSERT_FALSE(tokens.empty());
    for (const auto &t : tokens)
        EXPECT_LE(t.end, truncated.size());
    EXPECT_TRUE(tokenise("").empty());
    EXPECT_TRUE(shippedMatcher().match("\"\"\"'''").empty());
}

TEST(Lexicon, BadJsonNamesTheFile)
{
    auto r = parseIndicatorFile("{\"kind\": \"x\", \"entries\": [", "broken.json");
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, ErrorCode::Corrupt);
    EXPECT_NE(r.error().message.find("broken.json"), std::string::npos);
}

TEST(Lexicon, BadEntriesNameFileAndEntry)
{
    const char *bad[] = {
        R"({"kind":"k","entries":[{"id":"e1","pattern":"send {name}"}]})",
        R"({"kind":"k","entries":[{"id":"e1","pattern":"   "}]})",
        R"({"kind":"k","entries":[{"id":"e1","pattern":"ok","weight":-1}]})",
        R"({"kind":"k","entries":[{"id":"e1","pattern":"ok","negatable":"yes"}]})",
        R"({"kind":"k","entries":[{"id":"e1","pattern":"ok","ageMin":17,"ageMax":8}]})",
        R"({"kind":"k","entries":[{"id":"e1","pattern":"ok!"}]})",
    };
    for (const char *json : bad) {
        auto r = parseIndicatorFile(json, "file.json");
        ASSERT_FALSE(r) << json;
        EXPECT_NE(r.error().message.find("file.json"), std::string::npos) << r.error().message;
        EXPECT_NE(r.error().message.find("e1"), std::string::npos) << r.error().message;
    }
    EXPECT_FALSE(parseIndicatorFile(R"({"kind":"k","entries":[{"pattern":"ok"}]})", "f"));
    EXPECT_FALSE(parseIndicatorFile(R"({"entries":[]})", "f"));
    EXPECT_FALSE(parseIndicatorFile(R"([1,2])", "f"));
    EXPECT_FALSE(parseIndicatorFile(R"({"kind":"k","entries":[{"id":"a","pattern":"x"},{"id":"a","pattern":"y"}]})", "f"));
    EXPECT_FALSE(parseIndicatorFile("", "f"));
}

TEST(Lexicon, FolderErrors)
{
    EXPECT_EQ(loadLexicon("/nonexistent/vigil/lexicon").error().code, ErrorCode::NotFound);

    ScratchLexicon scratch;
    auto empty = loadLexicon(scratch.dir());
    ASSERT_FALSE(empty);   // no indicator files

    scratch.write("a.json", R"({"kind":"a","entries":[{"id":"same","pattern":"x"}]})");
    scratch.write("b.json", R"({"kind":"b","entries":[{"id":"same","pattern":"y"}]})");
    auto dup = loadLexicon(scratch.dir());
    ASSERT_FALSE(dup);
    EXPECT_NE(dup.error().message.find("b.json"), std::string::npos);

    scratch.write("b.json", R"({"kind":"b","entries":[{"id":"other","pattern":"y"}]})");
    auto ok = loadLexicon(scratch.dir());
    ASSERT_TRUE(ok) << ok.error().toString();
    EXPECT_EQ(ok->entries.size(), 2u);

    scratch.write("language.json", R"({"negators": ["not"], "ageSuffixes": [3]})");
    EXPECT_FALSE(loadLexicon(scratch.dir()));
    scratch.write("language.json", R"({"negators": ["not"], "negationWindow": 99})");
    EXPECT_FALSE(loadLexicon(scratch.dir()));
    scratch.write("language.json", R"({"negators": "not"})");
    EXPECT_FALSE(loadLexicon(scratch.dir()));
}

TEST(Lexicon, EveryShippedKindNamesWhoMustSayIt)
{
    auto lexicon = loadLexicon(kShipped);
    ASSERT_TRUE(lexicon) << lexicon.error().toString();
    EXPECT_EQ(lexicon->speakerOf("age-disclosure"), Speaker::Other);
    EXPECT_EQ(lexicon->speakerOf("self-harm"), Speaker::Other);
    EXPECT_EQ(lexicon->speakerOf("sexual-content"), Speaker::Any);
    for (const char *kind : {"suspect-age-misrepresentation", "image-request", "webcam-request", "move-platform",
                             "secrecy-isolation", "threat-blackmail", "payment-demand", "involve-others",
                             "account-takeover"})
        EXPECT_EQ(lexicon->speakerOf(kind), Speaker::Suspect) << kind;
}

TEST(Lexicon, SpeakerMustBeKnownAndAgreeAcrossFiles)
{
    auto bad = parseIndicatorFile(R"({"kind":"k","speaker":"child","entries":[{"id":"e1","pattern":"ok"}]})", "k.json");
    ASSERT_FALSE(bad);
    EXPECT_NE(bad.error().message.find("speaker"), std::string::npos);
    auto none = parseIndicatorFile(R"({"kind":"k","entries":[{"id":"e1","pattern":"ok"}]})", "k.json");
    ASSERT_TRUE(none);
    EXPECT_EQ(none->front().speaker, Speaker::Any);
    ScratchLexicon scratch;
    scratch.write("a.json", R"({"kind":"k","speaker":"other","entries":[{"id":"e1","pattern":"ok"}]})");
    scratch.write("b.json", R"({"kind":"k","speaker":"suspect","entries":[{"id":"e2","pattern":"fine"}]})");
    auto conflict = loadLexicon(scratch.dir());
    ASSERT_FALSE(conflict);
    EXPECT_NE(conflict.error().message.find("b.json"), std::string::npos);
}

TEST(Matcher, ASchoolYearImpliesAnAge)
{
    const auto year = hitsOfKind("I'm in year 8", "age-disclosure");
    ASSERT_EQ(year.size(), 1u);
    EXPECT_EQ(year.front().age, 13);
    const auto grade = hitsOfKind("i'm in grade 7 now", "age-disclosure");
    ASSERT_EQ(grade.size(), 1u);
    EXPECT_EQ(grade.front().age, 12);
    EXPECT_FALSE(parseIndicatorFile(R"({"kind":"k","entries":[{"id":"e","pattern":"{age}","ageOffset":-1}]})", "k.json"));
}

TEST(Tokenise, ABrokenSequenceDoesNotSwallowTheNextWord)
{
    const auto tokens = tokenise("ab\xc3 cd\xe2\x82");
    ASSERT_EQ(tokens.size(), 2u);
    EXPECT_EQ(tokens[0].text, "ab");
    EXPECT_EQ(tokens[1].text, "cd");
    EXPECT_TRUE(triggers("\xff\xfe I'm 12 \xc3 send me a pic\xe2\x82", "image-request"));
    EXPECT_TRUE(triggers("\xff\xfe I'm 12 \xc3 send me a pic\xe2\x82", "age-disclosure"));
}

TEST(Matcher, WantingToDisappearIsASelfHarmStatement)
{
    EXPECT_TRUE(triggers("sometimes I feel like I want to disappear", "self-harm"));
    EXPECT_FALSE(triggers("I don't want to disappear", "self-harm"));
}

TEST(Matcher, KeepingItFromTheParentsIsSecrecy)
{
    EXPECT_TRUE(triggers("don't tell your mum we talk, she wouldn't get it", "secrecy-isolation"));
    EXPECT_TRUE(triggers("dont tell your parents about me", "secrecy-isolation"));
    EXPECT_FALSE(triggers("tell your mum I said hi", "secrecy-isolation"));
}

TEST(Matcher, AGiftCardOfferedIsNotAPaymentDemand)
{
    EXPECT_TRUE(triggers("now pay or I post it. buy me a $100 Steam gift card", "payment-demand"));
    EXPECT_TRUE(triggers("then a gift card, any amount, now", "payment-demand"));
    EXPECT_FALSE(triggers("I can send you a gift card for your game if you want", "payment-demand"));
    EXPECT_FALSE(triggers("I'll get your gift card tomorrow", "payment-demand"));
    EXPECT_FALSE(parseIndicatorFile(R"({"kind":"k","entries":[{"id":"e","pattern":"ok","unlessBefore":"you"}]})", "k.json"));
    EXPECT_FALSE(parseIndicatorFile(R"({"kind":"k","entries":[{"id":"e","pattern":"ok","unlessBefore":[""]}]})", "k.json"));
}
