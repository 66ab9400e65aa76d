// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Internal to vigil_media_exif: EXIF date/time text to nanoseconds, zone offsets.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace vigil::media::detail {

// "YYYY:MM:DD HH:MM:SS" (also '-' in the date, 'T' between) read as if UTC, in ns since 1970.
// A ".fff" right after the seconds is used; otherwise subSeconds (SubSecTimeOriginal digits).
// nullopt for blank, malformed or out-of-range (years 1900..2200) values.
std::optional<std::int64_t> parseExifDateTime(std::string_view text, std::string_view subSeconds = {});

// "YYYY:MM:DD" (GPSDateStamp) plus hours, minutes, seconds (GPSTimeStamp) in ns since 1970 UTC.
std::optional<std::int64_t> gpsTimestamp(std::string_view date, double hours, double minutes, double seconds);

// "+HH:MM" / "-HH:MM" (also "+HHMM") to minutes east of UTC; nullopt for blanks or junk.
std::optional<int> parseUtcOffset(std::string_view text);

// Minutes to "+HH:MM".
std::string formatUtcOffset(int minutes);

// Zone offset from the camera's local time and the GPS (UTC) time of the same shot: the
// difference rounded to a quarter hour, when it lies within 5 minutes of that quarter hour
// and within +-14 hours; nullopt otherwise (a stale GPS fix or a wrong camera clock).
std::optional<int> offsetFromGps(std::int64_t localNs, std::int64_t gpsUtcNs);

} // namespace vigil::media::detail
