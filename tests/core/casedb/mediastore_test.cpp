// SPDX-License-Identifier: GPL-3.0-or-later
// Media rows, grading (with undo and audit), hash-set matches and pre-grading, groups, counts.
#include <gtest/gtest.h>

#include "core/casedb/audit.h"
#include "core/casedb/casestore.h"
#include "core/casedb/mediaquery.h"
#include "testdir.h"

using namespace vigil;
using namespace vigil::casedb;

namespace {

std::int64_t scalar(Database &db, const std::string &sql)
{
    auto st = db.prepare(sql);
    EXPECT_TRUE(st) << sql;
    EXPECT_TRUE(*st->step());
    return st->int64(0);
}

// A case with one evidence item and `n` hashed image files with media rows (ids 1..n).
class MediaCase : public ::testing::Test {
protected:
    void SetUp() override
    {
        auto s = CaseStore::openOrCreate(m_dir.path() / "case", {"OP-M", "Examiner", ""}, "Examiner");
        ASSERT_TRUE(s) << s.error().toString();
        store = std::move(*s);
        auto ev = store->addEvidence({"/x/img.E01", "img.E01", "ewf", {"/x/img.E01"}, 1024, "", "", "{}"});
        ASSERT_TRUE(ev);
        evidence = *ev;
        std::vector<model::FileRecord> files;
        std::vector<ContentResult> content;
        for (int i = 1; i <= 6; ++i) {
            model::FileRecord f;
            f.evidenceId = evidence;
            f.path = "/Pictures/p" + std::to_string(i) + ".jpg";
            f.name = "p" + std::to_string(i) + ".jpg";
            f.metaAddr = static_cast<std::uint64_t>(100 + i);
            f.metaType = model::MetaType::Regular;
            f.size = 1000 + i;
            f.parser = "test";
            files.push_back(f);
            content.push_back({i, std::string(31, '0') + std::to_string(i), std::string(39, '0') + std::to_string(i), "",
                               "jpeg", "image/jpeg", false, "hashed", 1000, std::nullopt});
        }
        store->addFiles(files);
        ASSERT_TRUE(store->flush());
        store->setContentResults(content);
        std::vector<model::MediaRecord> media;
        for (int i = 1; i <= 6; ++i) {
            model::MediaRecord m;
            m.fileId = i;
            m.evidenceId = evidence;
            m.kind = i == 6 ? "video" : "image";
            m.format = i == 6 ? "mp4" : "jpeg";
            m.width = 640;
            m.height = 480;
            m.pdq = std::string(64, 'a');
            m.pdqQuality = 90;
            m.thumbnail = {0xFF, 0xD8, 0xFF, static_cast<unsigned char>(i)};
            m.cameraMake = "Canon";
            if (i == 1) {
                m.gpsLat = 51.5033;
                m.gpsLon = -0.1196;
                m.faces.push_back({std::nullopt, 10, 20, 30, 40, 0.9, "vigil-lbp-1", {0.5f, 0.25f}});
            }
            if (i == 6)
                m.keyframes.push_back({0, 0, "first", 0, std::string(64, 'b'), 80});
            m.analyserVersion = "test";
            media.push_back(std::move(m));
        }
        store->addMedia(media);
        ASSERT_TRUE(store->flush());
    }

    Database reader() { return *CaseStore::openReadOnly(m_dir.path() / "case"); }

    TestDir m_dir;
    std::unique_ptr<CaseStore> store;
    std::int64_t evidence = 0;
};

} // namespace

TEST_F(MediaCase, MediaRowsCarryFileHashesMetadataFramesAndFaces)
{
    auto db = reader();
    auto rows = listMedia(db);
    ASSERT_TRUE(rows);
    ASSERT_EQ(rows->size(), 6u);
    const auto &first = rows->front();
    EXPECT_EQ(first.fileId, 1);
    EXPECT_EQ(first.path, "/Pictures/p1.jpg");
    EXPECT_EQ(first.md5, std::string(31, '0') + "1");
    EXPECT_EQ(first.cameraMake, "Canon");
    ASSERT_TRUE(first.gpsLat);
    EXPECT_DOUBLE_EQ(*first.gpsLat, 51.5033);
    EXPECT_EQ(first.faceCount, 1);
    EXPECT_EQ(first.pdqQuality, 90);
    EXPECT_EQ(*mediaThumbnail(db, 3), (std::vector<unsigned char>{0xFF, 0xD8, 0xFF, 3}));
    auto frames = mediaFrames(db, 6);
    ASSERT_TRUE(frames);
    ASSERT_EQ(frames->size(), 1u);
    EXPECT_EQ(frames->front().pdq, std::string(64, 'b'));
    EXPECT_EQ(scalar(db, "SELECT count(*) FROM files WHERE media_status = 'analysed'"), 6);
    std::vector<FaceRow> faces;
    ASSERT_TRUE(forEachFace(db, [&](const FaceRow &f) { faces.push_back(f); return true; }));
    ASSERT_EQ(faces.size(), 1u);
    EXPECT_EQ(faces[0].embedding, (std::vector<float>{0.5f, 0.25f}));
    MediaFilter gps;
    gps.onlyWithGps = true;
    EXPECT_EQ(listMedia(db, gps)->size(), 1u);
    MediaFilter videos;
    videos.kind = "video";
    EXPECT_EQ(listMedia(db, videos)->size(), 1u);
}

TEST_F(MediaCase, ReanalysingAFileReplacesItsRowsFramesAndFaces)
{
    model::MediaRecord again;
    again.fileId = 1;
    again.evidenceId = evidence;
    again.kind = "image";
    again.status = "failed";
    again.note = "decompression bomb";
    store->addMedia({again});
    ASSERT_TRUE(store->flush());
    auto db = reader();
    EXPECT_EQ(scalar(db, "SELECT count(*) FROM faces WHERE file_id = 1"), 0);
    EXPECT_EQ(scalar(db, "SELECT count(*) FROM media"), 6);
    MediaFilter one;
    one.fileId = 1;
    EXPECT_EQ(listMedia(db, one)->front().status, "failed");
}

TEST_F(MediaCase, GradingIsAuditedAndUndoRestoresThePreviousGrades)
{
    auto first = store->grade({1, 2}, "uk:A", "key");
    ASSERT_TRUE(first) << first.error().toString();
    EXPECT_TRUE(first->at(0).category.empty());
    auto second = store->grade({2, 3}, "uk:C", "group");
    ASSERT_TRUE(second);
    EXPECT_EQ(second->at(0).category, "uk:A");
    {
        auto db = reader();
        auto grades = gradesOf(db, {1, 2, 3, 4});
        EXPECT_EQ(grades->at(0).category, "uk:A");
        EXPECT_EQ(grades->at(1).category, "uk:C");
        EXPECT_EQ(grades->at(2).category, "uk:C");
        EXPECT_EQ(grades->at(2).source, "analyst");
        EXPECT_TRUE(grades->at(3).category.empty());
        EXPECT_EQ(scalar(db, "SELECT count(*) FROM audit_log WHERE action = 'media.grade'"), 2);
    }
    ASSERT_TRUE(store->restoreGrades(*second));
    ASSERT_TRUE(store->flush());
    auto db = reader();
    auto grades = gradesOf(db, {2, 3});
    EXPECT_EQ(grades->at(0).category, "uk:A");
    EXPECT_TRUE(grades->at(1).category.empty());
    EXPECT_EQ(scalar(db, "SELECT count(*) FROM audit_log WHERE action = 'media.grade.undo'"), 1);
    EXPECT_GT(*verifyAuditChain(db), 0);
}

TEST_F(MediaCase, UnknownCategoryIsRefusedAndNothingChanges)
{
    auto r = store->grade({1}, "uk:Z", "key");
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, ErrorCode::InvalidArgument);
    auto db = reader();
    EXPECT_EQ(scalar(db, "SELECT count(*) FROM gradings"), 0);
}

TEST_F(MediaCase, HashSetMatchesPreGradeOnlyUngradedFilesAndKnownGoodIsHidden)
{
    ASSERT_TRUE(store->grade({2}, "vic:0", "key"));
    HashSetRow set{0, "VICS test", "categorised", "vics-json", "2.0", "/x/set.json", "abc", "hashsets/a.vhs", 2, 0, 0, "", "Examiner"};
    auto setId = store->addHashSet(set);
    ASSERT_TRUE(setId);
    auto pre = store->setHashMatches(*setId, {{1, *setId, "md5", "vic:1"}, {2, *setId, "md5", "vic:1"}});
    ASSERT_TRUE(pre);
    EXPECT_EQ(*pre, 1);   // file 2 was graded by the analyst
    HashSetRow nsrl{0, "NSRL", "known-good", "nsrl-rds", "3", "/x/rds.db", "def", "hashsets/b.vhs", 0, 1, 0, "", "Examiner"};
    auto nsrlId = store->addHashSet(nsrl);
    ASSERT_TRUE(store->setHashMatches(*nsrlId, {{5, *nsrlId, "sha1", std::nullopt}}));
    auto db = reader();
    auto grades = gradesOf(db, {1, 2});
    EXPECT_EQ(grades->at(0).category, "vic:1");
    EXPECT_EQ(grades->at(0).source, "hashset");
    EXPECT_EQ(grades->at(1).category, "vic:0");
    EXPECT_EQ(listMedia(db)->size(), 5u);   // the known-good file is hidden
    MediaFilter all;
    all.includeKnownGood = true;
    auto rows = listMedia(db, all);
    ASSERT_EQ(rows->size(), 6u);
    EXPECT_TRUE(rows->at(4).knownGood);
    EXPECT_EQ(rows->at(0).hashSets, "VICS test");
    EXPECT_EQ(scalar(db, "SELECT count(*) FROM audit_log WHERE action = 'hashset.import'"), 2);
    // Re-matching a set replaces its matches.
    ASSERT_TRUE(store->setHashMatches(*setId, {}));
    auto after = reader();
    EXPECT_EQ(scalar(after, "SELECT count(*) FROM hash_matches WHERE set_id = " + std::to_string(*setId)), 0);
}

TEST_F(MediaCase, CountsFollowTheCaseSchemeAndShowOtherSchemeCategoriesInUse)
{
    ASSERT_TRUE(store->grade({1, 2}, "uk:A", "key"));
    ASSERT_TRUE(store->grade({3}, "uk:NI", "key"));
    HashSetRow set{0, "VICS", "categorised", "vics-json", "2.0", "/x/s.json", "x", "hashsets/c.vhs", 1, 0, 0, "", "E"};
    auto setId = store->addHashSet(set);
    ASSERT_TRUE(store->setHashMatches(*setId, {{4, *setId, "md5", "vic:1"}}));
    auto db = reader();
    auto counts = gradingCounts(db);
    ASSERT_TRUE(counts);
    // uk:A uk:B uk:C uk:NI, then vic:1 (in use), then ungraded
    ASSERT_EQ(counts->size(), 6u);
    EXPECT_EQ(counts->at(0).category, "uk:A");
    EXPECT_EQ(counts->at(0).analyst, 2);
    EXPECT_EQ(counts->at(3).analyst, 1);
    EXPECT_EQ(counts->at(4).category, "vic:1");
    EXPECT_EQ(counts->at(4).hashset, 1);
    EXPECT_EQ(counts->at(5).category, "");
    EXPECT_EQ(counts->at(5).analyst, 2);
    ASSERT_TRUE(store->setGradingScheme(model::GradingScheme::ProjectVic));
    auto db2 = reader();
    EXPECT_EQ(*gradingScheme(db2), model::GradingScheme::ProjectVic);
    EXPECT_EQ(gradingCounts(db2)->front().category, "vic:0");
}

TEST_F(MediaCase, GroupsAreReplacedAndOrderKeepsGroupsTogether)
{
    ASSERT_TRUE(store->setMediaGroups({{5, 1}, {2, 1}, {4, 2}, {3, 2}}, {{1, 7}}));
    auto db = reader();
    MediaFilter grouped;
    grouped.order = "group";
    auto rows = listMedia(db, grouped);
    ASSERT_TRUE(rows);
    std::vector<std::int64_t> ids;
    for (const auto &r : *rows)
        ids.push_back(r.fileId);
    EXPECT_EQ(ids, (std::vector<std::int64_t>{2, 5, 3, 4, 1, 6}));
    EXPECT_EQ(rows->front().nearDupSize, 2);
    MediaFilter byFace;
    byFace.faceGroup = 7;
    EXPECT_EQ(listMedia(db, byFace)->front().fileId, 1);
    ASSERT_TRUE(store->setMediaGroups({}, {}));
    auto db2 = reader();
    EXPECT_EQ(scalar(db2, "SELECT count(*) FROM media WHERE near_dup_group IS NOT NULL"), 0);
}

TEST_F(MediaCase, UndoRestoresAHashSetPreGradeWithItsSet)
{
    HashSetRow set{0, "VICS", "categorised", "VICS JSON", "2.0", "/x/s.json", "x", "hashsets/d.vhs", 1, 0, 0, "", "E"};
    auto setId = store->addHashSet(set);
    ASSERT_TRUE(store->setHashMatches(*setId, {{1, *setId, "md5", "vic:2"}}));
    auto previous = store->grade({1}, "vic:1", "key");
    ASSERT_TRUE(previous);
    EXPECT_EQ(previous->front().sourceRef, std::to_string(*setId));
    ASSERT_TRUE(store->restoreGrades(*previous));
    auto db = reader();
    auto g = gradesOf(db, {1})->front();
    EXPECT_EQ(g.category, "vic:2");
    EXPECT_EQ(g.source, "hashset");
    EXPECT_EQ(g.sourceRef, std::to_string(*setId));
}
