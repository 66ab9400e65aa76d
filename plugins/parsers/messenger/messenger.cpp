// SPDX-License-Identifier: GPL-3.0-or-later
#include "plugins/parsers/messenger/messenger.h"

#include <algorithm>
#include <map>
#include <set>

#include "plugins/api/partialerrors.h"
#include "plugins/api/recordemitter.h"
#include "plugins/api/registry.h"
#include "plugins/api/sqlitedb.h"
#include "plugins/parsers/messenger/messengerjson.h"

namespace vigil::plugins {

namespace {

constexpr std::string_view kMetadataJson =
#include "metadata.json.inc"
    ;

using model::Direction;
using messenger::Participant;

// messages.msg_type (com.facebook.messaging.model.messages.MessageType).
enum MsgType : std::int64_t {
    kRegular = 0,
    kAddMembers = 1,
    kRemoveMembers = 2,
    kSetName = 3,
    kSetImage = 4,
    kVideoCall = 5,
    kMissedVideoCall = 6,
    kRemovedImage = 7,
    kAdmin = 8,
    kCallLog = 9,
    kDeletedPlaceholder = 10,
    kIncomingCall = 100,
    kMissedCall = 101,
    kOutgoingCall = 102,
    kTelephoneCallLog = 200,
    kSmsLog = 201,
    kPendingSend = 900,
    kFailedSend = 901,
};

constexpr std::string_view kOneToOne = "ONE_TO_ONE:";
constexpr std::string_view kFacebookPrefix = "FACEBOOK:";

struct User {
    std::string name, username, email, phone;
    model::RecordOrigin origin;
};

struct Thread {
    std::string title;
    std::optional<std::int64_t> lastRead;   // last_read_timestamp_ms
    std::vector<std::string> members;
    model::RecordOrigin origin;
};

// ONE_TO_ONE:<other user>:<viewer>: the viewer is the device owner.
std::string viewerOf(const std::string &threadKey)
{
    if (!threadKey.starts_with(kOneToOne))
        return {};
    const auto colon = threadKey.rfind(':');
    const std::string viewer = threadKey.substr(colon + 1);
    const bool digits = !viewer.empty() && std::all_of(viewer.begin(), viewer.end(), [](char c) { return c >= '0' && c <= '9'; });
    return colon > kOneToOne.size() && digits ? std::string(kFacebookPrefix) + viewer : std::string();
}

std::string otherOf(const std::string &threadKey)
{
    if (!threadKey.starts_with(kOneToOne))
        return {};
    const auto first = kOneToOne.size();
    const auto second = threadKey.find(':', first);
    return second == std::string::npos ? std::string() : std::string(kFacebookPrefix) + threadKey.substr(first, second - first);
}

std::string typeOf(std::int64_t msgType, bool attachments, bool sticker)
{
    switch (msgType) {
    case kRegular:
    case kPendingSend:
    case kFailedSend:
    case kSmsLog:
        return sticker ? "sticker" : attachments ? "media" : "text";
    case kAddMembers:
    case kRemoveMembers:
    case kSetName:
    case kSetImage:
    case kRemovedImage:
    case kAdmin:
        return "system";
    case kVideoCall:
    case kMissedVideoCall:
    case kCallLog:
    case kIncomingCall:
    case kMissedCall:
    case kOutgoingCall:
    case kTelephoneCallLog:
        return "call";
    case kDeletedPlaceholder:
        return "deleted";
    default:
        return msgType >= 50 && msgType <= 52 ? "payment" : "unknown";
    }
}

bool isCall(std::int64_t msgType)
{
    return msgType == kVideoCall || msgType == kMissedVideoCall || msgType == kCallLog || msgType == kIncomingCall
        || msgType == kMissedCall || msgType == kOutgoingCall;
}

class MessengerParse
{
public:
    MessengerParse(SqliteDatabase &db, RecordEmitter &out)
        : m_db(db), m_out(out), m_schema(db.schema()), m_messageThread(m_schema.pick("messages", {"thread_key", "thread_id"})),
          m_threadKey(m_schema.pick("threads", {"thread_key", "thread_id"}))
    {
    }

    Result<void> run()
    {
        inferOwner();
        readUsers();
        readParticipants();
        readThreads();
        emitAccounts();
        emitConversations();
        readMessages();
        m_out.flush();
        return m_errors.result();
    }

private:
    // The owner is the viewer of every one-to-one thread key; failing those, the sender of the
    // sends still pending or failed on this device. Anything ambiguous leaves the owner unknown.
    void inferOwner()
    {
        std::set<std::string> viewers;
        const auto vote = [&viewers](const SqliteQuery &q) {
            if (const std::string v = viewerOf(q.text(0)); !v.empty())
                viewers.insert(v);
        };
        if (m_threadKey != "NULL")
            forEachRow(m_db, m_errors, "SELECT " + m_threadKey + " FROM threads", "threads", vote);
        if (m_messageThread != "NULL")
            forEachRow(m_db, m_errors, "SELECT DISTINCT " + m_messageThread + " FROM messages", "messages", vote);
        if (viewers.empty() && m_schema.hasColumn("messages", "msg_type")) {
            forEachRow(m_db, m_errors, "SELECT DISTINCT sender FROM messages WHERE msg_type IN (900, 901)", "messages",
                       [&viewers](const SqliteQuery &q) {
                           if (const auto p = messenger::parseParticipant(q.text(0)); p && !p->userKey.empty())
                               viewers.insert(p->userKey);
                       });
        }
        if (viewers.size() == 1)
            m_ownerKey = *viewers.begin();
    }

    void readUsers()
    {
        const std::string key = m_schema.pick("thread_users", {"user_key", "user_id"});
        if (key == "NULL")
            return;
        const std::string sql = "SELECT rowid, " + key + ", "
                              + m_schema.pickEach("thread_users", {"name", "first_name", "last_name", "username"})
                              + " FROM thread_users ORDER BY rowid";
        forEachRow(m_db, m_errors, sql, "thread_users", [this](const SqliteQuery &q) {
            User &u = m_users[q.text(1)];
            const std::string first = q.text(3), last = q.text(4);
            u.name = q.text(2).empty() ? first + (first.empty() || last.empty() ? "" : " ") + last : q.text(2);
            u.username = q.text(5);
            u.origin = rowOrigin("thread_users", q.int64(0));
        });
        m_users.erase("");
    }

    void member(const std::string &threadKey, const Participant &p, const model::RecordOrigin &origin)
    {
        if (p.userKey.empty())
            return;
        auto &members = m_members[threadKey];
        if (std::find(members.begin(), members.end(), p.userKey) == members.end())
            members.push_back(p.userKey);
        User &u = m_users[p.userKey];
        u.name = u.name.empty() ? p.name : u.name;
        u.email = u.email.empty() ? p.email : u.email;
        u.phone = u.phone.empty() ? p.phone : u.phone;
        if (u.origin.table.empty())
            u.origin = origin;
    }

    void readParticipants()
    {
        const std::string thread = m_schema.pick("thread_participants", {"thread_key", "thread_id"});
        if (thread == "NULL" || !m_schema.hasColumn("thread_participants", "user_key"))
            return;
        const std::string sql = "SELECT rowid, " + thread + ", user_key, "
                              + m_schema.pickEach("thread_participants", {"email", "phone"})
                              + " FROM thread_participants ORDER BY rowid";
        forEachRow(m_db, m_errors, sql, "thread_participants", [this](const SqliteQuery &q) {
            member(q.text(1), Participant{q.text(2), {}, q.text(3), q.text(4)}, rowOrigin("thread_participants", q.int64(0)));
        });
    }

    void readThreads()
    {
        if (m_threadKey == "NULL")
            return;
        const std::string sql = "SELECT rowid, " + m_threadKey + ", "
                              + m_schema.pickEach("threads", {"name", "last_read_timestamp_ms", "participants"})
                              + " FROM threads ORDER BY rowid";
        forEachRow(m_db, m_errors, sql, "threads", [this](const SqliteQuery &q) {
            const std::string key = q.text(1);
            Thread &t = m_threads[key];
            t.title = q.text(2);
            t.lastRead = q.optInt64(3);
            t.origin = rowOrigin("threads", q.int64(0));
            for (const auto &p : messenger::parseParticipants(q.text(4)))
                member(key, p, t.origin);
        });
    }

    void emitAccounts()
    {
        if (m_ownerKey.empty() || !m_users.count(m_ownerKey)) {
            model::AccountRecord owner;
            owner.key = m_ownerKey;
            owner.owner = true;
            m_out.addAccountOnce(std::move(owner));
        }
        for (const auto &[key, u] : m_users)
            account(key, u);
    }

    void account(const std::string &key, const User &u)
    {
        model::AccountRecord a;
        a.key = key;
        a.displayName = u.name;
        a.username = u.username;
        a.email = u.email;
        a.phone = u.phone;
        a.owner = key == m_ownerKey;
        a.origin = u.origin;
        m_out.addAccountOnce(std::move(a));
        m_out.flushIfFull();
    }

    void emitConversations()
    {
        for (auto &[key, t] : m_threads)
            conversation(key, t.origin);
    }

    void conversation(const std::string &key, const model::RecordOrigin &origin)
    {
        if (m_out.hasConversation(key))
            return;
        model::ConversationRecord c;
        c.key = key;
        c.origin = origin;
        const auto t = m_threads.find(key);
        c.title = t == m_threads.end() ? std::string() : t->second.title;
        c.participantKeys = m_members[key];
        if (std::find(c.participantKeys.begin(), c.participantKeys.end(), m_ownerKey) == c.participantKeys.end())
            c.participantKeys.insert(c.participantKeys.begin(), m_ownerKey);
        c.group = key.starts_with("GROUP:") || c.participantKeys.size() > 2;
        m_out.addConversationOnce(std::move(c));
    }

    void ensureAccount(const Participant &p, const model::RecordOrigin &origin)
    {
        if (p.userKey.empty() || m_out.hasAccount(p.userKey))
            return;
        account(p.userKey, User{p.name, {}, p.email, p.phone, origin});
    }

    void readMessages()
    {
        if (m_messageThread == "NULL")
            return;
        const std::string sql =
            "SELECT rowid, " + m_messageThread + ", text, sender, timestamp_ms, "
            + m_schema.pickEach("messages",
                                {"msg_type", "attachments", "pending_send_media_attachment", "sticker_id", "send_error",
                                 "admin_text_thread_rtc_event", "admin_text_thread_rtc_is_video_call"})
            + " FROM messages ORDER BY rowid";
        forEachRow(m_db, m_errors, sql, "messages", [this](const SqliteQuery &q) { messageRow(q); });
    }

    Direction directionOf(const std::string &sender, std::int64_t msgType) const
    {
        if (msgType == kPendingSend || msgType == kFailedSend || (!m_ownerKey.empty() && sender == m_ownerKey))
            return Direction::Outgoing;
        if (!m_ownerKey.empty() && !sender.empty())
            return Direction::Incoming;
        return Direction::Unknown;
    }

    std::string statusOf(const model::MessageRecord &m, std::int64_t msgType, const std::string &sendError,
                         std::optional<std::int64_t> timestamp) const
    {
        if (msgType == kPendingSend)
            return "queued";
        if (msgType == kFailedSend || (!sendError.empty() && sendError != "NONE"))
            return "failed";
        if (m.direction == Direction::Outgoing)
            return "sent";
        const auto t = m_threads.find(m.conversationKey);
        if (m.direction != Direction::Incoming || t == m_threads.end() || !t->second.lastRead || *t->second.lastRead <= 0 || !timestamp)
            return {};
        return *timestamp <= *t->second.lastRead ? "read" : "unread";
    }

    void messageRow(const SqliteQuery &q)
    {
        const auto origin = rowOrigin("messages", q.int64(0));
        model::MessageRecord m;
        m.conversationKey = q.text(1);
        conversation(m.conversationKey, origin);
        const auto sender = messenger::parseParticipant(q.text(3));
        if (sender) {
            ensureAccount(*sender, origin);
            m.senderKey = sender->userKey;
        }
        const std::int64_t msgType = q.int64(5, kRegular);
        m.direction = directionOf(m.senderKey, msgType);
        if (m.direction == Direction::Outgoing && m.senderKey.empty())
            m.senderKey = m_ownerKey;
        m.text = q.text(2);
        m.sent = fromUnixMillis(q.int64(4));
        m.attachments = messenger::parseAttachments(q.text(6));
        if (m.attachments.empty())
            m.attachments = messenger::parsePendingMedia(q.text(7));
        for (auto &a : m.attachments)
            a.origin = origin;
        m.type = typeOf(msgType, !m.attachments.empty(), !q.text(8).empty());
        m.deletedInApp = msgType == kDeletedPlaceholder;
        m.status = statusOf(m, msgType, q.text(9), q.optInt64(4));
        m.origin = origin;
        if (isCall(msgType))
            call(m, msgType, q.text(10), q.int64(11) != 0);
        m_out.addMessage(std::move(m));
    }

    static Direction callDirection(std::int64_t msgType, Direction messageDirection)
    {
        if (msgType == kOutgoingCall)
            return Direction::Outgoing;
        if (msgType == kIncomingCall || msgType == kMissedCall || msgType == kMissedVideoCall)
            return Direction::Incoming;
        return messageDirection;
    }

    // Call-log messages are calls as well: the other party is the one-to-one thread's other user
    // or the caller.
    void call(const model::MessageRecord &m, std::int64_t msgType, const std::string &rtcEvent, bool rtcVideo)
    {
        model::CallRecord c;
        c.conversationKey = m.conversationKey;
        c.accountKey = otherOf(m.conversationKey);
        if (c.accountKey.empty() && m.senderKey != m_ownerKey)
            c.accountKey = m.senderKey;
        c.direction = callDirection(msgType, m.direction);
        c.started = m.sent;
        c.video = msgType == kVideoCall || msgType == kMissedVideoCall || rtcVideo;
        const bool missed = msgType == kMissedCall || msgType == kMissedVideoCall || rtcEvent.find("missed") != std::string::npos;
        c.status = missed ? "missed" : "";
        c.origin = m.origin;
        m_out.batch().calls.push_back(std::move(c));
    }

    SqliteDatabase &m_db;
    RecordEmitter &m_out;
    const DatabaseSchema &m_schema;
    const std::string m_messageThread;   // messages.thread_key (thread_id before 2015), or "NULL"
    const std::string m_threadKey;       // threads.thread_key / thread_id, or "NULL"
    PartialErrors m_errors;
    std::string m_ownerKey;   // "FACEBOOK:<id>" when it can be established, else ""
    std::map<std::string, User> m_users;
    std::map<std::string, Thread> m_threads;
    std::map<std::string, std::vector<std::string>> m_members;
};

} // namespace

bool MessengerPlugin::acceptsDatabase(const FileContext &, const DatabaseSchema &schema) const
{
    // threads_db2: messages keyed by msg_id with a JSON sender and millisecond times, in
    // threads keyed by thread_key (thread_id in the first versions).
    const bool messages = schema.hasColumns("messages", {"msg_id", "text", "sender", "timestamp_ms"})
                       && (schema.hasColumn("messages", "thread_key") || schema.hasColumn("messages", "thread_id"));
    const bool threads = schema.hasColumn("threads", "thread_key") || schema.hasColumn("threads", "thread_id");
    return messages && threads;
}

Result<void> MessengerPlugin::processDatabase(const FileContext &file, SqliteDatabase &db, ResultSink &sink)
{
    RecordEmitter out(file, sink, "messenger", "Facebook Messenger");
    return MessengerParse(db, out).run();
}

std::string_view messengerMetadataJson()
{
    return kMetadataJson;
}

void registerMessengerPlugin(PluginRegistry &registry)
{
    registry.add<MessengerPlugin>(kMetadataJson);
}

} // namespace vigil::plugins
