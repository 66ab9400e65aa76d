// SPDX-License-Identifier: GPL-3.0-or-later
// What the WhatsApp parsers (Android msgstore.db / wa.db, iOS ChatStorage / ContactsV2) share:
// JID handling, a few text helpers, and accounts and conversations emitted once each, before
// the messages and calls that refer to them.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/model/communication.h"
#include "plugins/api/recordemitter.h"

namespace vigil::plugins::whatsapp {

inline constexpr const char *kApp = "whatsapp";
inline constexpr const char *kAppName = "WhatsApp";

// What normalizeJid does with a bare number (no "@server"). Android keeps it as it is; iOS's
// ContactsV2 stores some user JIDs that way, so the iOS parser makes them user JIDs.
enum class BareNumber { Keep, AsUserJid };

// "447700900123.0:3@s.whatsapp.net" (a device JID) -> "447700900123@s.whatsapp.net": the account,
// not one of its devices. A bare number follows `bare`; other JIDs come back unchanged.
std::string normalizeJid(std::string_view jid, BareNumber bare = BareNumber::Keep);
// "+447700900123" for a user JID on s.whatsapp.net, "" otherwise (groups, LIDs, broadcasts).
std::string phoneOfJid(std::string_view jid);
bool isGroupJid(std::string_view jid);
// Groups, broadcast lists and status updates ("…@g.us", "…@broadcast"): chats whose messages
// come from several people, so the sender is stored per message.
bool isSharedJid(std::string_view jid);

// The last path component ("Media/WhatsApp Images/IMG-1.jpg" -> "IMG-1.jpg").
std::string baseName(std::string_view path);
// "Location: 51.5, -0.1" (shortest exact decimal form of each coordinate).
std::string locationText(double latitude, double longitude);
// A from_me / ZISFROMME value: 1 outgoing, another number incoming, NULL unknown.
model::Direction directionOf(std::optional<std::int64_t> fromMe);

// The device owner's account (key "").
void addOwner(RecordEmitter &out, const std::string &displayName = {}, model::RecordOrigin origin = {});
// An account for `jid` (already normalised), once; an empty JID (the owner) is skipped. The
// phone comes from the JID, else from `phone`.
void addAccount(RecordEmitter &out, const std::string &jid, const model::RecordOrigin &origin,
                const std::string &displayName = {}, const std::string &phone = {});
// The conversation, with its participants' accounts before it, unless one with its key exists.
void addConversation(RecordEmitter &out, model::ConversationRecord c);
// The conversation a message or call belongs to; made from the chat JID when the chat row is
// missing, so nothing is dropped. `fallbackKey` is used when the JID is empty too.
std::string conversationFor(RecordEmitter &out, const std::string &jid, const std::string &fallbackKey,
                            const model::RecordOrigin &origin);

} // namespace vigil::plugins::whatsapp
