#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""A realistic source tree for a benchmark image, scaled by the image's size (the memory
benchmark, issue 10): the same mix per GiB of image, so a 1 GiB and an 8 GiB image differ only
in how much of everything they hold.

    tests/bench/make_mixed_tree.py SRC SIZE_MIB DELETED_LIST [MEDIA_ONLY]

Per GiB of image (counts scale linearly, at least one of each):
  8,000 small files 1-64 KiB (text and binary, skewed towards small) in ~700 directories
    150 medium files 100-900 KiB, 3 large files 24-56 MiB
    320 JPEG photos (ffmpeg frames of four generated scenes, 640x480 .. 1280x720)
      2 MP4 videos (6 s, 320x240, MPEG-4 Part 2)
      2 ZIP archives (deflated: 200 text files and 10 of the photos each)
  100,000 WhatsApp messages in one msgstore.db (tests/bench/make_whatsapp_db.py)
plus, once, the demo laptop's chat, call and browser databases (tests/data/chat_gen.py).
MEDIA_ONLY=1 instead writes the media-heavy mix: 2,000 photos per GiB, 4 videos, and, once,
one large video (~160 MiB, under the 256 MiB in-memory media limit), nothing else.

About half of the image is filled. DELETED_LIST gets the paths (one a line, from the root) that
make_bench_image.sh then deletes with debugfs: 8 % of the small files, 10 % of the photos,
one video and one ZIP in two, one medium file in ten; the carver finds their content in
unallocated space. Everything but ffmpeg's output is seeded and deterministic.
"""
import os
import random
import subprocess
import sys
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
WORDS = ("report meeting invoice school homework football practice weekend holiday train ticket "
         "photo birthday party dinner recipe garden music playlist game score level password "
         "account order delivery address phone number tomorrow tonight morning evening").split()
SCENES = [("mandelbrot=size=1024x768:maxiter=96:start_scale=3:end_scale=0.02:rate=25", "mandel"),
          ("testsrc2=size=1280x720:rate=25", "testsrc"),
          ("life=size=800x600:mold=10:ratio=0.3:death_color=#204060:life_color=#e0c080:rate=25", "life"),
          ("cellauto=size=640x480:rule=110:rate=25", "cellauto")]


def scaled(per_gib: float, gib: float) -> int:
    return max(1, round(per_gib * gib))


def text_blob(rng: random.Random, size: int) -> bytes:
    words = []
    total = 0
    while total < size:
        w = rng.choice(WORDS)
        words.append(w)
        total += len(w) + 1
    return " ".join(words).encode()[:size]


def make_tree(root: str, rng: random.Random, gib: float, deleted: list) -> int:
    leaves = []
    for a in range(20):
        for b in range(35):
            d = os.path.join("home", "user_%02d" % a, "dir_%02d" % b)
            if (a * 35 + b) % 7 == 0:
                d = os.path.join(d, "archive", "year_%d" % (2015 + b % 9))
            leaves.append(d)
    for d in leaves:
        os.makedirs(os.path.join(root, d), exist_ok=True)
    pool = rng.randbytes(64 << 20)
    sizes = [("small", 1024 + int(63 * 1024 * rng.random() ** 2)) for _ in range(scaled(8000, gib))]
    sizes += [("medium", rng.randint(100, 900) * 1024 + rng.randint(0, 1023)) for _ in range(scaled(150, gib))]
    sizes += [("large", (24 + 16 * (i % 3)) * (1 << 20) + rng.randint(0, 4095)) for i in range(scaled(3, gib))]
    ext = {"small": (".txt", ".log", ".json", ".dat", ".csv"), "medium": (".pdf", ".docx", ".bin"),
           "large": (".bin", ".iso")}
    for i, (kind, size) in enumerate(sizes):
        rel = os.path.join(leaves[(i * 7919) % len(leaves)], "%s_%06d%s" % (kind, i, ext[kind][i % len(ext[kind])]))
        header = ("VIGIL-MEMBENCH %06d %s %d\n" % (i, kind, size)).encode()
        if kind == "small" and i % 2 == 0:
            body = text_blob(rng, size - len(header))
        else:
            off = (i * 1048573) % ((64 << 20) - size) if size < (64 << 20) else 0
            body = pool[off:off + size - len(header)]
        with open(os.path.join(root, rel), "wb") as f:
            f.write(header)
            f.write(body)
            if len(body) < size - len(header):
                f.write(rng.randbytes(size - len(header) - len(body)))
        if (kind == "small" and i % 12 == 5) or (kind == "medium" and i % 10 == 3):
            deleted.append(rel)
    return len(sizes)


def ffmpeg(*args):
    subprocess.run(["ffmpeg", "-loglevel", "error", "-y", *args], check=True)


def make_photos(root: str, tmp: str, count: int, deleted: list) -> list:
    """COUNT JPEGs under DCIM/ and Pictures/; returns their paths (from the root)."""
    os.makedirs(tmp, exist_ok=True)
    per_scene = (count + len(SCENES) - 1) // len(SCENES)
    made = []
    for src, name in SCENES:
        ffmpeg("-f", "lavfi", "-i", src, "-frames:v", str(per_scene), "-q:v", "4",
               os.path.join(tmp, name + "_%05d.jpg"))
        made += sorted(os.path.join(tmp, f) for f in os.listdir(tmp) if f.startswith(name + "_"))
    rels = []
    for i, path in enumerate(made[:count]):
        folder = ("DCIM", "Camera_%02d" % (i // 500)) if i % 3 else ("Pictures", "Saved_%02d" % (i // 800))
        rel = os.path.join("home", "user_%02d" % (i % 20), *folder, "IMG_%06d.jpg" % i)
        os.makedirs(os.path.dirname(os.path.join(root, rel)), exist_ok=True)
        os.replace(path, os.path.join(root, rel))
        rels.append(rel)
        if i % 10 == 7:
            deleted.append(rel)
    for f in os.listdir(tmp):
        os.unlink(os.path.join(tmp, f))
    return rels


def make_videos(root: str, count: int, deleted: list):
    for i in range(count):
        rel = os.path.join("home", "user_%02d" % (i % 20), "Videos", "VID_%04d.mp4" % i)
        os.makedirs(os.path.dirname(os.path.join(root, rel)), exist_ok=True)
        src = "mandelbrot=size=320x240:rate=15:maxiter=64:start_scale=%g:end_scale=0.05" % (1.5 + 0.37 * i)
        ffmpeg("-f", "lavfi", "-i", src, "-t", "6", "-c:v", "mpeg4", "-q:v", "5", "-pix_fmt", "yuv420p",
               os.path.join(root, rel))
        if i % 2 == 1:
            deleted.append(rel)


def make_large_video(root: str):
    """One 1280x720 MPEG-4 of 120 s (about 160 MiB): the largest item the analyser holds in memory."""
    rel = os.path.join("home", "user_00", "Videos", "VID_large.mp4")
    os.makedirs(os.path.dirname(os.path.join(root, rel)), exist_ok=True)
    ffmpeg("-f", "lavfi", "-i", "testsrc2=size=1280x720:rate=25", "-t", "120", "-c:v", "mpeg4", "-q:v", "2",
           "-pix_fmt", "yuv420p", os.path.join(root, rel))


def make_zips(root: str, rng: random.Random, count: int, photos: list, deleted: list):
    for z in range(count):
        rel = os.path.join("home", "user_%02d" % (z % 20), "Downloads", "backup_%03d.zip" % z)
        os.makedirs(os.path.dirname(os.path.join(root, rel)), exist_ok=True)
        with zipfile.ZipFile(os.path.join(root, rel), "w", zipfile.ZIP_DEFLATED) as zf:
            for m in range(200):
                info = zipfile.ZipInfo("notes/%03d/note_%04d.txt" % (m // 50, m), (2024, 3, 1, 12, 0, 0))
                zf.writestr(info, text_blob(rng, 512 + rng.randrange(16384)), zipfile.ZIP_DEFLATED)
            for k in range(10):
                photo = photos[(z * 10 + k) % len(photos)]
                zf.write(os.path.join(root, photo), "photos/" + os.path.basename(photo))
        if z % 2 == 1:
            deleted.append(rel)


def make_chats(root: str, gib: float):
    wa = os.path.join(root, "phone", "data", "data", "com.whatsapp", "databases", "msgstore.db")
    os.makedirs(os.path.dirname(wa), exist_ok=True)
    n = scaled(100_000, gib)
    subprocess.run([sys.executable, os.path.join(HERE, "make_whatsapp_db.py"), wa, str(n)], check=True,
                   stdout=subprocess.DEVNULL)
    subprocess.run([sys.executable, os.path.join(HERE, "..", "data", "chat_gen.py"),
                    os.path.join(root, "laptop", "chats")], check=True, stdout=subprocess.DEVNULL)
    return n


def main(argv):
    if len(argv) not in (4, 5):
        sys.exit(__doc__)
    root, size_mib, deleted_list = argv[1], int(argv[2]), argv[3]
    media_only = len(argv) == 5 and argv[4] == "1"
    gib = size_mib / 1024
    rng = random.Random(20261203)
    deleted = []
    tmp = root.rstrip("/") + ".frames"
    if media_only:
        photos = make_photos(root, tmp, scaled(2000, gib), deleted)
        make_videos(root, scaled(4, gib), deleted)
        make_large_video(root)
        print("media-heavy tree: %d photos, %d videos and a large one" % (len(photos), scaled(4, gib)))
    else:
        files = make_tree(root, rng, gib, deleted)
        photos = make_photos(root, tmp, scaled(320, gib), deleted)
        make_videos(root, scaled(2, gib), deleted)
        make_zips(root, rng, scaled(2, gib), photos, deleted)
        messages = make_chats(root, gib)
        print("mixed tree: %d plain files, %d photos, %d videos, %d zips, %d WhatsApp messages"
              % (files, len(photos), scaled(2, gib), scaled(2, gib), messages))
    os.rmdir(tmp)
    with open(deleted_list, "w", encoding="utf-8") as f:
        f.writelines("/" + rel + "\n" for rel in deleted)
    print("%d files to delete" % len(deleted))


if __name__ == "__main__":
    main(sys.argv)
