// SPDX-License-Identifier: GPL-3.0-or-later
// Recovery stages (issue 6) on real generated evidence: archives expanded with forensic paths
// and depth limits, embedded files, carving of a raw image without a file system (and the
// 65-byte shift test), damaged archives, the run region that maps carved bytes back to the
// media, and derived files read back through FileContent.
#include <gtest/gtest.h>

#include "tests/testutil/tempdir.h"

#include <atomic>
#include <cstdlib>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "core/casedb/casestore.h"
#include "core/evidence/bytesource.h"
#include "core/pipeline/areacarver.h"
#include "core/pipeline/carveregion.h"
#include "core/pipeline/derivedfiles.h"
#include "core/pipeline/filecontent.h"
#include "core/pipeline/ingest.h"
#include "core/util/hashing.h"

namespace {

namespace fs = std::filesystem;
using namespace vigil;

using vigil::test::TempDir;

int sh(const std::string &command)
{
    return std::system(("(" + command + ") >/dev/null 2>&1").c_str());
}

bool haveTools(std::initializer_list<const char *> tools)
{
    for (const char *t : tools)
        if (sh(std::string("command -v ") + t) != 0)
            return false;
    return true;
}

std::string q(const fs::path &p)
{
    return "'" + p.string() + "'";
}

std::vector<unsigned char> readFile(const fs::path &p)
{
    std::ifstream in(p, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), {}};
}

void writeFile(const fs::path &p, const std::vector<unsigned char> &bytes)
{
    fs::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary).write(reinterpret_cast<const char *>(bytes.data()),
                                             static_cast<std::streamsize>(bytes.size()));
}

std::vector<unsigned char> randomBytes(std::size_t n, unsigned seed)
{
    std::mt19937 gen(seed);
    std::vector<unsigned char> out(n);
    for (auto &b : out)
        b = static_cast<unsigned char>(gen());
    return out;
}

std::string md5(const std::vector<unsigned char> &bytes)
{
    MultiHasher h(HashMd5);
    h.update(bytes.data(), bytes.size());
    return h.finish().md5;
}

// A generated JPEG (ffmpeg test pattern).
std::vector<unsigned char> makeJpeg(const fs::path &dir, const std::string &pattern)
{
    const fs::path out = dir / "gen.jpg";
    EXPECT_EQ(sh("ffmpeg -loglevel error -y -f lavfi -i " + pattern + " -frames:v 1 -q:v 3 " + q(out)), 0);
    auto bytes = readFile(out);
    fs::remove(out);
    return bytes;
}

pipeline::IngestSummary ingest(const fs::path &caseDir, const fs::path &evidence, int maxDepth = 8)
{
    auto store = casedb::CaseStore::openOrCreate(caseDir, {"REC-1", "tester", "recovery"}, "test");
    EXPECT_TRUE(store.has_value());
    pipeline::IngestOptions options;
    options.evidence = {evidence};
    options.workers = 2;
    options.media.enabled = false;
    options.maxDepth = maxDepth;
    return pipeline::runIngest(**store, options);
}

struct Row {
    std::int64_t id = 0;
    std::string origin, md5;
    std::optional<std::int64_t> parentId, originOffset;
    std::int64_t depth = 0;
};

std::optional<Row> row(const fs::path &caseDir, const std::string &path)
{
    auto db = casedb::CaseStore::openReadOnly(caseDir);
    auto st = db->prepare("SELECT id, origin, coalesce(md5,''), parent_id, origin_offset, depth FROM files WHERE path=?");
    st->bind(1, path);
    if (!st->step().value_or(false))
        return std::nullopt;
    return Row{st->int64(0), st->text(1), st->text(2), st->optInt64(3), st->optInt64(4), st->int64(5)};
}

std::int64_t scalar(const fs::path &caseDir, const std::string &sql)
{
    auto db = casedb::CaseStore::openReadOnly(caseDir);
    auto st = db->prepare(sql);
    return st->step().value_or(false) ? st->int64(0) : -1;
}

std::vector<unsigned char> readBack(const fs::path &caseDir, std::int64_t id)
{
    auto content = pipeline::FileContent::open(caseDir, id);
    EXPECT_TRUE(content.has_value()) << (content ? "" : content.error().toString());
    if (!content)
        return {};
    std::vector<unsigned char> out((*content)->size());
    std::size_t done = 0;
    while (done < out.size()) {
        auto n = (*content)->read(done, out.data() + done, std::min<std::size_t>(4093, out.size() - done));
        if (!n || *n == 0)
            break;
        done += *n;
    }
    out.resize(done);
    return out;
}

// src/outer.zip holds inner.tar.gz, which holds deep/pic.jpg; src/blob.bin is random bytes with a
// JPEG appended. Returns the JPEG.
std::vector<unsigned char> makeNestedFolder(const fs::path &root, const fs::path &work)
{
    fs::create_directories(work);
    auto jpeg = makeJpeg(work, "testsrc=size=160x120");
    writeFile(work / "deep" / "pic.jpg", jpeg);
    EXPECT_EQ(sh("cd " + q(work) + " && tar -czf inner.tar.gz deep && zip -q -X outer.zip inner.tar.gz"), 0);
    fs::create_directories(root);
    fs::copy_file(work / "outer.zip", root / "outer.zip");
    auto blob = randomBytes(10000, 7);
    blob.insert(blob.end(), jpeg.begin(), jpeg.end());
    writeFile(root / "blob.bin", blob);
    return jpeg;
}

} // namespace

TEST(RecoveryPaths, ForensicPathSyntax)
{
    const pipeline::DerivedParent parent{1, 10, 2, "/docs/a.tar.gz", true, 0};
    auto member = pipeline::memberRecord(parent, "pics/x.zip", 42, std::nullopt);
    EXPECT_EQ(member.path, "/docs/a.tar.gz>>pics/x.zip");
    EXPECT_EQ(member.name, "x.zip");
    EXPECT_EQ(member.depth, 1);
    const pipeline::DerivedParent nested{1, 11, 2, member.path, true, member.depth};
    EXPECT_EQ(pipeline::memberRecord(nested, "img.jpg", 1, std::nullopt).path, "/docs/a.tar.gz>>pics/x.zip>>img.jpg");
    auto embedded = pipeline::embeddedRecord({1, 12, 2, "/data.bin", false, 0}, 0x1f400, 100, "jpg", "complete", "");
    EXPECT_EQ(embedded.path, "/data.bin>>@0x1f400.jpg");
    EXPECT_EQ(embedded.allocation, model::Allocation::Deleted);
    auto carved = pipeline::carvedRecord(1, 3, "3", {{0x2a000000, 4096}, {0x2a100000, 100}}, "jpg", "partial", "cut");
    EXPECT_EQ(carved.path, "$Unallocated/3>>@0x2a000000.jpg");
    EXPECT_EQ(carved.name, "f2a000000.jpg");
    EXPECT_EQ(carved.size, 4196u);
    EXPECT_EQ(carved.originExtents, "[[704643072,4096],[705691648,100]]");
    auto slack = pipeline::slackRecord({1, 13, 3, "/f.txt", true, 0}, 0x3000, 123456, 50, "jpg", "complete", "");
    EXPECT_EQ(slack.path, "/f.txt>>$Slack>>@0x3000.jpg");
    EXPECT_EQ(slack.origin, model::Origin::Carved);
    EXPECT_EQ(slack.parentId, 13);
}

TEST(RunRegion, MapsRegionOffsetsToMediaRunsAndReadsAcrossThem)
{
    TempDir tmp;
    const auto media = randomBytes(1 << 16, 3);
    writeFile(tmp.path() / "media.raw", media);
    auto src = evidence::openImage(tmp.path() / "media.raw");
    ASSERT_TRUE(src.has_value());
    pipeline::RunRegion region(**src, {{4096, 1000}, {20000, 50}, {60000, 10000}});   // the last run passes the end
    EXPECT_EQ(region.size(), 11050u);
    std::vector<unsigned char> buf(1100);
    auto n = region.read(900, buf.data(), buf.size());
    ASSERT_TRUE(n.has_value());
    ASSERT_EQ(*n, 1100u);
    EXPECT_TRUE(std::equal(buf.begin(), buf.begin() + 100, media.begin() + 4096 + 900));
    EXPECT_TRUE(std::equal(buf.begin() + 100, buf.begin() + 150, media.begin() + 20000));
    EXPECT_TRUE(std::equal(buf.begin() + 150, buf.end(), media.begin() + 60000));
    auto extents = region.mediaExtents(990, 70);
    ASSERT_EQ(extents.size(), 3u);
    EXPECT_EQ(extents[0], (std::pair<std::int64_t, std::int64_t>{5086, 10}));
    EXPECT_EQ(extents[1], (std::pair<std::int64_t, std::int64_t>{20000, 50}));
    EXPECT_EQ(extents[2], (std::pair<std::int64_t, std::int64_t>{60000, 10}));
    // A truncated image: the last run is cut where the media ends, never an error or a hang.
    std::vector<unsigned char> tail(10000);
    auto t = region.read(1050, tail.data(), tail.size());
    ASSERT_TRUE(t.has_value());
    EXPECT_EQ(*t, media.size() - 60000);
    EXPECT_EQ(*region.read(region.size(), tail.data(), 10), 0u);
}

TEST(ExpandStage, NestedArchivesAndEmbeddedFilesInFolderEvidence)
{
    if (!haveTools({"ffmpeg", "zip", "tar"}))
        GTEST_SKIP() << "needs ffmpeg, zip and tar";
    TempDir tmp;
    const auto jpeg = makeNestedFolder(tmp.path() / "src", tmp.path() / "work");
    auto sum = ingest(tmp.path() / "case", tmp.path() / "src");
    ASSERT_EQ(sum.evidence.size(), 1u);
    EXPECT_EQ(sum.evidence[0].archivesExpanded, 3u);   // outer.zip, inner.tar.gz, inner.tar
    EXPECT_EQ(sum.evidence[0].embedded, 1u);
    const fs::path c = tmp.path() / "case";
    auto pic = row(c, "/outer.zip>>inner.tar.gz>>inner.tar>>deep/pic.jpg");
    ASSERT_TRUE(pic) << "the nested member is missing";
    EXPECT_EQ(pic->origin, "member");
    EXPECT_EQ(pic->depth, 3);
    EXPECT_EQ(pic->md5, md5(jpeg));
    EXPECT_EQ(readBack(c, pic->id), jpeg);
    EXPECT_EQ(pic->parentId, row(c, "/outer.zip>>inner.tar.gz>>inner.tar")->id);
    auto emb = row(c, "/blob.bin>>@0x2710.jpg");
    ASSERT_TRUE(emb) << "the appended JPEG is missing";
    EXPECT_EQ(emb->origin, "embedded");
    EXPECT_EQ(emb->originOffset, 10000);
    EXPECT_EQ(emb->md5, md5(jpeg));
    EXPECT_EQ(readBack(c, emb->id), jpeg);
    EXPECT_EQ(scalar(c, "SELECT count(*) FROM files WHERE origin <> 'fs' AND content_status <> 'hashed'"), 0);
}

TEST(ExpandStage, DepthLimitIsAProcessingError)
{
    if (!haveTools({"ffmpeg", "zip", "tar"}))
        GTEST_SKIP() << "needs ffmpeg, zip and tar";
    TempDir tmp;
    makeNestedFolder(tmp.path() / "src", tmp.path() / "work");
    auto sum = ingest(tmp.path() / "case", tmp.path() / "src", 1);
    const fs::path c = tmp.path() / "case";
    EXPECT_TRUE(row(c, "/outer.zip>>inner.tar.gz"));
    EXPECT_FALSE(row(c, "/outer.zip>>inner.tar.gz>>inner.tar"));
    EXPECT_EQ(scalar(c, "SELECT count(*) FROM processing_errors WHERE message = 'nesting deeper than 1 levels' "
                        "AND path = '/outer.zip>>inner.tar.gz'"),
              1);
    EXPECT_EQ(scalar(c, "SELECT count(*) FROM files WHERE expand_status = 'too-deep'"), 1);
    EXPECT_GE(sum.evidence[0].expandErrors, 1u);
}

TEST(ExpandStage, DamagedArchivesAreErrorsAndTheRestIsKept)
{
    if (!haveTools({"zip", "tar"}))
        GTEST_SKIP() << "needs zip and tar";
    TempDir tmp;
    const fs::path work = tmp.path() / "work", src = tmp.path() / "src";
    for (int i = 0; i < 20; ++i)
        writeFile(work / "many" / ("f" + std::to_string(i) + ".bin"), randomBytes(5000, static_cast<unsigned>(i)));
    ASSERT_EQ(sh("cd " + q(work) + " && zip -q -r m.zip many && tar -czf m.tgz many"), 0);
    fs::create_directories(src);
    for (const char *name : {"m.zip", "m.tgz"}) {
        auto bytes = readFile(work / name);
        bytes.resize(bytes.size() / 2);   // cut in the middle
        writeFile(src / (std::string("cut-") + name), bytes);
    }
    auto garbage = randomBytes(3000, 9);
    garbage[0] = 'P', garbage[1] = 'K', garbage[2] = 3, garbage[3] = 4;   // a ZIP header and then noise
    writeFile(src / "noise.zip", garbage);
    auto sum = ingest(tmp.path() / "case", src);
    const fs::path c = tmp.path() / "case";
    EXPECT_GE(scalar(c, "SELECT count(*) FROM processing_errors WHERE stage = 'expand'"), 3);
    EXPECT_EQ(scalar(c, "SELECT count(*) FROM processing_errors WHERE stage = 'expand' AND path = '/noise.zip'"), 1);
    EXPECT_GE(scalar(c, "SELECT count(*) FROM files WHERE path LIKE '/cut-m.zip>>many/f%' AND md5 IS NOT NULL"), 1)
        << "the members before the damage are kept";
    EXPECT_EQ(scalar(c, "SELECT count(*) FROM files WHERE expand_status IS NULL AND sig_type IN ('zip','gzip','tar')"), 0);
    EXPECT_FALSE(sum.cancelled);
}

TEST(CarveStage, RawImageWithoutFileSystemIsCarvedWholeAndShiftsBy65)
{
    if (!haveTools({"ffmpeg"}))
        GTEST_SKIP() << "needs ffmpeg";
    TempDir tmp;
    const auto jpeg = makeJpeg(tmp.path(), "testsrc2=size=320x240");
    std::vector<std::int64_t> offsets;
    for (const std::size_t shift : {std::size_t{0}, std::size_t{65}}) {
        auto media = randomBytes(3 << 20, 11);
        media.insert(media.begin(), shift, 0);
        std::copy(jpeg.begin(), jpeg.end(), media.begin() + static_cast<std::ptrdiff_t>((1 << 20) + 17 + shift));
        const fs::path img = tmp.path() / ("noise" + std::to_string(shift) + ".raw");
        writeFile(img, media);
        const fs::path c = tmp.path() / ("case" + std::to_string(shift));
        auto sum = ingest(c, img);
        EXPECT_EQ(sum.evidence[0].carvedBytesScanned, media.size());
        auto db = casedb::CaseStore::openReadOnly(c);
        auto st = db->prepare("SELECT id, origin_offset, path, md5 FROM files WHERE origin='carved' AND sig_type='jpeg'");
        ASSERT_TRUE(st->step().value_or(false)) << "no JPEG carved from the raw image";
        offsets.push_back(st->int64(1));
        std::ostringstream want;
        want << "$Unallocated/media>>@0x" << std::hex << st->int64(1) << ".jpg";
        EXPECT_EQ(st->text(2), want.str());
        EXPECT_EQ(st->text(3), md5(jpeg));
        EXPECT_EQ(readBack(c, st->int64(0)), jpeg);
    }
    ASSERT_EQ(offsets.size(), 2u);
    EXPECT_EQ(offsets[0], (1 << 20) + 17);
    EXPECT_EQ(offsets[1] - offsets[0], 65);
}

TEST(AreaCarver, ChunksOnTwoThreadsFindWhatOnePassFinds)
{
    if (!haveTools({"ffmpeg"}))
        GTEST_SKIP() << "needs ffmpeg";
    TempDir tmp;
    const auto small = makeJpeg(tmp.path(), "testsrc2=size=320x240");
    const auto big = makeJpeg(tmp.path(), "testsrc2=size=1920x1080");
    constexpr std::uint64_t MiB = 1 << 20;
    // Three runs of the media with gaps between them, 100 MiB of area; carved in 7 MiB chunks
    // the boundary at area 49 MiB is media 50 MiB. One JPEG lies across the gap between the
    // first two runs (area 40 MiB), one across that chunk boundary.
    const std::vector<evidence::MediaRun> runs{{0, 40 * MiB}, {41 * MiB, 40 * MiB}, {82 * MiB, 20 * MiB}};
    auto media = randomBytes(102 * MiB, 5);
    auto put = [&](const std::vector<unsigned char> &jpeg, std::uint64_t at) {
        std::copy(jpeg.begin(), jpeg.end(), media.begin() + static_cast<std::ptrdiff_t>(at));
    };
    put(small, MiB);
    const std::uint64_t acrossGap = 40 * MiB - 1000;
    put({small.begin(), small.begin() + 1000}, acrossGap);
    put({small.begin() + 1000, small.end()}, 41 * MiB);
    const std::uint64_t acrossMiddle = 50 * MiB - 20000;
    put(big, acrossMiddle);
    put(small, 90 * MiB);
    writeFile(tmp.path() / "media.raw", media);
    auto src = evidence::openImage(tmp.path() / "media.raw");
    auto carver = pipeline::makeAreaCarver();
    ASSERT_TRUE(src && carver);
    const auto one = pipeline::carveArea(**carver, runs, **src, tmp.path() / "media.raw", 1, nullptr, {});
    const auto two = pipeline::carveArea(**carver, runs, **src, tmp.path() / "media.raw", 2, nullptr, {}, 7 * MiB);
    ASSERT_FALSE(one.error);
    ASSERT_FALSE(two.error);
    EXPECT_EQ(one.chunks, 1u);
    EXPECT_EQ(two.chunks, 15u);
    EXPECT_EQ(two.workers, 2u);
    EXPECT_EQ(one.bytesScanned, 100 * MiB);
    EXPECT_EQ(two.bytesScanned, 100 * MiB);
    EXPECT_LT(two.overrun, 15 * 6 * MiB) << "a chunk's worker stops soon after the chunk's end";
    auto describe = [](const pipeline::AreaCarve &c) {
        std::ostringstream out;
        for (const auto &[item, extents] : c.items) {
            out << item.offset << "+" << item.length << " " << item.type << " "
                << (item.status == carving::CarveStatus::Complete ? "complete" : "partial") << " [";
            for (const auto &[o, l] : extents)
                out << o << ":" << l << " ";
            out << "]\n";
        }
        return out.str();
    };
    EXPECT_EQ(describe(two), describe(one));
    auto at = [&](std::uint64_t mediaOffset) -> const pipeline::AreaItem * {
        for (const auto &item : two.items)
            if (static_cast<std::uint64_t>(item.extents.front().first) == mediaOffset)
                return &item;
        return nullptr;
    };
    const auto *middle = at(acrossMiddle);
    ASSERT_NE(middle, nullptr) << describe(two);
    EXPECT_EQ(middle->item.length, big.size());
    EXPECT_EQ(middle->item.status, carving::CarveStatus::Complete);
    const auto *gap = at(acrossGap);
    ASSERT_NE(gap, nullptr) << describe(two);
    ASSERT_EQ(gap->extents.size(), 2u);
    EXPECT_EQ(gap->extents[0], (std::pair<std::int64_t, std::int64_t>{acrossGap, 1000}));
    EXPECT_EQ(gap->extents[1].first, static_cast<std::int64_t>(41 * MiB));
    EXPECT_EQ(gap->item.status, carving::CarveStatus::Complete);
    EXPECT_NE(at(90 * MiB), nullptr);
}

TEST(CarveStage, CancelledCarvingResumesWithoutDuplicates)
{
    if (!haveTools({"ffmpeg", "mke2fs", "debugfs"}))
        GTEST_SKIP() << "needs ffmpeg and e2fsprogs";
    TempDir tmp;
    for (int i = 0; i < 6; ++i)
        writeFile(tmp.path() / "src" / ("p" + std::to_string(i) + ".jpg"),
                  makeJpeg(tmp.path(), "testsrc2=size=" + std::to_string(320 + 16 * i) + "x240"));
    const fs::path img = tmp.path() / "disk.img";
    ASSERT_EQ(sh("mke2fs -q -F -t ext4 -b 4096 -d " + q(tmp.path() / "src") + " " + q(img) + " 16m"), 0);
    for (int i = 0; i < 6; i += 2)
        ASSERT_EQ(sh("debugfs -w -R 'rm /p" + std::to_string(i) + ".jpg' " + q(img)), 0);
    auto run = [&](const fs::path &caseDir, bool cancelInCarving) {
        auto store = casedb::CaseStore::openOrCreate(caseDir, {"REC-2", "tester", "cancel"}, "test");
        std::atomic<bool> cancel{false};
        pipeline::IngestOptions options;
        options.evidence = {img};
        options.media.enabled = false;
        options.cancel = &cancel;
        return pipeline::runIngest(**store, options, [&](const pipeline::IngestProgress &p) {
            if (cancelInCarving && p.stage == pipeline::Stage::Carving)
                cancel = true;
        });
    };
    const fs::path once = tmp.path() / "once", twice = tmp.path() / "twice";
    run(once, false);
    const auto carvedOnce = scalar(once, "SELECT count(*) FROM files WHERE origin = 'carved'");
    EXPECT_EQ(carvedOnce, 3);
    EXPECT_TRUE(run(twice, true).cancelled);
    EXPECT_EQ(scalar(twice, "SELECT count(*) FROM filesystems WHERE status = 'carved'"), 0);
    EXPECT_EQ(scalar(twice, "SELECT count(*) FROM evidence WHERE status = 'indexed'"), 1);
    EXPECT_FALSE(run(twice, false).cancelled);
    EXPECT_EQ(scalar(twice, "SELECT count(*) FROM filesystems WHERE status = 'carved'"), 1);
    EXPECT_EQ(scalar(twice, "SELECT count(*) FROM files WHERE origin = 'carved' AND md5 IS NOT NULL"), carvedOnce);
    EXPECT_EQ(scalar(twice, "SELECT count(*) FROM evidence WHERE status = 'done'"), 1);
}
