// SPDX-License-Identifier: GPL-3.0-or-later
// Web searches recovered from the URLs of search-engine result pages, for the browser-history
// parsers: "https://www.google.com/search?q=swim+club" is a Google search for "swim club".
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace vigil::plugins {

struct WebSearchQuery {
    std::string engine;   // for people: "Google", "Bing", "DuckDuckGo", …
    std::string terms;    // decoded, trimmed, valid UTF-8; never empty
};

// The search a result-page URL records, or nullopt when the URL is not one of a known engine
// (host, path and query parameter must all match) or carries no terms.
std::optional<WebSearchQuery> searchFromUrl(std::string_view url);

// Decodes a query-string component: "%XX" escapes and '+' as a space. A '%' not followed by
// two hex digits is kept as it is; bytes that are not valid UTF-8 become U+FFFD.
std::string decodeQueryComponent(std::string_view text);

// The host of an absolute URL, lower-cased, without user info and port; "" when there is none.
std::string urlHost(std::string_view url);

} // namespace vigil::plugins
