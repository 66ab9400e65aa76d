// SPDX-License-Identifier: GPL-3.0-or-later
// The JSON documents of direct.db: a thread's thread_info and a message's item.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/model/communication.h"

namespace vigil::plugins::instagram {

struct IgUser {
    std::string id, username, fullName;
};

struct ThreadInfo {
    std::string title;                  // thread_title
    std::optional<bool> group;          // is_group, when stored
    std::vector<IgUser> users;          // "recipients" (or "users"): the other participants
};

// thread_info; nullopt when it is not a JSON object.
std::optional<ThreadInfo> parseThreadInfo(std::string_view json);

struct Item {
    std::string senderId;               // user_id
    std::string itemType;               // item_type: "text", "media", "like", "action_log", …
    std::string text;                   // the text the item type carries, when it carries one
    std::optional<std::int64_t> timestampMicros;
    std::optional<bool> sentByViewer;   // is_sent_by_viewer, when stored
    std::vector<model::AttachmentRecord> attachments;
};

// A message's item; nullopt when it is not a JSON object.
std::optional<Item> parseItem(std::string_view json);

// recipient_ids as stored: a JSON array of ids, or ids separated by commas or spaces.
std::vector<std::string> parseIdList(std::string_view text);

} // namespace vigil::plugins::instagram
