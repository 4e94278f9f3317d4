"""Populations by source: every source's figure for a place, year by year.

Figures are never averaged: each source's count or estimate is its own point (with a bar
from its lowest to its highest figure when it gives a range), coloured by the kind of
count (census, official count, estimate) and shaped by the source's perspective, so a
reader sees at once who counted, how, and when.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from .. import citations, data, theme
from . import selectors
from .casualties import shape_key
from .common import range_trace
from .selectors import check_choice

KIND_NAMES = {"census": "census", "official_count": "official count", "estimate": "estimate"}
KIND_COLOURS = {"census": "#0072B2", "official_count": "#D55E00", "estimate": "#009E73"}
GROUP_NAMES = {"all": "all residents", "japanese": "Japanese residents"}


def _as_list(value) -> list:
    return [value] if isinstance(value, str) else list(value)


def population_points(place_ids=None, group: str | None = None) -> pd.DataFrame:
    """One row per source figure, joined to its source and place, with the labels the chart
    shows.
    """
    pop = data.load("populations")
    places = data.load("places").set_index("place_id")["name_en"]
    if place_ids is not None:
        ids = _as_list(place_ids)
        if not ids:
            raise ValueError("give at least one place id")
        for pid in ids:
            check_choice("place", pid, pop["place_id"].astype(str).unique())
        pop = pop[pop["place_id"].isin(ids)]
    if group is not None:
        check_choice("group", group, pop["group"].astype(str).unique())
        pop = pop[pop["group"] == group]
    rows = selectors.with_sources(pop)
    for col in ("place_id", "group", "kind", "perspective"):
        rows[col] = rows[col].astype(str)
    rows["place_name"] = rows["place_id"].map(places).fillna(rows["place_id"])
    rows["hover"] = [_hover(r) for r in rows.itertuples()]
    return rows.sort_values(["place_id", "year", "low"]).reset_index(drop=True)


def _hover(r) -> str:
    figure = f"{int(r.low):,}" + (f" to {int(r.high):,}" if r.high != r.low else "")
    note = f"<br><i>{theme.wrap(r.note, 70)}</i>" if isinstance(r.note, str) else ""
    return (
        f"<b>{r.place_name}, {int(r.year)}</b>: {figure} ({GROUP_NAMES.get(r.group, r.group)})"
        f"<br>{KIND_NAMES.get(r.kind, r.kind)} · {r.source_label} · "
        f"{theme.PERSPECTIVE_NAMES.get(r.perspective, r.perspective)} perspective"
        f"<br>{theme.wrap(str(r.source_title), 70)}{note}"
    )


def kind_traces(points: pd.DataFrame) -> list[dict]:
    """One trace per kind of count (fixed order, hidden from the legend when empty): a point per
    figure, a vertical bar from low to high, points of one year spread apart so none hides
    another.
    """
    traces = []
    rows = points.to_dict("records")
    nth = {}
    offsets = []
    for r in rows:  # several sources for one place and year sit side by side
        key = (r["place_id"], r["year"])
        offsets.append(nth.get(key, 0))
        nth[key] = nth.get(key, 0) + 1
    for kind, name in KIND_NAMES.items():
        x, y, symbols, hover = [], [], [], []
        for r, k in zip(rows, offsets, strict=False):
            if r["kind"] != kind:
                continue
            xpos = r["year"] + 0.35 * (k - (nth[(r["place_id"], r["year"])] - 1) / 2)
            symbol = theme.PERSPECTIVE_SYMBOLS.get(r["perspective"], "circle")
            ends = [r["low"], r["high"]] if r["high"] != r["low"] else [r["low"]]
            for v in ends:
                x.append(xpos)
                y.append(int(v))
                symbols.append(symbol)
                hover.append(r["hover"])
            x.append(None)
            y.append(None)
            symbols.append("circle")
            hover.append("")
        traces.append(range_trace(name, KIND_COLOURS[kind], x, y, symbols, hover, "kinds"))
    return traces


def key_text(points: pd.DataFrame) -> str:
    """The keys to colour (kind of count) and shape (perspective) of what is drawn, in words
    (in place of a legend)."""
    kinds = " · ".join(
        f"<span style='color:{KIND_COLOURS[k]}'>●</span> {name}"
        for k, name in KIND_NAMES.items()
        if k in set(points["kind"])
    )
    return (
        "Colour: "  # at most three short kinds: one line
        + kinds
        + "<br>"
        + theme.wrap(shape_key(points["perspective"]), theme.SOURCE_CHARS)
    )


def population_spread(place_ids=None) -> pd.DataFrame:
    """Per place, year and group: how many sources, the lowest and highest figure and their
    ratio.
    """
    pts = population_points(place_ids)
    out = (
        pts.groupby(["place_id", "year", "group"])
        .agg(sources=("source_id", "nunique"), lowest=("low", "min"), highest=("high", "max"))
        .reset_index()
    )
    out["highest_over_lowest"] = (
        (out["highest"] / out["lowest"].where(out["lowest"] > 0)).astype(float).round(2)
    )
    return out


def population_chart(place_ids=None, group: str | None = None) -> go.Figure:
    """Every source's population figure for one or more places, by year.

    One panel of points: x is the year the figure refers to, y the number of people. Colour
    shows the kind of count, shape the source's perspective; hover gives the source and
    what it counted. With several places a dropdown shows one place at a time.
    """
    points = population_points(place_ids, group)
    if points.empty:
        raise ValueError("no population figures for this selection")
    place_order = list(dict.fromkeys(points["place_id"]))
    first = points[points["place_id"] == place_order[0]]
    fig = go.Figure(kind_traces(first))
    names = points.drop_duplicates("place_id").set_index("place_id")["place_name"]
    years = points["year"]
    fig.update_xaxes(
        title=dict(text="Year the figure refers to", font_size=13),
        range=[years.min() - 4, years.max() + 4],
    )
    fig.update_yaxes(title_text="", rangemode="tozero", separatethousands=True)
    desc = (
        "Population figures by year, one point per source: colour shows whether the figure "
        "is a census, an "
        "official count or an estimate, shape shows the source's perspective. "
        + " ".join(
            f"{names[p]}: "
            + "; ".join(
                f"{int(r.year)} {int(r.low):,}"
                + (f"-{int(r.high):,}" if r.high != r.low else "")
                + f" ({r.source_label}, {KIND_NAMES[r.kind]})"
                for r in points[points["place_id"] == p].itertuples()
            )
            + "."
            for p in place_order
        )
    )
    title = (
        f"{names[place_order[0]]}: how many people, by whose count?"
        if len(place_order) == 1
        else "How many people lived on the islands, by whose count?"
    )
    subtitle = key_text(points)
    menu_px = 40 if len(place_order) > 1 else 0
    top = 40 + 22 * theme.wrap_title(title).count("<br>") + 16 * (1 + subtitle.count("<br>"))
    fig.update_layout(margin=dict(t=top + menu_px, l=56, r=16))
    theme.finish(
        fig, title, citations.source_line(points["source_id"]), desc, height=530 + top, bottom=66
    )
    fig.update_layout(
        showlegend=False,
        title_subtitle=dict(text=subtitle, font=dict(size=12, color="#333")),
    )
    height = fig.layout.height
    if len(place_order) > 1:
        options = []
        for p in place_order:
            traces = kind_traces(points[points["place_id"] == p])
            options.append(
                dict(
                    label=names[p],
                    method="update",
                    args=[
                        {
                            "x": [t["x"] for t in traces],
                            "y": [t["y"] for t in traces],
                            "hovertext": [t["hovertext"] for t in traces],
                            "marker.symbol": [t["marker"]["symbol"] for t in traces],
                            "showlegend": [t["showlegend"] for t in traces],
                        },
                        {},
                        list(range(len(traces))),
                    ],
                )
            )
        above = 1 + 8 / (height - fig.layout.margin.t - fig.layout.margin.b)
        fig.update_layout(
            updatemenus=[
                dict(
                    type="dropdown",
                    buttons=options,
                    x=0.0,
                    xanchor="left",
                    font=dict(size=12),
                    pad=dict(t=0, b=0, l=0, r=0),
                    y=above,
                    yanchor="bottom",
                    active=0,
                    showactive=True,
                )
            ]
        )
    return fig
