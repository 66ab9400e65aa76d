// SPDX-License-Identifier: GPL-3.0-or-later
// readMetadata: exiv2 0.27 over a MemIo. Every exiv2 call is inside one try block; exiv2's
// log output is muted; XMP is initialised once with a lock for namespace registration.

#include "plugins/media/exif/exif.h"
#include "plugins/media/exif/exiftime.h"

#include "core/util/utf8.h"

#include <algorithm>
#include <cmath>
#include <initializer_list>
#include <mutex>
#include <new>

#include <exiv2/exiv2.hpp>

namespace vigil::media {

namespace {

std::mutex g_xmpMutex;

void lockXmp(void *, bool lock)
{
    if (lock)
        g_xmpMutex.lock();
    else
        g_xmpMutex.unlock();
}

void initialiseOnce()
{
    static std::once_flag once;
    std::call_once(once, [] {
        Exiv2::LogMsg::setLevel(Exiv2::LogMsg::mute);
        Exiv2::XmpParser::initialize(lockXmp, nullptr);
#ifdef EXV_ENABLE_BMFF
        Exiv2::enableBMFF(true);
#endif
    });
}

// Text as stored: cut at the first NUL, outer blanks trimmed, valid UTF-8.
std::string cleanText(const std::string &raw)
{
    std::string_view text(raw);
    text = text.substr(0, text.find('\0'));
    const auto first = text.find_first_not_of(" \t\r\n");
    if (first == std::string_view::npos)
        return {};
    const auto last = text.find_last_not_of(" \t\r\n");
    return sanitizeUtf8(text.substr(first, last - first + 1));
}

const Exiv2::Exifdatum *findExif(const Exiv2::ExifData &exif, const char *key)
{
    const auto it = exif.findKey(Exiv2::ExifKey(key));
    return it == exif.end() ? nullptr : &*it;
}

std::string exifText(const Exiv2::ExifData &exif, const char *key)
{
    const auto *datum = findExif(exif, key);
    return datum ? cleanText(datum->toString()) : std::string();
}

// The first non-empty value among EXIF keys, then XMP keys.
std::string firstText(const Exiv2::ExifData &exif, std::initializer_list<const char *> exifKeys,
                      const Exiv2::XmpData &xmp, std::initializer_list<const char *> xmpKeys)
{
    for (const char *key : exifKeys) {
        if (auto text = exifText(exif, key); !text.empty())
            return text;
    }
    for (const char *key : xmpKeys) {
        const auto it = xmp.findKey(Exiv2::XmpKey(key));
        if (it != xmp.end()) {
            if (auto text = cleanText(it->toString()); !text.empty())
                return text;
        }
    }
    return {};
}

std::optional<double> rationalAt(const Exiv2::Exifdatum &datum, long index)
{
    if (datum.count() <= index)
        return std::nullopt;
    const Exiv2::Rational r = datum.toRational(index);
    if (r.second == 0)
        return std::nullopt;
    return double(r.first) / double(r.second);
}

// Degrees, minutes, seconds (fewer parts are allowed: decimal degrees in the first).
std::optional<double> gpsDegrees(const Exiv2::ExifData &exif, const char *key, const char *refKey, char negativeRef)
{
    const auto *datum = findExif(exif, key);
    if (!datum || datum->count() < 1)
        return std::nullopt;
    double value = 0, scale = 1;
    for (long i = 0; i < std::min<long>(datum->count(), 3); ++i, scale *= 60) {
        const auto part = rationalAt(*datum, i);
        if (!part || *part < 0)
            return std::nullopt;
        value += *part / scale;
    }
    const std::string ref = exifText(exif, refKey);
    return !ref.empty() && (ref[0] == negativeRef || ref[0] == negativeRef + ('a' - 'A')) ? -value : value;
}

std::optional<GpsPosition> readGps(const Exiv2::ExifData &exif)
{
    const auto lat = gpsDegrees(exif, "Exif.GPSInfo.GPSLatitude", "Exif.GPSInfo.GPSLatitudeRef", 'S');
    const auto lon = gpsDegrees(exif, "Exif.GPSInfo.GPSLongitude", "Exif.GPSInfo.GPSLongitudeRef", 'W');
    if (!lat || !lon || std::abs(*lat) > 90 || std::abs(*lon) > 180)
        return std::nullopt;
    GpsPosition gps{*lat, *lon, std::nullopt};
    if (const auto *alt = findExif(exif, "Exif.GPSInfo.GPSAltitude")) {
        if (const auto metres = rationalAt(*alt, 0)) {
            const auto *ref = findExif(exif, "Exif.GPSInfo.GPSAltitudeRef");
            const bool below = ref && ref->count() > 0 && ref->toLong(0) == 1;
            gps.altitudeM = below ? -*metres : *metres;
        }
    }
    return gps;
}

std::optional<std::int64_t> readGpsTime(const Exiv2::ExifData &exif)
{
    const std::string date = exifText(exif, "Exif.GPSInfo.GPSDateStamp");
    const auto *time = findExif(exif, "Exif.GPSInfo.GPSTimeStamp");
    if (date.empty() || !time || time->count() < 3)
        return std::nullopt;
    const auto h = rationalAt(*time, 0), m = rationalAt(*time, 1), s = rationalAt(*time, 2);
    if (!h || !m || !s)
        return std::nullopt;
    return detail::gpsTimestamp(date, *h, *m, *s);
}

void readTimes(const Exiv2::ExifData &exif, MediaMetadata &meta)
{
    const std::string raw = exifText(exif, "Exif.Photo.DateTimeOriginal");
    if (raw.empty())
        return;
    meta.captureTimeRaw = raw;
    meta.captureTimeLocalNs = detail::parseExifDateTime(raw, exifText(exif, "Exif.Photo.SubSecTimeOriginal"));
    if (!meta.captureTimeLocalNs)
        return;
    std::optional<int> offset = detail::parseUtcOffset(exifText(exif, "Exif.Photo.OffsetTimeOriginal"));
    if (!offset) {
        if (const auto gpsUtc = readGpsTime(exif))
            offset = detail::offsetFromGps(*meta.captureTimeLocalNs, *gpsUtc);
    }
    if (!offset)
        return;
    meta.timeZoneOffset = detail::formatUtcOffset(*offset);
    meta.captureTimeUtcNs = *meta.captureTimeLocalNs - std::int64_t(*offset) * 60 * 1'000'000'000;
}

int readOrientation(const Exiv2::ExifData &exif, const Exiv2::XmpData &xmp)
{
    long value = 0;
    if (const auto *datum = findExif(exif, "Exif.Image.Orientation"); datum && datum->count() > 0)
        value = datum->toLong(0);
    else if (const auto it = xmp.findKey(Exiv2::XmpKey("Xmp.tiff.Orientation")); it != xmp.end())
        value = it->toLong(0);
    return value >= 1 && value <= 8 ? int(value) : 1;
}

int exifDimension(const Exiv2::ExifData &exif, const char *key)
{
    const auto *datum = findExif(exif, key);
    const long value = datum && datum->count() > 0 ? datum->toLong(0) : 0;
    return value > 0 && value <= 0x7FFFFFFF ? int(value) : 0;
}

MediaMetadata collect(Exiv2::Image &image)
{
    const Exiv2::ExifData &exif = image.exifData();
    const Exiv2::XmpData &xmp = image.xmpData();
    MediaMetadata meta;
    meta.make = firstText(exif, {"Exif.Image.Make"}, xmp, {"Xmp.tiff.Make"});
    meta.model = firstText(exif, {"Exif.Image.Model"}, xmp, {"Xmp.tiff.Model"});
    meta.software = firstText(exif, {"Exif.Image.Software"}, xmp, {"Xmp.xmp.CreatorTool"});
    meta.serial = firstText(exif,
                            {"Exif.Photo.BodySerialNumber", "Exif.Image.CameraSerialNumber", "Exif.Canon.SerialNumber",
                             "Exif.Nikon3.SerialNumber", "Exif.Nikon3.SerialNO", "Exif.Fujifilm.SerialNumber",
                             "Exif.Olympus.SerialNumber2", "Exif.OlympusEq.SerialNumber", "Exif.Pentax.SerialNumber",
                             "Exif.PentaxDng.SerialNumber", "Exif.Sigma.SerialNumber",
                             "Exif.Panasonic.InternalSerialNumber"},
                            xmp, {"Xmp.aux.SerialNumber", "Xmp.exifEX.BodySerialNumber"});
    meta.lensModel = firstText(exif,
                               {"Exif.Photo.LensModel", "Exif.Canon.LensModel", "Exif.OlympusEq.LensModel",
                                "Exif.Panasonic.LensType"},
                               xmp, {"Xmp.aux.Lens", "Xmp.exifEX.LensModel"});
    meta.orientation = readOrientation(exif, xmp);
    meta.gps = readGps(exif);
    readTimes(exif, meta);
    meta.pixelWidth = image.pixelWidth() > 0 ? image.pixelWidth() : exifDimension(exif, "Exif.Photo.PixelXDimension");
    meta.pixelHeight = image.pixelHeight() > 0 ? image.pixelHeight() : exifDimension(exif, "Exif.Photo.PixelYDimension");
    return meta;
}

bool isUnknownFormat(int code)
{
    return code == Exiv2::kerMemoryContainsUnknownImageType || code == Exiv2::kerNotAnImage
           || code == Exiv2::kerUnsupportedImageType || code == Exiv2::kerFileContainsUnknownImageType;
}

} // namespace

Result<MediaMetadata> readMetadata(std::span<const unsigned char> bytes)
{
    if (bytes.empty())
        return fail(ErrorCode::InvalidArgument, "no data to read metadata from (empty input)");
    try {
        initialiseOnce();
        auto image = Exiv2::ImageFactory::open(reinterpret_cast<const Exiv2::byte *>(bytes.data()), long(bytes.size()));
        if (!image.get())
            return fail(ErrorCode::Unsupported, "no metadata reader for this file type");
        image->readMetadata();
        return collect(*image);
    } catch (const Exiv2::AnyError &e) {
        if (isUnknownFormat(e.code()))
            return fail(ErrorCode::Unsupported, "no metadata reader for this file type", e.what());
        return fail(ErrorCode::Corrupt, "could not read the file's metadata", e.what());
    } catch (const std::bad_alloc &) {
        return fail(ErrorCode::Corrupt, "could not read the file's metadata", "std::bad_alloc (damaged sizes?)");
    } catch (const std::exception &e) {
        return fail(ErrorCode::Corrupt, "could not read the file's metadata", e.what());
    }
}

} // namespace vigil::media
