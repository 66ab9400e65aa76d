// SPDX-License-Identifier: GPL-3.0-or-later
// Recovery end to end (issue 6): `vigil ingest` of a generated ext4 image in which a JPEG, a
// PNG and an SMS database were deleted, with nested archives, a JPEG appended to random bytes,
// a JPEG in a file's slack and a zip bomb (tests/integration/make_carve_image.sh and its
// manifest). Carved files must sit at the offsets the generator recorded with the originals'
// hashes, flow into the media table and the parsers; members and embedded files carry their
// forensic paths and read back byte-exact; the bomb is a processing error; a repeated ingest
// adds nothing.
#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <sstream>

#include "core/casedb/casestore.h"
#include "core/pipeline/filecontent.h"
#include "core/util/hashing.h"
#include "harness.h"

namespace vigil::test {
namespace {

fs::path carveData() { return fs::path(VIGIL_BINARY_DIR) / "generated-carve"; }
fs::path carveImage() { return carveData() / "carve.img"; }

struct Expected {
    std::string kind, path;
    std::int64_t offset = -1, size = 0;
    std::string md5;
};

std::map<std::string, Expected> manifest()
{
    std::map<std::string, Expected> out;
    std::ifstream in(carveData() / "manifest.txt");
    std::string line;
    while (std::getline(in, line)) {
        std::istringstream fields(line);
        Expected e;
        std::string offset;
        fields >> e.kind >> e.path >> offset >> e.size >> e.md5;
        e.offset = offset == "-" ? -1 : std::stoll(offset);
        out[e.path] = e;
    }
    return out;
}

std::string firstLine(const fs::path &file)
{
    std::ifstream in(file);
    std::string line;
    std::getline(in, line);
    return line;
}

std::string hex(std::int64_t v)
{
    std::ostringstream s;
    s << std::hex << v;
    return s.str();
}

// One row of the files table, by forensic path.
struct Derived {
    std::int64_t id = 0;
    std::string origin, name, md5, carveStatus, parser, contentStatus;
    std::optional<std::int64_t> parentId, originOffset, sourceOffset, fsId;
    std::int64_t size = 0, depth = 0, allocated = 1;
};

std::optional<Derived> derived(const fs::path &caseDir, const std::string &path)
{
    auto db = casedb::CaseStore::openReadOnly(caseDir);
    if (!db)
        return std::nullopt;
    auto st = db->prepare("SELECT id, origin, name, coalesce(md5,''), coalesce(carve_status,''), parser, content_status, "
                          "parent_id, origin_offset, source_offset, fs_id, size, depth, allocated FROM files WHERE path=?");
    st->bind(1, path);
    if (!st->step().value_or(false))
        return std::nullopt;
    return Derived{st->int64(0), st->text(1), st->text(2), st->text(3), st->text(4), st->text(5), st->text(6),
                   st->optInt64(7), st->optInt64(8), st->optInt64(9), st->optInt64(10), st->int64(11), st->int64(12),
                   st->int64(13)};
}

std::int64_t idOf(const fs::path &caseDir, const std::string &path)
{
    auto d = derived(caseDir, path);
    return d ? d->id : -1;
}

// MD5 of a file's bytes as FileContent reads them back from the case.
std::string readBackMd5(const fs::path &caseDir, std::int64_t fileId)
{
    auto content = pipeline::FileContent::open(caseDir, fileId);
    if (!content)
        return "error: " + content.error().toString();
    MultiHasher hasher(HashMd5);
    std::vector<unsigned char> buf(1 << 16);
    for (std::uint64_t off = 0; off < (*content)->size();) {
        auto n = (*content)->read(off, buf.data(), buf.size());
        if (!n || *n == 0)
            return "short read";
        hasher.update(buf.data(), *n);
        off += *n;
    }
    return hasher.finish().md5;
}

class CarveIngestTest : public ::testing::Test {
protected:
    static void SetUpTestSuite()
    {
        s_tmp = std::make_unique<TempDir>();
        if (fs::exists(carveImage()))
            s_ingest = ingest({carveImage()}, caseDir(), "--no-faces");
    }
    static void TearDownTestSuite() { s_tmp.reset(); }
    void SetUp() override
    {
        if (!fs::exists(carveImage()))
            GTEST_SKIP() << "no generated carve image: run the generate_carve_image CTest fixture first";
    }
    static fs::path caseDir() { return s_tmp->path() / "case"; }
    static std::int64_t count(const std::string &sql) { return caseScalar(caseDir(), sql); }

    inline static std::unique_ptr<TempDir> s_tmp;
    inline static CommandResult s_ingest;
};

TEST_F(CarveIngestTest, DeletedFilesAreCarvedAtTheirOffsetsWithTheOriginalsHashes)
{
    ASSERT_EQ(s_ingest.exitCode, 1) << s_ingest.out;   // 1: the bomb is a processing error
    const std::int64_t fsId = count("SELECT id FROM filesystems");
    for (const auto &[path, e] : manifest()) {
        if (e.kind != "carved")
            continue;
        const std::string ext = path.substr(path.rfind('.') + 1);   // the carvers name them jpg, png, db
        const std::string carvedPath = "$Unallocated/" + std::to_string(fsId) + ">>@0x" + hex(e.offset) + "." + ext;
        auto d = derived(caseDir(), carvedPath);
        ASSERT_TRUE(d) << "nothing carved at " << carvedPath << " for " << path;
        EXPECT_EQ(d->origin, "carved");
        EXPECT_EQ(d->name, "f" + hex(e.offset) + "." + ext);
        EXPECT_EQ(d->originOffset, e.offset);
        EXPECT_EQ(d->sourceOffset, e.offset);
        EXPECT_EQ(d->size, e.size) << path;
        EXPECT_EQ(d->md5, e.md5) << path;
        EXPECT_EQ(d->carveStatus, "complete") << path;
        EXPECT_EQ(d->parser, "file-carver");
        EXPECT_FALSE(d->parentId);
        EXPECT_EQ(d->fsId, fsId);
        EXPECT_EQ(d->allocated, 0);
        EXPECT_EQ(d->depth, 1);
        EXPECT_EQ(readBackMd5(caseDir(), d->id), e.md5) << "FileContent of " << carvedPath;
    }
}

TEST_F(CarveIngestTest, CarvedPicturesAreAnalysedAndTheCarvedSmsDatabaseIsParsed)
{
    ASSERT_NE(s_ingest.exitCode, 2) << s_ingest.out;
    EXPECT_EQ(count("SELECT count(*) FROM media m JOIN files f ON f.id = m.file_id WHERE f.origin = 'carved' "
                    "AND f.sig_type IN ('jpeg', 'png') AND m.thumbnail IS NOT NULL AND f.parent_id IS NULL"),
              2);
    const std::string body = firstLine(carveData() / "sms_body.txt");
    const auto smsCount = std::stoll(firstLine(carveData() / "sms_count.txt"));
    const std::string fromCarved = "FROM messages m JOIN parse_sources p ON p.id = m.source_id JOIN files f ON f.id = "
                                   "p.file_id WHERE f.origin = 'carved'";
    EXPECT_GE(count("SELECT count(*) " + fromCarved), smsCount);
    auto db = casedb::CaseStore::openReadOnly(caseDir());
    ASSERT_TRUE(db);
    auto st = db->prepare("SELECT count(*) " + fromCarved + " AND m.body = ?");
    st->bind(1, body);
    ASSERT_TRUE(st->step().value_or(false));
    EXPECT_GE(st->int64(0), 1) << "the first SMS is not among the carved database's messages: " << body;
}

TEST_F(CarveIngestTest, SlackHoldsACarvedPictureUnderItsFile)
{
    ASSERT_NE(s_ingest.exitCode, 2) << s_ingest.out;
    const auto e = manifest().at("/slacky.txt>>$Slack>>@0x200.jpg");
    auto d = derived(caseDir(), e.path);
    ASSERT_TRUE(d) << "no file carved from the slack of /slacky.txt";
    EXPECT_EQ(d->origin, "carved");
    EXPECT_EQ(d->parentId, idOf(caseDir(), "/slacky.txt"));
    EXPECT_EQ(d->originOffset, e.offset);
    EXPECT_EQ(d->md5, e.md5);
    EXPECT_EQ(d->carveStatus, "complete");
    EXPECT_EQ(readBackMd5(caseDir(), d->id), e.md5);
}

TEST_F(CarveIngestTest, NestedArchiveMembersAndEmbeddedFilesHaveForensicPaths)
{
    ASSERT_NE(s_ingest.exitCode, 2) << s_ingest.out;
    const auto archive = idOf(caseDir(), "/docs/a.tar.gz");
    auto tar = derived(caseDir(), "/docs/a.tar.gz>>a.tar");
    auto zip = derived(caseDir(), "/docs/a.tar.gz>>a.tar>>pics/x.zip");
    ASSERT_TRUE(tar && zip);
    EXPECT_EQ(tar->origin, "member");
    EXPECT_EQ(tar->parentId, archive);
    EXPECT_EQ(zip->parentId, tar->id);
    EXPECT_EQ(zip->name, "x.zip");
    EXPECT_EQ(count("SELECT count(*) FROM files WHERE path = '/docs/a.tar.gz>>a.tar>>pics'"), 0) << "directories are skipped";
    const auto m = manifest();
    const auto &img = m.at("/docs/a.tar.gz>>a.tar>>pics/x.zip>>img.jpg");
    auto member = derived(caseDir(), img.path);
    ASSERT_TRUE(member);
    EXPECT_EQ(member->parentId, zip->id);
    EXPECT_EQ(member->depth, 3);
    EXPECT_EQ(member->md5, img.md5);
    EXPECT_EQ(member->parser, "archive-expander");
    EXPECT_EQ(readBackMd5(caseDir(), member->id), img.md5);
    EXPECT_TRUE(fs::exists(caseDir() / "derived" / std::to_string(member->id)));
    EXPECT_EQ(count("SELECT count(*) FROM media WHERE file_id = " + std::to_string(member->id)), 1);

    const auto &emb = m.at("/data.bin>>@0x10000.jpg");
    auto embedded = derived(caseDir(), emb.path);
    ASSERT_TRUE(embedded);
    EXPECT_EQ(embedded->origin, "embedded");
    EXPECT_EQ(embedded->parentId, idOf(caseDir(), "/data.bin"));
    EXPECT_EQ(embedded->originOffset, emb.offset);
    EXPECT_EQ(embedded->md5, emb.md5);
    EXPECT_EQ(readBackMd5(caseDir(), embedded->id), emb.md5);
    // A picture's own EXIF thumbnail or structure is not a child of it.
    EXPECT_EQ(count("SELECT count(*) FROM files c JOIN files p ON p.id = c.parent_id WHERE c.origin = 'embedded' "
                    "AND p.sig_type IN ('jpeg', 'png')"),
              0);
}

TEST_F(CarveIngestTest, ZipBombIsAProcessingErrorAndTheIngestGoesOn)
{
    ASSERT_NE(s_ingest.exitCode, 2) << s_ingest.out;
    EXPECT_EQ(count("SELECT count(*) FROM processing_errors WHERE stage = 'expand' AND code = 'limit-exceeded' "
                    "AND path = '/bomb.zip' AND message LIKE '%decompression bomb%'"),
              1);
    EXPECT_EQ(count("SELECT count(*) FROM files WHERE path = '/bomb.zip' AND expand_status = 'failed'"), 1);
    EXPECT_EQ(count("SELECT count(*) FROM files WHERE path LIKE '/bomb.zip>>%'"), 0) << "the bomb's member is not kept";
    EXPECT_EQ(count("SELECT count(*) FROM files WHERE path = '/keep/readme.txt' AND md5 IS NOT NULL"), 1);
    std::uint64_t derivedBytes = 0;
    for (const auto &entry : fs::directory_iterator(caseDir() / "derived"))
        derivedBytes += entry.file_size();
    EXPECT_LT(derivedBytes, 1u << 20) << "CASE/derived holds only the small members";
}

TEST_F(CarveIngestTest, IngestingAgainAfterAnInterruptionAddsNoDerivedFiles)
{
    ASSERT_NE(s_ingest.exitCode, 2) << s_ingest.out;
    const std::string byOrigin = "SELECT group_concat(origin || ':' || n) FROM "
                                 "(SELECT origin, count(*) AS n FROM files GROUP BY origin ORDER BY origin)";
    auto snapshot = [&] {
        auto db = casedb::CaseStore::openReadOnly(caseDir());
        auto st = db->prepare(byOrigin);
        return st->step().value_or(false) ? st->text(0) : std::string();
    };
    const std::string before = snapshot();
    EXPECT_NE(before.find("carved:"), std::string::npos);
    // As if the ingest had stopped before marking its work done: nothing marked carved or expanded.
    auto r = run("sqlite3 " + quote((caseDir() / "case.vigil").string()) +
                 " \"UPDATE evidence SET status='indexed'; UPDATE filesystems SET status='indexed'; "
                 "UPDATE files SET expand_status=NULL WHERE path <> '/bomb.zip';\"");
    ASSERT_EQ(r.exitCode, 0) << r.out;
    auto again = ingest({carveImage()}, caseDir(), "--no-faces");
    ASSERT_NE(again.exitCode, 2) << again.out;
    EXPECT_EQ(snapshot(), before);
    EXPECT_EQ(count("SELECT count(*) FROM (SELECT path FROM files GROUP BY evidence_id, fs_id, path HAVING count(*) > 1)"),
              0);
}

TEST_F(CarveIngestTest, NoCarveAndNoExpandLeaveOnlyFileSystemEntries)
{
    TempDir tmp;
    auto r = ingest({carveImage()}, tmp.path() / "case", "--no-carve --no-expand --no-media --no-parsers");
    ASSERT_EQ(r.exitCode, 0) << r.out;
    EXPECT_EQ(caseScalar(tmp.path() / "case", "SELECT count(*) FROM files WHERE origin <> 'fs'"), 0);
    EXPECT_GT(caseScalar(tmp.path() / "case", "SELECT count(*) FROM files"), 10);
}

} // namespace
} // namespace vigil::test
