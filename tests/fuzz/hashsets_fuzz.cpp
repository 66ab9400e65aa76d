// SPDX-License-Identifier: GPL-3.0-or-later
// Fuzz target: hash-set import (importHashSet): format detection by content, then the VICS
// JSON, plain list, CSV or NSRL RDSv3 (SQLite) reader, and the binary store written from it,
// which is then opened and queried (HashSetFile).
#include "plugins/media/hashsets/hashset.h"
#include "tests/fuzz/fuzzutil.h"

// See ubsan.supp: RapidJSON 1.1.0's null-pointer offset, recoverable in this library's fuzz build.
extern "C" const char *__ubsan_default_options()
{
    return "halt_on_error=1:print_stacktrace=1:suppressions=" VIGIL_SOURCE_DIR "/tests/fuzz/ubsan.supp";
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    using namespace vigil;
    static const fuzz::ScratchDir dir("hashsets");
    dir.clear();
    const auto source = dir.write("hashes", fuzz::bytesOf(data, size));
    const auto out = dir.path() / "set.vhs";
    auto summary = media::importHashSet(source, out);
    if (!summary)
        return 0;
    if (auto set = media::HashSetFile::open(out)) {
        (void)set->findMd5Hex("d41d8cd98f00b204e9800998ecf8427e");
        (void)set->findSha1Hex("da39a3ee5e6b4b0d3255bfef95601890afd80709");
    }
    return 0;
}
