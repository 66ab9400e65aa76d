// SPDX-License-Identifier: GPL-3.0-or-later
// Internal: binary digests and the hex and text helpers the readers share.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace vigil::media::detail {

using Md5 = std::array<std::uint8_t, 16>;
using Sha1 = std::array<std::uint8_t, 20>;

// Exactly 2 × out.size() hex digits (either case) → true and the bytes in `out`.
bool parseHex(std::string_view hex, std::span<std::uint8_t> out);

std::optional<Md5> parseMd5(std::string_view hex);
std::optional<Sha1> parseSha1(std::string_view hex);

// Space, tab, CR, LF, VT and FF removed from both ends.
std::string_view trimAscii(std::string_view text);

bool equalsIgnoreCase(std::string_view a, std::string_view b);
std::string lowerAscii(std::string_view text);

// Text from a file for a message: at most `max` bytes, non-printable bytes as '?'.
std::string quoteForMessage(std::string_view text, std::size_t max = 48);

// Why a token is not an MD5/SHA-1 ("is 64 hex digits (SHA-256?), ...").
std::string describeBadHash(std::string_view token);

} // namespace vigil::media::detail
