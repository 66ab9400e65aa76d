#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Nested and hidden content (issue 6): one NTFS disk image in which generated JPEGs hide
# inside a ZIP with a wrong extension, that kind of ZIP inside a tar.gz, after random bytes,
# inside a .docx, in an alternate data stream and in a PDF; plus a ZIP chain nested deeper
# than the depth limit and a decompression bomb.
#
#   tests/data/make_nested.sh OUTDIR
#
# Writes OUTDIR/nested.raw (MBR, p1 NTFS "NESTED" at sector 2048, 16 MiB) and
# OUTDIR/manifest.json (forensic path and MD5 of every hidden JPEG, the limits; see
# nested_gen.py). No root needed. Same inputs -> byte-identical outputs.
set -euo pipefail

[[ $# -eq 1 ]] || { echo "usage: $0 OUTDIR" >&2; exit 2; }
# shellcheck source=tests/data/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
vigil_require_tools

OUT=$1
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)
WORK="$OUT/.work-nested"
rm -rf "$WORK"; mkdir -p "$WORK"

python3 "$VIGIL_DATA_DIR/nested_gen.py" tree "$WORK/src" "$WORK/spec.json" "$WORK/payload"

# sectors: 2048 +32768  p1 NTFS (16 MiB); 34816 end of disk (17 MiB)
vigil_mkntfs "$WORK/p1.img" 16 "$WORK/src" "$WORK/spec.json" NESTED 2048
vigil_ft ntfscp -q -N hidden.jpg "$WORK/p1.img" "$WORK/payload/hidden.jpg" notes.txt \
  || vigil_die "ntfscp ADS notes.txt:hidden.jpg"

vigil_mkdisk "$OUT/nested.raw" 34816 <<'EOF'
label: dos
label-id: 0x4e455354
unit: sectors

start=2048, size=32768, type=7
EOF
vigil_place "$WORK/p1.img" "$OUT/nested.raw" 2048

python3 "$VIGIL_DATA_DIR/nested_gen.py" manifest "$WORK/spec.json" "$OUT/nested.raw" "$OUT/manifest.json"

[[ ${VIGIL_KEEP_WORK:-0} == 1 ]] || rm -rf "$WORK"
echo "make_nested: wrote $OUT/nested.raw ($(stat -c %s "$OUT/nested.raw") bytes)"
