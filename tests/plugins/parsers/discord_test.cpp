// SPDX-License-Identifier: GPL-3.0-or-later
#include "plugins/parsers/discord/discord.h"

#include <gtest/gtest.h>

#include <fstream>

#include "core/util/timeutil.h"
#include "plugins/parsers/discord/discordjson.h"
#include "tests/plugins/parsers/parsertest.h"

namespace vigil::test {
namespace {

using model::Direction;

const RegisterFn kRegister = plugins::registerDiscordPlugin;
constexpr const char *kId = "discord";
constexpr const char *kCachePath = "C:/Users/sam/AppData/Roaming/discord/Cache/Cache_Data/messages.json";

// A cached GET /channels/{id}/messages response (newest first), as the API returns it.
constexpr const char *kHistory = R"JSON([
  {"id": "1100000000000000004", "type": 0, "content": "see you at practice then!",
   "channel_id": "900000000000000001",
   "author": {"id": "500000000000000001", "username": "maya_k", "global_name": "Maya K", "discriminator": "0",
              "avatar": null},
   "attachments": [], "embeds": [], "mentions": [], "mention_roles": [], "pinned": false, "mention_everyone": false,
   "tts": false, "timestamp": "2021-05-01T12:05:30.250000+02:00", "edited_timestamp": null, "flags": 0,
   "components": []},
  {"id": "1100000000000000003", "type": 0, "content": "here is the map, the field is behind the school",
   "channel_id": "900000000000000001",
   "author": {"id": "500000000000000002", "username": "leo", "global_name": null, "discriminator": "4521"},
   "attachments": [{"id": "700000000000000001", "filename": "field-map.png", "size": 48213,
                    "url": "https://cdn.discordapp.com/attachments/900000000000000001/700000000000000001/field-map.png",
                    "proxy_url": "https://media.discordapp.net/attachments/900000000000000001/700000000000000001/field-map.png",
                    "width": 800, "height": 600, "content_type": "image/png"}],
   "embeds": [], "mentions": [{"id": "500000000000000001", "username": "maya_k", "global_name": "Maya K",
                               "discriminator": "0"}],
   "pinned": false, "tts": false, "timestamp": "2021-05-01T10:00:00.000000+00:00",
   "edited_timestamp": "2021-05-01T10:01:00.000000+00:00", "flags": 0},
  {"id": "1100000000000000002", "type": 7, "content": "", "channel_id": "900000000000000001",
   "author": {"id": "500000000000000003", "username": "sam.b", "global_name": "Sam", "discriminator": "0"},
   "attachments": [], "embeds": [], "mentions": [], "timestamp": "2021-05-01T09:00:00Z"},
  {"id": "1100000000000000001", "type": 0, "content": "brackets ] in { text \" are fine",
   "channel_id": "900000000000000002", "guild_id": "800000000000000001",
   "author": {"id": "500000000000000002", "username": "leo", "discriminator": "4521"},
   "attachments": [], "timestamp": "2021-04-30T23:59:59.999999-05:00"}
])JSON";

// A cached GET /users/@me response.
constexpr const char *kCurrentUser = R"JSON({"id": "500000000000000009", "username": "sam_parker",
  "global_name": "Sam Parker", "avatar": null, "discriminator": "0", "public_flags": 0, "flags": 0,
  "banner": null, "accent_color": null, "locale": "en-GB", "mfa_enabled": false, "premium_type": 0,
  "email": "sam@example.com", "verified": true, "phone": "+447700900001"})JSON";

class Discord : public ::testing::Test {
protected:
    std::filesystem::path write(const std::string &name, const std::string &text)
    {
        const auto file = dir / name;
        std::ofstream(file, std::ios::binary) << text;
        return file;
    }
    ParseResult parseText(const std::string &text, const std::string &sigType = "json")
    {
        return parseFile(kRegister, kId, write("cache.json", text), kCachePath, sigType);
    }
    ScratchDir dir;
};

// Byte offset of the message object whose id is `id` in `text`.
std::int64_t objectOffset(const std::string &text, const std::string &id)
{
    const auto at = text.find("{\"id\": \"" + id + "\"");
    EXPECT_NE(at, std::string::npos) << id;
    return static_cast<std::int64_t>(at);
}

TEST_F(Discord, MessagesFromAChannelHistory)
{
    const std::string text = kHistory;
    const auto r = parseText(text);
    ASSERT_TRUE(r.accepted);
    EXPECT_TRUE(r.errors.empty()) << r.errors[0].toString();
    EXPECT_EQ(r.records.app, "discord");
    EXPECT_EQ(r.records.appName, "Discord");
    ASSERT_EQ(r.records.messages.size(), 4u);

    const auto *first = messageWithText(r.records, "see you at practice");
    ASSERT_NE(first, nullptr);
    EXPECT_EQ(first->conversationKey, "900000000000000001");
    EXPECT_EQ(first->senderKey, "500000000000000001");
    EXPECT_EQ(first->direction, Direction::Unknown);   // the owner is not known from messages
    EXPECT_EQ(first->type, "text");
    EXPECT_EQ(toIso8601(*first->sent), "2021-05-01T10:05:30.25Z");   // +02:00 converted to UTC
    EXPECT_EQ(first->origin.offset, objectOffset(text, "1100000000000000004"));
    EXPECT_EQ(first->origin.offset, 4);
    EXPECT_TRUE(first->origin.table.empty());
    EXPECT_FALSE(first->origin.rowid);

    const auto *map = messageWithText(r.records, "here is the map");
    ASSERT_NE(map, nullptr);
    EXPECT_EQ(map->type, "media");
    EXPECT_EQ(map->senderKey, "500000000000000002");
    EXPECT_EQ(toIso8601(*map->sent), "2021-05-01T10:00:00Z");
    EXPECT_EQ(map->origin.offset, objectOffset(text, "1100000000000000003"));
    ASSERT_EQ(map->attachments.size(), 1u);
    const auto &a = map->attachments[0];
    EXPECT_EQ(a.fileName, "field-map.png");
    EXPECT_EQ(a.size, 48213);
    EXPECT_EQ(a.mimeType, "image/png");
    EXPECT_EQ(a.devicePath, "https://cdn.discordapp.com/attachments/900000000000000001/700000000000000001/field-map.png");
    EXPECT_EQ(a.origin.offset, map->origin.offset);

    const auto *join = messageAtOffset(r.records, objectOffset(text, "1100000000000000002"));
    ASSERT_NE(join, nullptr);
    EXPECT_EQ(join->type, "system");
    EXPECT_EQ(join->text, "");
    EXPECT_EQ(toIso8601(*join->sent), "2021-05-01T09:00:00Z");

    const auto *guild = messageWithText(r.records, "brackets ] in { text \" are fine");
    ASSERT_NE(guild, nullptr);
    EXPECT_EQ(guild->conversationKey, "900000000000000002");
    EXPECT_EQ(toIso8601(*guild->sent), "2021-05-01T04:59:59.999999Z");   // -05:00 converted to UTC
    EXPECT_EQ(guild->origin.offset, objectOffset(text, "1100000000000000001"));
}

TEST_F(Discord, AuthorsBecomeAccountsAndChannelsConversations)
{
    const auto r = parseText(kHistory);
    ASSERT_EQ(r.records.accounts.size(), 3u);
    for (const auto &acc : r.records.accounts)
        EXPECT_FALSE(acc.owner);
    const auto *maya = accountWithKey(r.records, "500000000000000001");
    ASSERT_NE(maya, nullptr);
    EXPECT_EQ(maya->username, "maya_k");
    EXPECT_EQ(maya->displayName, "Maya K");
    const auto *leo = accountWithKey(r.records, "500000000000000002");
    ASSERT_NE(leo, nullptr);
    EXPECT_EQ(leo->username, "leo#4521");   // a legacy handle with its discriminator
    EXPECT_EQ(leo->displayName, "leo");
    EXPECT_EQ(accountWithKey(r.records, ""), nullptr);   // no users/@me: no owner account

    ASSERT_EQ(r.records.conversations.size(), 2u);
    const auto *dm = conversationWithKey(r.records, "900000000000000001");
    ASSERT_NE(dm, nullptr);
    EXPECT_EQ(dm->participantKeys,
              (std::vector<std::string>{"500000000000000001", "500000000000000002", "500000000000000003"}));
    EXPECT_TRUE(dm->group);
    const auto *guild = conversationWithKey(r.records, "900000000000000002");
    ASSERT_NE(guild, nullptr);
    EXPECT_TRUE(guild->group);   // a server channel
    EXPECT_EQ(guild->participantKeys, std::vector<std::string>{"500000000000000002"});
    EXPECT_EQ(countMessagesIn(r.records, "900000000000000001"), 3u);
}

TEST_F(Discord, CurrentUserResponseIsTheOwner)
{
    const auto r = parseText(kCurrentUser);
    ASSERT_TRUE(r.accepted);
    EXPECT_TRUE(r.errors.empty());
    ASSERT_EQ(r.records.accounts.size(), 1u);
    const auto &owner = r.records.accounts[0];
    EXPECT_TRUE(owner.owner);
    EXPECT_EQ(owner.key, "500000000000000009");
    EXPECT_EQ(owner.username, "sam_parker");
    EXPECT_EQ(owner.displayName, "Sam Parker");
    EXPECT_EQ(owner.email, "sam@example.com");
    EXPECT_EQ(owner.phone, "+447700900001");
    EXPECT_EQ(owner.origin.offset, 0);
    EXPECT_TRUE(r.records.messages.empty());
}

TEST_F(Discord, ASingleMessageObjectIsRead)
{
    const auto r = parseText("  {\"id\": \"1\", \"type\": 19, \"content\": \"on my way\", \"channel_id\": \"42\","
                             " \"author\": {\"id\": \"7\", \"username\": \"maya_k\"},"
                             " \"timestamp\": \"2022-01-02T03:04:05.678+00:00\"}");
    ASSERT_EQ(r.records.messages.size(), 1u);
    EXPECT_EQ(r.records.messages[0].text, "on my way");
    EXPECT_EQ(r.records.messages[0].type, "text");   // a reply
    EXPECT_EQ(r.records.messages[0].origin.offset, 2);
    EXPECT_EQ(toIso8601(*r.records.messages[0].sent), "2022-01-02T03:04:05.678Z");
}

TEST_F(Discord, TruncatedCacheKeepsTheCompleteMessagesAndReportsCorrupt)
{
    const std::string text = kHistory;
    // Cut inside the third message object: two complete messages remain.
    const auto cut = text.substr(0, static_cast<std::size_t>(objectOffset(text, "1100000000000000002")) + 40);
    const auto r = parseText(cut);
    ASSERT_TRUE(r.accepted);
    ASSERT_EQ(r.errors.size(), 1u);
    EXPECT_EQ(r.errors[0].code, ErrorCode::Corrupt);
    EXPECT_NE(r.errors[0].message.find("2 complete messages"), std::string::npos) << r.errors[0].message;
    ASSERT_EQ(r.records.messages.size(), 2u);   // nothing invented from the cut object
    EXPECT_EQ(r.records.messages[0].text, "see you at practice then!");
    EXPECT_EQ(r.records.messages[1].text, "here is the map, the field is behind the school");
    EXPECT_EQ(accountWithKey(r.records, "500000000000000003"), nullptr);

    // Cut inside the first object: Discord by its keys, but nothing to read.
    const auto early = parseText(text.substr(0, 200));
    ASSERT_EQ(early.errors.size(), 1u);
    EXPECT_EQ(early.errors[0].code, ErrorCode::Corrupt);
    EXPECT_TRUE(early.records.empty());

    const auto me = parseText(std::string(kCurrentUser).substr(0, 200));
    ASSERT_EQ(me.errors.size(), 1u);
    EXPECT_EQ(me.errors[0].code, ErrorCode::Corrupt);
    EXPECT_TRUE(me.records.empty());
}

TEST_F(Discord, OtherJsonGivesNoRecordsAndNoErrors)
{
    for (const std::string text : {R"([{"name": "settings", "value": 3}, {"channel_id": "1"}])",
                                   R"({"id": "5", "username": "x"})", R"([{"channel_id": "1", "content": "x"}])",
                                   R"([1, 2, 3])", R"([])", R"({})", "\"just a string\"", "[[[[[[[[[[",
                                   R"([{"broken": ])"}) {
        const auto r = parseText(text);
        EXPECT_TRUE(r.accepted) << text;
        EXPECT_TRUE(r.errors.empty()) << text << ": " << r.errors[0].toString();
        EXPECT_TRUE(r.records.empty()) << text;
    }
}

TEST_F(Discord, GarbageIsNotReadAndGivesNoErrors)
{
    const auto file = dir / "garbage.bin";
    writeGarbageFile(file, 64 * 1024);
    const auto untyped = parseFile(kRegister, kId, file, kCachePath, "");
    EXPECT_FALSE(untyped.accepted);
    const auto typed = parseFile(kRegister, kId, file, kCachePath, "json");   // a mistyped file
    EXPECT_TRUE(typed.errors.empty());
    EXPECT_TRUE(typed.records.empty());
    const auto empty = parseText("");
    EXPECT_TRUE(empty.errors.empty());
    EXPECT_TRUE(empty.records.empty());
}

TEST_F(Discord, NullsWrongTypesAndDamagedEntriesAreSurvived)
{
    const std::string text = std::string("\xEF\xBB\xBF") + R"([
 {"id": null, "type": "seven", "content": null, "channel_id": null, "author": {"id": null, "username": null},
  "timestamp": null, "attachments": null, "mentions": [1, "x", null]},
 {"id": "2", "type": 0, "content": "nul\u0000 and \ud800 lone", "channel_id": 12345678901234,
  "author": {"id": "9", "username": "leo"}, "timestamp": "2021-02-30T10:00:00Z",
  "attachments": [{"filename": 5, "size": -1}, "x"]},
 {"id": "3", "content": "bad)" "\xFF\xFE" R"(bytes", "channel_id": "1", "author": {"id": "9"}, "timestamp": "soon"},
 {"id": "4", "content": "after the damage", "channel_id": "1", "author": {"id": "9"},
  "timestamp": "2021-05-01T10:00:00+25:00"}
])";
    const auto r = parseText(text);
    ASSERT_TRUE(r.accepted);
    // The entry with invalid UTF-8 bytes is not valid JSON: skipped and reported, the rest kept.
    ASSERT_EQ(r.errors.size(), 1u);
    EXPECT_EQ(r.errors[0].code, ErrorCode::Corrupt);
    EXPECT_NE(r.errors[0].message.find("1 damaged entries"), std::string::npos) << r.errors[0].message;
    ASSERT_EQ(r.records.messages.size(), 3u);
    const auto &nulls = r.records.messages[0];
    EXPECT_EQ(nulls.conversationKey, "unknown");
    EXPECT_EQ(nulls.senderKey, "");
    EXPECT_FALSE(nulls.sent);
    EXPECT_EQ(nulls.text, "");
    EXPECT_EQ(nulls.origin.offset, 6);   // after the byte order mark, "[\n "
    const auto &odd = r.records.messages[1];
    EXPECT_EQ(odd.conversationKey, "12345678901234");
    EXPECT_EQ(odd.text, "nul\xEF\xBF\xBD and \xEF\xBF\xBD lone");
    EXPECT_FALSE(odd.sent);   // 30 February
    ASSERT_EQ(odd.attachments.size(), 1u);
    EXPECT_FALSE(odd.attachments[0].size);
    const auto *after = messageWithText(r.records, "after the damage");
    ASSERT_NE(after, nullptr);
    EXPECT_FALSE(after->sent);   // +25:00 is no zone
}

TEST_F(Discord, AFileLargerThanTheCapIsReadOnlyThatFar)
{
    // One message, then a second whose content runs past 64 MiB.
    std::string text = R"([{"id": "1", "content": "before the padding", "channel_id": "1", "author": {"id": "9"}},)";
    text += R"( {"id": "2", "content": ")" + std::string(65u * 1024 * 1024, 'a') + R"(", "channel_id": "1",)"
          + R"( "author": {"id": "9"}}])";
    const auto r = parseText(text);
    ASSERT_EQ(r.errors.size(), 1u);
    EXPECT_EQ(r.errors[0].code, ErrorCode::Unsupported);
    EXPECT_NE(r.errors[0].message.find("64 MiB"), std::string::npos);
    ASSERT_EQ(r.records.messages.size(), 1u);
    EXPECT_EQ(r.records.messages[0].text, "before the padding");
}

TEST(DiscordJson, IsoTimesAreParsedExactlyIntoUtc)
{
    using plugins::discord::parseIsoTime;
    EXPECT_EQ(toIso8601(*parseIsoTime("2021-05-01T10:00:00.000000+00:00")), "2021-05-01T10:00:00Z");
    EXPECT_EQ(toIso8601(*parseIsoTime("2021-05-01T00:30:00.123456789-01:30")), "2021-05-01T02:00:00.123456789Z");
    EXPECT_EQ(toIso8601(*parseIsoTime("2021-05-01T10:00:00.1234567891+0100")), "2021-05-01T09:00:00.123456789Z");
    EXPECT_EQ(toIso8601(*parseIsoTime("2020-02-29 23:59:59")), "2020-02-29T23:59:59Z");
    EXPECT_EQ(*parseIsoTime("2021-05-01T10:00:00Z"), 1619863200LL * 1'000'000'000LL);
    for (const char *bad : {"", "2021-05-01", "2021-13-01T00:00:00Z", "2021-02-29T00:00:00Z", "2021-05-01T24:00:00Z",
                            "1969-12-31T23:59:59Z", "2200-01-01T00:00:00Z", "2021-05-01T10:00:00+02", "2021-05-01T10:00:00X",
                            "2021-05-01T10:00:00Z junk", "2021/05/01T10:00:00Z", "２０２１-05-01T10:00:00Z"})
        EXPECT_FALSE(parseIsoTime(bad)) << bad;
}

TEST(DiscordJson, ArrayElementsAreFoundWithTheirOffsets)
{
    using plugins::discord::scanArray;
    const std::string text = R"([ {"a": "]},[\"\\"}, [1, [2]] ,"s,]" , 7 ])";
    const auto scan = scanArray(text, 0);
    EXPECT_TRUE(scan.complete);
    ASSERT_EQ(scan.elements.size(), 4u);
    EXPECT_EQ(text.substr(scan.elements[0].begin, scan.elements[0].end - scan.elements[0].begin),
              R"({"a": "]},[\"\\"})");
    EXPECT_EQ(text.substr(scan.elements[1].begin, scan.elements[1].end - scan.elements[1].begin), "[1, [2]]");
    EXPECT_EQ(text.substr(scan.elements[2].begin, scan.elements[2].end - scan.elements[2].begin), R"("s,]")");
    EXPECT_EQ(text.substr(scan.elements[3].begin, scan.elements[3].end - scan.elements[3].begin), "7 ");

    const auto cut = scanArray(R"([{"a": 1}, {"b": )", 0);
    EXPECT_FALSE(cut.complete);
    EXPECT_EQ(cut.elements.size(), 1u);
    EXPECT_EQ(cut.stoppedAt, 11u);
    EXPECT_FALSE(scanArray("[1] trailing", 0).complete);
    EXPECT_FALSE(scanArray("[1,,2]", 0).complete);
    EXPECT_TRUE(scanArray("[ ]\n", 0).complete);
}

} // namespace
} // namespace vigil::test
