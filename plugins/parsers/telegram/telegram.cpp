// SPDX-License-Identifier: GPL-3.0-or-later
#include "plugins/parsers/telegram/telegram.h"

#include <algorithm>
#include <cstdlib>
#include <map>

#include "plugins/api/partialerrors.h"
#include "plugins/api/recordemitter.h"
#include "plugins/api/registry.h"
#include "plugins/api/sqlitedb.h"
#include "plugins/parsers/telegram/tlblob.h"

namespace vigil::plugins {

namespace {

constexpr std::string_view kMetadataJson =
#include "metadata.json.inc"
    ;

using model::Direction;
using telegram::Bytes;

// The message table with the columns every Telegram version since 2014 writes (`messages_v2`,
// `messages` before).
bool hasMessageTable(const DatabaseSchema &schema, std::string_view table)
{
    return schema.hasColumns(table, {"mid", "uid", "read_state", "send_state", "date", "data", "out"});
}

// Dialog ids (DialogObject): users > 0, chats and channels < 0; secret chats and folders are
// tagged in the high bits (since the messages_v2 migration) or in the high word (before).
constexpr std::int64_t kEncryptedBit = 0x4000000000000000LL;
constexpr std::int64_t kFolderBit = 0x2000000000000000LL;

// send_state (MessageObject): 0 sent, 1 sending, 2 send error, 3 editing.
constexpr std::int64_t kSending = 1;
constexpr std::int64_t kSendError = 2;

enum class DialogKind { User, Group, Secret, Other };

struct Dialog {
    DialogKind kind = DialogKind::Other;
    std::int64_t peer = 0;   // user id, chat/channel id (positive) or secret chat id
};

struct User {
    std::string displayName, username, phone;
    bool self = false;
    std::int64_t rowid = 0;
};

// "first last;;;username" as the app keeps it in users.name and chats.name (lower-cased).
std::pair<std::string, std::string> splitSearchName(const std::string &name)
{
    const auto at = name.find(";;;");
    if (at == std::string::npos)
        return {name, {}};
    return {name.substr(0, at), name.substr(at + 3)};
}

Bytes bytesOf(const std::vector<unsigned char> &blob)
{
    return Bytes(blob.data(), blob.size());
}

class TelegramParse
{
public:
    TelegramParse(SqliteDatabase &db, RecordEmitter &out)
        : m_db(db), m_out(out), m_schema(db.schema()), m_v2(m_schema.hasTable("messages_v2"))
    {
    }

    Result<void> run()
    {
        readUsers();
        emitAccounts();
        readChats();
        readSecretChats();
        readChannelMembers();
        readContacts();
        readDialogs();
        readMessages();
        m_out.flush();
        return m_errors.result();
    }

private:
    Dialog classify(std::int64_t did) const
    {
        if (m_v2) {
            if (did > 0 && (did & kEncryptedBit))
                return {DialogKind::Secret, did & 0xffffffffLL};
            if (did > 0 && (did & kFolderBit))
                return {DialogKind::Other, did};
        } else {
            const auto low = static_cast<std::int32_t>(did);
            const auto high = static_cast<std::int32_t>(did >> 32);
            if (low == 0 && high != 0)
                return {DialogKind::Secret, high};
            if ((high == 1 || high == 2) && low != 0)
                return {DialogKind::Other, did};
        }
        if (did > 0)
            return {DialogKind::User, did};
        if (did < 0)
            return {DialogKind::Group, -did};
        return {DialogKind::Other, did};
    }

    void readUsers()
    {
        if (!m_schema.hasTable("users"))
            return;
        forEachRow(m_db, m_errors, "SELECT uid, name, " + m_schema.pick("users", {"data"}) + " FROM users ORDER BY uid",
                   "users", [this](const SqliteQuery &q) { userRow(q); });
    }

    void userRow(const SqliteQuery &q)
    {
        const std::int64_t uid = q.int64(0);
        User user;
        user.rowid = uid;
        const auto [name, username] = splitSearchName(q.text(1));
        user.displayName = name;
        user.username = username;
        const auto blob = q.blob(2);
        if (const auto decoded = telegram::decodeUser(bytesOf(blob), uid)) {
            const std::string full = decoded->firstName + (decoded->lastName.empty() || decoded->firstName.empty() ? "" : " ")
                                   + decoded->lastName;
            user.displayName = full.empty() ? user.displayName : full;
            user.username = decoded->username.empty() ? user.username : decoded->username;
            user.phone = internationalPhone(decoded->phone);
            user.self = decoded->self;
        }
        if (user.self && m_ownerKey.empty())
            m_ownerKey = std::to_string(uid);
        m_users[uid] = std::move(user);
    }

    void emitAccounts()
    {
        if (m_ownerKey.empty()) {
            model::AccountRecord owner;
            owner.owner = true;
            m_out.addAccountOnce(std::move(owner));
        }
        for (const auto &[uid, user] : m_users) {
            model::AccountRecord a;
            a.key = std::to_string(uid);
            a.displayName = user.displayName;
            a.username = user.username;
            a.phone = user.phone;
            a.owner = a.key == m_ownerKey;
            a.origin = rowOrigin("users", user.rowid);
            m_out.addAccountOnce(std::move(a));
            m_out.flushIfFull();
        }
    }

    // An account for a key that no users row describes (a chat posting as itself, a user the
    // cache no longer holds), so every reference resolves.
    void ensureAccount(const std::string &key, const model::RecordOrigin &origin)
    {
        if (key.empty() || m_out.hasAccount(key))
            return;
        model::AccountRecord a;
        a.key = key;
        if (key[0] == '-') {
            const auto it = m_chatTitles.find(std::strtoll(key.c_str() + 1, nullptr, 10));
            a.displayName = it == m_chatTitles.end() ? std::string() : it->second;
        }
        a.origin = origin;
        m_out.addAccountOnce(std::move(a));
    }

    void readChats()
    {
        if (!m_schema.hasTable("chats"))
            return;
        forEachRow(m_db, m_errors, "SELECT uid, name, " + m_schema.pick("chats", {"data"}) + " FROM chats", "chats",
                   [this](const SqliteQuery &q) {
                       const std::string title = splitSearchName(q.text(1)).first;
                       const auto blob = q.blob(2);
                       m_chatTitles[q.int64(0)] = telegram::findTitle(bytesOf(blob), title).value_or(title);
                   });
    }

    void readSecretChats()
    {
        if (!m_schema.hasColumns("enc_chats", {"uid", "user"}))
            return;
        forEachRow(m_db, m_errors, "SELECT uid, user FROM enc_chats", "enc_chats",
                   [this](const SqliteQuery &q) { m_secretPeers[q.int64(0)] = q.int64(1); });
    }

    void readChannelMembers()
    {
        if (!m_schema.hasColumns("channel_users_v2", {"did", "uid"}))
            return;
        forEachRow(m_db, m_errors, "SELECT did, uid FROM channel_users_v2 ORDER BY did, uid", "channel_users_v2",
                   [this](const SqliteQuery &q) { m_members[std::llabs(q.int64(0))].push_back(q.int64(1)); });
    }

    void readContacts()
    {
        if (!m_schema.hasColumns("contacts", {"uid"}))
            return;
        forEachRow(m_db, m_errors, "SELECT uid FROM contacts ORDER BY uid", "contacts", [this](const SqliteQuery &q) {
            const auto it = m_users.find(q.int64(0));
            if (it == m_users.end())
                return;
            model::ContactRecord c;
            c.name = it->second.displayName;
            if (!it->second.phone.empty())
                c.phones.push_back(it->second.phone);
            c.accountKey = std::to_string(it->first);
            c.origin = rowOrigin("contacts", it->first);
            m_out.addContact(std::move(c));
        });
    }

    void readDialogs()
    {
        if (!m_schema.hasColumns("dialogs", {"did"}))
            return;
        forEachRow(m_db, m_errors, "SELECT did FROM dialogs ORDER BY did", "dialogs", [this](const SqliteQuery &q) {
            const std::int64_t did = q.int64(0);
            if (did != 0 && classify(did).kind != DialogKind::Other)
                conversation(did, rowOrigin("dialogs", did));
        });
    }

    std::string secretPeer(std::int64_t encId) const
    {
        const auto it = m_secretPeers.find(encId);
        return it == m_secretPeers.end() || it->second <= 0 ? std::string() : std::to_string(it->second);
    }

    void conversation(std::int64_t did, const model::RecordOrigin &origin)
    {
        const std::string key = std::to_string(did);
        if (m_out.hasConversation(key))
            return;
        model::ConversationRecord c;
        c.key = key;
        c.origin = origin;
        c.participantKeys.push_back(m_ownerKey);
        const Dialog d = classify(did);
        if (d.kind == DialogKind::User && std::to_string(d.peer) != m_ownerKey) {
            c.participantKeys.push_back(std::to_string(d.peer));
        } else if (d.kind == DialogKind::Secret) {
            if (const std::string peer = secretPeer(d.peer); !peer.empty())
                c.participantKeys.push_back(peer);
        } else if (d.kind == DialogKind::Group) {
            c.group = true;
            const auto title = m_chatTitles.find(d.peer);
            c.title = title == m_chatTitles.end() ? std::string() : title->second;
            for (std::int64_t member : m_members[d.peer]) {
                if (std::to_string(member) != m_ownerKey)
                    c.participantKeys.push_back(std::to_string(member));
            }
        }
        for (const auto &p : c.participantKeys)
            ensureAccount(p, origin);
        m_out.addConversationOnce(std::move(c));
    }

    void readMessages()
    {
        const char *table = m_v2 ? "messages_v2" : "messages";
        if (!hasMessageTable(m_schema, table))
            return;
        const std::string sql = std::string("SELECT rowid, mid, uid, read_state, send_state, date, data, out FROM ") + table
                              + " ORDER BY rowid";
        forEachRow(m_db, m_errors, sql, table, [this, table](const SqliteQuery &q) { messageRow(q, table); });
    }

    static std::string statusOf(Direction direction, std::int64_t readState, std::int64_t sendState)
    {
        const bool read = (readState & 1) != 0;   // MessageObject unread flags: bit 0 = read
        if (direction == Direction::Incoming)
            return read ? "read" : "unread";
        if (direction != Direction::Outgoing)
            return {};
        if (sendState == kSending)
            return "queued";
        if (sendState == kSendError)
            return "failed";
        return read ? "read" : "sent";
    }

    std::string senderOf(const model::MessageRecord &m, const Dialog &d, const telegram::DecodedMessage &decoded) const
    {
        if (m.direction == Direction::Outgoing)
            return m_ownerKey;
        if (m.direction != Direction::Incoming)
            return decoded.senderKey;
        if (d.kind == DialogKind::User)
            return std::to_string(d.peer);
        if (d.kind == DialogKind::Secret)
            return secretPeer(d.peer);
        return decoded.senderKey;
    }

    // Telegram keeps a user's number in international form without the "+" ("447700900123").
    static std::string internationalPhone(const std::string &phone)
    {
        if (phone.empty() || !std::ranges::all_of(phone, [](char c) { return c >= '0' && c <= '9'; }))
            return phone;
        return "+" + phone;
    }

    static std::string typeOf(const telegram::DecodedMessage &decoded)
    {
        switch (decoded.kind) {
        case telegram::MessageKind::Message: return decoded.mediaType.empty() ? "text" : decoded.mediaType;
        case telegram::MessageKind::Service: return "system";
        case telegram::MessageKind::Empty: return "deleted";
        case telegram::MessageKind::UnknownLayout: break;
        }
        return "unknown-layout";
    }

    void messageRow(const SqliteQuery &q, const char *table)
    {
        const auto origin = rowOrigin(table, q.int64(0));
        const std::int64_t did = q.int64(2);
        conversation(did, origin);
        const std::int64_t date = q.int64(5);
        const auto blob = q.blob(6);
        const auto decoded = telegram::decodeMessage(bytesOf(blob), q.int64(1), date);
        model::MessageRecord m;
        m.conversationKey = std::to_string(did);
        m.direction = q.isNull(7) ? Direction::Unknown : (q.int64(7) != 0 ? Direction::Outgoing : Direction::Incoming);
        m.senderKey = senderOf(m, classify(did), decoded);
        ensureAccount(m.senderKey, origin);
        m.sent = fromUnixSeconds(static_cast<double>(date));
        m.status = statusOf(m.direction, q.int64(3), q.int64(4));
        m.text = decoded.text;
        m.type = typeOf(decoded);
        m.deletedInApp = decoded.kind == telegram::MessageKind::Empty;
        m.origin = origin;
        if (decoded.kind == telegram::MessageKind::Message && decoded.mediaType == "media") {
            // A photo, video or document: the cache keeps no file name, but the message carried a file.
            model::AttachmentRecord a;
            a.origin = origin;
            m.attachments.push_back(std::move(a));
        }
        m_out.addMessage(std::move(m));
    }

    SqliteDatabase &m_db;
    RecordEmitter &m_out;
    const DatabaseSchema &m_schema;
    const bool m_v2;
    PartialErrors m_errors;
    std::string m_ownerKey;   // the self user's id, or "" when the cache does not hold it
    std::map<std::int64_t, User> m_users;
    std::map<std::int64_t, std::string> m_chatTitles;
    std::map<std::int64_t, std::int64_t> m_secretPeers;
    std::map<std::int64_t, std::vector<std::int64_t>> m_members;
};

} // namespace

bool TelegramPlugin::acceptsDatabase(const FileContext &, const DatabaseSchema &schema) const
{
    // cache4.db: the message table with its TL blob and state columns, beside users and chats
    // tables keyed by uid with the app's search names.
    const bool messages = hasMessageTable(schema, "messages_v2") || hasMessageTable(schema, "messages");
    return messages && schema.hasColumns("users", {"uid", "name"}) && schema.hasColumns("chats", {"uid", "name"});
}

Result<void> TelegramPlugin::processDatabase(const FileContext &file, SqliteDatabase &db, ResultSink &sink)
{
    RecordEmitter out(file, sink, "telegram", "Telegram");
    return TelegramParse(db, out).run();
}

std::string_view telegramMetadataJson()
{
    return kMetadataJson;
}

void registerTelegramPlugin(PluginRegistry &registry)
{
    registry.add<TelegramPlugin>(kMetadataJson);
}

} // namespace vigil::plugins
