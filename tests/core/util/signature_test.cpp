// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/util/signature.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <random>
#include <string>
#include <vector>

using namespace std::string_literals;

namespace vigil {
namespace {

using Bytes = std::vector<unsigned char>;

Bytes bytes(const std::string &s)
{
    return Bytes(s.begin(), s.end());
}

Bytes operator+(Bytes a, const Bytes &b)
{
    a.insert(a.end(), b.begin(), b.end());
    return a;
}

Bytes zeros(std::size_t n)
{
    return Bytes(n, 0);
}

Bytes le16(std::uint16_t v)
{
    return {static_cast<unsigned char>(v), static_cast<unsigned char>(v >> 8)};
}

Bytes le32(std::uint32_t v)
{
    return le16(static_cast<std::uint16_t>(v)) + le16(static_cast<std::uint16_t>(v >> 16));
}

Bytes be32(std::uint32_t v)
{
    return {static_cast<unsigned char>(v >> 24), static_cast<unsigned char>(v >> 16),
            static_cast<unsigned char>(v >> 8), static_cast<unsigned char>(v)};
}

Signature detect(const Bytes &b)
{
    return detectSignature(std::span<const unsigned char>(b.data(), b.size()));
}

// ---- header builders ----------------------------------------------------------------------

// A stored (uncompressed) ZIP local file header followed by its data.
Bytes zipEntry(const std::string &name, const std::string &data)
{
    return bytes("PK\x03\x04"s) + le16(20) + le16(0) + le16(0) + le32(0) + le32(0)
        + le32(static_cast<std::uint32_t>(data.size())) + le32(static_cast<std::uint32_t>(data.size()))
        + le16(static_cast<std::uint16_t>(name.size())) + le16(0) + bytes(name) + bytes(data);
}

Bytes ftyp(const std::string &major, const std::vector<std::string> &compatible)
{
    Bytes body = bytes("ftyp" + major) + zeros(4);
    for (const auto &brand : compatible)
        body = body + bytes(brand);
    return be32(static_cast<std::uint32_t>(body.size() + 4)) + body + be32(8) + bytes("mdat");
}

Bytes riff(const std::string &form, const std::string &chunk)
{
    return bytes("RIFF") + le32(1000) + bytes(form + chunk) + le32(16) + zeros(16);
}

Bytes ebml(const std::string &docType)
{
    return bytes("\x1A\x45\xDF\xA3\x93\x42\x86\x81\x01\x42\xF7\x81\x01\x42\xF2\x81\x04\x42\xF3\x81\x08"s)
        + Bytes{0x42, 0x82, static_cast<unsigned char>(0x80 | docType.size())} + bytes(docType)
        + bytes("\x42\x87\x81\x04\x42\x85\x81\x02"s);
}

// Two MPEG-1 Layer III frames, 128 kbit/s at 44.1 kHz: 417 bytes each.
Bytes mp3Frames()
{
    const Bytes frame = Bytes{0xFF, 0xFB, 0x90, 0x00} + zeros(413);
    return frame + frame;
}

Bytes peFile()
{
    Bytes dos = bytes("MZ") + Bytes(0x3A, 0x90) + le32(0x80);
    return dos + zeros(0x80 - dos.size()) + bytes("PE\0\0"s) + le16(0x8664) + zeros(18);
}

Bytes tarFile()
{
    Bytes header = bytes("hello.txt") + zeros(100 - 9) + bytes("0000644") + zeros(1);
    header = header + zeros(257 - header.size()) + bytes("ustar\0"s) + bytes("00");
    return header + zeros(512 - header.size());
}

Bytes bmpFile()
{
    return bytes("BM") + le32(70) + le32(0) + le32(54) + le32(40) + le32(2) + le32(2) + le16(1)
        + le16(24) + zeros(24) + zeros(16);
}

Bytes utf16(const std::string &ascii, bool littleEndian)
{
    Bytes out = littleEndian ? Bytes{0xFF, 0xFE} : Bytes{0xFE, 0xFF};
    for (char c : ascii) {
        const Bytes unit = littleEndian ? Bytes{static_cast<unsigned char>(c), 0}
                                        : Bytes{0, static_cast<unsigned char>(c)};
        out = out + unit;
    }
    return out;
}

struct Case {
    std::string type;
    Bytes head;
    std::string agreeingName;
};

std::vector<Case> allCases()
{
    return {
        {"jpeg", bytes("\xFF\xD8\xFF\xE0\x00\x10JFIF\0\x01\x01"s) + zeros(20), "photo.jpg"},
        {"jpeg", bytes("\xFF\xD8\xFF\xE1\x00\x16" "Exif\0\0"s) + zeros(20), "IMG_0001.JPEG"},
        {"png", bytes("\x89PNG\r\n\x1A\n\0\0\0\x0DIHDR"s) + be32(1) + be32(1) + zeros(5), "a.png"},
        {"gif", bytes("GIF89a\x01\0\x01\0\x80\0\0"s), "a.gif"},
        {"gif", bytes("GIF87a\x01\0\x01\0\0\0\0"s), "a.gif"},
        {"bmp", bmpFile(), "a.bmp"},
        {"tiff", bytes("II*\0\x08\0\0\0"s) + zeros(16), "scan.tif"},
        {"tiff", bytes("MM\0*\0\0\0\x08"s) + zeros(16), "raw.nef"},
        {"webp", riff("WEBP", "VP8 "), "a.webp"},
        {"avi", riff("AVI ", "LIST"), "a.avi"},
        {"wav", riff("WAVE", "fmt "), "a.wav"},
        {"heic", ftyp("heic", {"mif1", "heic"}), "IMG_0002.HEIC"},
        {"heic", ftyp("mif1", {"mif1", "heic"}), "IMG_0003.heic"},
        {"heif", ftyp("mif1", {"mif1"}), "a.heif"},
        {"avif", ftyp("avif", {"avif", "mif1"}), "a.avif"},
        {"mp4", ftyp("isom", {"isom", "iso2", "avc1", "mp41"}), "clip.mp4"},
        {"mp4", ftyp("XAVC", {"XAVC", "mp42"}), "clip.mp4"},
        {"mp4", ftyp("zzzz", {}), "clip.mp4"},
        {"mov", ftyp("qt  ", {"qt  "}), "IMG_0004.MOV"},
        {"mov", be32(8) + bytes("wide") + be32(16) + bytes("mdat"), "old.mov"},
        {"3gp", ftyp("3gp4", {"isom", "3gp4"}), "a.3gp"},
        {"m4a", ftyp("M4A ", {"M4A ", "mp42", "isom"}), "voice.m4a"},
        {"cr3", ftyp("crx ", {"crx ", "isom"}), "a.cr3"},
        {"mkv", ebml("matroska"), "a.mkv"},
        {"webm", ebml("webm"), "a.webm"},
        {"mp3", bytes("ID3\x04\0\0\0\0\0\x0A"s) + zeros(10), "song.mp3"},
        {"mp3", mp3Frames(), "song.mp3"},
        {"ogg", bytes("OggS\0\x02"s) + zeros(20), "voice.opus"},
        {"flac", bytes("fLaC\0\0\0\x22"s) + zeros(34), "a.flac"},
        {"pdf", bytes("%PDF-1.7\n%\xE2\xE3\xCF\xD3\n1 0 obj\n"s), "a.pdf"},
        {"zip", zipEntry("hello.txt", "hello") + zipEntry("b.txt", "b"), "a.zip"},
        {"zip", bytes("PK\x05\x06"s) + zeros(18), "empty.zip"},
        {"docx", zipEntry("[Content_Types].xml", "<Types/>") + zipEntry("_rels/.rels", "x")
                     + zipEntry("word/document.xml", "<w:document/>"), "report.docx"},
        {"xlsx", zipEntry("[Content_Types].xml", "<Types/>") + zipEntry("xl/workbook.xml", "<w/>"),
         "book.xlsx"},
        {"pptx", zipEntry("[Content_Types].xml", "<Types/>") + zipEntry("ppt/presentation.xml", "<p/>"),
         "deck.pptx"},
        {"ooxml", zipEntry("[Content_Types].xml", "<Types/>"), "unknown.docx"},
        {"odt", zipEntry("mimetype", "application/vnd.oasis.opendocument.text"), "a.odt"},
        {"ods", zipEntry("mimetype", "application/vnd.oasis.opendocument.spreadsheet"), "a.ods"},
        {"epub", zipEntry("mimetype", "application/epub+zip"), "book.epub"},
        {"apk", zipEntry("AndroidManifest.xml", "\x03\0\x08\0"s) + zipEntry("classes.dex", "dex"),
         "app.apk"},
        {"apk", zipEntry("META-INF/MANIFEST.MF", "M") + zipEntry("classes.dex", "dex"), "app.apk"},
        {"jar", zipEntry("META-INF/MANIFEST.MF", "Manifest-Version: 1.0\n"), "lib.jar"},
        {"rar", bytes("Rar!\x1A\x07\x00\xCF\x90\x73\0\0"s), "a.rar"},
        {"rar", bytes("Rar!\x1A\x07\x01\x00"s) + zeros(8), "a.rar"},
        {"7z", bytes("7z\xBC\xAF\x27\x1C\x00\x04"s) + zeros(24), "a.7z"},
        {"gzip", bytes("\x1F\x8B\x08\x00"s) + zeros(4) + bytes("\x00\x03"s), "a.tar.gz"},
        {"bzip2", bytes("BZh91AY&SY"s) + zeros(8), "a.bz2"},
        {"xz", bytes("\xFD" "7zXZ\0\0\x04"s) + zeros(8), "a.xz"},
        {"tar", tarFile(), "a.tar"},
        {"cab", bytes("MSCF\0\0\0\0"s) + zeros(24), "a.cab"},
        {"sqlite", bytes("SQLite format 3\0\x10\0\x01\x01\0\x40\x20\x20"s) + zeros(84), "msgstore.db"},
        {"sqlite-wal", bytes("\x37\x7F\x06\x82\x00\x2D\xE2\x18"s) + be32(4096) + zeros(20),
         "msgstore.db-wal"},
        {"sqlite-wal", bytes("\x37\x7F\x06\x83\x00\x2D\xE2\x18"s) + be32(4096) + zeros(20),
         "places.sqlite-wal"},
        {"sqlite-journal", bytes("\xD9\xD5\x05\xF9\x20\xA1\x63\xD7"s) + zeros(20), "msgstore.db-journal"},
        {"ole2", bytes("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1"s) + zeros(24) + le16(0x3E) + le16(3), "a.doc"},
        {"pe", peFile(), "setup.exe"},
        {"elf", bytes("\x7F" "ELF\x02\x01\x01\0"s) + zeros(8) + le16(3) + le16(0x3E), "libfoo.so.1"},
        {"macho", bytes("\xCF\xFA\xED\xFE\x07\0\0\x01"s) + zeros(8), "libfoo.dylib"},
        {"macho", bytes("\xCA\xFE\xBA\xBE\0\0\0\x02"s) + zeros(40), "tool"},
        {"java-class", bytes("\xCA\xFE\xBA\xBE\0\0\0\x34"s) + zeros(8), "Main.class"},
        {"bplist", bytes("bplist00\xD1\x01\x02"s) + zeros(8), "com.apple.plist"},
        {"xml-plist",
         bytes("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE plist PUBLIC \"-//Apple//DTD PLIST "
               "1.0//EN\" \"http://www.apple.com/DTDs/PropertyList-1.0.dtd\">\n<plist version=\"1.0\">"
               "<dict/></plist>\n"),
         "Info.plist"},
        {"html", bytes("<!DOCTYPE html>\n<html><head><title>t</title></head><body></body></html>\n"),
         "index.html"},
        {"html", bytes("  <HTML>\n<BODY>hi</BODY></HTML>"), "page.htm"},
        {"xml", bytes("<?xml version=\"1.0\"?>\n<root><item>1</item></root>\n"), "data.xml"},
        {"svg", bytes("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"1\"/>"), "a.svg"},
        {"json", bytes("{\"messages\": [{\"id\": 1}]}\n"), "export.json"},
        {"json", bytes("[ 1, 2, 3 ]"), "array.json"},
        {"json", bytes("\n[{\"a\":true}]"), "a.json"},
        {"rtf", bytes("{\\rtf1\\ansi\\deff0 {\\fonttbl}}"), "letter.rtf"},
        {"text-utf8bom", bytes("\xEF\xBB\xBFhello world\n"s), "notes.txt"},
        {"text-utf16le", utf16("Windows Registry Editor\r\n", true), "export.reg"},
        {"text-utf16be", utf16("hello\n", false), "a.txt"},
        {"text", bytes("Hello, world.\nSecond line\n"), "a.txt"},
        {"text", bytes("Gr\xC3\xBC\xC3\x9F" "e aus K\xC3\xB6ln \xF0\x9F\x98\x80\n"s), "gruss.log"},
        {"text", bytes("[2024-01-01 12:00:00] service started\n"), "service.log"},
        {"text", bytes("id,name\n1,alice\n"), "people.csv"},
        {"ewf", bytes("EVF\x09\x0D\x0A\xFF\x00\x01\x01\x00\x00\x00"s) + zeros(8), "image.E01"},
        {"ewf", bytes("LVF\x09\x0D\x0A\xFF\x00\x01\x01\x00\x00\x00"s) + zeros(8), "files.L01"},
        {"ewf", bytes("EVF2\x0D\x0A\x81\x00"s) + zeros(8), "image.Ex01"},
        {"lnk", bytes("\x4C\0\0\0\x01\x14\x02\0\0\0\0\0\xC0\0\0\0\0\0\0\x46"s) + zeros(56), "doc.lnk"},
        {"regf", bytes("regf"s) + le32(1) + le32(1) + zeros(20), "NTUSER.DAT"},
        {"evtx", bytes("ElfFile\0"s) + zeros(24), "Security.evtx"},
        {"evt", bytes("\x30\0\0\0LfLe\x01\0\0\0"s) + zeros(20), "SysEvent.Evt"},
    };
}

// ---- detection ----------------------------------------------------------------------------

TEST(Signature, DetectsEveryTypeFromItsHeader)
{
    for (const Case &c : allCases()) {
        SCOPED_TRACE(c.agreeingName);
        const Signature sig = detect(c.head);
        EXPECT_EQ(sig.type, c.type);
        EXPECT_FALSE(sig.mime.empty());
        EXPECT_NE(sig.mime, "application/octet-stream");
        EXPECT_FALSE(sig.extensions.empty());
        EXPECT_FALSE(extensionMismatch(sig, c.agreeingName));
        EXPECT_TRUE(extensionMismatch(sig, "renamed.qqq"));
    }
}

TEST(Signature, EveryListedExtensionAgrees)
{
    for (const Case &c : allCases()) {
        const Signature sig = detect(c.head);
        std::string_view list = sig.extensions;
        while (!list.empty()) {
            const auto space = list.find(' ');
            const std::string ext(list.substr(0, space));
            EXPECT_FALSE(extensionMismatch(sig, "file." + ext)) << c.type << " ." << ext;
            list = space == std::string_view::npos ? std::string_view{} : list.substr(space + 1);
        }
    }
}

TEST(Signature, TruncatedHeadsAreUnknown)
{
    for (const Case &c : allCases()) {
        for (std::size_t n : {0u, 1u, 2u, 3u}) {
            const Bytes head(c.head.begin(), c.head.begin() + static_cast<std::ptrdiff_t>(n));
            EXPECT_EQ(detect(head).type, "") << c.type << " cut to " << n << " bytes";
            EXPECT_EQ(detect(head).mime, "application/octet-stream");
        }
    }
}

TEST(Signature, EveryPrefixIsSafe)
{
    // Under -fsanitize=address this proves no read goes past the head.
    for (const Case &c : allCases()) {
        for (std::size_t n = 0; n <= c.head.size(); ++n) {
            const Bytes head(c.head.begin(), c.head.begin() + static_cast<std::ptrdiff_t>(n));
            const Signature sig = detect(head);
            EXPECT_FALSE(extensionMismatch(Signature{}, "x.png"));
            (void)extensionMismatch(sig, "x.bin");
        }
    }
}

TEST(Signature, RandomBytesAreUnknown)
{
    std::mt19937 rng(20240601u);   // the engine's output is fixed by the standard
    for (int round = 0; round < 300; ++round) {
        const std::size_t size = round % 3 == 0 ? kSignatureHeadSize : rng() % 600;
        Bytes head(size);
        for (auto &b : head)
            b = static_cast<unsigned char>(rng() & 0xFF);
        EXPECT_EQ(detect(head).type, "") << "round " << round << " size " << size;
    }
}

TEST(Signature, RejectsLookalikes)
{
    EXPECT_EQ(detect(bytes("BM this is text, not a bitmap")).type, "text");
    EXPECT_EQ(detect(bytes("BZh9 nope, plain text")).type, "text");
    Bytes notPe = peFile();
    notPe[0x80] = 'X';
    EXPECT_EQ(detect(notPe).type, "");
    Bytes brokenMp3 = mp3Frames();
    brokenMp3[417] = 0x00;   // the second frame header is missing
    EXPECT_EQ(detect(brokenMp3).type, "");
    EXPECT_EQ(detect(bytes("RIFF\x10\0\0\0XXXX"s)).type, "");
    EXPECT_EQ(detect(bytes("abc\0def\0"s)).type, "");   // NUL bytes are not text
    EXPECT_EQ(detect(bytes("\xC3\x28 invalid utf-8"s)).type, "");
}

TEST(Signature, FullSizeHeadIsAccepted)
{
    Bytes head = bytes("\x89PNG\r\n\x1A\n"s) + zeros(kSignatureHeadSize - 8);
    EXPECT_EQ(detect(head).type, "png");
    Bytes text(kSignatureHeadSize, 'a');
    text[kSignatureHeadSize - 2] = 0xE2;   // a UTF-8 sequence cut off by the head's end
    text[kSignatureHeadSize - 1] = 0x82;
    EXPECT_EQ(detect(text).type, "text");
}

// ---- extension mismatch -------------------------------------------------------------------

Signature sigOf(const std::string &type)
{
    for (const Case &c : allCases()) {
        if (c.type == type)
            return detect(c.head);
    }
    ADD_FAILURE() << "no sample for " << type;
    return {};
}

TEST(ExtensionMismatch, BasicCases)
{
    EXPECT_TRUE(extensionMismatch(sigOf("png"), "holiday.txt"));
    EXPECT_FALSE(extensionMismatch(sigOf("jpeg"), "photo.jpg"));
    EXPECT_FALSE(extensionMismatch(sigOf("jpeg"), "PHOTO.JPG"));
    EXPECT_TRUE(extensionMismatch(sigOf("jpeg"), "photo.png"));
    EXPECT_TRUE(extensionMismatch(sigOf("jpeg"), "/DCIM/100APPLE/IMG_1.dll"));
}

TEST(ExtensionMismatch, UnknownOrNoExtensionNeverMismatches)
{
    EXPECT_FALSE(extensionMismatch(detect(zeros(64)), "file.jpg"));
    EXPECT_FALSE(extensionMismatch(sigOf("png"), "README"));
    EXPECT_FALSE(extensionMismatch(sigOf("png"), "trailing."));
    EXPECT_FALSE(extensionMismatch(sigOf("text"), ".bashrc"));
    EXPECT_FALSE(extensionMismatch(sigOf("png"), "C:\\Users\\a.b\\thumbnail"));
    EXPECT_FALSE(extensionMismatch(sigOf("png"), "/home/a.b/thumbnail"));
}

TEST(ExtensionMismatch, ZipFamily)
{
    EXPECT_FALSE(extensionMismatch(sigOf("docx"), "report.docx"));
    EXPECT_FALSE(extensionMismatch(sigOf("docx"), "report.zip"));
    EXPECT_FALSE(extensionMismatch(sigOf("zip"), "report.docx"));
    EXPECT_FALSE(extensionMismatch(sigOf("zip"), "app.apk"));
    EXPECT_FALSE(extensionMismatch(sigOf("odt"), "letter.ODT"));
    EXPECT_TRUE(extensionMismatch(sigOf("docx"), "report.jpg"));
    EXPECT_TRUE(extensionMismatch(sigOf("zip"), "holiday.jpg"));
}

TEST(ExtensionMismatch, TextFamily)
{
    for (const char *name : {"a.txt", "a.log", "a.csv", "a.md", "a.json", "a.xml", "a.html", "a.ini",
                             "a.conf", "a.cfg", "a.py", "a.c", "a.h"}) {
        EXPECT_FALSE(extensionMismatch(sigOf("text"), name)) << name;
        EXPECT_FALSE(extensionMismatch(sigOf("json"), name)) << name;
        EXPECT_FALSE(extensionMismatch(sigOf("html"), name)) << name;
    }
    EXPECT_TRUE(extensionMismatch(sigOf("text"), "a.exe"));
    EXPECT_TRUE(extensionMismatch(sigOf("text"), "a.jpg"));
}

TEST(ExtensionMismatch, SqliteNames)
{
    const Signature sqlite = sigOf("sqlite");
    for (const char *name : {"msgstore.db", "places.sqlite", "a.sqlite3", "sms.sqlitedb", "History",
                             "Cookies", "Login Data"})
        EXPECT_FALSE(extensionMismatch(sqlite, name)) << name;
    EXPECT_TRUE(extensionMismatch(sqlite, "holiday.jpg"));
    EXPECT_FALSE(extensionMismatch(sigOf("sqlite-wal"), "History-wal"));
    EXPECT_FALSE(extensionMismatch(sigOf("sqlite-journal"), "cookies.sqlite-journal"));
}

TEST(ExtensionMismatch, MediaAndImageFamilies)
{
    EXPECT_FALSE(extensionMismatch(sigOf("mp4"), "clip.mov"));
    EXPECT_FALSE(extensionMismatch(sigOf("mov"), "clip.MP4"));
    EXPECT_FALSE(extensionMismatch(sigOf("heif"), "IMG_1.HEIC"));
    EXPECT_FALSE(extensionMismatch(sigOf("webm"), "a.mkv"));
    EXPECT_TRUE(extensionMismatch(sigOf("mp4"), "clip.jpg"));
}

TEST(ExtensionMismatch, SegmentsAndVersionedLibraries)
{
    EXPECT_FALSE(extensionMismatch(sigOf("ewf"), "image.E02"));
    EXPECT_FALSE(extensionMismatch(sigOf("ewf"), "image.EAB"));
    EXPECT_FALSE(extensionMismatch(sigOf("ewf"), "image.Ex02"));
    EXPECT_TRUE(extensionMismatch(sigOf("ewf"), "image.raw"));
    EXPECT_FALSE(extensionMismatch(sigOf("elf"), "libssl.so.3"));
    EXPECT_TRUE(extensionMismatch(sigOf("elf"), "cat.jpg"));
}

} // namespace
} // namespace vigil
