// SPDX-License-Identifier: GPL-3.0-or-later
// `vigil persons` run as a process on a case built for the purpose: the listing in JSON and as a
// table, merge, split, undo and the decisions list, errors and the audit trail.
#include <gtest/gtest.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include "core/analysis/identity/identity.h"
#include "core/casedb/casestore.h"
#include "tests/integration/harness.h"

using namespace vigil;
using namespace vigil::test;

namespace {

constexpr const char *kRows = R"SQL(
INSERT INTO files (id, evidence_id, path, name, meta_type, allocated, size, parser, parser_version) VALUES
 (1, 1, '/Users/alex/a.db', 'a.db', 'file', 1, 4096, 'tsk', '4'), (2, 2, '/data/b.db', 'b.db', 'file', 1, 4096, 'folder', '1');
INSERT INTO applications (id, name) VALUES ('whatsapp', 'WhatsApp'), ('skype', 'Skype'), ('android-sms', 'Android SMS'),
 ('snapchat', 'Snapchat');
INSERT INTO parse_sources (id, evidence_id, file_id, parser, parser_version, app, started_utc, status) VALUES
 (1, 1, 1, 'p', '1', 'whatsapp', '2026-01-01T00:00:00Z', 'done'), (2, 2, 2, 'p', '1', 'android-sms', '2026-01-01T00:00:00Z', 'done');
INSERT INTO accounts (id, evidence_id, app, account_key, display_name, phone, email, username, is_owner, source_id) VALUES
 (1, 1, 'whatsapp', '447700900100@s.whatsapp.net', 'Jay', '+447700900100', NULL, NULL, 1, 1),
 (2, 1, 'skype', 'alex.dunn.1987', 'Alex Dunn', NULL, 'alex.dunn.1987@example.com', NULL, 1, 1),
 (3, 1, 'whatsapp', '447700900452@s.whatsapp.net', 'Mia', '+447700900452', NULL, NULL, 0, 1),
 (4, 2, 'android-sms', '07700900452', NULL, '+447700900452', NULL, NULL, 0, 2),
 (5, 2, 'snapchat', 'mia.snaps', 'mia', NULL, NULL, NULL, 0, 2),
 (6, 2, 'android-sms', '+353209102468', NULL, '+353209102468', NULL, NULL, 0, 2);
)SQL";

class PersonsCli : public ::testing::Test {
protected:
    void SetUp() override
    {
        {
            auto store = casedb::CaseStore::openOrCreate(caseDir(), {"OP-P", "Examiner", "persons"}, "Examiner");
            ASSERT_TRUE(store) << store.error().toString();
            ASSERT_TRUE((*store)->addEvidence({"/x/laptop.E01", "laptop.E01", "ewf", {}, 1 << 20, "", "", "{}"}));
            ASSERT_TRUE((*store)->addEvidence({"/x/phone", "phone", "folder", {}, std::nullopt, "", "", "{}"}));
        }
        auto db = casedb::Database::open(caseDir() / casedb::CaseStore::kDatabaseName, casedb::Database::Mode::ReadWrite);
        ASSERT_TRUE(db) << db.error().toString();
        ASSERT_TRUE(db->exec(kRows));
        auto resolved = analysis::resolveIdentities(*db);
        ASSERT_TRUE(resolved) << resolved.error().toString();
        ASSERT_EQ(resolved->persons, 4);
    }

    fs::path caseDir() const { return m_tmp.path() / "case"; }

    CommandResult cli(const std::string &args)
    {
        return run(quote(vigilBinary().string()) + " persons " + args + " --case " + quote(caseDir().string()) +
                   " 2>&1");
    }

    // person id of every account, from the JSON listing
    std::map<int, int> personOfAccount()
    {
        const auto r = cli("--format json");
        EXPECT_EQ(r.exitCode, 0) << r.out;
        const auto doc = QJsonDocument::fromJson(QByteArray::fromStdString(r.out));
        EXPECT_TRUE(doc.isObject()) << r.out;
        std::map<int, int> out;
        for (const auto p : doc.object()["persons"].toArray())
            for (const auto a : p.toObject()["accounts"].toArray())
                out[a.toObject()["id"].toInt()] = p.toObject()["id"].toInt();
        return out;
    }

    TempDir m_tmp;
};

TEST_F(PersonsCli, ListsPersonsWithAccountsRulesAndReasons)
{
    const auto r = cli("--format json");
    ASSERT_EQ(r.exitCode, 0) << r.out;
    const auto persons = QJsonDocument::fromJson(QByteArray::fromStdString(r.out)).object()["persons"].toArray();
    ASSERT_EQ(persons.size(), 4) << r.out;
    const auto suspect = persons[0].toObject();
    EXPECT_EQ(suspect["role"].toString(), "suspect");
    EXPECT_EQ(suspect["label"].toString(), "Jay");
    ASSERT_EQ(suspect["accounts"].toArray().size(), 2);
    const auto skype = suspect["accounts"].toArray()[1].toObject();
    EXPECT_EQ(skype["app_name"].toString(), "Skype");
    EXPECT_EQ(skype["rule"].toString(), "owner");
    EXPECT_EQ(skype["linked_account_id"].toInt(), 1);
    EXPECT_TRUE(skype["reason"].toString().contains("device owner's account on evidence 1 (laptop.E01)"));
    const auto mia = persons[1].toObject();
    EXPECT_EQ(mia["label"].toString(), "Mia");
    EXPECT_EQ(mia["accounts"].toArray()[1].toObject()["rule"].toString(), "phone");
    EXPECT_TRUE(mia["country"].isNull());

    const auto suspects = cli("--role suspect --format json");
    EXPECT_EQ(QJsonDocument::fromJson(QByteArray::fromStdString(suspects.out)).object()["persons"].toArray().size(), 1);
    const auto table = cli("");
    EXPECT_EQ(table.exitCode, 0);
    EXPECT_NE(table.out.find("person 1  Jay  [suspect]  2 accounts"), std::string::npos) << table.out;
    EXPECT_NE(table.out.find("phone: same phone number +447700900452"), std::string::npos) << table.out;
}

TEST_F(PersonsCli, MergeSplitUndoAndDecisions)
{
    auto before = personOfAccount();
    ASSERT_NE(before[5], before[3]);
    auto merged = cli("merge --account 5 --account 3 --note 'same girl' --examiner 'DC Test'");
    ASSERT_EQ(merged.exitCode, 0) << merged.out;
    EXPECT_NE(merged.out.find("Recorded decision 1: merge of 2 accounts (by DC Test)"), std::string::npos) << merged.out;
    EXPECT_NE(merged.out.find("account 5 -> person 2 'Mia'"), std::string::npos) << merged.out;
    auto after = personOfAccount();
    EXPECT_EQ(after[5], after[3]);

    auto split = cli("split --account 4 --examiner 'DC Test'");
    ASSERT_EQ(split.exitCode, 0) << split.out;
    after = personOfAccount();
    EXPECT_NE(after[4], after[3]);

    auto decisions = cli("decisions --format json");
    ASSERT_EQ(decisions.exitCode, 0) << decisions.out;
    const auto list = QJsonDocument::fromJson(QByteArray::fromStdString(decisions.out)).object()["decisions"].toArray();
    ASSERT_EQ(list.size(), 2) << decisions.out;
    EXPECT_EQ(list[0].toObject()["action"].toString(), "merge");
    EXPECT_EQ(list[0].toObject()["note"].toString(), "same girl");
    EXPECT_EQ(list[1].toObject()["account_ids"].toArray()[0].toInt(), 4);

    auto undo = cli("undo --decision 1 --examiner 'DC Test'");
    ASSERT_EQ(undo.exitCode, 0) << undo.out;
    after = personOfAccount();
    EXPECT_NE(after[5], after[3]);
    EXPECT_NE(after[4], after[3]) << "the split is still live";

    auto again = cli("undo --decision 1");
    EXPECT_EQ(again.exitCode, 2);
    EXPECT_NE(again.out.find("already undone"), std::string::npos) << again.out;

    auto audit = run(quote(vigilBinary().string()) + " audit --case " + quote(caseDir().string()) + " 2>&1");
    EXPECT_EQ(audit.exitCode, 0) << audit.out;
    for (const char *action : {"person.merge", "person.split", "person.undo"})
        EXPECT_NE(audit.out.find(action), std::string::npos) << audit.out;
}

TEST_F(PersonsCli, BadRequestsFailWithoutChanges)
{
    auto unknown = cli("merge --account 3 --account 999");
    EXPECT_EQ(unknown.exitCode, 2);
    EXPECT_NE(unknown.out.find("no account 999"), std::string::npos) << unknown.out;
    EXPECT_EQ(cli("merge").exitCode, 64);
    EXPECT_EQ(cli("merge --account x").exitCode, 64);
    EXPECT_EQ(cli("undo").exitCode, 64);
    EXPECT_EQ(cli("--format xml").exitCode, 64);
    EXPECT_EQ(cli("--role victim").exitCode, 64);
    auto missing = run(quote(vigilBinary().string()) + " persons merge --account 1 --account 2 --case " +
                       quote((m_tmp.path() / "nothing").string()) + " 2>&1");
    EXPECT_EQ(missing.exitCode, 2);
    auto decisions = cli("decisions");
    EXPECT_EQ(decisions.exitCode, 0);
    EXPECT_EQ(decisions.out.find("decision "), std::string::npos) << decisions.out;
}

} // namespace
