// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/analysis/indicators/lexicon.h"

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace vigil::analysis {

// A word of normalised text with its byte span in the original UTF-8 text.
struct TextToken {
    std::string text;        // normalised: lower case, apostrophes removed
    std::size_t begin = 0;   // byte offsets into the original text
    std::size_t end = 0;
    bool quoted = false;     // inside "double quotes"
};

struct NormaliseOptions {
    bool leetspeak = false;  // map 0/1/3/4/5/@/$ inside words that contain letters
};

// Case-folds (ASCII), unifies Unicode apostrophes and quotes, and splits into words.
std::vector<TextToken> tokenise(std::string_view text, const NormaliseOptions &options = {});

struct IndicatorHit {
    std::string kind;
    std::string entryId;
    std::size_t begin = 0;   // byte span in the original text
    std::size_t end = 0;
    std::optional<int> age;
    double weight = 0.0;     // halved when quoted
    bool quoted = false;     // the words were quoted, not said by the speaker
    bool firstPerson = false;
};

class IndicatorMatcher
{
public:
    explicit IndicatorMatcher(Lexicon lexicon, NormaliseOptions options = {});

    std::vector<IndicatorHit> match(std::string_view text) const;
    const Lexicon &lexicon() const { return m_lexicon; }

private:
    bool matchAt(const LexiconEntry &entry, const std::vector<TextToken> &tokens, std::size_t start,
                 IndicatorHit &hit) const;
    bool negated(const std::vector<TextToken> &tokens, std::size_t start) const;

    Lexicon m_lexicon;
    NormaliseOptions m_options;
};

} // namespace vigil::analysis
