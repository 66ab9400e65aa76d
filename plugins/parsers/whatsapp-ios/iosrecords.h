// SPDX-License-Identifier: GPL-3.0-or-later
// What the WhatsApp iOS readers share: JID handling, SQL helpers and an output helper that
// emits each account and conversation once, before what refers to it.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
#include <unordered_set>

#include "core/model/communication.h"
#include "plugins/api/partialerrors.h"
#include "plugins/api/recordemitter.h"
#include "plugins/api/sqlitedb.h"

namespace vigil::plugins::whatsappios {

inline constexpr const char *kApp = "whatsapp";
inline constexpr const char *kAppName = "WhatsApp";

// "447700900123:2@s.whatsapp.net" (a device) -> "447700900123@s.whatsapp.net"; a bare number
// (ContactsV2 stores some) -> "<number>@s.whatsapp.net".
std::string normalizeJid(std::string_view jid);
// "+447700900123" for a user JID on s.whatsapp.net, "" otherwise (groups, LIDs, broadcasts).
std::string phoneOfJid(std::string_view jid);
bool isGroupJid(std::string_view jid);
// Groups, broadcast lists and status updates: chats whose messages come from several people.
bool isSharedJid(std::string_view jid);

model::RecordOrigin rowOrigin(std::string table, std::int64_t rowid);
std::string baseName(std::string_view path);
std::string locationText(double latitude, double longitude);

// `alias.column` for the first of `candidates` that `table` has, or "NULL".
std::string column(const DatabaseSchema &schema, std::string_view alias, std::string_view table,
                   std::initializer_list<std::string_view> candidates);

// Runs `sql` and calls fn(row) for each row; a failure is noted under `what`, rows read are kept.
template <typename Fn>
void forEachRow(SqliteDatabase &db, PartialErrors &errors, const std::string &sql, std::string_view what, Fn &&fn)
{
    auto q = db.query(sql);
    errors.check(q, what);
    if (!q)
        return;
    while (q->next())
        fn(*q);
    errors.check(*q, what);
}

// Emits records: accounts and conversations once each, before what refers to them.
class IosSink
{
public:
    explicit IosSink(RecordEmitter &out) : m_out(out) {}

    void owner();
    void account(model::AccountRecord a);
    void account(const std::string &jid, const model::RecordOrigin &origin, const std::string &displayName = {});
    bool hasConversation(const std::string &key) const { return m_conversations.count(key) > 0; }
    void conversation(model::ConversationRecord c);
    // The conversation of a message; made from the chat JID (or `fallbackKey`) when the chat
    // row is missing, so nothing is dropped.
    std::string conversationFor(const std::string &jid, const std::string &fallbackKey, const model::RecordOrigin &origin);
    void message(model::MessageRecord m);
    void contact(model::ContactRecord c);
    void flush() { m_out.flush(); }

private:
    RecordEmitter &m_out;
    std::unordered_set<std::string> m_accounts;
    std::unordered_set<std::string> m_conversations;
};

} // namespace vigil::plugins::whatsappios
