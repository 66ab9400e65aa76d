// SPDX-License-Identifier: GPL-3.0-or-later
#include "plugins/parsers/whatsapp-android/msgstore.h"

#include <algorithm>

namespace vigil::plugins::whatsapp {

namespace {

using model::Direction;

using Members = std::map<std::string, std::vector<std::string>>;

// The device owner, with the push name the app keeps for them (props.user_push_name).
void readOwner(Msgstore &s)
{
    std::string name;
    model::RecordOrigin origin;
    if (s.schema.hasColumns("props", {"_id", "key", "value"})) {
        forEachRow(s.db, s.errors, "SELECT _id, value FROM props WHERE key = 'user_push_name'", "props",
                   [&](const SqliteQuery &q) {
                       name = q.text(1);
                       origin = rowOrigin("props", q.int64(0));
                   });
    }
    addOwner(s.out, name, std::move(origin));
}

void addMember(Msgstore &s, Members &members, const std::string &group, const std::string &member,
               const model::RecordOrigin &origin)
{
    if (group.empty() || member.empty())
        return;   // the legacy table lists the owner with an empty JID
    addAccount(s.out, member, origin);
    auto &list = members[group];
    if (std::find(list.begin(), list.end(), member) == list.end())
        list.push_back(member);
}

// Current schema: group_participant_user rows point at jid rows for the group and the member.
void readParticipantUsers(Msgstore &s, Members &members)
{
    const JidJoin group = jidJoin(s, "p.group_jid_row_id", "gj");
    const JidJoin user = jidJoin(s, "p.user_jid_row_id", "uj");
    const std::string sql = "SELECT p._id, " + group.raw + ", " + user.id + ", " + user.raw
                          + " FROM group_participant_user p" + group.join + user.join + " ORDER BY p._id";
    forEachRow(s.db, s.errors, sql, "group_participant_user", [&](const SqliteQuery &q) {
        const auto origin = q.isNull(2) ? rowOrigin("group_participant_user", q.int64(0)) : rowOrigin("jid", q.int64(2));
        addMember(s, members, normalizeJid(q.text(1)), normalizeJid(q.text(3)), origin);
    });
}

// Legacy schema: group_participants holds the JIDs as text.
void readLegacyParticipants(Msgstore &s, Members &members)
{
    forEachRow(s.db, s.errors, "SELECT _id, gjid, jid FROM group_participants ORDER BY _id", "group_participants",
                 [&](const SqliteQuery &q) {
                     addMember(s, members, normalizeJid(q.text(1)), normalizeJid(q.text(2)),
                               rowOrigin("group_participants", q.int64(0)));
                 });
}

Members readMembers(Msgstore &s)
{
    Members members;
    if (s.schema.hasColumns("group_participant_user", {"group_jid_row_id", "user_jid_row_id"}) && s.schema.hasTable("jid"))
        readParticipantUsers(s, members);
    else if (s.schema.hasColumns("group_participants", {"gjid", "jid"}))
        readLegacyParticipants(s, members);
    return members;
}

void chat(Msgstore &s, const Members &members, const std::string &jid, const std::string &rowid, const SqliteQuery &q,
          model::RecordOrigin origin)
{
    model::ConversationRecord c;
    c.key = jid.empty() ? "chat:" + rowid : jid;
    c.group = isGroupJid(jid);
    c.title = q.text(2);
    c.created = fromUnixMillis(q.int64(3));
    c.participantKeys.push_back("");
    if (const auto it = members.find(jid); it != members.end())
        c.participantKeys.insert(c.participantKeys.end(), it->second.begin(), it->second.end());
    else if (!isSharedJid(jid) && !jid.empty())
        c.participantKeys.push_back(jid);
    c.origin = std::move(origin);
    addConversation(s.out, std::move(c));
}

// Columns: 0 row id, 1 chat JID, 2 subject, 3 created (ms), 4 jid row id.
void readChats(Msgstore &s, const Members &members)
{
    if (s.schema.hasColumns("chat", {"_id", "jid_row_id"}) && s.schema.hasTable("jid")) {
        const JidJoin j = jidJoin(s, "c.jid_row_id", "cj");
        const std::string sql = "SELECT c._id, " + j.raw + ", "
                              + s.schema.pickEach("chat", {"subject", "created_timestamp"}, "c") + ", " + j.id
                              + " FROM chat c" + j.join + " ORDER BY c._id";
        forEachRow(s.db, s.errors, sql, "chat", [&](const SqliteQuery &q) {
            const std::string jid = normalizeJid(q.text(1));
            if (!isSharedJid(jid) && !q.isNull(4))
                addAccount(s.out, jid, rowOrigin("jid", q.int64(4)));
            chat(s, members, jid, q.text(0), q, rowOrigin("chat", q.int64(0)));
        });
    } else if (s.schema.hasColumns("chat_list", {"_id", "key_remote_jid"})) {
        const std::string sql = "SELECT l._id, l.key_remote_jid, "
                              + s.schema.pickEach("chat_list", {"subject", "creation"}, "l")
                              + " FROM chat_list l ORDER BY l._id";
        forEachRow(s.db, s.errors, sql, "chat_list", [&](const SqliteQuery &q) {
            chat(s, members, normalizeJid(q.text(1)), q.text(0), q, rowOrigin("chat_list", q.int64(0)));
        });
    }
}

// Columns: 0 row id, 1 partner JID, 2 partner jid row id, 3 from_me, 4 timestamp (ms),
// 5 video_call, 6 duration (s), 7 call_result, 8 group JID.
void callRow(Msgstore &s, const SqliteQuery &q, const std::string &table, const char *partnerTable)
{
    const auto origin = rowOrigin(table, q.int64(0));
    model::CallRecord c;
    c.accountKey = normalizeJid(q.text(1));
    addAccount(s.out, c.accountKey, q.isNull(2) ? origin : rowOrigin(partnerTable, q.int64(2)));
    const std::string group = normalizeJid(q.text(8));
    if (!group.empty())
        c.conversationKey = conversationFor(s.out, group, group, origin);
    else if (s.out.hasConversation(c.accountKey))
        c.conversationKey = c.accountKey;
    c.direction = directionOf(q.optInt64(3));
    c.started = fromUnixMillis(q.int64(4));
    if (const auto d = q.optInt64(6); d && *d >= 0)
        c.durationSeconds = d;
    c.video = q.int64(5) != 0;
    c.status = callResult(q.int64(7, -1));
    c.origin = origin;
    s.out.addCall(std::move(c));
}

// Before the jid table a call was tied to a row of messages that names the partner: call_logs
// (call_log in some versions), keyed by message_row_id.
void readLegacyCalls(Msgstore &s)
{
    for (const char *table : {"call_logs", "call_log"}) {
        if (!s.schema.hasColumns(table, {"_id", "message_row_id", "timestamp"}))
            continue;
        const std::string t = table;
        const std::string sql = "SELECT cl._id, m.key_remote_jid, m._id, m.key_from_me, cl.timestamp, "
                              + s.schema.pickEach(t, {"video_call", "duration", "call_result"}, "cl") + ", NULL FROM "
                              + t + " cl LEFT JOIN messages m ON m._id = cl.message_row_id ORDER BY cl._id";
        forEachRow(s.db, s.errors, sql, t, [&](const SqliteQuery &q) { callRow(s, q, t, "messages"); });
        return;
    }
}

void readCalls(Msgstore &s)
{
    if (s.schema.hasColumns("call_log", {"_id", "jid_row_id", "from_me"}) && s.schema.hasTable("jid")) {
        const JidJoin partner = jidJoin(s, "cl.jid_row_id", "pj");
        const bool hasGroup = s.schema.hasColumn("call_log", "group_jid_row_id");
        const JidJoin group = hasGroup ? jidJoin(s, "cl.group_jid_row_id", "gj") : JidJoin{"", "NULL", "NULL"};
        const std::string sql = "SELECT cl._id, " + partner.raw + ", " + partner.id
                              + ", cl.from_me, cl.timestamp, cl.video_call, cl.duration, cl.call_result, " + group.raw
                              + " FROM call_log cl" + partner.join + group.join + " ORDER BY cl._id";
        forEachRow(s.db, s.errors, sql, "call_log", [&](const SqliteQuery &q) { callRow(s, q, "call_log", "jid"); });
    } else if (isLegacyMsgstore(s.schema)) {
        readLegacyCalls(s);
    }
}

// In the years between the schemas both message tables exist; the current one is used unless
// it is still empty (the app had not migrated the rows yet).
bool useCurrentMessages(Msgstore &s)
{
    if (!isCurrentMsgstore(s.schema))
        return false;
    if (!isLegacyMsgstore(s.schema))
        return true;
    return s.db.scalar("SELECT EXISTS (SELECT 1 FROM message)").value_or(1) != 0;
}

} // namespace

bool isCurrentMsgstore(const DatabaseSchema &schema)
{
    return schema.hasColumns("message", {"_id", "chat_row_id", "from_me", "key_id", "sender_jid_row_id", "message_type"})
        && schema.hasColumns("jid", {"_id", "user", "server"});
}

bool isLegacyMsgstore(const DatabaseSchema &schema)
{
    return schema.hasColumns("messages", {"_id", "key_remote_jid", "key_from_me", "key_id", "media_wa_type"});
}

JidJoin jidJoin(const Msgstore &s, const std::string &rowIdExpr, const std::string &alias)
{
    if (!s.schema.hasColumns("jid", {"_id", "user", "server"}))
        return {"", "NULL", "NULL"};
    const bool hasRaw = s.schema.hasColumn("jid", "raw_string");
    const auto raw = [&](const std::string &a) {
        const std::string built = a + ".user || '@' || " + a + ".server";
        return hasRaw ? "coalesce(" + a + ".raw_string, " + built + ")" : built;
    };
    JidJoin out;
    out.join = " LEFT JOIN jid " + alias + " ON " + alias + "._id = " + rowIdExpr;
    if (!s.schema.hasColumns("jid_map", {"lid_row_id", "jid_row_id"})) {
        out.id = alias + "._id";
        out.raw = raw(alias);
        return out;
    }
    // A LID (an id without the phone number) stands for the same account as the phone-number
    // JID jid_map pairs it with; that one is used so an account has one key.
    const std::string m = alias + "_m", p = alias + "_p";
    out.join += " LEFT JOIN jid_map " + m + " ON " + m + ".lid_row_id = " + alias + "._id LEFT JOIN jid " + p + " ON "
              + p + "._id = " + m + ".jid_row_id";
    out.id = "coalesce(" + p + "._id, " + alias + "._id)";
    out.raw = "coalesce(" + raw(p) + ", " + raw(alias) + ")";
    return out;
}

model::MessageRecord newMessage(Msgstore &s, const std::string &chatJid, const std::string &fallbackKey,
                                std::int64_t millis, const model::RecordOrigin &origin)
{
    model::MessageRecord m;
    m.conversationKey = conversationFor(s.out, chatJid, chatJid.empty() ? fallbackKey : "", origin);
    m.sent = fromUnixMillis(millis);
    m.origin = origin;
    return m;
}

std::string textOrCaption(const SqliteQuery &q, int textColumn, int captionColumn)
{
    std::string text = q.text(textColumn);
    if (text.empty())
        return q.text(captionColumn);
    return text;
}

MessageFields readFields(const SqliteQuery &q, const FieldColumns &columns)
{
    MessageFields f;
    f.fromMe = q.optInt64(columns.fromMe);
    f.type = q.int64(columns.type, -1);
    f.status = q.int64(columns.status, -1);
    f.latitude = q.optDouble(columns.latitude);
    f.longitude = q.optDouble(columns.longitude);
    return f;
}

void addWithSender(Msgstore &s, model::MessageRecord &&m)
{
    addAccount(s.out, m.senderKey, m.origin);
    s.out.addMessage(std::move(m));
}

void applyFields(model::MessageRecord &m, const MessageFields &f)
{
    m.direction = directionOf(f.fromMe);
    MessageKind kind = messageKind(f.type);
    if (f.systemAction || (f.status == kLegacySystemStatus && f.type == 0))
        kind = {"system", false};
    if (f.revoked)
        kind = {"deleted", true};
    m.type = kind.type;
    m.deletedInApp = kind.deleted;
    m.status = m.direction == Direction::Unknown ? "" : messageStatus(m.direction == Direction::Outgoing, f.status);
    if (m.type == "system" && m.text.empty())
        m.text = systemActionText(f.systemAction.value_or(-1));
    if (m.type == "location" && m.text.empty() && f.latitude && f.longitude)
        m.text = locationText(*f.latitude, *f.longitude);
    if (!m.attachments.empty() && (m.type == "text" || m.type == "other"))
        m.type = "media";
}

std::string senderOf(const model::MessageRecord &m, const std::string &chatJid, const std::string &senderJid)
{
    if (m.direction == Direction::Outgoing)
        return "";
    if (!isSharedJid(chatJid) && !chatJid.empty())
        return chatJid;
    return isSharedJid(senderJid) ? std::string() : senderJid;
}

void readMsgstore(Msgstore &s)
{
    readOwner(s);
    const Members members = readMembers(s);
    readChats(s, members);
    if (useCurrentMessages(s))
        readCurrentMessages(s);
    else if (isLegacyMsgstore(s.schema))
        readLegacyMessages(s);
    readCalls(s);
}

} // namespace vigil::plugins::whatsapp
