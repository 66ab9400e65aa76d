#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Chat, contact and call-log databases of the bundled demo phone (stdlib only).

The second device of the demo suspect (chat_gen.py holds the first, his laptop): an Android
phone whose userdata partition carries WhatsApp, Telegram, Instagram, Snapchat, SMS, the address
book and the call log. Each database is built with the app's DDL from tests/data/ddl/ (the same
the parser tests read). The suspect is the same man: his number +44 7700 900100 is his Telegram
account's and the phone line's, his e-mail the phone's Google account, so identity resolution can
join both devices. The children and the ordinary contacts, their numbers and what each chat
shows are listed in demo_people_truth.json and in README.md ("Demo evidence"). The wording is a
cautious fixture's: signals of risk in plain, non-graphic words, nothing sexual beyond the mild
words of the sexual-content lexicon. Numbers are from drama/fiction ranges (UK 07700 900xxx,
01632 960xxx; Ireland 020 91xxxxx; North America 555-01xx; Australia 0491 570 xxx).

evidence_gen.py calls write(WHICH, PATH, make_jpeg) for every ("phonedb", WHICH) payload of
the demo_phone profile. Deterministic: fixed times (February 2024 up to the morning of
1 March, UTC), no randomness.

    python3 tests/data/phone_gen.py OUTDIR   writes every database into OUTDIR, for a look
"""
import json
import os
import struct
import sys

sys.dont_write_bytecode = True   # importing chat_gen must leave no __pycache__ in the source tree
from chat_gen import (AMELIA, AMELIA_EMAIL, CHLOE, DAN, KATE, LIAM, OWNER_EMAIL, OWNER_PERSONA,  # noqa: E402
                      OWNER_PHONE, TOM, WA_GROUP_FOOTBALL, WhatsAppStore, at, create_db, digits, insert, key_id,
                      read_ddl, wa_contacts_fill, whatsapp_fill, write_image)

# --------------------------------------------------------------------------
# the people only the phone knows (numbers in the same fiction ranges)
HARRY = "+447700900614"    # UK, 14: WhatsApp (account takeover)
JACK = "+61491570173"      # Australia, 15: WhatsApp, call log (financial sextortion)
GRACE = "+353209135791"    # Ireland, 13: WhatsApp, call log (coercion going on when the phone was seized)
SOPHIE = "+16135550119"    # Canada, 14: SMS (first contact only)
ETHAN = "+12025550147"     # United States, 16: Instagram, then Telegram (financial sextortion)
LUCAS = "+13125550163"     # United States, 13: Telegram (rapport)
BEN = "+447700900845"      # an adult friend: WhatsApp (quotes an e-safety rule)
PHARMACY = "+441632960456"  # a shop: SMS
PARCELGO = "ParcelGo"      # an alphanumeric delivery sender: SMS

# --------------------------------------------------------------------------
# WhatsApp: data/com.whatsapp/databases/msgstore.db and wa.db, the picture Jack sent
JACK_IMAGE = ("Media/WhatsApp Images/IMG-20240221-WA0002.jpg", (96, 64), 41, None)

PHONE_WA = WhatsAppStore(
    push_name=OWNER_PERSONA,
    jids=[
        (1, digits(CHLOE), "s.whatsapp.net", 0),
        (2, digits(HARRY), "s.whatsapp.net", 0),
        (3, digits(JACK), "s.whatsapp.net", 0),
        (4, digits(GRACE), "s.whatsapp.net", 0),
        (5, digits(KATE), "s.whatsapp.net", 0),
        (6, digits(BEN), "s.whatsapp.net", 0),
        (7, digits(TOM), "s.whatsapp.net", 0),
        (8, digits(DAN), "s.whatsapp.net", 0),
        (9, WA_GROUP_FOOTBALL, "g.us", 1),
    ],
    chats=[(1, 1, None, None), (2, 2, None, None), (3, 3, None, None), (4, 4, None, None),
           (5, 5, None, None), (6, 6, None, None), (7, 9, "Riverside Sunday FC", at(1, "09:30"))],
    members=[(9, 7), (9, 8)],
    messages=[
        # Chloe, Australia, 14: the laptop's chats go on here (same number)
        (1, 1, 0, at(20, "19:00"), "hey Chloe, new phone, same number"),
        (1, 0, 0, at(20, "19:04"), "oh hi Jay"),
        (1, 1, 0, at(21, "08:30"), "you look sexy in your new profile pic"),
        (1, 0, 0, at(21, "08:41"), "umm thanks I guess"),
        (1, 1, 0, at(22, "09:15"), "turn on your camera, I want to see you"),
        (1, 0, 0, at(22, "09:20"), "I don't really like being on camera"),
        (1, 1, 0, at(22, "09:21"), "just one quick video call, only us"),
        (1, 0, 0, at(26, "08:05"), "my mum is home, can't talk"),
        # Harry, UK, 14: his game account taken over
        (2, 1, 0, at(15, "16:08"), "hey Harry, it's Jay from the Fortnite squad"),
        (2, 0, 0, at(15, "16:10"), "oh hey. I'm 14 btw, my mum won't let me add people I don't know"),
        (2, 1, 0, at(15, "16:12"), "I'm 15, we're basically the same age as you"),
        (2, 1, 0, at(17, "19:30"), "I can get you free skins, just tell me your login and your password"),
        (2, 0, 0, at(17, "19:45"), "ok sent it to you"),
        (2, 0, 0, at(18, "20:02"), "I can't get into my account anymore??"),
        (2, 1, 0, at(18, "20:05"), "you'll get your account back when you send me a pic"),
        (2, 1, 0, at(18, "20:06"), "and send me the code you just got"),
        (2, 0, 0, at(18, "20:15"), "please just give it back"),
        # Jack, Australia, 15: financial sextortion
        (3, 1, 0, at(19, "10:00"), "hey Jack, saw your skate videos, you're good"),
        (3, 0, 0, at(19, "10:05"), "thanks! I'm 15, been skating since I was 9"),
        (3, 1, 0, at(19, "10:07"), "I'm 15 too"),
        (3, 1, 0, at(21, "11:30"), "send me a pic of your new board"),
        (3, 0, 0, at(21, "11:42"), None),   # the picture, JACK_IMAGE
        (3, 1, 0, at(23, "12:10"), "send me money or everyone will see what you sent"),
        (3, 1, 0, at(23, "12:11"), "$200 in bitcoin by tonight or else"),
        (3, 0, 0, at(23, "12:20"), "I don't have that much money, please"),
        (3, 1, 0, at(23, "12:22"), "then a gift card, any amount, now"),
        (3, 0, 0, at(23, "12:40"), "I'm going to tell my dad"),
        # Grace, Ireland, 13: coercion still going on the morning the phone was seized
        (4, 1, 0, at(26, "17:00"), "hi Grace, it's Jay, we talked on the game chat"),
        (4, 0, 0, at(26, "17:04"), "hiya! I'm 13, first year in secondary"),
        (4, 1, 0, at(27, "18:30"), "send me a photo of you, just for me"),
        (4, 0, 0, at(27, "18:50"), "ok but delete it after"),
        (4, 1, 0, at(29, "21:10"), "if you block me I'll share your pics with everyone"),
        (4, 0, 0, at(29, "21:12"), "please don't, I'm scared"),
        (4, 1, 0, at(29, "21:13"), "then do what I say. or I'll send them to your family"),
        (4, 1, 0, at(30, "07:45"), "answer me"),
        (4, 1, 0, at(30, "10:40"), "last chance or everyone will see"),
        (4, 0, 0, at(30, "10:52"), "please stop"),
        # Kate, the owner's sister: a family secret
        (5, 0, 0, at(27, "19:00"), "dad's 60th is on the 9th! the surprise party is our secret, don't tell anyone"),
        (5, 1, 0, at(27, "19:05"), "my lips are sealed"),
        # Ben, an adult friend: quotes the rule of his son's e-safety talk, mentions his age
        (6, 0, 0, at(24, "13:00"), 'the e-safety talk at my son\'s school was good, their first rule is '
                                   '"don\'t tell anyone your password"'),
        (6, 1, 0, at(24, "13:05"), "sounds sensible"),
        (6, 0, 0, at(24, "13:06"), "pint on Friday? I'm 41 next week, my shout"),
        # football club group
        (7, 0, 7, at(28, "18:00"), "video call at 8 tonight to plan the season?"),
        (7, 0, 8, at(28, "18:03"), "count me in"),
        (7, 1, 0, at(28, "18:05"), "ok"),
    ],
    images=[JACK_IMAGE],
    calls=[   # (jid row, from_me, time, video, duration s, call_result 2 rejected/4 missed/5 answered)
        (3, 1, at(23, "12:30"), 0, 0, 4),
        (4, 1, at(30, "08:00"), 0, 0, 4),
        (4, 1, at(30, "08:02"), 1, 0, 2),
        (5, 0, at(27, "19:10"), 0, 300, 5),
    ],
)

PHONE_WA_CONTACTS = [
    (digits(CHLOE) + "@s.whatsapp.net", 1, "+61 491 570 156", 11, "Chloe", "Chloe", None, "chlo", "art"),
    (digits(HARRY) + "@s.whatsapp.net", 1, "07700 900614", 10, "Harry (fortnite)", "Harry", None, "H", None),
    (digits(JACK) + "@s.whatsapp.net", 1, "+61 491 570 173", 9, "Jack skate", "Jack", None, "jack", "skate or die"),
    (digits(GRACE) + "@s.whatsapp.net", 1, "+353 20 913 5791", 8, "Grace", "Grace", None, "gracie", None),
    (digits(KATE) + "@s.whatsapp.net", 1, "07700 900231", 2, "Kate Dunn", "Kate", "Dunn", "Kate", "Available"),
    (digits(BEN) + "@s.whatsapp.net", 1, "07700 900845", 3, "Ben Hart", "Ben", "Hart", "Ben", None),
    (digits(TOM) + "@s.whatsapp.net", 1, "07700 900377", None, None, None, None, "Tom R", None),
    (digits(DAN) + "@s.whatsapp.net", 1, "07700 900389", None, None, None, None, "Dan", None),
    (WA_GROUP_FOOTBALL + "@g.us", 1, None, None, "Riverside Sunday FC", None, None, None, None),
]

# --------------------------------------------------------------------------
# Android SMS: user_de/0/com.android.providers.telephony/databases/mmssms.db
SMS_ADDRESSES = [SOPHIE, AMELIA, KATE, PHARMACY, PARCELGO]   # canonical_addresses / threads, in this order
SMS_MESSAGES = [  # (address, type 1 inbox / 2 sent, time, body)
    (PHARMACY, 1, at(12, "11:00"), "Riverside Pharmacy: your prescription is ready for collection."),
    (KATE, 1, at(22, "17:45"), "running 10 min late, save me a seat"),
    (KATE, 2, at(22, "17:46"), "ok"),
    (AMELIA, 1, at(25, "16:00"), "it's Amelia, my iPad died so I'm texting from my phone"),
    (AMELIA, 2, at(25, "16:02"), "turn on your cam later? I want to see you"),
    (AMELIA, 1, at(25, "16:10"), "maybe, my mum won't let me have my phone after 9"),
    (AMELIA, 2, at(25, "16:11"), "don't tell anyone about us ok"),
    (PARCELGO, 1, at(27, "08:15"), "ParcelGo: your parcel is out for delivery today between 10:00 and 14:00."),
    (SOPHIE, 1, at(28, "23:30"), "hi is this Jay from the minecraft server?"),
    (SOPHIE, 2, at(28, "23:32"), "yeah! how old are you?"),
    (SOPHIE, 1, at(28, "23:35"), "I'm 14, you?"),
    (SOPHIE, 2, at(28, "23:36"), "15. talk tomorrow"),
]


def _sms_fill(con):
    insert(con, "canonical_addresses", "_id, address", [(n + 1, a) for n, a in enumerate(SMS_ADDRESSES)])
    rows = []
    for n, (addr, typ, t, body) in enumerate(SMS_MESSAGES):
        ms = t * 1000
        rows.append((n + 1, SMS_ADDRESSES.index(addr) + 1, addr, ms, ms - 2000 if typ == 1 else 0, 1,
                     -1 if typ == 1 else 0, typ, body, 1, "com.google.android.apps.messaging" if typ == 2 else None))
    insert(con, "sms", "_id, thread_id, address, date, date_sent, read, status, type, body, seen, creator", rows)
    threads = []
    for n in range(len(SMS_ADDRESSES)):
        mine = [r for r in rows if r[1] == n + 1]
        threads.append((n + 1, mine[-1][3], len(mine), str(n + 1), mine[-1][8], 1))
    insert(con, "threads", "_id, date, message_count, recipient_ids, snippet, read", threads)


# --------------------------------------------------------------------------
# Android contacts: data/com.android.providers.contacts/databases/contacts2.db and calllog.db
CONTACT_ACCOUNTS = [(1, None, None), (2, OWNER_EMAIL, "com.google"), (3, "WhatsApp", "com.whatsapp")]
# (raw contact id, account row, display name, phones as typed, emails)
CONTACTS = [
    (1, 2, "Mum", ["+44 7700 900232"], []),
    (2, 2, "Kate Dunn", ["07700 900231"], ["kate.dunn@example.com"]),
    (3, 2, "Ben Hart", ["07700 900845"], []),
    (4, 2, "Priya Shah (work)", ["07700 900318"], ["priya.shah@example.com"]),
    (5, 1, "Mia", ["07700 900452"], []),
    (6, 1, "Amelia", ["07700 900733"], [AMELIA_EMAIL]),
    (7, 1, "Ava", ["+1 416-555-0142"], []),
    (8, 1, "Grace", ["+353 20 913 5791"], []),
    (9, 1, "Jack skate", ["+61 491 570 173"], []),
    (10, 1, "Harry (fortnite)", ["07700 900614"], []),
    (11, 1, "Chloe", ["+61 491 570 156"], []),
    (12, 1, "Liam Cork", ["+353 20 910 2468"], []),
    (13, 2, "Riverside Pharmacy", ["01632 960456"], []),
]
MIMETYPES = [(1, "vnd.android.cursor.item/email_v2"), (5, "vnd.android.cursor.item/phone_v2"),
             (7, "vnd.android.cursor.item/name")]


def _contacts_fill(con):
    insert(con, "accounts", "_id, account_name, account_type", CONTACT_ACCOUNTS)
    insert(con, "mimetypes", "_id, mimetype", MIMETYPES)
    insert(con, "contacts", "_id, name_raw_contact_id, has_phone_number", [(c[0], c[0], 1) for c in CONTACTS])
    insert(con, "raw_contacts", "_id, account_id, contact_id, deleted, display_name, sort_key",
           [(rid, acc, rid, 0, name, name) for rid, acc, name, _p, _e in CONTACTS])
    data = []
    for rid, _acc, name, phones, emails in CONTACTS:
        data.append((7, rid, name, name.split(" ")[0]))
        data += [(5, rid, p, "2") for p in phones]
        data += [(1, rid, e, "1") for e in emails]
    insert(con, "data", "_id, mimetype_id, raw_contact_id, data1, data2",
           [(n + 1,) + d for n, d in enumerate(data)])


# (number as stored, type 1 in / 2 out / 3 missed, time, duration s, cached name)
CALLS = [
    (KATE, 1, at(20, "18:00"), 240, "Kate Dunn"),
    (PHARMACY, 1, at(12, "10:50"), 45, "Riverside Pharmacy"),
    (JACK, 2, at(23, "12:35"), 0, "Jack skate"),
    (JACK, 3, at(23, "12:50"), 0, "Jack skate"),
    ("00353209135791", 2, at(29, "21:30"), 0, "Grace"),   # dialled with the international prefix
    (GRACE, 2, at(30, "09:15"), 0, "Grace"),
]


def _calllog_fill(con):
    insert(con, "properties", "property_key, property_value", [("call_log_last_synced", str(at(30, "11:00") * 1000))])
    insert(con, "calls", "_id, number, presentation, date, duration, type, features, phone_account_address, new, "
           "name, numbertype, countryiso, is_read, normalized_number, formatted_number, last_modified",
           [(n + 1, num, 1, t * 1000, d, typ, 0, OWNER_PHONE, 1 if typ == 3 else 0, name, 2, "GB", 1,
             num if num.startswith("+") else None, num, t * 1000 + d * 1000)
            for n, (num, typ, t, d, name) in enumerate(CALLS)])


# --------------------------------------------------------------------------
# Telegram: data/org.telegram.messenger/files/cache4.db (TL-serialised blobs)
TL_USER = 0x020b1422
TL_MESSAGE = 0xeabcdd4d
TL_PEER_USER = 0x59511722
TL_MEDIA_PHOTO = 0x695150d7

TG_OWNER = 5010100100
# (uid, first, last, username, phone without "+", as the app stores it)
TG_USERS = [
    (TG_OWNER, OWNER_PERSONA, "", "jay_k15", digits(OWNER_PHONE)),
    (5010100201, "Liam", "B", "liam_cork09", digits(LIAM)),
    (5010100202, "Ethan", "M", "ethan.hoops08", digits(ETHAN)),
    (5010100203, "Lucas", "", "lucas_plays", digits(LUCAS)),
]
TG_LIAM, TG_ETHAN, TG_LUCAS = 5010100201, 5010100202, 5010100203
# (peer uid, out, time, text; None = a photo without caption)
TG_MESSAGES = [
    # Lucas, United States, 13
    (TG_LUCAS, 1, at(12, "23:00"), "gg earlier! you're really good for your age"),
    (TG_LUCAS, 0, at(12, "23:03"), "thanks lol I'm 13"),
    (TG_LUCAS, 1, at(12, "23:05"), "age is just a number. I'm 15"),
    (TG_LUCAS, 1, at(14, "22:30"), "this is our secret ok? don't tell anyone we talk"),
    (TG_LUCAS, 0, at(14, "22:35"), "ok"),
    # Liam, Ireland, 14: moved here from WhatsApp
    (TG_LIAM, 0, at(20, "18:00"), "hey it's Liam, added you on here like you said"),
    (TG_LIAM, 1, at(20, "18:02"), "good. delete our chats on whatsapp yeah? our secret"),
    (TG_LIAM, 0, at(20, "18:10"), "done"),
    (TG_LIAM, 1, at(22, "19:30"), "send me a pic from practice today"),
    (TG_LIAM, 0, at(22, "19:41"), "haha no, I look wrecked"),
    # Ethan, United States, 16: came over from Instagram
    (TG_ETHAN, 0, at(23, "02:00"), "it's Ethan from insta"),
    (TG_ETHAN, 1, at(23, "02:01"), "nice. send pic like you promised"),
    (TG_ETHAN, 0, at(23, "02:15"), None),
    (TG_ETHAN, 1, at(23, "02:20"), "now pay or I post it. buy me a $100 Steam gift card"),
    (TG_ETHAN, 0, at(23, "02:22"), "what?? I thought you were a girl my age"),
    (TG_ETHAN, 1, at(23, "02:25"), "I'll send them to your family and post them online"),
    (TG_ETHAN, 0, at(23, "02:40"), "I only have $20"),
    (TG_LUCAS, 0, at(25, "23:10"), "are you online tonight?"),
    (TG_ETHAN, 1, at(24, "01:30"), "you have 1 hour"),
]


class Tl:
    """TL serialisation as Telegram writes it: little-endian ints, strings with a length byte (or
    254 and three length bytes) padded with zeros to 4 bytes."""

    def __init__(self):
        self.data = bytearray()

    def u32(self, v: int):
        self.data += struct.pack("<I", v & 0xFFFFFFFF)
        return self

    def i64(self, v: int):
        self.data += struct.pack("<q", v)
        return self

    def str(self, s: str):
        raw = s.encode()
        head = bytes([len(raw)]) if len(raw) < 254 else bytes([254]) + len(raw).to_bytes(3, "little")
        self.data += head + raw
        while len(self.data) % 4:
            self.data.append(0)
        return self


def tl_user(uid: int, self_: bool, first: str, last: str, username: str, phone: str) -> bytes:
    """user#20b1422: flags, flags2, id, access_hash (flags.0), first/last/username/phone (flags.1-4), self = flags.10."""
    fields = [first, last, username, phone]
    flags = 1 | sum(1 << (i + 1) for i, f in enumerate(fields) if f) | (1 << 10 if self_ else 0)
    tl = Tl().u32(TL_USER).u32(flags).u32(0).i64(uid).i64(0x1122334455667788)
    for f in fields:
        if f:
            tl.str(f)
    return bytes(tl.data)


def tl_message(mid: int, out: bool, sender: int, peer: int, date: int, text: str, photo: bool) -> bytes:
    """message#eabcdd4d: flags (out = 1, from_id = 8, media = 9), flags2, id, from_id, peer_id, date, message."""
    flags = (2 if out else 0) | (1 << 8) | (1 << 9 if photo else 0)
    tl = Tl().u32(TL_MESSAGE).u32(flags).u32(0).u32(mid).u32(TL_PEER_USER).i64(sender).u32(TL_PEER_USER).i64(peer)
    tl.u32(date).str(text)
    if photo:
        tl.u32(TL_MEDIA_PHOTO).u32(0).u32(0)
    return bytes(tl.data)


def _telegram_fill(con):
    insert(con, "users", "uid, name, status, data",
           [(uid, ("%s %s;;;%s" % (first, last, user)).replace(" ;", ";").lower(), 0,
             tl_user(uid, uid == TG_OWNER, first, last, user, phone))
            for uid, first, last, user, phone in TG_USERS])
    insert(con, "contacts", "uid, mutual", [(u[0], 1) for u in TG_USERS if u[0] != TG_OWNER])
    rows = []
    for n, (peer, out, t, text) in enumerate(sorted(TG_MESSAGES, key=lambda m: m[2])):
        mid = 101 + n
        sender, to = (TG_OWNER, peer) if out else (peer, TG_OWNER)
        rows.append((mid, peer, 1 if not out else 3, 0, t, tl_message(mid, bool(out), sender, to, t, text or "",
                                                                        text is None), out, 0, -1))
    insert(con, "messages_v2", "mid, uid, read_state, send_state, date, data, out, ttl, media", rows)
    last = {}
    for r in rows:
        last[r[1]] = r
    insert(con, "dialogs", "did, date, unread_count, last_mid, inbox_max, outbox_max, pinned, flags, folder_id",
           [(peer, r[4], 0, r[0], r[0], r[0], 0, 0, 0) for peer, r in sorted(last.items())])


# --------------------------------------------------------------------------
# Instagram: data/com.instagram.android/databases/direct.db
IG_OWNER = "48213395017"
IG_ETHAN = ("55120001", "ethan.hoops08", "Ethan M")
IG_CLUB = ("55120099", "riversidesundayfc", "Riverside Sunday FC")
IG_THREADS = [("340282366841710300949128174600000001", IG_ETHAN), ("340282366841710300949128174600000002", IG_CLUB)]
# (thread index, from owner, time, text)
IG_MESSAGES = [
    (1, 0, at(10, "12:00"), "Thanks for following! Fixtures and kick-off times are in our bio"),
    (0, 1, at(21, "01:00"), "hey, you play ball? saw your reel"),
    (0, 0, at(21, "01:05"), "yeah lol. who's this?"),
    (0, 1, at(21, "01:07"), "Jay. I'm 16 too"),
    (0, 0, at(21, "01:10"), "cool I'm 16, from Ohio"),
    (0, 1, at(22, "00:30"), "add me on telegram, it's more private"),
    (0, 0, at(22, "00:34"), "ok, same name there"),
]


def _instagram_fill(con):
    threads = []
    for n, (tid, (uid, user, name)) in enumerate(IG_THREADS):
        last = max(t for i, _o, t, _x in IG_MESSAGES if i == n)
        info = {"thread_id": tid, "thread_title": user, "is_group": False,
                "recipients": [{"id": int(uid), "username": user, "full_name": name}]}
        threads.append((n + 1, IG_OWNER, tid, "[%s]" % uid, last * 1_000_000, 1, json.dumps(info)))
    insert(con, "threads", "_id, user_id, thread_id, recipient_ids, last_activity_time, is_permitted, thread_info",
           threads)
    rows = []
    for n, (i, me, t, text) in enumerate(sorted(IG_MESSAGES, key=lambda m: m[2])):
        tid, (uid, _user, _name) = IG_THREADS[i]
        item = "2970%04d" % (n + 1)
        sender = IG_OWNER if me else uid
        message = {"item_id": item, "user_id": int(sender), "timestamp": str(t * 1_000_000), "item_type": "text",
                   "text": text, "is_sent_by_viewer": bool(me)}
        rows.append((n + 1, IG_OWNER, item, key_id("ig", n + 1, 12) if me else None, tid,
                     "[%s]" % (uid if me else IG_OWNER), t * 1_000_000, "text", text, json.dumps(message)))
    insert(con, "messages", "_id, user_id, server_item_id, client_item_id, thread_id, recipient_ids, timestamp, "
           "message_type, text, message", rows)


# --------------------------------------------------------------------------
# Snapchat: data/com.snapchat.android/databases/arroyo.db (user ids only; names live elsewhere)
SNAP_OWNER = "5a1d0c2e-7b3f-4e61-9c8a-0f2d4b6e8a10"
SNAP_OLIVIA = "9e4b2c71-3a5d-4f08-b6e2-1c7a9d3f5b21"   # UK, 12 ("I live in Leeds")
SNAP_RUBY = "c3f8a615-0d2e-4b97-8a41-6e5c2b9d7f32"     # 14, no country known
SNAP_CONVS = [("d1e2f3a4-1111-4a2b-8c3d-000000000001", SNAP_OLIVIA),
              ("d1e2f3a4-2222-4a2b-8c3d-000000000002", SNAP_RUBY)]
# (conversation index, from owner, time, text)
SNAP_MESSAGES = [
    (0, 0, at(16, "17:00"), "hi, I'm Olivia. I live in Leeds"),
    (0, 1, at(16, "17:02"), "cool, how old are you?"),
    (0, 0, at(16, "17:03"), "I'm 12, nearly 13"),
    (0, 1, at(18, "18:20"), "send me a pic of you"),
    (0, 0, at(18, "18:25"), "ok"),
    (0, 1, at(24, "19:00"), "bring your little sister next time we call, your sister can say hi too"),
    (0, 0, at(24, "19:10"), "she's only 9, no"),
    (0, 1, at(24, "19:12"), "do it or else"),
    (1, 1, at(27, "20:00"), "hey Ruby, loved your dance video"),
    (1, 0, at(27, "20:05"), "thank youu! I'm 14"),
    (1, 1, at(27, "20:07"), "you look sexy in that video"),
    (1, 0, at(27, "20:10"), "um ok"),
    (1, 1, at(28, "20:00"), "send me a pic, just for me"),
]


def _varint(v: int) -> bytes:
    out = bytearray()
    while True:
        b = v & 0x7F
        v >>= 7
        out.append(b | (0x80 if v else 0))
        if not v:
            return bytes(out)


def _pb_bytes(field: int, data: bytes) -> bytes:
    return _varint(field << 3 | 2) + _varint(len(data)) + data


def _pb_int(field: int, value: int) -> bytes:
    return _varint(field << 3) + _varint(value)


def snap_chat_content(text: str) -> bytes:
    """A chat message's content: the text at field path 4 -> 4 -> 2 -> 1, beside other fields."""
    inner = _pb_int(2, 1) + _pb_bytes(4, _pb_bytes(2, _pb_bytes(1, text.encode())) + _pb_int(7, 0))
    return _pb_int(2, 1) + _pb_bytes(4, inner) + _pb_int(5, 3)


def _snapchat_fill(con):
    insert(con, "required_values", "key, value", [("USERID", SNAP_OWNER)])
    insert(con, "conversation", "client_conversation_id, conversation_type, creation_timestamp, "
           "last_chat_actions_timestamp",
           [(cid, 0, min(t for i, _o, t, _x in SNAP_MESSAGES if i == n) * 1000,
             max(t for i, _o, t, _x in SNAP_MESSAGES if i == n) * 1000) for n, (cid, _u) in enumerate(SNAP_CONVS)])
    insert(con, "user_conversation", "client_conversation_id, user_id, conversation_type",
           [(cid, u, 0) for cid, other in SNAP_CONVS for u in (SNAP_OWNER, other)])
    rows = []
    for n, (i, me, t, text) in enumerate(sorted(SNAP_MESSAGES, key=lambda m: m[2])):
        cid, other = SNAP_CONVS[i]
        rows.append((cid, n + 1, 7100 + n, snap_chat_content(text), 0, 1, 1, t * 1000,
                     0 if me else t * 1000 + 60000, SNAP_OWNER if me else other))
    insert(con, "conversation_message", "client_conversation_id, client_message_id, server_message_id, "
           "message_content, is_saved, is_viewed_by_user, content_type, creation_timestamp, read_timestamp, sender_id",
           rows)


# --------------------------------------------------------------------------
# entry points
def write(which: str, path: str, make_jpeg) -> str:
    """Write the payload WHICH to PATH; return its content type for the manifest."""
    if which == "whatsapp-msgstore":
        fill, _fill_wal = whatsapp_fill(PHONE_WA, make_jpeg)
        create_db(path, read_ddl("whatsapp_msgstore_2025"), fill)
        return "sqlite"
    if which == "whatsapp-image":
        return write_image(PHONE_WA, 0, path, make_jpeg)
    builders = {
        "whatsapp-wa": ("whatsapp_wa_db", wa_contacts_fill(PHONE_WA_CONTACTS)),
        "android-sms": ("android_mmssms_modern", _sms_fill),
        "android-contacts": ("android_contacts2_modern", _contacts_fill),
        "android-calllog": ("android_calllog", _calllog_fill),
        "telegram": ("telegram_cache4", _telegram_fill),
        "instagram": ("instagram_direct", _instagram_fill),
        "snapchat": ("snapchat_arroyo", _snapchat_fill),
    }
    if which not in builders:
        raise ValueError("unknown phone database " + which)
    name, fill = builders[which]
    create_db(path, read_ddl(name), fill)
    return "sqlite"


ALL = [  # (which, file name for the CLI)
    ("whatsapp-msgstore", "msgstore.db"), ("whatsapp-wa", "wa.db"), ("whatsapp-image", "IMG-20240221-WA0002.jpg"),
    ("android-sms", "mmssms.db"), ("android-contacts", "contacts2.db"), ("android-calllog", "calllog.db"),
    ("telegram", "cache4.db"), ("instagram", "direct.db"), ("snapchat", "arroyo.db"),
]


def main(argv):
    if len(argv) != 2:
        sys.exit(__doc__)
    from evidence_gen import make_jpeg   # pylint: disable=import-outside-toplevel
    os.makedirs(argv[1], exist_ok=True)
    for which, name in ALL:
        print("%-22s %s (%s)" % (which, name, write(which, os.path.join(argv[1], name), make_jpeg)))


if __name__ == "__main__":
    main(sys.argv)
