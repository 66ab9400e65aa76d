// SPDX-License-Identifier: GPL-3.0-or-later
#include "plugins/parsers/snapchat/pbwalk.h"

#include <algorithm>
#include <string_view>

#include "core/util/utf8.h"

namespace vigil::plugins::snapchat {

namespace {

// More fields than any real message content holds; a bound on the work per level.
constexpr std::size_t kMaxFields = 4096;

std::optional<std::uint64_t> readVarint(Bytes data, std::size_t &at)
{
    std::uint64_t value = 0;
    for (int shift = 0; shift < 64; shift += 7) {
        if (at >= data.size())
            return std::nullopt;
        const unsigned char b = data[at++];
        value |= std::uint64_t(b & 0x7f) << shift;
        if (!(b & 0x80))
            return value;
    }
    return std::nullopt;   // more than 10 bytes
}

std::optional<std::uint64_t> readFixed(Bytes data, std::size_t &at, std::size_t width)
{
    if (data.size() - at < width)
        return std::nullopt;
    std::uint64_t value = 0;
    for (std::size_t i = 0; i < width; ++i)
        value |= std::uint64_t(data[at + i]) << (8 * i);
    at += width;
    return value;
}

// One field at `at`, advancing past it; nullopt when malformed.
std::optional<PbField> readField(Bytes data, std::size_t &at)
{
    const auto tag = readVarint(data, at);
    if (!tag || (*tag >> 3) == 0 || (*tag >> 3) > 0x1fffffff)
        return std::nullopt;
    PbField f;
    f.number = static_cast<std::uint32_t>(*tag >> 3);
    f.wireType = static_cast<std::uint8_t>(*tag & 7);
    std::optional<std::uint64_t> value;
    switch (f.wireType) {
    case 0: value = readVarint(data, at); break;
    case 1: value = readFixed(data, at, 8); break;
    case 5: value = readFixed(data, at, 4); break;
    case 2: {
        const auto length = readVarint(data, at);
        if (!length || *length > data.size() - at)
            return std::nullopt;
        f.bytes = data.subspan(at, static_cast<std::size_t>(*length));
        at += static_cast<std::size_t>(*length);
        return f;
    }
    default: return std::nullopt;   // groups (3, 4) and reserved types
    }
    if (!value)
        return std::nullopt;
    f.value = *value;
    return f;
}

bool isUuid(std::string_view s)
{
    if (s.size() != 36)
        return false;
    for (std::size_t i = 0; i < s.size(); ++i) {
        const bool dash = i == 8 || i == 13 || i == 18 || i == 23;
        const char c = s[i];
        const bool hex = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
        if (dash ? c != '-' : !hex)
            return false;
    }
    return true;
}

std::string_view asText(Bytes bytes)
{
    return std::string_view(reinterpret_cast<const char *>(bytes.data()), bytes.size());
}

// Collects printable strings under `data` into `out`; true when `data` is a message that holds
// at least one.
bool collectStrings(Bytes data, int depth, std::vector<std::string_view> &out)
{
    if (depth >= kMaxDepth)
        return false;
    const auto fields = parseMessage(data);
    if (!fields)
        return false;
    bool found = false;
    for (const auto &f : *fields) {
        if (f.wireType != 2 || f.bytes.empty())
            continue;
        if (collectStrings(f.bytes, depth + 1, out)) {
            found = true;   // a nested message: its strings were collected, not its bytes
            continue;
        }
        const std::string_view text = asText(f.bytes);
        const bool blank = text.find_first_not_of(" \t\r\n") == std::string_view::npos;
        if (isPrintableText(f.bytes) && !blank && !isUuid(text)) {
            out.push_back(text);
            found = true;
        }
    }
    return found;
}

} // namespace

std::optional<std::vector<PbField>> parseMessage(Bytes data)
{
    std::vector<PbField> fields;
    std::size_t at = 0;
    while (at < data.size()) {
        if (fields.size() >= kMaxFields)
            return std::nullopt;
        auto f = readField(data, at);
        if (!f)
            return std::nullopt;
        fields.push_back(*f);
    }
    return fields;
}

std::optional<Bytes> findPath(Bytes data, std::span<const std::uint32_t> path)
{
    if (path.empty() || static_cast<int>(path.size()) > kMaxDepth)
        return std::nullopt;
    Bytes current = data;
    for (const std::uint32_t number : path) {
        const auto fields = parseMessage(current);
        if (!fields)
            return std::nullopt;
        const auto it = std::find_if(fields->begin(), fields->end(),
                                     [number](const PbField &f) { return f.number == number && f.wireType == 2; });
        if (it == fields->end())
            return std::nullopt;
        current = it->bytes;
    }
    return current;
}

bool isPrintableText(Bytes bytes)
{
    const std::string_view text = asText(bytes);
    if (text.empty() || !isCleanUtf8(text))
        return false;
    const auto control = [](char c) {
        const auto u = static_cast<unsigned char>(c);
        return u < 0x20 || u == 0x7f;
    };
    if (control(text.front()))
        return false;
    return std::none_of(text.begin(), text.end(), [&](char c) { return control(c) && c != '\t' && c != '\n' && c != '\r'; });
}

std::optional<std::string> longestText(Bytes data)
{
    std::vector<std::string_view> strings;
    collectStrings(data, 0, strings);
    if (strings.empty())
        return std::nullopt;
    const auto longest = std::max_element(strings.begin(), strings.end(),
                                          [](std::string_view a, std::string_view b) { return a.size() < b.size(); });
    return std::string(*longest);
}

} // namespace vigil::plugins::snapchat
