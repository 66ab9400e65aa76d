// SPDX-License-Identifier: GPL-3.0-or-later
// WhatsApp iOS's contact store (ContactsV2.sqlite, Core Data): the address book as WhatsApp sees
// it (ZWAADDRESSBOOKCONTACT).
#pragma once

#include "plugins/parsers/whatsapp-ios/iosrecords.h"

namespace vigil::plugins::whatsappios {

bool isContactsV2(const DatabaseSchema &schema);
// An account for every entry with a WhatsApp id, a contact for every entry.
void readContactsV2(SqliteDatabase &db, RecordEmitter &out, PartialErrors &errors);

} // namespace vigil::plugins::whatsappios
