// SPDX-License-Identifier: GPL-3.0-or-later
// Hex digits: the value of one, and hex text to bytes.
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <string_view>

namespace vigil {

namespace detail {
inline constexpr std::array<std::int8_t, 256> kHexDigitValues = [] {
    std::array<std::int8_t, 256> t{};
    t.fill(-1);
    for (int c = 0; c < 10; ++c)
        t['0' + c] = static_cast<std::int8_t>(c);
    for (int c = 0; c < 6; ++c) {
        t['a' + c] = static_cast<std::int8_t>(10 + c);
        t['A' + c] = static_cast<std::int8_t>(10 + c);
    }
    return t;
}();
} // namespace detail

// 0..15 for a hex digit (either case), -1 for anything else.
constexpr int hexDigitValue(char c)
{
    return detail::kHexDigitValues[static_cast<unsigned char>(c)];
}

// Exactly 2 × out.size() hex digits → true and the bytes in `out`; false otherwise (then
// `out` holds garbage). Branch-free per byte: hash-set imports parse tens of millions.
constexpr bool parseHexBytes(std::string_view hex, std::span<std::uint8_t> out)
{
    if (hex.size() != 2 * out.size())
        return false;
    int bad = 0;
    for (std::size_t i = 0; i < out.size(); ++i) {
        const int hi = hexDigitValue(hex[2 * i]), lo = hexDigitValue(hex[2 * i + 1]);
        bad |= hi | lo;   // negative when either is not a digit
        out[i] = static_cast<std::uint8_t>((hi << 4) | (lo & 15));
    }
    return bad >= 0;
}

} // namespace vigil
