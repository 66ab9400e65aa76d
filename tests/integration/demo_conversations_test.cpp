// SPDX-License-Identifier: GPL-3.0-or-later
// The bundled demo evidence end to end: `vigil ingest demo.E01` parses the chat, call-log and
// browser databases of several apps inside the NTFS partition of an E01, with the messages that
// exist only in WhatsApp's write-ahead log, and `vigil messages` lists and finds them.
#include <gtest/gtest.h>

#include "democase.h"

using namespace vigil::test;

namespace {

class DemoConversations : public DemoCaseTest {};

TEST_F(DemoConversations, EveryDatabaseIsParsedWithoutErrors)
{
    ASSERT_EQ(s_ingest.exitCode, 0) << s_ingest.out;
    EXPECT_EQ(count("SELECT count(*) FROM files WHERE sig_type='sqlite' AND parse_status='parsed'"), 8);
    EXPECT_EQ(count("SELECT count(*) FROM files WHERE name='msgstore.db-wal' AND parse_status='companion'"), 1);
    EXPECT_EQ(count("SELECT count(*) FROM processing_errors"), 0);
    EXPECT_NE(s_ingest.out.find("home region: GB (owner-number)"), std::string::npos) << s_ingest.out;
}

TEST_F(DemoConversations, ConversationsOfSeveralApps)
{
    // Counted by hand from tests/data/chat_gen.py (the scenario in tests/data/README.md).
    EXPECT_EQ(count("SELECT count(*) FROM conversations WHERE app='whatsapp'"), 10);
    EXPECT_EQ(count("SELECT count(*) FROM conversations WHERE app='android-sms'"), 5);
    EXPECT_EQ(count("SELECT count(*) FROM conversations WHERE app='ios-messages'"), 3);   // Ava, Mum, Amelia
    EXPECT_EQ(count("SELECT count(*) FROM conversations WHERE app='skype'"), 2);
    EXPECT_EQ(count("SELECT count(*) FROM messages"), 116);
    EXPECT_EQ(count("SELECT count(*) FROM calls"), 11);
    EXPECT_EQ(count("SELECT count(*) FROM web_visits WHERE app='chrome'"), 10);
    EXPECT_EQ(count("SELECT count(*) FROM web_searches"), 2);
    EXPECT_EQ(count("SELECT count(*) FROM accounts WHERE is_owner=1 AND app='skype' AND account_key='alex.dunn.1987'"), 1);
}

TEST_F(DemoConversations, TheWalOnlyMessagesAreFoundAndMarked)
{
    EXPECT_EQ(count("SELECT count(*) FROM messages WHERE record_source='wal'"), 2);
    EXPECT_EQ(count("SELECT count(*) FROM messages WHERE record_source='wal' AND body LIKE '%tell everyone at your school%'"), 1);
    EXPECT_EQ(count("SELECT recovered_count FROM conversations WHERE id=(SELECT conversation_id FROM messages "
                    "WHERE record_source='wal' LIMIT 1)"),
              2);
}

TEST_F(DemoConversations, SamePersonNumbersMeetAcrossAppsAndTheAttachmentIsLinked)
{
    // Mia's number as WhatsApp stores it (+44…) and as the SMS app stores it (07700…): one E.164.
    EXPECT_GE(count("SELECT count(DISTINCT app) FROM accounts WHERE phone='+447700900452'"), 2);
    EXPECT_EQ(count("SELECT count(*) FROM attachments a JOIN files f ON f.id=a.file_id "
                    "WHERE f.name='IMG-20240226-WA0001.jpg' AND a.link_method LIKE 'path:%'"),
              1);
}

TEST_F(DemoConversations, MessagesCommandSearchesTheDemo)
{
    auto found = run(quote(vigilBinary().string()) + " messages --search 'top up' --case " + quote(caseDir().string()));
    ASSERT_EQ(found.exitCode, 0) << found.out;
    EXPECT_NE(found.out.find("[[top]] [[up]]"), std::string::npos) << found.out;
    EXPECT_NE(found.out.find("whatsapp-android"), std::string::npos) << found.out;
    // A chat without a title is named by its other participant (wa.db's name for the JID).
    EXPECT_NE(found.out.find(",whatsapp,"), std::string::npos) << found.out;
    EXPECT_NE(found.out.find(",Liam Cork,"), std::string::npos) << found.out;
}

} // namespace
