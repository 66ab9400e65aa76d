// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/pipeline/ingest.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <chrono>
#include <cstdlib>
#include <ctime>

#include "core/analysis/people/people.h"
#include "core/analysis/timeline/timeline.h"
#include "core/casedb/queries.h"
#include "core/evidence/logical.h"
#include "core/pipeline/imageingest.h"
#include "core/pipeline/ingestutil.h"
#include "core/pipeline/log.h"
#include "core/pipeline/logicalingest.h"
#include "core/pipeline/mediastage.h"
#include "core/pipeline/parsestage.h"
#include "core/pipeline/runoptions.h"
#include "plugins/api/host.h"

Q_LOGGING_CATEGORY(lcPipeline, "vigil.pipeline")

namespace vigil::pipeline {

namespace fs = std::filesystem;

namespace {

// Evidence the case already holds in full is not read again.
void skipDone(const casedb::CaseStore &store, const casedb::EvidenceState &prior, EvidenceSummary &sum)
{
    sum.opened = true;
    sum.evidenceId = prior.id;
    sum.note = "already ingested in this case as evidence " + std::to_string(prior.id) + ": skipped";
    if (auto idx = loadIndexCounts(store.dir(), sum)) {
        sum.kind = idx->kind;
        sum.mediaSize = static_cast<std::uint64_t>(idx->mediaSize);
        sum.filesHashed = static_cast<std::uint64_t>(idx->filesHashed);
        sum.bytesHashed = static_cast<std::uint64_t>(idx->bytesHashed);
    }
}

void ingestOne(casedb::CaseStore &store, const IngestOptions &opt, const ProgressFn &progress, EvidenceSummary &sum)
{
    std::error_code ec;
    auto found = store.findEvidence(fs::absolute(sum.path, ec).string());
    const std::optional<casedb::EvidenceState> prior = found ? *found : std::nullopt;
    const bool logical = fs::is_directory(sum.path, ec) || evidence::looksLikeZip(sum.path);
    if (prior && prior->status == "done") {
        skipDone(store, *prior, sum);
        parseEvidence(store, opt, sum, progress);   // only what an earlier run did not parse
        analyseEvidenceMedia(store, opt, sum, progress);
        // A run stopped while it verified the media verifies it now (an image, not a folder).
        if (opt.verify && prior->verification.empty() && !logical)
            verifyImage(store, opt, progress, sum);
        return;
    }
    if (logical) {
        ingestLogical(store, opt, progress, sum, prior);
        return;
    }
    auto src = evidence::openImage(sum.path);
    if (!src) {
        sum.openError = src.error().toString();
        ++sum.errors;
        store.recordError({std::nullopt, std::nullopt, std::nullopt, "open", "ingest", src.error(), sum.path.string(),
                           std::nullopt});
        return;
    }
    sum.opened = true;
    ingestImage(store, opt, progress, sum, std::move(*src), prior);
}

void linkCaseMedia(casedb::CaseStore &store, const IngestOptions &options, IngestSummary &summary)
{
    auto linked = linkMedia(store, options.media);
    if (!linked) {
        store.recordError({std::nullopt, std::nullopt, std::nullopt, "media", "media-link", linked.error(), {}, std::nullopt});
        return;
    }
    summary.nearDuplicateGroups = linked->nearDuplicateGroups;
    summary.mediaInGroups = linked->mediaInGroups;
    summary.faceGroups = linked->faceGroups;
    summary.hashMatches = linked->hashMatches;
    summary.pregraded = linked->pregraded;
    summary.knownGood = linked->knownGood;
}

// Persons, indicators, victims and clusters over the whole case, as one writer job.
void analyseCasePeople(casedb::CaseStore &store, const ProgressFn &progress, IngestSummary &summary)
{
    if (progress && !summary.evidence.empty()) {   // shown on the last item's line: it ends the ingest
        IngestProgress prog;
        prog.evidence = summary.evidence.back().path.filename().string();
        prog.stage = Stage::Analysing;
        progress(prog);
    }
    auto people = store.writer().call<analysis::PeopleSummary>(
        [](casedb::Database &db) { return analysis::analysePeople(db); });
    PeopleFigures &f = summary.people;
    if (!people) {
        f.error = people.error().toString();
        store.recordError({std::nullopt, std::nullopt, std::nullopt, "people", "people-analysis", people.error(), {},
                           std::nullopt});
        return;
    }
    f.ran = true;
    f.persons = people->identity.persons;
    f.suspects = people->identity.suspects;
    f.accounts = people->identity.accounts;
    f.located = people->location.located;
    f.messages = people->messages;
    f.hits = people->hits;
    f.counted = people->counted;
    f.victims = people->victims;
    f.urgent = people->urgent;
    f.clusters = people->clusters;
    f.seconds = people->seconds;
}

// The case timeline (the events table), rebuilt after the people analysis (events name persons).
void buildCaseTimeline(casedb::CaseStore &store)
{
    auto timeline = store.writer().call<analysis::TimelineSummary>(
        [](casedb::Database &db) { return analysis::buildTimeline(db); });
    if (!timeline)
        store.recordError({std::nullopt, std::nullopt, std::nullopt, "timeline", "timeline", timeline.error(), {},
                           std::nullopt});
}

} // namespace

const char *stageName(Stage stage)
{
    switch (stage) {
    case Stage::Opening: return "opening";
    case Stage::Volumes: return "volumes";
    case Stage::Indexing: return "indexing";
    case Stage::Content: return "hashing";
    case Stage::Parsing: return "parsing";
    case Stage::Media: return "media";
    case Stage::Verifying: return "verifying";
    case Stage::Done: return "done";
    case Stage::Expanding: return "expanding";
    case Stage::Carving: return "carving";
    case Stage::Analysing: return "analysing";
    }
    return "";
}

std::uint64_t IngestSummary::totalErrors() const
{
    std::uint64_t n = 0;
    for (const auto &e : evidence)
        n += e.errors;
    return n;
}

bool IngestSummary::anyUnusable() const
{
    for (const auto &e : evidence) {
        if (!e.opened || (e.filesystems.empty() && e.files == 0))
            return true;
    }
    return false;
}

std::string IngestSummary::toJson() const
{
    QJsonArray items;
    for (const auto &e : evidence) {
        QJsonArray fss;
        for (const auto &f : e.filesystems)
            fss.append(QJsonObject{{"type", q(f.type)}, {"offset", qint64(f.offset)}, {"entries", qint64(f.entries)}});
        items.append(QJsonObject{{"path", q(e.path.string())}, {"kind", q(e.kind)}, {"evidence_id", qint64(e.evidenceId)},
                                 {"opened", e.opened}, {"open_error", q(e.openError)},
                                 {"media_size", qint64(e.mediaSize)}, {"volumes", e.volumes}, {"filesystems", fss},
                                 {"files", qint64(e.files)}, {"deleted", qint64(e.deleted)},
                                 {"files_hashed", qint64(e.filesHashed)}, {"bytes_hashed", qint64(e.bytesHashed)},
                                 {"errors", qint64(e.errors)}, {"verification", q(e.verification)},
                                 {"note", q(e.note)}, {"index_seconds", e.indexSeconds},
                                 {"content_seconds", e.contentSeconds}, {"parse_seconds", e.parseSeconds},
                                 {"files_parsed", qint64(e.filesParsed)}, {"parse_failures", qint64(e.parseFailures)},
                                 {"home_region", q(e.homeRegion)}, {"home_region_source", q(e.homeRegionSource)},
                                 {"accounts", qint64(e.accounts)}, {"contacts", qint64(e.contacts)},
                                 {"conversations", qint64(e.conversations)}, {"messages", qint64(e.messages)},
                                 {"calls", qint64(e.calls)}, {"web_visits", qint64(e.webVisits)},
                                 {"web_searches", qint64(e.webSearches)},
                                 {"media_analysed", qint64(e.mediaAnalysed)}, {"media_failed", qint64(e.mediaFailed)},
                                 {"faces", qint64(e.faces)}, {"media_seconds", e.mediaSeconds},
                                 {"carved", qint64(e.carved)}, {"carved_partial", qint64(e.carvedPartial)},
                                 {"carved_bytes_scanned", qint64(e.carvedBytesScanned)},
                                 {"slack_files", qint64(e.slackFiles)}, {"carve_seconds", e.carveSeconds},
                                 {"archives_expanded", qint64(e.archivesExpanded)}, {"members", qint64(e.members)},
                                 {"member_bytes", qint64(e.memberBytes)}, {"embedded", qint64(e.embedded)},
                                 {"expand_errors", qint64(e.expandErrors)}, {"expand_seconds", e.expandSeconds}});
    }
    const QJsonObject mediaLinks{{"near_duplicate_groups", qint64(nearDuplicateGroups)},
                                 {"media_in_groups", qint64(mediaInGroups)}, {"face_groups", qint64(faceGroups)},
                                 {"hash_matches", qint64(hashMatches)}, {"pregraded", qint64(pregraded)},
                                 {"known_good", qint64(knownGood)}};
    const QJsonObject peopleFigures{{"ran", people.ran}, {"error", q(people.error)},
                                    {"persons", qint64(people.persons)}, {"suspects", qint64(people.suspects)},
                                    {"accounts", qint64(people.accounts)}, {"located", qint64(people.located)},
                                    {"messages_matched", qint64(people.messages)}, {"indicator_hits", qint64(people.hits)},
                                    {"indicator_hits_counted", qint64(people.counted)},
                                    {"victims", qint64(people.victims)}, {"urgent", qint64(people.urgent)},
                                    {"clusters", qint64(people.clusters)}, {"seconds", people.seconds}};
    QJsonObject o{{"evidence", items}, {"cancelled", cancelled}, {"seconds", seconds},
                  {"errors", qint64(totalErrors())}, {"media", mediaLinks}, {"people", peopleFigures}};
    if (storageFailure) {
        o.insert("storage_failure", q(storageFailure->message));
        o.insert("storage_failure_detail", q(storageFailure->detail));
    }
    return QJsonDocument(o).toJson(QJsonDocument::Indented).toStdString();
}

IngestSummary runIngest(casedb::CaseStore &store, const IngestOptions &requested, const ProgressFn &progress)
{
    const auto t0 = std::chrono::steady_clock::now();
    IngestSummary summary;
    // A failure of the case's storage (a full disk) stops the ingest as Ctrl-C would: the writer
    // raises the cancel flag, every stage winds down, and the case is left as its last commit was.
    std::atomic<bool> ownStop{false};
    IngestOptions options = requested;
    if (!options.cancel)
        options.cancel = &ownStop;
    store.writer().raiseOnStorageFailure(options.cancel);
    // The Sleuth Kit reads FAT times through the C library's local time: the process's TZ. It is
    // set for every ingest, so a desktop on a machine in another zone reads them as the CLI does.
    setenv("TZ", options.fsTimezone.empty() ? "UTC" : options.fsTimezone.c_str(), 1);
    tzset();
    if (options.plugins)
        options.plugins->setTimeLimit(std::chrono::seconds(options.itemTimeLimitSeconds));
    auto runId = store.beginRun(runOptionsJson(options));
    for (const auto &path : options.evidence) {
        if (options.cancel && options.cancel->load())
            break;
        EvidenceSummary sum;
        sum.path = path;
        ingestOne(store, options, progress, sum);
        summary.evidence.push_back(std::move(sum));
    }
    summary.cancelled = options.cancel->load();
    if (!summary.cancelled && options.media.enabled)
        linkCaseMedia(store, options, summary);
    if (!summary.cancelled && options.people)
        analyseCasePeople(store, progress, summary);
    if (!summary.cancelled)
        buildCaseTimeline(store);
    summary.seconds = secondsSince(t0);
    (void)store.flush();
    store.writer().raiseOnStorageFailure(nullptr);   // ownStop ends here
    if (auto failure = store.writer().storageFailure()) {
        // Nothing more can be written: the run stays recorded as running, which is what
        // `vigil ingest --resume` continues from once there is space.
        summary.cancelled = false;
        summary.storageFailure = std::move(failure);
        return summary;
    }
    if (runId)
        (void)store.finishRun(*runId, summary.cancelled ? "cancelled" : "completed", summary.toJson());
    store.audit("ingest.finish", QJsonObject{{"status", summary.cancelled ? "cancelled" : "completed"},
                                             {"errors", qint64(summary.totalErrors())}});
    (void)store.flush();
    return summary;
}

} // namespace vigil::pipeline
