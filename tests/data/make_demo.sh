#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Bundled demo evidence: one suspect's two devices, small and deterministic, as E01.
#
#   tests/data/make_demo.sh OUTDIR
#
# Writes OUTDIR/demo.E01, the "seized laptop" (MBR: p1 NTFS "Windows" with a user
# profile, p2 FAT32 "DATA"), OUTDIR/demo-phone.E01, the "seized phone" (GPT: p1
# ext4 "userdata" of an Android phone) and OUTDIR/manifest.json (same schema as
# make_evidence.sh; verify with python3 tests/data/check_manifest.py OUTDIR). All
# content is generated and benign: gradient pictures, short texts, a tiny chat
# database with a WhatsApp-legacy-like `messages` table, real-schema chat,
# contact, call-log and browser databases of several apps (laptop: WhatsApp with a
# -wal, Android SMS and call log, iOS Messages, Skype, Chrome, chat_gen.py; phone:
# WhatsApp, Telegram, Instagram, Snapchat, SMS, contacts, call log, phone_gen.py;
# the scenario in README.md, its ground truth in demo_people_truth.json), one file
# whose extension lies and deleted files. No root needed.
set -euo pipefail

[[ $# -eq 1 ]] || { echo "usage: $0 OUTDIR" >&2; exit 2; }
# shellcheck source=tests/data/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
vigil_require_tools

OUT=$1
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)
WORK="$OUT/.work-demo"
rm -rf "$WORK"; mkdir -p "$WORK"

# sectors:  2048 +49152   p1 NTFS  (24 MiB)  "Windows"
#          51200 +73728   p2 FAT32 (36 MiB)  "DATA"
#         126976          end of disk (62 MiB)
vigil_tree demo_ntfs demo:p1 "$WORK/src_p1" "$WORK/spec_p1.json"
vigil_tree demo_fat  demo:p2 "$WORK/src_p2" "$WORK/spec_p2.json"

: > "$WORK/ads_p1.jsonl"
vigil_mkntfs "$WORK/p1.img" 24 "$WORK/src_p1" "$WORK/spec_p1.json" Windows 2048
vigil_ntfs_ads "$WORK/p1.img" "Users/alex/Downloads/invoice_march.pdf" Zone.Identifier "$WORK/ads_p1.jsonl" "$WORK"
vigil_ntfs_delete "$WORK/p1.img" "$WORK/spec_p1.json"
vigil_mkfat 32 "$WORK/p2.img" 36 "$WORK/src_p2" "$WORK/spec_p2.json" DATA 44454d4f 51200
vigil_fat_delete "$WORK/p2.img" "$WORK/spec_p2.json"

vigil_mkdisk "$WORK/demo.raw" 126976 <<'SFDISK'
label: dos
label-id: 0x44454d4f
unit: sectors

start=2048, size=49152, type=7, bootable
start=51200, size=73728, type=c
SFDISK
vigil_place "$WORK/p1.img" "$WORK/demo.raw" 2048
vigil_place "$WORK/p2.img" "$WORK/demo.raw" 51200

vigil_media_begin "$WORK" demo dos
vigil_media_part "$WORK" demo 1 2048 49152 0x07 false ntfs ntfs Windows "$WORK/spec_p1.json" "$WORK/ads_p1.jsonl"
vigil_media_part "$WORK" demo 2 51200 73728 0x0c false fat32 fat32 DATA "$WORK/spec_p2.json"
vigil_media_end "$WORK" demo "$WORK/demo.raw"

vigil_ewf "$WORK/demo.raw" "$OUT/demo" "" DEMO-0001 "Demo laptop (synthetic)"

# ------------------------------------------------------------ demo-phone.E01
# sectors:  2048 +32768   p1 ext4 (16 MiB, 4 KiB blocks)  "userdata"
#          36864          end of disk (18 MiB; backup GPT in the last 33 sectors)
vigil_tree demo_phone demo_phone:p1 "$WORK/src_phone" "$WORK/spec_phone.json"
vigil_mkext ext4 "$WORK/phone.img" 16 4096 "$WORK/src_phone" "$WORK/spec_phone.json" userdata \
  44454d4f-5048-4f4e-8500-000000000001
vigil_ext_delete "$WORK/phone.img" "$WORK/spec_phone.json"

vigil_mkdisk "$WORK/demo_phone.raw" 36864 <<'SFDISK'
label: gpt
label-id: 44454D4F-5048-4F4E-8000-000000000000
unit: sectors
first-lba: 2048

start=2048, size=32768, type=0FC63DAF-8483-4772-8E79-3D69D8477DE4, uuid=44454D4F-5048-4F4E-8000-000000000001, name="userdata"
SFDISK
vigil_place "$WORK/phone.img" "$WORK/demo_phone.raw" 2048

vigil_media_begin "$WORK" demo_phone gpt
vigil_media_part "$WORK" demo_phone 1 2048 32768 0FC63DAF-8483-4772-8E79-3D69D8477DE4 false ext4 ext4 userdata \
  "$WORK/spec_phone.json"
vigil_media_end "$WORK" demo_phone "$WORK/demo_phone.raw"

vigil_ewf "$WORK/demo_phone.raw" "$OUT/demo-phone" "" DEMO-0001 "Demo phone (synthetic)"

cat > "$WORK/images.json" <<'EOF'
[
 {"file": "demo.E01",       "container": "ewf", "media": "demo"},
 {"file": "demo-phone.E01", "container": "ewf", "media": "demo_phone"}
]
EOF
VIGIL_GENERATED_BY=tests/data/make_demo.sh python3 "$VIGIL_GEN" manifest "$WORK" "$OUT" "$WORK/images.json"

[[ ${VIGIL_KEEP_WORK:-0} == 1 ]] || rm -rf "$WORK"
echo "make_demo: wrote $OUT/demo.E01 ($(stat -c %s "$OUT/demo.E01") bytes)" \
  "and $OUT/demo-phone.E01 ($(stat -c %s "$OUT/demo-phone.E01") bytes)"
