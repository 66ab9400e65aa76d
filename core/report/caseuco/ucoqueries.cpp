// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/report/caseuco/ucoqueries.h"

#include <algorithm>
#include <charconv>

namespace vigil::report::uco {

using casedb::Database;
using casedb::Statement;

namespace {

// Files that are nodes of the export: not directories or virtual entries, not past the cutoff.
std::string exportedFile(const std::string &alias, const Scope &scope)
{
    return alias + ".meta_type NOT IN ('dir', 'virtual') AND " + alias + ".id <= " + std::to_string(scope.fileCutoff);
}

// The columns of a record's source (RecordSource, read by readSource at `col`) and their joins.
std::string sourceColumns(bool hasRecoveredFrom)
{
    return std::string(", sf.id, coalesce(ps.parser, ''), coalesce(ps.parser_version, ''), coalesce(r.source_table, ''), "
                       "r.source_rowid, r.source_offset, r.record_source, ") +
           (hasRecoveredFrom ? "coalesce(r.recovered_from, '')" : "''");
}

std::string sourceJoins(const Scope &scope)
{
    return " LEFT JOIN parse_sources ps ON ps.id = r.source_id LEFT JOIN files sf ON sf.id = ps.file_id AND " +
           exportedFile("sf", scope);
}

RecordSource readSource(const Statement &st, int col)
{
    RecordSource s;
    s.fileId = st.optInt64(col);
    s.parser = st.text(col + 1);
    s.parserVersion = st.text(col + 2);
    s.table = st.text(col + 3);
    s.rowid = st.optInt64(col + 4);
    s.offset = st.optInt64(col + 5);
    s.recordSource = st.text(col + 6);
    s.recoveredFrom = st.text(col + 7);
    return s;
}

// "3,5,8" (group_concat) as numbers.
std::vector<std::int64_t> idList(const std::string &text)
{
    std::vector<std::int64_t> out;
    const char *p = text.data(), *end = text.data() + text.size();
    while (p < end) {
        std::int64_t v = 0;
        auto [next, ec] = std::from_chars(p, end, v);
        if (ec == std::errc())
            out.push_back(v);
        p = next;
        while (p < end && *p == ',')
            ++p;
        if (ec != std::errc())
            break;
    }
    return out;
}

std::string inList(const std::vector<std::int64_t> &ids)
{
    std::string out;
    for (const auto id : ids)
        out += (out.empty() ? "" : ",") + std::to_string(id);
    return "(" + out + ")";
}

Result<std::vector<std::int64_t>> ids(Database &db, const std::string &sql)
{
    return casedb::collectRows<std::int64_t>(db, sql, std::nullopt, [](const Statement &r) { return r.int64(0); });
}

Result<std::int64_t> fileCutoff(Database &db, std::int64_t maxFiles)
{
    if (maxFiles < 0)
        return INT64_MAX;
    if (maxFiles == 0)
        return 0;
    auto st = db.prepare("SELECT id FROM files WHERE meta_type NOT IN ('dir', 'virtual') ORDER BY id LIMIT 1 OFFSET ?");
    if (!st)
        return std::unexpected(st.error());
    st->bind(1, maxFiles - 1);
    auto row = st->step();
    if (!row)
        return std::unexpected(row.error());
    return *row ? st->int64(0) : INT64_MAX;
}

Result<void> checkPersons(Database &db, const std::vector<std::int64_t> &personIds)
{
    auto found = ids(db, "SELECT id FROM persons WHERE id IN " + inList(personIds));
    if (!found)
        return std::unexpected(found.error());
    for (const auto id : personIds) {
        if (std::find(found->begin(), found->end(), id) == found->end())
            return fail(ErrorCode::NotFound, "there is no person " + std::to_string(id) + " in this case");
    }
    return {};
}

// The conversations of these persons (one of their accounts takes part or sends) and every account
// those conversations involve, with the persons' own accounts.
Result<void> selectCommunications(Database &db, const std::vector<std::int64_t> &personIds, Scope &scope)
{
    if (auto r = checkPersons(db, personIds); !r)
        return r;
    const std::string theirs = "(SELECT account_id FROM person_accounts WHERE person_id IN " + inList(personIds) + ")";
    auto conversations = ids(db, "SELECT conversation_id FROM participants WHERE account_id IN " + theirs +
                                     " UNION SELECT conversation_id FROM messages WHERE sender_id IN " + theirs +
                                     " ORDER BY 1");
    if (!conversations)
        return std::unexpected(conversations.error());
    const std::string chosen = inList(*conversations);
    auto accounts = ids(db, "SELECT account_id FROM person_accounts WHERE person_id IN " + inList(personIds) +
                                " UNION SELECT account_id FROM participants WHERE conversation_id IN " + chosen +
                                " UNION SELECT sender_id FROM messages WHERE sender_id IS NOT NULL AND conversation_id IN " +
                                chosen + " UNION SELECT mr.account_id FROM message_recipients mr JOIN messages m ON "
                                "m.id = mr.message_id WHERE m.conversation_id IN " + chosen + " ORDER BY 1");
    if (!accounts)
        return std::unexpected(accounts.error());
    scope.allCommunications = false;
    scope.conversations = std::move(*conversations);
    scope.accounts = std::move(*accounts);
    return {};
}

} // namespace

bool Scope::hasConversation(std::int64_t id) const
{
    return allCommunications || std::binary_search(conversations.begin(), conversations.end(), id);
}

bool Scope::hasAccount(std::int64_t id) const
{
    return allCommunications || std::binary_search(accounts.begin(), accounts.end(), id);
}

Result<Scope> exportScope(Database &db, std::int64_t maxFiles, const std::vector<std::int64_t> &personIds)
{
    Scope scope;
    auto cutoff = fileCutoff(db, maxFiles);
    if (!cutoff)
        return std::unexpected(cutoff.error());
    scope.fileCutoff = *cutoff;
    if (!personIds.empty()) {
        if (auto r = selectCommunications(db, personIds, scope); !r)
            return std::unexpected(r.error());
    }
    return scope;
}

Result<std::vector<FileSystemRow>> fileSystems(Database &db)
{
    return casedb::collectRows<FileSystemRow>(
        db, "SELECT id, evidence_id, start_offset, fs_type, block_size FROM filesystems ORDER BY id", std::nullopt,
        [](const Statement &r) {
            return FileSystemRow{r.int64(0), r.int64(1), r.int64(2), r.text(3), r.optInt64(4)};
        });
}

Result<std::map<std::int64_t, std::string>> exhibitNumbers(Database &db)
{
    using Pair = std::pair<std::int64_t, std::string>;
    auto rows = casedb::collectRows<Pair>(
        db,
        "SELECT id, CASE WHEN json_valid(acquisition) THEN json_extract(acquisition, '$.evidence_number') END "
        "FROM evidence ORDER BY id",
        std::nullopt, [](const Statement &r) { return Pair{r.int64(0), r.text(1)}; });
    if (!rows)
        return std::unexpected(rows.error());
    std::map<std::int64_t, std::string> out;
    for (auto &[id, number] : *rows) {
        if (!number.empty())
            out[id] = std::move(number);
    }
    return out;
}

// An ingest run's evidence items are those the audit log shows it adding or resuming between its
// start and the next run's start (times compared as Julian days: the ISO texts differ in length).
Result<std::vector<RunEvidence>> runEvidence(Database &db)
{
    return casedb::collectRows<RunEvidence>(
        db,
        "WITH runs AS (SELECT id, julianday(started_utc) AS t0, (SELECT julianday(min(n.started_utc)) FROM "
        "ingest_runs n WHERE n.id > r.id) AS t1 FROM ingest_runs r), "
        "added AS (SELECT seq, julianday(time_utc) AS t, actor, CASE WHEN json_valid(details) THEN "
        "CAST(json_extract(details, '$.evidence_id') AS INTEGER) END AS evidence_id FROM audit_log "
        "WHERE action IN ('evidence.add', 'evidence.resume')) "
        "SELECT runs.id, added.evidence_id, min(added.actor) FROM runs JOIN added ON added.t >= runs.t0 AND "
        "(runs.t1 IS NULL OR added.t < runs.t1) JOIN evidence e ON e.id = added.evidence_id "
        "GROUP BY runs.id, added.evidence_id ORDER BY runs.id, added.evidence_id",
        std::nullopt, [](const Statement &r) { return RunEvidence{r.int64(0), r.int64(1), r.text(2)}; });
}

Result<std::vector<AppRow>> applications(Database &db)
{
    return casedb::collectRows<AppRow>(
        db,
        "SELECT a.app, coalesce(ap.name, a.app) FROM (SELECT app FROM accounts UNION SELECT app FROM conversations) a "
        "LEFT JOIN applications ap ON ap.id = a.app ORDER BY a.app",
        std::nullopt, [](const Statement &r) { return AppRow{r.text(0), r.text(1)}; });
}

Result<std::int64_t> forEachAccount(Database &db, const Scope &scope, const std::function<void(const AccountRow &)> &fn)
{
    auto st = db.prepare("SELECT r.id, r.evidence_id, r.app, r.account_key, coalesce(r.display_name, ''), "
                         "coalesce(r.contact_name, ''), coalesce(r.phone, r.phone_raw, ''), coalesce(r.email, ''), "
                         "coalesce(r.username, ''), r.is_owner, r.created_at" + sourceColumns(true) +
                         " FROM accounts r" + sourceJoins(scope) + " ORDER BY r.id");
    if (!st)
        return std::unexpected(st.error());
    std::int64_t n = 0;
    auto rows = st->forEachRow([&](const Statement &r) {
        if (!scope.hasAccount(r.int64(0)))
            return true;
        fn(AccountRow{r.int64(0), r.int64(1), r.text(2), r.text(3), r.text(4), r.text(5), r.text(6), r.text(7),
                      r.text(8), r.int64(9) != 0, r.optInt64(10), readSource(r, 11)});
        ++n;
        return true;
    });
    if (!rows)
        return std::unexpected(rows.error());
    return n;
}

Result<std::int64_t> forEachFile(Database &db, const Scope &scope, const std::function<void(const FileRow &)> &fn)
{
    auto st = db.prepare(
        "SELECT f.id, f.evidence_id, f.size, f.fs_id, p.id, f.origin_offset, f.path, f.name, coalesce(f.extension, ''), "
        "f.meta_type, f.origin, coalesce(f.md5, ''), coalesce(f.sha1, ''), coalesce(f.sha256, ''), "
        "coalesce(f.sig_mime, ''), f.allocated, coalesce((fs.fs_type LIKE 'fat%' OR fs.fs_type = 'exfat') AND "
        "e.fs_timezone IS NULL, 0), f.mtime, f.atime, f.ctime, f.crtime FROM files f JOIN evidence e ON "
        "e.id = f.evidence_id LEFT JOIN filesystems fs ON fs.id = f.fs_id LEFT JOIN files p ON p.id = f.parent_id AND " +
        exportedFile("p", scope) + " WHERE " + exportedFile("f", scope) + " ORDER BY f.id");
    if (!st)
        return std::unexpected(st.error());
    return st->forEachRow([&](const Statement &r) {
        fn(FileRow{r.int64(0), r.int64(1), r.int64(2), r.optInt64(3), r.optInt64(4), r.optInt64(5), r.text(6),
                   r.text(7), r.text(8), r.text(9), r.text(10), r.text(11), r.text(12), r.text(13), r.text(14),
                   r.int64(15) != 0, r.int64(16) != 0, r.optInt64(17), r.optInt64(18), r.optInt64(19), r.optInt64(20)});
        return true;
    });
}

Result<std::int64_t> forEachConversation(Database &db, const Scope &scope,
                                         const std::function<void(const ConversationRow &)> &fn)
{
    auto st = db.prepare("SELECT r.id, r.evidence_id, r.app, r.thread_key, coalesce(r.title, ''), r.is_group, r.created_at, "
                         "(SELECT group_concat(account_id) FROM participants WHERE conversation_id = r.id)" +
                         sourceColumns(false) + " FROM conversations r" + sourceJoins(scope) + " ORDER BY r.id");
    if (!st)
        return std::unexpected(st.error());
    std::int64_t n = 0;
    auto rows = st->forEachRow([&](const Statement &r) {
        if (!scope.hasConversation(r.int64(0)))
            return true;
        fn(ConversationRow{r.int64(0), r.int64(1), r.text(2), r.text(3), r.text(4), r.int64(5) != 0, r.optInt64(6),
                           idList(r.text(7)), readSource(r, 8)});
        ++n;
        return true;
    });
    if (!rows)
        return std::unexpected(rows.error());
    return n;
}

Result<std::int64_t> forEachMessage(Database &db, const Scope &scope, std::int64_t conversationId,
                                    const std::function<void(const MessageRow &)> &fn)
{
    auto st = db.prepare("SELECT r.id, r.evidence_id, r.sender_id, r.sent_at, r.direction, coalesce(r.body, ''), "
                         "coalesce(r.msg_type, ''), coalesce(r.status, ''), r.deleted_in_app, "
                         "(SELECT group_concat(account_id) FROM message_recipients WHERE message_id = r.id)" +
                         sourceColumns(true) + " FROM messages r" + sourceJoins(scope) +
                         " WHERE r.conversation_id = ? ORDER BY r.sent_at IS NULL, r.sent_at, r.id");
    if (!st)
        return std::unexpected(st.error());
    st->bind(1, conversationId);
    return st->forEachRow([&](const Statement &r) {
        fn(MessageRow{r.int64(0), r.int64(1), r.optInt64(2), r.optInt64(3), r.text(4), r.text(5), r.text(6),
                      r.text(7), r.int64(8) != 0, idList(r.text(9)), readSource(r, 10)});
        return true;
    });
}

Result<std::map<std::int64_t, std::vector<AttachmentRow>>> attachmentsOf(Database &db, const Scope &scope,
                                                                         std::int64_t conversationId)
{
    auto st = db.prepare("SELECT a.id, a.message_id, a.evidence_id, f.id, a.size, coalesce(a.file_name, ''), "
                         "coalesce(a.device_path, ''), coalesce(a.mime_type, '') FROM attachments a JOIN messages m ON "
                         "m.id = a.message_id LEFT JOIN files f ON f.id = a.file_id AND " + exportedFile("f", scope) +
                         " WHERE m.conversation_id = ? ORDER BY a.message_id, a.id");
    if (!st)
        return std::unexpected(st.error());
    st->bind(1, conversationId);
    std::map<std::int64_t, std::vector<AttachmentRow>> out;
    auto rows = st->forEachRow([&](const Statement &r) {
        out[r.int64(1)].push_back(AttachmentRow{r.int64(0), r.int64(1), r.int64(2), r.optInt64(3), r.optInt64(4),
                                                r.text(5), r.text(6), r.text(7)});
        return true;
    });
    if (!rows)
        return std::unexpected(rows.error());
    return out;
}

Result<std::int64_t> forEachRowOf(Database &db, const Scope &scope, std::string_view kind, std::int64_t evidenceId,
                                  const std::function<void(std::int64_t)> &fn)
{
    // Each query gives the row id and what decides whether it is exported (an account, a conversation).
    std::string sql;
    if (kind == "file")
        sql = "SELECT f.id, 0 FROM files f WHERE f.evidence_id = ? AND " + exportedFile("f", scope) + " ORDER BY f.id";
    else if (kind == "account")
        sql = "SELECT id, id FROM accounts WHERE evidence_id = ? ORDER BY id";
    else if (kind == "conversation")
        sql = "SELECT id, id FROM conversations WHERE evidence_id = ? ORDER BY id";
    else if (kind == "message")
        sql = "SELECT id, conversation_id FROM messages WHERE evidence_id = ? ORDER BY id";
    else if (kind == "attachment")
        sql = "SELECT a.id, m.conversation_id FROM attachments a JOIN messages m ON m.id = a.message_id LEFT JOIN "
              "files f ON f.id = a.file_id AND " + exportedFile("f", scope) +
              " WHERE a.evidence_id = ? AND f.id IS NULL ORDER BY a.id";
    else
        return fail(ErrorCode::InvalidArgument, "unknown kind of row: " + std::string(kind));
    auto st = db.prepare(sql);
    if (!st)
        return std::unexpected(st.error());
    st->bind(1, evidenceId);
    const bool byAccount = kind == "account", byConversation = kind != "file" && !byAccount;
    return st->forEachRow([&](const Statement &r) {
        const std::int64_t key = r.int64(1);
        if ((byAccount && !scope.hasAccount(key)) || (byConversation && !scope.hasConversation(key)))
            return true;
        fn(r.int64(0));
        return true;
    });
}

} // namespace vigil::report::uco
