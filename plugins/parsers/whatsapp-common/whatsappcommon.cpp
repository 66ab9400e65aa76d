// SPDX-License-Identifier: GPL-3.0-or-later
#include "plugins/parsers/whatsapp-common/whatsappcommon.h"

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

std::string normalizeJid(std::string_view jid, BareNumber bare)
{
    const auto at = jid.find('@');
    if (at == std::string_view::npos)
        return bare == BareNumber::AsUserJid && allDigits(jid) ? std::string(jid) + "@s.whatsapp.net" : std::string(jid);
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

std::string baseName(std::string_view path)
{
    const auto slash = path.find_last_of("/\\");
    return std::string(slash == std::string_view::npos ? path : path.substr(slash + 1));
}

std::string locationText(double latitude, double longitude)
{
    return "Location: " + shortestDecimal(latitude) + ", " + shortestDecimal(longitude);
}

model::Direction directionOf(std::optional<std::int64_t> fromMe)
{
    if (!fromMe)
        return model::Direction::Unknown;
    return *fromMe == 1 ? model::Direction::Outgoing : model::Direction::Incoming;
}

void addOwner(RecordEmitter &out, const std::string &displayName, model::RecordOrigin origin)
{
    model::AccountRecord a;
    a.owner = true;
    a.displayName = displayName;
    a.origin = std::move(origin);
    out.addAccountOnce(std::move(a));
}

void addAccount(RecordEmitter &out, const std::string &jid, const model::RecordOrigin &origin,
                const std::string &displayName, const std::string &phone)
{
    if (jid.empty() || out.hasAccount(jid))
        return;
    model::AccountRecord a;
    a.key = jid;
    a.phone = phoneOfJid(jid);
    if (a.phone.empty())
        a.phone = phone;
    a.displayName = displayName;
    a.origin = origin;
    out.addAccountOnce(std::move(a));
}

void addConversation(RecordEmitter &out, model::ConversationRecord c)
{
    if (out.hasConversation(c.key))
        return;
    for (const auto &key : c.participantKeys)
        addAccount(out, key, c.origin);
    out.addConversationOnce(std::move(c));
}

std::string conversationFor(RecordEmitter &out, const std::string &jid, const std::string &fallbackKey,
                            const model::RecordOrigin &origin)
{
    const std::string key = jid.empty() ? fallbackKey : jid;
    if (out.hasConversation(key))
        return key;
    model::ConversationRecord c;
    c.key = key;
    c.group = isGroupJid(jid);
    c.participantKeys.push_back("");
    if (!jid.empty() && !isSharedJid(jid))
        c.participantKeys.push_back(jid);
    c.origin = origin;
    addConversation(out, std::move(c));
    return key;
}

} // namespace vigil::plugins::whatsapp
