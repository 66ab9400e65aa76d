// SPDX-License-Identifier: GPL-3.0-or-later
#include "tests/ui/viewers/victimcase.h"

#include <gtest/gtest.h>

#include "core/analysis/people/people.h"
#include "core/casedb/casestore.h"

namespace vigil::test {

namespace {

// One-to-one chat of a suspect account with another account.
struct Chat {
    PeopleCase &c;
    std::int64_t conversation, suspect, other;

    std::int64_t in(int day, int hour, const std::string &body, int attachments = 0)
    {
        return c.message(conversation, other, "incoming", feb(day, hour), body, attachments);
    }
    std::int64_t out(int day, int hour, const std::string &body, int attachments = 0)
    {
        return c.message(conversation, suspect, "outgoing", feb(day, hour), body, attachments);
    }
};

Chat chatWith(PeopleCase &c, VictimCase &v, const char *suspect, const AccountSpec &spec, const char *name)
{
    const std::int64_t other = v.accounts[name] = c.account(spec);
    const std::int64_t mine = v.scenario.accounts.at(suspect);
    return {c, c.conversation(spec.app, {mine, other}), mine, other};
}

void addAbroad(PeopleCase &c, VictimCase &v)
{
    Chat lena = chatWith(c, v, "suspect-wa", {"whatsapp-android", "61412555019@s.whatsapp.net", "Lena", "+61412555019"},
                         "lena");
    lena.in(8, 9, "hi");
    v.messages["lena-age"] = lena.in(8, 10, "I'm 15");
    lena.out(9, 10, "send me a pic");
    v.messages["lena-threat"] = lena.out(12, 10, "pay or i post them, everyone will see");
    lena.in(12, 11, "please stop");
    Chat mateo = chatWith(c, v, "suspect-wa",
                          {"whatsapp-android", "353855550123@s.whatsapp.net", "Mateo", "+353855550123"}, "mateo");
    mateo.in(16, 15, "hey");
    mateo.out(16, 16, "how old are you");
    v.messages["mateo-age"] = mateo.in(16, 17, "I'm 14");
    mateo.out(17, 16, "don't tell anyone about us");
    mateo.out(18, 16, "add me on snap");
    Chat sofia = chatWith(c, v, "suspect-ios", {"ios-messages", "+12125550187", "Sofia", "+12125550187"}, "sofia");
    v.messages["sofia-age"] = sofia.in(24, 19, "I'm 13 lol");
    sofia.out(24, 20, "I'm Jay, same age as you");
    sofia.out(25, 20, "send me a photo");
    sofia.in(25, 21, "no");
}

// A second account of Ava's nothing links to her first one: the analyst merges them.
void addAvaSecondAccount(PeopleCase &c, VictimCase &v)
{
    Chat skype = chatWith(c, v, "suspect-skype", {"skype", "ava.skates", "A.", ""}, "ava-skype");
    v.messages["ava-skype-hello"] = skype.in(15, 18, "hey it's me, new account");
    skype.out(15, 19, "ok");
}

} // namespace

std::int64_t VictimCase::account(const std::string &name) const
{
    if (const auto it = accounts.find(name); it != accounts.end())
        return it->second;
    const auto it = scenario.accounts.find(name);
    return it == scenario.accounts.end() ? 0 : it->second;
}

VictimCase buildVictimCase(const std::filesystem::path &dir)
{
    VictimCase v;
    v.dir = dir;
    {
        auto c = PeopleCase::create(dir);
        if (!c)
            return v;
        v.scenario = buildScenario(*c, false);
        addAbroad(*c, v);
        addAvaSecondAccount(*c, v);
    }
    auto store = casedb::CaseStore::openOrCreate(dir, {}, "Examiner");
    if (!store) {
        ADD_FAILURE() << store.error().toString();
        return v;
    }
    auto summary = (*store)->writer().call<analysis::PeopleSummary>(
        [](casedb::Database &db) { return analysis::analysePeople(db); });
    if (!summary)
        ADD_FAILURE() << "people analysis: " << summary.error().toString();
    return v;
}

std::int64_t caseScalar(const std::filesystem::path &caseDir, const std::string &sql)
{
    auto db = casedb::CaseStore::openReadOnly(caseDir);
    if (!db)
        return -1;
    auto st = db->prepare(sql);
    if (!st)
        return -1;
    auto row = st->step();
    return row && *row ? st->int64(0) : -1;
}

std::int64_t personOf(const std::filesystem::path &caseDir, std::int64_t accountId)
{
    const auto id = caseScalar(caseDir, "SELECT person_id FROM person_accounts WHERE account_id = " + std::to_string(accountId));
    return id < 0 ? 0 : id;
}

} // namespace vigil::test
