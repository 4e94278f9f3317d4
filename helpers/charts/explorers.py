"""Explorers: a chart plus its controls. Live (ipywidgets) or static (plotly's own controls).

In ``live`` mode each explorer builds its ``FigureWidget`` once and updates it in place
(``batch_update``) when a control changes; the tables it needs are prepared once, so a
change only filters them. In ``static`` mode the same call returns the plain plotly figure
with sliders/dropdowns baked in, which needs no kernel. The returned box carries
``.figure`` and ``.controls`` (a dict by name) for tests and benchmarks.
"""

from __future__ import annotations

import ipywidgets as W
import pandas as pd
import plotly.graph_objects as go

from .. import citations, data, render, theme
from . import battle_maps, labels, live_heading, live_update, map_layout
from . import casualties as cas_chart
from . import deployments as dep_chart
from . import events as ev_chart
from . import lines as ln_chart
from . import territory as ter_chart
from . import treaties as tr_chart
from .battle_explorer import battle_explorer
from .common import fmt_date, geo_layout, places, replace_row_labels
from .selectors import check_choice

ALL = "(all)"
LAYOUT = W.Layout(width="auto")


LIVE_WIDTH = 860  # px: a FigureWidget does not size itself to JupyterLab's output area
KEY_ROW_PX = 36  # a row of the deployment map's key, entries of two lines included


def _box(controls: dict, figure: go.FigureWidget, message: W.HTML) -> W.VBox:
    row = W.HBox(list(controls.values()), layout=W.Layout(flex_flow="row wrap"))
    figure.layout.width = LIVE_WIDTH
    box = W.VBox([row, message, figure])
    box.controls, box.figure, box.message = controls, figure, message
    return box


def _wired(controls: dict, figure, message, update, observe: bool = True) -> W.VBox:
    """The explorer's box with ``update`` run once and, if ``observe``, on every control change."""
    if observe:
        for w in controls.values():
            w.observe(update, names="value")
        update()
    box = _box(controls, figure, message)
    box.update = update
    return box


def _say(message: W.HTML, text: str | None) -> None:
    message.value = (
        f"<p role='status' style='color:#8a3b00;margin:4px 0'>{text}</p>" if text else ""
    )


def _dropdown(description: str, options, value=None) -> W.Dropdown:
    """A labelled dropdown; options are codes or (label, code) pairs, never a mix."""
    options = [
        o if isinstance(o, tuple) else (theme.side_name(o) if o in theme.SIDE_NAMES else str(o), o)
        for o in options
    ]
    value = value if value is not None else options[0][1]
    return W.Dropdown(
        description=description,
        options=options,
        value=value,
        style={"description_width": "initial"},
        layout=LAYOUT,
    )


# --- casualties -----------------------------------------------------------------------------
def casualty_explorer(
    conflict_id: str | None = None, category: str = "killed", mode: str | None = None
):
    """Every source's casualty figure; controls: conflict, side, category, source perspective,
    scale.
    """
    cas = data.load("casualties")
    conflicts = sorted(cas["conflict_id"].unique())
    conflict_id = conflict_id or conflicts[0]
    check_choice("conflict", conflict_id, conflicts)
    if render.resolve(mode) == "static":
        return cas_chart.casualty_chart(conflict_id, category)
    names = data.load("conflicts").set_index("conflict_id")["name_en"]
    points = cas_chart.records(cas_chart.labelled_casualties())
    for r in points:
        r["group"] = theme.side_name(r["side"])
    sides = list(theme.SIDE_NAMES)[:12]
    fig = go.FigureWidget(cas_chart.casualty_chart(conflict_id, category, controls=False))
    fig.data = []
    fig.layout.yaxis.automargin = (
        False  # the margin is set from the labels on every change: one draw, not two
    )
    for t in cas_chart.side_traces([], sides):
        fig.add_trace(t)
    controls = {
        "conflict": _dropdown("Conflict", [(names.get(c, c), c) for c in conflicts], conflict_id),
        "side": _dropdown("Side", [ALL] + sides, ALL),
        "category": _dropdown(
            "Category", [(v, k) for k, v in cas_chart.CATEGORY_NAMES.items()], category
        ),
        "perspective": _dropdown(
            "Sources", [ALL] + [(v, k) for k, v in theme.PERSPECTIVE_NAMES.items()], ALL
        ),
        "scale": W.ToggleButtons(options=["linear", "log"], value="linear", description="Scale"),
    }
    message = W.HTML()

    def update(_=None):
        c = controls
        conflict, category, side, persp = (
            c[k].value for k in ("conflict", "category", "side", "perspective")
        )
        sel = sorted(
            (
                r
                for r in points
                if r["conflict_id"] == conflict
                and r["category"] == category
                and side in (ALL, r["side"])
                and persp in (ALL, r["perspective"])
            ),
            key=lambda r: (r["side"], r["low"]),
        )
        placed, yaxis, labels = cas_chart.place_rows(sel)
        traces = cas_chart.side_traces(placed, sides)
        with fig.batch_update():
            for trace, new in zip(fig.data, traces, strict=False):
                if trace.x != tuple(new["x"]) or trace.y != tuple(new["y"]):
                    trace.update(
                        x=new["x"],
                        y=new["y"],
                        hovertext=new["hovertext"],
                        marker_symbol=new["marker"]["symbol"],
                    )
            fig.layout.xaxis.type = c["scale"].value
            fig.layout.xaxis.title.text = f"People {cas_chart.CATEGORY_NAMES[c['category'].value]}"
            subtitle = cas_chart.subtitle_text(sel)
            shape = cas_chart.frame(
                names.get(conflict).split(" (")[0],
                category,
                subtitle,
                yaxis["range"][0] - yaxis["range"][1],
                controls=False,
                phone=False,
            )
            fig.layout.yaxis.update(yaxis)
            source = theme.source_text(citations.source_line(r["source_id"] for r in sel))
            head, note = live_heading.heading(
                shape["title"], subtitle, LIVE_WIDTH, shape["top"], fig.layout.margin.l
            )
            fig.layout.title.update(head)
            fig.layout.annotations = live_heading.with_subtitle(
                replace_row_labels(fig.layout, labels), note
            )
            for a in fig.layout.annotations:
                if a.name == "source-line":
                    a.text = source
            fig.layout.margin.update(
                t=shape["top"], b=cas_chart.BOTTOM_PX + theme.source_px(source)
            )
            fig.layout.height = shape["height"] + theme.source_px(source)
        _say(
            message,
            None
            if len(sel)
            else "No figures for this selection: try another side, category or source perspective.",
        )

    return _wired(controls, fig, message, update)


# --- deployments ----------------------------------------------------------------------------
def deployment_explorer(
    conflict_id: str | None = None,
    unit: str = "troops",
    lang: str = "en",
    mode: str | None = None,
    also: tuple[str, ...] = (),
):
    """Forces on the map; controls: conflict, unit, side, date slider, label language. A battle
    whose formations the sources place gets its atlas map instead, with a Conflict menu in
    JupyterLab for the mapped battles in ``also``."""
    dep = data.load("deployments")
    conflicts = sorted(dep["conflict_id"].unique())
    conflict_id = conflict_id or conflicts[0]
    check_choice("conflict", conflict_id, conflicts)
    if render.resolve(mode) == "static":
        return dep_chart.deployment_map(conflict_id, unit, lang)
    if unit == "troops" and battle_maps.has_positions(conflict_id):
        return battle_explorer(conflict_id, lang, also)  # where the sources place the formations
    dep = dep.assign(side=dep["side"].astype(str), unit=dep["unit"].astype(str))
    recs = [r for u in dep_chart.UNITS for r in dep_chart.with_hover(dep[dep["unit"] == u], u)]
    where = {lg: dep_chart.place_lookup(lg) for lg in theme.LANGUAGES}
    names = data.load("conflicts").set_index("conflict_id")["name_en"]
    sides = list(theme.SIDE_NAMES)[:12]
    line_recs = ln_chart.line_records()
    fig = go.FigureWidget(dep_chart.deployment_map(conflict_id, unit, lang, controls=False))
    fig.data = []
    subtitle = fig.layout.title.subtitle.text
    for t in dep_chart.bubble_traces([], where[lang], sides, 1.0, unit) + [
        ln_chart.line_trace(None) for _ in line_recs
    ]:
        fig.add_trace(t)
    n_bubbles = 2 * len(sides)
    controls = {
        "conflict": _dropdown("Conflict", [(names.get(c, c), c) for c in conflicts], conflict_id),
        "unit": _dropdown("Counting", dep_chart.UNITS, unit),
        "side": _dropdown("Side", [ALL] + sides, ALL),
        "date": W.SelectionSlider(
            options=[("—", "")],
            value="",
            description="As of",
            continuous_update=False,
            layout=W.Layout(width="420px"),
            style={"description_width": "initial"},
        ),
        "lang": _dropdown("Labels", [(v, k) for k, v in theme.LANGUAGES.items()], lang),
    }
    message = W.HTML()
    state = {}

    def select():
        c = controls
        rows = [
            r
            for r in recs
            if r["conflict_id"] == c["conflict"].value
            and r["unit"] == c["unit"].value
            and c["side"].value in (ALL, r["side"])
        ]
        state["rows"] = rows
        state["sizeref"] = (
            2.0 * max((r["strength_high"] for r in rows), default=1) / dep_chart.MAX_BUBBLE_PX**2
        )
        dates = sorted({r["date"] for r in rows})
        opts = [(fmt_date(d), str(d.date())) for d in dates] or [("—", "")]
        c["date"].unobserve(draw, names="value")
        c["date"].options = opts
        c["date"].value = opts[-1][1]
        c["date"].observe(draw, names="value")
        lon, lat, shown_lines, state["radius"] = dep_chart.map_view(
            c["conflict"].value, [r["place_id"] for r in rows], line_recs
        )
        with fig.batch_update():
            fig.layout.geo.lonaxis.range, fig.layout.geo.lataxis.range = lon, lat
            for k, trace in enumerate(fig.data[n_bubbles:]):
                new = ln_chart.line_trace(shown_lines[k] if k < len(shown_lines) else None)
                new.pop("type")
                trace.update(new, overwrite=True)
        draw()

    def draw(_=None):
        day = controls["date"].value
        shown = dep_chart.state_records(state["rows"], day) if day else []
        traces = dep_chart.bubble_traces(
            shown,
            where[controls["lang"].value],
            sides,
            state["sizeref"],
            controls["unit"].value,
            state["radius"],
        )
        with fig.batch_update():
            for trace, new in zip(fig.data, traces, strict=False):
                if (
                    trace.lon == tuple(new["lon"])
                    and trace.marker.size == tuple(new["marker"]["size"])
                    and trace.text == tuple(new.get("text") or ())
                    or (not trace.lon and not new["lon"])
                ):
                    continue
                update = dict(
                    lon=new["lon"],
                    lat=new["lat"],
                    marker_size=new["marker"]["size"],
                    marker_sizeref=new["marker"]["sizeref"],
                    showlegend=new["showlegend"],
                )
                update["hovertext"] = new["hovertext"]  # the rings have hover too
                if "text" in new:
                    update["text"] = new["text"]
                trace.update(update)
            # the key's rows (three entries a row at this width) sit between subtitle and map
            lines = sum(bool(t.showlegend and t.lon) for t in fig.data[n_bubbles:])
            # the lines' group title ("Lines of the period") takes a slot of its own
            keyed = sum(bool(t["showlegend"]) for t in traces) + lines + (lines > 0)
            top = (
                live_heading.TITLE_PX
                + 16 * (1 + subtitle.count("<br>"))
                + 12
                + KEY_ROW_PX * -(-keyed // 3)
            )
            head, note = live_heading.heading(
                f"{names.get(controls['conflict'].value)}: {controls['unit'].value}"
                + (f", as of {fmt_date(day)}" if day else ""),
                subtitle,
                LIVE_WIDTH,
                top,
                fig.layout.margin.l,
            )
            fig.layout.margin.t = top
            fig.layout.title.update(head)
            fig.layout.annotations = live_heading.with_subtitle(fig.layout.annotations, note)
        _say(
            message,
            None
            if shown
            else f"No {controls['unit'].value} figures for this selection: choose another "
            f"unit or side.",
        )

    for key in ("conflict", "unit", "side"):
        controls[key].observe(lambda _: select(), names="value")
    controls["lang"].observe(draw, names="value")
    controls["date"].observe(draw, names="value")
    select()
    return _wired(controls, fig, message, draw, observe=False)


# --- treaties -------------------------------------------------------------------------------
def treaty_explorer(mode: str | None = None):
    """Treaty timeline; controls: party, kind, era."""
    if render.resolve(mode) == "static":
        return tr_chart.treaty_timeline()
    tr = tr_chart.prepared(data.load("treaties")).sort_values("signed_date")
    kinds = [k for k in tr_chart.ps.enum_of("treaties", "kind") if k in set(tr["kind"])]
    recs = tr.to_dict("records")
    for r in recs:
        r["party_set"], r["year"] = set(r["parties"].split(";")), r["signed_date"].year
    parties = sorted({p for r in recs for p in r["party_set"]})
    eras = data.load("eras")
    spans = {e.era_id: (e.start_year, e.end_year) for e in eras.itertuples()}
    fig = go.FigureWidget(tr_chart.treaty_timeline(controls=False))
    era_names = [t.to_plotly_json() for t in fig.data if t.name == tr_chart.ERAS]
    fig.data = []
    fig.layout.yaxis.automargin = (
        False  # the margin is set from the names on every change: one draw, not two
    )
    for t in [*tr_chart.treaty_traces([], kinds), tr_chart.place_rows([], era_rows=True)[2]]:
        fig.add_trace(t)
    for t in era_names:
        fig.add_trace(t)
    controls = {
        "party": _dropdown("Party", [ALL] + [(theme.side_name(p), p) for p in parties], ALL),
        "kind": _dropdown("Kind", [ALL] + kinds, ALL),
        "era": _dropdown(
            "Era",
            [ALL]
            + [
                (e.title.split(":")[0], e.era_id)
                for e in eras.itertuples()
                if e.era_id not in ("orientation", "capstone")
            ],
            ALL,
        ),
    }
    message = W.HTML()

    live = live_update.LiveFigure(fig)
    subtitle_at = live_heading.subtitle_index(fig.layout)

    def update(_=None):
        party, kind, era = (controls[k].value for k in ("party", "kind", "era"))
        lo, hi = spans.get(era, (0, 9999))
        rows = [
            r
            for r in recs
            if (party == ALL or party in r["party_set"])
            and kind in (ALL, r["kind"])
            and lo <= r["year"] <= hi
        ]
        placed, yaxis, names = tr_chart.place_rows(rows, era_rows=True)
        title = tr_chart.finding(placed)
        key = tr_chart.key_text(placed, kinds)
        top = tr_chart.explorer_top(title, key)
        head, note = live_heading.heading(title, key, LIVE_WIDTH, top, fig.layout.margin.l)
        live.update(
            [*tr_chart.treaty_traces(placed, kinds), names, *era_names],
            {
                "yaxis": {"range": yaxis["range"]},
                "title": head,
                f"annotations[{subtitle_at}]": note,
                "margin": {"t": top},
                # every name readable: a long selection scrolls rather than crushing the rows
                "height": top + tr_chart.plot_height(yaxis) + fig.layout.margin.b,
            },
        )
        _say(message, None if len(rows) else "No treaty matches: widen the party, kind or era.")

    return _wired(controls, fig, message, update)


# --- territory ------------------------------------------------------------------------------
def territory_explorer(year: int = 1905, mode: str | None = None):
    """Map of who held what; controls: year slider and territory."""
    if render.resolve(mode) == "static":
        return ter_chart.territory_map(year)
    ter = data.load("territory")
    ter = ter.assign(
        controller=ter["controller"].astype(str), territory_id=ter["territory_id"].astype(str)
    )
    where = places("en")
    ter = ter[ter["place_id"].isin(where.index)]
    far_future = pd.Timestamp("2262-01-01")
    recs = [
        dict(
            tid=r.territory_id,
            name=r.name_en,
            controller=r.controller,
            start=r.start_date,
            end=r.end_date if pd.notna(r.end_date) else far_future,
            lon=where.at[r.place_id, "lon"],
            lat=where.at[r.place_id, "lat"],
            hover=f"<b>{r.name_en}</b><br>held by {theme.side_name(r.controller)}"
            + (
                f"<br>claimed by {theme.side_name(r.claimed_by)}"
                if isinstance(r.claimed_by, str)
                else ""
            ),
        )
        for r in ter.itertuples()
    ]
    controllers = list(dict.fromkeys(r["controller"] for r in recs))
    first = int(ter["start_date"].dt.year.min())
    fig = go.FigureWidget(go.Figure(layout=dict(geo=geo_layout(*ter_chart.MAP_BOX))))
    for code in controllers:
        fig.add_trace(
            go.Scattergeo(
                lon=[],
                lat=[],
                name=theme.side_name(code),
                mode="markers+text",
                textfont=dict(size=11),
                hoverinfo="text",
                marker=dict(
                    size=16, color=theme.side_colour(code), line=dict(color="white", width=1.5)
                ),
            )
        )
    map_layout.finish_map(
        fig,
        "Who held what",
        citations.source_line(ter["source_ids"].str.split(";").explode()),
        "Map of the disputed territories for the chosen year, coloured by the state holding each.",
        height=620,
        key_rows=2,
    )
    names = ter.drop_duplicates("territory_id").set_index("territory_id")["name_en"]
    controls = {
        "year": W.IntSlider(
            value=year,
            min=first,
            max=tr_chart.TODAY.year,
            description="Year",
            continuous_update=False,
            layout=W.Layout(width="420px"),
        ),
        "territory": _dropdown(
            "Territory", [ALL] + [(names[t], t) for t in ter_chart.ORDER if t in names.index], ALL
        ),
    }
    message = W.HTML()

    def update(_=None):
        day = pd.Timestamp(year=controls["year"].value, month=7, day=1)
        chosen = controls["territory"].value
        held = [r for r in recs if r["start"] <= day <= r["end"] and chosen in (ALL, r["tid"])]
        # names only where they fit beside their mark (as on the static map); the rest on hover
        text, where = labels.placed_labels(
            [r["lon"] for r in held],
            [r["lat"] for r in held],
            [theme.wrap(r["name"], 16) for r in held],
            *ter_chart.MAP_BOX,
            marker_px=16,
        )
        named = {id(r): (t, w) for r, t, w in zip(held, text, where, strict=True)}
        with fig.batch_update():
            for code, trace in zip(controllers, fig.data, strict=False):
                rows = [r for r in held if r["controller"] == code]
                shown = tuple(named[id(r)][0] for r in rows)
                if trace.text == shown and trace.hovertext == tuple(r["hover"] for r in rows):
                    continue
                trace.update(
                    lon=[r["lon"] for r in rows],
                    lat=[r["lat"] for r in rows],
                    text=list(shown),
                    textposition=[named[id(r)][1] for r in rows],
                    hovertext=[r["hover"] for r in rows],
                    showlegend=bool(rows),
                )
            fig.layout.title.text = f"Who held what in {controls['year'].value}"
        _say(
            message,
            None if held else "This territory was not yet part of the dispute in that year.",
        )

    return _wired(controls, fig, message, update)


# --- era overview ---------------------------------------------------------------------------
def era_overview(era_id: str = "border_wars", mode: str | None = None):
    """An era's events on a time axis, with counts; control: era."""
    if render.resolve(mode) == "static":
        return ev_chart.event_timeline(era_id)
    eras = data.load("eras")
    check_choice("era", era_id, list(eras["era_id"]))
    events = data.load("events").sort_values("date")
    recs = [
        dict(
            era=r.era_id,
            kind=str(r.kind),
            x=r.date.strftime("%Y-%m-%d"),
            hover=ev_chart.event_hover(r),
        )
        for r in events.itertuples()
    ]
    titles = eras.set_index("era_id")["title"].to_dict()
    kinds = ev_chart.ps.enum_of("events", "kind")
    fig = go.FigureWidget(ev_chart.event_timeline(era_id))
    fig.data = []
    for i, kind in enumerate(kinds):
        fig.add_trace(
            go.Scatter(
                x=[],
                y=[],
                mode="markers",
                name=kind,
                hoverinfo="text",
                marker=dict(
                    size=13,
                    symbol=i % 12,
                    color=theme.KIND_COLOURS[i % len(theme.KIND_COLOURS)],
                    line=dict(color="white", width=1),
                ),
            )
        )
    controls = {
        "era": _dropdown(
            "Era",
            [
                (e.title.split(":")[0], e.era_id)
                for e in eras.itertuples()
                if e.era_id not in ("orientation", "capstone")
            ],
            era_id,
        )
    }
    message = W.HTML()

    def update(_=None):
        era = controls["era"].value
        ev = [r for r in recs if r["era"] == era]
        present = [k for k in kinds if any(r["kind"] == k for r in ev)]
        with fig.batch_update():
            for kind, trace in zip(kinds, fig.data, strict=False):
                rows = [r for r in ev if r["kind"] == kind]
                if trace.x == tuple(r["x"] for r in rows):
                    continue
                trace.update(
                    x=[r["x"] for r in rows],
                    y=[kind] * len(rows),
                    hovertext=[r["hover"] for r in rows],
                    showlegend=bool(rows),
                )
            fig.layout.yaxis.categoryarray = present
            fig.layout.title.text = titles[era] + ": events"
            fig.layout.height = min(theme.MAX_HEIGHT, 260 + 45 * len(present))
        _say(message, f"{len(ev)} events" if len(ev) else "This era has no events yet.")

    return _wired(controls, fig, message, update)
