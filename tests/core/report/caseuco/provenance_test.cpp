// SPDX-License-Identifier: GPL-3.0-or-later
// The provenance in a CASE/UCO export: the investigation, the evidence items with their acquisition
// and verification hashes, each ingest run as an investigative action (the evidence it read, who ran
// it, Vigil as its instrument) and the provenance record of each evidence item listing what was read
// from it.
#include <gtest/gtest.h>

#include <algorithm>

#include "core/report/caseuco/caseuco.h"
#include "tests/core/analysis/people/peoplecase.h"
#include "tests/core/report/caseuco/ucograph.h"
#include "tests/testutil/tempdir.h"

using namespace vigil;
using namespace vigil::test;

namespace {

class CaseUcoProvenance : public ::testing::Test {
protected:
    void SetUp() override
    {
        m_case = PeopleCase::create(m_tmp.path() / "case");
        ASSERT_TRUE(m_case);
        m_s = buildScenario(*m_case, true);
        // Run 1 adds the laptop; run 2 (interrupted) adds the phone and resumes the laptop.
        exec("INSERT INTO ingest_runs (id, started_utc, finished_utc, status, options) VALUES "
             "(1, '2024-03-01T10:00:00Z', '2024-03-01T10:05:00.5Z', 'completed', '{\"sha256\":true}'), "
             "(2, '2024-03-02T09:00:00Z', NULL, 'interrupted', NULL)");
        exec("INSERT INTO audit_log (time_utc, actor, action, details, prev_hash, hash) VALUES "
             "('2024-03-01T10:00:01.25Z', 'Examiner', 'evidence.add', '{\"evidence_id\":1}', '', 'a'), "
             "('2024-03-02T09:00:00.5Z', 'Second Examiner', 'evidence.add', '{\"evidence_id\":2}', 'a', 'b'), "
             "('2024-03-02T09:00:00.75Z', 'Second Examiner', 'evidence.resume', '{\"evidence_id\":1}', 'b', 'c'), "
             "('2024-03-02T09:00:01Z', 'Second Examiner', 'media.grade', 'not json', 'c', 'd')");
        exec("UPDATE evidence SET stored_md5 = '0123456789abcdef0123456789abcdef', "
             "stored_sha1 = '0123456789abcdef0123456789abcdef01234567', computed_md5 = '0123456789abcdef0123456789abcdef', "
             "computed_sha1 = '0123456789abcdef0123456789abcdef01234567', verification = 'match', "
             "verified_utc = '2024-03-01T10:04:00Z', acquisition = '{\"evidence_number\":\"EV-7\"}' WHERE id = 1");
        report::CaseUcoOptions options;
        options.toolVersion = "9.9.9";
        auto stats = report::writeCaseUco(m_case->db(), m_tmp.path() / "out.jsonld", options);
        ASSERT_TRUE(stats) << stats.error().toString();
        std::string error;
        m_g = UcoGraph::load(m_tmp.path() / "out.jsonld", error);
        ASSERT_TRUE(m_g) << error;
        ASSERT_EQ(m_g->danglingReferences(), std::vector<std::string>{});
        ASSERT_EQ(m_g->duplicateIds(), std::vector<std::string>{});
    }
    void exec(const std::string &sql)
    {
        auto r = m_case->db().exec(sql);
        ASSERT_TRUE(r) << sql << ": " << r.error().toString();
    }
    const UcoGraph::Value &only(const std::string &kind, std::int64_t row)
    {
        const auto *v = m_g->find(kind, row);
        EXPECT_TRUE(v) << kind << " " << row;
        static const UcoGraph::Value empty(rapidjson::kObjectType);
        return v ? *v : empty;
    }
    std::string nameOf(const std::string &id) { return UcoGraph::text(*m_g->node(id), "uco-core:name"); }

    TempDir m_tmp;
    std::unique_ptr<PeopleCase> m_case;
    Scenario m_s;
    std::unique_ptr<UcoGraph> m_g;
};

TEST_F(CaseUcoProvenance, TheInvestigationNamesTheCaseAndItsEvidence)
{
    const auto investigations = m_g->ofType("case-investigation:Investigation");
    ASSERT_EQ(investigations.size(), 1u);
    const auto &inv = *investigations[0];
    EXPECT_EQ(UcoGraph::text(inv, "uco-core:name"), "OP-P");
    EXPECT_EQ(UcoGraph::text(inv, "uco-core:description"), "people");
    EXPECT_EQ(UcoGraph::text(inv, "case-investigation:investigationForm"), "case");
    const auto objects = UcoGraph::refs(inv, "uco-core:object");
    for (const auto &id : {m_g->idOf("evidence", 1), m_g->idOf("evidence", 2), m_g->idOf("ingest-run", 1),
                           m_g->idOf("provenance", 2), m_g->idOf("verification", 1)})
        EXPECT_NE(std::find(objects.begin(), objects.end(), id), objects.end()) << id;
}

TEST_F(CaseUcoProvenance, EvidenceCarriesAcquisitionAndVerificationHashes)
{
    const auto &image = only("evidence", 1);
    EXPECT_TRUE(UcoGraph::hasType(image, "uco-observable:Image"));
    EXPECT_EQ(UcoGraph::text(*UcoGraph::facet(image, "uco-observable:FileFacet"), "uco-observable:fileName"), "laptop.E01");
    const auto *content = UcoGraph::facet(image, "uco-observable:ContentDataFacet");
    ASSERT_TRUE(content);
    EXPECT_EQ((*content)["uco-observable:sizeInBytes"].GetInt64(), 1 << 30);
    ASSERT_EQ((*content)["uco-observable:hash"].Size(), 2u) << "acquisition MD5 and SHA-1";
    // The verification: an action on the image whose result holds the hashes Vigil computed.
    const auto &verify = only("verification", 1);
    EXPECT_TRUE(UcoGraph::hasType(verify, "case-investigation:InvestigativeAction"));
    EXPECT_EQ(UcoGraph::refs(verify, "uco-action:object"), std::vector<std::string>{m_g->idOf("evidence", 1)});
    EXPECT_EQ(UcoGraph::literal(verify, "uco-action:endTime", "xsd:dateTime"), "2024-03-01T10:04:00Z");
    const auto result = UcoGraph::refs(verify, "uco-action:result");
    ASSERT_EQ(result.size(), 1u);
    const auto *computed = UcoGraph::facet(*m_g->node(result[0]), "uco-observable:ContentDataFacet");
    ASSERT_TRUE(computed);
    EXPECT_EQ(UcoGraph::literal((*computed)["uco-observable:hash"][0], "uco-types:hashValue", "xsd:hexBinary"),
              "0123456789abcdef0123456789abcdef");
    EXPECT_FALSE(m_g->find("verification", 2)) << "the phone was not verified";
}

TEST_F(CaseUcoProvenance, EachIngestRunIsAnInvestigativeAction)
{
    const auto &run1 = only("ingest-run", 1);
    EXPECT_TRUE(UcoGraph::hasType(run1, "case-investigation:InvestigativeAction"));
    EXPECT_EQ(UcoGraph::literal(run1, "uco-action:startTime", "xsd:dateTime"), "2024-03-01T10:00:00Z");
    EXPECT_EQ(UcoGraph::literal(run1, "uco-action:endTime", "xsd:dateTime"), "2024-03-01T10:05:00.5Z");
    EXPECT_EQ(UcoGraph::text(run1, "uco-action:actionStatus"), "Complete/Finish");
    EXPECT_EQ(UcoGraph::refs(run1, "uco-action:object"), std::vector<std::string>{m_g->idOf("evidence", 1)});
    EXPECT_EQ(UcoGraph::refs(run1, "uco-action:result"), std::vector<std::string>{m_g->idOf("provenance", 1)});
    const auto performer = UcoGraph::refs(run1, "uco-action:performer");
    ASSERT_EQ(performer.size(), 1u);
    EXPECT_TRUE(UcoGraph::hasType(*m_g->node(performer[0]), "uco-identity:Person"));
    EXPECT_EQ(nameOf(performer[0]), "Examiner");
    const auto tool = UcoGraph::refs(run1, "uco-action:instrument");
    ASSERT_EQ(tool.size(), 1u);
    EXPECT_TRUE(UcoGraph::hasType(*m_g->node(tool[0]), "uco-tool:Tool"));
    EXPECT_EQ(nameOf(tool[0]), "Vigil");

    const auto &run2 = only("ingest-run", 2);
    EXPECT_EQ(UcoGraph::refs(run2, "uco-action:object"),
              (std::vector<std::string>{m_g->idOf("evidence", 1), m_g->idOf("evidence", 2)}));
    EXPECT_EQ(UcoGraph::text(run2, "uco-action:actionStatus"), "Error");
    EXPECT_EQ(UcoGraph::literal(run2, "uco-action:endTime", "xsd:dateTime"), "") << "it never finished";
    EXPECT_EQ(nameOf(UcoGraph::refs(run2, "uco-action:performer").at(0)), "Second Examiner");
}

TEST_F(CaseUcoProvenance, TheExportNamesTheVigilThatWroteIt)
{
    const auto tools = m_g->ofType("uco-tool:Tool");
    const bool found = std::any_of(tools.begin(), tools.end(), [](const UcoGraph::Value *t) {
        return UcoGraph::text(*t, "uco-tool:version") == "9.9.9";
    });
    EXPECT_TRUE(found);
    bool exported = false;
    for (const auto *a : m_g->ofType("case-investigation:InvestigativeAction")) {
        if (UcoGraph::text(*a, "uco-core:name") == "CASE/UCO export")
            exported = UcoGraph::text(*m_g->node(UcoGraph::refs(*a, "uco-action:instrument").at(0)), "uco-tool:version") == "9.9.9";
    }
    EXPECT_TRUE(exported);
}

TEST_F(CaseUcoProvenance, ProvenanceRecordsListWhatWasReadFromEachItem)
{
    const auto &laptop = only("provenance", 1);
    EXPECT_TRUE(UcoGraph::hasType(laptop, "case-investigation:ProvenanceRecord"));
    EXPECT_EQ(UcoGraph::text(laptop, "case-investigation:exhibitNumber"), "EV-7");
    const auto listed = UcoGraph::refs(laptop, "uco-core:object");
    const auto has = [&](const std::string &id) { return std::find(listed.begin(), listed.end(), id) != listed.end(); };
    EXPECT_TRUE(has(m_g->idOf("file", 1)));
    EXPECT_FALSE(has(m_g->idOf("file", 2))) << "the phone's file is in the phone's record";
    EXPECT_TRUE(has(m_g->idOf("message", m_s.messages["ava-age"])));
    EXPECT_TRUE(has(m_g->idOf("thread", m_s.conversations["ben"])));
    EXPECT_TRUE(has(m_g->idOf("account", m_s.accounts["suspect-wa"])));
    EXPECT_FALSE(has(m_g->idOf("thread", m_s.conversations["strangers"])));
    const auto phone = UcoGraph::refs(only("provenance", 2), "uco-core:object");
    EXPECT_NE(std::find(phone.begin(), phone.end(), m_g->idOf("thread", m_s.conversations["strangers"])), phone.end());
    // Every message, thread, account and file is in exactly one record.
    std::size_t total = listed.size() + phone.size();
    EXPECT_EQ(total, m_g->ofType("uco-observable:Message").size() + m_g->ofType("uco-observable:MessageThread").size() +
                         m_g->ofType("uco-observable:ApplicationAccount").size() +
                         m_g->ofType("uco-observable:File").size() - 1 /* the laptop image itself */);
}

} // namespace
