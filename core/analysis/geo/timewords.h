// SPDX-License-Identifier: GPL-3.0-or-later
// Times of day as people write them in chat ("10pm", "10:30 p.m.", "7 in the morning",
// "midnight", "22:00"), read from the words of a language's places file ("time" section).
#pragma once

#include <rapidjson/document.h>

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/analysis/indicators/matcher.h"
#include "core/util/error.h"

namespace vigil::analysis::geo {

// A phrase of one or more normalised words ("a.m." is {"a", "m"}).
using Words = std::vector<std::string>;

// The words of `phrase` as the tokeniser produces them.
Words phraseWords(std::string_view phrase);

struct StatedTime {
    std::size_t length = 0;   // tokens used
    int minuteOfDay = 0;      // 0..1439, local time
    int earlyMinutes = 0;     // the real local time may be this much earlier...
    int lateMinutes = 0;      // ...or this much later than stated ("10pm" is said until 22:59)
};

class TimeWords
{
public:
    // The "time" object: am, pm, oclock (arrays of phrases), named ({"midnight": "00:00"}),
    // dayParts ([{"phrase": "in the morning", "from": 3, "to": 12}], hours; "to" may pass 24).
    static Result<TimeWords> fromJson(const rapidjson::Value &value, const std::string &where);

    // A time of day starting at tokens[pos]; nullopt when there is none or it is ambiguous
    // ("it's 10 here": morning or evening?).
    std::optional<StatedTime> parse(const std::vector<TextToken> &tokens, std::string_view text, std::size_t pos) const;

private:
    struct DayPart {
        Words words;
        int from = 0, to = 0;   // hours, [from, to); to > 24 wraps past midnight
    };
    struct Clock {
        int hour = 0, minute = 0;
        bool hasMinutes = false, twoDigitHour = false, oclock = false;
        std::optional<bool> pm;
        const DayPart *part = nullptr;
    };
    std::optional<std::size_t> readClock(const std::vector<TextToken> &tokens, std::string_view text, std::size_t pos,
                                         Clock &clock) const;
    std::optional<int> hourOf(const Clock &clock) const;

    std::vector<Words> m_am, m_pm, m_oclock;
    std::map<std::string, int> m_named;   // word -> minute of day
    std::vector<DayPart> m_dayParts;
};

} // namespace vigil::analysis::geo
