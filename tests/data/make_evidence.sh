#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Deterministic synthetic disk images with an answer key.
#
#   tests/data/make_evidence.sh OUTDIR
#
# Writes into OUTDIR:
#   mbr_ext4.raw            MBR: p1 ext4, p2 extended -> p5 FAT16, p6 ext2
#   mbr_ext4.E01            the same media as EnCase 6 E01 (one segment)
#   mbr_ext4_seg.E01..E0n   the same media as a multi-segment E01 set (1 MiB segments)
#   mbr_ext4.raw.001..      the same media as split raw (4 MiB segments)
#   gpt_fat_ntfs.raw        GPT: p1 FAT32, p2 NTFS (with alternate data streams)
#   manifest.json           answer key (see tests/data/README.md)
# Verify with: python3 tests/data/check_manifest.py OUTDIR
# No root needed. Same inputs -> byte-identical outputs.
set -euo pipefail

[[ $# -eq 1 ]] || { echo "usage: $0 OUTDIR" >&2; exit 2; }
# shellcheck source=tests/data/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
vigil_require_tools

OUT=$1
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)
WORK="$OUT/.work"
rm -rf "$WORK"; mkdir -p "$WORK"
start_ts=$(date +%s.%N)

# ------------------------------------------------------------ mbr_ext4.raw
# sectors:  2048 +32768  p1 ext4 (16 MiB, 4 KiB blocks)
#          34816 +45056  p2 extended
#          34816         EBR 1;  36864 +24576  p5 FAT16 (12 MiB)
#          61440         EBR 2;  63488 +16384  p6 ext2  (8 MiB, 1 KiB blocks)
#          81920         end of disk (40 MiB)
vigil_tree full  mbr_ext4:p1 "$WORK/src_p1" "$WORK/spec_p1.json"
vigil_tree fat   mbr_ext4:p5 "$WORK/src_p5" "$WORK/spec_p5.json"
vigil_tree small mbr_ext4:p6 "$WORK/src_p6" "$WORK/spec_p6.json"

vigil_mkext ext4 "$WORK/p1.img" 16 4096 "$WORK/src_p1" "$WORK/spec_p1.json" VIGIL_EXT4 1b4e28ba-2fa1-11d2-883f-0016d3cca427
vigil_ext_delete "$WORK/p1.img" "$WORK/spec_p1.json"
vigil_mkfat 16 "$WORK/p5.img" 12 "$WORK/src_p5" "$WORK/spec_p5.json" VIGIL_FAT16 5649a016 36864
vigil_fat_delete "$WORK/p5.img" "$WORK/spec_p5.json"
vigil_mkext ext2 "$WORK/p6.img" 8 1024 "$WORK/src_p6" "$WORK/spec_p6.json" VIGIL_EXT2 6f7e1b2c-3d4a-4b5c-8d9e-0a1b2c3d4e5f
vigil_ext_delete "$WORK/p6.img" "$WORK/spec_p6.json"

vigil_mkdisk "$OUT/mbr_ext4.raw" 81920 <<'EOF'
label: dos
label-id: 0x5649474c
unit: sectors

start=2048, size=32768, type=83, bootable
start=34816, size=45056, type=5
start=36864, size=24576, type=e
start=63488, size=16384, type=83
EOF
vigil_place "$WORK/p1.img" "$OUT/mbr_ext4.raw" 2048
vigil_place "$WORK/p5.img" "$OUT/mbr_ext4.raw" 36864
vigil_place "$WORK/p6.img" "$OUT/mbr_ext4.raw" 63488

vigil_media_begin "$WORK" mbr_ext4 dos
vigil_media_part "$WORK" mbr_ext4 1 2048 32768 0x83 false ext4 ext4 VIGIL_EXT4 "$WORK/spec_p1.json"
vigil_media_part "$WORK" mbr_ext4 2 34816 45056 0x05 false
vigil_media_part "$WORK" mbr_ext4 5 36864 24576 0x0e true fat16 fat16 VIGIL_FAT16 "$WORK/spec_p5.json"
vigil_media_part "$WORK" mbr_ext4 6 63488 16384 0x83 true ext2 ext2 VIGIL_EXT2 "$WORK/spec_p6.json"
vigil_media_end "$WORK" mbr_ext4 "$OUT/mbr_ext4.raw"

# containers of the same media
vigil_ewf "$OUT/mbr_ext4.raw" "$OUT/mbr_ext4" "" CASE-2024-001 "mbr_ext4 single segment"
vigil_ewf "$OUT/mbr_ext4.raw" "$OUT/mbr_ext4_seg" 1048576 CASE-2024-001 "mbr_ext4 multi segment"
vigil_split "$OUT/mbr_ext4.raw" 4M

# ------------------------------------------------------------ gpt_fat_ntfs.raw
# sectors:  2048 +73728  p1 FAT32 (36 MiB, 512-byte clusters)
#          75776 +32768  p2 NTFS  (16 MiB, 4 KiB clusters)
#         110592         end of disk (54 MiB; backup GPT in the last 33 sectors)
vigil_tree fat  gpt_fat_ntfs:p1 "$WORK/src_g1" "$WORK/spec_g1.json"
vigil_tree ntfs gpt_fat_ntfs:p2 "$WORK/src_g2" "$WORK/spec_g2.json"

vigil_mkfat 32 "$WORK/g1.img" 36 "$WORK/src_g1" "$WORK/spec_g1.json" VIGIL_FAT32 5649a032 2048
vigil_fat_delete "$WORK/g1.img" "$WORK/spec_g1.json"
: > "$WORK/ads_g2.jsonl"
vigil_mkntfs "$WORK/g2.img" 16 "$WORK/src_g2" "$WORK/spec_g2.json" VIGIL_NTFS 75776
vigil_ntfs_ads "$WORK/g2.img" "Documents/report_2023.txt" Zone.Identifier "$WORK/ads_g2.jsonl" "$WORK"
vigil_ntfs_ads "$WORK/g2.img" "Pictures/sunset.png" "vigil.comment" "$WORK/ads_g2.jsonl" "$WORK"
vigil_ntfs_ads "$WORK/g2.img" "Pictures/deleted_holiday.png" Zone.Identifier "$WORK/ads_g2.jsonl" "$WORK"
vigil_ntfs_delete "$WORK/g2.img" "$WORK/spec_g2.json"

vigil_mkdisk "$OUT/gpt_fat_ntfs.raw" 110592 <<'EOF'
label: gpt
label-id: 5649474C-0000-4000-8000-000000000001
unit: sectors
first-lba: 2048

start=2048, size=73728, type=EBD0A0A2-B9E5-4433-87C0-68B6B72699C7, uuid=5649474C-0001-4000-8000-000000000001, name="VIGIL FAT32"
start=75776, size=32768, type=EBD0A0A2-B9E5-4433-87C0-68B6B72699C7, uuid=5649474C-0002-4000-8000-000000000002, name="VIGIL NTFS"
EOF
vigil_place "$WORK/g1.img" "$OUT/gpt_fat_ntfs.raw" 2048
vigil_place "$WORK/g2.img" "$OUT/gpt_fat_ntfs.raw" 75776

vigil_media_begin "$WORK" gpt_fat_ntfs gpt
vigil_media_part "$WORK" gpt_fat_ntfs 1 2048 73728 EBD0A0A2-B9E5-4433-87C0-68B6B72699C7 false fat32 fat32 VIGIL_FAT32 "$WORK/spec_g1.json"
vigil_media_part "$WORK" gpt_fat_ntfs 2 75776 32768 EBD0A0A2-B9E5-4433-87C0-68B6B72699C7 false ntfs ntfs VIGIL_NTFS "$WORK/spec_g2.json" "$WORK/ads_g2.jsonl"
vigil_media_end "$WORK" gpt_fat_ntfs "$OUT/gpt_fat_ntfs.raw"

# ------------------------------------------------------------ manifest
cat > "$WORK/images.json" <<'EOF'
[
 {"file": "mbr_ext4.raw",     "container": "raw",       "media": "mbr_ext4"},
 {"file": "mbr_ext4.E01",     "container": "ewf",       "media": "mbr_ext4"},
 {"file": "mbr_ext4_seg.E01", "container": "ewf",       "media": "mbr_ext4"},
 {"file": "mbr_ext4.raw.001", "container": "split-raw", "media": "mbr_ext4"},
 {"file": "gpt_fat_ntfs.raw", "container": "raw",       "media": "gpt_fat_ntfs"}
]
EOF
python3 "$VIGIL_GEN" manifest "$WORK" "$OUT" "$WORK/images.json"

[[ ${VIGIL_KEEP_WORK:-0} == 1 ]] || rm -rf "$WORK"
end_ts=$(date +%s.%N)
python3 -c "print('make_evidence: wrote $OUT in %.1f s' % ($end_ts - $start_ts))"
