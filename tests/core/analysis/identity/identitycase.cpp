// SPDX-License-Identifier: GPL-3.0-or-later
#include "tests/core/analysis/identity/identitycase.h"

#include <stdexcept>

#include "core/casedb/schema.h"

namespace vigil::test {

namespace {

template <typename T>
T check(Result<T> r, const char *what)
{
    if (!r)
        throw std::runtime_error(std::string(what) + ": " + r.error().toString());
    if constexpr (!std::is_void_v<T>)
        return std::move(*r);
}

void bindOptional(casedb::Statement &s, int index, const std::string &value)
{
    if (value.empty())
        s.bindNull(index);
    else
        s.bind(index, value);
}

} // namespace

IdentityCase::IdentityCase()
{
    m_db = check(casedb::Database::open(m_dir.path() / "case.vigil", casedb::Database::Mode::ReadWrite, true), "open");
    check(m_db.exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=OFF"), "pragmas");   // as the case store, minus fsyncs
    check(casedb::migrate(m_db), "migrate");
    check(m_db.exec("PRAGMA foreign_keys=ON"), "foreign keys");
}

std::int64_t IdentityCase::addEvidence(const std::string &name)
{
    auto st = check(m_db.prepare("INSERT INTO evidence(path, display_name, kind, added_utc) VALUES (?,?,'folder',"
                                 "'2026-01-01T00:00:00Z')"),
                    "evidence");
    check(st.bind(1, "/evidence/" + name).bind(2, name).run(), "evidence");
    return m_db.lastInsertId();
}

std::int64_t IdentityCase::sourceFor(std::int64_t evidenceId, const std::string &app)
{
    const auto it = m_sources.find({evidenceId, app});
    if (it != m_sources.end())
        return it->second;
    auto file = check(m_db.prepare("INSERT INTO files(evidence_id, path, name, meta_type, allocated, size, parser, "
                                   "parser_version) VALUES (?,?,?,'file',1,4096,'folder','1')"),
                      "file");
    const std::string name = app + "-" + std::to_string(++m_files) + ".db";
    check(file.bind(1, evidenceId).bind(2, "/data/" + name).bind(3, name).run(), "file");
    const std::int64_t fileId = m_db.lastInsertId();
    check(m_db.exec("INSERT OR IGNORE INTO applications(id, name) VALUES ('" + app + "', '" + app + " app')"), "app");
    auto src = check(m_db.prepare("INSERT INTO parse_sources(evidence_id, file_id, parser, parser_version, app, "
                                  "started_utc, status) VALUES (?,?,?,'1',?,'2026-01-01T00:00:00Z','done')"),
                     "source");
    check(src.bind(1, evidenceId).bind(2, fileId).bind(3, app).bind(4, app).run(), "source");
    return m_sources[{evidenceId, app}] = m_db.lastInsertId();
}

std::int64_t IdentityCase::addAccount(std::int64_t evidenceId, const AccountSpec &a)
{
    const std::int64_t source = sourceFor(evidenceId, a.app);
    auto st = check(m_db.prepare("INSERT INTO accounts(evidence_id, app, account_key, display_name, phone_raw, phone, "
                                 "email, username, is_owner, contact_name, source_id) VALUES (?,?,?,?,?,?,?,?,?,?,?)"),
                    "account");
    st.bind(1, evidenceId).bind(2, a.app).bind(3, a.key);
    bindOptional(st, 4, a.displayName);
    bindOptional(st, 5, a.phone);
    bindOptional(st, 6, a.phone);
    bindOptional(st, 7, a.email);
    bindOptional(st, 8, a.username);
    st.bind(9, std::int64_t{a.owner});
    bindOptional(st, 10, a.contactName);
    st.bind(11, source);
    check(st.run(), "account");
    return m_db.lastInsertId();
}

std::int64_t IdentityCase::addContact(std::int64_t evidenceId, const ContactSpec &c)
{
    const std::int64_t source = sourceFor(evidenceId, c.app);
    auto st = check(m_db.prepare("INSERT INTO contacts(evidence_id, app, name, account_key, source_id) VALUES (?,?,?,?,?)"),
                    "contact");
    st.bind(1, evidenceId).bind(2, c.app);
    bindOptional(st, 3, c.name);
    bindOptional(st, 4, c.accountKey);
    check(st.bind(5, source).run(), "contact");
    const std::int64_t id = m_db.lastInsertId();
    auto ident = check(m_db.prepare("INSERT INTO contact_identifiers(contact_id, kind, raw, value) VALUES (?,?,?,?)"),
                       "identifier");
    for (const auto &[kind, list] : {std::pair("phone", &c.phones), std::pair("email", &c.emails)})
        for (const auto &v : *list)
            check(ident.bind(1, id).bind(2, kind).bind(3, v).bind(4, v).run(), "identifier");
    return id;
}

std::int64_t IdentityCase::scalar(const std::string &sql)
{
    auto st = check(m_db.prepare(sql), "query");
    return check(st.step(), "query") ? st.int64(0) : -1;
}

std::string IdentityCase::text(const std::string &sql, std::int64_t id)
{
    auto st = check(m_db.prepare(sql), "query");
    st.bind(1, id);
    return check(st.step(), "query") ? st.text(0) : std::string("<none>");
}

std::int64_t IdentityCase::personOf(std::int64_t accountId)
{
    return scalar("SELECT person_id FROM person_accounts WHERE account_id = " + std::to_string(accountId));
}

std::string IdentityCase::ruleOf(std::int64_t accountId)
{
    return text("SELECT rule FROM person_accounts WHERE account_id = ?", accountId);
}

std::string IdentityCase::reasonOf(std::int64_t accountId)
{
    return text("SELECT reason FROM person_accounts WHERE account_id = ?", accountId);
}

std::optional<std::int64_t> IdentityCase::linkedOf(std::int64_t accountId)
{
    auto st = check(m_db.prepare("SELECT linked_account_id FROM person_accounts WHERE account_id = ?"), "query");
    st.bind(1, accountId);
    return check(st.step(), "query") ? st.optInt64(0) : std::nullopt;
}

std::string IdentityCase::roleOf(std::int64_t personId)
{
    return text("SELECT role FROM persons WHERE id = ?", personId);
}

std::string IdentityCase::labelOf(std::int64_t personId)
{
    return text("SELECT label FROM persons WHERE id = ?", personId);
}

std::vector<std::string> IdentityCase::dump()
{
    std::vector<std::string> rows;
    auto st = check(m_db.prepare("SELECT 'p', id, label, role, '', '' FROM persons UNION ALL "
                                 "SELECT 'a', account_id, person_id, rule, reason, coalesce(linked_account_id, '') "
                                 "FROM person_accounts ORDER BY 1, 2"),
                    "dump");
    (void)st.forEachRow([&](const casedb::Statement &s) {
        rows.push_back(s.text(0) + "|" + s.text(1) + "|" + s.text(2) + "|" + s.text(3) + "|" + s.text(4) + "|" +
                       s.text(5));
        return true;
    });
    return rows;
}

} // namespace vigil::test
