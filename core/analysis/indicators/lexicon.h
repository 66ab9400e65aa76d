// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/util/error.h"

#include <filesystem>
#include <string>
#include <vector>

namespace vigil::analysis {

// One element of a lexicon pattern: a literal word, a word prefix ("pic*") or an age capture ("{age}").
struct PatternToken {
    enum class Kind { Literal, Prefix, Age };
    Kind kind = Kind::Literal;
    std::string text;   // normalised, apostrophes removed; empty for Age
};

struct LexiconEntry {
    std::string id;
    std::string kind;                 // indicator kind, e.g. "age-disclosure"
    std::vector<PatternToken> tokens;
    double weight = 1.0;
    bool negatable = true;            // a nearby negator cancels the match
    bool firstPerson = false;         // the speaker states something about themself
    int ageMin = 8;
    int ageMax = 17;
};

// Every indicator file of one language folder plus its language settings (negators).
struct Lexicon {
    std::string language;
    std::vector<std::string> negators;   // normalised, apostrophes removed
    std::vector<std::string> ageSuffixes;   // allowed after an age number: "13th", "14yo"
    std::vector<LexiconEntry> entries;
    int negationWindow = 3;
};

// Parses one pattern such as "i'm {age}" or "send pic*".
Result<std::vector<PatternToken>> parsePattern(const std::string &pattern);

// Parses one indicator file's JSON text; `source` names the file in errors.
Result<std::vector<LexiconEntry>> parseIndicatorFile(const std::string &json, const std::string &source);

// Loads `dir` (e.g. resources/lexicons/en): language.json plus one <kind>.json per indicator kind.
Result<Lexicon> loadLexicon(const std::filesystem::path &dir);

} // namespace vigil::analysis
