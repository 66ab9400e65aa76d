// SPDX-License-Identifier: GPL-3.0-or-later
// Messages of the current msgstore schema (2021 on): one row of `message` each, with its chat and
// sender in `chat`/`jid`, media in `message_media`, system actions in `message_system`,
// revocations in `message_revoked` and locations in `message_location`. Read in one pass: a
// single query joins them all on their primary keys, so a million messages stream in seconds.
#include "plugins/parsers/whatsapp-android/msgstore.h"

namespace vigil::plugins::whatsapp {

namespace {

enum Col {
    kId,
    kChatRowId,
    kChatJid,
    kFromMe,
    kSenderId,
    kSenderJid,
    kTimestamp,
    kStatus,
    kType,
    kText,
    kMediaRow,
    kFilePath,
    kMime,
    kFileSize,
    kFileLength,
    kFileHash,
    kMediaName,
    kCaption,
    kAction,
    kRevoked,
    kLatitude,
    kLongitude,
};

// A LEFT JOIN of a table keyed by message_row_id, or its columns as NULLs when it is missing.
struct Part {
    std::string join, columns;
};

Part optionalPart(const Msgstore &s, const char *table, const char *alias, std::initializer_list<const char *> columns)
{
    Part p;
    const bool present = s.schema.hasColumn(table, "message_row_id");
    for (const char *c : columns)
        p.columns +=
            std::string(p.columns.empty() ? "" : ", ") + (present ? s.schema.pickAs(alias, table, {c}) : "NULL");
    if (present)
        p.join = std::string(" LEFT JOIN ") + table + " " + alias + " ON " + alias + ".message_row_id = m._id";
    return p;
}

std::string messageSql(const Msgstore &s)
{
    const bool hasChat = s.schema.hasColumns("chat", {"_id", "jid_row_id"});
    const JidJoin chat = hasChat ? jidJoin(s, "c.jid_row_id", "cj") : JidJoin{"", "NULL", "NULL"};
    const JidJoin sender = jidJoin(s, "m.sender_jid_row_id", "sj");
    const Part media = optionalPart(s, "message_media", "mm",
                                    {"message_row_id", "file_path", "mime_type", "file_size", "file_length", "file_hash",
                                     "media_name", "media_caption"});
    const Part system = optionalPart(s, "message_system", "ms", {"action_type"});
    const Part revoked = optionalPart(s, "message_revoked", "mr", {"message_row_id"});
    const Part location = optionalPart(s, "message_location", "ml", {"latitude", "longitude"});
    return "SELECT m._id, m.chat_row_id, " + chat.raw + ", m.from_me, " + sender.id + ", " + sender.raw + ", "
         + s.schema.pickEach("message", {"timestamp", "status"}, "m") + ", m.message_type, "
         + s.schema.pickAs("m", "message", {"text_data"}) + ", " + media.columns + ", " + system.columns + ", "
         + revoked.columns + ", " + location.columns + " FROM message m"
         + (hasChat ? " LEFT JOIN chat c ON c._id = m.chat_row_id" + chat.join : std::string()) + sender.join
         + media.join + system.join + revoked.join + location.join + " ORDER BY m._id";
}

void addAttachment(model::MessageRecord &m, const SqliteQuery &q)
{
    if (q.isNull(kMediaRow))
        return;
    model::AttachmentRecord a;
    a.devicePath = q.text(kFilePath);
    a.fileName = q.text(kMediaName);
    if (a.fileName.empty())
        a.fileName = baseName(a.devicePath);
    a.mimeType = q.text(kMime);
    for (int col : {kFileSize, kFileLength}) {
        if (const auto size = q.optInt64(col); !a.size && size && *size > 0)
            a.size = size;
    }
    a.appHash = q.text(kFileHash);
    a.origin = rowOrigin("message_media", q.int64(kMediaRow));
    m.attachments.push_back(std::move(a));
}

MessageFields fieldsOf(const SqliteQuery &q)
{
    MessageFields f = readFields(q, {kFromMe, kType, kStatus, kLatitude, kLongitude});
    f.systemAction = q.optInt64(kAction);
    f.revoked = !q.isNull(kRevoked);
    return f;
}

void messageRow(Msgstore &s, const SqliteQuery &q)
{
    const auto origin = rowOrigin("message", q.int64(kId));
    const std::string chatJid = normalizeJid(q.text(kChatJid));
    model::MessageRecord m = newMessage(s, chatJid, "chat:" + q.text(kChatRowId), q.int64(kTimestamp), origin);
    m.text = textOrCaption(q, kText, kCaption);   // the caption: versions before captions moved into text_data
    addAttachment(m, q);
    applyFields(m, fieldsOf(q));
    const std::string senderJid = normalizeJid(q.text(kSenderJid));
    m.senderKey = senderOf(m, chatJid, senderJid);
    if (!m.senderKey.empty() && m.senderKey == senderJid && !q.isNull(kSenderId))
        addAccount(s.out, m.senderKey, rowOrigin("jid", q.int64(kSenderId)));
    addWithSender(s, std::move(m));
}

} // namespace

void readCurrentMessages(Msgstore &s)
{
    forEachRow(s.db, s.errors, messageSql(s), "message", [&](const SqliteQuery &q) { messageRow(s, q); });
}

} // namespace vigil::plugins::whatsapp
