// SPDX-License-Identifier: GPL-3.0-or-later
// Reading Telegram's TL-serialised objects (the BLOBs of cache4.db) as far as their layout can
// be established without the app's full schema: every read is bounds-checked, and a field is
// only reported when a check against a plain column (the row's id or date) confirms where the
// object's fields are. Nothing here guesses text: a string that cannot be located is absent.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace vigil::plugins::telegram {

using Bytes = std::span<const unsigned char>;

// A TL string (or bytes) read at an offset: its content and the offset after its padding.
struct TlString {
    std::string_view bytes;
    std::size_t end = 0;
};

// Bounds-checked little-endian reads.
std::optional<std::uint32_t> readU32(Bytes data, std::size_t at);
std::optional<std::int64_t> readI64(Bytes data, std::size_t at);
// A TL string at `at`: length byte < 254, or 254 and a 3-byte length; zero padding to 4 bytes.
// nullopt when it runs past the end or the padding is not zero.
std::optional<TlString> readTlString(Bytes data, std::size_t at);
// Text fit to report: valid UTF-8, no NUL and no control characters other than tab and newlines.
bool isPlainText(std::string_view bytes);

enum class MessageKind {
    Message,        // a message whose text was located
    Service,        // a service message (joined, title changed, call…): no text of its own
    Empty,          // messageEmpty: the message is gone
    UnknownLayout,  // the layout could not be established; no text reported
};

struct DecodedMessage {
    MessageKind kind = MessageKind::UnknownLayout;
    std::string text;
    std::string senderKey;   // from_id when the layout was confirmed: "123" user, "-123" chat/channel
    std::string mediaType;   // "" none, "media", "location", "contact", "poll"
};

// Decodes a Message object. `mid` and `date` are the row's columns: the id field is found where
// it equals `mid`, the text is the TL string that follows the first 4-aligned int32 equal to `date`.
DecodedMessage decodeMessage(Bytes blob, std::int64_t mid, std::int64_t date);

struct DecodedUser {
    bool self = false;   // the "self" flag: this is the device owner's account
    std::string firstName, lastName, username, phone;
};

// Decodes a User object whose id field equals `uid` (as int64 after flags, after flags2, or as
// the int32 of older layers); nullopt when no layout matches.
std::optional<DecodedUser> decodeUser(Bytes blob, std::int64_t uid);

// The chat or channel title stored in `blob` that matches `searchName` (the lower-cased title the
// app keeps in chats.name) apart from case; nullopt when none matches.
std::optional<std::string> findTitle(Bytes blob, std::string_view searchName);

// ASCII lower-case.
std::string asciiLower(std::string_view text);

} // namespace vigil::plugins::telegram
