// SPDX-License-Identifier: GPL-3.0-or-later
#include "plugins/parsers/kik/kik.h"

#include <map>
#include <optional>

#include "plugins/api/partialerrors.h"
#include "plugins/api/recordemitter.h"
#include "plugins/api/registry.h"
#include "plugins/api/sqlitedb.h"

namespace vigil::plugins {

namespace {

constexpr std::string_view kMetadataJson =
#include "metadata.json.inc"
    ;

using model::Direction;

// ZKIKMESSAGE.ZTYPE: 1 received, 2 sent, 3 a notice the app wrote itself ("You started a
// group"), 4 a group notice from the server ("… has joined the chat").
constexpr std::int64_t kReceived = 1;
constexpr std::int64_t kSent = 2;

// ZKIKMESSAGE.ZSTATE bits as the public sample shows them: every sent message has 2 and 4,
// 8 once the recipient's phone has it, 16 once it was read (received messages: 16 = read).
constexpr std::int64_t kStateSent = 2;
constexpr std::int64_t kStateDelivered = 8;
constexpr std::int64_t kStateRead = 16;

// Group JIDs live on Kik's groups domain ("1100024090445_g@groups.kik.com").
constexpr std::string_view kGroupDomain = "@groups.";

// Core Data times are doubles; at today's magnitudes they carry microseconds at best, so the
// sub-microsecond noise of the conversion is rounded away.
std::optional<UtcNanos> cocoaTime(std::optional<double> seconds)
{
    const auto t = seconds ? fromCocoaSeconds(*seconds) : std::nullopt;
    return t ? std::optional<UtcNanos>((*t + 500) / 1000 * 1000) : std::nullopt;
}

std::string messageStatus(std::int64_t type, std::int64_t state)
{
    state = state < 0 ? 0 : state;   // junk: no bit known
    if (type == kReceived)
        return (state & kStateRead) ? "read" : "received";
    if (type != kSent)
        return {};
    if (state & kStateRead)
        return "read";
    if (state & kStateDelivered)
        return "delivered";
    return (state & kStateSent) ? "sent" : "queued";
}

// "z_<entity number><suffix>": Core Data names its join tables and their columns after the
// entity numbers of the model version, which change between app versions.
bool isCoreDataName(std::string_view name, std::string_view suffix)
{
    if (!name.starts_with("z_"))
        return false;
    name.remove_prefix(2);
    std::size_t digits = 0;
    while (digits < name.size() && name[digits] >= '0' && name[digits] <= '9')
        ++digits;
    return digits > 0 && name.substr(digits) == suffix;
}

struct JoinTable {
    std::string table, first, second;
};

// The many-to-many table "z_<n><tableSuffix>" with columns "z_<n><firstSuffix>" and
// "z_<m><secondSuffix>", whatever its entity numbers.
std::optional<JoinTable> findJoinTable(const DatabaseSchema &schema, std::string_view tableSuffix,
                                       std::string_view firstSuffix, std::string_view secondSuffix)
{
    for (const auto &[table, columns] : schema.tables) {
        if (!isCoreDataName(table, tableSuffix))
            continue;
        JoinTable join{table, {}, {}};
        for (const auto &c : columns) {
            if (isCoreDataName(c, firstSuffix))
                join.first = c;
            else if (isCoreDataName(c, secondSuffix))
                join.second = c;
        }
        if (!join.first.empty() && !join.second.empty())
            return join;
    }
    return std::nullopt;
}

struct User {
    std::string key, displayName;
    bool group = false;
};

struct Attachment {
    std::int64_t rowid = 0;
    std::string content;
};

// Everything one parse needs to remember, so processDatabase() stays free of shared state.
class KikParse
{
public:
    KikParse(SqliteDatabase &db, RecordEmitter &out) : m_db(db), m_out(out), m_schema(db.schema()) {}

    Result<void> run()
    {
        m_out.addUnknownOwner();   // Kik keeps the owner's username outside this database
        readUsers();
        readMembers();
        readChats();
        readMessageChats();
        readAttachments();
        readMessages();
        m_out.flush();
        return m_errors.result();
    }

private:
    void readUsers()
    {
        const std::string sql = "SELECT Z_PK, "
                              + m_schema.pickEach("ZKIKUSER", {"ZJID", "ZUSERNAME", "ZDISPLAYNAME", "ZFIRSTNAME",
                                                               "ZLASTNAME", "ZEMAIL", "ZGROUPTAG"})
                              + " FROM ZKIKUSER ORDER BY Z_PK";
        forEachRow(m_db, m_errors, sql, "ZKIKUSER", [this](const SqliteQuery &q) { userRow(q); });
    }

    void userRow(const SqliteQuery &q)
    {
        const std::string jid = q.text(1), username = q.text(2);
        User u;
        u.key = !jid.empty() ? jid : !username.empty() ? username : "user:" + std::to_string(q.int64(0));
        u.group = jid.find(kGroupDomain) != std::string::npos;
        std::string fullName = q.text(4);
        if (const std::string last = q.text(5); !last.empty())
            fullName += (fullName.empty() ? "" : " ") + last;
        u.displayName = !q.text(3).empty() ? q.text(3) : !fullName.empty() ? fullName : q.text(7);
        m_users[q.int64(0)] = u;
        if (u.group)
            return;   // a group: a conversation, not an account
        model::AccountRecord a;
        a.key = u.key;
        a.username = username == u.key ? std::string() : username;
        a.displayName = u.displayName;
        a.email = q.text(6);
        a.origin = rowOrigin("ZKIKUSER", q.int64(0));
        m_out.batch().accounts.push_back(std::move(a));
        m_out.flushIfFull();
    }

    // Group members (Z_<n>MEMBERS): which side holds the group is read from the users themselves.
    void readMembers()
    {
        const auto join = findJoinTable(m_schema, "members", "membersinverse", "members");
        if (!join)
            return;
        const std::string sql = "SELECT " + quoteIdentifier(join->first) + ", " + quoteIdentifier(join->second)
                              + " FROM " + quoteIdentifier(join->table) + " ORDER BY rowid";
        forEachRow(m_db, m_errors, sql, join->table, [this](const SqliteQuery &q) {
            std::int64_t group = q.int64(0), member = q.int64(1);
            if (!isGroup(group) && isGroup(member))
                std::swap(group, member);
            m_members[group].push_back(member);
        });
    }

    bool isGroup(std::int64_t userPk) const
    {
        const auto it = m_users.find(userPk);
        return it != m_users.end() && it->second.group;
    }

    // A user's account key; a user whose ZKIKUSER row is gone still gets an account.
    std::string userKey(std::int64_t userPk, const model::RecordOrigin &origin)
    {
        const auto it = m_users.find(userPk);
        if (it != m_users.end())
            return it->second.key;
        model::AccountRecord a;
        a.key = "user:" + std::to_string(userPk);
        a.origin = origin;
        m_users[userPk].key = a.key;
        m_out.batch().accounts.push_back(a);
        return a.key;
    }

    // The conversation with a user or group, emitted the first time it is needed.
    std::string conversationOf(std::optional<std::int64_t> userPk, const model::RecordOrigin &origin)
    {
        model::ConversationRecord c;
        c.key = userPk ? userKey(*userPk, origin) : "unknown";
        if (m_out.hasConversation(c.key))
            return c.key;
        c.origin = origin;
        c.participantKeys.push_back("");   // the device owner
        if (userPk && isGroup(*userPk)) {
            c.group = true;
            c.title = m_users[*userPk].displayName;
            for (auto member : m_members[*userPk])
                c.participantKeys.push_back(userKey(member, origin));
        } else if (userPk) {
            c.participantKeys.push_back(c.key);
        }
        const std::string key = c.key;
        m_out.addConversationOnce(std::move(c));
        return key;
    }

    void readChats()
    {
        if (!m_schema.hasTable("ZKIKCHAT"))
            return;
        const std::string sql = "SELECT Z_PK, " + m_schema.pick("ZKIKCHAT", {"ZUSER"}) + " FROM ZKIKCHAT ORDER BY Z_PK";
        forEachRow(m_db, m_errors, sql, "ZKIKCHAT", [this](const SqliteQuery &q) {
            const auto user = q.optInt64(1);
            if (user)
                m_chatUsers[q.int64(0)] = *user;
            conversationOf(user, rowOrigin("ZKIKCHAT", q.int64(0)));
        });
    }

    // Which chats hold which messages (Z_<n>MESSAGES, a many-to-many relation).
    void readMessageChats()
    {
        const auto join = findJoinTable(m_schema, "messages", "chat", "messages");
        if (!join)
            return;
        const std::string sql = "SELECT " + quoteIdentifier(join->second) + ", " + quoteIdentifier(join->first)
                              + " FROM " + quoteIdentifier(join->table) + " ORDER BY rowid";
        forEachRow(m_db, m_errors, sql, join->table,
                   [this](const SqliteQuery &q) { m_messageChats[q.int64(0)].push_back(q.int64(1)); });
    }

    void readAttachments()
    {
        if (!m_schema.hasColumns("ZKIKATTACHMENT", {"ZMESSAGE", "ZCONTENT"}))
            return;
        forEachRow(m_db, m_errors, "SELECT Z_PK, ZMESSAGE, ZCONTENT FROM ZKIKATTACHMENT ORDER BY Z_PK",
                   "ZKIKATTACHMENT", [this](const SqliteQuery &q) {
                       m_attachments[q.int64(1)].push_back({q.int64(0), q.text(2)});
                   });
    }

    // A message's conversation: of its chats the one with its user (a message can be linked
    // to more than one chat), else its first chat, else the conversation with its user.
    std::string conversationFor(std::int64_t messagePk, std::optional<std::int64_t> userPk,
                                std::optional<std::int64_t> directChat, const model::RecordOrigin &origin)
    {
        const auto linked = m_messageChats.find(messagePk);
        std::vector<std::int64_t> chats = linked == m_messageChats.end() ? std::vector<std::int64_t>{} : linked->second;
        if (directChat)
            chats.insert(chats.begin(), *directChat);
        std::optional<std::int64_t> chosen;
        for (auto chat : chats) {
            const auto it = m_chatUsers.find(chat);
            if (userPk && it != m_chatUsers.end() && it->second == *userPk) {
                chosen = chat;
                break;
            }
            chosen = chosen ? chosen : chat;
        }
        if (!chosen)
            return conversationOf(userPk, origin);
        const auto it = m_chatUsers.find(*chosen);
        if (it != m_chatUsers.end())
            return conversationOf(it->second, origin);
        const std::string key = "chat:" + std::to_string(*chosen);   // its ZKIKCHAT row is gone
        if (!m_out.hasConversation(key)) {
            model::ConversationRecord c;
            c.key = key;
            c.participantKeys.push_back("");
            c.origin = origin;
            m_out.addConversationOnce(std::move(c));
        }
        return key;
    }

    void readMessages()
    {
        const std::string sql = "SELECT Z_PK, "
                              + m_schema.pickEach("ZKIKMESSAGE", {"ZUSER", "ZTYPE", "ZSTATE", "ZBODY", "ZTIMESTAMP",
                                                                  "ZRECEIVEDTIMESTAMP", "ZCHAT"})
                              + " FROM ZKIKMESSAGE ORDER BY Z_PK";
        forEachRow(m_db, m_errors, sql, "ZKIKMESSAGE", [this](const SqliteQuery &q) { messageRow(q); });
    }

    void messageRow(const SqliteQuery &q)
    {
        model::MessageRecord m;
        const std::int64_t pk = q.int64(0);
        m.origin = rowOrigin("ZKIKMESSAGE", pk);
        const auto user = q.optInt64(1);
        const std::int64_t type = q.int64(2, -1);
        m.conversationKey = conversationFor(pk, user, q.optInt64(7), m.origin);
        if (type == kReceived) {
            m.direction = Direction::Incoming;
            m.senderKey = user ? userKey(*user, m.origin) : std::string();
        } else if (type == kSent) {
            m.direction = Direction::Outgoing;
        } else {
            m.type = "system";
        }
        m.status = messageStatus(type, q.int64(3));
        m.text = q.text(4);
        m.sent = cocoaTime(q.optDouble(5));
        m.sent = m.sent ? m.sent : cocoaTime(q.optDouble(6));
        addAttachments(m, pk);
        m_out.addMessage(std::move(m));
    }

    // Attachments are referenced by a content id; the message body of an attachment is that
    // id, not text anyone wrote.
    void addAttachments(model::MessageRecord &m, std::int64_t messagePk)
    {
        const auto it = m_attachments.find(messagePk);
        if (it == m_attachments.end())
            return;
        for (const auto &a : it->second) {
            model::AttachmentRecord r;
            r.fileName = a.content;
            r.origin = rowOrigin("ZKIKATTACHMENT", a.rowid);
            if (!a.content.empty() && m.text == a.content)
                m.text.clear();
            m.attachments.push_back(std::move(r));
        }
        m.type = m.type == "system" ? m.type : "media";
    }

    SqliteDatabase &m_db;
    RecordEmitter &m_out;
    const DatabaseSchema &m_schema;
    PartialErrors m_errors;
    std::map<std::int64_t, User> m_users;                             // by ZKIKUSER.Z_PK
    std::map<std::int64_t, std::vector<std::int64_t>> m_members;      // group -> member users
    std::map<std::int64_t, std::int64_t> m_chatUsers;                 // ZKIKCHAT.Z_PK -> its user or group
    std::map<std::int64_t, std::vector<std::int64_t>> m_messageChats;   // message -> chats
    std::map<std::int64_t, std::vector<Attachment>> m_attachments;    // by ZKIKATTACHMENT.ZMESSAGE
};

} // namespace

bool KikPlugin::acceptsDatabase(const FileContext &, const DatabaseSchema &schema) const
{
    // Kik's Core Data entities: KikMessage with its user reference, KikUser with its username.
    return schema.hasColumns("ZKIKMESSAGE", {"Z_PK", "ZBODY", "ZUSER", "ZTYPE"})
        && schema.hasColumns("ZKIKUSER", {"Z_PK", "ZUSERNAME"});
}

Result<void> KikPlugin::processDatabase(const FileContext &file, SqliteDatabase &db, ResultSink &sink)
{
    RecordEmitter out(file, sink, "kik", "Kik Messenger");
    return KikParse(db, out).run();
}

std::string_view kikMetadataJson()
{
    return kMetadataJson;
}

void registerKikPlugin(PluginRegistry &registry)
{
    registry.add<KikPlugin>(kMetadataJson);
}

} // namespace vigil::plugins
