// SPDX-License-Identifier: GPL-3.0-or-later
// Format-specific behaviour: damaged JPEG and PNG data, ZIP variants, SQLite headers and WAL
// generations, QuickTime vs MP4.
#include "carvetestutil.h"

#include <algorithm>

using namespace carvetest;

namespace {

// The first SOS segment's data start in a JPEG.
std::size_t scanDataStart(const Bytes &jpeg)
{
    std::size_t pos = 2;
    while (pos + 4 < jpeg.size() && jpeg[pos] == 0xFF) {
        const unsigned marker = jpeg[pos + 1];
        const std::size_t length = std::size_t(jpeg[pos + 2]) << 8 | jpeg[pos + 3];
        pos += 2 + length;
        if (marker == 0xDA)
            return pos;
    }
    return 0;
}

CarvedItem onlyItem(const Bytes &region, const CarveOptions &options = {})
{
    const CarveOutput out = carveBytes(region, options);
    EXPECT_EQ(out.items.size(), 1u) << describe(out.items);
    return out.items.empty() ? CarvedItem{} : out.items[0];
}

TEST(JpegCarver, CorruptedMiddleIsPartialWithHowFarItDecoded)
{
    Bytes jpeg = sampleOf("jpeg")->bytes;
    const std::size_t data = scanDataStart(jpeg);
    ASSERT_GT(data, 0u);
    const std::size_t middle = data + (jpeg.size() - data) / 2;
    const Bytes garbage = noise(2048, 20);
    std::copy(garbage.begin(), garbage.end(), jpeg.begin() + long(middle));
    const CarvedItem item = onlyItem(concat({noise(4096, 21), jpeg, noise(4096, 22)}));
    EXPECT_EQ(item.offset, 4096u);
    EXPECT_EQ(item.status, CarveStatus::Partial);
    EXPECT_NE(item.note.find(" %"), std::string::npos) << item.note;
    EXPECT_LE(item.length, jpeg.size());
}

TEST(JpegCarver, MiddleOverwrittenWithZerosIsPartial)
{
    Bytes jpeg = sampleOf("jpeg")->bytes;
    const std::size_t data = scanDataStart(jpeg);
    const std::size_t middle = data + (jpeg.size() - data) / 3;
    std::fill(jpeg.begin() + long(middle), jpeg.begin() + long(middle + 8192), 0);
    const CarvedItem item = onlyItem(concat({noise(512, 23), jpeg}));
    EXPECT_EQ(item.status, CarveStatus::Partial) << item.note;
}

TEST(JpegCarver, SecondJpegWrittenOverTheTailEndsTheFirst)
{
    const Bytes first = sampleOf("jpeg")->bytes;
    const Bytes second = makeJpeg(200, 100, 24);
    const std::size_t cut = first.size() / 2;
    const Bytes region = concat({noise(100, 25), Bytes(first.begin(), first.begin() + long(cut)), second, noise(100, 26)});
    const CarveOutput out = carveBytes(region);
    ASSERT_EQ(out.items.size(), 2u) << describe(out.items);
    EXPECT_EQ(out.items[0].status, CarveStatus::Partial);
    EXPECT_EQ(out.items[0].length, cut);   // up to the second file's SOI
    EXPECT_EQ(out.items[1].offset, 100 + cut);
    EXPECT_EQ(out.items[1].length, second.size());
    EXPECT_EQ(out.items[1].status, CarveStatus::Complete);
}

TEST(JpegCarver, TruncatedJpegFollowedByZerosKeepsOnlyItsData)
{
    const Bytes jpeg = sampleOf("jpeg")->bytes;
    const std::size_t cut = (jpeg.size() / 2 + 4095) / 4096 * 4096;   // a file system block boundary
    const Bytes png = sampleOf("png")->bytes;
    const Bytes region = concat({Bytes(jpeg.begin(), jpeg.begin() + long(cut)), Bytes(40960, 0), png});
    const CarveOutput out = carveBytes(region);
    ASSERT_EQ(out.items.size(), 2u) << describe(out.items);
    EXPECT_EQ(out.items[0].status, CarveStatus::Partial);
    EXPECT_EQ(out.items[0].length, cut);
    EXPECT_EQ(out.items[1].type, "png");
    EXPECT_EQ(out.items[1].status, CarveStatus::Complete);
}

TEST(PngCarver, OverwrittenImageDataFailsItsCrc)
{
    Bytes png = sampleOf("png")->bytes;
    const std::size_t middle = png.size() / 2;
    for (std::size_t i = 0; i < 64; ++i)
        png[middle + i] ^= 0x5A;
    const CarvedItem item = onlyItem(concat({noise(300, 27), png}));
    EXPECT_EQ(item.status, CarveStatus::Partial);
    EXPECT_EQ(item.length, png.size());   // the chunk structure still holds to IEND
    EXPECT_NE(item.note.find("CRC"), std::string::npos) << item.note;
}

TEST(PngCarver, OverwrittenChunkLengthDoesNotHideTheNextFile)
{
    Bytes png = sampleOf("png")->bytes;
    const std::size_t second = 8 + 25;   // the chunk after IHDR
    const std::uint32_t bogus = 30000;   // points into the noise after the file
    for (int i = 0; i < 4; ++i)
        png[second + std::size_t(i)] = static_cast<unsigned char>(bogus >> (24 - 8 * i));
    const Bytes next = makeImage(".png", 64, 48, 36);
    const CarveOutput out = carveBytes(concat({png, noise(100, 37), next}));
    ASSERT_EQ(out.items.size(), 2u) << describe(out.items);
    EXPECT_EQ(out.items[0].status, CarveStatus::Partial);
    EXPECT_EQ(out.items[0].length, second);   // ends before the chunk whose length is wrong
    EXPECT_EQ(out.items[1].offset, png.size() + 100);
    EXPECT_EQ(out.items[1].length, next.size());
}

TEST(ZipCarver, StreamedEntriesAreMeasuredByTheirDataDescriptors)
{
    const Bytes &zip = sampleNamed("zip-streamed")->bytes;
    ASSERT_TRUE(zip[6] & 0x08) << "the sample must use data descriptors (general purpose flag bit 3)";
    const CarvedItem item = onlyItem(concat({noise(99, 28), zip, noise(99, 29)}));
    EXPECT_EQ(item.length, zip.size());
    EXPECT_EQ(item.status, CarveStatus::Complete);
}

TEST(ZipCarver, OfficeDocumentsGetTheirExtension)
{
    const Bytes docx = makeZip({{"[Content_Types].xml", Bytes(200, 'x')},
                                {"_rels/.rels", Bytes(100, 'r')},
                                {"word/document.xml", Bytes(900, 'd')},
                                {"word/media/image1.jpeg", makeJpeg(80, 60, 30)}},
                               false);
    const CarvedItem item = onlyItem(concat({noise(50, 31), docx}));
    EXPECT_EQ(item.type, "zip");
    EXPECT_EQ(item.extension, "docx");
    EXPECT_EQ(item.length, docx.size());
}

TEST(ZipCarver, MissingCentralDirectoryIsPartialWithTheEntries)
{
    const Bytes &zip = sampleOf("zip")->bytes;
    // Locate the central directory and overwrite everything from it on.
    std::size_t cd = zip.size();
    for (std::size_t i = 0; i + 4 <= zip.size(); ++i)
        if (zip[i] == 'P' && zip[i + 1] == 'K' && zip[i + 2] == 1 && zip[i + 3] == 2) {
            cd = i;
            break;
        }
    ASSERT_LT(cd, zip.size());
    const Bytes region = concat({Bytes(zip.begin(), zip.begin() + long(cd)), noise(5000, 32)});
    const CarvedItem item = onlyItem(region);
    EXPECT_EQ(item.status, CarveStatus::Partial);
    EXPECT_EQ(item.length, cd);
}

TEST(ZipCarver, WholeFileStoredInADamagedZipIsCarvedToo)
{
    const Bytes jpeg = makeJpeg(160, 120, 33);
    const Bytes zip = makeZip({{"notes.txt", Bytes(2000, 'n')}, {"photo.jpg", jpeg}}, false, true);
    auto at = std::search(zip.begin(), zip.end(), jpeg.begin(), jpeg.end());
    ASSERT_NE(at, zip.end()) << "the JPEG must be stored uncompressed";
    const std::size_t jpegAt = std::size_t(at - zip.begin());
    const Bytes damaged(zip.begin(), zip.begin() + long(jpegAt + jpeg.size()));   // directory lost
    const CarveOutput out = carveBytes(concat({damaged, noise(3000, 34)}));
    ASSERT_EQ(out.items.size(), 2u) << describe(out.items);
    EXPECT_EQ(out.items[0].type, "zip");
    EXPECT_EQ(out.items[0].status, CarveStatus::Partial);
    EXPECT_EQ(out.items[1].type, "jpeg");
    EXPECT_EQ(out.items[1].offset, jpegAt);
    EXPECT_EQ(out.items[1].length, jpeg.size());
    EXPECT_EQ(out.items[1].status, CarveStatus::Complete);
    // Whole, the archive keeps its members to itself (the archive expander reads them).
    const CarveOutput whole = carveBytes(zip);
    ASSERT_EQ(whole.items.size(), 1u) << describe(whole.items);
    EXPECT_EQ(whole.items[0].status, CarveStatus::Complete);
}

TEST(PdfCarver, ImageOfACutPdfIsCarvedToo)
{
    const Bytes pdf = sampleOf("pdf")->bytes;
    const std::string endImage = "endstream";
    auto it = std::search(pdf.begin(), pdf.end(), endImage.begin(), endImage.end());
    const Bytes jpegMarker{0xFF, 0xD8, 0xFF};
    auto jpegStart = std::search(pdf.begin(), pdf.end(), jpegMarker.begin(), jpegMarker.end());
    ASSERT_NE(jpegStart, pdf.end());
    it = std::search(jpegStart, pdf.end(), endImage.begin(), endImage.end());
    ASSERT_NE(it, pdf.end());
    const Bytes cut(pdf.begin(), it + long(endImage.size()));   // ends after the image stream
    const CarveOutput out = carveBytes(concat({cut, noise(2000, 35)}));
    ASSERT_EQ(out.items.size(), 2u) << describe(out.items);
    EXPECT_EQ(out.items[0].type, "pdf");
    EXPECT_EQ(out.items[0].status, CarveStatus::Partial);
    EXPECT_EQ(out.items[1].type, "jpeg");
    EXPECT_EQ(out.items[1].offset, std::size_t(jpegStart - pdf.begin()));
    EXPECT_EQ(out.items[1].status, CarveStatus::Complete);
}

TEST(IsoMediaCarver, QuickTimeAndMp4AreTold)
{
    if (!haveFfmpeg())
        GTEST_SKIP() << "ffmpeg is needed to make the clips";
    EXPECT_EQ(onlyItem(sampleNamed("mov")->bytes).type, "mov");
    EXPECT_EQ(onlyItem(sampleNamed("mp4")->bytes).type, "mp4");
    EXPECT_EQ(onlyItem(sampleNamed("mp4")->bytes).extension, "mp4");
}

TEST(IsoMediaCarver, MediaDataWithoutIndexIsPartial)
{
    if (!haveFfmpeg())
        GTEST_SKIP() << "ffmpeg is needed to make the clips";
    Bytes mp4 = sampleNamed("mp4")->bytes;   // ftyp, free?, mdat, moov (moov last)
    // Overwrite the moov box type: the walk stops before it.
    const std::string moov = "moov";
    auto it = std::search(mp4.begin(), mp4.end(), moov.begin(), moov.end());
    ASSERT_NE(it, mp4.end());
    const std::size_t moovAt = std::size_t(it - mp4.begin()) - 4;
    std::fill(mp4.begin() + long(moovAt), mp4.end(), 0);
    const CarvedItem item = onlyItem(mp4);
    EXPECT_EQ(item.status, CarveStatus::Partial);
    EXPECT_EQ(item.length, moovAt);
    EXPECT_NE(item.note.find("moov"), std::string::npos) << item.note;
}

TEST(SqliteCarver, StaleHeaderPageCountIsEstimatedFromThePages)
{
    Bytes db = makeSqlite(1024, 400);
    db[92] ^= 0xFF;   // version-valid-for no longer matches the change counter
    const CarvedItem item = onlyItem(concat({noise(1024, 33), db, Bytes(8192, 0), noise(4096, 34)}));
    EXPECT_EQ(item.status, CarveStatus::Partial);
    EXPECT_EQ(item.length, db.size());
}

TEST(SqliteCarver, PageSizeOneMeans65536)
{
    Bytes db = makeSqlite(65536, 10);
    ASSERT_EQ(db[16], 0);   // big-endian 1
    ASSERT_EQ(db[17], 1);
    const CarvedItem item = onlyItem(concat({noise(10, 35), db, noise(10, 36)}));
    EXPECT_EQ(item.length, db.size());
    EXPECT_EQ(item.status, CarveStatus::Complete);
}

TEST(WalCarver, FramesOfAnOlderGenerationAreKept)
{
    const WalPair pair = makeWal(200, true);
    const std::uint32_t salt = std::uint32_t(pair.wal[16]) << 24 | std::uint32_t(pair.wal[17]) << 16 |
                               std::uint32_t(pair.wal[18]) << 8 | pair.wal[19];
    ASSERT_GT(pair.wal.size(), 32u + 10 * (24 + 1024));
    // Frame 0 has the new salts; a frame further on still has the old ones.
    const std::size_t later = 32 + 8 * (24 + 1024);
    const std::uint32_t oldSalt = std::uint32_t(pair.wal[later + 8]) << 24 | std::uint32_t(pair.wal[later + 9]) << 16 |
                                  std::uint32_t(pair.wal[later + 10]) << 8 | pair.wal[later + 11];
    ASSERT_NE(salt, oldSalt) << "the WAL did not restart";
    const CarvedItem item = onlyItem(concat({noise(77, 37), pair.wal, noise(3000, 38)}));
    EXPECT_EQ(item.length, pair.wal.size());
    EXPECT_NE(item.note.find("older"), std::string::npos) << item.note;
}

TEST(WalCarver, CutOffInsideAFrameIsPartial)
{
    const Bytes &wal = sampleOf("sqlite-wal")->bytes;
    const std::size_t frame = 24 + 1024;
    const std::size_t cut = 32 + 5 * frame + 100;
    const CarvedItem item = onlyItem(Bytes(wal.begin(), wal.begin() + long(cut)));
    EXPECT_EQ(item.status, CarveStatus::Partial);
    EXPECT_EQ(item.length, cut);
}

TEST(WalCarver, BadHeaderChecksumIsRejected)
{
    Bytes wal = sampleOf("sqlite-wal")->bytes;
    wal[12] ^= 1;   // checkpoint sequence: covered by the header checksum
    const CarveOutput out = carveBytes(wal);
    for (const CarvedItem &item : out.items)
        EXPECT_NE(item.type, "sqlite-wal") << describe(item);   // page 1 images inside the frames may still be carved
}

TEST(PdfCarver, NextPdfHeaderEndsAnUnfinishedOne)
{
    const Bytes pdf = sampleOf("pdf")->bytes;
    const Bytes head(pdf.begin(), pdf.begin() + long(pdf.size() / 2));
    const CarveOutput out = carveBytes(concat({head, noise(1000, 39), pdf}));
    // The cut PDF, perhaps the start of its image stream (a JPEG of its own), the whole PDF.
    ASSERT_GE(out.items.size(), 2u) << describe(out.items);
    ASSERT_LE(out.items.size(), 3u) << describe(out.items);
    EXPECT_EQ(out.items.front().type, "pdf");
    EXPECT_EQ(out.items.front().status, CarveStatus::Partial);
    EXPECT_LE(out.items.front().length, head.size());
    EXPECT_EQ(out.items.back().offset, head.size() + 1000);
    EXPECT_EQ(out.items.back().length, pdf.size());
    EXPECT_EQ(out.items.back().status, CarveStatus::Complete);
}

TEST(BmpCarver, InconsistentFileSizeIsRejected)
{
    Bytes bmp = sampleOf("bmp")->bytes;
    bmp[2] = static_cast<unsigned char>(bmp[2] + 0x80);   // bfSize no longer matches the pixels
    bmp[3] = static_cast<unsigned char>(bmp[3] + 0x40);
    const CarveOutput out = carveBytes(concat({noise(64, 40), bmp}));
    EXPECT_TRUE(out.items.empty()) << describe(out.items);
}

} // namespace
