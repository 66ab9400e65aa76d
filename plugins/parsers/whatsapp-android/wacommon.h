// SPDX-License-Identifier: GPL-3.0-or-later
// What the WhatsApp Android readers share besides whatsapp-common: the app's status, type and
// call codes.
#pragma once

#include <cstdint>

#include "plugins/api/partialerrors.h"
#include "plugins/api/recordemitter.h"
#include "plugins/api/sqlitedb.h"
#include "plugins/parsers/whatsapp-common/whatsappcommon.h"

namespace vigil::plugins::whatsapp {

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

// The legacy status code of system ("control") messages.
inline constexpr std::int64_t kLegacySystemStatus = 6;

} // namespace vigil::plugins::whatsapp
