// SPDX-License-Identifier: GPL-3.0-or-later
// Parse throughput on a generated WhatsApp msgstore.db (tests/bench/make_whatsapp_db.py):
//   1. the parser alone (records counted, not stored), and
//   2. the whole path a case takes: ingest of a folder holding the database — working copy,
//      parser, case store (row ids, provenance, full-text index), conversation totals.
// Prints messages per second for both. Usage: parse_bench MSGSTORE.db WORKDIR
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>

#include "core/casedb/casestore.h"
#include "core/pipeline/ingest.h"
#include "plugins/api/host.h"
#include "plugins/api/registry.h"
#include "plugins/api/sqlitedb.h"
#include "plugins/parsers/whatsapp-android/whatsappandroid.h"

namespace fs = std::filesystem;
using namespace vigil;

namespace {

class CountingSink final : public plugins::ResultSink
{
public:
    void addArtifact(const plugins::Artifact &) override {}
    void addError(const plugins::FileContext &, const Error &e) override { std::fprintf(stderr, "error: %s\n", e.toString().c_str()); }
    void addRecords(const plugins::FileContext &, model::RecordBatch &&b) override { messages += b.messages.size(); }
    std::size_t messages = 0;
};

double since(std::chrono::steady_clock::time_point t0)
{
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

void parserAlone(plugins::PluginHost &host, const fs::path &db)
{
    auto t0 = std::chrono::steady_clock::now();
    auto opened = plugins::SqliteDatabase::open(db);
    if (!opened) {
        std::fprintf(stderr, "cannot open %s: %s\n", db.c_str(), opened.error().toString().c_str());
        return;
    }
    CountingSink sink;
    plugins::FileContext file{1, 1, "/data/data/com.whatsapp/databases/msgstore.db", "msgstore.db", "sqlite",
                              fs::file_size(db), false};
    host.processDatabase(file, **opened, sink);
    const double s = since(t0);
    std::printf("parser alone:   %zu messages in %.2f s = %.0f messages/s\n", sink.messages, s, sink.messages / s);
}

void wholeIngest(plugins::PluginHost &host, const fs::path &db, const fs::path &work)
{
    const fs::path evidence = work / "phone", caseDir = work / "case";
    fs::remove_all(work);
    fs::create_directories(evidence / "data/data/com.whatsapp/databases");
    fs::copy_file(db, evidence / "data/data/com.whatsapp/databases/msgstore.db");
    auto store = casedb::CaseStore::openOrCreate(caseDir, {"BENCH", "bench", ""}, "bench");
    if (!store)
        return;
    pipeline::IngestOptions opt;
    opt.evidence = {evidence};
    opt.plugins = &host;
    auto t0 = std::chrono::steady_clock::now();
    const auto sum = pipeline::runIngest(**store, opt);
    const double total = since(t0);
    const auto &e = sum.evidence.at(0);
    std::printf("into the case:  %lld messages, %lld conversations in %.2f s (parse stage %.2f s) = %.0f messages/s\n",
                static_cast<long long>(e.messages), static_cast<long long>(e.conversations), total, e.parseSeconds,
                e.messages / e.parseSeconds);
    std::printf("case database:  %.0f MiB\n", fs::file_size(caseDir / "case.vigil") / 1048576.0);
}

} // namespace

int main(int argc, char **argv)
{
    if (argc != 3) {
        std::fprintf(stderr, "usage: parse_bench MSGSTORE.db WORKDIR\n");
        return 64;
    }
    plugins::PluginRegistry registry;
    plugins::registerWhatsAppAndroidPlugin(registry);
    registry.load({});
    plugins::PluginHost host(registry.loadedPlugins());
    parserAlone(host, argv[1]);
    wholeIngest(host, argv[1], argv[2]);
    return 0;
}
