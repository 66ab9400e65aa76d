// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/analysis/geo/timewords.h"

#include <algorithm>
#include <charconv>

namespace vigil::analysis::geo {

namespace {

constexpr int kWholeHourEarly = 15, kWholeHourLate = 60;   // "10pm": 21:45 to 22:59
constexpr int kExactEarly = 10, kExactLate = 10;           // "10:30pm": 22:20 to 22:40

// Leading digits and the rest of a word: "10pm" -> {"10", "pm"}.
std::pair<std::string, std::string> splitDigits(const std::string &word)
{
    const auto end = std::ranges::find_if(word, [](char c) { return c < '0' || c > '9'; });
    const auto n = static_cast<std::size_t>(end - word.begin());
    return {word.substr(0, n), word.substr(n)};
}

int toInt(const std::string &digits)
{
    int value = 0;
    std::from_chars(digits.data(), digits.data() + digits.size(), value);
    return value;
}

// Tokens a phrase of `forms` uses at `pos`; `glued` is what followed the digits in the previous
// word ("pm" of "10pm"), which must then be the form's first word. nullopt when none matches.
std::optional<std::size_t> matchForm(const std::vector<Words> &forms, const std::string &glued,
                                     const std::vector<TextToken> &tokens, std::size_t pos)
{
    for (const Words &form : forms) {
        std::size_t k = 0;
        if (!glued.empty()) {
            if (form.front() != glued)
                continue;
            k = 1;
        }
        const std::size_t needed = form.size() - k;
        if (pos + needed > tokens.size())
            continue;
        bool same = true;
        for (std::size_t i = 0; i < needed && same; ++i)
            same = tokens[pos + i].text == form[k + i];
        if (same)
            return needed;
    }
    return std::nullopt;
}

// "10:30" or "10.30": the two words are separated by exactly one ':' or '.'.
bool clockSeparated(std::string_view text, const TextToken &a, const TextToken &b)
{
    return b.begin == a.end + 1 && (text[a.end] == ':' || text[a.end] == '.');
}

bool inHours(int hour, int from, int to)
{
    return (hour >= from && hour < to) || (hour + 24 >= from && hour + 24 < to);
}

Result<std::vector<Words>> readForms(const rapidjson::Value &v, const char *key, const std::string &where)
{
    std::vector<Words> forms;
    if (!v.HasMember(key))
        return forms;
    if (!v[key].IsArray())
        return fail(ErrorCode::Corrupt, where + ": \"" + key + "\" must be an array of phrases");
    for (const auto &item : v[key].GetArray()) {
        Words words = item.IsString() ? phraseWords(item.GetString()) : Words{};
        if (words.empty())
            return fail(ErrorCode::Corrupt, where + ": \"" + key + "\" holds an empty or non-text phrase");
        forms.push_back(std::move(words));
    }
    return forms;
}

std::optional<int> parseClockText(const std::string &hhmm)
{
    if (hhmm.size() != 5 || hhmm[2] != ':')
        return std::nullopt;
    const std::string h = hhmm.substr(0, 2), m = hhmm.substr(3);
    if (!std::ranges::all_of(h + m, [](char c) { return c >= '0' && c <= '9'; }))
        return std::nullopt;
    const int hour = toInt(h), minute = toInt(m);
    if (hour > 23 || minute > 59)
        return std::nullopt;
    return hour * 60 + minute;
}

} // namespace

Words phraseWords(std::string_view phrase)
{
    Words words;
    for (auto &token : tokenise(phrase))
        words.push_back(std::move(token.text));
    return words;
}

Result<TimeWords> TimeWords::fromJson(const rapidjson::Value &v, const std::string &where)
{
    if (!v.IsObject())
        return fail(ErrorCode::Corrupt, where + ": \"time\" must be an object");
    TimeWords words;
    for (auto [key, target] : {std::pair{"am", &words.m_am}, std::pair{"pm", &words.m_pm},
                               std::pair{"oclock", &words.m_oclock}}) {
        auto forms = readForms(v, key, where);
        if (!forms)
            return std::unexpected(forms.error());
        *target = std::move(*forms);
    }
    if (v.HasMember("named")) {
        if (!v["named"].IsObject())
            return fail(ErrorCode::Corrupt, where + ": \"named\" must be an object of \"HH:MM\" times");
        for (const auto &m : v["named"].GetObject()) {
            const auto minute = m.value.IsString() ? parseClockText(m.value.GetString()) : std::nullopt;
            const Words name = phraseWords(m.name.GetString());
            if (!minute || name.size() != 1)
                return fail(ErrorCode::Corrupt, where + ": named time \"" + m.name.GetString()
                                                    + "\" must be one word with an \"HH:MM\" time");
            words.m_named[name.front()] = *minute;
        }
    }
    if (v.HasMember("dayParts")) {
        if (!v["dayParts"].IsArray())
            return fail(ErrorCode::Corrupt, where + ": \"dayParts\" must be an array");
        for (const auto &p : v["dayParts"].GetArray()) {
            if (!p.IsObject() || !p.HasMember("phrase") || !p["phrase"].IsString() || !p.HasMember("from")
                || !p["from"].IsInt() || !p.HasMember("to") || !p["to"].IsInt())
                return fail(ErrorCode::Corrupt, where + ": a day part needs \"phrase\", \"from\" and \"to\"");
            DayPart part{phraseWords(p["phrase"].GetString()), p["from"].GetInt(), p["to"].GetInt()};
            if (part.words.empty() || part.from < 0 || part.from > 23 || part.to <= part.from || part.to > part.from + 24)
                return fail(ErrorCode::Corrupt, where + ": day part \"" + std::string(p["phrase"].GetString())
                                                    + "\" has a bad phrase or hours");
            words.m_dayParts.push_back(std::move(part));
        }
    }
    return words;
}

// Reads hour, minutes, am/pm, "o'clock" and a day part; returns the tokens used.
std::optional<std::size_t> TimeWords::readClock(const std::vector<TextToken> &tokens, std::string_view text,
                                                std::size_t pos, Clock &clock) const
{
    auto [digits, glued] = splitDigits(tokens[pos].text);
    if (digits.empty() || digits.size() > 2)
        return std::nullopt;
    clock.hour = toInt(digits);
    clock.twoDigitHour = digits.size() == 2;
    std::size_t p = pos + 1;
    if (glued.empty() && p < tokens.size() && clockSeparated(text, tokens[pos], tokens[p])) {
        auto [minutes, rest] = splitDigits(tokens[p].text);
        if (minutes.size() != 2 || toInt(minutes) > 59)
            return std::nullopt;
        clock.minute = toInt(minutes);
        clock.hasMinutes = true;
        glued = rest;
        ++p;
    }
    if (auto am = matchForm(m_am, glued, tokens, p)) {
        clock.pm = false;
        p += *am;
    } else if (auto pm = matchForm(m_pm, glued, tokens, p)) {
        clock.pm = true;
        p += *pm;
    } else if (!glued.empty()) {
        return std::nullopt;   // "10th", "10k": not a time
    }
    if (!clock.hasMinutes)
        if (auto oclock = matchForm(m_oclock, {}, tokens, p)) {
            clock.oclock = true;
            p += *oclock;
        }
    for (const DayPart &part : m_dayParts)
        if (auto used = matchForm({part.words}, {}, tokens, p)) {
            clock.part = &part;
            p += *used;
            break;
        }
    return p - pos;
}

// The hour on a 24-hour clock, or nullopt when the words leave morning or evening open.
std::optional<int> TimeWords::hourOf(const Clock &clock) const
{
    const int h = clock.hour;
    if (h > 23)
        return std::nullopt;
    if (clock.pm)
        return h >= 1 && h <= 12 ? std::optional<int>(h % 12 + (*clock.pm ? 12 : 0)) : std::nullopt;
    if (clock.part) {
        for (int candidate : {h % 12, h % 12 + 12})
            if ((h <= 12 || candidate == h) && inHours(candidate, clock.part->from, clock.part->to))
                return candidate;
        return std::nullopt;
    }
    // A 24-hour clock: "22:00", "0:30", "07:15", "13 o'clock"; "10" or "10:30" alone could be
    // morning or evening, and a bare "20" is as likely a temperature.
    if (!clock.hasMinutes && !clock.oclock)
        return std::nullopt;
    if (h == 0 || h > 12 || (clock.twoDigitHour && clock.hasMinutes && h < 10))
        return h;
    return std::nullopt;
}

std::optional<StatedTime> TimeWords::parse(const std::vector<TextToken> &tokens, std::string_view text,
                                           std::size_t pos) const
{
    if (pos >= tokens.size())
        return std::nullopt;
    if (const auto named = m_named.find(tokens[pos].text); named != m_named.end())
        return StatedTime{1, named->second, kWholeHourEarly, kWholeHourLate};
    Clock clock;
    const auto used = readClock(tokens, text, pos, clock);
    if (!used)
        return std::nullopt;
    const auto hour = hourOf(clock);
    if (!hour)
        return std::nullopt;
    const int early = clock.hasMinutes ? kExactEarly : kWholeHourEarly;
    const int late = clock.hasMinutes ? kExactLate : kWholeHourLate;
    return StatedTime{*used, *hour * 60 + clock.minute, early, late};
}

} // namespace vigil::analysis::geo
