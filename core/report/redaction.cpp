// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/report/redaction.h"

#include <QChar>

#include <algorithm>
#include <set>

#include "core/casedb/peoplequery.h"
#include "core/util/utf8.h"

namespace vigil::report {

namespace {

// The length of the name character at `i`: an ASCII letter, or a whole valid UTF-8 sequence of a
// letter (so "…", "’" and U+FFFD, the replacement of an invalid byte, separate words); 0 for
// anything else.
std::size_t nameCharLength(std::string_view s, std::size_t i)
{
    const auto c = static_cast<unsigned char>(s[i]);
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))
        return 1;
    const std::size_t n = utf8SequenceLength(c);
    if (n < 2 || i + n > s.size())
        return 0;
    char32_t cp = c & (0xFF >> (n + 1));
    for (std::size_t k = 1; k < n; ++k) {
        const auto next = static_cast<unsigned char>(s[i + k]);
        if ((next & 0xC0) != 0x80)
            return 0;
        cp = (cp << 6) | (next & 0x3F);
    }
    return QChar::isLetter(cp) ? n : 0;
}

// Letters in a word (code points, not bytes).
std::size_t letterCount(std::string_view word)
{
    std::size_t letters = 0;
    for (std::size_t i = 0; i < word.size(); i += std::max<std::size_t>(1, nameCharLength(word, i)))
        ++letters;
    return letters;
}

// The end of the word starting at `i` (i itself when no name character is there).
std::size_t wordEnd(std::string_view s, std::size_t i)
{
    while (i < s.size()) {
        const std::size_t n = nameCharLength(s, i);
        if (n == 0)
            break;
        i += n;
    }
    return i;
}

char lower(char c)
{
    return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

std::string lowered(std::string_view s)
{
    std::string out(s);
    std::transform(out.begin(), out.end(), out.begin(), lower);
    return out;
}

// Words that appear in generated labels ("Snapchat user 9e4b…") and app names, not in names.
const std::set<std::string, std::less<>> kNotNames = {
    "user", "unknown", "contact", "account", "snapchat", "whatsapp", "telegram", "instagram", "skype",
    "discord", "kik", "messenger", "facebook", "messages", "sms", "the", "and",
};

// The words of a name: runs of name bytes, split by anything else.
std::vector<std::string_view> wordsOf(std::string_view name)
{
    std::vector<std::string_view> words;
    std::size_t i = 0;
    while (i < name.size()) {
        const std::size_t end = wordEnd(name, i);
        if (end > i)
            words.push_back(name.substr(i, end - i));
        i = end > i ? end : i + 1;
    }
    return words;
}

// The first character of a word (a whole UTF-8 sequence), upper-cased when ASCII.
std::string firstLetter(std::string_view word)
{
    std::size_t n = 1;
    while (n < word.size() && (static_cast<unsigned char>(word[n]) & 0xC0) == 0x80)
        ++n;
    std::string out(word.substr(0, n));
    if (out[0] >= 'a' && out[0] <= 'z')
        out[0] = static_cast<char>(out[0] - 'a' + 'A');
    return out;
}

} // namespace

std::string initialsOf(std::string_view name)
{
    std::string out;
    for (std::string_view word : wordsOf(name)) {
        if (!out.empty())
            out += ' ';
        out += firstLetter(word) + ".";
    }
    return out;
}

Redactor Redactor::forNames(const std::map<std::int64_t, std::vector<std::string>> &namesByPerson)
{
    Redactor r;
    for (const auto &[person, names] : namesByPerson)
        for (const std::string &name : names)
            r.addName(person, name);
    std::sort(r.m_words.begin(), r.m_words.end(),
              [](const std::string &a, const std::string &b) { return a.size() != b.size() ? a.size() > b.size() : a < b; });
    r.m_words.erase(std::unique(r.m_words.begin(), r.m_words.end()), r.m_words.end());
    return r;
}

Result<Redactor> Redactor::forVictims(casedb::Database &db, const std::vector<std::int64_t> &personIds)
{
    std::map<std::int64_t, std::vector<std::string>> names;
    for (std::int64_t id : personIds) {
        auto person = casedb::findPerson(db, id);
        if (!person)
            return std::unexpected(person.error());
        if (!*person)
            continue;
        auto &list = names[id];
        list.push_back((*person)->label);
        for (const casedb::PersonAccount &a : (*person)->accounts) {
            list.push_back(a.displayName);
            list.push_back(a.username);
        }
    }
    return forNames(names);
}

void Redactor::addName(std::int64_t personId, std::string_view name)
{
    bool any = false;
    for (std::string_view word : wordsOf(name)) {
        std::string w = lowered(word);
        if (letterCount(word) < 3 || kNotNames.contains(w))
            continue;
        m_words.push_back(std::move(w));
        any = true;
    }
    if (!any)
        return;
    m_names.emplace_back(name);
    if (!m_initials.contains(personId))
        m_initials[personId] = initialsOf(name);
}

std::string Redactor::personName(std::int64_t personId, std::string_view label) const
{
    if (!enabled())
        return std::string(label);
    auto it = m_initials.find(personId);
    return it != m_initials.end() ? it->second : text(label);
}

std::string Redactor::text(std::string_view in) const
{
    if (!enabled())
        return std::string(in);
    auto byLengthThenText = [](const std::string &a, const std::string &b) {
        return a.size() != b.size() ? a.size() > b.size() : a < b;
    };
    std::string out;
    out.reserve(in.size());
    std::size_t i = 0;
    while (i < in.size()) {
        const std::size_t end = wordEnd(in, i);
        if (end == i) {
            out += in[i++];
            continue;
        }
        const std::string_view word = in.substr(i, end - i);
        if (std::binary_search(m_words.begin(), m_words.end(), lowered(word), byLengthThenText))
            out += firstLetter(word) + ".";
        else
            out.append(word);
        i = end;
    }
    return out;
}

std::vector<std::string> Redactor::secrets() const
{
    std::vector<std::string> out = m_names;
    out.insert(out.end(), m_words.begin(), m_words.end());
    return out;
}

} // namespace vigil::report
