// SPDX-License-Identifier: GPL-3.0-or-later
// Hostile and broken input: each gives a clear message and a non-zero exit, nothing
// crashes, and the case stays a valid database.
#include <gtest/gtest.h>

#include <fstream>
#include <random>

#include "harness.h"

using namespace vigil;
using namespace vigil::test;

namespace {

#define REQUIRE_TOOLS()                                                                                                \
    if (!haveTool("mke2fs") || !haveTool("ewfacquire") || !haveTool("debugfs"))                                        \
        GTEST_SKIP() << "needs mke2fs, debugfs and ewfacquire (e2fsprogs, ewf-tools)";

void writeFile(const fs::path &p, const std::string &content)
{
    fs::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary) << content;
}

void writeRandom(const fs::path &p, std::size_t size, unsigned seed)
{
    std::mt19937 rng(seed);
    std::string bytes(size, '\0');
    for (auto &c : bytes)
        c = static_cast<char>(rng());
    writeFile(p, bytes);
}

// A small ext4 image with a few folders of files, built without root.
fs::path makeExt4(const TempDir &tmp, std::size_t kib = 8192)
{
    const auto src = tmp.path() / "src";
    for (int d = 0; d < 4; ++d)
        for (int f = 0; f < 5; ++f)
            writeFile(src / ("dir" + std::to_string(d)) / ("file" + std::to_string(f) + ".txt"),
                      std::string(3000 + 100 * f, static_cast<char>('a' + d)));
    writeRandom(src / "big.bin", 3 << 20, 7);
    const auto img = tmp.path() / "fs.raw";
    auto r = run("E2FSPROGS_FAKE_TIME=1700000000 mke2fs -q -F -t ext4 -b 1024 -d " + quote(src.string()) + " " +
                 quote(img.string()) + " " + std::to_string(kib) + "k");
    EXPECT_EQ(r.exitCode, 0) << r.out;
    return img;
}

fs::path makeE01(const TempDir &tmp, const fs::path &raw, const std::string &segmentSize = "",
                 const std::string &compression = "deflate:fast")
{
    const auto target = tmp.path() / "ewf" / "image";
    fs::create_directories(target.parent_path());
    auto r = run("ewfacquire -u -q -t " + quote(target.string()) + " -f encase6 -c " + compression + " " +
                 (segmentSize.empty() ? "" : "-S " + segmentSize + " ") + quote(raw.string()) + " < /dev/null");
    EXPECT_EQ(r.exitCode, 0) << r.out;
    return target.string() + ".E01";
}

void expectValidCase(const fs::path &caseDir)
{
    auto r = run("sqlite3 " + quote((caseDir / "case.vigil").string()) + " 'PRAGMA integrity_check'");
    EXPECT_EQ(r.out, "ok\n");
}

} // namespace

TEST(BadInput, ZeroLengthFile)
{
    TempDir tmp;
    writeFile(tmp.path() / "empty.dd", "");
    auto r = ingest({tmp.path() / "empty.dd"}, tmp.path() / "case");
    EXPECT_EQ(r.exitCode, 2) << r.out;
    EXPECT_NE(r.out.find("NOT INGESTED"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("empty"), std::string::npos) << r.out;
    expectValidCase(tmp.path() / "case");
    EXPECT_EQ(caseScalar(tmp.path() / "case", "SELECT count(*) FROM processing_errors WHERE stage='open'"), 1);
}

TEST(BadInput, RandomBytes)
{
    TempDir tmp;
    writeRandom(tmp.path() / "noise.bin", 1 << 20, 42);
    auto r = ingest({tmp.path() / "noise.bin"}, tmp.path() / "case");
    EXPECT_EQ(r.exitCode, 2) << r.out;
    EXPECT_NE(r.out.find("file systems: none"), std::string::npos) << r.out;
    expectValidCase(tmp.path() / "case");
    EXPECT_GE(caseScalar(tmp.path() / "case", "SELECT count(*) FROM processing_errors"), 1);
}

TEST(BadInput, EmptyDirectoryIsNotEvidence)
{
    TempDir tmp;
    fs::create_directories(tmp.path() / "nothing");
    auto r = ingest({tmp.path() / "nothing"}, tmp.path() / "case");
    EXPECT_EQ(r.exitCode, 2) << r.out;
    EXPECT_NE(r.out.find("holds no files"), std::string::npos) << r.out;
    expectValidCase(tmp.path() / "case");
    auto v = run(quote(vigilBinary().string()) + " verify " + quote((tmp.path() / "nothing").string()));
    EXPECT_EQ(v.exitCode, 2) << v.out;
    EXPECT_NE(v.out.find("folder"), std::string::npos) << v.out;
}

TEST(BadInput, MissingEvidencePath)
{
    TempDir tmp;
    auto r = ingest({tmp.path() / "does-not-exist.E01"}, tmp.path() / "case");
    EXPECT_EQ(r.exitCode, 2) << r.out;
    expectValidCase(tmp.path() / "case");
}

TEST(BadInput, CaseFolderNotWritable)
{
    TempDir tmp;
    writeRandom(tmp.path() / "x.dd", 4096, 1);
    auto r = ingest({tmp.path() / "x.dd"}, "/proc/vigil-case");
    EXPECT_EQ(r.exitCode, 2) << r.out;
    EXPECT_NE(r.out.find("writable"), std::string::npos) << r.out;
}

TEST(BadInput, TruncatedE01)
{
    REQUIRE_TOOLS();
    TempDir tmp;
    const auto e01 = makeE01(tmp, makeExt4(tmp));
    fs::resize_file(e01, fs::file_size(e01) / 2);
    auto r = ingest({e01}, tmp.path() / "case");
    EXPECT_EQ(r.exitCode, 2) << r.out;
    EXPECT_NE(r.out.find("NOT INGESTED"), std::string::npos) << r.out;
    expectValidCase(tmp.path() / "case");
    auto v = run(quote(vigilBinary().string()) + " verify " + quote(e01.string()));
    EXPECT_EQ(v.exitCode, 2) << v.out;
}

TEST(BadInput, MissingSecondSegment)
{
    REQUIRE_TOOLS();
    TempDir tmp;
    const auto e01 = makeE01(tmp, makeExt4(tmp), "1MiB");
    auto e02 = e01;
    e02.replace_extension(".E02");
    ASSERT_TRUE(fs::exists(e02)) << "expected a multi-segment set";
    fs::remove(e02);
    auto r = ingest({e01}, tmp.path() / "case");
    EXPECT_EQ(r.exitCode, 2) << r.out;
    EXPECT_NE(r.out.find("segment"), std::string::npos) << r.out;
    expectValidCase(tmp.path() / "case");
}

TEST(BadInput, VerifyDetectsMismatchAndMatch)
{
    REQUIRE_TOOLS();
    TempDir tmp;
    const auto raw = makeExt4(tmp);
    const auto e01 = makeE01(tmp, raw);
    auto ok = run(quote(vigilBinary().string()) + " verify " + quote(e01.string()));
    EXPECT_EQ(ok.exitCode, 0) << ok.out;
    EXPECT_NE(ok.out.find(md5File(raw)), std::string::npos) << ok.out;
    auto bad = run(quote(vigilBinary().string()) + " verify " + quote(raw.string()) +
                   " --md5 00000000000000000000000000000000");
    EXPECT_EQ(bad.exitCode, 1) << bad.out;
    EXPECT_NE(bad.out.find("MISMATCH"), std::string::npos);
    auto none = run(quote(vigilBinary().string()) + " verify " + quote(raw.string()));
    EXPECT_EQ(none.exitCode, 3) << none.out;
}

// A damaged directory inside a good image: the damage is a recorded processing error
// and everything else is still indexed and hashed.
TEST(BadInput, CorruptDirectoryInsideGoodImage)
{
    REQUIRE_TOOLS();
    TempDir tmp;
    const auto img = makeExt4(tmp);
    auto blocks = run("debugfs -R 'blocks /dir2' " + quote(img.string()) + " 2>/dev/null | tail -n 1");
    const long block = std::stol(blocks.out.substr(blocks.out.find_first_of("0123456789")));
    ASSERT_GT(block, 0);
    {
        std::fstream f(img, std::ios::in | std::ios::out | std::ios::binary);
        f.seekp(block * 1024);
        const std::string garbage(1024, '\xA5');
        f.write(garbage.data(), static_cast<std::streamsize>(garbage.size()));
    }
    auto r = ingest({img}, tmp.path() / "case");
    EXPECT_EQ(r.exitCode, 1) << r.out;
    expectValidCase(tmp.path() / "case");
    EXPECT_GE(caseScalar(tmp.path() / "case", "SELECT count(*) FROM processing_errors WHERE stage='index'"), 1);
    for (const char *dir : {"dir0", "dir1", "dir3"})
        EXPECT_EQ(caseScalar(tmp.path() / "case", std::string("SELECT count(*) FROM files WHERE md5 IS NOT NULL AND "
                                                              "path LIKE '/") + dir + "/%'"),
                  5)
            << dir;
    EXPECT_EQ(caseScalar(tmp.path() / "case", "SELECT count(*) FROM files WHERE path='/big.bin' AND md5 IS NOT NULL"), 1);
    // The damaged folder's files lost their names but not their content: they are
    // recovered by metadata address under /$Unreachable and hashed.
    EXPECT_EQ(caseScalar(tmp.path() / "case", "SELECT count(*) FROM files WHERE path LIKE '/$Unreachable/%' AND "
                                              "meta_type='file' AND md5 IS NOT NULL AND size BETWEEN 3000 AND 3400"),
              5);
}

// The first block of `path` inside the ext4 image (1 KiB blocks), as a media byte offset.
std::uint64_t blockOffset(const fs::path &img, const std::string &debugfsRequest)
{
    auto r = run("debugfs -R " + quote(debugfsRequest) + " " + quote(img.string()) + " 2>/dev/null | tail -n 1");
    const auto digit = r.out.find_first_of("0123456789");
    return digit == std::string::npos ? 0 : std::stoull(r.out.substr(digit)) * 1024;
}

// Changes 16 bytes of an uncompressed E01 where it stores the media bytes at `mediaOffset`, so the
// chunk holding them fails its checksum, as a bad sector under the image file would make it.
void damageChunk(const fs::path &e01, const fs::path &raw, std::uint64_t mediaOffset)
{
    std::ifstream rin(raw, std::ios::binary);
    std::string needle(64, '\0');
    rin.seekg(static_cast<std::streamoff>(mediaOffset));
    rin.read(needle.data(), 64);
    std::ifstream ein(e01, std::ios::binary);
    std::string bytes((std::istreambuf_iterator<char>(ein)), {});
    const auto at = bytes.find(needle);
    ASSERT_NE(at, std::string::npos);
    ASSERT_EQ(bytes.find(needle, at + 1), std::string::npos) << "the media bytes are not unique in the E01";
    for (std::size_t i = 0; i < 16; ++i)
        bytes[at + i] = static_cast<char>(~bytes[at + i]);
    std::ofstream(e01, std::ios::binary | std::ios::trunc) << bytes;
}

// Sectors of the evidence that cannot be read (damaged chunks of an E01, whose checksums fail):
// each is a recorded error naming the media bytes, the file or folder stored there is skipped, and
// everything else is indexed and hashed as acquired. (The Sleuth Kit itself reads such sectors as
// zeros without a word: Vigil's reader notices and says so.)
TEST(BadInput, DamagedChunksAreRecordedAndSkipped)
{
    REQUIRE_TOOLS();
    TempDir tmp;
    const auto raw = makeExt4(tmp);
    const auto contentAt = blockOffset(raw, "bmap /big.bin 1024");   // big.bin's byte 1 MiB
    const auto folderAt = blockOffset(raw, "blocks /dir2");
    ASSERT_GT(contentAt, 0u);
    ASSERT_GT(folderAt, 0u);
    const auto e01 = makeE01(tmp, raw, "", "none");
    damageChunk(e01, raw, contentAt);
    damageChunk(e01, raw, folderAt);

    auto r = ingest({e01}, tmp.path() / "case", "--verify");
    EXPECT_EQ(r.exitCode, 1) << r.out;
    expectValidCase(tmp.path() / "case");
    const auto caseDir = tmp.path() / "case";
    const auto chunkStart = std::to_string(contentAt / 32768 * 32768);
    EXPECT_EQ(caseScalar(caseDir, "SELECT count(*) FROM files WHERE path='/big.bin' AND md5 IS NULL AND "
                                  "content_status='unreadable'"),
              1);
    EXPECT_EQ(caseScalar(caseDir, "SELECT count(*) FROM processing_errors WHERE stage='content' AND "
                                  "path='/big.bin' AND message LIKE '%damaged chunk%media bytes " + chunkStart + " to %'"),
              1);
    EXPECT_EQ(caseScalar(caseDir, "SELECT count(*) FROM processing_errors WHERE stage='index' AND "
                                  "message LIKE '%read(s) of the image failed while listing this file system%'"),
              1);
    // Files stored in the damaged folder's chunk are skipped with the same error; every file that
    // was hashed has the content it was acquired with (none was hashed from the zeros TSK reads).
    const auto folderChunk = std::to_string(folderAt / 32768 * 32768);
    EXPECT_EQ(caseScalar(caseDir, "SELECT count(*) FROM processing_errors WHERE stage='content' AND NOT ("
                                  "message LIKE '%media bytes " + chunkStart + " to %' OR message LIKE '%media bytes " +
                                      folderChunk + " to %')"),
              0);
    int hashed = 0;
    for (const auto &f : caseFiles(caseDir)) {
        if (f.md5.empty() || f.path.find("/dir") != 0)
            continue;
        ++hashed;
        EXPECT_EQ(f.md5, md5File(tmp.path() / "src" / f.path.substr(1))) << f.path;
    }
    EXPECT_GE(hashed, 5) << "the files outside the damaged chunks are read";
    EXPECT_EQ(caseScalar(caseDir, "SELECT count(*) FROM evidence WHERE verification='unreadable'"), 1);
}

// Ingest never writes to evidence: every segment is byte-identical afterwards.
TEST(Soundness, EvidenceIsByteIdenticalAfterIngest)
{
    REQUIRE_TOOLS();
    TempDir tmp;
    const auto raw = makeExt4(tmp);
    const auto e01 = makeE01(tmp, raw, "1MiB");
    std::vector<fs::path> files{raw};
    for (const auto &entry : fs::directory_iterator(e01.parent_path()))
        files.push_back(entry.path());
    std::map<fs::path, std::pair<std::string, fs::file_time_type>> before;
    for (const auto &f : files)
        before[f] = {sha256File(f), fs::last_write_time(f)};
    auto r = ingest({raw, e01}, tmp.path() / "case");
    ASSERT_EQ(r.exitCode, 0) << r.out;
    for (const auto &f : files) {
        EXPECT_EQ(sha256File(f), before[f].first) << f;
        EXPECT_EQ(fs::last_write_time(f), before[f].second) << f;
    }
    EXPECT_EQ(std::distance(fs::directory_iterator(e01.parent_path()), fs::directory_iterator()),
              static_cast<long>(files.size() - 1))
        << "nothing may be created next to the evidence";
}
