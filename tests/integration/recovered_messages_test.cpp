// SPDX-License-Identifier: GPL-3.0-or-later
// Deleted chat messages come back as messages: a phone extraction (a folder, and the same files
// in an ext4 image) with a WhatsApp msgstore.db and two Android mmssms.db made with each app's
// real DDL (tests/data/ddl), some messages deleted with secure_delete off, is ingested with the
// real `vigil`. The deleted messages must appear in their own conversation, marked recovered,
// with where they were found and a byte offset that really holds the record; live messages must
// not be doubled; --no-sqlite-recovery leaves them out.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <fstream>
#include <iterator>
#include <map>
#include <memory>

#include "harness.h"

using namespace vigil::test;

namespace {

constexpr std::int64_t kT0 = 1772359200000;   // 2026-03-01T10:00:00Z in milliseconds

void exec(sqlite3 *db, const std::string &sql)
{
    char *err = nullptr;
    const int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &err);
    ASSERT_EQ(rc, SQLITE_OK) << (err ? err : "") << " in " << sql.substr(0, 300);
    sqlite3_free(err);
}

std::string readText(const fs::path &p)
{
    std::ifstream in(p, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
}

std::string ddl(const std::string &name)
{
    return readText(fs::path(VIGIL_SOURCE_DIR) / "tests/data/ddl" / (name + ".sql"));
}

// A database being generated; a WAL-mode one keeps its WAL when closed (no checkpoint).
class Generated
{
public:
    explicit Generated(const fs::path &path)
    {
        fs::create_directories(path.parent_path());
        sqlite3_open(path.c_str(), &m_db);
        int unused = 0;
        sqlite3_db_config(m_db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, &unused);
        exec(m_db, "PRAGMA secure_delete=OFF; PRAGMA auto_vacuum=NONE;");
    }
    ~Generated() { sqlite3_close(m_db); }
    Generated(const Generated &) = delete;
    Generated &operator=(const Generated &) = delete;
    sqlite3 *db() const { return m_db; }

private:
    sqlite3 *m_db = nullptr;
};

std::string q(const std::string &s)
{
    std::string out = "'";
    for (char c : s)
        out += c == '\'' ? std::string("''") : std::string(1, c);
    return out + "'";
}

// What was deleted, and where its conversation is: the app's thread key of it.
struct Deleted {
    std::string body, threadKey;
    std::string expectedFrom;   // recovered_from
    std::string file;           // evidence file the offset refers to
};

// msgstore.db (WhatsApp 2025 schema) with the app's unique message key index, a full-text
// table and a trigger beside the tables: chats with Alex (10), Sam (12) and a group (11); three
// messages deleted, three updated (their older versions clash with the key index).
std::vector<Deleted> makeWhatsApp(const fs::path &path)
{
    Generated g(path);
    sqlite3 *db = g.db();
    exec(db, ddl("whatsapp_msgstore_2025"));
    exec(db, "CREATE UNIQUE INDEX message_key_index ON message (chat_row_id, from_me, key_id, sender_jid_row_id);"
             "CREATE VIRTUAL TABLE message_ftsv2 USING fts4(content);"
             "CREATE TABLE message_log(id INTEGER);"
             "CREATE TRIGGER message_ai AFTER INSERT ON message BEGIN INSERT INTO message_log VALUES (new._id); END;");
    exec(db, R"SQL(
INSERT INTO props (_id, key, value) VALUES (3, 'user_push_name', 'Chris');
INSERT INTO jid (_id, user, server, agent, device, type, raw_string) VALUES
  (1, '447700900123', 's.whatsapp.net', 0, 0, 0, '447700900123@s.whatsapp.net'),
  (2, '447700900456', 's.whatsapp.net', 0, 0, 0, '447700900456@s.whatsapp.net'),
  (3, '120363001234567890', 'g.us', 0, 0, 1, '120363001234567890@g.us');
INSERT INTO chat (_id, jid_row_id, hidden, subject, created_timestamp) VALUES
  (10, 1, 0, NULL, 1772272800000), (11, 3, 0, 'Football practice', 1772272800500), (12, 2, 0, NULL, NULL);
INSERT INTO group_participant_user (_id, group_jid_row_id, user_jid_row_id, rank, pending) VALUES (1, 3, 2, 0, 0);
)SQL");
    // One deleted message in each chat: message 100 + i is in chats[i % 3].
    const int chats[] = {10, 12, 11};
    const std::map<int, std::string> gone = {{130, "deleted: meet me at the library after school"},
                                             {146, "deleted: do not tell anyone about the game"},
                                             {159, "deleted: the group photo is on the drive"}};
    exec(db, "BEGIN");
    for (int i = 1; i <= 90; ++i) {
        const int chat = chats[i % 3];
        const std::string id = std::to_string(100 + i);
        const auto del = gone.find(100 + i);
        const std::string text = del != gone.end() ? del->second
                                                 : "chat " + std::to_string(chat) + " line " + std::to_string(i) +
                                                       " about homework";
        exec(db, "INSERT INTO message (_id, chat_row_id, from_me, key_id, sender_jid_row_id, status, timestamp, "
                 "message_type, text_data, sort_id) VALUES (" + id + ", " + std::to_string(chat) + ", " +
                     std::to_string(i % 2) + ", 'K" + id + "', " + (chat == 11 ? "2" : "0") + ", 0, " +
                     std::to_string(kT0 + i * 60000) + ", 0, " + q(text) + ", " + id + ")");
        exec(db, "INSERT INTO message_ftsv2 (docid, content) VALUES (" + id + ", " + q(text) + ")");
    }
    exec(db, "COMMIT");
    std::vector<Deleted> out;
    // Status updates rewrite a few cells: their older versions stay in free space.
    exec(db, "UPDATE message SET status=13 WHERE _id IN (105, 120, 135)");
    for (const auto &[id, body] : gone) {
        exec(db, "DELETE FROM message WHERE _id=" + std::to_string(id));
        exec(db, "DELETE FROM message_ftsv2 WHERE docid=" + std::to_string(id));
        out.push_back({body, "", "", path.filename().string()});
    }
    // Thread keys as the parser names conversations: the chat's JID.
    const std::map<int, std::string> jidOfChat = {
        {10, "447700900123@s.whatsapp.net"}, {11, "120363001234567890@g.us"}, {12, "447700900456@s.whatsapp.net"}};
    auto it = gone.begin();
    for (auto &d : out)
        d.threadKey = jidOfChat.at(chats[(it++->first - 100) % 3]);
    return out;
}

// mmssms.db in rollback-journal mode: two threads, 60 messages, three deleted, two whose status
// changed (their older versions differ only in it).
std::vector<Deleted> makeSms(const fs::path &path)
{
    Generated g(path);
    sqlite3 *db = g.db();
    exec(db, ddl("android_mmssms_modern"));
    exec(db, "INSERT INTO canonical_addresses VALUES (1, '07700900456'), (2, '+447700900123');"
             "INSERT INTO threads (_id, recipient_ids) VALUES (1, '1'), (2, '2');");
    const std::map<int, std::string> gone = {
        {12, "deleted sms: come alone"}, {25, "deleted sms: delete this message"}, {41, "deleted sms: our secret"}};
    exec(db, "BEGIN");
    for (int i = 1; i <= 60; ++i) {
        const int thread = 1 + i % 2;
        const auto del = gone.find(i);
        const std::string body = del != gone.end() ? del->second : "text " + std::to_string(i) + " see you at practice";
        const std::string address = thread == 1 ? "07700900456" : "+447700900123";
        exec(db, "INSERT INTO sms (_id, thread_id, address, date, type, read, status, body) VALUES (" +
                     std::to_string(i) + ", " + std::to_string(thread) + ", " + q(address) + ", " +
                     std::to_string(kT0 + i * 1000) + ", " + std::to_string(1 + i % 2) + ", 1, 0, " + q(body) + ")");
    }
    exec(db, "COMMIT");
    // Status 0 -> 32: each cell grows by a byte, so its older version stays in free space.
    exec(db, "UPDATE sms SET status=32 WHERE _id IN (7, 30)");
    std::vector<Deleted> out;
    for (const auto &[id, body] : gone) {
        exec(db, "DELETE FROM sms WHERE _id=" + std::to_string(id));
        out.push_back({body, std::to_string(1 + id % 2), "", path.filename().string()});
    }
    return out;
}

// mmssms.db in WAL mode: 20 messages in three transactions, checkpointed, then message 3 deleted.
// The WAL starts over for the delete, so older frames of the previous generation still hold the
// page with message 3 (so does the database file).
Deleted makeSmsWal(const fs::path &path)
{
    Generated g(path);
    sqlite3 *db = g.db();
    exec(db, "PRAGMA journal_mode=WAL; PRAGMA wal_autocheckpoint=0;");
    exec(db, "BEGIN;" + ddl("android_mmssms_modern") +
                 "INSERT INTO canonical_addresses VALUES (1, '07700900999');"
                 "INSERT INTO threads (_id, recipient_ids) VALUES (1, '1'); COMMIT;");
    for (int from = 1; from <= 20; from += 7) {
        std::string txn = "BEGIN;";
        for (int i = from; i < from + 7 && i <= 20; ++i)
            txn += "INSERT INTO sms (_id, thread_id, address, date, type, read, body) VALUES (" + std::to_string(i) +
                   ", 1, '07700900999', " + std::to_string(kT0 + i * 1000) + ", 1, 1, " +
                   q(i == 3 ? std::string("wal case: the message deleted after the checkpoint")
                            : "wal case message " + std::to_string(i)) +
                   ");";
        exec(db, txn + "COMMIT;");
    }
    exec(db, "PRAGMA wal_checkpoint(PASSIVE);");
    exec(db, "DELETE FROM sms WHERE _id=3;");
    return {"wal case: the message deleted after the checkpoint", "1", "wal", path.filename().string() + "-wal"};
}

// The case database, read-only.
class CaseDb
{
public:
    explicit CaseDb(const fs::path &caseDir)
    {
        sqlite3_open_v2((caseDir / "case.vigil").c_str(), &m_db, SQLITE_OPEN_READONLY, nullptr);
    }
    ~CaseDb() { sqlite3_close(m_db); }
    CaseDb(const CaseDb &) = delete;
    CaseDb &operator=(const CaseDb &) = delete;

    // The rows of `sql` (every column as text, NULL as "<null>").
    std::vector<std::vector<std::string>> rows(const std::string &sql, const std::string &bind = {}) const
    {
        std::vector<std::vector<std::string>> out;
        sqlite3_stmt *st = nullptr;
        EXPECT_EQ(sqlite3_prepare_v2(m_db, sql.c_str(), -1, &st, nullptr), SQLITE_OK) << sqlite3_errmsg(m_db) << sql;
        if (!bind.empty())
            sqlite3_bind_text(st, 1, bind.c_str(), -1, SQLITE_TRANSIENT);
        while (st && sqlite3_step(st) == SQLITE_ROW) {
            std::vector<std::string> row;
            for (int c = 0; c < sqlite3_column_count(st); ++c) {
                const auto *t = reinterpret_cast<const char *>(sqlite3_column_text(st, c));
                row.emplace_back(t ? t : "<null>");
            }
            out.push_back(std::move(row));
        }
        sqlite3_finalize(st);
        return out;
    }
    std::int64_t count(const std::string &sql, const std::string &bind = {}) const
    {
        const auto r = rows(sql, bind);
        return r.empty() ? -1 : std::stoll(r[0][0]);
    }

private:
    sqlite3 *m_db = nullptr;
};

// Reads a SQLite varint at `pos`.
std::pair<std::uint64_t, std::size_t> varint(const std::string &b, std::size_t pos)
{
    std::uint64_t v = 0;
    for (std::size_t i = 0; i < 9 && pos + i < b.size(); ++i) {
        const auto c = static_cast<unsigned char>(b[pos + i]);
        if (i == 8)
            return {(v << 8) | c, 9};
        v = (v << 7) | (c & 0x7f);
        if (!(c & 0x80))
            return {v, i + 1};
    }
    return {v, 0};
}

// The record at `offset` of `file` holds `body`: an intact cell (payload length, rowid = the
// recorded one, record with the text inside the payload) or a freed cell (a freeblock header
// whose size covers the text).
void expectRecordAt(const fs::path &file, std::int64_t offset, const std::string &rowid, const std::string &body)
{
    const std::string bytes = readText(file);
    ASSERT_GE(offset, 0);
    ASSERT_LT(static_cast<std::size_t>(offset), bytes.size()) << file;
    const auto at = static_cast<std::size_t>(offset);
    const std::size_t text = bytes.find(body, at);
    ASSERT_NE(text, std::string::npos) << body << " not after offset " << offset << " of " << file;
    if (rowid != "<null>") {
        const auto [payload, n1] = varint(bytes, at);
        const auto [id, n2] = varint(bytes, at + n1);
        EXPECT_EQ(std::to_string(id), rowid) << "rowid of the cell at " << offset;
        EXPECT_LE(text + body.size(), at + n1 + n2 + payload) << "text outside the cell at " << offset;
    } else {
        const std::size_t size = static_cast<unsigned char>(bytes[at + 2]) << 8 | static_cast<unsigned char>(bytes[at + 3]);
        EXPECT_LE(text + body.size(), at + size) << "text outside the freed cell at " << offset;
    }
}

class RecoveredMessages : public ::testing::Test {
protected:
    static void SetUpTestSuite()
    {
        s_dir = std::make_unique<TempDir>();
        const fs::path phone = s_dir->path() / "phone";
        const fs::path wa = phone / "data/data/com.whatsapp/databases/msgstore.db";
        const fs::path sms = phone / "data/user_de/0/com.android.providers.telephony/databases/mmssms.db";
        const fs::path smsWal = phone / "sdcard/backup/mmssms.db";
        s_deleted = makeWhatsApp(wa);
        for (auto &d : s_deleted) {
            d.file = wa.string();
        }
        for (auto d : makeSms(sms)) {
            d.file = sms.string();
            s_deleted.push_back(d);
        }
        Deleted w = makeSmsWal(smsWal);
        w.file = smsWal.string() + "-wal";
        s_deleted.push_back(w);
        fs::remove(smsWal.string() + "-shm");
        s_withRecovery = ingest({phone}, s_dir->path() / "case", "--no-media");
        s_without = ingest({phone}, s_dir->path() / "case-off", "--no-media --no-sqlite-recovery");
    }
    static void TearDownTestSuite() { s_dir.reset(); }

    static fs::path caseDir() { return s_dir->path() / "case"; }

    static std::unique_ptr<TempDir> s_dir;
    static std::vector<Deleted> s_deleted;
    static CommandResult s_withRecovery, s_without;
};

std::unique_ptr<TempDir> RecoveredMessages::s_dir;
std::vector<Deleted> RecoveredMessages::s_deleted;
CommandResult RecoveredMessages::s_withRecovery, RecoveredMessages::s_without;

constexpr const char *kMessageOf =
    "SELECT m.record_source, m.recovered_from, m.source_offset, coalesce(m.source_rowid, '<null>'), c.thread_key, "
    "m.source_table, f.name FROM messages m JOIN conversations c ON c.id=m.conversation_id "
    "JOIN parse_sources ps ON ps.id=m.source_id JOIN files f ON f.id=ps.file_id WHERE m.body=?1";

TEST_F(RecoveredMessages, DeletedMessagesAreInTheirConversationMarkedRecovered)
{
    ASSERT_EQ(s_withRecovery.exitCode, 0) << s_withRecovery.out;
    CaseDb db(caseDir());
    ASSERT_EQ(s_deleted.size(), 7u);
    for (const auto &d : s_deleted) {
        const auto rows = db.rows(kMessageOf, d.body);
        ASSERT_EQ(rows.size(), 1u) << d.body;
        const auto &r = rows[0];
        EXPECT_EQ(r[0], "recovered") << d.body;
        EXPECT_EQ(r[4], d.threadKey) << d.body << ": in the wrong conversation";
        if (!d.expectedFrom.empty()) {
            EXPECT_EQ(r[1], d.expectedFrom) << d.body;
        } else {
            EXPECT_TRUE(r[1] == "freeblock" || r[1] == "unallocated") << d.body << ": " << r[1];
        }
        // The offset is in the file recovered_from names: the database, or its WAL.
        const bool inWal = r[1] == "wal";
        EXPECT_EQ(inWal, d.file.ends_with("-wal")) << d.body;
        expectRecordAt(d.file, std::stoll(r[2]), r[3], d.body);
    }
}

TEST_F(RecoveredMessages, TheWalCaseKeepsItsRowid)
{
    CaseDb db(caseDir());
    const auto rows = db.rows(kMessageOf, "wal case: the message deleted after the checkpoint");
    ASSERT_EQ(rows.size(), 1u);
    EXPECT_EQ(rows[0][3], "3");   // an intact cell in an older WAL frame keeps its rowid
    EXPECT_EQ(rows[0][5], "sms");
}

TEST_F(RecoveredMessages, LiveMessagesAreNotDoubled)
{
    CaseDb db(caseDir());
    // 87 WhatsApp + 57 SMS + 19 WAL-case live messages, each once, plus the 7 recovered ones.
    EXPECT_EQ(db.count("SELECT count(*) FROM messages WHERE record_source='live'"), 87 + 57 + 19);
    EXPECT_EQ(db.count("SELECT count(*) FROM (SELECT body FROM messages GROUP BY source_id, body HAVING count(*) > 1)"), 0);
    EXPECT_EQ(db.count("SELECT count(*) FROM messages WHERE record_source='recovered'"), 7);
    // Older versions of updated messages (another status) do not come back as second copies:
    // WhatsApp's key index refuses them, the SMS ones are the same message.
    EXPECT_EQ(db.count("SELECT count(*) FROM messages WHERE body LIKE 'chat 11 line 5 %'"), 1);
    EXPECT_EQ(db.count("SELECT count(*) FROM messages WHERE body='text 7 see you at practice'"), 1);
    EXPECT_EQ(db.count("SELECT count(*) FROM messages WHERE body='text 30 see you at practice'"), 1);
    // Conversation totals count them.
    EXPECT_EQ(db.count("SELECT sum(recovered_count) FROM conversations"), 7);
}

TEST_F(RecoveredMessages, OffSwitchLeavesThemOut)
{
    ASSERT_EQ(s_without.exitCode, 0) << s_without.out;
    CaseDb db(s_dir->path() / "case-off");
    EXPECT_EQ(db.count("SELECT count(*) FROM messages WHERE record_source='recovered'"), 0);
    EXPECT_EQ(db.count("SELECT count(*) FROM messages"), 87 + 57 + 19);
    for (const auto &d : s_deleted)
        EXPECT_EQ(db.count("SELECT count(*) FROM messages WHERE body=?1", d.body), 0) << d.body;
}

TEST(RecoveredMessagesDamaged, ATruncatedDatabaseIsRebuiltAndItsDeletedMessagesFound)
{
    // A deleted SMS database found cut short (two thirds of it): SQLite cannot write its working
    // copy, so it is parsed from a copy rebuilt from the rows Vigil reads itself.
    TempDir dir;
    const fs::path full = dir.path() / "full.db";
    {
        Generated g(full);
        exec(g.db(), ddl("android_mmssms_modern"));
        exec(g.db(), R"SQL(
INSERT INTO canonical_addresses VALUES (1, '07700900456');
INSERT INTO threads (_id, recipient_ids) VALUES (1, '1');
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 400)
INSERT INTO sms (_id, thread_id, address, date, type, read, body)
  SELECT i, 1, '07700900456', 1772359200000 + i * 1000, 1, 1,
         'message ' || i || ' ' || substr('about the football match on saturday morning at the park', 1, 20 + i % 30) FROM n;
DELETE FROM sms WHERE _id BETWEEN 5 AND 14;
)SQL");
    }
    const std::string bytes = readText(full);
    const fs::path phone = dir.path() / "phone";
    fs::create_directories(phone);
    std::ofstream(phone / "mmssms.db", std::ios::binary) << bytes.substr(0, bytes.size() * 2 / 3);
    const CommandResult r = ingest({phone}, dir.path() / "case", "--no-media");
    EXPECT_EQ(r.exitCode, 1) << r.out;   // the damage is a processing error
    CaseDb db(dir.path() / "case");
    EXPECT_EQ(db.count("SELECT count(*) FROM processing_errors WHERE message LIKE '%rebuilt%'"), 1);
    EXPECT_EQ(db.count("SELECT count(*) FROM messages m JOIN conversations c ON c.id=m.conversation_id "
                       "WHERE m.record_source='recovered' AND c.thread_key='1' AND m.body LIKE 'message %'"),
              10);
    EXPECT_GT(db.count("SELECT count(*) FROM messages WHERE record_source='live'"), 100);
    EXPECT_EQ(db.count("SELECT count(*) FROM (SELECT body FROM messages GROUP BY body HAVING count(*) > 1)"), 0);
}

TEST_F(RecoveredMessages, SameInAnExt4Image)
{
    if (!haveTool("mke2fs"))
        GTEST_SKIP() << "mke2fs (e2fsprogs) not found to build the image";
    const fs::path image = s_dir->path() / "phone.ext4";
    const CommandResult mk = run("mke2fs -q -F -t ext4 -b 4096 -d " + quote((s_dir->path() / "phone").string()) + " " +
                                 quote(image.string()) + " 16M");
    ASSERT_EQ(mk.exitCode, 0) << mk.out;
    const CommandResult r = ingest({image}, s_dir->path() / "case-image", "--no-media");
    ASSERT_EQ(r.exitCode, 0) << r.out;
    CaseDb db(s_dir->path() / "case-image");
    CaseDb folder(caseDir());
    for (const auto &d : s_deleted) {
        const auto a = db.rows(kMessageOf, d.body), b = folder.rows(kMessageOf, d.body);
        ASSERT_EQ(a.size(), 1u) << d.body;
        ASSERT_EQ(b.size(), 1u) << d.body;
        EXPECT_EQ(a[0], b[0]) << d.body << ": the image and the folder differ";
    }
    EXPECT_EQ(db.count("SELECT count(*) FROM messages"), folder.count("SELECT count(*) FROM messages"));
}

} // namespace
