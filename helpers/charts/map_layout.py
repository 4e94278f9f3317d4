"""The furniture every map of the course shares, sized for a phone: a map as wide as the page,
a one-row key above it, the title and the source line wrapped to fit 390 px.

plotly draws the same figure at every width with text of the same pixel size, so a map's title,
key and source are laid out for the narrowest screen; on a wide page they simply take less room.
"""

from __future__ import annotations

import math

import pandas as pd
import plotly.graph_objects as go

from .. import theme
from . import labels
from . import lines as ln

SOURCE_CHARS = 55  # an 11 px source line this long fits a phone
KEY_ROW_PX = 24


def finish_map(
    fig: go.Figure,
    title: str,
    sources: str,
    description: str,
    height: int,
    key_rows: int = 1,
    slider: bool = False,
    key_below: bool = False,
    extra_top: int = 0,
) -> go.Figure:
    """``theme.finish`` for a map: narrow margins, the key in ``key_rows`` rows (as many as it
    takes on a phone) above the map or below it, the title and the source line wrapped for a
    phone, and room below for the source (and a slider)."""
    fig.update_layout(
        margin=dict(l=10, r=10, t=66 + extra_top + (0 if key_below else KEY_ROW_PX * key_rows)),
        legend=dict(
            orientation="h",
            x=0,
            xanchor="left",
            y=0 if key_below else 1.0,
            yanchor="top" if key_below else "bottom",
            font=dict(size=12),
            bgcolor="rgba(255,255,255,0)",
            borderwidth=0,
            title_text="",
            traceorder="normal",  # grouped would put each trace's entry on its own row
        ),
    )
    theme.finish(fig, title, sources, description, height=height)  # it wraps the title once
    source = fig.layout.annotations[-1]
    source.text = theme.wrap(source.text.replace("<br>", " "), SOURCE_CHARS)
    above = (62 if slider else 12) + (KEY_ROW_PX * key_rows + 8 if key_below else 0)
    bottom = above + 16 * (source.text.count("<br>") + 1)
    fig.update_layout(margin_b=bottom)
    # theme.finish hangs the source line by its top: under the slider and the key, so that its
    # lines end just inside the figure's bottom edge
    source.yshift = -above + 6
    return fig


def date_slider(dates) -> dict:
    """A slider over a map's dates (plotly frames named by ISO date): its ticks read by month
    where the months differ, by day where two dates share a month. It starts on the last date,
    which the map draws first: everything recorded is on it, and paper prints that step."""
    months = [pd.Timestamp(d).strftime("%b %Y") for d in dates]
    fmt = "%b %Y" if len(set(months)) == len(months) else "%-d %b %Y"
    return dict(
        active=len(dates) - 1,
        steps=[
            dict(
                label=pd.Timestamp(d).strftime(fmt),
                method="animate",
                args=[
                    [str(pd.Timestamp(d).date())],
                    dict(
                        mode="immediate",
                        frame=dict(duration=0, redraw=True),
                        transition=dict(duration=0),
                    ),
                ],
            )
            for d in dates
        ],
        x=0.1,  # the end labels are centred on the ends: room for them on a phone
        len=0.8,
        y=0,
        yanchor="top",
        pad=dict(t=4, b=0),
        currentvalue=dict(visible=False),
        font=dict(size=11),
    )


def named_line_traces(period_lines: list[dict], view: tuple, taken: list) -> list[dict]:
    """The period's lines, each named on the map beside itself rather than in a legend (a
    schematic line says so in its name), at the first place along it where the name fits; a name
    that fits nowhere stays in the hover."""
    traces = [
        ln.line_trace(r) | dict(showlegend=False, legendgrouptitle=None) for r in period_lines
    ]
    named = []
    for r in period_lines:
        for lon, lat in _along(r, view):
            text, where = labels.placed_labels(
                [lon], [lat], [short_name(r)], *view, taken=taken, marker_px=6
            )
            if text[0]:
                named.append((r, lon, lat, text[0], where[0]))
                break
    traces.append(
        dict(
            type="scattergeo",
            lon=[n[1] for n in named],
            lat=[n[2] for n in named],
            mode="text",
            text=[n[3] for n in named],
            textposition=[n[4] for n in named],
            textfont=dict(size=11, color=[n[0]["colour"] for n in named]),
            hovertext=[n[0]["hover"] for n in named],
            hoverinfo="text",
            name="names of the lines",
            showlegend=False,
        )
    )
    return traces


def short_name(r: dict) -> str:
    """A line's name on the map: what it is (the words before the colon), and whether it is
    drawn only schematically; the full name and source are in its hover."""
    mark = ln.SCHEMATIC_MARK if r.get("precision") == "schematic" else ""
    return theme.wrap(r["name"].split(":")[0] + mark, 22)


def _along(r: dict, view: tuple, steps: int = 24) -> list[tuple[float, float]]:
    """Points along a line inside the map, about a ``steps``-th of the map's width apart (at
    least 8 a segment), from the top of the map down (names read best near the top, away from
    the scale bar)."""
    (x0, x1), (y0, y1) = view
    spacing = (x1 - x0) / steps
    margin = 0.12 * (y1 - y0)  # not at the very edge, where the frame would cut the name
    y0, y1 = y0 + margin, y1 - margin
    pts = list(zip(r["lon"], r["lat"], strict=True))
    out = []
    for (a, b), (c, d) in zip(pts, pts[1:], strict=False):
        n = max(8, math.ceil(math.hypot(c - a, d - b) / spacing))
        for k in range(n):
            lon, lat = a + (c - a) * k / n, b + (d - b) * k / n
            if x0 <= lon <= x1 and y0 <= lat <= y1:
                out.append((lon, lat))
    return sorted(out, key=lambda p: -p[1])


def line_boxes(period_lines: list[dict], view: tuple) -> list:
    """Boxes along each line (px on the phone-width map) that names must leave free."""
    px, _ = labels.projector(*view)
    boxes = []
    for r in period_lines:
        pts = [px(x, y) for x, y in zip(r["lon"], r["lat"], strict=True)]
        for (x0, y0), (x1, y1) in zip(pts, pts[1:], strict=False):
            steps = max(1, int(((x1 - x0) ** 2 + (y1 - y0) ** 2) ** 0.5 / 6))
            for k in range(steps + 1):
                x, y = x0 + (x1 - x0) * k / steps, y0 + (y1 - y0) * k / steps
                boxes.append((x - 3, y - 3, x + 3, y + 3))
    return boxes
