"""Troop deployments: a bubble map with a time slider, and strength over time per side.

On the map each formation is a bubble whose area is proportional to its strength: the
filled bubble is the lowest figure a source gives and the ring the highest, so ranges
stay visible. Frames show, for each date, the latest figure known for every formation.
"""
from __future__ import annotations

import math

import pandas as pd
import plotly.graph_objects as go

from .. import data, theme
from ..selectors import check_choice
from ._common import fmt_date, geo_layout, iso, places

UNITS = ["troops", "ships", "aircraft", "tanks", "guns"]
MAX_BUBBLE_PX = 60


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
        r["hover"] = (f"<b>{r['formation']}</b><br>{theme.side_name(r['side'])} at {where}<br>"
                      f"{r['strength_low']:,}" + (f"–{r['strength_high']:,}" if r["strength_high"] != r["strength_low"] else "")
                      + f" {unit}, as of {fmt_date(r['date'], r['date_precision'])}<br>source: {r['source_id']}")
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
    return {pid: (lon, lat, label) for pid, lon, lat, label in zip(pl.index, pl["lon"], pl["lat"], pl["label"])}


def _spread_out(state: list[dict], where: dict) -> list[tuple[dict, float, float, str]]:
    """Coordinates for each bubble: formations sharing a place are set around it on a small
    circle (0.35 degrees) so none hides another; only the first at a place gets the name."""
    by_place: dict[str, list[dict]] = {}
    for r in state:
        if r["place_id"] in where:
            by_place.setdefault(r["place_id"], []).append(r)
    out = []
    for place, group in by_place.items():
        lon0, lat0, label = where[place]
        n = len(group)
        for k, r in enumerate(group):
            angle, radius = 2 * math.pi * k / n, (0.35 if n > 1 else 0.0)
            out.append((r, lon0 + radius * math.cos(angle), lat0 + radius * math.sin(angle), label if k == 0 else ""))
    return out


def _bubble_traces(state: list[dict], where: dict, sides, sizeref: float, unit: str) -> list[dict]:
    """Two traces per side (ring: highest figure; filled: lowest), fixed order for in-place updates."""
    traces = []
    placed = _spread_out(state, where)
    for side in sides:
        mine = [p for p in placed if p[0]["side"] == side]
        lon, lat = [p[1] for p in mine], [p[2] for p in mine]
        colour = theme.side_colour(side)
        traces.append(dict(type="scattergeo", lon=lon, lat=lat, mode="markers", name=f"{theme.side_name(side)} (highest figure)",
                           marker=dict(size=[float(p[0]["strength_high"]) for p in mine], sizemode="area", sizeref=sizeref,
                                       sizemin=3, color="rgba(0,0,0,0)", line=dict(color=colour, width=2)),
                           hoverinfo="skip", legendgroup=side, showlegend=False))
        traces.append(dict(type="scattergeo", lon=lon, lat=lat, mode="markers+text", name=theme.side_name(side),
                           text=[p[3] for p in mine], textposition="top center", textfont=dict(size=11, color="#222"),
                           marker=dict(size=[float(p[0]["strength_low"]) for p in mine], sizemode="area", sizeref=sizeref,
                                       sizemin=3, color=colour, opacity=0.75, line=dict(color="white", width=1)),
                           hovertext=[p[0]["hover"] for p in mine], hoverinfo="text", legendgroup=side,
                           showlegend=bool(mine)))
    return traces


def frame_dates(rows: pd.DataFrame) -> list[pd.Timestamp]:
    return sorted(rows["date"].unique())


def deployment_map(conflict_id: str, unit: str = "troops", lang: str = "en", sides=None,
                   controls: bool = True) -> go.Figure:
    """Bubble map of a conflict's forces; with ``controls`` a date slider and play button (plotly frames)."""
    rows = deployment_rows(conflict_id, unit, sides)
    pl = places(lang)
    where = place_lookup(lang)
    recs = with_hover(rows, unit)
    sides_present = list(dict.fromkeys(rows["side"]))
    sizeref = 2.0 * float(rows["strength_high"].max()) / MAX_BUBBLE_PX ** 2
    dates = frame_dates(rows)
    mapped = rows[rows["place_id"].isin(pl.index)]
    lon = [pl.at[p, "lon"] for p in mapped["place_id"]] or [130]
    lat = [pl.at[p, "lat"] for p in mapped["place_id"]] or [45]
    pad = 8
    layout_geo = geo_layout(lon=[min(lon) - pad, max(lon) + pad], lat=[min(lat) - pad / 2, max(lat) + pad / 2])
    fig = go.Figure(_bubble_traces(state_records(recs, dates[-1] if not controls else dates[0]), where, sides_present,
                                   sizeref, unit))
    fig.update_layout(geo=layout_geo, legend=dict(title_text="Side", x=0.01, y=0.99, xanchor="left", yanchor="top",
                                                  bgcolor="rgba(255,255,255,0.8)"),
                      title_subtitle=dict(text="Bubble area ∝ strength · filled: lowest figure · ring: highest figure",
                                          font=dict(size=12, color="#333")))
    name = data.load("conflicts").set_index("conflict_id").at[conflict_id, "name_en"]
    desc = (f"Map of {name}: {len(rows)} dated figures for {unit} from {rows['source_id'].nunique()} sources, "
            f"{fmt_date(dates[0])} to {fmt_date(dates[-1])}. Bubble area is proportional to strength; the filled "
            f"bubble is the lowest figure and the ring the highest. Largest: {rows['strength_high'].max():,} {unit}.")
    theme.finish(fig, f"{name}: where the forces stood ({unit})", theme.short_sources(rows["source_id"]), desc,
                 height=680, bottom=170 if controls else 90)
    if controls and len(dates) > 1:
        fig.frames = [go.Frame(name=str(pd.Timestamp(d).date()),
                               data=_bubble_traces(state_records(recs, d), where, sides_present, sizeref, unit))
                      for d in dates]
        steps = [dict(label=fmt_date(d, "day"), method="animate",
                      args=[[str(pd.Timestamp(d).date())], dict(mode="immediate", frame=dict(duration=0, redraw=True),
                                                                  transition=dict(duration=0))]) for d in dates]
        fig.update_layout(
            sliders=[dict(active=0, steps=steps, x=0.16, len=0.78, y=0, yanchor="top", pad=dict(t=10),
                          currentvalue=dict(prefix="As of: "))],
            updatemenus=[dict(type="buttons", direction="right", x=0.0, y=0, xanchor="left", yanchor="top",
                              pad=dict(t=30), buttons=[
                dict(label="▶ Play", method="animate",
                     args=[None, dict(frame=dict(duration=900, redraw=True), fromcurrent=True)]),
                dict(label="❚❚ Pause", method="animate",
                     args=[[None], dict(mode="immediate", frame=dict(duration=0, redraw=False))])])])
    return fig


def strength_chart(conflict_id: str, unit: str = "troops", sides=None) -> go.Figure:
    """Strength over time per side: each source's figure as a point (bar for a range) and a band
    from the lowest to the highest figure any source gives on each date."""
    rows = deployment_rows(conflict_id, unit, sides)
    fig = go.Figure()
    for side in dict.fromkeys(rows["side"]):
        srows = rows[rows["side"] == side]
        colour = theme.side_colour(side)
        band = srows.groupby("date").agg(lo=("strength_low", "min"), hi=("strength_high", "max")).reset_index()
        fig.add_trace(go.Scatter(x=iso(band["date"]), y=band["hi"], mode="lines", line=dict(width=0, color=colour),
                                 showlegend=False, hoverinfo="skip", legendgroup=side))
        fig.add_trace(go.Scatter(x=iso(band["date"]), y=band["lo"], mode="lines", line=dict(width=0, color=colour),
                                 fill="tonexty", fillcolor=_translucent(colour), name=f"{theme.side_name(side)}: range of sources",
                                 hoverinfo="skip", legendgroup=side))
        fig.add_trace(go.Scatter(
            x=iso(srows["date"]), y=srows["strength_high"], mode="markers", name=theme.side_name(side), legendgroup=side,
            marker=dict(color=colour, size=10, line=dict(color="white", width=1)),
            error_y=dict(type="data", symmetric=False, array=[0] * len(srows),
                         arrayminus=list((srows["strength_high"] - srows["strength_low"]).astype(int)), color=colour),
            hovertext=[f"<b>{r.formation}</b><br>{r.strength_low:,}" +
                       (f"–{r.strength_high:,}" if r.strength_high != r.strength_low else "") +
                       f" {unit}<br>{fmt_date(r.date, r.date_precision)}<br>source: {r.source_id}" for r in srows.itertuples()],
            hoverinfo="text"))
    name = data.load("conflicts").set_index("conflict_id").at[conflict_id, "name_en"]
    fig.update_xaxes(title_text="Date")
    fig.update_yaxes(title_text=f"Strength ({unit})", separatethousands=True, rangemode="tozero")
    per_side = "; ".join(f"{theme.side_name(s)} up to {g['strength_high'].max():,}" for s, g in rows.groupby("side"))
    desc = (f"Strength of the forces in {name} over time, in {unit}: each dot is one source's figure for one "
            f"formation (a bar down to its lowest figure), and the shaded band spans all sources on each date. {per_side}.")
    return theme.finish(fig, f"{name}: strength over time ({unit})", theme.short_sources(rows["source_id"]), desc)


def _translucent(hex_colour: str, alpha: float = 0.18) -> str:
    h = hex_colour.lstrip("#")
    r, g, b = (int(h[i:i + 2], 16) for i in (0, 2, 4))
    return f"rgba({r},{g},{b},{alpha})"
