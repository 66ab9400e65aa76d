# shellcheck shell=bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Shared functions for tests/data/make_evidence.sh and tests/data/make_demo.sh.
# Source it; it needs no root (no mount, no loop device): file systems are built
# in plain files and copied into the disk image at the partition offset.
#
# Tools (Debian 12 packages): e2fsprogs, dosfstools, mtools, ntfs-3g (mkntfs,
# ntfscp and libntfs-3g.so.89), fdisk (sfdisk), ewf-tools (ewfacquire),
# faketime, python3 (stdlib only), coreutils.

VIGIL_DATA_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
VIGIL_GEN="$VIGIL_DATA_DIR/evidence_gen.py"

# Every timestamp written into the images is this instant.
VIGIL_FIXED_TIME='2024-03-01 12:00:00'
VIGIL_FIXED_EPOCH=1709294400

export TZ=UTC LC_ALL=C.UTF-8 LANG=C.UTF-8
export E2FSPROGS_FAKE_TIME=$VIGIL_FIXED_EPOCH
export MTOOLS_SKIP_CHECK=1 MTOOLS_NO_VFAT=0
export PYTHONHASHSEED=0
unset MTOOLSRC

vigil_die() { echo "error: $*" >&2; exit 1; }

vigil_require_tools() {
  local missing=() t
  for t in mke2fs debugfs mkfs.vfat mcopy mmd mdel mkntfs ntfscp sfdisk ewfacquire faketime python3 split dd truncate ffmpeg exiv2; do
    command -v "$t" >/dev/null 2>&1 || missing+=("$t")
  done
  python3 -c 'import ctypes; ctypes.CDLL("libntfs-3g.so.89")' 2>/dev/null || missing+=("libntfs-3g.so.89")
  if ((${#missing[@]})); then
    vigil_die "missing tools: ${missing[*]} (apt-get install -y --no-install-recommends e2fsprogs dosfstools mtools ntfs-3g fdisk ewf-tools faketime python3 ffmpeg exiv2)"
  fi
}

# Run a command with the clock frozen at VIGIL_FIXED_TIME (libfaketime).
vigil_ft() { faketime -f "$VIGIL_FIXED_TIME" "$@"; }

# vigil_spec SPEC dirs|files|deleted   (one entry per line; deleted: "path<TAB>mode")
vigil_spec() {
  python3 - "$1" "$2" <<'EOF'
import json, sys
spec = json.load(open(sys.argv[1], encoding="utf-8"))
what = sys.argv[2]
if what == "dirs":
    for d in spec["dirs"]: print(d)
elif what == "files":
    for f in spec["files"]: print(f["path"])
elif what == "deleted":
    for f in spec["files"]:
        if f["deletion"]: print("%s\t%s" % (f["path"], f["deletion"]))
EOF
}

# vigil_tree PROFILE SEED DIR SPEC   -- generate a payload tree + its description
vigil_tree() {
  rm -rf "$3"; mkdir -p "$3"
  python3 "$VIGIL_GEN" tree "$1" "$2" "$3" "$4"
}

# ---------------------------------------------------------------- ext2/3/4
# vigil_mkext TYPE IMG SIZE_MIB BLOCKSIZE SRCDIR SPEC LABEL UUID
vigil_mkext() {
  local type=$1 img=$2 mib=$3 bs=$4 src=$5 spec=$6 label=$7 uuid=$8
  rm -f "$img"; truncate -s "${mib}M" "$img"
  # hash seed derived from the UUID so directory hashing is reproducible
  local seed="${uuid:0:8}-0000-4000-8000-${uuid: -12}"
  mke2fs -q -F -t "$type" -b "$bs" -I 256 -m 0 -U "$uuid" -L "$label" \
    -E "hash_seed=$seed,root_owner=0:0,nodiscard" -d "$src" "$img" >/dev/null
  # mke2fs -d copies atime/ctime from the source tree; ctime cannot be set by
  # touch, so pin all four inode times afterwards.
  local script; script=$(mktemp)
  {
    local p t
    printf '%s\n' "/" "/lost+found" > "$script.paths"
    vigil_spec "$spec" dirs | sed 's|^|/|' >> "$script.paths"
    vigil_spec "$spec" files | sed 's|^|/|' >> "$script.paths"
    while IFS= read -r p; do
      for t in atime mtime ctime crtime; do
        printf 'sif "%s" %s @%s\n' "$p" "$t" "$VIGIL_FIXED_EPOCH"
      done
    done < "$script.paths"
  } > "$script"
  debugfs -w -f "$script" "$img" >/dev/null 2>"$script.err" || { cat "$script.err" >&2; vigil_die "debugfs failed on $img"; }
  if grep -v '^debugfs ' "$script.err" | grep -q .; then cat "$script.err" >&2; vigil_die "debugfs reported errors on $img"; fi
  rm -f "$script" "$script.paths" "$script.err"
}

# vigil_ext_delete IMG SPEC   -- delete every file the spec marks for deletion
#   delete: debugfs rm (extent tree / block pointers stay in the freed inode)
#   wipe:   debugfs rm, then zero i_size, i_blocks and the extent header's
#           entry count, which is what the Linux kernel leaves behind
vigil_ext_delete() {
  local img=$1 spec=$2 path mode ino
  while IFS=$'\t' read -r path mode; do
    ino=$(debugfs -R "stat \"/$path\"" "$img" 2>/dev/null | sed -n 's/^Inode: \([0-9]*\).*/\1/p')
    [[ -n $ino ]] || vigil_die "ext: cannot find /$path in $img"
    debugfs -w -R "rm \"/$path\"" "$img" >/dev/null 2>&1
    if [[ $mode == wipe ]]; then
      debugfs -w -f - "$img" >/dev/null 2>&1 <<EOF
sif <$ino> size 0
sif <$ino> blocks 0
sif <$ino> block[0] 0x0000F30A
EOF
    fi
  done < <(vigil_spec "$spec" deleted)
}

# ---------------------------------------------------------------- FAT
# vigil_mkfat BITS IMG SIZE_MIB SRCDIR SPEC LABEL VOLID HIDDEN_SECTORS
vigil_mkfat() {
  local bits=$1 img=$2 mib=$3 src=$4 spec=$5 label=$6 volid=$7 hidden=$8 p
  local extra=()
  [[ $bits == 32 ]] && extra=(-s 1)   # 512-byte clusters: FAT32 needs >= 65525 clusters
  rm -f "$img"; truncate -s "${mib}M" "$img"
  mkfs.vfat -F "$bits" "${extra[@]}" --invariant -i "$volid" -n "$label" -h "$hidden" "$img" >/dev/null
  # one command per entry, in spec order: independent of the host's readdir order
  while IFS= read -r p; do vigil_ft mmd -i "$img" "::/$p"; done < <(vigil_spec "$spec" dirs)
  while IFS= read -r p; do vigil_ft mcopy -m -i "$img" "$src/$p" "::/$p"; done < <(vigil_spec "$spec" files)
}

# vigil_fat_delete IMG SPEC
vigil_fat_delete() {
  local img=$1 spec=$2 path mode
  while IFS=$'\t' read -r path mode; do
    vigil_ft mdel -i "$img" "::/$path"
  done < <(vigil_spec "$spec" deleted)
}

# ---------------------------------------------------------------- NTFS
# vigil_mkntfs IMG SIZE_MIB SRCDIR SPEC LABEL HIDDEN_SECTORS
vigil_mkntfs() {
  local img=$1 mib=$2 src=$3 spec=$4 label=$5 hidden=$6 p
  rm -f "$img"; truncate -s "${mib}M" "$img"
  # -T: all times zero, fixed serial; -Q: quick format
  mkntfs -F -Q -T -q -L "$label" -s 512 -c 4096 -p "$hidden" -H 255 -S 63 "$img" >/dev/null 2>&1 \
    || vigil_die "mkntfs failed on $img"
  local ops=()
  while IFS= read -r p; do ops+=(mkdir "$p"); done < <(vigil_spec "$spec" dirs)
  ((${#ops[@]})) && vigil_ft python3 "$VIGIL_GEN" ntfs "$img" "${ops[@]}"
  while IFS= read -r p; do vigil_ft ntfscp -q "$img" "$src/$p" "$p" || vigil_die "ntfscp $p"; done < <(vigil_spec "$spec" files)
}

# vigil_ntfs_ads IMG FILE_IN_FS STREAM ADS_JSONL WORKDIR  -- add an alternate data stream
vigil_ntfs_ads() {
  local img=$1 file=$2 stream=$3 jsonl=$4 work=$5
  local payload="$work/ads.payload.tmp"
  python3 "$VIGIL_GEN" ads "$payload" "$file" "$stream" >> "$jsonl"
  vigil_ft ntfscp -q -N "$stream" "$img" "$payload" "$file" || vigil_die "ntfscp ADS $file:$stream"
  rm -f "$payload"
}

# vigil_ntfs_delete IMG SPEC  -- libntfs-3g ntfs_delete(), no mount
vigil_ntfs_delete() {
  local img=$1 spec=$2 path mode ops=()
  while IFS=$'\t' read -r path mode; do ops+=(rm "$path"); done < <(vigil_spec "$spec" deleted)
  ((${#ops[@]})) && vigil_ft python3 "$VIGIL_GEN" ntfs "$img" "${ops[@]}"
  return 0
}

# ---------------------------------------------------------------- disks
# vigil_mkdisk IMG SIZE_SECTORS  (sfdisk script on stdin)
vigil_mkdisk() {
  rm -f "$1"; truncate -s $(( $2 * 512 )) "$1"
  sfdisk -q --no-reread --no-tell-kernel --wipe never "$1" >/dev/null || vigil_die "sfdisk failed on $1"
}

# vigil_place FSIMG DISK START_SECTOR
vigil_place() {
  dd if="$1" of="$2" bs=512 seek="$3" conv=notrunc,sparse status=none
}

# Description of a disk for the manifest: vigil_media_begin WORK NAME PTTYPE,
# vigil_media_part WORK NAME SLOT START SIZE TYPE LOGICAL [FSTYPE TSKTYPE LABEL SPEC ADSFILE],
# vigil_media_end WORK NAME DISK
vigil_media_begin() {
  printf '{"name": "%s", "partition_table": "%s", "sector_size": 512}\n' "$2" "$3" > "$1/$2.parts.jsonl"
}
vigil_media_part() {
  local work=$1 name=$2 slot=$3 start=$4 size=$5 type=$6 logical=$7 fs=null
  if (($# > 7)); then
    fs=$(printf '{"type": "%s", "tsk_type": "%s", "label": "%s", "spec": "%s", "ads_file": "%s"}' "$8" "$9" "${10}" "${11}" "${12:-}")
  fi
  printf '{"slot": %s, "start_sector": %s, "size_sectors": %s, "type": "%s", "logical": %s, "fs": %s}\n' \
    "$slot" "$start" "$size" "$type" "$logical" "$fs" >> "$work/$name.parts.jsonl"
}
vigil_media_end() {
  python3 "$VIGIL_GEN" media "$1/$2.parts.jsonl" "$3"
}

# ---------------------------------------------------------------- containers
# vigil_ewf RAW TARGET_WITHOUT_EXT SEGMENT_BYTES('' = default 1.4 GiB) CASE DESCRIPTION
vigil_ewf() {
  local raw=$1 target=$2 seg=$3 case=$4 desc=$5 segopt=()
  [[ -n $seg ]] && segopt=(-S "$seg")
  rm -f "$target".E[0-9][0-9]
  vigil_ft ewfacquire -u -q -t "$target" -f encase6 -c deflate:fast -b 64 -d sha1 \
    -C "$case" -D "$desc" -e "Vigil test generator" -E "EV-001" -N "synthetic test data" \
    -m fixed -M physical "${segopt[@]}" "$raw" >/dev/null 2>&1 || vigil_die "ewfacquire failed on $raw"
}

# vigil_split RAW SEGMENT_SIZE  -> RAW.001, RAW.002, ...
vigil_split() {
  rm -f "$1".[0-9][0-9][0-9]
  split -b "$2" -d -a 3 --numeric-suffixes=1 "$1" "$1."
}
