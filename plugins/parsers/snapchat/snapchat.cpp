// SPDX-License-Identifier: GPL-3.0-or-later
#include "plugins/parsers/snapchat/snapchat.h"

#include <algorithm>
#include <array>
#include <map>
#include <set>

#include "core/util/utf8.h"
#include "plugins/api/partialerrors.h"
#include "plugins/api/recordemitter.h"
#include "plugins/api/registry.h"
#include "plugins/api/sqlitedb.h"
#include "plugins/parsers/snapchat/pbwalk.h"

namespace vigil::plugins {

namespace {

constexpr std::string_view kMetadataJson =
#include "metadata.json.inc"
    ;

using model::Direction;

// conversation_message.content_type values stable across app versions (later values moved).
constexpr std::int64_t kSnap = 0;
constexpr std::int64_t kChat = 1;

// Where a chat message keeps its text in message_content: field 4 → 4 → 2 → 1.
constexpr std::array<std::uint32_t, 4> kChatTextPath = {4, 4, 2, 1};

std::string typeOf(std::int64_t contentType)
{
    switch (contentType) {
    case kSnap: return "media";      // a snap
    case kChat: return "text";
    case 2: return "media";          // external media (a photo or video from the camera roll)
    case 3: return "share";          // a shared story, profile or link
    case 4: return "media";          // a voice note
    case 5: return "sticker";
    case 6: return "system";         // a status message (screenshot, saved, call…)
    default: return "other";
    }
}

// The text of a chat message: at the known field path when it is there and valid UTF-8, else
// the longest printable string of the content. Never anything the content does not hold.
std::string chatText(const std::vector<unsigned char> &content)
{
    const snapchat::Bytes bytes(content.data(), content.size());
    if (const auto field = snapchat::findPath(bytes, kChatTextPath)) {
        const std::string_view text(reinterpret_cast<const char *>(field->data()), field->size());
        if (isCleanUtf8(text))
            return std::string(text);
    }
    return snapchat::longestText(bytes).value_or(std::string());
}

class SnapchatParse
{
public:
    SnapchatParse(SqliteDatabase &db, RecordEmitter &out)
        : m_db(db), m_out(out), m_schema(db.schema()),
          m_contentColumn(m_schema.pick("conversation_message", {"message_content", "content"}))
    {
    }

    Result<void> run()
    {
        readOwner();
        readParticipants();
        readConversations();
        readMessages();
        m_out.flush();
        return m_errors.result();
    }

private:
    // required_values keeps the logged-in user's id under the key USERID.
    void readOwner()
    {
        if (m_schema.hasColumns("required_values", {"key", "value"})) {
            forEachRow(m_db, m_errors, "SELECT value FROM required_values WHERE key = 'USERID'", "required_values",
                       [this](const SqliteQuery &q) { m_ownerKey = m_ownerKey.empty() ? q.text(0) : m_ownerKey; });
        }
        model::AccountRecord owner;
        owner.key = m_ownerKey;
        owner.owner = true;
        owner.origin.table = m_ownerKey.empty() ? "" : "required_values";
        m_out.addAccountOnce(std::move(owner));
    }

    void account(const std::string &key, const model::RecordOrigin &origin)
    {
        if (key.empty())
            return;
        model::AccountRecord a;
        a.key = key;
        a.origin = origin;
        m_out.addAccountOnce(std::move(a));
    }

    void readParticipants()
    {
        if (!m_schema.hasColumns("user_conversation", {"client_conversation_id", "user_id"}))
            return;
        const std::string sql = "SELECT rowid, client_conversation_id, user_id, "
                              + m_schema.pick("user_conversation", {"conversation_type"})
                              + " FROM user_conversation ORDER BY client_conversation_id, rowid";
        forEachRow(m_db, m_errors, sql, "user_conversation", [this](const SqliteQuery &q) {
            const std::string key = q.text(1), user = q.text(2);
            auto &members = m_members[key];
            if (!user.empty() && std::find(members.begin(), members.end(), user) == members.end())
                members.push_back(user);
            if (!q.isNull(3) && q.int64(3) != 0)
                m_groups.insert(key);   // conversation_type 0: one-to-one
            if (!m_firstRow.count(key))
                m_firstRow[key] = q.int64(0);
            account(user, rowOrigin("user_conversation", q.int64(0)));
        });
    }

    void readConversations()
    {
        if (m_schema.hasColumn("conversation", "client_conversation_id")) {
            forEachRow(
                m_db, m_errors, "SELECT rowid, client_conversation_id FROM conversation ORDER BY rowid", "conversation",
                [this](const SqliteQuery &q) { conversation(q.text(1), rowOrigin("conversation", q.int64(0))); });
        }
        for (const auto &[key, rowid] : m_firstRow)
            conversation(key, rowOrigin("user_conversation", rowid));
    }

    void conversation(const std::string &key, const model::RecordOrigin &origin)
    {
        if (m_out.hasConversation(key))
            return;
        model::ConversationRecord c;
        c.key = key;
        c.origin = origin;
        c.participantKeys = m_members[key];
        if (std::find(c.participantKeys.begin(), c.participantKeys.end(), m_ownerKey) == c.participantKeys.end())
            c.participantKeys.insert(c.participantKeys.begin(), m_ownerKey);
        c.group = m_groups.count(key) > 0 || c.participantKeys.size() > 2;
        m_out.addConversationOnce(std::move(c));
    }

    // Tables declared WITHOUT ROWID have no rowid: their rows are read without one.
    std::optional<SqliteQuery> messageQuery()
    {
        const auto col = [this](std::string_view name) { return m_schema.pick("conversation_message", {name}); };
        const std::string rest = " client_conversation_id, " + col("server_message_id") + ", content_type, " + m_contentColumn
                               + ", creation_timestamp, " + col("read_timestamp") + ", sender_id, "
                               + col("is_viewed_by_user") + " FROM conversation_message";
        auto q = m_db.query("SELECT rowid," + rest + " ORDER BY rowid");
        if (!q) {
            auto plain = m_db.query("SELECT NULL," + rest + " ORDER BY creation_timestamp");
            if (plain)
                return std::move(*plain);
            m_errors.check(q, "conversation_message");
            return std::nullopt;
        }
        return std::move(*q);
    }

    void readMessages()
    {
        auto q = messageQuery();
        if (!q)
            return;
        while (q->next())
            messageRow(*q);
        m_errors.check(*q, "conversation_message");
    }

    static std::string statusOf(const model::MessageRecord &m, bool onServer, bool viewed)
    {
        if (m.direction == Direction::Outgoing)
            return onServer ? "sent" : "queued";   // no server message id: never acknowledged
        if (m.direction == Direction::Incoming)
            return m.read || viewed ? "read" : "unread";
        return {};
    }

    void messageRow(const SqliteQuery &q)
    {
        const auto origin = rowOrigin("conversation_message", q.optInt64(0));
        model::MessageRecord m;
        m.conversationKey = q.text(1);
        conversation(m.conversationKey, origin);
        m.senderKey = q.text(7);
        account(m.senderKey, origin);
        if (!m.senderKey.empty() && !m_ownerKey.empty())
            m.direction = m.senderKey == m_ownerKey ? Direction::Outgoing : Direction::Incoming;
        const std::int64_t contentType = q.int64(3, -1);
        m.type = typeOf(contentType);
        if (contentType == kChat)
            m.text = chatText(q.blob(4));
        m.sent = fromUnixMillis(q.int64(5));
        m.read = fromUnixMillis(q.int64(6));
        const bool onServer = !q.isNull(2) && q.int64(2) > 0;
        m.status = statusOf(m, onServer, q.int64(8) != 0);
        m.origin = origin;
        m_out.addMessage(std::move(m));
    }

    SqliteDatabase &m_db;
    RecordEmitter &m_out;
    const DatabaseSchema &m_schema;
    const std::string m_contentColumn;   // message_content (content in some builds), or NULL
    PartialErrors m_errors;
    std::string m_ownerKey;   // required_values USERID, or "" when absent
    std::map<std::string, std::vector<std::string>> m_members;
    std::map<std::string, std::int64_t> m_firstRow;
    std::set<std::string> m_groups;
};

} // namespace

bool SnapchatPlugin::acceptsDatabase(const FileContext &, const DatabaseSchema &schema) const
{
    // arroyo.db: conversation_message keyed by conversation and client/server message ids, with
    // a content type and the serialised content.
    return schema.hasColumns("conversation_message", {"client_conversation_id", "client_message_id", "server_message_id",
                                                      "content_type", "creation_timestamp", "sender_id"})
        && (schema.hasColumn("conversation_message", "message_content") || schema.hasColumn("conversation_message", "content"));
}

Result<void> SnapchatPlugin::processDatabase(const FileContext &file, SqliteDatabase &db, ResultSink &sink)
{
    RecordEmitter out(file, sink, "snapchat", "Snapchat");
    return SnapchatParse(db, out).run();
}

std::string_view snapchatMetadataJson()
{
    return kMetadataJson;
}

void registerSnapchatPlugin(PluginRegistry &registry)
{
    registry.add<SnapchatPlugin>(kMetadataJson);
}

} // namespace vigil::plugins
