// SPDX-License-Identifier: GPL-3.0-or-later
#include "plugins/parsers/skype/skypemarkup.h"

#include <cstdint>
#include <optional>

#include "core/util/utf8.h"

namespace vigil::plugins::skype {

namespace {

enum class TokenKind { Text, Open, Close, SelfClose };

struct Token {
    TokenKind kind = TokenKind::Text;
    std::string name;   // tags only
    std::vector<std::pair<std::string, std::string>> attributes;
    std::string text;   // decoded text (Text tokens only)
};

bool isSpace(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

bool isNameStart(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

bool isNameChar(char c)
{
    return isNameStart(c) || (c >= '0' && c <= '9') || c == '-' || c == '.' || c == ':';
}

char lowerAscii(char c)
{
    return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

bool equalsNoCase(std::string_view a, std::string_view b)
{
    if (a.size() != b.size())
        return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        if (lowerAscii(a[i]) != lowerAscii(b[i]))
            return false;
    }
    return true;
}

std::optional<std::uint32_t> numericEntity(std::string_view body)
{
    const bool hex = !body.empty() && (body[0] == 'x' || body[0] == 'X');
    if (hex)
        body.remove_prefix(1);
    if (body.empty() || body.size() > 8)
        return std::nullopt;
    std::uint32_t value = 0;
    for (char c : body) {
        int digit = -1;
        if (c >= '0' && c <= '9')
            digit = c - '0';
        else if (hex && lowerAscii(c) >= 'a' && lowerAscii(c) <= 'f')
            digit = lowerAscii(c) - 'a' + 10;
        if (digit < 0)
            return std::nullopt;
        value = value * (hex ? 16 : 10) + static_cast<std::uint32_t>(digit);
    }
    return value;
}

std::optional<std::uint32_t> entityValue(std::string_view body)
{
    if (!body.empty() && body[0] == '#')
        return numericEntity(body.substr(1));
    static constexpr std::pair<std::string_view, std::uint32_t> kNamed[] = {
        {"amp", '&'}, {"lt", '<'}, {"gt", '>'}, {"quot", '"'}, {"apos", '\''}, {"nbsp", 0xA0},
    };
    for (const auto &[name, cp] : kNamed) {
        if (body == name)
            return cp;
    }
    return std::nullopt;
}

// Reads the attributes of a tag's inside ("a href=\"x\" b='y' c").
std::vector<std::pair<std::string, std::string>> parseAttributes(std::string_view s)
{
    std::vector<std::pair<std::string, std::string>> out;
    std::size_t i = 0;
    while (i < s.size()) {
        while (i < s.size() && (isSpace(s[i]) || s[i] == '/'))
            ++i;
        const std::size_t nameStart = i;
        while (i < s.size() && !isSpace(s[i]) && s[i] != '=' && s[i] != '/')
            ++i;
        std::string name(s.substr(nameStart, i - nameStart));
        while (i < s.size() && isSpace(s[i]))
            ++i;
        std::string value;
        if (i < s.size() && s[i] == '=') {
            ++i;
            while (i < s.size() && isSpace(s[i]))
                ++i;
            const char quote = i < s.size() && (s[i] == '"' || s[i] == '\'') ? s[i] : '\0';
            const std::size_t valueStart = quote ? ++i : i;
            while (i < s.size() && (quote ? s[i] != quote : !isSpace(s[i])))
                ++i;
            value = decodeEntities(s.substr(valueStart, i - valueStart));
            i += (quote && i < s.size()) ? 1 : 0;
        }
        if (!name.empty())
            out.emplace_back(std::move(name), std::move(value));
    }
    return out;
}

// The end of a tag starting at `open` ('<'), quotes respected; npos when it never ends.
std::size_t tagEnd(std::string_view s, std::size_t open)
{
    char quote = '\0';
    for (std::size_t i = open + 1; i < s.size(); ++i) {
        if (quote) {
            quote = s[i] == quote ? '\0' : quote;
        } else if (s[i] == '"' || s[i] == '\'') {
            quote = s[i];
        } else if (s[i] == '>') {
            return i;
        }
    }
    return std::string_view::npos;
}

std::optional<Token> parseTag(std::string_view inside)
{
    Token t;
    t.kind = TokenKind::Open;
    if (!inside.empty() && inside[0] == '/') {
        t.kind = TokenKind::Close;
        inside.remove_prefix(1);
    } else if (!inside.empty() && inside.back() == '/') {
        t.kind = TokenKind::SelfClose;
        inside.remove_suffix(1);
    }
    if (inside.empty() || !isNameStart(inside[0]))
        return std::nullopt;
    std::size_t n = 1;
    while (n < inside.size() && isNameChar(inside[n]))
        ++n;
    if (n < inside.size() && !isSpace(inside[n]))
        return std::nullopt;
    t.name = std::string(inside.substr(0, n));
    if (t.kind != TokenKind::Close)
        t.attributes = parseAttributes(inside.substr(n));
    return t;
}

void addText(std::vector<Token> &tokens, std::string text)
{
    if (text.empty())
        return;
    if (!tokens.empty() && tokens.back().kind == TokenKind::Text) {
        tokens.back().text += text;
        return;
    }
    Token t;
    t.text = std::move(text);
    tokens.push_back(std::move(t));
}

// Handles "<!--…-->" and "<![CDATA[…]]>" at `i`; returns the position after them, or npos.
std::size_t skipSpecial(std::string_view s, std::size_t i, std::vector<Token> &tokens)
{
    if (s.substr(i, 4) == "<!--") {
        const auto end = s.find("-->", i + 4);
        return end == std::string_view::npos ? s.size() : end + 3;
    }
    if (s.substr(i, 9) == "<![CDATA[") {
        const auto end = s.find("]]>", i + 9);
        addText(tokens, std::string(s.substr(i + 9, (end == std::string_view::npos ? s.size() : end) - i - 9)));
        return end == std::string_view::npos ? s.size() : end + 3;
    }
    return std::string_view::npos;
}

std::vector<Token> tokenize(std::string_view s)
{
    std::vector<Token> tokens;
    std::size_t i = 0;
    while (i < s.size()) {
        const std::size_t lt = s.find('<', i);
        addText(tokens, decodeEntities(s.substr(i, lt == std::string_view::npos ? s.npos : lt - i)));
        if (lt == std::string_view::npos)
            break;
        if (const auto after = skipSpecial(s, lt, tokens); after != std::string_view::npos) {
            i = after;
            continue;
        }
        const std::size_t gt = tagEnd(s, lt);
        auto tag = gt == std::string_view::npos ? std::nullopt : parseTag(s.substr(lt + 1, gt - lt - 1));
        if (!tag) {   // a literal '<', not a tag
            addText(tokens, "<");
            i = lt + 1;
            continue;
        }
        tokens.push_back(std::move(*tag));
        i = gt + 1;
    }
    return tokens;
}

// The text inside the element opened at tokens[open], up to its matching close.
std::string innerText(const std::vector<Token> &tokens, std::size_t open)
{
    std::string text;
    int depth = 0;
    for (std::size_t i = open + 1; i < tokens.size(); ++i) {
        const Token &t = tokens[i];
        if (t.kind == TokenKind::Text)
            text += t.text;
        else if (t.kind == TokenKind::Open && equalsNoCase(t.name, tokens[open].name))
            ++depth;
        else if (t.kind == TokenKind::Close && equalsNoCase(t.name, tokens[open].name) && depth-- == 0)
            break;
    }
    return text;
}

} // namespace

std::string MarkupElement::attribute(std::string_view key) const
{
    for (const auto &[attr, value] : attributes) {
        if (equalsNoCase(attr, key))
            return value;
    }
    return {};
}

std::string decodeEntities(std::string_view text)
{
    std::string out;
    out.reserve(text.size());
    std::size_t i = 0;
    while (i < text.size()) {
        const std::size_t amp = text.find('&', i);
        out += text.substr(i, amp == std::string_view::npos ? text.npos : amp - i);
        if (amp == std::string_view::npos)
            break;
        const std::size_t semi = text.find(';', amp + 1);
        const auto value = (semi == std::string_view::npos || semi - amp > 12)
                               ? std::nullopt
                               : entityValue(text.substr(amp + 1, semi - amp - 1));
        if (!value) {
            out += '&';
            i = amp + 1;
            continue;
        }
        appendUtf8(out, *value);
        i = semi + 1;
    }
    return out;
}

std::string markupToText(std::string_view markup)
{
    std::string out;
    for (const Token &t : tokenize(markup)) {
        if (t.kind == TokenKind::Text)
            out += t.text;
    }
    return out;
}

std::vector<MarkupElement> findElements(std::string_view markup, std::string_view name)
{
    std::vector<MarkupElement> out;
    const auto tokens = tokenize(markup);
    for (std::size_t i = 0; i < tokens.size(); ++i) {
        const Token &t = tokens[i];
        if ((t.kind != TokenKind::Open && t.kind != TokenKind::SelfClose) || !equalsNoCase(t.name, name))
            continue;
        MarkupElement e;
        e.name = t.name;
        e.attributes = t.attributes;
        if (t.kind == TokenKind::Open)
            e.text = innerText(tokens, i);
        out.push_back(std::move(e));
    }
    return out;
}

} // namespace vigil::plugins::skype
