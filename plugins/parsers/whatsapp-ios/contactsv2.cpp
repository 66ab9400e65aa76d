// SPDX-License-Identifier: GPL-3.0-or-later
#include "plugins/parsers/whatsapp-ios/contactsv2.h"

namespace vigil::plugins::whatsappios {

namespace {

enum Col { kId, kWhatsAppId, kFullName, kGivenName, kLastName, kBusinessName, kPhone, kUsername };

std::string contactsSql(const DatabaseSchema &schema)
{
    return "SELECT c.Z_PK, "
         + schema.pickEach(
             "ZWAADDRESSBOOKCONTACT",
             {"ZWHATSAPPID", "ZFULLNAME", "ZGIVENNAME", "ZLASTNAME", "ZBUSINESSNAME", "ZPHONENUMBER", "ZUSERNAME"}, "c")
         + " FROM ZWAADDRESSBOOKCONTACT c ORDER BY c.Z_PK";
}

std::string nameOf(const SqliteQuery &q)
{
    std::string name = q.text(kFullName);
    if (name.empty()) {
        name = q.text(kGivenName);
        const std::string last = q.text(kLastName);
        name += (name.empty() || last.empty() ? "" : " ") + last;
    }
    return name.empty() ? q.text(kBusinessName) : name;
}

void row(RecordEmitter &out, const SqliteQuery &q)
{
    const auto origin = rowOrigin("ZWAADDRESSBOOKCONTACT", q.int64(kId));
    const std::string jid = normalizeJid(q.text(kWhatsAppId));
    const std::string phone = q.text(kPhone);
    if (!jid.empty()) {
        model::AccountRecord a;
        a.key = jid;
        a.phone = phoneOfJid(jid).empty() ? phone : phoneOfJid(jid);
        a.username = q.text(kUsername);
        a.origin = origin;
        out.addAccountOnce(std::move(a));
    }
    model::ContactRecord c;
    c.name = nameOf(q);
    if (!phone.empty())
        c.phones.push_back(phone);
    c.accountKey = jid;
    c.organization = q.text(kBusinessName);
    c.origin = origin;
    if (!c.name.empty() || !c.phones.empty() || !jid.empty())
        out.addContact(std::move(c));
}

} // namespace

bool isContactsV2(const DatabaseSchema &schema)
{
    return schema.hasColumns("zwaaddressbookcontact", {"z_pk", "zwhatsappid"});
}

void readContactsV2(SqliteDatabase &db, RecordEmitter &out, PartialErrors &errors)
{
    forEachRow(db, errors, contactsSql(db.schema()), "ZWAADDRESSBOOKCONTACT", [&](const SqliteQuery &q) { row(out, q); });
}

} // namespace vigil::plugins::whatsappios
