#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Benchmark evidence: one large raw ext4 image (no partition table).
#
#   tests/bench/make_bench_image.sh OUT.raw [SIZE_MIB]
#   tests/bench/make_bench_image.sh --mixed OUT.raw SIZE_MIB
#   tests/bench/make_bench_image.sh --media OUT.raw SIZE_MIB
#
# --mixed / --media (the memory benchmark, memory_bench.sh): the tree comes from
# make_mixed_tree.py instead, scaled by SIZE_MIB (small, medium and large files,
# photos, videos, ZIPs, a WhatsApp msgstore.db, the demo chat databases; or
# photos and videos only), and after mke2fs the files it lists are deleted with
# `debugfs -w`, so their content lies in unallocated space for the carver.
# Needs ffmpeg as well, and about half of SIZE_MIB free for the source tree.
#
# Without an option (the default, unchanged):
# ~50,200 regular files (~1.8 GiB of content) in a nested tree of ~700
# directories, in a 2560 MiB ext4 file system (4 KiB blocks):
#   49,200 small files    1 KiB .. 64 KiB (skewed towards small)
#      990 medium files 100 KiB .. 900 KiB
#       10 large files   12 MiB .. 48 MiB
# Contents come from one seeded 64 MiB pseudo-random pool (Python's Mersenne
# Twister), sliced at per-file offsets; each file starts with a unique header,
# so no two files are equal. Tree and contents are deterministic; the image is
# built by `mke2fs -d` without root. Inode change times come from the
# temporary source tree, so image bytes (not file contents) differ between runs.
# Needs: e2fsprogs, python3, ~2 GiB free next to OUT.raw for the source tree.
set -euo pipefail

MIX=plain
case "${1:-}" in
  --mixed) MIX=mixed; shift ;;
  --media) MIX=media; shift ;;
esac
USAGE="usage: $0 [--mixed|--media] OUT.raw [SIZE_MIB]"
[[ $# -ge 1 && $# -le 2 ]] || { echo "$USAGE" >&2; exit 2; }
[[ $MIX == plain || $# -eq 2 ]] || { echo "$USAGE (SIZE_MIB is required with --$MIX)" >&2; exit 2; }
OUT=$1
SIZE_MIB=${2:-2560}
command -v mke2fs >/dev/null || { echo "error: mke2fs missing (apt-get install e2fsprogs)" >&2; exit 1; }
if [[ $MIX != plain ]]; then
  command -v debugfs >/dev/null || { echo "error: debugfs missing (apt-get install e2fsprogs)" >&2; exit 1; }
  command -v ffmpeg >/dev/null || { echo "error: ffmpeg missing (apt-get install ffmpeg)" >&2; exit 1; }
fi

mkdir -p "$(dirname "$OUT")"
SRC=$(mktemp -d "$(dirname "$OUT")/.bench-src.XXXXXX")
trap 'rm -rf "$SRC" "$SRC.frames" "$SRC.deleted" "$SRC.deleted.cmd" "$SRC.deleted.err"' EXIT

now() { date +%s.%N; }
elapsed() { python3 -c "print('%.1f' % ($2 - $1))"; }

t0=$(now)
if [[ $MIX != plain ]]; then
  python3 "$(dirname "$0")/make_mixed_tree.py" "$SRC" "$SIZE_MIB" "$SRC.deleted" "$([[ $MIX == media ]] && echo 1 || echo 0)"
else
python3 - "$SRC" <<'EOF'
import os, random, sys

root = sys.argv[1]
rng = random.Random(20240301)
POOL = 64 << 20
pool = rng.randbytes(POOL)

# directory tree: 20 top dirs x 25 sub dirs, every 7th leaf gets 3 more levels
leaves = []
for a in range(20):
    for b in range(25):
        d = os.path.join("dept_%02d" % a, "proj_%02d" % b)
        if (a * 25 + b) % 7 == 0:
            d = os.path.join(d, "archive", "year_%d" % (2015 + b % 9), "month_%02d" % (1 + a % 12))
        leaves.append(d)
for d in leaves:
    os.makedirs(os.path.join(root, d), exist_ok=True)
ndirs = sum(len(dn) for _, dn, _ in os.walk(root))

sizes = []
for i in range(49200):
    sizes.append(("small", 1024 + int(63 * 1024 * rng.random() ** 2)))
for i in range(990):
    sizes.append(("medium", rng.randint(100, 900) * 1024 + rng.randint(0, 1023)))
for i in range(10):
    sizes.append(("large", (12 + 4 * i) * (1 << 20) + rng.randint(0, 4095)))

ext = {"small": (".txt", ".log", ".json", ".dat", ".csv"), "medium": (".pdf", ".docx", ".png"),
       "large": (".bin", ".iso")}
total = 0
for i, (kind, size) in enumerate(sizes):
    d = leaves[(i * 7919) % len(leaves)]
    name = "%s_%06d%s" % (kind, i, ext[kind][i % len(ext[kind])])
    header = ("VIGIL-BENCH %06d %s %d\n" % (i, kind, size)).encode()
    off = (i * 1048573) % (POOL - size) if size < POOL else 0
    body = pool[off:off + size - len(header)]
    with open(os.path.join(root, d, name), "wb") as f:
        f.write(header)
        f.write(body)
    total += size
    os.utime(os.path.join(root, d, name), (1709294400, 1709294400))
print("generated %d files in %d directories, %.2f GiB" % (len(sizes), ndirs, total / (1 << 30)))
EOF
fi
t1=$(now)
echo "tree generated in $(elapsed "$t0" "$t1") s"

rm -f "$OUT"
E2FSPROGS_FAKE_TIME=1709294400 mke2fs -q -F -t ext4 -b 4096 -m 0 -L VIGIL_BENCH \
  -U 0b1e2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d \
  -E hash_seed=0b1e2c3d-0000-4000-8000-9e0f1a2b3c4d,root_owner=0:0,nodiscard \
  -d "$SRC" "$OUT" "${SIZE_MIB}M"
t2=$(now)
echo "mke2fs -d built $OUT (${SIZE_MIB} MiB) in $(elapsed "$t1" "$t2") s"
if [[ $MIX != plain ]]; then
  sed 's/^/rm /' "$SRC.deleted" > "$SRC.deleted.cmd"
  debugfs -w -f "$SRC.deleted.cmd" "$OUT" > /dev/null 2> "$SRC.deleted.err" || { cat "$SRC.deleted.err" >&2; exit 1; }
  if grep -v '^debugfs ' "$SRC.deleted.err" | grep -q .; then cat "$SRC.deleted.err" >&2; exit 1; fi
  t2=$(now)
  echo "deleted $(wc -l < "$SRC.deleted") files with debugfs"
fi
echo "total $(elapsed "$t0" "$t2") s"
