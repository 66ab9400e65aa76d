// SPDX-License-Identifier: GPL-3.0-or-later
// People analysis throughput on a generated case: one suspect, 1,000 contacts and N messages
// (default 1,000,000) of short benign chat with indicator phrases sprinkled in (about 1 in 25
// messages). Measures the matcher alone on bodies in memory, the indicator step
// (findIndicatorHits: read from the case, match on 1..2 threads, write hits) in messages per
// second, then the whole scoring (people index, hits, conversation scores, victims, clusters). Usage: people_bench WORKDIR [N]   (PEOPLE_BENCH_KEEP=1 keeps WORKDIR/people-bench-case)
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <random>
#include <thread>
#include <vector>

#include "core/analysis/people/hits.h"
#include "core/analysis/people/scorepeople.h"
#include "core/casedb/casestore.h"

namespace fs = std::filesystem;
using namespace vigil;

namespace {

constexpr int kContacts = 1000;
constexpr std::int64_t kStart = 1706745600LL * 1'000'000'000;   // 2024-02-01

const char *const kWords[] = {"hey", "how", "was", "school", "today", "lol", "yeah", "game", "later", "what",
                              "are", "you", "doing", "nothing", "much", "cool", "see", "tomorrow", "haha", "ok",
                              "football", "homework", "mum", "says", "dinner", "is", "ready", "bored", "same", "night"};
const char *const kPhrases[] = {"I'm 13", "send me a pic", "don't tell anyone", "add me on snap", "everyone will see",
                                "gift card", "your password", "I want to die", "video call", "same age as you"};

double since(std::chrono::steady_clock::time_point t0)
{
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

void check(const Result<void> &r, const char *what)
{
    if (!r) {
        std::fprintf(stderr, "%s: %s\n", what, r.error().toString().c_str());
        std::exit(1);
    }
}

std::string sentence(std::mt19937 &rng)
{
    std::string s;
    const int words = 3 + static_cast<int>(rng() % 10);
    for (int i = 0; i < words; ++i)
        s += std::string(i ? " " : "") + kWords[rng() % std::size(kWords)];
    if (rng() % 25 == 0)
        s += std::string(" ") + kPhrases[rng() % std::size(kPhrases)];
    return s;
}

void fill(casedb::Database &db, std::int64_t messages)
{
    check(db.exec("BEGIN"), "begin");
    check(db.exec("INSERT INTO files (id, evidence_id, path, name, meta_type, allocated, size, parser, parser_version) "
                  "VALUES (1, 1, '/msgstore.db', 'msgstore.db', 'file', 1, 1, 'tsk', '4');"
                  "INSERT INTO parse_sources (id, evidence_id, file_id, parser, parser_version, app, started_utc) "
                  "VALUES (1, 1, 1, 'whatsapp-android', '1', 'whatsapp-android', '2026-01-01T00:00:00Z');"
                  "INSERT INTO accounts (id, evidence_id, app, account_key, is_owner, source_id) "
                  "VALUES (1, 1, 'whatsapp-android', '', 1, 1);"
                  "INSERT INTO persons (id, label, role) VALUES (1, 'Suspect', 'suspect');"
                  "INSERT INTO person_accounts (account_id, person_id, rule, reason) VALUES (1, 1, 'owner', 'owner');"),
          "setup");
    for (int c = 1; c <= kContacts; ++c) {
        const std::string id = std::to_string(c + 1);
        check(db.exec("INSERT INTO accounts (id, evidence_id, app, account_key, source_id) VALUES (" + id +
                      ", 1, 'whatsapp-android', 'k" + id + "', 1);"
                      "INSERT INTO persons (id, label, role) VALUES (" + id + ", 'P" + id + "', 'other');"
                      "INSERT INTO person_accounts (account_id, person_id, rule, reason) VALUES (" + id + ", " + id +
                      ", 'alone', 'alone');"
                      "INSERT INTO conversations (id, evidence_id, app, thread_key, source_id) VALUES (" +
                      std::to_string(c) + ", 1, 'whatsapp-android', 't" + id + "', 1);"
                      "INSERT INTO participants VALUES (" + std::to_string(c) + ", 1), (" + std::to_string(c) + ", " +
                      id + ");"),
              "contact");
    }
    auto st = db.prepare("INSERT INTO messages (conversation_id, evidence_id, sender_id, direction, sent_at, body, "
                         "source_id) VALUES (?, 1, ?, ?, ?, ?, 1)");
    check(st ? Result<void>{} : Result<void>(std::unexpected(st.error())), "prepare");
    std::mt19937 rng(7);
    for (std::int64_t i = 0; i < messages; ++i) {
        const std::int64_t conversation = 1 + static_cast<std::int64_t>(rng() % kContacts);
        const bool out = rng() % 2;
        st->bind(1, conversation).bind(2, out ? 1 : conversation + 1).bind(3, out ? "outgoing" : "incoming");
        st->bind(4, kStart + i * 1'000'000'000LL).bind(5, sentence(rng));
        check(st->run(), "message");
    }
    check(db.exec("COMMIT"), "commit");
}

std::vector<std::string> allBodies(casedb::Database &db)
{
    std::vector<std::string> bodies;
    auto st = db.prepare("SELECT body FROM messages ORDER BY id");
    check(st ? Result<void>{} : Result<void>(std::unexpected(st.error())), "bodies");
    (void)st->forEachRow([&](const casedb::Statement &r) {
        bodies.push_back(r.text(0));
        return true;
    });
    return bodies;
}

// The matcher alone on bodies already in memory, on `threads` threads.
void matcherAlone(const analysis::IndicatorMatcher &matcher, const std::vector<std::string> &bodies, unsigned threads)
{
    std::atomic<std::size_t> hits{0};
    const auto t0 = std::chrono::steady_clock::now();
    {
        std::vector<std::jthread> pool;
        for (unsigned t = 0; t < threads; ++t)
            pool.emplace_back([&, t] {
                std::size_t n = 0;
                for (std::size_t i = t; i < bodies.size(); i += threads)
                    n += matcher.match(bodies[i]).size();
                hits += n;
            });
    }
    const double secs = since(t0);
    std::printf("matcher alone (bodies in memory), %u thread%s: %zu hits in %.2f s = %.0f messages/s\n", threads,
                threads == 1 ? "" : "s", hits.load(), secs, static_cast<double>(bodies.size()) / secs);
}

} // namespace

int main(int argc, char **argv)
{
    if (argc < 2) {
        std::fprintf(stderr, "usage: people_bench WORKDIR [MESSAGES]\n");
        return 64;
    }
    const fs::path dir = fs::path(argv[1]) / "people-bench-case";
    const std::int64_t n = argc > 2 ? std::atoll(argv[2]) : 1'000'000;
    fs::remove_all(dir);
    {
        auto store = casedb::CaseStore::openOrCreate(dir, {}, "bench");
        check(store ? Result<void>{} : Result<void>(std::unexpected(store.error())), "case");
        (void)(*store)->addEvidence({"/x/bench.E01", "bench.E01", "ewf", {}, std::nullopt, "", "", "{}"});
    }
    auto db = casedb::Database::open(dir / casedb::CaseStore::kDatabaseName, casedb::Database::Mode::ReadWrite);
    check(db ? Result<void>{} : Result<void>(std::unexpected(db.error())), "open");
    check(db->exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA cache_size=-65536"), "pragmas");
    auto t0 = std::chrono::steady_clock::now();
    fill(*db, n);
    std::printf("case: %lld messages in %d conversations, built in %.1f s\n", static_cast<long long>(n), kContacts,
                since(t0));
    const fs::path lexicons = fs::path(VIGIL_SOURCE_DIR) / "resources/lexicons";
    auto setup = analysis::loadScoringSetup({lexicons / "en", lexicons / "scoring.json", 0});
    check(setup ? Result<void>{} : Result<void>(std::unexpected(setup.error())), "lexicon");
    auto index = analysis::PeopleIndex::load(*db);
    check(index ? Result<void>{} : Result<void>(std::unexpected(index.error())), "index");
    const unsigned cores = std::max(1u, std::thread::hardware_concurrency());
    {
        const auto bodies = allBodies(*db);
        for (unsigned threads = 1; threads <= cores; threads *= 2)
            matcherAlone(setup->matcher, bodies, threads);
    }
    for (unsigned workers = 1; workers <= cores; workers *= 2) {
        check(db->exec("BEGIN"), "begin");
        t0 = std::chrono::steady_clock::now();
        auto hits = analysis::findIndicatorHits(*db, *index, setup->matcher, setup->rules, workers);
        const double secs = since(t0);
        check(hits ? Result<void>{} : Result<void>(std::unexpected(hits.error())), "hits");
        check(db->exec("COMMIT"), "commit");
        std::printf("indicator hits, %u thread%s: %lld messages, %lld hits (%lld counted) in %.2f s = %.0f messages/s\n",
                    workers, workers == 1 ? "" : "s", static_cast<long long>(hits->messages),
                    static_cast<long long>(hits->hits), static_cast<long long>(hits->counted), secs,
                    static_cast<double>(hits->messages) / secs);
    }
    check(db->exec("BEGIN"), "begin");
    t0 = std::chrono::steady_clock::now();
    auto scored = analysis::scorePeople(*db, *setup);
    const double secs = since(t0);
    check(scored ? Result<void>{} : Result<void>(std::unexpected(scored.error())), "score");
    check(db->exec("COMMIT"), "commit");
    std::printf("whole scoring (hits, conversation scores, victims, clusters): %.2f s = %.0f messages/s; "
                "%lld victims (%lld urgent), %lld clusters\n",
                secs, static_cast<double>(n) / secs, static_cast<long long>(scored->victims),
                static_cast<long long>(scored->urgent), static_cast<long long>(scored->clusters));
    if (!std::getenv("PEOPLE_BENCH_KEEP"))
        fs::remove_all(dir);
    return 0;
}
