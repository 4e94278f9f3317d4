"""Treaty timeline: every treaty and agreement as a bar from signature, coloured by kind, with
era bands behind and parties, mediator and terms on hover.

How a bar ends says what the sources record (``status`` in treaties.csv):

* ended: a solid bar to the recorded end (to the end of the month or year when only that is known);
* still in force: a solid bar to today, with an arrow at today;
* suspended: a cross-hatched bar to today (in force, implementation suspended);
* end not recorded: a short, pale, hatched stub with a '?' - never drawn as running to today;
* replaced (``replaced_by`` names the treaty that replaced its territorial terms): a solid bar
  that stops where its successor begins, whatever became of its other terms (in the hover).
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from .. import calendars, citations, data, theme
from ..data import package_schema as ps
from .common import LABEL_AXIS, ROW_AXIS, fmt_date, iso, row_label_trace
from .selectors import check_choice

TODAY = pd.Timestamp("2026-11-23")
STUB_DAYS = 3 * 365  # length of the stub drawn for a treaty whose end no source records
# status: (its name in the key above the chart, pattern, opacity)
STATUS = {
    "ended": ("ended: the bar stops at the recorded end", "", 1.0),
    "in_force": ("▶ still in force: the bar runs to today", "", 1.0),
    "suspended": ("cross-hatched: in force, implementation suspended", "x", 0.85),
    "unknown": ("? end not recorded: a short pale stub", "/", 0.45),
    "replaced": ("replaced: the bar stops where its successor begins", "", 1.0),
}
# Each treaty's name sits above its bar, inside the plot, so names take no width from the bars
# at any screen width: a name line, then the bar, in rows of UNIT_PX.
UNIT_PX = 26
LINE_UNITS, NAME_GAP_UNITS, BAR_UNITS, GAP_UNITS = 0.7, 0.15, 0.6, 0.3
TOP_Y = -0.1  # the top of the plot, just above the first name
ERA_ROW_UNITS = 0.8  # the row of the era bands' names (a 16 px line) above and below the bars
TOP_ERA_Y = TOP_Y - ERA_ROW_UNITS / 2  # the middle of the era names' row above the bars
LABEL_CHARS = 50  # a 12 px name line this long fits the plot on a 390 px phone screen
TOP_PX, BOTTOM_PX = 56, 34  # no x axis title: the years say what they are
MIN_PLOT_PX = 300


NAMES = "treaty names"  # the row-name trace's name


def place_rows(
    recs: list[dict], names: str = NAMES, era_rows: bool = False
) -> tuple[list[dict], dict, dict]:
    """Each row's ``y`` (its bar), the y axis, and the trace (called ``names``) of the rows'
    ``name_en`` (wrapped, never cut) written just above the bars, on the figure's ``xaxis2``
    (``LABEL_AXIS``). ``era_rows`` leaves a row free above the first bar and below the last for
    the names of the era bands (``era_bands``), which would otherwise print over the first and
    last names."""
    placed, ticks, texts, y = [], [], [], 0.0
    for r in recs:
        name = theme.wrap(r["name_en"], LABEL_CHARS)
        lines = 1 + name.count("<br>")
        ticks.append(y + lines * LINE_UNITS / 2)
        texts.append(name)
        y += lines * LINE_UNITS + NAME_GAP_UNITS + BAR_UNITS / 2
        placed.append({**r, "y": y})
        y += BAR_UNITS / 2 + GAP_UNITS
    era = ERA_ROW_UNITS if era_rows else 0.0
    yaxis = dict(ROW_AXIS, range=[max(y, 1.0) + era, TOP_Y - era])
    return placed, yaxis, row_label_trace(ticks, texts, names)


def plot_height(yaxis: dict) -> int:
    """The plot's height in px for the rows of ``place_rows`` (never so low that the title and
    key take most of the chart)."""
    return max(MIN_PLOT_PX, round(UNIT_PX * (yaxis["range"][0] - yaxis["range"][1])))


def explorer_top(title: str, key: str) -> int:
    """The live explorer's top margin: the title's lines and the key's (no buttons)."""
    return TOP_PX + 22 * title.count("<br>") + 16 * (1 + key.count("<br>"))


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


def _hover(r, successor: str = "", signed=None) -> str:
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
    if isinstance(r.replaced_by, str):
        lines.append(
            f"Territorial terms replaced (all or part) by {successor}, signed {fmt_date(signed)}"
        )
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


def _bar_end(r, successor_signed=None) -> pd.Timestamp:
    """Where a treaty's bar stops (see the module docstring)."""
    if successor_signed is not None:
        return pd.Timestamp(successor_signed)
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
    every = data.load("treaties").set_index("treaty_id")
    succ = [str(s) if pd.notna(s) else None for s in tr["replaced_by"]]
    signed = [every.at[s, "signed_date"] if s else None for s in succ]
    names = [every.at[s, "name_en"] if s else "" for s in succ]
    tr = tr.assign(
        status=[
            str(st) if s is None else "replaced" for st, s in zip(tr["status"], succ, strict=True)
        ]
    )
    end = pd.Series(
        [_bar_end(r, d) for r, d in zip(tr.itertuples(), signed, strict=True)], index=tr.index
    )
    # a one-day instrument still needs a visible bar: at least 180 days wide
    return tr.assign(
        kind=tr["kind"].astype(str),
        bar_base=iso(tr["signed_date"]),
        bar_end=iso(end),
        bar_ms=((end - tr["signed_date"]).dt.days.clip(lower=180) * 86_400_000).astype(int),
        opacity=[STATUS[st][2] for st in tr["status"]],
        pattern=[STATUS[st][1] for st in tr["status"]],
        hover=[_hover(r, n, d) for r, n, d in zip(tr.itertuples(), names, signed, strict=True)],
    )


def treaty_traces(recs, kinds) -> list[dict]:
    """One bar trace per kind (fixed order, empty when absent), then the status markers ('▶' at
    today for treaties in force, '?' after a stub with no recorded end); ``recs`` come from
    ``place_rows`` (each has its ``y``), each bar carries its treaty's name as ``customdata``.
    No legend: the key is written above the chart (``key_text``)."""
    recs = recs.to_dict("records") if isinstance(recs, pd.DataFrame) else recs
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
                y=[r["y"] for r in rows],
                width=BAR_UNITS,
                customdata=[r["name_en"] for r in rows],
                marker=dict(
                    color=kind_colour(i),
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
                y=[r["y"] for r in rows],
                customdata=[r["name_en"] for r in rows],
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
    return traces


def finding(recs: list[dict]) -> str:
    """The title: how many treaties, over which years, and how many are still in force."""
    if not recs:
        return "No treaty matches this selection"
    years = sorted(r["signed_date"].year for r in recs)
    first, last = years[0], years[-1]
    years = f"{first}–{last}" if last > first else f"{first}"
    n = len(recs)
    live = sum(r["status"] in ("in_force", "suspended") for r in recs)
    still = f"{live} still in force" if live else "none still in force"
    return f"{n} treat{'ies' if n > 1 else 'y'} and agreements signed {years}: {still}"


def kind_colour(i: int) -> str:
    return theme.KIND_COLOURS[i % len(theme.KIND_COLOURS)]


def key_text(recs, kinds) -> str:
    """The key to what is drawn, in words above the chart (in place of a legend): the colour of
    each kind on show, then how the bars end, for the endings on show."""
    recs = recs.to_dict("records") if isinstance(recs, pd.DataFrame) else recs
    shown = {r["kind"] for r in recs}
    colours = [
        f"<span style='color:{kind_colour(i)}'>■</span> {k.replace('_', ' ')}"
        for i, k in enumerate(kinds)
        if k in shown
    ]
    endings = {r["status"] for r in recs}
    states = [label for status, (label, _, _) in STATUS.items() if status in endings]
    return "<br>".join(part for part in (theme.key_lines(colours), theme.key_lines(states)) if part)


ERAS = "era names"  # the era names' trace's name
# The hidden y axis the era names are drawn on: 0 and 1 are the plot's bottom and top.
ERA_AXIS = dict(overlaying="y", range=[0, 1], autorange=False, visible=False, fixedrange=True)


def era_bands(fig: go.Figure, named: bool = True, since: int | None = None) -> None:
    """Alternately shaded era bands behind a time axis. ``named``: the bands at least 25 years
    wide that start on the axis (in or after the year ``since``) get their name at the top and
    bottom of the plot in turn, in the rows that ``place_rows(era_rows=True)`` leaves free: text
    traces, which plotly.js draws once per update where it drew each annotation up to three
    times."""
    eras = data.load("eras")
    eras = eras[~eras["era_id"].isin(["orientation", "capstone"])]
    x, text, where = [], [], []
    for i, e in enumerate(eras.itertuples()):
        fig.add_vrect(
            x0=f"{e.start_year}-01-01",
            x1=f"{e.end_year}-12-31",
            fillcolor="#888888",
            opacity=0.08 if i % 2 else 0.0,
            line_width=0,
            layer="below",
        )
        wide = e.end_year - e.start_year >= 25  # narrow eras' names would overprint
        if named and wide and (since is None or e.start_year >= since):
            x.append(f"{e.start_year}-01-01")
            text.append(e.title.split(":")[0].split(",")[0])
            where.append(i % 2)  # top and bottom in turn: neighbours' names never overprint
    # the top row is fixed (the names start at y 0), the bottom one moves with the rows: names
    # at the top sit in the middle of their row on the rows' axis, those at the bottom on the
    # bottom of ERA_AXIS
    for top, axis, y, position in ((1, "y", TOP_ERA_Y, "middle right"), (0, "y2", 0, "top right")):
        mine = [k for k, w in enumerate(where) if w == top]
        if mine:
            fig.add_trace(
                dict(
                    type="scatter",
                    mode="text",
                    name=ERAS,
                    yaxis=axis,
                    x=[x[k] for k in mine],
                    y=[y] * len(mine),
                    text=[text[k] for k in mine],
                    textposition=position,
                    textfont=dict(size=11, color="#666"),
                    hoverinfo="skip",
                    showlegend=False,
                    cliponaxis=False,  # a name touching the plot's edge is not cut
                )
            )
    if x:
        fig.update_layout(yaxis2=ERA_AXIS)


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
    placed, yaxis, labels = place_rows(prepared(tr).to_dict("records"), era_rows=era is None)
    fig = go.Figure([*treaty_traces(placed, kinds), labels])
    fig.update_layout(
        barmode="overlay",
        xaxis=dict(type="date", tickangle=0),
        xaxis2=LABEL_AXIS,
        yaxis=yaxis,
        showlegend=False,
        margin=dict(l=12, r=24),
    )
    prep = pd.DataFrame(placed)
    start = tr["signed_date"].min()
    last = max(pd.Timestamp(d) for d in prep["bar_end"])
    fig.update_layout(
        xaxis_range=[f"{start.year - 5}-01-01", f"{min(last.year, TODAY.year) + 4}-01-01"]
    )
    if era is None:
        era_bands(fig, since=start.year - 5)
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
        f"({counts.get('in_force', 0)}; {counts.get('suspended', 0)} suspended), or to the "
        f"signature of the treaty that replaced its territorial terms "
        f"({counts.get('replaced', 0)}). "
        f"{counts.get('unknown', 0)} have no end recorded in the sources used: they are "
        f"drawn as a short pale "
        f"stub with a question mark, not as running to today."
    )
    all_ids = tr["source_ids"].str.split(";").explode()
    key = key_text(placed, kinds)
    menu_px = 40 if controls and len(kinds) > 1 else 0
    top = TOP_PX + 16 * (1 + key.count("<br>")) + menu_px
    fig.update_layout(margin_t=top)
    title = finding(placed)
    theme.finish(
        fig,
        title,
        citations.source_line(all_ids),
        desc,
        height=top + 22 * theme.wrap_title(title).count("<br>") + plot_height(yaxis) + BOTTOM_PX,
        bottom=BOTTOM_PX,
    )
    fig.update_layout(title_subtitle=dict(text=key, font=dict(size=12, color="#333")))
    if menu_px:
        # the buttons show one kind's bars; status markers stay
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
        plot_px = fig.layout.height - fig.layout.margin.t - fig.layout.margin.b
        fig.update_layout(
            updatemenus=[
                dict(
                    type="dropdown",
                    buttons=buttons,
                    x=0.0,
                    xanchor="left",
                    y=1 + 8 / plot_px,
                    yanchor="bottom",
                    font=dict(size=12),
                    pad=dict(t=0, b=0, l=0, r=0),
                )
            ]
        )
    return fig
