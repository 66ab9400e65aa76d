// SPDX-License-Identifier: GPL-3.0-or-later
// Bad input is normal: truncated archives keep the members before the damage, garbage is an
// error, damaged bytes never crash or hang, encrypted members are reported, not fatal.
#include <archive.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cstring>
#include <set>

#include "archivetest.h"
#include "plugins/api/memoryreader.h"

using namespace vigil::archives;
using namespace vigil::archives::test;
using vigil::ErrorCode;

namespace {

std::vector<Entry> threeMembers()
{
    return {Entry{"one.bin", randomBytes(40'000, 11)}, Entry{"two.bin", randomBytes(40'000, 12)},
            Entry{"three.bin", randomBytes(40'000, 13)}};
}

struct Format {
    std::string name;
    Bytes bytes;
    bool sequential;   // members before the damage survive a cut
};

std::vector<Format> formats()
{
    const auto e = threeMembers();
    return {
        {"a.zip", writeArchive({ARCHIVE_FORMAT_ZIP, {}, {}, {}}, e), true},
        {"s.zip", writeArchive({ARCHIVE_FORMAT_ZIP, {}, "zip:compression=store", {}}, e), true},
        {"a.tar", writeArchive({ARCHIVE_FORMAT_TAR_USTAR, {}, {}, {}}, e), true},
        {"a.rar", writeRar5Stored(e), true},
        {"a.cab", writeCabStored(e), false},
        {"a.7z", writeArchive({ARCHIVE_FORMAT_7ZIP, {}, {}, {}}, e), false},
        {"a.tar.gz", writeArchive({ARCHIVE_FORMAT_TAR_USTAR, {ARCHIVE_FILTER_GZIP}, {}, {}}, e), false},
        {"a.tar.bz2", writeArchive({ARCHIVE_FORMAT_TAR_USTAR, {ARCHIVE_FILTER_BZIP2}, {}, {}}, e), false},
        {"a.tar.xz", writeArchive({ARCHIVE_FORMAT_TAR_USTAR, {ARCHIVE_FILTER_XZ}, {}, {}}, e), false},
    };
}

// Whatever came back whole is exactly an original member; nothing comes back twice.
void expectOnlyTrueMembers(const Expansion &x, const std::vector<Entry> &entries, const std::string &trace)
{
    std::set<std::string> seen;
    for (const Got &g : x.members) {
        EXPECT_TRUE(seen.insert(g.member.name).second) << trace << ": " << g.member.name << " twice";
        if (g.readError)
            continue;
        const auto it = std::ranges::find_if(entries, [&](const Entry &e) { return e.name == g.member.name; });
        ASSERT_NE(it, entries.end()) << trace << ": unexpected member " << g.member.name;
        EXPECT_EQ(g.data, it->data) << trace << ": " << g.member.name;
    }
}

TEST(ArchiveBadInput, TruncatedArchivesKeepTheMembersBeforeTheDamage)
{
    const auto entries = threeMembers();
    for (const Format &f : formats()) {
        for (const double fraction : {0.02, 0.1, 0.3, 0.5, 0.7, 0.9, 0.99}) {
            const auto cut = static_cast<std::size_t>(static_cast<double>(f.bytes.size()) * fraction);
            const std::string trace = f.name + " cut at " + std::to_string(cut) + "/" + std::to_string(f.bytes.size());
            const Bytes truncated(f.bytes.begin(), f.bytes.begin() + static_cast<std::ptrdiff_t>(cut));
            const auto x = expand(truncated, f.name);
            if (x.result) {
                // Damage is reported, never silently dropped.
                EXPECT_FALSE(x.result->errors.empty()) << trace;
            } else {
                EXPECT_TRUE(x.result.error().code == ErrorCode::Corrupt || x.result.error().code == ErrorCode::Unsupported)
                    << trace << ": " << x.result.error().toString();
            }
            if (f.name.ends_with(".gz") || f.name.ends_with(".bz2") || f.name.ends_with(".xz")) {
                // One member, the decompressed prefix.
                ASSERT_LE(x.members.size(), 1u) << trace;
                continue;
            }
            expectOnlyTrueMembers(x, entries, trace);
            if (!f.sequential)
                continue;
            // Every member that ends well before the cut is kept whole (each is ~1/3 of the file).
            const std::size_t whole = fraction >= 0.7 ? 2 : fraction >= 0.5 ? 1 : 0;
            std::size_t kept = 0;
            for (const Got &g : x.members)
                kept += g.readError ? 0 : 1;
            EXPECT_GE(kept, whole) << trace;
        }
    }
}

TEST(ArchiveBadInput, TruncatedCompressedStreamGivesItsPrefixAndAnError)
{
    const Bytes text = randomBytes(300'000, 14);
    for (const int filter : {ARCHIVE_FILTER_GZIP, ARCHIVE_FILTER_BZIP2, ARCHIVE_FILTER_XZ}) {
        // bzip2 decodes whole blocks: 100 kB blocks so that the first ones are complete.
        const Bytes full = compressRaw(filter, text, filter == ARCHIVE_FILTER_BZIP2 ? "bzip2:compression-level=1" : "");
        const Bytes cut(full.begin(), full.begin() + static_cast<std::ptrdiff_t>(full.size() * 2 / 3));
        const auto x = expand(cut, "t.bin");
        SCOPED_TRACE(filter);
        ASSERT_TRUE(x.result) << x.result.error().toString();
        ASSERT_EQ(x.members.size(), 1u);
        ASSERT_TRUE(x.members[0].readError);
        EXPECT_EQ(x.members[0].readError->code, ErrorCode::Corrupt);
        EXPECT_EQ(x.result->memberErrors, 1u);
        ASSERT_EQ(x.result->errors.size(), 1u);
        EXPECT_NE(x.result->errors[0].message.find("damaged or truncated"), std::string::npos);
        const auto &got = x.members[0].data;
        EXPECT_LT(got.size(), text.size());
        EXPECT_EQ(got, Bytes(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(got.size())));
    }
}

// A ZIP without its end (central directory) is read by its local headers.
TEST(ArchiveBadInput, ZipWithoutCentralDirectoryIsReadByLocalHeaders)
{
    const auto entries = threeMembers();
    const Bytes zip = writeArchive({ARCHIVE_FORMAT_ZIP, {}, {}, {}}, entries);
    Bytes cut = zip;
    cut.resize(zip.size() - 30);   // the end-of-central-directory record is gone
    const auto x = expand(cut, "cut.zip");
    ASSERT_TRUE(x.result) << x.result.error().toString();
    ASSERT_EQ(x.members.size(), 3u);
    for (std::size_t i = 0; i < 3; ++i)
        EXPECT_EQ(x.members[i].data, entries[i].data);
}

TEST(ArchiveBadInput, GarbageIsNotAnArchive)
{
    for (std::uint64_t seed = 1; seed <= 24; ++seed) {
        const Bytes junk = randomBytes(static_cast<std::size_t>(1 + seed * 997 % 70'000), seed);
        for (const char *name : {"x.zip", "x.tar.gz", "x.7z", "x"}) {
            const auto x = expand(junk, name);
            ASSERT_FALSE(x.result) << "seed " << seed << " " << name;
            EXPECT_EQ(x.result.error().code, ErrorCode::Corrupt);
            EXPECT_TRUE(x.members.empty());
        }
    }
    const auto empty = expand({}, "empty.zip");
    ASSERT_FALSE(empty.result);
    EXPECT_EQ(empty.result.error().code, ErrorCode::Corrupt);
}

// Each format's magic followed by random bytes: whatever the verdict, it comes back.
TEST(ArchiveBadInput, MagicFollowedByGarbageTerminates)
{
    const std::vector<Bytes> magics = {
        textBytes("PK\x03\x04"), textBytes("PK\x05\x06"), Bytes{'7', 'z', 0xBC, 0xAF, 0x27, 0x1C, 0, 4},
        Bytes{'R', 'a', 'r', '!', 0x1A, 7, 0}, Bytes{'R', 'a', 'r', '!', 0x1A, 7, 1, 0}, textBytes("MSCF"),
        Bytes{0x1F, 0x8B, 8, 0}, textBytes("BZh91AY&SY"), Bytes{0xFD, '7', 'z', 'X', 'Z', 0},
        Bytes{0x28, 0xB5, 0x2F, 0xFD}, Bytes{0x04, 0x22, 0x4D, 0x18}, Bytes{0x1F, 0x9D, 0x90},
    };
    for (std::uint64_t seed = 1; seed <= 12; ++seed) {
        for (const Bytes &magic : magics) {
            Bytes bytes = magic;
            const Bytes tail = randomBytes(static_cast<std::size_t>(seed * 4099 % 20'000), seed);
            bytes.insert(bytes.end(), tail.begin(), tail.end());
            const auto x = expand(bytes, "junk");
            if (x.result) {
                EXPECT_LE(x.result->members, 1'000'000u);
            }
        }
        // A valid tar header followed by junk.
        Bytes tar = writeArchive({ARCHIVE_FORMAT_TAR_USTAR, {}, {}, {}}, {Entry{"a", randomBytes(100'000, seed)}});
        const Bytes tail = randomBytes(tar.size() - 512, seed + 100);
        std::copy(tail.begin(), tail.end(), tar.begin() + 512);
        const auto x = expand(tar, "junk.tar");
        ASSERT_TRUE(x.result) << x.result.error().toString();
        ASSERT_GE(x.members.size(), 1u);
        EXPECT_EQ(x.members[0].member.name, "a");
    }
}

// Random byte damage in every format: it terminates, and the damage is noticed.
TEST(ArchiveBadInput, DamagedArchivesNeverCrashOrHang)
{
    std::size_t runs = 0, failures = 0;
    for (const Format &f : formats()) {
        for (std::uint64_t seed = 1; seed <= 40; ++seed) {
            Bytes damaged = f.bytes;
            const Bytes noise = randomBytes(64, seed * 31 + damaged.size());
            for (std::size_t i = 0; i < 1 + seed % 8; ++i)
                damaged[(noise[2 * i] << 8 | noise[2 * i + 1]) * 7919u % damaged.size()] ^= static_cast<unsigned char>(noise[32 + i] | 1);
            const auto x = expand(damaged, f.name);
            ++runs;
            failures += x.result ? 0 : 1;
            // Damaged bytes in, damaged bytes out (libarchive does not verify every format's
            // checksums): what matters is that it ends, with members the size of the archive.
            for (const Got &g : x.members)
                EXPECT_LE(g.data.size(), 4 * f.bytes.size() + (1u << 20)) << f.name << " seed " << seed;
        }
    }
    EXPECT_EQ(runs, formats().size() * 40);
    EXPECT_GT(failures, 0u);
}

class FailingReader final : public vigil::plugins::ContentReader
{
public:
    FailingReader(Bytes bytes, std::uint64_t failAt) : m_bytes(std::move(bytes)), m_failAt(failAt) {}
    vigil::Result<std::size_t> read(std::uint64_t offset, void *buffer, std::size_t length) override
    {
        if (offset + length > m_failAt)
            return vigil::fail(ErrorCode::Io, "bad sector", "at " + std::to_string(m_failAt));
        std::memcpy(buffer, m_bytes.data() + offset, std::min<std::size_t>(length, m_bytes.size() - offset));
        return std::min<std::size_t>(length, m_bytes.size() - offset);
    }
    std::uint64_t size() const override { return m_bytes.size(); }

private:
    Bytes m_bytes;
    std::uint64_t m_failAt;
};

TEST(ArchiveBadInput, ReadErrorsOfTheEvidenceAreReportedAsIo)
{
    std::vector<Entry> entries;
    for (int i = 0; i < 8; ++i)
        entries.push_back(Entry{"f" + std::to_string(i), randomBytes(200'000, static_cast<std::uint64_t>(i))});
    const Bytes tar = writeArchive({ARCHIVE_FORMAT_TAR_USTAR, {}, {}, {}}, entries);
    FailingReader reader(tar, tar.size() / 2);
    std::vector<std::string> names;
    auto r = expandArchive(reader, "bad.tar", {}, [&](const Member &m, MemberData &data) -> vigil::Result<void> {
        names.push_back(m.name);
        unsigned char buffer[4096];
        while (true) {
            auto n = data.read(buffer, sizeof buffer);
            if (!n || *n == 0)
                return {};
        }
    });
    ASSERT_TRUE(r) << r.error().toString();
    EXPECT_GE(names.size(), 2u);
    EXPECT_LE(names.size(), 5u);
    ASSERT_FALSE(r->errors.empty());
    bool io = false;
    for (const auto &e : r->errors)
        io = io || e.code == ErrorCode::Io || e.detail.find("bad sector") != std::string::npos
            || e.message.find("bad sector") != std::string::npos;
    EXPECT_TRUE(io) << r->errors.back().toString();
    // Failing at the very start: nothing readable, the I/O error is the result.
    FailingReader none(tar, 0);
    auto r0 = expandArchive(none, "bad.tar", {}, [](const Member &, MemberData &) -> vigil::Result<void> { return {}; });
    ASSERT_FALSE(r0);
    EXPECT_EQ(r0.error().code, ErrorCode::Io);
}

TEST(ArchiveBadInput, EncryptedZipMemberIsReportedAndTheOthersRead)
{
    const auto entries = threeMembers();
    const Bytes plain = writeArchive({ARCHIVE_FORMAT_ZIP, {}, {}, {}}, {Entry{"open.txt", textBytes("open")}});
    for (const std::string algorithm : {"zipcrypt", "aes256"}) {
        const Bytes bytes = writeArchive({ARCHIVE_FORMAT_ZIP, {}, "zip:encryption=" + algorithm, "secret"}, entries);
        const auto x = expand(bytes, "locked.zip");
        SCOPED_TRACE(algorithm);
        ASSERT_TRUE(x.result) << x.result.error().toString();
        ASSERT_EQ(x.members.size(), 3u);
        for (const Got &g : x.members) {
            EXPECT_TRUE(g.member.encrypted) << g.member.name;
            ASSERT_TRUE(g.readError);
            EXPECT_EQ(g.readError->code, ErrorCode::Unsupported);
            EXPECT_TRUE(g.data.empty());
            ASSERT_TRUE(g.member.size);
            EXPECT_EQ(*g.member.size, 40'000u);
        }
        EXPECT_EQ(x.result->memberErrors, 3u);
        ASSERT_EQ(x.result->errors.size(), 3u);
        EXPECT_NE(x.result->errors[0].message.find("is encrypted"), std::string::npos);
    }
    const auto open = expand(plain, "open.zip");
    ASSERT_TRUE(open.result);
    EXPECT_FALSE(open.members.at(0).member.encrypted);
}

TEST(ArchiveBadInput, SevenZipWithEncryptedDataOrHeaders)
{
    if (!haveTool("7z"))
        GTEST_SKIP() << "7z (p7zip-full) not installed";
    TempDir dir;
    writeFile(dir / "secret.txt", textBytes("the content is encrypted\n"));
    writeFile(dir / "other.txt", textBytes("so is this one\n"));
    const std::string cd = "cd '" + dir.path().string() + "' && ";
    ASSERT_EQ(runShell(cd + "7z a -bd -y -pPass data.7z secret.txt other.txt >/dev/null"), 0);
    ASSERT_EQ(runShell(cd + "7z a -bd -y -pPass -mhe=on headers.7z secret.txt >/dev/null"), 0);
    const auto data = expand(readFile(dir / "data.7z"), "data.7z");
    ASSERT_TRUE(data.result) << data.result.error().toString();
    ASSERT_EQ(data.members.size(), 2u);
    EXPECT_NE(data.find("secret.txt"), nullptr);
    EXPECT_NE(data.find("other.txt"), nullptr);
    for (const Got &g : data.members) {
        EXPECT_TRUE(g.member.encrypted);
        EXPECT_TRUE(g.readError);
    }
    EXPECT_EQ(data.result->memberErrors, 2u);
    const auto headers = expand(readFile(dir / "headers.7z"), "headers.7z");
    ASSERT_FALSE(headers.result);
    EXPECT_EQ(headers.result.error().code, ErrorCode::Unsupported);
    EXPECT_NE(headers.result.error().message.find("encrypted"), std::string::npos) << headers.result.error().toString();
}

} // namespace
