// SPDX-License-Identifier: GPL-3.0-or-later
// readMetadata on files whose tags were written with exiv2, and on real camera files.

#include "plugins/media/exif/exif.h"
#include "tests/plugins/media/decode/testimages.h"
#include "tests/plugins/media/exif/exiftestutil.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <thread>

namespace vigil::media::test {
namespace {

constexpr std::int64_t kNs = 1'000'000'000;
// 2024-05-01T14:03:22 read as UTC: 1714521600 (2024-05-01T00:00:00Z) + 14:03:22.
constexpr std::int64_t kLocalSeconds = 1714521600 + 14 * 3600 + 3 * 60 + 22;

Exiv2::ExifData fullExif()
{
    Exiv2::ExifData exif;
    exif["Exif.Image.Make"] = "TestCam Industries";
    exif["Exif.Image.Model"] = "TC-1 Mark II";
    exif["Exif.Image.Software"] = "vigil-test 1.0";
    exif["Exif.Image.Orientation"] = std::uint16_t(6);
    exif["Exif.Photo.BodySerialNumber"] = "SN-000042";
    exif["Exif.Photo.LensModel"] = "Test 35mm f/2";
    exif["Exif.Photo.DateTimeOriginal"] = "2024:05:01 14:03:22";
    exif["Exif.Photo.SubSecTimeOriginal"] = "25";
    exif["Exif.Photo.OffsetTimeOriginal"] = "+01:00";
    exif["Exif.GPSInfo.GPSLatitudeRef"] = "S";
    exif["Exif.GPSInfo.GPSLatitude"] = dmsRationals(33.856784);
    exif["Exif.GPSInfo.GPSLongitudeRef"] = "W";
    exif["Exif.GPSInfo.GPSLongitude"] = dmsRationals(151.215297);
    exif["Exif.GPSInfo.GPSAltitudeRef"] = "1";
    exif["Exif.GPSInfo.GPSAltitude"] = "125/10";
    return exif;
}

MediaMetadata readOk(const Bytes &bytes)
{
    auto meta = readMetadata(bytes);
    EXPECT_TRUE(meta) << meta.error().toString();
    return meta ? *meta : MediaMetadata{};
}

void expectFullTags(const MediaMetadata &meta)
{
    EXPECT_EQ(meta.make, "TestCam Industries");
    EXPECT_EQ(meta.model, "TC-1 Mark II");
    EXPECT_EQ(meta.software, "vigil-test 1.0");
    EXPECT_EQ(meta.serial, "SN-000042");
    EXPECT_EQ(meta.lensModel, "Test 35mm f/2");
    EXPECT_EQ(meta.orientation, 6);
    EXPECT_EQ(meta.captureTimeRaw, "2024:05:01 14:03:22");
    EXPECT_EQ(meta.captureTimeLocalNs, kLocalSeconds * kNs + 250'000'000);
    EXPECT_EQ(meta.captureTimeUtcNs, (kLocalSeconds - 3600) * kNs + 250'000'000);
    EXPECT_EQ(meta.timeZoneOffset, "+01:00");
    ASSERT_TRUE(meta.gps);
    EXPECT_NEAR(meta.gps->latitude, -33.856784, 1e-6);
    EXPECT_NEAR(meta.gps->longitude, -151.215297, 1e-6);
    ASSERT_TRUE(meta.gps->altitudeM);
    EXPECT_DOUBLE_EQ(*meta.gps->altitudeM, -12.5);
}

TEST(ExifTest, JpegTagsReadBackExactly)
{
    const MediaMetadata meta = readOk(withMetadata(drawScene(64, 48, 1), ".jpg", fullExif()));
    expectFullTags(meta);
    EXPECT_EQ(meta.pixelWidth, 64);
    EXPECT_EQ(meta.pixelHeight, 48);
}

TEST(ExifTest, PngWebpAndTiffCarryExif)
{
    for (const char *extension : {".png", ".webp", ".tiff"}) {
        SCOPED_TRACE(extension);
        const MediaMetadata meta = readOk(withMetadata(drawScene(64, 48, 2), extension, fullExif()));
        expectFullTags(meta);
        EXPECT_EQ(meta.pixelWidth, 64);
        EXPECT_EQ(meta.pixelHeight, 48);
    }
}

TEST(ExifTest, HeicExifThroughExiv2Bmff)
{
    const auto heic = makeHeic(drawScene(320, 240, 3), 1, exifTiffBlob(fullExif()));
    if (!heic)
        GTEST_SKIP() << "libheif has no HEVC encoder here";
    const auto meta = readMetadata(*heic);
    ASSERT_TRUE(meta) << meta.error().toString();
    expectFullTags(*meta);
    EXPECT_EQ(meta->pixelWidth, 320);
    EXPECT_EQ(meta->pixelHeight, 240);
}

TEST(ExifTest, GpsRoundTripToOneMicrodegree)
{
    struct Place { double lat, lon; };
    const Place places[] = {{51.477928, -0.001545}, {-33.856784, 151.215297}, {40.689247, -74.044502},
                            {-89.999999, 179.999999}, {0.000001, -0.000001}, {64.128288, -21.827774}};
    for (const Place &place : places) {
        Exiv2::ExifData exif;
        exif["Exif.GPSInfo.GPSLatitudeRef"] = place.lat < 0 ? "S" : "N";
        exif["Exif.GPSInfo.GPSLatitude"] = dmsRationals(std::abs(place.lat));
        exif["Exif.GPSInfo.GPSLongitudeRef"] = place.lon < 0 ? "W" : "E";
        exif["Exif.GPSInfo.GPSLongitude"] = dmsRationals(std::abs(place.lon));
        exif["Exif.GPSInfo.GPSAltitudeRef"] = "0";
        exif["Exif.GPSInfo.GPSAltitude"] = "8848/1";
        const MediaMetadata meta = readOk(withMetadata(drawScene(32, 32, 4), ".jpg", exif));
        ASSERT_TRUE(meta.gps);
        EXPECT_NEAR(meta.gps->latitude, place.lat, 1e-6);
        EXPECT_NEAR(meta.gps->longitude, place.lon, 1e-6);
        EXPECT_EQ(meta.gps->altitudeM, 8848.0);
    }
}

TEST(ExifTest, InvalidGpsIsDropped)
{
    Exiv2::ExifData exif;
    exif["Exif.GPSInfo.GPSLatitude"] = "0/0 0/0 0/0";   // blank fields some cameras write
    exif["Exif.GPSInfo.GPSLongitude"] = "10/1 0/1 0/1";
    EXPECT_FALSE(readOk(withMetadata(drawScene(32, 32, 5), ".jpg", exif)).gps);
    exif["Exif.GPSInfo.GPSLatitude"] = "95/1 0/1 0/1";   // beyond the pole
    EXPECT_FALSE(readOk(withMetadata(drawScene(32, 32, 5), ".jpg", exif)).gps);
}

TEST(ExifTest, ZoneFromGpsTimestampWhenNoOffsetTag)
{
    Exiv2::ExifData exif;
    exif["Exif.Photo.DateTimeOriginal"] = "2024:05:01 14:03:22";
    exif["Exif.GPSInfo.GPSDateStamp"] = "2024:05:01";
    exif["Exif.GPSInfo.GPSTimeStamp"] = "12/1 3/1 20/1";   // 12:03:20 UTC, 2 s before the camera
    const MediaMetadata meta = readOk(withMetadata(drawScene(32, 32, 6), ".jpg", exif));
    EXPECT_EQ(meta.timeZoneOffset, "+02:00");
    EXPECT_EQ(meta.captureTimeLocalNs, kLocalSeconds * kNs);
    EXPECT_EQ(meta.captureTimeUtcNs, (kLocalSeconds - 7200) * kNs);

    exif["Exif.GPSInfo.GPSDateStamp"] = "2024:05:02";
    exif["Exif.GPSInfo.GPSTimeStamp"] = "0/1 33/1 22/1";   // UTC next day: local is UTC-10:30
    const MediaMetadata west = readOk(withMetadata(drawScene(32, 32, 6), ".jpg", exif));
    EXPECT_EQ(west.timeZoneOffset, "-10:30");
    EXPECT_EQ(west.captureTimeUtcNs, (kLocalSeconds + 10 * 3600 + 1800) * kNs);
}

TEST(ExifTest, StaleGpsTimeOrNoZoneGivesLocalTimeOnly)
{
    Exiv2::ExifData exif;
    exif["Exif.Photo.DateTimeOriginal"] = "2024:05:01 14:03:22";
    const MediaMetadata plain = readOk(withMetadata(drawScene(32, 32, 7), ".jpg", exif));
    EXPECT_EQ(plain.captureTimeLocalNs, kLocalSeconds * kNs);
    EXPECT_FALSE(plain.captureTimeUtcNs);
    EXPECT_FALSE(plain.timeZoneOffset);

    exif["Exif.GPSInfo.GPSDateStamp"] = "2024:05:01";
    exif["Exif.GPSInfo.GPSTimeStamp"] = "12/1 10/1 0/1";   // 1 h 53 min 22 s: 7 min off any quarter hour
    const MediaMetadata stale = readOk(withMetadata(drawScene(32, 32, 7), ".jpg", exif));
    EXPECT_FALSE(stale.captureTimeUtcNs);
    EXPECT_FALSE(stale.timeZoneOffset);
}

TEST(ExifTest, BlankDateIsKeptRawButNotParsed)
{
    Exiv2::ExifData exif;
    exif["Exif.Photo.DateTimeOriginal"] = "0000:00:00 00:00:00";
    const MediaMetadata meta = readOk(withMetadata(drawScene(32, 32, 8), ".jpg", exif));
    EXPECT_EQ(meta.captureTimeRaw, "0000:00:00 00:00:00");
    EXPECT_FALSE(meta.captureTimeLocalNs);
    EXPECT_FALSE(meta.captureTimeUtcNs);
}

TEST(ExifTest, NoMetadataGivesDefaults)
{
    const cv::Mat scene = drawScene(120, 80, 9);
    for (const char *extension : {".jpg", ".png", ".webp", ".tiff", ".bmp"}) {
        SCOPED_TRACE(extension);
        const MediaMetadata meta = readOk(encode(scene, extension));
        EXPECT_FALSE(meta.captureTimeRaw);
        EXPECT_TRUE(meta.make.empty());
        EXPECT_TRUE(meta.model.empty());
        EXPECT_TRUE(meta.serial.empty());
        EXPECT_FALSE(meta.gps);
        EXPECT_EQ(meta.orientation, 1);
        EXPECT_EQ(meta.pixelWidth, 120);
        EXPECT_EQ(meta.pixelHeight, 80);
    }
}

TEST(ExifTest, OrientationOutOfRangeBecomesOne)
{
    for (const auto &[written, expected] : {std::pair{8, 8}, {0, 1}, {9, 1}, {3, 3}}) {
        Exiv2::ExifData exif;
        exif["Exif.Image.Orientation"] = std::uint16_t(written);
        EXPECT_EQ(readOk(withMetadata(drawScene(32, 32, 10), ".jpg", exif)).orientation, expected) << written;
    }
}

TEST(ExifTest, MakerNoteSerialWhenNoBodySerial)
{
    Exiv2::ExifData exif;
    exif["Exif.Image.Make"] = "Canon";
    exif["Exif.Image.Model"] = "Canon EOS 5D Mark III";
    exif["Exif.Canon.SerialNumber"] = std::uint32_t(1234567);
    const MediaMetadata meta = readOk(withMetadata(drawScene(32, 32, 11), ".jpg", exif));
    EXPECT_EQ(meta.serial, "1234567");
    exif["Exif.Photo.BodySerialNumber"] = "BODY-1";   // the standard tag wins
    EXPECT_EQ(readOk(withMetadata(drawScene(32, 32, 11), ".jpg", exif)).serial, "BODY-1");
}

TEST(ExifTest, XmpFallbacksWhenExifIsMissing)
{
    Exiv2::XmpData xmp;
    xmp["Xmp.tiff.Make"] = "XmpMaker";
    xmp["Xmp.tiff.Model"] = "XmpModel 3";
    xmp["Xmp.aux.SerialNumber"] = "XMP-SERIAL-9";
    xmp["Xmp.aux.Lens"] = "XMP 50mm";
    xmp["Xmp.xmp.CreatorTool"] = "XmpTool 2";
    const MediaMetadata meta = readOk(withMetadata(drawScene(32, 32, 12), ".jpg", Exiv2::ExifData{}, xmp));
    EXPECT_EQ(meta.make, "XmpMaker");
    EXPECT_EQ(meta.model, "XmpModel 3");
    EXPECT_EQ(meta.serial, "XMP-SERIAL-9");
    EXPECT_EQ(meta.lensModel, "XMP 50mm");
    EXPECT_EQ(meta.software, "XmpTool 2");
}

TEST(ExifTest, TextIsTrimmedAndValidUtf8)
{
    Exiv2::ExifData exif;
    exif["Exif.Image.Make"] = "  Padded Maker   ";
    exif["Exif.Image.Model"] = std::string("Caf\xE9 2000");   // Latin-1, not UTF-8
    const MediaMetadata meta = readOk(withMetadata(drawScene(32, 32, 13), ".jpg", exif));
    EXPECT_EQ(meta.make, "Padded Maker");
    EXPECT_EQ(meta.model, "Caf\xEF\xBF\xBD 2000");   // U+FFFD
}

// Offset of the APP1 (EXIF) segment's payload in a JPEG written by exiv2.
std::size_t exifSegment(const Bytes &jpeg, std::size_t &length)
{
    for (std::size_t i = 2; i + 4 < jpeg.size(); ++i) {
        if (jpeg[i] == 0xFF && jpeg[i + 1] == 0xE1) {
            length = std::size_t(jpeg[i + 2]) << 8 | jpeg[i + 3];
            return i + 4;
        }
    }
    return 0;
}

TEST(ExifTest, TruncatedAndDamagedExifSegmentsNeverCrash)
{
    const Bytes jpeg = withMetadata(drawScene(64, 48, 14), ".jpg", fullExif());
    std::size_t length = 0;
    const std::size_t payload = exifSegment(jpeg, length);
    ASSERT_GT(payload, 0u);
    // The file ends inside the EXIF segment.
    for (std::size_t cut = payload; cut < payload + length; cut += 7) {
        const auto meta = readMetadata(Bytes(jpeg.begin(), jpeg.begin() + std::ptrdiff_t(cut)));
        if (!meta) {
            EXPECT_NE(meta.error().code, ErrorCode::Internal);
        }
    }
    // The segment claims to be longer than the file.
    Bytes longer = jpeg;
    longer[payload - 2] = 0xFF;
    longer[payload - 1] = 0xFF;
    const auto claimed = readMetadata(longer);
    if (!claimed) {
        EXPECT_NE(claimed.error().code, ErrorCode::Internal);
    }
    // Random damage inside the TIFF structure of the segment.
    cv::RNG rng(77);
    int readable = 0;
    for (int variant = 0; variant < 400; ++variant) {
        Bytes bytes = jpeg;
        for (int c = 0; c < 1 + variant % 6; ++c)
            bytes[payload + 6 + std::size_t(rng.uniform(0, int(length) - 8))] = static_cast<unsigned char>(rng.uniform(0, 256));
        const auto meta = readMetadata(bytes);
        if (meta) {
            ++readable;
            EXPECT_GE(meta->orientation, 1);
            EXPECT_LE(meta->orientation, 8);
        } else {
            EXPECT_NE(meta.error().code, ErrorCode::Internal);
        }
    }
    EXPECT_GT(readable, 0);
}

TEST(ExifTest, GarbageEmptyAndTextAreErrors)
{
    const auto empty = readMetadata({});
    ASSERT_FALSE(empty);
    EXPECT_EQ(empty.error().code, ErrorCode::InvalidArgument);
    cv::RNG rng(5);
    Bytes random(5000);
    rng.fill(random, cv::RNG::UNIFORM, 0, 256);
    random[0] = 0x00;
    const std::string text = "just some text, no image here\n";
    for (const Bytes &bytes : {random, Bytes(text.begin(), text.end()), Bytes(300, 0)}) {
        const auto meta = readMetadata(bytes);
        ASSERT_FALSE(meta);
        EXPECT_EQ(meta.error().code, ErrorCode::Unsupported) << meta.error().toString();
    }
    // A JPEG cut right after its signature.
    const auto cut = readMetadata(Bytes{0xFF, 0xD8, 0xFF, 0xE1, 0x00});
    if (!cut) {
        EXPECT_NE(cut.error().code, ErrorCode::Internal);
    }
}

TEST(ExifTest, ConcurrentReadsAgree)
{
    const Bytes jpeg = withMetadata(drawScene(64, 48, 15), ".jpg", fullExif());
    Exiv2::XmpData xmp;
    xmp["Xmp.aux.SerialNumber"] = "XMP-THREADS";
    const Bytes xmpJpeg = withMetadata(drawScene(64, 48, 16), ".jpg", Exiv2::ExifData{}, xmp);
    std::atomic<int> failures{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t) {
        threads.emplace_back([&] {
            for (int i = 0; i < 40; ++i) {
                const auto a = readMetadata(jpeg);
                const auto b = readMetadata(xmpJpeg);
                if (!a || !b || a->serial != "SN-000042" || b->serial != "XMP-THREADS" || !a->gps
                    || a->captureTimeUtcNs != (kLocalSeconds - 3600) * kNs + 250'000'000)
                    ++failures;
            }
        });
    }
    for (auto &thread : threads)
        thread.join();
    EXPECT_EQ(failures.load(), 0);
}

TEST(ExifTest, RealCameraFiles)
{
    const auto dir = externalData() / "faces/face_recognition/examples";
    if (!std::filesystem::exists(dir / "obama.jpg"))
        GTEST_SKIP() << "external test data not found: " << dir;
    const MediaMetadata obama = readOk(readFile(dir / "obama.jpg"));
    EXPECT_EQ(obama.make, "Canon");
    EXPECT_EQ(obama.model, "Canon EOS 5D Mark III");
    EXPECT_EQ(obama.serial, "042033006980");   // Exif.Photo.BodySerialNumber
    EXPECT_EQ(obama.lensModel, "EF85mm f/1.2L USM");
    EXPECT_EQ(obama.software, "Adobe Photoshop CC 2017 (Macintosh)");
    EXPECT_EQ(obama.captureTimeRaw, "2012:12:06 15:46:01");
    EXPECT_EQ(obama.captureTimeLocalNs, std::int64_t(1354808761) * kNs);   // 2012-12-06T15:46:01 as UTC
    EXPECT_FALSE(obama.captureTimeUtcNs);
    EXPECT_EQ(obama.orientation, 1);
    EXPECT_EQ(obama.pixelWidth, 910);
    EXPECT_EQ(obama.pixelHeight, 1137);

    const MediaMetadata biden = readOk(readFile(dir / "biden.jpg"));
    EXPECT_EQ(biden.model, "Canon EOS 5D Mark II");
    EXPECT_EQ(biden.serial, "720305332");          // only in XMP (aux:SerialNumber)
    EXPECT_EQ(biden.lensModel, "EF35mm f/1.4L USM");   // aux:Lens

    // Photoshop wrote "2009:09:09 20:27:09.60:04:00": kept raw, the .60 s is used.
    const MediaMetadata odd = readOk(readFile(dir / "obama2.jpg"));
    EXPECT_EQ(odd.captureTimeRaw, "2009:09:09 20:27:09.60:04:00");
    EXPECT_EQ(odd.captureTimeLocalNs, std::int64_t(1252528029) * kNs + 600'000'000);

    const MediaMetadata gpsVersionOnly = readOk(readFile(dir / "knn_examples/test/alex_lacamoire1.jpg"));
    EXPECT_EQ(gpsVersionOnly.make, "NIKON CORPORATION");
    EXPECT_FALSE(gpsVersionOnly.gps);
}

} // namespace
} // namespace vigil::media::test
