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

from . import data, render, theme
from .charts import casualties as cas_chart, deployments as dep_chart, events as ev_chart
from .charts import territory as ter_chart, treaties as tr_chart
from .charts._common import fmt_date, geo_layout, iso, places
from .selectors import check_choice

ALL = "(all)"
LAYOUT = W.Layout(width="auto")


def _box(controls: dict, figure: go.FigureWidget, message: W.HTML) -> W.VBox:
    row = W.HBox(list(controls.values()), layout=W.Layout(flex_flow="row wrap"))
    box = W.VBox([row, message, figure])
    box.controls, box.figure, box.message = controls, figure, message
    return box


def _say(message: W.HTML, text: str | None) -> None:
    message.value = f"<p role='status' style='color:#8a3b00;margin:4px 0'>{text}</p>" if text else ""


def _dropdown(description: str, options, value=None) -> W.Dropdown:
    """A labelled dropdown; options are codes or (label, code) pairs, never a mix."""
    options = [o if isinstance(o, tuple) else (theme.side_name(o) if o in theme.SIDE_NAMES else str(o), o)
               for o in options]
    value = value if value is not None else options[0][1]
    return W.Dropdown(description=description, options=options, value=value,
                      style={"description_width": "initial"}, layout=LAYOUT)


# --- casualties -----------------------------------------------------------------------------
def casualty_explorer(conflict_id: str | None = None, category: str = "killed", mode: str | None = None):
    """Every source's casualty figure; controls: conflict, side, category, source perspective, scale."""
    cas = data.load("casualties")
    conflicts = sorted(cas["conflict_id"].unique())
    conflict_id = conflict_id or conflicts[0]
    check_choice("conflict", conflict_id, conflicts)
    if render.resolve(mode) == "static":
        return cas_chart.casualty_chart(conflict_id, category)
    names = data.load("conflicts").set_index("conflict_id")["name_en"]
    points = cas_chart.labelled_casualties()
    sides = list(theme.SIDE_NAMES)[:12]
    fig = go.FigureWidget(cas_chart.casualty_chart(conflict_id, category, controls=False))
    fig.data = []
    for t in cas_chart.side_traces(points.iloc[0:0], sides) + cas_chart.perspective_legend():
        fig.add_trace(t)
    controls = {
        "conflict": _dropdown("Conflict", [(names.get(c, c), c) for c in conflicts], conflict_id),
        "side": _dropdown("Side", [ALL] + sides, ALL),
        "category": _dropdown("Category", [(v, k) for k, v in cas_chart.CATEGORY_NAMES.items()], category),
        "perspective": _dropdown("Sources", [ALL] + [(v, k) for k, v in theme.PERSPECTIVE_NAMES.items()], ALL),
        "scale": W.ToggleButtons(options=["linear", "log"], value="linear", description="Scale"),
    }
    message = W.HTML()

    def update(_=None):
        c = controls
        side, persp = c["side"].value, c["perspective"].value
        sel = cas_chart.select_points(points, [c["conflict"].value], c["category"].value,
                                      None if side == ALL else [side], None if persp == ALL else [persp])
        traces = cas_chart.side_traces(sel, sides)
        rows = sel.groupby(["group", "source_label"]).ngroups
        with fig.batch_update():
            for trace, new in zip(fig.data, traces):
                trace.x, trace.y = new["x"], new["y"]
                trace.hovertext, trace.marker.symbol = new["hovertext"], new["marker"]["symbol"]
                trace.showlegend = new["showlegend"]
            fig.layout.xaxis.type = c["scale"].value
            fig.layout.xaxis.title.text = f"People {cas_chart.CATEGORY_NAMES[c['category'].value]}"
            fig.layout.title.text = f"{names.get(c['conflict'].value)}: every source's figure"
            fig.layout.annotations[1].text = theme.wrap(cas_chart.spread_text(sel), 120)
            fig.layout.height = cas_chart.chart_height(rows)
        _say(message, None if len(sel) else "No figures for this selection: try another side, category or source perspective.")

    for w in controls.values():
        w.observe(update, names="value")
    update()
    box = _box(controls, fig, message)
    box.update = update
    return box


# --- deployments ----------------------------------------------------------------------------
def deployment_explorer(conflict_id: str | None = None, unit: str = "troops", lang: str = "en", mode: str | None = None):
    """Forces on the map; controls: conflict, unit, side, date slider, label language."""
    dep = data.load("deployments")
    conflicts = sorted(dep["conflict_id"].unique())
    conflict_id = conflict_id or conflicts[0]
    check_choice("conflict", conflict_id, conflicts)
    if render.resolve(mode) == "static":
        return dep_chart.deployment_map(conflict_id, unit, lang)
    dep = dep.assign(side=dep["side"].astype(str), unit=dep["unit"].astype(str))
    labels = {lg: places(lg) for lg in theme.LANGUAGES}
    names = data.load("conflicts").set_index("conflict_id")["name_en"]
    sides = list(theme.SIDE_NAMES)[:12]
    fig = go.FigureWidget(dep_chart.deployment_map(conflict_id, unit, lang, controls=False))
    fig.data = []
    for t in dep_chart._bubble_traces(dep.iloc[0:0], labels[lang], sides, 1.0, unit):
        fig.add_trace(t)
    controls = {
        "conflict": _dropdown("Conflict", [(names.get(c, c), c) for c in conflicts], conflict_id),
        "unit": _dropdown("Counting", dep_chart.UNITS, unit),
        "side": _dropdown("Side", [ALL] + sides, ALL),
        "date": W.SelectionSlider(options=[("—", "")], value="", description="As of", continuous_update=False,
                                  layout=W.Layout(width="420px"), style={"description_width": "initial"}),
        "lang": _dropdown("Labels", [(v, k) for k, v in theme.LANGUAGES.items()], lang),
    }
    message = W.HTML()
    state = {}

    def select():
        c = controls
        rows = dep[(dep["conflict_id"] == c["conflict"].value) & (dep["unit"] == c["unit"].value)]
        if c["side"].value != ALL:
            rows = rows[rows["side"] == c["side"].value]
        state["rows"] = rows.sort_values("date")
        dates = sorted(state["rows"]["date"].unique())
        opts = [(fmt_date(d), str(pd.Timestamp(d).date())) for d in dates] or [("—", "")]
        c["date"].unobserve(draw, names="value")
        c["date"].options = opts
        c["date"].value = opts[-1][1]
        c["date"].observe(draw, names="value")
        pl = labels[c["lang"].value]
        mapped = state["rows"][state["rows"]["place_id"].isin(pl.index)]
        if len(mapped):
            lon, lat = pl.loc[mapped["place_id"], "lon"], pl.loc[mapped["place_id"], "lat"]
            fig.layout.geo.lonaxis.range = [lon.min() - 6, lon.max() + 6]
            fig.layout.geo.lataxis.range = [lat.min() - 3, lat.max() + 3]
        draw()

    def draw(_=None):
        rows, day = state["rows"], controls["date"].value
        shown = dep_chart.state_on(rows, day) if day else rows.iloc[0:0]
        top = float(rows["strength_high"].max()) if len(rows) else 1.0
        traces = dep_chart._bubble_traces(shown, labels[controls["lang"].value], sides,
                                          2.0 * top / dep_chart.MAX_BUBBLE_PX ** 2, controls["unit"].value)
        with fig.batch_update():
            for trace, new in zip(fig.data, traces):
                trace.lon, trace.lat = new["lon"], new["lat"]
                trace.marker.size, trace.marker.sizeref = new["marker"]["size"], new["marker"]["sizeref"]
                if "text" in new:
                    trace.text, trace.hovertext = new["text"], new["hovertext"]
                trace.showlegend = bool(len(new["lon"])) and new.get("showlegend", True)
            fig.layout.title.text = (f"{names.get(controls['conflict'].value)}: {controls['unit'].value}"
                                     + (f", as of {fmt_date(day)}" if day else ""))
        _say(message, None if len(shown) else
             f"No {controls['unit'].value} figures for this selection: choose another unit or side.")

    for key in ("conflict", "unit", "side"):
        controls[key].observe(lambda _: select(), names="value")
    controls["lang"].observe(draw, names="value")
    controls["date"].observe(draw, names="value")
    select()
    box = _box(controls, fig, message)
    box.update = draw
    return box


# --- treaties -------------------------------------------------------------------------------
def treaty_explorer(mode: str | None = None):
    """Treaty timeline; controls: party, kind, era."""
    if render.resolve(mode) == "static":
        return tr_chart.treaty_timeline()
    tr = data.load("treaties")
    kinds = [k for k in tr_chart.ps.enum_of("treaties", "kind") if k in set(tr["kind"].astype(str))]
    parties = sorted({p for ps_ in tr["parties"] for p in ps_.split(";")})
    eras = data.load("eras")
    fig = go.FigureWidget(tr_chart.treaty_timeline(controls=False))
    fig.data = []
    for t in tr_chart.treaty_traces(tr.iloc[0:0], kinds):
        fig.add_trace(t)
    controls = {
        "party": _dropdown("Party", [ALL] + [(theme.side_name(p), p) for p in parties], ALL),
        "kind": _dropdown("Kind", [ALL] + kinds, ALL),
        "era": _dropdown("Era", [ALL] + [(e.title.split(":")[0], e.era_id) for e in eras.itertuples()
                                         if e.era_id not in ("orientation", "capstone")], ALL),
    }
    message = W.HTML()

    def update(_=None):
        c = controls
        rows = tr
        if c["party"].value != ALL:
            rows = rows[rows["parties"].str.split(";").apply(lambda p: c["party"].value in p)]
        if c["kind"].value != ALL:
            rows = rows[rows["kind"] == c["kind"].value]
        if c["era"].value != ALL:
            era = eras.set_index("era_id").loc[c["era"].value]
            rows = rows[rows["signed_date"].dt.year.between(era.start_year, era.end_year)]
        rows = rows.sort_values("signed_date")
        with fig.batch_update():
            for trace, new in zip(fig.data, tr_chart.treaty_traces(rows, kinds)):
                trace.x, trace.y, trace.base = new["x"], new["y"], new["base"]
                trace.hovertext, trace.showlegend = new["hovertext"], new["showlegend"]
            fig.layout.yaxis.categoryarray = list(rows["name_en"])
            fig.layout.height = max(450, 130 + 24 * len(rows))
        _say(message, None if len(rows) else "No treaty matches: widen the party, kind or era.")

    for w in controls.values():
        w.observe(update, names="value")
    update()
    box = _box(controls, fig, message)
    box.update = update
    return box


# --- territory ------------------------------------------------------------------------------
def territory_explorer(year: int = 1905, mode: str | None = None):
    """Map of who held what; controls: year slider and territory."""
    if render.resolve(mode) == "static":
        return ter_chart.territory_map(year)
    ter = data.load("territory")
    ter = ter.assign(controller=ter["controller"].astype(str), territory_id=ter["territory_id"].astype(str))
    pl = places("en")
    sides = list(theme.SIDE_NAMES)[:12]
    first = int(ter["start_date"].dt.year.min())
    fig = go.FigureWidget(go.Figure(layout=dict(geo=geo_layout(lon=[118, 160], lat=[36, 56]))))
    for side in sides:
        fig.add_trace(go.Scattergeo(lon=[], lat=[], name=theme.side_name(side), mode="markers+text",
                                    textposition="middle right", marker=dict(size=16, color=theme.side_colour(side),
                                                                              line=dict(color="white", width=1.5))))
    theme.finish(fig, "Who held what", theme.short_sources(ter["source_ids"].str.split(";").explode()),
                 "Map of the disputed territories for the chosen year, coloured by the state holding each.", height=620)
    names = ter.drop_duplicates("territory_id").set_index("territory_id")["name_en"]
    controls = {
        "year": W.IntSlider(value=year, min=first, max=tr_chart.TODAY.year, description="Year", continuous_update=False,
                            layout=W.Layout(width="420px")),
        "territory": _dropdown("Territory", [ALL] + [(names[t], t) for t in ter_chart.ORDER if t in names.index], ALL),
    }
    message = W.HTML()

    def update(_=None):
        day = pd.Timestamp(year=controls["year"].value, month=7, day=1)
        held = ter[(ter["start_date"] <= day) & (ter["end_date"].isna() | (ter["end_date"] >= day))]
        if controls["territory"].value != ALL:
            held = held[held["territory_id"] == controls["territory"].value]
        held = held[held["place_id"].isin(pl.index)]
        with fig.batch_update():
            for side, trace in zip(sides, fig.data):
                rows = held[held["controller"] == side]
                trace.lon, trace.lat = list(pl.loc[rows["place_id"], "lon"]), list(pl.loc[rows["place_id"], "lat"])
                trace.text = list(rows["name_en"])
                trace.hovertext = [f"<b>{r.name_en}</b><br>held by {theme.side_name(side)}"
                                   + (f"<br>claimed by {r.claimed_by}" if isinstance(r.claimed_by, str) else "")
                                   for r in rows.itertuples()]
                trace.showlegend = bool(len(rows))
            fig.layout.title.text = f"Who held what in {controls['year'].value}"
        _say(message, None if len(held) else "This territory was not yet part of the dispute in that year.")

    for w in controls.values():
        w.observe(update, names="value")
    update()
    box = _box(controls, fig, message)
    box.update = update
    return box


# --- era overview ---------------------------------------------------------------------------
def era_overview(era_id: str = "border_wars", mode: str | None = None):
    """An era's events on a time axis, with counts; control: era."""
    if render.resolve(mode) == "static":
        return ev_chart.event_timeline(era_id)
    eras = data.load("eras")
    check_choice("era", era_id, list(eras["era_id"]))
    events = data.load("events")
    kinds = ev_chart.ps.enum_of("events", "kind")
    fig = go.FigureWidget(ev_chart.event_timeline(era_id))
    fig.data = []
    for i, kind in enumerate(kinds):
        fig.add_trace(go.Scatter(x=[], y=[], mode="markers", name=kind, hoverinfo="text",
                                 marker=dict(size=13, symbol=i % 12, color=theme.KIND_COLOURS[i % len(theme.KIND_COLOURS)],
                                             line=dict(color="white", width=1))))
    controls = {"era": _dropdown("Era", [(e.title.split(":")[0], e.era_id) for e in eras.itertuples()
                                         if e.era_id not in ("orientation", "capstone")], era_id)}
    message = W.HTML()

    def update(_=None):
        ev = events[events["era_id"] == controls["era"].value].sort_values("date")
        present = [k for k in kinds if k in set(ev["kind"].astype(str))]
        with fig.batch_update():
            for kind, trace in zip(kinds, fig.data):
                rows = ev[ev["kind"] == kind]
                trace.x, trace.y = iso(rows["date"]), [kind] * len(rows)
                trace.hovertext = [ev_chart._hover(r) for r in rows.itertuples()]
                trace.showlegend = bool(len(rows))
            fig.layout.yaxis.categoryarray = present
            fig.layout.title.text = eras.set_index("era_id").at[controls["era"].value, "title"] + ": events"
            fig.layout.height = 260 + 45 * len(present)
        _say(message, f"{len(ev)} events" if len(ev) else "This era has no events yet.")

    controls["era"].observe(update, names="value")
    update()
    box = _box(controls, fig, message)
    box.update = update
    return box
