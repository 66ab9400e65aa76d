// SPDX-License-Identifier: GPL-3.0-or-later
#include "plugins/parsers/whatsapp-common/whatsappcommon.h"

#include <gtest/gtest.h>

#include "plugins/api/collectingsink.h"

namespace vigil::plugins::whatsapp {
namespace {

using model::Direction;

constexpr const char *kAlex = "447700900123@s.whatsapp.net";
constexpr const char *kGroup = "120363001234567890@g.us";

TEST(WhatsAppJid, DevicesAndAgentsNormaliseToTheAccount)
{
    EXPECT_EQ(normalizeJid("447700900123.0:3@s.whatsapp.net"), kAlex);
    EXPECT_EQ(normalizeJid("447700900123:2@s.whatsapp.net"), kAlex);
    EXPECT_EQ(normalizeJid(kAlex), kAlex);
    EXPECT_EQ(normalizeJid(kGroup), kGroup);
    EXPECT_EQ(normalizeJid("98765432109876@lid"), "98765432109876@lid");
    EXPECT_EQ(normalizeJid("status@broadcast"), "status@broadcast");
    EXPECT_EQ(normalizeJid(""), "");
}

TEST(WhatsAppJid, BareNumbersAreKeptOnAndroidAndUserJidsOnIos)
{
    EXPECT_EQ(normalizeJid("447700900123"), "447700900123");
    EXPECT_EQ(normalizeJid("447700900123", BareNumber::Keep), "447700900123");
    EXPECT_EQ(normalizeJid("447700900123", BareNumber::AsUserJid), kAlex);
    EXPECT_EQ(normalizeJid("-1", BareNumber::AsUserJid), "-1");   // not a number: as it is
    EXPECT_EQ(normalizeJid("", BareNumber::AsUserJid), "");
    EXPECT_EQ(normalizeJid("447700900123:2@s.whatsapp.net", BareNumber::AsUserJid), kAlex);
}

TEST(WhatsAppJid, PhonesGroupsAndSharedChats)
{
    EXPECT_EQ(phoneOfJid(kAlex), "+447700900123");
    EXPECT_EQ(phoneOfJid("447700900123:4@s.whatsapp.net"), "+447700900123");
    EXPECT_EQ(phoneOfJid("98765432109876@lid"), "");
    EXPECT_EQ(phoneOfJid(kGroup), "");
    EXPECT_EQ(phoneOfJid("447700900123"), "");
    EXPECT_TRUE(isGroupJid(kGroup));
    EXPECT_FALSE(isGroupJid(kAlex));
    EXPECT_TRUE(isSharedJid(kGroup));
    EXPECT_TRUE(isSharedJid("status@broadcast"));
    EXPECT_TRUE(isSharedJid("1234567890@broadcast"));
    EXPECT_FALSE(isSharedJid(kAlex));
}

TEST(WhatsAppText, BaseNameLocationAndDirection)
{
    EXPECT_EQ(baseName("Media/WhatsApp Images/IMG-1.jpg"), "IMG-1.jpg");
    EXPECT_EQ(baseName("C:\\Media\\VID-2.mp4"), "VID-2.mp4");
    EXPECT_EQ(baseName("plain.jpg"), "plain.jpg");
    EXPECT_EQ(locationText(51.5, -0.1), "Location: 51.5, -0.1");
    EXPECT_EQ(locationText(51.50735, -0.12776), "Location: 51.50735, -0.12776");
    EXPECT_EQ(directionOf(1), Direction::Outgoing);
    EXPECT_EQ(directionOf(0), Direction::Incoming);
    EXPECT_EQ(directionOf(std::nullopt), Direction::Unknown);
}

TEST(WhatsAppRecords, AccountsAndConversationsOnceWithParticipantsFirst)
{
    CollectingSink sink;
    const FileContext file{1, 7, "/msgstore.db", "msgstore.db", "sqlite", 1, false};
    {
        RecordEmitter out(file, sink, kApp, kAppName);
        addOwner(out, "Sam", rowOrigin("props", 3));
        addAccount(out, "", rowOrigin("jid", 1));   // the owner: skipped
        addAccount(out, "98765432109876@lid", rowOrigin("jid", 2), "Robin", "+447700900321");
        addAccount(out, kAlex, rowOrigin("jid", 4), "Alex", "+440000");
        addAccount(out, kAlex, rowOrigin("jid", 5), "Alex again");

        model::ConversationRecord group;
        group.key = kGroup;
        group.group = true;
        group.participantKeys = {"", kAlex, "447700900789@s.whatsapp.net"};
        group.origin = rowOrigin("chat", 9);
        addConversation(out, group);
        addConversation(out, group);
        EXPECT_EQ(conversationFor(out, kGroup, "", rowOrigin("message", 1)), kGroup);
        EXPECT_EQ(conversationFor(out, "447700900456@s.whatsapp.net", "", rowOrigin("message", 2)),
                  "447700900456@s.whatsapp.net");
        EXPECT_EQ(conversationFor(out, "status@broadcast", "", rowOrigin("message", 3)), "status@broadcast");
        EXPECT_EQ(conversationFor(out, "", "chat:77", rowOrigin("message", 4)), "chat:77");
    }
    const auto r = sink.records();
    EXPECT_EQ(r.app, "whatsapp");
    EXPECT_EQ(r.appName, "WhatsApp");
    ASSERT_EQ(r.accounts.size(), 5u);
    EXPECT_TRUE(r.accounts[0].owner);
    EXPECT_EQ(r.accounts[0].key, "");
    EXPECT_EQ(r.accounts[0].displayName, "Sam");
    EXPECT_EQ(r.accounts[1].phone, "+447700900321");   // a LID: the phone stored beside it
    EXPECT_EQ(r.accounts[2].key, kAlex);
    EXPECT_EQ(r.accounts[2].phone, "+447700900123");   // from the JID, not the stored number
    EXPECT_EQ(r.accounts[2].displayName, "Alex");
    EXPECT_EQ(r.accounts[2].origin.rowid, 4);
    EXPECT_EQ(r.accounts[3].key, "447700900789@s.whatsapp.net");   // a member, before its group
    EXPECT_EQ(r.accounts[3].origin.table, "chat");
    EXPECT_EQ(r.accounts[4].key, "447700900456@s.whatsapp.net");

    ASSERT_EQ(r.conversations.size(), 4u);
    EXPECT_EQ(r.conversations[0].key, kGroup);
    const auto &direct = r.conversations[1];
    EXPECT_FALSE(direct.group);
    EXPECT_EQ(direct.participantKeys, (std::vector<std::string>{"", "447700900456@s.whatsapp.net"}));
    EXPECT_EQ(direct.origin.table, "message");
    const auto &status = r.conversations[2];
    EXPECT_FALSE(status.group);
    EXPECT_EQ(status.participantKeys, std::vector<std::string>{""});   // senders are stored per message
    EXPECT_EQ(r.conversations[3].participantKeys, std::vector<std::string>{""});
}

} // namespace
} // namespace vigil::plugins::whatsapp
