// SPDX-License-Identifier: GPL-3.0-or-later
#include "plugins/parsers/telegram/tlblob.h"

#include <algorithm>
#include <array>

#include "core/util/utf8.h"

namespace vigil::plugins::telegram {

namespace {

// Constructor ids from the published TL schema (api layers 100–200).
constexpr std::array<std::uint32_t, 6> kServiceCtors = {
    0x7a800e0au, 0xd3d28540u, 0x2b085862u, 0x286fa604u, 0x9e19a1f6u, 0xc06b9607u};
constexpr std::array<std::uint32_t, 2> kEmptyCtors = {0x90a6ca84u, 0x83e5de54u};

constexpr std::uint32_t kPeerUser = 0x59511722u;      // user_id:long (layer 133+)
constexpr std::uint32_t kPeerUserOld = 0x9db1bc6du;   // user_id:int
constexpr std::uint32_t kPeerChat = 0x36c6019au;
constexpr std::uint32_t kPeerChatOld = 0xbad0e5bbu;
constexpr std::uint32_t kPeerChannel = 0xa2a5371eu;
constexpr std::uint32_t kPeerChannelOld = 0xbddde532u;

constexpr std::uint32_t kFlagFromId = 1u << 8;
constexpr std::uint32_t kFlagMedia = 1u << 9;
constexpr std::uint32_t kUserFlagSelf = 1u << 10;

// The longest object we search; anything longer is cut (a message blob is a few KiB).
constexpr std::size_t kMaxScan = 1u << 20;

template <std::size_t N>
bool contains(const std::array<std::uint32_t, N> &set, std::uint32_t value)
{
    return std::find(set.begin(), set.end(), value) != set.end();
}

std::optional<std::int32_t> readI32(Bytes data, std::size_t at)
{
    const auto v = readU32(data, at);
    if (!v)
        return std::nullopt;
    return static_cast<std::int32_t>(*v);
}

// The Peer object at `at` as a sender key ("123" user, "-123" chat or channel).
std::optional<std::string> peerKey(Bytes data, std::size_t at)
{
    const auto ctor = readU32(data, at);
    if (!ctor)
        return std::nullopt;
    const bool longId = *ctor == kPeerUser || *ctor == kPeerChat || *ctor == kPeerChannel;
    const bool intId = *ctor == kPeerUserOld || *ctor == kPeerChatOld || *ctor == kPeerChannelOld;
    if (!longId && !intId)
        return std::nullopt;
    std::int64_t id = 0;
    if (longId) {
        const auto v = readI64(data, at + 4);
        id = v.value_or(0);
    } else {
        const auto v = readI32(data, at + 4);
        id = v.value_or(0);
    }
    if (id <= 0)
        return std::nullopt;
    const bool user = *ctor == kPeerUser || *ctor == kPeerUserOld;
    return (user ? "" : "-") + std::to_string(id);
}

bool isPeerCtor(std::optional<std::uint32_t> ctor)
{
    return ctor && (*ctor == kPeerUser || *ctor == kPeerUserOld || *ctor == kPeerChat || *ctor == kPeerChatOld
                    || *ctor == kPeerChannel || *ctor == kPeerChannelOld);
}

// Where the id field sits: after flags (8) or after flags and flags2 (12); it must equal `mid`.
std::optional<std::size_t> idOffset(Bytes blob, std::int64_t mid)
{
    const auto wanted = static_cast<std::int32_t>(mid);   // old channel mids carry the channel id above bit 32
    for (std::size_t at : {std::size_t(8), std::size_t(12)}) {
        if (readI32(blob, at) == wanted)
            return at;
    }
    return std::nullopt;
}

// from_id follows the id when flags.8 is set: a Peer (layer 119+) or, before, a plain int that
// is itself followed by the to_id Peer.
std::string senderOf(Bytes blob, std::size_t idAt, std::uint32_t flags)
{
    if (!(flags & kFlagFromId))
        return {};
    const std::size_t at = idAt + 4;
    if (auto key = peerKey(blob, at))
        return *key;
    const auto fromId = readI32(blob, at);
    if (fromId && *fromId > 0 && isPeerCtor(readU32(blob, at + 4)))
        return std::to_string(*fromId);
    return {};
}

std::string mediaTypeOf(std::optional<std::uint32_t> ctor)
{
    if (!ctor || *ctor == 0x3ded6320u)   // messageMediaEmpty
        return {};
    switch (*ctor) {
    case 0x56e0d474u:   // messageMediaGeo
    case 0x2ec0533fu:   // messageMediaVenue
    case 0xb940c666u:   // messageMediaGeoLive
    case 0x7c3c2609u:
        return "location";
    case 0x70322949u:   // messageMediaContact
    case 0xcbf24940u:
        return "contact";
    case 0x4bd6e798u:   // messageMediaPoll
        return "poll";
    default:
        return "media";
    }
}

// The text after the first 4-aligned int32 equal to the message date.
std::optional<TlString> textAfterDate(Bytes blob, std::int64_t date)
{
    if (date <= 0 || date > INT32_MAX)
        return std::nullopt;
    const auto wanted = static_cast<std::uint32_t>(date);
    const std::size_t limit = std::min(blob.size(), kMaxScan);
    for (std::size_t at = 8; at + 4 <= limit; at += 4) {
        if (readU32(blob, at) != wanted)
            continue;
        auto text = readTlString(blob, at + 4);
        if (text && isPlainText(text->bytes))
            return text;
    }
    return std::nullopt;
}

} // namespace

std::optional<std::uint32_t> readU32(Bytes data, std::size_t at)
{
    if (at > data.size() || data.size() - at < 4)
        return std::nullopt;
    return std::uint32_t(data[at]) | std::uint32_t(data[at + 1]) << 8 | std::uint32_t(data[at + 2]) << 16
         | std::uint32_t(data[at + 3]) << 24;
}

std::optional<std::int64_t> readI64(Bytes data, std::size_t at)
{
    const auto low = readU32(data, at);
    const auto high = readU32(data, at + 4);
    if (!low || !high)
        return std::nullopt;
    return static_cast<std::int64_t>(std::uint64_t(*high) << 32 | *low);
}

std::optional<TlString> readTlString(Bytes data, std::size_t at)
{
    if (at >= data.size())
        return std::nullopt;
    std::size_t length = data[at];
    std::size_t header = 1;
    if (length == 254) {
        if (data.size() - at < 4)
            return std::nullopt;
        length = std::size_t(data[at + 1]) | std::size_t(data[at + 2]) << 8 | std::size_t(data[at + 3]) << 16;
        header = 4;
    } else if (length == 255) {
        return std::nullopt;
    }
    const std::size_t padded = (header + length + 3) / 4 * 4;
    if (data.size() - at < padded)
        return std::nullopt;
    for (std::size_t i = header + length; i < padded; ++i) {
        if (data[at + i] != 0)
            return std::nullopt;
    }
    const auto *begin = reinterpret_cast<const char *>(data.data() + at + header);
    return TlString{std::string_view(begin, length), at + padded};
}

bool isPlainText(std::string_view bytes)
{
    if (!isCleanUtf8(bytes))
        return false;
    return std::none_of(bytes.begin(), bytes.end(), [](char c) {
        const auto u = static_cast<unsigned char>(c);
        return (u < 0x20 && c != '\t' && c != '\n' && c != '\r') || u == 0x7f;
    });
}

DecodedMessage decodeMessage(Bytes blob, std::int64_t mid, std::int64_t date)
{
    DecodedMessage out;
    const auto ctor = readU32(blob, 0);
    if (!ctor)
        return out;
    if (contains(kEmptyCtors, *ctor)) {
        out.kind = MessageKind::Empty;
        return out;
    }
    // message and messageService share the head: flags, [flags2,] id, from_id (flags.8).
    const std::uint32_t flags = readU32(blob, 4).value_or(0);
    if (const auto idAt = idOffset(blob, mid))
        out.senderKey = senderOf(blob, *idAt, flags);
    if (contains(kServiceCtors, *ctor)) {
        out.kind = MessageKind::Service;
        return out;
    }
    const auto text = textAfterDate(blob, date);
    if (!text)
        return out;
    out.kind = MessageKind::Message;
    out.text = std::string(text->bytes);
    if (flags & kFlagMedia)
        out.mediaType = mediaTypeOf(readU32(blob, text->end));
    return out;
}

std::optional<DecodedUser> decodeUser(Bytes blob, std::int64_t uid)
{
    const auto flags = readU32(blob, 4);
    if (!flags || uid <= 0)
        return std::nullopt;
    std::optional<std::size_t> next;
    if (readI64(blob, 8) == uid)
        next = 16;   // flags, id:long
    else if (readI64(blob, 12) == uid)
        next = 20;   // flags, flags2, id:long
    else if (uid <= INT32_MAX && readI32(blob, 8) == static_cast<std::int32_t>(uid))
        next = 12;   // flags, id:int (before layer 133)
    if (!next)
        return std::nullopt;
    std::size_t at = *next + ((*flags & 1u) ? 8 : 0);   // access_hash
    DecodedUser user;
    const std::array<std::string *, 4> fields = {&user.firstName, &user.lastName, &user.username, &user.phone};
    for (std::size_t bit = 1; bit <= 4; ++bit) {
        if (!(*flags & (1u << bit)))
            continue;
        const auto s = readTlString(blob, at);
        if (!s || !isPlainText(s->bytes))
            return std::nullopt;
        *fields[bit - 1] = std::string(s->bytes);
        at = s->end;
    }
    user.self = (*flags & kUserFlagSelf) != 0;
    return user;
}

std::optional<std::string> findTitle(Bytes blob, std::string_view searchName)
{
    if (searchName.empty())
        return std::nullopt;
    const std::string wanted = asciiLower(searchName);
    const std::size_t limit = std::min(blob.size(), kMaxScan);
    for (std::size_t at = 4; at < limit; at += 4) {
        const auto s = readTlString(blob, at);
        if (s && s->bytes.size() == wanted.size() && asciiLower(s->bytes) == wanted && isPlainText(s->bytes))
            return std::string(s->bytes);
    }
    return std::nullopt;
}

std::string asciiLower(std::string_view text)
{
    std::string out(text);
    std::transform(out.begin(), out.end(), out.begin(),
                   [](char c) { return (c >= 'A' && c <= 'Z') ? char(c - 'A' + 'a') : c; });
    return out;
}

} // namespace vigil::plugins::telegram
