// SPDX-License-Identifier: GPL-3.0-or-later
// Fuzz target: the bytes as a SQLite database offered to every built-in database parser (the
// chat, contact, call-log and browser parsers of plugins/parsers), as the ingest does: staged
// as a working copy, opened with SqliteDatabase (schema read), PluginHost::processDatabase
// (acceptsDatabase of each, processDatabase of those that take it). Which parser runs depends
// on the schema: the seeds hold one small database per app so each parser is reached.
#include "plugins/api/collectingsink.h"
#include "plugins/api/memoryreader.h"
#include "plugins/api/sqlitedb.h"
#include "tests/fuzz/fuzzutil.h"
#include "tests/fuzz/pluginset.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    using namespace vigil;
    static const fuzz::ScratchDir dir("parsers_sqlite");
    auto &host = fuzz::builtinHost();
    dir.clear();
    plugins::MemoryReader main(fuzz::bytesOf(data, size));
    auto staged = plugins::stageDatabase(dir.path(), main);
    if (!staged)
        return 0;
    auto db = plugins::SqliteDatabase::open(*staged);
    if (!db)
        return 0;
    plugins::CollectingSink sink;
    host.processDatabase(fuzz::fuzzContext("/data/data/app/databases/fuzz.db", "sqlite", size), **db, sink);
    return 0;
}
