#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Generates a WhatsApp Android msgstore.db (current schema) with N synthetic, benign messages
for the parse benchmark: 500 one-to-one chats and 20 groups, 10 % media messages with a
message_media row, 1 % system messages. Deterministic for a given N.

    tests/bench/make_whatsapp_db.py OUT.db [N]   (default 1,000,000)
"""
import os
import random
import sqlite3
import sys

DDL = """
CREATE TABLE props (_id INTEGER PRIMARY KEY AUTOINCREMENT, key TEXT UNIQUE, value TEXT);
CREATE TABLE jid(_id INTEGER PRIMARY KEY AUTOINCREMENT,user TEXT NOT NULL,server TEXT NOT NULL,agent INTEGER,device INTEGER,type INTEGER,raw_string TEXT);
CREATE TABLE jid_map(lid_row_id INTEGER PRIMARY KEY NOT NULL,jid_row_id INTEGER NOT NULL,sort_id INTEGER);
CREATE TABLE chat(_id INTEGER PRIMARY KEY AUTOINCREMENT,jid_row_id INTEGER UNIQUE,hidden INTEGER,subject TEXT,created_timestamp INTEGER,display_message_row_id INTEGER,last_message_row_id INTEGER,last_read_message_row_id INTEGER,archived INTEGER,sort_timestamp INTEGER,group_type INTEGER NOT NULL DEFAULT 0);
CREATE TABLE message(_id INTEGER PRIMARY KEY AUTOINCREMENT,chat_row_id INTEGER NOT NULL,from_me INTEGER NOT NULL,key_id TEXT NOT NULL,sender_jid_row_id INTEGER,status INTEGER,broadcast INTEGER,recipient_count INTEGER,participant_hash TEXT,origination_flags INTEGER,origin INTEGER,timestamp INTEGER,received_timestamp INTEGER,receipt_server_timestamp INTEGER,message_type INTEGER,text_data TEXT,starred INTEGER,lookup_tables INTEGER,message_add_on_flags INTEGER,view_mode INTEGER,sort_id INTEGER NOT NULL DEFAULT 0,translated_text TEXT, view_replies_thread_id INTEGER, server_sts INTEGER);
CREATE TABLE message_media(message_row_id INTEGER PRIMARY KEY,chat_row_id INTEGER,autotransfer_retry_enabled INTEGER,transferred INTEGER,file_path TEXT,file_size INTEGER,media_key BLOB,width INTEGER,height INTEGER,direct_path TEXT,mime_type TEXT,file_length INTEGER,media_name TEXT,file_hash TEXT,media_duration INTEGER,enc_file_hash TEXT,media_caption TEXT);
CREATE TABLE message_system(message_row_id INTEGER PRIMARY KEY,action_type INTEGER NOT NULL);
CREATE TABLE message_revoked(message_row_id INTEGER PRIMARY KEY,revoked_key_id TEXT NOT NULL,admin_jid_row_id INTEGER,revoke_timestamp INTEGER);
CREATE TABLE message_location(message_row_id INTEGER PRIMARY KEY,chat_row_id INTEGER,latitude REAL,longitude REAL,place_name TEXT,place_address TEXT,url TEXT);
CREATE TABLE group_participant_user(_id INTEGER PRIMARY KEY AUTOINCREMENT,group_jid_row_id INTEGER NOT NULL,user_jid_row_id INTEGER NOT NULL,rank INTEGER,pending INTEGER,add_timestamp INTEGER,label TEXT, join_method INTEGER, group_history_send_state INTEGER);
CREATE TABLE call_log(_id INTEGER PRIMARY KEY AUTOINCREMENT,jid_row_id INTEGER,from_me INTEGER,call_id TEXT,transaction_id INTEGER,timestamp INTEGER,video_call INTEGER,duration INTEGER,call_result INTEGER,is_dnd_mode_on INTEGER,bytes_transferred INTEGER,group_jid_row_id INTEGER NOT NULL DEFAULT 0,is_joinable_group_call INTEGER,call_creator_device_jid_row_id INTEGER NOT NULL DEFAULT 0,call_random_id TEXT,call_link_row_id INTEGER NOT NULL DEFAULT 0,call_type INTEGER,offer_silence_reason INTEGER,scheduled_id TEXT, telecom_uuid TEXT, terminated_by_device_switch INTEGER);
"""

WORDS = ("practice match saturday oranges kit bus school homework late coach team field "
         "goal park weekend film pizza birthday music game level score tomorrow tonight "
         "early ready meet corner shop train class test friday maths art").split()

T0 = 1709294400000   # 2024-03-01T12:00:00Z in milliseconds


def main(argv):
    out = argv[1]
    n = int(argv[2]) if len(argv) > 2 else 1_000_000
    if os.path.exists(out):
        os.unlink(out)
    rng = random.Random(20240301)
    con = sqlite3.connect(out)
    con.executescript("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;" + DDL)
    con.execute("INSERT INTO props (key, value) VALUES ('user_push_name', 'Chris')")
    users = ["4477009%05d" % i for i in range(500)]
    jids = [(u, "s.whatsapp.net") for u in users] + [("1203630000000%05d" % g, "g.us") for g in range(20)]
    con.executemany("INSERT INTO jid (user, server, agent, device, type, raw_string) VALUES (?, ?, 0, 0, 0, ?)",
                    [(u, s, u + "@" + s) for u, s in jids])
    con.executemany("INSERT INTO chat (jid_row_id, subject, created_timestamp) VALUES (?, ?, ?)",
                    [(i + 1, ("Team %d" % (i - 499)) if i >= 500 else None, T0) for i in range(len(jids))])
    con.executemany("INSERT INTO group_participant_user (group_jid_row_id, user_jid_row_id) VALUES (?, ?)",
                    [(501 + g, 1 + (g * 7 + k) % 500) for g in range(20) for k in range(8)])

    def rows():
        for i in range(1, n + 1):
            chat = rng.randrange(len(jids)) + 1
            from_me = rng.random() < 0.45
            sender = 0 if from_me or chat <= 500 else 1 + (chat * 7 + rng.randrange(8)) % 500
            kind = 1 if i % 10 == 0 else (7 if i % 100 == 1 else 0)
            text = " ".join(rng.choice(WORDS) for _ in range(3 + rng.randrange(12))) if kind != 7 else None
            yield (i, chat, int(from_me), "K%X" % i, sender, 13 if from_me else 0, T0 + i * 1500, kind, text, i)

    con.executemany("INSERT INTO message (_id, chat_row_id, from_me, key_id, sender_jid_row_id, status, timestamp, "
                    "message_type, text_data, sort_id) VALUES (?,?,?,?,?,?,?,?,?,?)", rows())
    con.execute("INSERT INTO message_media (message_row_id, chat_row_id, file_path, file_size, mime_type, file_hash) "
                "SELECT _id, chat_row_id, 'Media/WhatsApp Images/IMG-' || _id || '-WA0001.jpg', 40000 + _id % 9000, "
                "'image/jpeg', 'bWVkaWEtaGFzaA==' FROM message WHERE message_type = 1")
    con.execute("INSERT INTO message_system (message_row_id, action_type) SELECT _id, 6 FROM message WHERE message_type = 7")
    con.commit()
    con.close()
    print("%s: %d messages, %d bytes" % (out, n, os.path.getsize(out)))


if __name__ == "__main__":
    main(sys.argv)
