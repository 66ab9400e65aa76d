// SPDX-License-Identifier: GPL-3.0-or-later
// The demo evidence's media end to end: `vigil ingest demo.E01` analyses every image and the
// video (live and deleted), reads EXIF (camera, serial, capture time with its zone, GPS), groups
// the near-duplicate edits of one photo, and `vigil hashset import` / `vigil media` pre-grade,
// hide known-good files and export VICS JSON that imports again.
#include <gtest/gtest.h>

#include <sqlite3.h>

#include <fstream>

#include "core/casedb/casestore.h"
#include "democase.h"

using namespace vigil::test;

namespace {

class DemoMedia : public DemoCaseTest {
protected:
    static std::string vigil(const std::string &args)
    {
        auto r = run(quote(vigilBinary().string()) + " " + args);
        EXPECT_LE(r.exitCode, 1) << args << "\n" << r.out;
        return r.out;
    }
    static std::string md5Of(const std::string &name)
    {
        auto db = vigil::casedb::CaseStore::openReadOnly(caseDir());
        auto st = db->prepare("SELECT md5 FROM files WHERE name = ?");
        st->bind(1, name);
        return st->step().value_or(false) ? st->text(0) : std::string();
    }
};

constexpr const char *kCamera = "IMG_20240312_153005.jpg";

TEST_F(DemoMedia, EveryImageAndTheVideoIsAnalysedIncludingDeletedOnes)
{
    ASSERT_EQ(s_ingest.exitCode, 0) << s_ingest.out;
    EXPECT_NE(s_ingest.out.find("images/videos analysed"), std::string::npos) << s_ingest.out;
    const auto mediaFiles = count("SELECT count(*) FROM files WHERE sig_type IN ('jpeg','png','mp4') "
                                  "AND content_status = 'hashed'");
    EXPECT_GE(mediaFiles, 15);
    EXPECT_EQ(count("SELECT count(*) FROM media"), mediaFiles);
    EXPECT_EQ(count("SELECT count(*) FROM media WHERE status <> 'analysed'"), 0);
    EXPECT_EQ(count("SELECT count(*) FROM media WHERE thumbnail IS NULL OR length(pdq) <> 64 OR length(phash) <> 16"), 0);
    // Deleted files are analysed too (the NTFS JPEG and the PNGs on both file systems).
    EXPECT_EQ(count("SELECT count(*) FROM media m JOIN files f ON f.id = m.file_id "
                    "WHERE f.name = 'IMG_20240520_180110.jpg' AND f.allocated = 0 AND m.camera_model = 'SM-G991B'"),
              1);
    EXPECT_GE(count("SELECT count(*) FROM media m JOIN files f ON f.id = m.file_id WHERE f.allocated = 0"), 3);
    EXPECT_EQ(count("SELECT count(*) FROM processing_errors"), 0);
}

TEST_F(DemoMedia, ExifGivesCameraSerialCaptureTimeInUtcAndGps)
{
    const std::string where = std::string(" FROM media m JOIN files f ON f.id = m.file_id WHERE f.name = '") + kCamera + "'";
    EXPECT_EQ(count("SELECT count(*)" + where + " AND camera_make = 'Canon' AND camera_model = 'Canon EOS 80D' "
                    "AND camera_serial = '083021004512' AND software = 'Firmware 1.0.2' AND width = 640 AND height = 480"),
              1);
    // 2024-03-12 15:30:05 +00:00
    EXPECT_EQ(count("SELECT captured_utc / 1000000000" + where), 1710257405);
    EXPECT_EQ(count("SELECT abs(gps_lat - 51.5033) < 1e-5 AND abs(gps_lon + 0.1196) < 1e-5 AND abs(gps_alt - 25) < 0.1" + where), 1);
    // The iPhone photo was taken at 09:12:44 +01:00, i.e. 08:12:44 UTC.
    EXPECT_EQ(count("SELECT m.captured_utc / 1000000000 FROM media m JOIN files f ON f.id = m.file_id "
                    "WHERE f.name = 'IMG_20240402_091244.jpg' AND m.tz_offset = '+01:00'"),
              1712045564);
}

TEST_F(DemoMedia, TheEditsOfOnePhotoFormANearDuplicateGroup)
{
    const auto group = count(std::string("SELECT near_dup_group FROM media m JOIN files f ON f.id = m.file_id "
                                         "WHERE f.name = '") + kCamera + "'");
    ASSERT_GT(group, 0);
    EXPECT_EQ(count("SELECT count(*) FROM media m JOIN files f ON f.id = m.file_id WHERE m.near_dup_group = " +
                    std::to_string(group) + " AND f.name IN ('" + kCamera + "', 'resized_copy.jpg', 'edited.jpg')"),
              3);
    // A mirrored copy is far from the original's hash but matches one of its 7 rotations/mirrors.
    EXPECT_EQ(count("SELECT count(*) FROM media m JOIN files f ON f.id = m.file_id WHERE m.near_dup_group = " +
                    std::to_string(group) + " AND f.name = 'mirror.jpg'"),
              1);
    EXPECT_EQ(count("SELECT count(*) FROM media WHERE kind = 'image' AND length(pdq_variants) <> 7 * 64 + 6"), 0);
    EXPECT_EQ(count("SELECT count(*) FROM media m JOIN files f ON f.id = m.file_id WHERE m.near_dup_group = " +
                    std::to_string(group) + " AND f.name = 'IMG_20240402_091244.jpg'"),
              0);
}

TEST_F(DemoMedia, TheVideoHasCodecDurationAndKeyframesAtTheSceneCuts)
{
    const std::string where = " FROM media m JOIN files f ON f.id = m.file_id WHERE f.name = 'clip_0001.mp4'";
    EXPECT_EQ(count("SELECT count(*)" + where + " AND m.kind = 'video' AND m.codec = 'mpeg4' AND m.width = 320 "
                    "AND m.height = 240 AND m.duration_ms BETWEEN 5900 AND 6100"),
              1);
    const std::string frames = " FROM media_frames k JOIN files f ON f.id = k.file_id WHERE f.name = 'clip_0001.mp4'";
    EXPECT_EQ(count("SELECT count(*)" + frames + " AND k.reason = 'scene' AND k.time_ms BETWEEN 1500 AND 2500"), 1);
    EXPECT_EQ(count("SELECT count(*)" + frames + " AND k.reason = 'scene' AND k.time_ms BETWEEN 3500 AND 4500"), 1);
    EXPECT_EQ(count("SELECT count(*)" + frames + " AND length(k.pdq) = 64"), count("SELECT count(*)" + frames));
}

TEST_F(DemoMedia, MediaCommandListsHashesPdqExifAndGroups)
{
    auto out = vigil("media --case " + quote(caseDir().string()));
    EXPECT_EQ(out.rfind("file_id,evidence_id,path,name,size,deleted,kind,format", 0), 0u) << out;
    EXPECT_NE(out.find(kCamera), std::string::npos);
    EXPECT_NE(out.find("083021004512"), std::string::npos);
    EXPECT_NE(out.find("51.5033000"), std::string::npos);
    auto json = vigil("media --format json --case " + quote(caseDir().string()));
    EXPECT_NE(json.find("\"pdq_quality\": "), std::string::npos) << json.substr(0, 2000);
    auto bad = run(quote(vigilBinary().string()) + " media --case " + quote(caseDir().string()) + " --category uk:Q");
    EXPECT_EQ(bad.exitCode, 64) << bad.out;
}

TEST_F(DemoMedia, VicsHashSetPreGradesAndExportRoundTrips)
{
    const auto md5 = md5Of(kCamera);
    ASSERT_EQ(md5.size(), 32u);
    const fs::path vics = s_tmp->path() / "set.json";
    std::ofstream(vics) << R"({"@odata.context": "http://github.com/ICMEC/ProjectVic/DataModels/2.0.xml/$metadata#Cases",
  "value": [{"CaseID": "T-1", "Media": [
    {"MediaID": 1, "Category": 1, "MD5": ")" << md5 << R"(", "SHA1": ""},
    {"MediaID": 2, "Category": 2, "MD5": "00000000000000000000000000000001"}]}]})";
    auto imported = vigil("hashset import " + quote(vics.string()) + " --case " + quote(caseDir().string()));
    EXPECT_NE(imported.find("Matched 1 files in the case (1 pre-graded"), std::string::npos) << imported;
    auto graded = vigil("media --category vic:1 --case " + quote(caseDir().string()));
    EXPECT_NE(graded.find(kCamera), std::string::npos) << graded;
    EXPECT_NE(graded.find(",hashset,"), std::string::npos) << graded;
    EXPECT_EQ(count("SELECT count(*) FROM audit_log WHERE action = 'hashset.import'"), 1);

    const fs::path out = s_tmp->path() / "export.json";
    vigil("media --format vics --out " + quote(out.string()) + " --case " + quote(caseDir().string()));
    ASSERT_TRUE(fs::exists(out));
    auto again = vigil("hashset import " + quote(out.string()) + " --name re-import --case " + quote(caseDir().string()));
    EXPECT_NE(again.find("Matched 1 files"), std::string::npos) << again;
    EXPECT_NE(again.find("VICS JSON 2.0"), std::string::npos) << again;
}

TEST_F(DemoMedia, NsrlKnownGoodFilesAreHiddenUnlessAskedFor)
{
    const fs::path rds = s_tmp->path() / "rds.db";
    sqlite3 *db = nullptr;
    ASSERT_EQ(sqlite3_open(rds.c_str(), &db), SQLITE_OK);
    const std::string md5 = md5Of("IMG_20240402_091244.jpg");
    const std::string sql =
        "CREATE TABLE FILE (sha256 TEXT, sha1 TEXT, md5 TEXT, crc32 TEXT, file_name TEXT, file_size INTEGER, "
        "package_id INTEGER);"
        "INSERT INTO FILE VALUES ('', '0000000000000000000000000000000000000000', '" + md5 +
        "', '', 'photo.jpg', 1, 1);";
    ASSERT_EQ(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr), SQLITE_OK);
    sqlite3_close(db);
    auto imported = vigil("hashset import " + quote(rds.string()) + " --case " + quote(caseDir().string()));
    EXPECT_NE(imported.find("known-good"), std::string::npos) << imported;
    auto visible = vigil("media --case " + quote(caseDir().string()));
    EXPECT_EQ(visible.find("IMG_20240402_091244.jpg"), std::string::npos);
    auto all = vigil("media --all --case " + quote(caseDir().string()));
    EXPECT_NE(all.find("IMG_20240402_091244.jpg"), std::string::npos);
}

TEST_F(DemoMedia, GarbageHashSetIsRefusedClearly)
{
    const fs::path junk = s_tmp->path() / "junk.json";
    std::ofstream(junk) << "{\"value\": [ {\"Media\": [ {\"MD5\": ";
    auto r = run(quote(vigilBinary().string()) + " hashset import " + quote(junk.string()) + " --case " +
                 quote(caseDir().string()));
    EXPECT_EQ(r.exitCode, 2) << r.out;
    EXPECT_NE(r.out.find("cannot import"), std::string::npos) << r.out;
}

} // namespace

namespace {

// Bad media are normal: a truncated JPEG, a PNG header claiming 60000x60000 pixels (a
// decompression bomb) and garbage behind a GIF signature are each a processing error and a
// "failed" media row; the good image beside them is analysed and the ingest finishes.
TEST(BadMedia, CorruptAndBombImagesAreRecordedAndTheIngestGoesOn)
{
    if (!haveTool("ffmpeg"))
        GTEST_SKIP() << "ffmpeg is needed to make the test images";
    TempDir tmp;
    const fs::path root = tmp.path() / "extraction";
    fs::create_directories(root);
    ASSERT_EQ(run("ffmpeg -loglevel error -f lavfi -i testsrc2=size=640x480 -frames:v 1 -f image2 " +
                  quote((root / "good.jpg").string()))
                  .exitCode,
              0);
    std::string good;
    {
        std::ifstream in(root / "good.jpg", std::ios::binary);
        good.assign(std::istreambuf_iterator<char>(in), {});
    }
    std::ofstream(root / "truncated.jpg", std::ios::binary) << good.substr(0, 400);
    // PNG signature + IHDR for 60000 x 60000 RGB (CRC not checked before the size is).
    const std::string bomb("\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR\0\0\xea\x60\0\0\xea\x60\x08\x02\0\0\0\0\0\0\0", 33);
    std::ofstream(root / "bomb.png", std::ios::binary) << bomb;
    std::ofstream(root / "junk.gif", std::ios::binary) << "GIF89a" << std::string(200, '\x7f');
    const fs::path caseDir = tmp.path() / "case";
    auto r = ingest({root}, caseDir);
    EXPECT_EQ(r.exitCode, 1) << r.out;   // done, with processing errors recorded
    EXPECT_EQ(caseScalar(caseDir, "SELECT count(*) FROM media m JOIN files f ON f.id = m.file_id "
                                  "WHERE f.name = 'good.jpg' AND m.status = 'analysed'"),
              1);
    EXPECT_EQ(caseScalar(caseDir, "SELECT count(*) FROM media m JOIN files f ON f.id = m.file_id "
                                  "WHERE f.name = 'bomb.png' AND m.status = 'failed' AND m.note LIKE '%decompression bomb%'"),
              1);
    EXPECT_EQ(caseScalar(caseDir, "SELECT count(*) FROM media m JOIN files f ON f.id = m.file_id "
                                  "WHERE f.name = 'junk.gif' AND m.status = 'failed'"),
              1);
    // A truncated JPEG decodes in part: kept, flagged.
    EXPECT_EQ(caseScalar(caseDir, "SELECT count(*) FROM media m JOIN files f ON f.id = m.file_id "
                                  "WHERE f.name = 'truncated.jpg' AND (m.status = 'failed' OR m.note LIKE '%truncated%')"),
              1);
    EXPECT_GE(caseScalar(caseDir, "SELECT count(*) FROM processing_errors WHERE stage = 'media'"), 2);
}

} // namespace

namespace {

// The labelled public photos (knn_examples/train/<person>/…) through the whole ingest: a face
// in every photo, and photos of the same person share face groups more often than not.
TEST(MediaFaces, TheExamplePhotosAreGroupedByPerson)
{
    const fs::path photos = externalData() / "faces/face_recognition/examples/knn_examples";
    if (!fs::exists(photos))
        GTEST_SKIP() << "external test data not found: " << photos;
    TempDir tmp;
    const fs::path caseDir = tmp.path() / "case";
    auto r = ingest({photos / "train"}, caseDir);
    ASSERT_EQ(r.exitCode, 0) << r.out;
    const auto images = caseScalar(caseDir, "SELECT count(*) FROM media");
    EXPECT_EQ(images, 9);
    EXPECT_EQ(caseScalar(caseDir, "SELECT count(DISTINCT file_id) FROM faces"), images);
    // Pairs of photos of one person (the folder) that share a face group, against all such pairs.
    const std::string pairs = "FROM faces a JOIN files fa ON fa.id = a.file_id JOIN faces b ON b.id > a.id "
                              "JOIN files fb ON fb.id = b.file_id WHERE a.file_id <> b.file_id AND ";
    const std::string samePerson = "substr(fa.path, 1, length(fa.path) - length(fa.name)) = "
                                   "substr(fb.path, 1, length(fb.path) - length(fb.name))";
    const auto same = caseScalar(caseDir, "SELECT count(*) " + pairs + samePerson);
    const auto sameGrouped = caseScalar(caseDir, "SELECT count(*) " + pairs + samePerson + " AND a.face_group = b.face_group");
    const auto differentGrouped =
        caseScalar(caseDir, "SELECT count(*) " + pairs + "NOT " + samePerson + " AND a.face_group = b.face_group");
    const auto different = caseScalar(caseDir, "SELECT count(*) " + pairs + "NOT " + samePerson);
    std::printf("same person grouped %lld/%lld, different persons grouped %lld/%lld\n", (long long)sameGrouped,
                (long long)same, (long long)differentGrouped, (long long)different);
    EXPECT_GT(2 * sameGrouped, same);
    EXPECT_LT(5 * differentGrouped, different);
}

} // namespace
