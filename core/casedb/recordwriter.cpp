// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/casedb/recordwriter.h"

#include <algorithm>
#include <cctype>

#include "core/util/timeutil.h"

namespace vigil::casedb {

namespace {

using model::RecordOrigin;

// Binds text, or NULL for an empty string (absent values stay NULL in the case).
void bindText(Statement &st, int index, std::string_view value)
{
    if (value.empty())
        st.bindNull(index);
    else
        st.bind(index, value);
}

// The same without a copy, for text of a record that outlives the statement's step.
void bindRecordText(Statement &st, int index, const std::string &value)
{
    if (value.empty())
        st.bindNull(index);
    else
        st.bindUncopied(index, value);
}

std::string lowerTrimmed(std::string_view s)
{
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front())))
        s.remove_prefix(1);
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back())))
        s.remove_suffix(1);
    std::string out(s);
    std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
    return out;
}

// Binds the four provenance columns that follow source_id: table, rowid, offset, source.
void bindOrigin(Statement &st, int first, std::int64_t sourceId, const RecordOrigin &o)
{
    st.bind(first, sourceId);
    bindText(st, first + 1, o.table);
    st.bind(first + 2, o.rowid);
    st.bind(first + 3, o.offset);
    st.bind(first + 4, model::toString(o.source));
}

// Binds recovered_from (the column after the provenance columns of messages, calls, accounts
// and contacts): where a recovered row was found, NULL for the others.
void bindRecoveredFrom(Statement &st, int index, const RecordOrigin &o)
{
    bindText(st, index, o.source == model::RecordSource::Recovered ? std::string_view(o.recoveredFrom) : "");
}

Result<std::int64_t> returningId(Statement &st)
{
    auto row = st.step();
    const std::int64_t id = row && *row ? st.int64(0) : 0;
    st.reset();
    if (!row)
        return std::unexpected(row.error());
    if (id == 0)
        return fail(ErrorCode::Database, "an insert returned no row id");
    return id;
}

constexpr const char *kOriginColumns = "source_id, source_table, source_rowid, source_offset, record_source";
// The same with recovered_from, for the tables that have it.
constexpr const char *kRecoveredOriginColumns =
    "source_id, source_table, source_rowid, source_offset, record_source, recovered_from";

} // namespace

// Prepared once per writer connection.
struct RecordStatements {
    Statement app, source, account, contact, identifier, conversation, participant, message, fts, recipient,
        attachment, call, visit, search;
};

struct RecordWriter::Session {
    ParseStart start;
    struct Source {
        std::int64_t id = 0, records = 0;
        std::int64_t firstMessageId = 0, recoveredMessages = 0;
        std::unordered_map<std::string, std::int64_t> conversations;   // thread key -> id
    };
    std::map<std::string, Source> sources;                             // by parser id
    std::unordered_map<std::string, std::unordered_map<std::string, std::int64_t>> accounts;   // app -> key -> id
    std::optional<Error> firstError;
};

RecordWriter::RecordWriter() = default;
RecordWriter::~RecordWriter() = default;

RecordWriter::Session *RecordWriter::session(std::int64_t fileId)
{
    const auto it = m_sessions.find(fileId);
    return it == m_sessions.end() ? nullptr : it->second.get();
}

RecordStatements &RecordWriter::statements(Database &db)
{
    if (m_statements)
        return *m_statements;
    auto prep = [&](const std::string &sql) {
        auto st = db.prepare(sql);
        return st ? std::move(*st) : Statement();
    };
    const std::string origin = kOriginColumns;
    const std::string recovered = kRecoveredOriginColumns;
    auto s = std::make_unique<RecordStatements>();
    s->app = prep("INSERT INTO applications(id, name) VALUES (?, ?) ON CONFLICT(id) DO NOTHING");
    s->source = prep("INSERT INTO parse_sources(evidence_id, file_id, parser, parser_version, app, companions, "
                     "started_utc) VALUES (?,?,?,?,?,?,?) ON CONFLICT(file_id, parser) DO UPDATE SET "
                     "parser_version=excluded.parser_version, companions=excluded.companions, "
                     "started_utc=excluded.started_utc, finished_utc=NULL, status='running', records=0 RETURNING id");
    // An account seen live keeps the provenance of a live row rather than that of a recovered one.
    const std::string liveWins = "accounts.record_source='recovered' AND excluded.record_source<>'recovered'";
    std::string provenance;
    for (const char *col : {"source_id", "source_table", "source_rowid", "source_offset", "record_source",
                            "recovered_from"})
        provenance += std::string(col) + "=CASE WHEN " + liveWins + " THEN excluded." + col + " ELSE accounts." + col +
                      " END, ";
    s->account = prep("INSERT INTO accounts(evidence_id, app, account_key, display_name, phone_raw, phone, email, "
                      "username, is_owner, " + recovered + ", created_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?) "
                      "ON CONFLICT(evidence_id, app, account_key) DO UPDATE SET " + provenance +
                      "display_name=coalesce(accounts.display_name, excluded.display_name), "
                      "phone_raw=coalesce(accounts.phone_raw, excluded.phone_raw), "
                      "phone=coalesce(accounts.phone, excluded.phone), email=coalesce(accounts.email, excluded.email), "
                      "username=coalesce(accounts.username, excluded.username), "
                      "is_owner=max(accounts.is_owner, excluded.is_owner), "
                      "created_at=coalesce(accounts.created_at, excluded.created_at) RETURNING id");
    s->contact = prep("INSERT INTO contacts(evidence_id, app, name, organization, account_key, " + recovered
                      + ") VALUES (?,?,?,?,?,?,?,?,?,?,?)");
    s->identifier = prep("INSERT INTO contact_identifiers(contact_id, kind, raw, value) VALUES (?,?,?,?)");
    s->conversation = prep("INSERT INTO conversations(evidence_id, app, thread_key, title, is_group, created_at, "
                           + origin + ") VALUES (?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT(source_id, thread_key) DO UPDATE "
                           "SET title=coalesce(conversations.title, excluded.title), "
                           "is_group=max(conversations.is_group, excluded.is_group) RETURNING id");
    s->participant = prep("INSERT OR IGNORE INTO participants(conversation_id, account_id) VALUES (?,?)");
    s->message = prep("INSERT INTO messages(conversation_id, evidence_id, sender_id, direction, sent_at, read_at, body, "
                      "status, msg_type, deleted_in_app, attachment_count, " + recovered
                      + ") VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
    s->fts = prep("INSERT INTO messages_fts(rowid, body) VALUES (?,?)");
    s->recipient = prep("INSERT OR IGNORE INTO message_recipients(message_id, account_id) VALUES (?,?)");
    s->attachment = prep("INSERT INTO attachments(message_id, evidence_id, file_name, device_path, mime_type, size, "
                         "app_hash, " + origin + ") VALUES (?,?,?,?,?,?,?,?,?,?,?,?)");
    s->call = prep("INSERT INTO calls(evidence_id, app, account_id, conversation_id, direction, started_at, duration_s, "
                   "is_video, status, " + recovered + ") VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
    s->visit = prep("INSERT INTO web_visits(evidence_id, app, url, title, visited_at, transition, " + origin
                    + ") VALUES (?,?,?,?,?,?,?,?,?,?,?)");
    s->search = prep("INSERT INTO web_searches(evidence_id, app, terms, url, engine, searched_at, " + origin
                     + ") VALUES (?,?,?,?,?,?,?,?,?,?,?)");
    m_statements = std::move(s);
    return *m_statements;
}

// ---- one batch ----

namespace {

// Everything add() does for one batch, with the session's maps.
class BatchWriter
{
public:
    BatchWriter(Database &db, std::int64_t evidenceId, const model::RecordBatch &batch, std::int64_t sourceId,
                std::unordered_map<std::string, std::int64_t> &accounts,
                std::unordered_map<std::string, std::int64_t> &conversations, const PhoneNormalizer &normalize,
                RecordStatements &statements)
        : m_db(db), m_evidence(evidenceId), m_batch(batch), m_source(sourceId), m_accounts(accounts),
          m_conversations(conversations), m_normalize(normalize), m_st(statements)
    {
    }

    Result<void> run()
    {
        for (const auto &a : m_batch.accounts)
            note(account(a));
        for (const auto &c : m_batch.contacts)
            note(contact(c));
        for (const auto &c : m_batch.conversations)
            note(conversation(c));
        for (const auto &m : m_batch.messages)
            note(message(m));
        for (const auto &c : m_batch.calls)
            note(call(c));
        for (const auto &v : m_batch.visits)
            note(visit(v));
        for (const auto &s : m_batch.searches)
            note(search(s));
        if (m_error)
            return std::unexpected(*m_error);
        return {};
    }

    std::int64_t written() const { return m_written; }
    std::int64_t firstMessageId() const { return m_firstMessageId; }
    std::int64_t recoveredMessages() const { return m_recoveredMessages; }

private:
    template <typename T>
    void note(const Result<T> &r)
    {
        if (r)
            ++m_written;
        else if (!m_error)
            m_error = r.error();
    }

    std::string phoneOf(std::string_view raw) const
    {
        if (raw.empty() || !m_normalize)
            return {};
        return m_normalize(raw).value_or(std::string());
    }

    Result<std::int64_t> account(const model::AccountRecord &a)
    {
        Statement &s = m_st.account;
        s.bind(1, m_evidence).bind(2, m_batch.app).bind(3, a.key);
        bindText(s, 4, a.key.empty() && a.displayName.empty() ? "Device owner" : a.displayName);
        bindText(s, 5, a.phone);
        bindText(s, 6, phoneOf(a.phone));
        bindText(s, 7, lowerTrimmed(a.email));
        bindText(s, 8, a.username);
        s.bind(9, std::int64_t{a.owner || a.key.empty()});
        bindOrigin(s, 10, m_source, a.origin);
        bindRecoveredFrom(s, 15, a.origin);
        s.bind(16, a.created);
        auto id = returningId(s);
        if (id) {
            m_accounts[a.key] = *id;
        }
        return id;
    }

    // The row of an account key; one the parser never described is created from the key.
    Result<std::int64_t> accountId(const std::string &key, const RecordOrigin &origin)
    {
        const auto it = m_accounts.find(key);
        if (it != m_accounts.end())
            return it->second;
        model::AccountRecord placeholder;
        placeholder.key = key;
        placeholder.owner = key.empty();
        placeholder.origin = origin;
        return account(placeholder);
    }

    Result<std::int64_t> contact(const model::ContactRecord &c)
    {
        Statement &s = m_st.contact;
        s.bind(1, m_evidence).bind(2, m_batch.app);
        bindText(s, 3, c.name);
        bindText(s, 4, c.organization);
        bindText(s, 5, c.accountKey);
        bindOrigin(s, 6, m_source, c.origin);
        bindRecoveredFrom(s, 11, c.origin);
        if (auto r = s.run(); !r)
            return std::unexpected(r.error());
        const std::int64_t id = m_db.lastInsertId();
        for (const auto &p : c.phones)
            (void)identifier(id, "phone", p, phoneOf(p));
        for (const auto &e : c.emails)
            (void)identifier(id, "email", e, lowerTrimmed(e));
        return id;
    }

    Result<void> identifier(std::int64_t contactId, const char *kind, const std::string &raw, const std::string &value)
    {
        if (raw.empty())
            return {};
        Statement &s = m_st.identifier;
        s.bind(1, contactId).bind(2, kind).bind(3, raw);
        bindText(s, 4, value);
        return s.run();
    }

    Result<std::int64_t> conversation(const model::ConversationRecord &c)
    {
        Statement &s = m_st.conversation;
        s.bind(1, m_evidence).bind(2, m_batch.app).bind(3, c.key);
        bindText(s, 4, c.title);
        s.bind(5, std::int64_t{c.group}).bind(6, c.created);
        bindOrigin(s, 7, m_source, c.origin);
        auto id = returningId(s);
        if (!id)
            return id;
        m_conversations[c.key] = *id;
        for (const auto &key : c.participantKeys) {
            auto account = accountId(key, c.origin);
            if (account)
                (void)m_st.participant.bind(1, *id).bind(2, *account).run();
        }
        return id;
    }

    // A conversation key no conversation record named gets a conversation of its own, so the
    // message is kept.
    Result<std::int64_t> conversationId(const std::string &key, const RecordOrigin &origin)
    {
        const auto it = m_conversations.find(key);
        if (it != m_conversations.end())
            return it->second;
        model::ConversationRecord placeholder;
        placeholder.key = key;
        placeholder.origin = origin;
        return conversation(placeholder);
    }

    Result<std::optional<std::int64_t>> senderOf(const model::MessageRecord &m)
    {
        if (m.senderKey.empty() && m.direction != model::Direction::Outgoing)
            return std::optional<std::int64_t>();
        auto id = accountId(m.senderKey, m.origin);
        if (!id)
            return std::unexpected(id.error());
        return std::optional<std::int64_t>(*id);
    }

    Result<std::int64_t> message(const model::MessageRecord &m)
    {
        auto conv = conversationId(m.conversationKey, m.origin);
        auto sender = senderOf(m);
        if (!conv || !sender)
            return std::unexpected(!conv ? conv.error() : sender.error());
        Statement &s = m_st.message;
        s.bind(1, *conv).bind(2, m_evidence).bind(3, *sender).bind(4, model::toString(m.direction));
        s.bind(5, m.sent).bind(6, m.read);
        bindRecordText(s, 7, m.text);
        bindRecordText(s, 8, m.status);
        bindRecordText(s, 9, m.type);
        s.bind(10, std::int64_t{m.deletedInApp}).bind(11, static_cast<std::int64_t>(m.attachments.size()));
        bindOrigin(s, 12, m_source, m.origin);
        bindRecoveredFrom(s, 17, m.origin);
        if (auto r = s.run(); !r)
            return std::unexpected(r.error());
        const std::int64_t id = m_db.lastInsertId();
        m_firstMessageId = m_firstMessageId ? m_firstMessageId : id;
        m_recoveredMessages += m.origin.source == model::RecordSource::Recovered;
        if (!m.text.empty())
            (void)m_st.fts.bind(1, id).bindUncopied(2, m.text).run();
        for (const auto &key : m.recipientKeys) {
            if (auto account = accountId(key, m.origin))
                (void)m_st.recipient.bind(1, id).bind(2, *account).run();
        }
        for (const auto &a : m.attachments)
            (void)attachment(id, a);
        return id;
    }

    Result<void> attachment(std::int64_t messageId, const model::AttachmentRecord &a)
    {
        Statement &s = m_st.attachment;
        s.bind(1, messageId).bind(2, m_evidence);
        bindText(s, 3, a.fileName);
        bindText(s, 4, a.devicePath);
        bindText(s, 5, a.mimeType);
        s.bind(6, a.size);
        bindText(s, 7, a.appHash);
        bindOrigin(s, 8, m_source, a.origin);
        return s.run();
    }

    Result<void> call(const model::CallRecord &c)
    {
        std::optional<std::int64_t> account, conv;
        if (!c.accountKey.empty())
            account = accountId(c.accountKey, c.origin).value_or(0);
        if (!c.conversationKey.empty())
            conv = conversationId(c.conversationKey, c.origin).value_or(0);
        Statement &s = m_st.call;
        s.bind(1, m_evidence).bind(2, m_batch.app);
        account && *account ? s.bind(3, *account) : s.bindNull(3);
        conv && *conv ? s.bind(4, *conv) : s.bindNull(4);
        s.bind(5, model::toString(c.direction)).bind(6, c.started).bind(7, c.durationSeconds);
        s.bind(8, std::int64_t{c.video});
        bindText(s, 9, c.status);
        bindOrigin(s, 10, m_source, c.origin);
        bindRecoveredFrom(s, 15, c.origin);
        return s.run();
    }

    Result<void> visit(const model::WebVisitRecord &v)
    {
        Statement &s = m_st.visit;
        s.bind(1, m_evidence).bind(2, m_batch.app).bind(3, v.url);
        bindText(s, 4, v.title);
        s.bind(5, v.time);
        bindText(s, 6, v.transition);
        bindOrigin(s, 7, m_source, v.origin);
        return s.run();
    }

    Result<void> search(const model::WebSearchRecord &w)
    {
        Statement &s = m_st.search;
        s.bind(1, m_evidence).bind(2, m_batch.app).bind(3, w.terms);
        bindText(s, 4, w.url);
        bindText(s, 5, w.engine);
        s.bind(6, w.time);
        bindOrigin(s, 7, m_source, w.origin);
        return s.run();
    }

    Database &m_db;
    std::int64_t m_evidence;
    const model::RecordBatch &m_batch;
    std::int64_t m_source;
    std::unordered_map<std::string, std::int64_t> &m_accounts;
    std::unordered_map<std::string, std::int64_t> &m_conversations;
    const PhoneNormalizer &m_normalize;
    RecordStatements &m_st;
    std::optional<Error> m_error;
    std::int64_t m_written = 0;
    std::int64_t m_firstMessageId = 0, m_recoveredMessages = 0;
};

} // namespace

Result<void> clearPeopleAnalysis(Database &db)
{
    for (const char *sql : {"DELETE FROM events", "DELETE FROM victims", "DELETE FROM conversation_scores",
                            "DELETE FROM indicator_hits", "DELETE FROM person_locations",
                            "DELETE FROM person_accounts", "DELETE FROM persons"}) {
        if (auto r = db.exec(sql); !r)
            return r;
    }
    return {};
}

namespace {

// Rows of earlier parses of a file (sources kept: accounts may point at them).
Result<void> deleteSourceRows(Database &db, const std::string &sources)
{
    const std::string in = " IN (" + sources + ")";
    const std::string messages = "SELECT id FROM messages WHERE source_id" + in;
    // The people analysis points at messages, conversations and accounts; it is derived and
    // rebuilt at the end of the ingest (analysePeople), so it goes first.
    if (auto r = clearPeopleAnalysis(db); !r)
        return r;
    for (const std::string &sql : {
             "INSERT INTO messages_fts(messages_fts, rowid, body) SELECT 'delete', id, body FROM messages "
             "WHERE body IS NOT NULL AND source_id" + in,
             "DELETE FROM message_recipients WHERE message_id IN (" + messages + ")",
             "DELETE FROM attachments WHERE message_id IN (" + messages + ")",
             "DELETE FROM messages WHERE source_id" + in,
             "DELETE FROM calls WHERE source_id" + in,
             "DELETE FROM participants WHERE conversation_id IN (SELECT id FROM conversations WHERE source_id" + in + ")",
             "DELETE FROM conversations WHERE source_id" + in,
             "DELETE FROM contact_identifiers WHERE contact_id IN (SELECT id FROM contacts WHERE source_id" + in + ")",
             "DELETE FROM contacts WHERE source_id" + in,
             "DELETE FROM web_visits WHERE source_id" + in,
             "DELETE FROM web_searches WHERE source_id" + in}) {
        if (auto r = db.exec(sql); !r)
            return r;
    }
    return {};
}

} // namespace

Result<void> RecordWriter::begin(Database &db, ParseStart start)
{
    const std::int64_t fileId = start.fileId;
    auto st = db.prepare("SELECT group_concat(id) FROM parse_sources WHERE file_id=?");
    if (!st)
        return std::unexpected(st.error());
    st->bind(1, fileId);
    std::string earlier;
    if (auto row = st->step(); row && *row)
        earlier = st->text(0);
    if (!earlier.empty()) {
        if (auto r = deleteSourceRows(db, earlier); !r)
            return r;
    }
    auto s = std::make_unique<Session>();
    s->start = std::move(start);
    m_sessions[fileId] = std::move(s);
    return {};
}

Result<void> RecordWriter::add(Database &db, std::int64_t fileId, const model::RecordBatch &batch,
                               const std::string &parser, const std::string &parserVersion)
{
    Session *s = session(fileId);
    if (!s)
        return fail(ErrorCode::Internal, "records arrived for a file whose parse was not begun",
                    "file " + std::to_string(fileId));
    RecordStatements &st = statements(db);
    if (!batch.app.empty())
        (void)st.app.bind(1, batch.app).bind(2, batch.appName.empty() ? batch.app : batch.appName).run();
    auto &source = s->sources[parser];
    if (source.id == 0) {
        st.source.bind(1, s->start.evidenceId).bind(2, fileId).bind(3, parser).bind(4, parserVersion);
        st.source.bind(5, batch.app).bind(6, s->start.companionsJson).bind(7, nowIso8601());
        auto id = returningId(st.source);
        if (!id)
            return std::unexpected(id.error());
        source.id = *id;
    }
    BatchWriter writer(db, s->start.evidenceId, batch, source.id, s->accounts[batch.app], source.conversations,
                       s->start.normalizePhone, st);
    auto r = writer.run();
    source.records += writer.written();
    source.recoveredMessages += writer.recoveredMessages();
    if (!source.firstMessageId)
        source.firstMessageId = writer.firstMessageId();
    if (!r && !s->firstError)
        s->firstError = r.error();
    return r;
}

namespace {

// A recovered message that only repeats a live one of the same parse (same conversation,
// sender, direction, time, text and type) is an older version of that row whose other columns
// changed (a read or delivery flag): it is dropped, so a message is never shown twice.
// The parse's messages have row ids from `firstMessageId` on.
Result<void> dropRecoveredRepeats(Database &db, std::int64_t sourceId, std::int64_t firstMessageId)
{
    const std::string repeats = "SELECT r.id FROM messages r WHERE r.id>=" + std::to_string(firstMessageId) +
                                " AND r.source_id=" + std::to_string(sourceId) +
                                " AND r.record_source='recovered' AND EXISTS (SELECT 1 FROM messages l "
                                "WHERE l.conversation_id=r.conversation_id AND l.sent_at IS r.sent_at "
                                "AND l.source_id=r.source_id AND l.record_source<>'recovered' "
                                "AND l.direction=r.direction AND l.sender_id IS r.sender_id AND l.body IS r.body "
                                "AND l.msg_type IS r.msg_type AND l.attachment_count=r.attachment_count)";
    const std::string in = " IN (SELECT id FROM temp.recovered_repeats)";
    const std::string steps[] = {
        "CREATE TEMP TABLE IF NOT EXISTS recovered_repeats(id INTEGER PRIMARY KEY)",
        "DELETE FROM temp.recovered_repeats",
        "INSERT INTO temp.recovered_repeats " + repeats,
        "INSERT INTO messages_fts(messages_fts, rowid, body) SELECT 'delete', id, body FROM messages "
        "WHERE body IS NOT NULL AND id" + in,
        "DELETE FROM message_recipients WHERE message_id" + in,
        "DELETE FROM attachments WHERE message_id" + in,
        "DELETE FROM messages WHERE id" + in};
    for (const std::string &sql : steps) {
        if (auto r = db.exec(sql); !r)
            return r;
    }
    return {};
}

} // namespace

Result<void> RecordWriter::finish(Database &db, std::int64_t fileId, const std::string &parseStatus)
{
    Session *s = session(fileId);
    if (!s)
        return fail(ErrorCode::Internal, "a parse was finished that was not begun", "file " + std::to_string(fileId));
    const std::string done = s->firstError ? "partial" : "done";
    for (const auto &[parser, source] : s->sources) {
        if (source.recoveredMessages > 0) {
            if (auto r = dropRecoveredRepeats(db, source.id, source.firstMessageId); !r)
                return r;
        }
        auto up = db.prepare("UPDATE parse_sources SET finished_utc=?, status=?, records=? WHERE id=?");
        if (!up)
            return std::unexpected(up.error());
        if (auto r = up->bind(1, nowIso8601()).bind(2, done).bind(3, source.records).bind(4, source.id).run(); !r)
            return r;
        auto totals = db.prepare(R"SQL(
UPDATE conversations SET message_count=agg.n, first_message_at=agg.first, last_message_at=agg.last,
  deleted_count=agg.deleted, recovered_count=agg.recovered, attachment_count=agg.attachments
FROM (SELECT conversation_id, count(*) AS n, min(sent_at) AS first, max(sent_at) AS last,
        sum(deleted_in_app) AS deleted, sum(record_source <> 'live') AS recovered,
        sum(attachment_count) AS attachments
      FROM messages WHERE conversation_id IN (SELECT id FROM conversations WHERE source_id=?1)
      GROUP BY conversation_id) AS agg
WHERE conversations.id = agg.conversation_id)SQL");
        if (!totals)
            return std::unexpected(totals.error());
        if (auto r = totals->bind(1, source.id).run(); !r)
            return r;
    }
    auto file = db.prepare("UPDATE files SET parse_status=? WHERE id=?");
    if (!file)
        return std::unexpected(file.error());
    auto r = file->bind(1, parseStatus).bind(2, fileId).run();
    m_sessions.erase(fileId);
    return r;
}

Result<void> deleteCommunications(Database &db, std::int64_t evidenceId)
{
    const std::string ev = std::to_string(evidenceId);
    const std::string sources = "SELECT id FROM parse_sources WHERE evidence_id=" + ev;
    if (auto r = deleteSourceRows(db, sources); !r)
        return r;
    for (const std::string &sql : {"DELETE FROM accounts WHERE evidence_id=" + ev,
                                   "DELETE FROM parse_sources WHERE evidence_id=" + ev}) {
        if (auto r = db.exec(sql); !r)
            return r;
    }
    return {};
}

} // namespace vigil::casedb
