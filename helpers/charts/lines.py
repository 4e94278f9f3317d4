"""The period's lines on a map: agreed borders, each side's claimed border, parallels, ceasefire
lines.

Rows come from ``lessons_data/lines.csv``. A line is drawn on a map when it was valid at some
time in the period shown and a point of it lies inside the map's bounds. Claims take the
claimant's colour and a dashed stroke; agreed lines are dark grey; every line gets its own
legend entry naming it (and, for a claim, whose claim it is).
"""

from __future__ import annotations

import math

import pandas as pd

from .. import data, theme
from ..data.rules import parse_points
from .common import fmt_date

DASH = {
    "border": "solid",
    "claim": "dash",
    "parallel": "dot",
    "ceasefire": "dashdot",
    "river": "solid",
}
AGREED_COLOUR = "#333333"
RIVER_COLOUR = "#4A86B8"
PRECISION_WORDS = {
    "surveyed": "surveyed",
    "approximate": "approximate",
    "schematic": "schematic: drawn through points a source locates, not the real course",
}


def line_records() -> list[dict]:
    """Every line as a dict with its points, colour, dash, legend name and hover text (computed
    once).
    """
    lines = data.load("lines")
    out = []
    for r in lines.itertuples():
        pts = parse_points(r.coordinates)
        claimant = r.claimed_by if isinstance(r.claimed_by, str) else None
        until = fmt_date(r.valid_to) if pd.notna(r.valid_to) else "today"
        hover = (
            f"<b>{r.name_en}</b><br>{str(r.kind).replace('_', ' ')}"
            + (f" claimed by {theme.side_name(claimant)}" if claimant else "")
            + f"; valid {fmt_date(r.valid_from)} – {until}"
            + f"<br>precision: {PRECISION_WORDS[str(r.precision)]}"
            + (f"<br><i>{theme.wrap(r.note, 80)}</i>" if isinstance(r.note, str) else "")
            + f"<br>source: {r.source_ids.replace(';', ', ')}"
        )
        out.append(
            dict(
                line_id=r.line_id,
                name=r.name_en,
                kind=str(r.kind),
                claimed_by=claimant,
                start=r.valid_from,
                end=r.valid_to if pd.notna(r.valid_to) else pd.Timestamp.max,
                lat=[p[0] for p in pts],
                lon=[p[1] for p in pts],
                source_ids=r.source_ids.split(";"),
                precision=str(r.precision),
                colour=theme.side_colour(claimant)
                if claimant
                else RIVER_COLOUR
                if r.kind == "river"
                else AGREED_COLOUR,
                dash=DASH[str(r.kind)],
                hover=hover,
            )
        )
    return out


def lines_for(
    start, end=None, lon_range=None, lat_range=None, records=None, terrain: bool = False
) -> list[dict]:
    """Lines valid at some time between ``start`` and ``end`` with a point inside the bounds;
    rivers only with ``terrain`` (a battlefield map names them, a regional map has its own)."""
    start = pd.Timestamp(start)
    end = pd.Timestamp(end) if end is not None and pd.notna(end) else start
    recs = line_records() if records is None else records
    out = []
    for r in recs:
        if r["start"] > end or r["end"] < start or (r["kind"] == "river" and not terrain):
            continue
        if lon_range is not None and not any(
            lon_range[0] <= x <= lon_range[1] and lat_range[0] <= y <= lat_range[1]
            for x, y in zip(r["lon"], r["lat"], strict=False)
        ):
            continue
        out.append(r)
    return out


def line_trace(r: dict | None) -> dict:
    """One scattergeo trace for a line (an empty one for ``None``, kept as a slot in live
    figures).
    """
    if r is None:
        return dict(
            type="scattergeo",
            lon=[],
            lat=[],
            mode="lines",
            name="",
            showlegend=False,
            legendgroup="lines",
            hoverinfo="skip",
        )
    return dict(
        type="scattergeo",
        lon=r["lon"],
        lat=r["lat"],
        mode="lines",
        name=legend_name(r),
        line=dict(color=r["colour"], width=3 if r["kind"] == "river" else 4, dash=r["dash"]),
        legendgroup="lines",
        legendgrouptitle=dict(text="Lines of the period"),
        hovertext=r["hover"],
        hoverinfo="text",
        showlegend=True,
    )


def bounds(
    points: list[tuple[float, float]],
    min_span: float = 1.2,
    pad_share: float = 0.25,
    aspect: float | None = None,
):
    """(lon_range, lat_range) around (lon, lat) points, padded, never narrower than ``min_span``
    degrees.

    With ``aspect`` (width / height of the map box) the longitude range is widened so that the
    Mercator map fills the box instead of standing as a narrow strip in it.
    """
    lons, lats = [p[0] for p in points], [p[1] for p in points]
    out = []
    for lo, hi in ((min(lons), max(lons)), (min(lats), max(lats))):
        pad = max(
            (hi - lo) * pad_share, (min_span - (hi - lo)) / 2, 0.05 if pad_share == 0 else 0.3
        )
        out.append([lo - pad, hi + pad])
    if aspect:
        (lon0, lon1), (lat0, lat1) = out
        # Mercator stretches latitude by 1/cos(latitude): a degree of latitude takes more room than
        # one of longitude
        need = aspect * (lat1 - lat0) / math.cos(math.radians((lat0 + lat1) / 2))
        if lon1 - lon0 < need:
            mid = (lon0 + lon1) / 2
            out[0] = [mid - need / 2, mid + need / 2]
    return out[0], out[1]


SCHEMATIC_MARK = " (schematic)"


def legend_name(r: dict) -> str:
    """A line's legend entry, wrapped so the legend beside a map stays narrow; a line drawn only
    schematically says so on the map, not just in its hover."""
    mark = SCHEMATIC_MARK if r.get("precision") == "schematic" else ""
    return theme.wrap(r["name"] + mark, 34)
