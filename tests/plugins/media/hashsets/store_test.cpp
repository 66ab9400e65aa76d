// SPDX-License-Identifier: GPL-3.0-or-later
// The binary store: damaged files are refused on open, lookups on a million entries, atomic
// replacement.
#include "plugins/media/hashsets/hashset.h"

#include <gtest/gtest.h>

#include <chrono>
#include <cstring>

#include "tests/plugins/media/hashsets/testutil.h"

namespace vigil::media {
namespace {

using test::md5Hex;
using test::readFile;
using test::ScratchDir;
using test::sha1Hex;
using test::writeFile;

// A small categorised store: 40 MD5s and 10 SHA-1s.
std::string makeStore(const ScratchDir &dir)
{
    std::string csv = "md5,sha1,category\n";
    for (int i = 0; i < 40; ++i)
        csv += md5Hex(std::to_string(i)) + "," + (i < 10 ? sha1Hex(std::to_string(i)) : "") + "," + std::to_string(i % 5) + "\n";
    writeFile(dir / "src.csv", csv);
    auto s = importHashSet(dir / "src.csv", dir / "store.vhs");
    EXPECT_TRUE(s) << s.error().toString();
    return readFile(dir / "store.vhs");
}

void expectCorrupt(const ScratchDir &dir, const std::string &bytes, const std::string &what)
{
    writeFile(dir / "bad.vhs", bytes);
    auto f = HashSetFile::open(dir / "bad.vhs");
    ASSERT_FALSE(f) << what;
    EXPECT_EQ(f.error().code, ErrorCode::Corrupt) << what << ": " << f.error().toString();
}

TEST(HashSetStore, TruncatedGarbageAndWrongMagicAreCorrupt)
{
    ScratchDir dir;
    const std::string good = makeStore(dir);
    ASSERT_TRUE(HashSetFile::open(dir / "store.vhs"));
    expectCorrupt(dir, "", "empty file");
    expectCorrupt(dir, good.substr(0, 60), "cut inside the header");
    expectCorrupt(dir, good.substr(0, good.size() / 2), "cut in half");
    expectCorrupt(dir, good.substr(0, good.size() - 1), "last byte missing");
    expectCorrupt(dir, good + "x", "a byte appended");
    std::string wrongMagic = good;
    wrongMagic[7] = '2';
    expectCorrupt(dir, wrongMagic, "wrong magic");
    std::string garbage;
    test::SplitMix rng{5};
    for (std::size_t i = 0; i < good.size(); ++i)
        garbage.push_back(static_cast<char>(rng.next()));
    expectCorrupt(dir, garbage, "random bytes");
    expectCorrupt(dir, "VIGILHS1" + garbage.substr(8), "magic then random bytes");
    std::string badBuckets = good;
    std::memset(badBuckets.data() + 200, 0xff, 16);   // inside the MD5 bucket table
    expectCorrupt(dir, badBuckets, "bucket table");

    std::string newer = good;
    newer[8] = 2;
    writeFile(dir / "newer.vhs", newer);
    auto n = HashSetFile::open(dir / "newer.vhs");
    ASSERT_FALSE(n);
    EXPECT_EQ(n.error().code, ErrorCode::Unsupported);

    auto missing = HashSetFile::open(dir / "missing.vhs");
    ASSERT_FALSE(missing);
    EXPECT_EQ(missing.error().code, ErrorCode::NotFound);
}

// Every single-byte change in the header and string table either is refused or leaves a
// store whose lookups stay in bounds (run under ASan to see the difference).
TEST(HashSetStore, EveryHeaderByteFlipIsSafe)
{
    ScratchDir dir;
    const std::string good = makeStore(dir);
    for (std::size_t i = 0; i < 256 && i < good.size(); ++i) {
        std::string bad = good;
        bad[i] = static_cast<char>(bad[i] ^ 0x5a);
        writeFile(dir / "flip.vhs", bad);
        auto f = HashSetFile::open(dir / "flip.vhs");
        if (!f)
            continue;
        for (int k = 0; k < 40; ++k) {
            (void)f->findMd5Hex(md5Hex(std::to_string(k)));
            (void)f->findSha1Hex(sha1Hex(std::to_string(k)));
        }
    }
}

TEST(HashSetStore, StoreIsMovableAndReportsItsHeader)
{
    ScratchDir dir;
    makeStore(dir);
    auto opened = HashSetFile::open(dir / "store.vhs");
    ASSERT_TRUE(opened);
    HashSetFile moved = std::move(*opened);
    EXPECT_EQ(moved.md5Count(), 40u);
    EXPECT_EQ(moved.sha1Count(), 10u);
    EXPECT_EQ(moved.name(), "src");
    EXPECT_EQ(moved.sourceFormat(), "CSV");
    EXPECT_EQ(moved.sourceSha256(), test::sha256Hex(readFile(dir / "src.csv")));
    for (int i = 0; i < 40; ++i) {
        auto hit = moved.findMd5Hex(md5Hex(std::to_string(i)));
        ASSERT_TRUE(hit) << i;
        EXPECT_EQ(hit->category, "vic:" + std::to_string(i % 5));
    }
    std::array<std::uint8_t, 16> zero{};
    EXPECT_FALSE(moved.findMd5(zero));
    std::array<std::uint8_t, 20> ones;
    ones.fill(0xff);
    EXPECT_FALSE(moved.findSha1(ones));
}

TEST(HashSetStore, FailedImportKeepsTheExistingStore)
{
    ScratchDir dir;
    makeStore(dir);
    const std::string before = readFile(dir / "store.vhs");
    writeFile(dir / "broken.json", "{\"@odata.context\":\"x\",\"value\":[{\"Media\":[");
    auto s = importHashSet(dir / "broken.json", dir / "store.vhs");
    ASSERT_FALSE(s);
    EXPECT_EQ(readFile(dir / "store.vhs"), before);
    EXPECT_EQ(dir.files(), (std::vector<std::string>{"broken.json", "src.csv", "store.vhs"}));
}

std::string hexOf(const std::uint8_t *d, std::size_t n)
{
    static constexpr char digits[] = "0123456789abcdef";
    std::string s(2 * n, '0');
    for (std::size_t i = 0; i < n; ++i) {
        s[2 * i] = digits[d[i] >> 4];
        s[2 * i + 1] = digits[d[i] & 15];
    }
    return s;
}

TEST(HashSetStore, AMillionMd5sImportedAndEachFound)
{
    ScratchDir dir;
    constexpr int kCount = 1'000'000;
    std::vector<std::array<std::uint8_t, 16>> digests(kCount);
    test::SplitMix rng{42};
    std::string list;
    list.reserve(kCount * 33);
    for (auto &d : digests) {
        const std::uint64_t a = rng.next(), b = rng.next();
        std::memcpy(d.data(), &a, 8);
        std::memcpy(d.data() + 8, &b, 8);
        list += hexOf(d.data(), 16);
        list += '\n';
    }
    writeFile(dir / "million.txt", list);

    const auto t0 = std::chrono::steady_clock::now();
    auto s = importHashSet(dir / "million.txt", dir / "million.vhs");
    const auto t1 = std::chrono::steady_clock::now();
    ASSERT_TRUE(s) << s.error().toString();
    EXPECT_EQ(s->md5Count, static_cast<std::uint64_t>(kCount));
    auto store = HashSetFile::open(dir / "million.vhs");
    ASSERT_TRUE(store) << store.error().toString();
    std::size_t found = 0;
    for (const auto &d : digests)
        found += store->findMd5(d).has_value();
    std::size_t falseHits = 0;
    for (int i = 0; i < 100'000; ++i) {
        std::array<std::uint8_t, 16> miss;
        const std::uint64_t a = rng.next(), b = rng.next();
        std::memcpy(miss.data(), &a, 8);
        std::memcpy(miss.data() + 8, &b, 8);
        falseHits += store->findMd5(miss).has_value();
    }
    const auto t2 = std::chrono::steady_clock::now();
    EXPECT_EQ(found, static_cast<std::size_t>(kCount));
    EXPECT_EQ(falseHits, 0u);
    const auto ms = [](auto d) { return std::chrono::duration_cast<std::chrono::milliseconds>(d).count(); };
    std::cout << "import of 1M MD5s: " << ms(t1 - t0) << " ms; 1.1M lookups: " << ms(t2 - t1) << " ms\n";
}

} // namespace
} // namespace vigil::media
