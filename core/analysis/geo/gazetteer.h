// SPDX-License-Identifier: GPL-3.0-or-later
// Where people say they are: "I live in Dublin", "I'm from Canada", "here in Sydney", "I'm
// Irish", and what time they say it is ("it's 10pm here"). Phrases, place names by country and
// time words are data (resources/geo/places-<lang>.json); negators come from the indicator
// lexicon of the same language (resources/lexicons/<lang>/language.json).
#pragma once

#include <cstddef>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/analysis/geo/timewords.h"
#include "core/util/error.h"

namespace vigil::analysis {

struct PlaceMention {
    std::string patternId;                // the phrase that matched, e.g. "live-in"
    std::string place;                    // the place words as written: "Dublin"
    std::string name;                     // the gazetteer's name it matched: "dublin"
    std::vector<std::string> countries;   // ISO 3166-1 alpha-2, sorted; several when the name is shared
    std::size_t begin = 0, end = 0;       // byte span of the whole phrase in the text
};

struct TimeMention {
    std::string patternId;
    int minuteOfDay = 0;                  // the stated local time, 0..1439
    int earlyMinutes = 0, lateMinutes = 0;   // the real local time lies in [stated - early, stated + late]
    std::size_t begin = 0, end = 0;
};

class Gazetteer
{
public:
    // placesFile: resources/geo/places-en.json; lexiconDir: resources/lexicons/en (for negators).
    static Result<Gazetteer> load(const std::filesystem::path &placesFile, const std::filesystem::path &lexiconDir);
    // From the places file's text; `source` names it in errors.
    static Result<Gazetteer> parse(const std::string &json, const std::string &source,
                                   std::vector<std::string> negators, int negationWindow);

    // Stated places and nationalities, first person only; negated ("I'm not from Canada") and
    // quoted phrases are left out. In text order.
    std::vector<PlaceMention> places(std::string_view text) const;
    // Stated local times of day ("it's 10pm here"), negated and quoted ones left out.
    std::vector<TimeMention> times(std::string_view text) const;
    // Both, reading the text once.
    struct Mentions {
        std::vector<PlaceMention> places;
        std::vector<TimeMention> times;
    };
    Mentions mentions(std::string_view text) const;

private:
    enum class Slot { Place, Demonym, Time };
    struct Pattern {
        std::string id;
        geo::Words before, after;   // literal words either side of the slot
        Slot slot = Slot::Place;
    };
    // A name's countries; `article` says whether "the" may come first (countries and regions).
    using NameCountries = std::map<std::string, bool>;
    struct SlotMatch {
        std::size_t begin = 0, end = 0;   // token range of the slot
        std::vector<std::string> countries;
        geo::StatedTime time;
    };
    struct Match {
        std::size_t begin = 0, end = 0;   // token range of the whole phrase
        SlotMatch slot;
    };

    static Result<std::vector<Pattern>> readPatterns(const rapidjson::Value &list, const std::string &source);
    std::optional<Match> matchAt(const Pattern &pattern, const std::vector<TextToken> &tokens,
                                 std::string_view text, std::size_t start) const;
    bool matchWords(const geo::Words &words, const std::vector<TextToken> &tokens, std::size_t &pos,
                    bool skipFirst, bool &negated, int &fillers) const;
    void skipInsertions(const std::vector<TextToken> &tokens, std::size_t &pos, bool &negated, int &fillers) const;
    std::optional<SlotMatch> matchSlot(Slot slot, const std::vector<TextToken> &tokens, std::string_view text,
                                       std::size_t pos) const;
    std::optional<SlotMatch> matchName(const std::map<std::string, NameCountries> &names,
                                       const std::vector<TextToken> &tokens, std::size_t pos, bool viaArticle) const;
    bool negatedBefore(const std::vector<TextToken> &tokens, std::string_view text, std::size_t start) const;
    template <typename Fn>
    void forEachMatch(const std::vector<TextToken> &tokens, std::string_view text, bool timePatterns, Fn &&fn) const;
    void collectPlaces(const std::vector<TextToken> &tokens, std::string_view text, std::vector<PlaceMention> &out) const;
    void collectTimes(const std::vector<TextToken> &tokens, std::string_view text, std::vector<TimeMention> &out) const;

    std::vector<Pattern> m_patterns;
    std::map<std::string, NameCountries> m_places, m_demonyms;   // normalised name -> countries
    std::size_t m_longestName = 1;
    std::vector<std::string> m_articles, m_fillers, m_negators;
    int m_maxFillers = 2;
    int m_negationWindow = 3;
    geo::TimeWords m_time;
};

} // namespace vigil::analysis
