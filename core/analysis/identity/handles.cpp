// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/analysis/identity/handles.h"

#include <algorithm>
#include <cctype>
#include <fstream>

namespace vigil::analysis::identity {

namespace {

constexpr std::size_t kMinLength = 6;         // characters (UTF-8 code points)
constexpr std::size_t kMinNonDigits = 3;      // characters that are neither digits nor separators

bool isSeparator(unsigned char c)
{
    return c == '.' || c == '_' || c == '-';
}

bool isFiller(unsigned char c)
{
    return std::isdigit(c) || isSeparator(c);
}

bool isBlankOrAt(unsigned char c)
{
    return c == '@' || std::isspace(c);
}

bool isLetter(unsigned char c)
{
    return std::isalpha(c) || c >= 0x80;   // any non-ASCII byte: a letter of another script
}

bool anyByte(std::string_view s, bool (*pred)(unsigned char))
{
    return std::any_of(s.begin(), s.end(), [pred](char c) { return pred(static_cast<unsigned char>(c)); });
}

std::string_view trimmed(std::string_view s)
{
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front())))
        s.remove_prefix(1);
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back())))
        s.remove_suffix(1);
    return s;
}

std::size_t codePoints(std::string_view s)
{
    return static_cast<std::size_t>(
        std::count_if(s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

// "admin_01" -> "admin", "2010chloe" -> "chloe".
std::string_view stem(std::string_view s)
{
    while (!s.empty() && isFiller(static_cast<unsigned char>(s.front())))
        s.remove_prefix(1);
    while (!s.empty() && isFiller(static_cast<unsigned char>(s.back())))
        s.remove_suffix(1);
    return s;
}

} // namespace

std::string normalizeHandle(std::string_view raw)
{
    std::string_view s = trimmed(raw);
    if (!s.empty() && s.front() == '@')
        s = trimmed(s.substr(1));
    std::string out(s);
    std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
    return out;
}

Result<GenericHandles> GenericHandles::load(const std::filesystem::path &file)
{
    std::ifstream in(file);
    if (!in)
        return fail(ErrorCode::NotFound, "cannot read the generic-username list " + file.string());
    std::unordered_set<std::string> words;
    std::string line;
    while (std::getline(in, line)) {
        const auto hash = line.find('#');
        const std::string word = normalizeHandle(std::string_view(line).substr(0, hash));
        if (!word.empty())
            words.insert(word);
    }
    return fromWords(std::move(words));
}

GenericHandles GenericHandles::fromWords(std::unordered_set<std::string> words)
{
    GenericHandles out;
    out.m_words = std::move(words);
    return out;
}

bool GenericHandles::isDistinctive(std::string_view h) const
{
    if (codePoints(h) < kMinLength || anyByte(h, isBlankOrAt) || !anyByte(h, isLetter))
        return false;
    const auto meaningful = std::count_if(h.begin(), h.end(), [](char c) {
        const auto u = static_cast<unsigned char>(c);
        return !isFiller(u) && (u & 0xC0) != 0x80;
    });
    if (static_cast<std::size_t>(meaningful) < kMinNonDigits)
        return false;
    return !m_words.contains(std::string(h)) && !m_words.contains(std::string(stem(h)));
}

} // namespace vigil::analysis::identity
