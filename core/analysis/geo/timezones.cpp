// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/analysis/geo/timezones.h"

#include <QDateTime>
#include <QLocale>
#include <QTimeZone>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <vector>

namespace vigil::analysis {

namespace {

constexpr int kMinutesPerDay = 24 * 60;

// Every IANA zone that belongs to a country, by ISO code.
const std::map<std::string, std::vector<QTimeZone>> &zoneTable()
{
    static const std::map<std::string, std::vector<QTimeZone>> table = [] {
        std::map<std::string, std::vector<QTimeZone>> zones;
        for (const QByteArray &id : QTimeZone::availableTimeZoneIds()) {
            QTimeZone zone(id);
            if (!zone.isValid() || zone.territory() == QLocale::AnyTerritory)
                continue;
            const std::string code = QLocale::territoryToCode(zone.territory()).toStdString();
            if (code.size() == 2)
                zones[code].push_back(zone);
        }
        return zones;
    }();
    return table;
}

// a - b in minutes of the day, in [-720, 720).
int circularDifference(int a, int b)
{
    int d = (a - b) % kMinutesPerDay;
    if (d < -kMinutesPerDay / 2)
        d += kMinutesPerDay;
    if (d >= kMinutesPerDay / 2)
        d -= kMinutesPerDay;
    return d;
}

} // namespace

ZoneFit countriesAtLocalTime(std::int64_t utcNanos, int statedMinute, int earlyMinutes, int lateMinutes,
                             const std::set<std::string> *among)
{
    const qint64 ms = utcNanos / 1'000'000;
    const QDateTime when = QDateTime::fromMSecsSinceEpoch(ms, QTimeZone::utc());
    const int utcMinute = static_cast<int>(((ms / 60'000) % kMinutesPerDay + kMinutesPerDay) % kMinutesPerDay);
    ZoneFit fit;
    for (const auto &[country, zones] : zoneTable()) {
        if (among && !among->contains(country))
            continue;
        for (const QTimeZone &zone : zones) {
            const int offset = zone.offsetFromUtc(when) / 60;
            const int diff = circularDifference(utcMinute + offset, statedMinute);
            if (diff >= -earlyMinutes && diff <= lateMinutes)
                fit[country].insert(offset);
        }
    }
    return fit;
}

std::string formatUtcOffset(int minutes)
{
    const int a = std::abs(minutes);
    char buffer[16];
    std::snprintf(buffer, sizeof buffer, "UTC%c%02d:%02d", minutes < 0 ? '-' : '+', a / 60, a % 60);
    return buffer;
}

} // namespace vigil::analysis
