// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/evidence/ewfsource.h"

#include <algorithm>

#include <gtest/gtest.h>

#include "core/evidence/verify.h"
#include "evidencetestutil.h"

namespace vigil::evidence {
namespace {

namespace fs = std::filesystem;
using test::TempDir;

constexpr std::size_t kRawSize = 3u << 20;   // 3 MiB: four 1 MiB segments after compression

// One multi-segment E01 set made with ewfacquire, shared by the tests of this suite.
class EwfFixture : public ::testing::Test {
protected:
    static void SetUpTestSuite()
    {
        if (!test::onPath("ewfacquire"))
            return;
        s_dir = std::make_unique<TempDir>();
        s_raw = test::deterministicBytes(kRawSize, 42);
        test::writeFile(*s_dir / "source.raw", s_raw);
        const std::string cmd = "ewfacquire -u -q -t '" + (*s_dir / "case").string() +
                                "' -f encase6 -c deflate:fast -S 1MiB -d sha1 -C CASE-42 -e 'Ada Examiner' "
                                "-D 'test media' '" + (*s_dir / "source.raw").string() + "'";
        s_made = test::run(cmd) == 0 && fs::exists(*s_dir / "case.E02");
    }
    static void TearDownTestSuite() { s_dir.reset(); }

    void SetUp() override
    {
        if (!test::onPath("ewfacquire"))
            GTEST_SKIP() << "ewfacquire (ewf-tools) is not on PATH; install ewf-tools to run the EWF tests";
        ASSERT_TRUE(s_made) << "ewfacquire did not produce a multi-segment E01 set";
    }

    // Copies the named segments into a new folder and returns it.
    static fs::path copySegments(const TempDir &into, const std::vector<std::string> &names)
    {
        for (const auto &name : names)
            fs::copy_file(*s_dir / name, into / name);
        return into / names.front();
    }
    static std::vector<std::string> segmentNames()
    {
        std::vector<std::string> names;
        for (const auto &entry : fs::directory_iterator(s_dir->path()))
            if (entry.path().filename().string().starts_with("case.E"))
                names.push_back(entry.path().filename().string());
        std::ranges::sort(names);
        return names;
    }
    // An incomplete set must be refused when it is opened, with a message that says why.
    static void expectOpenFails(const fs::path &first)
    {
        auto source = openImage(first);
        ASSERT_FALSE(source) << "an incomplete EWF set opened";
        EXPECT_EQ(source.error().code, ErrorCode::Corrupt);
        EXPECT_NE(source.error().message.find("missing or truncated"), std::string::npos)
            << source.error().message;
    }

    static inline std::unique_ptr<TempDir> s_dir;
    static inline std::vector<unsigned char> s_raw;
    static inline bool s_made = false;
};

TEST_F(EwfFixture, MultiSegmentSetOpensFromTheFirstSegment)
{
    auto source = openImage(*s_dir / "case.E01");
    ASSERT_TRUE(source) << source.error().toString();
    EXPECT_EQ((*source)->kind(), model::EvidenceKind::Ewf);
    EXPECT_EQ((*source)->segments().size(), segmentNames().size());
    EXPECT_GE((*source)->segments().size(), 3u);
    EXPECT_EQ((*source)->size(), kRawSize);
    EXPECT_EQ((*source)->sectorSize(), 512u);
    auto all = test::readAll(**source);
    ASSERT_TRUE(all) << all.error().toString();
    EXPECT_TRUE(*all == s_raw);
}

TEST_F(EwfFixture, StoredHashesAndHeaderValues)
{
    auto source = openImage(*s_dir / "case.E01");
    ASSERT_TRUE(source) << source.error().toString();
    const auto expected = test::hashBytes(s_raw);
    EXPECT_EQ((*source)->storedHashes().md5, expected.md5);
    EXPECT_EQ((*source)->storedHashes().sha1, expected.sha1);
    const auto meta = (*source)->metadata();
    auto value = [&](const std::string &key) {
        auto it = std::ranges::find(meta, key, &std::pair<std::string, std::string>::first);
        return it == meta.end() ? std::string() : it->second;
    };
    EXPECT_EQ(value("case_number"), "CASE-42");
    EXPECT_EQ(value("examiner_name"), "Ada Examiner");
    EXPECT_EQ(value("description"), "test media");
    EXPECT_FALSE(value("acquiry_date").empty());
}

TEST_F(EwfFixture, ReadsAcrossChunkAndSegmentBoundaries)
{
    auto source = openImage(*s_dir / "case.E01");
    ASSERT_TRUE(source);
    for (std::uint64_t offset : {0ull, 32767ull, 32768ull, 1000000ull, 1048575ull, 2097000ull, kRawSize - 10ull}) {
        std::vector<unsigned char> piece(100000);
        auto got = (*source)->readAt(offset, piece.data(), piece.size());
        ASSERT_TRUE(got) << got.error().toString();
        const auto expected = std::min<std::uint64_t>(piece.size(), kRawSize - offset);
        ASSERT_EQ(*got, expected);
        EXPECT_TRUE(std::equal(piece.begin(), piece.begin() + static_cast<long>(*got),
                               s_raw.begin() + static_cast<long>(offset)));
    }
    unsigned char byte = 0;
    auto past = (*source)->readAt(kRawSize, &byte, 1);
    ASSERT_TRUE(past);
    EXPECT_EQ(*past, 0u);
}

TEST_F(EwfFixture, OpensFromALaterSegment)
{
    auto source = openImage(*s_dir / "case.E02");
    ASSERT_TRUE(source) << source.error().toString();
    EXPECT_EQ((*source)->size(), kRawSize);
    EXPECT_EQ((*source)->segments().front().filename(), "case.E01");
}

TEST_F(EwfFixture, VerifyMatchesTheStoredHashes)
{
    auto source = openImage(*s_dir / "case.E01");
    ASSERT_TRUE(source);
    std::vector<VerifyProgress> reports;
    auto result = verifyMedia(**source, [&](const VerifyProgress &p) { reports.push_back(p); });
    ASSERT_TRUE(result) << result.error().toString();
    EXPECT_TRUE(result->hasStored());
    EXPECT_TRUE(result->md5Matches);
    EXPECT_TRUE(result->sha1Matches);
    EXPECT_TRUE(result->matches());
    ASSERT_FALSE(reports.empty());
    EXPECT_EQ(reports.back().bytesDone, kRawSize);
    EXPECT_EQ(reports.back().bytesTotal, kRawSize);
}

TEST_F(EwfFixture, MissingSecondSegmentIsAnError)
{
    TempDir dir;
    auto names = segmentNames();
    names.erase(names.begin() + 1);
    expectOpenFails(copySegments(dir, names));
}

TEST_F(EwfFixture, MissingLastSegmentIsAnError)
{
    TempDir dir;
    auto names = segmentNames();
    names.pop_back();
    expectOpenFails(copySegments(dir, names));
}

TEST_F(EwfFixture, TruncatedSegmentIsAnError)
{
    TempDir dir;
    const auto first = copySegments(dir, segmentNames());
    const fs::path last = dir / segmentNames().back();
    fs::resize_file(last, fs::file_size(last) / 2);
    expectOpenFails(first);
}

TEST_F(EwfFixture, TruncatedSingleSegmentImageIsAnError)
{
    TempDir dir;
    const auto raw = test::deterministicBytes(512 * 1024, 7);
    test::writeFile(dir / "small.raw", raw);
    ASSERT_EQ(test::run("ewfacquire -u -q -t '" + (dir / "small").string() + "' -f encase6 -c deflate:fast '" +
                        (dir / "small.raw").string() + "'"), 0);
    const auto full = fs::file_size(dir / "small.E01");
    for (std::uintmax_t keep : {std::uintmax_t{13}, std::uintmax_t{4096}, full / 2, full - 100}) {
        SCOPED_TRACE(keep);
        TempDir cut;
        fs::copy_file(dir / "small.E01", cut / "small.E01");
        fs::resize_file(cut / "small.E01", keep);
        auto source = openImage(cut / "small.E01");
        ASSERT_FALSE(source) << "a truncated E01 opened";
        EXPECT_EQ(source.error().code, ErrorCode::Corrupt);
        EXPECT_NE(source.error().message.find("truncated"), std::string::npos) << source.error().message;
    }
}

// A chunk whose stored bytes were changed after acquisition (a bad sector on the drive holding
// the image): reading it is an error that names where, every other chunk reads as acquired, and a
// read of the same chunk fails again (not only the first time).
TEST_F(EwfFixture, DamagedChunkIsAnErrorAtItsOffsetAndTheRestReads)
{
    TempDir dir;
    const auto raw = test::deterministicBytes(1024 * 1024, 9);
    test::writeFile(dir / "small.raw", raw);
    ASSERT_EQ(test::run("ewfacquire -u -q -t '" + (dir / "small").string() + "' -f encase6 -c none '" +
                        (dir / "small.raw").string() + "'"), 0);
    // Uncompressed chunks hold the media bytes as they are: find those at 600,000 and change them.
    auto e01 = test::readFile(dir / "small.E01");
    const auto at = std::search(e01.begin(), e01.end(), raw.begin() + 600000, raw.begin() + 600064);
    ASSERT_NE(at, e01.end());
    for (auto it = at; it != at + 16; ++it)
        *it = static_cast<unsigned char>(~*it);
    test::writeFile(dir / "small.E01", e01);

    auto source = openImage(dir / "small.E01");
    ASSERT_TRUE(source) << source.error().toString();
    std::vector<unsigned char> buffer(4096);
    const std::uint64_t damaged = 600000 / 32768 * 32768;   // the 32 KiB chunk holding byte 600,000
    for (int attempt = 0; attempt < 2; ++attempt) {
        auto bad = (*source)->readAt(damaged + 4096, buffer.data(), buffer.size());
        ASSERT_FALSE(bad) << "attempt " << attempt << ": the damaged chunk read without an error";
        EXPECT_EQ(bad.error().code, ErrorCode::Corrupt);
        EXPECT_NE(bad.error().message.find("media bytes " + std::to_string(damaged) + " to " +
                                           std::to_string(damaged + 32767)),
                  std::string::npos)
            << bad.error().message;
    }
    for (std::uint64_t offset : {std::uint64_t{0}, damaged - 4096, damaged + 32768, std::uint64_t{1024 * 1024 - 4096}}) {
        SCOPED_TRACE(offset);
        auto good = (*source)->readAt(offset, buffer.data(), buffer.size());
        ASSERT_TRUE(good) << good.error().toString();
        EXPECT_TRUE(std::equal(buffer.begin(), buffer.end(), raw.begin() + static_cast<std::ptrdiff_t>(offset)));
    }
}

// ---- external data -------------------------------------------------------------------

class ExternalEwf : public ::testing::Test {
protected:
    void SetUp() override
    {
        if (!fs::exists(test::externalImages() / "data_imageformat_mmls_1.E01"))
            GTEST_SKIP() << "external test data not found at " << test::externalImages()
                         << " (set VIGIL_EXTERNAL_DATA to ../shared/testdata/external)";
    }
};

TEST_F(ExternalEwf, FtkImagerImageVerifies)
{
    auto source = openImage(test::externalImages() / "data_imageformat_mmls_1.E01");
    ASSERT_TRUE(source) << source.error().toString();
    EXPECT_EQ((*source)->size(), 62915072u);
    EXPECT_EQ((*source)->storedHashes().md5, "8ec671e301095c258224aad701740503");
    EXPECT_EQ((*source)->storedHashes().sha1, "067bc6ab29685ee19b0cf82c9d15ac510d1e7d95");
    auto result = verifyMedia(**source);
    ASSERT_TRUE(result) << result.error().toString();
    EXPECT_TRUE(result->matches());
    EXPECT_EQ(result->computed.md5, "8ec671e301095c258224aad701740503");
}

TEST_F(ExternalEwf, DfvfsExt2ImageVerifies)
{
    auto source = openImage(test::externalImages() / "ext2.E01");
    ASSERT_TRUE(source) << source.error().toString();
    auto result = verifyMedia(**source);
    ASSERT_TRUE(result) << result.error().toString();
    EXPECT_TRUE(result->matches());
    EXPECT_TRUE(result->md5Matches);
    EXPECT_EQ(result->stored.md5, "196066add11fb71c4c49cf1bb50d6d24");   // md5 of gunzip(ext2.raw.gz)
}

} // namespace
} // namespace vigil::evidence
