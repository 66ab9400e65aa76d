// SPDX-License-Identifier: GPL-3.0-or-later
// Country outlines (Natural Earth admin-0, public domain; resources/geo/) for reverse
// geocoding GPS positions to a country and for drawing the world map. No Qt Widgets.
#pragma once

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
};

class CountryShapes
{
public:
    // Reads resources/geo/countries.geojson (or another file in the same format).
    static Result<CountryShapes> load(const std::filesystem::path &file);
    // load(resourcePath("geo/countries.geojson")), loaded once per process; thread-safe.
    static Result<const CountryShapes *> shared();

    const std::vector<CountryShape> &countries() const { return m_countries; }
    const CountryShape *find(const std::string &iso2) const;
    // The country containing the point (even-odd rule over its rings), "" at sea or unknown.
    std::string countryAt(GeoPoint point) const;
    // English name of an ISO code, or the code itself when unknown.
    std::string nameOf(const std::string &iso2) const;

private:
    std::vector<CountryShape> m_countries;
};

} // namespace vigil::analysis
