#!/usr/bin/env python3
"""Build the map of the 34 provinces and cities (1/7/2025) that the national dashboard draws.

Two steps, both plain Python (no GIS library):

``dissolve SOURCE.topojson``
    Read a TopoJSON of the 63 former provinces, simplify each arc (Douglas-Peucker, endpoints
    kept, so neighbours still meet), merge the former provinces into the 34 by the merger list
    of ``src/theodoi/orgs/data/provinces.json`` (an arc two members share is an inner border
    and is dropped; the rest is stitched into rings) and write
    ``src/theodoi/workspace/dashboard/data/provinces-34.geojson``.

``paths``
    Project that GeoJSON (equirectangular, scaled by cos 16°N) into SVG path data, one per
    province keyed by its organisation code (``dong-thap``), with a label point, and write
    ``provinces-34.paths.json`` beside it. The page reads only this file.

The source, its licence and the steps are in the README beside the data.
Run from the repository root: ``python scripts/province_map.py dissolve t63.json && python
scripts/province_map.py paths``.
"""

from __future__ import annotations

import argparse
import itertools
import json
import math
import sys
import unicodedata
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
MERGERS = ROOT / "src/theodoi/orgs/data/provinces.json"
DATA = ROOT / "src/theodoi/workspace/dashboard/data"
GEOJSON = DATA / "provinces-34.geojson"
PATHS = DATA / "provinces-34.paths.json"

TOLERANCE = 0.012  # degrees: about 1.3 km, below a pixel of the map at 600 px high
MIN_RING_AREA = 0.004  # square degrees: smaller islands are drawn as dots, not outlines
# Offshore archipelagos (Hoàng Sa of Đà Nẵng, Trường Sa of Khánh Hòa): east of this meridian
# every island is a dot on a 0.25° grid, so the map shows them without hundreds of outlines.
OFFSHORE_LON = 110.5
DOT_GRID = 0.4
# The map draws the archipelagos nearer the coast than they are (their distance east of
# OFFSHORE_LON halved, and said so under the map) so the mainland keeps the width of a phone.
OFFSHORE_SQUEEZE = 0.5
ARCHIPELAGOS = {"da-nang": "Quần đảo Hoàng Sa", "khanh-hoa": "Quần đảo Trường Sa"}
PRECISION = 3  # decimals of a degree in the GeoJSON (about 100 m)
LAT0 = 16.0
SVG_SCALE = 40.0  # SVG units per degree of longitude at LAT0


def slug(text: str) -> str:
    """The organisation code theodoi gives a province (``orgs.loading.slug``)."""
    text = text.replace("đ", "d").replace("Đ", "D")
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    words = "".join(c if c.isalnum() else " " for c in ascii_text.lower()).split()
    return "-".join(words)


# Names in the source that theodoi writes otherwise.
SOURCE_NAMES = {"hcm": "ho-chi-minh"}


def source_code(name: str) -> str:
    code = slug(name.removeprefix("TP ").removeprefix("TP. "))
    return SOURCE_NAMES.get(code, code)


# --- geometry helpers ---------------------------------------------------------------------

Point = tuple[float, float]


def _perpendicular(p: Point, a: Point, b: Point) -> float:
    (x, y), (x1, y1), (x2, y2) = p, a, b
    dx, dy = x2 - x1, y2 - y1
    if dx == dy == 0:
        return math.hypot(x - x1, y - y1)
    return abs(dy * x - dx * y + x2 * y1 - y2 * x1) / math.hypot(dx, dy)


def simplify(points: list[Point], tolerance: float) -> list[Point]:
    """Douglas-Peucker, iterative; the first and last points are kept."""
    if len(points) < 3:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        worst, index = 0.0, -1
        for i in range(first + 1, last):
            distance = _perpendicular(points[i], points[first], points[last])
            if distance > worst:
                worst, index = distance, i
        if worst > tolerance and index > 0:
            keep[index] = True
            stack += [(first, index), (index, last)]
    return [p for p, kept in zip(points, keep, strict=True) if kept]


def _edges(ring: list[Point]) -> zip[tuple[Point, Point]]:
    """Each side of a ring (its last point joins its first)."""
    return zip(ring, ring[1:] + ring[:1], strict=True)


def ring_area(ring: list[Point]) -> float:
    return sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in _edges(ring)) / 2


def _inside(point: Point, ring: list[Point]) -> bool:
    x, y = point
    inside = False
    for (x1, y1), (x2, y2) in _edges(ring):
        if (y1 > y) != (y2 > y) and x < (x2 - x1) * (y - y1) / (y2 - y1) + x1:
            inside = not inside
    return inside


# --- dissolve -----------------------------------------------------------------------------


def decode_arcs(topology: dict[str, Any]) -> list[list[Point]]:
    transform = topology.get("transform")
    arcs = []
    for arc in topology["arcs"]:
        if transform:
            (sx, sy), (tx, ty) = transform["scale"], transform["translate"]
            x = y = 0
            points = []
            for dx, dy in arc:
                x, y = x + dx, y + dy
                points.append((x * sx + tx, y * sy + ty))
        else:
            points = [(float(px), float(py)) for px, py in arc]
        arcs.append(points)
    return arcs


def _rings_of(geometry: dict[str, Any]) -> list[list[int]]:
    if geometry["type"] == "Polygon":
        return list(geometry["arcs"])
    return [ring for polygon in geometry["arcs"] for ring in polygon]


def stitch(refs: list[int], arcs: list[list[Point]]) -> list[list[Point]]:
    """Chain directed arcs (``~i`` is arc ``i`` reversed) into closed rings."""

    def points(ref: int) -> list[Point]:
        return arcs[ref] if ref >= 0 else arcs[~ref][::-1]

    starts: dict[Point, list[int]] = {}
    for start in refs:
        starts.setdefault(points(start)[0], []).append(start)
    rings: list[list[Point]] = []
    used: set[int] = set()
    for first in refs:
        if first in used:
            continue
        ring: list[Point] = []
        step: int | None = first
        while step is not None and step not in used:
            used.add(step)
            ring += points(step)[:-1]
            end = points(step)[-1]
            step = next((r for r in starts.get(end, []) if r not in used), None)
        if len(ring) >= 3:
            rings.append(ring)
    return rings


def dissolve(source: Path) -> dict[str, Any]:
    topology = json.loads(source.read_text(encoding="utf-8"))
    arcs = [simplify(arc, TOLERANCE) for arc in decode_arcs(topology)]
    mergers = json.loads(MERGERS.read_text(encoding="utf-8"))
    into = {slug(p["name"]): slug(p["merged_into"] or p["name"]) for p in mergers["provinces"]}
    names = {slug(p["name"]): p["name"] for p in mergers["provinces"] if not p["merged_into"]}
    (objects,) = topology["objects"].values()
    members: dict[str, list[list[int]]] = {}
    for geometry in objects["geometries"]:
        code = source_code(geometry["properties"]["ten_tinh"])
        if code not in into:
            sys.exit(f"{geometry['properties']['ten_tinh']!r} is not in {MERGERS.name}")
        members.setdefault(into[code], []).extend(_rings_of(geometry))
    if sorted(members) != sorted(names):
        sys.exit(f"provinces without a shape: {sorted(set(names) - set(members))}")

    features = []
    for code in sorted(members):
        refs = [ref for ring in members[code] for ref in ring]
        counts: dict[int, int] = {}
        for ref in refs:
            counts[ref if ref >= 0 else ~ref] = counts.get(ref if ref >= 0 else ~ref, 0) + 1
        # An arc two members share (once each way) is an inner border of the merged province.
        outline = [ref for ref in refs if counts[ref if ref >= 0 else ~ref] == 1]
        rings = stitch(outline, arcs)
        kept = [r for r in rings if abs(ring_area(r)) >= MIN_RING_AREA]
        dots = sorted(
            {
                (round(x / DOT_GRID) * DOT_GRID, round(y / DOT_GRID) * DOT_GRID)
                for r in rings
                if abs(ring_area(r)) < MIN_RING_AREA and r[0][0] > OFFSHORE_LON
                for x, y in [r[0]]
            }
        )
        features.append(_feature(code, names[code], kept, dots))
    return {"type": "FeatureCollection", "features": features}


def _feature(code: str, name: str, rings: list[list[Point]], dots: list[Point]) -> dict[str, Any]:
    # Outer rings counter-clockwise, holes clockwise (RFC 7946), each hole in its outer ring.
    largest = max(rings, key=lambda r: abs(ring_area(r)))
    outer_sign = 1 if ring_area(largest) > 0 else -1
    outers = [r for r in rings if ring_area(r) * outer_sign > 0]
    holes = [r for r in rings if ring_area(r) * outer_sign < 0]
    polygons: list[list[list[Point]]] = [[r if outer_sign > 0 else r[::-1]] for r in outers]
    for hole in holes:
        host = next((p for p in polygons if _inside(hole[0], p[0])), None)
        if host is not None:
            host.append(hole if outer_sign < 0 else hole[::-1])
        else:  # not inside any: an island the orientation of the source got wrong
            polygons.append([hole[::-1] if outer_sign > 0 else hole])

    def closed(ring: list[Point]) -> list[list[float]]:
        return [[round(x, PRECISION), round(y, PRECISION)] for x, y in ring + ring[:1]]

    geometry = {"type": "MultiPolygon", "coordinates": [[closed(r) for r in p] for p in polygons]}
    return {
        "type": "Feature",
        "properties": {"code": code, "name": name, "islands": [list(d) for d in dots]},
        "geometry": geometry,
    }


# --- SVG paths ----------------------------------------------------------------------------


def project(lon: float, lat: float, west: float, north: float) -> tuple[float, float]:
    return (
        (lon - west) * SVG_SCALE * math.cos(math.radians(LAT0)),
        (north - lat) * SVG_SCALE,
    )


def _label_point(ring: list[tuple[float, float]]) -> tuple[float, float]:
    """The centroid of the largest ring, or its first point if the centroid falls outside."""
    area = ring_area(ring)
    if area == 0:
        return ring[0]
    cx = cy = 0.0
    for (x1, y1), (x2, y2) in _edges(ring):
        cross = x1 * y2 - x2 * y1
        cx += (x1 + x2) * cross
        cy += (y1 + y2) * cross
    centre = (cx / (6 * area), cy / (6 * area))
    return centre if _inside(centre, ring) else ring[len(ring) // 2]


def _drawn_at(lon: float, lat: float) -> tuple[float, float]:
    if lon > OFFSHORE_LON:
        lon = OFFSHORE_LON + (lon - OFFSHORE_LON) * OFFSHORE_SQUEEZE
    return lon, lat


def paths(geojson: dict[str, Any]) -> dict[str, Any]:
    for feature in geojson["features"]:
        feature["properties"]["islands"] = [
            list(_drawn_at(lon, lat)) for lon, lat in feature["properties"]["islands"]
        ]
    points = [
        (x, y)
        for f in geojson["features"]
        for polygon in f["geometry"]["coordinates"]
        for ring in polygon
        for x, y in ring
    ] + [tuple(d) for f in geojson["features"] for d in f["properties"]["islands"]]
    west, east = min(p[0] for p in points), max(p[0] for p in points)
    south, north = min(p[1] for p in points), max(p[1] for p in points)
    margin = 4.0
    width, height = (v + 2 * margin for v in project(east, south, west, north))
    shapes = []
    for feature in geojson["features"]:
        parts, largest = [], None
        for polygon in feature["geometry"]["coordinates"]:
            for ring in polygon:
                xy = [project(x, y, west, north) for x, y in ring[:-1]]
                xy = [(x + margin, y + margin) for x, y in xy]
                if largest is None or abs(ring_area(xy)) > abs(ring_area(largest)):
                    largest = xy
                parts.append(_path(xy))
        assert largest is not None
        label = _label_point(largest)
        dots = [
            [round(x + margin, 1), round(y + margin, 1)]
            for lon, lat in feature["properties"]["islands"]
            for x, y in [project(lon, lat, west, north)]
        ]
        group = None
        if dots and feature["properties"]["code"] in ARCHIPELAGOS:
            xs, ys = [x for x, _ in dots], [y for _, y in dots]
            group = {
                "name": ARCHIPELAGOS[feature["properties"]["code"]],
                "at": [round(sum(xs) / len(xs), 1), round(min(ys) - 6, 1)],
            }
        shapes.append(
            {
                "archipelago": group,
                "code": feature["properties"]["code"],
                "name": feature["properties"]["name"],
                "d": "".join(parts),
                "label": [round(label[0], 1), round(label[1], 1)],
                "dots": dots,
            }
        )
    return {"width": round(width, 1), "height": round(height, 1), "shapes": shapes}


def _path(ring: list[tuple[float, float]]) -> str:
    """Absolute first point, then relative moves in tenths of a unit: small and exact enough."""
    coords = [(round(x * 10), round(y * 10)) for x, y in ring]
    out = [f"M{coords[0][0] / 10:g} {coords[0][1] / 10:g}"]
    steps = []
    for (x1, y1), (x2, y2) in itertools.pairwise(coords):
        if (x1, y1) != (x2, y2):
            steps.append(f"{(x2 - x1) / 10:g} {(y2 - y1) / 10:g}")
    if steps:
        out.append("l" + " ".join(steps))
    out.append("z")
    return "".join(out).replace(" -", "-")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    step = commands.add_parser("dissolve", help="63 provinces (TopoJSON) to the 34 (GeoJSON)")
    step.add_argument("source", type=Path)
    commands.add_parser("paths", help="the 34 provinces' GeoJSON to SVG paths")
    args = parser.parse_args()
    if args.command == "dissolve":
        collection = dissolve(args.source)
        text = json.dumps(collection, ensure_ascii=False, separators=(",", ":"))
        GEOJSON.write_text(text + "\n", encoding="utf-8")
        print(
            f"{GEOJSON.relative_to(ROOT)}: {len(collection['features'])} provinces, "
            f"{len(text.encode()) // 1024} KB"
        )
    else:
        drawn = paths(json.loads(GEOJSON.read_text(encoding="utf-8")))
        text = json.dumps(drawn, ensure_ascii=False, separators=(",", ":"))
        PATHS.write_text(text + "\n", encoding="utf-8")
        print(
            f"{PATHS.relative_to(ROOT)}: {len(drawn['shapes'])} shapes, "
            f"{len(text.encode()) // 1024} KB"
        )


if __name__ == "__main__":
    main()
