// SPDX-License-Identifier: GPL-3.0-or-later
// Fuzz target: the indicator matcher over message text (any bytes, as message bodies read
// from seized databases are): tokenising with and without leetspeak, and every entry of the
// English lexicon of resources/lexicons/en matched against it.
#include <cstdio>
#include <cstdlib>
#include <string_view>

#include "core/analysis/indicators/matcher.h"
#include "tests/fuzz/fuzzutil.h"

// See ubsan.supp: RapidJSON 1.1.0's null-pointer offset, recoverable in this library's fuzz build.
extern "C" const char *__ubsan_default_options()
{
    return "halt_on_error=1:print_stacktrace=1:suppressions=" VIGIL_SOURCE_DIR "/tests/fuzz/ubsan.supp";
}

namespace {

vigil::analysis::Lexicon englishLexicon()
{
    auto lexicon = vigil::analysis::loadLexicon(VIGIL_SOURCE_DIR "/resources/lexicons/en");
    if (!lexicon) {
        std::fprintf(stderr, "lexicon: %s\n", lexicon.error().toString().c_str());
        std::abort();
    }
    return std::move(*lexicon);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    using namespace vigil::analysis;
    static const IndicatorMatcher plain(englishLexicon());
    static const IndicatorMatcher leet(englishLexicon(), NormaliseOptions{.leetspeak = true});
    const std::string_view text(reinterpret_cast<const char *>(data), size);
    for (const auto *matcher : {&plain, &leet}) {
        for (const auto &hit : matcher->match(text)) {
            // Hits cite byte spans of the text they were found in.
            if (hit.begin > hit.end || hit.end > size)
                std::abort();
        }
    }
    return 0;
}
