"""One-call charts from a selection: its dated items on a time axis, and its figures with every
source's range (the dot-and-whisker traces of ``helpers.charts.casualties``)."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
from IPython.display import Markdown

from .. import citations, theme
from ..charts.casualties import ROW_PX, place_rows, shape_key, side_traces
from ..charts.common import fmt_date, iso

ROWS = (
    ("events", "Events"),
    ("treaties", "Treaties signed"),
    ("conflicts", "Conflicts (start)"),
    ("territory", "Changes of control"),
    ("documents", "Documents"),
)


def _empty(title: str, message: str) -> Markdown:
    """What to pin, in words: an empty chart would look broken (and draws nothing to read)."""
    return Markdown(f"**{title}**: {message}")


def timeline(
    tables: dict[str, pd.DataFrame], title: str, counter: frozenset = frozenset()
) -> go.Figure | Markdown:
    """Dated items (events, treaties, conflicts, territory, documents) on a time axis, one row per
    kind;
    items in ``counter`` (counter-evidence) get an open marker."""
    fig = go.Figure()
    shown, sources, kinds = 0, [], []
    for i, (name, label) in enumerate(ROWS):
        t = tables.get(name)
        if t is None or t.empty:
            continue
        items = t.drop_duplicates("id")
        items = items[items["date"].notna()]
        if items.empty:
            continue
        kinds.append(label)
        sources += list(t["source_id"].dropna())
        for is_counter in (False, True):
            rows = items[items["id"].isin(counter) == is_counter]
            if rows.empty:
                continue
            colour = theme.KIND_COLOURS[i]
            fig.add_trace(
                go.Scatter(
                    x=iso(rows["date"]),
                    y=[label] * len(rows),
                    mode="markers",
                    name=label + (" (counter-evidence)" if is_counter else ""),
                    marker=dict(
                        size=14,
                        color="white" if is_counter else colour,
                        symbol=i,
                        line=dict(color=colour, width=2 if is_counter else 1),
                    ),
                    hovertext=[
                        f"<b>{theme.wrap(str(r['title']), 60)}</b>"
                        f"<br>{fmt_date(r['date'], r.get('date_precision') or 'day')}"
                        for r in rows.to_dict("records")
                    ],
                    hoverinfo="text",
                )
            )
            shown += len(rows)
    if not shown:
        return _empty(
            title, "Nothing dated yet: pin events, treaties or documents to see them here."
        )
    dates = pd.concat(
        [tables[n]["date"] for n, _ in ROWS if n in tables and not tables[n].empty]
    ).dropna()
    pad = max(pd.Timedelta(days=30), (dates.max() - dates.min()) * 0.05)
    fig.update_xaxes(
        type="date",
        range=[(dates.min() - pad).strftime("%Y-%m-%d"), (dates.max() + pad).strftime("%Y-%m-%d")],
    )
    fig.update_yaxes(
        title_text="", categoryorder="array", categoryarray=kinds[::-1], automargin=True
    )
    fig.update_layout(  # each row is named on the axis; the open marker is explained above
        showlegend=False,
        margin=dict(t=96),
        title_subtitle=dict(
            text="Filled marker: evidence · open marker: counter-evidence"
            if counter
            else "One marker per dated item",
            font=dict(size=12, color="#333"),
        ),
    )
    desc = (
        f"{shown} dated items on a time axis from {fmt_date(dates.min())} to "
        f"{fmt_date(dates.max())}, one row per kind: "
        + ", ".join(kinds)
        + (". Open markers are counter-evidence." if counter else ".")
    )
    return theme.finish(
        fig,
        title,
        citations.source_line(sources),
        desc,
        height=130 + max(380, 50 * len(kinds)),
        bottom=34,
    )


def spread(figures: pd.DataFrame, title: str) -> go.Figure | Markdown:
    """Each figure (casualties or deployments) with every source's value or range, one row per
    source;
    marker shape is the source's perspective, colour the side counted."""
    if figures is None or figures.empty:
        return _empty(
            title,
            "No figures yet: pin casualties:… or deployments:… ids to compare their sources here.",
        )
    rows = figures.copy()
    rows["group"] = rows["title"]
    rows["source_label"] = rows["citation"]
    rows["symbol"] = rows["source_perspective"].map(theme.PERSPECTIVE_SYMBOLS).fillna("x")
    rows["low"] = rows["low"].astype(float)
    rows["high"] = rows["high"].fillna(rows["low"]).astype(float)
    rows["hover"] = [
        f"<b>{r['citation']}</b><br>"
        f"{theme.PERSPECTIVE_NAMES.get(r['source_perspective'], r['source_perspective'])} "
        f"perspective<br>{r['low']:,.0f}"
        + (f" to {r['high']:,.0f}" if r["high"] != r["low"] else "")
        + (f"<br><i>{theme.wrap(r['note'], 70)}</i>" if isinstance(r["note"], str) else "")
        for r in rows.to_dict("records")
    ]
    rows = rows.sort_values(["group", "low"])
    sides = list(dict.fromkeys(rows["side"]))
    placed, yaxis, labels = place_rows(rows)
    fig = go.Figure(side_traces(placed, sides))
    log = rows["high"].max() / max(rows["low"].min(), 1) > 50
    fig.update_xaxes(
        title=dict(text="Number (people, ships, aircraft, as each figure says)", font_size=13),
        type="log" if log else "linear",
        separatethousands=True,
    )
    fig.update_yaxes(**yaxis)
    fig.update_layout(annotations=labels)
    parts = []
    for group, g in rows.groupby("group", sort=False):
        lo, hi = g["low"].min(), g["high"].max()
        ratio = f", highest/lowest {hi / lo:.1f}×" if lo > 0 else ""
        parts.append(
            f"{group.replace('<br>', ' ')}: {lo:,.0f} to {hi:,.0f} across "
            f"{g['source_id'].nunique()} source(s){ratio}"
        )
    desc = (
        "Dot-and-whisker chart, one row per source: a dot is one figure, a bar a source's "
        "range; marker shape shows "
        "the source's perspective. " + "; ".join(parts) + "."
    )
    key = theme.wrap(shape_key(rows["source_perspective"].fillna("other")), theme.SOURCE_CHARS)
    top = 64 + 22 * theme.wrap_title(title).count("<br>") + 16 * key.count("<br>")
    fig.update_layout(margin=dict(t=top, l=12, r=16))
    theme.finish(
        fig,
        title,
        citations.source_line(rows["source_id"]),
        desc,
        height=top + 60 + max(320, ROW_PX * (yaxis["range"][0] - yaxis["range"][1])),
        bottom=60,
    )
    fig.update_layout(
        title_subtitle=dict(text=key, font=dict(size=12, color="#333")),
        showlegend=False,
    )
    return fig
