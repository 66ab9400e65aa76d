// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace vigil {

// Length of the UTF-8 sequence a lead byte starts: 1 for ASCII, 2–4, or 0 when the byte
// cannot start a sequence (continuation bytes, overlong leads C0/C1, F5–FF).
constexpr std::size_t utf8SequenceLength(unsigned char lead)
{
    if (lead < 0x80)
        return 1;
    if (lead >= 0xC2 && lead <= 0xDF)
        return 2;
    if (lead >= 0xE0 && lead <= 0xEF)
        return 3;
    if (lead >= 0xF0 && lead <= 0xF4)
        return 4;
    return 0;
}

// Valid UTF-8 for storage and display: every byte that does not start a complete, valid
// sequence becomes U+FFFD, and so does NUL (binary junk in a text column stays visible).
std::string sanitizeUtf8(std::string_view bytes);

// True when the bytes are valid UTF-8 without NUL.
bool isCleanUtf8(std::string_view bytes);

// Appends one code point as UTF-8; NUL, surrogates and values past U+10FFFF become U+FFFD.
void appendUtf8(std::string &out, char32_t codePoint);

} // namespace vigil
