// SPDX-License-Identifier: GPL-3.0-or-later
#include "plugins/parsers/whatsapp-ios/chatstorage.h"

#include <algorithm>
#include <map>
#include <unordered_map>
#include <vector>

namespace vigil::plugins::whatsappios {

namespace {

using model::Direction;

// ZWAMESSAGE.ZMESSAGETYPE values.
enum MessageType : std::int64_t {
    kText = 0,
    kImage = 1,
    kVideo = 2,
    kAudio = 3,
    kContact = 4,
    kLocation = 5,
    kGroupEvent = 6,
    kLink = 7,
    kDocument = 8,
    kCallEvent = 10,
    kGif = 11,
    kSystem = 12,
    kRevoked = 14,
    kSticker = 15,
};

bool isMedia(std::int64_t type)
{
    return type == kImage || type == kVideo || type == kAudio || type == kDocument || type == kGif || type == kSticker;
}

// ZGROUPEVENTTYPE of call events (type 10) that are calls rather than notices.
bool isCallEvent(std::int64_t event)
{
    return event == 1 || event == 4 || event == 22 || event == 40 || event == 41;
}

const char *typeWord(std::int64_t type, std::int64_t event)
{
    switch (type) {
    case kText:
    case kLink: return "text";
    case kContact: return "contact";
    case kLocation: return "location";
    case kGroupEvent:
    case kSystem: return "system";
    case kCallEvent: return isCallEvent(event) ? "call" : "system";
    case kRevoked: return "deleted";
    case kSticker: return "sticker";
    default: return isMedia(type) ? "media" : "other";
    }
}

// A description for system messages without text (ZGROUPEVENTTYPE of types 6 and 10).
const char *eventText(std::int64_t type, std::int64_t event)
{
    if (type == kGroupEvent) {
        switch (event) {
        case 2: return "[joined the group]";
        case 3: return "[left the group]";
        case 4: return "[changed the group icon]";
        case 7: return "[removed from the group]";
        case 12: return "[created the group]";
        default: return "";
        }
    }
    if (type != kCallEvent)
        return "";
    switch (event) {
    case 1: return "[missed voice call]";
    case 2: return "[messages are end-to-end encrypted]";
    case 3: return "[security code changed]";
    case 4:
    case 22: return "[missed video call]";
    case 34: return "[blocked this contact]";
    case 35: return "[unblocked this contact]";
    default: return "";
    }
}

// ZMESSAGESTATUS of outgoing messages.
const char *statusWord(Direction direction, std::int64_t status)
{
    if (direction == Direction::Incoming)
        return "received";
    if (direction == Direction::Unknown)
        return "";
    switch (status) {
    case 1: return "sent";
    case 6: return "delivered";
    case 8: return "read";
    default: return "";
    }
}

// One parse of one ChatStorage.sqlite.
class ChatStorageParse
{
public:
    ChatStorageParse(SqliteDatabase &db, RecordEmitter &out, PartialErrors &errors)
        : m_db(db), m_schema(db.schema()), m_out(out), m_errors(errors)
    {
    }

    void run()
    {
        addOwner(m_out);
        readPushNames();
        readMembers();
        readSessions();
        readMessages();
    }

private:
    // The name an account shows: its push name, else `fallback` (an address-book name).
    std::string nameOf(const std::string &jid, const std::string &fallback) const
    {
        const auto it = m_pushNames.find(jid);
        return it == m_pushNames.end() || it->second.empty() ? fallback : it->second;
    }

    void readPushNames()
    {
        if (!m_schema.hasColumns("zwaprofilepushname", {"z_pk", "zjid", "zpushname"}))
            return;
        forEachRow(m_db, m_errors, "SELECT Z_PK, ZJID, ZPUSHNAME FROM ZWAPROFILEPUSHNAME ORDER BY Z_PK",
                   "ZWAPROFILEPUSHNAME", [&](const SqliteQuery &q) {
                       const std::string jid = normalizeJid(q.text(1));
                       m_pushNames[jid] = q.text(2);
                       addAccount(m_out, jid, rowOrigin("ZWAPROFILEPUSHNAME", q.int64(0)), q.text(2));
                   });
    }

    // Columns: 0 Z_PK, 1 chat session, 2 member JID, 3 contact name, 4 first name.
    void readMembers()
    {
        if (!m_schema.hasColumns("zwagroupmember", {"z_pk", "zchatsession", "zmemberjid"}))
            return;
        const std::string sql = "SELECT gm.Z_PK, gm.ZCHATSESSION, gm.ZMEMBERJID, "
                              + m_schema.pickEach("ZWAGROUPMEMBER", {"ZCONTACTNAME", "ZFIRSTNAME"}, "gm")
                              + " FROM ZWAGROUPMEMBER gm ORDER BY gm.Z_PK";
        forEachRow(m_db, m_errors, sql, "ZWAGROUPMEMBER", [&](const SqliteQuery &q) {
            const std::string jid = normalizeJid(q.text(2));
            if (jid.empty())
                return;
            const std::string name = q.text(3).empty() ? q.text(4) : q.text(3);
            addAccount(m_out, jid, rowOrigin("ZWAGROUPMEMBER", q.int64(0)), nameOf(jid, name));
            auto &list = m_members[q.int64(1)];
            if (std::find(list.begin(), list.end(), jid) == list.end())
                list.push_back(jid);
        });
    }

    // Columns: 0 Z_PK, 1 JID, 2 partner name / group subject, 3 session type, 4 group created.
    void readSessions()
    {
        const bool info = m_schema.hasColumns("zwagroupinfo", {"z_pk", "zcreationdate"})
                       && m_schema.hasColumn("zwachatsession", "zgroupinfo");
        const std::string from = info ? "g.ZCREATIONDATE FROM ZWACHATSESSION s "
                                        "LEFT JOIN ZWAGROUPINFO g ON g.Z_PK = s.ZGROUPINFO"
                                      : "NULL FROM ZWACHATSESSION s";
        const std::string sql = "SELECT s.Z_PK, s.ZCONTACTJID, "
                              + m_schema.pickEach("ZWACHATSESSION", {"ZPARTNERNAME", "ZSESSIONTYPE"}, "s") + ", " + from
                              + " ORDER BY s.Z_PK";
        forEachRow(m_db, m_errors, sql, "ZWACHATSESSION", [&](const SqliteQuery &q) { session(q); });
    }

    void session(const SqliteQuery &q)
    {
        const auto origin = rowOrigin("ZWACHATSESSION", q.int64(0));
        const std::string jid = normalizeJid(q.text(1));
        model::ConversationRecord c;
        c.key = jid.empty() ? "chat:" + q.text(0) : jid;
        c.group = q.int64(3) == 1 || isGroupJid(jid);
        c.participantKeys.push_back("");
        if (c.group) {
            c.title = q.text(2);
            const auto &members = m_members[q.int64(0)];
            c.participantKeys.insert(c.participantKeys.end(), members.begin(), members.end());
        } else if (!jid.empty() && !isSharedJid(jid)) {
            addAccount(m_out, jid, origin, nameOf(jid, q.text(2)));
            c.participantKeys.push_back(jid);
        }
        if (const auto created = q.optDouble(4))
            c.created = fromCocoaSeconds(*created);
        c.origin = origin;
        addConversation(m_out, std::move(c));
    }

    enum Col {
        kId,
        kSession,
        kChatJid,
        kFromMe,
        kDate,
        kTextCol,
        kType,
        kStatus,
        kEvent,
        kFromJid,
        kMemberJid,
        kMediaId,
        kPath,
        kSize,
        kHash,
        kMime,
        kTitle,
        kLatitude,
        kLongitude,
    };

    std::string mediaJoin() const
    {
        if (!m_schema.hasTable("zwamediaitem"))
            return {};
        if (m_schema.hasColumn("zwamessage", "zmediaitem"))
            return " LEFT JOIN ZWAMEDIAITEM mi ON mi.Z_PK = m.ZMEDIAITEM";
        if (m_schema.hasColumn("zwamediaitem", "zmessage"))
            return " LEFT JOIN ZWAMEDIAITEM mi ON mi.ZMESSAGE = m.Z_PK";
        return {};
    }

    std::string messageSql() const
    {
        const std::string media = mediaJoin();
        const bool member = m_schema.hasColumn("zwamessage", "zgroupmember") && m_schema.hasTable("zwagroupmember");
        std::string sql =
            "SELECT m.Z_PK, m.ZCHATSESSION, s.ZCONTACTJID, m.ZISFROMME, m.ZMESSAGEDATE, "
            + m_schema.pickEach("ZWAMESSAGE",
                                {"ZTEXT", "ZMESSAGETYPE", "ZMESSAGESTATUS", "ZGROUPEVENTTYPE", "ZFROMJID"}, "m");
        sql += member ? ", gm.ZMEMBERJID" : ", NULL";
        for (const char *c : {"Z_PK", "ZMEDIALOCALPATH", "ZFILESIZE", "ZVCARDNAME", "ZVCARDSTRING", "ZTITLE", "ZLATITUDE",
                              "ZLONGITUDE"})
            sql += ", " + (media.empty() ? std::string("NULL") : m_schema.pickAs("mi", "ZWAMEDIAITEM", {c}));
        sql += " FROM ZWAMESSAGE m LEFT JOIN ZWACHATSESSION s ON s.Z_PK = m.ZCHATSESSION";
        if (member)
            sql += " LEFT JOIN ZWAGROUPMEMBER gm ON gm.Z_PK = m.ZGROUPMEMBER";
        return sql + media + " ORDER BY m.Z_PK";
    }

    void readMessages()
    {
        forEachRow(m_db, m_errors, messageSql(), "ZWAMESSAGE", [&](const SqliteQuery &q) { message(q); });
    }

    static std::string senderOf(const model::MessageRecord &m, const std::string &chatJid, const SqliteQuery &q)
    {
        if (m.direction == Direction::Outgoing)
            return "";
        if (!isSharedJid(chatJid) && !chatJid.empty())
            return chatJid;
        std::string member = normalizeJid(q.text(kMemberJid));
        if (member.empty() && !isSharedJid(q.text(kFromJid)))
            member = normalizeJid(q.text(kFromJid));
        return member;
    }

    // ZVCARDSTRING holds the MIME type for media, a vCard for contact cards.
    static std::string mimeOf(const std::string &value)
    {
        const bool looksLikeMime = value.find('/') != std::string::npos && value.size() < 128
                                && value.find_first_of(" \r\n:") == std::string::npos;
        return looksLikeMime ? value : std::string();
    }

    static void addAttachment(model::MessageRecord &m, const SqliteQuery &q, std::int64_t type)
    {
        const std::string path = q.text(kPath);
        if (q.isNull(kMediaId) || (!isMedia(type) && path.empty()))
            return;
        model::AttachmentRecord a;
        a.devicePath = path;
        a.fileName = baseName(path);
        a.mimeType = mimeOf(q.text(kMime));
        if (const auto size = q.optInt64(kSize); size && *size > 0)
            a.size = size;
        a.appHash = q.text(kHash);
        a.origin = rowOrigin("ZWAMEDIAITEM", q.int64(kMediaId));
        m.attachments.push_back(std::move(a));
    }

    static void fillText(model::MessageRecord &m, const SqliteQuery &q, std::int64_t type, std::int64_t event)
    {
        m.text = q.text(kTextCol);
        if (!m.text.empty())
            return;
        if (isMedia(type))
            m.text = q.text(kTitle);   // the caption
        else if (type == kContact)
            m.text = q.text(kMime);   // ZVCARDSTRING: the vCard itself
        else if (type == kLocation && q.optDouble(kLatitude) && q.optDouble(kLongitude))
            m.text = locationText(*q.optDouble(kLatitude), *q.optDouble(kLongitude));
        else if (type == kGroupEvent || type == kCallEvent)
            m.text = eventText(type, event);
    }

    void message(const SqliteQuery &q)
    {
        const auto origin = rowOrigin("ZWAMESSAGE", q.int64(kId));
        const std::string chatJid = normalizeJid(q.text(kChatJid));
        const std::int64_t type = q.int64(kType, -1), event = q.int64(kEvent, -1);
        model::MessageRecord m;
        m.conversationKey = conversationFor(m_out, chatJid, chatJid.empty() ? "chat:" + q.text(kSession) : "", origin);
        m.direction = directionOf(q.optInt64(kFromMe));
        if (const auto date = q.optDouble(kDate))
            m.sent = fromCocoaSeconds(*date);
        m.type = typeWord(type, event);
        m.deletedInApp = type == kRevoked;
        m.status = m.type == "system" ? "" : statusWord(m.direction, q.int64(kStatus, -1));
        fillText(m, q, type, event);
        if (type != kContact)
            addAttachment(m, q, type);
        m.senderKey = senderOf(m, chatJid, q);
        addAccount(m_out, m.senderKey, origin, nameOf(m.senderKey, {}));
        m.origin = origin;
        m_out.addMessage(std::move(m));
    }

    SqliteDatabase &m_db;
    const DatabaseSchema &m_schema;
    RecordEmitter &m_out;
    PartialErrors &m_errors;
    std::unordered_map<std::string, std::string> m_pushNames;
    std::map<std::int64_t, std::vector<std::string>> m_members;
};

} // namespace

bool isChatStorage(const DatabaseSchema &schema)
{
    return schema.hasColumns("zwamessage", {"z_pk", "zchatsession", "zisfromme", "zmessagedate", "zmessagetype"})
        && schema.hasColumns("zwachatsession", {"z_pk", "zcontactjid"});
}

void readChatStorage(SqliteDatabase &db, RecordEmitter &out, PartialErrors &errors)
{
    ChatStorageParse(db, out, errors).run();
}

} // namespace vigil::plugins::whatsappios
