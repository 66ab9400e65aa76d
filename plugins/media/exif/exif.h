// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Camera metadata (EXIF, with XMP fallbacks) read with exiv2 0.27 from bytes in memory:
// JPEG, PNG, WebP, TIFF (and TIFF-based raw), HEIC/HEIF (exiv2's BMFF reader), plus the
// pixel size of the other formats exiv2 knows. Thread-safe; never throws.

#include "core/util/error.h"

#include <cstdint>
#include <optional>
#include <span>
#include <string>

namespace vigil::media {

struct GpsPosition {
    double latitude = 0, longitude = 0;   // signed decimal degrees: S and W negative
    std::optional<double> altitudeM;      // metres; negative below sea level (GPSAltitudeRef 1)
};

struct MediaMetadata {
    std::optional<std::string> captureTimeRaw;       // DateTimeOriginal as written ("2024:05:01 14:03:22")
    // When the zone is known (OffsetTimeOriginal, else derived from the GPS date and time
    // stamp): UTC nanoseconds since 1970, SubSecTimeOriginal included.
    std::optional<std::int64_t> captureTimeUtcNs;
    std::optional<std::int64_t> captureTimeLocalNs;  // the wall-clock time read as if UTC
    std::optional<std::string> timeZoneOffset;       // "+01:00" when known
    std::string make, model, serial, software, lensModel;
    int orientation = 1;                             // EXIF 1..8 (1 when absent or invalid)
    std::optional<GpsPosition> gps;
    int pixelWidth = 0, pixelHeight = 0;             // of the image as stored (0 if unknown)
};

// No metadata -> a default MediaMetadata (not an error). Errors: InvalidArgument (empty),
// Unsupported (a format exiv2 cannot read), Corrupt (exiv2 could not parse the structure).
// Damaged EXIF inside a readable file gives whatever exiv2 could read.
Result<MediaMetadata> readMetadata(std::span<const unsigned char> bytes);

} // namespace vigil::media
