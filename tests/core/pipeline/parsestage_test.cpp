// SPDX-License-Identifier: GPL-3.0-or-later
// The parse and link stages end to end: real evidence (a folder and an ext4 image holding real
// SQLite databases with a WAL), the real Android SMS plugin, a real case database.
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <stdexcept>

#include "core/casedb/casestore.h"
#include "core/casedb/messagequery.h"
#include "core/pipeline/ingest.h"
#include "core/pipeline/parsestage.h"
#include "core/util/hashing.h"
#include "plugins/api/host.h"
#include "plugins/api/recordemitter.h"
#include "plugins/api/registry.h"
#include "plugins/api/sqlitedb.h"
#include "plugins/parsers/android-sms/androidsms.h"
#include "tests/plugins/parsers/parsertest.h"

namespace vigil::pipeline {
namespace {

namespace fs = std::filesystem;
using test::ScratchDir;

// A test-only address-book parser: table test_contacts(name, phone).
class TestContactsPlugin final : public plugins::Plugin
{
public:
    using Plugin::Plugin;
    bool acceptsDatabase(const plugins::FileContext &, const plugins::DatabaseSchema &schema) const override
    {
        return schema.hasColumns("test_contacts", {"name", "phone"});
    }
    Result<void> processDatabase(const plugins::FileContext &file, plugins::SqliteDatabase &db,
                                 plugins::ResultSink &sink) override
    {
        plugins::RecordEmitter out(file, sink, "test-contacts", "Test contacts");
        auto q = db.query("SELECT rowid, name, phone FROM test_contacts");
        while (q && q->next()) {
            model::ContactRecord c;
            c.name = q->text(1);
            c.phones = {q->text(2)};
            c.origin.table = "test_contacts";
            c.origin.rowid = q->int64(0);
            out.batch().contacts.push_back(c);
        }
        return {};
    }
};

// Hangs on the notes database (an endless recursive query) and throws on the address book: the
// parse stage must record both and go on.
class HostilePlugin final : public plugins::Plugin
{
public:
    using Plugin::Plugin;
    bool acceptsDatabase(const plugins::FileContext &, const plugins::DatabaseSchema &schema) const override
    {
        return schema.hasTable("notes") || schema.hasTable("test_contacts");
    }
    Result<void> processDatabase(const plugins::FileContext &, plugins::SqliteDatabase &db,
                                 plugins::ResultSink &) override
    {
        if (db.schema().hasTable("test_contacts"))
            throw std::runtime_error("parser bug");
        auto q = db.query("WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT max(x) FROM c");
        while (q && q->next()) {
        }
        return {};   // ignores the interrupted query, as a careless parser would
    }
};

constexpr const char *kHostileJson = R"({"api": "vigil.plugin/2", "id": "hostile", "name": "Hostile",
    "version": "0.1.0", "kind": "parser", "acceptsSignatureTypes": ["sqlite"]})";

constexpr const char *kTestContactsJson = R"({"api": "vigil.plugin/2", "id": "test-contacts", "name": "Test contacts",
    "version": "0.1.0", "kind": "parser", "acceptsSignatureTypes": ["sqlite"]})";

constexpr const char *kSmsRows = R"SQL(
INSERT INTO canonical_addresses VALUES (1, '07700900456'), (2, '+447700900123');
INSERT INTO threads (_id, recipient_ids) VALUES (1, '1'), (2, '2');
INSERT INTO sms (_id, thread_id, address, date, type, read, body) VALUES
  (1, 1, '07700900456', 1772359200000, 1, 1, 'are you coming to practice?'),
  (2, 1, '07700900456', 1772359260000, 2, 1, 'yes, see you at six'),
  (3, 2, '+447700900123', 1772359320000, 1, 0, 'the bus is late again');
INSERT INTO pdu (_id, thread_id, date, msg_box, read, m_type) VALUES (1, 2, 1772359400, 1, 1, 132);
INSERT INTO addr (_id, msg_id, address, type) VALUES (1, 1, '+447700900123', 137);
INSERT INTO part (_id, mid, ct, cl, _data, text) VALUES
  (1, 1, 'image/jpeg', 'IMG_0001.jpg', '/data/user_de/0/com.android.providers.telephony/app_parts/PART_1', NULL),
  (2, 1, 'text/plain', 'text_0.txt', NULL, 'photo from the match');
)SQL";

constexpr const char *kWalOnly =
    "INSERT INTO sms (_id, thread_id, address, date, type, read, body) VALUES "
    "(4, 1, '07700900456', 1772359999000, 1, 0, 'only in the write-ahead log');";

void writeFile(const fs::path &p, const std::string &data)
{
    fs::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary) << data;
}

// A phone extraction as a folder: the SMS database with its WAL, a copy of it under a
// misleading name, a damaged database, an unrelated database, an address book, an MMS part.
void makeExtraction(const fs::path &root)
{
    const fs::path dbDir = root / "data/user_de/0/com.android.providers.telephony/databases";
    fs::create_directories(dbDir);
    test::createDatabaseWithWal(dbDir / "mmssms.db", test::ddl("android_mmssms_modern") + kSmsRows, kWalOnly);
    fs::create_directories(root / "sdcard/Pictures");
    test::createDatabase(root / "sdcard/Pictures/holiday.jpg", test::ddl("android_mmssms_modern") + kSmsRows);
    fs::create_directories(root / "data/app");
    test::createDatabase(root / "data/app/notes.db", "CREATE TABLE notes (body TEXT); INSERT INTO notes VALUES ('x');");
    test::createDatabase(root / "data/app/book.db",
                         "CREATE TABLE test_contacts (name TEXT, phone TEXT);"
                         "INSERT INTO test_contacts VALUES ('Sam from football', '+44 7700 900456');");
    std::string broken = "SQLite format 3";
    broken.push_back('\0');
    broken += std::string(4096, '\x5a');
    writeFile(root / "data/app/broken.db", broken);
    writeFile(root / "data/user_de/0/com.android.providers.telephony/app_parts/PART_1", "\xff\xd8\xff\xe0 not a real jpeg");
}

struct Registry {
    plugins::PluginRegistry registry;
    std::unique_ptr<plugins::PluginHost> host;
    Registry()
    {
        plugins::registerAndroidSmsPlugin(registry);
        registry.add<TestContactsPlugin>(kTestContactsJson);
        registry.load({});
        host = std::make_unique<plugins::PluginHost>(registry.loadedPlugins());
    }
};

IngestSummary ingest(const fs::path &caseDir, const fs::path &evidence, plugins::PluginHost &host,
                     const std::string &region = {})
{
    auto store = casedb::CaseStore::openOrCreate(caseDir, {"T-1", "tester", ""}, "tester");
    EXPECT_TRUE(store) << (store ? "" : store.error().toString());
    IngestOptions opt;
    opt.evidence = {evidence};
    opt.plugins = &host;
    opt.region = region;
    return runIngest(**store, opt);
}

std::int64_t scalar(casedb::Database &db, const std::string &sql)
{
    auto st = db.prepare(sql);
    EXPECT_TRUE(st) << sql;
    if (!st)
        return -1;
    auto row = st->step();
    return row && *row ? st->int64(0) : -1;
}

std::string text(casedb::Database &db, const std::string &sql)
{
    auto st = db.prepare(sql);
    EXPECT_TRUE(st) << sql;
    if (!st)
        return {};
    auto row = st->step();
    return row && *row ? st->text(0) : std::string("<none>");
}

std::string treeDigest(const fs::path &root)
{
    std::string all;
    for (const auto &e : fs::recursive_directory_iterator(root)) {
        if (!e.is_regular_file())
            continue;
        std::ifstream in(e.path(), std::ios::binary);
        all += e.path().string() + std::string(std::istreambuf_iterator<char>(in), {});
    }
    MultiHasher h(HashSha1);
    h.update(reinterpret_cast<const unsigned char *>(all.data()), all.size());
    return h.finish().sha1;
}

class ParseStageTest : public ::testing::Test {
protected:
    void SetUp() override
    {
        makeExtraction(dir / "phone");
        evidenceDigest = treeDigest(dir / "phone");
    }
    casedb::Database open() { return std::move(*casedb::CaseStore::openReadOnly(dir / "case")); }

    ScratchDir dir;
    Registry plugins;
    std::string evidenceDigest;
};

TEST_F(ParseStageTest, FolderEvidenceIsParsedWithItsWalAndByContent)
{
    const auto sum = ingest(dir / "case", dir / "phone", *plugins.host, "GB");
    ASSERT_EQ(sum.evidence.size(), 1u);
    const auto &e = sum.evidence[0];
    EXPECT_EQ(e.messages, 9);          // 5 in the live database (4 + the WAL one), 4 in the renamed copy
    EXPECT_EQ(e.conversations, 4);
    EXPECT_EQ(e.contacts, 1);
    EXPECT_EQ(e.filesParsed, 3u);      // mmssms.db, holiday.jpg, book.db
    EXPECT_EQ(e.parseFailures, 1u);    // broken.db
    EXPECT_EQ(e.homeRegion, "GB");
    EXPECT_EQ(e.homeRegionSource, "option");
    EXPECT_EQ(treeDigest(dir / "phone"), evidenceDigest) << "the evidence was changed";

    auto db = open();
    EXPECT_EQ(text(db, "SELECT record_source FROM messages WHERE body='only in the write-ahead log'"), "wal");
    EXPECT_EQ(scalar(db, "SELECT count(*) FROM messages WHERE record_source='wal'"), 1);
    EXPECT_EQ(text(db, "SELECT parse_status FROM files WHERE name='mmssms.db'"), "parsed");
    EXPECT_EQ(text(db, "SELECT parse_status FROM files WHERE name='mmssms.db-wal'"), "companion");
    EXPECT_EQ(text(db, "SELECT parse_status FROM files WHERE name='holiday.jpg'"), "parsed");
    EXPECT_EQ(text(db, "SELECT parse_status FROM files WHERE name='notes.db'"), "none");
    EXPECT_EQ(text(db, "SELECT parse_status FROM files WHERE name='broken.db'"), "failed");
    EXPECT_EQ(scalar(db, "SELECT count(*) FROM processing_errors WHERE stage='parse' AND path LIKE '%broken.db'"), 1);
    // Provenance: the parse names the database, the parser and the WAL read with it.
    const std::string companions = text(db, "SELECT ps.companions FROM parse_sources ps JOIN files f ON f.id=ps.file_id "
                                            "WHERE f.name='mmssms.db'");
    EXPECT_NE(companions.find("\"role\":\"wal\""), std::string::npos) << companions;
    EXPECT_NE(companions.find(std::to_string(scalar(db, "SELECT id FROM files WHERE name='mmssms.db-wal'"))),
              std::string::npos);
    EXPECT_EQ(text(db, "SELECT ps.parser || ' ' || ps.parser_version || ' ' || m.source_table || ' ' || m.source_rowid "
                       "FROM messages m JOIN parse_sources ps ON ps.id=m.source_id WHERE m.body='yes, see you at six' "
                       "AND ps.file_id=(SELECT id FROM files WHERE name='mmssms.db')"),
              "android-sms 1.0.0 sms 2");
}

TEST_F(ParseStageTest, AHangingParserIsStoppedAtTheTimeLimitAndAThrowingOneRecorded)
{
    plugins::PluginRegistry registry;
    plugins::registerAndroidSmsPlugin(registry);
    registry.add<TestContactsPlugin>(kTestContactsJson);
    registry.add<HostilePlugin>(kHostileJson);
    registry.load({});
    plugins::PluginHost host(registry.loadedPlugins());
    auto store = casedb::CaseStore::openOrCreate(dir / "case", {"T-1", "tester", ""}, "tester");
    ASSERT_TRUE(store);
    IngestOptions opt;
    opt.evidence = {dir / "phone"};
    opt.plugins = &host;
    opt.itemTimeLimitSeconds = 1;
    const auto sum = runIngest(**store, opt);
    ASSERT_EQ(sum.evidence.size(), 1u);
    EXPECT_EQ(sum.evidence[0].messages, 9) << "the other parsers' work is all there";
    EXPECT_EQ(sum.evidence[0].contacts, 1) << "the address book's own parser ran despite the throw beside it";

    auto db = open();
    EXPECT_EQ(text(db, "SELECT code || ': ' || message FROM processing_errors WHERE path LIKE '%notes.db'"),
              "limit-exceeded: Plugin \"Hostile\" was stopped after the per-item time limit (1 s) on this file; what it "
              "found before was kept and the ingest went on.");
    EXPECT_NE(text(db, "SELECT detail FROM processing_errors WHERE path LIKE '%notes.db'").find("plugin hostile 0.1.0"),
              std::string::npos);
    EXPECT_NE(text(db, "SELECT detail FROM processing_errors WHERE path LIKE '%book.db'").find("parser bug"),
              std::string::npos);
    EXPECT_EQ(scalar(db, "SELECT count(*) FROM processing_errors WHERE stage='parse'"), 3)
        << "the stop, the throw and the damaged database";
    EXPECT_NE(text(db, "SELECT options FROM ingest_runs").find("\"item_time_limit\":1"), std::string::npos)
        << "a resume uses the same limit";
}

TEST_F(ParseStageTest, NumbersAreNormalisedNamedAndAttachmentsLinked)
{
    ingest(dir / "case", dir / "phone", *plugins.host, "GB");
    auto db = open();
    EXPECT_EQ(text(db, "SELECT phone FROM accounts WHERE account_key='07700900456' LIMIT 1"), "+447700900456");
    EXPECT_EQ(text(db, "SELECT value FROM contact_identifiers WHERE raw='+44 7700 900456'"), "+447700900456");
    // The address-book name reaches the SMS account through the normalised number.
    EXPECT_EQ(text(db, "SELECT contact_name FROM accounts WHERE account_key='07700900456' LIMIT 1"), "Sam from football");
    EXPECT_EQ(text(db, "SELECT f.path FROM attachments a JOIN files f ON f.id=a.file_id LIMIT 1"),
              "/data/user_de/0/com.android.providers.telephony/app_parts/PART_1");
    EXPECT_EQ(text(db, "SELECT link_method FROM attachments LIMIT 1"), "path:6");
    // Conversation totals.
    EXPECT_EQ(scalar(db, "SELECT message_count FROM conversations c JOIN parse_sources ps ON ps.id=c.source_id "
                         "JOIN files f ON f.id=ps.file_id WHERE f.name='mmssms.db' AND c.thread_key='1'"),
              3);
    EXPECT_EQ(scalar(db, "SELECT recovered_count FROM conversations c JOIN parse_sources ps ON ps.id=c.source_id "
                         "JOIN files f ON f.id=ps.file_id WHERE f.name='mmssms.db' AND c.thread_key='1'"),
              1);
}

TEST_F(ParseStageTest, HomeRegionIsInferredFromTheNumbersWhenNotGiven)
{
    // Two GB numbers in international form (the MMS sender, the contact) and no owner number.
    const auto sum = ingest(dir / "case", dir / "phone", *plugins.host);
    EXPECT_EQ(sum.evidence[0].homeRegion, "GB");
    EXPECT_EQ(sum.evidence[0].homeRegionSource, "most-numbers");
    auto db = open();
    EXPECT_EQ(text(db, "SELECT phone FROM accounts WHERE account_key='07700900456' LIMIT 1"), "+447700900456");
    EXPECT_EQ(text(db, "SELECT home_region || '/' || home_region_source FROM evidence"), "GB/most-numbers");
}

TEST_F(ParseStageTest, SearchFindsMessagesAndMarksHits)
{
    ingest(dir / "case", dir / "phone", *plugins.host, "GB");
    auto db = open();
    casedb::MessageFilter filter;
    filter.search = "PRACTICE coming";
    std::vector<casedb::MessageRow> rows;
    ASSERT_TRUE(casedb::forEachMessage(db, filter, [&](const casedb::MessageRow &m) { rows.push_back(m); }));
    ASSERT_EQ(rows.size(), 2u);   // the live database and the renamed copy
    EXPECT_EQ(rows[0].highlighted, "are you \x02" "coming\x03 to \x02practice\x03?");
    EXPECT_EQ(rows[0].sender, "Sam from football (+447700900456)");
    EXPECT_EQ(*casedb::countMessages(db, filter), 2);
    filter.search = "\"quoted\" OR NEAR(";   // operators are taken literally, never an SQL error
    EXPECT_TRUE(casedb::countMessages(db, filter));
}

TEST_F(ParseStageTest, IngestingAgainDoesNotDuplicateAndAReparseReplaces)
{
    ingest(dir / "case", dir / "phone", *plugins.host, "GB");
    ingest(dir / "case", dir / "phone", *plugins.host, "GB");   // already done: skipped
    {
        auto db = open();
        EXPECT_EQ(scalar(db, "SELECT count(*) FROM messages"), 9);
    }
    {
        // An interrupted parse leaves the file unexamined: the next run replaces its rows.
        auto store = casedb::CaseStore::openOrCreate(dir / "case", {}, "tester");
        ASSERT_TRUE(store);
        ASSERT_TRUE((*store)->writer().callVoid(
            [](casedb::Database &db) { return db.exec("UPDATE files SET parse_status=NULL WHERE name='mmssms.db'"); }));
    }
    ingest(dir / "case", dir / "phone", *plugins.host, "GB");
    auto db = open();
    EXPECT_EQ(scalar(db, "SELECT count(*) FROM messages"), 9);
    EXPECT_EQ(scalar(db, "SELECT count(*) FROM messages_fts WHERE messages_fts MATCH 'practice'"), 2);
    EXPECT_EQ(scalar(db, "SELECT count(*) FROM parse_sources"), 3);
}

bool haveMke2fs()
{
    return std::system("command -v mke2fs >/dev/null 2>&1 || test -x /sbin/mke2fs || test -x /usr/sbin/mke2fs") == 0;
}

TEST_F(ParseStageTest, DatabasesInsideADiskImageAreParsedToo)
{
    if (!haveMke2fs())
        GTEST_SKIP() << "needs mke2fs (e2fsprogs)";
    const fs::path image = dir / "phone.img";
    const std::string cmd = "PATH=$PATH:/sbin:/usr/sbin mke2fs -q -t ext4 -b 4096 -d '" + (dir / "phone").string() + "' '"
                          + image.string() + "' 16M >/dev/null 2>&1";
    ASSERT_EQ(std::system(cmd.c_str()), 0);
    const auto sum = ingest(dir / "case", image, *plugins.host, "GB");
    ASSERT_EQ(sum.evidence.size(), 1u);
    EXPECT_EQ(sum.evidence[0].messages, 9);
    EXPECT_EQ(sum.evidence[0].parseFailures, 1u);
    auto db = open();
    EXPECT_EQ(text(db, "SELECT record_source FROM messages WHERE body='only in the write-ahead log'"), "wal");
    EXPECT_EQ(text(db, "SELECT link_method FROM attachments LIMIT 1"), "path:6");
}

} // namespace
} // namespace vigil::pipeline
