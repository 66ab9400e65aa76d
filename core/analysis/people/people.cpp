// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/analysis/people/people.h"

#include <chrono>

#include "core/analysis/people/log.h"
#include "core/analysis/people/scorepeople.h"

namespace vigil::analysis {

namespace {

// The derived tables that refer to persons go first: identity resolution rebuilds persons.
Result<void> clearDerived(casedb::Database &db)
{
    return db.exec("DELETE FROM victims; DELETE FROM conversation_scores; DELETE FROM indicator_hits; "
                   "DELETE FROM person_locations;");
}

Result<void> runSteps(casedb::Database &db, const PeopleOptions &options, const ScoringSetup &setup,
                      PeopleSummary &summary)
{
    if (auto r = clearDerived(db); !r)
        return r;
    auto identity = resolveIdentities(db);
    if (!identity)
        return std::unexpected(identity.error());
    summary.identity = *identity;
    auto location = locatePersons(db, LocationOptions{{}, options.lexiconDir, {}});
    if (!location)
        return std::unexpected(location.error());
    summary.location = *location;
    auto scored = scorePeople(db, setup, options.workers);
    if (!scored)
        return std::unexpected(scored.error());
    summary.messages = scored->messages;
    summary.hits = scored->hits;
    summary.counted = scored->counted;
    summary.conversations = scored->conversations;
    summary.victims = scored->victims;
    summary.urgent = scored->urgent;
    summary.clusters = scored->clusters;
    return {};
}

} // namespace

Result<PeopleSummary> analysePeople(casedb::Database &db, const PeopleOptions &options)
{
    const auto t0 = std::chrono::steady_clock::now();
    auto setup = loadScoringSetup({options.lexiconDir, options.scoringFile, options.workers});
    if (!setup)
        return std::unexpected(setup.error());
    casedb::Savepoint savepoint(db, "people_analysis");
    if (auto r = savepoint.begun(); !r)
        return std::unexpected(r.error());
    PeopleSummary summary;
    if (auto r = runSteps(db, options, *setup, summary); !r) {
        qCWarning(lcPeople) << "people analysis failed:" << r.error().toString().c_str();
        return std::unexpected(r.error());
    }
    if (auto r = savepoint.release(); !r)
        return std::unexpected(r.error());
    summary.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    qCInfo(lcPeople) << "people analysis:" << summary.identity.persons << "persons," << summary.victims << "victims in"
                     << summary.seconds << "s";
    return summary;
}

} // namespace vigil::analysis
