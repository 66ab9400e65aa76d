-- Instagram (Android) direct.db, 2021-2024, as the app creates it in onCreate.
-- The only copy: tests/plugins/parsers/instagram_test.cpp reads it (ddl() in parsertest.h),
-- and so does the demo phone generator tests/data/phone_gen.py.
CREATE TABLE IF NOT EXISTS threads(_id INTEGER PRIMARY KEY AUTOINCREMENT, user_id TEXT, thread_id TEXT,
  recipient_ids TEXT, last_activity_time INTEGER, is_permitted INTEGER, system_folder INTEGER, thread_folder INTEGER,
  is_pinned INTEGER, is_unread_badging INTEGER, is_ad_thread INTEGER, custom_folder_id TEXT, thread_info TEXT NOT NULL);
create table if not exists messages(_id integer primary key autoincrement, user_id text, server_item_id text,
  client_item_id text, thread_id text, recipient_ids text, timestamp integer not null, message_type text not null,
  text text, message text not null);
CREATE INDEX threadId ON messages (thread_id);
CREATE TABLE IF NOT EXISTS session(user_id TEXT PRIMARY KEY, value TEXT NOT NULL);
