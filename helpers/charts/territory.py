"""Territory: who controlled each disputed territory, period by period, and a map for one year."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from .. import citations, data, theme
from . import labels, map_layout
from . import lines as ln
from . import treaties as tr_chart
from .common import LABEL_AXIS, fmt_date, geo_layout, places
from .selectors import check_choice, territory_in_year
from .treaties import TODAY

MAP_BOX = ([118, 160], [36, 56])  # lon, lat: the islands, Sakhalin and the mainland territories
ORDER = [
    "north_sakhalin",
    "south_sakhalin",
    "northern_kurils",
    "central_kurils",
    "etorofu",
    "kunashiri",
    "shikotan",
    "habomai",
    "kwantung",
    "korea",
    "manchuria",
]


def _hover(r, treaties) -> str:
    basis = (
        treaties.get(r.basis_treaty_id, r.basis_treaty_id)
        if isinstance(r.basis_treaty_id, str)
        else "—"
    )
    claim = (
        ", ".join(theme.side_name(c) for c in r.claimed_by.split(";"))
        if isinstance(r.claimed_by, str)
        else "none"
    )
    return (
        f"<b>{r.name_en}</b><br>{theme.side_name(r.controller)}: {fmt_date(r.start_date)} – "
        f"{fmt_date(r.end_date) if pd.notna(r.end_date) else 'today'}<br>Basis: "
        f"{basis}<br>Also claimed by: {claim}"
        + (f"<br><i>{r.note}</i>" if isinstance(r.note, str) else "")
    )


def territory_timeline(territories=None) -> go.Figure:
    """One row per territory, a coloured bar per period of control; hatched where another side
    claims
    it.
    """
    ter = data.load("territory")
    if territories is not None:
        territories = [territories] if isinstance(territories, str) else list(territories)
        for t in territories:
            check_choice("territory", t, ORDER)
        ter = ter[ter["territory_id"].isin(territories)]
    treaties = data.load("treaties").set_index("treaty_id")["name_en"].to_dict()
    ter = ter.assign(
        controller=ter["controller"].astype(str), territory_id=ter["territory_id"].astype(str)
    )
    # each territory's name (wrapped, never cut) sits above its row, inside the plot
    names = ter.drop_duplicates("territory_id").set_index("territory_id")["name_en"]
    placed, yaxis, labels = tr_chart.place_rows(
        [{"territory_id": t, "name_en": names[t]} for t in ORDER if t in names.index],
        "territory names",
    )
    ypos = {r["territory_id"]: r["y"] for r in placed}
    fig = go.Figure()
    for side in dict.fromkeys(ter["controller"]):
        rows = ter[ter["controller"] == side]
        end = rows["end_date"].fillna(TODAY)
        fig.add_trace(
            go.Bar(
                orientation="h",
                name=theme.side_name(side),
                y=[ypos[t] for t in rows["territory_id"]],
                width=tr_chart.BAR_UNITS,
                base=[d.isoformat() for d in rows["start_date"]],
                x=((end - rows["start_date"]).dt.days * 86_400_000).tolist(),
                marker=dict(
                    color=theme.side_colour(side),
                    line=dict(color="white", width=1),
                    pattern=dict(
                        shape=["/" if isinstance(c, str) else "" for c in rows["claimed_by"]],
                        fgcolor="rgba(255,255,255,0.75)",
                        fillmode="overlay",
                        size=8,
                        solidity=0.3,
                    ),
                ),
                hovertext=[_hover(r, treaties) for r in rows.itertuples()],
                hoverinfo="text",
            )
        )
    fig.add_trace(labels)
    key = theme.key_lines(
        [
            f"<span style='color:{theme.side_colour(s)}'>■</span> {theme.side_name(s)}"
            for s in dict.fromkeys(ter["controller"])
        ]
        + ["hatched: claimed by another side"]
    )
    top = 70 + 16 * (1 + key.count("<br>"))
    fig.update_layout(
        barmode="overlay",
        xaxis=dict(type="date"),
        xaxis2=LABEL_AXIS,
        yaxis=yaxis,
        showlegend=False,  # the key above names the colours
        title_subtitle=dict(text=key, font=dict(size=12, color="#333")),
        margin=dict(t=top, l=12, r=20),
    )
    desc = (
        f"Timeline of control over {len(placed)} territories from "
        f"{ter['start_date'].min().year} to today: "
        "each bar is a period of control, coloured by the controlling state; hatching marks "
        "periods in which "
        "another state claimed the territory. Hover for the treaty or act behind each change."
    )
    return theme.finish(
        fig,
        "Who held the disputed territories?",
        citations.source_line(ter["source_ids"].str.split(";").explode()),
        desc,
        height=top + tr_chart.plot_height(yaxis) + 34,
        bottom=34,
    )


def territory_map(year: int, lang: str = "en") -> go.Figure:
    """The islands, Sakhalin and the mainland territories coloured by who held them in ``year``."""
    ter = data.load("territory")
    lo, hi = int(ter["start_date"].dt.year.min()), TODAY.year
    if not lo <= int(year) <= hi:
        raise ValueError(f"year {year} is outside the territory data ({lo}–{hi})")
    held = territory_in_year(int(year))
    pl = places(lang)
    lon, lat = MAP_BOX
    period_lines = ln.lines_for(pd.Timestamp(year=int(year), month=7, day=1), None, lon, lat)
    # names placed where they fit at phone width, clear of each other and of the period's lines;
    # the rest show on hover
    held = held[held["place_id"].isin(pl.index)]
    taken = map_layout.line_boxes(period_lines, (lon, lat))
    text, where = labels.placed_labels(
        [pl.at[p, "lon"] for p in held["place_id"]],
        [pl.at[p, "lat"] for p in held["place_id"]],
        [theme.wrap(n, 16) for n in held["name_en"]],
        lon,
        lat,
        taken=taken,
        marker_px=16,
    )
    held = held.assign(text=text, where=where)
    fig = go.Figure()
    for side in dict.fromkeys(held["controller"].astype(str)):
        rows = held[held["controller"] == side]
        fig.add_trace(
            go.Scattergeo(
                lon=[pl.at[p, "lon"] for p in rows["place_id"]],
                lat=[pl.at[p, "lat"] for p in rows["place_id"]],
                mode="markers+text",
                name=theme.side_name(side),
                text=list(rows["text"]),
                textposition=list(rows["where"]),
                textfont=dict(size=11),
                marker=dict(
                    size=16,
                    color=theme.side_colour(side),
                    line=dict(color="white", width=1.5),
                    symbol=[
                        "circle-dot" if isinstance(c, str) else "circle" for c in rows["claimed_by"]
                    ],
                ),
                hovertext=[
                    f"<b>{r.name_en}</b><br>held by {theme.side_name(r.controller)} in {year}"
                    + (
                        f"<br>claimed by {r.claimed_by.replace(';', ', ')}"
                        if isinstance(r.claimed_by, str)
                        else ""
                    )
                    for r in rows.itertuples()
                ],
                hoverinfo="text",
            )
        )
    for tr in map_layout.named_line_traces(period_lines, (lon, lat), taken):
        fig.add_trace(tr)
    # today's borders would mislead on a historical map: only coastlines and the period's own lines
    fig.update_layout(geo=geo_layout(lon=lon, lat=lat) | dict(showcountries=int(year) >= 1992))
    summary = "; ".join(
        f"{theme.side_name(s)}: {', '.join(g['name_en'])}"
        for s, g in held.groupby(held["controller"].astype(str))
    )
    desc = (
        f"Map of the disputed territories in {year}, each marked in the colour of the state "
        f"holding it: {summary}."
        + (
            f" Lines of the period drawn: {'; '.join(r['name'] for r in period_lines)}."
            if period_lines
            else ""
        )
    )
    sources = list(held["source_ids"].str.split(";").explode()) + [
        s for r in period_lines for s in r["source_ids"]
    ]
    return map_layout.finish_map(
        fig,
        f"Who held what in {year}",
        citations.source_line(sources),
        desc,
        height=620,
        key_rows=3,
    )
