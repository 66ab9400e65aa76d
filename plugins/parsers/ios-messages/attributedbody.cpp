// SPDX-License-Identifier: GPL-3.0-or-later
#include "plugins/parsers/ios-messages/attributedbody.h"

#include <algorithm>
#include <cstdint>
#include <string_view>

#include "core/util/utf8.h"

namespace vigil::plugins::imessage {

namespace {

// A typedstream starts with a length byte and the signature "streamtyped".
constexpr std::string_view kSignature = "streamtyped";
// The archived string's class; its characters follow a few type bytes and a '+'.
constexpr std::string_view kStringClass = "NSString";
constexpr char kBytesTag = '+';
// How far after the class name the '+' may sit (class version, reference and type bytes).
constexpr std::size_t kTagWindow = 12;
// typedstream integers: one signed byte, or a marker then 2 or 4 little-endian bytes.
constexpr unsigned char kInt16Marker = 0x81;
constexpr unsigned char kInt32Marker = 0x82;

std::optional<std::uint64_t> littleEndian(std::string_view data, std::size_t &pos, std::size_t bytes)
{
    if (data.size() - pos < bytes)
        return std::nullopt;
    std::uint64_t value = 0;
    for (std::size_t i = 0; i < bytes; ++i)
        value |= static_cast<std::uint64_t>(static_cast<unsigned char>(data[pos + i])) << (8 * i);
    pos += bytes;
    return value;
}

std::optional<std::uint64_t> readLength(std::string_view data, std::size_t &pos)
{
    if (pos >= data.size())
        return std::nullopt;
    const auto lead = static_cast<unsigned char>(data[pos++]);
    if (lead < 0x80)
        return lead;
    if (lead == kInt16Marker)
        return littleEndian(data, pos, 2);
    if (lead == kInt32Marker)
        return littleEndian(data, pos, 4);
    return std::nullopt;
}

} // namespace

std::optional<std::string> attributedBodyText(const std::vector<unsigned char> &blob)
{
    const std::string_view data(reinterpret_cast<const char *>(blob.data()), blob.size());
    if (data.substr(0, 16).find(kSignature) == std::string_view::npos)
        return std::nullopt;
    const std::size_t cls = data.find(kStringClass);
    if (cls == std::string_view::npos)
        return std::nullopt;
    std::size_t pos = cls + kStringClass.size();
    const std::size_t end = std::min(data.size(), pos + kTagWindow);
    while (pos < end && data[pos] != kBytesTag)
        ++pos;
    if (pos >= end)
        return std::nullopt;
    ++pos;
    const auto length = readLength(data, pos);
    if (!length || *length > data.size() - pos)
        return std::nullopt;
    return sanitizeUtf8(data.substr(pos, static_cast<std::size_t>(*length)));
}

} // namespace vigil::plugins::imessage
