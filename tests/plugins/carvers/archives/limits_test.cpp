// SPDX-License-Identifier: GPL-3.0-or-later
// Decompression bombs and the other limits: a limit is a LimitExceeded error, it is hit while
// streaming (within one read of the limit, nothing buffered), and members before it were
// handed over. Cancelling stops the walk.
#include <archive.h>
#include <archive_entry.h>
#include <gtest/gtest.h>

#include <fstream>
#include <memory>

#include "archivetest.h"
#include "plugins/api/memoryreader.h"

using namespace vigil::archives;
using namespace vigil::archives::test;
using vigil::ErrorCode;

namespace {

constexpr std::uint64_t kMiB = 1ull << 20;
constexpr std::uint64_t kGiB = 1ull << 30;

la_ssize_t appendTo(struct archive *, void *client, const void *buffer, std::size_t length)
{
    auto *out = static_cast<Bytes *>(client);
    out->insert(out->end(), static_cast<const unsigned char *>(buffer), static_cast<const unsigned char *>(buffer) + length);
    return static_cast<la_ssize_t>(length);
}

// `size` zero bytes as one member, written in 1 MiB steps (never all in memory).
Bytes zerosArchive(int format, int filter, std::uint64_t size, const char *name)
{
    Bytes out;
    std::unique_ptr<struct archive, decltype(&archive_write_free)> a(archive_write_new(), archive_write_free);
    archive_write_set_format(a.get(), format);
    if (filter)
        archive_write_add_filter(a.get(), filter);
    archive_write_set_bytes_in_last_block(a.get(), 1);
    archive_write_open(a.get(), &out, nullptr, appendTo, nullptr);
    std::unique_ptr<struct archive_entry, decltype(&archive_entry_free)> e(archive_entry_new(), archive_entry_free);
    archive_entry_set_pathname(e.get(), name);
    archive_entry_set_filetype(e.get(), AE_IFREG);
    archive_entry_set_perm(e.get(), 0644);
    archive_entry_set_size(e.get(), static_cast<la_int64_t>(size));
    archive_write_header(a.get(), e.get());
    const Bytes zeros(kMiB, 0);
    for (std::uint64_t done = 0; done < size; done += kMiB)
        archive_write_data(a.get(), zeros.data(), zeros.size());
    archive_write_close(a.get());
    return out;
}

// Peak resident memory of this process so far (VmHWM), in bytes.
std::uint64_t peakRss()
{
    std::ifstream status("/proc/self/status");
    std::string key;
    while (status >> key) {
        if (key == "VmHWM:") {
            std::uint64_t kib = 0;
            status >> kib;
            return kib * 1024;
        }
        status.ignore(1 << 16, '\n');
    }
    return 0;
}

// Reads members and throws the bytes away, counting them: what a caller hashing them does.
struct Counting {
    std::uint64_t bytes = 0;
    std::uint64_t members = 0;
    std::optional<vigil::Error> lastReadError;
    vigil::Result<ExpandStats> run(const Bytes &archive, const std::string &name, const Limits &limits)
    {
        vigil::plugins::MemoryReader reader(archive);
        return expandArchive(reader, name, limits, [this](const Member &, MemberData &data) -> vigil::Result<void> {
            ++members;
            std::vector<unsigned char> buffer(1 << 20);
            for (;;) {
                auto n = data.read(buffer.data(), buffer.size());
                if (!n) {
                    lastReadError = n.error();
                    return std::unexpected(n.error());
                }
                if (*n == 0)
                    return {};
                bytes += *n;
            }
        });
    }
};

class ZipBomb : public testing::Test {
protected:
    static void SetUpTestSuite()
    {
        s_zip = std::make_unique<Bytes>(zerosArchive(ARCHIVE_FORMAT_ZIP, 0, kGiB, "zeros.bin"));
        s_gzip = std::make_unique<Bytes>(zerosArchive(ARCHIVE_FORMAT_RAW, ARCHIVE_FILTER_GZIP, 256 * kMiB, "data"));
    }
    static void TearDownTestSuite()
    {
        s_zip.reset();
        s_gzip.reset();
    }
    inline static std::unique_ptr<Bytes> s_zip, s_gzip;
};

// 1 GiB of zeros deflates to about 1 MiB (1:1028). With the default limits the ratio limit
// (1000) stops it before the end; memory stays flat throughout.
TEST_F(ZipBomb, OneGibibyteOfZerosIsADecompressionBombUnderDefaultLimits)
{
    ASSERT_LT(s_zip->size(), 2 * kMiB);
    const auto before = peakRss();
    Counting reader;
    auto r = reader.run(*s_zip, "bomb.zip", Limits{});
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, ErrorCode::LimitExceeded);
    EXPECT_NE(r.error().message.find("decompression bomb"), std::string::npos) << r.error().message;
    EXPECT_NE(r.error().message.find("1000 times"), std::string::npos) << r.error().message;
    EXPECT_EQ(reader.members, 1u);
    EXPECT_LT(reader.bytes, kGiB);
    EXPECT_LE(reader.bytes, static_cast<std::uint64_t>(1000.0 * static_cast<double>(s_zip->size())));
    ASSERT_TRUE(reader.lastReadError);
    EXPECT_EQ(reader.lastReadError->code, ErrorCode::LimitExceeded);
    EXPECT_LT(peakRss() - before, 64 * kMiB);
}

// The ZIP declares the member's size: over the member limit, nothing is expanded at all.
TEST_F(ZipBomb, DeclaredSizeOverTheMemberLimitStopsBeforeExpanding)
{
    Counting reader;
    Limits limits;
    limits.maxMemberSize = 64 * kMiB;
    auto r = reader.run(*s_zip, "bomb.zip", limits);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, ErrorCode::LimitExceeded);
    EXPECT_NE(r.error().message.find("declares member 'zeros.bin' of 1 GiB"), std::string::npos) << r.error().message;
    EXPECT_EQ(reader.members, 0u);
    EXPECT_EQ(reader.bytes, 0u);
}

// gzip declares nothing: the member limit is enforced while streaming, within one read.
TEST_F(ZipBomb, GzipMemberLimitIsEnforcedWhileStreaming)
{
    Counting reader;
    Limits limits;
    limits.maxMemberSize = 16 * kMiB;
    auto r = reader.run(*s_gzip, "zeros.gz", limits);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, ErrorCode::LimitExceeded);
    EXPECT_NE(r.error().message.find("16 MiB per member"), std::string::npos) << r.error().message;
    EXPECT_LE(reader.bytes, 16 * kMiB);
    EXPECT_GE(reader.bytes, 15 * kMiB);
    // The same stream within generous limits expands completely.
    Counting whole;
    limits.maxMemberSize = kGiB;
    limits.maxRatio = 1e6;
    auto ok = whole.run(*s_gzip, "zeros.gz", limits);
    ASSERT_TRUE(ok) << ok.error().toString();
    EXPECT_EQ(whole.bytes, 256 * kMiB);
    EXPECT_EQ(ok->bytes, 256 * kMiB);
}

TEST(ArchiveLimits, RatioLimit)
{
    const Bytes zip = zerosArchive(ARCHIVE_FORMAT_ZIP, 0, 8 * kMiB, "zeros.bin");
    ASSERT_LT(zip.size(), 64u * 1024);
    Limits limits;
    limits.maxRatio = 100;
    Counting reader;
    auto r = reader.run(zip, "z.zip", limits);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, ErrorCode::LimitExceeded);
    EXPECT_NE(r.error().message.find("more than 100 times its own size"), std::string::npos) << r.error().message;
    // The ratio applies beyond 1 MiB only, and stops within one read of the limit.
    EXPECT_LE(reader.bytes, std::max<std::uint64_t>(kMiB, 100 * zip.size()) + kMiB);
    limits.maxRatio = 1e6;
    Counting whole;
    ASSERT_TRUE(whole.run(zip, "z.zip", limits));
    EXPECT_EQ(whole.bytes, 8 * kMiB);
}

TEST(ArchiveLimits, SmallArchivesAreNeverRatioBombs)
{
    // 1 MiB of zeros in ~1 KiB: a ratio of 1000+, but below the 1 MiB floor.
    const Bytes gz = zerosArchive(ARCHIVE_FORMAT_RAW, ARCHIVE_FILTER_GZIP, kMiB, "data");
    Limits limits;
    limits.maxRatio = 2;
    Counting reader;
    auto r = reader.run(gz, "z.gz", limits);
    ASSERT_TRUE(r) << r.error().toString();
    EXPECT_EQ(reader.bytes, kMiB);
}

TEST(ArchiveLimits, MemberCountLimit)
{
    std::vector<Entry> entries;
    for (int i = 0; i < 20; ++i)
        entries.push_back(Entry{"f" + std::to_string(i) + ".txt", textBytes("file " + std::to_string(i))});
    for (const int format : {ARCHIVE_FORMAT_ZIP, ARCHIVE_FORMAT_TAR_USTAR, ARCHIVE_FORMAT_7ZIP}) {
        SCOPED_TRACE(format);
        const Bytes bytes = writeArchive({format, {}, {}, {}}, entries);
        Limits limits;
        limits.maxMembers = 5;
        const auto x = expand(bytes, "many", limits);
        ASSERT_FALSE(x.result);
        EXPECT_EQ(x.result.error().code, ErrorCode::LimitExceeded);
        EXPECT_NE(x.result.error().message.find("more than 5 members"), std::string::npos);
        ASSERT_EQ(x.members.size(), 5u);
        for (std::size_t i = 0; i < 5; ++i)
            EXPECT_EQ(x.members[i].data, entries[i].data);
        limits.maxMembers = 20;
        const auto all = expand(bytes, "many", limits);
        ASSERT_TRUE(all.result);
        EXPECT_EQ(all.members.size(), 20u);
    }
}

TEST(ArchiveLimits, TotalSizeLimitKeepsTheMembersBefore)
{
    const std::vector<Entry> entries = {Entry{"a", randomBytes(256 * 1024, 1)}, Entry{"b", randomBytes(256 * 1024, 2)},
                                        Entry{"c", randomBytes(256 * 1024, 3)}, Entry{"d", randomBytes(256 * 1024, 4)}};
    for (const int format : {ARCHIVE_FORMAT_ZIP, ARCHIVE_FORMAT_TAR_USTAR, ARCHIVE_FORMAT_7ZIP}) {
        SCOPED_TRACE(format);
        Limits limits;
        limits.maxTotalSize = 600 * 1024;
        const auto x = expand(writeArchive({format, {}, {}, {}}, entries), "t", limits);
        ASSERT_FALSE(x.result);
        EXPECT_EQ(x.result.error().code, ErrorCode::LimitExceeded);
        EXPECT_NE(x.result.error().message.find("600 KiB per archive"), std::string::npos) << x.result.error().message;
        ASSERT_EQ(x.members.size(), 3u);
        EXPECT_EQ(x.members[0].data, entries[0].data);
        EXPECT_EQ(x.members[1].data, entries[1].data);
        EXPECT_FALSE(x.members[1].readError);
        ASSERT_TRUE(x.members[2].readError);
        EXPECT_EQ(x.members[2].readError->code, ErrorCode::LimitExceeded);
        EXPECT_LE(x.members[2].data.size(), 600u * 1024 - 512 * 1024);
    }
}

TEST(ArchiveLimits, MemberSizeLimitWhileStreamingAndDeclared)
{
    const Bytes big = randomBytes(2 * kMiB, 5);
    Limits limits;
    limits.maxMemberSize = kMiB;
    // gzip: no declared size, stopped while streaming.
    const auto gz = expand(compressRaw(ARCHIVE_FILTER_GZIP, big), "big.gz", limits);
    ASSERT_FALSE(gz.result);
    EXPECT_EQ(gz.result.error().code, ErrorCode::LimitExceeded);
    ASSERT_EQ(gz.members.size(), 1u);
    EXPECT_LE(gz.members[0].data.size(), kMiB);
    EXPECT_EQ(gz.members[0].data, Bytes(big.begin(), big.begin() + static_cast<std::ptrdiff_t>(gz.members[0].data.size())));
    // tar declares it: stopped before the callback.
    const auto tar = expand(writeArchive({ARCHIVE_FORMAT_TAR_USTAR, {}, {}, {}},
                                         {Entry{"small", textBytes("s")}, Entry{"big", big}}), "t.tar", limits);
    ASSERT_FALSE(tar.result);
    EXPECT_EQ(tar.result.error().code, ErrorCode::LimitExceeded);
    ASSERT_EQ(tar.members.size(), 1u);
    EXPECT_EQ(tar.members[0].member.name, "small");
}

// A caller that reads nothing of a member in a solid 7z still pays for its expansion (the
// skip decompresses), so the limits hold for it as well.
TEST(ArchiveLimits, UnreadMembersStillCountAgainstTheLimits)
{
    const Bytes sevenZip = zerosArchive(ARCHIVE_FORMAT_7ZIP, 0, 32 * kMiB, "zeros.bin");
    Limits limits;
    limits.maxRatio = 100;
    vigil::plugins::MemoryReader reader(sevenZip);
    std::size_t calls = 0;
    auto r = expandArchive(reader, "z.7z", limits, [&](const Member &, MemberData &) -> vigil::Result<void> {
        ++calls;
        return {};
    });
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, ErrorCode::LimitExceeded);
    EXPECT_EQ(calls, 1u);
}

TEST(ArchiveLimits, CancelStopsTheWalk)
{
    std::vector<Entry> entries;
    for (int i = 0; i < 10; ++i)
        entries.push_back(Entry{"f" + std::to_string(i), randomBytes(1000, static_cast<std::uint64_t>(i))});
    const Bytes zip = writeArchive({ARCHIVE_FORMAT_ZIP, {}, {}, {}}, entries);
    std::atomic<bool> cancel{false};
    const auto x = expand(zip, "c.zip", {}, &cancel, [&](const Member &m) {
        if (m.index == 2)
            cancel = true;
    });
    ASSERT_FALSE(x.result);
    EXPECT_EQ(x.result.error().code, ErrorCode::Cancelled);
    EXPECT_EQ(x.members.size(), 3u);
    // Cancelled before the start: nothing is handed over.
    const auto none = expand(zip, "c.zip", {}, &cancel);
    ASSERT_FALSE(none.result);
    EXPECT_EQ(none.result.error().code, ErrorCode::Cancelled);
    EXPECT_TRUE(none.members.empty());
}

TEST(ArchiveLimits, CancelDuringAMemberEndsItsReads)
{
    const Bytes gz = compressRaw(ARCHIVE_FILTER_GZIP, randomBytes(4 * kMiB, 6));
    vigil::plugins::MemoryReader reader(gz);
    std::atomic<bool> cancel{false};
    std::optional<vigil::Error> readError;
    auto r = expandArchive(reader, "c.gz", {}, [&](const Member &, MemberData &data) -> vigil::Result<void> {
        std::vector<unsigned char> buffer(64 * 1024);
        for (int i = 0; i < 1000; ++i) {
            if (i == 3)
                cancel = true;
            auto n = data.read(buffer.data(), buffer.size());
            if (!n) {
                readError = n.error();
                return std::unexpected(n.error());
            }
        }
        return {};
    }, &cancel);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, ErrorCode::Cancelled);
    ASSERT_TRUE(readError);
    EXPECT_EQ(readError->code, ErrorCode::Cancelled);
}

} // namespace
