// SPDX-License-Identifier: GPL-3.0-or-later
// WhatsApp iOS's message store (ChatStorage.sqlite, Core Data): chat sessions, messages, group
// members, media items and push names.
#pragma once

#include "plugins/parsers/whatsapp-ios/iosrecords.h"

namespace vigil::plugins::whatsappios {

bool isChatStorage(const DatabaseSchema &schema);
void readChatStorage(SqliteDatabase &db, RecordEmitter &out, PartialErrors &errors);

} // namespace vigil::plugins::whatsappios
