// SPDX-License-Identifier: GPL-3.0-or-later
#include "plugins/parsers/ios-contacts/ioscontacts.h"

#include <map>
#include <utility>
#include <vector>

#include "plugins/api/partialerrors.h"
#include "plugins/api/recordemitter.h"
#include "plugins/api/registry.h"
#include "plugins/api/sqlitedb.h"

namespace vigil::plugins {

namespace {

constexpr std::string_view kMetadataJson =
#include "metadata.json.inc"
    ;

// ABMultiValue.property: kABPersonPhoneProperty and kABPersonEmailProperty.
constexpr std::int64_t kPhoneProperty = 3;
constexpr std::int64_t kEmailProperty = 4;

void appendWord(std::string &out, const std::string &word)
{
    if (word.empty())
        return;
    out += (out.empty() ? "" : " ") + word;
}

// The phone numbers and emails of one ABPerson row.
struct MultiValues {
    std::int64_t firstUid = 0;   // where an orphan's entry is found
    std::vector<std::string> phones, emails;
};

// Columns of the ABPerson query, in order.
enum PersonColumn { kRowid, kFirst, kMiddle, kLast, kNickname, kOrganization, kDisplayName, kFallback };

// "First Middle Last (Nickname)"; a card without a person's name is named by what it has.
std::string personName(const SqliteQuery &q)
{
    std::string name;
    for (int col : {kFirst, kMiddle, kLast})
        appendWord(name, q.text(col));
    for (int col : {kDisplayName, kFallback}) {
        if (name.empty())
            name = q.text(col);
    }
    const std::string nickname = q.text(kNickname);
    if (name.empty())
        return nickname.empty() ? q.text(kOrganization) : nickname;
    return nickname.empty() ? name : name + " (" + nickname + ")";
}

// Everything one parse needs to remember, so processDatabase() stays free of shared state.
class ContactsParse
{
public:
    ContactsParse(SqliteDatabase &db, RecordEmitter &out) : m_db(db), m_out(out), m_schema(db.schema()) {}

    Result<void> run()
    {
        readMultiValues();
        readPeople();
        emitOrphans();
        m_out.flush();
        return m_errors.result();
    }

private:
    void readMultiValues()
    {
        const std::string sql =
            "SELECT UID, record_id, property, value FROM ABMultiValue WHERE property IN (3, 4) ORDER BY record_id, "
            + m_schema.pick("ABMultiValue", {"identifier"}) + ", UID";
        forEachRow(m_db, m_errors, sql, "ABMultiValue", [this](const SqliteQuery &q) {
            const std::string value = q.text(3);
            if (value.empty())
                return;
            MultiValues &mv = m_values[q.int64(1)];
            mv.firstUid = mv.firstUid ? mv.firstUid : q.int64(0);
            (q.int64(2) == kPhoneProperty ? mv.phones : mv.emails).push_back(value);
        });
    }

    void readPeople()
    {
        const std::string sql = "SELECT ROWID, "
                              + m_schema.pickEach("ABPerson", {"first", "middle", "last", "nickname", "organization",
                                                               "displayname", "compositenamefallback"})
                              + " FROM ABPerson ORDER BY ROWID";
        forEachRow(m_db, m_errors, sql, "ABPerson", [this](const SqliteQuery &q) { personRow(q); });
    }

    void personRow(const SqliteQuery &q)
    {
        model::ContactRecord c;
        c.name = personName(q);
        c.organization = q.text(kOrganization);
        if (auto it = m_values.find(q.int64(kRowid)); it != m_values.end()) {
            c.phones = std::move(it->second.phones);
            c.emails = std::move(it->second.emails);
            m_values.erase(it);
        }
        c.origin = rowOrigin("ABPerson", q.int64(kRowid));
        m_out.addContact(std::move(c));
    }

    // Numbers and emails whose person row is gone (deleted, or on a damaged page): kept as
    // nameless contacts, found at their first ABMultiValue row.
    void emitOrphans()
    {
        for (auto &[recordId, mv] : m_values) {
            model::ContactRecord c;
            c.phones = std::move(mv.phones);
            c.emails = std::move(mv.emails);
            c.origin = rowOrigin("ABMultiValue", mv.firstUid);
            m_out.addContact(std::move(c));
        }
        m_values.clear();
    }

    SqliteDatabase &m_db;
    RecordEmitter &m_out;
    const DatabaseSchema &m_schema;
    PartialErrors m_errors;
    std::map<std::int64_t, MultiValues> m_values;   // by ABPerson ROWID
};

} // namespace

bool IosContactsPlugin::acceptsDatabase(const FileContext &, const DatabaseSchema &schema) const
{
    return schema.hasColumns("ABPerson", {"first", "last", "organization"})
        && schema.hasColumns("ABMultiValue", {"uid", "record_id", "property", "value"});
}

Result<void> IosContactsPlugin::processDatabase(const FileContext &file, SqliteDatabase &db, ResultSink &sink)
{
    RecordEmitter out(file, sink, "ios-contacts", "iOS Contacts");
    return ContactsParse(db, out).run();
}

std::string_view iosContactsMetadataJson()
{
    return kMetadataJson;
}

void registerIosContactsPlugin(PluginRegistry &registry)
{
    registry.add<IosContactsPlugin>(kMetadataJson);
}

} // namespace vigil::plugins
