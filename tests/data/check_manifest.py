#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Check OUTDIR/manifest.json (written by make_evidence.sh / make_demo.sh)
against what The Sleuth Kit's command line tools read from the images.

    python3 tests/data/check_manifest.py OUTDIR [--quick]

For every image (raw, E01, multi-segment E01, split raw):
  * the media bytes (img_cat) have the manifest's size, MD5 and SHA-1
  * mmls lists every partition at the manifest's start/length
  * fsstat recognises the file system type of every partition
  * fls -r -p lists every manifest directory and file with the right
    deleted flag, and lists no other user file
  * icat of every file whose content_recoverable is true has the manifest
    MD5; for content_recoverable false, icat must NOT give the original bytes
--quick checks files only on the first image of each media (the others get the
media, partition and listing checks).
Prints one line per check group and closes with 'N passed, N failed'.
Exit status 0 only when nothing failed. Standard library only.
"""
import hashlib
import json
import os
import re
import subprocess
import sys

FLS_RE = re.compile(r"^(\S)/(\S)\s+(\*\s+)?([0-9][0-9-]*)(?:\(realloc\))?:\t(.*)$")
FSSTAT_NAMES = {"ext2": "Ext2", "ext3": "Ext3", "ext4": "Ext4", "fat12": "FAT12",
                "fat16": "FAT16", "fat32": "FAT32", "ntfs": "NTFS"}
# entries TSK adds itself, or the file system creates; never part of a manifest
SYSTEM_RE = re.compile(r"(^|/)\$|^lost\+found$|\(Volume Label Entry\)$|^System Volume Information")


class Checker:
    def __init__(self):
        self.passed = 0
        self.failed = 0

    def ok(self, msg):
        self.passed += 1
        print("  ok    " + msg)

    def fail(self, msg):
        self.failed += 1
        print("  FAIL  " + msg)

    def check(self, cond, msg):
        (self.ok if cond else self.fail)(msg)
        return cond


def run(args, binary=False):
    p = subprocess.run(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    if binary:
        return p.returncode, p.stdout
    return p.returncode, p.stdout.decode("utf-8", "replace")


def stream_hash(args):
    md5, sha1, size = hashlib.md5(), hashlib.sha1(), 0
    p = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    for blk in iter(lambda: p.stdout.read(1 << 20), b""):
        md5.update(blk)
        sha1.update(blk)
        size += len(blk)
    p.wait()
    return p.returncode, size, md5.hexdigest(), sha1.hexdigest()


def parse_fls(text):
    entries = {}
    for line in text.splitlines():
        m = FLS_RE.match(line)
        if not m:
            continue
        name_t, meta_t, star, addr, path = m.groups()
        entries.setdefault(path, []).append(dict(name_type=name_t, meta_type=meta_t,
                                                 deleted=bool(star), addr=addr))
    return entries


def check_partitions(c, img, media):
    rc, out = run(["mmls", "-a", img])
    if not c.check(rc == 0, "mmls reads the %s partition table" % media["partition_table"]):
        return
    found = set()
    for line in out.splitlines():
        m = re.match(r"^\d+:\s+\S+\s+(\d+)\s+(\d+)\s+(\d+)\s", line)
        if m:
            found.add((int(m.group(1)), int(m.group(3))))
    rc, out_all = run(["mmls", img])
    ext_starts = {int(m.group(1)) for m in re.finditer(r"^\d+:\s+Meta\s+(\d+)\s+\d+\s+\d+\s+DOS Extended", out_all, re.M)}
    for p in media["partitions"]:
        if p["fs"] is None:
            c.check(p["start_sector"] in ext_starts,
                    "partition %d (extended, type %s) at sector %d" % (p["slot"], p["type"], p["start_sector"]))
        else:
            c.check((p["start_sector"], p["size_sectors"]) in found,
                    "partition %d (%s%s) at sector %d, %d sectors" % (
                        p["slot"], p["fs"]["type"], ", logical" if p["logical"] else "",
                        p["start_sector"], p["size_sectors"]))


def check_fs(c, img, part, with_content):
    fs = part["fs"]
    off = str(part["start_sector"])
    tag = "p%d %s" % (part["slot"], fs["type"])
    rc, out = run(["fsstat", "-o", off, img])
    m = re.search(r"File System Type:\s*(\S+)", out)
    c.check(rc == 0 and m and m.group(1) == FSSTAT_NAMES[fs["tsk_type"]],
            "%s: fsstat type %s" % (tag, m.group(1) if m else "?"))
    rc, out = run(["fls", "-r", "-p", "-o", off, img])
    if not c.check(rc == 0, "%s: fls -r -p" % tag):
        return
    listing = parse_fls(out)

    bad = [d for d in fs["directories"]
           if not any(e["meta_type"] == "d" and not e["deleted"] for e in listing.get(d, []))]
    c.check(not bad, "%s: %d directories listed%s" % (tag, len(fs["directories"]),
                                                     "" if not bad else "; missing: %s" % bad))

    n_del = sum(1 for f in fs["files"] if f["deleted"])
    problems, recovered, unrecoverable = [], 0, 0
    for f in fs["files"]:
        cands = [e for e in listing.get(f["path"], []) if e["meta_type"] == "r" and e["deleted"] == f["deleted"]]
        if not cands:
            seen = listing.get(f["path"])
            problems.append("%s: %s" % (f["path"], "not listed" if not seen else "listed as %s" % seen))
            continue
        if not with_content:
            continue
        addr = cands[0]["addr"]
        rc, size, md5, _ = stream_hash(["icat", "-o", off, img, addr])
        if f["content_recoverable"]:
            if md5 != f["md5"] or size != f["size"]:
                problems.append("%s (%s): icat gave %d bytes md5 %s, expected %d bytes md5 %s" % (
                    f["path"], addr, size, md5, f["size"], f["md5"]))
            elif f["deleted"]:
                recovered += 1
        else:
            if md5 == f["md5"] and size == f["size"]:
                problems.append("%s: marked not recoverable but icat recovers it" % f["path"])
            else:
                unrecoverable += 1
    known = set(fs["directories"]) | {f["path"] for f in fs["files"]}
    extra = sorted(p for p in listing if p not in known and not SYSTEM_RE.search(p))
    if extra:
        problems.append("unexpected entries: %s" % extra)
    what = "listed" + (" and content verified" if with_content else "")
    detail = ""
    if with_content and n_del:
        detail = " (%d deleted: %d recovered, %d unrecoverable as expected)" % (n_del, recovered, unrecoverable)
    c.check(not problems, "%s: %d files %s%s%s" % (tag, len(fs["files"]), what, detail,
                                                   "".join("\n          - " + p for p in problems)))


def main(argv):
    args = [a for a in argv[1:] if not a.startswith("--")]
    quick = "--quick" in argv
    if len(args) != 1:
        sys.exit(__doc__)
    outdir = args[0]
    with open(os.path.join(outdir, "manifest.json"), encoding="utf-8") as f:
        manifest = json.load(f)
    c = Checker()
    content_done = set()
    for image in manifest["images"]:
        media = manifest["media"][image["media"]]
        img = os.path.join(outdir, image["file"])
        print("%s (%s, %d segment%s, media %s)" % (image["file"], image["container"], len(image["segments"]),
                                                   "" if len(image["segments"]) == 1 else "s", image["media"]))
        missing = [s["file"] for s in image["segments"] if not os.path.exists(os.path.join(outdir, s["file"]))]
        if not c.check(not missing, "segment files present" + (": missing %s" % missing if missing else "")):
            continue
        rc, size, md5, sha1 = stream_hash(["img_cat", img])
        c.check(rc == 0 and (size, md5, sha1) == (media["size"], media["md5"], media["sha1"]),
                "media: %d bytes, md5 %s, sha1 %s" % (size, md5, sha1))
        check_partitions(c, img, media)
        with_content = not quick or image["media"] not in content_done
        content_done.add(image["media"])
        for part in media["partitions"]:
            if part["fs"]:
                check_fs(c, img, part, with_content)
    print("%d passed, %d failed" % (c.passed, c.failed))
    return 1 if c.failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
