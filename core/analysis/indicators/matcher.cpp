// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/analysis/indicators/matcher.h"
#include "core/analysis/indicators/normalise.h"
#include "core/util/utf8.h"

#include <algorithm>
#include <charconv>
#include <tuple>

namespace vigil::analysis {

namespace {

constexpr int kMaxAgeDigits = 3;

// Length of the UTF-8 sequence starting at text[i]: 1 for ASCII and for any byte that does not
// start a complete sequence (a stray continuation byte, a truncated sequence), so a broken
// sequence never swallows the ASCII characters after it.
std::size_t sequenceLength(std::string_view text, std::size_t i)
{
    const std::size_t len = utf8SequenceLength(static_cast<unsigned char>(text[i]));
    if (len <= 1 || i + len > text.size())
        return 1;
    for (std::size_t k = 1; k < len; ++k)
        if ((static_cast<unsigned char>(text[i + k]) & 0xC0) != 0x80)
            return 1;
    return len;
}

enum class CharClass { Word, Apostrophe, Quote, Other };

// Classifies one code point; apostrophes and double quotes include their Unicode forms.
CharClass classify(std::string_view seq)
{
    if (seq == "\xE2\x80\x98" || seq == "\xE2\x80\x99" || seq == "\xCA\xBC" || seq == "'" || seq == "`")
        return CharClass::Apostrophe;
    if (seq == "\"" || seq == "\xE2\x80\x9C" || seq == "\xE2\x80\x9D")
        return CharClass::Quote;
    if (seq.size() > 1)
        return CharClass::Word;
    const char c = seq[0];
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
        return CharClass::Word;
    return CharClass::Other;
}

char leet(char c)
{
    switch (c) {
    case '0': return 'o';
    case '1': return 'i';
    case '3': return 'e';
    case '4': return 'a';
    case '5': return 's';
    case '@': return 'a';
    case '$': return 's';
    default: return c;
    }
}

bool isLeetSymbol(std::string_view seq, const NormaliseOptions &options)
{
    return options.leetspeak && (seq == "@" || seq == "$");
}

void finishToken(TextToken &token, std::vector<TextToken> &out, const NormaliseOptions &options)
{
    if (token.text.empty())
        return;
    token.text = normaliseWord(token.text);
    const bool hasLetter = std::ranges::any_of(token.text, [](char c) { return c >= 'a' && c <= 'z'; });
    if (options.leetspeak && hasLetter)
        std::ranges::transform(token.text, token.text.begin(), leet);
    out.push_back(std::move(token));
    token = {};
}

// An age is a short number, optionally followed by one of the language's suffixes ("13th", "14yo").
std::optional<int> parseAge(const std::string &word, const LexiconEntry &entry, const Lexicon &lexicon)
{
    const auto digitsEnd = std::ranges::find_if(word, [](char c) { return c < '0' || c > '9'; });
    const auto digits = static_cast<std::size_t>(digitsEnd - word.begin());
    if (digits == 0 || digits > kMaxAgeDigits)
        return std::nullopt;
    const std::string suffix = word.substr(digits);
    if (!suffix.empty() && std::ranges::find(lexicon.ageSuffixes, suffix) == lexicon.ageSuffixes.end())
        return std::nullopt;
    int value = 0;
    std::from_chars(word.data(), word.data() + digits, value);
    if (value < entry.ageMin || value > entry.ageMax)
        return std::nullopt;
    return value + entry.ageOffset;
}

} // namespace

std::vector<TextToken> tokenise(std::string_view text, const NormaliseOptions &options)
{
    std::vector<TextToken> tokens;
    TextToken current;
    bool quoted = false;
    for (std::size_t i = 0; i < text.size();) {
        const std::size_t len = sequenceLength(text, i);
        const std::string_view seq = text.substr(i, len);
        const CharClass cls = isLeetSymbol(seq, options) ? CharClass::Word : classify(seq);
        if (cls == CharClass::Word) {
            if (current.text.empty()) {
                current.begin = i;
                current.quoted = quoted;
            }
            current.text += seq;
            current.end = i + len;
        } else if (cls != CharClass::Apostrophe || current.text.empty()) {
            // An apostrophe inside a word is dropped ("don't" → "dont"); anything else ends the word.
            finishToken(current, tokens, options);
            if (cls == CharClass::Quote)
                quoted = !quoted;
        }
        i += len;
    }
    finishToken(current, tokens, options);
    return tokens;
}

IndicatorMatcher::IndicatorMatcher(Lexicon lexicon, NormaliseOptions options)
    : m_lexicon(std::move(lexicon)), m_options(options)
{
    for (std::size_t i = 0; i < m_lexicon.entries.size(); ++i) {
        const auto &tokens = m_lexicon.entries[i].tokens;
        if (!tokens.empty() && tokens.front().kind == PatternToken::Kind::Literal)
            m_byFirstWord[tokens.front().text].push_back(i);
        else
            m_anyFirstWord.push_back(i);
    }
}

std::vector<IndicatorHit> IndicatorMatcher::match(std::string_view text) const
{
    const auto tokens = tokenise(text, m_options);
    std::vector<IndicatorHit> hits;
    const auto tryEntry = [&](std::size_t index, std::size_t start) {
        const LexiconEntry &entry = m_lexicon.entries[index];
        IndicatorHit hit;
        if (!matchAt(entry, tokens, start, hit))
            return;
        if (entry.negatable && precededBy(tokens, start, m_lexicon.negators))
            return;
        if (!entry.unlessBefore.empty() && precededBy(tokens, start, entry.unlessBefore))
            return;
        hits.push_back(std::move(hit));
    };
    for (std::size_t start = 0; start < tokens.size(); ++start) {
        if (const auto it = m_byFirstWord.find(tokens[start].text); it != m_byFirstWord.end())
            for (const auto index : it->second)
                tryEntry(index, start);
        for (const auto index : m_anyFirstWord)
            tryEntry(index, start);
    }
    std::ranges::sort(hits, [](const IndicatorHit &a, const IndicatorHit &b) {
        return std::tie(a.begin, a.end, a.entryId) < std::tie(b.begin, b.end, b.entryId);
    });
    return hits;
}

bool IndicatorMatcher::matchAt(const LexiconEntry &entry, const std::vector<TextToken> &tokens, std::size_t start,
                               IndicatorHit &hit) const
{
    if (start + entry.tokens.size() > tokens.size())
        return false;
    bool quoted = false;
    for (std::size_t k = 0; k < entry.tokens.size(); ++k) {
        const PatternToken &p = entry.tokens[k];
        const TextToken &t = tokens[start + k];
        switch (p.kind) {
        case PatternToken::Kind::Literal:
            if (t.text != p.text)
                return false;
            break;
        case PatternToken::Kind::Prefix:
            if (!t.text.starts_with(p.text))
                return false;
            break;
        case PatternToken::Kind::Age:
            hit.age = parseAge(t.text, entry, m_lexicon);
            if (!hit.age)
                return false;
            break;
        }
        quoted = quoted || t.quoted;
    }
    hit.kind = entry.kind;
    hit.entryId = entry.id;
    hit.begin = tokens[start].begin;
    hit.end = tokens[start + entry.tokens.size() - 1].end;
    hit.quoted = quoted;
    hit.weight = quoted ? entry.weight / 2.0 : entry.weight;
    hit.firstPerson = entry.firstPerson;
    return true;
}

bool IndicatorMatcher::precededBy(const std::vector<TextToken> &tokens, std::size_t start,
                                  const std::vector<std::string> &words) const
{
    const std::size_t window = static_cast<std::size_t>(m_lexicon.negationWindow);
    const std::size_t from = start > window ? start - window : 0;
    for (std::size_t i = from; i < start; ++i)
        if (std::ranges::find(words, tokens[i].text) != words.end())
            return true;
    return false;
}

} // namespace vigil::analysis
