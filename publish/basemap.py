"""The course's regional base map: the Natural Earth 1:50m world clipped to the Far East.

plotly.js re-projects every path of a map's base layers on each redraw, and the 1:50m world
holds the whole of Eurasia's coastline in one polygon: a slider on a map waited about 95 ms per
redraw for land it never shows. Clipped to ``BOX`` (every regional map of the course with room
to pan), the same map redraws in a fraction of that. plotly.js chooses a base map by the geo
scope's name, so the clipped map is shipped as ``asia_50m.json`` and regional maps use scope
``asia`` (``helpers/charts/common.geo_layout``). Maps wider than the box draw the 1:110m world,
which is plenty at that scale; the 1:50m world is only this script's input, not shipped.

    python -m publish.basemap          # rewrites helpers/assets/topojson/asia_50m.json

Polygons (land, lakes) are clipped as areas; borders, coastlines and rivers as lines, so no
border is drawn along the cut. Edges along the cut are densified, because plotly.js joins two
points by a great circle, which would bulge away from the box's parallels.
"""

from __future__ import annotations

import json
from pathlib import Path

from helpers.charts.common import REGIONAL_BASEMAP

SOURCE = Path(__file__).resolve().parent / "natural_earth" / "world_50m.json"
TARGET = (
    Path(__file__).resolve().parent.parent / "helpers" / "assets" / "topojson" / "asia_50m.json"
)
BOX = (*REGIONAL_BASEMAP["lon"], *REGIONAL_BASEMAP["lat"])  # west, east, south, north (degrees)
AREAS = ("land", "lakes")  # filled layers; the rest are drawn as lines
LINES = ("coastlines", "countries", "subunits", "rivers")
STEP = 1.0  # densify edges along the cut to at most this many degrees


def _decode(topo: dict) -> list[list[tuple[float, float]]]:
    (sx, sy), (tx, ty) = topo["transform"]["scale"], topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def _ring(arcs, indices) -> list[tuple[float, float]]:
    """A ring or line from arc indices (a negative index ~i is arc i reversed)."""
    points: list[tuple[float, float]] = []
    for i in indices:
        part = arcs[i] if i >= 0 else arcs[~i][::-1]
        points.extend(part[1:] if points else part)
    return points


def _rings_of(geometry: dict, arcs) -> list[list[list[tuple[float, float]]]]:
    """A geometry as a list of parts, each a list of rings or lines."""
    kind, a = geometry["type"], geometry.get("arcs", [])
    if kind == "LineString":
        return [[_ring(arcs, a)]]
    if kind == "MultiLineString":
        return [[_ring(arcs, line)] for line in a]
    if kind == "Polygon":
        return [[_ring(arcs, r) for r in a]]
    if kind == "MultiPolygon":
        return [[_ring(arcs, r) for r in polygon] for polygon in a]
    return []


def _clip_polygon(ring, box):
    """Sutherland-Hodgman: the ring cut to the box (empty if nothing is left)."""
    west, east, south, north = box
    edges = [
        (lambda p: p[0] >= west, lambda a, b: _at_x(a, b, west)),
        (lambda p: p[0] <= east, lambda a, b: _at_x(a, b, east)),
        (lambda p: p[1] >= south, lambda a, b: _at_y(a, b, south)),
        (lambda p: p[1] <= north, lambda a, b: _at_y(a, b, north)),
    ]
    points = ring[:-1] if ring and ring[0] == ring[-1] else ring
    for inside, cross in edges:
        if not points:
            break
        out = []
        for k, current in enumerate(points):
            previous = points[k - 1]
            if inside(current):
                if not inside(previous):
                    out.append(cross(previous, current))
                out.append(current)
            elif inside(previous):
                out.append(cross(previous, current))
        points = out
    if len(points) < 3:
        return []
    return _densify(points + [points[0]], box)


def _clip_line(line, box):
    """The line's runs inside the box, each ended where it crosses the box."""
    west, east, south, north = box
    inside = lambda p: west <= p[0] <= east and south <= p[1] <= north  # noqa: E731
    runs, run = [], []
    for k, p in enumerate(line):
        if inside(p):
            if not run and k and not inside(line[k - 1]):
                run.append(_enter(line[k - 1], p, box))
            run.append(p)
        elif run:
            run.append(_enter(p, run[-1], box))
            runs.append(run)
            run = []
    if run:
        runs.append(run)
    return [r for r in runs if len(r) >= 2]


def _enter(outside, inside, box):
    """Where the segment from a point outside the box to one inside crosses the box's edge."""
    west, east, south, north = box
    lo, hi = 0.0, 1.0  # bisect along the segment: robust for any edge or corner
    for _ in range(40):
        mid = (lo + hi) / 2
        x, y = (
            outside[0] + (inside[0] - outside[0]) * mid,
            outside[1] + (inside[1] - outside[1]) * mid,
        )
        if west <= x <= east and south <= y <= north:
            hi = mid
        else:
            lo = mid
    return (outside[0] + (inside[0] - outside[0]) * hi, outside[1] + (inside[1] - outside[1]) * hi)


def _area(ring) -> float:
    return sum(a[0] * b[1] - b[0] * a[1] for a, b in zip(ring, ring[1:], strict=False)) / 2


def _at_x(a, b, x):
    t = (x - a[0]) / (b[0] - a[0])
    return (x, a[1] + (b[1] - a[1]) * t)


def _at_y(a, b, y):
    t = (y - a[1]) / (b[1] - a[1])
    return (a[0] + (b[0] - a[0]) * t, y)


def _densify(ring, box):
    """Extra points on long edges that lie along the box (plotly joins points by great circles)."""
    west, east, south, north = box
    out = [ring[0]]
    for a, b in zip(ring, ring[1:], strict=False):
        on_edge = (a[0] == b[0] and a[0] in (west, east)) or (
            a[1] == b[1] and a[1] in (south, north)
        )
        steps = int(max(abs(b[0] - a[0]), abs(b[1] - a[1])) // STEP) if on_edge else 0
        out.extend(
            (a[0] + (b[0] - a[0]) * k / (steps + 1), a[1] + (b[1] - a[1]) * k / (steps + 1))
            for k in range(1, steps + 1)
        )
        out.append(b)
    return out


def clip(topo: dict, box=BOX) -> dict:
    """A TopoJSON with the same layers, each cut to ``box``; no arc is shared any more."""
    (sx, sy), (tx, ty) = topo["transform"]["scale"], topo["transform"]["translate"]
    arcs, new_arcs = _decode(topo), []

    def encode(points) -> int:
        q = [(round((x - tx) / sx), round((y - ty) / sy)) for x, y in points]
        q = [p for k, p in enumerate(q) if k == 0 or p != q[k - 1]]
        new_arcs.append(
            [q[0]] + [(b[0] - a[0], b[1] - a[1]) for a, b in zip(q, q[1:], strict=False)]
        )
        return len(new_arcs) - 1

    objects = {}
    for name in AREAS + LINES:
        kept = []
        for geometry in topo["objects"][name]["geometries"]:
            meta = {k: v for k, v in geometry.items() if k not in ("type", "arcs")}
            if name in AREAS:
                polygons = []
                for rings in _rings_of(geometry, arcs):
                    if not rings:
                        continue
                    # the outer ring is the largest (the file lists Eurasia after the Caspian);
                    # holes are kept only with it, as a hole alone would fill the rest of the globe
                    outer = max(range(len(rings)), key=lambda k: abs(_area(rings[k])))
                    clipped = [_clip_polygon(r, box) for r in rings]
                    if clipped[outer]:
                        polygons.append(
                            [encode(clipped[outer])]
                            + [encode(r) for k, r in enumerate(clipped) if r and k != outer]
                        )
                if polygons:
                    kept.append(
                        {
                            **meta,
                            "type": "MultiPolygon",
                            "arcs": [[[i] for i in p] for p in polygons],
                        }
                    )
            else:
                lines = [
                    run
                    for rings in _rings_of(geometry, arcs)
                    for line in rings
                    for run in _clip_line(line, box)
                ]
                if lines:
                    kept.append(
                        {
                            **meta,
                            "type": "MultiLineString",
                            "arcs": [[encode(run)] for run in lines],
                        }
                    )
        objects[name] = {"type": "GeometryCollection", "geometries": kept}
    objects["ocean"] = {
        "type": "GeometryCollection",
        "geometries": [],
    }  # the sea is the map's bgcolor
    west, east, south, north = box
    return {
        "type": "Topology",
        "bbox": [west, south, east, north],
        "transform": topo["transform"],
        "objects": objects,
        "arcs": new_arcs,
    }


def main() -> None:
    clipped = clip(json.loads(SOURCE.read_text(encoding="utf-8")))
    TARGET.write_text(json.dumps(clipped, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"wrote {TARGET} ({TARGET.stat().st_size // 1000} KB, {len(clipped['arcs'])} arcs)")


if __name__ == "__main__":
    main()
