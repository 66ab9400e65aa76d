// SPDX-License-Identifier: GPL-3.0-or-later
// EXIF date/time parsing and zone offsets (internal helpers of vigil_media_exif).

#include "plugins/media/exif/exiftime.h"

#include <gtest/gtest.h>

namespace vigil::media::detail {
namespace {

constexpr std::int64_t kNs = 1'000'000'000;

TEST(ExifTimeTest, ParsesExifAndIsoForms)
{
    EXPECT_EQ(parseExifDateTime("1970:01:01 00:00:00"), 0);
    EXPECT_EQ(parseExifDateTime("2024:05:01 14:03:22"), std::int64_t(1714572202) * kNs);
    EXPECT_EQ(parseExifDateTime("2024-05-01T14:03:22"), std::int64_t(1714572202) * kNs);
    EXPECT_EQ(parseExifDateTime("2024:05:01 14:03:22\0", "5"), std::int64_t(1714572202) * kNs + 500'000'000);
    EXPECT_EQ(parseExifDateTime("2024:05:01 14:03:22", "123456789123"), std::int64_t(1714572202) * kNs + 123'456'789);
    EXPECT_EQ(parseExifDateTime("2024:05:01 14:03:22.75"), std::int64_t(1714572202) * kNs + 750'000'000);
    EXPECT_EQ(parseExifDateTime("1965:03:04 05:06:07"), std::int64_t(-152391233) * kNs);   // before 1970
    EXPECT_EQ(parseExifDateTime("2000:02:29 12:00:00"), std::int64_t(951825600) * kNs);    // leap day
}

TEST(ExifTimeTest, RejectsBlankAndImpossibleValues)
{
    for (const char *bad : {"", "    :  :     :  :  ", "0000:00:00 00:00:00", "2023:02:29 10:00:00",
                            "2024:13:01 10:00:00", "2024:04:31 10:00:00", "2024:05:01 24:00:00",
                            "2024:05:01 10:60:00", "2024:05:01", "2024/05/01 10:00:00", "1850:01:01 00:00:00",
                            "2024:05-01 10:00:00", "garbage text here!!"})
        EXPECT_FALSE(parseExifDateTime(bad)) << bad;
}

TEST(ExifTimeTest, UtcOffsets)
{
    EXPECT_EQ(parseUtcOffset("+01:00"), 60);
    EXPECT_EQ(parseUtcOffset("-05:30"), -330);
    EXPECT_EQ(parseUtcOffset("+0545"), 345);
    EXPECT_EQ(parseUtcOffset("+14:00"), 840);
    EXPECT_EQ(parseUtcOffset(" +02:00\0"), 120);
    for (const char *bad : {"", "   :  ", "01:00", "+15:00", "+01:61", "+1:00", "Z", "+01:00:00"})
        EXPECT_FALSE(parseUtcOffset(bad)) << bad;
    EXPECT_EQ(formatUtcOffset(60), "+01:00");
    EXPECT_EQ(formatUtcOffset(-570), "-09:30");
    EXPECT_EQ(formatUtcOffset(0), "+00:00");
}

TEST(ExifTimeTest, GpsTimestampAndDerivedOffset)
{
    EXPECT_EQ(gpsTimestamp("2024:05:01", 12, 3, 20.5), std::int64_t(1714564999) * kNs + 1'500'000'000);
    EXPECT_FALSE(gpsTimestamp("2024:05:01", 25, 0, 0));
    EXPECT_FALSE(gpsTimestamp("    :  :  ", 1, 0, 0));

    const std::int64_t local = std::int64_t(1714572202) * kNs;
    EXPECT_EQ(offsetFromGps(local, local - 2 * 3600 * kNs + 90 * kNs), 120);   // camera 90 s off
    EXPECT_EQ(offsetFromGps(local, local + 5 * 3600 * kNs), -300);
    EXPECT_EQ(offsetFromGps(local, local - 345 * 60 * kNs), 345);              // Nepal, +05:45
    EXPECT_FALSE(offsetFromGps(local, local - 113 * 60 * kNs));                // 7 min off a quarter
    EXPECT_FALSE(offsetFromGps(local, local - 20 * 3600 * kNs));               // no such zone
}

} // namespace
} // namespace vigil::media::detail
