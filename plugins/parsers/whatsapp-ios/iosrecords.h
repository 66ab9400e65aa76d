// SPDX-License-Identifier: GPL-3.0-or-later
// What the WhatsApp iOS readers share: whatsapp-common, with JIDs normalised the iOS way.
#pragma once

#include <string>
#include <string_view>

#include "plugins/api/partialerrors.h"
#include "plugins/api/recordemitter.h"
#include "plugins/api/sqlitedb.h"
#include "plugins/parsers/whatsapp-common/whatsappcommon.h"

namespace vigil::plugins::whatsappios {

using whatsapp::addAccount;
using whatsapp::addConversation;
using whatsapp::addOwner;
using whatsapp::baseName;
using whatsapp::conversationFor;
using whatsapp::directionOf;
using whatsapp::isGroupJid;
using whatsapp::isSharedJid;
using whatsapp::locationText;
using whatsapp::phoneOfJid;

// "447700900123:2@s.whatsapp.net" (a device) -> "447700900123@s.whatsapp.net"; a bare number
// (ContactsV2 stores some) -> "<number>@s.whatsapp.net".
inline std::string normalizeJid(std::string_view jid)
{
    return whatsapp::normalizeJid(jid, whatsapp::BareNumber::AsUserJid);
}

} // namespace vigil::plugins::whatsappios
