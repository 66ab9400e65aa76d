// SPDX-License-Identifier: GPL-3.0-or-later
// The demo's people end to end, against its ground truth: `vigil ingest demo.E01 demo-phone.E01`
// (one suspect's laptop and phone), then `vigil victims --format json` and `vigil persons --format
// json` are checked against tests/data/demo_people_truth.json: every child listed with the right
// country, stage, indicator kinds and merged accounts, no ordinary contact listed, the child who
// wrote about self-harm first and urgent, the suspect one person across both devices. Precision
// and recall (victims, countries, merges, indicator kinds) are printed and recorded as properties.
#include <gtest/gtest.h>

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>
#include <cstdio>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <sstream>

#include "harness.h"

using namespace vigil::test;

namespace {

// ---- the ground truth ----

struct AccountRef {
    std::string device, app, key;
};

struct TruthPerson {
    std::string id, label, kind;   // kind: suspect, victim, other, group
    std::optional<std::string> country;
    std::string stage, priority;
    std::optional<int> statedAge;
    bool selfHarm = false;
    std::vector<std::string> indicators;
    std::vector<AccountRef> accounts;
};

std::string str(const QJsonValue &v) { return v.toString().toStdString(); }

QJsonObject readJson(const fs::path &file)
{
    QFile f(QString::fromStdString(file.string()));
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(f.readAll()).object();
}

TruthPerson truthPerson(const QJsonObject &o, const std::string &kind)
{
    TruthPerson p;
    p.id = str(o["id"]);
    p.label = str(o["label"]);
    p.kind = kind;
    if (o["country"].isString())
        p.country = str(o["country"]);
    p.stage = str(o["stage"]);
    p.priority = str(o["priority"]);
    if (o["stated_age"].isDouble())
        p.statedAge = o["stated_age"].toInt();
    p.selfHarm = o["self_harm"].toBool();
    for (const auto &k : o["indicators"].toArray())
        p.indicators.push_back(str(k));
    for (const auto &a : o["accounts"].toArray())
        p.accounts.push_back({str(a.toObject()["device"]), str(a.toObject()["app"]), str(a.toObject()["key"])});
    return p;
}

std::vector<TruthPerson> readTruth(const QJsonObject &doc)
{
    std::vector<TruthPerson> out;
    auto suspect = truthPerson(doc["suspect"].toObject(), "suspect");
    suspect.id = "suspect";
    out.push_back(suspect);
    for (const auto &[key, kind] : {std::pair("victims", "victim"), std::pair("non_victims", "other"),
                                    std::pair("groups", "group")}) {
        int n = 0;
        for (const auto &v : doc[key].toArray()) {
            out.push_back(truthPerson(v.toObject(), kind));
            if (out.back().id.empty())
                out.back().id = std::string(kind) + "-" + std::to_string(++n);
        }
    }
    return out;
}

// ---- what Vigil says ----

using AccountKey = std::tuple<std::int64_t, std::string, std::string>;   // evidence id, app, account key

struct VictimOut {
    int rank = 0;
    std::int64_t personId = 0;
    std::string label, priority, stage, country;
    double risk = 0.0;
    std::optional<int> statedAge;
    std::set<std::string> indicators;
    std::vector<std::int64_t> suspects;
};

// persons JSON: {"persons":[...]} or a bare array; each person has "id" (or "person_id"), "role"
// and "accounts" with "evidence_id", "app" and "key".
std::map<AccountKey, std::int64_t> personOfAccounts(const QJsonDocument &doc, std::map<std::int64_t, std::string> &roles)
{
    std::map<AccountKey, std::int64_t> out;
    const QJsonArray persons = doc.isArray() ? doc.array() : doc.object()["persons"].toArray();
    for (const auto &pv : persons) {
        const auto p = pv.toObject();
        const std::int64_t id = p.contains("person_id") ? p["person_id"].toInteger() : p["id"].toInteger();
        roles[id] = str(p["role"]);
        for (const auto &av : p["accounts"].toArray()) {
            const auto a = av.toObject();
            out[{a["evidence_id"].toInteger(), str(a["app"]), str(a["key"])}] = id;
        }
    }
    return out;
}

std::vector<VictimOut> victimsOf(const QJsonObject &doc)
{
    std::vector<VictimOut> out;
    for (const auto &vv : doc["victims"].toArray()) {
        const auto v = vv.toObject();
        VictimOut r;
        r.rank = v["rank"].toInt();
        r.personId = v["person_id"].toInteger();
        r.label = str(v["label"]);
        r.priority = str(v["priority"]);
        r.stage = str(v["stage"]);
        r.country = str(v["country"]);
        r.risk = v["risk"].toDouble();
        if (v["stated_age"].isDouble())
            r.statedAge = v["stated_age"].toInt();
        const auto kinds = v["indicators"].toObject();
        for (auto it = kinds.begin(); it != kinds.end(); ++it)
            if (it.value().toInt() > 0)
                r.indicators.insert(it.key().toStdString());
        for (const auto &s : v["suspects"].toArray())
            r.suspects.push_back(s.toInteger());
        out.push_back(std::move(r));
    }
    return out;
}

int priorityLevel(const std::string &p)
{
    static const std::map<std::string, int> levels{{"urgent", 3}, {"high", 2}, {"medium", 1}, {"low", 0}};
    const auto it = levels.find(p);
    return it == levels.end() ? -1 : it->second;
}

double ratio(std::size_t a, std::size_t b) { return b ? double(a) / double(b) : 1.0; }

std::string percent(double r)
{
    char buf[16];
    std::snprintf(buf, sizeof buf, "%.1f%%", 100.0 * r);
    return buf;
}

// One ingest of both devices and one run of each command, shared by the suite.
class DemoVictims : public ::testing::Test {
protected:
    static void SetUpTestSuite()
    {
        s_tmp = std::make_unique<TempDir>();
        if (!haveEvidence())
            return;
        s_ingest = ingestShared({demoEvidence(), demoPhoneEvidence()}, caseDir());
        s_truth = readTruth(readJson(fs::path(VIGIL_SOURCE_DIR) / "tests/data/demo_people_truth.json"));
        s_victimsRun = cli("victims", s_tmp->path() / "victims.json");
        s_personsRun = cli("persons", s_tmp->path() / "persons.json");
        s_victimsDoc = readJson(s_tmp->path() / "victims.json");
        QFile persons(QString::fromStdString((s_tmp->path() / "persons.json").string()));
        if (persons.open(QIODevice::ReadOnly))
            s_personOf = personOfAccounts(QJsonDocument::fromJson(persons.readAll()), s_roles);
        s_victims = victimsOf(s_victimsDoc);
        for (const auto &device : {std::string("laptop"), std::string("phone")}) {
            const auto file = device == "laptop" ? demoEvidence().filename() : demoPhoneEvidence().filename();
            s_evidenceId[device] =
                caseScalar(caseDir(), "SELECT id FROM evidence WHERE path LIKE '%" + file.string() + "'");
        }
    }
    static void TearDownTestSuite() { s_tmp.reset(); }
    void SetUp() override
    {
        if (!haveEvidence())
            GTEST_SKIP() << "no demo evidence: run the generate_demo CTest fixture first";
        ASSERT_EQ(s_ingest.exitCode, 0) << s_ingest.out;
        ASSERT_FALSE(s_truth.empty()) << "tests/data/demo_people_truth.json is missing or not JSON";
        ASSERT_EQ(s_victimsRun.exitCode, 0) << "vigil victims --format json:\n" << s_victimsRun.out;
        ASSERT_EQ(s_personsRun.exitCode, 0) << "vigil persons --format json:\n" << s_personsRun.out;
        ASSERT_FALSE(s_personOf.empty()) << "vigil persons --format json gave no accounts";
    }

    static bool haveEvidence() { return fs::exists(demoEvidence()) && fs::exists(demoPhoneEvidence()); }
    static fs::path caseDir() { return s_tmp->path() / "case"; }
    // Runs `vigil COMMAND --case DIR --format json`, stdout into OUT; returns exit code and stderr.
    static CommandResult cli(const std::string &command, const fs::path &out)
    {
        return run(quote(vigilBinary().string()) + " " + command + " --case " + quote(caseDir().string())
                   + " --format json > " + quote(out.string()));
    }

    static AccountKey keyOf(const AccountRef &a) { return {s_evidenceId.at(a.device), a.app, a.key}; }
    static std::string describe(const AccountRef &a) { return a.device + " " + a.app + " '" + a.key + "'"; }
    // The person holding ACCOUNT, if Vigil placed it in one.
    static std::optional<std::int64_t> personOf(const AccountRef &a)
    {
        const auto it = s_personOf.find(keyOf(a));
        return it == s_personOf.end() ? std::nullopt : std::optional(it->second);
    }
    // The person most of a truth person's accounts landed in.
    static std::optional<std::int64_t> mainPerson(const TruthPerson &t)
    {
        std::map<std::int64_t, int> votes;
        for (const auto &a : t.accounts)
            if (auto p = personOf(a))
                ++votes[*p];
        if (votes.empty())
            return std::nullopt;
        return std::max_element(votes.begin(), votes.end(), [](auto &x, auto &y) { return x.second < y.second; })->first;
    }
    static const VictimOut *victimRow(std::int64_t personId)
    {
        for (const auto &v : s_victims)
            if (v.personId == personId)
                return &v;
        return nullptr;
    }
    static const VictimOut *victimRowOf(const TruthPerson &t)
    {
        const auto p = mainPerson(t);
        return p ? victimRow(*p) : nullptr;
    }
    // The truth persons (ids and kinds) whose accounts Vigil placed in PERSON.
    static std::set<std::pair<std::string, std::string>> truthOwners(std::int64_t person)
    {
        std::set<std::pair<std::string, std::string>> out;
        for (const auto &t : s_truth)
            for (const auto &a : t.accounts)
                if (personOf(a) == person)
                    out.emplace(t.id, t.kind);
        return out;
    }
    static const TruthPerson &truth(const std::string &id)
    {
        return *std::find_if(s_truth.begin(), s_truth.end(), [&](const TruthPerson &t) { return t.id == id; });
    }
    template <typename F>
    static void forEach(const std::string &kind, F f)
    {
        for (const auto &t : s_truth)
            if (t.kind == kind)
                f(t);
    }

    inline static std::unique_ptr<TempDir> s_tmp;
    inline static CommandResult s_ingest, s_victimsRun, s_personsRun;
    inline static std::vector<TruthPerson> s_truth;
    inline static QJsonObject s_victimsDoc;
    inline static std::vector<VictimOut> s_victims;
    inline static std::map<AccountKey, std::int64_t> s_personOf;
    inline static std::map<std::int64_t, std::string> s_roles;
    inline static std::map<std::string, std::int64_t> s_evidenceId;
};

TEST_F(DemoVictims, EveryAccountOfTheTruthIsInTheCase)
{
    // Keeps the truth file and the generators in step: each account it names was parsed.
    for (const auto &t : s_truth)
        for (const auto &a : t.accounts)
            EXPECT_EQ(caseScalar(caseDir(), "SELECT count(*) FROM accounts WHERE evidence_id=" +
                                                 std::to_string(s_evidenceId.at(a.device)) + " AND app='" + a.app +
                                                 "' AND account_key='" + a.key + "'"),
                      1)
                << t.id << ": " << describe(a);
}

TEST_F(DemoVictims, TheSuspectIsOnePersonHoldingAccountsOfBothDevices)
{
    const auto &suspect = truth("suspect");
    const auto person = mainPerson(suspect);
    ASSERT_TRUE(person) << "no suspect account is in any person";
    for (const auto &a : suspect.accounts)
        EXPECT_EQ(personOf(a), person) << "suspect account not joined: " << describe(a);
    EXPECT_EQ(s_roles[*person], "suspect");
    std::set<std::int64_t> devices;
    for (const auto &[key, p] : s_personOf)
        if (p == *person)
            devices.insert(std::get<0>(key));
    EXPECT_EQ(devices.size(), 2u);
    const auto suspects = s_victimsDoc["suspects"].toArray();
    ASSERT_EQ(suspects.size(), 1) << "one suspect, not one per device";
    EXPECT_EQ(suspects[0].toObject()["person_id"].toInteger(), *person);
    for (const auto &v : s_victims)
        EXPECT_EQ(v.suspects, std::vector<std::int64_t>{*person}) << v.label;
}

TEST_F(DemoVictims, EveryChildIsListedWithCountryAgeAndAllTheirAccounts)
{
    forEach("victim", [](const TruthPerson &t) {
        const auto person = mainPerson(t);
        ASSERT_TRUE(person) << t.id << ": none of the accounts is in a person";
        for (const auto &a : t.accounts)
            EXPECT_EQ(personOf(a), person) << t.id << ": account not merged: " << describe(a);
        const auto *row = victimRow(*person);
        ASSERT_NE(row, nullptr) << t.id << " is not in the victims list";
        EXPECT_EQ(row->country, t.country.value_or("")) << t.id;
        EXPECT_EQ(row->statedAge, t.statedAge) << t.id;
    });
}

TEST_F(DemoVictims, NoOrdinaryContactOrGroupIsAVictim)
{
    for (const auto &kind : {"other", "group", "suspect"})
        forEach(kind, [](const TruthPerson &t) {
            for (const auto &a : t.accounts) {
                if (const auto p = personOf(a)) {
                    EXPECT_EQ(victimRow(*p), nullptr)
                        << t.id << " (" << t.kind << ") listed as a victim via " << describe(a);
                }
            }
        });
    // and nobody the truth does not know (a child listed twice is a missed merge, reported above)
    for (const auto &v : s_victims)
        EXPECT_FALSE(truthOwners(v.personId).empty())
            << "unexpected victim: " << v.label << " (person " << v.personId << ")";
}

TEST_F(DemoVictims, TheChildWhoWroteAboutSelfHarmIsFirstAndUrgent)
{
    ASSERT_FALSE(s_victims.empty());
    const auto &ava = truth("ava");
    ASSERT_TRUE(ava.selfHarm);
    const auto *row = victimRowOf(ava);
    ASSERT_NE(row, nullptr);
    EXPECT_EQ(row->rank, 1);
    EXPECT_EQ(row->priority, "urgent");
    EXPECT_TRUE(row->indicators.count("self-harm"));
    for (const auto &v : s_victims) {
        if (v.personId != row->personId) {
            EXPECT_FALSE(v.indicators.count("self-harm")) << v.label << " has a self-harm hit; only Ava wrote one";
        }
    }
}

TEST_F(DemoVictims, PrioritiesFollowTheDanger)
{
    // Coercion going on when the phone was seized is urgent; every blackmailed, extorted or
    // taken-over child is at least high; a first contact is at most medium.
    const auto *grace = victimRowOf(truth("grace"));
    ASSERT_NE(grace, nullptr);
    EXPECT_EQ(grace->priority, "urgent");
    forEach("victim", [](const TruthPerson &t) {
        const auto *row = victimRowOf(t);
        if (!row)
            return;   // reported by EveryChildIsListed...
        EXPECT_GE(priorityLevel(row->priority), 0) << t.id << ": unknown priority " << row->priority;
        if (t.stage == "coercion" || t.stage == "ongoing") {
            EXPECT_GE(priorityLevel(row->priority), priorityLevel("high")) << t.id << " is " << row->priority;
        }
        if (t.stage == "first-contact") {
            EXPECT_LE(priorityLevel(row->priority), priorityLevel("medium")) << t.id << " is " << row->priority;
        }
    });
    // The ranked list never puts a lower priority above a higher one.
    for (std::size_t i = 1; i < s_victims.size(); ++i) {
        EXPECT_EQ(s_victims[i].rank, s_victims[i - 1].rank + 1);
        EXPECT_LE(priorityLevel(s_victims[i].priority), priorityLevel(s_victims[i - 1].priority))
            << s_victims[i].label << " below " << s_victims[i - 1].label;
    }
}

TEST_F(DemoVictims, StagesAndIndicatorKindsMatchTheChats)
{
    forEach("victim", [](const TruthPerson &t) {
        const auto *row = victimRowOf(t);
        if (!row)
            return;
        EXPECT_EQ(row->stage, t.stage) << t.id;
        for (const auto &kind : t.indicators)
            EXPECT_TRUE(row->indicators.count(kind)) << t.id << ": no " << kind << " hit";
    });
}

TEST_F(DemoVictims, PrecisionAndRecall)
{
    // Victims: a truth victim is found when the person holding most of its accounts is listed.
    std::size_t found = 0, countries = 0, stages = 0, priorities = 0, kindsFound = 0, kindsTotal = 0;
    std::set<std::int64_t> matched;
    std::ostringstream table;
    forEach("victim", [&](const TruthPerson &t) {
        const auto *row = victimRowOf(t);
        kindsTotal += t.indicators.size();
        table << "  " << t.id << ": ";
        if (!row) {
            table << "NOT LISTED\n";
            return;
        }
        ++found;
        matched.insert(row->personId);
        countries += row->country == t.country.value_or("");
        stages += row->stage == t.stage;
        priorities += row->priority == t.priority;
        for (const auto &kind : t.indicators)
            kindsFound += row->indicators.count(kind);
        table << "rank " << row->rank << ", " << row->priority << " (truth " << t.priority << "), risk " << row->risk
              << ", " << row->stage << " (truth " << t.stage << "), country '" << row->country << "' (truth '"
              << t.country.value_or("") << "')\n";
    });
    std::size_t victimsTotal = 0;
    forEach("victim", [&](const TruthPerson &) { ++victimsTotal; });

    // Merges, pairwise over every account the truth names (groups aside): a pair is joined when
    // Vigil put both accounts in one person.
    std::vector<std::pair<std::string, AccountRef>> accounts;
    for (const auto &t : s_truth)
        if (t.kind != "group")
            for (const auto &a : t.accounts)
                accounts.emplace_back(t.id, a);
    std::size_t samePairs = 0, joinedSame = 0, joined = 0;
    for (std::size_t i = 0; i < accounts.size(); ++i)
        for (std::size_t j = i + 1; j < accounts.size(); ++j) {
            const bool same = accounts[i].first == accounts[j].first;
            const auto pi = personOf(accounts[i].second), pj = personOf(accounts[j].second);
            const bool together = pi && pj && *pi == *pj;
            samePairs += same;
            joinedSame += same && together;
            joined += together;
        }

    // A listed row is right when it holds accounts of true victims only; a second row of one
    // child (a missed merge) is right but counted as listed twice.
    std::size_t rightRows = 0, twice = 0;
    for (const auto &v : s_victims) {
        const auto owners = truthOwners(v.personId);
        const bool right = !owners.empty() && std::all_of(owners.begin(), owners.end(),
                                                          [](const auto &o) { return o.second == "victim"; });
        rightRows += right;
        twice += right && !matched.count(v.personId);
    }
    const double victimPrecision = ratio(rightRows, s_victims.size());
    const double victimRecall = ratio(found, victimsTotal);
    const double countryAccuracy = ratio(countries, found);
    const double mergePrecision = ratio(joinedSame, joined), mergeRecall = ratio(joinedSame, samePairs);
    const double kindRecall = ratio(kindsFound, kindsTotal);
    std::printf("Demo people against tests/data/demo_people_truth.json (%zu victims listed, %zu in the truth):\n%s",
                s_victims.size(), victimsTotal, table.str().c_str());
    std::printf("  victims: precision %s (%zu of %zu rows; %zu of them a child listed a second time), "
                "recall %s (%zu of %zu)\n",
                percent(victimPrecision).c_str(), rightRows, s_victims.size(), twice, percent(victimRecall).c_str(), found,
                victimsTotal);
    std::printf("  countries: %zu of %zu found victims right (%s)\n", countries, found, percent(countryAccuracy).c_str());
    std::printf("  merges (account pairs): precision %s (%zu of %zu joined pairs), recall %s (%zu of %zu)\n",
                percent(mergePrecision).c_str(), joinedSame, joined, percent(mergeRecall).c_str(), joinedSame, samePairs);
    std::printf("  indicator kinds: recall %s (%zu of %zu); stages %zu of %zu; priorities %zu of %zu exactly\n",
                percent(kindRecall).c_str(), kindsFound, kindsTotal, stages, found, priorities, found);
    RecordProperty("victim_precision", percent(victimPrecision));
    RecordProperty("victim_recall", percent(victimRecall));
    RecordProperty("country_accuracy", percent(countryAccuracy));
    RecordProperty("merge_precision", percent(mergePrecision));
    RecordProperty("merge_recall", percent(mergeRecall));
    RecordProperty("indicator_kind_recall", percent(kindRecall));

    // A wrong join mixes two people's evidence: none is acceptable. The other figures are
    // asserted one by one by the tests above.
    EXPECT_EQ(joinedSame, joined) << "accounts of different people were merged";
}

} // namespace
