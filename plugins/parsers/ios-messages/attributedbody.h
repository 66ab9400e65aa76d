// SPDX-License-Identifier: GPL-3.0-or-later
// The plain text of message.attributedBody: an NSAttributedString archived by Apple's old
// "typedstream" serialiser. From iOS 16 / macOS 13 on, message.text is often NULL and the
// text lives only here.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace vigil::plugins::imessage {

// The string's characters as valid UTF-8, or nullopt when the blob is not a typedstream
// holding an NSString (junk, another archive format, a length running past the end).
std::optional<std::string> attributedBodyText(const std::vector<unsigned char> &blob);

} // namespace vigil::plugins::imessage
