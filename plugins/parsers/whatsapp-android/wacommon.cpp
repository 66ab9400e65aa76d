// SPDX-License-Identifier: GPL-3.0-or-later
#include "plugins/parsers/whatsapp-android/wacommon.h"

#include <algorithm>
#include <charconv>

namespace vigil::plugins::whatsapp {

namespace {

bool allDigits(std::string_view s)
{
    return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// Cuts a ":<digits>" device suffix, then a ".<digits>" agent suffix, from a JID's user part.
std::string_view accountUser(std::string_view user)
{
    for (char sep : {':', '.'}) {
        const auto at = user.rfind(sep);
        if (at != std::string_view::npos && at > 0 && allDigits(user.substr(at + 1)))
            user = user.substr(0, at);
    }
    return user;
}

std::string shortestDecimal(double value)
{
    char buf[64];
    const auto r = std::to_chars(buf, buf + sizeof buf, value);
    return r.ec == std::errc() ? std::string(buf, r.ptr) : std::string();
}

} // namespace

std::string normalizeJid(std::string_view jid)
{
    const auto at = jid.find('@');
    if (at == std::string_view::npos)
        return std::string(jid);
    return std::string(accountUser(jid.substr(0, at))) + std::string(jid.substr(at));
}

std::string phoneOfJid(std::string_view jid)
{
    const auto at = jid.find('@');
    if (at == std::string_view::npos || jid.substr(at + 1) != "s.whatsapp.net")
        return {};
    const std::string_view user = accountUser(jid.substr(0, at));
    return allDigits(user) ? "+" + std::string(user) : std::string();
}

bool isGroupJid(std::string_view jid)
{
    return jid.ends_with("@g.us");
}

std::string column(const DatabaseSchema &schema, std::string_view alias, std::string_view table,
                   std::initializer_list<std::string_view> candidates)
{
    const std::string picked = schema.pick(table, candidates);
    return picked == "NULL" ? picked : std::string(alias) + "." + picked;
}

bool isSharedJid(std::string_view jid)
{
    return isGroupJid(jid) || jid.ends_with("@broadcast");
}

model::RecordOrigin rowOrigin(std::string table, std::int64_t rowid)
{
    model::RecordOrigin origin;
    origin.table = std::move(table);
    origin.rowid = rowid;
    return origin;
}

std::string baseName(std::string_view path)
{
    const auto slash = path.find_last_of("/\\");
    return std::string(slash == std::string_view::npos ? path : path.substr(slash + 1));
}

std::string locationText(double latitude, double longitude)
{
    return "Location: " + shortestDecimal(latitude) + ", " + shortestDecimal(longitude);
}

MessageKind messageKind(std::int64_t type)
{
    switch (type) {
    case 0: return {"text", false};
    case 1:    // image
    case 2:    // audio / voice note
    case 3:    // video
    case 9:    // document
    case 13:   // GIF
    case 42:   // view-once image
    case 43:   // view-once video
    case 82:   // view-once voice note
        return {"media", false};
    case 4:
    case 14: return {"contact", false};   // one vCard / several
    case 5:
    case 16: return {"location", false};   // static / live location
    case 7: return {"system", false};
    case 8:
    case 10: return {"call", false};       // call / missed call notice
    case 11: return {"unavailable", false};   // "waiting for this message"
    case 15:
    case 64: return {"deleted", true};     // revoked by the sender / by a group admin
    case 20: return {"sticker", false};
    case 66: return {"poll", false};
    default: return {"other", false};
    }
}

const char *messageStatus(bool fromMe, std::int64_t status)
{
    if (status == kLegacySystemStatus || status < 0)
        return "";
    if (!fromMe)
        return "received";
    switch (status) {
    case 0:
    case 1: return "pending";
    case 4: return "sent";
    case 5: return "delivered";
    case 8: return "played";
    case 13: return "read";
    default: return "";
    }
}

const char *systemActionText(std::int64_t action)
{
    switch (action) {
    case 1: return "[changed the group subject]";
    case 4:
    case 12: return "[joined the group]";
    case 5: return "[left the group]";
    case 6: return "[changed the group icon]";
    case 7:
    case 14: return "[removed from the group]";
    case 11: return "[created the group]";
    case 15: return "[made a group admin]";
    case 18: return "[security code changed]";
    case 19: return "[messages are end-to-end encrypted]";
    case 20: return "[joined the group with an invite link]";
    case 27: return "[changed the group description]";
    case 58: return "[blocked this contact]";
    default: return "";
    }
}

const char *callResult(std::int64_t result)
{
    switch (result) {
    case 2: return "rejected";
    case 3: return "unavailable";
    case 4: return "missed";
    case 5: return "answered";
    default: return "";
    }
}

void WaSink::owner(const std::string &displayName, model::RecordOrigin origin)
{
    model::AccountRecord a;
    a.owner = true;
    a.displayName = displayName;
    a.origin = std::move(origin);
    m_out.batch().accounts.push_back(std::move(a));
}

void WaSink::account(const std::string &jid, const model::RecordOrigin &origin, const std::string &displayName,
                     const std::string &phone)
{
    if (jid.empty() || !m_accounts.insert(jid).second)
        return;
    model::AccountRecord a;
    a.key = jid;
    a.phone = phoneOfJid(jid);
    if (a.phone.empty())
        a.phone = phone;
    a.displayName = displayName;
    a.origin = origin;
    m_out.batch().accounts.push_back(std::move(a));
}

void WaSink::conversation(model::ConversationRecord c)
{
    if (!m_conversations.insert(c.key).second)
        return;
    for (const auto &key : c.participantKeys)
        account(key, c.origin);
    m_out.batch().conversations.push_back(std::move(c));
    m_out.flushIfFull();
}

std::string WaSink::conversationFor(const std::string &jid, const std::string &fallbackKey,
                                    const model::RecordOrigin &origin)
{
    const std::string key = jid.empty() ? fallbackKey : jid;
    if (hasConversation(key))
        return key;
    model::ConversationRecord c;
    c.key = key;
    c.group = isGroupJid(jid);
    c.participantKeys.push_back("");
    if (!jid.empty() && !isSharedJid(jid))
        c.participantKeys.push_back(jid);
    c.origin = origin;
    conversation(std::move(c));
    return key;
}

void WaSink::message(model::MessageRecord m)
{
    m_out.batch().messages.push_back(std::move(m));
    m_out.flushIfFull();
}

void WaSink::call(model::CallRecord c)
{
    m_out.batch().calls.push_back(std::move(c));
    m_out.flushIfFull();
}

void WaSink::contact(model::ContactRecord c)
{
    m_out.batch().contacts.push_back(std::move(c));
    m_out.flushIfFull();
}

} // namespace vigil::plugins::whatsapp
