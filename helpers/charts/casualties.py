"""Casualties by source: every source's figure or range as its own dot-and-whisker.

Figures are never averaged: each source gets a row, marked by its perspective, so the
spread between sources is the first thing a reader sees.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from .. import citations, data, theme
from . import selectors
from .common import ROW_AXIS, range_trace, replace_row_labels, row_labels
from .selectors import check_choice

CATEGORY_NAMES = {
    "killed": "killed (in action and died of wounds)",
    "killed_and_missing": "killed and missing (combined figures)",
    "dead_all_causes": "dead of all causes",
    "wounded": "wounded",
    "missing": "missing",
    "captured": "captured (prisoners)",
    "total_casualties": "total casualties",
    "died_in_captivity": "died in captivity (prisoners)",
}


def _as_list(value) -> list:
    return [value] if isinstance(value, str) else list(value)


def labelled_casualties() -> pd.DataFrame:
    """Every casualty figure joined to its source and conflict, with the labels charts show."""
    cas = selectors.with_sources(data.load("casualties"))
    names = data.load("conflicts").set_index("conflict_id")["name_en"]
    cas["side"] = cas["side"].astype(str)
    cas["category"] = cas["category"].astype(str)
    cas["perspective"] = cas["perspective"].astype(str)
    cas["conflict_name"] = cas["conflict_id"].map(names)
    # two different sources with the same short label (within a conflict and side) get a number
    distinct = cas.drop_duplicates(["conflict_id", "side", "source_id"]).copy()
    distinct["nth"] = distinct.groupby(["conflict_id", "side", "source_label"]).cumcount() + 1
    clash = distinct.duplicated(["conflict_id", "side", "source_label"], keep=False)
    distinct["label2"] = distinct["source_label"].where(
        ~clash, distinct["source_label"] + " (" + distinct["nth"].astype(str) + ")"
    )
    cas = cas.merge(
        distinct[["conflict_id", "side", "source_id", "label2"]],
        on=["conflict_id", "side", "source_id"],
    )
    cas["source_label"] = cas.pop("label2")
    cas["work_id"] = selectors.work_ids(cas).values
    cas["taken_from"] = [
        citations.label(d) if isinstance(d, str) and d else None for d in cas["derived_from"]
    ]
    cas["hover"] = [_hover(r) for r in cas.itertuples()]
    cas["symbol"] = cas["perspective"].map(theme.PERSPECTIVE_SYMBOLS)
    return cas


def _hover(r) -> str:
    taken = (
        f"<br>taken from {theme.wrap(r.taken_from, 70)}" if isinstance(r.taken_from, str) else ""
    )
    return (
        f"<b>{r.source_label}</b><br>{theme.PERSPECTIVE_NAMES[r.perspective]} perspective"
        f"<br>{r.low:,}"
        + (f" to {r.high:,}" if r.high != r.low else "")
        + f"<br>{r.source_title}"
        + taken
        + (f"<br><i>{theme.wrap(r.note, 70)}</i>" if isinstance(r.note, str) else "")
    )


def records(points) -> list[dict]:
    """Rows as plain dicts: widget handlers filter these in pure Python, which is fast."""
    return points.to_dict("records") if isinstance(points, pd.DataFrame) else list(points)


def select_points(
    table: pd.DataFrame, conflict_ids: list, category: str, sides=None, perspectives=None
) -> pd.DataFrame:
    """Rows of ``labelled_casualties()`` for a selection, with the ``group`` label of the y axis."""
    rows = table[table["conflict_id"].isin(conflict_ids) & (table["category"] == category)]
    if sides is not None:
        rows = rows[rows["side"].isin(sides)]
    if perspectives is not None:
        rows = rows[rows["perspective"].isin(perspectives)]
    multi = len(conflict_ids) > 1
    # several conflicts: "conflict: side" (a header line above the group's rows)
    rows = rows.assign(
        group=[
            (f"{name.split(' (')[0]}: " if multi else "") + theme.side_name(side)
            for name, side in zip(rows["conflict_name"], rows["side"], strict=False)
        ]
    )
    return rows.sort_values(["conflict_id", "side", "low"]).reset_index(drop=True)


def casualty_points(
    conflict_ids, category: str = "killed", sides=None, perspectives=None
) -> pd.DataFrame:
    """One row per source figure, with the labels the chart shows; raises on unknown codes."""
    table = labelled_casualties()
    ids = _as_list(conflict_ids)
    if not ids:
        raise ValueError("give at least one conflict id")
    for cid in ids:
        check_choice("conflict", cid, table["conflict_id"].unique())
    check_choice("category", category, list(CATEGORY_NAMES))
    if sides is not None:
        sides = _as_list(sides)
        for s in sides:
            check_choice("side", s, list(theme.SIDE_NAMES))
    if perspectives is not None:
        perspectives = _as_list(perspectives)
        for p in perspectives:
            check_choice("perspective", p, list(theme.PERSPECTIVE_NAMES))
    return select_points(table, ids, category, sides, perspectives)


def casualty_spread(conflict_ids, category: str | None = None) -> pd.DataFrame:
    """Per conflict, side and category: how many sources and independent works (a figure copied from
    another work counts once), the lowest and highest figure, and their ratio."""
    cas = data.load("casualties")
    cas = cas.assign(work_id=selectors.work_ids(cas).values)
    ids = _as_list(conflict_ids)
    for cid in ids:
        check_choice("conflict", cid, cas["conflict_id"].unique())
    rows = cas[cas["conflict_id"].isin(ids)]
    if category is not None:
        check_choice("category", category, list(CATEGORY_NAMES))
        rows = rows[rows["category"] == category]
    out = (
        rows.assign(side=rows["side"].astype(str), category=rows["category"].astype(str))
        .groupby(["conflict_id", "side", "category"])
        .agg(
            sources=("source_id", "nunique"),
            independent_works=("work_id", "nunique"),
            lowest=("low", "min"),
            highest=("high", "max"),
        )
        .reset_index()
    )
    out["highest_over_lowest"] = (
        (out["highest"] / out["lowest"].where(out["lowest"] > 0)).astype(float).round(2)
    )
    return out


ROW_PX = 38  # a source's row: its name above, the dot-and-whisker under it
LABEL_ABOVE = 0.5  # how far above its whisker a row's name sits, in rows
LABEL_CHARS = 50  # a 12 px row name this long fits the plot on a 390 px phone screen


def place_rows(points) -> tuple[list[dict], dict, list[dict]]:
    """Each figure's row (``row``: its y) and the y axis that names the rows: a header line per
    group (side, or conflict and side), then one row per source with its name just above the
    whisker, inside the plot - so the names take no width from the data at any screen width.
    Returns the points, the y axis and the names (annotations)."""
    rows = records(points)
    ticks, texts, where, n = [], [], {}, 0
    for r in rows:
        if r["group"] not in where:
            colour = theme.side_colour(r["side"])
            header = theme.wrap(r["group"], LABEL_CHARS)
            more = header.count("<br>")
            n += 0.42 * more
            ticks.append(n - 0.05 - 0.21 * more)
            texts.append(f"<span style='color:{colour}'><b>{header}</b></span>")
            where[r["group"]] = {}
            n += 1
        if r["source_label"] not in where[r["group"]]:
            name = theme.wrap(r["source_label"], LABEL_CHARS)
            more = name.count("<br>")  # a name of several lines takes more room above its row
            n += 0.42 * more
            where[r["group"]][r["source_label"]] = n
            ticks.append(n - LABEL_ABOVE - 0.21 * more)
            texts.append(name)
            n += 1
    placed = [{**r, "row": where[r["group"]][r["source_label"]]} for r in rows]
    axis = dict(ROW_AXIS, range=[max(n, 1) - 0.5, -0.75])
    return placed, axis, row_labels(ticks, texts)


def side_traces(points, sides) -> list[dict]:
    """One range trace per side (fixed order, empty when absent) so live widgets can update in
    place; ``points`` come from ``place_rows`` (each has its ``row``)."""
    rows = records(points)
    traces = []
    for side in sides:
        x, y, symbols, hover = [], [], [], []
        mine = [r for r in rows if r["side"] == side]
        for r in mine:
            ends = [r["low"], r["high"]] if r["high"] != r["low"] else [r["low"]]
            for v in ends:
                x.append(int(v))
                y.append(r["row"])
                symbols.append(r["symbol"])
                hover.append(r["hover"])
            x.append(None)
            y.append(r["row"])
            symbols.append("circle")
            hover.append("")
        traces.append(
            range_trace(
                theme.side_name(side), theme.side_colour(side), x, y, symbols, hover, "sides"
            )
        )
    return traces


SHAPES = {
    "circle": "●",
    "square": "■",
    "diamond": "◆",
    "pentagon": "⬟",
    "hexagon": "⬢",
    "triangle-up": "▲",
    "triangle-down": "▼",
    "star": "★",
    "x": "✖",
}


def shape_key(perspectives) -> str:
    """A one-line key to the marker shapes of the perspectives drawn (in place of a legend)."""
    drawn = set(perspectives)
    present = [p for p in theme.PERSPECTIVE_NAMES if p in drawn]
    return (
        "Marker: "
        + " · ".join(
            f"{SHAPES[theme.PERSPECTIVE_SYMBOLS[p]]} {theme.PERSPECTIVE_NAMES[p]}" for p in present
        )
        + (" source" if len(present) == 1 else " sources")
    )


def spread_text(points, long: bool = False) -> str:
    """Per side: lowest and highest figure and their ratio (the short form goes on the chart)."""
    groups: dict[str, list[dict]] = {}
    for r in records(points):
        groups.setdefault(r["group"], []).append(r)
    parts = []
    for group, rows in groups.items():
        group = group.replace("<br>", " ")  # axis labels are wrapped; this text wraps on its own
        lo, hi = min(r["low"] for r in rows), max(r["high"] for r in rows)
        n = len({r.get("work_id", r["source_id"]) for r in rows})  # independent works, not copies
        ratio = f"{hi / lo:.1f}×" if lo > 0 else "n/a"
        parts.append(
            f"{group}: {lo:,} to {hi:,} across {n} independent source{'s' * (n > 1)}, "
            f"highest/lowest {ratio}"
            if long
            else f"{group} {lo:,}–{hi:,} ({ratio}, {n} src)"
        )
    if not parts:
        return "No figures for this selection."
    if not long and len(parts) > 4:  # the subtitle has room for four rows; name the widest spread
        widest = max(
            groups.items(),
            key=lambda g: max(r["high"] for r in g[1]) / max(min(r["low"] for r in g[1]), 1),
        )
        return (
            f"{len(parts)} groups of figures; the widest spread: "
            + parts[list(groups).index(widest[0])]
        )
    return ("Spread: " + "; ".join(parts)) if long else "Highest/lowest: " + " · ".join(parts)


def chart_height(n_rows: float, top: int = 170) -> int:
    """Tall enough for every row (headers and sources), the ``top`` margin (title, subtitle,
    controls) and the axis below; the plot never under 320 px, so the data keep most of it."""
    return round(top + BOTTOM_PX + max(MIN_PLOT_PX, ROW_PX * n_rows))


MIN_PLOT_PX = 370
BOTTOM_PX = 60  # x tick labels and axis title (the source line adds its own lines)


def casualty_chart(
    conflict_ids,
    category: str = "killed",
    sides=None,
    perspectives=None,
    log: bool = False,
    controls: bool = True,
) -> go.Figure:
    """Every source's figure for one or more conflicts and one category of loss.

    With ``controls`` the figure carries plotly's own buttons (category, linear/log scale),
    so it stays interactive on a page with no kernel.
    """
    ids = _as_list(conflict_ids)
    points = casualty_points(ids, category, sides, perspectives)
    if points.empty:
        raise ValueError(
            f"no {category} figures for {', '.join(ids)} with this selection; "
            f"categories with data: {', '.join(sorted(casualty_spread(ids)['category'].unique()))}"
        )
    sides_present = list(dict.fromkeys(points["side"]))
    placed, yaxis, labels = place_rows(points)
    fig = go.Figure(side_traces(placed, sides_present))
    names = ", ".join(n.split(" (")[0] for n in points["conflict_name"].unique())
    if len(names) > 70:  # each conflict is named in its rows' headers
        names = f"{len(ids)} campaign{'s' * (len(ids) > 1)}"
    n_rows = yaxis["range"][0] - yaxis["range"][1]
    fig.update_xaxes(
        title=dict(text=f"People {CATEGORY_NAMES[category]}", font_size=13),
        type="log" if log else "linear",
        separatethousands=True,
        rangemode="tozero" if not log else None,
    )
    fig.update_yaxes(**yaxis)
    fig.update_layout(annotations=labels)
    desc = (
        f"Dot-and-whisker chart of {CATEGORY_NAMES[category]} in {names}, one row per "
        f"source: a single dot is "
        f"one figure, a bar joins a source's lowest and highest figure; marker shape shows "
        f"the source's "
        f"perspective. {spread_text(points, long=True)}."
    )
    subtitle = subtitle_text(points)
    shape = frame(names, category, subtitle, n_rows, controls)
    # theme.finish adds the title's lines after the first to the top margin
    fig.update_layout(margin=dict(t=shape["top"] - 22 * shape["title"].count("<br>"), l=12, r=16))
    theme.finish(
        fig,
        chart_title(names, category),
        citations.source_line(points["source_id"]),
        desc,
        height=shape["height"],
        bottom=BOTTOM_PX,
    )
    fig.update_layout(
        title_subtitle=dict(text=subtitle, font=dict(size=12, color="#333")),
        showlegend=False,
    )
    if controls:
        _add_controls(fig, ids, category, sides, perspectives, sides_present)
    return fig


def chart_title(names: str, category: str) -> str:
    """'<conflicts>: how many killed? Every source's figure'."""
    return f"{names}: how many {CATEGORY_NAMES[category].split(' (')[0]}? Every source's figure"


def subtitle_text(points) -> str:
    """The spread between sources, then the key to the marker shapes drawn (no legend)."""
    return (
        theme.wrap(spread_text(points), theme.SOURCE_CHARS)
        + "<br>"
        + theme.wrap(shape_key(r["perspective"] for r in records(points)), theme.SOURCE_CHARS)
    )


def frame(
    names: str, category: str, subtitle: str, units: float, controls: bool, phone: bool = True
) -> dict:
    """Title, top margin and height (before the source line) for a chart of ``units`` rows:
    the top holds the title's lines, the subtitle's and, with ``controls``, a row of buttons.
    ``phone``: the title wrapped for a phone (the live explorers are drawn only in JupyterLab's
    850 px column, where the title keeps to one line)."""
    title = chart_title(names, category)
    title = theme.wrap_title(title) if phone else title
    top = 46 + 22 * title.count("<br>") + 16 * (1 + subtitle.count("<br>"))
    top += CONTROLS_PX if controls else 8
    return dict(title=title, top=top, height=chart_height(units, top))


CONTROLS_PX = 44  # the row of buttons between the subtitle and the plot


def _add_controls(fig, ids, category, sides, perspectives, sides_present) -> None:
    """Plotly buttons: linear/log scale, and a dropdown over the categories that have data."""
    buttons_scale = [
        dict(label="Linear", method="relayout", args=[{"xaxis.type": "linear"}]),
        dict(label="Log scale", method="relayout", args=[{"xaxis.type": "log"}]),
    ]
    plot_px = fig.layout.height - fig.layout.margin.t - fig.layout.margin.b
    above = 1 + 6 / plot_px  # just above the plot, under the subtitle
    menus = [
        dict(
            type="buttons",
            direction="right",
            buttons=buttons_scale,
            x=1.0,
            xanchor="right",
            y=above,
            yanchor="bottom",
            showactive=True,
            active=0 if fig.layout.xaxis.type != "log" else 1,
            font=dict(size=12),
            pad=dict(t=0, b=0, l=0, r=0),
        )
    ]
    available = [c for c in CATEGORY_NAMES if c in set(casualty_spread(ids)["category"])]
    if len(available) > 1:
        options = []
        table = labelled_casualties()
        for cat in available:
            pts = select_points(
                table,
                ids,
                cat,
                None if sides is None else _as_list(sides),
                None if perspectives is None else _as_list(perspectives),
            )
            placed, yaxis, labels = place_rows(pts)
            traces = side_traces(placed, sides_present)
            options.append(
                dict(
                    label=CATEGORY_NAMES[cat].split(" (")[0].capitalize(),
                    method="update",
                    args=[
                        {
                            "x": [t["x"] for t in traces],
                            "y": [t["y"] for t in traces],
                            "hovertext": [t["hovertext"] for t in traces],
                            "marker.symbol": [t["marker"]["symbol"] for t in traces],
                        },
                        {
                            "xaxis.title.text": f"People {CATEGORY_NAMES[cat]}",
                            "title.subtitle.text": subtitle_text(pts),
                            "yaxis.range": yaxis["range"],
                            "annotations": replace_row_labels(fig.layout, labels),
                        },
                        list(range(len(traces))),
                    ],
                )
            )
        menus.append(
            dict(
                type="dropdown",
                buttons=options,
                x=0.0,
                xanchor="left",
                y=above,
                yanchor="bottom",
                active=available.index(category) if category in available else 0,
                showactive=True,
                font=dict(size=12),
                pad=dict(t=0, b=0, l=0, r=0),
            )
        )
    fig.update_layout(updatemenus=menus)
