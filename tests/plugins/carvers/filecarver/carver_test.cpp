// SPDX-License-Identifier: GPL-3.0-or-later
// Every carver on real sample files: exact offset and length in noise, the 65-byte shift,
// page boundaries, truncation.
#include "carvetestutil.h"

#include <algorithm>

using namespace carvetest;

namespace {

const std::vector<std::string> kSampleNames = {
    "jpeg-baseline", "jpeg-progressive", "jpeg-restart", "png", "gif-animated", "bmp",  "webp-lossy",
    "webp-lossless", "pdf",  "pdf-incremental", "zip", "zip-streamed", "sqlite", "sqlite-wal",
    "mp4", "mp4-faststart", "mov", "avi"};

class EveryCarver : public ::testing::TestWithParam<std::string>
{
protected:
    void SetUp() override
    {
        m_sample = sampleNamed(GetParam());
        if (!m_sample)
            GTEST_SKIP() << GetParam() << " needs ffmpeg, which is not installed";
    }
    const Sample &sample() const { return *m_sample; }

    // Formats whose end is marked in the data (not only declared up front): a truncated copy
    // followed by other bytes is still recognised as incomplete.
    bool hasEndMarker() const
    {
        static const std::vector<std::string> marked = {"jpeg", "png", "gif", "pdf", "zip"};
        return std::find(marked.begin(), marked.end(), sample().type) != marked.end();
    }

private:
    const Sample *m_sample = nullptr;
};

TEST_P(EveryCarver, FindsTheFileInNoiseWithExactOffsetAndLength)
{
    const std::size_t offset = 12345;
    const Bytes region = concat({noise(offset, 1), sample().bytes, noise(7777, 2)});
    const CarveOutput out = carveBytes(region);
    ASSERT_EQ(out.items.size(), 1u) << describe(out.items);
    const CarvedItem &item = out.items[0];
    EXPECT_EQ(item.offset, offset);
    EXPECT_EQ(item.length, sample().bytes.size());
    EXPECT_EQ(item.type, sample().type);
    EXPECT_EQ(item.status, CarveStatus::Complete) << item.note;
    EXPECT_FALSE(item.extension.empty());
    EXPECT_EQ(out.stats.carved, 1u);
    EXPECT_EQ(out.stats.partial, 0u);
    EXPECT_EQ(out.stats.bytesScanned, region.size());
}

TEST_P(EveryCarver, ShiftBy65BytesShiftsEveryOffsetBy65)
{
    const Bytes region = concat({noise(3001, 3), sample().bytes, noise(4999, 4), sample().bytes, noise(100, 5)});
    const CarveOutput base = carveBytes(region);
    const CarveOutput shifted = carveBytes(concat({noise(65, 6), region}));
    ASSERT_EQ(base.items.size(), 2u) << describe(base.items);
    ASSERT_EQ(shifted.items.size(), base.items.size()) << describe(shifted.items);
    for (std::size_t i = 0; i < base.items.size(); ++i) {
        EXPECT_EQ(shifted.items[i].offset, base.items[i].offset + 65);
        EXPECT_EQ(shifted.items[i].length, base.items[i].length);
        EXPECT_EQ(shifted.items[i].type, base.items[i].type);
        EXPECT_EQ(shifted.items[i].status, base.items[i].status);
        EXPECT_EQ(shifted.items[i].note, base.items[i].note);
    }
}

TEST_P(EveryCarver, HeaderAcrossAPageBoundaryIsFoundOnce)
{
    for (std::size_t pageSize : {4096u, 1000u}) {
        for (std::size_t before : {1u, 2u, 3u, 4u, 5u, 7u, 8u, 11u, 15u, 16u, 17u}) {
            const std::size_t offset = 3 * pageSize - before;
            const Bytes region = concat({noise(offset, 7), sample().bytes, noise(3000, 8)});
            CarveOptions options;
            options.pageSize = pageSize;
            const CarveOutput out = carveBytes(region, options);
            ASSERT_EQ(out.items.size(), 1u) << "page " << pageSize << ", " << before << " bytes before the boundary\n"
                                            << describe(out.items);
            EXPECT_EQ(out.items[0].offset, offset);
            EXPECT_EQ(out.items[0].length, sample().bytes.size());
            EXPECT_EQ(out.stats.bytesScanned, region.size());
        }
    }
}

TEST_P(EveryCarver, TruncatedAtTheEndOfTheDataIsPartialOrRejected)
{
    const Bytes &full = sample().bytes;
    for (double fraction : {0.02, 0.3, 0.6, 0.95}) {
        const std::size_t cut = std::max<std::size_t>(10, static_cast<std::size_t>(double(full.size()) * fraction));
        const Bytes region = concat({noise(1000, 9), Bytes(full.begin(), full.begin() + long(cut))});
        const CarveOutput out = carveBytes(region);
        for (const CarvedItem &item : out.items) {
            ASSERT_LE(item.offset + item.length, region.size());
            if (item.offset != 1000)
                continue;
            const bool walBoundary = sample().type == "sqlite-wal" && item.length < cut;   // whole frames only
            EXPECT_TRUE(item.status == CarveStatus::Partial || walBoundary)
                << GetParam() << " cut at " << cut << " of " << full.size() << ": " << describe(item);
            EXPECT_LE(item.length, cut);
        }
    }
}

TEST_P(EveryCarver, TruncatedAndFollowedByOtherDataIsPartialOrRejected)
{
    if (!hasEndMarker())
        GTEST_SKIP() << sample().type << " has no end marker: only its declared length says where it ends";
    const Bytes &full = sample().bytes;
    for (double fraction : {0.3, 0.6, 0.9}) {
        const std::size_t cut = static_cast<std::size_t>(double(full.size()) * fraction);
        for (const Bytes &after : {Bytes(65536, 0), noise(65536, 10)}) {
            const Bytes region = concat({noise(1000, 11), Bytes(full.begin(), full.begin() + long(cut)), after});
            const CarveOutput out = carveBytes(region);
            for (const CarvedItem &item : out.items) {
                if (item.offset == 1000) {
                    EXPECT_EQ(item.status, CarveStatus::Partial) << GetParam() << " cut at " << cut << ": " << describe(item);
                }
            }
        }
    }
}

TEST_P(EveryCarver, HeaderOnlyIsRejectedWithoutCrash)
{
    const Bytes &full = sample().bytes;
    for (std::size_t cut : {1u, 4u, 8u, 16u, 20u, 40u}) {
        const Bytes region(full.begin(), full.begin() + long(std::min(cut, full.size())));
        const CarveOutput out = carveBytes(region);
        for (const CarvedItem &item : out.items) {
            EXPECT_LE(item.length, region.size());
            EXPECT_EQ(item.status, CarveStatus::Partial) << describe(item);
        }
    }
}

INSTANTIATE_TEST_SUITE_P(Samples, EveryCarver, ::testing::ValuesIn(kSampleNames),
                         [](const ::testing::TestParamInfo<std::string> &p) {
                             std::string n = p.param;
                             std::replace(n.begin(), n.end(), '-', '_');
                             return n;
                         });

TEST(FileCarver, AllSamplesTogetherInOrderAndShifted)
{
    Bytes region = noise(777, 12);
    std::vector<std::size_t> offsets;
    std::uint32_t seed = 100;
    for (const Sample &s : samples()) {
        offsets.push_back(region.size());
        region.insert(region.end(), s.bytes.begin(), s.bytes.end());
        const Bytes gap = noise(500 + (seed * 7919) % 3000, seed);
        ++seed;
        region.insert(region.end(), gap.begin(), gap.end());
    }
    const CarveOutput out = carveBytes(region);
    ASSERT_EQ(out.items.size(), samples().size()) << describe(out.items);
    for (std::size_t i = 0; i < samples().size(); ++i) {
        EXPECT_EQ(out.items[i].offset, offsets[i]) << samples()[i].name;
        EXPECT_EQ(out.items[i].length, samples()[i].bytes.size()) << samples()[i].name;
        EXPECT_EQ(out.items[i].type, samples()[i].type) << samples()[i].name;
    }
    const CarveOutput shifted = carveBytes(concat({noise(65, 13), region}));
    ASSERT_EQ(shifted.items.size(), out.items.size());
    for (std::size_t i = 0; i < out.items.size(); ++i) {
        EXPECT_EQ(shifted.items[i].offset, out.items[i].offset + 65);
        EXPECT_EQ(shifted.items[i].length, out.items[i].length);
    }
}

TEST(FileCarver, TypesSelectWhichCarversRun)
{
    Bytes region;
    for (const Sample &s : samples())
        region.insert(region.end(), s.bytes.begin(), s.bytes.end());
    CarveOptions options;
    options.types = {"png", "gif"};
    const CarveOutput out = carveBytes(region, options);
    ASSERT_EQ(out.items.size(), 2u) << describe(out.items);
    EXPECT_EQ(out.items[0].type, "png");
    EXPECT_EQ(out.items[1].type, "gif");
}

TEST(FileCarver, UnknownTypeOrPageSizeIsAnError)
{
    CarveOptions options;
    options.types = {"jpeg", "exe"};
    auto carver = FileCarver::create(options);
    ASSERT_FALSE(carver.has_value());
    EXPECT_EQ(carver.error().code, vigil::ErrorCode::InvalidArgument);
    options.types = {};
    options.pageSize = 0;
    EXPECT_FALSE(FileCarver::create(options).has_value());
}

TEST(FileCarver, AllTypesMatchTheCarvers)
{
    const auto &types = FileCarver::allTypes();
    EXPECT_EQ(types.size(), 12u);
    CarveOptions options;
    options.types = types;
    EXPECT_TRUE(FileCarver::create(options).has_value());
    EXPECT_STREQ(FileCarver::id(), "file-carver");
    EXPECT_FALSE(std::string(FileCarver::version()).empty());
}

TEST(FileCarver, MinOffsetSkipsTheFileItself)
{
    const Bytes jpeg = sampleOf("jpeg")->bytes;
    const Bytes png = sampleOf("png")->bytes;
    const Bytes host = concat({jpeg, noise(333, 14), png});   // a PNG appended to a JPEG
    CarveOptions options;
    options.minOffset = 1;
    const CarveOutput out = carveBytes(host, options);
    ASSERT_EQ(out.items.size(), 1u) << describe(out.items);
    EXPECT_EQ(out.items[0].type, "png");
    EXPECT_EQ(out.items[0].offset, jpeg.size() + 333);
    EXPECT_EQ(out.stats.bytesScanned, host.size() - 1);
}

TEST(FileCarver, ThumbnailInsideAJpegIsSkippedUnlessAsked)
{
    const JpegWithThumbnail j = makeJpegWithThumbnail();
    const Bytes region = concat({noise(2000, 15), j.bytes, noise(2000, 16)});
    const CarveOutput skipped = carveBytes(region);
    ASSERT_EQ(skipped.items.size(), 1u) << describe(skipped.items);
    EXPECT_EQ(skipped.items[0].offset, 2000u);
    EXPECT_EQ(skipped.items[0].length, j.bytes.size());
    EXPECT_EQ(skipped.items[0].status, CarveStatus::Complete) << skipped.items[0].note;

    CarveOptions options;
    options.skipInsideCarved = false;
    const CarveOutput nested = carveBytes(region, options);
    ASSERT_EQ(nested.items.size(), 2u) << describe(nested.items);
    EXPECT_EQ(nested.items[1].offset, 2000 + j.thumbnailOffset);
    EXPECT_EQ(nested.items[1].length, j.thumbnailLength);
}

} // namespace
