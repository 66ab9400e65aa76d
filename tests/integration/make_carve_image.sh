#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# A small ext4 image for the recovery tests (issue 6), generated without root:
#
#   tests/integration/make_carve_image.sh OUTDIR
#
# Writes OUTDIR/carve.img (ext4, 4 KiB blocks, no partition table) and OUTDIR/manifest.txt,
# one line per expected recovery: KIND PATH_OR_NAME MEDIA_OFFSET SIZE MD5. In the image:
#   photo1.jpg, pic.png, mmssms.db   written, then deleted with debugfs (their bytes stay in
#                                    unallocated blocks; carving must find them at OFFSET)
#   docs/a.tar.gz                    a.tar holding pics/x.zip holding img.jpg (nested members)
#   data.bin                         64 KiB of random bytes with a JPEG appended (embedded)
#   slacky.txt                       200 bytes long; a small JPEG lies in its last block's slack
#   bomb.zip                         1 GiB of zeros, deflated (a decompression bomb)
#   keep/readme.txt                  an ordinary file after the bomb
# Every picture is generated (ffmpeg test patterns); the SMS database is tests/data/chat_gen.py's.
set -euo pipefail
[[ $# -eq 1 ]] || { echo "usage: $0 OUTDIR" >&2; exit 2; }
OUT=$(mkdir -p "$1" && cd "$1" && pwd)
DATA="$(cd "$(dirname "${BASH_SOURCE[0]}")/../data" && pwd)"
export TZ=UTC LC_ALL=C.UTF-8 E2FSPROGS_FAKE_TIME=1709294400 PYTHONHASHSEED=0
SRC="$OUT/src"; WORK="$OUT/work"
rm -rf "$SRC" "$WORK"; mkdir -p "$SRC/docs" "$SRC/keep" "$WORK/pics"

jpeg() { ffmpeg -loglevel error -y -f lavfi -i "$1" -frames:v 1 -q:v 3 "$2"; }
jpeg "testsrc2=size=800x600" "$SRC/photo1.jpg"
ffmpeg -loglevel error -y -f lavfi -i "mandelbrot=size=320x240" -frames:v 1 "$SRC/pic.png"
python3 -c "
import sys; sys.path.insert(0, '$DATA'); sys.dont_write_bytecode = True
import chat_gen
from evidence_gen import make_jpeg
chat_gen.write('android-sms', '$SRC/mmssms.db', make_jpeg)"
jpeg "smptebars=size=320x240" "$WORK/pics/img.jpg"
(cd "$WORK/pics" && zip -q -X ../x.zip img.jpg && mv ../x.zip . && rm img.jpg)
jpeg "smptebars=size=320x240" "$WORK/img.jpg"
(cd "$WORK" && tar --owner=0 --group=0 --mtime=@1709294400 -cf a.tar pics && gzip -n -9 -c a.tar > "$SRC/docs/a.tar.gz")
jpeg "rgbtestsrc=size=400x300" "$WORK/appended.jpg"
head -c 65536 /dev/urandom > "$SRC/data.bin"
cat "$WORK/appended.jpg" >> "$SRC/data.bin"
jpeg "testsrc=size=48x48" "$WORK/tiny.jpg"
python3 - "$SRC/slacky.txt" "$WORK/tiny.jpg" <<'PY'
import sys
tiny = open(sys.argv[2], "rb").read()
assert len(tiny) <= 4096 - 512, len(tiny)
block = (b"notes " * 40)[:200] + bytes(312) + tiny
open(sys.argv[1], "wb").write(block + bytes(4096 - len(block)))
PY
python3 - "$SRC/bomb.zip" <<'PY'
import sys, zipfile
with zipfile.ZipFile(sys.argv[1], "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
    with z.open("zeros.bin", "w", force_zip64=True) as f:
        chunk = bytes(1 << 20)
        for _ in range(1024):
            f.write(chunk)
PY
echo "nothing to see here" > "$SRC/keep/readme.txt"

IMG="$OUT/carve.img"
rm -f "$IMG"; truncate -s 64M "$IMG"
mke2fs -q -F -t ext4 -b 4096 -I 256 -m 0 -U 6c6f7374-0000-4000-8000-000000000001 -L CARVE \
  -E "hash_seed=6c6f7374-0000-4000-8000-000000000002,root_owner=0:0,nodiscard" -d "$SRC" "$IMG"

md5() { md5sum "$1" | cut -d' ' -f1; }
# First byte of a file in the image; it must be contiguous (checked).
offset_of() {
  local path=$1 size blocks first last
  size=$(stat -c %s "$SRC/$path")
  blocks=$(( (size + 4095) / 4096 ))
  first=$(debugfs -R "bmap /$path 0" "$IMG" 2>/dev/null)
  last=$(debugfs -R "bmap /$path $((blocks - 1))" "$IMG" 2>/dev/null)
  [[ $last -eq $((first + blocks - 1)) ]] || { echo "/$path is fragmented" >&2; exit 1; }
  echo $((first * 4096))
}
{
  for f in photo1.jpg pic.png mmssms.db; do
    echo "carved $f $(offset_of "$f") $(stat -c %s "$SRC/$f") $(md5 "$SRC/$f")"
  done
  echo "slack /slacky.txt>>\$Slack>>@0x200.jpg $(( $(offset_of slacky.txt) + 512 )) $(stat -c %s "$WORK/tiny.jpg") $(md5 "$WORK/tiny.jpg")"
  echo "member /docs/a.tar.gz>>a.tar>>pics/x.zip>>img.jpg - $(stat -c %s "$WORK/img.jpg") $(md5 "$WORK/img.jpg")"
  echo "embedded /data.bin>>@0x10000.jpg 65536 $(stat -c %s "$WORK/appended.jpg") $(md5 "$WORK/appended.jpg")"
} > "$OUT/manifest.txt"

debugfs -w -R "sif /slacky.txt size 200" "$IMG" >/dev/null 2>&1
for f in photo1.jpg pic.png mmssms.db; do debugfs -w -R "rm /$f" "$IMG" >/dev/null 2>&1; done
sqlite3 "$SRC/mmssms.db" "SELECT body FROM sms ORDER BY _id LIMIT 1" > "$OUT/sms_body.txt"
sqlite3 "$SRC/mmssms.db" "SELECT count(*) FROM sms" > "$OUT/sms_count.txt"
rm -rf "$WORK" "$SRC/bomb.zip"
echo "make_carve_image: wrote $IMG"
