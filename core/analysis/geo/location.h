// SPDX-License-Identifier: GPL-3.0-or-later
// The country of every person (issue 7): clues from their phone numbers, what they say in their
// own messages ("I live in Dublin", "it's 10pm here") and the GPS of photos they sent, each with
// a confidence, combined per country. Results go to person_locations (every clue) and
// persons.country / country_confidence / country_source (the choice). docs/people.md, "Location".
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "core/casedb/database.h"
#include "core/casedb/peoplequery.h"
#include "core/util/error.h"

namespace vigil::analysis {

struct LocationSummary {
    std::int64_t persons = 0, located = 0, clues = 0;
};

// Where the data files are; empty paths mean the resources folder (resourcePath()).
struct LocationOptions {
    std::filesystem::path placesFile;   // geo/places-en.json
    std::filesystem::path lexiconDir;   // lexicons/en (negators)
    std::filesystem::path shapesFile;   // geo/countries.geojson; empty: CountryShapes::shared()
};

// Confidence of each kind of clue.
inline constexpr double kPhoneConfidence = 0.6;          // libphonenumber places the number
inline constexpr double kPhoneSharedCodeConfidence = 0.5;   // only the main region of a shared code
inline constexpr double kStatedConfidence = 0.8;
inline constexpr double kStatedAmbiguousConfidence = 0.5;   // a name several countries share
inline constexpr double kTimezoneConfidence = 0.3;       // only ever supports another clue
inline constexpr double kGpsConfidence = 0.9;
inline constexpr double kGpsCoastConfidence = 0.8;       // at sea, within kGpsCoastKm of a coast
inline constexpr double kGpsCoastKm = 22.2;              // 12 nautical miles: territorial waters

// Needs persons and person_accounts filled (resolveIdentities). Rebuilds person_locations and
// sets the country columns of every person. Runs inside the caller's transaction, or in its own
// when none is open.
Result<LocationSummary> locatePersons(casedb::Database &db);
Result<LocationSummary> locatePersons(casedb::Database &db, const LocationOptions &options);

struct CountryChoice {
    std::string country;      // "" when there is no clue or the best countries tie
    double confidence = 0.0;  // 1 - prod(1 - confidence) over the country's clues
    std::string sources;      // "phone+stated": the kinds of clue behind it
};

// Per country, 1 - prod(1 - confidence) over its clues; the best wins. A tie goes to the one
// country among the tied that has a phone clue; otherwise the country stays open ("").
CountryChoice chooseCountry(const std::vector<casedb::LocationClue> &clues);

} // namespace vigil::analysis
