// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/evidence/verify.h"

#include <gtest/gtest.h>

#include "evidencetestutil.h"

namespace vigil::evidence {
namespace {

namespace fs = std::filesystem;
using test::TempDir;

VerifyResult resultWith(const std::string &storedMd5, const std::string &storedSha1, bool md5Ok, bool sha1Ok)
{
    VerifyResult r;
    r.stored = {storedMd5, storedSha1};
    r.md5Matches = md5Ok;
    r.sha1Matches = sha1Ok;
    return r;
}

TEST(VerifyResult, MatchesNeedsAStoredHashAndEveryStoredHashToMatch)
{
    EXPECT_FALSE(resultWith("", "", false, false).matches());
    EXPECT_TRUE(resultWith("aa", "", true, false).matches());
    EXPECT_FALSE(resultWith("aa", "", false, false).matches());
    EXPECT_TRUE(resultWith("aa", "bb", true, true).matches());
    EXPECT_FALSE(resultWith("aa", "bb", true, false).matches());
    EXPECT_FALSE(resultWith("aa", "bb", false, true).matches());
    EXPECT_TRUE(resultWith("", "bb", false, true).matches());
}

// Larger than the ring (4 x 4 MiB) and not a multiple of the chunk, to wrap the ring.
TEST(VerifyMedia, HashesEveryByteOfARawSourceWithoutStoredHashes)
{
    TempDir dir;
    const auto bytes = test::deterministicBytes((21u << 20) + 123, 21);
    test::writeFile(dir / "disk.dd", bytes);
    auto source = openImage(dir / "disk.dd");
    ASSERT_TRUE(source);
    std::uint64_t last = 0;
    auto result = verifyMedia(**source, [&](const VerifyProgress &p) {
        EXPECT_GE(p.bytesDone, last);
        last = p.bytesDone;
    });
    ASSERT_TRUE(result) << result.error().toString();
    const auto expected = test::hashBytes(bytes);
    EXPECT_EQ(result->computed.md5, expected.md5);
    EXPECT_EQ(result->computed.sha1, expected.sha1);
    EXPECT_FALSE(result->hasStored());
    EXPECT_FALSE(result->md5Matches);
    EXPECT_FALSE(result->matches());
    EXPECT_EQ(last, bytes.size());
}

TEST(VerifyMedia, EmptyDigestsOfKnownInput)
{
    TempDir dir;
    test::writeFile(dir / "abc.dd", std::string("abc"));
    auto source = openImage(dir / "abc.dd");
    ASSERT_TRUE(source);
    auto result = verifyMedia(**source);
    ASSERT_TRUE(result);
    EXPECT_EQ(result->computed.md5, "900150983cd24fb0d6963f7d28e17f72");
    EXPECT_EQ(result->computed.sha1, "a9993e364706816aba3e25717850c26c9cd0d89d");
}

TEST(VerifyMedia, CancelStopsWithCancelled)
{
    TempDir dir;
    test::writeFile(dir / "disk.dd", test::deterministicBytes(9u << 20, 22));
    auto source = openImage(dir / "disk.dd");
    ASSERT_TRUE(source);
    std::atomic<bool> cancel{true};
    auto result = verifyMedia(**source, {}, &cancel);
    ASSERT_FALSE(result);
    EXPECT_EQ(result.error().code, ErrorCode::Cancelled);
}

TEST(VerifyMedia, ReadErrorIsReturnedAndThreadsStop)
{
    TempDir dir;
    test::writeFile(dir / "disk.dd", test::deterministicBytes(20u << 20, 23));
    auto source = openImage(dir / "disk.dd");
    ASSERT_TRUE(source);
    fs::resize_file(dir / "disk.dd", 10u << 20);   // the media shrinks under us
    auto result = verifyMedia(**source);
    ASSERT_FALSE(result);
    EXPECT_EQ(result.error().code, ErrorCode::Corrupt);
}

} // namespace
} // namespace vigil::evidence
