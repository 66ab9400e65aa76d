// SPDX-License-Identifier: GPL-3.0-or-later
// Vigil's file lists, content hashes and times against The Sleuth Kit's own tools and the
// published answers of real public test images (../shared/testdata/external).
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <sstream>

#include "harness.h"

using namespace vigil;
using namespace vigil::test;

namespace {

fs::path images() { return externalData() / "images"; }

#define REQUIRE_EXTERNAL(file)                                                                                         \
    if (!fs::exists(images() / (file)))                                                                                \
        GTEST_SKIP() << "external test data not found: " << (images() / (file)).string()                              \
                     << " (it lives in ../shared/testdata/external, outside the repository)";                         \
    if (!haveTool("fls") || !haveTool("icat"))                                                                         \
        GTEST_SKIP() << "The Sleuth Kit tools (fls, icat) are not installed";

std::string joined(const std::vector<std::string> &v)
{
    std::string s;
    for (std::size_t i = 0; i < v.size() && i < 30; ++i)
        s += "\n  " + v[i];
    return s;
}

const casedb::FileRow *findPath(const std::vector<casedb::FileRow> &rows, const std::string &path,
                                std::optional<std::int64_t> offset = std::nullopt)
{
    for (const auto &r : rows)
        if (r.path == path && (!offset || r.volumeOffset == offset))
            return &r;
    return nullptr;
}

// Published answers: path -> MD5 of a deleted file that must be recovered exactly.
void expectRecovered(const std::vector<casedb::FileRow> &rows, const std::map<std::string, std::string> &published)
{
    for (const auto &[path, md5] : published) {
        const auto *row = findPath(rows, path);
        ASSERT_NE(row, nullptr) << path;
        EXPECT_FALSE(row->allocated) << path;
        EXPECT_EQ(row->md5, md5) << path;
    }
}

// fiwalk's DFXML (published with the image): every regular file it lists is in the case
// with the same size, allocation, hashes and first data offset.
void expectMatchesDfxml(const fs::path &caseDir, const fs::path &dfxml, std::int64_t imageBase = 0)
{
    const auto rows = caseFiles(caseDir);
    std::size_t hashed = 0, located = 0, files = 0;
    for (const auto &f : readDfxml(dfxml)) {
        if (f.nameType != 'r' || f.path.find("(Volume Label Entry)") != std::string::npos)
            continue;
        SCOPED_TRACE(f.path + " @" + std::to_string(f.volumeOffset));
        const casedb::FileRow *row = findPath(rows, "/" + f.path, f.volumeOffset);
        if (!row) {
            // fiwalk names NTFS index-only entries ($Extend/$ObjId) without the stream
            // that fls and Vigil list them by ($Extend/$ObjId:$O).
            const bool asStream = std::any_of(rows.begin(), rows.end(), [&](const casedb::FileRow &r) {
                return r.volumeOffset == f.volumeOffset && r.path.rfind("/" + f.path + ":", 0) == 0;
            });
            EXPECT_TRUE(asStream) << "not in the case";
            continue;
        }
        ++files;
        EXPECT_EQ(row->size, f.size);
        EXPECT_EQ(row->allocated, f.allocated);
        if (!f.md5.empty() && f.size > 0) {
            EXPECT_EQ(row->md5, f.md5);
            EXPECT_EQ(row->sha1, f.sha1);
            ++hashed;
        }
        if (f.firstImageOffset && row->sourceOffset && f.size > 0) {
            EXPECT_EQ(*row->sourceOffset, *f.firstImageOffset + imageBase);
            ++located;
        }
    }
    EXPECT_GE(files, 3u);
    EXPECT_GT(located, 0u);
    ::testing::Test::RecordProperty("dfxml_files", static_cast<int>(files));
    ::testing::Test::RecordProperty("dfxml_hashed", static_cast<int>(hashed));
}

void expectMatchesTsk(const fs::path &caseDir, const fs::path &oracle, std::int64_t offset)
{
    auto listDiffs = compareWithFls(caseDir, oracle, offset);
    EXPECT_TRUE(listDiffs.empty()) << "file list differs from fls at " << offset << ":" << joined(listDiffs);
    auto md5Diffs = compareWithIcat(caseDir, oracle, offset);
    EXPECT_TRUE(md5Diffs.empty()) << "content MD5 differs from icat at " << offset << ":" << joined(md5Diffs);
    auto timeDiffs = compareTimesWithFls(caseDir, oracle, offset);
    EXPECT_TRUE(timeDiffs.empty()) << "MACB times differ from fls -m at " << offset << ":" << joined(timeDiffs);
}

} // namespace

struct ContainerCase {
    std::string extension;
    std::string oracle;       // the image TSK's tools read for the expected answers
    bool compareTimes;        // the containers were made at different times: their atimes differ
    bool ext2;                // the ISO holds an ISO9660 file system, the others ext2
};

[[maybe_unused]] void PrintTo(const ContainerCase &c, std::ostream *os)
{
    *os << "data_image." << c.extension;
}

class DataImageContainers : public ::testing::TestWithParam<ContainerCase> {};

// The Sleuth Kit's own ext2 test image in six containers. Each is compared with fls/icat
// on itself where TSK reads the container (dd, E01, VHD, ISO) and with the raw image
// where it cannot (QCOW and VMDK are not in Debian's TSK build / fail there); the ext2
// ones also with fiwalk's published DFXML (sizes, hashes, data offsets).
TEST_P(DataImageContainers, MatchesTskAndFiwalk)
{
    const ContainerCase &c = GetParam();
    const std::string name = "data_image." + c.extension;
    REQUIRE_EXTERNAL(name);
    TempDir tmp;
    const auto caseDir = tmp.path() / "case";
    auto r = ingest({images() / name}, caseDir);
    ASSERT_EQ(r.exitCode, 0) << r.out;
    EXPECT_EQ(fileSystemOffsets(caseDir), std::vector<std::int64_t>{0});
    const auto oracle = images() / c.oracle;
    auto listDiffs = compareWithFls(caseDir, oracle, 0);
    EXPECT_TRUE(listDiffs.empty()) << joined(listDiffs);
    auto md5Diffs = compareWithIcat(caseDir, oracle, 0);
    EXPECT_TRUE(md5Diffs.empty()) << joined(md5Diffs);
    if (c.compareTimes) {
        auto timeDiffs = compareTimesWithFls(caseDir, oracle, 0);
        EXPECT_TRUE(timeDiffs.empty()) << joined(timeDiffs);
    }
    if (c.ext2)
        expectMatchesDfxml(caseDir, images() / "fiwalk_image_dd.xml");
}

INSTANTIATE_TEST_SUITE_P(External, DataImageContainers,
                         ::testing::Values(ContainerCase{"dd", "data_image.dd", true, true},
                                           ContainerCase{"E01", "data_image.E01", true, true},
                                           ContainerCase{"vhd", "data_image.vhd", true, true},
                                           ContainerCase{"vmdk", "data_image.dd", false, true},
                                           ContainerCase{"qcow", "data_image.dd", false, true},
                                           ContainerCase{"iso", "data_image.iso", true, false}),
                         [](const auto &p) { return p.param.extension; });

TEST(ExternalImages, FtkImagerE01WithTwoNtfsPartitions)
{
    REQUIRE_EXTERNAL("data_imageformat_mmls_1.E01");
    TempDir tmp;
    const auto image = images() / "data_imageformat_mmls_1.E01";
    auto r = ingest({image}, tmp.path() / "case");
    ASSERT_EQ(r.exitCode, 0) << r.out;
    const std::vector<std::int64_t> expected{128 * 512, 55424 * 512};
    ASSERT_EQ(fileSystemOffsets(tmp.path() / "case"), expected);
    for (auto offset : expected)
        expectMatchesTsk(tmp.path() / "case", image, offset);
    expectMatchesDfxml(tmp.path() / "case", images() / "from_brian_imageformat_mmls_1.E01.xml");
    EXPECT_EQ(caseScalar(tmp.path() / "case", "SELECT count(*) FROM evidence WHERE stored_md5 LIKE '8ec671e3%' AND "
                                              "stored_sha1 LIKE '067bc6ab%' AND kind='ewf'"),
              1);
    auto v = run(quote(vigilBinary().string()) + " verify " + quote(image.string()));
    EXPECT_EQ(v.exitCode, 0) << v.out;
    EXPECT_NE(v.out.find("VERIFIED"), std::string::npos);
}

namespace {
fs::path unzipDftt(const TempDir &tmp, const std::string &zip)
{
    run("unzip -q -o " + quote((images() / zip).string()) + " -d " + quote(tmp.path().string()));
    return tmp.path();
}
} // namespace

// DFTT #6: FAT with deleted files. Published MD5s for the unfragmented ones; fragmented
// deleted files cannot be recovered correctly from FAT alone (TSK gives the documented
// "incorrect" MD5), and Vigil agrees with icat there.
TEST(ExternalImages, DfttFatUndelete)
{
    REQUIRE_EXTERNAL("from_brian_6-undel-fat.zip");
    TempDir tmp;
    const auto image = unzipDftt(tmp, "from_brian_6-undel-fat.zip") / "6-undel-fat/6-fat-undel.dd";
    ASSERT_EQ(md5File(image), "4aeb06ecd361777242ab78735d51ace6");
    auto r = ingest({image}, tmp.path() / "case");
    ASSERT_LE(r.exitCode, 1) << r.out;
    expectMatchesTsk(tmp.path() / "case", image, 0);
    expectMatchesDfxml(tmp.path() / "case", images() / "from_brian_6-fat-undel.dd.xml");
    const auto rows = caseFiles(tmp.path() / "case");
    const std::map<std::string, std::string> published{{"/_ing.dat", "59b20779f69ff9f0ac5fcd2c38835a79"},
                                                       {"/_ult1.dat", "ffd27bd782bdce67750b6b9ee069d2ef"},
                                                       {"/_ir1/mult2.dat", "59cf0e9cd107bc1e75afb7374f6e05bb"}};
    expectRecovered(rows, published);
}

// DFTT #7: NTFS deleted files, a resident file and an alternate data stream.
TEST(ExternalImages, DfttNtfsUndeleteWithAds)
{
    REQUIRE_EXTERNAL("from_brian_7-undel-ntfs.zip");
    TempDir tmp;
    const auto image = unzipDftt(tmp, "from_brian_7-undel-ntfs.zip") / "7-undel-ntfs/7-ntfs-undel.dd";
    ASSERT_EQ(md5File(image), "e7dbb96759d9cd62b729463ebfe61dab");
    auto r = ingest({image}, tmp.path() / "case");
    ASSERT_LE(r.exitCode, 1) << r.out;
    expectMatchesTsk(tmp.path() / "case", image, 0);
    const auto rows = caseFiles(tmp.path() / "case");
    const std::map<std::string, std::string> published{
        {"/res1.dat", "9036637712b491904cd0bfbdbe648453"},      {"/sing1.dat", "59b20779f69ff9f0ac5fcd2c38835a79"},
        {"/mult1.dat", "ffd27bd782bdce67750b6b9ee069d2ef"},     {"/mult1.dat:ADS", "ba1b9eedb1c091ddca253d35dde8f616"},
        {"/frag1.dat", "7a3bc5b763bef201202108f4ba128149"},     {"/frag2.dat", "0e80ab84ef0087e60dfc67b88a1cf13e"},
        {"/dir1/mult2.dat", "59cf0e9cd107bc1e75afb7374f6e05bb"}, {"/dir1/dir2/frag3.dat", "21121699487f3fbbdb9a4b3391b6d3e0"}};
    expectRecovered(rows, published);
    const auto *ads = findPath(rows, "/mult1.dat:ADS");
    ASSERT_NE(ads, nullptr);
    EXPECT_EQ(inodeString(*ads), "32-128-6");
}

// DFTT #5: FAT times across daylight saving, read as UTC like fls with TZ=UTC.
TEST(ExternalImages, DfttFatDaylightTimes)
{
    REQUIRE_EXTERNAL("from_brian_5-fat-daylight.zip");
    TempDir tmp;
    const auto image = unzipDftt(tmp, "from_brian_5-fat-daylight.zip") / "5-fat-daylight/daylight.dd";
    auto r = ingest({image}, tmp.path() / "case");
    ASSERT_EQ(r.exitCode, 0) << r.out;
    expectMatchesTsk(tmp.path() / "case", image, 0);
}

// DFTT #14: ISO9660.
TEST(ExternalImages, DfttIso9660)
{
    REQUIRE_EXTERNAL("from_brian_14-iso9660-1.zip");
    TempDir tmp;
    const auto dir = unzipDftt(tmp, "from_brian_14-iso9660-1.zip") / "14-iso9660-1";
    for (const char *iso : {"iso-dirtree1.iso", "iso-dirtree2.iso", "iso-endian.iso"}) {
        SCOPED_TRACE(iso);
        const auto caseDir = tmp.path() / (std::string("case-") + iso);
        auto r = ingest({dir / iso}, caseDir);
        ASSERT_EQ(r.exitCode, 0) << r.out;
        auto diffs = compareWithFls(caseDir, dir / iso, 0);
        EXPECT_TRUE(diffs.empty()) << joined(diffs);
        auto md5s = compareWithIcat(caseDir, dir / iso, 0);
        EXPECT_TRUE(md5s.empty()) << joined(md5s);
    }
}

// dfvfs ext2.E01: the stored MD5 verifies and three files have published SHA-256s.
TEST(ExternalImages, DfvfsExt2E01EndToEndHashes)
{
    REQUIRE_EXTERNAL("ext2.E01");
    TempDir tmp;
    auto r = ingest({images() / "ext2.E01"}, tmp.path() / "case", "--sha256");
    ASSERT_EQ(r.exitCode, 0) << r.out;
    expectMatchesTsk(tmp.path() / "case", images() / "ext2.E01", 0);
    const auto rows = caseFiles(tmp.path() / "case");
    std::ifstream in(images() / "end_to_end_ext2.E01.hashes");
    std::string sha, path;
    int checked = 0;
    while (in >> sha >> path) {
        const auto *row = findPath(rows, path);
        ASSERT_NE(row, nullptr) << path;
        EXPECT_EQ(row->sha256, sha) << path;
        ++checked;
    }
    EXPECT_EQ(checked, 3);
    std::ifstream paths(images() / "end_to_end_ext2.E01.paths");
    while (std::getline(paths, path)) {
        if (path != "/") {
            EXPECT_NE(findPath(rows, path), nullptr) << path;
        }
    }
    auto v = run(quote(vigilBinary().string()) + " verify " + quote((images() / "ext2.E01").string()));
    EXPECT_EQ(v.exitCode, 0) << v.out;
}

TEST(ExternalImages, DfvfsImageE01)
{
    REQUIRE_EXTERNAL("image.E01");
    TempDir tmp;
    auto r = ingest({images() / "image.E01"}, tmp.path() / "case");
    ASSERT_EQ(r.exitCode, 0) << r.out;
    for (auto offset : fileSystemOffsets(tmp.path() / "case"))
        expectMatchesTsk(tmp.path() / "case", images() / "image.E01", offset);
}

TEST(ExternalImages, HfsPlus)
{
    REQUIRE_EXTERNAL("hfsplus.raw");
    TempDir tmp;
    auto r = ingest({images() / "hfsplus.raw"}, tmp.path() / "case");
    ASSERT_EQ(r.exitCode, 0) << r.out;
    EXPECT_EQ(caseScalar(tmp.path() / "case", "SELECT count(*) FROM filesystems WHERE fs_type LIKE 'hfs%'"), 1);
    expectMatchesTsk(tmp.path() / "case", images() / "hfsplus.raw", 0);
}

// MBR with an extended partition: every mmls row is a volume; both Linux partitions,
// the logical one inside the extended partition included, are found.
TEST(ExternalImages, MbrWithExtendedPartition)
{
    REQUIRE_EXTERNAL("tsk_volume_system.raw");
    TempDir tmp;
    const auto image = images() / "tsk_volume_system.raw";
    auto r = ingest({image}, tmp.path() / "case");
    EXPECT_EQ(r.exitCode, 2) << "nothing readable in it: " << r.out;
    const auto expected = mmls(image);
    ASSERT_FALSE(expected.empty());
    EXPECT_EQ(caseScalar(tmp.path() / "case", "SELECT count(*) FROM volumes"), static_cast<std::int64_t>(expected.size()));
    for (const auto &row : expected) {
        const auto same = std::count_if(expected.begin(), expected.end(), [&](const MmlsRow &o) {
            return o.start == row.start && o.length == row.length;
        });
        EXPECT_EQ(caseScalar(tmp.path() / "case", "SELECT count(*) FROM volumes WHERE start_offset=" +
                                                      std::to_string(row.start) + " AND length=" + std::to_string(row.length)),
                  same)
            << row.description;
    }
    // The partitions of this dfvfs image hold no file system: each is a recorded error.
    EXPECT_EQ(caseScalar(tmp.path() / "case", "SELECT count(*) FROM filesystems"), 0);
    EXPECT_EQ(caseScalar(tmp.path() / "case", "SELECT count(*) FROM processing_errors WHERE stage='volumes'"), 3);
}

// dfvfs mbr.raw: ext2 in a primary partition and ext4 in a logical one.
TEST(ExternalImages, FileSystemsInPrimaryAndLogicalPartitions)
{
    REQUIRE_EXTERNAL("mbr.raw.gz");
    TempDir tmp;
    const auto image = tmp.path() / "mbr.raw";
    ASSERT_EQ(run("gzip -dc " + quote((images() / "mbr.raw.gz").string()) + " > " + quote(image.string())).exitCode, 0);
    auto r = ingest({image}, tmp.path() / "case");
    ASSERT_EQ(r.exitCode, 0) << r.out;
    const std::vector<std::int64_t> expected{512, 131 * 512};
    ASSERT_EQ(fileSystemOffsets(tmp.path() / "case"), expected);
    for (auto offset : expected)
        expectMatchesTsk(tmp.path() / "case", image, offset);
    EXPECT_EQ(caseScalar(tmp.path() / "case", "SELECT count(*) FROM volumes WHERE flags='alloc' AND start_offset=" +
                                                  std::to_string(131 * 512)),
              1);
}
