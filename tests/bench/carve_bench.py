#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Scores the carvers run by carve_bench.sh against the manifest of tests/data/carve_gen.py.

    carve_bench.py WORKDIR TOOL       (vigil, photorec, foremost or scalpel: scores that tool's
                                       output into WORKDIR/score-TOOL.json)
    carve_bench.py WORKDIR            (the table, from times.tsv and the scores)

Every recovered file is one of
  exact    its MD5 is that of a deleted file (or of a whole file that was inside one: a PDF's
           JPEG, a ZIP's stored JPEG)
  partial  it starts where a deleted file starts, but its bytes differ (damaged, cut short or
           run long)
  false    neither.
recall    = intact deleted files recovered exactly / intact deleted files (types any tool carves)
found     = intact deleted files with an exact or partial recovery / intact deleted files
damaged   = partly overwritten deleted files with a recovery starting at their first byte
precision = (exact + partial) / recovered files
pieces    = false ones that start inside a damaged deleted file (its tail, found on its own)
Offsets: PhotoRec reads the image (its report.xml gives image offsets); the others read
`blkls` output, whose offsets map to the image through `blkls -l`.
"""
import bisect
import collections
import hashlib
import json
import os
import re
import sys
import xml.etree.ElementTree as ET

BLOCK = 4096
TYPE_OF_EXT = {"jpg": "jpeg", "jpeg": "jpeg", "png": "png", "gif": "gif", "bmp": "bmp", "webp": "webp",
               "mp4": "mp4", "m4a": "mp4", "3gp": "mp4", "mov": "mov", "avi": "avi", "pdf": "pdf",
               "zip": "zip", "docx": "zip", "xlsx": "zip", "pptx": "zip", "jar": "zip", "apk": "zip",
               "odt": "zip", "sqlite": "sqlite", "db": "sqlite", "db-wal": "sqlite-wal"}


def md5_file(path: str) -> str:
    h = hashlib.md5()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def stream_map(path: str) -> list:
    """blkls -l: image block of each block of the unallocated stream, in order."""
    blocks = []
    with open(path) as f:
        for line in f:
            addr, _, flag = line.strip().partition("|")
            if flag == "f" and addr.isdigit():
                blocks.append(int(addr))
    return blocks


def to_image(offset: int, blocks: list):
    b = offset // BLOCK
    return blocks[b] * BLOCK + offset % BLOCK if b < len(blocks) else None


def vigil_items(work: str, blocks: list) -> list:
    items = []
    with open(os.path.join(work, "vigil.tsv")) as f:
        for line in f:
            off, length, ctype, ext, status, md5, _note = line.rstrip("\n").split("\t", 6)
            items.append({"offset": to_image(int(off), blocks), "md5": md5, "type": ctype})
    return items


def photorec_items(work: str) -> list:
    items = []
    for d in sorted(os.listdir(os.path.join(work, "photorec"))):
        report = os.path.join(work, "photorec", d, "report.xml")
        if not os.path.exists(report):
            continue
        for obj in ET.parse(report).getroot().iter():
            if not obj.tag.endswith("fileobject"):
                continue
            name = next(c.text for c in obj if c.tag.endswith("filename"))
            runs = [r for r in obj.iter() if r.tag.endswith("byte_run")]
            # The first folder's names are relative, later folders' (recup.2, ...) absolute.
            path = name if os.path.isabs(name) else os.path.join(work, "photorec", d, name)
            if not runs or not os.path.exists(path):
                continue
            items.append({"offset": int(runs[0].get("img_offset")), "md5": md5_file(path),
                          "type": TYPE_OF_EXT.get(name.rsplit(".", 1)[-1], "other")})
    return items


def audit_items(work: str, tool: str, blocks: list, pattern: str) -> list:
    """foremost and scalpel: name and offset (in the blkls stream) from audit.txt."""
    out = os.path.join(work, tool)
    files = {}
    for root, _, names in os.walk(out):
        for n in names:
            files[n] = os.path.join(root, n)
    items = []
    with open(os.path.join(out, "audit.txt"), encoding="latin-1") as f:
        for line in f:
            m = re.match(pattern, line)
            if m and m.group("name") in files:
                name = m.group("name")
                items.append({"offset": to_image(int(m.group("offset")), blocks), "md5": md5_file(files[name]),
                              "type": TYPE_OF_EXT.get(name.rsplit(".", 1)[-1], "other")})
    return items


FOREMOST = r"^\d+:\s+(?P<name>\S+)\s+\S+\s+\S+\s+(?P<offset>\d+)"
SCALPEL = r"^(?P<name>\d+\.\w+)\s+(?P<offset>\d+)\s+"


def score(manifest: dict, items: list, carvable: set) -> dict:
    deleted = [f for f in manifest["files"] if f["deleted"] and f["type"] in carvable]
    by_md5 = {f["md5"]: f for f in deleted}
    embedded = {m for f in manifest["files"] for m in f["embedded"]}
    by_offset = {f["offset"]: f for f in deleted}
    exact, partial, false, pieces = set(), set(), 0, 0
    correct = 0
    damaged_extents = sorted((f["offset"], f["offset"] + f["size"]) for f in deleted
                             if f["state"] != "intact" and f["offset"] is not None)
    starts = [e[0] for e in damaged_extents]
    per_type = collections.defaultdict(lambda: [0, 0])   # intact, recovered exactly
    for item in items:
        f = by_md5.get(item["md5"])
        if f is not None:
            exact.add(f["path"])
            correct += 1
        elif item["md5"] in embedded:
            correct += 1
        elif item["offset"] in by_offset:
            partial.add(by_offset[item["offset"]]["path"])
            correct += 1
        else:
            false += 1
            i = bisect.bisect_right(starts, item["offset"] if item["offset"] is not None else -1) - 1
            pieces += i >= 0 and item["offset"] < damaged_extents[i][1]   # the tail of a damaged file
    intact = [f for f in deleted if f["state"] == "intact"]
    damaged = [f for f in deleted if f["state"] != "intact"]
    for f in intact:
        per_type[f["type"]][0] += 1
        per_type[f["type"]][1] += f["path"] in exact
    return {
        "recall": sum(f["path"] in exact for f in intact) / max(1, len(intact)),
        "found": sum(f["path"] in exact or f["path"] in partial for f in intact) / max(1, len(intact)),
        "damaged": sum(f["path"] in partial or f["path"] in exact for f in damaged) / max(1, len(damaged)),
        "precision": correct / max(1, len(items)),
        "files": len(items), "false": false, "pieces": pieces, "per_type": dict(per_type),
        "intact": len(intact), "damaged_n": len(damaged),
    }


def main(argv) -> int:
    """WORKDIR TOOL: score one tool's output into WORKDIR/score-TOOL.json. WORKDIR: the table."""
    work = argv[0]
    with open(os.path.join(work, "manifest.json")) as f:
        manifest = json.load(f)
    blocks = stream_map(os.path.join(work, "unalloc.lst"))
    loaders = {
        "vigil": lambda: vigil_items(work, blocks),
        "photorec": lambda: photorec_items(work),
        "foremost": lambda: audit_items(work, "foremost", blocks, FOREMOST),
        "scalpel": lambda: audit_items(work, "scalpel", blocks, SCALPEL),
    }
    if len(argv) > 1:
        result = score(manifest, loaders[argv[1]](), set(TYPE_OF_EXT.values()))
        with open(os.path.join(work, "score-%s.json" % argv[1]), "w") as f:
            json.dump(result, f)
        return 0
    times = {}
    with open(os.path.join(work, "times.tsv")) as f:
        for line in f:
            tool, seconds, mib = line.split()
            times[tool] = (float(seconds), float(mib))
    deleted = [f for f in manifest["files"] if f["deleted"]]
    print("image: %d MiB, %d deleted files (%d MiB), %d partly overwritten; unallocated stream %d MiB" % (
        manifest["image_size"] >> 20, len(deleted), sum(f["size"] for f in deleted) >> 20,
        sum(f["state"] == "overwritten" for f in deleted), len(blocks) * BLOCK >> 20))
    print("%-11s %8s %8s %7s %7s %8s %9s %7s %6s %7s" % ("tool", "seconds", "MiB/s", "recall", "found", "damaged",
                                                          "precision", "files", "false", "pieces"))
    results = {}
    for tool in times:
        source = tool.split("+")[0]   # vigil+write: Vigil's items, timed with writing them
        path = os.path.join(work, "score-%s.json" % source)
        if not os.path.exists(path):
            continue
        with open(path) as f:
            s = results[source] = json.load(f)
        seconds, mib = times[tool]
        print("%-11s %8.1f %8.1f %7.3f %7.3f %8.3f %9.3f %7d %6d %7d" % (
            tool, seconds, mib / seconds if seconds else 0, s["recall"], s["found"], s["damaged"], s["precision"],
            s["files"], s["false"], s["pieces"]))
    types = sorted({t for s in results.values() for t in s["per_type"]})
    print("recall of intact deleted files per type (recovered exactly / intact):")
    print("%-11s " % "tool" + " ".join("%10s" % t for t in types))
    for tool, s in results.items():
        print("%-11s " % tool + " ".join("%10s" % ("%d/%d" % tuple(reversed(s["per_type"].get(t, [0, 0]))))
                                        for t in types))
    with open(os.path.join(work, "results.json"), "w") as f:
        json.dump({"times": times, "results": results}, f, indent=1)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
