#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Write resources/geo/countries.geojson from Natural Earth admin-0 country shapes.

Input: the TopoJSON "countries" object of the npm package world-atlas 2.0.2 (Natural Earth
4.1.0, public domain) and the ISO 3166-1 table of Debian's iso-codes package. Output: a GeoJSON
FeatureCollection, one feature per country with properties iso_a2, name and anchor (a point
inside the country's largest polygon, for labels and map markers), coordinates rounded to
0.01 degree (0.001 for small arcs), rings made planar (split at the antimeridian, Antarctica
closed along the pole). Standard library only; never run by the build (see README.md).

    python3 make_countries.py /tmp/wa/package/countries-50m.json \
        /usr/share/iso-codes/json/iso_3166-1.json countries.geojson
"""

import json
import sys

# Features that carry no ISO 3166-1 numeric id in Natural Earth. Kosovo's "XK" is the
# user-assigned code in common use; the others get codes from the same user-assigned X range.
NO_ISO = {
    "Kosovo": ("XK", "Kosovo"),
    "Somaliland": ("XS", "Somaliland"),
    "N. Cyprus": ("XC", "Northern Cyprus"),
    "Siachen Glacier": ("XG", "Siachen Glacier"),
}
# Natural Earth's "Indian Ocean Ter." is two ISO territories: its polygons are split by longitude.
INDIAN_OCEAN_TERRITORIES = "Indian Ocean Ter."
CHRISTMAS_ISLAND_MIN_LON = 100.0   # Christmas Island ~105.6 E, Cocos (Keeling) Islands ~96.8 E

DIGITS = 2               # 0.01 degree (about a kilometre)...
SMALL_ARC_DIGITS = 3     # ...but 0.001 for an arc under SMALL_ARC degrees across (the Vatican,
SMALL_ARC = 0.1          # San Marino, small islands), rounded once so both neighbours share it
FALLBACK_DIGITS = (3, 4) # for a ring that would still collapse
ANCHOR_DIGITS = 4        # an anchor must stay strictly inside even the smallest country
MIN_AREA = 1e-9          # square degrees: less is a line (the pole in spherical polygons)


def decode_arcs(topology):
    """Absolute coordinates of every arc (delta-decoded, quantisation transform applied)."""
    transform = topology.get("transform")
    arcs = []
    for arc in topology["arcs"]:
        points, x, y = [], 0, 0
        for position in arc:
            if transform:
                x, y = x + position[0], y + position[1]
                points.append((x * transform["scale"][0] + transform["translate"][0],
                               y * transform["scale"][1] + transform["translate"][1]))
            else:
                points.append((position[0], position[1]))
        arcs.append(points)
    return arcs


def ring_points(arcs, indexes):
    """One ring from its arc indexes; ~i (negative) walks arc i backwards."""
    ring = []
    for index in indexes:
        points = arcs[index] if index >= 0 else list(reversed(arcs[~index]))
        ring.extend(points if not ring else points[1:])
    return ring


def rounded_arcs(arcs, digits=None):
    """Every arc rounded: to `digits`, or by its size (DIGITS, SMALL_ARC_DIGITS for small arcs)."""
    out = []
    for arc in arcs:
        d = digits
        if d is None:
            xs, ys = [x for x, _ in arc], [y for _, y in arc]
            small = max(xs) - min(xs) < SMALL_ARC and max(ys) - min(ys) < SMALL_ARC
            d = SMALL_ARC_DIGITS if small else DIGITS
        out.append([(round(x, d), round(y, d)) for x, y in arc])
    return out


def rounded_ring(arc_sets, indexes):
    """The ring from the first set of rounded arcs in which it keeps at least 3 distinct corners."""
    for arcs in arc_sets:
        out = []
        for point in ring_points(arcs, indexes):
            if not out or out[-1] != point:
                out.append(point)
        if out[0] != out[-1]:
            out.append(out[0])
        if len(out) >= 4:
            return out
    return None


def on_seam(x):
    return abs(x) == 180.0


def fix_seam_sides(ring):
    """Natural Earth cuts polygons at the antimeridian, but the quantised TopoJSON writes some cut
    points as -180 where the polygon lies east of it (and the other way round). Give each run of
    points on the seam the side of its neighbours; where the ring passes from one side to the
    other along the seam (Antarctica at the pole), the first half of the run keeps the side before
    and the second half takes the side after."""
    points = ring[:-1]
    seam = [on_seam(x) for x, _ in points]
    if not any(seam) or all(seam):
        return ring
    start = seam.index(False)
    points, seam = points[start:] + points[:start], seam[start:] + seam[:start]
    out, k = [], 0
    while k < len(points):
        if not seam[k]:
            out.append(points[k])
            k += 1
            continue
        j = k
        while j < len(points) and seam[j]:
            j += 1
        before = 180.0 if points[k - 1][0] > 0 else -180.0
        after = 180.0 if points[j % len(points)][0] > 0 else -180.0
        half = (j - k) // 2 if before != after else j - k
        out.extend((before if m < half else after, y) for m, (_, y) in enumerate(points[k:j]))
        k = j
    return out + [out[0]]


def crosses_seam(ring):
    """True when consecutive points jump across the antimeridian."""
    return any(abs(b[0] - a[0]) > 180.0 for a, b in zip(ring, ring[1:]))


def encircles_pole(ring):
    """True for a ring that goes once around the globe (Antarctica's coast): its longitude
    steps, each taken the short way round, add up to a full turn."""
    turn = 0.0
    for (x0, _), (x1, _) in zip(ring, ring[1:]):
        step = x1 - x0
        turn += step - 360.0 if step > 180.0 else step + 360.0 if step < -180.0 else step
    return abs(turn) > 359.0


def polar_cap(ring):
    """A ring around a pole as a planar ring: the coast from one side of the antimeridian to the
    other, then along the seam to the pole and back."""
    points = ring[:-1]
    n = len(points)
    k = next(i for i in range(n) if abs(points[(i + 1) % n][0] - points[i][0]) > 180.0)
    coast = points[k + 1:] + points[:k + 1]
    pole = -90.0 if sum(y for _, y in coast) < 0 else 90.0
    start = -180.0 if coast[0][0] < 0 else 180.0
    cap = [(start, coast[0][1])] + coast + [(-start, coast[-1][1]), (-start, pole), (start, pole)]
    out = [p for i, p in enumerate(cap) if i == 0 or p != cap[i - 1]]
    return out + [out[0]]


def clip_side(ring, seam, keep_west):
    """The part of a ring on one side of the vertical line x = seam (Sutherland-Hodgman)."""
    out, points = [], ring[:-1]
    for i, cur in enumerate(points):
        nxt = points[(i + 1) % len(points)]
        cur_in, nxt_in = (cur[0] <= seam) == keep_west, (nxt[0] <= seam) == keep_west
        if cur_in:
            out.append(cur)
        if cur_in != nxt_in and nxt[0] != cur[0]:
            t = (seam - cur[0]) / (nxt[0] - cur[0])
            out.append((seam, round(cur[1] + t * (nxt[1] - cur[1]), 4)))
    return out + [out[0]] if len(out) >= 3 else None


def split_at_seam(ring):
    """A ring that crosses the antimeridian as two rings, one either side (planar lon/lat maps
    and point-in-polygon tests would otherwise see a band around the whole world)."""
    unwrapped = [ring[0]]
    for x, y in ring[1:]:
        while x - unwrapped[-1][0] > 180.0:
            x -= 360.0
        while x - unwrapped[-1][0] < -180.0:
            x += 360.0
        unwrapped.append((x, y))
    seam = 180.0 if max(x for x, _ in unwrapped) > 180.0 else -180.0
    shift = -360.0 if seam == 180.0 else 360.0
    west, east = clip_side(unwrapped, seam, True), clip_side(unwrapped, seam, False)
    outside = east if seam == 180.0 else west
    inside = west if seam == 180.0 else east
    moved = [(round(x + shift, 4), y) for x, y in outside] if outside else None
    return [r for r in (inside, moved) if r]


def planar_rings(ring):
    if encircles_pole(ring):
        return [polar_cap(ring)]
    ring = fix_seam_sides(ring)
    return split_at_seam(ring) if crosses_seam(ring) else [ring]


def polygons_of(geometry, arc_sets):
    if geometry["type"] == "Polygon":
        parts = [geometry["arcs"]]
    elif geometry["type"] == "MultiPolygon":
        parts = geometry["arcs"]
    else:
        return []
    polygons = []
    for part in parts:
        rings = [rounded_ring(arc_sets, r) for r in part]
        outer = rings[0] if rings and rings[0] and area(rings[0]) > MIN_AREA else None
        holes = [r for r in rings[1:] if r and area(r) > MIN_AREA]
        if outer is None:
            # The spherical form of Antarctica: a line along the pole with the coast as its hole.
            caps = [r for r in holes if encircles_pole(r)]
            if not caps:
                continue
            outer, holes = caps[0], [r for r in holes if r is not caps[0]]
        holes = [piece for r in holes for piece in planar_rings(r)]
        for piece in planar_rings(outer):
            polygons.append([piece] + holes)
    return polygons


def area(ring):
    return abs(sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in zip(ring, ring[1:]))) / 2.0


def anchor(polygons):
    """A point inside the largest polygon: the middle of the widest inside stretch of the
    horizontal line through its bounding-box middle (even-odd over outer ring and holes)."""
    largest = max(polygons, key=lambda p: area(p[0]))
    ys = [y for _, y in largest[0]]
    lat = (min(ys) + max(ys)) / 2.0
    crossings = []
    for ring in largest:
        for (x0, y0), (x1, y1) in zip(ring, ring[1:]):
            if (y0 > lat) != (y1 > lat):
                crossings.append(x0 + (lat - y0) * (x1 - x0) / (y1 - y0))
    crossings.sort()
    spans = list(zip(crossings[0::2], crossings[1::2]))
    if not spans:
        return [round(largest[0][0][0], ANCHOR_DIGITS), round(lat, ANCHOR_DIGITS)]
    left, right = max(spans, key=lambda s: s[1] - s[0])
    return [round((left + right) / 2.0, ANCHOR_DIGITS), round(lat, ANCHOR_DIGITS)]


def iso_table(path):
    with open(path, encoding="utf-8") as f:
        entries = json.load(f)["3166-1"]
    return {e["numeric"]: (e["alpha_2"], e.get("common_name", e["name"])) for e in entries}


def split_indian_ocean(polygons):
    christmas = [p for p in polygons if p[0][0][0] >= CHRISTMAS_ISLAND_MIN_LON]
    cocos = [p for p in polygons if p[0][0][0] < CHRISTMAS_ISLAND_MIN_LON]
    return [("CX", "Christmas Island", christmas), ("CC", "Cocos (Keeling) Islands", cocos)]


def countries(topology, iso):
    exact = decode_arcs(topology)
    arc_sets = [rounded_arcs(exact)] + [rounded_arcs(exact, d) for d in FALLBACK_DIGITS]
    merged = {}   # iso_a2 -> [name, polygons]; Natural Earth has two features for some ids
    for geometry in topology["objects"]["countries"]["geometries"]:
        ne_name = geometry.get("properties", {}).get("name", "")
        polygons = polygons_of(geometry, arc_sets)
        if not polygons:
            continue
        if geometry.get("id") in iso:
            items = [iso[geometry["id"]] + (polygons,)]
        elif ne_name == INDIAN_OCEAN_TERRITORIES:
            items = split_indian_ocean(polygons)
        elif ne_name in NO_ISO:
            items = [NO_ISO[ne_name] + (polygons,)]
        else:
            sys.exit("no code for feature %r (id %r): add it to NO_ISO" % (ne_name, geometry.get("id")))
        for code, name, polys in items:
            entry = merged.setdefault(code, [name, []])
            entry[1].extend(polys)
    return merged


def feature(code, name, polygons):
    return {"type": "Feature",
            "properties": {"iso_a2": code, "name": name, "anchor": anchor(polygons)},
            "geometry": {"type": "MultiPolygon",
                         "coordinates": [[[list(p) for p in ring] for ring in poly] for poly in polygons]}}


def main(argv):
    if len(argv) != 4:
        sys.exit(__doc__)
    with open(argv[1], encoding="utf-8") as f:
        topology = json.load(f)
    merged = countries(topology, iso_table(argv[2]))
    collection = {"type": "FeatureCollection",
                  "features": [feature(code, name, polys) for code, (name, polys) in sorted(merged.items())]}
    with open(argv[3], "w", encoding="utf-8") as f:
        json.dump(collection, f, separators=(",", ":"), ensure_ascii=False)
        f.write("\n")


if __name__ == "__main__":
    main(sys.argv)
