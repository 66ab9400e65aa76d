# SPDX-License-Identifier: GPL-3.0-or-later
"""Generated, benign demo media: photos with known EXIF (camera, serial, capture time, GPS),
near-duplicate edits of one photo, and a short video with three scenes. Made with the ffmpeg
and exiv2 command-line tools so the bytes are real JPEG/MP4 files; deterministic (bitexact).

Each entry is written by write(name, path) and the answer key is MEDIA[name]."""
import subprocess

FF = ["ffmpeg", "-loglevel", "error", "-y", "-fflags", "+bitexact"]
BITEXACT = ["-flags:v", "+bitexact", "-map_metadata", "-1"]

# name -> (source, filter, exif tags); source is an ffmpeg lavfi graph.
PHOTO = "mandelbrot=size=640x480:start_scale=2.5:end_scale=2.5:maxiter=64"
MEDIA = {
    "camera_photo": dict(src=PHOTO, vf=None, quality=3, exif={
        "Exif.Image.Make": "Canon", "Exif.Image.Model": "Canon EOS 80D",
        "Exif.Photo.BodySerialNumber": "083021004512", "Exif.Image.Software": "Firmware 1.0.2",
        "Exif.Photo.DateTimeOriginal": "2024:03:12 15:30:05", "Exif.Photo.OffsetTimeOriginal": "+00:00",
        "gps": (51.503300, -0.119600, 25.0)}),           # London (public landmark)
    "camera_photo_small": dict(src=PHOTO, vf="scale=480:360", quality=10, exif={}),   # resized, recompressed copy
    "camera_photo_bright": dict(src=PHOTO, vf="eq=brightness=0.06:contrast=1.1", quality=6, exif={}),
    "camera_photo_mirrored": dict(src=PHOTO, vf="hflip", quality=5, exif={}),   # found via PDQ's dihedral variants
    "second_photo": dict(src="testsrc2=size=640x480:rate=1", vf=None, quality=4, exif={
        "Exif.Image.Make": "Apple", "Exif.Image.Model": "iPhone 12",
        "Exif.Photo.DateTimeOriginal": "2024:04:02 09:12:44", "Exif.Photo.OffsetTimeOriginal": "+01:00",
        "gps": (53.349800, -6.260300, 12.0)}),           # Dublin
    "deleted_photo": dict(src="smptehdbars=size=640x360:rate=1", vf=None, quality=4, exif={
        "Exif.Image.Make": "Samsung", "Exif.Image.Model": "SM-G991B",
        "Exif.Photo.DateTimeOriginal": "2024:05:20 18:01:10"}),
}
VIDEO = {"three_scenes": "6 s MPEG-4 Part 2 in MP4, 320x240, scenes cut at 2 s and 4 s"}


def _rational(value: float, denominator: int) -> str:
    return "%d/%d" % (round(value * denominator), denominator)


def _dms(value: float) -> str:
    value = abs(value)
    d = int(value)
    m = int((value - d) * 60)
    s = (value - d - m / 60) * 3600
    return "%d/1 %d/1 %s" % (d, m, _rational(s, 10000))


def _exiv2_commands(tags: dict) -> list:
    cmds = []
    for key, value in tags.items():
        if key == "gps":
            lat, lon, alt = value
            cmds += ["set Exif.GPSInfo.GPSLatitudeRef Ascii " + ("N" if lat >= 0 else "S"),
                     "set Exif.GPSInfo.GPSLatitude Rational " + _dms(lat),
                     "set Exif.GPSInfo.GPSLongitudeRef Ascii " + ("E" if lon >= 0 else "W"),
                     "set Exif.GPSInfo.GPSLongitude Rational " + _dms(lon),
                     "set Exif.GPSInfo.GPSAltitudeRef Byte 0",
                     "set Exif.GPSInfo.GPSAltitude Rational " + _rational(alt, 10)]
        else:
            cmds.append("set %s Ascii %s" % (key, value))
    return cmds


def write_photo(name: str, path: str) -> str:
    spec = MEDIA[name]
    cmd = FF + ["-f", "lavfi", "-i", spec["src"], "-frames:v", "1"]
    if spec["vf"]:
        cmd += ["-vf", spec["vf"]]
    cmd += BITEXACT + ["-q:v", str(spec["quality"]), "-f", "image2", "-c:v", "mjpeg", path]
    subprocess.run(cmd, check=True)
    commands = _exiv2_commands(spec["exif"])
    if commands:
        args = ["exiv2", "-q"]
        for c in commands:
            args += ["-M", c]
        subprocess.run(args + ["mo", path], check=True)
    return "jpeg"


def write_video(name: str, path: str) -> str:
    assert name == "three_scenes"
    graph = ("color=c=0xC03020:size=320x240:rate=25:duration=2[a];"
             "testsrc=size=320x240:rate=25:duration=2[b];"
             "smptebars=size=320x240:rate=25:duration=2[c];"
             "[a][b][c]concat=n=3:v=1:a=0,format=yuv420p[v]")
    subprocess.run(FF + ["-filter_complex", graph, "-map", "[v]", "-c:v", "mpeg4", "-q:v", "5", "-g", "25"]
                   + BITEXACT + ["-movflags", "+faststart", "-f", "mp4", path], check=True)
    return "mp4"
