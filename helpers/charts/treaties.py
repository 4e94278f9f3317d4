"""Treaty timeline: every treaty and agreement as a bar from signature, coloured by kind, with
era bands behind and parties, mediator and terms on hover.

How a bar ends says what the sources record (``status`` in treaties.csv):

* ended: a solid bar to the recorded end (to the end of the month or year when only that is known);
* still in force: a solid bar to today, with an arrow at today;
* suspended: a cross-hatched bar to today (in force, implementation suspended);
* end not recorded: a short, pale, hatched stub with a '?' - never drawn as running to today.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from .. import calendars, citations, data, theme
from ..data import package_schema as ps
from .common import fmt_date, iso
from .selectors import check_choice

TODAY = pd.Timestamp("2026-11-23")
STUB_DAYS = 3 * 365  # length of the stub drawn for a treaty whose end no source records
# status: (legend label, in two short lines so the key leaves the bars the width; pattern, opacity)
STATUS = {
    "ended": ("ended: the bar stops<br>at the recorded end", "", 1.0),
    "in_force": ("still in force: the bar<br>runs to today ▶", "", 1.0),
    "suspended": ("in force, implementation<br>suspended (cross-hatched)", "x", 0.85),
    "unknown": ("end not recorded:<br>a short pale stub with ?", "/", 0.45),
}
ROW_PX, MAX_HEIGHT = 22, 700


def tick_size(n_rows: int) -> int:
    """Treaty names shrink as rows get denser, so every one stays on its own line."""
    return 12 if n_rows <= 20 else 10 if n_rows <= 36 else 9


def left_margin(labels, n_rows: int) -> int:
    """Room for the treaty names at their tick size, so plotly's automargin has nothing to add
    and draws once."""
    return theme.label_margin(
        max((theme.text_px(label, tick_size(n_rows)) for label in labels), default=0)
    )


def timeline_height(n_rows: int) -> int:
    """One row per treaty, but never taller than a laptop screen (rows get denser instead)."""
    return min(MAX_HEIGHT, max(450, 150 + ROW_PX * n_rows))


def treaty_rows(
    party: str | None = None, kind: str | None = None, era: str | None = None
) -> pd.DataFrame:
    """Treaties filtered by party code, kind and era (by signature date), sorted by signature."""
    tr = data.load("treaties")
    if party is not None:
        check_choice("party", party, list(theme.SIDE_NAMES))
        tr = tr[tr["parties"].str.split(";").apply(lambda ps_: party in ps_)]
    if kind is not None:
        check_choice("kind", kind, ps.enum_of("treaties", "kind"))
        tr = tr[tr["kind"] == kind]
    if era is not None:
        eras = data.load("eras").set_index("era_id")
        check_choice("era", era, list(eras.index))
        lo, hi = eras.at[era, "start_year"], eras.at[era, "end_year"]
        tr = tr[tr["signed_date"].dt.year.between(lo, hi)]
    return tr.sort_values("signed_date").reset_index(drop=True)


def _hover(r) -> str:
    parties = ", ".join(theme.side_name(p) for p in r.parties.split(";"))
    lines = [
        f"<b>{r.name_en}</b>"
        + (f" · {r.name_ja}" if isinstance(r.name_ja, str) else "")
        + (f" · {r.name_ru}" if isinstance(r.name_ru, str) else ""),
        f"{r.kind.replace('_', ' ')}; signed {fmt_date(r.signed_date)} "
        f"({calendars.as_written(r.signed_date)})",
        f"Parties: {parties}",
    ]
    if isinstance(r.mediator, str):
        lines.append(f"Mediator: {', '.join(theme.side_name(m) for m in r.mediator.split(';'))}")
    reason = theme.wrap(r.end_reason, 80) if isinstance(r.end_reason, str) else ""
    if pd.notna(r.ended_date):
        lines.append(
            f"Ended: {fmt_date(r.ended_date, r.end_precision)}"
            + (f"<br>{reason}" if reason else "")
        )
    else:
        lines.append(
            f"Status: {STATUS[str(r.status)][0].split(':')[0]}"
            + (f"<br>{reason}" if reason else "")
        )
    if isinstance(r.territorial_terms, str):
        lines.append("Territory: " + theme.wrap(r.territorial_terms))
    return "<br>".join(lines)


def _bar_end(r) -> pd.Timestamp:
    """Where a treaty's bar stops (see the module docstring)."""
    if r.status == "ended":
        end = pd.Timestamp(r.ended_date)
        if r.end_precision == "year":
            return end + pd.offsets.YearEnd(0)
        if r.end_precision == "month":
            return end + pd.offsets.MonthEnd(0)
        return end
    if r.status in ("in_force", "suspended"):
        return TODAY
    return min(pd.Timestamp(r.signed_date) + pd.Timedelta(days=STUB_DAYS), TODAY)


def prepared(tr: pd.DataFrame) -> pd.DataFrame:
    """Treaties with the bar geometry and hover text computed once (widgets only filter them)."""
    tr = tr.assign(status=tr["status"].astype(str))
    end = pd.Series([_bar_end(r) for r in tr.itertuples()], index=tr.index)
    # a one-day instrument still needs a visible bar: at least 180 days wide
    label = [n if len(n) <= 34 else n[:33] + "…" for n in tr["name_en"]]
    return tr.assign(
        kind=tr["kind"].astype(str),
        bar_base=iso(tr["signed_date"]),
        label=label,
        bar_end=iso(end),
        bar_ms=((end - tr["signed_date"]).dt.days.clip(lower=180) * 86_400_000).astype(int),
        opacity=[STATUS[st][2] for st in tr["status"]],
        pattern=[STATUS[st][1] for st in tr["status"]],
        hover=[_hover(r) for r in tr.itertuples()],
    )


def treaty_traces(tr: pd.DataFrame, kinds) -> list[dict]:
    """One bar trace per kind (fixed order, empty when absent), then the status markers ('▶' at
    today for treaties in force, '?' after a stub with no recorded end) and one legend entry per
    status; ``tr`` comes from ``prepared()``."""
    recs = tr.to_dict("records") if isinstance(tr, pd.DataFrame) else tr
    traces = []
    for i, kind in enumerate(kinds):
        rows = [r for r in recs if r["kind"] == kind]
        traces.append(
            dict(
                type="bar",
                orientation="h",
                name=kind.replace("_", " "),
                base=[r["bar_base"] for r in rows],
                x=[int(r["bar_ms"]) for r in rows],
                y=[r["label"] for r in rows],
                marker=dict(
                    color=theme.KIND_COLOURS[i % len(theme.KIND_COLOURS)],
                    opacity=[r["opacity"] for r in rows],
                    pattern=dict(
                        shape=[r["pattern"] for r in rows],
                        fillmode="overlay",
                        fgcolor="white",
                        size=6,
                        solidity=0.4,
                    ),
                ),
                hovertext=[r["hover"] for r in rows],
                hoverinfo="text",
                showlegend=False,
                legendgroup="kinds",
            )
        )
    for status, symbol, text in (
        ("in_force", "triangle-right", ""),
        ("suspended", "triangle-right", ""),
        ("unknown", "circle-open", "?"),
    ):
        rows = [r for r in recs if r["status"] == status]
        traces.append(
            dict(
                type="scatter",
                mode="markers+text" if text else "markers",
                x=[r["bar_end"] for r in rows],
                y=[r["label"] for r in rows],
                text=[text] * len(rows),
                textposition="middle right",
                textfont=dict(size=12, color="#444"),
                marker=dict(symbol=symbol, size=9, color="#444"),
                hovertext=[r["hover"] for r in rows],
                hoverinfo="text",
                name=STATUS[status][0],
                showlegend=False,
                legendgroup="status",
            )
        )
    present = {r["kind"] for r in recs}
    for i, kind in enumerate(
        kinds
    ):  # the key to the colours: solid swatches, whatever the first bar's status
        traces.append(
            dict(
                type="bar",
                orientation="h",
                x=[None],
                y=[None],
                name=kind.replace("_", " "),
                legendgroup="kinds",
                legendgrouptitle=dict(text="Kind of instrument"),
                hoverinfo="skip",
                showlegend=kind in present,
                marker=dict(color=theme.KIND_COLOURS[i % len(theme.KIND_COLOURS)]),
            )
        )
    for label, pattern, opacity in STATUS.values():
        traces.append(
            dict(
                type="bar",
                orientation="h",
                x=[None],
                y=[None],
                name=label,
                legendgroup="status",
                legendgrouptitle=dict(text="How the bar ends"),
                hoverinfo="skip",
                showlegend=True,
                marker=dict(
                    color="#999999",
                    opacity=opacity,
                    pattern=dict(
                        shape=pattern, fillmode="overlay", fgcolor="white", size=6, solidity=0.4
                    ),
                ),
            )
        )
    return traces


def era_bands(fig: go.Figure) -> None:
    """Alternately shaded era bands behind a time axis, named where the band is wide enough."""
    eras = data.load("eras")
    eras = eras[~eras["era_id"].isin(["orientation", "capstone"])]
    for i, e in enumerate(eras.itertuples()):
        label = {}
        if (
            e.end_year - e.start_year >= 25
        ):  # narrow eras would print their names on top of each other
            # alternate top and bottom so neighbouring era names never overprint
            label = dict(
                annotation_text=" ".join(e.title.split(":")[0].split(",")[0].split()[:2]),
                annotation_position="top left" if i % 2 else "bottom left",
                annotation_font=dict(size=10, color="#666"),
            )
        fig.add_vrect(
            x0=f"{e.start_year}-01-01",
            x1=f"{e.end_year}-12-31",
            fillcolor="#888888",
            opacity=0.08 if i % 2 else 0.0,
            line_width=0,
            layer="below",
            **label,
        )


def treaty_timeline(
    party: str | None = None, kind: str | None = None, era: str | None = None, controls: bool = True
) -> go.Figure:
    """Gantt-style timeline of treaties; ``controls`` adds a plotly dropdown to show one kind at a
    time.
    """
    tr = treaty_rows(party, kind, era)
    if tr.empty:
        raise ValueError("no treaties match this selection; try another party, kind or era")
    kinds = list(dict.fromkeys(tr["kind"].astype(str)))
    prep = prepared(tr)
    fig = go.Figure(treaty_traces(prep, kinds))
    fig.update_layout(
        barmode="overlay",
        xaxis=dict(type="date", title_text="Year", title_font=dict(size=12), tickangle=0),
        yaxis=dict(
            autorange="reversed",
            title_text="",
            automargin=True,
            categoryorder="array",
            categoryarray=list(prep["label"]),
            tickfont=dict(size=tick_size(len(tr))),
            tickmode="linear",
            tick0=0,
            dtick=1,
        ),  # every treaty named, however dense
        # the legend is a key (kinds: colour; status: how a bar ends); the dropdown filters kinds
        legend=dict(font=dict(size=10), tracegroupgap=6, itemclick=False, itemdoubleclick=False),
        margin_l=left_margin(prep["label"], len(tr)),
    )
    start = tr["signed_date"].min()
    last = max(pd.Timestamp(d) for d in prep["bar_end"])
    fig.update_xaxes(range=[f"{start.year - 5}-01-01", f"{min(last.year, TODAY.year) + 4}-01-01"])
    if era is None:
        era_bands(fig)
    scope = (
        ", ".join(
            x
            for x in [
                theme.side_name(party) if party else "",
                kind.replace("_", " ") if kind else "",
                era or "",
            ]
            if x
        )
        or "all"
    )
    counts = prep["status"].value_counts()
    desc = (
        f"Timeline of {len(tr)} treaties and agreements ({scope}), {tr['signed_date'].min().year}–"
        f"{tr['signed_date'].max().year}; each bar runs from signature to the recorded end "
        f"({counts.get('ended', 0)} ended), or to today with an arrow for those still in force "
        f"({counts.get('in_force', 0)}; {counts.get('suspended', 0)} suspended). "
        f"{counts.get('unknown', 0)} have no end recorded in the sources used: they are "
        f"drawn as a short pale "
        f"stub with a question mark, not as running to today."
    )
    all_ids = tr["source_ids"].str.split(";").explode()
    theme.finish(
        fig,
        "Treaties and agreements: signed, in force, ended",
        citations.source_line(all_ids),
        desc,
        height=timeline_height(len(tr)),
    )
    if controls and len(kinds) > 1:
        # the buttons show one kind's bars; status markers and the status legend stay
        buttons = [
            dict(
                label="All kinds",
                method="restyle",
                args=[{"visible": [True] * len(kinds)}, list(range(len(kinds)))],
            )
        ]
        buttons += [
            dict(
                label=k.replace("_", " "),
                method="restyle",
                args=[{"visible": [j == i for j in range(len(kinds))]}, list(range(len(kinds)))],
            )
            for i, k in enumerate(kinds)
        ]
        fig.update_layout(
            updatemenus=[
                dict(
                    type="dropdown",
                    buttons=buttons,
                    x=1.0,
                    xanchor="right",
                    y=1.08,
                    yanchor="bottom",
                )
            ]
        )
    return fig
