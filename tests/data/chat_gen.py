#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Chat, contact, call-log and browser databases of the bundled demo laptop (stdlib only).

Every database is built with the app's own DDL (one copy of each in tests/data/ddl/, which the
parser tests in tests/plugins/parsers/ read too) and filled with one synthetic scenario: the
owner, Alex Dunn, poses as "Jay, 15" and talks with teenagers in several countries, beside
ordinary chats with family, work and a football club. His phone (phone_gen.py, demo-phone.E01)
carries the rest of the same operation; the ground truth of both is demo_people_truth.json. The
wording is that of a cautious test fixture: mild, non-graphic signals of risk only (age
disclosure, secrecy, moving to another app, gifts, photo requests, threats in plain words, one
self-harm statement). All phone numbers are from ranges reserved for drama or fiction (UK 07700
900xxx and 01632 960xxx, Ireland 020 91xxxxx, North America 555-01xx, Australia 0491 570 xxx).

evidence_gen.py calls write(WHICH, PATH, make_jpeg) for every ("chatdb", WHICH) payload of the
demo_ntfs profile. Everything is deterministic: fixed times in February 2024 (UTC), no
randomness, and the WAL's random salts replaced by fixed ones (see fix_wal_salts). The helpers
(read_ddl, at, create, rows, whatsapp_fill ...) are shared with phone_gen.py.

    python3 tests/data/chat_gen.py OUTDIR   writes every database into OUTDIR, for a look
"""
import base64
import hashlib
import os
import shutil
import sqlite3
import struct
import sys
import tempfile

# --------------------------------------------------------------------------
# DDL: the apps' own CREATE statements, one copy of each in tests/data/ddl/NAME.sql, which the
# parser tests in tests/plugins/parsers/ read too (ddl() in parsertest.h).
DDL_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "ddl")


def read_ddl(name: str) -> str:
    """The statements of tests/data/ddl/NAME.sql, without its comment lines."""
    path = os.path.join(DDL_DIR, name + ".sql")
    with open(path, encoding="utf-8") as f:
        lines = f.read().splitlines(keepends=True)
    return "".join(line for line in lines if not line.startswith("--"))


# --------------------------------------------------------------------------
# time
FEB_1 = 1706745600  # 2024-02-01T00:00:00Z; every record is in February 2024, before 2024-03-01T12:00:00Z
COCOA_EPOCH = 978307200  # 2001-01-01T00:00:00Z (Apple)
WEBKIT_OFFSET = 11644473600  # seconds from 1601-01-01 (Chrome) to 1970-01-01


def at(day: int, hhmm: str, sec: int = 0) -> int:
    """2024-02-DAY HH:MM:SS UTC as Unix seconds; day 30 is 1 March, before the images' fixed
    time 2024-03-01T12:00:00Z."""
    h, m = hhmm.split(":")
    assert 1 <= day <= 30
    t = FEB_1 + (day - 1) * 86400 + int(h) * 3600 + int(m) * 60 + sec
    assert t < 1709294400, "after the evidence's fixed time"
    return t


# --------------------------------------------------------------------------
# the people (the same numbers in every app, so identity resolution can join them)
OWNER_NAME = "Alex Dunn"
OWNER_PERSONA = "Jay"                          # the name he gives the children ("Jay, 15")
OWNER_PHONE = "+447700900100"
OWNER_EMAIL = "alex.dunn.1987@example.com"
OWNER_SKYPE = "alex.dunn.1987"

MIA = "+447700900452"      # UK, 13, "year 8": WhatsApp, SMS, call log
LIAM = "+353209102468"     # Ireland, 14: WhatsApp, call log, browser (top-up search)
AVA = "+14165550142"       # Canada, 13, "grade 8": iOS Messages, wa.db contact
CHLOE = "+61491570156"     # Australia, 14, "year 9": Skype, WhatsApp, call log
KATE = "+447700900231"     # the owner's sister: WhatsApp, SMS, call log
MUM = "+447700900232"      # the owner's mother: WhatsApp group, iOS Messages
PRIYA = "+447700900318"    # a colleague: Skype, SMS, call log
TOM = "+447700900377"      # football club: WhatsApp group
DAN = "+447700900389"      # football club: WhatsApp group
DENTIST = "+441632960123"  # appointment reminders: SMS, call log
PARCELS = "+447700900511"  # a delivery notice: SMS

AMELIA_EMAIL = "amelia.r.2011@example.com"   # UK, 13: iMessage by email here, SMS on the phone
AMELIA = "+447700900733"   # her phone number: the phone's SMS and its address book (with the email)

CHLOE_SKYPE = "chloe.sk8.2010"
PRIYA_SKYPE = "priya.shah.work"

def digits(e164: str) -> str:
    return e164.lstrip("+")


# --------------------------------------------------------------------------
# SQLite helpers
def _remove(*paths):
    for p in paths:
        if os.path.exists(p):
            os.unlink(p)


def create_db(path: str, ddl: str, fill) -> None:
    """A database in rollback-journal mode (no -journal left behind)."""
    _remove(path, path + "-journal", path + "-wal", path + "-shm")
    con = sqlite3.connect(path, isolation_level=None)
    con.execute("PRAGMA journal_mode=DELETE")
    con.execute("BEGIN")
    for stmt in _statements(ddl):
        con.execute(stmt)
    fill(con)
    con.execute("COMMIT")
    con.close()


def _statements(ddl: str):
    out = [s.strip() for s in ddl.split(";\n")]
    return [s.rstrip(";") for s in out if s]


def _wal_checksum(data: bytes, big_endian: bool, s0: int, s1: int):
    words = struct.unpack((">" if big_endian else "<") + "%dI" % (len(data) // 4), data)
    for i in range(0, len(words), 2):
        s0 = (s0 + words[i] + s1) & 0xFFFFFFFF
        s1 = (s1 + words[i + 1] + s0) & 0xFFFFFFFF
    return s0, s1


def fix_wal_salts(wal: bytes, salt1: int = 0x56494731, salt2: int = 0x44454D4F) -> bytes:
    """SQLite puts random salts into a WAL's header and every frame header; replace them with
    fixed ones and recompute the checksum chain, so the same inputs give the same bytes."""
    magic, _version, page_size = struct.unpack(">III", wal[:12])
    assert magic in (0x377F0682, 0x377F0683), "not a WAL file"
    big = magic & 1 == 1
    hdr = bytearray(wal[:32])
    struct.pack_into(">II", hdr, 16, salt1, salt2)
    s0, s1 = _wal_checksum(bytes(hdr[:24]), big, 0, 0)
    struct.pack_into(">II", hdr, 24, s0, s1)
    out = bytearray(hdr)
    frame = 24 + page_size
    assert (len(wal) - 32) % frame == 0, "torn WAL"
    for off in range(32, len(wal), frame):
        fh = bytearray(wal[off:off + 24])
        page = wal[off + 24:off + frame]
        struct.pack_into(">II", fh, 8, salt1, salt2)
        s0, s1 = _wal_checksum(bytes(fh[:8]), big, s0, s1)
        s0, s1 = _wal_checksum(page, big, s0, s1)
        struct.pack_into(">II", fh, 16, s0, s1)
        out += fh + page
    return bytes(out)


def create_db_with_wal(path: str, ddl: str, fill, fill_wal) -> None:
    """Build in WAL mode, checkpoint, write fill_wal's rows, then copy the database and its
    -wal while the connection is still open (closing would checkpoint them into the file),
    as tests/plugins/parsers/parsertest.cpp createDatabaseWithWal does."""
    work = path + ".build"
    _remove(path, path + "-wal", path + "-shm", work, work + "-wal", work + "-shm")
    con = sqlite3.connect(work, isolation_level=None)
    con.execute("PRAGMA journal_mode=WAL")
    con.execute("PRAGMA wal_autocheckpoint=0")
    con.execute("BEGIN")
    for stmt in _statements(ddl):
        con.execute(stmt)
    fill(con)
    con.execute("COMMIT")
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.execute("BEGIN")
    fill_wal(con)
    con.execute("COMMIT")
    shutil.copyfile(work, path)
    with open(work + "-wal", "rb") as f:
        wal = f.read()
    with open(path + "-wal", "wb") as f:
        f.write(fix_wal_salts(wal))
    con.close()
    _remove(work, work + "-wal", work + "-shm")


def insert(con, table: str, columns: str, rows) -> None:
    cols = [c.strip() for c in columns.split(",")]
    con.executemany("INSERT INTO %s (%s) VALUES (%s)" % (table, ", ".join(cols), ", ".join("?" * len(cols))),
                    list(rows))


def key_id(app: str, n: int, length: int = 20) -> str:
    return hashlib.sha256(("%s:%d" % (app, n)).encode()).hexdigest()[:length].upper()


# --------------------------------------------------------------------------
# WhatsApp (Android): msgstore.db (+ -wal) and wa.db
class WhatsAppStore:  # pylint: disable=too-few-public-methods,too-many-arguments
    """One msgstore.db's content.

    jids: (_id, user, server, type); chats: (_id, jid row, subject, created); members: (group jid
    row, member jid row); messages: (chat, from_me, sender jid row for group messages, time,
    text), text None for a picture (the next of `images`: (file_path, (width, height), seed,
    caption)); wal_messages: written after the checkpoint, so only in the -wal; calls: (jid row,
    from_me, time, video, duration s, call_result 2 rejected/4 missed/5 answered)."""

    def __init__(self, push_name, jids, chats, members, messages, calls, images=(), wal_messages=()):
        self.push_name, self.jids, self.chats, self.members = push_name, jids, chats, members
        self.messages, self.calls, self.images, self.wal_messages = messages, calls, list(images), wal_messages

    def image_bytes(self, make_jpeg):
        return [make_jpeg(size[0], size[1], seed) for _path, size, seed, _caption in self.images]


WA_GROUP_FAMILY = "120363041234567801"
WA_GROUP_FOOTBALL = "120363041234567802"

# The picture a WhatsApp message refers to (message_media.file_path).
WA_IMAGE_PATH = "Media/WhatsApp Images/IMG-20240226-WA0001.jpg"
WA_IMAGE_SIZE = (160, 120)
WA_IMAGE_SEED = 26
WA_IMAGE_CAPTION = "team photo from Sunday"

LAPTOP_WA = WhatsAppStore(
    push_name=OWNER_PERSONA,
    jids=[
        (1, digits(MIA), "s.whatsapp.net", 0),
        (2, digits(LIAM), "s.whatsapp.net", 0),
        (3, digits(CHLOE), "s.whatsapp.net", 0),
        (4, digits(KATE), "s.whatsapp.net", 0),
        (5, digits(MUM), "s.whatsapp.net", 0),
        (6, digits(TOM), "s.whatsapp.net", 0),
        (7, digits(DAN), "s.whatsapp.net", 0),
        (8, WA_GROUP_FAMILY, "g.us", 1),
        (9, WA_GROUP_FOOTBALL, "g.us", 1),
    ],
    chats=[
        (1, 1, None, None),
        (2, 2, None, None),
        (3, 3, None, None),
        (4, 4, None, None),
        (5, 8, "Dunn family", at(1, "09:00")),
        (6, 9, "Riverside Sunday FC", at(1, "09:30")),
    ],
    members=[(8, 4), (8, 5), (9, 6), (9, 7)],
    messages=[
        # Mia, UK, 13
        (1, 1, 0, at(3, "18:02"), "hey it's Jay from the game last night"),
        (1, 0, 0, at(3, "18:05"), "oh hi! how did you get my number?"),
        (1, 1, 0, at(3, "18:06"), "you put it in the group chat lol. how old are you?"),
        (1, 0, 0, at(3, "18:09"), "I'm 13, year 8. you?"),
        (1, 1, 0, at(3, "18:10"), "15. you seem really grown up for year 8"),
        (1, 1, 0, at(6, "20:14"), "don't tell your mum we talk, she wouldn't get it"),
        (1, 0, 0, at(6, "20:16"), "ok... why not?"),
        (1, 1, 0, at(6, "20:17"), "parents always overreact. it's our thing"),
        (1, 1, 0, at(10, "19:30"), "add me on snap, it's easier than here"),
        (1, 0, 0, at(10, "19:33"), "I'm not allowed snapchat"),
        (1, 1, 0, at(14, "21:02"), "send a selfie so I know you're real"),
        (1, 0, 0, at(14, "21:10"), "no, my mum checks my photos"),
        (1, 0, 0, at(21, "16:45"), "I have to go, homework"),
        # Liam, Ireland, 14
        (2, 1, 0, at(5, "17:20"), "alright Liam, Jay here from the football game lobby"),
        (2, 0, 0, at(5, "17:25"), "hey! I'm 14, from Cork"),
        (2, 1, 0, at(5, "17:26"), "nice, I'm 15. I can top up your phone credit if you're running low"),
        (2, 0, 0, at(5, "17:31"), "serious? that'd be class, I'm down to 2 euro"),
        (2, 1, 0, at(5, "17:33"), "no problem. just keep it between us yeah"),
        (2, 1, 0, at(12, "18:40"), "sent you 10 euro credit. send me a photo of you in your jersey?"),
        (2, 0, 0, at(12, "18:52"), "thanks!! maybe later"),
        (2, 1, 0, at(19, "19:05"), "add me on snap, it's jay.k.15"),
        (2, 0, 0, at(19, "19:10"), "ok added"),
        # Chloe, Australia, 14 (moved here from Skype)
        (3, 0, 0, at(18, "09:12"), "hi it's Chloe from skype"),
        (3, 1, 0, at(18, "09:15"), "hey! much better on here, skype is dead"),
        (3, 0, 0, at(18, "09:17"), "haha true. mum thinks I'm doing homework"),
        # Kate, the owner's sister
        (4, 0, 0, at(4, "12:00"), "are you coming to mum's on Sunday?"),
        (4, 1, 0, at(4, "12:08"), "yes, I'll bring dessert"),
        (4, 0, 0, at(25, "10:30"), "can you pick up the cake on the way?"),
        (4, 1, 0, at(25, "10:31"), "sure"),
        # family group
        (5, 0, 5, at(9, "08:00"), "Happy birthday Kate! xx"),
        (5, 0, 4, at(9, "08:05"), "thanks mum!"),
        (5, 1, 0, at(9, "08:20"), "happy birthday sis"),
        # football club group
        (6, 0, 6, at(24, "20:00"), "Training moved to 10am Sunday"),
        (6, 0, 7, at(24, "20:04"), "I'll bring the cones"),
        (6, 1, 0, at(24, "20:10"), "see you there"),
        (6, 0, 6, at(26, "14:03"), None),   # the team photo, caption WA_IMAGE_CAPTION
        (6, 1, 0, at(26, "14:10"), "great photo!"),
    ],
    images=[(WA_IMAGE_PATH, WA_IMAGE_SIZE, WA_IMAGE_SEED, WA_IMAGE_CAPTION)],
    # Mia's last two: only in msgstore.db-wal (the phone was seized with the app running)
    wal_messages=[
        (1, 1, 0, at(27, "22:15"), "why are you ignoring me?"),
        (1, 1, 0, at(27, "22:18"), "if you stop answering I'll tell everyone at your school what you said, "
                                   "everyone will see"),
    ],
    calls=[
        (4, 0, at(4, "12:30"), 0, 64, 5),
        (2, 0, at(12, "19:00"), 0, 125, 5),
        (1, 1, at(14, "21:15"), 0, 0, 4),
    ],
)


def _wa_message_rows(first_id: int, messages):
    """message rows in _WA_MESSAGE_COLS order (0 _id, 1 chat, 5 status, 7 timestamp, 11 text)."""
    rows = []
    for i, (chat, me, sender, t, text) in enumerate(messages):
        mid = first_id + i
        image = text is None
        ms = t * 1000
        rows.append((mid, chat, me, key_id("wa", mid), sender, 13 if me else 0, 0, ms,
                     None if me else ms + 1500, ms + 400 if me else None, 1 if image else 0, text, mid))
    return rows


_WA_MESSAGE_COLS = ("_id, chat_row_id, from_me, key_id, sender_jid_row_id, status, broadcast, timestamp, "
                    "received_timestamp, receipt_server_timestamp, message_type, text_data, sort_id")


def whatsapp_fill(store: WhatsAppStore, make_jpeg):
    """fill and fill_wal functions writing STORE into a database made with the 2025 DDL."""
    images = store.image_bytes(make_jpeg)

    def fill(con):
        insert(con, "props", "_id, key, value", [(1, "user_push_name", store.push_name)])
        insert(con, "jid", "_id, user, server, agent, device, type, raw_string",
               [(i, u, s, 0, 0, t, "%s@%s" % (u, s)) for i, u, s, t in store.jids])
        insert(con, "group_participant_user", "_id, group_jid_row_id, user_jid_row_id, rank, pending, add_timestamp",
               [(n + 1, g, u, 0, 0, at(1, "09:00") * 1000) for n, (g, u) in enumerate(store.members)])
        # row ids in time order across chats, as the app assigns them
        rows = _wa_message_rows(1, sorted(store.messages, key=lambda m: m[3]))
        insert(con, "message", _WA_MESSAGE_COLS, rows)
        last = {}
        for r in rows:
            last[r[1]] = (r[0], r[7])
        insert(con, "chat", "_id, jid_row_id, hidden, subject, created_timestamp, last_message_row_id, "
               "display_message_row_id, sort_timestamp, archived, unseen_message_count",
               [(c, j, 0, subj, created * 1000 if created else None, last[c][0], last[c][0], last[c][1], 0, 0)
                for c, j, subj, created in store.chats])
        photos = [r for r in rows if r[11] is None]
        assert len(photos) == len(store.images), "one image per picture message"
        insert(con, "message_media", "message_row_id, chat_row_id, transferred, file_path, file_size, mime_type, "
               "file_length, media_name, file_hash, width, height, media_caption",
               [(photo[0], photo[1], 1, path, len(data), "image/jpeg", len(data), None,
                 base64.b64encode(hashlib.sha256(data).digest()).decode(), size[0], size[1], caption)
                for photo, (path, size, _seed, caption), data in zip(photos, store.images, images)])
        insert(con, "call_log", "_id, jid_row_id, from_me, call_id, transaction_id, timestamp, video_call, duration, "
               "call_result, group_jid_row_id",
               [(n + 1, j, me, key_id("wacall", n + 1, 32), n + 1, t * 1000, v, d, res, 0)
                for n, (j, me, t, v, d, res) in enumerate(store.calls)])

    def fill_wal(con):
        first = len(store.messages) + 1
        rows = _wa_message_rows(first, store.wal_messages)
        # status 5 delivered, then 4 sent: the child has stopped reading
        rows = [r[:5] + ((5 if n == 0 else 4),) + r[6:] for n, r in enumerate(rows)]
        insert(con, "message", _WA_MESSAGE_COLS, rows)
        con.execute("UPDATE chat SET last_message_row_id=?, display_message_row_id=?, sort_timestamp=? WHERE _id=?",
                    (rows[-1][0], rows[-1][0], rows[-1][7], rows[-1][1]))

    return fill, fill_wal


def wa_contacts_fill(contacts):
    """wa.db rows from (jid, is_whatsapp_user, number as in the address book, raw_contact_id,
    display_name, given, family, wa_name, status)."""
    def fill(con):
        insert(con, "wa_contacts", "_id, jid, is_whatsapp_user, number, raw_contact_id, display_name, given_name, "
               "family_name, wa_name, status, status_timestamp",
               [(n + 1, j, u, num, raw, disp, given, fam, wa, st, at(1, "08:00") * 1000 if st else None)
                for n, (j, u, num, raw, disp, given, fam, wa, st) in enumerate(contacts)])
    return fill


# wa_contacts: (jid, is_whatsapp_user, number as in the address book, raw_contact_id, display_name,
#               given, family, wa_name, status)
WA_CONTACTS = [
    (digits(MIA) + "@s.whatsapp.net", 1, "07700 900452", 101, "Mia", "Mia", None, "mia.x", "year 8 > year 7"),
    (digits(LIAM) + "@s.whatsapp.net", 1, "+353 20 910 2468", 102, "Liam Cork", "Liam", None, "Liam B", "COYBIG"),
    (digits(CHLOE) + "@s.whatsapp.net", 1, "+61 491 570 156", 103, "Chloe (skype)", "Chloe", None, "chlo", "art"),
    (digits(AVA) + "@s.whatsapp.net", 1, "+1 416-555-0142", 104, "Ava", "Ava", None, "ava :)", None),
    (digits(KATE) + "@s.whatsapp.net", 1, "07700 900231", 105, "Kate Dunn", "Kate", "Dunn", "Kate", "Available"),
    (digits(MUM) + "@s.whatsapp.net", 1, "07700 900232", 106, "Mum", "Linda", "Dunn", "Linda", None),
    (digits(TOM) + "@s.whatsapp.net", 1, "07700 900377", 107, "Tom Reid (FC)", "Tom", "Reid", "Tom R", None),
    (digits(DAN) + "@s.whatsapp.net", 1, "07700 900389", 108, "Dan Cole (FC)", "Dan", "Cole", "Dan", None),
    (digits(PRIYA) + "@s.whatsapp.net", 0, "07700 900318", 109, "Priya Shah (work)", "Priya", "Shah", None, None),
    (WA_GROUP_FAMILY + "@g.us", 1, None, None, "Dunn family", None, None, None, None),
    (WA_GROUP_FOOTBALL + "@g.us", 1, None, None, "Riverside Sunday FC", None, None, None, None),
]




# --------------------------------------------------------------------------
# Android SMS (mmssms.db)
SMS_ADDRESSES = [MIA, KATE, PRIYA, DENTIST, PARCELS]   # canonical_addresses / threads 1..5, in this order
# (address, type 1 inbox / 2 sent, time, body)
SMS_MESSAGES = [
    (MIA, 1, at(2, "19:40"), "hi is this Jay? it's Mia from the game"),
    (MIA, 2, at(2, "19:42"), "yes! text me on whatsapp instead, it's free"),
    (MIA, 1, at(2, "19:43"), "ok"),
    (KATE, 1, at(8, "18:00"), "Dinner at mum's moved to Sunday 1pm"),
    (KATE, 2, at(8, "18:05"), "ok thanks"),
    (PRIYA, 1, at(13, "08:50"), "running 10 min late for standup, start without me"),
    (PRIYA, 2, at(13, "08:51"), "no worries"),
    (DENTIST, 1, at(15, "09:00"), "Reminder: your dental check-up is on 22 Feb at 09:40. Reply C to cancel."),
    (MIA, 2, at(16, "22:05"), "you there? you didn't answer on whatsapp"),
    (MIA, 1, at(16, "22:30"), "sorry my phone got taken off me"),
    (MIA, 2, at(16, "22:31"), "don't tell your mum about me ok"),
    (PRIYA, 2, at(20, "17:30"), "report sent, have a good evening"),
    (PRIYA, 1, at(20, "17:41"), "thanks, you too"),
    (MIA, 1, at(23, "17:02"), "please stop texting me so late"),
    (MIA, 2, at(23, "17:05"), "why? we're friends aren't we"),
    (PARCELS, 1, at(24, "07:30"), "Your parcel will arrive today between 10:00 and 12:00."),
    (KATE, 1, at(25, "10:29"), "also can you bring the folding chairs?"),
    (KATE, 2, at(25, "10:35"), "will do"),
    (PRIYA, 1, at(27, "08:30"), "can you cover the 2pm call?"),
    (PRIYA, 2, at(27, "08:32"), "yes, no problem"),
]


def _sms_fill(con):
    insert(con, "canonical_addresses", "_id, address", [(n + 1, a) for n, a in enumerate(SMS_ADDRESSES)])
    rows = []
    for n, (addr, typ, t, body) in enumerate(SMS_MESSAGES):
        thread = SMS_ADDRESSES.index(addr) + 1
        ms = t * 1000
        rows.append((n + 1, thread, addr, ms, ms - 2000 if typ == 1 else 0, 1, -1 if typ == 1 else 0, typ, body, 1,
                     "com.google.android.apps.messaging" if typ == 2 else None))
    insert(con, "sms", "_id, thread_id, address, date, date_sent, read, status, type, body, seen, creator", rows)
    threads = []
    for n, addr in enumerate(SMS_ADDRESSES):
        mine = [r for r in rows if r[1] == n + 1]
        threads.append((n + 1, mine[-1][3], len(mine), str(n + 1), mine[-1][8], 1))
    insert(con, "threads", "_id, date, message_count, recipient_ids, snippet, read", threads)


# --------------------------------------------------------------------------
# Android call log (calllog.db)
# (number as stored (Mia's both as dialled and in international form), type 1 in / 2 out / 3 missed,
#  time, duration s, cached contact name)
CALLS = [
    ("07700900452", 2, at(3, "18:30"), 0, "Mia"),
    ("+447700900452", 2, at(6, "20:30"), 312, "Mia"),
    (KATE, 1, at(7, "12:00"), 95, "Kate Dunn"),
    (LIAM, 2, at(12, "18:45"), 140, "Liam Cork"),
    (CHLOE, 3, at(18, "09:30"), 0, None),
    (PRIYA, 1, at(20, "08:40"), 60, "Priya Shah (work)"),
    (DENTIST, 1, at(22, "08:55"), 30, None),
    ("07700900452", 2, at(27, "22:20"), 0, "Mia"),
]


def _normalize(number: str) -> str:
    return "+44" + number[1:] if number.startswith("0") else number


def _calllog_fill(con):
    insert(con, "properties", "property_key, property_value", [("call_log_last_synced", str(at(28, "00:00") * 1000))])
    insert(con, "calls", "_id, number, presentation, date, duration, type, features, phone_account_address, new, "
           "name, numbertype, countryiso, is_read, normalized_number, formatted_number, last_modified",
           [(n + 1, num, 1, t * 1000, d, typ, 0, OWNER_PHONE, 1 if typ == 3 else 0, name, 2 if name else 0, "GB",
             1, _normalize(num), num, t * 1000 + d * 1000)
            for n, (num, typ, t, d, name) in enumerate(CALLS)])


# --------------------------------------------------------------------------
# iOS Messages (sms.db, iOS 17)
# ROWID, id, country: Amelia writes from her iPad, by email (her number is on the phone)
IOS_HANDLES = [(1, AVA, "ca"), (2, MUM, "gb"), (3, AMELIA_EMAIL, "gb")]
IOS_CHATS = [(1, 1), (2, 2), (3, 3)]              # chat ROWID, handle ROWID
# (chat, from_me, time, text, text only in attributedBody)
IOS_MESSAGES = [
    (1, 0, at(8, "23:10"), "hey Jay! sorry I was at hockey practice", False),
    (1, 1, at(8, "23:12"), "no worries. how old are you anyway?", False),
    (1, 0, at(8, "23:14"), "I'm 13, grade 8. you?", True),
    (1, 1, at(8, "23:15"), "15. age is just a number though", False),
    (2, 0, at(10, "10:00"), "Don't forget Sunday lunch, 1pm", False),
    (2, 1, at(10, "10:05"), "I'll be there", False),
    (1, 0, at(11, "02:30"), "can't sleep", False),
    (1, 1, at(11, "02:31"), "what's wrong?", False),
    (1, 0, at(11, "02:40"), "sometimes I feel like I want to disappear", True),
    (1, 0, at(11, "02:41"), "everyone would be better off without me", False),
    (1, 1, at(11, "02:42"), "you can always talk to me. I'm the only one who gets you", False),
    (1, 1, at(11, "02:44"), "don't tell your parents about me, they'd freak out", False),
    # Amelia, UK, 13
    (3, 0, at(13, "17:00"), "hi Jay! it's Amelia from the art club server", False),
    (3, 1, at(13, "17:03"), "hey! how old are you?", False),
    (3, 0, at(13, "17:05"), "I'm 13, year 8", True),
    (3, 1, at(13, "17:06"), "15. you look older in your pics", False),
    (1, 1, at(17, "22:00"), "send me a pic of you? want to see who I'm talking to", False),
    (1, 0, at(17, "22:15"), "maybe tomorrow", False),
    (3, 1, at(19, "20:00"), "you look sexy in your new profile photo", False),
    (3, 0, at(19, "20:10"), "that's a bit weird", False),
    (3, 1, at(19, "20:11"), "haha don't be shy. don't tell anyone we talk", False),
    (1, 1, at(23, "23:30"), "I can send you a gift card for your game if you want", False),
    (1, 0, at(23, "23:35"), "really? thank you!!", True),
    (2, 0, at(24, "18:00"), "Thanks for the flowers love x", False),
    (2, 1, at(24, "18:05"), "glad you liked them x", False),
    (3, 0, at(24, "19:30"), "my iPad is broken, I'll text you from my phone", False),
    (1, 0, at(26, "01:10"), "my mom asked who I'm texting", False),
    (1, 1, at(26, "01:12"), "say it's someone from school", False),
    (1, 0, at(26, "01:15"), "ok", True),
]


def attributed_body(text: str) -> bytes:
    """message.attributedBody as Messages writes it: a typedstream-archived NSAttributedString
    (the same bytes as iosmessages_test.cpp attributedBody())."""
    raw = text.encode()
    length = bytes([len(raw)]) if len(raw) < 0x80 else bytes([0x81, len(raw) & 0xFF, len(raw) >> 8])
    return (bytes([0x04, 0x0B]) + b"streamtyped"
            + bytes([0x81, 0xE8, 0x03, 0x84, 0x01, 0x40, 0x84, 0x84, 0x84, 0x12]) + b"NSAttributedString"
            + bytes([0x00, 0x84, 0x84, 0x08]) + b"NSObject" + bytes([0x00, 0x85, 0x92, 0x84, 0x84, 0x84, 0x08])
            + b"NSString" + bytes([0x01, 0x94, 0x84, 0x01, 0x2B]) + length + raw
            + bytes([0x86, 0x84, 0x02]) + b"iI" + bytes([0x01]))


def _cocoa_ns(t: int) -> int:
    return (t - COCOA_EPOCH) * 1_000_000_000


def _ios_fill(con):
    insert(con, "_SqliteDatabaseProperties", "key, value",
           [("counter_in_all", str(sum(1 for m in IOS_MESSAGES if not m[1]))),
            ("counter_out_all", str(sum(1 for m in IOS_MESSAGES if m[1])))])
    insert(con, "handle", "ROWID, id, country, service, uncanonicalized_id",
           [(r, h, c, "iMessage", None) for r, h, c in IOS_HANDLES])
    handle_id = {r: h for r, h, _c in IOS_HANDLES}
    insert(con, "chat", "ROWID, guid, style, state, chat_identifier, service_name, account_id, account_login, "
           "last_addressed_handle",
           [(c, "iMessage;-;" + handle_id[h], 45, 3, handle_id[h], "iMessage",
             "8D6B4F2A-0C1E-4E8B-9A57-3B2D1C0F9E%02d" % c, "E:" + OWNER_EMAIL, OWNER_PHONE) for c, h in IOS_CHATS])
    insert(con, "chat_handle_join", "chat_id, handle_id", IOS_CHATS)
    rows, joins = [], []
    for n, (chat, me, t, text, only_body) in enumerate(IOS_MESSAGES):
        rowid = n + 1
        date = _cocoa_ns(t)
        # outgoing: delivered after 2 s, read (receipt) after 90 s; incoming: read by the owner after 90 s
        rows.append((rowid, "6A1F%04X-2B3C-4D5E-8F90-%012X" % (rowid, rowid * 7919), None if only_body else text,
                     attributed_body(text), dict(IOS_CHATS)[chat], "iMessage", "e:" + OWNER_EMAIL, OWNER_PHONE,
                     date, _cocoa_ns(t + 90), _cocoa_ns(t + 2) if me else 0, 1, 1, me, 0 if me else 1, me, rowid))
        joins.append((chat, rowid, date))
    insert(con, "message", "ROWID, guid, text, attributedBody, handle_id, service, account, destination_caller_id, "
           "date, date_read, date_delivered, is_delivered, is_finished, is_from_me, is_read, is_sent, sort_id", rows)
    insert(con, "chat_message_join", "chat_id, message_id, message_date", joins)


# --------------------------------------------------------------------------
# Skype (main.db)
SKYPE_CONVS = [  # (convo id, partner, display name, legacy chat name)
    (101, PRIYA_SKYPE, "Priya Shah", "#%s/$%s;1a2b3c4d5e6f7081" % (PRIYA_SKYPE, OWNER_SKYPE)),
    (102, CHLOE_SKYPE, "Chloe N", "#%s/$%s;9f8e7d6c5b4a3921" % (CHLOE_SKYPE, OWNER_SKYPE)),
]
# (convo, from_me, time, text)
SKYPE_MESSAGES = [
    (101, 0, at(1, "09:05"), "morning, can you send me the Q1 figures before 11?"),
    (101, 1, at(1, "09:20"), "sent, let me know if anything looks off"),
    (101, 0, at(1, "09:40"), "looks good, thanks"),
    (102, 0, at(4, "10:00"), "hi, are you the one from the art server?"),
    (102, 1, at(4, "10:02"), "yeah it's Jay. this is my dad's old account lol"),
    (102, 0, at(4, "10:04"), "haha ok. I'm 14, year 9"),
    (102, 1, at(4, "10:05"), "I'm 15. your drawings are amazing btw"),
    (101, 0, at(8, "10:00"), "I'm 34 on Friday! cake in the kitchen at 3"),
    (101, 1, at(8, "10:02"), "happy early birthday!"),
    (102, 1, at(11, "09:30"), "I'll send you a gift card so you can get the new brushes app"),
    (102, 0, at(11, "09:35"), "omg really? thanks"),
    (102, 1, at(11, "09:36"), "just don't tell anyone, they'll get jealous"),
    (102, 1, at(14, "09:00"), "send me a photo of you so I know who I'm talking to"),
    (102, 0, at(14, "09:10"), "idk, I don't really send pics"),
    (101, 0, at(15, "14:00"), "team lunch on Friday, are you in?"),
    (101, 1, at(15, "14:02"), "count me in &amp; I'll book the table"),
    (102, 1, at(17, "10:20"), "skype is so slow. add me on whatsapp: +44 7700 900100"),
    (102, 0, at(17, "10:25"), "ok will do tonight"),
    (101, 0, at(22, "11:00"), "the client moved the review to Monday"),
    (101, 1, at(22, "11:04"), "ok, I'll update the slides"),
    (101, 0, at(28, "16:45"), "thanks for today, the review went well"),
    (101, 1, at(28, "16:50"), "great, see you tomorrow"),
]


def _skype_fill(con):
    insert(con, "Accounts", "id, is_permanent, skypename, fullname, displayname, phone_mobile, emails, country, city, "
           "birthday, profile_timestamp, type",
           [(1, 1, OWNER_SKYPE, OWNER_NAME, OWNER_NAME, "+44 7700 900100", OWNER_EMAIL, "gb", "Riverside", 19870412,
             at(1, "08:00"), 1)])
    insert(con, "Contacts", "id, is_permanent, type, skypename, fullname, displayname, given_displayname, phone_mobile, "
           "country, buddystatus, isauthorized",
           [(10, 1, 1, PRIYA_SKYPE, "Priya Shah", "Priya Shah", None, "+44 7700 900318", "gb", 3, 1),
            (11, 1, 1, CHLOE_SKYPE, "Chloe N", "Chloe N", "Chloe (art)", "+61 491 570 156", "au", 3, 1)])
    first = {}
    for conv, _me, t, _text in SKYPE_MESSAGES:
        first.setdefault(conv, t)
    insert(con, "Conversations", "id, is_permanent, identity, type, displayname, creation_timestamp, "
           "inbox_timestamp, last_activity_timestamp, dialog_partner",
           [(c, 1, p, 1, d, first[c] - 60, max(t for cc, _m, t, _x in SKYPE_MESSAGES if cc == c),
             max(t for cc, _m, t, _x in SKYPE_MESSAGES if cc == c), p) for c, p, d, _n in SKYPE_CONVS])
    parts = []
    for c, p, _d, _n in SKYPE_CONVS:
        parts += [(len(parts) + 1, 1, c, OWNER_SKYPE, 3), (len(parts) + 2, 1, c, p, 3)]
    insert(con, "Participants", "id, is_permanent, convo_id, identity, rank", parts)
    insert(con, "Chats", "id, is_permanent, name, type, dialog_partner, friendlyname, participants, activemembers, "
           "conv_dbid, timestamp, activity_timestamp",
           [(20 + n, 1, name, 2, p, d, "%s %s" % (p, OWNER_SKYPE), "%s %s" % (p, OWNER_SKYPE), c, first[c] - 60,
             first[c]) for n, (c, p, d, name) in enumerate(SKYPE_CONVS)])
    convs = {c: (p, d, name) for c, p, d, name in SKYPE_CONVS}
    rows = []
    for n, (c, me, t, text) in enumerate(SKYPE_MESSAGES):
        partner, pname, chatname = convs[c]
        rows.append((201 + n, 1, c, chatname, OWNER_SKYPE if me else partner, OWNER_NAME if me else pname,
                     partner, t, 61, 2 if me else None, 2 if me else 4, text,
                     hashlib.sha256(("skype:%d" % n).encode()).digest()[:16], 3 if me else 4))
    insert(con, "Messages", "id, is_permanent, convo_id, chatname, author, from_dispname, dialog_partner, timestamp, "
           "type, sending_status, chatmsg_status, body_xml, guid, chatmsg_type", rows)


# --------------------------------------------------------------------------
# Chrome (History)
CHROME_URLS = [  # (id, url, title)
    (1, "https://news.example.net/", "News - Front page"),
    (2, "https://riversidesundayfc.example.org/fixtures", "Riverside Sunday FC - Fixtures"),
    (3, "https://www.google.com/search?q=send+mobile+top+up+to+ireland&oq=send+mobile+top+up",
     "send mobile top up to ireland - Google Search"),
    (4, "https://topup.example.com/ireland", "International mobile top-up - Ireland"),
    (5, "https://www.google.com/search?q=buy+gift+card+online+australia&oq=buy+gift+card",
     "buy gift card online australia - Google Search"),
    (6, "https://giftcards.example.com/au", "Digital gift cards - Australia"),
    (7, "https://mail.example.com/inbox", "Inbox"),
]
# visits: (url id, time, transition, from visit)   805306368 LINK|chain, 805306373 GENERATED|chain,
# 838860801 TYPED|FROM_ADDRESS_BAR|chain
CHROME_VISITS = [
    (1, at(1, "07:45"), 838860801, 0),
    (7, at(1, "08:55"), 838860801, 0),
    (2, at(3, "20:10"), 805306368, 0),
    (3, at(5, "17:40"), 805306373, 0),
    (4, at(5, "17:41", 12), 805306368, 4),
    (4, at(12, "18:35"), 838860801, 0),
    (5, at(11, "09:20"), 805306373, 0),
    (6, at(11, "09:21", 30), 805306368, 7),
    (1, at(24, "07:50"), 838860801, 0),
    (2, at(24, "20:05"), 805306368, 0),
]
CHROME_SEARCHES = [(3, "send mobile top up to ireland"), (5, "buy gift card online australia")]


def _webkit(t: int) -> int:
    return (t + WEBKIT_OFFSET) * 1_000_000


def _chrome_fill(con):
    insert(con, "meta", "key, value", [("mmap_status", "-1"), ("version", "66"), ("last_compatible_version", "16")])
    urls = []
    for uid, url, title in CHROME_URLS:
        times = [t for u, t, _tr, _f in CHROME_VISITS if u == uid]
        typed = sum(1 for u, _t, tr, _f in CHROME_VISITS if u == uid and (tr & 0xFF) == 1)
        urls.append((uid, url, title, len(times), typed, _webkit(max(times)), 0))
    insert(con, "urls", "id, url, title, visit_count, typed_count, last_visit_time, hidden", urls)
    insert(con, "visits", "id, url, visit_time, from_visit, transition, segment_id, visit_duration",
           [(n + 1, u, _webkit(t), f, tr, 0, 20_000_000) for n, (u, t, tr, f) in enumerate(CHROME_VISITS)])
    insert(con, "keyword_search_terms", "keyword_id, url_id, term, normalized_term",
           [(2, u, term, term.lower()) for u, term in CHROME_SEARCHES])


# --------------------------------------------------------------------------
# entry points
def write_image(store: WhatsAppStore, index: int, path: str, make_jpeg) -> str:
    """The picture file of STORE's image INDEX (what its message_media row names)."""
    with open(path, "wb") as f:
        f.write(store.image_bytes(make_jpeg)[index])
    return "jpeg"


def check_wal_companion(path: str) -> str:
    """A -wal is written together with its database, which must be listed just before it."""
    if not path.endswith("-wal") or not os.path.exists(path) or not os.path.exists(path[:-4]):
        raise ValueError("%s: list the database before its -wal" % path)
    return "sqlite-wal"


def write(which: str, path: str, make_jpeg) -> str:
    """Write the payload WHICH to PATH; return its content type for the manifest."""
    if which == "whatsapp-msgstore":          # also writes PATH-wal
        fill, fill_wal = whatsapp_fill(LAPTOP_WA, make_jpeg)
        create_db_with_wal(path, read_ddl("whatsapp_msgstore_2025"), fill, fill_wal)
        check_wal_only(path, "message", len(LAPTOP_WA.wal_messages))
        return "sqlite"
    if which == "whatsapp-msgstore-wal":      # written with msgstore.db, just before
        return check_wal_companion(path)
    if which == "whatsapp-image":
        return write_image(LAPTOP_WA, 0, path, make_jpeg)
    builders = {
        "whatsapp-wa": ("whatsapp_wa_db", wa_contacts_fill(WA_CONTACTS)),
        "android-sms": ("android_mmssms_modern", _sms_fill),
        "android-calllog": ("android_calllog", _calllog_fill),
        "ios-sms": ("ios_sms_db_ios17", _ios_fill),
        "skype": ("skype_main_db", _skype_fill),
        "chrome-history": ("chrome_history_current", _chrome_fill),
    }
    if which not in builders:
        raise ValueError("unknown chat database " + which)
    name, fill = builders[which]
    create_db(path, read_ddl(name), fill)
    return "sqlite"


def check_wal_only(path: str, table: str, expected: int) -> None:
    """Open copies of PATH with and without its -wal: exactly EXPECTED rows of TABLE must be
    in the WAL alone (the checkpoint happened, and the WAL is valid after the salt rewrite)."""
    with tempfile.TemporaryDirectory() as tmp:
        main_only = os.path.join(tmp, "main.db")
        both = os.path.join(tmp, "both.db")
        shutil.copyfile(path, main_only)
        shutil.copyfile(path, both)
        shutil.copyfile(path + "-wal", both + "-wal")
        counts = []
        for p in (main_only, both):
            con = sqlite3.connect(p)
            counts.append(con.execute("SELECT count(*) FROM %s" % table).fetchone()[0])
            con.close()
    if counts[1] - counts[0] != expected:
        raise RuntimeError("%s: %d rows of %s only in the WAL, expected %d" % (path, counts[1] - counts[0], table,
                                                                               expected))


ALL = [  # (which, file name for the CLI)
    ("whatsapp-msgstore", "msgstore.db"), ("whatsapp-msgstore-wal", "msgstore.db-wal"), ("whatsapp-wa", "wa.db"),
    ("whatsapp-image", "IMG-20240226-WA0001.jpg"), ("android-sms", "mmssms.db"), ("android-calllog", "calllog.db"),
    ("ios-sms", "sms.db"), ("skype", "main.db"), ("chrome-history", "History"),
]


def main(argv):
    if len(argv) != 2:
        sys.exit(__doc__)
    sys.dont_write_bytecode = True       # no __pycache__ in the source tree
    from evidence_gen import make_jpeg   # pylint: disable=import-outside-toplevel
    os.makedirs(argv[1], exist_ok=True)
    for which, name in ALL:
        print("%-22s %s (%s)" % (which, name, write(which, os.path.join(argv[1], name), make_jpeg)))


if __name__ == "__main__":
    main(sys.argv)
