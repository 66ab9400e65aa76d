// SPDX-License-Identifier: GPL-3.0-or-later
#include <QJsonObject>

#include <chrono>
#include <csignal>
#include <cstdlib>
#include <cstdio>
#include <fstream>
#include <map>
#include <memory>
#include <sstream>
#include <unistd.h>

#include "app/cli/commands.h"
#include "app/cli/logging.h"
#include "app/cli/progress.h"
#include "core/analysis/identifiers.h"
#include "core/analysis/timeline/timeline.h"
#include "core/casedb/queries.h"
#include "core/pipeline/ingest.h"
#include "core/util/faultpoint.h"
#include "core/pipeline/runoptions.h"
#include "plugins/api/host.h"
#include "plugins/api/registry.h"
#include "plugins/builtin.h"

namespace vigil::cli {

namespace {

std::atomic<bool> g_cancel{false};

void onSignal(int)
{
    if (g_cancel.exchange(true))
        _exit(ExitCancelled);   // second Ctrl-C: stop now (the case stays valid: WAL)
}

void installSignalHandlers()
{
    struct sigaction sa{};
    sa.sa_handler = onSignal;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, nullptr);
    sigaction(SIGTERM, &sa, nullptr);
}

std::string describeProgress(const pipeline::IngestProgress &p)
{
    std::string s = p.evidence + "  ";
    if (p.stage == pipeline::Stage::Verifying)
        s += "media " + formatBytes(p.bytesDone) + " of " + formatBytes(p.bytesTotal);
    else if (p.stage == pipeline::Stage::Parsing)
        s += std::to_string(p.filesDone) + "/" + std::to_string(p.filesTotal) + " databases and files parsed";
    else if (p.stage == pipeline::Stage::Carving)
        s += "unallocated space and slack " + formatBytes(p.bytesDone) + " of " + formatBytes(p.bytesTotal);
    else if (p.stage == pipeline::Stage::Expanding)
        s += std::to_string(p.filesDone) + "/" + std::to_string(p.filesTotal) + " archives and files opened";
    else if (p.stage == pipeline::Stage::Analysing)
        s = "persons, indicators and victims";
    else if (p.stage == pipeline::Stage::Media)
        s += std::to_string(p.filesDone) + "/" + std::to_string(p.filesTotal) + " images and videos analysed";
    else if (p.stage == pipeline::Stage::Content)
        s += std::to_string(p.filesDone) + "/" + std::to_string(p.filesTotal) + " files, " +
             formatBytes(p.bytesDone) + " of " + formatBytes(p.bytesTotal);
    else
        s += std::to_string(p.filesIndexed) + " files indexed";
    if (p.errors)
        s += ", " + std::to_string(p.errors) + " errors";
    return s;
}

// "content types: jpeg 12, png 4, ...; extension mismatches: 2" for one evidence item.
std::string overviewText(const std::filesystem::path &caseDir, std::int64_t evidenceId)
{
    auto db = casedb::CaseStore::openReadOnly(caseDir);
    if (!db)
        return {};
    auto o = casedb::contentOverview(*db, evidenceId);
    if (!o || o->types.empty())
        return {};
    std::ostringstream out;
    out << "  content types:";
    for (std::size_t i = 0; i < o->types.size() && i < 8; ++i)
        out << (i ? ", " : " ") << o->types[i].first << " " << o->types[i].second;
    if (o->types.size() > 8)
        out << ", ...";
    out << "; extension mismatches: " << o->extensionMismatches;
    if (o->unreadable || o->partial)
        out << "; unreadable " << o->unreadable << ", partial " << o->partial;
    out << "\n";
    return out.str();
}

const char *verificationText(const std::string &v)
{
    if (v == "match")
        return "MATCH - the media hashes equal those stored at acquisition";
    if (v == "mismatch")
        return "MISMATCH - the media differs from what was acquired";
    if (v == "no-stored-hash")
        return "computed (no acquisition hash stored in this container)";
    return "could not read the whole media";
}

// "communications: 120 messages in 7 conversations, …" for one evidence item.
std::string communicationsText(const pipeline::EvidenceSummary &e)
{
    if (e.filesParsed == 0 && e.messages == 0 && e.parseFailures == 0 && e.accounts == 0)
        return {};
    std::ostringstream out;
    out << "  communications: " << e.messages << " messages in " << e.conversations << " conversations, " << e.accounts
        << " accounts, " << e.contacts << " contacts, " << e.calls << " calls, " << e.webVisits << " web visits, "
        << e.webSearches << " searches\n  parsed: " << e.filesParsed << " databases/files";
    if (e.parseFailures)
        out << " (" << e.parseFailures << " could not be opened)";
    out << " in " << formatDuration(e.parseSeconds) << "; home region: "
        << (e.homeRegion.empty() ? "unknown (numbers without a country code stay as stored; use --region)"
                                 : e.homeRegion + " (" + e.homeRegionSource + ")")
        << "\n";
    return out.str();
}

// "media: 120 analysed (2 could not be), 14 faces in 3.2 s" for one evidence item.
std::string mediaText(const pipeline::EvidenceSummary &e)
{
    if (e.mediaAnalysed == 0 && e.mediaFailed == 0)
        return {};
    std::ostringstream out;
    out << "  media: " << e.mediaAnalysed << " images/videos analysed";
    if (e.mediaFailed)
        out << " (" << e.mediaFailed << " could not be decoded)";
    out << ", " << e.faces << " faces, in " << formatDuration(e.mediaSeconds) << "\n";
    return out.str();
}

// "recovered: 12 carved (3 partial) from 1.2 GiB in 4.1 s; 2 archives, 40 members, 3 embedded" for one evidence item.
std::string recoveryText(const pipeline::EvidenceSummary &e)
{
    if (e.carvedBytesScanned == 0 && e.carved == 0 && e.archivesExpanded == 0 && e.embedded == 0 && e.expandErrors == 0)
        return {};
    std::ostringstream out;
    out << "  recovered: " << e.carved << " files carved";
    if (e.carvedPartial)
        out << " (" << e.carvedPartial << " partial)";
    out << " from " << formatBytes(e.carvedBytesScanned) << " of unallocated space and slack";
    if (e.carveSeconds > 0)
        out << " in " << formatDuration(e.carveSeconds);
    out << "; " << e.archivesExpanded << " archives expanded (" << e.members << " members, "
        << formatBytes(e.memberBytes) << " kept in the case), " << e.embedded << " embedded files";
    if (e.expandErrors)
        out << "; " << e.expandErrors << " expansion problems";
    out << "\n";
    return out.str();
}

std::string mediaLinksText(const pipeline::IngestSummary &sum)
{
    if (sum.mediaInGroups == 0 && sum.faceGroups == 0 && sum.hashMatches == 0)
        return {};
    std::ostringstream out;
    out << "Media: " << sum.nearDuplicateGroups << " near-duplicate groups (" << sum.mediaInGroups << " media), "
        << sum.faceGroups << " face groups, " << sum.hashMatches << " hash-set matches (" << sum.pregraded
        << " pre-graded, " << sum.knownGood << " known-good)\n";
    return out.str();
}

// "People: 14 persons (1 suspect) from 40 accounts; 5 victims (2 urgent); …" for the case.
std::string peopleText(const pipeline::PeopleFigures &p)
{
    if (!p.error.empty())
        return "People: not analysed: " + p.error + "\n";
    if (!p.ran)
        return {};
    std::ostringstream out;
    out << "People: " << p.persons << " persons (" << p.suspects << " suspect" << (p.suspects == 1 ? "" : "s")
        << ") from " << p.accounts << " accounts, " << p.located << " placed in a country; " << p.victims
        << " victims (" << p.urgent << " urgent); " << p.hits << " indicator hits (" << p.counted << " counted) in "
        << p.messages << " messages; " << p.clusters << " clusters; in " << formatDuration(p.seconds) << "\n";
    if (p.victims)
        out << "  the ranked list: vigil victims --case DIR\n";
    return out.str();
}

std::string summaryText(const pipeline::IngestSummary &sum, const std::filesystem::path &caseDir)
{
    std::ostringstream out;
    int i = 0;
    for (const auto &e : sum.evidence) {
        out << "Evidence " << ++i << ": " << e.path.string();
        if (!e.opened) {
            out << "\n  NOT INGESTED: " << e.openError << "\n";
            continue;
        }
        out << " (" << e.kind << ", " << formatBytes(e.mediaSize) << ")\n";
        if (!e.note.empty())
            out << "  " << e.note << "\n";
        out << "  volumes: " << e.volumes << "; file systems:";
        for (const auto &f : e.filesystems)
            out << " " << f.type << "@" << f.offset << " (" << f.entries << " entries)";
        if (e.filesystems.empty())
            out << " none";
        out << "\n  files: " << e.files << " (" << e.deleted << " deleted); content hashed: " << e.filesHashed
            << " files, " << formatBytes(e.bytesHashed);
        const double secs = e.contentSeconds > 0 ? e.contentSeconds : e.indexSeconds;
        if (secs > 0)
            out << " at " << formatBytes(static_cast<std::uint64_t>(static_cast<double>(e.bytesHashed) / secs)) << "/s";
        out << "\n" << overviewText(caseDir, e.evidenceId) << communicationsText(e) << mediaText(e) << recoveryText(e);
        if (!e.verification.empty())
            out << "  media verification: " << verificationText(e.verification) << "\n";
        out << "  index " << formatDuration(e.indexSeconds) << ", content " << formatDuration(e.contentSeconds)
            << "; processing errors: " << e.errors << "\n";
    }
    out << mediaLinksText(sum);
    std::string people = peopleText(sum.people);
    if (const auto dir = people.find("DIR"); dir != std::string::npos)
        people.replace(dir, 3, caseDir.string());
    out << people;
    if (sum.storageFailure) {
        out << "STOPPED after " << formatDuration(sum.seconds) << ": " << sum.storageFailure->message << "\n"
            << "  (" << sum.storageFailure->detail << ")\n"
            << "Continue once there is space: vigil ingest --resume --case " << caseDir.string() << "\n";
        return out.str();
    }
    out << (sum.cancelled ? "CANCELLED" : "Done") << " in " << formatDuration(sum.seconds) << ", "
        << sum.totalErrors() << " processing error(s). Case: " << caseDir.string() << "\n";
    if (sum.totalErrors())
        out << "See them with: vigil errors --case " << caseDir.string() << "\n";
    return out.str();
}

void writeSummaryFiles(const std::filesystem::path &dir, const pipeline::IngestSummary &sum, const std::string &text)
{
    std::ofstream(dir / "summary.json") << sum.toJson();
    std::ofstream(dir / "summary.txt") << text;
}

int exitCodeFor(const pipeline::IngestSummary &sum)
{
    if (sum.storageFailure)
        return ExitFailed;   // the case could not be written
    if (sum.cancelled)
        return ExitCancelled;
    if (sum.anyUnusable())
        return ExitFailed;
    return sum.totalErrors() ? ExitFindings : ExitOk;
}

struct IngestArgs {
    std::string caseDir, examiner, caseNumber, description;
    std::string timezone;   // --timezone as given; "" = not given (UTC assumed, not recorded)
    bool parse = true;
    bool resume = false;   // --resume: evidence and settings come from the interrupted run
    pipeline::IngestOptions options;
};

// A zone name of the tz database that the C library can load (TZ is read by The Sleuth Kit through
// mktime/localtime): "America/New_York", "Europe/London", "UTC", "Etc/GMT+5". glibc quietly takes
// an unknown name as UTC, so the name is checked against the zoneinfo file it would read.
bool isKnownTimeZone(const std::string &name)
{
    if (name.empty() || name.size() > 64 || name.front() == '/' || name.front() == '-' ||
        name.find("..") != std::string::npos || name.find("//") != std::string::npos)
        return false;
    for (const char c : name) {
        const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '/' ||
                        c == '_' || c == '-' || c == '+';
        if (!ok)
            return false;
    }
    const char *tzdir = getenv("TZDIR");
    const std::filesystem::path file =
        std::filesystem::path(tzdir && *tzdir ? tzdir : "/usr/share/zoneinfo") / name;
    std::error_code ec;
    if (!std::filesystem::is_regular_file(file, ec))
        return false;
    std::ifstream in(file, std::ios::binary);
    char magic[4] = {};
    return in.read(magic, 4) && std::string(magic, 4) == "TZif";
}

int parseThreads(const std::string &threads, IngestArgs &a)
{
    if (threads.empty())
        return ExitOk;
    char *end = nullptr;
    const unsigned long n = std::strtoul(threads.c_str(), &end, 10);
    if (*end != '\0' || n == 0 || n > 256) {
        std::fprintf(stderr, "vigil: --threads takes a number of workers from 1 to 256, not '%s'\n", threads.c_str());
        return ExitUsage;
    }
    a.options.workers = static_cast<unsigned>(n);
    return ExitOk;
}

// --resume takes its evidence and settings from the interrupted run: only the case, the examiner
// (who resumes) and the number of workers may be given.
int parseResumeArgs(const Args &rest, const std::string &threads, IngestArgs &a)
{
    if (!rest.empty()) {
        std::fprintf(stderr, "vigil: --resume continues with the evidence and settings of the interrupted ingest; "
                             "give only --case DIR (and --examiner, --threads), not '%s'\n",
                     rest.front().c_str());
        return ExitUsage;
    }
    if (a.caseDir.empty()) {
        std::fputs("usage: vigil ingest --resume --case DIR [--examiner NAME] [--threads N]\n", stderr);
        return ExitUsage;
    }
    if (a.examiner.empty())
        a.examiner = getenv("USER") ? getenv("USER") : "examiner";
    return parseThreads(threads, a);
}

// Takes `option` with an integer from `low` to `high` into `value` (left as it is when the option is
// absent). False after saying what is wrong with it.
bool takeBoundedInt(Args &args, const char *option, long low, long high, const char *what, int &value)
{
    std::string text;
    if (!takeOption(args, option, text))
        return true;
    char *end = nullptr;
    const long n = std::strtol(text.c_str(), &end, 10);
    if (text.empty() || *end != '\0' || n < low || n > high) {
        std::fprintf(stderr, "vigil: %s takes %s from %ld to %ld, not '%s'\n", option, what, low, high, text.c_str());
        return false;
    }
    value = static_cast<int>(n);
    return true;
}

// ExitOk, or ExitUsage after saying what is wrong.
int parseIngestArgs(const Args &input, IngestArgs &a)
{
    Args args = input;
    std::string threads;
    a.resume = takeFlag(args, "--resume");
    takeOption(args, "--case", a.caseDir);
    takeOption(args, "--examiner", a.examiner);
    if (a.resume) {
        takeOption(args, "--threads", threads);
        return parseResumeArgs(args, threads, a);
    }
    takeOption(args, "--case-number", a.caseNumber);
    takeOption(args, "--description", a.description);
    takeOption(args, "--threads", threads);
    const bool timezoneGiven = takeOption(args, "--timezone", a.timezone);
    takeOption(args, "--region", a.options.region);
    a.options.sha256 = takeFlag(args, "--sha256");
    a.options.verify = takeFlag(args, "--verify");
    a.parse = !takeFlag(args, "--no-parsers");
    a.options.sqliteRecovery = !takeFlag(args, "--no-sqlite-recovery");
    a.options.carve = !takeFlag(args, "--no-carve");
    a.options.expand = !takeFlag(args, "--no-expand");
    a.options.media.enabled = !takeFlag(args, "--no-media");
    a.options.media.faces = !takeFlag(args, "--no-faces");
    a.options.people = !takeFlag(args, "--no-people");
    std::string faceModel;
    if (takeOption(args, "--face-model", faceModel))
        a.options.media.faceModel = faceModel;
    if (!takeBoundedInt(args, "--max-depth", 1, 64, "a nesting depth", a.options.maxDepth) ||
        !takeBoundedInt(args, "--min-face", 12, 1000, "a face size in pixels", a.options.media.minFaceSize) ||
        !takeBoundedInt(args, "--item-time-limit", 0, 86400, "a time in seconds (0: no limit)",
                        a.options.itemTimeLimitSeconds))
        return ExitUsage;
    if (!noUnknownOptions(args))
        return ExitUsage;
    if (timezoneGiven && !isKnownTimeZone(a.timezone)) {
        std::fprintf(stderr,
                     "vigil: --timezone takes a time zone name of the tz database such as America/New_York, "
                     "Europe/London or UTC, not '%s'\n",
                     a.timezone.c_str());
        return ExitUsage;
    }
    if (!a.options.region.empty() && !analysis::isKnownRegion(a.options.region)) {
        std::fprintf(stderr, "vigil: --region takes a two-letter country code such as GB, US or FR, not '%s'\n",
                     a.options.region.c_str());
        return ExitUsage;
    }
    if (a.caseDir.empty() || args.empty()) {
        std::fputs("usage: vigil ingest EVIDENCE... --case DIR [--examiner NAME] [--case-number ID]\n", stderr);
        return ExitUsage;
    }
    if (a.examiner.empty())
        a.examiner = getenv("USER") ? getenv("USER") : "examiner";
    if (const int bad = parseThreads(threads, a); bad != ExitOk)
        return bad;
    a.options.evidence.assign(args.begin(), args.end());
    return ExitOk;
}

// Feeds the progress line: a fraction and a rate while bytes are read, a count otherwise.
pipeline::ProgressFn progressReporter(ProgressLine &bar)
{
    auto contentStart = std::make_shared<std::chrono::steady_clock::time_point>();
    return [&bar, contentStart](const pipeline::IngestProgress &p) {
        faultPoint("stage.", pipeline::stageName(p.stage));   // reliability tests
        const bool content = p.stage == pipeline::Stage::Content;
        if (!content || p.bytesDone == 0)
            *contentStart = std::chrono::steady_clock::now();
        const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - *contentStart).count();
        const double rate = content && secs > 0.5 ? static_cast<double>(p.bytesDone) / secs : 0;
        const bool measured = content || p.stage == pipeline::Stage::Verifying || p.stage == pipeline::Stage::Carving;
        const double fraction =
            measured && p.bytesTotal ? static_cast<double>(p.bytesDone) / static_cast<double>(p.bytesTotal) : -1;
        bar.update(pipeline::stageName(p.stage), fraction, describeProgress(p), rate, p.bytesTotal - p.bytesDone);
    };
}

// --resume: the evidence and settings of the case's last ingest, when it did not complete.
// Sets nothingToDo (and says so) when the last ingest completed.
int takeInterruptedRun(casedb::CaseStore &store, IngestArgs &a, bool &nothingToDo)
{
    auto last = store.lastRun();
    if (!last) {
        std::fprintf(stderr, "vigil: %s\n", last.error().toString().c_str());
        return ExitFailed;
    }
    if (!*last) {   // killed before its first commit: nothing of it was kept, not even its settings
        std::fprintf(stderr, "vigil: nothing to resume: no ingest was recorded in %s (it was stopped before it "
                             "began); run the ingest command again\n",
                     a.caseDir.c_str());
        return ExitFailed;
    }
    if ((*last)->status == "completed") {
        std::printf("Nothing to resume: the last ingest (started %s) completed\n", (*last)->startedUtc.c_str());
        nothingToDo = true;
        return ExitOk;
    }
    const casedb::RunState &run = **last;
    const unsigned workers = a.options.workers;
    auto options = pipeline::runOptionsFromJson(run.optionsJson, &a.parse);
    if (!options) {
        std::fprintf(stderr, "vigil: %s\n", options.error().toString().c_str());
        return ExitFailed;
    }
    a.options = std::move(*options);
    a.options.workers = workers;
    for (const auto &path : a.options.evidence) {
        std::error_code ec;
        if (!std::filesystem::exists(path, ec)) {
            std::fprintf(stderr, "vigil: cannot resume: the evidence is no longer at %s\n", path.c_str());
            return ExitFailed;
        }
    }
    store.audit("ingest.resume", QJsonObject{{"run_id", qint64(run.id)},
                                             {"previous_status", QString::fromStdString(run.status)},
                                             {"started_utc", QString::fromStdString(run.startedUtc)}});
    std::fprintf(stderr, "Resuming the ingest started %s (%s) of %zu evidence item(s) with its settings\n",
                 run.startedUtc.c_str(), run.status.c_str(), a.options.evidence.size());
    return ExitOk;
}

} // namespace

int runIngest(const Args &input)
{
    IngestArgs a;
    if (const int usage = parseIngestArgs(input, a); usage != ExitOk)
        return usage;
    if (a.resume && !casedb::CaseStore::openReadOnly(a.caseDir)) {
        std::fprintf(stderr, "vigil: nothing to resume: no Vigil case in %s\n", a.caseDir.c_str());
        return ExitFailed;
    }
    auto store = casedb::CaseStore::openOrCreate(a.caseDir, {a.caseNumber, a.examiner, a.description}, a.examiner);
    if (!store) {
        std::fprintf(stderr, "vigil: %s\n", store.error().toString().c_str());
        return ExitFailed;
    }
    if (a.resume) {
        bool nothingToDo = false;
        if (const int code = takeInterruptedRun(**store, a, nothingToDo); code != ExitOk || nothingToDo)
            return code;
    } else {
        a.options.fsTimezone = a.timezone;   // FAT times are read in it (the pipeline sets TZ; "" = UTC)
    }
    a.options.cancel = &g_cancel;
    plugins::PluginRegistry registry;
    plugins::registerBuiltinPlugins(registry);
    for (const auto &r : registry.load({})) {
        if (!r.ok() && r.reason != plugins::LoadReason::Disabled)
            std::fprintf(stderr, "vigil: plugin %s: %s\n", r.pluginId.c_str(), r.userText.c_str());
    }
    plugins::PluginHost host(registry.loadedPlugins());
    if (a.parse)
        a.options.plugins = &host;

    logToFile(std::filesystem::path(a.caseDir) / "logs" / "vigil.log");
    installSignalHandlers();
    ProgressLine bar;
    auto summary = pipeline::runIngest(**store, a.options, progressReporter(bar));
    (void)(*store)->flush();
    bar.finish();
    const std::string text = summaryText(summary, a.caseDir);
    std::fputs(text.c_str(), stdout);
    if (!summary.storageFailure)   // nothing more fits on the case's disk
        writeSummaryFiles(a.caseDir, summary, text);
    return exitCodeFor(summary);
}

} // namespace vigil::cli
