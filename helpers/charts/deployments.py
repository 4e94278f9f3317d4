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


def state_on(rows: pd.DataFrame, day) -> pd.DataFrame:
    """For each side, formation and source: the latest figure dated on or before ``day``."""
    known = rows[rows["date"] <= pd.Timestamp(day)]
    return known.sort_values("date").groupby(["side", "formation", "source_id"], as_index=False).tail(1)


def _spread_out(state: pd.DataFrame, pl: pd.DataFrame) -> pd.DataFrame:
    """Coordinates for each bubble: formations sharing a place are set around it on a small
    circle (0.35 degrees) so none hides another; only the first at a place gets the name."""
    state = state[state["place_id"].isin(pl.index)].copy()
    lon, lat, label = [], [], []
    for place, group in state.groupby("place_id", sort=False):
        n = len(group)
        for k in range(n):
            angle = 2 * math.pi * k / n
            r = 0.35 if n > 1 else 0.0
            lon.append(pl.at[place, "lon"] + r * math.cos(angle))
            lat.append(pl.at[place, "lat"] + r * math.sin(angle))
            label.append(pl.at[place, "label"] if k == 0 else "")
    order = [i for _, g in state.groupby("place_id", sort=False) for i in g.index]
    state = state.loc[order].assign(x_lon=lon, x_lat=lat, x_label=label)
    return state


def _bubble_traces(state: pd.DataFrame, pl: pd.DataFrame, sides, sizeref: float, unit: str) -> list[dict]:
    traces = []
    placed = _spread_out(state, pl)
    for side in sides:
        rows = placed[placed["side"] == side]
        lon, lat = list(rows["x_lon"]), list(rows["x_lat"])
        hover = [f"<b>{r.formation}</b><br>{theme.side_name(side)} at {pl.at[r.place_id, 'label']}<br>"
                 f"{r.strength_low:,}" + (f"–{r.strength_high:,}" if r.strength_high != r.strength_low else "") +
                 f" {unit}, as of {fmt_date(r.date, r.date_precision)}<br>source: {r.source_id}"
                 for r in rows.itertuples()]
        colour = theme.side_colour(side)
        traces.append(dict(type="scattergeo", lon=lon, lat=lat, mode="markers", name=f"{theme.side_name(side)} (highest figure)",
                           marker=dict(size=list(rows["strength_high"].astype(float)), sizemode="area", sizeref=sizeref,
                                       sizemin=3, color="rgba(0,0,0,0)", line=dict(color=colour, width=2)),
                           hoverinfo="skip", legendgroup=side, showlegend=False))
        traces.append(dict(type="scattergeo", lon=lon, lat=lat, mode="markers+text", name=theme.side_name(side),
                           text=list(rows["x_label"]), textposition="top center",
                           textfont=dict(size=11, color="#222"),
                           marker=dict(size=list(rows["strength_low"].astype(float)), sizemode="area", sizeref=sizeref,
                                       sizemin=3, color=colour, opacity=0.75, line=dict(color="white", width=1)),
                           hovertext=hover, hoverinfo="text", legendgroup=side))
    return traces


def frame_dates(rows: pd.DataFrame) -> list[pd.Timestamp]:
    return sorted(rows["date"].unique())


def deployment_map(conflict_id: str, unit: str = "troops", lang: str = "en", sides=None,
                   controls: bool = True) -> go.Figure:
    """Bubble map of a conflict's forces; with ``controls`` a date slider and play button (plotly frames)."""
    rows = deployment_rows(conflict_id, unit, sides)
    pl = places(lang)
    sides_present = list(dict.fromkeys(rows["side"]))
    sizeref = 2.0 * float(rows["strength_high"].max()) / MAX_BUBBLE_PX ** 2
    dates = frame_dates(rows)
    mapped = rows[rows["place_id"].isin(pl.index)]
    lon = [pl.at[p, "lon"] for p in mapped["place_id"]] or [130]
    lat = [pl.at[p, "lat"] for p in mapped["place_id"]] or [45]
    pad = 8
    layout_geo = geo_layout(lon=[min(lon) - pad, max(lon) + pad], lat=[min(lat) - pad / 2, max(lat) + pad / 2])
    fig = go.Figure(_bubble_traces(state_on(rows, dates[-1] if not controls else dates[0]), pl, sides_present, sizeref, unit))
    fig.update_layout(geo=layout_geo, legend=dict(title_text="Side (filled: lowest figure, ring: highest)"))
    name = data.load("conflicts").set_index("conflict_id").at[conflict_id, "name_en"]
    desc = (f"Map of {name}: {len(rows)} dated figures for {unit} from {rows['source_id'].nunique()} sources, "
            f"{fmt_date(dates[0])} to {fmt_date(dates[-1])}. Bubble area is proportional to strength; the filled "
            f"bubble is the lowest figure and the ring the highest. Largest: {rows['strength_high'].max():,} {unit}.")
    theme.finish(fig, f"{name}: where the forces stood ({unit})", theme.short_sources(rows["source_id"]), desc,
                 height=680, bottom=170 if controls else 90)
    if controls and len(dates) > 1:
        fig.frames = [go.Frame(name=str(pd.Timestamp(d).date()),
                               data=_bubble_traces(state_on(rows, d), pl, sides_present, sizeref, unit))
                      for d in dates]
        steps = [dict(label=fmt_date(d, "day"), method="animate",
                      args=[[str(pd.Timestamp(d).date())], dict(mode="immediate", frame=dict(duration=0, redraw=True),
                                                                  transition=dict(duration=0))]) for d in dates]
        fig.update_layout(
            sliders=[dict(active=0, steps=steps, x=0.16, len=0.84, y=0, yanchor="top", pad=dict(t=10),
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
