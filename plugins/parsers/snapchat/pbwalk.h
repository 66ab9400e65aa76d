// SPDX-License-Identifier: GPL-3.0-or-later
// A small, bounded reader of the protobuf wire format (varint, fixed64, length-delimited,
// fixed32), for the serialised message content Snapchat keeps in arroyo.db. It never reads past
// the bytes it is given, stops at a recursion depth limit, and treats anything malformed (a
// truncated varint, a length beyond the end, a group or unknown wire type, field number 0) as
// "not a message" rather than guessing.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace vigil::plugins::snapchat {

using Bytes = std::span<const unsigned char>;

struct PbField {
    std::uint32_t number = 0;
    std::uint8_t wireType = 0;   // 0 varint, 1 fixed64, 2 length-delimited, 5 fixed32
    std::uint64_t value = 0;     // varint and fixed values
    Bytes bytes;                 // length-delimited content (a view into the input)
};

inline constexpr int kMaxDepth = 16;

// The fields of one message level, in order; nullopt unless the bytes are exactly a sequence of
// well-formed fields.
std::optional<std::vector<PbField>> parseMessage(Bytes data);

// The content of the first length-delimited field along `path` (each step a field number of the
// message the previous step's bytes hold); nullopt when any step is missing or malformed.
std::optional<Bytes> findPath(Bytes data, std::span<const std::uint32_t> path);

// Text fit to report: valid UTF-8, no NUL, no control characters but tab and newlines, and not
// starting with a control character.
bool isPrintableText(Bytes bytes);

// The longest printable string held in any length-delimited field, at any depth up to
// kMaxDepth. A field whose bytes are themselves a message holding strings counts as that
// message, not as a string. Identifiers shaped like UUIDs are skipped. nullopt when none.
std::optional<std::string> longestText(Bytes data);

} // namespace vigil::plugins::snapchat
