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

fs::path makeE01(const TempDir &tmp, const fs::path &raw, const std::string &segmentSize = "")
{
    const auto target = tmp.path() / "ewf" / "image";
    fs::create_directories(target.parent_path());
    auto r = run("ewfacquire -u -q -t " + quote(target.string()) + " -f encase6 -c deflate:fast " +
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
