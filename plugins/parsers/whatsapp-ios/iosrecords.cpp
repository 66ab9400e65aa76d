// SPDX-License-Identifier: GPL-3.0-or-later
#include "plugins/parsers/whatsapp-ios/iosrecords.h"

#include <algorithm>
#include <charconv>

namespace vigil::plugins::whatsappios {

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
        return allDigits(jid) ? std::string(jid) + "@s.whatsapp.net" : std::string(jid);
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

std::string column(const DatabaseSchema &schema, std::string_view alias, std::string_view table,
                   std::initializer_list<std::string_view> candidates)
{
    const std::string picked = schema.pick(table, candidates);
    return picked == "NULL" ? picked : std::string(alias) + "." + picked;
}

void IosSink::owner()
{
    model::AccountRecord a;
    a.owner = true;
    m_out.batch().accounts.push_back(std::move(a));
}

void IosSink::account(model::AccountRecord a)
{
    if (a.key.empty() || !m_accounts.insert(a.key).second)
        return;
    m_out.batch().accounts.push_back(std::move(a));
}

void IosSink::account(const std::string &jid, const model::RecordOrigin &origin, const std::string &displayName)
{
    model::AccountRecord a;
    a.key = jid;
    a.phone = phoneOfJid(jid);
    a.displayName = displayName;
    a.origin = origin;
    account(std::move(a));
}

void IosSink::conversation(model::ConversationRecord c)
{
    if (!m_conversations.insert(c.key).second)
        return;
    for (const auto &key : c.participantKeys)
        account(key, c.origin);
    m_out.batch().conversations.push_back(std::move(c));
    m_out.flushIfFull();
}

std::string IosSink::conversationFor(const std::string &jid, const std::string &fallbackKey,
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

void IosSink::message(model::MessageRecord m)
{
    m_out.batch().messages.push_back(std::move(m));
    m_out.flushIfFull();
}

void IosSink::contact(model::ContactRecord c)
{
    m_out.batch().contacts.push_back(std::move(c));
    m_out.flushIfFull();
}

} // namespace vigil::plugins::whatsappios
