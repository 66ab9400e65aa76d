// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/evidence/bytesource.h"

#include <gtest/gtest.h>

#include "evidencetestutil.h"

namespace vigil::evidence {
namespace {

namespace fs = std::filesystem;
using test::TempDir;
using model::EvidenceKind;

std::vector<unsigned char> withHeader(const std::string &magic, std::size_t size, std::uint32_t seed)
{
    auto bytes = test::deterministicBytes(size, seed);
    std::copy(magic.begin(), magic.end(), bytes.begin());
    return bytes;
}

TEST(OpenImage, FolderIsRefusedWithAHint)
{
    TempDir dir;
    auto source = openImage(dir.path());
    ASSERT_FALSE(source);
    EXPECT_EQ(source.error().code, ErrorCode::InvalidArgument);
    EXPECT_NE(source.error().message.find("logical evidence"), std::string::npos);
}

TEST(OpenImage, EmptyFileIsCorrupt)
{
    TempDir dir;
    test::writeFile(dir / "empty.E01", std::string());
    auto source = openImage(dir / "empty.E01");
    ASSERT_FALSE(source);
    EXPECT_EQ(source.error().code, ErrorCode::Corrupt);
    EXPECT_NE(source.error().message.find("empty"), std::string::npos);
}

TEST(OpenImage, MissingFileIsNotFound)
{
    TempDir dir;
    auto source = openImage(dir / "nothing.dd");
    ASSERT_FALSE(source);
    EXPECT_EQ(source.error().code, ErrorCode::NotFound);
}

TEST(OpenImage, RandomBytesOpenAsRaw)
{
    TempDir dir;
    test::writeFile(dir / "noise.bin", test::deterministicBytes(12345, 11));
    auto source = openImage(dir / "noise.bin");
    ASSERT_TRUE(source) << source.error().toString();
    EXPECT_EQ((*source)->kind(), EvidenceKind::Raw);
    EXPECT_EQ((*source)->size(), 12345u);
    EXPECT_TRUE((*source)->storedHashes().empty());
}

TEST(OpenImage, LogicalAndEwf2ContainersAreUnsupported)
{
    TempDir dir;
    test::writeFile(dir / "items.L01", withHeader(std::string("LVF\x09\x0d\x0a\xff\x00", 8), 4096, 12));
    test::writeFile(dir / "disk.Ex01", withHeader(std::string("EVF2\x0d\x0a\x81\x00", 8), 4096, 13));
    for (const char *name : {"items.L01", "disk.Ex01"}) {
        auto source = openImage(dir / name);
        ASSERT_FALSE(source) << name;
        EXPECT_EQ(source.error().code, ErrorCode::Unsupported) << name;
    }
}

// Right signature, garbage after it: every container reader must fail cleanly.
TEST(OpenImage, DamagedContainersFailCleanly)
{
    TempDir dir;
    test::writeFile(dir / "bad.E01", withHeader(std::string("EVF\x09\x0d\x0a\xff\x00", 8), 8192, 14));
    test::writeFile(dir / "bad.qcow2", withHeader("QFI\xfb", 8192, 15));
    test::writeFile(dir / "bad.vmdk", withHeader("KDMV", 8192, 16));
    test::writeFile(dir / "bad-descriptor.vmdk", std::string("# Disk DescriptorFile\nversion=1\n"));
    auto vhd = test::deterministicBytes(8192, 17);
    std::copy_n("conectix", 8, vhd.end() - 512);
    test::writeFile(dir / "bad.vhd", vhd);
    const std::vector<std::pair<std::string, EvidenceKind>> cases = {
        {"bad.E01", EvidenceKind::Ewf}, {"bad.qcow2", EvidenceKind::Qcow}, {"bad.vmdk", EvidenceKind::Vmdk},
        {"bad-descriptor.vmdk", EvidenceKind::Vmdk}, {"bad.vhd", EvidenceKind::Vhd}};
    for (const auto &[name, kind] : cases) {
        SCOPED_TRACE(name);
        auto detected = detectImageKind(dir / name);
        ASSERT_TRUE(detected);
        EXPECT_EQ(*detected, kind);
        auto source = openImage(dir / name);
        if (source) {   // a lenient reader may open it; the bytes must then fail or be readable
            std::vector<unsigned char> buffer(4096);
            (void)(*source)->readAt(0, buffer.data(), buffer.size());
        } else {
            EXPECT_FALSE(source.error().message.empty());
        }
    }
}

// ---- external data: The Sleuth Kit's data_image in six containers ---------------------

constexpr const char *kDataImageMd5 = "3ebb0b7dcd6b5fcd59a0020625d70994";

class ExternalImages : public ::testing::Test {
protected:
    void SetUp() override
    {
        if (!fs::exists(test::externalImages() / "data_image.dd"))
            GTEST_SKIP() << "external test data not found at " << test::externalImages()
                         << " (set VIGIL_EXTERNAL_DATA to ../shared/testdata/external)";
    }
    static std::vector<unsigned char> mediaOf(const std::string &name, EvidenceKind expectedKind)
    {
        auto source = openImage(test::externalImages() / name);
        EXPECT_TRUE(source) << name << ": " << (source ? "" : source.error().toString());
        if (!source)
            return {};
        EXPECT_EQ((*source)->kind(), expectedKind) << name;
        auto bytes = test::readAll(**source);
        EXPECT_TRUE(bytes) << name;
        return bytes ? *bytes : std::vector<unsigned char>{};
    }
};

TEST_F(ExternalImages, RawAndEwfHoldTheSameMedia)
{
    const auto raw = mediaOf("data_image.dd", EvidenceKind::Raw);
    const auto ewf = mediaOf("data_image.E01", EvidenceKind::Ewf);
    EXPECT_EQ(test::hashBytes(raw).md5, kDataImageMd5);
    EXPECT_TRUE(ewf == raw);
    auto source = openImage(test::externalImages() / "data_image.E01");
    ASSERT_TRUE(source);
    EXPECT_EQ((*source)->storedHashes().md5, kDataImageMd5);
}

// The VHD, VMDK and QCOW copies hold the same ext2 file system, but not byte-identical
// media (mount times in the superblock differ and the VHD is rounded up to its geometry).
TEST_F(ExternalImages, VirtualDisksOpenAndHoldTheExt2FileSystem)
{
    const auto raw = mediaOf("data_image.dd", EvidenceKind::Raw);
    for (const auto &[name, kind] : {std::pair{"data_image.vhd", EvidenceKind::Vhd},
                                     std::pair{"data_image.vmdk", EvidenceKind::Vmdk},
                                     std::pair{"data_image.qcow", EvidenceKind::Qcow}}) {
        SCOPED_TRACE(name);
        const auto media = mediaOf(name, kind);
        ASSERT_GE(media.size(), raw.size());
        EXPECT_EQ(media[1080], 0x53);   // ext2 superblock magic 0xEF53, little endian
        EXPECT_EQ(media[1081], 0xef);
        EXPECT_TRUE(std::equal(raw.begin(), raw.begin() + 1024, media.begin()));   // boot block
    }
}

TEST_F(ExternalImages, IsoOpensAsRawMedia)
{
    const auto media = mediaOf("data_image.iso", EvidenceKind::Raw);
    ASSERT_GT(media.size(), 32774u);
    EXPECT_EQ(std::string(media.begin() + 32769, media.begin() + 32774), "CD001");
}

} // namespace
} // namespace vigil::evidence
