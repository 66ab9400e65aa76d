// SPDX-License-Identifier: GPL-3.0-or-later
#include "tests/plugins/parsers/parsertest.h"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <fstream>
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

const model::MessageRecord *messageWithText(const model::RecordBatch &b, std::string_view textPart)
{
    for (const auto &m : b.messages) {
        if (m.text.find(textPart) != std::string::npos)
            return &m;
    }
    return nullptr;
}

const model::AccountRecord *accountWithKey(const model::RecordBatch &b, std::string_view key)
{
    for (const auto &a : b.accounts) {
        if (a.key == key)
            return &a;
    }
    return nullptr;
}

const model::ConversationRecord *conversationWithKey(const model::RecordBatch &b, std::string_view key)
{
    for (const auto &c : b.conversations) {
        if (c.key == key)
            return &c;
    }
    return nullptr;
}

std::size_t countMessagesIn(const model::RecordBatch &b, std::string_view conversationKey)
{
    std::size_t n = 0;
    for (const auto &m : b.messages)
        n += m.conversationKey == conversationKey;
    return n;
}

} // namespace vigil::test
