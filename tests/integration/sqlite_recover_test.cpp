// SPDX-License-Identifier: GPL-3.0-or-later
// `vigil sqlite-recover` on a generated chat database with a deleted message.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <fstream>

#include "harness.h"

using namespace vigil::test;

namespace {

constexpr const char *kDeleted = "see you at the bus stop at four";

void exec(sqlite3 *db, const std::string &sql)
{
    char *err = nullptr;
    ASSERT_EQ(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &err), SQLITE_OK) << (err ? err : "") << " in " << sql;
}

// A WhatsApp-like messages table; message 30 is deleted.
fs::path makeChatDb(const fs::path &dir)
{
    const fs::path path = dir / "msgstore.db";
    sqlite3 *db = nullptr;
    sqlite3_open(path.c_str(), &db);
    exec(db, "PRAGMA page_size=1024; PRAGMA secure_delete=OFF;"
             "CREATE TABLE messages(_id INTEGER PRIMARY KEY, key_remote_jid TEXT, data TEXT, timestamp INTEGER)");
    exec(db, "BEGIN");
    for (int i = 1; i <= 60; ++i) {
        const std::string text = i == 30 ? kDeleted : "homework question " + std::to_string(i);
        exec(db, "INSERT INTO messages VALUES(" + std::to_string(i) + ", '447700900123@s.whatsapp.net', '" + text +
                     "', " + std::to_string(1709290800000LL + i * 60000) + ")");
    }
    exec(db, "COMMIT");
    exec(db, "DELETE FROM messages WHERE _id=30");
    sqlite3_close(db);
    return path;
}

} // namespace

TEST(SqliteRecoverCli, CsvListsLiveAndRecoveredRows)
{
    TempDir dir;
    const fs::path db = makeChatDb(dir.path());
    const CommandResult r = run(quote(vigilBinary().string()) + " sqlite-recover " + quote(db.string()));
    ASSERT_EQ(r.exitCode, 0) << r.out;
    EXPECT_EQ(r.out.rfind("table,rowid,values,byte_offset,source,file\n", 0), 0u) << r.out.substr(0, 200);
    EXPECT_NE(r.out.find("messages,59,\"[null, \"\"447700900123@s.whatsapp.net\"\", \"\"homework question 59\"\""),
              std::string::npos);
    const auto at = r.out.find(kDeleted);
    ASSERT_NE(at, std::string::npos) << r.out;
    const std::string line = r.out.substr(r.out.rfind('\n', at) + 1, r.out.find('\n', at) - r.out.rfind('\n', at) - 1);
    EXPECT_EQ(line.rfind("messages,", 0), 0u) << line;
    EXPECT_TRUE(line.ends_with(",freeblock,db") || line.ends_with(",unallocated,db")) << line;
}

TEST(SqliteRecoverCli, JsonParsesAndDeletedOnlyLeavesLiveOut)
{
    TempDir dir;
    const fs::path db = makeChatDb(dir.path());
    const fs::path out = dir.path() / "out.json";
    const CommandResult r = run(quote(vigilBinary().string()) + " sqlite-recover " + quote(db.string()) +
                                " --format json --deleted-only > " + quote(out.string()));
    ASSERT_EQ(r.exitCode, 0) << r.out;
    std::ifstream in(out);
    const std::string json((std::istreambuf_iterator<char>(in)), {});
    EXPECT_NE(json.find(kDeleted), std::string::npos) << json;
    EXPECT_EQ(json.find("\"live\""), std::string::npos);
    EXPECT_EQ(json.find("homework question"), std::string::npos);
    if (!haveTool("python3"))
        GTEST_SKIP() << "python3 not found to validate the JSON";
    const CommandResult check = run("python3 -m json.tool " + quote(out.string()));
    EXPECT_EQ(check.exitCode, 0) << check.out;
}

TEST(SqliteRecoverCli, UnreadableOrNotSqliteExitsTwo)
{
    TempDir dir;
    const fs::path junk = dir.path() / "junk.db";
    std::ofstream(junk) << "this is not a database";
    CommandResult r = run(quote(vigilBinary().string()) + " sqlite-recover " + quote(junk.string()));
    EXPECT_EQ(r.exitCode, 2);
    EXPECT_NE(r.out.find("not a SQLite"), std::string::npos) << r.out;
    r = run(quote(vigilBinary().string()) + " sqlite-recover " + quote((dir.path() / "missing.db").string()));
    EXPECT_EQ(r.exitCode, 2);
    r = run(quote(vigilBinary().string()) + " sqlite-recover");
    EXPECT_EQ(r.exitCode, 64);
}
