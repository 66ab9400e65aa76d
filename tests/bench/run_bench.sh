#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Whole-pipeline benchmark: Vigil's ingest against tsk_loaddb (index) and md5sum/sha1sum
# (hashing) on the same generated image, in one run. Usage:
#   tests/bench/run_bench.sh [WORKDIR]   (default /tmp/vigil-bench; needs ~5 GiB free)
# Builds the image with tests/bench/make_bench_image.sh if it is not there yet.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
WORK="${1:-/tmp/vigil-bench}"
BUILD="${BUILD:-$ROOT/build}"
VIGIL="$BUILD/app/cli/vigil"
IMG="$WORK/bench.raw"
mkdir -p "$WORK"
[ -x "$VIGIL" ] || { echo "build Vigil first (scripts/test.sh or cmake --build build)"; exit 2; }
[ -f "$IMG" ] || "$ROOT/tests/bench/make_bench_image.sh" "$IMG"

now() { date +%s.%N; }
elapsed() { echo "$2 - $1" | bc -l; }
mib() { echo "scale=1; $1 / 1048576" | bc -l; }

echo "machine: $(nproc) cores, $(grep MemTotal /proc/meminfo | awk '{print int($2/1048576)" GiB"}'), $(uname -r)"
echo "image: $IMG ($(mib "$(stat -c %s "$IMG")") MiB)"
cat "$IMG" > /dev/null   # every tool below reads from a warm page cache

echo "--- hashing ceiling (Google Benchmark, in memory)"
"$BUILD/tests/bench/hash_bench" --benchmark_filter='BM_Md5Sha1' --benchmark_min_time=1 2>/dev/null | grep -E 'BM_'

echo "--- md5sum / sha1sum of the whole image"
t0=$(now); md5sum "$IMG" > /dev/null; t1=$(now)
sha1sum "$IMG" > /dev/null; t2=$(now)
size=$(stat -c %s "$IMG")
echo "md5sum:  $(elapsed "$t0" "$t1") s  $(echo "scale=1; $size / 1048576 / $(elapsed "$t0" "$t1")" | bc -l) MiB/s"
echo "sha1sum: $(elapsed "$t1" "$t2") s  $(echo "scale=1; $size / 1048576 / $(elapsed "$t1" "$t2")" | bc -l) MiB/s"

echo "--- tsk_loaddb (The Sleuth Kit's database loader, no hashing)"
rm -f "$WORK/tsk.db"
t0=$(now); tsk_loaddb -d "$WORK/tsk.db" "$IMG" > /dev/null; t1=$(now)
tskfiles=$(sqlite3 "$WORK/tsk.db" "select count(*) from tsk_files")
echo "tsk_loaddb: $(elapsed "$t0" "$t1") s for $tskfiles files = $(echo "scale=0; $tskfiles / $(elapsed "$t0" "$t1")" | bc -l) files/s"
if (tsk_loaddb 2>&1 || true) | grep -q -- '-h:'; then
  rm -f "$WORK/tsk-h.db"
  t0=$(now); tsk_loaddb -h -d "$WORK/tsk-h.db" "$IMG" > /dev/null; t1=$(now)
  echo "tsk_loaddb -h (with MD5): $(elapsed "$t0" "$t1") s"
fi

echo "--- vigil ingest (index + MD5 + SHA-1 of every file, $(nproc) workers)"
rm -rf "$WORK/case"
t0=$(now); "$VIGIL" ingest "$IMG" --case "$WORK/case" > "$WORK/vigil.out"; t1=$(now)
python3 - "$WORK/case/summary.json" "$(elapsed "$t0" "$t1")" <<'PY'
import json, sys
s = json.load(open(sys.argv[1]))["evidence"][0]
total = float(sys.argv[2])
print(f"vigil total: {total:.2f} s")
print(f"index: {s['files']} entries in {s['index_seconds']:.2f} s = {s['files']/s['index_seconds']:.0f} files/s")
mb = s['bytes_hashed'] / 1048576
print(f"content: {s['files_hashed']} files, {mb:.0f} MiB in {s['content_seconds']:.2f} s = {mb/s['content_seconds']:.0f} MiB/s")
PY

echo "--- parse: a generated WhatsApp msgstore.db (current schema) of ${PARSE_MESSAGES:-1000000} messages"
DB="$WORK/phone/data/data/com.whatsapp/databases/msgstore.db"
if [ ! -f "$DB" ] || [ "$(sqlite3 "$DB" 'select count(*) from message')" != "${PARSE_MESSAGES:-1000000}" ]; then
  mkdir -p "$(dirname "$DB")"
  python3 "$ROOT/tests/bench/make_whatsapp_db.py" "$DB" "${PARSE_MESSAGES:-1000000}"
fi
cat "$DB" > /dev/null
"$BUILD/tests/bench/parse_bench" "$DB" "$WORK/parse-bench" 2>/dev/null
rm -rf "$WORK/parse-case"
/usr/bin/time -f "%e s wall, %M KiB peak RSS" -o "$WORK/parse.time" \
  "$VIGIL" ingest "$WORK/phone" --case "$WORK/parse-case" --region GB > /dev/null
python3 - "$WORK/parse-case/summary.json" "$(cat "$WORK/parse.time")" <<'PY'
import json, sys
s = json.load(open(sys.argv[1]))["evidence"][0]
print(f"vigil ingest of the folder: {sys.argv[2]}")
print(f"parse stage: {s['messages']} messages in {s['conversations']} conversations in {s['parse_seconds']:.2f} s "
      f"= {s['messages']/s['parse_seconds']:.0f} messages/s into the case")
PY

echo "== people analysis (issue 7): indicator matching and scoring of generated messages"
"$BUILD/tests/bench/people_bench" "$WORK" "${PEOPLE_MESSAGES:-1000000}" 2>/dev/null

echo "== case timeline (issue 8): casedb queries and the desktop model on ${TIMELINE_EVENTS:-5000000} generated events"
if [ -x "$BUILD/tests/bench/timeline_bench" ]; then
  QT_QPA_PLATFORM=offscreen "$BUILD/tests/bench/timeline_bench" "$WORK" "${TIMELINE_EVENTS:-5000000}" 2>/dev/null ||
    echo "timeline_bench failed (exit $?)"
else
  echo "timeline_bench not built: skipped"
fi
