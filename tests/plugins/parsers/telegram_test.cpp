// SPDX-License-Identifier: GPL-3.0-or-later
#include "plugins/parsers/telegram/telegram.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "core/util/timeutil.h"
#include "plugins/parsers/telegram/tlblob.h"
#include "tests/plugins/parsers/parsertest.h"

namespace vigil::test {
namespace {

using model::Direction;
using model::RecordSource;

const RegisterFn kRegister = plugins::registerTelegramPlugin;
constexpr const char *kId = "telegram";
const ParserUnderTest kParser{kRegister, kId};
constexpr const char *kDevicePath = "/data/data/org.telegram.messenger/files/cache4.db";

// TL serialisation as Telegram writes it: little-endian ints, strings with a length byte (or 254
// and three length bytes) and zero padding to 4 bytes. Used to build realistic `data` blobs.
class Tl
{
public:
    Tl &u32(std::uint32_t v)
    {
        for (int i = 0; i < 4; ++i)
            m_bytes.push_back(static_cast<unsigned char>(v >> (8 * i)));
        return *this;
    }
    Tl &i64(std::int64_t v)
    {
        u32(static_cast<std::uint32_t>(v));
        return u32(static_cast<std::uint32_t>(static_cast<std::uint64_t>(v) >> 32));
    }
    Tl &str(std::string_view s)
    {
        std::size_t header = 1;
        if (s.size() < 254) {
            m_bytes.push_back(static_cast<unsigned char>(s.size()));
        } else {
            header = 4;
            m_bytes.push_back(254);
            for (int i = 0; i < 3; ++i)
                m_bytes.push_back(static_cast<unsigned char>(s.size() >> (8 * i)));
        }
        m_bytes.insert(m_bytes.end(), s.begin(), s.end());
        for (std::size_t n = header + s.size(); n % 4 != 0; ++n)
            m_bytes.push_back(0);
        return *this;
    }
    Tl &raw(std::initializer_list<unsigned char> bytes)
    {
        m_bytes.insert(m_bytes.end(), bytes);
        return *this;
    }
    // An SQL blob literal.
    std::string sql() const
    {
        static const char *digits = "0123456789ABCDEF";
        std::string out = "X'";
        for (unsigned char b : m_bytes) {
            out += digits[b >> 4];
            out += digits[b & 15];
        }
        return out + "'";
    }

private:
    std::vector<unsigned char> m_bytes;
};

// Constructors of the current schema (api layer 200).
constexpr std::uint32_t kMessage = 0xeabcdd4d;
constexpr std::uint32_t kMessageService = 0xd3d28540;
constexpr std::uint32_t kMessageEmpty = 0x90a6ca84;
constexpr std::uint32_t kUser = 0x020b1422;
constexpr std::uint32_t kChat = 0x41cbf256;
constexpr std::uint32_t kPeerUser = 0x59511722;
constexpr std::uint32_t kPeerChat = 0x36c6019a;
constexpr std::uint32_t kPeerChannel = 0xa2a5371e;
constexpr std::uint32_t kMediaPhoto = 0x695150d7;
constexpr std::uint32_t kMediaGeo = 0x56e0d474;
constexpr std::uint32_t kActionChatEditTitle = 0xb5a1ce5a;

constexpr std::int64_t kOwner = 100200300;
constexpr std::int64_t kAlex = 100200301;
constexpr std::int64_t kJo = 100200302;
constexpr std::int64_t kChatId = 5001;
constexpr std::int64_t kChannelId = 1234567890;
constexpr std::int64_t kSecretDialog = 0x4000000000000000LL | 77;
// 2026-03-01T10:00:00Z
constexpr std::int64_t kT0 = 1772359200;

// user#20b1422: flags, flags2, id:long, access_hash (flags.0), first/last/username/phone (flags.1–4).
std::string userBlob(std::int64_t id, bool self, std::string_view first, std::string_view last, std::string_view username,
                     std::string_view phone)
{
    std::uint32_t flags = 1;
    flags |= first.empty() ? 0 : 2;
    flags |= last.empty() ? 0 : 4;
    flags |= username.empty() ? 0 : 8;
    flags |= phone.empty() ? 0 : 16;
    flags |= self ? 1u << 10 : 0;
    Tl tl;
    tl.u32(kUser).u32(flags).u32(0).i64(id).i64(0x1122334455667788LL);
    for (auto s : {first, last, username, phone}) {
        if (!s.empty())
            tl.str(s);
    }
    return tl.sql();
}

// message#eabcdd4d: flags, flags2, id, from_id (flags.8), peer_id, date, message, media (flags.9).
Tl message(std::int64_t id, bool out, std::uint32_t fromCtor, std::int64_t from, std::uint32_t peerCtor, std::int64_t peer,
           std::int64_t date, std::string_view text, std::uint32_t media = 0)
{
    std::uint32_t flags = out ? 2 : 0;
    flags |= fromCtor ? 1u << 8 : 0;
    flags |= media ? 1u << 9 : 0;
    Tl tl;
    tl.u32(kMessage).u32(flags).u32(0).u32(static_cast<std::uint32_t>(id));
    if (fromCtor)
        tl.u32(fromCtor).i64(from);
    tl.u32(peerCtor).i64(peer).u32(static_cast<std::uint32_t>(date)).str(text);
    if (media)
        tl.u32(media).u32(0).u32(0);
    return tl;
}

// Telegram 10–11 (2023–2025) tables, as MessagesStorage.createTables writes them:
// ddl("telegram_cache4") (tests/data/ddl/, shared with the demo evidence).

std::string msgRow(std::int64_t mid, std::int64_t uid, int readState, int sendState, std::int64_t date, const std::string &data,
                   int out)
{
    return "INSERT INTO messages_v2 (mid, uid, read_state, send_state, date, data, out, ttl, media) VALUES ("
         + std::to_string(mid) + ", " + std::to_string(uid) + ", " + std::to_string(readState) + ", "
         + std::to_string(sendState) + ", " + std::to_string(date) + ", " + data + ", " + std::to_string(out) + ", 0, -1);\n";
}

std::string modernRows()
{
    std::string sql;
    sql += "INSERT INTO users VALUES (" + std::to_string(kOwner) + ", 'sam carter;;;samc', 0, "
         + userBlob(kOwner, true, "Sam", "Carter", "samc", "447700900123") + ");\n";
    sql += "INSERT INTO users VALUES (" + std::to_string(kAlex) + ", 'alex morgan;;;alexm', 0, "
         + userBlob(kAlex, false, "Alex", "Morgan", "alexm", "447700900456") + ");\n";
    sql += "INSERT INTO users VALUES (" + std::to_string(kJo) + ", 'jo;;;', 0, " + userBlob(kJo, false, "Jo", "", "", "") + ");\n";
    sql += "INSERT INTO chats VALUES (" + std::to_string(kChatId) + ", 'football team', "
         + Tl().u32(kChat).u32(0).i64(kChatId).str("Football Team").u32(0).sql() + ");\n";
    sql += "INSERT INTO chats VALUES (" + std::to_string(kChannelId) + ", 'club news;;;clubnews', NULL);\n";
    sql += "INSERT INTO enc_chats (uid, user, name) VALUES (77, " + std::to_string(kJo) + ", 'jo');\n";
    sql += "INSERT INTO channel_users_v2 (did, uid, date) VALUES (-" + std::to_string(kChannelId) + ", " + std::to_string(kOwner)
         + ", 0), (-" + std::to_string(kChannelId) + ", " + std::to_string(kJo) + ", 0);\n";
    sql += "INSERT INTO contacts VALUES (" + std::to_string(kAlex) + ", 1);\n";
    sql += "INSERT INTO dialogs (did, date) VALUES (" + std::to_string(kAlex) + ", 0), (-" + std::to_string(kChatId) + ", 0), ("
         + std::to_string(kSecretDialog) + ", 0), (-" + std::to_string(kChannelId) + ", 0);\n";
    sql += msgRow(10, kAlex, 3, 0, kT0, message(10, false, kPeerUser, kAlex, kPeerUser, kOwner, kT0, "are you coming to practice?").sql(), 0);
    sql += msgRow(11, kAlex, 3, 0, kT0 + 60, message(11, true, kPeerUser, kOwner, kPeerUser, kAlex, kT0 + 60, "yes, see you at six").sql(), 1);
    sql += msgRow(12, kAlex, 0, 0, kT0 + 120, message(12, true, kPeerUser, kOwner, kPeerUser, kAlex, kT0 + 120, "bring the ball").sql(), 1);
    sql += msgRow(13, kAlex, 0, 2, kT0 + 180, message(13, true, kPeerUser, kOwner, kPeerUser, kAlex, kT0 + 180, "running late").sql(), 1);
    sql += msgRow(14, kAlex, 0, 0, kT0 + 240, message(14, false, 0, 0, kPeerUser, kOwner, kT0 + 240, "", kMediaGeo).sql(), 0);
    sql += msgRow(20, -kChatId, 1, 0, kT0 + 300, message(20, false, kPeerUser, kJo, kPeerChat, kChatId, kT0 + 300, "match moved to saturday").sql(), 0);
    sql += msgRow(21, -kChatId, 1, 0, kT0 + 360,
                  Tl().u32(kMessageService).u32(1u << 8).u32(21).u32(kPeerUser).i64(kJo).u32(kPeerChat).i64(kChatId)
                      .u32(static_cast<std::uint32_t>(kT0 + 360)).u32(kActionChatEditTitle).str("Football Team").sql(), 0);
    sql += msgRow(22, -kChatId, 1, 0, kT0 + 420, message(22, false, kPeerUser, kJo, kPeerChat, kChatId, kT0 + 420, "team photo", kMediaPhoto).sql(), 0);
    sql += msgRow(30, -kChannelId, 0, 0, kT0 + 480, message(30, false, kPeerChannel, kChannelId, kPeerChannel, kChannelId, kT0 + 480, "training schedule is up").sql(), 0);
    // A secret-chat message in the app's own layout (flags, id, ttl, from_id, peer, date, text).
    sql += msgRow(-5, kSecretDialog, 3, 0, kT0 + 540,
                  Tl().u32(0x555555fa).u32(1u << 8).u32(static_cast<std::uint32_t>(-5)).u32(30).i64(kJo).u32(kPeerUser).i64(kOwner)
                      .u32(static_cast<std::uint32_t>(kT0 + 540)).str("see you later").sql(), 0);
    sql += msgRow(40, kAlex, 3, 0, kT0 + 600, Tl().u32(kMessageEmpty).u32(0).u32(40).sql(), 0);
    return sql;
}

class Telegram : public ::testing::Test {
protected:
    ParseResult parseModern()
    {
        return parseNewDatabase(kRegister, kId, dir / "cache4.db", ddl("telegram_cache4") + modernRows(), kDevicePath);
    }
    ScratchDir dir;
};

TEST_F(Telegram, DirectMessagesCarryTextDirectionSenderStatusAndTime)
{
    const auto r = parseModern();
    ASSERT_TRUE(r.accepted);
    EXPECT_TRUE(r.errors.empty());
    EXPECT_EQ(r.records.app, "telegram");
    ASSERT_EQ(r.records.messages.size(), 11u);

    const auto *in = messageWithText(r.records, "are you coming to practice?");
    ASSERT_NE(in, nullptr);
    EXPECT_EQ(in->text, "are you coming to practice?");
    EXPECT_EQ(in->direction, Direction::Incoming);
    EXPECT_EQ(in->senderKey, std::to_string(kAlex));
    EXPECT_EQ(in->conversationKey, std::to_string(kAlex));
    EXPECT_EQ(in->status, "read");
    EXPECT_EQ(in->type, "text");
    EXPECT_EQ(toIso8601(*in->sent), "2026-03-01T10:00:00Z");
    EXPECT_EQ(in->origin.table, "messages_v2");
    EXPECT_EQ(in->origin.rowid, 1);
    EXPECT_EQ(in->origin.source, RecordSource::Live);

    const auto *out = messageWithText(r.records, "yes, see you at six");
    ASSERT_NE(out, nullptr);
    EXPECT_EQ(out->direction, Direction::Outgoing);
    EXPECT_EQ(out->senderKey, std::to_string(kOwner));
    EXPECT_EQ(out->status, "read");
    EXPECT_EQ(toIso8601(*out->sent), "2026-03-01T10:01:00Z");
    EXPECT_EQ(messageWithText(r.records, "bring the ball")->status, "sent");
    EXPECT_EQ(messageWithText(r.records, "running late")->status, "failed");

    const auto *location = messageWithRowid(r.records, 5);
    ASSERT_NE(location, nullptr);
    EXPECT_EQ(location->type, "location");
    EXPECT_EQ(location->text, "");
    EXPECT_EQ(location->status, "unread");
}

TEST_F(Telegram, OwnerAndUsersComeFromTheUserObjects)
{
    const auto r = parseModern();
    const auto *owner = accountWithKey(r.records, std::to_string(kOwner));
    ASSERT_NE(owner, nullptr);
    EXPECT_TRUE(owner->owner);
    EXPECT_EQ(owner->displayName, "Sam Carter");   // the blob keeps the case the column loses
    EXPECT_EQ(owner->username, "samc");
    EXPECT_EQ(owner->phone, "+447700900123");   // stored without the "+", always international
    EXPECT_EQ(owner->origin.table, "users");
    EXPECT_EQ(owner->origin.rowid, kOwner);
    EXPECT_EQ(accountWithKey(r.records, ""), nullptr);   // the owner's id is known

    const auto *alex = accountWithKey(r.records, std::to_string(kAlex));
    ASSERT_NE(alex, nullptr);
    EXPECT_FALSE(alex->owner);
    EXPECT_EQ(alex->displayName, "Alex Morgan");
    EXPECT_EQ(alex->phone, "+447700900456");
    EXPECT_EQ(accountWithKey(r.records, std::to_string(kJo))->displayName, "Jo");

    ASSERT_EQ(r.records.contacts.size(), 1u);
    EXPECT_EQ(r.records.contacts[0].accountKey, std::to_string(kAlex));
    EXPECT_EQ(r.records.contacts[0].name, "Alex Morgan");
    EXPECT_EQ(r.records.contacts[0].phones, std::vector<std::string>{"+447700900456"});
}

TEST_F(Telegram, GroupsChannelsAndSecretChatsBecomeConversations)
{
    const auto r = parseModern();
    ASSERT_EQ(r.records.conversations.size(), 4u);
    const auto *dm = conversationWithKey(r.records, std::to_string(kAlex));
    ASSERT_NE(dm, nullptr);
    EXPECT_FALSE(dm->group);
    EXPECT_EQ(dm->participantKeys, (std::vector<std::string>{std::to_string(kOwner), std::to_string(kAlex)}));
    EXPECT_EQ(dm->origin.table, "dialogs");

    const auto *group = conversationWithKey(r.records, "-5001");
    ASSERT_NE(group, nullptr);
    EXPECT_TRUE(group->group);
    EXPECT_EQ(group->title, "Football Team");   // found in the chat blob, matching chats.name

    const auto *channel = conversationWithKey(r.records, "-1234567890");
    ASSERT_NE(channel, nullptr);
    EXPECT_EQ(channel->title, "club news");   // no blob: the search name as stored
    EXPECT_EQ(channel->participantKeys, (std::vector<std::string>{std::to_string(kOwner), std::to_string(kJo)}));

    const auto *secret = conversationWithKey(r.records, std::to_string(kSecretDialog));
    ASSERT_NE(secret, nullptr);
    EXPECT_FALSE(secret->group);
    EXPECT_EQ(secret->participantKeys, (std::vector<std::string>{std::to_string(kOwner), std::to_string(kJo)}));
    EXPECT_EQ(countMessagesIn(r.records, std::to_string(kAlex)), 6u);
    EXPECT_EQ(countMessagesIn(r.records, "-5001"), 3u);
}

TEST_F(Telegram, GroupSendersServiceMediaAndDeletedMessages)
{
    const auto r = parseModern();
    const auto *group = messageWithText(r.records, "match moved to saturday");
    ASSERT_NE(group, nullptr);
    EXPECT_EQ(group->senderKey, std::to_string(kJo));   // from_id in the blob
    EXPECT_EQ(group->direction, Direction::Incoming);

    const auto *service = messageWithRowid(r.records, 7);
    ASSERT_NE(service, nullptr);
    EXPECT_EQ(service->type, "system");
    EXPECT_EQ(service->text, "");   // the action is not a text: nothing is made up
    EXPECT_EQ(service->senderKey, std::to_string(kJo));

    const auto *photo = messageWithText(r.records, "team photo");
    ASSERT_NE(photo, nullptr);
    EXPECT_EQ(photo->type, "media");
    ASSERT_EQ(photo->attachments.size(), 1u);   // the message carried a file, name unknown
    EXPECT_EQ(photo->attachments[0].origin.rowid, photo->origin.rowid);
    EXPECT_TRUE(group->attachments.empty());
    EXPECT_TRUE(service->attachments.empty());

    const auto *post = messageWithText(r.records, "training schedule is up");
    ASSERT_NE(post, nullptr);
    EXPECT_EQ(post->senderKey, "-1234567890");
    const auto *channelAccount = accountWithKey(r.records, "-1234567890");
    ASSERT_NE(channelAccount, nullptr);
    EXPECT_EQ(channelAccount->displayName, "club news");

    const auto *secret = messageWithText(r.records, "see you later");
    ASSERT_NE(secret, nullptr);
    EXPECT_EQ(secret->senderKey, std::to_string(kJo));
    EXPECT_EQ(secret->conversationKey, std::to_string(kSecretDialog));

    const auto *gone = messageWithRowid(r.records, 11);
    ASSERT_NE(gone, nullptr);
    EXPECT_EQ(gone->type, "deleted");
    EXPECT_TRUE(gone->deletedInApp);
}

TEST_F(Telegram, LongTextUsesTheFourByteLengthForm)
{
    const std::string longText(300, 'a');
    const std::string text = message(1, false, 0, 0, kPeerUser, kOwner, kT0, "ok " + longText).sql();
    const auto r = parseNewDatabase(kRegister, kId, dir / "cache4.db",
                                    ddl("telegram_cache4") + msgRow(1, kAlex, 1, 0, kT0, text, 0));
    ASSERT_EQ(r.records.messages.size(), 1u);
    EXPECT_EQ(r.records.messages[0].text, "ok " + longText);
    // No self user in the cache: the owner is the account with key "".
    const auto *owner = accountWithKey(r.records, "");
    ASSERT_NE(owner, nullptr);
    EXPECT_TRUE(owner->owner);
}

// Telegram 5.x (2019, db version 64, api layer ~100): one `messages` table with mid as primary
// key, int user ids, secret chats as enc_id << 32.
constexpr const char *kOldDdl = R"SQL(
CREATE TABLE messages(mid INTEGER PRIMARY KEY, uid INTEGER, read_state INTEGER, send_state INTEGER, date INTEGER,
  data BLOB, out INTEGER, ttl INTEGER, media INTEGER, replydata BLOB, imp INTEGER, mention INTEGER);
CREATE TABLE dialogs(did INTEGER PRIMARY KEY, date INTEGER, unread_count INTEGER, last_mid INTEGER, inbox_max INTEGER,
  outbox_max INTEGER, last_mid_i INTEGER, unread_count_i INTEGER, pts INTEGER, date_i INTEGER, pinned INTEGER,
  flags INTEGER, folder_id INTEGER, data BLOB);
CREATE TABLE users(uid INTEGER PRIMARY KEY, name TEXT, status INTEGER, data BLOB);
CREATE TABLE chats(uid INTEGER PRIMARY KEY, name TEXT, data BLOB);
CREATE TABLE enc_chats(uid INTEGER PRIMARY KEY, user INTEGER, name TEXT, data BLOB, g BLOB, authkey BLOB, ttl INTEGER,
  layer INTEGER, seq_in INTEGER, seq_out INTEGER, use_count INTEGER, exchange_id INTEGER, key_date INTEGER,
  fprint INTEGER, fauthkey BLOB, khash BLOB, in_seq_no INTEGER, admin_id INTEGER, mtproto_seq INTEGER);
CREATE TABLE channel_users_v2(did INTEGER, uid INTEGER, date INTEGER, data BLOB, PRIMARY KEY(did, uid));
CREATE TABLE contacts(uid INTEGER PRIMARY KEY, mutual INTEGER);
)SQL";

TEST_F(Telegram, OldLayoutWithIntIdsStillParses)
{
    constexpr std::uint32_t kOldMessage = 0x44f9b43d, kOldUser = 0x938458c1, kOldPeerUser = 0x9db1bc6d,
                            kOldPeerChat = 0xbad0e5bb;
    const auto msg = [&](std::int64_t id, std::int64_t from, std::uint32_t peerCtor, std::int64_t peer, std::int64_t date,
                         std::string_view text) {
        // flags, id:int, from_id:flags.8?int, to_id:Peer, date, message
        return Tl().u32(kOldMessage).u32(1u << 8).u32(static_cast<std::uint32_t>(id)).u32(static_cast<std::uint32_t>(from))
            .u32(peerCtor).u32(static_cast<std::uint32_t>(peer)).u32(static_cast<std::uint32_t>(date)).str(text).sql();
    };
    std::string sql = kOldDdl;
    sql += "INSERT INTO users VALUES (1111, 'kim lee;;;', 0, "
         + Tl().u32(kOldUser).u32(1 | 2 | 4 | (1u << 10)).u32(1111).i64(99).str("Kim").str("Lee").sql() + ");\n";
    sql += "INSERT INTO users VALUES (2222, 'pat;;;pat_k', 0, "
         + Tl().u32(kOldUser).u32(1 | 2 | 8).u32(2222).i64(98).str("Pat").str("pat_k").sql() + ");\n";
    sql += "INSERT INTO chats VALUES (333, 'book club', NULL);\n";
    sql += "INSERT INTO enc_chats (uid, user, name) VALUES (9, 2222, 'pat');\n";
    // Channel messages kept the channel id above bit 32 of mid.
    sql += "INSERT INTO messages (mid, uid, read_state, send_state, date, data, out) VALUES (5, 2222, 1, 0, 1546300800, "
         + msg(5, 2222, kOldPeerUser, 1111, 1546300800, "happy new year") + ", 0);\n";
    sql += "INSERT INTO messages (mid, uid, read_state, send_state, date, data, out) VALUES (6, -333, 1, 0, 1546300900, "
         + msg(6, 2222, kOldPeerChat, 333, 1546300900, "chapter three next week") + ", 0);\n";
    sql += "INSERT INTO messages (mid, uid, read_state, send_state, date, data, out) VALUES (-7, "
         + std::to_string(9LL << 32) + ", 1, 0, 1546301000, " + msg(-7, 1111, kOldPeerUser, 2222, 1546301000, "ok") + ", 1);\n";
    const auto r = parseNewDatabase(kRegister, kId, dir / "cache4.db", sql, kDevicePath);
    ASSERT_TRUE(r.accepted);
    EXPECT_TRUE(r.errors.empty());
    ASSERT_EQ(r.records.messages.size(), 3u);
    EXPECT_TRUE(accountWithKey(r.records, "1111")->owner);
    EXPECT_EQ(accountWithKey(r.records, "1111")->displayName, "Kim Lee");
    EXPECT_EQ(accountWithKey(r.records, "2222")->username, "pat_k");

    const auto *dm = messageWithText(r.records, "happy new year");
    ASSERT_NE(dm, nullptr);
    EXPECT_EQ(dm->senderKey, "2222");
    EXPECT_EQ(toIso8601(*dm->sent), "2019-01-01T00:00:00Z");
    EXPECT_EQ(dm->origin.table, "messages");
    EXPECT_EQ(dm->origin.rowid, 5);
    EXPECT_EQ(messageWithText(r.records, "chapter three next week")->senderKey, "2222");   // old int from_id
    EXPECT_EQ(conversationWithKey(r.records, "-333")->title, "book club");

    const auto *secret = messageWithText(r.records, "ok");
    ASSERT_NE(secret, nullptr);
    EXPECT_EQ(secret->direction, Direction::Outgoing);
    EXPECT_EQ(secret->senderKey, "1111");
    const auto *conv = conversationWithKey(r.records, std::to_string(9LL << 32));
    ASSERT_NE(conv, nullptr);
    EXPECT_EQ(conv->participantKeys, (std::vector<std::string>{"1111", "2222"}));
}

TEST_F(Telegram, NullFieldsJunkAndMalformedBlobsNeverInventText)
{
    std::string sql = ddl("telegram_cache4");
    sql += "INSERT INTO users VALUES (" + std::to_string(kAlex) + ", X'416C65FF78', 0, X'0102');\n";
    sql += "INSERT INTO messages_v2 (mid, uid) VALUES (1, NULL);\n";
    // The date column does not occur in the blob.
    sql += msgRow(2, kAlex, 0, 0, kT0, message(2, false, 0, 0, kPeerUser, kOwner, kT0 + 5, "hidden").sql(), 0);
    // The text after the date is not valid UTF-8.
    sql += msgRow(3, kAlex, 0, 0, kT0, Tl().u32(kMessage).u32(0).u32(0).u32(3).u32(static_cast<std::uint32_t>(kT0)).raw({3, 0xff, 0xfe, 0x41}).sql(), 0);
    // A length byte running past the end of the blob.
    sql += msgRow(4, kAlex, 0, 0, kT0, Tl().u32(kMessage).u32(0).u32(0).u32(4).u32(static_cast<std::uint32_t>(kT0)).raw({200, 'h', 'i', 0}).sql(), 0);
    // An absurd four-byte length.
    sql += msgRow(5, kAlex, 0, 0, kT0, Tl().u32(kMessage).u32(0).u32(0).u32(5).u32(static_cast<std::uint32_t>(kT0)).raw({254, 0xff, 0xff, 0xff}).sql(), 0);
    // Cut inside the constructor, and a text column holding a blob.
    sql += msgRow(6, kAlex, 0, 0, kT0, "X'4DDD'", 0);
    sql += "INSERT INTO messages_v2 (mid, uid, read_state, send_state, date, data, out) VALUES (7, 'x', 'y', 'z', 'not a date', X'00', 9);\n";
    sql += "INSERT INTO messages_v2 (mid, uid, read_state, send_state, date, data, out) VALUES (8, 5, 0, 0, -99999999999, NULL, 0);\n";
    const auto r = parseNewDatabase(kRegister, kId, dir / "cache4.db", sql);
    ASSERT_TRUE(r.accepted);
    EXPECT_TRUE(r.errors.empty());
    ASSERT_EQ(r.records.messages.size(), 8u);
    for (const auto &m : r.records.messages) {
        EXPECT_EQ(m.text, "") << "rowid " << *m.origin.rowid;
        EXPECT_EQ(m.type, "unknown-layout") << "rowid " << *m.origin.rowid;
    }
    EXPECT_EQ(messageWithRowid(r.records, 1)->direction, Direction::Unknown);
    EXPECT_FALSE(messageWithRowid(r.records, 1)->sent);
    EXPECT_FALSE(messageWithRowid(r.records, 7)->sent);
    EXPECT_FALSE(messageWithRowid(r.records, 8)->sent);
    EXPECT_EQ(toIso8601(*messageWithRowid(r.records, 2)->sent), "2026-03-01T10:00:00Z");
    // The junk name is kept, its bad bytes visible as U+FFFD.
    EXPECT_EQ(accountWithKey(r.records, std::to_string(kAlex))->displayName, "Ale\xEF\xBF\xBDx");
}

TEST(TelegramTl, RandomAndCutBlobsNeverGiveTextThatIsNotThere)
{
    using plugins::telegram::Bytes;
    std::mt19937 rng(7);
    const std::string good = message(9, false, kPeerUser, kJo, kPeerUser, kOwner, kT0, "see you at the field").sql();
    std::vector<unsigned char> blob;
    for (std::size_t i = 2; i + 1 < good.size() - 1; i += 2)
        blob.push_back(static_cast<unsigned char>(std::stoi(good.substr(i, 2), nullptr, 16)));
    // Every cut of a valid blob: the text is either all there or not reported.
    for (std::size_t n = 0; n <= blob.size(); ++n) {
        const auto d = plugins::telegram::decodeMessage(Bytes(blob.data(), n), 9, kT0);
        EXPECT_TRUE(d.text.empty() || d.text == "see you at the field") << n;
        EXPECT_EQ(d.kind == plugins::telegram::MessageKind::Message, n >= blob.size()) << n;
    }
    // Random bytes with the date planted: any text reported is plain, and lies in the blob.
    for (int round = 0; round < 2000; ++round) {
        std::vector<unsigned char> junk(rng() % 96);
        for (auto &b : junk)
            b = static_cast<unsigned char>(rng());
        if (junk.size() >= 16) {
            for (int i = 0; i < 4; ++i)
                junk[8 + i] = static_cast<unsigned char>(kT0 >> (8 * i));
        }
        const auto d = plugins::telegram::decodeMessage(Bytes(junk.data(), junk.size()), 1, kT0);
        EXPECT_TRUE(plugins::telegram::isPlainText(d.text));
        EXPECT_NE(std::string(junk.begin(), junk.end()).find(d.text), std::string::npos);
        plugins::telegram::decodeUser(Bytes(junk.data(), junk.size()), 5);
        plugins::telegram::findTitle(Bytes(junk.data(), junk.size()), "abc");
    }
}

TEST_F(Telegram, RejectsOtherDatabases)
{
    const auto db = dir / "other.db";
    // Telegram-like names without the cache's layout: a chat app with a `messages` table of its own.
    createDatabase(db, "CREATE TABLE messages (mid INTEGER, uid INTEGER, text TEXT, date INTEGER);"
                       "CREATE TABLE users (uid INTEGER, name TEXT);");
    EXPECT_FALSE(parseDatabase(kRegister, kId, db).accepted);
    const auto sms = dir / "mmssms.db";
    createDatabase(sms, "CREATE TABLE sms (_id INTEGER PRIMARY KEY, thread_id INTEGER, address TEXT, date INTEGER, type INTEGER, body TEXT);");
    EXPECT_FALSE(parseDatabase(kRegister, kId, sms).accepted);
}

std::string manyMessages(int n)
{
    std::string sql = ddl("telegram_cache4");
    for (int i = 1; i <= n; ++i) {
        const std::string text = "message number " + std::to_string(i) + " about the weekend match and the kit";
        sql += msgRow(i, kAlex, 1, 0, kT0 + i, message(i, false, 0, 0, kPeerUser, kOwner, kT0 + i, text).sql(), 0);
    }
    return sql;
}

TEST_F(Telegram, TruncatedDatabaseGivesAnErrorAndKeepsWhatItRead)
{
    expectTruncationKeepsSome(kParser, dir / "full.db", "BEGIN;" + manyMessages(3000) + "COMMIT;", messageCount, 3000,
                              "messages_v2");
}

TEST_F(Telegram, CorruptPagesGiveAnErrorNotACrash)
{
    expectCorruptPagesReported(kParser, dir / "corrupt.db", "BEGIN;" + manyMessages(3000) + "COMMIT;", 4096 * 20,
                               4096 * 10, messageCount, 3000);
}

TEST_F(Telegram, GarbageIsNotOpened)
{
    expectGarbageRefused(kParser, dir / "garbage.db");
}

TEST_F(Telegram, AMessageOnlyInTheWalIsFoundAndMarked)
{
    const auto db = dir / "cache4.db";
    createDatabaseWithWal(db, ddl("telegram_cache4") + modernRows(),
                          msgRow(50, kAlex, 0, 0, kT0 + 900,
                                 message(50, false, kPeerUser, kAlex, kPeerUser, kOwner, kT0 + 900, "only in the wal").sql(), 0));
    expectWalOnlyRecord(kParser, db, messageWithTextIn("only in the wal"), messageWithTextIn("are you coming"),
                        messageCount);
}

} // namespace
} // namespace vigil::test
