// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/analysis/geo/countryshapes.h"

#include "core/analysis/geo/jsonfile.h"
#include "core/analysis/geo/log.h"
#include "core/util/resources.h"

#include <QLocale>
#include <QString>

#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>
#include <map>

namespace vigil::analysis {

namespace {

constexpr std::uintmax_t kMaxFileBytes = 64ull * 1024 * 1024;
constexpr double kKmPerDegree = 111.2;   // along a meridian, and along the equator
constexpr std::size_t kMaxPoints = 10'000'000;

using Json = rapidjson::Value;

struct ParseState {
    std::string source;
    std::size_t points = 0;
};

bool isIsoCode(const std::string &code)
{
    return code.size() == 2 && std::ranges::all_of(code, [](char c) { return c >= 'A' && c <= 'Z'; });
}

Result<GeoPoint> readPosition(const Json &v, const std::string &where)
{
    if (!v.IsArray() || v.Size() < 2 || !v[0].IsNumber() || !v[1].IsNumber())
        return fail(ErrorCode::Corrupt, where + ": a position must be [longitude, latitude]");
    const GeoPoint p{v[0].GetDouble(), v[1].GetDouble()};
    if (!std::isfinite(p.lon) || !std::isfinite(p.lat) || std::abs(p.lon) > 180.0 || std::abs(p.lat) > 90.0)
        return fail(ErrorCode::Corrupt, where + ": a position is outside [-180, 180] x [-90, 90]");
    return p;
}

Result<std::vector<GeoPoint>> readRing(const Json &v, ParseState &state, const std::string &where)
{
    if (!v.IsArray() || v.Size() < 3)
        return fail(ErrorCode::Corrupt, where + ": a ring needs at least three positions");
    state.points += v.Size();
    if (state.points > kMaxPoints)
        return fail(ErrorCode::LimitExceeded, state.source + " has more than "
                                                  + std::to_string(kMaxPoints) + " positions");
    std::vector<GeoPoint> ring;
    ring.reserve(v.Size() + 1);
    for (const auto &position : v.GetArray()) {
        auto p = readPosition(position, where);
        if (!p)
            return std::unexpected(p.error());
        ring.push_back(*p);
    }
    if (ring.front().lon != ring.back().lon || ring.front().lat != ring.back().lat)
        ring.push_back(ring.front());
    return ring;
}

// Appends the rings of one polygon ([outer, hole...]).
Result<void> readPolygon(const Json &v, CountryShape &shape, ParseState &state, const std::string &where)
{
    if (!v.IsArray() || v.Empty())
        return fail(ErrorCode::Corrupt, where + ": a polygon must be a non-empty array of rings");
    for (const auto &ringJson : v.GetArray()) {
        auto ring = readRing(ringJson, state, where);
        if (!ring)
            return std::unexpected(ring.error());
        shape.rings.push_back(std::move(*ring));
    }
    return {};
}

Result<void> readGeometry(const Json &geometry, CountryShape &shape, ParseState &state, const std::string &where)
{
    if (!geometry.IsObject() || !geometry.HasMember("type") || !geometry["type"].IsString()
        || !geometry.HasMember("coordinates") || !geometry["coordinates"].IsArray())
        return fail(ErrorCode::Corrupt, where + ": needs a geometry with \"type\" and \"coordinates\"");
    const std::string type = geometry["type"].GetString();
    const Json &coordinates = geometry["coordinates"];
    if (type == "Polygon")
        return readPolygon(coordinates, shape, state, where);
    if (type != "MultiPolygon")
        return fail(ErrorCode::Corrupt, where + ": geometry type \"" + type + "\" is not Polygon or MultiPolygon");
    for (const auto &polygon : coordinates.GetArray())
        if (auto r = readPolygon(polygon, shape, state, where); !r)
            return r;
    return {};
}

Result<CountryShape> readFeature(const Json &feature, ParseState &state, std::size_t index)
{
    const std::string where = state.source + " feature " + std::to_string(index);
    if (!feature.IsObject() || !feature.HasMember("properties") || !feature["properties"].IsObject()
        || !feature.HasMember("geometry"))
        return fail(ErrorCode::Corrupt, where + ": needs \"properties\" and \"geometry\"");
    const Json &props = feature["properties"];
    CountryShape shape;
    if (props.HasMember("iso_a2") && props["iso_a2"].IsString())
        shape.iso2 = props["iso_a2"].GetString();
    if (!isIsoCode(shape.iso2))
        return fail(ErrorCode::Corrupt, where + ": \"iso_a2\" must be two capital letters");
    shape.name = props.HasMember("name") && props["name"].IsString() ? props["name"].GetString() : shape.iso2;
    if (auto r = readGeometry(feature["geometry"], shape, state, where); !r)
        return std::unexpected(r.error());
    shape.min = {180.0, 90.0};
    shape.max = {-180.0, -90.0};
    for (const auto &ring : shape.rings)
        for (const auto &p : ring) {
            shape.min = {std::min(shape.min.lon, p.lon), std::min(shape.min.lat, p.lat)};
            shape.max = {std::max(shape.max.lon, p.lon), std::max(shape.max.lat, p.lat)};
        }
    shape.anchor = {(shape.min.lon + shape.max.lon) / 2.0, (shape.min.lat + shape.max.lat) / 2.0};
    if (props.HasMember("anchor")) {
        auto anchor = readPosition(props["anchor"], where + " anchor");
        if (!anchor)
            return std::unexpected(anchor.error());
        shape.anchor = *anchor;
    }
    return shape;
}

bool inBox(GeoPoint p, GeoPoint min, GeoPoint max)
{
    return p.lon >= min.lon && p.lon <= max.lon && p.lat >= min.lat && p.lat <= max.lat;
}

// Even-odd test of one closed ring: does a ray from the point towards +longitude cross it an
// odd number of times?
bool insideRing(const std::vector<GeoPoint> &ring, GeoPoint p)
{
    bool inside = false;
    for (std::size_t i = 1; i < ring.size(); ++i) {
        const GeoPoint a = ring[i - 1], b = ring[i];
        if ((a.lat > p.lat) != (b.lat > p.lat)) {
            const double crossLon = a.lon + (p.lat - a.lat) * (b.lon - a.lon) / (b.lat - a.lat);
            if (p.lon < crossLon)
                inside = !inside;
        }
    }
    return inside;
}

double boxArea(const CountryShape &shape)
{
    return (shape.max.lon - shape.min.lon) * (shape.max.lat - shape.min.lat);
}

// Distance in km from p to the segment a-b, on a local flat projection around p (good for the
// few tens of km this is used for).
double kmToSegment(GeoPoint p, GeoPoint a, GeoPoint b)
{
    const double kx = kKmPerDegree * std::cos(p.lat * std::numbers::pi / 180.0), ky = kKmPerDegree;
    const double ax = (a.lon - p.lon) * kx, ay = (a.lat - p.lat) * ky;
    const double bx = (b.lon - p.lon) * kx, by = (b.lat - p.lat) * ky;
    const double dx = bx - ax, dy = by - ay, len2 = dx * dx + dy * dy;
    const double t = len2 > 0 ? std::clamp(-(ax * dx + ay * dy) / len2, 0.0, 1.0) : 0.0;
    return std::hypot(ax + t * dx, ay + t * dy);
}

} // namespace

Result<CountryShapes> CountryShapes::load(const std::filesystem::path &file)
{
    auto text = geo::readDataFile(file, kMaxFileBytes);
    if (!text)
        return std::unexpected(text.error());
    return parse(*text, file.string());
}

Result<CountryShapes> CountryShapes::parse(const std::string &json, const std::string &source)
{
    auto doc = geo::parseJsonObject(json, source);
    if (!doc)
        return std::unexpected(doc.error());
    if (!doc->HasMember("type") || !(*doc)["type"].IsString() || std::string((*doc)["type"].GetString()) != "FeatureCollection"
        || !doc->HasMember("features") || !(*doc)["features"].IsArray())
        return fail(ErrorCode::Corrupt, source + " is not a GeoJSON FeatureCollection");
    ParseState state{source, 0};
    std::map<std::string, CountryShape> byCode;   // a code in several features: one country
    std::size_t index = 0;
    for (const auto &feature : (*doc)["features"].GetArray()) {
        auto shape = readFeature(feature, state, index++);
        if (!shape)
            return std::unexpected(shape.error());
        auto [it, added] = byCode.try_emplace(shape->iso2, *shape);
        if (!added) {
            CountryShape &into = it->second;
            into.rings.insert(into.rings.end(), shape->rings.begin(), shape->rings.end());
            into.min = {std::min(into.min.lon, shape->min.lon), std::min(into.min.lat, shape->min.lat)};
            into.max = {std::max(into.max.lon, shape->max.lon), std::max(into.max.lat, shape->max.lat)};
        }
    }
    if (byCode.empty())
        return fail(ErrorCode::Corrupt, source + " holds no countries");
    CountryShapes shapes;
    for (auto &[code, shape] : byCode) {
        std::vector<Box> boxes;
        for (const auto &ring : shape.rings) {
            Box box{{180.0, 90.0}, {-180.0, -90.0}};
            for (const auto &p : ring) {
                box.min = {std::min(box.min.lon, p.lon), std::min(box.min.lat, p.lat)};
                box.max = {std::max(box.max.lon, p.lon), std::max(box.max.lat, p.lat)};
            }
            boxes.push_back(box);
        }
        shapes.m_ringBoxes.push_back(std::move(boxes));
        shapes.m_countries.push_back(std::move(shape));
    }
    qCDebug(lcGeo) << "loaded" << shapes.m_countries.size() << "country shapes," << state.points << "positions from"
                   << QString::fromStdString(source);
    return shapes;
}

Result<const CountryShapes *> CountryShapes::shared()
{
    static const Result<CountryShapes> loaded = []() -> Result<CountryShapes> {
        const auto file = resourcePath("geo/countries.geojson");
        if (file.empty())
            return fail(ErrorCode::NotFound, "Vigil's resources folder was not found (country shapes)",
                        "set VIGIL_RESOURCE_DIR");
        return load(file);
    }();
    if (!loaded)
        return std::unexpected(loaded.error());
    return &*loaded;
}

const CountryShape *CountryShapes::find(const std::string &iso2) const
{
    const auto it = std::ranges::lower_bound(m_countries, iso2, {}, &CountryShape::iso2);
    return it != m_countries.end() && it->iso2 == iso2 ? &*it : nullptr;
}

bool CountryShapes::contains(std::size_t country, GeoPoint point) const
{
    const CountryShape &shape = m_countries[country];
    if (!inBox(point, shape.min, shape.max))
        return false;
    bool inside = false;
    for (std::size_t r = 0; r < shape.rings.size(); ++r) {
        const Box &box = m_ringBoxes[country][r];
        // Outside a ring's box the point is outside the ring: an even count, no change.
        if (inBox(point, box.min, box.max) && insideRing(shape.rings[r], point))
            inside = !inside;
    }
    return inside;
}

std::string CountryShapes::countryAt(GeoPoint point) const
{
    if (!std::isfinite(point.lon) || !std::isfinite(point.lat))
        return {};
    const CountryShape *found = nullptr;
    for (std::size_t i = 0; i < m_countries.size(); ++i)
        if (contains(i, point) && (!found || boxArea(m_countries[i]) < boxArea(*found)))
            found = &m_countries[i];
    return found ? found->iso2 : std::string();
}

double CountryShapes::kmToOutline(std::size_t country, GeoPoint point, double maxKm) const
{
    const CountryShape &shape = m_countries[country];
    const double marginLat = maxKm / kKmPerDegree;
    const double marginLon = marginLat / std::max(0.01, std::cos(point.lat * std::numbers::pi / 180.0));
    double best = std::numeric_limits<double>::infinity();
    for (std::size_t r = 0; r < shape.rings.size(); ++r) {
        const Box &box = m_ringBoxes[country][r];
        if (point.lon < box.min.lon - marginLon || point.lon > box.max.lon + marginLon
            || point.lat < box.min.lat - marginLat || point.lat > box.max.lat + marginLat)
            continue;
        const auto &ring = shape.rings[r];
        for (std::size_t i = 1; i < ring.size(); ++i)
            best = std::min(best, kmToSegment(point, ring[i - 1], ring[i]));
    }
    return best;
}

CountryShapes::Nearest CountryShapes::nearestCountry(GeoPoint point, double maxKm) const
{
    if (std::string inside = countryAt(point); !inside.empty())
        return {inside, 0.0};
    if (!std::isfinite(point.lon) || !std::isfinite(point.lat) || !(maxKm > 0.0))
        return {};
    Nearest nearest{{}, maxKm};
    for (std::size_t i = 0; i < m_countries.size(); ++i) {
        const double km = kmToOutline(i, point, maxKm);
        if (km <= nearest.km)
            nearest = {m_countries[i].iso2, km};
    }
    return nearest.iso2.empty() ? Nearest{} : nearest;
}

std::string CountryShapes::nameOf(const std::string &iso2) const
{
    if (const CountryShape *shape = find(iso2))
        return shape->name;
    const QLocale::Territory territory = QLocale::codeToTerritory(QString::fromStdString(iso2));
    if (iso2.size() == 2 && territory != QLocale::AnyTerritory)
        return QLocale::territoryToString(territory).toStdString();
    return iso2;
}

} // namespace vigil::analysis
