-- Snapchat (Android) arroyo.db: the tables the parser reads, with the columns public code reading arroyo.db
-- uses (SnapEnhance's ConversationMessage, UserConversationLink, required_values); the app's own CREATE
-- statements are not published.
-- The only copy: tests/plugins/parsers/snapchat_test.cpp reads it (ddl() in parsertest.h),
-- and so does the demo phone generator tests/data/phone_gen.py.
CREATE TABLE required_values (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE conversation (client_conversation_id TEXT PRIMARY KEY, conversation_type INTEGER,
  creation_timestamp INTEGER, last_chat_actions_timestamp INTEGER);
CREATE TABLE user_conversation (client_conversation_id TEXT NOT NULL, user_id TEXT NOT NULL,
  conversation_type INTEGER, PRIMARY KEY (client_conversation_id, user_id));
CREATE TABLE conversation_message (client_conversation_id TEXT NOT NULL, client_message_id INTEGER NOT NULL,
  server_message_id INTEGER, message_content BLOB, is_saved INTEGER, is_viewed_by_user INTEGER,
  content_type INTEGER, creation_timestamp INTEGER, read_timestamp INTEGER, sender_id TEXT,
  PRIMARY KEY (client_conversation_id, client_message_id));
