"""Events of an era on a time axis (one row per kind) and on the map."""

from __future__ import annotations

import plotly.graph_objects as go

from .. import calendars, citations, data, theme
from ..data import package_schema as ps
from . import labels, map_layout, selectors
from . import lines as ln
from .common import REGION, fmt_date, geo_layout, iso, places


def event_hover(r) -> str:
    written = calendars.as_written(r.date, r.date_precision)
    return (
        f"<b>{r.title_en}</b><br>{fmt_date(r.date, r.date_precision)}"
        + (f" · <i>{written}</i>" if written else "")
        + f"<br>{theme.wrap(r.summary, 60)}"
    )


def event_timeline(era_id: str) -> go.Figure:
    """An era's events as markers on a date axis, one row per kind of event."""
    ev = selectors.events_in_era(era_id)
    if ev.empty:
        raise ValueError(f"the era {era_id!r} has no events yet")
    kinds = [k for k in ps.enum_of("events", "kind") if k in set(ev["kind"].astype(str))]
    fig = go.Figure()
    for i, kind in enumerate(kinds):
        rows = ev[ev["kind"] == kind]
        fig.add_trace(
            go.Scatter(
                x=iso(rows["date"]),
                y=[kind] * len(rows),
                mode="markers",
                name=kind,
                marker=dict(
                    size=13,
                    color=theme.KIND_COLOURS[i % len(theme.KIND_COLOURS)],
                    symbol=i % 12,
                    line=dict(color="white", width=1),
                ),
                hovertext=[event_hover(r) for r in rows.itertuples()],
                hoverinfo="text",
            )
        )
    era = data.load("eras").set_index("era_id").loc[era_id]
    fig.update_xaxes(title_text="Date", type="date")
    fig.update_yaxes(title_text="", categoryorder="array", categoryarray=kinds, automargin=True)
    fig.update_layout(showlegend=False)  # each row is named by its kind
    desc = (
        f"{len(ev)} events of the era '{era.title}' ({era.start_year}–{era.end_year}) on a "
        f"time axis, one row "
        f"per kind: "
        + ", ".join(f"{k} ({(ev['kind'] == k).sum()})" for k in kinds)
        + f". First: {ev.iloc[0].title_en} ({fmt_date(ev.iloc[0].date)}); "
        + f"last: {ev.iloc[-1].title_en}."
    )
    return theme.finish(
        fig,
        f"{era.title}: events",
        citations.source_line(ev["source_ids"].str.split(";").explode()),
        desc,
        height=140 + 45 * len(kinds) + 120,
    )


def event_map(era_id: str, lang: str = "en") -> go.Figure:
    """Where an era's events happened: one marker per place, hover lists its events."""
    ev = selectors.events_in_era(era_id)
    pl = places(lang)
    located = ev[ev["place_id"].isin(pl.index)]
    if located.empty:
        raise ValueError(f"no event of era {era_id!r} has a place")
    counts = located.groupby("place_id").size().sort_values(ascending=False, kind="stable")
    lon_all, lat_all = pl.loc[counts.index, "lon"], pl.loc[counts.index, "lat"]
    near = counts[
        lon_all.between(*REGION["lon"]).to_numpy() & lat_all.between(*REGION["lat"]).to_numpy()
    ]
    shown = near if len(near) else counts
    far = counts.drop(shown.index)
    lon, lat = ln.bounds(
        list(zip(pl.loc[shown.index, "lon"], pl.loc[shown.index, "lat"], strict=True)),
        min_span=4,
        pad_share=0.15,
        aspect=1.3,
    )
    # the busiest places get the first choice of room for their names; the rest show on hover
    text, where = labels.placed_labels(
        list(pl.loc[shown.index, "lon"]),
        list(pl.loc[shown.index, "lat"]),
        [theme.wrap(pl.at[p, "label"], 18) for p in shown.index],
        lon,
        lat,
        marker_px=20,  # the markers grow with the events at a place
    )
    by_place = {p: g for p, g in located.groupby("place_id")}
    fig = go.Figure(
        go.Scattergeo(
            lon=list(pl.loc[shown.index, "lon"]),
            lat=list(pl.loc[shown.index, "lat"]),
            text=text,
            textposition=where,
            textfont=dict(size=11),
            mode="markers+text",
            marker=dict(
                size=[8 + 3 * min(n, 6) for n in shown],
                color="#0072B2",
                opacity=0.8,
                line=dict(color="white", width=1),
            ),
            hovertext=[
                f"<b>{pl.at[p, 'label']}</b><br>"
                + "<br>".join(
                    f"{fmt_date(r.date, r.date_precision)}: {r.title_en}"
                    for r in by_place[p].itertuples()
                )
                for p in shown.index
            ],
            hoverinfo="text",
            name="events",
        )
    )
    fig.update_layout(
        geo=geo_layout(lon=lon, lat=lat) | dict(showcountries=False),
        showlegend=False,
    )
    groups = located.groupby("place_id")
    desc = (
        f"Map of where {len(located)} of the era's {len(ev)} events happened; marker size "
        f"grows with the number "
        f"of events at a place. Busiest: "
        + ", ".join(
            f"{pl.at[p, 'label']} ({len(g)})"
            for p, g in sorted(groups, key=lambda x: -len(x[1]))[:3]
        )
        + "."
        + (
            " Outside the map (far from the region): "
            + ", ".join(f"{pl.at[p, 'label']} ({n})" for p, n in far.items())
            + "."
            if len(far)
            else ""
        )
        + " Today's borders are not drawn."
    )
    return map_layout.finish_map(
        fig,
        "Where it happened"
        + (f" ({len(far)} far-off place{'s' * (len(far) > 1)} not shown)" if len(far) else ""),
        citations.source_line(located["source_ids"].str.split(";").explode()),
        desc,
        height=560,
        key_rows=0,
    )
