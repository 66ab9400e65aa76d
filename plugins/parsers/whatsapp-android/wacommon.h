// SPDX-License-Identifier: GPL-3.0-or-later
// What the WhatsApp Android readers share: JID handling, the app's status/type/call codes and
// an output helper that emits each account and conversation once, before what refers to it.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "core/model/communication.h"
#include "plugins/api/partialerrors.h"
#include "plugins/api/recordemitter.h"
#include "plugins/api/sqlitedb.h"

namespace vigil::plugins::whatsapp {

inline constexpr const char *kApp = "whatsapp";
inline constexpr const char *kAppName = "WhatsApp";

// "447700900123.0:3@s.whatsapp.net" (a device JID) -> "447700900123@s.whatsapp.net": the account,
// not one of its devices. Other JIDs come back unchanged.
std::string normalizeJid(std::string_view jid);
// "+447700900123" for a user JID on s.whatsapp.net, "" otherwise (groups, LIDs, broadcasts).
std::string phoneOfJid(std::string_view jid);
bool isGroupJid(std::string_view jid);
// Groups, broadcast lists and status updates ("…@g.us", "…@broadcast"): chats whose messages
// come from several people, so the sender is stored per message.
bool isSharedJid(std::string_view jid);

model::RecordOrigin rowOrigin(std::string table, std::int64_t rowid);
// The last path component ("Media/WhatsApp Images/IMG-1.jpg" -> "IMG-1.jpg").
std::string baseName(std::string_view path);
// "Location: 51.5, -0.1" (shortest exact decimal form of each coordinate).
std::string locationText(double latitude, double longitude);

// What a message_type (current schema) or media_wa_type (legacy) value means.
struct MessageKind {
    const char *type;
    bool deleted;
};
MessageKind messageKind(std::int64_t type);
// message.status / messages.status as a word; "" when the code says nothing useful.
const char *messageStatus(bool fromMe, std::int64_t status);
// A short description of a system message's action (message_system.action_type, or
// messages.media_size in the legacy schema), for system messages without text; "" if unknown.
const char *systemActionText(std::int64_t action);
// call_log.call_result as a word; "" when unknown.
const char *callResult(std::int64_t result);

// Runs `sql` and calls fn(row) for each row; a failure (at prepare or midway) is noted in
// `errors` under `what` and the rows read before it are kept.
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

// `alias.column` for the first of `candidates` that `table` has, or "NULL" (schema versions).
std::string column(const DatabaseSchema &schema, std::string_view alias, std::string_view table,
                   std::initializer_list<std::string_view> candidates);

// The legacy status code of system ("control") messages.
inline constexpr std::int64_t kLegacySystemStatus = 6;

// Emits records through a RecordEmitter: accounts and conversations once each, always before
// the messages and calls that refer to them.
class WaSink
{
public:
    explicit WaSink(RecordEmitter &out) : m_out(out) {}

    void owner(const std::string &displayName, model::RecordOrigin origin);
    // An account for `jid` (normalised), once; "" (the owner) and empty JIDs are skipped. The
    // phone comes from the JID, else from `phone`.
    void account(const std::string &jid, const model::RecordOrigin &origin, const std::string &displayName = {},
                 const std::string &phone = {});
    bool hasConversation(const std::string &key) const { return m_conversations.count(key) > 0; }
    // Emits the conversation (and its participants' accounts) unless one with its key exists.
    void conversation(model::ConversationRecord c);
    // The conversation a message or call belongs to; made from the chat JID when the chat row
    // is missing, so nothing is dropped. `fallbackKey` is used when the JID is empty too.
    std::string conversationFor(const std::string &jid, const std::string &fallbackKey, const model::RecordOrigin &origin);
    void message(model::MessageRecord m);
    void call(model::CallRecord c);
    void contact(model::ContactRecord c);
    void flush() { m_out.flush(); }

private:
    RecordEmitter &m_out;
    std::unordered_set<std::string> m_accounts;
    std::unordered_set<std::string> m_conversations;
};

} // namespace vigil::plugins::whatsapp
