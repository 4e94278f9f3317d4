"""Events of an era on a time axis (one row per kind) and on the map."""

from __future__ import annotations

import plotly.graph_objects as go

from .. import calendars, data, theme
from ..data import package_schema as ps
from . import selectors
from .common import fmt_date, geo_layout, iso, places


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
        theme.short_sources(ev["source_ids"].str.split(";").explode()),
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
    groups = located.groupby("place_id")
    fig = go.Figure(
        go.Scattergeo(
            lon=[pl.at[p, "lon"] for p in groups.groups],
            lat=[pl.at[p, "lat"] for p in groups.groups],
            # names only where several events happened, so labels do not pile up
            text=[pl.at[p, "label"] if len(g) > 1 else "" for p, g in groups],
            mode="markers+text",
            textposition="top center",
            marker=dict(
                size=[8 + 4 * len(g) for _, g in groups],
                color="#0072B2",
                opacity=0.8,
                line=dict(color="white", width=1),
            ),
            hovertext=[
                f"<b>{pl.at[p, 'label']}</b><br>"
                + "<br>".join(
                    f"{fmt_date(r.date, r.date_precision)}: {r.title_en}" for r in g.itertuples()
                )
                for p, g in groups
            ],
            hoverinfo="text",
            name="events",
        )
    )
    lon, lat = [pl.at[p, "lon"] for p in groups.groups], [pl.at[p, "lat"] for p in groups.groups]
    fig.update_layout(
        geo=geo_layout(lon=[min(lon) - 8, max(lon) + 8], lat=[min(lat) - 5, max(lat) + 5]),
        showlegend=False,
    )
    desc = (
        f"Map of where {len(located)} of the era's {len(ev)} events happened; marker size "
        f"grows with the number "
        f"of events at a place. Busiest: "
        + ", ".join(
            f"{pl.at[p, 'label']} ({len(g)})"
            for p, g in sorted(groups, key=lambda x: -len(x[1]))[:3]
        )
        + "."
    )
    return theme.finish(
        fig,
        "Where it happened",
        theme.short_sources(located["source_ids"].str.split(";").explode()),
        desc,
        height=600,
    )
