// SPDX-License-Identifier: GPL-3.0-or-later
// Redaction of children's names (issue 9): initials for names, name words replaced in free text
// wherever they stand between non-letters, other words and other people's names untouched.
#include <gtest/gtest.h>

#include "core/report/redaction.h"

using namespace vigil::report;

TEST(Redaction, InitialsOfNames)
{
    EXPECT_EQ(initialsOf("Ethan M"), "E. M.");
    EXPECT_EQ(initialsOf("grace"), "G.");
    EXPECT_EQ(initialsOf("Zoë  van-Dijk"), "Z. V. D.");
    EXPECT_EQ(initialsOf("Émile"), "É.");
    EXPECT_EQ(initialsOf(""), "");
}

TEST(Redaction, NamesAndWordsInText)
{
    const Redactor r = Redactor::forNames({{7, {"Ethan Miller", "ethan.hoops08"}}, {9, {"Grace", "gracie"}}});
    ASSERT_TRUE(r.enabled());
    EXPECT_EQ(r.personName(7, "Ethan Miller"), "E. M.");
    EXPECT_EQ(r.personName(9, "Grace"), "G.");
    EXPECT_EQ(r.text("hi ETHAN, is Grace your sister? ask gracie"), "hi E., is G. your sister? ask G.");
    EXPECT_EQ(r.text("user ethan.hoops08 wrote"), "user E..H.08 wrote");
    EXPECT_EQ(r.text("Gracefully, Ethanol"), "Gracefully, Ethanol") << "only whole words";
    EXPECT_EQ(r.text("Alex Dunn"), "Alex Dunn") << "the suspect's name is not a child's";
}

TEST(Redaction, GeneratedLabelsAndShortWordsAreNotNames)
{
    const Redactor r = Redactor::forNames({{3, {"Snapchat user 9e4b2c71…", "Jo", "Zoë"}}, {4, {"+447700900452"}}});
    ASSERT_TRUE(r.enabled()) << "Zoë has three letters (four bytes)";
    EXPECT_EQ(r.secrets(), (std::vector<std::string>{"Zoë", "zoë"})) << "\"…\" is not a letter";
    EXPECT_EQ(r.text("Snapchat user Jo… Zoë’s"), "Snapchat user Jo… Z.’s");
    EXPECT_EQ(r.personName(3, "Snapchat user 9e4b2c71…"), "Z.") << "the person's initials come from its first name";
    EXPECT_EQ(r.personName(4, "+447700900452"), "+447700900452") << "no name: the label is kept";
}

TEST(Redaction, SecretsListNamesAndWords)
{
    const Redactor r = Redactor::forNames({{1, {"Mia Jones"}}});
    const auto secrets = r.secrets();
    EXPECT_NE(std::find(secrets.begin(), secrets.end(), "Mia Jones"), secrets.end());
    EXPECT_NE(std::find(secrets.begin(), secrets.end(), "jones"), secrets.end());
    EXPECT_EQ(r.text("MIA JONES"), "M. J.");
}

TEST(Redaction, HostileText)
{
    const Redactor r = Redactor::forNames({{1, {"Mia"}}});
    const std::string bad = std::string("Mia\xff\xfe") + '\0' + "mia";
    EXPECT_EQ(r.text(bad), std::string("M.\xff\xfe") + '\0' + "M.") << "bytes kept, names replaced";
    EXPECT_EQ(Redactor().text("Mia"), "Mia") << "a default redactor redacts nothing";
}
