// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/casedb/messagequery.h"

#include <cctype>
#include <sstream>

namespace vigil::casedb {

namespace {

// "Name (identifier)", or whichever of the two exists.
std::string personLabel(const std::string &name, const std::string &identifier)
{
    if (name.empty())
        return identifier;
    if (identifier.empty() || identifier == name)
        return name;
    return name + " (" + identifier + ")";
}

// Columns 0..10 of both queries: file, parser, place in the file, the file's origin.
constexpr int kProvenanceWidth = 11;
// The message query: 16 message columns, the provenance, then these.
constexpr int kMessageProvenance = 16;
constexpr int kHighlightColumn = kMessageProvenance + kProvenanceWidth, kAppNameColumn = kHighlightColumn + 1,
              kThreadKeyColumn = kHighlightColumn + 2, kRecoveredFromColumn = kHighlightColumn + 3;
constexpr const char *kProvenanceColumns =
    "ps.file_id, f.path, ps.parser, ps.parser_version, %T.source_table, %T.source_rowid, %T.source_offset, "
    "%T.record_source, ps.companions, coalesce(f.origin, 'fs'), coalesce(f.allocated, 1)";

std::string provenanceColumns(const std::string &alias)
{
    std::string out = kProvenanceColumns;
    for (auto pos = out.find("%T"); pos != std::string::npos; pos = out.find("%T"))
        out.replace(pos, 2, alias);
    return out;
}

RecordProvenance readProvenance(const Statement &st, int first)
{
    RecordProvenance p;
    p.fileId = st.int64(first);
    p.filePath = st.text(first + 1);
    p.parser = st.text(first + 2);
    p.parserVersion = st.text(first + 3);
    p.sourceTable = st.text(first + 4);
    p.sourceRowid = st.optInt64(first + 5);
    p.sourceOffset = st.optInt64(first + 6);
    p.recordSource = st.text(first + 7);
    p.companions = st.text(first + 8);
    p.fileSource = fileSourceLabel(st.text(first + 9), st.int64(first + 10) != 0);
    return p;
}

// Participants of every conversation (one query), owner last.
Result<std::map<std::int64_t, std::string>> participantLabels(Database &db, const ConversationFilter &filter)
{
    auto st = db.prepare(R"SQL(
SELECT p.conversation_id, coalesce(a.contact_name, a.display_name, ''), coalesce(a.phone, a.email, a.username, a.account_key),
       a.is_owner
FROM participants p JOIN accounts a ON a.id = p.account_id JOIN conversations c ON c.id = p.conversation_id
WHERE (?1 IS NULL OR c.evidence_id = ?1) AND (?2 IS NULL OR c.id = ?2)
ORDER BY p.conversation_id, a.is_owner, a.id)SQL");
    if (!st)
        return std::unexpected(st.error());
    st->bind(1, filter.evidenceId).bind(2, filter.conversationId);
    std::map<std::int64_t, std::string> out;
    auto rows = st->forEachRow([&](const Statement &r) {
        std::string &label = out[r.int64(0)];
        std::string who = r.int64(3) ? "device owner" : personLabel(r.text(1), r.text(2));
        if (r.int64(3) && !r.text(2).empty())
            who += " (" + r.text(2) + ")";
        label += (label.empty() ? "" : "; ") + who;
        return true;
    });
    if (!rows)
        return std::unexpected(rows.error());
    return out;
}

// The participants other than the device owner, for conversations without a title.
constexpr const char *kOthersSql =
    "SELECT group_concat(coalesce(a.contact_name, a.display_name, a.phone, a.email, a.account_key), ', ') "
    "FROM participants p JOIN accounts a ON a.id = p.account_id WHERE p.conversation_id = ?1 AND a.is_owner = 0";

// Conversation labels for message rows, read once per conversation (rows come grouped by
// conversation, so most rows find theirs in the cache).
class ConversationLabels
{
public:
    explicit ConversationLabels(Database &db) : m_others(db.prepare(kOthersSql)) {}

    const std::string &label(std::int64_t conversationId, const std::string &title, const std::string &threadKey)
    {
        auto [it, added] = m_labels.try_emplace(conversationId, title);
        if (added && it->second.empty() && m_others) {
            m_others->bind(1, conversationId);
            if (auto row = m_others->step(); row && *row)
                it->second = m_others->text(0);
            m_others->reset();
        }
        if (added && it->second.empty())
            it->second = threadKey;
        return it->second;
    }

private:
    Result<Statement> m_others;
    std::map<std::int64_t, std::string> m_labels;
};

bool hasSearch(const MessageFilter &filter)
{
    return !ftsQuery(filter.search).empty();
}

std::string messageSql(const MessageFilter &filter)
{
    const bool search = hasSearch(filter);
    std::string sql = "SELECT m.id, m.conversation_id, m.evidence_id, c.app, coalesce(c.title, ''), m.sent_at, "
                      "m.read_at, m.direction, coalesce(a.contact_name, a.display_name, ''), "
                      "coalesce(a.phone, a.email, a.username, a.account_key, ''), coalesce(a.is_owner, 0), m.body, "
                      "m.status, m.msg_type, m.deleted_in_app, m.attachment_count, "
                    + provenanceColumns("m") + ", "
                    + (search ? "highlight(messages_fts, 0, char(2), char(3))" : "NULL")
                    + ", coalesce(ap.name, c.app), c.thread_key, coalesce(m.recovered_from, '')"
                    + (search ? " FROM messages_fts JOIN messages m ON m.id = messages_fts.rowid" : " FROM messages m")
                    + " JOIN conversations c ON c.id = m.conversation_id LEFT JOIN accounts a ON a.id = m.sender_id"
                      " LEFT JOIN applications ap ON ap.id = c.app"
                      " JOIN parse_sources ps ON ps.id = m.source_id LEFT JOIN files f ON f.id = ps.file_id"
                      " WHERE (?1 IS NULL OR m.evidence_id = ?1) AND (?2 IS NULL OR m.conversation_id = ?2)";
    if (search)
        sql += " AND messages_fts MATCH ?3";
    if (const auto source = recordSourceCondition(filter.source, "m", "f"); !source.empty())
        sql += " AND (" + source + ")";
    return sql;
}

MessageRow readMessage(const Statement &st)
{
    MessageRow r;
    r.id = st.int64(0);
    r.conversationId = st.int64(1);
    r.evidenceId = st.int64(2);
    r.app = st.text(3);
    r.conversation = st.text(4);
    r.sentAt = st.optInt64(5);
    r.readAt = st.optInt64(6);
    r.direction = st.text(7);
    r.senderIsOwner = st.int64(10) != 0;
    const std::string identifier = st.text(9);
    r.sender = r.senderIsOwner ? "device owner" + (identifier.empty() ? "" : " (" + identifier + ")")
                               : personLabel(st.text(8), identifier);
    r.body = st.text(11);
    r.status = st.text(12);
    r.type = st.text(13);
    r.deletedInApp = st.int64(14) != 0;
    r.attachmentCount = st.int64(15);
    r.prov = readProvenance(st, kMessageProvenance);
    r.highlighted = st.text(kHighlightColumn);
    r.appName = st.text(kAppNameColumn);
    r.prov.recoveredFrom = st.text(kRecoveredFromColumn);
    return r;
}

Result<Statement> prepareMessages(Database &db, const MessageFilter &filter, const std::string &sql)
{
    auto st = db.prepare(sql);
    if (!st)
        return st;
    st->bind(1, filter.evidenceId).bind(2, filter.conversationId);
    if (hasSearch(filter))
        st->bind(3, ftsQuery(filter.search));
    return st;
}

// " AND EXISTS (a message of this source in conversation c)", or "" for every conversation.
std::string withMessagesOf(SourceFilter source)
{
    const std::string condition = recordSourceCondition(source, "sm", "sf");
    if (condition.empty())
        return {};
    return " AND EXISTS (SELECT 1 FROM messages sm JOIN parse_sources sps ON sps.id = sm.source_id "
           "LEFT JOIN files sf ON sf.id = sps.file_id WHERE sm.conversation_id = c.id AND (" + condition + "))";
}

} // namespace

Result<std::vector<ConversationRow>> listConversations(Database &db, const ConversationFilter &filter)
{
    auto labels = participantLabels(db, filter);
    if (!labels)
        return std::unexpected(labels.error());
    auto st = db.prepare("SELECT c.id, c.evidence_id, c.app, coalesce(ap.name, c.app), c.thread_key, coalesce(c.title, ''), "
                         "c.is_group, c.message_count, c.deleted_count, c.recovered_count, c.attachment_count, "
                         "c.first_message_at, c.last_message_at, " + provenanceColumns("c")
                         + " FROM conversations c LEFT JOIN applications ap ON ap.id = c.app "
                           "JOIN parse_sources ps ON ps.id = c.source_id LEFT JOIN files f ON f.id = ps.file_id "
                           "WHERE (?1 IS NULL OR c.evidence_id = ?1) AND (?2 IS NULL OR c.id = ?2)"
                         + withMessagesOf(filter.source)
                         + " ORDER BY c.last_message_at IS NULL, c.last_message_at DESC, c.id");
    if (!st)
        return std::unexpected(st.error());
    st->bind(1, filter.evidenceId).bind(2, filter.conversationId);
    std::vector<ConversationRow> out;
    auto rows = st->forEachRow([&](const Statement &r) {
        ConversationRow c{r.int64(0), r.int64(1), r.text(2), r.text(3), r.text(4), r.text(5), r.int64(6) != 0,
                          r.int64(7), r.int64(8), r.int64(9), r.int64(10), r.optInt64(11), r.optInt64(12), {},
                          readProvenance(r, 13)};
        c.participants = (*labels)[c.id];
        out.push_back(std::move(c));
        return true;
    });
    if (!rows)
        return std::unexpected(rows.error());
    return out;
}

Result<std::int64_t> forEachMessage(Database &db, const MessageFilter &filter, const std::function<void(const MessageRow &)> &fn)
{
    auto st = prepareMessages(db, filter, messageSql(filter) + " ORDER BY m.conversation_id, m.sent_at, m.id LIMIT "
                                              + std::to_string(filter.limit) + " OFFSET " + std::to_string(filter.offset));
    if (!st)
        return std::unexpected(st.error());
    ConversationLabels labels(db);
    return st->forEachRow([&](const Statement &r) {
        MessageRow row = readMessage(r);
        row.conversation = labels.label(row.conversationId, row.conversation, r.text(kThreadKeyColumn));
        fn(row);
        return true;
    });
}

Result<std::int64_t> countMessages(Database &db, const MessageFilter &filter)
{
    auto st = prepareMessages(db, filter, "SELECT count(*) FROM (" + messageSql(filter) + ")");
    if (!st)
        return std::unexpected(st.error());
    auto row = st->step();
    if (!row)
        return std::unexpected(row.error());
    return st->int64(0);
}

Result<std::map<std::int64_t, std::vector<AttachmentRow>>> attachmentsOf(Database &db, const std::vector<std::int64_t> &messageIds)
{
    std::map<std::int64_t, std::vector<AttachmentRow>> out;
    auto st = db.prepare("SELECT t.id, t.message_id, coalesce(t.file_name, ''), coalesce(t.device_path, ''), "
                         "coalesce(t.mime_type, ''), coalesce(t.app_hash, ''), coalesce(t.link_method, ''), t.size, "
                         "t.file_id, coalesce(f.path, ''), coalesce(f.sig_type, '') "
                         "FROM attachments t LEFT JOIN files f ON f.id = t.file_id WHERE t.message_id = ? ORDER BY t.id");
    if (!st)
        return std::unexpected(st.error());
    for (const auto id : messageIds) {
        st->bind(1, id);
        auto rows = st->forEachRow([&](const Statement &r) {
            out[id].push_back({r.int64(0), r.int64(1), r.text(2), r.text(3), r.text(4), r.text(5), r.text(6),
                               r.optInt64(7), r.optInt64(8), r.text(9), r.text(10)});
            return true;
        });
        st->reset();
        if (!rows)
            return std::unexpected(rows.error());
    }
    return out;
}

std::string ftsQuery(const std::string &text)
{
    std::istringstream in(text);
    std::string word, out;
    while (in >> word) {
        std::string quoted = "\"";
        for (char c : word)
            quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
        out += (out.empty() ? "" : " ") + quoted + "\"";
    }
    return out;
}

} // namespace vigil::casedb
