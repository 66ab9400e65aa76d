// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/analysis/indicators/lexicon.h"

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
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
    std::optional<int> age;  // the age stated (or implied: a school year plus the entry's ageOffset)
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
    // A word of `words` among the negation window's words before `start`.
    bool precededBy(const std::vector<TextToken> &tokens, std::size_t start, const std::vector<std::string> &words) const;

    Lexicon m_lexicon;
    NormaliseOptions m_options;
    // Entries by their first word (a literal), and those starting with a prefix or an age, which
    // are tried at every word: each word is compared with a few entries, not all of them.
    std::unordered_map<std::string, std::vector<std::size_t>> m_byFirstWord;
    std::vector<std::size_t> m_anyFirstWord;
};

} // namespace vigil::analysis
