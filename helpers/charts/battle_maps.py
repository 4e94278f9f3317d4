"""A battle drawn as a military history atlas draws it: the battlefield, its terrain, each side's
formations where the sources put them on each date, arrows for their moves, the period's lines.

Positions come from ``lessons_data/positions.csv``, one point per formation, date and source; the
hover gives the source's own words and how far the real place may lie from the point. An arrow
joins two recorded places of one formation and nothing else: no route is drawn that no source
gives. Lakes are Natural Earth's 1:10m outlines clipped to the battle (``publish/terrain.py``);
rivers and the period's borders and claims come from ``lines.csv``, and a line drawn only
schematically says so in its legend entry. The date slider steps through the recorded dates.
"""

from __future__ import annotations

import json
import math
from functools import cache
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go

from .. import citations, data, theme
from . import labels, map_layout
from . import lines as ln
from .common import fmt_date, geo_layout, places

TERRAIN_FILE = Path(__file__).resolve().parent.parent / "assets" / "terrain_10m.json"
# the places a battle's map names beside the formations (hills, villages, lakes)
LANDMARKS = {
    "lake_khasan": ["lake_khasan", "khasan_lake"],
    "khalkhin_gol": ["nomonhan"],
    "battle_port_arthur_siege": ["port_arthur", "hill_203"],
    "kuril_landing_1945": ["shumshu", "paramushir", "matua", "urup", "etorofu", "kunashiri"],
    "soviet_manchuria_1945": ["harbin", "hsinking", "mukden", "port_arthur"],
}
LAKE_FILL, LAKE_EDGE = "#BFD9EC", "#6E9CC0"
MIN_SPAN_KM = 9.0  # the smallest battlefield shown, north to south
# width / height of the map: wide enough that the map fills most of a wide page's figure
ASPECT = 1.9
HEIGHT = 520  # px of the whole figure
# px round a formation's point kept free of names: its 14 px square, or the 18 px arrowhead of a
# move that ends there, drawn over it
MARK_PX = 18
SPREAD_SHARE = 0.08  # formations sharing a point sit this share of the map's height apart
MAP_PX = labels.NARROWEST_MAP_PX  # names are placed for the phone-width map
KM_PER_DEG_LAT = 111.2
SCALE_STEPS_KM = (0.5, 1, 2, 5, 10, 20, 50, 100, 200, 500)


def has_positions(conflict_id: str) -> bool:
    """Whether the sources place this conflict's formations (then it gets an atlas map)."""
    return bool((data.load("positions")["conflict_id"] == conflict_id).any())


@cache
def _lakes() -> dict:
    return json.loads(TERRAIN_FILE.read_text(encoding="utf-8"))["lakes"]


def position_records(conflict_id: str) -> list[dict]:
    """A conflict's positions as dicts with their hover text, oldest first; within a date in the
    table's order, which is the order of importance (the first gets the first choice of room for
    its name)."""
    pos = data.load("positions")
    rows = pos[pos["conflict_id"] == conflict_id].sort_values("date", kind="stable")
    out = []
    for r in rows.itertuples():
        out.append(
            dict(
                side=str(r.side),
                formation=r.formation,
                date=r.date,
                lon=float(r.lon),
                lat=float(r.lat),
                within_km=float(r.within_km),
                label=theme.wrap(r.formation.split(" (")[0], 20),
                hover=(
                    f"<b>{r.formation}</b><br>{theme.side_name(str(r.side))}, "
                    f"{fmt_date(r.date, r.date_precision)}<br>"
                    f"{theme.wrap('“' + r.described_as + '”', 60)}<br>"
                    f"drawn within about {r.within_km:g} km of the real place<br>"
                    f"source: {citations.label(r.source_id)}"
                ),
            )
        )
    return out


def moves(recs: list[dict]) -> list[dict]:
    """One arrow per formation between two successive recorded places that differ."""
    last: dict[tuple[str, str], dict] = {}
    out = []
    for r in recs:
        key = (r["side"], r["formation"])
        prev = last.get(key)
        if prev and (prev["lon"], prev["lat"]) != (r["lon"], r["lat"]):
            out.append(dict(side=r["side"], start=prev, end=r, date=r["date"]))
        last[key] = r
    return out


def state_on(recs: list[dict], day) -> list[dict]:
    """Each formation's latest recorded place on or before ``day``."""
    latest = {}
    for r in recs:
        if r["date"] <= pd.Timestamp(day):
            latest[(r["side"], r["formation"])] = r
    return list(latest.values())


def _spread(state: list[dict], radius: float) -> list[tuple[dict, float, float]]:
    """Formations drawn at one point are set around it on a small circle so none hides another."""
    groups: dict[tuple[float, float], list[dict]] = {}
    for r in state:
        groups.setdefault((r["lon"], r["lat"]), []).append(r)
    out = []
    for (lon, lat), group in groups.items():
        for k, r in enumerate(group):
            a = math.pi / 2 + 2 * math.pi * k / len(group)
            rad = radius if len(group) > 1 else 0.0
            out.append(
                (r, lon + rad * math.cos(a) / math.cos(math.radians(lat)), lat + rad * math.sin(a))
            )
    return out


def formations(recs: list[dict]) -> list[tuple[str, str]]:
    """(side, formation) in the order the records first name them: each gets a number."""
    return list(dict.fromkeys((r["side"], r["formation"]) for r in recs))


def position_traces(
    state: list[dict],
    slots: list[tuple[str, str]],
    radius: float,
    view: tuple,
    taken: list,
    day,
    lines: list = (),
) -> list[dict]:
    """One trace per formation, in a fixed order so frames can replace them. A formation
    recorded on ``day`` is solid and named beside itself where the name fits (always on hover);
    one last recorded earlier stays pale and unnamed, since no source says it was still there."""
    placed = {(p[0]["side"], p[0]["formation"]): p for p in _spread(state, radius)}
    shown = [placed.get(s) for s in slots]
    current = [p is not None and p[0]["date"] == pd.Timestamp(day) for p in shown]
    names, where = labels.placed_labels(
        [p[1] for p in shown if p],
        [p[2] for p in shown if p],
        [p[0]["label"] if now else "" for p, now in zip(shown, current, strict=True) if p],
        *view,
        size=11,
        taken=list(taken),
        marker_px=MARK_PX,
        rather_not=lines,
    )
    names, where = iter(names), iter(where)
    traces = []
    for (side, formation), p, now in zip(slots, shown, current, strict=True):
        text, pos = (next(names), next(where)) if p else ("", "middle right")
        traces.append(
            dict(
                type="scattergeo",
                lon=[p[1]] if p else [],
                lat=[p[2]] if p else [],
                mode="markers+text",
                name=f"{formation} ({theme.side_name(side)})",
                text=[text] if p else [],
                textposition=pos,
                textfont=dict(size=11, color=theme.side_colour(side)),
                marker=dict(
                    size=14,
                    symbol="square",
                    color=theme.side_colour(side),
                    opacity=1.0 if now else 0.4,
                    line=dict(color="white", width=1),
                ),
                hovertext=[p[0]["hover"] + ("" if now else "<br><i>(an earlier record)</i>")]
                if p
                else [],
                hoverinfo="text",
                showlegend=False,
            )
        )
    return traces


def key_traces(sides: list[str], view: tuple) -> list[dict]:
    """The legend: one entry per side, its colour (the formations are named on the map). plotly
    keys a map's trace only if it has a point, so each has one outside the map's bounds."""
    (lon0, _), (lat0, _) = view
    return [
        dict(
            type="scattergeo",
            lon=[lon0 - 5.0],
            lat=[lat0 - 5.0],
            mode="markers",
            name=theme.side_name(side),
            marker=dict(size=12, symbol="square", color=theme.side_colour(side)),
            showlegend=True,
            hoverinfo="skip",
        )
        for side in sides
    ]


def arrow_trace(move: dict | None, view: tuple) -> dict:
    """A move as a line ending in an arrowhead (an empty slot before its date). The head is
    turned to the line's bearing on the map, worked out here: plotly.js leaves a geo marker's
    ``angleref="previous"`` pointing the same way whatever the line's direction."""
    if move is None:
        return dict(
            type="scattergeo",
            lon=[],
            lat=[],
            mode="lines+markers",
            name="move (later date)",
            hoverinfo="skip",
            showlegend=False,
        )
    a, b = move["start"], move["end"]
    colour = theme.side_colour(move["side"])
    px, _ = labels.projector(*view)
    (x0, y0), (x1, y1) = px(a["lon"], a["lat"]), px(b["lon"], b["lat"])
    bearing = math.degrees(math.atan2(x1 - x0, y0 - y1))  # clockwise from up, as plotly turns
    return dict(
        type="scattergeo",
        lon=[a["lon"], b["lon"]],
        lat=[a["lat"], b["lat"]],
        mode="lines+markers",
        line=dict(color=colour, width=3),
        marker=dict(symbol="arrow", size=[0, MARK_PX], angle=[0, bearing], color=colour),
        name=f"{a['label'].replace('<br>', ' ')}: move",
        hovertext=(
            f"<b>{a['formation']}</b><br>from where it stood on {fmt_date(a['date'])}<br>"
            f"to where it stood on {fmt_date(b['date'])}<br>(the route between is not recorded)"
        ),
        hoverinfo="text",
        showlegend=False,
    )


def scale_bar(lon: list[float], lat: list[float], taken: list) -> dict:
    """A bar of a round number of km in the map's lower right corner (its room kept in
    ``taken``)."""
    y = lat[0] + 0.07 * (lat[1] - lat[0])
    # measured at the bar's own latitude: on a map of hundreds of km, Mercator's scale differs
    # between the bar and the map's middle
    km_per_deg = KM_PER_DEG_LAT * math.cos(math.radians(y))
    width_km = (lon[1] - lon[0]) * km_per_deg
    km = max(s for s in SCALE_STEPS_KM if s <= width_km / 5)
    x1 = lon[1] - 0.04 * (lon[1] - lon[0])
    x0 = x1 - km / km_per_deg
    px, _ = labels.projector(lon, lat, MAP_PX)
    (bx0, by), (bx1, _) = px(x0, y), px(x1, y)
    taken.append((bx0 - 30, by - 22, bx1 + 2, by + 4))
    return dict(
        type="scattergeo",
        lon=[x0, x1],
        lat=[y, y],
        mode="lines+text",
        line=dict(color="#222222", width=4),
        text=["", f"{km:g} km"],
        textposition="top left",
        textfont=dict(size=12, color="#222222"),
        name="scale",
        hoverinfo="skip",
        showlegend=False,
    )


def lake_traces(conflict_id: str) -> list[dict]:
    """Natural Earth's 1:10m lakes of the battle, filled, named on hover."""
    return [
        dict(
            type="scattergeo",
            lon=lake["lon"],
            lat=lake["lat"],
            mode="lines",
            fill="toself",
            fillcolor=LAKE_FILL,
            line=dict(color=LAKE_EDGE, width=1),
            name=f"{lake['name']} (lake)",
            hovertext=f"{lake['name']} (Natural Earth 1:10m)",
            hoverinfo="text",
            showlegend=False,
        )
        for lake in _lakes().get(conflict_id, [])
    ]


def landmark_traces(conflict_id: str, lang: str, view: tuple, taken: list) -> list[dict]:
    """The named hills, villages and lakes: small grey marks, and their names where they fit.
    The names are a trace of their own with unseen marks of a formation's size, so plotly sets
    each name clear of a formation standing on the place, as the layout here assumes."""
    pl = places(lang)
    ids = [p for p in LANDMARKS.get(conflict_id, []) if p in pl.index]
    lon = [float(pl.at[p, "lon"]) for p in ids]
    lat = [float(pl.at[p, "lat"]) for p in ids]
    text, where = labels.placed_labels(
        lon,
        lat,
        [theme.wrap(pl.at[p, "label"].split(" (")[0], 22) for p in ids],
        *view,
        taken=taken,
        marker_px=MARK_PX,
    )
    marks = dict(
        type="scattergeo",
        lon=lon,
        lat=lat,
        mode="markers",
        marker=dict(size=8, symbol="triangle-up", color="#666666"),
        hovertext=[pl.at[p, "label"] for p in ids],
        hoverinfo="text",
        name="Places",
        showlegend=False,
    )
    names = dict(
        type="scattergeo",
        lon=lon,
        lat=lat,
        mode="markers+text",
        text=text,
        textposition=where,
        textfont=dict(size=11, color="#444444"),
        marker=dict(size=MARK_PX, opacity=0),
        hoverinfo="skip",
        name="Place names",
        showlegend=False,
    )
    return [marks, names]


def marks_on_every_date(recs: list[dict], dates: list, view: tuple, radius: float) -> list:
    """Boxes (px on the phone-width map) of every formation's mark on every date: the fixed names
    (places, lines, the scale) stand on every date, so they leave all of them free."""
    px, _ = labels.projector(*view, MAP_PX)
    boxes = []
    for day in dates:
        for _, lon, lat in _spread(state_on(recs, day), radius):
            x, y = px(lon, lat)
            boxes.append((x - MARK_PX / 2, y - MARK_PX / 2, x + MARK_PX / 2, y + MARK_PX / 2))
    return boxes


def view(recs: list[dict], conflict_id: str) -> tuple[list[float], list[float]]:
    """The battlefield's bounds: every position and landmark, at least ``MIN_SPAN_KM`` tall and
    twice the widest uncertainty of a position."""
    pl = data.peek("places").set_index("place_id")
    pts = [(r["lon"], r["lat"]) for r in recs] + [
        (float(pl.at[p, "lon"]), float(pl.at[p, "lat"]))
        for p in LANDMARKS.get(conflict_id, [])
        if p in pl.index
    ]
    lons, lats = [p[0] for p in pts], [p[1] for p in pts]
    # a position known only within some km needs that much room round it
    least_km = max([MIN_SPAN_KM] + [2 * r["within_km"] for r in recs])
    span = max(least_km / KM_PER_DEG_LAT, 1.3 * (max(lats) - min(lats)))
    mid_lat = (max(lats) + min(lats)) / 2
    # Mercator: a degree of longitude is cos(latitude) as long as a degree of latitude
    width = max(ASPECT * span / math.cos(math.radians(mid_lat)), 1.3 * (max(lons) - min(lons)))
    mid_lon = (max(lons) + min(lons)) / 2
    return [mid_lon - width / 2, mid_lon + width / 2], [mid_lat - span / 2, mid_lat + span / 2]


def battle_map(conflict_id: str, lang: str = "en", controls: bool = True) -> go.Figure:
    """The atlas map of one battle; with ``controls`` a date slider (plotly frames)."""
    return build(conflict_id, lang, controls)[0]


def build(conflict_id: str, lang: str = "en", controls: bool = True):
    """(figure, ``moving(day)``: the traces that change with the date, in the figure's first
    slots, and the recorded dates): what the static map and the live explorer share."""
    recs = position_records(conflict_id)
    if not recs:
        raise ValueError(f"no positions recorded for {conflict_id}; see lessons_data/positions.csv")
    slots = formations(recs)
    dates = sorted({r["date"] for r in recs})
    arrows = moves(recs)
    lon, lat = view(recs, conflict_id)
    box = (lon, lat)
    radius = SPREAD_SHARE * (lat[1] - lat[0])
    start, end = pd.Timestamp(dates[0]), pd.Timestamp(dates[-1])
    # rivers first: drawn under the lines that follow them, and named first
    period_lines = sorted(
        ln.lines_for(start, end, lon, lat, terrain=True), key=lambda r: r["kind"] != "river"
    )
    # room on the phone-width map already used by marks, lines and names: every position of every
    # date and every line first, so no fixed name lands on them
    marks = marks_on_every_date(recs, dates, box, radius)
    line_boxes = map_layout.line_boxes(period_lines, box)
    taken = marks + line_boxes
    static = [scale_bar(lon, lat, taken), *landmark_traces(conflict_id, lang, box, taken)]
    static = (
        lake_traces(conflict_id) + map_layout.named_line_traces(period_lines, box, taken) + static
    )
    # a formation's name, drawn on one date, leaves free the fixed names and marks and the
    # formations' marks of that date only (position_traces adds those); it crosses a line only
    # where it fits nowhere else
    fixed = taken[len(marks) + len(line_boxes) :]

    def moving(day) -> list[dict]:
        return position_traces(state_on(recs, day), slots, radius, box, fixed, day, line_boxes) + [
            arrow_trace(m if m["date"] <= day else None, box) for m in arrows
        ]

    sides = list(dict.fromkeys(s for s, _ in slots))
    fig = go.Figure(moving(dates[-1]) + static + key_traces(sides, box))
    fig.update_layout(
        geo=geo_layout(lon=lon, lat=lat)
        | dict(showcountries=False, showrivers=False, domain=dict(x=[0, 1], y=[0, 1])),
    )
    name = data.load("conflicts").set_index("conflict_id").at[conflict_id, "name_en"]
    schematic = [r["name"] for r in period_lines if r.get("precision") == "schematic"]
    desc = (
        f"Map of {name}, {fmt_date(start)} to {fmt_date(end)}: {len(recs)} recorded positions of "
        f"{len({(r['side'], r['formation']) for r in recs})} formations, each where a source puts "
        f"it, with {len(arrows)} arrow(s) joining a formation's recorded places. "
        + (f"Lines drawn: {'; '.join(r['name'] for r in period_lines)}. " if period_lines else "")
        + (f"Drawn schematically: {'; '.join(schematic)}. " if schematic else "")
        + "Today's borders are not drawn."
    )
    sources = list(data.load("positions").query("conflict_id == @conflict_id")["source_id"])
    sources += [s for r in period_lines for s in r["source_ids"]]
    if _lakes().get(conflict_id):
        sources.append("natural_earth_10m")
    with_slider = controls and len(dates) > 1
    map_layout.finish_map(
        fig,
        f"{name.split(' (')[0]}: where the forces stood",
        citations.source_line(sources),
        desc,
        height=HEIGHT,
        slider=with_slider,
    )
    if with_slider:
        n = len(slots) + len(arrows)
        fig.frames = [
            go.Frame(name=str(pd.Timestamp(d).date()), data=moving(d), traces=list(range(n)))
            for d in dates
        ]
        fig.update_layout(sliders=[map_layout.date_slider(dates)])
    return fig, moving, dates
