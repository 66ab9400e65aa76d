#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# File carving side by side on one generated ext4 image with known deleted (and partly
# overwritten) files: Vigil's carver, PhotoRec, foremost and scalpel, each scored against the
# generator's manifest (tests/bench/carve_bench.py). Usage:
#   tests/bench/carve_bench.sh [WORKDIR] [SIZE_MIB]   (default /tmp/vigil-carve-bench, 3072 MiB;
#                                                     needs ~8x SIZE_MIB free in WORKDIR)
# The image (tests/data/carve_gen.py) is made once and kept; delete WORKDIR/carve.img to redo it.
#
# What each tool reads and writes, so the comparison is fair:
# - Vigil, foremost and scalpel read the same `blkls` stream (the unallocated blocks); PhotoRec
#   reads the image with `freespace` (it reads the ext4 bitmaps itself: the same blocks).
# - All four look for the same types: JPEG, PNG, GIF, BMP, WebP, MP4/MOV, AVI, PDF, ZIP and
#   SQLite (PhotoRec: riff covers WebP/AVI, mov covers MP4/MOV; foremost has no WebP/SQLite).
# - PhotoRec, foremost and scalpel write every file they recover; Vigil's time is the carve
#   (finding and validating), its "vigil+write" line adds writing the files like the others.
# - scalpel has no length logic: formats without a footer are cut at the maximum size in its
#   configuration (written here with sizes generous enough for the generated files).
# - Each tool's files are scored (MD5) right after it ran and then deleted (scalpel alone would
#   otherwise leave tens of GiB); the table comes at the end.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
WORK="${1:-/tmp/vigil-carve-bench}"
SIZE="${2:-3072}"
BUILD="${BUILD:-$ROOT/build}"
BENCH="$BUILD/tests/bench/carve_bench"
[ -x "$BENCH" ] || { echo "build carve_bench first (cmake --build build --target carve_bench)"; exit 2; }
for tool in photorec foremost scalpel blkls mke2fs debugfs ffmpeg python3; do
  command -v "$tool" >/dev/null || { echo "missing tool: $tool"; exit 2; }
done
mkdir -p "$WORK"
WORK="$(cd "$WORK" && pwd)"
cd "$WORK"

if [ ! -f carve.img ]; then
  echo "--- generating a ${SIZE} MiB image (tests/data/carve_gen.py)"
  python3 "$ROOT/tests/data/carve_gen.py" "$WORK" --size-mib "$SIZE" --fill 0.9 --delete 0.8 --seed 1
fi
blkls carve.img > unalloc.bin
blkls -l carve.img > unalloc.lst
STREAM_MIB=$(( $(stat -c %s unalloc.bin) / 1048576 ))
IMAGE_MIB=$(( $(stat -c %s carve.img) / 1048576 ))
echo "machine: $(nproc) cores, $(grep MemTotal /proc/meminfo | awk '{print int($2/1048576)" GiB"}'), $(uname -r)"
echo "image ${IMAGE_MIB} MiB, unallocated stream ${STREAM_MIB} MiB"

now() { date +%s.%N; }
warm() { cat "$@" > /dev/null; }   # every tool reads from a warm page cache
: > times.tsv
record() { echo "$1 $(echo "$3 - $2" | bc -l) $4" >> times.tsv; }   # tool t0 t1 MiB

echo "--- Vigil (carve_bench over the blkls stream)"
rm -rf vigil-files && mkdir vigil-files
warm unalloc.bin
"$BENCH" unalloc.bin --out vigil.tsv --extract vigil-files 2> vigil.log
cat vigil.log
# carve_bench times itself: the carve alone, and the carve plus writing the files (MD5s for
# the scores are computed afterwards, untimed).
carve=$(sed -n 's/^timing carve=\([0-9.]*\) extract=.*/\1/p' vigil.log)
extract=$(sed -n 's/^timing carve=[0-9.]* extract=\([0-9.]*\)/\1/p' vigil.log)
echo "vigil $carve $STREAM_MIB" >> times.tsv
echo "vigil+write $(echo "$carve + $extract" | bc -l) $STREAM_MIB" >> times.tsv
rm -rf vigil-files
python3 "$ROOT/tests/bench/carve_bench.py" "$WORK" vigil

echo "--- PhotoRec 7 (image, freespace only)"
rm -rf photorec && mkdir photorec
warm carve.img
t0=$(now)
photorec /log /d "$WORK/photorec/recup" /cmd carve.img \
  options,paranoid,fileopt,everything,disable,jpg,enable,png,enable,gif,enable,bmp,enable,riff,enable,mov,enable,pdf,enable,zip,enable,sqlite,enable,freespace,search \
  > photorec.out 2>&1
t1=$(now)
record photorec "$t0" "$t1" "$STREAM_MIB"
tail -n 15 photorec.log | grep -E 'Total|Elapsed' || true
python3 "$ROOT/tests/bench/carve_bench.py" "$WORK" photorec && rm -rf photorec

echo "--- foremost (blkls stream)"
rm -rf foremost
warm unalloc.bin
t0=$(now); foremost -Q -t jpg,png,gif,bmp,mov,mp4,avi,pdf,zip -i unalloc.bin -o foremost < /dev/null > foremost.out 2>&1; t1=$(now)
record foremost "$t0" "$t1" "$STREAM_MIB"
python3 "$ROOT/tests/bench/carve_bench.py" "$WORK" foremost && rm -rf foremost

echo "--- scalpel (blkls stream)"
cat > scalpel.conf <<'EOF'
# ext  case  max-size  header  footer
jpg    y  67108864   \xff\xd8\xff                    \xff\xd9
png    y  67108864   \x89PNG\x0d\x0a\x1a\x0a         IEND\xae\x42\x60\x82
gif    y  67108864   GIF87a                          \x00\x3b
gif    y  67108864   GIF89a                          \x00\x3b
bmp    y  8388608    BM????\x00\x00\x00\x00
webp   y  2097152    RIFF????WEBP
avi    y  67108864   RIFF????AVI\x20
mp4    y  33554432   ????ftyp
pdf    y  67108864   %PDF-                           %%EOF\x0a
zip    y  16777216   PK\x03\x04                      PK\x05\x06
sqlite y  2097152    SQLite\x20format\x203\x00
EOF
rm -rf scalpel
warm unalloc.bin
t0=$(now); scalpel -c scalpel.conf -o scalpel unalloc.bin > scalpel.out 2>&1; t1=$(now)
record scalpel "$t0" "$t1" "$STREAM_MIB"
python3 "$ROOT/tests/bench/carve_bench.py" "$WORK" scalpel && rm -rf scalpel

echo "--- scores"
python3 "$ROOT/tests/bench/carve_bench.py" "$WORK"
