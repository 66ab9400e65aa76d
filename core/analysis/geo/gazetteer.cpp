// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/analysis/geo/gazetteer.h"

#include "core/analysis/geo/jsonfile.h"
#include "core/analysis/indicators/lexicon.h"

#include <algorithm>
#include <sstream>

namespace vigil::analysis {

namespace {

constexpr std::uintmax_t kMaxFileBytes = 4 * 1024 * 1024;
constexpr std::string_view kClauseBreaks = ",.;:!?()\n";

using NameMap = std::map<std::string, std::map<std::string, bool>>;   // name -> country -> article allowed

std::string joined(const geo::Words &words)
{
    std::string out;
    for (const auto &w : words)
        out += (out.empty() ? "" : " ") + w;
    return out;
}

bool isCountryCode(const std::string &code)
{
    return code.size() == 2 && std::ranges::all_of(code, [](char c) { return c >= 'A' && c <= 'Z'; });
}

Result<std::vector<std::string>> readWordList(const rapidjson::Value &doc, const char *key, const std::string &where)
{
    std::vector<std::string> words;
    if (!doc.HasMember(key))
        return words;
    if (!doc[key].IsArray())
        return fail(ErrorCode::Corrupt, where + ": \"" + key + "\" must be an array of words");
    for (const auto &item : doc[key].GetArray()) {
        const geo::Words w = item.IsString() ? geo::phraseWords(item.GetString()) : geo::Words{};
        if (w.size() != 1)
            return fail(ErrorCode::Corrupt, where + ": every entry of \"" + key + "\" must be one word");
        words.push_back(w.front());
    }
    return words;
}

// {"GB": ["london", ...], ...} into name -> countries.
Result<void> readNames(const rapidjson::Value &doc, const char *key, bool article, NameMap &into,
                       std::size_t &longest, const std::string &where)
{
    if (!doc.HasMember(key))
        return {};
    if (!doc[key].IsObject())
        return fail(ErrorCode::Corrupt, where + ": \"" + key + "\" must map country codes to arrays of names");
    for (const auto &entry : doc[key].GetObject()) {
        const std::string code = entry.name.GetString();
        if (!isCountryCode(code) || !entry.value.IsArray())
            return fail(ErrorCode::Corrupt, where + ": \"" + key + "\" entry \"" + code
                                                + "\" needs a two-letter code and an array of names");
        for (const auto &name : entry.value.GetArray()) {
            const geo::Words words = name.IsString() ? geo::phraseWords(name.GetString()) : geo::Words{};
            if (words.empty())
                return fail(ErrorCode::Corrupt, where + ": \"" + key + "\" of " + code + " holds an empty name");
            longest = std::max(longest, words.size());
            bool &allowed = into[joined(words)][code];
            allowed = allowed || article;
        }
    }
    return {};
}

} // namespace

Result<Gazetteer> Gazetteer::load(const std::filesystem::path &placesFile, const std::filesystem::path &lexiconDir)
{
    auto lexicon = loadLexicon(lexiconDir);
    if (!lexicon)
        return std::unexpected(lexicon.error());
    auto text = geo::readDataFile(placesFile, kMaxFileBytes);
    if (!text)
        return std::unexpected(text.error());
    return parse(*text, placesFile.string(), lexicon->negators, lexicon->negationWindow);
}

Result<Gazetteer> Gazetteer::parse(const std::string &json, const std::string &source,
                                   std::vector<std::string> negators, int negationWindow)
{
    auto doc = geo::parseJsonObject(json, source);
    if (!doc)
        return std::unexpected(doc.error());
    Gazetteer g;
    g.m_negators = std::move(negators);
    g.m_negationWindow = negationWindow;
    if (!doc->HasMember("patterns") || !(*doc)["patterns"].IsArray() || !doc->HasMember("countries"))
        return fail(ErrorCode::Corrupt, source + ": needs \"patterns\" and \"countries\"");
    auto patterns = readPatterns((*doc)["patterns"], source);
    if (!patterns)
        return std::unexpected(patterns.error());
    g.m_patterns = std::move(*patterns);
    const bool timePatterns = std::ranges::any_of(g.m_patterns, [](const Pattern &p) { return p.slot == Slot::Time; });
    for (auto [key, article] : {std::pair{"countries", true}, std::pair{"regions", true}, std::pair{"cities", false}})
        if (auto r = readNames(*doc, key, article, g.m_places, g.m_longestName, source); !r)
            return std::unexpected(r.error());
    if (auto r = readNames(*doc, "demonyms", false, g.m_demonyms, g.m_longestName, source); !r)
        return std::unexpected(r.error());
    for (auto [key, target] : {std::pair{"articles", &g.m_articles}, std::pair{"fillers", &g.m_fillers}}) {
        auto list = readWordList(*doc, key, source);
        if (!list)
            return std::unexpected(list.error());
        *target = std::move(*list);
    }
    if (doc->HasMember("maxFillers")) {
        const auto &m = (*doc)["maxFillers"];
        if (!m.IsInt() || m.GetInt() < 0 || m.GetInt() > 5)
            return fail(ErrorCode::Corrupt, source + ": \"maxFillers\" must be 0 to 5");
        g.m_maxFillers = m.GetInt();
    }
    if (timePatterns && !doc->HasMember("time"))
        return fail(ErrorCode::Corrupt, source + ": {time} patterns need a \"time\" section");
    if (doc->HasMember("time")) {
        auto time = geo::TimeWords::fromJson((*doc)["time"], source);
        if (!time)
            return std::unexpected(time.error());
        g.m_time = std::move(*time);
    }
    return g;
}

Result<std::vector<Gazetteer::Pattern>> Gazetteer::readPatterns(const rapidjson::Value &list, const std::string &source)
{
    static const std::map<std::string, Slot> kSlots{{"{place}", Slot::Place}, {"{demonym}", Slot::Demonym},
                                                    {"{time}", Slot::Time}};
    std::vector<Pattern> patterns;
    for (const auto &p : list.GetArray()) {
        if (!p.IsObject() || !p.HasMember("id") || !p["id"].IsString() || !p.HasMember("pattern")
            || !p["pattern"].IsString())
            return fail(ErrorCode::Corrupt, source + ": every pattern needs a string \"id\" and \"pattern\"");
        Pattern pattern;
        pattern.id = p["id"].GetString();
        int slots = 0;
        std::istringstream words(p["pattern"].GetString());
        for (std::string word; words >> word;) {
            if (const auto slot = kSlots.find(word); slot != kSlots.end()) {
                pattern.slot = slot->second;
                ++slots;
                continue;
            }
            const geo::Words w = geo::phraseWords(word);
            auto &side = slots == 0 ? pattern.before : pattern.after;
            side.insert(side.end(), w.begin(), w.end());
        }
        if (slots != 1 || (pattern.before.empty() && pattern.after.empty()))
            return fail(ErrorCode::Corrupt, source + ": pattern \"" + pattern.id
                                                + "\" needs words and exactly one {place}, {demonym} or {time}");
        patterns.push_back(std::move(pattern));
    }
    return patterns;
}

void Gazetteer::skipInsertions(const std::vector<TextToken> &tokens, std::size_t &pos, bool &negated,
                               int &fillers) const
{
    while (pos < tokens.size()) {
        const std::string &word = tokens[pos].text;
        if (std::ranges::find(m_negators, word) != m_negators.end()) {
            negated = true;
        } else if (fillers < m_maxFillers && std::ranges::find(m_fillers, word) != m_fillers.end()) {
            ++fillers;
        } else {
            return;
        }
        ++pos;
    }
}

bool Gazetteer::matchWords(const geo::Words &words, const std::vector<TextToken> &tokens, std::size_t &pos,
                           bool skipFirst, bool &negated, int &fillers) const
{
    for (std::size_t k = 0; k < words.size(); ++k) {
        if (k > 0 || skipFirst)
            skipInsertions(tokens, pos, negated, fillers);
        if (pos >= tokens.size() || tokens[pos].text != words[k])
            return false;
        ++pos;
    }
    return true;
}

std::optional<Gazetteer::SlotMatch> Gazetteer::matchName(const NameMap &names, const std::vector<TextToken> &tokens,
                                                         std::size_t pos, bool viaArticle) const
{
    for (std::size_t len = std::min(m_longestName, tokens.size() - std::min(pos, tokens.size())); len > 0; --len) {
        geo::Words words;
        for (std::size_t i = pos; i < pos + len; ++i)
            words.push_back(tokens[i].text);
        const auto it = names.find(joined(words));
        if (it == names.end())
            continue;
        SlotMatch match{pos, pos + len, {}, {}};
        for (const auto &[country, article] : it->second)
            if (!viaArticle || article)
                match.countries.push_back(country);
        if (!match.countries.empty())
            return match;
    }
    return std::nullopt;
}

std::optional<Gazetteer::SlotMatch> Gazetteer::matchSlot(Slot slot, const std::vector<TextToken> &tokens,
                                                         std::string_view text, std::size_t pos) const
{
    if (pos >= tokens.size())
        return std::nullopt;
    switch (slot) {
    case Slot::Demonym:
        return matchName(m_demonyms, tokens, pos, false);
    case Slot::Time:
        if (auto time = m_time.parse(tokens, text, pos))
            return SlotMatch{pos, pos + time->length, {}, *time};
        return std::nullopt;
    case Slot::Place:
        break;
    }
    if (auto direct = matchName(m_places, tokens, pos, false))
        return direct;
    if (std::ranges::find(m_articles, tokens[pos].text) != m_articles.end())
        return matchName(m_places, tokens, pos + 1, true);
    return std::nullopt;
}

// A negator shortly before the phrase, in the same clause: "I never said I live in Leeds".
// "No, I'm from Leeds" is not negated (the comma ends the clause).
bool Gazetteer::negatedBefore(const std::vector<TextToken> &tokens, std::string_view text, std::size_t start) const
{
    const auto window = static_cast<std::size_t>(m_negationWindow);
    for (std::size_t i = start > window ? start - window : 0; i < start; ++i) {
        if (std::ranges::find(m_negators, tokens[i].text) == m_negators.end())
            continue;
        const std::string_view between = text.substr(tokens[i].end, tokens[start].begin - tokens[i].end);
        if (between.find_first_of(kClauseBreaks) == std::string_view::npos)
            return true;
    }
    return false;
}

std::optional<Gazetteer::Match> Gazetteer::matchAt(const Pattern &pattern, const std::vector<TextToken> &tokens,
                                                   std::string_view text, std::size_t start) const
{
    std::size_t pos = start;
    bool negated = false;
    int fillers = 0;
    if (!matchWords(pattern.before, tokens, pos, false, negated, fillers))
        return std::nullopt;
    if (!pattern.before.empty())
        skipInsertions(tokens, pos, negated, fillers);
    auto slot = matchSlot(pattern.slot, tokens, text, pos);
    if (!slot)
        return std::nullopt;
    pos = slot->end;
    if (!matchWords(pattern.after, tokens, pos, true, negated, fillers))
        return std::nullopt;
    if (negated || negatedBefore(tokens, text, start))
        return std::nullopt;
    for (std::size_t i = start; i < pos; ++i)
        if (tokens[i].quoted)
            return std::nullopt;   // someone else's words, quoted
    return Match{start, pos, std::move(*slot)};
}

template <typename Fn>
void Gazetteer::forEachMatch(const std::vector<TextToken> &tokens, std::string_view text, bool timePatterns,
                             Fn &&fn) const
{
    std::size_t lastSlot = tokens.size();   // one mention per slot position
    for (std::size_t start = 0; start < tokens.size(); ++start) {
        for (const Pattern &pattern : m_patterns) {
            if ((pattern.slot == Slot::Time) != timePatterns)
                continue;
            auto match = matchAt(pattern, tokens, text, start);
            if (!match || match->slot.begin == lastSlot)
                continue;
            lastSlot = match->slot.begin;
            fn(pattern, *match);
        }
    }
}

void Gazetteer::collectPlaces(const std::vector<TextToken> &tokens, std::string_view text,
                              std::vector<PlaceMention> &out) const
{
    forEachMatch(tokens, text, false, [&](const Pattern &pattern, const Match &m) {
        const std::size_t placeBegin = tokens[m.slot.begin].begin, placeEnd = tokens[m.slot.end - 1].end;
        geo::Words name;
        for (std::size_t i = m.slot.begin; i < m.slot.end; ++i)
            name.push_back(tokens[i].text);
        out.push_back(PlaceMention{pattern.id, std::string(text.substr(placeBegin, placeEnd - placeBegin)),
                                   joined(name), m.slot.countries, tokens[m.begin].begin, tokens[m.end - 1].end});
    });
}

void Gazetteer::collectTimes(const std::vector<TextToken> &tokens, std::string_view text,
                             std::vector<TimeMention> &out) const
{
    forEachMatch(tokens, text, true, [&](const Pattern &pattern, const Match &m) {
        out.push_back(TimeMention{pattern.id, m.slot.time.minuteOfDay, m.slot.time.earlyMinutes,
                                  m.slot.time.lateMinutes, tokens[m.begin].begin, tokens[m.end - 1].end});
    });
}

std::vector<PlaceMention> Gazetteer::places(std::string_view text) const
{
    std::vector<PlaceMention> out;
    collectPlaces(tokenise(text), text, out);
    return out;
}

std::vector<TimeMention> Gazetteer::times(std::string_view text) const
{
    std::vector<TimeMention> out;
    collectTimes(tokenise(text), text, out);
    return out;
}

Gazetteer::Mentions Gazetteer::mentions(std::string_view text) const
{
    const auto tokens = tokenise(text);
    Mentions out;
    collectPlaces(tokens, text, out.places);
    collectTimes(tokens, text, out.times);
    return out;
}

} // namespace vigil::analysis
