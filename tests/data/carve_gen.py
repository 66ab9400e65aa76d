#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Generated ext4 image for measuring file carving, with its answer key.

    carve_gen.py OUTDIR [--size-mib 64] [--seed 1] [--fill 0.8] [--delete 0.7] [--overwrite 0.15]

Fills an ext4 file system (mke2fs -d, no root needed) with generated, benign files of every
type the carvers know — JPEG, PNG, GIF, BMP, WebP (ffmpeg test patterns with grain), MP4, MOV,
AVI (ffmpeg test sources), PDF (written here, each with a JPEG image stream), ZIP and DOCX-like
ZIPs (zipfile), SQLite databases and WAL files (sqlite3) — plus random data and text that no
carver should claim. Then a known subset is deleted with `debugfs rm` (the blocks stay as they
were) and some of the deleted files are partly overwritten with random bytes (a block-aligned
stretch in their middle, as if reused). Writes OUTDIR/carve.img and OUTDIR/manifest.json:

    {"image": "carve.img", "block_size": 4096, "files": [{"path", "type", "size", "md5",
      "offset" (byte offset of the first block in the image), "deleted", "state"
      ("intact" | "overwritten" | "fragmented" | "sparse": mke2fs left an all-zero block out),
      "overwritten": [[start, end], ...] (image
      offsets), "embedded": [md5 of whole files inside it: a PDF's JPEG, a ZIP's stored JPEG]}]}

Tools: python3 (standard library only), ffmpeg, mke2fs, dumpe2fs and debugfs (e2fsprogs).
"""
import argparse
import hashlib
import json
import os
import random
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import zipfile

BLOCK = 4096
# Share of the file bytes per type (the rest of the image stays empty).
SHARES = {
    "jpeg": 0.32, "png": 0.10, "gif": 0.04, "bmp": 0.07, "webp": 0.04,
    "mp4": 0.09, "mov": 0.05, "avi": 0.05, "pdf": 0.05, "zip": 0.06,
    "sqlite": 0.04, "sqlite-wal": 0.03, "other": 0.06,
}
FF = ["ffmpeg", "-nostdin", "-hide_banner", "-loglevel", "error", "-y"]
BITEXACT = ["-fflags", "+bitexact", "-flags:v", "+bitexact", "-map_metadata", "-1"]
WORDS = ("the quick brown fox jumps over a lazy dog while seven wizards quietly pack boxes "
         "of liquor and jovial zebras mix gin with vodka under the bright morning light").split()


def md5(data: bytes) -> str:
    return hashlib.md5(data).hexdigest()


def run(cmd, **kw):
    return subprocess.run(cmd, check=True, **kw)


class Generator:
    def __init__(self, tree: str, scratch: str, budget: int, seed: int):
        self.tree = tree
        self.scratch = scratch
        self.budget = budget
        self.rng = random.Random(seed)
        self.seed = seed
        self.files = []      # dicts: path, type, embedded
        self.counter = 0
        self.side_pool = []
        self.has_x264 = b"libx264" in subprocess.run(FF + ["-encoders"], capture_output=True).stdout

    # ------------------------------------------------------------------ helpers
    def new_path(self, folder: str, stem: str, ext: str) -> str:
        self.counter += 1
        rel = "%s/%s_%05d.%s" % (folder, stem, self.counter, ext)
        os.makedirs(os.path.join(self.tree, folder), exist_ok=True)
        return rel

    def add(self, rel: str, ftype: str, embedded=()):
        self.files.append({"path": rel, "type": ftype, "embedded": list(embedded)})
        return os.path.getsize(os.path.join(self.tree, rel))

    def frames(self, ext: str, count: int, size: str, args: list) -> list:
        """`count` distinct pictures of one size from an ffmpeg test source with grain."""
        out = tempfile.mkdtemp(dir=self.scratch)
        source = self.rng.choice(["testsrc2=size=%s:rate=1" % size,
                                  "smptehdbars=size=%s:rate=1" % size,
                                  "mandelbrot=size=%s:rate=1:maxiter=48" % size])
        grain = "noise=alls=%d:allf=t:all_seed=%d" % (self.rng.randint(4, 14), self.rng.randint(1, 1 << 30))
        run(FF + ["-f", "lavfi", "-i", source, "-vf", grain, "-frames:v", str(count)] + BITEXACT + args +
            ["-f", "image2", os.path.join(out, "f_%05d." + ext)])
        names = sorted(os.listdir(out))
        return [os.path.join(out, n) for n in names]

    def place(self, src: str, folder: str, stem: str, ext: str, ftype: str) -> int:
        rel = self.new_path(folder, stem, ext)
        shutil.move(src, os.path.join(self.tree, rel))
        return self.add(rel, ftype)

    # ------------------------------------------------------------------ pictures
    PICTURES = {
        # type: (ext, folder, sizes, ffmpeg args, pictures per batch)
        "jpeg": ("jpg", "DCIM", ["640x480", "1024x768", "1280x960", "1920x1080", "2592x1944"],
                 lambda r: ["-c:v", "mjpeg", "-q:v", str(r.randint(2, 7))], 12),
        "png": ("png", "Pictures", ["320x240", "640x480", "800x600", "1280x720"],
                lambda r: ["-c:v", "png", "-pix_fmt", "rgb24"], 6),
        "bmp": ("bmp", "Pictures/bmp", ["200x150", "320x240", "640x480", "1024x768"],
                lambda r: ["-c:v", "bmp", "-pix_fmt", "bgr24"], 6),
        "webp": ("webp", "Pictures/webp", ["320x240", "640x480", "1280x720"],
                 lambda r: ["-c:v", "libwebp", "-quality", str(r.randint(50, 90))], 8),
    }

    def pictures(self, ftype: str, target: int) -> None:
        ext, folder, sizes, args, batch = self.PICTURES[ftype]
        if self.budget < (512 << 20):
            sizes = sizes[:2]   # small images: more, smaller pictures
        made = 0
        while made < target:
            for path in self.frames(ext, batch, self.rng.choice(sizes), args(self.rng)):
                if made >= target:
                    os.remove(path)
                    continue
                made += self.place(path, folder, "IMG", ext, ftype)

    def gif(self) -> int:
        """An animated GIF (ffmpeg's image2 muxer would write headerless frames: one run each)."""
        size = self.rng.choice(["160x120", "320x240", "480x360"])
        frames = self.rng.randint(1, 8)
        src = "testsrc2=size=%s:rate=5" % size
        grain = "noise=alls=%d:allf=t:all_seed=%d" % (self.rng.randint(4, 14), self.rng.randint(1, 1 << 30))
        rel = self.new_path("Pictures/gif", "ANIM", "gif")
        run(FF + ["-f", "lavfi", "-i", src, "-vf", grain, "-frames:v", str(frames)] + BITEXACT +
            ["-pix_fmt", "rgb8", "-loop", "0", "-f", "gif", os.path.join(self.tree, rel)])
        return self.add(rel, "gif")

    # ------------------------------------------------------------------ videos
    def video(self, ftype: str) -> int:
        ext = {"mp4": "mp4", "mov": "mov", "avi": "avi"}[ftype]
        small = self.budget < (512 << 20)
        size = self.rng.choice(["320x240", "640x360"] if small else ["320x240", "640x360", "854x480", "1280x720"])
        seconds = self.rng.randint(2, 4 if small else 10)
        source = self.rng.choice(["testsrc2", "testsrc", "smptebars"])
        src = "%s=size=%s:rate=25:duration=%d" % (source, size, seconds)
        grain = "noise=alls=%d:allf=t:all_seed=%d" % (self.rng.randint(2, 10), self.rng.randint(1, 1 << 30))
        if ftype == "mp4" and self.has_x264:
            codec = ["-c:v", "libx264", "-preset", "ultrafast", "-crf", str(self.rng.randint(20, 30)),
                     "-pix_fmt", "yuv420p"]
        else:
            codec = ["-c:v", "mpeg4", "-q:v", str(self.rng.randint(3, 9))]
        if ftype == "mp4" and self.rng.random() < 0.5:
            codec += ["-movflags", "+faststart"]
        rel = self.new_path("Movies", "VID", ext)
        run(FF + ["-f", "lavfi", "-i", src, "-vf", grain] + BITEXACT + codec + [os.path.join(self.tree, rel)])
        return self.add(rel, ftype)

    # ------------------------------------------------------------------ documents
    def words(self, n: int) -> str:
        return " ".join(self.rng.choice(WORDS) for _ in range(n))

    def side_jpeg(self) -> bytes:
        """A JPEG to put inside a PDF or ZIP (made 16 at a time: one ffmpeg run each batch)."""
        if not self.side_pool:
            self.side_pool = self.frames("jpg", 16, self.rng.choice(["320x240", "640x480", "1024x768"]),
                                         ["-c:v", "mjpeg", "-q:v", "4"])
        path = self.side_pool.pop()
        with open(path, "rb") as f:
            data = f.read()
        os.remove(path)
        return data

    def pdf(self) -> int:
        jpeg = self.side_jpeg()
        text = "BT /F1 11 Tf 40 700 Td (%s) Tj ET q 320 0 0 240 40 400 cm /Im1 Do Q" % self.words(40)
        objects = [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
            b"/Resources << /XObject << /Im1 5 0 R >> /Font << /F1 6 0 R >> >> >>",
            b"<< /Length %d >>\nstream\n%s\nendstream" % (len(text), text.encode()),
            b"<< /Type /XObject /Subtype /Image /Width 1 /Height 1 /ColorSpace /DeviceRGB "
            b"/BitsPerComponent 8 /Filter /DCTDecode /Length %d >>\nstream\n" % len(jpeg) + jpeg + b"\nendstream",
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        ]
        out = bytearray(b"%PDF-1.5\n%\xe2\xe3\xcf\xd3\n")
        offsets = []
        for i, body in enumerate(objects, 1):
            offsets.append(len(out))
            out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
        xref = len(out)
        out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
        out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
        out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
        rel = self.new_path("Documents", "DOC", "pdf")
        with open(os.path.join(self.tree, rel), "wb") as f:
            f.write(out)
        return self.add(rel, "pdf", [md5(jpeg)])

    def zip(self) -> int:
        office = self.rng.random() < 0.4
        jpeg = self.side_jpeg()
        rel = self.new_path("Documents", "ARC", "docx" if office else "zip")
        with zipfile.ZipFile(os.path.join(self.tree, rel), "w") as z:
            stamp = (2024, 3, 1, 12, 0, 0)
            if office:
                members = [("[Content_Types].xml", "<Types>%s</Types>" % self.words(30)),
                           ("word/document.xml", "<w:document>%s</w:document>" % self.words(800))]
            else:
                members = [("notes/%d.txt" % i, self.words(self.rng.randint(200, 3000))) for i in range(3)]
            for name, text in members:
                z.writestr(zipfile.ZipInfo(name, stamp), text, compress_type=zipfile.ZIP_DEFLATED)
            z.writestr(zipfile.ZipInfo("word/media/image1.jpeg" if office else "photo.jpg", stamp), jpeg,
                       compress_type=zipfile.ZIP_STORED)
        return self.add(rel, "zip", [md5(jpeg)])

    # ------------------------------------------------------------------ databases
    def fill_messages(self, db, rows: int) -> None:
        db.execute("CREATE TABLE IF NOT EXISTS messages(id INTEGER PRIMARY KEY, sender TEXT, body TEXT, ts INTEGER)")
        for start in range(0, rows, 100):
            db.executemany("INSERT INTO messages(sender, body, ts) VALUES(?, ?, ?)",
                           [("+4477009%05d" % self.rng.randint(0, 99999), self.words(self.rng.randint(3, 40)),
                             1700000000 + self.rng.randint(0, 10 ** 7)) for _ in range(min(100, rows - start))])
            db.commit()

    def sqlite(self) -> int:
        rel = self.new_path("AppData/db", "chat", "db")
        db = sqlite3.connect(os.path.join(self.tree, rel))
        db.execute("PRAGMA page_size=4096")
        self.fill_messages(db, self.rng.randint(500, 12000) if self.budget >= (512 << 20) else self.rng.randint(100, 1500))
        db.close()
        return self.add(rel, "sqlite")

    def wal(self) -> int:
        work = tempfile.mkdtemp(dir=self.scratch)
        path = os.path.join(work, "store.db")
        db = sqlite3.connect(path)
        db.execute("PRAGMA page_size=4096")
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("PRAGMA wal_autocheckpoint=0")
        self.fill_messages(db, self.rng.randint(300, 4000) if self.budget >= (512 << 20) else self.rng.randint(100, 1000))
        rel = self.new_path("AppData/wal", "store", "db-wal")
        shutil.copyfile(path + "-wal", os.path.join(self.tree, rel))   # before close: closing checkpoints
        db.close()
        shutil.rmtree(work)
        return self.add(rel, "sqlite-wal")

    # ------------------------------------------------------------------ no carver's business
    def other(self) -> int:
        if self.rng.random() < 0.5:
            rel = self.new_path("Data", "blob", "bin")
            data = self.rng.randbytes(self.rng.randint(20_000, 3_000_000))
        else:
            rel = self.new_path("Data", "text", "txt")
            data = "\n".join(self.words(12) for _ in range(self.rng.randint(200, 20000))).encode()
        with open(os.path.join(self.tree, rel), "wb") as f:
            f.write(data)
        return self.add(rel, "other")

    def generate(self) -> None:
        makers = {"gif": self.gif, "mp4": lambda: self.video("mp4"), "mov": lambda: self.video("mov"),
                  "avi": lambda: self.video("avi"), "pdf": self.pdf, "zip": self.zip,
                  "sqlite": self.sqlite, "sqlite-wal": self.wal, "other": self.other}
        for ftype, share in SHARES.items():
            target = int(self.budget * share)
            if ftype in self.PICTURES:
                self.pictures(ftype, target)
                continue
            made = 0
            while made < target:
                made += makers[ftype]()
        self.trim()

    def trim(self) -> None:
        """While over the budget, drops the newest file of the type furthest over its share."""
        size = {f["path"]: os.path.getsize(os.path.join(self.tree, f["path"])) for f in self.files}
        total = sum(size.values())
        while total > self.budget:
            over = {t: sum(size[f["path"]] for f in self.files if f["type"] == t) - self.budget * share
                    for t, share in SHARES.items()}
            victim = [f for f in self.files if f["type"] == max(over, key=over.get)][-1]
            os.remove(os.path.join(self.tree, victim["path"]))
            total -= size[victim["path"]]
            self.files.remove(victim)


def block_lists(img: str, paths: list) -> dict:
    """path -> list of physical blocks, from one debugfs run."""
    script = "".join('blocks "/%s"\n' % p for p in paths)
    out = subprocess.run(["debugfs", "-f", "-", img], input=script.encode(), capture_output=True, check=True)
    result, current = {}, None
    for line in out.stdout.decode().splitlines():
        if line.startswith("debugfs: blocks "):
            current = line[len('debugfs: blocks "/'):-1]
            result[current] = []
        elif current is not None and line.strip():
            result[current] += [int(b) for b in line.split()]
    return result


def free_bytes(size_mib: int, scratch: str) -> int:
    """Bytes free in an empty file system of this size (after journal, inode tables, ...)."""
    img = os.path.join(scratch, "empty.img")
    empty = os.path.join(scratch, "empty")
    os.makedirs(empty, exist_ok=True)
    make_filesystem(empty, img, size_mib)
    out = subprocess.run(["dumpe2fs", "-h", img], capture_output=True, check=True).stdout.decode()
    os.remove(img)
    for line in out.splitlines():
        if line.startswith("Free blocks:"):
            return int(line.split(":")[1]) * BLOCK
    raise RuntimeError("dumpe2fs gave no free block count")


def make_filesystem(tree: str, img: str, size_mib: int) -> None:
    if os.path.exists(img):
        os.remove(img)
    with open(img, "wb") as f:
        f.truncate(size_mib << 20)
    env = dict(os.environ, E2FSPROGS_FAKE_TIME="1709294400")
    run(["mke2fs", "-q", "-F", "-t", "ext4", "-b", str(BLOCK), "-I", "256", "-m", "0", "-L", "CARVE",
         "-U", "5649474c-0000-4000-8000-000000000006",
         "-E", "hash_seed=5649474c-0000-4000-8000-000000000007,root_owner=0:0,nodiscard", "-d", tree, img],
        env=env, stdout=subprocess.DEVNULL)


def delete_and_overwrite(img: str, entries: list, rng: random.Random, delete: float, overwrite: float) -> None:
    doomed = [e for e in entries if rng.random() < delete]
    script = "".join('rm "/%s"\n' % e["path"] for e in doomed)
    subprocess.run(["debugfs", "-w", "-f", "-", img], input=script.encode(), capture_output=True, check=True)
    with open(img, "r+b") as f:
        for e in doomed:
            e["deleted"] = True
            nblocks = (e["size"] + BLOCK - 1) // BLOCK
            if e["state"] != "intact" or nblocks < 4 or rng.random() >= overwrite:
                continue
            first = e["offset"] // BLOCK + nblocks // 4 + rng.randint(0, max(0, nblocks // 4 - 1))
            count = max(1, nblocks // 4)
            f.seek(first * BLOCK)
            f.write(rng.randbytes(count * BLOCK))
            e["state"] = "overwritten"
            e["overwritten"] = [[first * BLOCK, (first + count) * BLOCK]]


def main(argv) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("outdir")
    ap.add_argument("--size-mib", type=int, default=64)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--fill", type=float, default=0.8, help="share of the file system filled with files")
    ap.add_argument("--delete", type=float, default=0.7, help="share of the files deleted")
    ap.add_argument("--overwrite", type=float, default=0.15, help="share of the deleted files partly overwritten")
    args = ap.parse_args(argv)
    os.makedirs(args.outdir, exist_ok=True)
    tree = os.path.join(args.outdir, "tree")
    scratch = os.path.join(args.outdir, "scratch")
    for d in (tree, scratch):
        shutil.rmtree(d, ignore_errors=True)
        os.makedirs(d)
    # Files take a little more than their size (extent blocks, directories): keep 3 % spare.
    budget = int(free_bytes(args.size_mib, scratch) * min(args.fill, 0.97))
    gen = Generator(tree, scratch, budget, args.seed)
    gen.generate()
    img = os.path.join(args.outdir, "carve.img")
    make_filesystem(tree, img, args.size_mib)

    blocks = block_lists(img, [f["path"] for f in gen.files])
    entries = []
    for f in gen.files:
        with open(os.path.join(tree, f["path"]), "rb") as fh:
            data = fh.read()
        b = blocks.get(f["path"], [])
        contiguous = bool(b) and all(b[i + 1] == b[i] + 1 for i in range(len(b) - 1))
        # mke2fs -d leaves all-zero blocks out (holes): such a file is not whole on disk.
        state = "sparse" if len(b) < (len(data) + BLOCK - 1) // BLOCK else "intact" if contiguous else "fragmented"
        entries.append({"path": f["path"], "type": f["type"], "size": len(data), "md5": md5(data),
                        "offset": b[0] * BLOCK if b else None, "deleted": False, "state": state,
                        "overwritten": [], "embedded": f["embedded"]})
    delete_and_overwrite(img, entries, random.Random(args.seed * 7919 + 1), args.delete, args.overwrite)
    manifest = {"generator": "tests/data/carve_gen.py", "version": 1, "seed": args.seed, "image": "carve.img",
                "image_size": args.size_mib << 20, "block_size": BLOCK, "files": entries}
    with open(os.path.join(args.outdir, "manifest.json"), "w") as f:
        json.dump(manifest, f, indent=1)
    shutil.rmtree(tree)
    shutil.rmtree(scratch)
    deleted = [e for e in entries if e["deleted"]]
    print("%s: %d files (%d MiB), %d deleted (%d MiB), %d of them partly overwritten, %d fragmented, %d sparse" % (
        img, len(entries), sum(e["size"] for e in entries) >> 20, len(deleted),
        sum(e["size"] for e in deleted) >> 20, sum(e["state"] == "overwritten" for e in deleted),
        sum(e["state"] == "fragmented" for e in entries), sum(e["state"] == "sparse" for e in entries)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
