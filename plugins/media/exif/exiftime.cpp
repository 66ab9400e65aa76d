// SPDX-License-Identifier: GPL-3.0-or-later
// EXIF times. Civil dates to day numbers by the usual era arithmetic of the proleptic
// Gregorian calendar (400-year eras of 146097 days).

#include "plugins/media/exif/exiftime.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace vigil::media::detail {

namespace {

constexpr std::int64_t kNsPerSecond = 1'000'000'000;
constexpr std::int64_t kSecondsPerDay = 86'400;

bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}

// Digits at text[pos, pos + count) as a number; nullopt when any is not a digit.
std::optional<int> digits(std::string_view text, std::size_t pos, std::size_t count)
{
    if (pos + count > text.size())
        return std::nullopt;
    int value = 0;
    for (std::size_t i = pos; i < pos + count; ++i) {
        if (!isDigit(text[i]))
            return std::nullopt;
        value = value * 10 + (text[i] - '0');
    }
    return value;
}

// Days since 1970-01-01 of a Gregorian date.
std::int64_t daysFromCivil(int year, int month, int day)
{
    const int y = year - (month <= 2 ? 1 : 0);
    const int era = (y >= 0 ? y : y - 399) / 400;
    const int yearOfEra = y - era * 400;
    const int dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
    const int dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
    return std::int64_t(era) * 146097 + dayOfEra - 719468;
}

int daysInMonth(int year, int month)
{
    static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    return month == 2 && leap ? 29 : kDays[month - 1];
}

// "YYYY:MM:DD" (or with '-') at the start of text, validated; days since 1970.
std::optional<std::int64_t> parseDate(std::string_view text)
{
    const auto year = digits(text, 0, 4), month = digits(text, 5, 2), day = digits(text, 8, 2);
    if (!year || !month || !day || text.size() < 10)
        return std::nullopt;
    const char sep = text[4];
    if ((sep != ':' && sep != '-') || text[7] != sep)
        return std::nullopt;
    if (*year < 1900 || *year > 2200 || *month < 1 || *month > 12 || *day < 1 || *day > daysInMonth(*year, *month))
        return std::nullopt;
    return daysFromCivil(*year, *month, *day);
}

// Up to 9 leading digits of text as nanoseconds of a fraction (".5" -> 500000000).
std::int64_t fractionNs(std::string_view text)
{
    std::int64_t ns = 0, scale = 100'000'000;
    for (std::size_t i = 0; i < text.size() && isDigit(text[i]) && scale > 0; ++i, scale /= 10)
        ns += (text[i] - '0') * scale;
    return ns;
}

std::string_view trimmed(std::string_view text)
{
    while (!text.empty() && (text.front() == ' ' || text.front() == '\0'))
        text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\0'))
        text.remove_suffix(1);
    return text;
}

} // namespace

std::optional<std::int64_t> parseExifDateTime(std::string_view text, std::string_view subSeconds)
{
    text = trimmed(text);
    const auto days = parseDate(text);
    if (!days || text.size() < 19 || (text[10] != ' ' && text[10] != 'T') || text[13] != ':' || text[16] != ':')
        return std::nullopt;
    const auto hour = digits(text, 11, 2), minute = digits(text, 14, 2), second = digits(text, 17, 2);
    if (!hour || !minute || !second || *hour > 23 || *minute > 59 || *second > 60)
        return std::nullopt;
    const std::int64_t seconds = *days * kSecondsPerDay + *hour * 3600 + *minute * 60 + *second;
    const std::int64_t fraction = text.size() > 20 && text[19] == '.' ? fractionNs(text.substr(20))
                                                                      : fractionNs(trimmed(subSeconds));
    return seconds * kNsPerSecond + fraction;
}

std::optional<std::int64_t> gpsTimestamp(std::string_view date, double hours, double minutes, double seconds)
{
    const auto days = parseDate(trimmed(date));
    const double secondsOfDay = hours * 3600 + minutes * 60 + seconds;
    if (!days || !std::isfinite(secondsOfDay) || secondsOfDay < 0 || secondsOfDay >= kSecondsPerDay + 1)
        return std::nullopt;
    return *days * kSecondsPerDay * kNsPerSecond + std::llround(secondsOfDay * 1e9);
}

std::optional<int> parseUtcOffset(std::string_view text)
{
    text = trimmed(text);
    if (text.size() < 5 || (text[0] != '+' && text[0] != '-'))
        return std::nullopt;
    const bool colon = text[3] == ':';
    const auto hours = digits(text, 1, 2), minutes = digits(text, colon ? 4 : 3, 2);
    if (!hours || !minutes || text.size() != (colon ? 6u : 5u) || *hours > 14 || *minutes > 59)
        return std::nullopt;
    const int total = *hours * 60 + *minutes;
    return text[0] == '-' ? -total : total;
}

std::string formatUtcOffset(int minutes)
{
    char text[8];
    const int magnitude = std::abs(minutes);
    std::snprintf(text, sizeof text, "%c%02d:%02d", minutes < 0 ? '-' : '+', (magnitude / 60) % 100, magnitude % 60);
    return text;
}

std::optional<int> offsetFromGps(std::int64_t localNs, std::int64_t gpsUtcNs)
{
    const double minutes = double(localNs - gpsUtcNs) / (60.0 * kNsPerSecond);
    const double quarter = std::round(minutes / 15.0) * 15.0;
    if (std::abs(minutes - quarter) > 5.0 || std::abs(quarter) > 14 * 60)
        return std::nullopt;
    return int(quarter);
}

} // namespace vigil::media::detail
