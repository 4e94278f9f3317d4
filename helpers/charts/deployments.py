"""Troop deployments: a bubble map with a time slider, and strength over time per side.

On the map each formation is a bubble whose area is proportional to its strength: the
filled bubble is the lowest figure a source gives and the ring the highest, so ranges
stay visible. Frames show, for each date, the latest figure known for every formation.
Bubbles sit at the place the source names (or, where it names none, the conflict's main
place, as the row's note says). The map draws coastlines but not today's borders: the
period's own lines (agreed borders and each side's claims, from ``lines.csv``) valid during
the conflict are drawn instead, each with a legend entry.
"""

from __future__ import annotations

import math

import pandas as pd
import plotly.graph_objects as go

from .. import citations, data, theme
from . import battle_maps, labels, map_layout
from . import lines as ln
from .common import fmt_date, geo_layout, iso, places
from .selectors import check_choice

UNITS = ["troops", "ships", "aircraft", "tanks", "guns"]
MAX_BUBBLE_PX = 60
SUBTITLE = (
    "Bubble area ∝ strength · filled: lowest figure · ring: highest figure · "
    "lines: the period's borders and claims (today's borders not drawn)"
)


def deployment_rows(conflict_id: str, unit: str = "troops", sides=None) -> pd.DataFrame:
    """A conflict's dated strengths for one unit, with the sides checked."""
    dep = data.load("deployments")
    check_choice("conflict", conflict_id, dep["conflict_id"].unique())
    check_choice("unit", unit, UNITS)
    rows = dep[(dep["conflict_id"] == conflict_id) & (dep["unit"] == unit)].copy()
    if rows.empty:
        have = sorted(dep.loc[dep["conflict_id"] == conflict_id, "unit"].astype(str).unique())
        raise ValueError(f"no {unit} figures for {conflict_id}; units with data: {', '.join(have)}")
    rows["side"] = rows["side"].astype(str)
    if sides is not None:
        sides = [sides] if isinstance(sides, str) else list(sides)
        for s in sides:
            check_choice("side", s, sorted(rows["side"].unique()))
        rows = rows[rows["side"].isin(sides)]
    return rows.sort_values("date").reset_index(drop=True)


def with_hover(rows: pd.DataFrame, unit: str) -> list[dict]:
    """Deployment rows as dicts with their hover text, computed once."""
    pl = places("en")
    out = rows.to_dict("records")
    for r in out:
        where = pl.at[r["place_id"], "label"] if r["place_id"] in pl.index else r["place_id"]
        r["hover"] = (
            f"<b>{r['formation']}</b><br>{theme.side_name(r['side'])} at {where}<br>"
            f"{r['strength_low']:,}"
            + (f"–{r['strength_high']:,}" if r["strength_high"] != r["strength_low"] else "")
            + f" {unit}, as of {fmt_date(r['date'], r['date_precision'])}"
            + f"<br>source: {r['source_id']}"
        )
    return out


def state_records(rows: list[dict], day) -> list[dict]:
    """For each side, formation and source: the latest figure dated on or before ``day``."""
    day = pd.Timestamp(day)
    latest = {}
    for r in sorted(rows, key=lambda r: r["date"]):
        if r["date"] <= day:
            latest[(r["side"], r["formation"], r["source_id"])] = r
    return list(latest.values())


def state_on(rows: pd.DataFrame, day) -> pd.DataFrame:
    """``state_records`` for a DataFrame."""
    return pd.DataFrame(state_records(rows.to_dict("records"), day), columns=rows.columns)


def place_lookup(lang: str) -> dict:
    """place_id -> (lon, lat, label in ``lang``)."""
    pl = places(lang)
    return {
        pid: (lon, lat, label)
        for pid, lon, lat, label in zip(pl.index, pl["lon"], pl["lat"], pl["label"], strict=False)
    }


def _spread_out(
    state: list[dict], where: dict, radius: float = 0.35
) -> list[tuple[dict, float, float, str]]:
    """Coordinates for each bubble: formations sharing a place are set around it on a small
    circle (``radius`` degrees, scaled to the map) so none hides another; only the first at a
    place gets the name."""
    by_place: dict[str, list[dict]] = {}
    for r in state:
        if r["place_id"] in where:
            by_place.setdefault(r["place_id"], []).append(r)
    out = []
    for place, group in by_place.items():
        lon0, lat0, label = where[place]
        n = len(group)
        for k, r in enumerate(group):
            angle, rad = 2 * math.pi * k / n, (radius if n > 1 else 0.0)
            out.append(
                (
                    r,
                    lon0 + rad * math.cos(angle),
                    lat0 + rad * math.sin(angle),
                    label if k == 0 else "",
                )
            )
    return out


def bubble_traces(
    state: list[dict],
    where: dict,
    sides,
    sizeref: float,
    unit: str,
    radius: float = 0.35,
    names: bool = True,
) -> list[dict]:
    """Two traces per side (ring: highest figure; filled: lowest), fixed order for in-place
    updates. With ``names`` the first bubble at a place carries the place's name (the live
    explorer); the static map names its places once, where the names fit (``place_names``).
    """
    traces = []
    placed = _spread_out(state, where, radius)
    for side in sides:
        mine = [p for p in placed if p[0]["side"] == side]
        lon, lat = [p[1] for p in mine], [p[2] for p in mine]
        colour = theme.side_colour(side)
        traces.append(
            dict(
                type="scattergeo",
                lon=lon,
                lat=lat,
                mode="markers",
                name=f"{theme.side_name(side)} (highest figure)",
                marker=dict(
                    size=[float(p[0]["strength_high"]) for p in mine],
                    sizemode="area",
                    sizeref=sizeref,
                    sizemin=3,
                    color="rgba(0,0,0,0)",
                    line=dict(color=colour, width=2),
                ),
                hovertext=[p[0]["hover"] for p in mine],
                hoverinfo="text",
                legendgroup=side,
                showlegend=False,
            )
        )
        traces.append(
            dict(
                type="scattergeo",
                lon=lon,
                lat=lat,
                mode="markers+text",
                name=theme.side_name(side),
                text=[p[3] if names else "" for p in mine],
                textposition="top center",
                textfont=dict(size=11, color="#222"),
                marker=dict(
                    size=[float(p[0]["strength_low"]) for p in mine],
                    sizemode="area",
                    sizeref=sizeref,
                    sizemin=3,
                    color=colour,
                    opacity=0.75,
                    line=dict(color="white", width=1),
                ),
                hovertext=[p[0]["hover"] for p in mine],
                hoverinfo="text",
                legendgroup=side,
                showlegend=bool(mine),
            )
        )
    return traces


def frame_dates(rows: pd.DataFrame) -> list[pd.Timestamp]:
    return sorted(rows["date"].unique())


def conflict_span(conflict_id: str) -> tuple[pd.Timestamp, pd.Timestamp]:
    """The conflict's first and last day (the first day twice if no end is recorded)."""
    c = data.peek("conflicts").set_index("conflict_id").loc[conflict_id]
    return c["start_date"], c["end_date"] if pd.notna(c["end_date"]) else c["start_date"]


# how much of the map a place needs around it: a battlefield is a point, a region is not
MIN_SPAN = {
    "region": 14.0,
    "country": 10.0,
    "island_group": 8.0,
    "island": 3.0,
    "city": 3.0,
    "port": 3.0,
    "strait": 3.0,
    "river": 1.0,
    "battlefield": 0.35,
}
MAP_ASPECT = 1.9  # width / height of the map: the page's width, the key above it


def map_view(conflict_id: str, place_ids, records=None):
    """Bounds for a conflict's map and the period's lines drawn on it.

    The map covers the places named (a region needs more room around it than a battlefield);
    lines valid during the conflict near those places (within 3 degrees) widen it so they show
    whole. Returns (lon_range, lat_range, lines, spread radius for bubbles sharing a place).
    """
    pl = data.peek("places").set_index("place_id")
    place_ids = [p for p in dict.fromkeys(place_ids) if p in pl.index]
    coords = [(float(pl.at[p, "lon"]), float(pl.at[p, "lat"])) for p in place_ids] or [
        (130.0, 45.0)
    ]
    min_span = max([MIN_SPAN.get(str(pl.at[p, "kind"]), 3.0) for p in place_ids] or [3.0])
    start, end = conflict_span(conflict_id)
    lon0, lat0 = ln.bounds(coords, min_span=0, pad_share=0)
    near = ln.lines_for(start, end, [lon0[0] - 3, lon0[1] + 3], [lat0[0] - 3, lat0[1] + 3], records)
    pts = coords + [(x, y) for r in near for x, y in zip(r["lon"], r["lat"], strict=False)]
    lon, lat = ln.bounds(pts, min_span=min_span, aspect=MAP_ASPECT)
    shown = ln.lines_for(start, end, lon, lat, records)
    radius = 0.1 * (lat[1] - lat[0])
    return lon, lat, shown, radius


def deployment_map(
    conflict_id: str, unit: str = "troops", lang: str = "en", sides=None, controls: bool = True
) -> go.Figure:
    """Map of a conflict's forces; with ``controls`` a date slider and play button (plotly
    frames). Where the sources place the formations (``positions.csv``) and no side is singled
    out, the atlas map of ``battle_maps``; otherwise bubbles of strength at the places named.
    """
    rows = deployment_rows(conflict_id, unit, sides)
    pl = places(lang)
    if sides is None and unit == "troops" and battle_maps.has_positions(conflict_id):
        return battle_maps.battle_map(conflict_id, lang, controls)
    where = place_lookup(lang)
    recs = with_hover(rows, unit)
    sides_present = list(dict.fromkeys(rows["side"]))
    sizeref = 2.0 * float(rows["strength_high"].max()) / MAX_BUBBLE_PX**2
    dates = frame_dates(rows)
    mapped = rows[rows["place_id"].isin(pl.index)]
    lon, lat, period_lines, radius = map_view(conflict_id, mapped["place_id"])
    view = (lon, lat)
    taken = map_layout.line_boxes(period_lines, view)
    fig = go.Figure(
        bubble_traces(
            state_records(recs, dates[-1]),
            where,
            sides_present,
            sizeref,
            unit,
            radius,
            names=False,
        )
        + [place_names(list(dict.fromkeys(mapped["place_id"])), where, view, taken)]
        + map_layout.named_line_traces(period_lines, view, taken)
    )
    fig.update_layout(
        geo=geo_layout(lon=lon, lat=lat) | dict(showcountries=False),
        title_subtitle=dict(text=theme.wrap(SUBTITLE, 52), font=dict(size=12, color="#333")),
    )
    name = data.load("conflicts").set_index("conflict_id").at[conflict_id, "name_en"]
    desc = (
        f"Map of {name}: {len(rows)} dated figures for {unit} from "
        f"{rows['source_id'].nunique()} sources, "
        f"{fmt_date(dates[0])} to {fmt_date(dates[-1])}. Bubble area is proportional to "
        f"strength; the filled "
        f"bubble is the lowest figure and the ring the highest. Largest: "
        f"{rows['strength_high'].max():,} {unit}. "
        + (
            f"Lines of the period drawn: {'; '.join(r['name'] for r in period_lines)}."
            if period_lines
            else "No line of the period is recorded inside this map."
        )
        + " Today's borders are not drawn."
    )
    line_sources = [s for r in period_lines for s in r["source_ids"]]
    with_slider = controls and len(dates) > 1
    map_layout.finish_map(
        fig,
        f"{name.split(' (')[0]}: where the forces stood ({unit})",
        citations.source_line(list(rows["source_id"]) + line_sources),
        desc,
        height=600,
        extra_top=16 * (theme.wrap(SUBTITLE, 52).count("<br>") + 1) + 8,
        slider=with_slider,
    )
    if with_slider:
        fig.frames = [
            go.Frame(
                name=str(pd.Timestamp(d).date()),
                data=bubble_traces(
                    state_records(recs, d),
                    where,
                    sides_present,
                    sizeref,
                    unit,
                    radius,
                    names=False,
                ),
                traces=list(range(2 * len(sides_present))),
            )
            for d in dates
        ]
        fig.update_layout(sliders=[map_layout.date_slider(dates)])
    return fig


def place_names(place_ids: list[str], where: dict, view: tuple, taken: list) -> dict:
    """The places the forces stood at, named where the names fit on a phone (hover: always)."""
    lon = [where[p][0] for p in place_ids]
    lat = [where[p][1] for p in place_ids]
    names = [theme.wrap(where[p][2].split(" (")[0], 18) for p in place_ids]
    text, pos = labels.placed_labels(lon, lat, names, *view, taken=taken, marker_px=30)
    return dict(
        type="scattergeo",
        lon=lon,
        lat=lat,
        mode="text",
        text=text,
        textposition=pos,
        textfont=dict(size=11, color="#222222"),
        hovertext=[where[p][2] for p in place_ids],
        hoverinfo="text",
        name="places",
        showlegend=False,
    )


def series_sources(srows: pd.DataFrame) -> list[str]:
    """Sources that give at least two dated figures for one side: only these make a series."""
    dates = srows.groupby("source_id", observed=True)["date"].nunique()
    return sorted(dates[dates >= 2].index)


def strength_chart(conflict_id: str, unit: str = "troops", sides=None) -> go.Figure:
    """Strength over time per side: each source's figure as a point (a bar down to its lowest
    figure for a range). A shaded band from the lowest to the highest figure is drawn only where
    the sources support a series: over the dates of sources giving at least two dated figures for
    that side. Otherwise the figures stay separate points, never joined."""
    rows = deployment_rows(conflict_id, unit, sides)
    fig = go.Figure()
    banded = []
    for side in dict.fromkeys(rows["side"]):
        srows = rows[rows["side"] == side]
        colour = theme.side_colour(side)
        series = series_sources(srows)
        if series:
            banded.append(
                f"{theme.side_name(side)} ({len(series)} source{'s' * (len(series) > 1)})"
            )
            band = (
                srows[srows["source_id"].isin(series)]
                .groupby("date")
                .agg(lo=("strength_low", "min"), hi=("strength_high", "max"))
                .reset_index()
            )
            # thin dotted edges: a series of single figures (low = high) still shows as a joining
            # line
            by = series_label(series)
            fig.add_trace(
                go.Scatter(
                    x=iso(band["date"]),
                    y=band["hi"],
                    mode="lines",
                    line=dict(width=1.5, color=colour, dash="dot"),
                    name=f"{theme.side_name(side)}: highest in the series of {by}",
                    showlegend=False,
                    hovertext=f"{theme.side_name(side)}: highest figures in the series of {by}",
                    hoverinfo="text",
                    legendgroup=side,
                )
            )
            fig.add_trace(
                go.Scatter(
                    x=iso(band["date"]),
                    y=band["lo"],
                    mode="lines",
                    line=dict(width=1.5, color=colour, dash="dot"),
                    fill="tonexty",
                    fillcolor=_translucent(colour),
                    name=f"{theme.side_name(side)}: lowest in the series of {by}",
                    showlegend=False,
                    hovertext=f"{theme.side_name(side)}: lowest figures in the series of {by}",
                    hoverinfo="text",
                    legendgroup=side,
                )
            )
        fig.add_trace(
            go.Scatter(
                x=iso(srows["date"]),
                y=srows["strength_high"],
                mode="markers",
                name=theme.side_name(side),
                legendgroup=side,
                showlegend=False,
                marker=dict(color=colour, size=10, line=dict(color="white", width=1)),
                error_y=dict(
                    type="data",
                    symmetric=False,
                    array=[0] * len(srows),
                    arrayminus=list((srows["strength_high"] - srows["strength_low"]).astype(int)),
                    color=colour,
                ),
                hovertext=[
                    f"<b>{r.formation}</b><br>{r.strength_low:,}"
                    + (f"–{r.strength_high:,}" if r.strength_high != r.strength_low else "")
                    + f" {unit}<br>{fmt_date(r.date, r.date_precision)}<br>"
                    + f"source: {series_label([r.source_id])}"
                    for r in srows.itertuples()
                ],
                hoverinfo="text",
            )
        )
    name = data.load("conflicts").set_index("conflict_id").at[conflict_id, "name_en"]
    fig.update_yaxes(title_text="", separatethousands=True, rangemode="tozero")
    per_side = "; ".join(
        f"{theme.side_name(s)} up to {g['strength_high'].max():,}" for s, g in rows.groupby("side")
    )
    band_text = (
        f"A shaded band joins the figures of sources that give a series (two or more "
        f"dates): {'; '.join(banded)}."
        if banded
        else "No source gives a series of dated figures for one side, so the points are not joined."
    )
    desc = (
        f"Strength of the forces in {name} over time, in {unit}: each dot is one source's "
        f"figure for one "
        f"formation (a bar down to its lowest figure). {band_text} {per_side}."
    )
    sides = theme.key_lines(
        [
            f"<span style='color:{theme.side_colour(s)}'>●</span> {theme.side_name(s)}"
            for s in dict.fromkeys(rows["side"])
        ]
    )
    how = (
        "Dots: one source's figure each; band: one source's series of dates"
        if banded
        else "Dots: one source's figure each; no source gives a series, so none are joined"
    )
    key = f"{sides}<br>{theme.wrap(how, theme.SOURCE_CHARS)}"
    fig.update_layout(
        title_subtitle=dict(text=key, font=dict(size=12, color="#333")),
        showlegend=False,  # the sides are named in the key above
        margin=dict(t=90 + 16 * key.count("<br>"), l=56, r=20),
    )
    return theme.finish(
        fig,
        f"{name}: strength over time ({unit})",
        citations.source_line(rows["source_id"]),
        desc,
        bottom=30,
    )


def series_label(source_ids) -> str:
    """Sources by author and year (their ids are the data's, not the reader's)."""
    return citations.source_line(source_ids).rstrip(".")


def _translucent(hex_colour: str, alpha: float = 0.18) -> str:
    h = hex_colour.lstrip("#")
    r, g, b = (int(h[i : i + 2], 16) for i in (0, 2, 4))
    return f"rgba({r},{g},{b},{alpha})"
