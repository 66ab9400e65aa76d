// SPDX-License-Identifier: GPL-3.0-or-later
// NIST NSRL RDSv3: an SQLite database (the "minimal" release has a FILE table, the full one a
// FILE view over METADATA; both have FILE(sha256, sha1, md5, crc32, file_name, file_size,
// package_id) and, in the published schema, the view DISTINCT_HASH(sha256, sha1, md5, crc32)).
// Opened read-only and immutable: the file is never written, no journal is created.
#include <sqlite3.h>

#include <cctype>
#include <memory>

#include "plugins/media/hashsets/readers.h"
#include "plugins/media/hashsets/sourcefile.h"

namespace vigil::media::detail {

namespace {

struct DbCloser {
    void operator()(sqlite3 *db) const { sqlite3_close_v2(db); }
};
struct StmtFinalizer {
    void operator()(sqlite3_stmt *s) const { sqlite3_finalize(s); }
};
using DbPtr = std::unique_ptr<sqlite3, DbCloser>;
using StmtPtr = std::unique_ptr<sqlite3_stmt, StmtFinalizer>;

// "file:" URI with everything but unreserved characters and '/' percent-encoded.
std::string fileUri(const std::filesystem::path &path)
{
    static constexpr char hex[] = "0123456789ABCDEF";
    std::string uri = "file:";
    for (const unsigned char c : std::filesystem::absolute(path).string()) {
        if (std::isalnum(c) || c == '/' || c == '-' || c == '_' || c == '.' || c == '~') {
            uri.push_back(static_cast<char>(c));
        } else {
            uri.push_back('%');
            uri.push_back(hex[c >> 4]);
            uri.push_back(hex[c & 15]);
        }
    }
    return uri + "?mode=ro&immutable=1";
}

Error dbError(sqlite3 *db, const std::string &what, const std::filesystem::path &path)
{
    return Error(ErrorCode::Database, what + " " + path.string(), db ? sqlite3_errmsg(db) : "out of memory");
}

Result<StmtPtr> prepare(sqlite3 *db, const std::string &sql, const std::filesystem::path &path)
{
    sqlite3_stmt *stmt = nullptr;
    if (sqlite3_prepare_v2(db, sql.c_str(), -1, &stmt, nullptr) != SQLITE_OK)
        return std::unexpected(dbError(db, "Cannot read the NSRL database", path));
    return StmtPtr(stmt);
}

// A table or view that has md5 and sha1 columns: DISTINCT_HASH first (one row per distinct
// hash), else FILE. Empty when neither exists.
Result<std::string> hashSource(sqlite3 *db, const std::filesystem::path &path)
{
    for (const char *name : {"DISTINCT_HASH", "FILE"}) {
        auto stmt = prepare(db, std::string("SELECT name FROM pragma_table_info('") + name + "')", path);
        if (!stmt)
            return std::unexpected(stmt.error());
        bool md5 = false, sha1 = false;
        int rc;
        while ((rc = sqlite3_step(stmt->get())) == SQLITE_ROW) {
            const auto *col = reinterpret_cast<const char *>(sqlite3_column_text(stmt->get(), 0));
            const std::string c = col ? lowerAscii(col) : std::string();
            md5 = md5 || c == "md5";
            sha1 = sha1 || c == "sha1";
        }
        if (rc != SQLITE_DONE)
            return std::unexpected(dbError(db, "Cannot read the NSRL database", path));
        if (md5 && sha1)
            return std::string(name);
    }
    return std::string();
}

std::string_view columnText(sqlite3_stmt *stmt, int col)
{
    const auto *text = reinterpret_cast<const char *>(sqlite3_column_text(stmt, col));
    return text ? trimAscii(std::string_view(text, static_cast<std::size_t>(sqlite3_column_bytes(stmt, col))))
                : std::string_view();
}

void nsrlRow(sqlite3_stmt *stmt, std::uint64_t rowNo, EntrySink &sink)
{
    const std::string_view md5Text = columnText(stmt, 0);
    const std::string_view sha1Text = columnText(stmt, 1);
    std::optional<Md5> md5;
    std::optional<Sha1> sha1;
    const auto where = [rowNo] { return "row " + std::to_string(rowNo); };
    if (!md5Text.empty() && !(md5 = parseMd5(md5Text)))
        return sink.reject(where() + ": md5 " + describeBadHash(md5Text));
    if (!sha1Text.empty() && !(sha1 = parseSha1(sha1Text)))
        return sink.reject(where() + ": sha1 " + describeBadHash(sha1Text));
    if (!md5 && !sha1)
        return sink.reject(where() + ": no md5 or sha1");
    sink.accept(md5, sha1, {});
}

} // namespace

Result<ReadInfo> readNsrl(const std::filesystem::path &path, EntrySink &sink)
{
    sqlite3 *raw = nullptr;
    const int rc = sqlite3_open_v2(fileUri(path).c_str(), &raw, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, nullptr);
    DbPtr db(raw);
    if (rc != SQLITE_OK)
        return std::unexpected(dbError(raw, "Cannot open the NSRL database", path));
    auto source = hashSource(db.get(), path);
    if (!source)
        return std::unexpected(source.error());
    if (source->empty())
        return fail(ErrorCode::Unsupported,
                    "The SQLite database is not an NSRL RDSv3 set (no FILE table with md5 and sha1)", path.string());
    auto stmt = prepare(db.get(), "SELECT md5, sha1 FROM " + *source, path);
    if (!stmt)
        return std::unexpected(stmt.error());
    std::uint64_t rowNo = 0;
    int step;
    while ((step = sqlite3_step(stmt->get())) == SQLITE_ROW)
        nsrlRow(stmt->get(), ++rowNo, sink);
    if (step != SQLITE_DONE)
        return std::unexpected(dbError(db.get(), "Cannot read the NSRL database (damaged?)", path));
    stmt->reset();
    db.reset();

    auto file = SourceFile::open(path);   // the checksum of the database file itself
    if (!file)
        return std::unexpected(file.error());
    auto sha = file->finish();
    if (!sha)
        return std::unexpected(sha.error());
    return ReadInfo{"3", false, *sha};
}

} // namespace vigil::media::detail
