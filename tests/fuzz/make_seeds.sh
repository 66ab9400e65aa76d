#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Writes the small synthetic seed corpora of tests/fuzz/seeds/<target>/ (committed; each file
# well under ~24 KB). Run from anywhere: tests/fuzz/make_seeds.sh [OUTDIR] (default: the seeds
# folder beside this script). Everything is generated here or by the tests/data generators;
# nothing comes from external test data. Needs sqlite3, mkfs.fat, mtools, sfdisk, ewf-tools,
# ffmpeg, exiv2, ImageMagick (convert), zip, 7z, xz, bzip2, python3.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
out="${1:-$here/seeds}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
for t in evidence_raw evidence_ewf parsers_sqlite parsers_files sqlite_records filecarver archives hashsets exif \
         decode indicators; do
  mkdir -p "$out/$t"
done

# Small databases with 512-byte pages (a database of N tables is about N * 512 bytes).
shrink() { sqlite3 "$1" "PRAGMA journal_mode=DELETE; PRAGMA page_size=512; VACUUM;" >/dev/null; }

evidence() {
  local raw="$out/evidence_raw"
  # A FAT12 file system of 34 KiB (mkfs.fat's smallest; mostly zeros) with files, one deleted.
  mkfs.fat -C -s 1 -r 16 -f 1 -n VIGILFUZZ -i 5649474c "$work/fat.img" 34 >/dev/null
  printf 'hello from the fuzz seed\n' > "$work/a.txt"
  printf 'deleted note\n' > "$work/b.txt"
  MTOOLS_SKIP_CHECK=1 mcopy -i "$work/fat.img" "$work/a.txt" "$work/b.txt" ::/
  MTOOLS_SKIP_CHECK=1 mmd -i "$work/fat.img" ::/DIR
  MTOOLS_SKIP_CHECK=1 mcopy -i "$work/fat.img" "$work/a.txt" ::/DIR/c.txt
  MTOOLS_SKIP_CHECK=1 mdel -i "$work/fat.img" ::/b.txt
  cp "$work/fat.img" "$raw/fat12.raw"
  # An MBR with one FAT partition at sector 1, and a GPT disk with one partition.
  { head -c 512 /dev/zero; cat "$work/fat.img"; } > "$work/mbr.img"
  printf 'label: dos\nlabel-id: 0x5649474c\nstart=1, size=68, type=e\n' | sfdisk -q "$work/mbr.img" >/dev/null
  cp "$work/mbr.img" "$raw/mbr_fat12.raw"
  head -c $((80 * 512)) /dev/zero > "$work/gpt.img"
  printf 'label: gpt\nlabel-id: 5649474C-0000-4000-8000-000000000001\nfirst-lba: 34\nstart=34, size=10, type=L\n' |
    sfdisk -q "$work/gpt.img" >/dev/null 2>&1 || true
  cp "$work/gpt.img" "$raw/gpt_empty.raw"
  # The same FAT image as a one-segment E01, compressed and not.
  ewfacquirestream -q -b 16 -t "$work/fat" -c deflate:best -f encase6 -C FUZZ-1 -e fuzz -E 1 -N seed \
    -d sha1 < "$work/mbr.img" >/dev/null 2>&1
  cp "$work/fat.E01" "$out/evidence_ewf/mbr_fat12.E01"
  ewfacquirestream -q -b 16 -t "$work/plain" -c none -f encase5 -C FUZZ-2 < "$work/fat.img" >/dev/null 2>&1
  cp "$work/plain.E01" "$out/evidence_ewf/fat12_uncompressed.E01"
}

parsers() {
  local dst="$out/parsers_sqlite"
  python3 "$repo/tests/data/chat_gen.py" "$work/chat" >/dev/null
  python3 "$repo/tests/data/phone_gen.py" "$work/phone" >/dev/null
  for f in "$work"/chat/* "$work"/phone/*; do
    case "$f" in *.jpg|*-wal|*-journal) continue ;; esac
    local name; name="$(basename "$(dirname "$f")")_$(basename "$f")"
    cp "$f" "$work/s.db"; rm -f "$work/s.db-wal"
    shrink "$work/s.db"
    # Keep seeds small: only those that fit; scripts/fuzz.sh --big-seeds adds the rest.
    if [ "$(stat -c %s "$work/s.db")" -le 24576 ]; then cp "$work/s.db" "$dst/$name"; fi
  done
  # Every app DDL with no rows (schema recognition and empty-table paths of each parser).
  for sql in "$repo"/tests/data/ddl/*.sql; do
    rm -f "$work/d.db"
    { echo "PRAGMA page_size=512;"; cat "$sql"; } | sqlite3 "$work/d.db" >/dev/null 2>&1 || continue
    if [ "$(stat -c %s "$work/d.db")" -le 24576 ]; then cp "$work/d.db" "$dst/ddl_$(basename "$sql" .sql).db"; fi
  done
  # Apps without a generator: the DDL (and INSERT) raw strings of their parser tests, one database
  # per DDL with every INSERT script of the same test that fits it.
  python3 - "$repo/tests/plugins/parsers" "$dst" <<'PY'
import re, sqlite3, sys, os
src, dst = sys.argv[1], sys.argv[2]
for test in ("firefox", "ioscontacts", "kik", "messenger", "safari", "whatsappios"):
    text = open(os.path.join(src, test + "_test.cpp")).read()
    scripts = re.findall(r'R"SQL\((.*?)\)SQL"', text, re.S)
    ddls = [s for s in scripts if "CREATE TABLE" in s]
    inserts = [s for s in scripts if "CREATE TABLE" not in s and "INSERT" in s]
    for n, ddl in enumerate(ddls):
        path = os.path.join(dst, "test_%s_%d.db" % (test, n))
        if os.path.exists(path):
            os.remove(path)
        db = sqlite3.connect(path)
        db.execute("PRAGMA page_size=512")
        try:
            db.executescript(ddl)
        except sqlite3.Error:
            db.close(); os.remove(path); continue
        for ins in inserts:
            try:
                db.executescript("BEGIN;" + ins + ";COMMIT;")
            except sqlite3.Error:
                db.rollback() if db.in_transaction else None
        db.commit(); db.execute("VACUUM"); db.close()
        if os.path.getsize(path) > 24576:
            os.remove(path)
PY
  # Files: a cached Discord API response and a text file.
  cat > "$out/parsers_files/discord_messages.json" <<'JSON'
[{"id": "1100000000000000002", "type": 0, "content": "see you at practice", "channel_id": "900000000000000001",
  "author": {"id": "500000000000000001", "username": "maya_k", "global_name": "Maya K", "discriminator": "0"},
  "attachments": [{"id": "7", "filename": "map.png", "size": 10, "url": "https://cdn.discordapp.com/a/map.png",
  "content_type": "image/png"}], "mentions": [], "timestamp": "2021-05-01T12:05:30.250000+02:00",
  "edited_timestamp": null},
 {"id": "1100000000000000001", "type": 7, "content": "", "channel_id": "900000000000000002", "guild_id": "8",
  "author": {"id": "500000000000000002", "username": "leo", "discriminator": "4521"}, "timestamp": "2021-04-30T23:59:59Z"}]
JSON
  printf '{"id": "500000000000000001", "username": "maya_k", "global_name": "Maya K", "email": "m@example.org"}' \
    > "$out/parsers_files/discord_user.json"
  printf 'line one\nline two with some words\n\xef\xbb\xbfbom text\n' > "$out/parsers_files/notes.txt"
}

records() {
  local dst="$out/sqlite_records"
  local split; split="$(printf '\\x00VGSPLIT')"
  rm -f "$work/r.db"*
  sqlite3 "$work/r.db" >/dev/null <<'SQL'
PRAGMA page_size=512; PRAGMA secure_delete=OFF; PRAGMA auto_vacuum=NONE;
CREATE TABLE message (_id INTEGER PRIMARY KEY, address TEXT, body TEXT, date INTEGER, read REAL, data BLOB);
CREATE TABLE contact (id INTEGER PRIMARY KEY, name TEXT, number TEXT);
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 40)
INSERT INTO message SELECT i, '+4470000000' || i, 'message number ' || i || ' ' || hex(randomblob(i % 7)),
  1700000000000 + i, i / 3.0, randomblob(i % 5) FROM n;
INSERT INTO message VALUES (100, 'x', replace(hex(zeroblob(600)), '00', 'long text spills to overflow '), 1, 0, NULL);
INSERT INTO contact VALUES (1, 'Alex', '+447000000001'), (2, 'Sam', '+447000000002');
DELETE FROM message WHERE _id % 3 = 0;
DELETE FROM message WHERE _id = 100;
DELETE FROM contact WHERE id = 2;
SQL
  cp "$work/r.db" "$dst/deleted_rows.db"
  # WAL: rows in the log only, then the three parts joined with the split marker.
  rm -f "$work/w.db"*
  sqlite3 "$work/w.db" >/dev/null <<'SQL'
PRAGMA page_size=512; PRAGMA journal_mode=WAL;
CREATE TABLE message (_id INTEGER PRIMARY KEY, body TEXT);
INSERT INTO message VALUES (1, 'checkpointed');
SQL
  python3 - "$work/w.db" "$dst/with_wal.bin" "$work/with_wal_tail.bin" <<'PY'
import sqlite3, sys, shutil
db = sys.argv[1]
c = sqlite3.connect(db)
c.execute("PRAGMA wal_autocheckpoint=0")
c.execute("INSERT INTO message VALUES (2, 'only in the wal')")
c.execute("INSERT INTO message VALUES (3, 'deleted in the wal')")
c.commit()
c.execute("DELETE FROM message WHERE _id = 3")
c.commit()
main = open(db, 'rb').read(); wal = open(db + '-wal', 'rb').read()
open(sys.argv[2], 'wb').write(main + b'\0VGSPLIT' + wal)
open(sys.argv[3], 'wb').write(bytes(300) + wal)
c.close()
PY
  # A rollback journal beside its database (a transaction that never committed).
  python3 - "$work/j.db" "$dst/with_journal.bin" <<'PY'
import sqlite3, sys, shutil, os
db = sys.argv[1]
c = sqlite3.connect(db, isolation_level=None)
c.execute("PRAGMA page_size=512"); c.execute("PRAGMA journal_mode=PERSIST")
c.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)")
c.execute("INSERT INTO t VALUES (1, 'before'), (2, 'also before')")
c.execute("BEGIN"); c.execute("UPDATE t SET v = 'after' WHERE id = 1"); c.execute("DELETE FROM t WHERE id = 2")
c.execute("COMMIT")
main = open(db, 'rb').read(); j = open(db + '-journal', 'rb').read()
open(sys.argv[2], 'wb').write(main + b'\0VGSPLIT' + b'\0VGSPLIT' + j)
PY
}

images() {
  # Tiny images of every decoded and carved format (ffmpeg test sources; ImageMagick for the rest).
  ffmpeg -loglevel error -f lavfi -i testsrc2=size=32x24:rate=1 -frames:v 1 -q:v 8 -y "$work/i.jpg"
  ffmpeg -loglevel error -f lavfi -i testsrc2=size=16x12:rate=1 -frames:v 1 -y "$work/i.png"
  ffmpeg -loglevel error -f lavfi -i testsrc2=size=16x12:rate=1 -frames:v 1 -y "$work/i.gif"
  ffmpeg -loglevel error -f lavfi -i testsrc2=size=16x12:rate=1 -frames:v 1 -y "$work/i.bmp"
  ffmpeg -loglevel error -f lavfi -i testsrc2=size=16x12:rate=1 -frames:v 1 -y "$work/i.webp" || true
  ffmpeg -loglevel error -f lavfi -i testsrc2=size=16x12:rate=1 -frames:v 1 -y "$work/i.tiff"
  ffmpeg -loglevel error -f lavfi -i testsrc2=size=32x24:rate=5 -t 1 -pix_fmt yuv420p -y "$work/v.mp4"
  ffmpeg -loglevel error -f lavfi -i testsrc2=size=32x24:rate=5 -t 1 -c:v mjpeg -q:v 20 -y "$work/v.avi"
  for f in jpg png gif bmp webp tiff; do [ -f "$work/i.$f" ] && cp "$work/i.$f" "$out/decode/small.$f"; done
  # EXIF: camera, serial, times with a zone, GPS (set with exiv2, as tests/data/media_gen.py does).
  cp "$work/i.jpg" "$work/e.jpg"
  cat > "$work/exif.cmd" <<'CMD'
set Exif.Image.Make Ascii Canon
set Exif.Image.Model Ascii Canon EOS 80D
set Exif.Image.Orientation Short 6
set Exif.Photo.BodySerialNumber Ascii 083021004512
set Exif.Photo.DateTimeOriginal Ascii 2024:03:12 15:30:05
set Exif.Photo.SubSecTimeOriginal Ascii 25
set Exif.Photo.OffsetTimeOriginal Ascii +01:00
set Exif.GPSInfo.GPSLatitudeRef Ascii N
set Exif.GPSInfo.GPSLatitude Rational 51/1 30/1 1234/100
set Exif.GPSInfo.GPSLongitudeRef Ascii W
set Exif.GPSInfo.GPSLongitude Rational 0/1 7/1 3900/100
set Exif.GPSInfo.GPSAltitudeRef Byte 1
set Exif.GPSInfo.GPSAltitude Rational 125/10
set Exif.GPSInfo.GPSDateStamp Ascii 2024:03:12
set Exif.GPSInfo.GPSTimeStamp Rational 14/1 30/1 5/1
CMD
  exiv2 -q -m "$work/exif.cmd" "$work/e.jpg"
  cp "$work/e.jpg" "$out/exif/camera.jpg"
  cp "$work/e.jpg" "$out/decode/exif_rotated.jpg"
  for f in png webp tiff; do
    [ -f "$work/i.$f" ] || continue
    cp "$work/i.$f" "$work/e.$f"; exiv2 -q -m "$work/exif.cmd" "$work/e.$f" 2>/dev/null || true
    cp "$work/e.$f" "$out/exif/camera.$f"
  done
  # Carving: the formats one after the other with random bytes between them.
  printf '%%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%%%EOF\n' > "$work/d.pdf"
  (cd "$work" && zip -q -X c.zip i.png d.pdf)
  sqlite3 "$work/c.db" "PRAGMA page_size=512; CREATE TABLE t(a); INSERT INTO t VALUES ('carved');" >/dev/null
  local n=0
  for group in "i.jpg i.png i.gif" "i.bmp i.webp d.pdf" "c.zip c.db i.tiff" "v.mp4" "v.avi"; do
    : > "$work/carve.bin"
    for f in $group; do
      [ -f "$work/$f" ] || continue
      head -c 301 /dev/urandom >> "$work/carve.bin"; cat "$work/$f" >> "$work/carve.bin"
    done
    head -c 300 /dev/zero >> "$work/carve.bin"
    n=$((n + 1)); cp "$work/carve.bin" "$out/filecarver/mixed_$n.bin"
  done
  cp "$work/with_wal_tail.bin" "$out/filecarver/wal.bin" 2>/dev/null || true
  # Archives of one small text file and one image.
  (cd "$work" && printf 'member text\n' > m.txt && zip -q -X a.zip m.txt i.png && tar -cf a.tar m.txt i.png &&
     gzip -9 -n -c a.tar > a.tar.gz && bzip2 -c m.txt > m.txt.bz2 && xz -c m.txt > m.txt.xz &&
     7z a -bd -y a.7z m.txt >/dev/null)
  for f in a.zip a.tar a.tar.gz m.txt.bz2 m.txt.xz a.7z; do cp "$work/$f" "$out/archives/$f"; done
}

hashsets() {
  local dst="$out/hashsets"
  printf '# md5 list\nd41d8cd98f00b204e9800998ecf8427e\n0cc175b9c0f1b6a831c399e269772661\nnot a hash\n' > "$dst/md5.txt"
  printf 'da39a3ee5e6b4b0d3255bfef95601890afd80709\r\n86f7e437faa5a7fce15d1ddcb9eaeaea377667b8\r\n' > "$dst/sha1.txt"
  printf 'md5,sha1,category,name\nd41d8cd98f00b204e9800998ecf8427e,,1,a.jpg\n0cc175b9c0f1b6a831c399e269772661,86f7e437faa5a7fce15d1ddcb9eaeaea377667b8,"2",b\n,,x,\n' > "$dst/categories.csv"
  cat > "$dst/vics1.json" <<'JSON'
{"odata.metadata": "http://github.com/ICMEC/ProjectVic/DataModels/1.3.xml#Cases",
 "value": [{"CaseNumber": "FUZZ-1", "Media": [
   {"MediaID": 1, "Category": 1, "MD5": "D41D8CD98F00B204E9800998ECF8427E", "SHA1": "DA39A3EE5E6B4B0D3255BFEF95601890AFD80709",
    "MediaFiles": [{"MD5": "0cc175b9c0f1b6a831c399e269772661", "FileName": "a.jpg"}]},
   {"MediaID": 2, "Category": "4", "MD5": "92eb5ffee6ae2fec3ad71c777531578f", "SHA1": ""},
   {"MediaID": 3, "Category": 9, "MD5": "xyz"}]}]}
JSON
  cat > "$dst/vics2.json" <<'JSON'
{"@odata.context": "http://github.com/ICMEC/ProjectVic/DataModels/2.0.xml/$metadata#Media",
 "value": [{"MediaID": 1, "Category": 2, "MD5": "4a8a08f09d37b73795649038408b5f33",
            "SHA1": "84a516841ba77a5b4648de2cd0dfcb30ea46dbb4", "IsDistributed": true}]}
JSON
  sqlite3 "$work/nsrl.db" >/dev/null <<'SQL'
PRAGMA page_size=512;
CREATE TABLE FILE (sha256 VARCHAR NOT NULL, sha1 VARCHAR NOT NULL, md5 VARCHAR NOT NULL, crc32 VARCHAR NOT NULL,
 file_name VARCHAR NOT NULL, file_size INTEGER NOT NULL, package_id INTEGER NOT NULL,
 CONSTRAINT PK_FILE__FILE PRIMARY KEY (sha256, sha1, md5, crc32, file_name, file_size, package_id));
CREATE TABLE MFG (manufacturer_id INTEGER NOT NULL, name VARCHAR NOT NULL, CONSTRAINT PK_MFG__MFG_ID PRIMARY KEY (manufacturer_id));
CREATE TABLE OS (operating_system_id INTEGER NOT NULL, name VARCHAR NOT NULL, version VARCHAR NOT NULL,
 manufacturer_id INTEGER NOT NULL, CONSTRAINT PK_OS__OS_ID PRIMARY KEY (operating_system_id, manufacturer_id));
CREATE TABLE PKG (package_id INTEGER NOT NULL, name VARCHAR NOT NULL, version VARCHAR NOT NULL,
 operating_system_id INTEGER NOT NULL, manufacturer_id INTEGER NOT NULL, language VARCHAR NOT NULL,
 application_type VARCHAR NOT NULL,
 CONSTRAINT PK_PGK__PKG_ID PRIMARY KEY (package_id, operating_system_id, manufacturer_id, language, application_type));
CREATE TABLE VERSION (version VARCHAR UNIQUE NOT NULL, build_set VARCHAR NOT NULL,
 build_date TIMESTAMP DEFAULT CURRENT_TIMESTAMP NOT NULL, release_date TIMESTAMP NOT NULL, description VARCHAR NOT NULL,
 CONSTRAINT PK_VERSION__VERSION PRIMARY KEY (version));
CREATE VIEW DISTINCT_HASH AS SELECT DISTINCT sha256, sha1, md5, crc32 FROM FILE;
INSERT INTO MFG VALUES (1, 'Example Software');
INSERT INTO OS VALUES (1, 'Linux', '6', 1);
INSERT INTO PKG VALUES (1, 'Example Suite', '1.0', 1, 1, 'English', 'Utility');
INSERT INTO VERSION VALUES ('2024.03.1', 'Modern minimal', '2024-03-01', '2024-03-01', 'fuzz seed');
INSERT INTO FILE VALUES ('E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855',
 'DA39A3EE5E6B4B0D3255BFEF95601890AFD80709', 'D41D8CD98F00B204E9800998ECF8427E', '00000000', 'empty', 0, 1);
INSERT INTO FILE VALUES ('CA978112CA1BBDCAFAC231B39A23DC4DA786EFF8147C4E72B9807785AFEE48BB',
 '86F7E437FAA5A7FCE15D1DDCB9EAEAEA377667B8', '0CC175B9C0F1B6A831C399E269772661', 'E8B7BE43', 'a', 1, 1);
SQL
  cp "$work/nsrl.db" "$dst/nsrl_rdsv3.db"
}

indicators() {
  local dst="$out/indicators"
  printf 'hey how old r u? im 13 and in year 8' > "$dst/age.txt"
  printf "don't tell ur mum about this, delete our chat. send me a pic" > "$dst/secrecy.txt"
  printf 'lets move to snap, add me there. I am not 14 lol "send pics" she said' > "$dst/quoted_negated.txt"
  printf 'S3ND P1C5 N0W or I will share them with everyone, pay 100 in gift cards \xe2\x80\x99 \xff\xfe' > "$dst/leet_threat.txt"
}

evidence
parsers
records
images
hashsets
indicators
find "$out" -type f -size +40k -printf 'over 24 KiB: %p\n'
