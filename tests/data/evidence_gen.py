#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Helpers for the synthetic evidence generators (stdlib only; the demo's chat databases come
from chat_gen.py (laptop) and phone_gen.py (phone) beside it).

Sub-commands (called from lib.sh):
  tree PROFILE SEED OUTDIR SPEC.json   write a payload tree and describe it
  ntfs IMG OP PATH [OP PATH ...]       mkdir/rm inside an NTFS image (libntfs-3g, no mount)
  hash FILE                            print size md5 sha1
  ads PAYLOAD FILE STREAM              write an ADS payload, print its JSON record
  media PARTS.jsonl DISK.img           hash a disk, write NAME.media.json next to PARTS
  manifest WORKDIR OUTDIR IMAGES.json  assemble OUTDIR/manifest.json

All content is generated and benign. Everything is deterministic: the same
PROFILE and SEED always produce byte-identical files.
"""
import ctypes
import hashlib
import json
import os
import re
import sqlite3
import struct
import sys
import zlib

sys.dont_write_bytecode = True   # importing chat_gen must leave no __pycache__ in the source tree
import chat_gen  # noqa: E402  pylint: disable=wrong-import-position
import phone_gen  # noqa: E402  pylint: disable=wrong-import-position
import media_gen  # noqa: E402  pylint: disable=wrong-import-position

FIXED_EPOCH = 1709294400  # 2024-03-01 12:00:00 UTC


# --------------------------------------------------------------------------
# deterministic byte streams
def prng_bytes(seed: str, size: int) -> bytes:
    """SHA-256 in counter mode: deterministic, fast enough for a few MiB."""
    out = bytearray()
    key = hashlib.sha256(seed.encode()).digest()
    ctr = 0
    while len(out) < size:
        out += hashlib.sha256(key + ctr.to_bytes(8, "little")).digest()
        ctr += 1
    return bytes(out[:size])


def text_blob(seed: str, lines: int) -> bytes:
    words = ("evidence report meeting budget invoice travel garden recipe "
             "project deadline weather coffee library invoice summary draft "
             "review schedule backup network printer holiday").split()
    h = prng_bytes(seed, lines * 12)
    out = []
    for i in range(lines):
        n = 5 + h[i * 12] % 7
        out.append(" ".join(words[h[i * 12 + 1 + k] % len(words)] for k in range(n)).capitalize() + ".")
    return ("\n".join(out) + "\n").encode()


# --------------------------------------------------------------------------
# PNG (RGB, 8 bit, one IDAT)
def make_png(width: int, height: int, seed: int) -> bytes:
    def chunk(tag: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + tag + data + struct.pack(">I", zlib.crc32(tag + data) & 0xFFFFFFFF)

    raw = bytearray()
    for y in range(height):
        raw.append(0)  # filter: none
        for x in range(width):
            raw += bytes(((x * 255 // max(1, width - 1) + seed) & 255,
                          (y * 255 // max(1, height - 1) + 3 * seed) & 255,
                          ((x ^ y) * 4 + 7 * seed) & 255))
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr)
            + chunk(b"IDAT", zlib.compress(bytes(raw), 9)) + chunk(b"IEND", b""))


# --------------------------------------------------------------------------
# Minimal baseline JPEG (grayscale, every 8x8 block flat, DC-only coding).
def make_jpeg(width: int, height: int, seed: int) -> bytes:
    assert width % 8 == 0 and height % 8 == 0
    q = 8
    dc_syms = list(range(12))           # categories 0..11, all 4-bit codes
    dc_codes = {s: (i, 4) for i, s in enumerate(dc_syms)}
    eob = (0, 1)                        # AC table: only EOB (0x00), code '0'

    bits = []

    def put(value, length):
        for i in range(length - 1, -1, -1):
            bits.append((value >> i) & 1)

    pred = 0
    for by in range(height // 8):
        for bx in range(width // 8):
            level = (bx * 37 + by * 53 + seed * 11) % 256      # flat block value
            coef = ((level - 128) * 8) // q                    # quantised DC
            diff = coef - pred
            pred = coef
            cat = abs(diff).bit_length()
            put(*dc_codes[cat])
            if cat:
                put(diff if diff > 0 else diff + (1 << cat) - 1, cat)
            put(*eob)
    while len(bits) % 8:
        bits.append(1)
    scan = bytearray()
    for i in range(0, len(bits), 8):
        b = int("".join(map(str, bits[i:i + 8])), 2)
        scan.append(b)
        if b == 0xFF:
            scan.append(0)

    def seg(marker, payload):
        return struct.pack(">HH", marker, len(payload) + 2) + payload

    out = b"\xff\xd8"
    out += seg(0xFFE0, b"JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00")
    out += seg(0xFFDB, b"\x00" + bytes([q] * 64))
    out += seg(0xFFC0, struct.pack(">BHHBBBB", 8, height, width, 1, 1, 0x11, 0))
    dc_counts = [0] * 16
    dc_counts[3] = len(dc_syms)
    ac_counts = [0] * 16
    ac_counts[0] = 1
    out += seg(0xFFC4, b"\x00" + bytes(dc_counts) + bytes(dc_syms) + b"\x10" + bytes(ac_counts) + b"\x00")
    out += seg(0xFFDA, b"\x01\x01\x00\x00\x3f\x00")
    return out + bytes(scan) + b"\xff\xd9"


# --------------------------------------------------------------------------
# SQLite chat database with a WhatsApp-legacy-like schema (synthetic rows).
MESSAGES = [
    ("15550100001@s.whatsapp.net", 0, "Are we still on for lunch on Friday?"),
    ("15550100001@s.whatsapp.net", 1, "Yes, 12:30 at the usual place."),
    ("15550100002@s.whatsapp.net", 0, "Did you get the invoice I sent?"),
    ("15550100002@s.whatsapp.net", 1, "Got it, paying it tomorrow."),
    ("120363000000000001@g.us", 0, "Reminder: book club meets Tuesday."),
    ("15550100003@s.whatsapp.net", 1, "Happy birthday! Hope you have a great day."),
]


def make_msgstore(path: str, seed: int) -> None:
    if os.path.exists(path):
        os.unlink(path)
    con = sqlite3.connect(path)
    con.execute("PRAGMA journal_mode=DELETE")
    con.execute("""CREATE TABLE messages (
        _id INTEGER PRIMARY KEY AUTOINCREMENT,
        key_remote_jid TEXT NOT NULL,
        key_from_me INTEGER,
        key_id TEXT NOT NULL,
        status INTEGER,
        data TEXT,
        timestamp INTEGER,
        media_wa_type TEXT,
        received_timestamp INTEGER)""")
    con.execute("CREATE TABLE chat_list (_id INTEGER PRIMARY KEY AUTOINCREMENT, key_remote_jid TEXT UNIQUE, subject TEXT)")
    base_ms = (FIXED_EPOCH - 86400 * 7) * 1000
    for i, (jid, me, text) in enumerate(MESSAGES):
        ts = base_ms + (i * 3571 + seed * 17) * 1000
        con.execute("INSERT INTO messages (key_remote_jid,key_from_me,key_id,status,data,timestamp,media_wa_type,received_timestamp)"
                    " VALUES (?,?,?,?,?,?,?,?)",
                    (jid, me, "%016X" % (0xA000 + i + 100 * seed), 13 if me else 0, text, ts, "0", ts + 900))
    for jid in sorted({m[0] for m in MESSAGES}):
        con.execute("INSERT INTO chat_list (key_remote_jid, subject) VALUES (?, ?)",
                    (jid, "Book club" if jid.endswith("@g.us") else None))
    con.commit()
    con.close()


# --------------------------------------------------------------------------
# Tree profiles
#
# Each entry: (relative path, kind, deletion)
#   deletion: None | "delete" | "wipe" (ext only: emulate the Linux kernel,
#             which zeroes size and extent header on unlink)
def profile_entries(profile: str, seed: int):
    s = seed
    common = [
        ("README.txt", ("text", 12), None),
        ("Documents/report_2023.txt", ("text", 60), None),
        ("Documents/Projects/alpha/notes/plan.md", ("text", 25), None),
        ("Pictures/sunset.png", ("png", 64, 48), None),
        ("Pictures/notes.txt", ("png", 16, 16), None),          # extension lies
        ("AppData/com.whatsapp/databases/msgstore.db", ("sqlite",), None),
        ("empty.dat", ("empty",), None),
        ("Archive/big_blob.bin", ("random", 1536 * 1024 + 123), None),
        ("Unicode/Zoë_résumé_日本語.txt", ("text", 5), None),
        ("Documents/deleted_meeting_notes.txt", ("text", 40), "delete"),
        ("Pictures/deleted_holiday.png", ("png", 40, 30), "delete"),
        ("Archive/deleted_backup.bin", ("random", 300 * 1024 + 7), "delete"),
    ]
    if profile in ("full", "ntfs", "fat"):
        common.insert(4, ("Pictures/cat.jpg", ("jpeg", 32, 24), None))
    if profile == "full":  # ext4
        common.append(("Documents/wiped_by_kernel.txt", ("text", 30), "wipe"))
    if profile == "fat":
        common.append(("OLDNOTE.TXT", ("text", 8), "delete"))
    if profile == "small":  # second logical partition (ext2)
        common = [
            ("readme_ext2.txt", ("text", 6), None),
            ("data/nested/deep/values.csv", ("csv", 200), None),
            ("data/logo.png", ("png", 24, 24), None),
            ("data/large_log.bin", ("random", 1100 * 1024), None),
            ("empty.dat", ("empty",), None),
            ("Ünïcödé/naïve café.txt", ("text", 3), None),
            ("data/deleted_draft.txt", ("text", 20), "delete"),
        ]
    if profile == "demo_ntfs":  # make_demo.sh: the laptop's Windows partition
        u = "Users/alex/"
        pb = u + "Documents/PhoneBackup/"                 # an Android phone backup the owner kept
        wa = pb + "data/data/com.whatsapp/databases/"
        common = [
            ("Windows/System32/drivers/etc/hosts", ("text", 4), None),
            ("Windows/win.ini", ("text", 6), None),
            (u + "Documents/travel_itinerary.txt", ("text", 30), None),
            (u + "Documents/shopping_list.txt", ("text", 8), None),
            (u + "Documents/budget_2024.csv", ("csv", 120), None),
            (u + "Documents/Letters/letter_to_landlord.txt", ("text", 20), None),
            (u + "Pictures/beach_2023.png", ("png", 320, 240), None),
            (u + "Pictures/mountain_trip.png", ("png", 256, 192), None),
            (u + "Pictures/garden.jpg", ("jpeg", 128, 96), None),
            (u + "Pictures/Screenshots/screenshot_001.png", ("png", 200, 120), None),
            (u + "Downloads/invoice_march.pdf", ("png", 64, 64), None),   # extension lies
            (u + "Downloads/empty_download.tmp", ("empty",), None),
            (u + "AppData/Local/com.whatsapp/databases/msgstore.db", ("sqlite",), None),
            # chat, contact, call-log and browser databases of several apps (chat_gen.py)
            (wa + "msgstore.db", ("chatdb", "whatsapp-msgstore"), None),
            (wa + "msgstore.db-wal", ("chatdb", "whatsapp-msgstore-wal"), None),   # after msgstore.db
            (wa + "wa.db", ("chatdb", "whatsapp-wa"), None),
            (pb + chat_gen.WA_IMAGE_PATH, ("chatdb", "whatsapp-image"), None),
            (pb + "data/user_de/0/com.android.providers.telephony/databases/mmssms.db", ("chatdb", "android-sms"), None),
            (pb + "data/data/com.android.providers.contacts/databases/calllog.db", ("chatdb", "android-calllog"), None),
            (u + "Documents/iPhoneBackup/HomeDomain/Library/SMS/sms.db", ("chatdb", "ios-sms"), None),
            (u + "AppData/Roaming/Skype/%s/main.db" % chat_gen.OWNER_SKYPE, ("chatdb", "skype"), None),
            (u + "AppData/Local/Google/Chrome/User Data/Default/History", ("chatdb", "chrome-history"), None),
            (u + "AppData/Local/Temp/cache_blob.bin", ("random", 1200 * 1024), None),
            (u + "Desktop/Café_menu_日本.txt", ("text", 4), None),
            (u + "Documents/draft_resignation_letter.txt", ("text", 25), "delete"),
            (u + "Pictures/party_invite.png", ("png", 160, 120), "delete"),
            # media with EXIF and near-duplicates, a video (media_gen.py)
            (u + "Pictures/Camera/IMG_20240312_153005.jpg", ("photo", "camera_photo"), None),
            (u + "Pictures/Camera/IMG_20240402_091244.jpg", ("photo", "second_photo"), None),
            (u + "Downloads/resized_copy.jpg", ("photo", "camera_photo_small"), None),
            (u + "AppData/Local/Temp/edited.jpg", ("photo", "camera_photo_bright"), None),
            (u + "Downloads/mirror.jpg", ("photo", "camera_photo_mirrored"), None),
            (u + "Videos/clip_0001.mp4", ("video", "three_scenes"), None),
            (u + "Pictures/Camera/IMG_20240520_180110.jpg", ("photo", "deleted_photo"), "delete"),
        ]
    if profile == "demo_phone":  # make_demo.sh: the suspect's Android phone, its userdata partition (ext4)
        d = "data/"
        m = "media/0/"
        common = [
            ("misc/bootstat/last_boot_time_utc", ("text", 1), None),
            (d + "com.whatsapp/databases/msgstore.db", ("phonedb", "whatsapp-msgstore"), None),
            (d + "com.whatsapp/databases/wa.db", ("phonedb", "whatsapp-wa"), None),
            (d + "org.telegram.messenger/files/cache4.db", ("phonedb", "telegram"), None),
            (d + "com.instagram.android/databases/direct.db", ("phonedb", "instagram"), None),
            (d + "com.snapchat.android/databases/arroyo.db", ("phonedb", "snapchat"), None),
            (d + "com.android.providers.contacts/databases/contacts2.db", ("phonedb", "android-contacts"), None),
            (d + "com.android.providers.contacts/databases/calllog.db", ("phonedb", "android-calllog"), None),
            ("user_de/0/com.android.providers.telephony/databases/mmssms.db", ("phonedb", "android-sms"), None),
            (m + "Android/media/com.whatsapp/WhatsApp/" + phone_gen.JACK_IMAGE[0], ("phonedb", "whatsapp-image"), None),
            (m + "DCIM/Camera/IMG_20240218_142210.jpg", ("jpeg", 160, 120), None),
            (m + "Download/bus_timetable.txt", ("text", 10), None),
            (m + "Pictures/Screenshots/Screenshot_20240223-021630.png", ("png", 108, 240), "delete"),
        ]
    if profile == "demo_fat":  # make_demo.sh: a FAT32 data partition
        common = [
            ("Backup/README.txt", ("text", 5), None),
            ("Backup/photos/beach_2023_copy.png", ("png", 320, 240), None),
            ("Backup/contacts.csv", ("csv", 40), None),
            ("Backup/old_budget.txt", ("text", 15), "delete"),
            ("Backup/photos/deleted_sunrise.png", ("png", 96, 64), "delete"),
        ]
    return common


def write_payload(path: str, kind, seed_str: str, iseed: int) -> str:
    """Write the file and return its true content type."""
    k = kind[0]
    if k == "text":
        data = text_blob(seed_str, kind[1])
    elif k == "csv":
        h = prng_bytes(seed_str, kind[1] * 2)
        data = ("id,value,flag\n" + "".join("%d,%d,%d\n" % (i, h[2 * i] * 7 + h[2 * i + 1], h[2 * i] & 1)
                                             for i in range(kind[1]))).encode()
    elif k == "png":
        data = make_png(kind[1], kind[2], iseed)
    elif k == "jpeg":
        data = make_jpeg(kind[1], kind[2], iseed)
    elif k == "random":
        data = prng_bytes(seed_str, kind[1])
    elif k == "empty":
        data = b""
    elif k == "sqlite":
        make_msgstore(path, iseed)
        return "sqlite"
    elif k == "chatdb":
        return chat_gen.write(kind[1], path, make_jpeg)
    elif k == "phonedb":
        return phone_gen.write(kind[1], path, make_jpeg)
    elif k == "photo":
        return media_gen.write_photo(kind[1], path)
    elif k == "video":
        return media_gen.write_video(kind[1], path)
    else:
        raise ValueError(k)
    with open(path, "wb") as f:
        f.write(data)
    return {"text": "text", "csv": "text", "png": "png", "jpeg": "jpeg", "random": "binary", "empty": "empty"}[k]


EXT_TYPES = {".txt": "text", ".md": "text", ".csv": "text", ".png": "png", ".jpg": "jpeg", ".mp4": "mp4",
             ".db": "sqlite", ".bin": "binary", ".pdf": "pdf", ".ini": "text"}


def file_digest(path: str):
    md5, sha1 = hashlib.md5(), hashlib.sha1()
    size = 0
    with open(path, "rb") as f:
        for blk in iter(lambda: f.read(1 << 20), b""):
            md5.update(blk)
            sha1.update(blk)
            size += len(blk)
    return size, md5.hexdigest(), sha1.hexdigest()


def cmd_tree(profile: str, seed: str, outdir: str, spec_path: str) -> None:
    iseed = int(hashlib.sha256(seed.encode()).hexdigest()[:4], 16) % 97
    files, dirs = [], set()
    for rel, kind, deletion in profile_entries(profile, iseed):
        full = os.path.join(outdir, rel)
        os.makedirs(os.path.dirname(full), exist_ok=True)
        parts = rel.split("/")[:-1]
        for i in range(1, len(parts) + 1):
            dirs.add("/".join(parts[:i]))
        true_type = write_payload(full, kind, seed + ":" + rel, iseed)
        size, md5, sha1 = file_digest(full)
        ext = os.path.splitext(rel)[1].lower()
        claimed = EXT_TYPES.get(ext)
        files.append({"path": rel, "size": size, "md5": md5, "sha1": sha1,
                      "content_type": true_type,
                      "extension_mismatch": bool(claimed and true_type not in ("empty", claimed)),
                      "deletion": deletion})
    for root, dnames, fnames in os.walk(outdir):
        for n in dnames + fnames:
            os.utime(os.path.join(root, n), (FIXED_EPOCH, FIXED_EPOCH))
    os.utime(outdir, (FIXED_EPOCH, FIXED_EPOCH))
    with open(spec_path, "w", encoding="utf-8") as f:
        json.dump({"profile": profile, "seed": seed, "files": files, "dirs": sorted(dirs)}, f,
                  indent=1, ensure_ascii=False)


# --------------------------------------------------------------------------
# NTFS directory creation / deletion through libntfs-3g (no mount, no root)
def cmd_ntfs(img: str, ops) -> None:
    lib = ctypes.CDLL("libntfs-3g.so.89")
    vp = ctypes.c_void_p
    lib.ntfs_mount.restype = vp
    lib.ntfs_mount.argtypes = [ctypes.c_char_p, ctypes.c_ulong]
    lib.ntfs_umount.argtypes = [vp, ctypes.c_int]
    lib.ntfs_pathname_to_inode.restype = vp
    lib.ntfs_pathname_to_inode.argtypes = [vp, vp, ctypes.c_char_p]
    lib.ntfs_create.restype = vp
    lib.ntfs_create.argtypes = [vp, ctypes.c_uint32, ctypes.c_char_p, ctypes.c_uint8, ctypes.c_uint32]
    lib.ntfs_inode_close.argtypes = [vp]
    lib.ntfs_delete.argtypes = [vp, ctypes.c_char_p, vp, vp, ctypes.c_char_p, ctypes.c_uint8]

    vol = lib.ntfs_mount(img.encode(), 0)
    if not vol:
        sys.exit("ntfs: cannot open %s" % img)
    try:
        for op, path in zip(ops[0::2], ops[1::2]):
            parent, _, name = path.strip("/").rpartition("/")
            dni = lib.ntfs_pathname_to_inode(vol, None, ("/" + parent).encode())
            if not dni:
                sys.exit("ntfs: no parent directory for %s" % path)
            uname = name.encode("utf-16-le")
            if op == "mkdir":
                ni = lib.ntfs_create(dni, 0, uname, len(uname) // 2, 0o040000)
                if not ni:
                    sys.exit("ntfs: mkdir %s failed" % path)
                lib.ntfs_inode_close(ni)
                lib.ntfs_inode_close(dni)
            elif op == "rm":
                ni = lib.ntfs_pathname_to_inode(vol, None, ("/" + path.strip("/")).encode())
                if not ni:
                    sys.exit("ntfs: %s not found" % path)
                # ntfs_delete closes both inodes
                if lib.ntfs_delete(vol, ("/" + path.strip("/")).encode(), ni, dni, uname, len(uname) // 2) != 0:
                    sys.exit("ntfs: rm %s failed" % path)
            else:
                sys.exit("ntfs: unknown op " + op)
    finally:
        if lib.ntfs_umount(vol, 0) != 0:
            sys.exit("ntfs: umount failed")


# --------------------------------------------------------------------------
# manifest assembly
#
# WORKDIR/<media>.media.json (see cmd_media) describes a disk:
#   {"name", "partition_table", "sector_size", "size", "md5", "sha1", "partitions": [
#       {"slot", "start_sector", "size_sectors", "type", "logical",
#        "fs": {"type", "tsk_type", "label", "spec": "spec.json", "ads_file": "ads.jsonl"}}]}
def fs_files(fs: dict):
    with open(fs["spec"], encoding="utf-8") as f:
        spec = json.load(f)
    fstype = fs["type"]
    ads_list = []
    if fs.get("ads_file") and os.path.exists(fs["ads_file"]):
        with open(fs["ads_file"], encoding="utf-8") as f:
            ads_list = [json.loads(line) for line in f if line.strip()]
    out = []
    for e in spec["files"]:
        deletion = e.pop("deletion")
        deleted = deletion is not None
        path = e["path"]
        if deleted and fstype.startswith("fat"):
            base = path.rsplit("/", 1)[-1]
            if re.fullmatch(r"[A-Z0-9_]{1,8}(\.[A-Z0-9_]{1,3})?", base):
                # a deleted 8.3-only entry loses its first character (0xE5); TSK shows '_'
                path = path[: len(path) - len(base)] + "_" + base[1:]
        if not deleted:
            recoverable = True
            how = None
        elif deletion == "wipe":
            recoverable = False
            how = "ext4 inode size and extent header zeroed (what the Linux kernel does on unlink)"
        else:
            recoverable = True
            how = {"ext4": "debugfs rm: dirent unlinked, inode/blocks freed, extent tree left intact",
                   "ext2": "debugfs rm: dirent unlinked, inode/blocks freed, block pointers left intact",
                   "fat16": "mdel: 0xE5 marker, FAT chain freed; contiguous clusters not reused",
                   "fat32": "mdel: 0xE5 marker, FAT chain freed; contiguous clusters not reused",
                   "ntfs": "libntfs-3g ntfs_delete: index entry removed, MFT record freed, runs kept"}[fstype]
        item = dict(path=path, type="file", size=e["size"], md5=e["md5"], sha1=e["sha1"],
                    content_type=e["content_type"], extension_mismatch=e["extension_mismatch"],
                    deleted=deleted, content_recoverable=recoverable)
        if deleted:
            item["original_path"] = e["path"]
            item["deletion_method"] = how
        out.append(item)
        for ads in ads_list:
            if ads["file"] == e["path"]:
                out.append(dict(path=path + ":" + ads["stream"], type="ads", stream=ads["stream"],
                                size=ads["size"], md5=ads["md5"], sha1=ads["sha1"],
                                content_type="text", extension_mismatch=False,
                                deleted=deleted, content_recoverable=recoverable))
    return sorted(out, key=lambda x: x["path"]), spec["dirs"]


def cmd_manifest(workdir: str, outdir: str, images_path: str) -> None:
    out_path = os.path.join(outdir, "manifest.json")
    with open(images_path, encoding="utf-8") as f:
        images = json.load(f)
    media = {}
    for name in sorted({i["media"] for i in images}):
        with open(os.path.join(workdir, name + ".media.json"), encoding="utf-8") as f:
            m = json.load(f)
        ss = m["sector_size"]
        parts = []
        for p in m["partitions"]:
            entry = dict(slot=p["slot"], start_sector=p["start_sector"], start_byte=p["start_sector"] * ss,
                         size_sectors=p["size_sectors"], size_bytes=p["size_sectors"] * ss,
                         type=p["type"], logical=p["logical"], fs=None)
            if p.get("fs"):
                files, dirs = fs_files(p["fs"])
                entry["fs"] = dict(type=p["fs"]["type"], label=p["fs"]["label"], tsk_type=p["fs"]["tsk_type"],
                                   directories=dirs, files=files)
            parts.append(entry)
        media[name] = dict(partition_table=m["partition_table"], sector_size=ss,
                           size=m["size"], md5=m["md5"], sha1=m["sha1"], partitions=parts)
    for img in images:
        m = media[img["media"]]
        if img["container"] == "raw":
            segs = [img["file"]]
        elif img["container"] == "ewf":
            stem = img["file"][:-4]
            segs = [img["file"]] + ["%s.E%02d" % (stem, i) for i in range(2, 100)
                                    if os.path.exists(os.path.join(outdir, "%s.E%02d" % (stem, i)))]
        elif img["container"] == "split-raw":
            stem = img["file"][:-4]
            segs = ["%s.%03d" % (stem, i) for i in range(1, 1000)
                    if os.path.exists(os.path.join(outdir, "%s.%03d" % (stem, i)))]
        else:
            raise ValueError(img["container"])
        img["segments"] = [dict(file=s, size=os.path.getsize(os.path.join(outdir, s))) for s in segs]
        img.update(media_size=m["size"], media_md5=m["md5"], media_sha1=m["sha1"])
    manifest = {
        "schema": "vigil-evidence-manifest/1",
        "generated_by": os.environ.get("VIGIL_GENERATED_BY", "tests/data/make_evidence.sh"),
        "fixed_time_utc": "2024-03-01T12:00:00Z",
        "images": images,
        "media": media,
    }
    with open(out_path, "w", encoding="utf-8") as f:
        json.dump(manifest, f, indent=2, ensure_ascii=False)
        f.write("\n")


def cmd_media(parts_jsonl: str, img: str) -> None:
    """parts_jsonl: first line = header {name, partition_table, sector_size}, then one partition per line."""
    with open(parts_jsonl, encoding="utf-8") as f:
        lines = [json.loads(line) for line in f if line.strip()]
    media = dict(lines[0])
    media["partitions"] = lines[1:]
    media["size"], media["md5"], media["sha1"] = file_digest(img)
    with open(parts_jsonl[: -len(".parts.jsonl")] + ".media.json", "w", encoding="utf-8") as f:
        json.dump(media, f, indent=1, ensure_ascii=False)


def main(argv):
    if len(argv) == 6 and argv[1] == "tree":
        cmd_tree(argv[2], argv[3], argv[4], argv[5])
    elif len(argv) >= 5 and argv[1] == "ntfs":
        cmd_ntfs(argv[2], argv[3:])
    elif len(argv) == 3 and argv[1] == "hash":
        print("%d %s %s" % file_digest(argv[2]))
    elif len(argv) == 5 and argv[1] == "manifest":
        cmd_manifest(argv[2], argv[3], argv[4])
    elif len(argv) == 5 and argv[1] == "ads":
        # ads PAYLOAD FILE_IN_FS STREAM: write a Zone.Identifier-style payload, print its JSON record
        with open(argv[2], "wb") as f:
            f.write(("[ZoneTransfer]\r\nZoneId=3\r\nReferrerUrl=https://example.invalid/%s\r\n" % argv[3]).encode())
        size, md5, sha1 = file_digest(argv[2])
        print(json.dumps(dict(file=argv[3], stream=argv[4], size=size, md5=md5, sha1=sha1), ensure_ascii=False))
    elif len(argv) == 4 and argv[1] == "media":
        cmd_media(argv[2], argv[3])
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main(sys.argv)
