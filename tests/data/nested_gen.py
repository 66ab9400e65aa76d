#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Payload of the nested-content fixture (tests/data/make_nested.sh): one generated JPEG per
hiding place, each a different picture so a test can tell the copies apart, and an answer key.

  nested_gen.py tree SRCDIR SPEC.json PAYLOADDIR   write the files, the spec for lib.sh and
                                                   the alternate-data-stream payload
  nested_gen.py manifest SPEC.json DISK OUT.json   write the answer key (manifest.json)

Hiding places (forensic paths as Vigil writes them, see core/casedb/schema.cpp kStep4):
  /holiday.dat>>beach.jpg                                 ZIP with a wrong extension
  /Documents/backup.tar.gz>>backup.tar>>old/holiday.dat>>pool.jpg
                                                          that kind of ZIP inside a tar.gz
  /blob.bin>>@0x186a0.jpg                                 appended to 100,000 random bytes
  /Documents/letter.docx>>word/media/image1.jpeg          a minimal valid .docx
  /notes.txt:hidden.jpg                                   an NTFS alternate data stream
  /Documents/scan.pdf>>@0x...jpg                          a PDF image (DCTDecode stream)
Limits: /Archive/chain.zip nests ZIPs ten levels deep (a JPEG at the bottom that must not be
reached with the default depth limit of 8) and /Downloads/bomb.zip holds 64 MiB of zeros
compressed with bzip2 into a few hundred bytes (a decompression bomb by its ratio).

Deterministic: fixed times and owners everywhere, zlib/bzip2 from the Python standard library,
ffmpeg with bitexact flags. Everything is generated and benign (test patterns, fractals).
"""
import gzip
import hashlib
import io
import json
import os
import subprocess
import sys
import tarfile
import zipfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from evidence_gen import prng_bytes  # noqa: E402  (the same deterministic bytes as the other fixtures)

FIXED_EPOCH = 1709294400              # 2024-03-01 12:00:00 UTC
FIXED_DATE = (2024, 3, 1, 12, 0, 0)
BLOB_PREFIX = 100_000                 # random bytes before the appended JPEG
MAX_DEPTH = 8                         # Vigil's default (IngestOptions::maxDepth)
CHAIN_LEVELS = 10                     # level1.zip ... level9.zip, deep.jpg at depth 10
BOMB_BYTES = 64 << 20

FF = ["ffmpeg", "-loglevel", "error", "-y", "-fflags", "+bitexact"]
BITEXACT = ["-flags:v", "+bitexact", "-map_metadata", "-1"]

# One picture per hiding place (ffmpeg lavfi sources: test patterns and fractals).
PICTURES = {
    "zip": "testsrc=size=320x240:rate=1",
    "targz": "testsrc2=size=320x240:rate=1",
    "blob": "smptebars=size=320x240:rate=1",
    "docx": "rgbtestsrc=size=320x240:rate=1",
    "ads": "mandelbrot=size=320x240:rate=1:start_scale=2.0:end_scale=2.0:maxiter=48",
    "pdf": "cellauto=rule=110:size=320x240:rate=1:seed=7",
    "deep": "smptehdbars=size=320x240:rate=1",
}


def jpeg(name: str, workdir: str) -> bytes:
    path = os.path.join(workdir, "picture-%s.jpg" % name)
    subprocess.run(FF + ["-f", "lavfi", "-i", PICTURES[name], "-frames:v", "1"] + BITEXACT
                   + ["-q:v", "4", "-f", "image2", "-c:v", "mjpeg", path], check=True)
    with open(path, "rb") as f:
        data = f.read()
    os.remove(path)
    return data


def zip_bytes(members, method=zipfile.ZIP_DEFLATED) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for name, data in members:
            info = zipfile.ZipInfo(name, date_time=FIXED_DATE)
            info.compress_type = method
            info.external_attr = 0o644 << 16
            info.create_system = 3
            z.writestr(info, data)
    return out.getvalue()


def tar_gz_bytes(members) -> bytes:
    """A ustar archive, gzip-compressed without a stored name (like `tar czf`)."""
    raw = io.BytesIO()
    with tarfile.open(fileobj=raw, mode="w", format=tarfile.USTAR_FORMAT) as t:
        for name, data in members:
            info = tarfile.TarInfo(name)
            info.size = len(data)
            info.mtime = FIXED_EPOCH
            info.mode = 0o644
            info.uname = info.gname = "user"
            t.addfile(info, io.BytesIO(data))
    out = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=out, mtime=0) as g:
        g.write(raw.getvalue())
    return out.getvalue()


DOCX_CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Default Extension="jpeg" ContentType="image/jpeg"/>
<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
</Types>"""

DOCX_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>
</Relationships>"""

DOCX_DOCUMENT_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId5" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="media/image1.jpeg"/>
</Relationships>"""

# One paragraph of text and one inline picture (320x240 px at 96 dpi = 3048000 x 2286000 EMU).
DOCX_DOCUMENT = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"
 xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"
 xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
 xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"
 xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture">
<w:body>
<w:p><w:r><w:t>Minutes of the garden club meeting.</w:t></w:r></w:p>
<w:p><w:r><w:drawing><wp:inline><wp:extent cx="3048000" cy="2286000"/><wp:docPr id="1" name="Picture 1"/>
<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture">
<pic:pic><pic:nvPicPr><pic:cNvPr id="0" name="image1.jpeg"/><pic:cNvPicPr/></pic:nvPicPr>
<pic:blipFill><a:blip r:embed="rId5"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill>
<pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="3048000" cy="2286000"/></a:xfrm><a:prstGeom prst="rect"/></pic:spPr>
</pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>
<w:sectPr/>
</w:body>
</w:document>"""


def docx_bytes(picture: bytes) -> bytes:
    return zip_bytes([("[Content_Types].xml", DOCX_CONTENT_TYPES.encode()),
                      ("_rels/.rels", DOCX_RELS.encode()),
                      ("word/document.xml", DOCX_DOCUMENT.encode()),
                      ("word/_rels/document.xml.rels", DOCX_DOCUMENT_RELS.encode()),
                      ("word/media/image1.jpeg", picture)])


def pdf_bytes(picture: bytes):
    """A one-page PDF showing the JPEG (DCTDecode image XObject); returns (bytes, JPEG offset)."""
    content = b"q 320 0 0 240 0 0 cm /Im0 Do Q\n"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 320 240] "
        b"/Resources << /XObject << /Im0 4 0 R >> >> /Contents 5 0 R >>",
        (b"<< /Type /XObject /Subtype /Image /Width 320 /Height 240 /ColorSpace /DeviceRGB "
         b"/BitsPerComponent 8 /Filter /DCTDecode /Length %d >>\nstream\n" % len(picture), picture),
        (b"<< /Length %d >>\nstream\n" % len(content), content),
    ]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets, jpeg_at = [], None
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number
        if isinstance(body, tuple):
            out += body[0]
            if number == 4:
                jpeg_at = len(out)
            out += body[1] + b"\nendstream"
        else:
            out += body
        out += b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out), jpeg_at


def chain_bytes(picture: bytes):
    """level1.zip holds level2.zip ... level9.zip holds deep.jpg; returns (chain.zip, member paths)."""
    inner_name, inner = "deep.jpg", picture
    for level in range(CHAIN_LEVELS - 1, 0, -1):
        inner = zip_bytes([(inner_name, inner)])
        inner_name = "level%d.zip" % level
    names = ["level%d.zip" % level for level in range(1, CHAIN_LEVELS)] + ["deep.jpg"]
    return zip_bytes([(inner_name, inner)]), names


def bomb_bytes() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        info = zipfile.ZipInfo("zeros.bin", date_time=FIXED_DATE)
        info.compress_type = zipfile.ZIP_BZIP2
        info.external_attr = 0o644 << 16
        info.create_system = 3
        with z.open(info, "w", force_zip64=False) as w:
            block = bytes(1 << 20)
            for _ in range(BOMB_BYTES >> 20):
                w.write(block)
    return out.getvalue()


def md5(data: bytes) -> str:
    return hashlib.md5(data).hexdigest()


def write(path: str, data: bytes) -> None:
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(data)


def cmd_tree(src: str, spec_path: str, payload_dir: str) -> None:
    os.makedirs(payload_dir, exist_ok=True)
    pics = {name: jpeg(name, payload_dir) for name in PICTURES}
    pdf, pdf_jpeg_at = pdf_bytes(pics["pdf"])
    chain, chain_names = chain_bytes(pics["deep"])
    files = {
        "holiday.dat": zip_bytes([("beach.jpg", pics["zip"])]),
        "Documents/backup.tar.gz": tar_gz_bytes([("old/holiday.dat", zip_bytes([("pool.jpg", pics["targz"])]))]),
        "blob.bin": prng_bytes("nested:blob", BLOB_PREFIX) + pics["blob"],
        "Documents/letter.docx": docx_bytes(pics["docx"]),
        "notes.txt": b"Shopping list: apples, bread, milk.\r\n",
        "Documents/scan.pdf": pdf,
        "Archive/chain.zip": chain,
        "Downloads/bomb.zip": bomb_bytes(),
    }
    for rel, data in files.items():
        write(os.path.join(src, rel), data)
    write(os.path.join(payload_dir, "hidden.jpg"), pics["ads"])
    found = [
        ("zip", "/holiday.dat>>beach.jpg", "ZIP with a wrong extension"),
        ("targz", "/Documents/backup.tar.gz>>backup.tar>>old/holiday.dat>>pool.jpg", "ZIP inside a tar.gz"),
        ("blob", "/blob.bin>>@0x%x.jpg" % BLOB_PREFIX, "appended to random bytes"),
        ("docx", "/Documents/letter.docx>>word/media/image1.jpeg", "picture in a .docx"),
        ("ads", "/notes.txt:hidden.jpg", "NTFS alternate data stream"),
        ("pdf", "/Documents/scan.pdf>>@0x%x.jpg" % pdf_jpeg_at, "DCTDecode image in a PDF"),
    ]
    chain_paths = ["/Archive/chain.zip>>" + ">>".join(chain_names[:i]) for i in range(1, len(chain_names) + 1)]
    spec = {
        "files": [{"path": rel, "deletion": None} for rel in sorted(files)],
        "dirs": sorted({os.path.dirname(rel) for rel in files if os.path.dirname(rel)}),
        "jpegs": [{"key": key, "path": path, "how": how, "md5": md5(pics[key]), "size": len(pics[key])}
                  for key, path, how in found],
        "limits": {
            "max_depth": MAX_DEPTH,
            "chain": {"reached": chain_paths[:MAX_DEPTH], "not_reached": chain_paths[MAX_DEPTH:],
                      "deep_jpeg_md5": md5(pics["deep"])},
            "bomb": {"path": "/Downloads/bomb.zip", "size": len(files["Downloads/bomb.zip"]),
                     "member": "/Downloads/bomb.zip>>zeros.bin", "expanded_size": BOMB_BYTES},
        },
    }
    for root, dnames, fnames in os.walk(src):
        for n in dnames + fnames:
            os.utime(os.path.join(root, n), (FIXED_EPOCH, FIXED_EPOCH))
    with open(spec_path, "w", encoding="utf-8") as f:
        json.dump(spec, f, indent=1)


def cmd_manifest(spec_path: str, disk: str, out_path: str) -> None:
    with open(spec_path, encoding="utf-8") as f:
        spec = json.load(f)
    h = hashlib.md5()
    with open(disk, "rb") as f:
        for blk in iter(lambda: f.read(1 << 20), b""):
            h.update(blk)
    manifest = {
        "schema": "vigil-nested-manifest/1",
        "generated_by": "tests/data/make_nested.sh",
        "image": {"file": os.path.basename(disk), "size": os.path.getsize(disk), "md5": h.hexdigest(),
                  "partition_start_sector": 2048, "file_system": "ntfs"},
        "jpegs": spec["jpegs"],
        "limits": spec["limits"],
    }
    with open(out_path, "w", encoding="utf-8") as f:
        json.dump(manifest, f, indent=1)
        f.write("\n")


def main(argv):
    if len(argv) == 5 and argv[1] == "tree":
        cmd_tree(argv[2], argv[3], argv[4])
    elif len(argv) == 5 and argv[1] == "manifest":
        cmd_manifest(argv[2], argv[3], argv[4])
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main(sys.argv)
