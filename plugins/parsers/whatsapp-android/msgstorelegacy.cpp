// SPDX-License-Identifier: GPL-3.0-or-later
// Messages of the legacy msgstore schema (up to 2021): one row of `messages` each, naming its
// chat (key_remote_jid) and group sender (remote_resource) as text, with the media columns in
// the same row. The media file's path is only in thumb_image (a serialised Java object) unless
// a message_media table of the transition years has it.
#include "plugins/parsers/whatsapp-android/msgstore.h"

#include "core/util/utf8.h"

namespace vigil::plugins::whatsapp {

namespace {

enum Col {
    kId,
    kChatJid,
    kFromMe,
    kSenderJid,
    kStatus,
    kText,
    kTimestamp,
    kType,
    kMime,
    kSize,
    kMediaName,
    kCaption,
    kHash,
    kMediaData,
    kLatitude,
    kLongitude,
    kFilePath,
};

std::string messagesSql(const Msgstore &s)
{
    const bool media = s.schema.hasColumns("message_media", {"message_row_id", "file_path"});
    std::string sql = "SELECT ms._id, ms.key_remote_jid, ms.key_from_me, "
                    + s.schema.pickEach("messages", {"remote_resource", "status", "data", "timestamp", "media_wa_type",
                                                     "media_mime_type", "media_size", "media_name", "media_caption",
                                                     "media_hash", "thumb_image", "latitude", "longitude"},
                                        "ms");
    sql += media ? ", mm.file_path FROM messages ms LEFT JOIN message_media mm ON mm.message_row_id = ms._id"
                 : ", NULL FROM messages ms";
    // The first row of the table is a placeholder the app writes with the chat "-1".
    return sql + " WHERE ms.key_remote_jid IS NOT '-1' ORDER BY ms._id";
}

bool isMediaType(const std::string &type)
{
    return type == "media" || type == "sticker";
}

// legacy thumb_image holds a serialised com.whatsapp.MediaData whose java.io.File names the
// media file: the path is a serialised string (TC_STRING 0x74, 2-byte big-endian length, bytes).
// The first such string that is an absolute path into a WhatsApp folder is taken.
std::string pathFromMediaData(const std::vector<unsigned char> &blob)
{
    constexpr unsigned char kTcString = 0x74;
    for (std::size_t i = 0; i + 3 < blob.size(); ++i) {
        if (blob[i] != kTcString)
            continue;
        const std::size_t length = (std::size_t(blob[i + 1]) << 8) | blob[i + 2];
        if (length < 2 || i + 3 + length > blob.size() || blob[i + 3] != '/')
            continue;
        const std::string_view text(reinterpret_cast<const char *>(blob.data() + i + 3), length);
        if (text.find("WhatsApp") != std::string_view::npos)
            return sanitizeUtf8(text);
    }
    return {};
}

void addAttachment(model::MessageRecord &m, const SqliteQuery &q, const model::RecordOrigin &origin)
{
    const std::string mime = q.text(kMime);
    if (!isMediaType(messageKind(q.int64(kType, -1)).type) && mime.empty())
        return;
    model::AttachmentRecord a;
    a.devicePath = q.text(kFilePath);
    if (a.devicePath.empty())
        a.devicePath = pathFromMediaData(q.blob(kMediaData));
    a.fileName = q.text(kMediaName);
    if (a.fileName.empty())
        a.fileName = baseName(a.devicePath);
    a.mimeType = mime;
    if (const auto size = q.optInt64(kSize); size && *size > 0)
        a.size = size;
    a.appHash = q.text(kHash);
    a.origin = origin;
    m.attachments.push_back(std::move(a));
}

MessageFields fieldsOf(const SqliteQuery &q)
{
    MessageFields f = readFields(q, {kFromMe, kType, kStatus, kLatitude, kLongitude});
    if (f.status == kLegacySystemStatus && f.type == 0)
        f.systemAction = q.int64(kSize, -1);   // a control message keeps its action in media_size
    f.revoked = f.type == 15;
    return f;
}

void messageRow(Msgstore &s, const SqliteQuery &q)
{
    const auto origin = rowOrigin("messages", q.int64(kId));
    const std::string chatJid = normalizeJid(q.text(kChatJid));
    const MessageFields fields = fieldsOf(q);
    model::MessageRecord m = newMessage(s, chatJid, "chat:unknown", q.int64(kTimestamp), origin);
    m.text = textOrCaption(q, kText, kCaption);
    if (!fields.systemAction)
        addAttachment(m, q, origin);
    applyFields(m, fields);
    m.senderKey = senderOf(m, chatJid, normalizeJid(q.text(kSenderJid)));
    addWithSender(s, std::move(m));
}

} // namespace

void readLegacyMessages(Msgstore &s)
{
    forEachRow(s.db, s.errors, messagesSql(s), "messages", [&](const SqliteQuery &q) { messageRow(s, q); });
}

} // namespace vigil::plugins::whatsapp
