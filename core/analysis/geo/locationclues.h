// SPDX-License-Identifier: GPL-3.0-or-later
// The four kinds of country clue of locatePersons, read from the case (internal to vigil_core_geo).
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "core/analysis/geo/countryshapes.h"
#include "core/analysis/geo/gazetteer.h"
#include "core/casedb/database.h"
#include "core/casedb/peoplequery.h"

namespace vigil::analysis::geo {

using CluesByPerson = std::map<std::int64_t, std::vector<casedb::LocationClue>>;

// A stated time of day, kept until the other clues are known (it only supports them).
struct PendingTime {
    std::int64_t personId = 0, messageId = 0, sentAt = 0;
    std::string phrase;
    TimeMention mention;
};

// One clue per distinct phone number of a person's accounts.
Result<void> addPhoneClues(casedb::Database &db, CluesByPerson &clues);

// Stated places in each person's own messages (one clue per place name, the first message that
// names it); returns the stated times for addTimezoneClues.
Result<std::vector<PendingTime>> addStatedClues(casedb::Database &db, const Gazetteer &gazetteer, CluesByPerson &clues);

// A stated time supports each country another clue of the person names whose zones showed that
// time then; it never adds a country of its own.
void addTimezoneClues(const std::vector<PendingTime> &times, CluesByPerson &clues);

// The country of each geotagged photo or video a person sent. `shapes` is called only when there
// is one.
using ShapesLoader = std::function<Result<const CountryShapes *>()>;
Result<void> addGpsClues(casedb::Database &db, const ShapesLoader &shapes, CluesByPerson &clues);

} // namespace vigil::analysis::geo
