// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/analysis/geo/location.h"

#include "core/analysis/geo/locationclues.h"
#include "core/analysis/geo/log.h"
#include "core/util/resources.h"

#include <sqlite3.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <optional>

namespace vigil::analysis {

namespace {

constexpr double kTieEpsilon = 1e-9;
constexpr std::array<const char *, 4> kSourceOrder = {"phone", "stated", "timezone", "gps"};

std::size_t sourceRank(const std::string &source)
{
    const auto it = std::ranges::find(kSourceOrder, source);
    return static_cast<std::size_t>(it - kSourceOrder.begin());
}

struct CountryScore {
    double missing = 1.0;   // prod(1 - confidence)
    bool phone = false;
    std::array<bool, kSourceOrder.size() + 1> sources{};
};

std::string sourcesText(const CountryScore &score)
{
    std::string out;
    for (std::size_t i = 0; i < kSourceOrder.size(); ++i)
        if (score.sources[i])
            out += (out.empty() ? "" : "+") + std::string(kSourceOrder[i]);
    return out;
}

std::filesystem::path orResource(const std::filesystem::path &given, const char *relative)
{
    return given.empty() ? resourcePath(relative) : given;
}

Result<void> clearLocations(casedb::Database &db)
{
    if (auto r = db.exec("DELETE FROM person_locations"); !r)
        return r;
    return db.exec("UPDATE persons SET country = NULL, country_confidence = NULL, country_source = NULL");
}

Result<void> writeClues(casedb::Database &db, std::int64_t person, const std::vector<casedb::LocationClue> &clues)
{
    auto st = db.prepare("INSERT INTO person_locations(person_id, country, source, confidence, detail, account_id, "
                         "message_id, file_id) VALUES (?,?,?,?,?,?,?,?)");
    if (!st)
        return std::unexpected(st.error());
    for (const auto &c : clues) {
        st->bind(1, person).bind(2, c.country).bind(3, c.source).bindReal(4, c.confidence).bind(5, c.detail);
        st->bind(6, c.accountId).bind(7, c.messageId).bind(8, c.fileId);
        if (auto r = st->run(); !r)
            return r;
    }
    return {};
}

Result<void> writeChoice(casedb::Database &db, std::int64_t person, const CountryChoice &choice)
{
    auto st = db.prepare("UPDATE persons SET country = ?, country_confidence = ?, country_source = ? WHERE id = ?");
    if (!st)
        return std::unexpected(st.error());
    return st->bind(1, choice.country).bindReal(2, choice.confidence).bind(3, choice.sources).bind(4, person).run();
}

Result<std::int64_t> countPersons(casedb::Database &db)
{
    auto st = db.prepare("SELECT count(*) FROM persons");
    if (!st)
        return std::unexpected(st.error());
    auto row = st->step();
    if (!row)
        return std::unexpected(row.error());
    return st->int64(0);
}

Result<geo::CluesByPerson> gatherClues(casedb::Database &db, const LocationOptions &options)
{
    auto gazetteer = Gazetteer::load(orResource(options.placesFile, "geo/places-en.json"),
                                     orResource(options.lexiconDir, "lexicons/en"));
    if (!gazetteer)
        return std::unexpected(gazetteer.error());
    geo::CluesByPerson clues;
    if (auto r = geo::addPhoneClues(db, clues); !r)
        return std::unexpected(r.error());
    auto times = geo::addStatedClues(db, *gazetteer, clues);
    if (!times)
        return std::unexpected(times.error());
    std::optional<Result<CountryShapes>> ownShapes;
    const geo::ShapesLoader shapes = [&]() -> Result<const CountryShapes *> {
        if (options.shapesFile.empty())
            return CountryShapes::shared();
        ownShapes = CountryShapes::load(options.shapesFile);
        if (!*ownShapes)
            return std::unexpected(ownShapes->error());
        return &**ownShapes;
    };
    if (auto r = geo::addGpsClues(db, shapes, clues); !r)
        return std::unexpected(r.error());
    geo::addTimezoneClues(*times, clues);
    for (auto &[person, list] : clues)
        std::ranges::stable_sort(list, {}, [](const casedb::LocationClue &c) { return sourceRank(c.source); });
    return clues;
}

Result<LocationSummary> locate(casedb::Database &db, const LocationOptions &options)
{
    auto persons = countPersons(db);
    if (!persons)
        return std::unexpected(persons.error());
    auto clues = gatherClues(db, options);
    if (!clues)
        return std::unexpected(clues.error());
    if (auto r = clearLocations(db); !r)
        return std::unexpected(r.error());
    LocationSummary summary;
    summary.persons = *persons;
    for (const auto &[person, list] : *clues) {
        if (auto r = writeClues(db, person, list); !r)
            return std::unexpected(r.error());
        summary.clues += static_cast<std::int64_t>(list.size());
        const CountryChoice choice = chooseCountry(list);
        if (choice.country.empty())
            continue;
        if (auto r = writeChoice(db, person, choice); !r)
            return std::unexpected(r.error());
        ++summary.located;
    }
    qCInfo(lcGeo) << "located" << summary.located << "of" << summary.persons << "persons from" << summary.clues
                  << "clues";
    return summary;
}

} // namespace

CountryChoice chooseCountry(const std::vector<casedb::LocationClue> &clues)
{
    std::map<std::string, CountryScore> scores;
    for (const auto &clue : clues) {
        CountryScore &s = scores[clue.country];
        s.missing *= 1.0 - std::clamp(clue.confidence, 0.0, 1.0);
        s.phone = s.phone || clue.source == "phone";
        s.sources[sourceRank(clue.source)] = true;
    }
    double best = -1.0;
    for (const auto &[country, s] : scores)
        best = std::max(best, 1.0 - s.missing);
    std::vector<std::string> tied, tiedWithPhone;
    for (const auto &[country, s] : scores) {
        if (std::abs(1.0 - s.missing - best) > kTieEpsilon)
            continue;
        tied.push_back(country);
        if (s.phone)
            tiedWithPhone.push_back(country);
    }
    std::string winner;
    if (tied.size() == 1)
        winner = tied.front();
    else if (tiedWithPhone.size() == 1)
        winner = tiedWithPhone.front();
    if (winner.empty())
        return {};
    const CountryScore &s = scores.at(winner);
    return {winner, 1.0 - s.missing, sourcesText(s)};
}

Result<LocationSummary> locatePersons(casedb::Database &db)
{
    return locatePersons(db, {});
}

Result<LocationSummary> locatePersons(casedb::Database &db, const LocationOptions &options)
{
    if (sqlite3_get_autocommit(db.handle()) == 0)
        return locate(db, options);   // the caller's transaction
    casedb::Transaction tx(db);
    if (auto r = tx.begun(); !r)
        return std::unexpected(r.error());
    auto summary = locate(db, options);
    if (!summary)
        return summary;
    if (auto r = tx.commit(); !r)
        return std::unexpected(r.error());
    return summary;
}

} // namespace vigil::analysis
