// SPDX-License-Identifier: GPL-3.0-or-later
// WhatsApp Android's message store (msgstore.db): the current schema (message, chat, jid, …),
// the legacy one (messages, chat_list, group_participants) and the versions in between.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "plugins/parsers/whatsapp-android/wacommon.h"

namespace vigil::plugins::whatsapp {

bool isCurrentMsgstore(const DatabaseSchema &schema);
bool isLegacyMsgstore(const DatabaseSchema &schema);

// One parse of one msgstore.db; everything it remembers lives here (no shared state).
struct Msgstore {
    SqliteDatabase &db;
    const DatabaseSchema &schema;
    RecordEmitter &out;
    PartialErrors &errors;
};

// The SQL for one jid row (and, where the jid_map table exists, the phone-number JID a LID
// maps to) joined as alias `alias` for the row id `rowIdExpr`.
struct JidJoin {
    std::string join;   // " LEFT JOIN jid …" (empty without a jid table)
    std::string id;     // the jid row id used, or NULL
    std::string raw;    // the JID text, or NULL
};
JidJoin jidJoin(const Msgstore &s, const std::string &rowIdExpr, const std::string &alias);

// What both schemas say about a message besides its text, sender and media.
struct MessageFields {
    std::optional<std::int64_t> fromMe;
    std::int64_t type = 0;
    std::int64_t status = -1;
    std::optional<std::int64_t> systemAction;
    bool revoked = false;
    std::optional<double> latitude, longitude;
};
// The columns of a message row holding what both schemas store alike.
struct FieldColumns {
    int fromMe, type, status, latitude, longitude;
};
// from_me, the type, the status and the location (the rest of MessageFields is per schema).
MessageFields readFields(const SqliteQuery &q, const FieldColumns &columns);
// A message found at `origin` in the chat `chatJid` (its conversation is made when the chat row
// is missing; `fallbackKey` names it when the JID is empty too), sent at `millis`.
model::MessageRecord newMessage(Msgstore &s, const std::string &chatJid, const std::string &fallbackKey,
                                std::int64_t millis, const model::RecordOrigin &origin);
// The text column of a message row, else its caption column (media captions).
std::string textOrCaption(const SqliteQuery &q, int textColumn, int captionColumn);
// Adds `m`, after an account for its sender (found at the message's row) if there is none yet.
void addWithSender(Msgstore &s, model::MessageRecord &&m);
// Direction, type, status, deleted flag and placeholder text from `f`.
void applyFields(model::MessageRecord &m, const MessageFields &f);
// The sender key: "" for outgoing, the chat for incoming 1:1 messages, the stored sender in
// groups, broadcast lists and status updates.
std::string senderOf(const model::MessageRecord &m, const std::string &chatJid, const std::string &senderJid);

void readMsgstore(Msgstore &s);
void readCurrentMessages(Msgstore &s);
void readLegacyMessages(Msgstore &s);

} // namespace vigil::plugins::whatsapp
