// SPDX-License-Identifier: GPL-3.0-or-later
#include "plugins/media/hashsets/digest.h"

#include <algorithm>
#include <array>

#include "core/util/hex.h"

namespace vigil::media::detail {

namespace {

char lowerChar(char c)
{
    return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

bool isSpace(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f';
}

} // namespace

bool parseHex(std::string_view hex, std::span<std::uint8_t> out)
{
    return parseHexBytes(hex, out);
}

std::optional<Md5> parseMd5(std::string_view hex)
{
    Md5 d;
    if (!parseHex(hex, d))
        return std::nullopt;
    return d;
}

std::optional<Sha1> parseSha1(std::string_view hex)
{
    Sha1 d;
    if (!parseHex(hex, d))
        return std::nullopt;
    return d;
}

std::string_view trimAscii(std::string_view text)
{
    while (!text.empty() && isSpace(text.front()))
        text.remove_prefix(1);
    while (!text.empty() && isSpace(text.back()))
        text.remove_suffix(1);
    return text;
}

bool equalsIgnoreCase(std::string_view a, std::string_view b)
{
    return a.size() == b.size()
        && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) { return lowerChar(x) == lowerChar(y); });
}

std::string lowerAscii(std::string_view text)
{
    std::string out(text);
    std::transform(out.begin(), out.end(), out.begin(), lowerChar);
    return out;
}

std::string quoteForMessage(std::string_view text, std::size_t max)
{
    std::string out = "\"";
    for (std::size_t i = 0; i < text.size() && i < max; ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        out += (c >= 0x20 && c < 0x7f) ? static_cast<char>(c) : '?';
    }
    if (text.size() > max)
        out += "...";
    return out + "\"";
}

std::string describeBadHash(std::string_view token)
{
    const bool allHex = std::all_of(token.begin(), token.end(), [](char c) { return hexDigitValue(c) >= 0; });
    if (allHex && token.size() == 64)
        return quoteForMessage(token) + " is a 64-digit hash (SHA-256?): only MD5 and SHA-1 are stored";
    if (allHex)
        return quoteForMessage(token) + " has " + std::to_string(token.size())
            + " hex digits, not 32 (MD5) or 40 (SHA-1)";
    return quoteForMessage(token) + " is not a hex MD5 or SHA-1";
}

} // namespace vigil::media::detail
