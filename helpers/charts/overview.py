"""The whole span on one chart: eras as bands, conflicts as bars, treaties as diamonds."""

from __future__ import annotations

import plotly.graph_objects as go

from .. import citations, data, theme
from .common import fmt_date, iso
from .treaties import TODAY, era_bands


def course_timeline() -> go.Figure:
    """Eras, conflicts and treaties from 1639 to today on one time axis."""
    conflicts = data.load("conflicts").sort_values("start_date")
    events = data.load("events").sort_values("date")
    treaties = data.load("treaties").sort_values("signed_date")
    fig = go.Figure()
    end = conflicts["end_date"].fillna(conflicts["start_date"])
    days = (end - conflicts["start_date"]).dt.days.clip(lower=120)
    fig.add_trace(
        go.Bar(
            orientation="h",
            y=["Conflicts"] * len(conflicts),
            base=[d.isoformat() for d in conflicts["start_date"]],
            x=(days * 86_400_000).tolist(),
            name="Conflict (bar: its length)",
            marker=dict(color="#D55E00", opacity=0.75, line=dict(color="#7a2f00", width=1)),
            hovertext=[
                f"<b>{r.name_en}</b><br>{fmt_date(r.start_date)} – {fmt_date(r.end_date)}"
                f"<br>{theme.wrap(r.outcome or '', 60)}"
                for r in conflicts.itertuples()
            ],
            hoverinfo="text",
        )
    )
    fig.add_trace(
        go.Scatter(
            x=iso(treaties["signed_date"]),
            y=["Treaties"] * len(treaties),
            mode="markers",
            name="Treaty signed",
            marker=dict(
                symbol="diamond", size=11, color="#0072B2", line=dict(color="white", width=1)
            ),
            hovertext=[
                f"<b>{r.name_en}</b><br>signed {fmt_date(r.signed_date)}"
                for r in treaties.itertuples()
            ],
            hoverinfo="text",
        )
    )
    fig.add_trace(
        go.Scatter(
            x=iso(events["date"]),
            y=["Events"] * len(events),
            mode="markers",
            name="Event",
            marker=dict(symbol="line-ns-open", size=14, color="#444444"),
            hovertext=[
                f"<b>{r.title_en}</b><br>{fmt_date(r.date, r.date_precision)}"
                for r in events.itertuples()
            ],
            hoverinfo="text",
        )
    )
    fig.add_trace(era_row())
    era_bands(fig, named=False)
    fig.update_layout(
        barmode="overlay",
        xaxis=dict(type="date", range=["1630-01-01", TODAY.isoformat()]),
        yaxis=dict(
            title_text="",
            categoryorder="array",
            categoryarray=["Events", "Treaties", "Conflicts", "Eras"],
        ),
        showlegend=False,  # each row is named on the axis
        # an era's name shows inside its bar where it fits at 11 px, and in its hover always
        uniformtext=dict(mode="hide", minsize=11),
    )
    desc = (
        f"Timeline from 1639 to today: shaded bands mark the course's seven eras; "
        f"{len(events)} events are ticks, "
        f"{len(conflicts)} conflicts are bars from start to end and {len(treaties)} treaties "
        f"are diamonds at their "
        f"signature. Conflicts cluster in 1894-1945; "
        "treaties run through the whole span, "
        f"with the first in {treaties['signed_date'].min().year}."
    )
    ids = [
        *conflicts["source_ids"].str.split(";").explode(),
        *events["source_ids"].str.split(";").explode(),
        *treaties["source_ids"].str.split(";").explode(),
    ]
    return theme.finish(
        fig,
        "Four centuries on one timeline",
        citations.source_line(ids),
        desc,
        height=400,
        bottom=30,
    )


def era_row() -> go.Bar:
    """The course's eras as a row of bars, each named inside (where its name fits)."""
    eras = data.load("eras")
    eras = eras[~eras["era_id"].isin(["orientation", "capstone"])]
    years = (eras["end_year"] - eras["start_year"] + 1) * 365.25 * 86_400_000
    return go.Bar(
        orientation="h",
        y=["Eras"] * len(eras),
        base=[f"{y}-01-01" for y in eras["start_year"]],
        x=years.astype("int64").tolist(),
        text=[t.split(":")[0] for t in eras["title"]],
        textposition="inside",
        insidetextanchor="middle",
        textfont=dict(size=12, color="#222"),
        marker=dict(
            color=[("#E8E4D8", "#D6D0BE")[i % 2] for i in range(len(eras))],
            line=dict(color="white", width=1),
        ),
        name="Era",
        hovertext=[
            f"<b>{t}</b><br>{a}–{b}"
            for t, a, b in eras[["title", "start_year", "end_year"]].itertuples(index=False)
        ],
        hoverinfo="text",
    )
