// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/casedb/recoverycounts.h"

#include <algorithm>
#include <array>

namespace vigil::casedb {

namespace {

constexpr std::array<const char *, 6> kRecoveryPlaces = {"freeblock", "unallocated", "freelist", "wal", "superseded", "journal"};

constexpr const char *kFilesSql = R"SQL(
SELECT count(*), coalesce(sum(origin = 'fs' AND allocated = 1), 0), coalesce(sum(origin = 'fs' AND allocated = 0), 0),
  coalesce(sum(origin = 'carved' AND parent_id IS NULL), 0), coalesce(sum(origin = 'carved' AND parent_id IS NOT NULL), 0),
  coalesce(sum(origin = 'carved' AND carve_status = 'partial'), 0), coalesce(sum(origin = 'member'), 0),
  coalesce(sum(origin = 'embedded'), 0)
FROM files WHERE ?1 IS NULL OR evidence_id = ?1)SQL";

constexpr const char *kMediaSql = R"SQL(
SELECT count(*), coalesce(sum(f.origin = 'fs' AND f.allocated = 1), 0), coalesce(sum(f.origin = 'fs' AND f.allocated = 0), 0),
  coalesce(sum(f.origin = 'carved'), 0), coalesce(sum(f.origin IN ('member', 'embedded')), 0)
FROM media m JOIN files f ON f.id = m.file_id WHERE ?1 IS NULL OR m.evidence_id = ?1)SQL";

// Records grouped by how they were read and from what kind of file (few groups).
std::string recordsSql(const char *table)
{
    return std::string("SELECT r.record_source, coalesce(r.recovered_from, ''), coalesce(f.origin, 'fs'), "
                       "coalesce(f.allocated, 1), count(*) FROM ") + table +
           " r JOIN parse_sources ps ON ps.id = r.source_id LEFT JOIN files f ON f.id = ps.file_id "
           "WHERE ?1 IS NULL OR r.evidence_id = ?1 GROUP BY 1, 2, 3, 4";
}

Result<Statement> prepared(Database &db, const std::string &sql, std::optional<std::int64_t> evidenceId)
{
    auto st = db.prepare(sql);
    if (st)
        st->bind(1, evidenceId);
    return st;
}

Result<RecoveryCounts::Files> fileCounts(Database &db, std::optional<std::int64_t> evidenceId)
{
    auto st = prepared(db, kFilesSql, evidenceId);
    if (!st)
        return std::unexpected(st.error());
    RecoveryCounts::Files c;
    auto n = st->forEachRow([&](const Statement &r) {
        c = {r.int64(0), r.int64(1), r.int64(2), r.int64(3), r.int64(4), r.int64(5), r.int64(6), r.int64(7)};
        return false;
    });
    if (!n)
        return std::unexpected(n.error());
    return c;
}

Result<RecoveryCounts::Media> mediaCounts(Database &db, std::optional<std::int64_t> evidenceId)
{
    auto st = prepared(db, kMediaSql, evidenceId);
    if (!st)
        return std::unexpected(st.error());
    RecoveryCounts::Media c;
    auto n = st->forEachRow([&](const Statement &r) {
        c = {r.int64(0), r.int64(1), r.int64(2), r.int64(3), r.int64(4)};
        return false;
    });
    if (!n)
        return std::unexpected(n.error());
    return c;
}

void addRecovered(RecoveryCounts::Records &c, const std::string &place, std::int64_t n)
{
    auto it = std::find_if(c.recoveredFrom.begin(), c.recoveredFrom.end(), [&](const auto &p) { return p.first == place; });
    if (it == c.recoveredFrom.end())
        c.recoveredFrom.emplace_back(place, n);
    else
        it->second += n;
}

// One group of recordsSql: record_source, recovered_from, file origin, file allocated, count.
void addGroup(RecoveryCounts::Records &c, const Statement &r)
{
    const std::string source = r.text(0), origin = r.text(2);
    const std::int64_t n = r.int64(4);
    c.total += n;
    if (source == "live")
        c.live += n;
    else if (source == "wal")
        c.walOnly += n;
    else if (source == "recovered") {
        c.recovered += n;
        addRecovered(c, r.text(1), n);
    }
    const bool deletedFile = origin == "fs" && r.int64(3) == 0;
    if (deletedFile)
        c.fromDeletedDatabases += n;
    else if (origin == "carved")
        c.fromCarvedDatabases += n;
    else if (origin == "member" || origin == "embedded")
        c.fromNestedDatabases += n;
    const bool deleted = source == "recovered" || deletedFile;   // as recordSourceCondition
    c.deletedView += deleted ? n : 0;
    c.recoveredView += deleted || origin == "carved" ? n : 0;
}

Result<RecoveryCounts::Records> recordCounts(Database &db, const char *table, std::optional<std::int64_t> evidenceId)
{
    auto st = prepared(db, recordsSql(table), evidenceId);
    if (!st)
        return std::unexpected(st.error());
    RecoveryCounts::Records c;
    for (const char *place : kRecoveryPlaces)
        c.recoveredFrom.emplace_back(place, 0);
    auto n = st->forEachRow([&](const Statement &r) {
        addGroup(c, r);
        return true;
    });
    if (!n)
        return std::unexpected(n.error());
    return c;
}

} // namespace

Result<RecoveryCounts> recoveryCounts(Database &db, std::optional<std::int64_t> evidenceId)
{
    auto files = fileCounts(db, evidenceId);
    if (!files)
        return std::unexpected(files.error());
    auto media = mediaCounts(db, evidenceId);
    if (!media)
        return std::unexpected(media.error());
    auto messages = recordCounts(db, "messages", evidenceId);
    if (!messages)
        return std::unexpected(messages.error());
    auto calls = recordCounts(db, "calls", evidenceId);
    if (!calls)
        return std::unexpected(calls.error());
    return RecoveryCounts{*files, *media, std::move(*messages), std::move(*calls)};
}

} // namespace vigil::casedb
