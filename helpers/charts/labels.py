"""Place names on a map that never print over each other or run off the map.

A plotly figure is drawn at every page width with the same text in the same pixel size, so the
names are placed for the narrowest map (a phone): each name, most important first, takes the first
side of its marker (right, left, above, below, then the corners) where its box overlaps no name
or marker already placed and stays inside the map; a name that fits nowhere is left to the hover.
"""

from __future__ import annotations

import math

from .. import theme

NARROWEST_MAP_PX = 340  # the map's width on a 390 px phone, inside the page's margins
LINE_PX = 15  # one line of 11-12 px text
MARKER_PX = 10
SIDES = {
    "middle right": (1, 0),
    "middle left": (-1, 0),
    "top center": (0, -1),
    "bottom center": (0, 1),
    "top right": (1, -1),
    "bottom right": (1, 1),
    "top left": (-1, -1),
    "bottom left": (-1, 1),
}


def _mercator(lat: float) -> float:
    return math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))


def projector(lon_range, lat_range, width_px: int = NARROWEST_MAP_PX):
    """(lon, lat) -> (x, y) in px on a Mercator map ``width_px`` wide, and the map's height."""
    x0, x1 = lon_range
    y1 = _mercator(lat_range[1])
    scale = width_px / (x1 - x0)  # px per degree of longitude

    def px(lon: float, lat: float) -> tuple[float, float]:
        return (lon - x0) * scale, (y1 - _mercator(lat)) * scale * 180 / math.pi

    return px, px(x0, lat_range[0])[1]


def placed_labels(
    lons,
    lats,
    texts,
    lon_range,
    lat_range,
    size: int = 11,
    width_px: int = NARROWEST_MAP_PX,
    taken: list | None = None,
    marker_px: float = MARKER_PX,
    rather_not: list = (),
) -> tuple[list[str], list[str]]:
    """(texts, textpositions) for a scattergeo trace: a name is kept only where it fits.

    Points come in order of importance (the first gets the first choice of side). ``taken``
    holds boxes (x0, y0, x1, y1 in px) already used by other traces' names and marks; the boxes
    placed here are added to it. ``rather_not`` holds boxes a name avoids where it can (a line
    under a name still leaves it readable): a name that fits nowhere else may cross them."""
    px, height_px = projector(lon_range, lat_range, width_px)
    points = [px(lo, la) for lo, la in zip(lons, lats, strict=True)]
    half = marker_px / 2
    boxes = taken if taken is not None else []
    boxes += [(x - half, y - half, x + half, y + half) for x, y in points if marker_px]
    out_text, out_pos = [], []
    for (x, y), text in zip(points, texts, strict=True):
        lines = str(text).split("<br>") if text else []
        w = max((theme.text_px(line, size) for line in lines), default=0) + 4
        h = LINE_PX * len(lines)
        chosen = None
        for avoid in ([*boxes, *rather_not], boxes) if lines else ():
            for pos, (dx, dy) in SIDES.items():
                cx = x + dx * (half + 2 + w / 2)
                cy = y + dy * (half + 2 + h / 2)
                box = (cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2)
                inside = box[0] >= 0 and box[2] <= width_px and box[1] >= 0 and box[3] <= height_px
                if inside and not any(_overlap(box, b) for b in avoid):
                    chosen = (pos, box)
                    break
            if chosen:
                break
        if chosen:
            boxes.append(chosen[1])
            out_text.append(text)
            out_pos.append(chosen[0])
        else:
            out_text.append("")
            out_pos.append("middle right")
    return out_text, out_pos


def _overlap(a, b) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]
