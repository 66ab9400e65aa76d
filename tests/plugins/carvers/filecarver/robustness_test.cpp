// SPDX-License-Identifier: GPL-3.0-or-later
// Garbage in, nothing bad out: random data, forged headers, pathological repetition, read
// errors, cancellation and concurrent calls.
#include "carvetestutil.h"

#include <atomic>
#include <random>
#include <thread>

using namespace carvetest;

namespace {

Bytes fromString(const std::string &s) { return Bytes(s.begin(), s.end()); }

// The first bytes of every format, as a forger (or chance) would leave them.
std::vector<Bytes> forgedHeaders()
{
    using namespace std::string_literals;
    return {
        fromString("\xFF\xD8\xFF\xE0\x00\x10JFIF\x00"s),
        fromString("\x89PNG\r\n\x1A\n\x00\x00\x00\x0DIHDR"s),
        fromString("GIF89a"s),
        fromString("BM\x36\x10\x0E\x00\x00\x00\x00\x00\x36\x00\x00\x00\x28\x00\x00\x00"s),
        fromString("RIFF\x40\x10\x00\x00WEBPVP8 "s),
        fromString("RIFF\x40\x10\x00\x00" "AVI LIST"s),
        fromString("\x00\x00\x00\x20" "ftypisom"s),
        fromString("\x00\x00\x10\x00moov\x00\x00\x00\x6Cmvhd"s),
        fromString("\x00\x00\x10\x00mdat"s),
        fromString("%PDF-1.4"s),
        fromString("PK\x03\x04\x14\x00\x00\x00\x08\x00"s),
        fromString("SQLite format 3\x00\x10\x00\x01\x01\x00\x40\x20\x20"s),
        fromString("\x37\x7F\x06\x82\x00\x2D\xE2\x18\x00\x00\x10\x00"s),
    };
}

TEST(FileCarverRobustness, RandomDataGivesNoFalseFiles)
{
    for (std::uint32_t seed : {101u, 202u, 303u}) {
        const Bytes region = noise(8u << 20, seed);
        const CarveOutput out = carveBytes(region);
        EXPECT_LE(out.items.size(), 1u) << "seed " << seed << "\n" << describe(out.items);
        for (const auto &item : out.items)
            EXPECT_EQ(item.status, CarveStatus::Partial) << describe(item);
        EXPECT_EQ(out.stats.bytesScanned, region.size());
    }
}

TEST(FileCarverRobustness, ForgedHeadersInNoiseAreRejected)
{
    const auto headers = forgedHeaders();
    for (std::uint32_t seed : {11u, 12u}) {
        Bytes region = noise(6u << 20, seed);
        std::mt19937 rng(seed);
        const int sprays = 3000;
        for (int i = 0; i < sprays; ++i) {
            const Bytes &h = headers[rng() % headers.size()];
            const std::size_t at = rng() % (region.size() - h.size());
            std::copy(h.begin(), h.end(), region.begin() + long(at));
        }
        const CarveOutput out = carveBytes(region);
        std::size_t complete = 0;
        for (const auto &item : out.items) {
            complete += item.status == CarveStatus::Complete;
            EXPECT_LE(item.offset + item.length, region.size());
        }
        EXPECT_EQ(complete, 0u) << describe(out.items);
        EXPECT_LE(out.items.size(), std::size_t(sprays / 100)) << describe(out.items);
        EXPECT_GE(out.stats.hits, std::size_t(sprays / 2));
        EXPECT_GE(out.stats.hits, out.stats.carved + out.stats.rejected);
    }
}

TEST(FileCarverRobustness, PathologicalRepetitionFinishes)
{
    using namespace std::string_literals;
    for (const std::string &unit : {"\xFF\xD8"s, "ftyp"s, "PK\x03\x04"s, "%PDF-1.4"s, "SQLite format 3\x00"s,
                                    "RIFF\x04\x00\x00\x00"s, "GIF89a\x01\x00\x01\x00\x00\x00\x00\x2C"s, std::string(1, '\0')}) {
        Bytes region;
        region.reserve(4u << 20);
        while (region.size() < (4u << 20))
            region.insert(region.end(), unit.begin(), unit.end());
        const CarveOutput out = carveBytes(region);
        for (const auto &item : out.items)
            EXPECT_LE(item.offset + item.length, region.size());
        EXPECT_EQ(out.stats.bytesScanned, region.size());
    }
}

TEST(FileCarverRobustness, TwoThreadsCarvingAtOnceAgree)
{
    Bytes region = noise(5000, 41);
    for (int round = 0; round < 3; ++round)
        for (const Sample &s : samples()) {
            region.insert(region.end(), s.bytes.begin(), s.bytes.end());
            const Bytes gap = noise(1234 + std::size_t(round), 42 + std::uint32_t(round));
            region.insert(region.end(), gap.begin(), gap.end());
        }
    CarveOptions options;
    options.pageSize = 64 * 1024;
    auto carver = FileCarver::create(options);
    ASSERT_TRUE(carver.has_value());
    vigil::plugins::MemoryReader reader(region);
    auto run = [&](std::vector<CarvedItem> &items) {
        auto stats = (*carver)->carve(reader, [&](const CarvedItem &item) { items.push_back(item); });
        EXPECT_TRUE(stats.has_value());
    };
    std::vector<CarvedItem> single, a, b;
    run(single);
    std::thread t1([&] { run(a); });
    std::thread t2([&] { run(b); });
    t1.join();
    t2.join();
    ASSERT_EQ(single.size(), 3 * samples().size());
    ASSERT_EQ(a.size(), single.size());
    ASSERT_EQ(b.size(), single.size());
    for (std::size_t i = 0; i < single.size(); ++i) {
        EXPECT_EQ(a[i].offset, single[i].offset);
        EXPECT_EQ(b[i].offset, single[i].offset);
        EXPECT_EQ(a[i].length, single[i].length);
        EXPECT_EQ(b[i].length, single[i].length);
        EXPECT_EQ(a[i].note, b[i].note);
    }
}

TEST(FileCarverRobustness, CancelStopsEarlyWithoutAnError)
{
    const Bytes &png = sampleOf("png")->bytes;
    Bytes region;
    for (int i = 0; i < 20; ++i)
        region.insert(region.end(), png.begin(), png.end());
    CarveOptions options;
    options.pageSize = 4096;
    auto carver = FileCarver::create(options);
    ASSERT_TRUE(carver.has_value());
    vigil::plugins::MemoryReader reader(region);
    std::atomic<bool> cancel{false};
    int emitted = 0;
    auto stats = (*carver)->carve(
        reader,
        [&](const CarvedItem &) {
            ++emitted;
            cancel = true;
        },
        &cancel);
    ASSERT_TRUE(stats.has_value());
    EXPECT_EQ(emitted, 1);
    EXPECT_LT(stats->bytesScanned, region.size());
}

// Fails every read that reaches `failAt`.
class FailingReader final : public vigil::plugins::ContentReader
{
public:
    FailingReader(Bytes bytes, std::uint64_t failAt) : m_inner(std::move(bytes)), m_failAt(failAt) {}
    vigil::Result<std::size_t> read(std::uint64_t offset, void *buffer, std::size_t length) override
    {
        if (offset + length > m_failAt)
            return vigil::fail(vigil::ErrorCode::Io, "bad sector", "offset " + std::to_string(offset));
        return m_inner.read(offset, buffer, length);
    }
    std::uint64_t size() const override { return m_inner.size(); }

private:
    vigil::plugins::MemoryReader m_inner;
    std::uint64_t m_failAt;
};

TEST(FileCarverRobustness, ReadErrorEndsTheScanAfterWhatWasFound)
{
    const Bytes &png = sampleOf("png")->bytes;
    const Bytes &jpeg = sampleOf("jpeg")->bytes;
    const Bytes region = concat({noise(1000, 43), png, noise(2u << 20, 44), jpeg, noise(1000, 45)});
    CarveOptions options;
    options.pageSize = 64 * 1024;
    auto carver = FileCarver::create(options);
    ASSERT_TRUE(carver.has_value());
    FailingReader reader(region, 1u << 20);
    std::vector<CarvedItem> items;
    auto stats = (*carver)->carve(reader, [&](const CarvedItem &item) { items.push_back(item); });
    ASSERT_FALSE(stats.has_value());
    EXPECT_EQ(stats.error().code, vigil::ErrorCode::Io);
    ASSERT_EQ(items.size(), 1u);
    EXPECT_EQ(items[0].type, "png");
    EXPECT_EQ(items[0].length, png.size());
}

TEST(FileCarverRobustness, EmptyAndTinyRegions)
{
    for (std::size_t n : {0u, 1u, 2u, 3u, 15u}) {
        const CarveOutput out = carveBytes(Bytes(n, 0xFF));
        EXPECT_TRUE(out.items.empty());
        EXPECT_EQ(out.stats.bytesScanned, n);
    }
}

} // namespace
