// SPDX-License-Identifier: GPL-3.0-or-later
#include "tests/core/analysis/people/peoplecase.h"

#include <gtest/gtest.h>

#include "core/casedb/casestore.h"

namespace vigil::test {

using casedb::Database;
using casedb::Statement;

namespace {

constexpr std::int64_t kFeb1 = 1706745600;   // 2024-02-01T00:00:00Z

void check(const Result<void> &r, const std::string &what)
{
    if (!r)
        ADD_FAILURE() << what << ": " << r.error().toString();
}

void bindText(Statement &st, int col, const std::string &text)
{
    if (text.empty())
        st.bindNull(col);
    else
        st.bind(col, text);
}

} // namespace

std::int64_t feb(int day, int hour, int minute)
{
    return (kFeb1 + (day - 1) * 86400LL + hour * 3600LL + minute * 60LL) * 1'000'000'000LL;
}

std::unique_ptr<PeopleCase> PeopleCase::create(const std::filesystem::path &dir)
{
    {
        auto store = casedb::CaseStore::openOrCreate(dir, {"OP-P", "Examiner", "people"}, "Examiner");
        if (!store) {
            ADD_FAILURE() << store.error().toString();
            return nullptr;
        }
        (void)(*store)->addEvidence({"/x/laptop.E01", "laptop.E01", "ewf", {"/x/laptop.E01"}, 1 << 30, "", "", "{}"});
        (void)(*store)->addEvidence({"/x/phone", "phone", "folder", {}, std::nullopt, "", "", "{}"});
    }
    auto db = Database::open(dir / casedb::CaseStore::kDatabaseName, Database::Mode::ReadWrite);
    if (!db) {
        ADD_FAILURE() << db.error().toString();
        return nullptr;
    }
    auto c = std::unique_ptr<PeopleCase>(new PeopleCase(dir, std::move(*db)));
    c->exec("PRAGMA foreign_keys=ON");
    c->exec("PRAGMA synchronous=OFF");   // a test case: thousands of single-row inserts
    c->exec("INSERT INTO applications (id, name) VALUES ('whatsapp-android', 'WhatsApp'), "
            "('ios-messages', 'iOS Messages'), ('skype', 'Skype'), ('android-sms', 'Android SMS')");
    for (int evidence : {1, 2})
        c->exec("INSERT INTO files (id, evidence_id, path, name, meta_type, allocated, size, parser, parser_version) "
                "VALUES (" + std::to_string(evidence) + ", " + std::to_string(evidence) +
                ", '/chat.db', 'chat.db', 'file', 1, 4096, 'tsk', '4')");
    return c;
}

PeopleCase::PeopleCase(std::filesystem::path dir, Database db) : m_dir(std::move(dir)), m_db(std::move(db)) {}

void PeopleCase::exec(const std::string &sql)
{
    check(m_db.exec(sql), sql);
}

std::int64_t PeopleCase::sourceFor(const std::string &app, std::int64_t evidence)
{
    const auto key = std::pair(app, evidence);
    if (const auto it = m_sources.find(key); it != m_sources.end())
        return it->second;
    auto st = m_db.prepare("INSERT INTO parse_sources (evidence_id, file_id, parser, parser_version, app, started_utc, "
                           "status) VALUES (?, ?, ?, '1', ?, '2026-01-01T00:00:00Z', 'done')");
    if (!st) {
        ADD_FAILURE() << st.error().toString();
        return 0;
    }
    st->bind(1, evidence).bind(2, evidence).bind(3, app).bind(4, app);
    check(st->run(), "parse source");
    return m_sources[key] = m_db.lastInsertId();
}

std::int64_t PeopleCase::account(const AccountSpec &spec)
{
    auto st = m_db.prepare("INSERT INTO accounts (evidence_id, app, account_key, display_name, phone_raw, phone, "
                           "is_owner, source_id) VALUES (?,?,?,?,?,?,?,?)");
    if (!st) {
        ADD_FAILURE() << st.error().toString();
        return 0;
    }
    st->bind(1, spec.evidence).bind(2, spec.app).bind(3, spec.key);
    bindText(*st, 4, spec.name);
    bindText(*st, 5, spec.phone);
    bindText(*st, 6, spec.phone);
    st->bind(7, std::int64_t{spec.owner}).bind(8, sourceFor(spec.app, spec.evidence));
    check(st->run(), "account " + spec.key);
    return m_db.lastInsertId();
}

std::int64_t PeopleCase::conversation(const std::string &app, const std::vector<std::int64_t> &participants, bool group,
                                      std::int64_t evidence)
{
    auto st = m_db.prepare("INSERT INTO conversations (evidence_id, app, thread_key, is_group, source_id) "
                           "VALUES (?,?,?,?,?)");
    if (!st) {
        ADD_FAILURE() << st.error().toString();
        return 0;
    }
    st->bind(1, evidence).bind(2, app).bind(3, "thread-" + std::to_string(++m_threads));
    st->bind(4, std::int64_t{group}).bind(5, sourceFor(app, evidence));
    check(st->run(), "conversation");
    const std::int64_t id = m_db.lastInsertId();
    m_conversationEvidence[id] = evidence;
    for (const auto account : participants)
        exec("INSERT INTO participants (conversation_id, account_id) VALUES (" + std::to_string(id) + ", " +
             std::to_string(account) + ")");
    return id;
}

std::int64_t PeopleCase::message(std::int64_t conversation, std::optional<std::int64_t> sender,
                                 const std::string &direction, std::optional<std::int64_t> sentAt,
                                 std::optional<std::string> body, int attachments)
{
    const std::int64_t evidence = m_conversationEvidence.contains(conversation) ? m_conversationEvidence[conversation] : 1;
    auto st = m_db.prepare("INSERT INTO messages (conversation_id, evidence_id, sender_id, direction, sent_at, body, "
                           "attachment_count, source_id) VALUES (?,?,?,?,?,?,?,?)");
    if (!st) {
        ADD_FAILURE() << st.error().toString();
        return 0;
    }
    st->bind(1, conversation).bind(2, evidence).bind(3, sender).bind(4, direction).bind(5, sentAt);
    if (body)
        st->bind(6, *body);
    else
        st->bindNull(6);
    const std::int64_t source = sourceFor("whatsapp-android", evidence);
    st->bind(7, std::int64_t{attachments}).bind(8, source);
    check(st->run(), "message");
    const std::int64_t id = m_db.lastInsertId();
    for (int i = 0; i < attachments; ++i)
        exec("INSERT INTO attachments (message_id, evidence_id, file_name, source_id) VALUES (" + std::to_string(id) +
             ", " + std::to_string(evidence) + ", 'IMG-" + std::to_string(i) + ".jpg', " + std::to_string(source) + ")");
    return id;
}

std::int64_t PeopleCase::person(const std::string &label, const std::string &role,
                                const std::vector<std::int64_t> &accounts)
{
    auto st = m_db.prepare("INSERT INTO persons (label, role) VALUES (?, ?)");
    if (!st) {
        ADD_FAILURE() << st.error().toString();
        return 0;
    }
    check(st->bind(1, label).bind(2, role).run(), "person " + label);
    const std::int64_t id = m_db.lastInsertId();
    for (const auto account : accounts)
        exec("INSERT INTO person_accounts (account_id, person_id, rule, reason) VALUES (" + std::to_string(account) +
             ", " + std::to_string(id) + ", 'test', 'inserted by the test')");
    return id;
}

std::int64_t PeopleCase::scalar(const std::string &sql)
{
    auto st = m_db.prepare(sql);
    if (!st) {
        ADD_FAILURE() << st.error().toString();
        return -1;
    }
    auto row = st->step();
    if (!row || !*row) {
        ADD_FAILURE() << "no row: " << sql;
        return -1;
    }
    return st->int64(0);
}

std::vector<std::string> PeopleCase::dump(const std::string &table)
{
    std::vector<std::string> rows;
    auto columns = m_db.prepare("SELECT group_concat('quote(' || name || ')', ' || ''|'' || ') FROM pragma_table_info(?)");
    const auto found = columns ? columns->bind(1, table).step() : Result<bool>(false);
    if (!found || !*found) {
        ADD_FAILURE() << "cannot list the columns of " << table;
        return rows;
    }
    auto st = m_db.prepare("SELECT " + columns->text(0) + " FROM " + table + " ORDER BY 1");
    if (!st) {
        ADD_FAILURE() << st.error().toString();
        return rows;
    }
    (void)st->forEachRow([&](const Statement &r) {
        rows.push_back(r.text(0));
        return true;
    });
    return rows;
}

namespace {

// One side of a one-to-one conversation: the suspect's account and the other party's.
struct Chat {
    PeopleCase &c;
    std::int64_t conversation, suspect, other;

    std::int64_t in(int day, int hour, const std::string &body, int attachments = 0)
    {
        return c.message(conversation, other, "incoming", feb(day, hour), body, attachments);
    }
    std::int64_t out(int day, int hour, const std::string &body, int attachments = 0)
    {
        return c.message(conversation, suspect, "outgoing", feb(day, hour), body, attachments);
    }
};

void addAva(PeopleCase &c, Scenario &s)
{
    const auto ava = s.accounts["ava"] = c.account({"ios-messages", "+14165550142", "Ava", "+14165550142"});
    Chat chat{c, s.conversations["ava"] = c.conversation("ios-messages", {s.accounts["suspect-ios"], ava}),
              s.accounts["suspect-ios"], ava};
    chat.in(3, 18, "hi who is this");
    s.messages["ava-misrep"] = chat.out(3, 19, "I'm Jay, same age as you");
    s.messages["ava-age"] = chat.in(3, 20, "I'm 13 lol");
    s.messages["ava-secret"] = chat.out(5, 18, "don't tell anyone about us");
    s.messages["ava-pic"] = chat.out(6, 18, "send me a pic");
    s.messages["ava-photo"] = chat.in(7, 18, "here", 1);
    s.messages["ava-selfharm"] = chat.in(14, 21, "sometimes I want to die");
}

void addBen(PeopleCase &c, Scenario &s)
{
    const auto ben = s.accounts["ben"] = c.account({"whatsapp-android", "447700900452@s.whatsapp.net", "Ben", "+447700900452"});
    Chat chat{c, s.conversations["ben"] = c.conversation("whatsapp-android", {s.accounts["suspect-wa"], ben}),
              s.accounts["suspect-wa"], ben};
    s.messages["ben-first"] = chat.in(1, 9, "hey");
    chat.out(1, 10, "how old are you");
    s.messages["ben-age"] = chat.in(1, 11, "I'm 14");
    s.messages["ben-year"] = chat.in(1, 12, "well I'm in year 8 actually");
    s.messages["ben-pic"] = chat.out(2, 10, "send pics", 1);
    s.messages["ben-threat"] = chat.out(3, 10, "pay or i post them, everyone will see");
    chat.in(4, 10, "please stop");
    s.messages["ben-last"] = chat.in(6, 10, "ok");
}

void addCara(PeopleCase &c, Scenario &s)
{
    const auto cara = s.accounts["cara"] = c.account({"skype", "cara.sk8", "Cara", ""});
    Chat chat{c, s.conversations["cara"] = c.conversation("skype", {s.accounts["suspect-skype"], cara}),
              s.accounts["suspect-skype"], cara};
    s.messages["cara-age"] = chat.in(20, 16, "I'm 12");
    s.messages["cara-photo"] = chat.out(21, 10, "send me a photo");
    s.messages["cara-password"] = chat.out(21, 11, "now tell me your password");
    s.messages["cara-last"] = chat.in(22, 9, "no");
}

void addDan(PeopleCase &c, Scenario &s)
{
    const auto dan = s.accounts["dan"] = c.account({"whatsapp-android", "447700900777@s.whatsapp.net", "Dan", "+447700900777"});
    Chat chat{c, s.conversations["dan"] = c.conversation("whatsapp-android", {s.accounts["suspect-wa"], dan}),
              s.accounts["suspect-wa"], dan};
    chat.in(10, 15, "who are you");
    chat.out(10, 16, "same age as you mate");
    chat.out(11, 16, "don't tell anyone we talk");
    chat.out(12, 16, "add me on snap");
    chat.in(12, 17, "ok");
}

void addOrdinary(PeopleCase &c, Scenario &s)
{
    const auto mum = s.accounts["mum"] = c.account({"whatsapp-android", "447700900232@s.whatsapp.net", "Mum", "+447700900232"});
    Chat family{c, s.conversations["mum"] = c.conversation("whatsapp-android", {s.accounts["suspect-wa"], mum}),
                s.accounts["suspect-wa"], mum};
    family.in(27, 18, "dinner at 6?");
    family.out(27, 19, "yes, and don't tell anyone about the surprise party");
    s.messages["latest"] = family.in(29, 20, "ok love you");
    const auto shop = s.accounts["shop"] = c.account({"android-sms", "+441632960123", "Corner Shop", "+441632960123"});
    Chat sms{c, s.conversations["shop"] = c.conversation("android-sms", {s.accounts["suspect-wa"], shop}),
             s.accounts["suspect-wa"], shop};
    sms.in(15, 9, "your parcel is ready");
    sms.out(15, 10, "can I pay by paypal");
    const auto tom = s.accounts["tom"] = c.account({"whatsapp-android", "447700900318@s.whatsapp.net", "Tom", "+447700900318"});
    const auto sam = s.accounts["sam"] = c.account({"whatsapp-android", "447700900389@s.whatsapp.net", "Sam", "+447700900389"});
    const auto group = s.conversations["group"] =
        c.conversation("whatsapp-android", {s.accounts["suspect-wa"], tom, sam}, true);
    c.message(group, tom, "incoming", feb(18, 20), "great match today");
    c.message(group, sam, "incoming", feb(18, 21), "see you sunday");
    c.message(group, s.accounts["suspect-wa"], "outgoing", feb(18, 22), "well played all");
}

void addStrangers(PeopleCase &c, Scenario &s)
{
    const auto a = s.accounts["stranger-a"] = c.account({"whatsapp-android", "a@phone", "A", "", false, 2});
    const auto b = s.accounts["stranger-b"] = c.account({"whatsapp-android", "b@phone", "B", "", false, 2});
    const auto conv = s.conversations["strangers"] = c.conversation("whatsapp-android", {a, b}, false, 2);
    c.message(conv, a, "incoming", feb(9, 9), "I'm 13, send me a pic");
    c.message(conv, b, "outgoing", feb(9, 10), "kill myself");
}

} // namespace

Scenario buildScenario(PeopleCase &c, bool withPersons)
{
    Scenario s;
    s.accounts["suspect-wa"] = c.account({"whatsapp-android", "447700900100@s.whatsapp.net", "Jay", "+447700900100", true});
    s.accounts["suspect-ios"] = c.account({"ios-messages", "e:alex.dunn@example.com", "Alex", "+447700900100", true});
    s.accounts["suspect-skype"] = c.account({"skype", "alex.dunn.1987", "Alex Dunn", "+447700900100", true});
    addAva(c, s);
    addBen(c, s);
    addCara(c, s);
    addDan(c, s);
    addOrdinary(c, s);
    addStrangers(c, s);
    if (!withPersons)
        return s;
    s.suspect = c.person("Alex Dunn", "suspect",
                         {s.accounts["suspect-wa"], s.accounts["suspect-ios"], s.accounts["suspect-skype"]});
    const std::pair<std::int64_t *, const char *> others[] = {{&s.ava, "ava"}, {&s.ben, "ben"}, {&s.cara, "cara"},
                                                              {&s.dan, "dan"}, {&s.mum, "mum"}, {&s.shop, "shop"},
                                                              {&s.tom, "tom"}, {&s.sam, "sam"}};
    for (const auto &[id, name] : others)
        *id = c.person(name, "other", {s.accounts[name]});
    c.person("A", "other", {s.accounts["stranger-a"]});
    c.person("B", "other", {s.accounts["stranger-b"]});
    return s;
}

} // namespace vigil::test
