// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/evidence/rawsource.h"

#include <gtest/gtest.h>

#include "evidencetestutil.h"

namespace vigil::evidence {
namespace {

namespace fs = std::filesystem;
using test::TempDir;
using model::EvidenceKind;

// Splits bytes into files named base + extension, with the given segment sizes.
void splitInto(const std::vector<unsigned char> &bytes, const fs::path &base,
               const std::vector<std::string> &extensions, const std::vector<std::size_t> &sizes)
{
    std::size_t offset = 0;
    for (std::size_t i = 0; i < extensions.size(); ++i) {
        const std::size_t n = i + 1 == extensions.size() ? bytes.size() - offset : sizes[i];
        test::writeFile(base.string() + extensions[i],
                        std::vector<unsigned char>(bytes.begin() + offset, bytes.begin() + offset + n));
        offset += n;
    }
}

// Reads pieces that straddle every segment boundary and compares them with the source bytes.
void expectSameBytes(ByteSource &source, const std::vector<unsigned char> &bytes)
{
    ASSERT_EQ(source.size(), bytes.size());
    auto all = test::readAll(source);
    ASSERT_TRUE(all) << all.error().toString();
    EXPECT_TRUE(*all == bytes);
    for (std::uint64_t offset : {0ull, 1ull, 4095ull, 100000ull, 299999ull, 300000ull, 512000ull}) {
        std::vector<unsigned char> piece(70000);
        auto got = source.readAt(offset, piece.data(), piece.size());
        ASSERT_TRUE(got) << got.error().toString();
        const std::size_t expected = std::min<std::size_t>(piece.size(), bytes.size() - offset);
        ASSERT_EQ(*got, expected) << "offset " << offset;
        EXPECT_TRUE(std::equal(piece.begin(), piece.begin() + static_cast<long>(*got), bytes.begin() + static_cast<long>(offset)));
    }
}

TEST(RawSource, SingleFileReadsEveryByteAndStopsAtTheEnd)
{
    TempDir dir;
    const auto bytes = test::deterministicBytes(600000, 1);
    test::writeFile(dir / "disk.dd", bytes);
    auto source = openImage(dir / "disk.dd");
    ASSERT_TRUE(source) << source.error().toString();
    EXPECT_EQ((*source)->kind(), EvidenceKind::Raw);
    EXPECT_EQ((*source)->segments().size(), 1u);
    expectSameBytes(**source, bytes);
    unsigned char byte = 0;
    auto past = (*source)->readAt(bytes.size(), &byte, 1);
    ASSERT_TRUE(past);
    EXPECT_EQ(*past, 0u);
}

TEST(RawSource, SplitNumberedSetOpensFromAnySegment)
{
    TempDir dir;
    const auto bytes = test::deterministicBytes(600000, 2);
    splitInto(bytes, dir / "disk", {".001", ".002", ".003"}, {300000, 212000});
    for (const char *start : {"disk.001", "disk.002", "disk.003"}) {
        SCOPED_TRACE(start);
        auto kind = detectImageKind(dir / start);
        ASSERT_TRUE(kind);
        EXPECT_EQ(*kind, EvidenceKind::SplitRaw);
        auto source = openImage(dir / start);
        ASSERT_TRUE(source) << source.error().toString();
        EXPECT_EQ((*source)->kind(), EvidenceKind::SplitRaw);
        ASSERT_EQ((*source)->segments().size(), 3u);
        EXPECT_EQ((*source)->segments().front(), dir / "disk.001");
        expectSameBytes(**source, bytes);
    }
}

TEST(RawSource, SplitLetterAndZeroBasedSets)
{
    TempDir dir;
    const auto bytes = test::deterministicBytes(600000, 3);
    splitInto(bytes, dir / "phone.", {"aa", "ab", "ac"}, {300000, 250000});
    splitInto(bytes, dir / "usb.raw", {".000", ".001", ".002"}, {100000, 300000});
    for (const char *start : {"phone.aa", "phone.ac", "usb.raw.000", "usb.raw.001"}) {
        SCOPED_TRACE(start);
        auto source = openImage(dir / start);
        ASSERT_TRUE(source) << source.error().toString();
        EXPECT_EQ((*source)->kind(), EvidenceKind::SplitRaw);
        EXPECT_EQ((*source)->segments().size(), 3u);
        expectSameBytes(**source, bytes);
    }
}

TEST(RawSource, LoneNumberedFileIsPlainRaw)
{
    TempDir dir;
    test::writeFile(dir / "only.001", test::deterministicBytes(4096, 4));
    test::writeFile(dir / "image.dd", test::deterministicBytes(4096, 5));
    test::writeFile(dir / "image.de", test::deterministicBytes(4096, 6));   // not a split set: no .aa
    for (const char *name : {"only.001", "image.dd"}) {
        auto source = openImage(dir / name);
        ASSERT_TRUE(source) << source.error().toString();
        EXPECT_EQ((*source)->kind(), EvidenceKind::Raw) << name;
        EXPECT_EQ((*source)->segments().size(), 1u) << name;
    }
}

TEST(RawSource, SplitSegmentsListsTheWholeSet)
{
    TempDir dir;
    splitInto(test::deterministicBytes(3000, 7), dir / "x", {".001", ".002", ".003"}, {1000, 1000});
    const auto set = splitRawSegments(dir / "x.002");
    ASSERT_EQ(set.size(), 3u);
    EXPECT_EQ(set[2], dir / "x.003");
    EXPECT_EQ(splitRawSegments(dir / "missing.001").size(), 1u);
}

TEST(RawSource, FileShrunkAfterOpeningGivesAnErrorNotGarbage)
{
    TempDir dir;
    test::writeFile(dir / "disk.dd", test::deterministicBytes(100000, 8));
    auto source = openImage(dir / "disk.dd");
    ASSERT_TRUE(source);
    fs::resize_file(dir / "disk.dd", 50000);
    std::vector<unsigned char> buffer(100000);
    auto got = (*source)->readAt(0, buffer.data(), buffer.size());
    ASSERT_FALSE(got);
    EXPECT_EQ(got.error().code, ErrorCode::Corrupt);
}

TEST(RawSource, UniqueFdClosesAndMoves)
{
    TempDir dir;
    test::writeFile(dir / "f", std::string("abc"));
    auto fd = openReadOnly(dir / "f");
    ASSERT_TRUE(fd);
    const int raw = fd->get();
    UniqueFd moved = std::move(*fd);
    EXPECT_FALSE(fd->valid());
    EXPECT_EQ(moved.get(), raw);
    auto size = fdSize(moved.get(), dir / "f");
    ASSERT_TRUE(size);
    EXPECT_EQ(*size, 3u);
    auto missing = openReadOnly(dir / "nope");
    ASSERT_FALSE(missing);
    EXPECT_EQ(missing.error().code, ErrorCode::NotFound);
}

} // namespace
} // namespace vigil::evidence
