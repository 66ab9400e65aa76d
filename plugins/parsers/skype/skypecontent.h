// SPDX-License-Identifier: GPL-3.0-or-later
// What Skype's codes and message bodies mean: message types and statuses, transfer statuses,
// and the structured bodies of shared media, contacts and call events.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/model/communication.h"

namespace vigil::plugins::skype {

// Messages.type, the codes Skype has used since version 5 (SkypeKit's message types).
inline constexpr std::int64_t kAddedMembers = 10;
inline constexpr std::int64_t kRemovedMembers = 12;
inline constexpr std::int64_t kLeft = 13;
inline constexpr std::int64_t kCallStarted = 30;
inline constexpr std::int64_t kCallEnded = 39;
inline constexpr std::int64_t kAuthRequested = 50;
inline constexpr std::int64_t kAuthGranted = 51;
inline constexpr std::int64_t kBlocked = 53;
inline constexpr std::int64_t kEmote = 60;
inline constexpr std::int64_t kText = 61;
inline constexpr std::int64_t kContacts = 63;
inline constexpr std::int64_t kSms = 64;
inline constexpr std::int64_t kVoiceMessage = 67;
inline constexpr std::int64_t kFiles = 68;
inline constexpr std::int64_t kBirthday = 110;
inline constexpr std::int64_t kSharedMedia = 201;   // <URIObject>: a photo or file shared through the cloud

// Conversations.type 1 is a dialog; 2 and up are conferences (groups). Chats.type 4 is a
// multi-person chat.
inline constexpr std::int64_t kDialogConversation = 1;
inline constexpr std::int64_t kMultiChat = 4;

// Transfers.type.
inline constexpr std::int64_t kTransferIncoming = 1;
inline constexpr std::int64_t kTransferOutgoing = 2;

// CallMembers.videostatus while video was sent.
inline constexpr std::int64_t kVideoActive = 3;

// Words of `s` split at any of `separators`, empty ones dropped.
std::vector<std::string> splitWords(std::string_view s, std::string_view separators = " ");
std::string firstNonEmpty(std::initializer_list<std::string> values);
// Appends `value` unless it is empty or already listed.
void addUnique(std::vector<std::string> &list, const std::string &value);
// A decimal count stored as text ("69986"); nullopt for anything else.
std::optional<std::int64_t> parseCount(std::string_view s);

// The model's message type for a Messages.type code.
const char *messageKind(std::optional<std::int64_t> type, bool hasBody);
// A status word from sending_status and chatmsg_status.
std::string messageStatus(model::Direction d, std::optional<std::int64_t> sending, std::optional<std::int64_t> chatmsg);
// A status word for a Transfers.status.
std::string transferStatus(std::int64_t status, model::Direction d);

// Adds the file a <URIObject> body shares (name, size, its URI) as an attachment.
void addSharedMedia(model::MessageRecord &m, std::string_view body);
// Sets the text of a <contacts> body: its alt text, else the Skype names sent.
void setContactsText(model::MessageRecord &m, std::string_view body);
// Sets the text of a call event from its <partlist> ("call ended (95 s)").
void setCallText(model::MessageRecord &m, bool started, std::string_view body);

} // namespace vigil::plugins::skype
