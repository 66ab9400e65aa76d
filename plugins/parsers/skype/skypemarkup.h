// SPDX-License-Identifier: GPL-3.0-or-later
// Skype's message markup (Messages.body_xml): an XML-like mix of text, HTML links, emoticon
// tags, quotes and structured payloads (<sms>, <files>, <partlist>, <contacts>, <URIObject>).
// A small tolerant reader: it never fails, whatever the bytes.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace vigil::plugins::skype {

// One element of the markup with its attributes (entities decoded) and the plain text
// inside it (tags removed, entities decoded).
struct MarkupElement {
    std::string name;   // as written ("URIObject", "file")
    std::vector<std::pair<std::string, std::string>> attributes;
    std::string text;

    // The value of attribute `key` (ASCII case-insensitive), "" when absent.
    std::string attribute(std::string_view key) const;
};

// The text a reader sees: tags removed, entities (&amp; &apos; &#39; &#x1F600; …) decoded.
std::string markupToText(std::string_view markup);

// Every element named `name` (ASCII case-insensitive), in document order.
std::vector<MarkupElement> findElements(std::string_view markup, std::string_view name);

// Decodes XML/HTML character entities; unknown ones are kept as written.
std::string decodeEntities(std::string_view text);

} // namespace vigil::plugins::skype
