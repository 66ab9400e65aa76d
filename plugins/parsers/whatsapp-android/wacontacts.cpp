// SPDX-License-Identifier: GPL-3.0-or-later
#include "plugins/parsers/whatsapp-android/wacontacts.h"

namespace vigil::plugins::whatsapp {

namespace {

enum Col { kId, kJid, kIsUser, kDisplayName, kNumber, kWaName, kGivenName, kFamilyName, kCompany, kRawContact };

std::string contactsSql(const DatabaseSchema &schema)
{
    return "SELECT w._id, w.jid, "
         + schema.pickEach("wa_contacts", {"is_whatsapp_user", "display_name", "number", "wa_name", "given_name",
                                           "family_name", "company", "raw_contact_id"},
                           "w")
         + " FROM wa_contacts w ORDER BY w._id";
}

std::string joined(std::string a, const std::string &b)
{
    if (!a.empty() && !b.empty())
        a += ' ';
    return a + b;
}

// WhatsApp users and groups are accounts: key = JID, the name the user chose (wa_name) or the
// group subject (display_name); the phone from the JID, else the number column (LID rows).
void accountRow(RecordEmitter &out, const SqliteQuery &q, const std::string &jid, const model::RecordOrigin &origin)
{
    const bool group = isGroupJid(jid);
    if (jid.empty() || jid.ends_with("@broadcast") || (q.int64(kIsUser) == 0 && !group))
        return;
    addAccount(out, jid, origin, group ? q.text(kDisplayName) : q.text(kWaName), group ? "" : q.text(kNumber));
}

// Rows that come from the phone's address book (a name or number from it) are contacts.
void contactRow(RecordEmitter &out, const SqliteQuery &q, const std::string &jid, const model::RecordOrigin &origin)
{
    if (isGroupJid(jid) || jid.ends_with("@broadcast"))
        return;
    model::ContactRecord c;
    c.name = q.text(kDisplayName);
    if (c.name.empty())
        c.name = joined(q.text(kGivenName), q.text(kFamilyName));
    const std::string number = q.text(kNumber);
    if (c.name.empty() && number.empty() && q.isNull(kRawContact))
        return;
    if (!number.empty())
        c.phones.push_back(number);
    if (q.int64(kIsUser) != 0)
        c.accountKey = jid;
    c.organization = q.text(kCompany);
    c.origin = origin;
    out.addContact(std::move(c));
}

} // namespace

bool isWaContacts(const DatabaseSchema &schema)
{
    return schema.hasColumns("wa_contacts", {"_id", "jid", "is_whatsapp_user"});
}

void readWaContacts(SqliteDatabase &db, RecordEmitter &out, PartialErrors &errors)
{
    forEachRow(db, errors, contactsSql(db.schema()), "wa_contacts", [&](const SqliteQuery &q) {
        const std::string jid = normalizeJid(q.text(kJid));
        const auto origin = rowOrigin("wa_contacts", q.int64(kId));
        accountRow(out, q, jid, origin);
        contactRow(out, q, jid, origin);
    });
}

} // namespace vigil::plugins::whatsapp
