// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/analysis/geo/timezones.h"

#include <gtest/gtest.h>

#include <QDateTime>
#include <QTimeZone>

using namespace vigil::analysis;

namespace {

std::int64_t utc(const char *iso)
{
    const QDateTime t = QDateTime::fromString(QString::fromLatin1(iso), Qt::ISODate);
    EXPECT_TRUE(t.isValid()) << iso;
    return t.toMSecsSinceEpoch() * 1'000'000;
}

bool fits(const ZoneFit &fit, const std::string &country)
{
    return fit.contains(country);
}

} // namespace

TEST(TimeZones, TenPmInTorontoInWinter)
{
    // 03:05 UTC in January is 22:05 in Toronto (UTC-05:00).
    const ZoneFit fit = countriesAtLocalTime(utc("2024-01-15T03:05:00Z"), 22 * 60, 15, 60);
    EXPECT_TRUE(fits(fit, "CA"));
    EXPECT_TRUE(fits(fit, "US"));
    EXPECT_FALSE(fits(fit, "GB"));
    EXPECT_FALSE(fits(fit, "AU"));
    EXPECT_TRUE(fit.at("CA").contains(-300));
}

TEST(TimeZones, DaylightSavingTimeIsUsed)
{
    // 21:30 UTC: 22:30 in London in July (BST), 21:30 in January (GMT).
    EXPECT_TRUE(fits(countriesAtLocalTime(utc("2024-07-15T21:30:00Z"), 22 * 60 + 30, 10, 10), "GB"));
    EXPECT_FALSE(fits(countriesAtLocalTime(utc("2024-01-15T21:30:00Z"), 22 * 60 + 30, 10, 10), "GB"));
    // Sydney: UTC+11 in January (summer), UTC+10 in July.
    EXPECT_TRUE(fits(countriesAtLocalTime(utc("2024-01-15T09:00:00Z"), 20 * 60, 10, 10), "AU"));
    EXPECT_FALSE(fits(countriesAtLocalTime(utc("2024-07-15T09:00:00Z"), 20 * 60, 10, 10), "AU"));
}

TEST(TimeZones, HalfHourZonesAndMidnight)
{
    // 17:00 UTC is 22:30 in India (UTC+05:30).
    const ZoneFit india = countriesAtLocalTime(utc("2024-03-01T17:00:00Z"), 22 * 60 + 30, 10, 10);
    EXPECT_TRUE(fits(india, "IN"));
    EXPECT_FALSE(fits(india, "PK"));   // UTC+05:00: 22:00
    // "midnight" stated at 23:50 UTC in winter: London fits (the real time may be 15 minutes early).
    EXPECT_TRUE(fits(countriesAtLocalTime(utc("2024-01-15T23:50:00Z"), 0, 15, 60), "GB"));
}

TEST(TimeZones, NoCountryWhenNoZoneFits)
{
    // 19:13 stated at 12:00 UTC exactly: UTC+07:13 is nobody's offset.
    EXPECT_TRUE(countriesAtLocalTime(utc("2024-01-15T12:00:00Z"), 19 * 60 + 13, 0, 0).empty());
}

TEST(TimeZones, FormatOffset)
{
    EXPECT_EQ(formatUtcOffset(-300), "UTC-05:00");
    EXPECT_EQ(formatUtcOffset(330), "UTC+05:30");
    EXPECT_EQ(formatUtcOffset(0), "UTC+00:00");
}
