#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Memory benchmark (issue 10): does the peak memory of an ingest grow with the image?
#
#   tests/bench/memory_bench.sh [WORKDIR]        (default /tmp/vigil-membench)
#
# Builds generated raw ext4 images with the same mix scaled by size
# (make_bench_image.sh --mixed: small/medium/large files, photos, videos, ZIPs,
# a WhatsApp msgstore.db, demo chat databases, deleted files for the carver),
# ingests each with the real CLI and default options under /usr/bin/time -v,
# and prints one row per image and the ratio of the largest peak to the smallest.
# Environment:
#   SIZES="1024 8192"   image sizes in MiB (mixed mix; SIZES="" for none)
#   MEDIA_SIZES=""      sizes for the media-heavy mix (--media), e.g. "512 2048"
#   KEEP=1              keep images and cases (default: each is deleted after its row)
#   NICE=10             niceness of generation and ingest
# Disk: the largest image plus about half of it for its source tree plus its case.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
WORK="${1:-/tmp/vigil-membench}"
BUILD="${BUILD:-$ROOT/build}"
VIGIL="$BUILD/app/cli/vigil"
SIZES="${SIZES-1024 8192}"
MEDIA_SIZES="${MEDIA_SIZES-}"
NICE="${NICE:-10}"
[ -x "$VIGIL" ] || { echo "build Vigil first (cmake --build build --target vigil)" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "GNU time missing (apt-get install time)" >&2; exit 2; }
mkdir -p "$WORK"
ROWS="$WORK/rows.tsv"
: > "$ROWS"

echo "machine: $(nproc) cores, $(grep MemTotal /proc/meminfo | awk '{print int($2/1048576)" GiB"}'), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "vigil: $VIGIL (built $(date -u -r "$VIGIL" '+%F %T UTC'), tree at $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo '?'))"
# One copy of the binary for every row: a rebuild during the run must not mix two builds.
cp "$VIGIL" "$WORK/vigil"
VIGIL="$WORK/vigil"

# run MIX SIZE_MIB: build the image, ingest it, append a row to $ROWS
run() {
  local mix=$1 size=$2
  local img="$WORK/$mix-$size.raw" case="$WORK/$mix-$size.case"
  echo "--- $mix image of $size MiB"
  rm -rf "$case"
  [ -f "$img" ] || nice -n "$NICE" "$ROOT/tests/bench/make_bench_image.sh" "--$mix" "$img" "$size"
  local rc=0
  /usr/bin/time -v -o "$WORK/$mix-$size.time" nice -n "$NICE" "$VIGIL" ingest "$img" --case "$case" \
    > "$WORK/$mix-$size.out" 2>&1 || rc=$?
  [ "$rc" -le 1 ] || { echo "ingest failed (exit $rc), see $WORK/$mix-$size.out" >&2; tail -5 "$WORK/$mix-$size.out" >&2; exit 1; }
  python3 - "$mix" "$size" "$case/summary.json" "$WORK/$mix-$size.time" >> "$ROWS" <<'PY'
import json, re, sys
mix, size, summary, timing = sys.argv[1:5]
s = json.load(open(summary))
e = s["evidence"][0]
t = open(timing).read()
peak = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", t).group(1))
wall = re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (\S+)", t).group(1)
secs = 0.0
for part in wall.split(":"):
    secs = secs * 60 + float(part)
print("\t".join(str(x) for x in (mix, size, e["files"], e["messages"], e["carved"], e["media_analysed"],
                                 e["members"], s["errors"], "%.0f" % secs, "%.1f" % (peak / 1024))))
PY
  tail -1 "$ROWS"
  if [ "${KEEP:-0}" != 1 ]; then rm -rf "$img" "$case"; fi
}
cleanup() { [ "${KEEP:-0}" = 1 ] || rm -f "$WORK/vigil"; }
trap cleanup EXIT

for size in $SIZES; do run mixed "$size"; done
for size in $MEDIA_SIZES; do run media "$size"; done

echo
echo "wall times are of a 2-core machine shared with other work (nice $NICE): compare peaks, not times"
python3 - "$ROWS" <<'PY'
import sys
rows = [line.rstrip("\n").split("\t") for line in open(sys.argv[1]) if line.strip()]
head = ("mix", "image MiB", "files", "messages", "carved", "media", "members", "errors", "wall s", "peak RSS MiB")
print("| " + " | ".join(head) + " |")
print("|" + "---|" * len(head))
for r in rows:
    print("| " + " | ".join(r) + " |")
for mix in sorted({r[0] for r in rows}):
    peaks = [(int(r[1]), float(r[9])) for r in rows if r[0] == mix]
    if len(peaks) > 1:
        small, large = min(peaks), max(peaks)
        print("%s: peak at %d MiB / peak at %d MiB = %.2f (image %.0fx larger)"
              % (mix, large[0], small[0], large[1] / small[1], large[0] / small[0]))
PY
