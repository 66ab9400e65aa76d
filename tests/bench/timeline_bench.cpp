// SPDX-License-Identifier: GPL-3.0-or-later
// The case timeline (issue 8) at 5 million events: generates a case whose `events` table holds N
// events (default 5,000,000; ~80 % file MACB times with a files row per four events, messages and
// calls concerning 200 persons, web visits and searches, media capture times, spread over two
// years), then measures the casedb queries (count, range, keyset pages, histogram, the key walk)
// and the desktop's TimelineModel (first rows, whole index, random and sequential reads, jumps to a
// time, and the index with a person, a lane and a text filter). Prints figures; never asserts a
// time. Exits non-zero only on errors.
// Usage: timeline_bench WORKDIR [N]   (TIMELINE_BENCH_KEEP=1 keeps WORKDIR/timeline-bench-case and
// reuses it on the next run when it holds N events)
#include <QCoreApplication>
#include <QEventLoop>
#include <QGuiApplication>
#include <QTimer>

#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <numeric>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "core/casedb/casestore.h"
#include "core/casedb/timelinequery.h"
#include "ui/models/timelinemodel.h"

namespace fs = std::filesystem;
using namespace vigil;
using Clock = std::chrono::steady_clock;

namespace {

constexpr std::int64_t kSec = 1'000'000'000;
constexpr std::int64_t kStart = 1672531200LL * kSec;   // 2023-01-01T00:00:00Z
constexpr std::int64_t kSpan = 730LL * 86400 * kSec;   // two years
constexpr int kPersons = 200;
constexpr const char *kWord = "lighthouse";   // in about 1 % of the summaries (never in a path)

double ms(Clock::time_point a, Clock::time_point b)
{
    return std::chrono::duration<double, std::milli>(b - a).count();
}

double sinceMs(Clock::time_point t0) { return ms(t0, Clock::now()); }

[[noreturn]] void die(const std::string &what, const std::string &why)
{
    std::fprintf(stderr, "timeline_bench: %s: %s\n", what.c_str(), why.c_str());
    std::exit(1);
}

void check(const Result<void> &r, const char *what)
{
    if (!r)
        die(what, r.error().toString());
}

template <typename T>
T take(Result<T> r, const char *what)
{
    if (!r)
        die(what, r.error().toString());
    return std::move(*r);
}

long peakRssKiB()
{
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    return u.ru_maxrss;
}

// mean / median / p99 / max of a set of durations (ms).
struct Stats {
    std::size_t n = 0;
    double mean = 0, median = 0, p99 = 0, max = 0;
};

Stats stats(std::vector<double> v)
{
    Stats s;
    s.n = v.size();
    if (v.empty())
        return s;
    std::sort(v.begin(), v.end());
    s.mean = std::accumulate(v.begin(), v.end(), 0.0) / static_cast<double>(v.size());
    s.median = v[v.size() / 2];
    s.p99 = v[std::min(v.size() - 1, static_cast<std::size_t>(static_cast<double>(v.size()) * 0.99))];
    s.max = v.back();
    return s;
}

void row(const char *what, const std::string &figure)
{
    std::printf("  %-52s %s\n", what, figure.c_str());
}

std::string fmt(const char *f, auto... args)
{
    char buf[256];
    std::snprintf(buf, sizeof buf, f, args...);
    return buf;
}

std::string statsText(const Stats &s)
{
    return fmt("n=%zu mean %.3f  median %.3f  p99 %.3f  max %.3f ms", s.n, s.mean, s.median, s.p99, s.max);
}

// ---------------------------------------------------------------------------------------------
// Generation (not measured beyond its wall time)

const char *const kWords[] = {"hey",  "how",   "was",     "school", "today", "lol",  "yeah",   "game",
                              "later", "what", "are",     "you",    "doing", "much", "cool",   "see",
                              "tomorrow", "haha", "ok",   "football", "homework", "mum", "dinner", "bored"};
const char *const kApps[] = {"whatsapp-android", "telegram", "snapchat", "instagram"};
const char *const kExt[] = {"txt", "jpg", "png", "pdf", "docx", "mp4", "db", "log", "json", "html"};

std::string sentence(std::mt19937_64 &rng)
{
    std::string s;
    const int words = 3 + static_cast<int>(rng() % 10);
    for (int i = 0; i < words; ++i) {
        if (i)
            s += ' ';
        s += kWords[rng() % std::size(kWords)];
    }
    return s;
}

// 1 % of the summaries carry the search word.
void maybeWord(std::mt19937_64 &rng, std::string &s)
{
    if (rng() % 100 == 0)
        s += std::string(" ") + kWord;
}

// A person id, skewed like a real phone (a few persons hold most of the conversation).
std::int64_t person(std::mt19937_64 &rng, const std::vector<double> &cumulative)
{
    const double x = std::uniform_real_distribution<double>(0, cumulative.back())(rng);
    return 1 + (std::lower_bound(cumulative.begin(), cumulative.end(), x) - cumulative.begin());
}

std::int64_t uniformTime(std::mt19937_64 &rng)
{
    return kStart + static_cast<std::int64_t>(rng() % static_cast<std::uint64_t>(kSpan));
}

void generate(const fs::path &dir, std::int64_t n)
{
    fs::remove_all(dir);
    {
        auto store = take(casedb::CaseStore::openOrCreate(dir, {}, "bench"), "create case");
        (void)take(store->addEvidence({"/x/bench.E01", "bench.E01", "ewf", {}, std::nullopt, "", "", "{}"}),
                   "evidence");
    }
    auto db = take(casedb::Database::open(dir / casedb::CaseStore::kDatabaseName, casedb::Database::Mode::ReadWrite),
                   "open case");
    check(db.exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=OFF; PRAGMA cache_size=-262144"), "pragmas");

    // The events table's indexes are built once after the rows (same definitions, from sqlite_master).
    std::vector<std::string> indexSql;
    {
        auto st = take(db.prepare("SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'events' "
                                  "AND sql IS NOT NULL"),
                       "indexes");
        (void)st.forEachRow([&](const casedb::Statement &r) {
            indexSql.push_back(r.text(0));
            return true;
        });
        check(db.exec("DROP INDEX IF EXISTS events_time; DROP INDEX IF EXISTS events_person; "
                      "DROP INDEX IF EXISTS events_lane"),
              "drop indexes");
    }

    const std::int64_t fileEvents = (n * 8 / 10) / 4 * 4;
    const std::int64_t files = fileEvents / 4;
    const std::int64_t calls = n / 100;
    const std::int64_t web = n * 45 / 1000;
    const std::int64_t media = std::min<std::int64_t>(n * 25 / 1000, files / 10);
    const std::int64_t messages = std::max<std::int64_t>(0, n - fileEvents - calls - web - media);

    std::mt19937_64 rng(8);
    check(db.exec("BEGIN"), "begin");
    check(db.exec("INSERT INTO applications (id, name) VALUES ('whatsapp-android', 'WhatsApp'), "
                  "('telegram', 'Telegram'), ('snapchat', 'Snapchat'), ('instagram', 'Instagram'), "
                  "('chrome', 'Chrome') ON CONFLICT(id) DO NOTHING"),
          "applications");
    {
        auto st = take(db.prepare("INSERT INTO persons (id, label, role) VALUES (?, ?, ?)"), "persons");
        for (int p = 1; p <= kPersons; ++p)
            check(st.bind(1, std::int64_t{p}).bind(2, "Person " + std::to_string(p)).bind(3, "other").run(),
                  "person");
    }
    std::vector<double> cumulative(kPersons);
    for (int p = 0; p < kPersons; ++p)
        cumulative[p] = (p ? cumulative[p - 1] : 0.0) + 1.0 / (p + 1);

    auto ev = take(db.prepare("INSERT INTO events (time, time_precision, time_basis, original_tz, kind, lane, "
                              "evidence_id, file_id, message_id, call_id, conversation_id, person_id, record_id, "
                              "app, summary, source) VALUES (?, ?, ?, ?, ?, ?, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
                   "prepare events");
    struct Ev {
        std::int64_t time = 0;
        const char *precision = "exact", *basis = "utc", *tz = "UTC", *kind = "", *lane = "file";
        std::optional<std::int64_t> file, message, call, conversation, person, record;
        const char *app = nullptr;
        std::string summary;
        bool hasSummary = false;
        const char *source = "live";
    };
    std::int64_t written = 0;
    auto put = [&](const Ev &e) {
        ev.bind(1, e.time).bind(2, e.precision).bind(3, e.basis);
        e.tz ? (void)ev.bind(4, e.tz) : (void)ev.bindNull(4);
        ev.bind(5, e.kind).bind(6, e.lane).bind(7, e.file).bind(8, e.message).bind(9, e.call);
        ev.bind(10, e.conversation).bind(11, e.person).bind(12, e.record);
        e.app ? (void)ev.bind(13, e.app) : (void)ev.bindNull(13);
        e.hasSummary ? (void)ev.bind(14, std::string_view(e.summary)) : (void)ev.bindNull(14);
        ev.bind(15, e.source);
        check(ev.run(), "insert event");
        if (++written % 1'000'000 == 0) {
            check(db.exec("COMMIT; BEGIN"), "commit");
        }
    };

    // Files (one row per four events, in path order as an ingest writes them) and their MACB events.
    auto fst = take(db.prepare("INSERT INTO files (id, evidence_id, path, name, extension, meta_addr, meta_type, "
                               "allocated, name_deleted, meta_deleted, size, mtime, atime, ctime, crtime, md5, "
                               "parser, parser_version) VALUES (?, 1, ?, ?, ?, ?, 'reg', ?, ?, ?, ?, ?, ?, ?, ?, ?, "
                               "'tsk', '4')"),
                    "prepare files");
    std::vector<std::int64_t> imageFiles;
    for (std::int64_t f = 1; f <= files; ++f) {
        const char *ext = kExt[rng() % std::size(kExt)];
        const std::string name = fmt("file%07lld.%s", static_cast<long long>(f), ext);
        const std::string path = fmt("/Users/alex/Documents/dir%04lld/", static_cast<long long>(f / 500)) + name;
        const std::int64_t crtime = uniformTime(rng);
        const std::int64_t left = kStart + kSpan - crtime;
        const std::int64_t mtime = crtime + static_cast<std::int64_t>(rng() % static_cast<std::uint64_t>(left));
        const std::int64_t atime = mtime + static_cast<std::int64_t>(rng() % static_cast<std::uint64_t>(kStart + kSpan - mtime));
        const std::int64_t ctime = mtime + static_cast<std::int64_t>(rng() % (3600 * kSec));
        const bool deleted = rng() % 20 == 0;
        fst.bind(1, f).bind(2, path).bind(3, name).bind(4, ext).bind(5, 1000 + f).bind(6, std::int64_t{deleted ? 0 : 1});
        fst.bind(7, std::int64_t{deleted}).bind(8, std::int64_t{deleted}).bind(9, static_cast<std::int64_t>(rng() % 5'000'000));
        fst.bind(10, mtime).bind(11, atime).bind(12, std::min(ctime, kStart + kSpan - 1)).bind(13, crtime);
        fst.bind(14, fmt("%016llx%016llx", static_cast<unsigned long long>(rng()), static_cast<unsigned long long>(rng())));
        check(fst.run(), "insert file");
        if (ext[0] == 'j' && imageFiles.size() < static_cast<std::size_t>(media))
            imageFiles.push_back(f);
        const std::pair<const char *, std::int64_t> times[] = {
            {"file-modified", mtime}, {"file-accessed", atime},
            {"file-changed", std::min(ctime, kStart + kSpan - 1)}, {"file-created", crtime}};
        for (const auto &[kind, t] : times) {
            Ev e;
            e.time = t;
            e.kind = kind;
            e.file = f;
            e.source = deleted ? "deleted" : "live";
            put(e);
        }
    }
    // Messages (one-to-one conversations: the conversation is the person's).
    for (std::int64_t m = 1; m <= messages; ++m) {
        Ev e;
        e.time = uniformTime(rng);
        e.lane = "communication";
        const bool out = rng() % 2;
        e.kind = out ? "message-sent" : "message-received";
        e.person = person(rng, cumulative);
        e.conversation = *e.person;
        e.message = m;
        e.app = kApps[*e.person % std::size(kApps)];
        e.summary = sentence(rng);
        maybeWord(rng, e.summary);
        e.hasSummary = true;
        put(e);
    }
    for (std::int64_t c = 1; c <= calls; ++c) {
        Ev e;
        e.time = uniformTime(rng);
        e.lane = "communication";
        e.kind = "call";
        e.person = person(rng, cumulative);
        e.conversation = *e.person;
        e.call = c;
        e.app = kApps[*e.person % std::size(kApps)];
        e.summary = fmt("%s %s call, %d s%s", rng() % 2 ? "incoming" : "outgoing", rng() % 3 ? "voice" : "video",
                        static_cast<int>(rng() % 900), rng() % 5 ? "" : ", missed");
        maybeWord(rng, e.summary);
        e.hasSummary = true;
        put(e);
    }
    for (std::int64_t w = 1; w <= web; ++w) {
        Ev e;
        e.time = uniformTime(rng);
        e.lane = "web";
        const bool search = rng() % 5 == 0;
        e.kind = search ? "web-search" : "web-visit";
        e.record = w;
        e.app = "chrome";
        e.summary = search ? sentence(rng) : "Page " + std::to_string(w) + " https://example.org/" + std::to_string(w);
        maybeWord(rng, e.summary);
        e.hasSummary = true;
        put(e);
    }
    for (std::int64_t i = 0; i < media; ++i) {
        Ev e;
        e.time = uniformTime(rng);
        e.lane = "media";
        e.kind = "media-captured";
        e.precision = "second";
        const bool zoned = rng() % 2;
        e.basis = zoned ? "utc" : "local";
        e.tz = zoned ? "+01:00" : nullptr;
        e.file = imageFiles.empty() ? std::optional<std::int64_t>{} : std::optional(imageFiles[i % imageFiles.size()]);
        e.summary = rng() % 2 ? "Apple iPhone 12" : "samsung SM-G991B";
        maybeWord(rng, e.summary);
        e.hasSummary = true;
        put(e);
    }
    check(db.exec("COMMIT"), "commit");
    for (const auto &sql : indexSql)
        check(db.exec(sql), "create index");
    check(db.exec("PRAGMA wal_checkpoint(TRUNCATE)"), "checkpoint");
    std::printf("generated: %lld events (%lld file events on %lld files, %lld messages, %lld calls, %lld web, "
                "%lld media), %d persons\n",
                static_cast<long long>(written), static_cast<long long>(fileEvents), static_cast<long long>(files),
                static_cast<long long>(messages), static_cast<long long>(calls), static_cast<long long>(web),
                static_cast<long long>(media), kPersons);
}

// ---------------------------------------------------------------------------------------------
// The desktop model

struct IndexRun {
    double firstRowsMs = -1, indexedMs = 0;
    qint64 rows = 0, reportedMs = 0;
};

// Waits for the model's `indexed` signal; t0: when its indexing was started (the constructor or
// setFilter start it; what it finds is delivered through the event loop, so nothing is missed).
IndexRun waitIndexed(ui::TimelineModel &model, Clock::time_point t0)
{
    IndexRun run;
    QEventLoop loop;
    bool finished = false;
    auto c1 = QObject::connect(&model, &QAbstractItemModel::rowsInserted, &loop, [&] {
        if (run.firstRowsMs < 0)
            run.firstRowsMs = sinceMs(t0);
    });
    auto c2 = QObject::connect(&model, &ui::TimelineModel::indexed, &loop, [&](qint64 rows, qint64 elapsedMs) {
        run.indexedMs = sinceMs(t0);
        run.rows = rows;
        run.reportedMs = elapsedMs;
        finished = true;
        loop.quit();
    });
    QTimer guard;   // not a wait: a failure guard, so a model that never finishes ends the run
    guard.setSingleShot(true);
    QObject::connect(&guard, &QTimer::timeout, &loop, [&] { loop.quit(); });
    guard.start(15 * 60 * 1000);
    loop.exec();
    QObject::disconnect(c1);
    QObject::disconnect(c2);
    if (!finished)
        die("model", "no indexed signal within 15 minutes");
    if (!model.lastError().isEmpty())
        die("model", model.lastError().toStdString());
    return run;
}

void printIndexRun(const char *what, const IndexRun &r)
{
    row(what, fmt("%lld rows: first rows %.1f ms, indexed %.0f ms (model says %lld ms)",
                  static_cast<long long>(r.rows), r.firstRowsMs, r.indexedMs, static_cast<long long>(r.reportedMs)));
}

// eventAt at random rows: per call, and the calls that read a page.
void randomReads(ui::TimelineModel &model, int calls, std::mt19937_64 &rng, const char *label)
{
    const qint64 rows = model.totalCount();
    if (rows <= 0)
        return;
    std::vector<double> all, cold;
    for (int i = 0; i < calls; ++i) {
        const int r = static_cast<int>(rng() % static_cast<std::uint64_t>(rows));
        const qint64 before = model.pagesRead();
        const auto t0 = Clock::now();
        const casedb::TimelineEvent *e = model.eventAt(r);
        const double d = sinceMs(t0);
        if (!e)
            die("eventAt", "row " + std::to_string(r) + " unreadable: " + model.lastError().toStdString());
        all.push_back(d);
        if (model.pagesRead() > before)
            cold.push_back(d);
    }
    row(fmt("%s: eventAt, random rows (per call)", label).c_str(), statsText(stats(all)));
    row(fmt("%s: of which cold (page read)", label).c_str(), statsText(stats(cold)));
}

} // namespace

int main(int argc, char **argv)
{
    if (argc < 2) {
        std::fprintf(stderr, "usage: timeline_bench WORKDIR [N]\n");
        return 64;
    }
    const fs::path dir = fs::path(argv[1]) / "timeline-bench-case";
    const std::int64_t n = argc > 2 ? std::atoll(argv[2]) : 5'000'000;
    if (n < 1000) {
        std::fprintf(stderr, "timeline_bench: N must be at least 1000\n");
        return 64;
    }
    std::printf("timeline_bench: N = %lld, %u cores\n", static_cast<long long>(n), std::thread::hardware_concurrency());
    const auto tAll = Clock::now();

    // Reuse a kept case of the same size; else generate it in a child process, so that the peak
    // memory reported at the end is the measurement's alone.
    bool reuse = false;
    if (std::getenv("TIMELINE_BENCH_KEEP") && fs::exists(dir / casedb::CaseStore::kDatabaseName)) {
        if (auto db = casedb::CaseStore::openReadOnly(dir))
            if (auto c = casedb::countEvents(*db, {}); c && *c == n)
                reuse = true;
    }
    if (reuse) {
        std::printf("reusing %s (%lld events)\n", dir.c_str(), static_cast<long long>(n));
    } else {
        const auto t0 = Clock::now();
        std::fflush(stdout);
        const pid_t child = fork();
        if (child < 0)
            die("fork", "failed");
        if (child == 0) {
            generate(dir, n);
            std::fflush(stdout);
            std::_Exit(0);
        }
        int status = 0;
        if (waitpid(child, &status, 0) != child || !WIFEXITED(status) || WEXITSTATUS(status) != 0)
            die("generation", "failed");
        std::printf("generation (rows, then the events indexes, then checkpoint): %.1f s, case %.0f MiB\n",
                    sinceMs(t0) / 1000, static_cast<double>(fs::file_size(dir / casedb::CaseStore::kDatabaseName)) / 1048576);
    }

    // 1. casedb
    std::printf("\n== casedb (core/casedb/timelinequery.h), one read-only connection\n");
    {
        auto db = take(casedb::CaseStore::openReadOnly(dir), "open read-only");
        auto t0 = Clock::now();
        const auto count = take(casedb::countEvents(db, {}), "countEvents");
        row("countEvents (all)", fmt("%lld events in %.1f ms", static_cast<long long>(count), sinceMs(t0)));
        if (count != n)
            die("countEvents", "expected " + std::to_string(n));
        t0 = Clock::now();
        const auto range = take(casedb::eventRange(db, {}), "eventRange");
        row("eventRange (all)", fmt("%.2f ms", sinceMs(t0)));
        if (!range)
            die("eventRange", "empty");
        // The key walk (also finds the cursors of 10 positions for the pages).
        std::vector<casedb::TimelineCursor> cursors;
        std::int64_t visited = 0;
        t0 = Clock::now();
        const auto walked = take(casedb::forEachEventKey(db, {}, false, [&](const casedb::EventKey &k) {
                                     if (visited++ % (n / 10) == 0)
                                         cursors.push_back({k.time, k.id});
                                     return true;
                                 }),
                                 "forEachEventKey");
        row("forEachEventKey (all, no person)", fmt("%lld keys in %.0f ms", static_cast<long long>(walked), sinceMs(t0)));
        t0 = Clock::now();
        std::int64_t withPerson = 0;
        (void)take(casedb::forEachEventKey(db, {}, true, [&](const casedb::EventKey &k) {
                       withPerson += k.personId != 0;
                       return true;
                   }),
                   "forEachEventKey person");
        row("forEachEventKey (all, with person)", fmt("%.0f ms (%lld concern a person)", sinceMs(t0),
                                                      static_cast<long long>(withPerson)));
        std::vector<double> pages;
        for (std::size_t i = 0; i < cursors.size(); ++i) {
            casedb::TimelineFilter f;
            if (i > 0)
                f.after = cursors[i];
            f.limit = 200;
            t0 = Clock::now();
            const auto page = take(casedb::eventPage(db, f), "eventPage");
            pages.push_back(sinceMs(t0));
            const std::int64_t left = i == 0 ? n : n - static_cast<std::int64_t>(i) * (n / 10) - 1;
            if (static_cast<std::int64_t>(page.size()) != std::min<std::int64_t>(200, left))
                die("eventPage", "short page");
        }
        row("eventPage 200 rows at 10 positions (keyset after)", statsText(stats(pages)));
        t0 = Clock::now();
        const std::int64_t span = range->second + 1 - range->first;
        const std::int64_t bucket = (span + 119) / 120;
        const auto h = take(casedb::eventHistogram(db, {}, range->first, range->first + 120 * bucket, bucket),
                            "eventHistogram");
        std::int64_t inBuckets = 0;
        for (const auto &b : h)
            inBuckets += b.count;
        row("eventHistogram whole range, 120 buckets", fmt("%.0f ms (%zu buckets, %lld events)", sinceMs(t0), h.size(),
                                                           static_cast<long long>(inBuckets)));
    }

    // 2. The desktop model
    if (!qEnvironmentVariableIsSet("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QGuiApplication app(argc, argv);
    std::printf("\n== desktop model (ui/models/timelinemodel.h), page %d rows, %d pages cached\n",
                ui::TimelineModel::kPageSize, ui::TimelineModel::kCachedPages);
    std::mt19937_64 rng(42);
    auto t0 = Clock::now();
    auto model = std::make_unique<ui::TimelineModel>(dir);
    const IndexRun whole = waitIndexed(*model, t0);
    printIndexRun("index, no filter (constructor to indexed)", whole);
    if (whole.rows != n)
        die("model", "counted " + std::to_string(whole.rows) + " rows");
    {
        const auto &h = model->histogram();
        row("histogram", fmt("%zu series x %zu buckets of %lld s", h.series.size(),
                             h.series.empty() ? std::size_t{0} : h.series[0].size(),
                             static_cast<long long>(h.bucketNs / kSec)));
    }
    randomReads(*model, 2000, rng, "all");

    // A sequential scroll: eventAt row by row, then data() of every column (what a view paints).
    {
        const int first = static_cast<int>(n / 3);
        const int rows = static_cast<int>(std::min<std::int64_t>(100'000, n - first));
        const qint64 before = model->pagesRead();
        t0 = Clock::now();
        for (int r = first; r < first + rows; ++r)
            if (!model->eventAt(r))
                die("eventAt", "row " + std::to_string(r));
        const double d = sinceMs(t0);
        row(fmt("sequential scroll, eventAt, %d rows", rows).c_str(),
            fmt("%.2f us/row (%.0f ms, %lld pages read)", d * 1000 / rows, d,
                static_cast<long long>(model->pagesRead() - before)));
        const int second = static_cast<int>(2 * n / 3);
        const int rows2 = static_cast<int>(std::min<std::int64_t>(100'000, n - second));
        const int columns = model->columnCount();
        std::size_t chars = 0;
        t0 = Clock::now();
        for (int r = second; r < second + rows2; ++r)
            for (int c = 0; c < columns; ++c)
                chars += model->data(model->index(r, c)).toString().size();
        const double d2 = sinceMs(t0);
        row(fmt("sequential scroll, data() of %d columns, %d rows", columns, rows2).c_str(),
            fmt("%.2f us/row (%.0f ms, %zu characters)", d2 * 1000 / rows2, d2, chars));
    }

    // Jumps to a time (the histogram's click).
    {
        const auto &h = model->histogram();
        std::vector<double> jumps;
        for (int i = 0; i < 100; ++i) {
            const qint64 t = h.from + static_cast<qint64>(rng() % static_cast<std::uint64_t>(h.to - h.from));
            const auto j0 = Clock::now();
            const int r = model->rowAtOrAfter(t);
            jumps.push_back(sinceMs(j0));
            if (r < -1)
                die("rowAtOrAfter", "bad row");
        }
        row("rowAtOrAfter, 100 random times", statsText(stats(jumps)));
    }

    // The same index with filters.
    {
        auto db = take(casedb::CaseStore::openReadOnly(dir), "open read-only");
        casedb::TimelineFilter person;
        person.personId = 1;
        casedb::TimelineFilter lane;
        lane.lane = "communication";
        casedb::TimelineFilter text;
        text.text = kWord;
        const std::pair<const char *, casedb::TimelineFilter> filters[] = {
            {"person 1", person}, {"lane communication", lane}, {"text lighthouse", text}};
        for (const auto &[label, f] : filters) {
            t0 = Clock::now();
            model->setFilter(f);
            const IndexRun r = waitIndexed(*model, t0);
            printIndexRun(fmt("index, %s", label).c_str(), r);
            randomReads(*model, 50, rng, label);
        }
    }
    model.reset();
    std::printf("\npeak RSS of the measuring process (getrusage): %.0f MiB; total wall %.1f s\n",
                static_cast<double>(peakRssKiB()) / 1024, sinceMs(tAll) / 1000);
    if (!std::getenv("TIMELINE_BENCH_KEEP"))
        fs::remove_all(dir);
    return 0;
}
