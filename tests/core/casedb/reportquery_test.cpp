// SPDX-License-Identifier: GPL-3.0-or-later
// The report's processing and provenance queries (issue 9) on exact rows: parsers and hash sets
// used, processing errors in summary, media per grading category, a quoted message's source, and
// the audit log read in order (the chain check reads it the same way).
#include <gtest/gtest.h>

#include "core/casedb/audit.h"
#include "core/casedb/reportquery.h"
#include "tests/core/analysis/people/peoplecase.h"
#include "tests/testutil/tempdir.h"

using namespace vigil;
using namespace vigil::test;

namespace {

class ReportQuery : public ::testing::Test {
protected:
    void SetUp() override
    {
        m_case = PeopleCase::create(m_tmp.path() / "case");
        ASSERT_TRUE(m_case);
    }
    casedb::Database &db() { return m_case->db(); }
    void exec(const std::string &sql)
    {
        auto r = db().exec(sql);
        ASSERT_TRUE(r) << sql << ": " << r.error().toString();
    }

    TempDir m_tmp;
    std::unique_ptr<PeopleCase> m_case;
};

TEST_F(ReportQuery, ParsersUsedWithTheirVersionsAndFiles)
{
    const auto you = m_case->account({.app = "whatsapp-android", .key = "you", .name = "You", .phone = ""});
    const auto conv = m_case->conversation("whatsapp-android", {you});
    m_case->message(conv, you, "incoming", feb(1), "hello");
    exec("INSERT INTO files (id, evidence_id, path, name, meta_type, allocated, size, parser, parser_version) VALUES "
         "(3, 1, '/main.db', 'main.db', 'file', 1, 10, 'tsk', '4'), (4, 2, '/main.db', 'main.db', 'file', 1, 10, 'tsk', '4')");
    // One source per file and parser; the laptop's main.db read by 1.1.0, an older copy by 1.0.0.
    exec("INSERT INTO parse_sources (evidence_id, file_id, parser, parser_version, app, started_utc, status) VALUES "
         "(2, 4, 'skype', '1.1.0', 'skype', '2026-01-01T00:00:00Z', 'done'), "
         "(1, 3, 'skype', '1.1.0', 'skype', '2026-01-01T00:00:00Z', 'done'), "
         "(1, 1, 'skype', '1.0.0', 'skype', '2026-01-01T00:00:00Z', 'done')");
    auto parsers = casedb::parsersUsed(db());
    ASSERT_TRUE(parsers) << parsers.error().toString();
    ASSERT_EQ(parsers->size(), 3u);
    EXPECT_EQ((*parsers)[0].parser, "skype");
    EXPECT_EQ((*parsers)[0].version, "1.0.0");
    EXPECT_EQ((*parsers)[0].files, 1);
    EXPECT_EQ((*parsers)[1].version, "1.1.0");
    EXPECT_EQ((*parsers)[1].files, 2) << "two files, one source each";
    EXPECT_EQ((*parsers)[2].parser, "whatsapp-android");
    EXPECT_EQ((*parsers)[2].app, "whatsapp-android");
}

TEST_F(ReportQuery, HashSetsWithTheirMatches)
{
    exec("INSERT INTO hash_sets (id, name, role, format, format_version, source_path, source_sha256, store_file, "
         "md5_count, sha1_count, rejected, imported_utc, imported_by) VALUES "
         "(1, 'VICS sample', 'alert', 'vics', '2.0', '/sets/vics.json', 'ab12', 'sets/1.db', 10, 10, 1, "
         "'2026-01-02T00:00:00Z', 'Examiner'), (2, 'NSRL', 'known-good', 'nsrl', NULL, '/sets/nsrl.db', 'cd34', "
         "'sets/2.db', 5, 0, 0, '2026-01-03T00:00:00Z', 'Examiner')");
    exec("INSERT INTO hash_matches (file_id, set_id, hash_kind, category) VALUES (1, 1, 'md5', 'cat-c'), "
         "(2, 1, 'sha1', 'cat-c'), (1, 2, 'md5', NULL)");
    auto sets = casedb::hashSetsUsed(db());
    ASSERT_TRUE(sets) << sets.error().toString();
    ASSERT_EQ(sets->size(), 2u);
    EXPECT_EQ((*sets)[0].name, "VICS sample");
    EXPECT_EQ((*sets)[0].formatVersion, "2.0");
    EXPECT_EQ((*sets)[0].sourceSha256, "ab12");
    EXPECT_EQ((*sets)[0].matchedFiles, 2);
    EXPECT_EQ((*sets)[0].rejected, 1);
    EXPECT_EQ((*sets)[1].role, "known-good");
    EXPECT_EQ((*sets)[1].formatVersion, "");
    EXPECT_EQ((*sets)[1].matchedFiles, 1);
}

TEST_F(ReportQuery, ErrorsSummarisedMostFrequentFirst)
{
    for (int i = 0; i < 3; ++i)
        exec("INSERT INTO processing_errors (time_utc, stage, component, code, message) VALUES "
             "('2026-01-01T00:00:0" + std::to_string(i) + "Z', 'parse', 'skype', 'Corrupt', 'row " +
             std::to_string(i) + " unreadable')");
    exec("INSERT INTO processing_errors (time_utc, stage, component, code, message) VALUES "
         "('2026-01-01T00:00:09Z', 'index', 'tsk', 'Io', 'sector 7 unreadable')");
    auto errors = casedb::errorSummary(db());
    ASSERT_TRUE(errors) << errors.error().toString();
    ASSERT_EQ(errors->size(), 2u);
    EXPECT_EQ((*errors)[0].component, "skype");
    EXPECT_EQ((*errors)[0].count, 3);
    EXPECT_EQ((*errors)[0].example, "row 0 unreadable") << "the first one";
    EXPECT_EQ((*errors)[1].stage, "index");
    EXPECT_EQ((*errors)[1].count, 1);
    exec("DELETE FROM processing_errors");
    EXPECT_TRUE(casedb::errorSummary(db())->empty());
}

TEST_F(ReportQuery, MediaPerGradingCategoryUngradedLast)
{
    for (int id = 10; id < 15; ++id) {
        exec("INSERT INTO files (id, evidence_id, path, name, meta_type, allocated, size, parser, parser_version) "
             "VALUES (" + std::to_string(id) + ", 1, '/p" + std::to_string(id) + ".jpg', 'p.jpg', 'file', 1, 10, 'tsk', '4')");
        exec("INSERT INTO media (file_id, evidence_id, kind, status, analyser, analyser_version) VALUES (" +
             std::to_string(id) + ", 1, 'image', 'done', 'test', '1')");
    }
    exec("INSERT INTO gradings (file_id, category, source, graded_utc) VALUES (10, 'uk-c', 'analyst', 'x'), "
         "(11, 'uk-c', 'analyst', 'x'), (12, 'non-indecent', 'hashset', 'x')");
    auto grades = casedb::gradeCounts(db());
    ASSERT_TRUE(grades) << grades.error().toString();
    ASSERT_EQ(grades->size(), 3u);
    EXPECT_EQ((*grades)[0].category, "non-indecent");
    EXPECT_EQ((*grades)[0].count, 1);
    EXPECT_EQ((*grades)[1].category, "uk-c");
    EXPECT_EQ((*grades)[1].count, 2);
    EXPECT_EQ((*grades)[2].category, "") << "not graded, last";
    EXPECT_EQ((*grades)[2].count, 2);
}

TEST_F(ReportQuery, AQuotedMessageCarriesItsWholeSource)
{
    exec("UPDATE files SET md5 = 'aa', sha1 = 'bb', sha256 = 'cc', path = '/data/msgstore.db' WHERE id = 1");
    const auto you = m_case->account({.app = "whatsapp-android", .key = "you", .name = "You", .phone = ""});
    const auto conv = m_case->conversation("whatsapp-android", {you});
    const auto live = m_case->message(conv, you, "incoming", feb(1), "send a picture");
    exec("UPDATE messages SET source_table = 'message', source_rowid = 42 WHERE id = " + std::to_string(live));
    const auto recovered = m_case->message(conv, you, "incoming", feb(2), "deleted one");
    exec("UPDATE messages SET source_offset = 8192, record_source = 'recovered' WHERE id = " + std::to_string(recovered));
    auto source = casedb::messageSource(db(), live);
    ASSERT_TRUE(source) << source.error().toString();
    ASSERT_TRUE(source->has_value());
    EXPECT_EQ((*source)->path, "/data/msgstore.db");
    EXPECT_EQ((*source)->md5, "aa");
    EXPECT_EQ((*source)->sha256, "cc");
    EXPECT_EQ((*source)->table, "message");
    EXPECT_EQ((*source)->rowid, 42);
    EXPECT_FALSE((*source)->offset.has_value());
    EXPECT_EQ((*source)->parser, "whatsapp-android");
    EXPECT_EQ((*source)->parserVersion, "1");
    EXPECT_EQ((*source)->recordSource, "live");
    EXPECT_EQ((*source)->evidenceId, 1);
    auto deleted = casedb::messageSource(db(), recovered);
    ASSERT_TRUE(deleted && deleted->has_value());
    EXPECT_EQ((*deleted)->offset, 8192);
    EXPECT_EQ((*deleted)->recordSource, "recovered");
    auto none = casedb::messageSource(db(), 987654);
    ASSERT_TRUE(none);
    EXPECT_FALSE(none->has_value());
}

TEST_F(ReportQuery, TheAuditLogIsReadInOrderAndItsChainChecked)
{
    for (const char *action : {"case.open", "image.reveal", "report.write"})
        ASSERT_TRUE(casedb::appendAudit(db(), "Examiner", action, "{}"));
    std::vector<std::string> actions;
    std::int64_t lastSeq = 0;
    auto read = casedb::forEachAuditEntry(db(), [&](const casedb::AuditEntry &e) {
        EXPECT_EQ(e.seq, lastSeq + 1);
        lastSeq = e.seq;
        actions.push_back(e.action);
        return true;
    });
    ASSERT_TRUE(read);
    EXPECT_EQ(*read, std::int64_t(actions.size()));
    EXPECT_EQ(actions.back(), "report.write");
    auto verified = casedb::verifyAuditChain(db());
    ASSERT_TRUE(verified) << verified.error().toString();
    EXPECT_EQ(*verified, lastSeq);
    std::int64_t seen = 0;
    ASSERT_TRUE(casedb::forEachAuditEntry(db(), [&](const casedb::AuditEntry &) { return ++seen < 2; }));
    EXPECT_EQ(seen, 2) << "stops when asked";
}

} // namespace

namespace {

TEST_F(ReportQuery, CoverEvidenceHashesAndRuns)
{
    auto cover = casedb::caseCover(db());
    ASSERT_TRUE(cover) << cover.error().toString();
    EXPECT_EQ(cover->caseNumber, "OP-P");
    EXPECT_EQ(cover->examiner, "Examiner");
    EXPECT_EQ(cover->description, "people");
    EXPECT_FALSE(cover->createdUtc.empty());
    EXPECT_FALSE(cover->vigilVersion.empty());
    EXPECT_EQ(cover->gradingScheme, "uk");
    exec("UPDATE evidence SET stored_md5 = 'a1', stored_sha1 = 's1', computed_md5 = 'a1', computed_sha1 = 's1', "
         "verification = 'verified', verified_utc = '2026-01-01T00:00:00Z', media_size = 1024, "
         "fs_timezone = 'Europe/London' WHERE id = 1");
    auto evidence = casedb::evidenceHashes(db());
    ASSERT_TRUE(evidence) << evidence.error().toString();
    ASSERT_EQ(evidence->size(), 2u);
    const auto &laptop = (*evidence)[0];
    EXPECT_EQ(laptop.id, 1);
    EXPECT_EQ(laptop.storedMd5, "a1");
    EXPECT_EQ(laptop.computedSha1, "s1");
    EXPECT_EQ(laptop.verification, "verified");
    EXPECT_EQ(laptop.mediaSize, 1024);
    EXPECT_EQ(laptop.fsTimezone, "Europe/London");
    EXPECT_EQ((*evidence)[1].verification, "") << "not verified: empty, never invented";
    EXPECT_FALSE((*evidence)[1].mediaSize.has_value());
    exec("INSERT INTO ingest_runs (started_utc, finished_utc, status, options) VALUES "
         "('2026-01-01T00:00:00Z', '2026-01-01T00:10:00Z', 'completed', '{\"carve\":true}'), "
         "('2026-01-02T00:00:00Z', NULL, 'running', NULL)");
    auto runs = casedb::ingestRuns(db());
    ASSERT_TRUE(runs) << runs.error().toString();
    ASSERT_EQ(runs->size(), 2u);
    EXPECT_EQ((*runs)[0].status, "completed");
    EXPECT_EQ((*runs)[0].optionsJson, "{\"carve\":true}");
    EXPECT_EQ((*runs)[1].finishedUtc, "");
    exec("DELETE FROM case_info");
    EXPECT_FALSE(casedb::caseCover(db())) << "a case without its case_info row is an error";
}

TEST_F(ReportQuery, AnEmptyCaseGivesEmptyLists)
{
    EXPECT_TRUE(casedb::parsersUsed(db())->empty());
    EXPECT_TRUE(casedb::hashSetsUsed(db())->empty());
    EXPECT_TRUE(casedb::errorSummary(db())->empty());
    EXPECT_TRUE(casedb::gradeCounts(db())->empty());
    std::int64_t entries = 0;
    ASSERT_TRUE(casedb::forEachAuditEntry(db(), [&](const casedb::AuditEntry &) { return ++entries > 0; }));
    EXPECT_EQ(entries, casedb::verifyAuditChain(db()).value_or(-1)) << "only the case's creation";
}

} // namespace
