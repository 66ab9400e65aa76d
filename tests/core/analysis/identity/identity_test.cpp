// SPDX-License-Identifier: GPL-3.0-or-later
// Identity resolution on real case databases: each automatic rule joins what it should and
// nothing else, owners form suspects, shared numbers do not bridge people, ids are stable.
#include <gtest/gtest.h>

#include "core/analysis/identity/identity.h"
#include "tests/core/analysis/identity/identitycase.h"

using namespace vigil;
using namespace vigil::test;

namespace {

constexpr const char *kMia = "+447700900452";
constexpr const char *kChloe = "+61491570156";
constexpr const char *kLiam = "+353209102468";

class Identity : public ::testing::Test {
protected:
    analysis::IdentitySummary resolve()
    {
        auto r = analysis::resolveIdentities(c.db());
        EXPECT_TRUE(r) << (r ? "" : r.error().toString());
        return r.value_or(analysis::IdentitySummary{});
    }

    IdentityCase c;
    std::int64_t laptop = c.addEvidence("laptop.E01");
    std::int64_t phone = c.addEvidence("phone");
};

TEST_F(Identity, EmptyCaseGivesNoPersons)
{
    const auto s = resolve();
    EXPECT_EQ(s.persons, 0);
    EXPECT_EQ(s.accounts, 0);
    EXPECT_EQ(s.joined, 0);
    EXPECT_EQ(c.scalar("SELECT count(*) FROM persons"), 0);
}

TEST_F(Identity, OwnerAccountsOfOneEvidenceItemAreOneSuspect)
{
    const auto wa = c.addAccount(laptop, {"whatsapp", "447700900100@s.whatsapp.net", "Jay", "", "", "", "", true});
    const auto sk = c.addAccount(laptop, {"skype", "alex.dunn.1987", "Alex Dunn", "", "", "", "", true});
    const auto other = c.addAccount(laptop, {"whatsapp", "447700900452@s.whatsapp.net", "Mia"});
    const auto s = resolve();
    EXPECT_EQ(s.persons, 2);
    EXPECT_EQ(s.suspects, 1);
    EXPECT_EQ(c.personOf(wa), c.personOf(sk));
    EXPECT_NE(c.personOf(wa), c.personOf(other));
    EXPECT_EQ(c.roleOf(c.personOf(wa)), "suspect");
    EXPECT_EQ(c.roleOf(c.personOf(other)), "other");
    EXPECT_EQ(c.ruleOf(sk), "owner");
    EXPECT_EQ(c.linkedOf(sk), wa);
    EXPECT_NE(c.reasonOf(sk).find("device owner's account on evidence 1 (laptop.E01)"), std::string::npos) << c.reasonOf(sk);
    EXPECT_EQ(c.ruleOf(other), "alone");
    EXPECT_FALSE(c.linkedOf(other));
}

TEST_F(Identity, OwnersOfTwoDevicesJoinOnlyThroughASharedIdentifier)
{
    const auto a = c.addAccount(laptop, {"skype", "alex.dunn.1987", "", "", "Alex.Dunn@Example.com", "", "", true});
    const auto b = c.addAccount(phone, {"messenger", "100001", "", "", "a.dunn@example.com", "", "", true});
    const auto third = c.addEvidence("tablet");
    const auto d = c.addAccount(third, {"kik", "someone_x1@talk.kik.com", "", "", "", "", "", true});
    const auto s = resolve();
    EXPECT_EQ(s.suspects, 3);
    EXPECT_NE(c.personOf(a), c.personOf(b)) << "different emails";
    // Now the same email on both devices.
    ASSERT_TRUE(c.db().exec("UPDATE accounts SET email = 'alex.dunn@example.com' WHERE id = " + std::to_string(b)));
    const auto s2 = resolve();
    EXPECT_EQ(s2.suspects, 2);
    EXPECT_EQ(c.personOf(a), c.personOf(b));
    EXPECT_EQ(c.ruleOf(b), "email");
    EXPECT_NE(c.reasonOf(b).find("same email address alex.dunn@example.com"), std::string::npos) << c.reasonOf(b);
    EXPECT_NE(c.personOf(d), c.personOf(a));
    EXPECT_EQ(c.roleOf(c.personOf(d)), "suspect");
}

TEST_F(Identity, SamePhoneNumberJoinsAcrossAppsAndDevices)
{
    const auto wa = c.addAccount(laptop, {"whatsapp", "447700900452@s.whatsapp.net", "Mia", kMia});
    const auto sms = c.addAccount(laptop, {"android-sms", "07700900452", "", kMia});
    const auto ios = c.addAccount(phone, {"ios-messages", kMia, "", kMia});
    const auto liam = c.addAccount(laptop, {"whatsapp", "353209102468@s.whatsapp.net", "Liam", kLiam});
    const auto s = resolve();
    EXPECT_EQ(s.persons, 2);
    EXPECT_EQ(s.joined, 2);
    EXPECT_EQ(c.personOf(wa), c.personOf(sms));
    EXPECT_EQ(c.personOf(wa), c.personOf(ios));
    EXPECT_NE(c.personOf(wa), c.personOf(liam));
    EXPECT_EQ(c.ruleOf(sms), "phone");
    EXPECT_NE(c.reasonOf(sms).find(std::string("same phone number ") + kMia), std::string::npos) << c.reasonOf(sms);
    EXPECT_EQ(c.labelOf(c.personOf(wa)), "Mia");
}

TEST_F(Identity, InvalidShortOrEmptyPhoneValuesNeverJoin)
{
    const char *junk[] = {"+1234", "12345", "+44 7700 900452", "+4477009004521234567", "+000000000"};
    std::vector<std::int64_t> ids;
    for (const char *value : junk) {
        ids.push_back(c.addAccount(laptop, {"android-sms", std::string("a") + value, "", value}));
        ids.push_back(c.addAccount(phone, {"ios-messages", std::string("b") + value, "", value}));
    }
    ids.push_back(c.addAccount(laptop, {"telegram", "11", ""}));
    ids.push_back(c.addAccount(phone, {"discord", "12", ""}));
    const auto s = resolve();
    EXPECT_EQ(s.persons, static_cast<std::int64_t>(ids.size()));
    EXPECT_EQ(s.joined, 0);
}

TEST_F(Identity, EmailsJoinWhenTheyAreAddressesAndNormalised)
{
    const auto a = c.addAccount(laptop, {"kik", "ava_k@talk.kik.com", "", "", " Ava.K@Example.CA "});
    const auto b = c.addAccount(phone, {"ios-messages", "ava.k@example.ca", "", "", "ava.k@example.ca"});
    const auto x = c.addAccount(laptop, {"kik", "x1@talk.kik.com", "", "", "not-an-email"});
    const auto y = c.addAccount(phone, {"messenger", "77", "", "", "not-an-email"});
    resolve();
    EXPECT_EQ(c.personOf(a), c.personOf(b));
    EXPECT_EQ(c.ruleOf(b), "email");
    EXPECT_NE(c.personOf(x), c.personOf(y));
}

TEST_F(Identity, TheSameAppAccountOnTwoDevicesIsOnePerson)
{
    const auto a = c.addAccount(laptop, {"whatsapp", "61491570156@s.whatsapp.net", "Chloe"});
    const auto b = c.addAccount(phone, {"whatsapp", "61491570156@s.whatsapp.net", "chloe"});
    const auto t = c.addAccount(laptop, {"telegram", "5550142", ""});
    const auto d = c.addAccount(phone, {"discord", "5550142", ""});
    resolve();
    EXPECT_EQ(c.personOf(a), c.personOf(b));
    EXPECT_EQ(c.ruleOf(b), "app-id");
    EXPECT_NE(c.reasonOf(b).find("is on evidence 2 (phone) and evidence 1 (laptop.E01)"), std::string::npos) << c.reasonOf(b);
    EXPECT_NE(c.personOf(t), c.personOf(d)) << "the same id in two apps is not the same account";
}

TEST_F(Identity, OnlyDistinctiveUsernamesJoinTwoApps)
{
    const auto insta = c.addAccount(laptop, {"instagram", "8812", "", "", "", "Chloe.Sk8.2010"});
    const auto skype = c.addAccount(laptop, {"skype", "chloe.sk8.2010", "Chloe"});
    std::vector<std::pair<std::int64_t, std::int64_t>> generic;
    for (const char *name : {"admin", "user1", "jessica", "chloe2010", "abc12", "12345678", "x_1_2_3_4"})
        generic.emplace_back(c.addAccount(laptop, {"instagram", std::string("i-") + name, "", "", "", name}),
                             c.addAccount(phone, {"telegram", std::string("t-") + name, "", "", "", name}));
    // The same distinctive name twice in one app of one device joins nothing by itself.
    const auto k1 = c.addAccount(laptop, {"kik", "k1@talk.kik.com", "", "", "", "skater.girl.99"});
    const auto k2 = c.addAccount(laptop, {"kik", "k2@talk.kik.com", "", "", "", "skater.girl.99"});
    // A Snapchat key that is a generated id is not a username.
    const auto snap = c.addAccount(phone, {"snapchat", "5a1d0c2e-7b3f-4e61-9c8a-0f2d4b6e8a10"});
    const auto uuidName = c.addAccount(laptop, {"instagram", "77", "", "", "", "5a1d0c2e-7b3f-4e61-9c8a-0f2d4b6e8a10"});
    resolve();
    EXPECT_NE(c.personOf(snap), c.personOf(uuidName));
    EXPECT_EQ(c.personOf(insta), c.personOf(skype));
    EXPECT_EQ(c.ruleOf(skype), "username");
    EXPECT_NE(c.reasonOf(skype).find("'chloe.sk8.2010'"), std::string::npos) << c.reasonOf(skype);
    for (const auto &[a, b] : generic)
        EXPECT_NE(c.personOf(a), c.personOf(b)) << c.reasonOf(a);
    EXPECT_NE(c.personOf(k1), c.personOf(k2));
}

TEST_F(Identity, UsernameRuleIsOffWithoutTheGenericList)
{
    const auto insta = c.addAccount(laptop, {"instagram", "8812", "", "", "", "chloe.sk8.2010"});
    const auto skype = c.addAccount(laptop, {"skype", "chloe.sk8.2010", "Chloe"});
    auto r = analysis::resolveIdentities(c.db(), {c.dir() / "no-such-list.txt"});
    ASSERT_TRUE(r) << r.error().toString();
    EXPECT_NE(c.personOf(insta), c.personOf(skype));
}

TEST_F(Identity, AnAddressBookEntryJoinsTheIdentifiersItLists)
{
    const auto sms = c.addAccount(phone, {"android-sms", kChloe, "", kChloe});
    const auto kik = c.addAccount(laptop, {"kik", "chl@talk.kik.com", "", "", "chloe.w@example.com.au"});
    const auto skype = c.addAccount(laptop, {"skype", "live:chloe_w", "Chloe W"});
    c.addContact(phone, {"android-contacts", "Chloe", {kChloe}, {"chloe.w@example.com.au"}});
    c.addContact(laptop, {"skype", "Chloe W", {kChloe}, {}, "live:chloe_w"});
    const auto s = resolve();
    EXPECT_EQ(s.persons, 1);
    EXPECT_EQ(c.personOf(sms), c.personOf(kik));
    EXPECT_EQ(c.personOf(sms), c.personOf(skype));
    EXPECT_EQ(c.ruleOf(kik), "contact");
    EXPECT_NE(c.reasonOf(kik).find("address-book entry 'Chloe' (android-contacts app, evidence 2) lists "
                                   "chloe.w@example.com.au and +61491570156"),
              std::string::npos)
        << c.reasonOf(kik);
    EXPECT_NE(c.reasonOf(skype).find("skype app live:chloe_w"), std::string::npos) << c.reasonOf(skype);
}

TEST_F(Identity, ANumberSharedByDifferentNamesDoesNotBridgePeople)
{
    const char *home = "+441632960123", *mumMobile = "+447700900231", *dadMobile = "+447700900232";
    c.addContact(phone, {"android-contacts", "Mum", {home, mumMobile}, {}});
    c.addContact(phone, {"android-contacts", "Dad", {home, dadMobile}, {}});
    c.addContact(phone, {"android-contacts", "Mum mobile", {mumMobile}, {}});
    const auto mum = c.addAccount(phone, {"android-sms", mumMobile, "", mumMobile});
    const auto dad = c.addAccount(phone, {"android-sms", dadMobile, "", dadMobile});
    const auto landlineSms = c.addAccount(phone, {"android-sms", home, "", home});
    const auto landlineCall = c.addAccount(phone, {"android-calllog", home, "", home});
    const auto mumMessenger = c.addAccount(laptop, {"messenger", "501", "Mum", home, "mum@example.com"});
    const auto dadMessenger = c.addAccount(laptop, {"messenger", "502", "Dad", home, "dad@example.com"});
    resolve();
    EXPECT_NE(c.personOf(mum), c.personOf(dad));
    EXPECT_EQ(c.personOf(landlineSms), c.personOf(landlineCall)) << "the number itself is one endpoint";
    EXPECT_NE(c.personOf(mumMessenger), c.personOf(dadMessenger));
    EXPECT_NE(c.personOf(mumMessenger), c.personOf(landlineSms));
    EXPECT_EQ(c.ruleOf(mumMessenger), "alone");
    EXPECT_NE(c.reasonOf(mumMessenger).find("listed under different names"), std::string::npos) << c.reasonOf(mumMessenger);
    EXPECT_NE(c.reasonOf(mumMessenger).find("'Dad'"), std::string::npos) << c.reasonOf(mumMessenger);
    EXPECT_EQ(c.ruleOf(mum), "alone") << "'Mum' and 'Mum mobile' are one name, but only one account has the number";
}

TEST_F(Identity, OnePersonsAnnotatedNamesOrTwoAddressBooksDoNotMakeANumberShared)
{
    // "Chloe (art)" and "Chloe (skype)" are one girl; "Dr Patel" and "Dr Jones" are two people.
    c.addContact(laptop, {"android-contacts", "Chloe (art)", {kChloe}, {}});
    c.addContact(laptop, {"android-contacts", "Chloe (skype)", {kChloe}, {}});
    c.addContact(laptop, {"whatsapp", "Chloe N", {kChloe}, {}});   // another app's book
    c.addContact(laptop, {"android-contacts", "Dr Patel", {"+441632960999"}, {}});
    c.addContact(laptop, {"android-contacts", "Dr. Jones", {"+441632960999"}, {}});
    const auto skype = c.addAccount(laptop, {"skype", "chloe.sk8.2010", "Chloe N", kChloe});
    const auto wa = c.addAccount(laptop, {"whatsapp", "61491570156@s.whatsapp.net", "chlo", kChloe});
    const auto patel = c.addAccount(laptop, {"messenger", "9001", "Dr Patel", "+441632960999", "patel@example.com"});
    const auto surgery = c.addAccount(laptop, {"android-sms", "+441632960999", "", "+441632960999"});
    resolve();
    EXPECT_EQ(c.personOf(skype), c.personOf(wa));
    EXPECT_EQ(c.ruleOf(wa), "phone");
    EXPECT_NE(c.personOf(patel), c.personOf(surgery)) << "the surgery's number is shared by two doctors";
}

TEST_F(Identity, EachAccountIsExplainedByTheShortestChainAndTheBestRule)
{
    // The suspect on two devices: the phone's owner accounts reach the laptop's through his number
    // and email, so that is what their reasons say; the rest are owners of the same phone.
    const auto laptopOwner = c.addAccount(laptop, {"whatsapp", "", "", "", "", "", "", true});
    const auto skype = c.addAccount(laptop, {"skype", "alex.dunn.1987", "Alex Dunn", "+447700900100",
                                             "alex.dunn.1987@example.com", "", "", true});
    const auto telegram = c.addAccount(phone, {"telegram", "5010100100", "Jay", "+447700900100", "", "", "", true});
    const auto google = c.addAccount(phone, {"android-contacts", "alex.dunn.1987@example.com", "", "",
                                             "alex.dunn.1987@example.com", "", "", true});
    const auto insta = c.addAccount(phone, {"instagram", "48213395017", "", "", "", "", "", true});
    const auto s = resolve();
    EXPECT_EQ(s.persons, 1);
    EXPECT_EQ(c.ruleOf(laptopOwner), "owner");
    EXPECT_EQ(c.ruleOf(skype), "owner");
    EXPECT_EQ(c.ruleOf(telegram), "phone");
    EXPECT_EQ(c.linkedOf(telegram), skype);
    EXPECT_EQ(c.ruleOf(google), "email");
    EXPECT_EQ(c.ruleOf(insta), "owner");
    EXPECT_NE(c.reasonOf(insta).find("device owner's account on evidence 2 (phone)"), std::string::npos) << c.reasonOf(insta);
}

TEST_F(Identity, PersonsAreNumberedByTheirSmallestAccountAndRunsAreIdentical)
{
    const auto first = c.addAccount(laptop, {"whatsapp", "a@s.whatsapp.net", "Zed"});
    const auto second = c.addAccount(laptop, {"android-sms", kMia, "", kMia});
    const auto third = c.addAccount(laptop, {"whatsapp", "447700900452@s.whatsapp.net", "Mia", kMia});
    const auto fourth = c.addAccount(phone, {"ios-messages", kLiam, "", kLiam});
    resolve();
    EXPECT_EQ(c.personOf(first), 1);
    EXPECT_EQ(c.personOf(second), 2);
    EXPECT_EQ(c.personOf(third), 2);
    EXPECT_EQ(c.personOf(fourth), 3);
    const auto once = c.dump();
    resolve();
    EXPECT_EQ(c.dump(), once);
}

TEST_F(Identity, LabelsPreferAddressBookNamesThenDisplayNamesThenNumbers)
{
    const auto a = c.addAccount(laptop, {"android-sms", kMia, "", kMia});
    c.addAccount(laptop, {"whatsapp", "447700900452@s.whatsapp.net", "mia_x", kMia, "", "", "Mia (school)"});
    const auto b = c.addAccount(laptop, {"whatsapp", "353209102468@s.whatsapp.net", "Liam", kLiam});
    const auto d = c.addAccount(laptop, {"android-sms", kChloe, "", kChloe});
    const auto e = c.addAccount(laptop, {"kik", "skaterx@talk.kik.com", "", "", "", "skaterx"});
    const auto f = c.addAccount(laptop, {"telegram", "424242", ""});
    resolve();
    EXPECT_EQ(c.labelOf(c.personOf(a)), "Mia (school)");
    EXPECT_EQ(c.labelOf(c.personOf(b)), "Liam");
    EXPECT_EQ(c.labelOf(c.personOf(d)), kChloe);
    EXPECT_EQ(c.labelOf(c.personOf(e)), "skaterx");
    EXPECT_EQ(c.labelOf(c.personOf(f)), "424242");
    // A long opaque key (Snapchat's user UUID) is shortened into a readable name.
    const auto g = c.addAccount(laptop, {"snapchat", "9e4b2c71-3a5d-4f08-b6e2-1c7a9d3f5b21", ""});
    resolve();
    const std::string snap = c.labelOf(c.personOf(g));
    EXPECT_NE(snap.find("user 9e4b2c71\u2026"), std::string::npos) << snap;
    EXPECT_EQ(snap.find("3a5d"), std::string::npos) << snap;
}

TEST_F(Identity, RefusesWhileOtherTablesReferToPersons)
{
    const auto a = c.addAccount(laptop, {"android-sms", kMia, "", kMia});
    resolve();
    ASSERT_TRUE(c.db().exec("INSERT INTO person_locations(person_id, country, source, confidence) VALUES (1, 'GB', "
                            "'phone', 0.9)"));
    auto r = analysis::resolveIdentities(c.db());
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, ErrorCode::InvalidArgument);
    EXPECT_EQ(c.personOf(a), 1) << "nothing changed";
}

TEST_F(Identity, DamagedDecisionRowsAreSkipped)
{
    const auto a = c.addAccount(laptop, {"android-sms", kMia, "", kMia});
    const auto b = c.addAccount(laptop, {"android-sms", kLiam, "", kLiam});
    ASSERT_TRUE(c.db().exec(
        "INSERT INTO identity_decisions(action, account_ids, created_utc) VALUES "
        "('merge', 'garbage', 'x'), ('merge', '[999, 1000]', 'x'), ('explode', '[1, 2]', 'x'), ('merge', '[1,', 'x'), "
        "('split', '[]', 'x'), ('merge', '[-1, 2]', 'x')"));
    const auto s = resolve();
    EXPECT_EQ(s.decisionsApplied, 0);
    EXPECT_NE(c.personOf(a), c.personOf(b));
}

} // namespace
