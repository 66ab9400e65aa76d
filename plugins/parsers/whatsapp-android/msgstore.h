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
    WaSink &out;
    PartialErrors &errors;

    template <typename Fn>
    void forEachRow(const std::string &sql, std::string_view what, Fn &&fn)
    {
        whatsapp::forEachRow(db, errors, sql, what, fn);
    }
    std::string col(std::string_view alias, std::string_view table, std::initializer_list<std::string_view> names) const
    {
        return column(schema, alias, table, names);
    }
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
// Direction, type, status, deleted flag and placeholder text from `f`.
void applyFields(model::MessageRecord &m, const MessageFields &f);
// The sender key: "" for outgoing, the chat for incoming 1:1 messages, the stored sender in
// groups, broadcast lists and status updates.
std::string senderOf(const model::MessageRecord &m, const std::string &chatJid, const std::string &senderJid);

void readMsgstore(Msgstore &s);
void readCurrentMessages(Msgstore &s);
void readLegacyMessages(Msgstore &s);

} // namespace vigil::plugins::whatsapp
