// SPDX-License-Identifier: GPL-3.0-or-later
#include "plugins/parsers/android-contacts/androidcontacts.h"

#include <map>
#include <utility>
#include <vector>

#include "plugins/api/partialerrors.h"
#include "plugins/api/recordemitter.h"
#include "plugins/api/registry.h"
#include "plugins/api/sqlitedb.h"
#include "plugins/parsers/android-contacts/calllog.h"

namespace vigil::plugins {

namespace {

constexpr std::string_view kMetadataJson =
#include "metadata.json.inc"
    ;

// The data rows read, by their mimetypes.mimetype.
enum class DataKind { Name, Nickname, Phone, Email, Organization };
constexpr std::pair<std::string_view, DataKind> kMimetypes[] = {
    {"vnd.android.cursor.item/name", DataKind::Name},
    {"vnd.android.cursor.item/nickname", DataKind::Nickname},
    {"vnd.android.cursor.item/phone_v2", DataKind::Phone},
    {"vnd.android.cursor.item/email_v2", DataKind::Email},
    {"vnd.android.cursor.item/organization", DataKind::Organization},
};

bool hasContacts(const DatabaseSchema &schema)
{
    return schema.hasColumns("raw_contacts", {"_id", "contact_id", "deleted"})
        && schema.hasColumns("data", {"_id", "raw_contact_id", "mimetype_id", "data1"})
        && schema.hasColumns("mimetypes", {"_id", "mimetype"});
}

void appendWord(std::string &out, const std::string &word)
{
    if (word.empty())
        return;
    out += (out.empty() ? "" : " ") + word;
}

// What the data table holds for one raw contact.
struct ContactData {
    std::int64_t firstDataId = 0;   // where an orphan's data is found
    std::string name, nickname, organization;
    std::vector<std::string> phones, emails;
};

// Columns of the data query, in order: StructuredName keeps the display name in data1 and
// given / family / middle names in data2 / data3 / data5; the other kinds use data1.
enum DataColumn { kDataId, kRawContact, kMimetype, kData1, kGiven, kFamily, kMiddle };

std::string structuredName(const SqliteQuery &q)
{
    std::string name = q.text(kData1);
    if (name.empty()) {
        for (int col : {kGiven, kMiddle, kFamily})
            appendWord(name, q.text(col));
    }
    return name;
}

// Everything one parse needs to remember, so processDatabase() stays free of shared state.
class ContactsParse
{
public:
    ContactsParse(SqliteDatabase &db, RecordEmitter &out) : m_db(db), m_out(out), m_schema(db.schema()) {}

    Result<void> run()
    {
        if (hasContacts(m_schema)) {
            readOwnerAccounts();
            readData(readMimetypes());
            readRawContacts();
            emitOrphans();
        }
        if (androidcontacts::hasCallLog(m_schema))
            androidcontacts::readCallLog(m_db, m_out, m_errors);
        m_out.flush();
        return m_errors.result();
    }

private:
    // The device's sync accounts (Google, Exchange, Samsung) named by an email address.
    void readOwnerAccounts()
    {
        const bool table = m_schema.hasColumns("accounts", {"_id", "account_name"});
        if (!table && !m_schema.hasColumn("raw_contacts", "account_name"))
            return;
        const std::string from = table ? "accounts" : "raw_contacts";
        forEachRow(m_db, m_errors, "SELECT min(_id), account_name FROM " + from + " GROUP BY account_name", from,
                   [&](const SqliteQuery &q) {
                       const std::string name = q.text(1);
                       if (name.find('@') == std::string::npos)
                           return;
                       model::AccountRecord a;
                       a.key = name;
                       a.email = name;
                       a.owner = true;
                       a.origin = rowOrigin(from, q.int64(0));
                       m_out.addAccountOnce(std::move(a));
                   });
    }

    std::map<std::int64_t, DataKind> readMimetypes()
    {
        std::map<std::int64_t, DataKind> kinds;
        forEachRow(m_db, m_errors, "SELECT _id, mimetype FROM mimetypes", "mimetypes", [&kinds](const SqliteQuery &q) {
            for (const auto &[mimetype, kind] : kMimetypes) {
                if (q.text(1) == mimetype)
                    kinds[q.int64(0)] = kind;
            }
        });
        return kinds;
    }

    void readData(const std::map<std::int64_t, DataKind> &kinds)
    {
        if (kinds.empty())
            return;
        std::string ids;
        for (const auto &entry : kinds)
            ids += (ids.empty() ? "" : ", ") + std::to_string(entry.first);
        const std::string sql = "SELECT _id, raw_contact_id, mimetype_id, data1, data2, data3, data5 FROM data"
                                " WHERE mimetype_id IN (" + ids + ") ORDER BY raw_contact_id, _id";
        forEachRow(m_db, m_errors, sql, "data", [&](const SqliteQuery &q) {
            if (const auto kind = kinds.find(q.int64(kMimetype)); kind != kinds.end())
                dataRow(q, kind->second);
        });
    }

    void dataRow(const SqliteQuery &q, DataKind kind)
    {
        ContactData &d = m_data[q.int64(kRawContact)];
        d.firstDataId = d.firstDataId ? d.firstDataId : q.int64(kDataId);
        const std::string value = kind == DataKind::Name ? structuredName(q) : q.text(kData1);
        if (value.empty())
            return;
        switch (kind) {
        case DataKind::Name: d.name = d.name.empty() ? value : d.name; break;
        case DataKind::Nickname: d.nickname = d.nickname.empty() ? value : d.nickname; break;
        case DataKind::Organization: d.organization = d.organization.empty() ? value : d.organization; break;
        case DataKind::Phone: d.phones.push_back(value); break;
        case DataKind::Email: d.emails.push_back(value); break;
        }
    }

    void readRawContacts()
    {
        const std::string sql =
            "SELECT _id, " + m_schema.pick("raw_contacts", {"display_name"}) + " FROM raw_contacts ORDER BY _id";
        forEachRow(m_db, m_errors, sql, "raw_contacts", [this](const SqliteQuery &q) {
            ContactData d;
            if (auto it = m_data.find(q.int64(0)); it != m_data.end()) {
                d = std::move(it->second);
                m_data.erase(it);
            }
            if (d.name.empty())
                d.name = q.text(1);
            emit(std::move(d), rowOrigin("raw_contacts", q.int64(0)));
        });
    }

    // Data whose raw contact row is gone (deleted, or on a damaged page), found at its first row.
    void emitOrphans()
    {
        for (auto &[rawId, d] : m_data)
            emit(std::move(d), rowOrigin("data", d.firstDataId));
        m_data.clear();
    }

    void emit(ContactData &&d, const model::RecordOrigin &origin)
    {
        if (d.name.empty() && d.nickname.empty() && d.organization.empty() && d.phones.empty() && d.emails.empty())
            return;   // nothing a person could use (an empty sync-adapter row)
        model::ContactRecord c;
        c.name = d.name.empty() ? d.nickname : d.nickname.empty() ? d.name : d.name + " (" + d.nickname + ")";
        c.organization = std::move(d.organization);
        c.phones = std::move(d.phones);
        c.emails = std::move(d.emails);
        c.origin = origin;
        m_out.addContact(std::move(c));
    }

    SqliteDatabase &m_db;
    RecordEmitter &m_out;
    const DatabaseSchema &m_schema;
    PartialErrors m_errors;
    std::map<std::int64_t, ContactData> m_data;   // by raw_contacts._id
};

} // namespace

bool AndroidContactsPlugin::acceptsDatabase(const FileContext &, const DatabaseSchema &schema) const
{
    return hasContacts(schema) || androidcontacts::hasCallLog(schema);
}

Result<void> AndroidContactsPlugin::processDatabase(const FileContext &file, SqliteDatabase &db, ResultSink &sink)
{
    RecordEmitter out(file, sink, "android-contacts", "Android Contacts");
    return ContactsParse(db, out).run();
}

std::string_view androidContactsMetadataJson()
{
    return kMetadataJson;
}

void registerAndroidContactsPlugin(PluginRegistry &registry)
{
    registry.add<AndroidContactsPlugin>(kMetadataJson);
}

} // namespace vigil::plugins
