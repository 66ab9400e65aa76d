// SPDX-License-Identifier: GPL-3.0-or-later
// Every format the expander reads, on archives written here: the members, their names, sizes,
// times and bytes are exactly what was put in; nested archives come back as members.
#include <archive.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <clocale>
#include <map>

#include "archivetest.h"
#include "core/util/signature.h"
#include "plugins/api/memoryreader.h"

using namespace vigil::archives;
using namespace vigil::archives::test;

namespace {

std::vector<Entry> sampleEntries()
{
    return {
        Entry{"docs/", {}, true},
        Entry{"docs/readme.txt", textBytes("Nothing to see here.\n")},
        Entry{"pics/photo.jpg", randomBytes(70'000, 1)},
        Entry{"empty.bin", {}},
        Entry{"big.bin", randomBytes(300'000, 2)},
    };
}

std::string withoutSlash(std::string name)
{
    while (!name.empty() && name.back() == '/')
        name.pop_back();
    return name;
}

// Every entry came back once with its exact bytes, directories as directories; in the order
// written, except for 7z (its writer puts directories and empty files after the others).
void expectSame(const Expansion &x, const std::vector<Entry> &entries, bool ordered = true)
{
    ASSERT_TRUE(x.result) << x.result.error().toString();
    std::vector<const Entry *> expected;
    for (const Entry &e : entries)
        expected.push_back(&e);
    ASSERT_EQ(x.members.size(), expected.size()) << testing::PrintToString(x.names());
    std::uint64_t bytes = 0;
    for (std::size_t i = 0; i < expected.size(); ++i) {
        const auto match = std::ranges::find_if(x.members, [&](const Got &got) {
            return withoutSlash(got.member.name) == withoutSlash(expected[i]->name);
        });
        ASSERT_NE(match, x.members.end()) << expected[i]->name << " missing from " << testing::PrintToString(x.names());
        if (ordered) {
            EXPECT_EQ(match - x.members.begin(), static_cast<std::ptrdiff_t>(i)) << expected[i]->name;
        }
        const Got &g = *match;
        std::string name = expected[i]->name;
        if (expected[i]->directory && g.member.name.back() != '/')
            name.pop_back();   // some formats store directories without the slash
        EXPECT_EQ(g.member.name, name);
        EXPECT_EQ(g.member.directory, expected[i]->directory) << name;
        EXPECT_FALSE(g.member.encrypted);
        EXPECT_FALSE(g.readError) << g.readError->toString();
        EXPECT_EQ(g.data, expected[i]->data) << name;
        if (!expected[i]->directory) {
            EXPECT_EQ(g.member.size.value_or(expected[i]->data.size()), expected[i]->data.size()) << name;
        }
        bytes += g.data.size();
    }
    EXPECT_EQ(x.result->members, expected.size());
    EXPECT_EQ(x.result->bytes, bytes);
    EXPECT_EQ(x.result->memberErrors, 0u);
    EXPECT_TRUE(x.result->errors.empty()) << x.result->errors.front().toString();
}

TEST(ArchiveTypes, EveryListedSignatureTypeIsExpandedAndNothingElse)
{
    for (const char *type : {"zip", "docx", "xlsx", "pptx", "ooxml", "odt", "ods", "odp", "odg", "epub", "apk", "jar",
                             "tar", "gzip", "bzip2", "xz", "7z", "rar", "cab"})
        EXPECT_TRUE(isArchiveType(type)) << type;
    for (const char *type : {"", "jpeg", "png", "pdf", "sqlite", "ole2", "mp4", "text", "ZIP", "zip ", "tar.gz"})
        EXPECT_FALSE(isArchiveType(type)) << type;
    EXPECT_STREQ(expanderId(), "archive-expander");
    EXPECT_NE(std::string(expanderVersion()).find("libarchive"), std::string::npos);
}

// What the signature detector calls each archive written here is a type the expander takes.
TEST(ArchiveTypes, ArchivesWrittenHereAreTypedAsArchiveTypes)
{
    const std::vector<Entry> one = {Entry{"a.txt", textBytes("alpha\n")}};
    const std::vector<std::pair<std::string, Bytes>> samples = {
        {"zip", writeArchive({ARCHIVE_FORMAT_ZIP, {}, {}, {}}, one)},
        {"docx", writeArchive({ARCHIVE_FORMAT_ZIP, {}, {}, {}},
                              {Entry{"[Content_Types].xml", textBytes("<Types/>")}, Entry{"word/document.xml", textBytes("<w/>")}})},
        {"odt", writeArchive({ARCHIVE_FORMAT_ZIP, {}, "zip:compression=store", {}},
                             {Entry{"mimetype", textBytes("application/vnd.oasis.opendocument.text")}})},
        {"epub", writeArchive({ARCHIVE_FORMAT_ZIP, {}, "zip:compression=store", {}},
                              {Entry{"mimetype", textBytes("application/epub+zip")}})},
        {"apk", writeArchive({ARCHIVE_FORMAT_ZIP, {}, {}, {}}, {Entry{"AndroidManifest.xml", textBytes("x")}})},
        {"jar", writeArchive({ARCHIVE_FORMAT_ZIP, {}, {}, {}}, {Entry{"META-INF/MANIFEST.MF", textBytes("x")}})},
        {"tar", writeArchive({ARCHIVE_FORMAT_TAR_USTAR, {}, {}, {}}, one)},
        {"gzip", compressRaw(ARCHIVE_FILTER_GZIP, textBytes("alpha\n"))},
        {"bzip2", compressRaw(ARCHIVE_FILTER_BZIP2, textBytes("alpha\n"))},
        {"xz", compressRaw(ARCHIVE_FILTER_XZ, textBytes("alpha\n"))},
        {"7z", writeArchive({ARCHIVE_FORMAT_7ZIP, {}, {}, {}}, one)},
        {"rar", writeRar5Stored(one)},
        {"cab", writeCabStored(one)},
    };
    for (const auto &[type, bytes] : samples) {
        const auto sig = vigil::detectSignature(bytes);
        EXPECT_EQ(sig.type, type);
        EXPECT_TRUE(isArchiveType(sig.type)) << type;
        const auto x = expand(bytes, "sample." + type);
        ASSERT_TRUE(x.result) << type << ": " << x.result.error().toString();
        EXPECT_EQ(x.members.size(), type == "docx" ? 2u : 1u) << type;
    }
}

TEST(ArchiveFormats, ZipDeflatedAndStoredMembersAreExact)
{
    const auto entries = sampleEntries();
    for (const char *options : {"", "zip:compression=store", "zip:compression-level=9"}) {
        const auto x = expand(writeArchive({ARCHIVE_FORMAT_ZIP, {}, options, {}}, entries), "a.zip");
        SCOPED_TRACE(options);
        expectSame(x, entries);
        EXPECT_EQ(x.result->format, "zip");
        for (std::size_t i = 0; i < x.members.size(); ++i)
            EXPECT_EQ(x.members[i].member.index, i);
        ASSERT_TRUE(x.members[1].member.mtime);
        EXPECT_EQ(*x.members[1].member.mtime, 1709294400LL * 1'000'000'000LL);
    }
}

TEST(ArchiveFormats, TarVariantsAreExact)
{
    const auto entries = sampleEntries();
    for (const int format : {ARCHIVE_FORMAT_TAR_USTAR, ARCHIVE_FORMAT_TAR_PAX_RESTRICTED, ARCHIVE_FORMAT_TAR_GNUTAR,
                             ARCHIVE_FORMAT_CPIO_POSIX}) {
        SCOPED_TRACE(format);
        const auto x = expand(writeArchive({format, {}, {}, {}}, entries), "a.tar");
        expectSame(x, entries);
        EXPECT_EQ(x.result->format, format == ARCHIVE_FORMAT_CPIO_POSIX ? "cpio" : "tar");
        EXPECT_EQ(*x.members[2].member.mtime, 1709294400LL * 1'000'000'000LL);
    }
}

TEST(ArchiveFormats, SevenZipMembersAreExact)
{
    const auto entries = sampleEntries();
    for (const char *options : {"", "7zip:compression=store", "7zip:compression=bzip2", "7zip:compression=deflate"}) {
        SCOPED_TRACE(options);
        const auto x = expand(writeArchive({ARCHIVE_FORMAT_7ZIP, {}, options, {}}, entries), "a.7z");
        expectSame(x, entries, false);
        EXPECT_EQ(x.result->format, "7z");
    }
}

TEST(ArchiveFormats, Rar5StoredMembersAreExact)
{
    const std::vector<Entry> entries = {Entry{"notes.txt", textBytes("one\ntwo\n")},
                                        Entry{"pics/p1.jpg", randomBytes(50'000, 3)}, Entry{"zero.bin", {}}};
    const auto x = expand(writeRar5Stored(entries), "a.rar");
    expectSame(x, entries);
    EXPECT_EQ(x.result->format, "rar5");
}

TEST(ArchiveFormats, CabinetMembersAreExact)
{
    // Spread over three 32 KiB data blocks.
    const std::vector<Entry> entries = {Entry{"setup.inf", textBytes("[Version]\n")},
                                        Entry{"data\\blob.bin", randomBytes(80'000, 4)}};
    const auto x = expand(writeCabStored(entries), "a.cab");
    ASSERT_TRUE(x.result) << x.result.error().toString();
    ASSERT_EQ(x.members.size(), 2u);
    EXPECT_EQ(x.members[0].member.name, "setup.inf");
    EXPECT_EQ(x.members[0].data, entries[0].data);
    EXPECT_EQ(x.members[1].data, entries[1].data);
    EXPECT_EQ(x.result->format, "cab");
}

TEST(ArchiveFormats, IsoImageMembersAreExact)
{
    const std::vector<Entry> entries = {Entry{"readme.txt", textBytes("iso\n")},
                                        Entry{"pics/p.jpg", randomBytes(9'000, 5)}};
    const auto x = expand(writeArchive({ARCHIVE_FORMAT_ISO9660, {}, "iso9660:rockridge", {}}, entries), "a.iso");
    ASSERT_TRUE(x.result) << x.result.error().toString();
    EXPECT_EQ(x.result->format, "iso9660");
    ASSERT_NE(x.find("readme.txt"), nullptr) << testing::PrintToString(x.names());
    EXPECT_EQ(x.find("readme.txt")->data, entries[0].data);
    ASSERT_NE(x.find("pics/p.jpg"), nullptr);
    EXPECT_EQ(x.find("pics/p.jpg")->data, entries[1].data);
}

TEST(ArchiveFormats, SingleStreamCompressorsGiveOneMemberNamedAfterTheFile)
{
    const Bytes text = randomBytes(200'000, 6);
    struct Case {
        int filter;
        std::string format, file, member;
    };
    for (const Case &c : {Case{ARCHIVE_FILTER_GZIP, "gzip", "notes.txt.gz", "notes.txt"},
                          Case{ARCHIVE_FILTER_BZIP2, "bzip2", "notes.txt.bz2", "notes.txt"},
                          Case{ARCHIVE_FILTER_XZ, "xz", "notes.txt.XZ", "notes.txt"},
                          Case{ARCHIVE_FILTER_ZSTD, "zstd", "notes.txt.zst", "notes.txt"},
                          Case{ARCHIVE_FILTER_LZ4, "lz4", "notes.txt.lz4", "notes.txt"},
                          Case{ARCHIVE_FILTER_GZIP, "gzip", "backup.tgz", "backup.tar"},
                          Case{ARCHIVE_FILTER_XZ, "xz", "backup.txz", "backup.tar"},
                          Case{ARCHIVE_FILTER_GZIP, "gzip", "holiday.dat", "holiday.dat.decompressed"}}) {
        SCOPED_TRACE(c.file);
        const auto x = expand(compressRaw(c.filter, text), c.file);
        ASSERT_TRUE(x.result) << x.result.error().toString();
        EXPECT_EQ(x.result->format, c.format);
        ASSERT_EQ(x.members.size(), 1u);
        EXPECT_EQ(x.members[0].member.name, c.member);
        EXPECT_EQ(x.members[0].member.index, 0u);
        EXPECT_FALSE(x.members[0].member.directory);
        EXPECT_EQ(x.members[0].data, text);
        EXPECT_EQ(x.result->bytes, text.size());
    }
}

// A tar.gz is one level per call: the gzip gives the tar, the tar gives the files, so each
// level has its own forensic path (/backup.tar.gz>>backup.tar>>holiday.dat).
TEST(ArchiveFormats, TarGzIsExpandedOneLayerPerCall)
{
    const auto entries = sampleEntries();
    const Bytes tar = writeArchive({ARCHIVE_FORMAT_TAR_PAX_RESTRICTED, {}, {}, {}}, entries);
    const Bytes tgz = writeArchive({ARCHIVE_FORMAT_TAR_PAX_RESTRICTED, {ARCHIVE_FILTER_GZIP}, {}, {}}, entries);
    const auto outer = expand(tgz, "backup.tar.gz");
    ASSERT_TRUE(outer.result) << outer.result.error().toString();
    ASSERT_EQ(outer.members.size(), 1u);
    EXPECT_EQ(outer.members[0].member.name, "backup.tar");
    EXPECT_EQ(outer.members[0].data, tar);
    EXPECT_EQ(vigil::detectSignature(outer.members[0].data).type, "tar");
    expectSame(expand(outer.members[0].data, "backup.tar"), entries);
}

TEST(ArchiveFormats, GzipStoredNameAndTimeAreUsed)
{
    if (!haveTool("gzip"))
        GTEST_SKIP() << "gzip not installed";
    TempDir dir;
    const Bytes text = textBytes("original name kept by gzip\n");
    writeFile(dir / "original-name.txt", text);
    ASSERT_EQ(runShell("cd '" + dir.path().string() + "' && touch -d '2024-03-01 12:00:00 UTC' original-name.txt"
                       " && gzip -N original-name.txt && mv original-name.txt.gz renamed.bin"),
              0);
    const auto x = expand(readFile(dir / "renamed.bin"), "renamed.bin");
    ASSERT_TRUE(x.result) << x.result.error().toString();
    ASSERT_EQ(x.members.size(), 1u);
    EXPECT_EQ(x.members[0].member.name, "original-name.txt");
    ASSERT_TRUE(x.members[0].member.mtime);
    EXPECT_EQ(*x.members[0].member.mtime, 1709294400LL * 1'000'000'000LL);
    EXPECT_EQ(x.members[0].data, text);
}

TEST(ArchiveFormats, NestedArchiveIsReturnedAsAMemberNotExpanded)
{
    const std::vector<Entry> inner = {Entry{"img.jpg", randomBytes(10'000, 7)}};
    const Bytes innerZip = writeArchive({ARCHIVE_FORMAT_ZIP, {}, {}, {}}, inner);
    const Bytes innerTgz = writeArchive({ARCHIVE_FORMAT_TAR_USTAR, {ARCHIVE_FILTER_GZIP}, {}, {}}, inner);
    const std::vector<Entry> outer = {Entry{"pics/x.zip", innerZip}, Entry{"old.tar.gz", innerTgz}};
    for (const int format : {ARCHIVE_FORMAT_ZIP, ARCHIVE_FORMAT_TAR_USTAR, ARCHIVE_FORMAT_7ZIP}) {
        SCOPED_TRACE(format);
        const auto x = expand(writeArchive({format, {}, {}, {}}, outer), "outer");
        expectSame(x, outer, format != ARCHIVE_FORMAT_7ZIP);
        EXPECT_EQ(vigil::detectSignature(x.members[0].data).type, "zip");
        // ... and expanding the member is the caller's next level.
        expectSame(expand(x.members[0].data, "x.zip"), inner);
    }
}

TEST(ArchiveFormats, DocxListsItsEmbeddedImage)
{
    const Bytes jpeg = randomBytes(25'000, 8);
    const std::vector<Entry> docx = {
        Entry{"[Content_Types].xml",
              textBytes("<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/"
                        "content-types\"><Default Extension=\"jpeg\" ContentType=\"image/jpeg\"/></Types>")},
        Entry{"_rels/.rels", textBytes("<Relationships/>")},
        Entry{"word/document.xml", textBytes("<w:document/>")},
        Entry{"word/_rels/document.xml.rels", textBytes("<Relationships/>")},
        Entry{"word/media/image1.jpeg", jpeg},
    };
    const Bytes bytes = writeArchive({ARCHIVE_FORMAT_ZIP, {}, {}, {}}, docx);
    EXPECT_EQ(vigil::detectSignature(bytes).type, "docx");
    const auto x = expand(bytes, "letter.docx");
    expectSame(x, docx);
    ASSERT_NE(x.find("word/media/image1.jpeg"), nullptr);
    EXPECT_EQ(x.find("word/media/image1.jpeg")->data, jpeg);
}

// Names are UTF-8 whatever the process locale (libarchive converts names through it).
TEST(ArchiveFormats, UnicodeNamesAreKeptAsStored)
{
    const std::string before = std::setlocale(LC_CTYPE, nullptr);
    ASSERT_NE(std::setlocale(LC_CTYPE, "C.UTF-8"), nullptr);   // libarchive's writer needs it
    const std::vector<Entry> entries = {Entry{"Фото/été 2024/日本.jpg", randomBytes(100, 9)},
                                        Entry{"with space & ' quote.txt", textBytes("q")}};
    for (const int format : {ARCHIVE_FORMAT_ZIP, ARCHIVE_FORMAT_TAR_USTAR, ARCHIVE_FORMAT_TAR_PAX_RESTRICTED,
                             ARCHIVE_FORMAT_7ZIP}) {
        const Bytes bytes = writeArchive({format, {}, {}, {}}, entries);
        for (const char *locale : {"C", "C.UTF-8"}) {
            SCOPED_TRACE(std::to_string(format) + " read in " + locale);
            std::setlocale(LC_CTYPE, locale);
            expectSame(expand(bytes, "u"), entries, format != ARCHIVE_FORMAT_7ZIP);
        }
    }
    std::setlocale(LC_CTYPE, before.c_str());
}

// The caller may read part of a member or none of it: the walk goes on to the next member,
// and every byte of every member still counts against the limits.
TEST(ArchiveFormats, PartlyReadMembersDoNotDisturbTheNextOnes)
{
    const auto entries = sampleEntries();
    for (const int format : {ARCHIVE_FORMAT_ZIP, ARCHIVE_FORMAT_TAR_USTAR, ARCHIVE_FORMAT_7ZIP}) {
        SCOPED_TRACE(format);
        vigil::plugins::MemoryReader reader(writeArchive({format, {}, {}, {}}, entries));
        std::map<std::string, Bytes> heads;
        auto stats = expandArchive(reader, "a", {}, [&](const Member &m, MemberData &data) -> vigil::Result<void> {
            // Every other member: its first 7 bytes; the others: nothing at all.
            unsigned char head[7];
            const std::size_t want = heads.size() % 2 ? 0 : sizeof head;
            const std::size_t got = want ? data.read(head, want).value_or(0) : 0;
            heads[withoutSlash(m.name)] = want ? Bytes(head, head + got) : textBytes("unread");
            return {};
        });
        ASSERT_TRUE(stats) << stats.error().toString();
        ASSERT_EQ(heads.size(), entries.size());
        for (const Entry &e : entries) {
            const Bytes &head = heads[withoutSlash(e.name)];
            if (head != textBytes("unread")) {
                EXPECT_EQ(head, Bytes(e.data.begin(), e.data.begin() + std::min<std::ptrdiff_t>(7, std::ssize(e.data)))) << e.name;
            }
        }
        EXPECT_EQ(stats->bytes, 21u + 70'000u + 300'000u);
    }
}

TEST(ArchiveFormats, CallbackErrorsAreRecordedAndTheWalkGoesOn)
{
    const auto entries = sampleEntries();
    vigil::plugins::MemoryReader reader(writeArchive({ARCHIVE_FORMAT_ZIP, {}, {}, {}}, entries));
    std::size_t calls = 0;
    auto stats = expandArchive(reader, "a.zip", {}, [&](const Member &m, MemberData &) -> vigil::Result<void> {
        ++calls;
        if (m.name == "pics/photo.jpg")
            return vigil::fail(vigil::ErrorCode::Io, "cannot store " + m.name);
        return {};
    });
    ASSERT_TRUE(stats) << stats.error().toString();
    EXPECT_EQ(calls, entries.size());
    EXPECT_EQ(stats->members, entries.size());
    ASSERT_EQ(stats->errors.size(), 1u);
    EXPECT_EQ(stats->errors[0].message, "cannot store pics/photo.jpg");
}

} // namespace
