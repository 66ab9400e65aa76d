// SPDX-License-Identifier: GPL-3.0-or-later
#include "tests/plugins/parsers/parsertest.h"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <fstream>
#include <iterator>
#include <random>

#include "plugins/api/collectingsink.h"
#include "plugins/api/host.h"
#include "plugins/api/memoryreader.h"
#include "plugins/api/registry.h"
#include "plugins/api/sqlitedb.h"

namespace vigil::test {

namespace fs = std::filesystem;

namespace {

void execOrFail(sqlite3 *db, std::string_view sql)
{
    char *message = nullptr;
    const int rc = sqlite3_exec(db, std::string(sql).c_str(), nullptr, nullptr, &message);
    EXPECT_EQ(rc, SQLITE_OK) << (message ? message : "") << "\nin: " << sql.substr(0, 400);
    sqlite3_free(message);
}

std::vector<unsigned char> readAll(const fs::path &file)
{
    std::ifstream in(file, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void copyBytes(const fs::path &from, const fs::path &to)
{
    std::error_code ec;
    fs::copy_file(from, to, fs::copy_options::overwrite_existing, ec);
    ASSERT_FALSE(ec) << from << ": " << ec.message();
}

// The loaded plugin `id` from a registry that holds what `reg` registers.
struct LoadedPlugin {
    plugins::PluginRegistry registry;
    plugins::Plugin *plugin = nullptr;
};

void load(LoadedPlugin &out, const RegisterFn &reg, const std::string &id)
{
    reg(out.registry);
    out.registry.load({});
    for (auto *p : out.registry.loadedPlugins()) {
        if (p->metadata().id == id)
            out.plugin = p;
    }
    ASSERT_NE(out.plugin, nullptr) << "plugin " << id << " did not load";
}

plugins::FileContext contextFor(const std::string &devicePath, std::uint64_t size, const std::string &sigType)
{
    plugins::FileContext file;
    file.evidenceId = 1;
    file.fileId = 42;
    file.path = devicePath;
    file.name = fs::path(devicePath).filename().string();
    file.signatureType = sigType;
    file.size = size;
    return file;
}

void collect(const plugins::CollectingSink &sink, ParseResult &out)
{
    out.records = sink.records();
    out.batches = sink.batches().size();
    for (const auto &e : sink.errors())
        out.errors.push_back(e.error);
}

} // namespace

ScratchDir::ScratchDir()
{
    std::random_device rd;
    m_path = fs::temp_directory_path() / ("vigil-parser-" + std::to_string(rd()) + std::to_string(rd()));
    fs::create_directories(m_path);
}

ScratchDir::~ScratchDir()
{
    std::error_code ec;
    fs::remove_all(m_path, ec);
}

std::string ddl(const std::string &name)
{
    const fs::path file = std::string(VIGIL_SOURCE_DIR "/tests/data/ddl/") + name + ".sql";
    std::ifstream in(file, std::ios::binary);
    if (!in) {
        ADD_FAILURE() << "DDL file missing: " << file.string() << " (ddl(\"" << name << "\"))";
        return {};
    }
    std::string text{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    if (text.empty())
        ADD_FAILURE() << "DDL file empty: " << file.string();
    return text;
}

void createDatabase(const fs::path &file, std::string_view sql)
{
    sqlite3 *db = nullptr;
    ASSERT_EQ(sqlite3_open(file.c_str(), &db), SQLITE_OK);
    execOrFail(db, sql);
    sqlite3_close(db);
}

void createDatabaseWithWal(const fs::path &file, std::string_view sql, std::string_view walSql)
{
    const fs::path work = file.string() + ".build";
    sqlite3 *db = nullptr;
    ASSERT_EQ(sqlite3_open(work.c_str(), &db), SQLITE_OK);
    execOrFail(db, "PRAGMA journal_mode=WAL; PRAGMA wal_autocheckpoint=0;");
    execOrFail(db, sql);
    execOrFail(db, "PRAGMA wal_checkpoint(TRUNCATE);");
    execOrFail(db, walSql);
    // Copy while the connection is open: the WAL still holds walSql's frames.
    copyBytes(work, file);
    copyBytes(work.string() + "-wal", file.string() + "-wal");
    sqlite3_close(db);
    std::error_code ec;
    for (const char *suffix : {"", "-wal", "-shm"})
        fs::remove(work.string() + suffix, ec);
}

ParseResult parseDatabase(const RegisterFn &reg, const std::string &id, const fs::path &file,
                          const std::string &devicePath)
{
    ParseResult out;
    LoadedPlugin loaded;
    load(loaded, reg, id);
    if (!loaded.plugin)
        return out;
    ScratchDir work;
    plugins::MemoryReader main(readAll(file));
    std::optional<plugins::MemoryReader> wal, journal;
    if (fs::exists(file.string() + "-wal"))
        wal.emplace(readAll(file.string() + "-wal"));
    if (fs::exists(file.string() + "-journal"))
        journal.emplace(readAll(file.string() + "-journal"));
    auto staged = plugins::stageDatabase(work.path(), main, wal ? &*wal : nullptr, journal ? &*journal : nullptr);
    EXPECT_TRUE(staged) << (staged ? "" : staged.error().toString());
    if (!staged)
        return out;
    plugins::CollectingSink sink;
    const auto file42 = contextFor(devicePath, main.size(), "sqlite");
    auto db = plugins::SqliteDatabase::open(*staged);
    if (!db) {
        out.errors.push_back(db.error());
        return out;
    }
    plugins::PluginHost host({loaded.plugin});
    out.accepted = host.processDatabase(file42, **db, sink) > 0;
    collect(sink, out);
    return out;
}

ParseResult parseNewDatabase(const RegisterFn &reg, const std::string &id, const fs::path &file, std::string_view sql,
                             const std::string &devicePath)
{
    createDatabase(file, sql);
    return parseDatabase(reg, id, file, devicePath);
}

ParseResult parseFile(const RegisterFn &reg, const std::string &id, const fs::path &file, const std::string &devicePath,
                      const std::string &sigType)
{
    ParseResult out;
    LoadedPlugin loaded;
    load(loaded, reg, id);
    if (!loaded.plugin)
        return out;
    plugins::MemoryReader content(readAll(file));
    plugins::CollectingSink sink;
    plugins::PluginHost host({loaded.plugin});
    out.accepted = host.processFile(contextFor(devicePath, content.size(), sigType), content, sink) > 0;
    collect(sink, out);
    return out;
}

void truncatedCopy(const fs::path &from, const fs::path &to, std::uint64_t bytes)
{
    auto data = readAll(from);
    data.resize(std::min<std::uint64_t>(bytes, data.size()));
    std::ofstream(to, std::ios::binary | std::ios::trunc).write(reinterpret_cast<const char *>(data.data()),
                                                                static_cast<std::streamsize>(data.size()));
}

void overwriteWithGarbage(const fs::path &file, std::uint64_t offset, std::size_t length, unsigned seed)
{
    std::mt19937 rng(seed);
    std::vector<char> junk(length);
    for (auto &c : junk)
        c = static_cast<char>(rng() & 0xff);
    std::fstream f(file, std::ios::binary | std::ios::in | std::ios::out);
    f.seekp(static_cast<std::streamoff>(offset));
    f.write(junk.data(), static_cast<std::streamsize>(junk.size()));
}

void writeGarbageFile(const fs::path &file, std::size_t length, unsigned seed)
{
    {
        std::ofstream out(file, std::ios::binary | std::ios::trunc);
        out.write(std::string(length, '\0').data(), static_cast<std::streamsize>(length));
    }
    overwriteWithGarbage(file, 0, length, seed);
}

std::optional<fs::path> externalFile(const std::string &relative)
{
    const fs::path p = fs::path(VIGIL_EXTERNAL_DATA) / relative;
    if (fs::exists(p))
        return p;
    return std::nullopt;
}

void expectSamplesNotAccepted(const ParserUnderTest &parser, std::initializer_list<const char *> names)
{
    int found = 0;
    for (const char *name : names) {
        const auto sample = externalFile(std::string("chat/") + name);
        if (!sample)
            continue;
        ++found;
        EXPECT_FALSE(parser.parse(*sample).accepted) << name;
    }
    if (found == 0)
        GTEST_SKIP() << "external test data not found (../shared/testdata/external/chat/)";
}

// ---- bad-input checks ----

std::size_t messageCount(const model::RecordBatch &b)
{
    return b.messages.size();
}

std::size_t callCount(const model::RecordBatch &b)
{
    return b.calls.size();
}

std::size_t contactCount(const model::RecordBatch &b)
{
    return b.contacts.size();
}

CountFn countVisitsFrom(std::string table)
{
    return [table = std::move(table)](const model::RecordBatch &b) { return visitsFrom(b, table); };
}

ParseResult expectTruncationKeepsSome(const ParserUnderTest &parser, const fs::path &file, std::string_view sql,
                                      const CountFn &count, std::size_t below, std::string_view table)
{
    createDatabase(file, sql);
    const fs::path cut = file.string() + ".cut";
    truncatedCopy(file, cut, fs::file_size(file) / 2);
    ParseResult r = parser.parse(cut);
    EXPECT_TRUE(r.accepted);
    EXPECT_FALSE(r.errors.empty());
    if (!r.errors.empty()) {
        EXPECT_EQ(r.errors[0].code, ErrorCode::Corrupt);
        EXPECT_NE(r.errors[0].message.find(table), std::string::npos) << r.errors[0].message;
    }
    EXPECT_GT(count(r.records), 100u);
    EXPECT_LT(count(r.records), below);
    return r;
}

ParseResult expectCorruptPagesReported(const ParserUnderTest &parser, const fs::path &file, std::string_view sql,
                                       std::uint64_t offset, std::size_t length, const CountFn &count,
                                       std::size_t below)
{
    createDatabase(file, sql);
    overwriteWithGarbage(file, offset, length);
    ParseResult r = parser.parse(file);
    EXPECT_TRUE(r.accepted);
    EXPECT_FALSE(r.errors.empty());
    EXPECT_LT(count(r.records), below);
    return r;
}

ParseResult expectGarbageRefused(const ParserUnderTest &parser, const fs::path &file)
{
    writeGarbageFile(file, 64 * 1024);
    ParseResult r = parser.parse(file);
    EXPECT_FALSE(r.accepted);
    EXPECT_EQ(r.errors.size(), 1u);
    if (!r.errors.empty()) {
        EXPECT_EQ(r.errors[0].code, ErrorCode::Corrupt);
    }
    EXPECT_TRUE(r.records.empty());
    return r;
}

OriginFinder messageWithTextIn(std::string textPart)
{
    return [textPart = std::move(textPart)](const model::RecordBatch &b) -> const model::RecordOrigin * {
        const auto *m = messageWithText(b, textPart);
        return m ? &m->origin : nullptr;
    };
}

namespace {

template <class Record>
const model::RecordOrigin *originFromRow(const std::vector<Record> &records, std::string_view table, std::int64_t rowid)
{
    for (const auto &r : records) {
        if (r.origin.table == table && r.origin.rowid == rowid)
            return &r.origin;
    }
    return nullptr;
}

} // namespace

OriginFinder recordFromRow(std::string table, std::int64_t rowid)
{
    return [table = std::move(table), rowid](const model::RecordBatch &b) {
        for (const auto *found : {originFromRow(b.accounts, table, rowid), originFromRow(b.contacts, table, rowid),
                                  originFromRow(b.conversations, table, rowid), originFromRow(b.messages, table, rowid),
                                  originFromRow(b.calls, table, rowid), originFromRow(b.visits, table, rowid),
                                  originFromRow(b.searches, table, rowid)}) {
            if (found)
                return found;
        }
        return static_cast<const model::RecordOrigin *>(nullptr);
    };
}

namespace {

void checkWalOnlyRecord(const ParseResult &withWal, const OriginFinder &inWal, const OriginFinder &inMain)
{
    ASSERT_TRUE(withWal.errors.empty()) << withWal.errors[0].toString();
    const auto *recent = inWal(withWal.records);
    ASSERT_NE(recent, nullptr);
    EXPECT_EQ(recent->source, model::RecordSource::Wal);
    const auto *old = inMain(withWal.records);
    ASSERT_NE(old, nullptr);
    EXPECT_EQ(old->source, model::RecordSource::Live);
}

} // namespace

ParseResult expectWalOnlyRecord(const ParserUnderTest &parser, const fs::path &db, const OriginFinder &inWal,
                                const OriginFinder &inMain, const CountFn &count)
{
    ParseResult withWal = parser.parse(db);
    checkWalOnlyRecord(withWal, inWal, inMain);
    fs::remove(db.string() + "-wal");
    const ParseResult without = parser.parse(db);
    EXPECT_EQ(count(without.records) + 1, count(withWal.records));
    EXPECT_EQ(inWal(without.records), nullptr);
    return withWal;
}

// ---- lookups ----

namespace {

template <class Record, class Match>
const Record *firstWhere(const std::vector<Record> &records, Match match)
{
    for (const auto &r : records) {
        if (match(r))
            return &r;
    }
    return nullptr;
}

template <class Record>
std::size_t countFrom(const std::vector<Record> &records, std::string_view table)
{
    std::size_t n = 0;
    for (const auto &r : records)
        n += r.origin.table == table;
    return n;
}

} // namespace

const model::MessageRecord *messageWithText(const model::RecordBatch &b, std::string_view textPart)
{
    return firstWhere(b.messages, [&](const auto &m) { return m.text.find(textPart) != std::string::npos; });
}

const model::MessageRecord *messageWithRowid(const model::RecordBatch &b, std::int64_t rowid)
{
    return firstWhere(b.messages, [&](const auto &m) { return m.origin.rowid == rowid; });
}

const model::MessageRecord *messageAtOffset(const model::RecordBatch &b, std::int64_t offset)
{
    return firstWhere(b.messages, [&](const auto &m) { return m.origin.offset == offset; });
}

const model::AccountRecord *accountWithKey(const model::RecordBatch &b, std::string_view key)
{
    return firstWhere(b.accounts, [&](const auto &a) { return a.key == key; });
}

const model::ConversationRecord *conversationWithKey(const model::RecordBatch &b, std::string_view key)
{
    return firstWhere(b.conversations, [&](const auto &c) { return c.key == key; });
}

const model::CallRecord *callWithRowid(const model::RecordBatch &b, std::int64_t rowid)
{
    return firstWhere(b.calls, [&](const auto &c) { return c.origin.rowid == rowid; });
}

const model::ContactRecord *contactNamed(const model::RecordBatch &b, std::string_view name)
{
    return firstWhere(b.contacts, [&](const auto &c) { return c.name == name; });
}

const model::ContactRecord *contactAt(const model::RecordBatch &b, std::string_view table, std::int64_t rowid)
{
    return firstWhere(b.contacts, [&](const auto &c) { return c.origin.table == table && c.origin.rowid == rowid; });
}

const model::WebVisitRecord *visitAt(const model::RecordBatch &b, std::string_view table, std::int64_t rowid)
{
    return firstWhere(b.visits, [&](const auto &v) { return v.origin.table == table && v.origin.rowid == rowid; });
}

const model::WebSearchRecord *searchFor(const model::RecordBatch &b, std::string_view terms)
{
    return firstWhere(b.searches, [&](const auto &s) { return s.terms == terms; });
}

std::size_t countMessagesIn(const model::RecordBatch &b, std::string_view conversationKey)
{
    std::size_t n = 0;
    for (const auto &m : b.messages)
        n += m.conversationKey == conversationKey;
    return n;
}

std::size_t messagesFrom(const model::RecordBatch &b, std::string_view table)
{
    return countFrom(b.messages, table);
}

std::size_t visitsFrom(const model::RecordBatch &b, std::string_view table)
{
    return countFrom(b.visits, table);
}

} // namespace vigil::test
