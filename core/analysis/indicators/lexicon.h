// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/util/error.h"

#include <filesystem>
#include <string>
#include <vector>

namespace vigil::analysis {

// Who must say an indicator's words for it to count (a field of each indicator file): the
// child or other party ("other": an age, a self-harm statement), the suspect ("suspect": a
// request, a threat) or either side ("any": sexual content).
enum class Speaker { Any, Suspect, Other };
const char *speakerName(Speaker speaker);

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
    int ageOffset = 0;                // added to the captured number: a school year implies an age
    std::vector<std::string> unlessBefore;   // words that cancel the match within the negation window
                                             // before it ("send *you* a gift card" is an offer)
    Speaker speaker = Speaker::Any;   // the indicator file's "speaker"
};

// Every indicator file of one language folder plus its language settings (negators).
struct Lexicon {
    std::string language;
    std::vector<std::string> negators;   // normalised, apostrophes removed
    std::vector<std::string> ageSuffixes;   // allowed after an age number: "13th", "14yo"
    std::vector<LexiconEntry> entries;
    int negationWindow = 3;

    // The speaker an indicator kind needs (Any for a kind no entry has).
    Speaker speakerOf(const std::string &kind) const;
};

// Parses one pattern such as "i'm {age}" or "send pic*".
Result<std::vector<PatternToken>> parsePattern(const std::string &pattern);

// Parses one indicator file's JSON text; `source` names the file in errors.
Result<std::vector<LexiconEntry>> parseIndicatorFile(const std::string &json, const std::string &source);

// Loads `dir` (e.g. resources/lexicons/en): language.json plus one <kind>.json per indicator kind.
Result<Lexicon> loadLexicon(const std::filesystem::path &dir);

} // namespace vigil::analysis
