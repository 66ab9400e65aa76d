// SPDX-License-Identifier: GPL-3.0-or-later
// `vigil analyse` and `vigil victims` run as processes on the grooming scenario
// (tests/core/analysis/people/peoplecase.h) with no persons yet: analyse resolves the identities
// (the owner's three accounts are the suspect), places the persons and ranks the victims; victims
// prints them as JSON, CSV and a table.
#include <gtest/gtest.h>

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>

#include "tests/core/analysis/people/peoplecase.h"
#include "tests/integration/harness.h"

using namespace vigil;
using namespace vigil::test;

namespace {

class CliVictims : public ::testing::Test {
protected:
    void SetUp() override
    {
        auto c = PeopleCase::create(caseDir());
        ASSERT_TRUE(c);
        m_scenario = buildScenario(*c, false);
    }

    fs::path caseDir() const { return m_tmp.path() / "case"; }

    CommandResult cli(const std::string &args, const std::string &redirect = {})
    {
        return run(quote(vigilBinary().string()) + " " + args + " --case " + quote(caseDir().string()) + redirect);
    }

    void analyse()
    {
        const auto r = cli("analyse --examiner tester");
        ASSERT_EQ(r.exitCode, 0) << r.out;
        EXPECT_NE(r.out.find("Victims: 4 (1 urgent)"), std::string::npos) << r.out;
    }

    // stdout only, parsed.
    QJsonObject json()
    {
        const auto file = m_tmp.path() / "victims.json";
        const auto r = cli("victims --format json", " > " + quote(file.string()));
        EXPECT_EQ(r.exitCode, 0) << r.out;
        QFile f(QString::fromStdString(file.string()));
        EXPECT_TRUE(f.open(QIODevice::ReadOnly));
        QJsonParseError error;
        const auto doc = QJsonDocument::fromJson(f.readAll(), &error);
        EXPECT_EQ(error.error, QJsonParseError::NoError) << error.errorString().toStdString();
        return doc.object();
    }

    // The victim holding the account with this key.
    static QJsonObject byAccount(const QJsonArray &victims, const QString &key)
    {
        for (const QJsonValue v : victims)
            for (const QJsonValue a : v.toObject().value("accounts").toArray())
                if (a.toObject().value("key").toString() == key)
                    return v.toObject();
        return {};
    }

    TempDir m_tmp;
    Scenario m_scenario;
};

} // namespace

TEST_F(CliVictims, AnalyseRanksTheVictimsAndIsAudited)
{
    analyse();
    const auto audit = cli("audit");
    EXPECT_EQ(audit.exitCode, 0) << audit.out;
    EXPECT_NE(audit.out.find("people.analyse"), std::string::npos) << audit.out;
    EXPECT_EQ(caseScalar(caseDir(), "SELECT count(*) FROM victims"), 4);
    EXPECT_EQ(caseScalar(caseDir(), "SELECT count(*) FROM persons WHERE role = 'suspect'"), 1);
    // Running it again gives the same ranking.
    const auto before = caseScalar(caseDir(), "SELECT sum(rank * person_id) FROM victims");
    analyse();
    EXPECT_EQ(caseScalar(caseDir(), "SELECT sum(rank * person_id) FROM victims"), before);
}

TEST_F(CliVictims, JsonHasEveryFieldOfTheFormat)
{
    analyse();
    const QJsonObject doc = json();
    const QJsonArray victims = doc.value("victims").toArray();
    ASSERT_EQ(victims.size(), 4);
    const char *fields[] = {"rank", "person_id", "label", "priority", "priority_reasons", "risk", "stage", "stated_age",
                            "country", "country_confidence", "apps", "accounts", "first_contact", "last_contact",
                            "messages", "media_sent", "media_received", "indicators", "suspects", "cluster",
                            "explanation"};
    for (const QJsonValue v : victims)
        for (const char *f : fields)
            EXPECT_TRUE(v.toObject().contains(f)) << f;
    const QJsonObject ava = victims.at(0).toObject();
    EXPECT_EQ(ava.value("rank").toInt(), 1);
    EXPECT_EQ(byAccount(victims, "+14165550142"), ava);
    EXPECT_EQ(ava.value("priority").toString(), "urgent");
    EXPECT_EQ(ava.value("stage").toString(), "sexualisation");
    EXPECT_EQ(ava.value("stated_age").toInt(), 13);
    EXPECT_EQ(ava.value("risk").toDouble(), 65.0);
    EXPECT_EQ(ava.value("first_contact").toString(), "2024-02-03T18:00:00Z");
    EXPECT_EQ(ava.value("apps").toArray(), QJsonArray{"ios-messages"});
    EXPECT_EQ(ava.value("priority_reasons").toArray().first().toString(),
              "said 'I want to die' on 2024-02-14 (iOS Messages)");
    double sum = 0;
    for (const QJsonValue term : ava.value("explanation").toArray())
        sum += term.toObject().value("points").toDouble();
    EXPECT_DOUBLE_EQ(sum, 65.0);
    const QJsonObject account = ava.value("accounts").toArray().first().toObject();
    for (const char *f : {"id", "evidence_id", "app", "key", "phone", "rule", "reason"})
        EXPECT_TRUE(account.contains(f)) << f;
    EXPECT_FALSE(account.value("reason").toString().isEmpty());
    const QJsonObject ben = byAccount(victims, "447700900452@s.whatsapp.net");
    EXPECT_EQ(ben.value("priority").toString(), "high");
    EXPECT_EQ(ben.value("stage").toString(), "ongoing");
    EXPECT_EQ(ben.value("country").toString(), "GB");   // from his +44 number
    const QJsonArray suspects = doc.value("suspects").toArray();
    ASSERT_EQ(suspects.size(), 1);
    EXPECT_EQ(suspects.first().toObject().value("accounts").toArray().size(), 3);
    EXPECT_EQ(ava.value("suspects").toArray(), QJsonArray{suspects.first().toObject().value("person_id")});
}

TEST_F(CliVictims, CsvHasAHeaderAndOneRowPerVictim)
{
    analyse();
    const auto file = m_tmp.path() / "victims.csv";
    const auto r = cli("victims --format csv", " > " + quote(file.string()));
    ASSERT_EQ(r.exitCode, 0) << r.out;
    const auto text = run("cat " + quote(file.string())).out;
    std::vector<std::string> lines;
    for (std::size_t at = 0, next; at < text.size(); at = next + 1) {
        next = text.find('\n', at);
        if (next == std::string::npos)
            next = text.size();
        lines.push_back(text.substr(at, next - at));
    }
    ASSERT_EQ(lines.size(), 5u) << text;
    EXPECT_EQ(lines[0].rfind("rank,person_id,label,priority,risk,stage,stated_age,country", 0), 0u) << lines[0];
    EXPECT_EQ(lines[1].rfind("1,", 0), 0u);
    EXPECT_NE(lines[1].find(",urgent,65,sexualisation,13,"), std::string::npos) << lines[1];
    EXPECT_NE(lines[4].find(",low,25,rapport,"), std::string::npos) << lines[4];
}

TEST_F(CliVictims, TableIsReadableAndExplainsThePriority)
{
    analyse();
    const auto r = cli("victims");
    ASSERT_EQ(r.exitCode, 0) << r.out;
    EXPECT_NE(r.out.find("4 victims (1 urgent) of 1 suspect"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("said 'I want to die' on 2024-02-14 (iOS Messages)"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("Rank Priority"), std::string::npos) << r.out;
}

TEST_F(CliVictims, WithoutAnAnalysisTheListIsEmptyWithAHint)
{
    const auto r = cli("victims");
    EXPECT_EQ(r.exitCode, 0) << r.out;
    EXPECT_NE(r.out.find("0 victims"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("vigil analyse"), std::string::npos) << r.out;
}

TEST_F(CliVictims, UsageErrors)
{
    EXPECT_EQ(cli("victims --format xml").exitCode, 64);
    EXPECT_EQ(cli("victims --bogus").exitCode, 64);
    EXPECT_EQ(run(quote(vigilBinary().string()) + " victims").exitCode, 64);
    EXPECT_EQ(run(quote(vigilBinary().string()) + " analyse --case " + quote((m_tmp.path() / "nothing").string())).exitCode,
              2);
    EXPECT_EQ(run(quote(vigilBinary().string()) + " victims --case " + quote((m_tmp.path() / "nothing").string())).exitCode,
              2);
}
