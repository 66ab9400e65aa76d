// SPDX-License-Identifier: GPL-3.0-or-later
// Plain MD5/SHA-1 lists and CSV files with a category column; format detection.
#include "plugins/media/hashsets/hashset.h"

#include <gtest/gtest.h>

#include "tests/plugins/media/hashsets/testutil.h"

namespace vigil::media {
namespace {

using test::md5Hex;
using test::ScratchDir;
using test::sha1Hex;
using test::upper;
using test::writeFile;

bool contains(const std::string &text, const std::string &part)
{
    return text.find(part) != std::string::npos;
}

TEST(PlainList, CommentsCrlfAndBadLines)
{
    ScratchDir dir;
    const std::string list = "# known-bad list, exported 2024\r\n"
                             "\r\n"
                             + md5Hex("a") + "\r\n"
                             + "  " + upper(md5Hex("b")) + "\t\r\n"
                             + sha1Hex("c") + "  # trailing comment\r\n"
                             + md5Hex("d") + "  some/file name.jpg\n"   // md5sum output
                             + "abc123\n"                                // line 7: too short
                             + test::sha256Hex("e") + "\n"               // line 8: SHA-256
                             + "this is not a hash\n"                    // line 9
                             + md5Hex("a") + "\n"                        // duplicate
                             + std::string(5000, 'f') + "\n"             // line 11: too long
                             + sha1Hex("g");                             // no final newline
    writeFile(dir / "list.txt", list);
    ASSERT_EQ(detectHashSetFormat(dir / "list.txt"), HashSetFormat::PlainList);
    auto s = importHashSet(dir / "list.txt", dir / "list.vhs");
    ASSERT_TRUE(s) << s.error().toString();
    EXPECT_EQ(s->format, HashSetFormat::PlainList);
    EXPECT_EQ(s->role, HashSetRole::KnownBad);
    EXPECT_EQ(s->formatVersion, "");
    EXPECT_EQ(s->entriesRead, 10u);
    EXPECT_EQ(s->md5Count, 3u);
    EXPECT_EQ(s->sha1Count, 2u);
    EXPECT_EQ(s->duplicates, 1u);
    EXPECT_EQ(s->conflicts, 0u);
    EXPECT_EQ(s->rejected, 4u);
    ASSERT_EQ(s->rejectReasons.size(), 4u);
    EXPECT_TRUE(contains(s->rejectReasons[0], "line 7: \"abc123\" has 6 hex digits")) << s->rejectReasons[0];
    EXPECT_TRUE(contains(s->rejectReasons[1], "line 8:")) << s->rejectReasons[1];
    EXPECT_TRUE(contains(s->rejectReasons[1], "SHA-256")) << s->rejectReasons[1];
    EXPECT_TRUE(contains(s->rejectReasons[2], "line 9: \"this\" is not a hex MD5 or SHA-1")) << s->rejectReasons[2];
    EXPECT_TRUE(contains(s->rejectReasons[3], "line 11: longer than")) << s->rejectReasons[3];

    auto store = HashSetFile::open(dir / "list.vhs");
    ASSERT_TRUE(store) << store.error().toString();
    for (const auto *t : {"a", "b", "d"}) {
        auto hit = store->findMd5Hex(md5Hex(t));
        ASSERT_TRUE(hit) << t;
        EXPECT_FALSE(hit->category);
    }
    EXPECT_TRUE(store->findSha1Hex(upper(sha1Hex("c"))));
    EXPECT_TRUE(store->findSha1Hex(sha1Hex("g")));
    EXPECT_FALSE(store->findMd5Hex(md5Hex("c")));
    EXPECT_FALSE(store->findSha1Hex(sha1Hex("a")));
}

TEST(PlainList, RoleCanBeOverriddenAndAHeaderWordIsSkipped)
{
    ScratchDir dir;
    writeFile(dir / "good.txt", "MD5\n" + md5Hex("x") + "\n");
    auto s = importHashSet(dir / "good.txt", dir / "good.vhs", test::options(HashSetRole::KnownGood, "Ignorable"));
    ASSERT_TRUE(s) << s.error().toString();
    EXPECT_EQ(s->role, HashSetRole::KnownGood);
    EXPECT_EQ(s->rejected, 0u);
    EXPECT_EQ(s->md5Count, 1u);
    auto store = HashSetFile::open(dir / "good.vhs");
    ASSERT_TRUE(store);
    EXPECT_EQ(store->role(), HashSetRole::KnownGood);
    EXPECT_EQ(store->name(), "Ignorable");
}

TEST(PlainList, OnlyCommentsGivesAnEmptySet)
{
    ScratchDir dir;
    writeFile(dir / "empty.txt", "# nothing here yet\n\n");
    auto s = importHashSet(dir / "empty.txt", dir / "empty.vhs");
    ASSERT_TRUE(s) << s.error().toString();
    EXPECT_EQ(s->entriesRead, 0u);
    auto store = HashSetFile::open(dir / "empty.vhs");
    ASSERT_TRUE(store) << store.error().toString();
    EXPECT_EQ(store->md5Count(), 0u);
    EXPECT_EQ(store->sha1Count(), 0u);
    EXPECT_FALSE(store->findMd5Hex(md5Hex("x")));
    EXPECT_FALSE(store->findSha1Hex(sha1Hex("x")));
}

TEST(CsvList, QuotedFieldsAnyColumnOrderUkAndNumericCategories)
{
    ScratchDir dir;
    const std::string csv = "\"Vic Category\",Notes,SHA-1,\"MD5\"\r\n"
                            "1,\"plain\"," + sha1Hex("1") + "," + md5Hex("1") + "\r\n"
                            "A,\"with, a comma\",," + upper(md5Hex("2")) + "\r\n"
                            "\"Cat B\",\"two\nlines\",," + md5Hex("3") + "\r\n"
                            "Category C,\"a \"\"quoted\"\" word\",," + md5Hex("4") + "\r\n"
                            "not indecent,,," + md5Hex("5") + "\r\n"
                            "N,,\"" + sha1Hex("6") + "\",\r\n"
                            "4,,," + md5Hex("7") + "\r\n"
                            ",,," + md5Hex("8") + "\r\n"                    // no category
                            "Z,,," + md5Hex("9") + "\r\n"                   // row 10: unknown category
                            "2,,,xyz\r\n"                                   // row 11: bad md5
                            "2,,,\r\n"                                      // row 12: no hash
                            "\r\n"
                            "0,,," + md5Hex("1") + "\r\n";                  // duplicate, other category
    writeFile(dir / "graded.csv", csv);
    ASSERT_EQ(detectHashSetFormat(dir / "graded.csv"), HashSetFormat::Csv);
    auto s = importHashSet(dir / "graded.csv", dir / "graded.vhs");
    ASSERT_TRUE(s) << s.error().toString();
    EXPECT_EQ(s->format, HashSetFormat::Csv);
    EXPECT_EQ(s->role, HashSetRole::Categorised);
    EXPECT_EQ(s->entriesRead, 12u);
    EXPECT_EQ(s->rejected, 3u);
    EXPECT_EQ(s->duplicates, 1u);
    EXPECT_EQ(s->conflicts, 1u);
    ASSERT_EQ(s->rejectReasons.size(), 3u);
    EXPECT_TRUE(contains(s->rejectReasons[0], "row 10 (line 11): unknown category \"Z\"")) << s->rejectReasons[0];
    EXPECT_TRUE(contains(s->rejectReasons[1], "row 11 (line 12): md5 \"xyz\"")) << s->rejectReasons[1];
    EXPECT_TRUE(contains(s->rejectReasons[2], "no md5 or sha1")) << s->rejectReasons[2];

    auto store = HashSetFile::open(dir / "graded.vhs");
    ASSERT_TRUE(store) << store.error().toString();
    const auto cat = [&](const std::string &text) {
        auto hit = store->findMd5Hex(md5Hex(text));
        EXPECT_TRUE(hit) << text;
        return hit ? hit->category : std::optional<std::string>("MISSING");
    };
    EXPECT_EQ(cat("1"), "vic:1") << "the first category of a duplicate is kept";
    EXPECT_EQ(cat("2"), "uk:A");
    EXPECT_EQ(cat("3"), "uk:B");
    EXPECT_EQ(cat("4"), "uk:C");
    EXPECT_EQ(cat("5"), "uk:NI");
    EXPECT_EQ(cat("7"), "vic:4");
    EXPECT_EQ(cat("8"), std::nullopt);
    EXPECT_FALSE(store->findMd5Hex(md5Hex("9")));
    ASSERT_TRUE(store->findSha1Hex(sha1Hex("6")));
    EXPECT_EQ(store->findSha1Hex(sha1Hex("6"))->category, "uk:NI");
    EXPECT_EQ(store->findSha1Hex(sha1Hex("1"))->category, "vic:1");
    std::vector<std::string> cats = store->categories();
    std::sort(cats.begin(), cats.end());
    EXPECT_EQ(cats, (std::vector<std::string>{"uk:A", "uk:B", "uk:C", "uk:NI", "vic:0", "vic:1", "vic:4"}));
}

TEST(CsvList, WithoutCategoryColumnIsKnownBadAndWithoutHashColumnUnsupported)
{
    ScratchDir dir;
    writeFile(dir / "plain.csv", "name,md5\nx.jpg," + md5Hex("x") + "\n");
    auto s = importHashSet(dir / "plain.csv", dir / "plain.vhs");
    ASSERT_TRUE(s) << s.error().toString();
    EXPECT_EQ(s->format, HashSetFormat::Csv);
    EXPECT_EQ(s->role, HashSetRole::KnownBad);
    EXPECT_EQ(s->md5Count, 1u);

    writeFile(dir / "nohash.csv", "name,size\nx.jpg,12\n");
    auto bad = importHashSet(dir / "nohash.csv", dir / "nohash.vhs");
    ASSERT_FALSE(bad);
    EXPECT_EQ(bad.error().code, ErrorCode::Unsupported);
    EXPECT_FALSE(std::filesystem::exists(dir / "nohash.vhs"));
}

TEST(CsvList, UnterminatedQuoteAndGarbageDoNotCrash)
{
    ScratchDir dir;
    writeFile(dir / "open.csv", "md5,category\n\"" + md5Hex("x") + ",A\n" + md5Hex("y") + ",B\n");
    auto s = importHashSet(dir / "open.csv", dir / "open.vhs");
    ASSERT_TRUE(s) << s.error().toString();
    EXPECT_EQ(s->entriesRead, 1u);   // the open quote swallows the rest of the file into one field
    EXPECT_EQ(s->rejected, 1u);

    std::string garbage = "md5,sha1\n";
    test::SplitMix rng{7};
    for (int i = 0; i < 200'000; ++i)
        garbage.push_back(static_cast<char>(rng.next()));
    writeFile(dir / "garbage.csv", garbage);
    auto g = importHashSet(dir / "garbage.csv", dir / "garbage.vhs");
    ASSERT_TRUE(g) << g.error().toString();
    EXPECT_EQ(g->md5Count + g->sha1Count, 0u);
}

TEST(Detection, EachFormatByContent)
{
    ScratchDir dir;
    writeFile(dir / "a.bin", std::string("SQLite format 3\0", 16) + std::string(100, '\0'));
    writeFile(dir / "b.txt", "  \n\t{\"value\":[]}");
    writeFile(dir / "c.txt", "MD5,Category\n" + md5Hex("x") + ",1\n");
    writeFile(dir / "d.csv", "a,b\n" + md5Hex("x") + ",1\n");   // comma but no md5/sha1 header
    writeFile(dir / "e.txt", md5Hex("x") + "\n" + sha1Hex("y") + "\n");
    std::string junk;
    test::SplitMix rng{3};
    for (int i = 0; i < 4096; ++i)
        junk.push_back(static_cast<char>(rng.next()));
    writeFile(dir / "f.bin", junk);
    EXPECT_EQ(detectHashSetFormat(dir / "a.bin"), HashSetFormat::NsrlRds);
    EXPECT_EQ(detectHashSetFormat(dir / "b.txt"), HashSetFormat::VicsJson);
    EXPECT_EQ(detectHashSetFormat(dir / "c.txt"), HashSetFormat::Csv);
    EXPECT_FALSE(detectHashSetFormat(dir / "d.csv"));
    EXPECT_EQ(detectHashSetFormat(dir / "e.txt"), HashSetFormat::PlainList);
    auto f = detectHashSetFormat(dir / "f.bin");
    ASSERT_FALSE(f);
    EXPECT_EQ(f.error().code, ErrorCode::Unsupported);
    auto missing = detectHashSetFormat(dir / "missing.txt");
    ASSERT_FALSE(missing);
    EXPECT_EQ(missing.error().code, ErrorCode::NotFound);
    EXPECT_STREQ(formatName(HashSetFormat::NsrlRds), "NSRL RDSv3");
    EXPECT_STREQ(roleName(HashSetRole::Categorised), "categorised");
}

TEST(Categories, TextAndCodes)
{
    EXPECT_EQ(categoryCodeFromText(" 3 "), "vic:3");
    EXPECT_EQ(categoryCodeFromText("0"), "vic:0");
    EXPECT_EQ(categoryCodeFromText("5"), std::nullopt);
    EXPECT_EQ(categoryCodeFromText("a"), "uk:A");
    EXPECT_EQ(categoryCodeFromText("CAT B"), "uk:B");
    EXPECT_EQ(categoryCodeFromText("Category C"), "uk:C");
    EXPECT_EQ(categoryCodeFromText("Not Indecent"), "uk:NI");
    EXPECT_EQ(categoryCodeFromText("n"), "uk:NI");
    EXPECT_EQ(categoryCodeFromText(""), "");
    EXPECT_EQ(categoryCodeFromText("Category D"), std::nullopt);
    EXPECT_EQ(categoryCodeFromText("AB"), std::nullopt);
    EXPECT_EQ(vicCategoryCode(4), "vic:4");
    EXPECT_EQ(vicCategoryCode(-1), std::nullopt);
    EXPECT_EQ(vicCategoryNumber("vic:2"), 2);
    EXPECT_EQ(vicCategoryNumber("uk:A"), std::nullopt);
    EXPECT_EQ(categoryScheme("uk:NI"), GradingScheme::Uk);
    EXPECT_EQ(categoryScheme("vic:0"), GradingScheme::ProjectVic);
    EXPECT_EQ(categoryScheme("vic:9"), std::nullopt);
}

} // namespace
} // namespace vigil::media
