// SPDX-License-Identifier: GPL-3.0-or-later
// Fuzz target: the bytes as a file offered to every built-in plugin that reads files rather
// than databases (PluginHost::processFile): as a JSON file in a Discord cache folder (the
// Discord parser, text statistics) and as a text file (text statistics).
#include "plugins/api/collectingsink.h"
#include "plugins/api/memoryreader.h"
#include "tests/fuzz/fuzzutil.h"
#include "tests/fuzz/pluginset.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    using namespace vigil;
    auto &host = fuzz::builtinHost();
    plugins::MemoryReader content(fuzz::bytesOf(data, size));
    plugins::CollectingSink sink;
    host.processFile(fuzz::fuzzContext("/Users/a/AppData/Roaming/discord/Cache/messages.json", "json", size),
                     content, sink);
    host.processFile(fuzz::fuzzContext("/Users/a/notes.txt", "text", size), content, sink);
    return 0;
}
