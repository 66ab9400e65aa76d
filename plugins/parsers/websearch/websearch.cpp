// SPDX-License-Identifier: GPL-3.0-or-later
#include "plugins/parsers/websearch/websearch.h"
#include "core/util/hex.h"

#include <array>
#include <cctype>
#include <vector>

#include "core/util/utf8.h"

namespace vigil::plugins {

namespace {

// A search engine's result pages: the host (its brand label before the public suffix, e.g.
// "google" in www.google.co.uk), the paths of result pages and the parameter holding the terms.
struct Engine {
    std::string_view name;
    std::string_view brand;
    std::string_view subdomain;      // a label required right before the brand ("search"), "" = any
    std::string_view paths;          // space-separated; a trailing '*' matches a prefix
    std::string_view params;         // space-separated, in order of preference
    bool fragmentFirst = false;      // the newest query may sit in the fragment ("#q=…")
};

constexpr std::array kEngines{
    Engine{"Google", "google", "", "/ /search /webhp /m /m/search /images /imghp", "q", true},
    Engine{"Bing", "bing", "", "/search /images/search /videos/search /news/search", "q"},
    Engine{"DuckDuckGo", "duckduckgo", "", "/ /html* /lite*", "q"},
    Engine{"Yahoo", "yahoo", "search", "/search* /yhs/search*", "p q"},
    Engine{"Yandex", "yandex", "", "/search* /images/search* /video/search* /yandsearch*", "text"},
    Engine{"Yandex", "ya", "", "/search* /images/search* /video/search*", "text"},
    Engine{"Baidu", "baidu", "", "/s /baidu", "wd word"},
    Engine{"YouTube", "youtube", "", "/results", "search_query q"},
    Engine{"Ecosia", "ecosia", "", "/search /images /news /videos", "q"},
    Engine{"Startpage", "startpage", "", "/do/search /sp/search /do/dsearch /do/asearch /rvd/search", "query q"},
    Engine{"Qwant", "qwant", "", "/", "q"},
    Engine{"Brave Search", "brave", "search", "/search /images /news /videos", "q"},
    Engine{"Ask", "ask", "", "/web", "q"},
    Engine{"AOL", "aol", "search", "/aol/search /search", "q"},
    Engine{"Naver", "naver", "search", "/search.naver", "query"},
    Engine{"Seznam", "seznam", "search", "/", "q"},
    Engine{"Sogou", "sogou", "", "/web /sogou", "query"},
};

// Second-level labels under which country domains register names: google.co.uk, yandex.com.tr.
constexpr std::array<std::string_view, 6> kSecondLevels{"co", "com", "org", "net", "ac", "or"};

struct UrlParts {
    std::string host;
    std::string_view path, query, fragment;
};

std::string lowerAscii(std::string_view text)
{
    std::string out(text);
    for (char &c : out)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

std::vector<std::string_view> split(std::string_view text, char separator)
{
    std::vector<std::string_view> parts;
    for (std::size_t start = 0;;) {
        const std::size_t end = text.find(separator, start);
        parts.push_back(text.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start));
        if (end == std::string_view::npos)
            return parts;
        start = end + 1;
    }
}

std::string_view cutAt(std::string_view &rest, char separator)
{
    const std::size_t at = rest.find(separator);
    const std::string_view head = rest.substr(0, at);
    rest = at == std::string_view::npos ? std::string_view() : rest.substr(at + 1);
    return head;
}

std::string hostOfAuthority(std::string_view authority)
{
    if (const std::size_t at = authority.rfind('@'); at != std::string_view::npos)
        authority.remove_prefix(at + 1);
    if (!authority.empty() && authority.front() == '[')   // IPv6 literal: keep as it is
        return lowerAscii(authority.substr(0, authority.find(']') + 1));
    return lowerAscii(authority.substr(0, authority.find(':')));
}

std::optional<UrlParts> splitUrl(std::string_view url)
{
    const std::size_t schemeEnd = url.find("://");
    if (schemeEnd == std::string_view::npos)
        return std::nullopt;
    const std::string scheme = lowerAscii(url.substr(0, schemeEnd));
    if (scheme != "http" && scheme != "https")
        return std::nullopt;
    std::string_view rest = url.substr(schemeEnd + 3);
    UrlParts parts;
    const std::size_t authorityEnd = rest.find_first_of("/?#");
    parts.host = hostOfAuthority(rest.substr(0, authorityEnd));
    rest = authorityEnd == std::string_view::npos ? std::string_view() : rest.substr(authorityEnd);
    const std::size_t hash = rest.find('#');
    parts.fragment = hash == std::string_view::npos ? std::string_view() : rest.substr(hash + 1);
    rest = rest.substr(0, hash);
    const std::size_t question = rest.find('?');
    parts.query = question == std::string_view::npos ? std::string_view() : rest.substr(question + 1);
    parts.path = rest.substr(0, question);
    return parts;
}

bool isSecondLevel(std::string_view label)
{
    for (const auto level : kSecondLevels) {
        if (label == level)
            return true;
    }
    return false;
}

bool hostMatches(const Engine &engine, std::string_view host)
{
    const auto labels = split(host, '.');
    const std::size_t n = labels.size();
    for (std::size_t suffix : {std::size_t{1}, std::size_t{2}}) {
        if (n < suffix + 1 || labels[n - suffix - 1] != engine.brand)
            continue;
        if (suffix == 2 && !isSecondLevel(labels[n - 2]))
            continue;
        const std::size_t brandAt = n - suffix - 1;
        if (engine.subdomain.empty() || (brandAt > 0 && labels[brandAt - 1] == engine.subdomain))
            return true;
    }
    return false;
}

bool pathMatches(const Engine &engine, std::string_view path)
{
    if (path.empty())
        path = "/";
    for (const auto pattern : split(engine.paths, ' ')) {
        if (!pattern.empty() && pattern.back() == '*') {
            if (path.starts_with(pattern.substr(0, pattern.size() - 1)))
                return true;
        } else if (path == pattern) {
            return true;
        }
    }
    return false;
}

std::string trimmed(std::string text)
{
    const auto isSpace = [](char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; };
    std::size_t begin = 0, end = text.size();
    while (begin < end && isSpace(text[begin]))
        ++begin;
    while (end > begin && isSpace(text[end - 1]))
        --end;
    return text.substr(begin, end - begin);
}

// The first non-empty value of parameter `name` in a query string ("a=1&q=cats").
std::string parameter(std::string_view query, std::string_view name)
{
    if (query.empty())
        return {};
    for (std::string_view pair : split(query, '&')) {
        const std::string_view key = cutAt(pair, '=');
        if (decodeQueryComponent(key) != name)
            continue;
        std::string value = trimmed(decodeQueryComponent(pair));
        if (!value.empty())
            return value;
    }
    return {};
}

std::string termsFor(const Engine &engine, const UrlParts &parts)
{
    for (const auto name : split(engine.params, ' ')) {
        if (engine.fragmentFirst) {
            if (std::string terms = parameter(parts.fragment, name); !terms.empty())
                return terms;
        }
        if (std::string terms = parameter(parts.query, name); !terms.empty())
            return terms;
    }
    return {};
}

} // namespace

std::string decodeQueryComponent(std::string_view text)
{
    std::string bytes;
    bytes.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '+') {
            bytes += ' ';
        } else if (c == '%' && i + 2 < text.size() && hexDigitValue(text[i + 1]) >= 0 && hexDigitValue(text[i + 2]) >= 0) {
            bytes += static_cast<char>(hexDigitValue(text[i + 1]) * 16 + hexDigitValue(text[i + 2]));
            i += 2;
        } else {
            bytes += c;
        }
    }
    return sanitizeUtf8(bytes);
}

std::string urlHost(std::string_view url)
{
    const auto parts = splitUrl(url);
    if (parts)
        return parts->host;
    const std::size_t schemeEnd = url.find("://");
    if (schemeEnd == std::string_view::npos)
        return {};
    const std::string_view rest = url.substr(schemeEnd + 3);
    return hostOfAuthority(rest.substr(0, rest.find_first_of("/?#")));
}

std::optional<WebSearchQuery> searchFromUrl(std::string_view url)
{
    const auto parts = splitUrl(url);
    if (!parts || parts->host.empty())
        return std::nullopt;
    for (const Engine &engine : kEngines) {
        if (!hostMatches(engine, parts->host) || !pathMatches(engine, parts->path))
            continue;
        std::string terms = termsFor(engine, *parts);
        if (terms.empty())
            return std::nullopt;
        return WebSearchQuery{std::string(engine.name), std::move(terms)};
    }
    return std::nullopt;
}

} // namespace vigil::plugins
