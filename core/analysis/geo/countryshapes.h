// SPDX-License-Identifier: GPL-3.0-or-later
// Country outlines (Natural Earth admin-0, public domain; resources/geo/) for reverse
// geocoding GPS positions to a country and for drawing the world map. No Qt Widgets.
#pragma once

#include <cstddef>
#include <filesystem>
#include <string>
#include <vector>

#include "core/util/error.h"

namespace vigil::analysis {

struct GeoPoint {
    double lon = 0.0, lat = 0.0;   // degrees, WGS 84
};

struct CountryShape {
    std::string iso2;   // ISO 3166-1 alpha-2 ("GB"); Natural Earth's own code where ISO has none
    std::string name;   // English short name
    std::vector<std::vector<GeoPoint>> rings;   // outer rings and holes, each closed
    GeoPoint min, max;                          // bounding box
    GeoPoint anchor;   // a point inside the largest polygon, for labels and markers
};

class CountryShapes
{
public:
    // Reads resources/geo/countries.geojson (or another file in the same format: a GeoJSON
    // FeatureCollection of Polygon/MultiPolygon features with properties iso_a2, name and
    // optionally anchor [lon, lat]). A missing, oversized or malformed file is an error.
    static Result<CountryShapes> load(const std::filesystem::path &file);
    // The same from the file's text; `source` names it in errors.
    static Result<CountryShapes> parse(const std::string &json, const std::string &source);
    // load(resourcePath("geo/countries.geojson")), loaded once per process; thread-safe.
    static Result<const CountryShapes *> shared();

    const std::vector<CountryShape> &countries() const { return m_countries; }
    const CountryShape *find(const std::string &iso2) const;
    // The country containing the point (even-odd rule over its rings), "" at sea or unknown.
    // Where outlines overlap (an enclave drawn without its hole) the smaller country wins.
    std::string countryAt(GeoPoint point) const;
    // countryAt, or else the country whose outline passes closest to the point, within maxKm.
    // The outlines are generalised (1:50m, about a kilometre), so a photo taken on a beach or a
    // pier can fall just outside them. km is 0 inside a country.
    struct Nearest {
        std::string iso2;   // "" when no country is within maxKm
        double km = 0.0;
    };
    Nearest nearestCountry(GeoPoint point, double maxKm) const;
    // English name of an ISO code (from the file, else Qt's territory name), or the code itself
    // when unknown.
    std::string nameOf(const std::string &iso2) const;

private:
    struct Box {
        GeoPoint min, max;
    };
    bool contains(std::size_t country, GeoPoint point) const;
    double kmToOutline(std::size_t country, GeoPoint point, double maxKm) const;

    std::vector<CountryShape> m_countries;       // sorted by iso2
    std::vector<std::vector<Box>> m_ringBoxes;   // per country, the bounding box of each ring
};

} // namespace vigil::analysis
