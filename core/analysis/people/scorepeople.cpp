// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/analysis/people/scorepeople.h"

#include <chrono>

#include "core/analysis/people/clusters.h"
#include "core/analysis/people/contacts.h"
#include "core/analysis/people/conversationscore.h"
#include "core/analysis/people/hits.h"
#include "core/analysis/people/log.h"
#include "core/analysis/people/victims.h"
#include "core/util/resources.h"

Q_LOGGING_CATEGORY(lcPeople, "vigil.people")

namespace vigil::analysis {

namespace {

Result<std::filesystem::path> resource(const std::filesystem::path &given, const char *relative)
{
    if (!given.empty())
        return given;
    auto path = resourcePath(relative);
    if (path.empty())
        return fail(ErrorCode::NotFound, std::string("Cannot find Vigil's resources folder for ") + relative
                                             + " (set VIGIL_RESOURCE_DIR)");
    return path;
}

// Logs how long each step took (QT_LOGGING_RULES="vigil.people.debug=true").
class StepTimer {
public:
    void done(const char *step)
    {
        const auto now = std::chrono::steady_clock::now();
        qCDebug(lcPeople) << step << std::chrono::duration<double>(now - m_last).count() << "s";
        m_last = now;
    }

private:
    std::chrono::steady_clock::time_point m_last = std::chrono::steady_clock::now();
};

Result<void> addVictims(casedb::Database &db, const PeopleIndex &index, const ScoringSetup &setup,
                        ScoreSummary &summary)
{
    StepTimer timer;
    auto hits = loadCountedHits(db, index, setup.matcher.lexicon());
    auto reference = caseReferenceTime(db);
    if (!hits || !reference)
        return std::unexpected(!hits ? hits.error() : reference.error());
    timer.done("counted hits read:");
    const ContactTables contacts = gatherContacts(index, std::move(*hits));
    timer.done("contacts gathered:");
    auto scored = scoreConversations(db, index, contacts, setup.rules, *reference);
    if (!scored)
        return std::unexpected(scored.error());
    timer.done("conversations scored:");
    auto victims = rankVictims(db, contacts, setup.rules, *reference);
    timer.done("victims ranked:");
    if (!victims)
        return std::unexpected(victims.error());
    summary.conversations = *scored;
    summary.contacts = victims->contacts;
    summary.victims = victims->victims;
    summary.urgent = victims->urgent;
    return {};
}

} // namespace

Result<ScoringSetup> loadScoringSetup(const ScoreOptions &options)
{
    auto lexiconDir = resource(options.lexiconDir, "lexicons/en");
    auto scoringFile = resource(options.scoringFile, "lexicons/scoring.json");
    if (!lexiconDir || !scoringFile)
        return std::unexpected(!lexiconDir ? lexiconDir.error() : scoringFile.error());
    auto lexicon = loadLexicon(*lexiconDir);
    if (!lexicon)
        return std::unexpected(lexicon.error());
    auto rules = loadScoringRules(*scoringFile);
    if (!rules)
        return std::unexpected(rules.error());
    return ScoringSetup{IndicatorMatcher(std::move(*lexicon)), std::move(*rules)};
}

Result<ScoreSummary> scorePeople(casedb::Database &db, const ScoringSetup &setup, unsigned workers)
{
    StepTimer timer;
    auto index = PeopleIndex::load(db);
    if (!index)
        return std::unexpected(index.error());
    timer.done("people index:");
    ScoreSummary summary;
    auto hits = findIndicatorHits(db, *index, setup.matcher, setup.rules, workers);
    if (!hits)
        return std::unexpected(hits.error());
    timer.done("indicator hits:");
    summary.messages = hits->messages;
    summary.hits = hits->hits;
    summary.counted = hits->counted;
    if (auto r = addVictims(db, *index, setup, summary); !r)
        return std::unexpected(r.error());
    timer.done("victims:");
    auto clusters = clusterPersons(db, *index);
    if (!clusters)
        return std::unexpected(clusters.error());
    timer.done("clusters:");
    summary.clusters = *clusters;
    qCInfo(lcPeople) << "people scored:" << summary.messages << "messages," << summary.hits << "hits ("
                     << summary.counted << "counted)," << summary.victims << "victims (" << summary.urgent
                     << "urgent)," << summary.clusters << "clusters";
    return summary;
}

} // namespace vigil::analysis
