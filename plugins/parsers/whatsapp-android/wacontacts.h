// SPDX-License-Identifier: GPL-3.0-or-later
// WhatsApp Android's contact store (wa.db): the address book as WhatsApp sees it (wa_contacts).
#pragma once

#include "plugins/parsers/whatsapp-android/wacommon.h"

namespace vigil::plugins::whatsapp {

bool isWaContacts(const DatabaseSchema &schema);
// Accounts for WhatsApp users and groups, contacts for address-book entries.
void readWaContacts(SqliteDatabase &db, RecordEmitter &out, PartialErrors &errors);

} // namespace vigil::plugins::whatsapp
