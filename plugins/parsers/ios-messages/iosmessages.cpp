// SPDX-License-Identifier: GPL-3.0-or-later
#include "plugins/parsers/ios-messages/iosmessages.h"

#include <algorithm>
#include <cctype>
#include <limits>
#include <map>
#include <optional>
#include <utility>
#include <vector>

#include "plugins/api/partialerrors.h"
#include "plugins/api/recordemitter.h"
#include "plugins/api/registry.h"
#include "plugins/api/sqlitedb.h"
#include "plugins/parsers/ios-messages/attributedbody.h"

namespace vigil::plugins {

namespace {

constexpr std::string_view kMetadataJson =
#include "metadata.json.inc"
    ;

using model::Direction;

// chat.style: 43 for group chats, 45 for one-to-one.
constexpr std::int64_t kGroupStyle = 43;
// message.associated_message_type: 2000–2007 add a tapback, 3000–3007 remove one.
constexpr std::int64_t kFirstTapback = 2000;
constexpr std::int64_t kPastLastTapback = 4000;
// U+FFFC OBJECT REPLACEMENT CHARACTER: marks where an attachment sits in message.text.
constexpr std::string_view kObjectReplacement = "\xEF\xBF\xBC";

// The device's own ids are stored as "e:owner@icloud.com" / "P:+447700900123".
std::string stripAccountPrefix(std::string id)
{
    if (id.size() >= 2 && id[1] == ':') {
        const auto c = static_cast<char>(std::tolower(static_cast<unsigned char>(id[0])));
        if (c == 'e' || c == 'p')
            id.erase(0, 2);
    }
    return id;
}

void describeAddress(model::AccountRecord &a, const std::string &id)
{
    if (id.find('@') != std::string::npos)
        a.email = id;
    else if (id.rfind("urn:", 0) == 0)
        a.username = id;   // business chat ids ("urn:biz:…")
    else
        a.phone = id;
}

std::string withoutObjectReplacement(std::string text)
{
    for (auto at = text.find(kObjectReplacement); at != std::string::npos; at = text.find(kObjectReplacement, at))
        text.erase(at, kObjectReplacement.size());
    return text;
}

// A message id → chat id table, sorted, for the join tables (one lookup per message).
using ChatIndex = std::vector<std::pair<std::int64_t, std::int64_t>>;

std::optional<std::int64_t> chatOf(const ChatIndex &index, std::int64_t messageId)
{
    const auto it = std::lower_bound(index.begin(), index.end(), std::pair<std::int64_t, std::int64_t>(messageId, std::numeric_limits<std::int64_t>::min()));
    if (it == index.end() || it->first != messageId)
        return std::nullopt;
    return it->second;
}

struct ChatRow {
    std::int64_t rowid = 0;
    bool group = false;
    std::string title;
    std::string ownerKey;        // the device's own id in this chat (account_login), "" if unknown
    std::string lastAddressed;   // the device's own id last used to write in it
};

struct MessageMedia {
    std::vector<model::AttachmentRecord> files;
    bool sticker = false;
};

// Columns of the message query, in order.
enum MessageColumn {
    kRowid, kText, kBody, kSubject, kHandle, kFromMe, kDate, kDateRead, kDateDelivered, kError, kIsDelivered,
    kIsSent, kIsRead, kIsAudio, kIsPlayed, kItemType, kGroupTitle, kAssociatedType, kRetracted, kAccount, kCallerId,
};

const char *outgoingStatus(const SqliteQuery &q)
{
    if (q.int64(kError) != 0)
        return "failed";
    if (q.int64(kDateRead) != 0)
        return "read";
    if (q.int64(kDateDelivered) != 0)
        return "delivered";
    if (q.int64(kIsSent) != 0 || q.int64(kIsDelivered) != 0)
        return "sent";
    return "queued";
}

const char *incomingStatus(const SqliteQuery &q)
{
    if (q.int64(kIsAudio) != 0 && q.int64(kIsPlayed) != 0)
        return "played";
    return q.int64(kIsRead) != 0 ? "read" : "unread";
}

std::string mediaType(const MessageMedia &media)
{
    if (media.sticker)
        return "sticker";
    const std::string &mime = media.files.front().mimeType;
    if (mime == "text/x-vlocation")
        return "location";
    if (mime == "text/vcard" || mime == "text/x-vcard")
        return "contact";
    return "media";
}

std::string messageType(const SqliteQuery &q, const MessageMedia &media)
{
    if (q.int64(kRetracted) != 0)
        return "deleted";
    const std::int64_t associated = q.int64(kAssociatedType);
    if (associated >= kFirstTapback && associated < kPastLastTapback)
        return "reaction";
    if (q.int64(kItemType) != 0)
        return "system";
    return media.files.empty() ? "text" : mediaType(media);
}

std::string messageText(const SqliteQuery &q)
{
    std::string text = q.text(kText);
    if (text.empty() && !q.isNull(kBody))
        text = imessage::attributedBodyText(q.blob(kBody)).value_or("");
    text = withoutObjectReplacement(std::move(text));
    if (text.empty() && q.int64(kItemType) != 0)
        text = q.text(kGroupTitle);   // a group renamed: the new name
    if (const std::string subject = q.text(kSubject); !subject.empty())
        text = subject + (text.empty() ? "" : "\n" + text);
    return text;
}

// Everything one parse needs to remember, so processDatabase() stays free of shared state.
class MessagesParse
{
public:
    MessagesParse(SqliteDatabase &db, RecordEmitter &out) : m_db(db), m_out(out), m_schema(db.schema()) {}

    Result<void> run()
    {
        const std::vector<ChatRow> chats = readChats();
        for (const ChatRow &c : chats) {
            owner(c.ownerKey, rowOrigin("chat", c.rowid), false);
            owner(c.lastAddressed, rowOrigin("chat", c.rowid), false);
        }
        readHandles();
        emitChats(chats);
        m_messageChats = readChatIndex("chat_message_join");
        m_recoverableChats = readChatIndex("chat_recoverable_message_join");
        readAttachments();
        readMessages();
        m_out.flush();
        return m_errors.result();
    }

private:
    // An account of the device owner. Key "" stands for the owner when the id is unknown.
    void owner(const std::string &key, const model::RecordOrigin &origin, bool unknownToo = true)
    {
        if ((key.empty() && !unknownToo) || m_out.hasAccount(key))
            return;
        model::AccountRecord a;
        a.key = key;
        a.owner = true;
        if (key.empty())
            a.displayName = "Device owner";
        else
            describeAddress(a, key);
        a.origin = origin;
        m_out.addAccountOnce(std::move(a));
    }

    void readHandles()
    {
        forEachRow(m_db, m_errors, "SELECT ROWID, id FROM handle ORDER BY ROWID", "handle",
                   [this](const SqliteQuery &q) {
                       const std::string id = q.text(1);
                       m_handles[q.int64(0)] = id;
                       if (id.empty() || m_out.hasAccount(id))
                           return;
                       model::AccountRecord a;
                       a.key = id;
                       describeAddress(a, id);
                       a.origin = rowOrigin("handle", q.int64(0));
                       m_out.addAccountOnce(std::move(a));
                   });
    }

    std::string handleId(std::int64_t rowid) const
    {
        const auto it = m_handles.find(rowid);
        return it == m_handles.end() ? std::string() : it->second;
    }

    std::vector<ChatRow> readChats()
    {
        std::vector<ChatRow> chats;
        if (!m_schema.hasTable("chat"))
            return chats;
        const std::string sql = "SELECT ROWID, "
                              + m_schema.pickEach("chat", {"style", "display_name", "room_name", "account_login",
                                                           "last_addressed_handle"})
                              + " FROM chat ORDER BY ROWID";
        forEachRow(m_db, m_errors, sql, "chat", [&chats](const SqliteQuery &q) {
            ChatRow c{q.int64(0), q.int64(1) == kGroupStyle || !q.text(3).empty(), q.text(2),
                      stripAccountPrefix(q.text(4)), stripAccountPrefix(q.text(5))};
            if (c.ownerKey.empty())
                c.ownerKey = c.lastAddressed;
            chats.push_back(std::move(c));
        });
        return chats;
    }

    std::map<std::int64_t, std::vector<std::string>> readChatHandles()
    {
        std::map<std::int64_t, std::vector<std::string>> members;
        if (!m_schema.hasTable("chat_handle_join"))
            return members;
        forEachRow(m_db, m_errors, "SELECT chat_id, handle_id FROM chat_handle_join ORDER BY chat_id, handle_id",
                   "chat_handle_join", [&](const SqliteQuery &q) {
                       if (std::string id = handleId(q.int64(1)); !id.empty())
                           members[q.int64(0)].push_back(std::move(id));
                   });
        return members;
    }

    void emitChats(const std::vector<ChatRow> &chats)
    {
        auto members = readChatHandles();
        for (const ChatRow &c : chats) {
            m_chatOwners[c.rowid] = c.ownerKey;
            conversation(std::to_string(c.rowid), c.ownerKey, members[c.rowid], rowOrigin("chat", c.rowid), c.group, c.title);
        }
    }

    void conversation(const std::string &key, const std::string &ownerKey, const std::vector<std::string> &others,
                      const model::RecordOrigin &origin, bool group = false, const std::string &title = {})
    {
        if (m_out.hasConversation(key))
            return;
        owner(ownerKey, origin);
        model::ConversationRecord c;
        c.key = key;
        c.title = title;
        c.group = group || others.size() > 1;
        c.participantKeys.push_back(ownerKey);
        for (const auto &id : others) {
            if (id != ownerKey)
                c.participantKeys.push_back(id);
        }
        c.origin = origin;
        m_out.addConversationOnce(std::move(c));
    }

    ChatIndex readChatIndex(const char *table)
    {
        ChatIndex index;
        if (!m_schema.hasColumns(table, {"chat_id", "message_id"}))
            return index;
        forEachRow(m_db, m_errors, std::string("SELECT message_id, chat_id FROM ") + table, table,
                   [&index](const SqliteQuery &q) { index.emplace_back(q.int64(0), q.int64(1)); });
        std::sort(index.begin(), index.end());   // a message in several chats goes to the lowest chat id
        return index;
    }

    void readAttachments()
    {
        if (!m_schema.hasTable("message_attachment_join") || !m_schema.hasTable("attachment"))
            return;
        const std::string sql =
            "SELECT j.message_id, a.ROWID, "
            + m_schema.pickEach("attachment", {"filename", "mime_type", "total_bytes", "transfer_name", "is_sticker"})
            + " FROM message_attachment_join j JOIN attachment a ON a.ROWID = j.attachment_id"
              " ORDER BY j.message_id, a.ROWID";
        forEachRow(m_db, m_errors, sql, "attachment", [this](const SqliteQuery &q) { attachmentRow(q); });
    }

    void attachmentRow(const SqliteQuery &q)
    {
        model::AttachmentRecord a;
        a.devicePath = q.text(2);
        a.mimeType = q.text(3);
        if (const auto size = q.optInt64(4); size && *size >= 0)
            a.size = size;
        a.fileName = q.text(5);
        if (a.fileName.empty())
            a.fileName = a.devicePath.substr(a.devicePath.find_last_of('/') + 1);
        a.origin = rowOrigin("attachment", q.int64(1));
        MessageMedia &media = m_media[q.int64(0)];
        media.sticker = media.sticker || q.int64(6) != 0;
        media.files.push_back(std::move(a));
    }

    std::string messageSql() const
    {
        return "SELECT ROWID, "
             + m_schema.pickEach("message", {"text", "attributedbody", "subject", "handle_id", "is_from_me", "date",
                                             "date_read", "date_delivered", "error", "is_delivered", "is_sent",
                                             "is_read", "is_audio_message", "is_played", "item_type", "group_title",
                                             "associated_message_type", "date_retracted", "account",
                                             "destination_caller_id"})
             + " FROM message ORDER BY ROWID";
    }

    void readMessages()
    {
        forEachRow(m_db, m_errors, messageSql(), "message", [this](const SqliteQuery &q) { messageRow(q); });
    }

    // The conversation of a message in `chat`; a message without one gets a conversation of
    // its handle, and one whose chat row is gone a conversation of what it says.
    std::string conversationOf(std::optional<std::int64_t> chat, const std::string &handle, const model::RecordOrigin &origin)
    {
        const std::string key = chat ? std::to_string(*chat) : "handle:" + handle;
        if (!m_out.hasConversation(key))
            conversation(key, "", handle.empty() ? std::vector<std::string>{} : std::vector<std::string>{handle}, origin);
        return key;
    }

    // The device's own id a message was sent from or received on, "" when unknown.
    std::string ownIdOf(const SqliteQuery &q, std::optional<std::int64_t> chat, const model::RecordOrigin &origin)
    {
        std::string callerId = stripAccountPrefix(q.text(kCallerId));
        std::string account = stripAccountPrefix(q.text(kAccount));
        owner(callerId, origin, false);
        owner(account, origin, false);
        if (!callerId.empty())
            return callerId;
        if (!account.empty())
            return account;
        const auto it = chat ? m_chatOwners.find(*chat) : m_chatOwners.end();
        return it == m_chatOwners.end() ? std::string() : it->second;
    }

    void setParties(model::MessageRecord &m, const SqliteQuery &q, const std::string &handle, std::optional<std::int64_t> chat)
    {
        const std::string own = ownIdOf(q, chat, m.origin);
        if (q.int64(kFromMe) != 0) {
            m.direction = Direction::Outgoing;
            m.senderKey = own;
            owner(own, m.origin);
            if (!handle.empty())
                m.recipientKeys.push_back(handle);
        } else {
            m.direction = Direction::Incoming;
            m.senderKey = handle;
        }
    }

    void messageRow(const SqliteQuery &q)
    {
        const auto rowid = q.int64(kRowid);
        const std::string handle = handleId(q.int64(kHandle));
        // A message in "Recently Deleted" (iOS 16+) is only in chat_recoverable_message_join.
        const auto inChat = chatOf(m_messageChats, rowid);
        const auto recoverable = inChat ? std::nullopt : chatOf(m_recoverableChats, rowid);
        model::MessageRecord m;
        m.origin = rowOrigin("message", rowid);
        m.conversationKey = conversationOf(inChat ? inChat : recoverable, handle, m.origin);
        setParties(m, q, handle, inChat ? inChat : recoverable);
        m.status = m.direction == Direction::Outgoing ? outgoingStatus(q) : incomingStatus(q);
        m.sent = fromCocoaSecondsOrNanos(q.int64(kDate));
        m.read = fromCocoaSecondsOrNanos(q.int64(kDateRead));
        m.text = messageText(q);
        m.deletedInApp = q.int64(kRetracted) != 0 || recoverable.has_value();   // unsent, or recently deleted
        const auto media = m_media.find(rowid);
        const MessageMedia none;
        m.type = messageType(q, media == m_media.end() ? none : media->second);
        if (media != m_media.end()) {
            m.attachments = std::move(media->second.files);
            m_media.erase(media);
        }
        m_out.addMessage(std::move(m));
    }

    SqliteDatabase &m_db;
    RecordEmitter &m_out;
    const DatabaseSchema &m_schema;
    PartialErrors m_errors;
    std::map<std::int64_t, std::string> m_handles;
    std::map<std::int64_t, std::string> m_chatOwners;
    std::map<std::int64_t, MessageMedia> m_media;
    ChatIndex m_messageChats, m_recoverableChats;
};

} // namespace

bool IosMessagesPlugin::acceptsDatabase(const FileContext &, const DatabaseSchema &schema) const
{
    // Apple's layout since iOS 6 / OS X 10.8: message rows pointing at handle rows.
    return schema.hasColumns("message", {"guid", "text", "handle_id", "is_from_me", "date"})
        && schema.hasColumns("handle", {"id"});
}

Result<void> IosMessagesPlugin::processDatabase(const FileContext &file, SqliteDatabase &db, ResultSink &sink)
{
    RecordEmitter out(file, sink, "ios-messages", "Apple Messages");
    return MessagesParse(db, out).run();
}

std::string_view iosMessagesMetadataJson()
{
    return kMetadataJson;
}

void registerIosMessagesPlugin(PluginRegistry &registry)
{
    registry.add<IosMessagesPlugin>(kMetadataJson);
}

} // namespace vigil::plugins
