// SPDX-License-Identifier: GPL-3.0-or-later
// Deleted rows put back into a working copy and read by the real parsers (Android SMS,
// WhatsApp) through the plugin host, as the parse stage does: marked recovered with where they
// were found, in the right conversation; refused where the app's unique key says they are an
// older version of a live row; nothing written outside the copy's tables that may take them.
#include "plugins/api/recoveredrows.h"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <cstdlib>
#include <cstring>
#include <fstream>
#include <set>

#include "core/util/hashing.h"
#include "plugins/api/collectingsink.h"
#include "plugins/api/host.h"
#include "plugins/api/registry.h"
#include "plugins/api/sqlitedb.h"
#include "plugins/parsers/android-sms/androidsms.h"
#include "plugins/parsers/whatsapp-android/whatsappandroid.h"
#include "tests/plugins/parsers/parsertest.h"

namespace vigil::plugins {
namespace {

namespace fs = std::filesystem;
using model::RecordSource;
using test::ScratchDir;

constexpr const char *kSmsRows = R"SQL(
PRAGMA secure_delete=OFF;
INSERT INTO canonical_addresses VALUES (1, '07700900456'), (2, '+447700900123');
INSERT INTO threads (_id, recipient_ids) VALUES (1, '1'), (2, '2');
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 40)
INSERT INTO sms (_id, thread_id, address, date, type, read, body)
  SELECT i, 1 + i % 2, CASE i % 2 WHEN 0 THEN '07700900456' ELSE '+447700900123' END, 1772359200000 + i * 1000,
         1 + i % 2, 1, CASE i WHEN 9 THEN 'deleted: bring the blue folder' WHEN 22 THEN 'deleted: the bus leaves at four'
                               ELSE 'text ' || i || ' see you at practice' END FROM n;
)SQL";

std::string md5Of(const fs::path &file)
{
    std::ifstream in(file, std::ios::binary);
    std::vector<char> bytes{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    MultiHasher h(HashMd5);
    h.update(reinterpret_cast<const unsigned char *>(bytes.data()), bytes.size());
    return h.finish().md5;
}

std::int64_t count(const fs::path &db, const std::string &sql)
{
    sqlite3 *h = nullptr;
    sqlite3_open_v2(db.c_str(), &h, SQLITE_OPEN_READONLY, nullptr);
    sqlite3_stmt *st = nullptr;
    std::int64_t n = -1;
    if (sqlite3_prepare_v2(h, sql.c_str(), -1, &st, nullptr) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
        n = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    sqlite3_close(h);
    return n;
}

struct Parsed {
    RowRecoveryStats stats;
    model::RecordBatch records;
    std::size_t marked = 0;
};

// Stages `file` (with its -wal) as "<dir>/stage/db", puts its deleted rows back, parses it with
// the SMS and WhatsApp plugins through the host and the marking sink.
Parsed recoverAndParse(const fs::path &file, const fs::path &dir)
{
    const fs::path stage = dir / "stage";
    fs::create_directories(stage);
    fs::copy_file(file, stage / "db", fs::copy_options::overwrite_existing);
    if (fs::exists(file.string() + "-wal"))
        fs::copy_file(file.string() + "-wal", stage / "db-wal", fs::copy_options::overwrite_existing);
    Parsed out;
    RecoveredRows rows;
    auto stats = recoverRowsIntoCopy(stage / "db", rows);
    EXPECT_TRUE(stats) << (stats ? "" : stats.error().toString());
    if (stats)
        out.stats = *stats;
    EXPECT_EQ(rows.size(), out.stats.inserted);
    PluginRegistry registry;
    registerAndroidSmsPlugin(registry);
    registerWhatsAppAndroidPlugin(registry);
    registry.load({});
    PluginHost host(registry.loadedPlugins());
    auto db = SqliteDatabase::open(stage / "db");
    EXPECT_TRUE(db) << (db ? "" : db.error().toString());
    if (!db)
        return out;
    CollectingSink sink;
    RecoveredRowsSink marking(sink, rows);
    const FileContext context{1, 1, "/data/data/app/databases/db", "db", "sqlite", 0, false};
    EXPECT_EQ(host.processDatabase(context, **db, marking), 1u);
    EXPECT_TRUE(sink.errors().empty());
    out.records = sink.records();
    out.marked = marking.marked();
    return out;
}

const model::MessageRecord *withText(const model::RecordBatch &b, const std::string &text)
{
    for (const auto &m : b.messages)
        if (m.text == text)
            return &m;
    return nullptr;
}

TEST(RecoveredRows, DeletedSmsAreReadByTheParserAndMarked)
{
    ScratchDir dir;
    const fs::path file = dir / "mmssms.db";
    test::createDatabase(file, test::ddl("android_mmssms_modern") + kSmsRows +
                                   "UPDATE sms SET status=300 WHERE _id=14; DELETE FROM sms WHERE _id IN (9, 22);");
    const Parsed p = recoverAndParse(file, dir.path());
    EXPECT_EQ(p.stats.inserted, 3u);   // two deleted rows and the older version of row 14
    for (const auto &[text, thread] : {std::pair{"deleted: bring the blue folder", "2"},
                                       std::pair{"deleted: the bus leaves at four", "1"}}) {
        const auto *m = withText(p.records, text);
        ASSERT_NE(m, nullptr) << text;
        EXPECT_EQ(m->origin.source, RecordSource::Recovered);
        EXPECT_EQ(m->conversationKey, thread) << text;
        EXPECT_EQ(m->origin.table, "sms");
        ASSERT_TRUE(m->origin.offset);
        // The offset holds the record: the text follows within the cell.
        std::ifstream in(file, std::ios::binary);
        const std::string bytes{std::istreambuf_iterator<char>(in), {}};
        const auto at = bytes.find(text, static_cast<std::size_t>(*m->origin.offset));
        EXPECT_LT(at - static_cast<std::size_t>(*m->origin.offset), 64u) << text;
        EXPECT_TRUE(m->origin.recoveredFrom == "freeblock" || m->origin.recoveredFrom == "unallocated")
            << m->origin.recoveredFrom;
    }
    // Row 14's cell grew (a two-byte status): its older version stayed in free space and is
    // read too, as a recovered record (its rowid, lost with the cell's first bytes, is unknown).
    std::size_t versions = 0;
    for (const auto &m : p.records.messages)
        versions += m.text == "text 14 see you at practice" && m.origin.source == RecordSource::Recovered;
    EXPECT_EQ(versions, 1u);
    EXPECT_EQ(p.marked, 3u);
    EXPECT_EQ(p.records.messages.size(), 38u + 3u);
}

TEST(RecoveredRows, WhatsAppKeyIndexRefusesOlderVersionsAndTriggersDoNotRun)
{
    ScratchDir dir;
    const fs::path file = dir / "msgstore.db";
    std::string sql = test::ddl("whatsapp_msgstore_2025") + R"SQL(
PRAGMA secure_delete=OFF;
CREATE UNIQUE INDEX message_key_index ON message (chat_row_id, from_me, key_id, sender_jid_row_id);
CREATE VIRTUAL TABLE message_ftsv2 USING fts4(content);
CREATE TABLE message_log(id INTEGER);
CREATE TRIGGER message_ai AFTER INSERT ON message BEGIN INSERT INTO message_log VALUES (new._id); END;
INSERT INTO jid (_id, user, server, agent, device, type, raw_string) VALUES
  (1, '447700900123', 's.whatsapp.net', 0, 0, 0, '447700900123@s.whatsapp.net');
INSERT INTO chat (_id, jid_row_id, hidden) VALUES (10, 1, 0);
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 40)
INSERT INTO message (_id, chat_row_id, from_me, key_id, sender_jid_row_id, status, timestamp, message_type, text_data, sort_id)
  SELECT 100 + i, 10, i % 2, 'K' || i, 0, 0, 1772359200000 + i * 60000, 0,
         CASE i WHEN 17 THEN 'deleted: see you at the library' ELSE 'line ' || i || ' about homework' END, 100 + i FROM n;
INSERT INTO message_ftsv2 (docid, content) SELECT _id, text_data FROM message;
UPDATE message SET status=13 WHERE _id IN (105, 120);
DELETE FROM message WHERE _id=117;
DELETE FROM message_ftsv2 WHERE docid=117;
)SQL";
    test::createDatabase(file, sql);
    const Parsed p = recoverAndParse(file, dir.path());
    const auto *m = withText(p.records, "deleted: see you at the library");
    ASSERT_NE(m, nullptr);
    EXPECT_EQ(m->origin.source, RecordSource::Recovered);
    EXPECT_EQ(m->conversationKey, "447700900123@s.whatsapp.net");
    EXPECT_GE(p.stats.refused, 2u);   // the older versions of 105 and 120 clash with the key index
    EXPECT_EQ(p.records.messages.size(), 40u);
    // Triggers did not run and the full-text index was not touched.
    EXPECT_EQ(count(dir / "stage/db", "SELECT count(*) FROM message_log"), 40);
    EXPECT_EQ(count(dir / "stage/db", "SELECT count(*) FROM message_ftsv2"), 39);
}

TEST(RecoveredRows, WalDatabaseKeepsItsMainFileAndFindsTheOlderPage)
{
    ScratchDir dir;
    const fs::path file = dir / "mmssms.db";
    test::createDatabaseWithWal(file, test::ddl("android_mmssms_modern") + kSmsRows, "DELETE FROM sms WHERE _id=9;");
    const std::string mainBefore = md5Of(file);
    const Parsed p = recoverAndParse(file, dir.path());
    EXPECT_EQ(md5Of(dir / "stage/db"), mainBefore) << "the copy's main file was written or checkpointed";
    const auto *m = withText(p.records, "deleted: bring the blue folder");
    ASSERT_NE(m, nullptr);
    EXPECT_EQ(m->origin.source, RecordSource::Recovered);
    // The database file's own version of the page the WAL replaced holds the intact cell.
    EXPECT_EQ(m->origin.recoveredFrom, "superseded");
    EXPECT_EQ(m->origin.rowid, 9);
    EXPECT_EQ(p.records.messages.size(), 40u);
    std::size_t wal = 0;
    for (const auto &x : p.records.messages)
        wal += x.origin.source == RecordSource::Wal;
    EXPECT_EQ(wal, 0u);   // the row put back is recovered, not a WAL-only row
}

TEST(RecoveredRows, NotSqliteIsAnErrorAndNothingIsWritten)
{
    ScratchDir dir;
    test::writeGarbageFile(dir / "db", 8192);
    const std::string before = md5Of(dir / "db");
    RecoveredRows rows;
    auto stats = recoverRowsIntoCopy(dir / "db", rows);
    ASSERT_FALSE(stats);
    EXPECT_EQ(stats.error().code, ErrorCode::Corrupt);
    EXPECT_TRUE(rows.empty());
    EXPECT_EQ(md5Of(dir / "db"), before);
}

TEST(RecoveredRows, RowsOfDroppedTablesAreNotPutBack)
{
    ScratchDir dir;
    const fs::path file = dir / "a.db";
    test::createDatabase(file, "PRAGMA secure_delete=OFF; CREATE TABLE keep(x TEXT); INSERT INTO keep VALUES ('a');"
                               "CREATE TABLE gone(name TEXT, phone TEXT);"
                               "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 30) "
                               "INSERT INTO gone SELECT 'name ' || i, '+4477009001' || i FROM n; DROP TABLE gone;");
    RecoveredRows rows;
    auto stats = recoverRowsIntoCopy(file, rows);
    ASSERT_TRUE(stats) << stats.error().toString();
    EXPECT_GE(stats->recovered, 25u);
    EXPECT_EQ(stats->inserted, 0u);
    EXPECT_GE(stats->noTable, 25u);
    EXPECT_TRUE(rows.empty());
}

TEST(RecoveredRows, ADamagedDatabaseIsRebuiltFromItsRecords)
{
    // 400 messages over many pages, ten deleted, the file cut to two thirds (a deleted database
    // partly overwritten, a carved one): SQLite cannot write it; the rebuilt copy holds the rows
    // Vigil's reader finds, under their rowids, and the deleted ones marked.
    ScratchDir dir;
    const fs::path full = dir / "full.db";
    test::createDatabase(full, test::ddl("android_mmssms_modern") + R"SQL(
PRAGMA secure_delete=OFF;
INSERT INTO canonical_addresses VALUES (1, '07700900456');
INSERT INTO threads (_id, recipient_ids) VALUES (1, '1');
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 400)
INSERT INTO sms (_id, thread_id, address, date, type, read, body)
  SELECT i, 1, '07700900456', 1772359200000 + i * 1000, 1, 1,
         'message ' || i || ' ' || substr('about the football match on saturday morning at the park', 1, 20 + i % 30) FROM n;
DELETE FROM sms WHERE _id IN (5, 6, 7, 8, 9, 10, 11, 12, 13, 14);
)SQL");
    test::truncatedCopy(full, dir / "cut.db", fs::file_size(full) * 2 / 3);
    RecoveredRows rows;
    auto stats = rebuildDatabase(dir / "cut.db", dir / "rebuilt.db", rows);
    ASSERT_TRUE(stats) << stats.error().toString();
    EXPECT_GT(stats->liveRecords, 100u);
    EXPECT_EQ(rows.size(), stats->inserted);
    auto db = SqliteDatabase::open(dir / "rebuilt.db");
    ASSERT_TRUE(db) << db.error().toString();
    PluginRegistry registry;
    registerAndroidSmsPlugin(registry);
    registry.load({});
    PluginHost host(registry.loadedPlugins());
    CollectingSink sink;
    RecoveredRowsSink marking(sink, rows);
    ASSERT_EQ(host.processDatabase({1, 1, "/cut.db", "cut.db", "sqlite", 0, true}, **db, marking), 1u);
    EXPECT_TRUE(sink.errors().empty());
    std::size_t live = 0;
    std::set<int> deleted;
    for (const auto &m : sink.records().messages) {
        live += m.origin.source == RecordSource::Live;
        if (m.origin.source == RecordSource::Recovered) {
            EXPECT_EQ(m.conversationKey, "1");
            deleted.insert(std::atoi(m.text.c_str() + std::strlen("message ")));
        }
    }
    EXPECT_EQ(live, stats->liveRecords - 2);   // less the canonical address and the thread
    EXPECT_EQ(deleted, (std::set<int>{5, 6, 7, 8, 9, 10, 11, 12, 13, 14}));
    // Not SQLite, or nothing readable: an error, nothing rebuilt.
    test::writeGarbageFile(dir / "junk.db", 8192);
    EXPECT_FALSE(rebuildDatabase(dir / "junk.db", dir / "junk-rebuilt.db", rows));
}

TEST(RecoveredRows, SinkMarksOnlyRowsThatWerePutBack)
{
    RecoveredRows rows;
    rows.add("SMS", 41, {std::nullopt, 1234, "freeblock"});
    rows.add("sms", 42, {7, 5678, "wal"});
    CollectingSink sink;
    RecoveredRowsSink marking(sink, rows);
    model::RecordBatch b;
    for (std::int64_t id : {40, 41, 42}) {
        model::MessageRecord m;
        m.origin.table = "sms";
        m.origin.rowid = id;
        b.messages.push_back(m);
    }
    marking.addRecords({}, std::move(b));
    const auto out = sink.records();
    ASSERT_EQ(out.messages.size(), 3u);
    EXPECT_EQ(out.messages[0].origin.source, RecordSource::Live);
    EXPECT_EQ(out.messages[1].origin.source, RecordSource::Recovered);
    EXPECT_FALSE(out.messages[1].origin.rowid);   // the freed cell lost it
    EXPECT_EQ(out.messages[1].origin.offset, 1234);
    EXPECT_EQ(out.messages[1].origin.recoveredFrom, "freeblock");
    EXPECT_EQ(out.messages[2].origin.rowid, 7);
    EXPECT_EQ(out.messages[2].origin.recoveredFrom, "wal");
    EXPECT_EQ(marking.marked(), 2u);
}

} // namespace
} // namespace vigil::plugins
