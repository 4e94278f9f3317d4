"""One look for every chart: fixed colour per side, fonts for four scripts, source line,
description.

Colours follow the Okabe-Ito and Paul Tol colour-blind-safe palettes; a side keeps its
colour in every chart. Colour is never the only cue: traces are named, and perspectives
also get a marker shape.
"""

from __future__ import annotations

import re
import unicodedata

import plotly.graph_objects as go
import plotly.io as pio

SIDE_COLOURS = {
    "japan": "#D55E00",
    "russia": "#0072B2",
    "ussr": "#004488",
    "russian_federation": "#56B4E9",
    "mongolia": "#009E73",
    "manchukuo": "#E69F00",
    "china": "#CC79A7",
    "usa": "#999933",
    "uk": "#882255",
    "korea": "#44AA99",
    "white_russia": "#888888",
    "far_eastern_republic": "#332288",
    "germany": "#555555",
    "france": "#AA4499",
    "italy": "#117733",
    "netherlands": "#DDAA33",
    "czechoslovakia": "#6699CC",
    "other": "#BBBBBB",
}
SIDE_NAMES = {
    "japan": "Japan",
    "russia": "Russian Empire",
    "ussr": "Soviet Union",
    "russian_federation": "Russian Federation",
    "mongolia": "Mongolia",
    "manchukuo": "Manchukuo",
    "china": "China",
    "usa": "United States",
    "uk": "Britain",
    "korea": "Korea",
    "white_russia": "White Russian forces",
    "far_eastern_republic": "Far Eastern Republic",
    "germany": "Germany",
    "france": "France",
    "italy": "Italy",
    "netherlands": "Netherlands",
    "czechoslovakia": "Czechoslovak Legion",
    "other": "Other",
}
PERSPECTIVE_SYMBOLS = {
    "japanese": "circle",
    "russian_soviet": "square",
    "chinese": "diamond",
    "korean": "pentagon",
    "mongolian": "hexagon",
    "american": "triangle-up",
    "british": "triangle-down",
    "ainu": "star",
    "other": "x",
}
PERSPECTIVE_NAMES = {
    "japanese": "Japanese",
    "russian_soviet": "Soviet/Russian",
    "chinese": "Chinese",
    "korean": "Korean",
    "mongolian": "Mongolian",
    "american": "American",
    "british": "British",
    "ainu": "Ainu",
    "other": "Other/international",
}
KIND_COLOURS = [
    "#0072B2",
    "#D55E00",
    "#009E73",
    "#CC79A7",
    "#E69F00",
    "#56B4E9",
    "#882255",
    "#999933",
    "#332288",
    "#44AA99",
    "#AA4499",
    "#117733",
    "#888888",
    "#DDAA33",
]
FONT = (
    "Noto Sans, 'Noto Sans CJK JP', 'Noto Sans JP', 'Hiragino Sans', 'Yu Gothic', 'Microsoft "
    "YaHei', Arial, sans-serif"
)
LANGUAGES = {"en": "English", "ja": "日本語", "ru": "Русский", "zh": "中文"}

TEMPLATE_MARGIN = dict(l=70, r=30, t=80, b=100)
pio.templates["course"] = go.layout.Template(
    layout=go.Layout(
        font=dict(family=FONT, size=14, color="#222222"),
        title=dict(font=dict(size=19), x=0.01, xanchor="left"),
        paper_bgcolor="white",
        plot_bgcolor="white",
        xaxis=dict(
            showgrid=True,
            gridcolor="#E5E5E5",
            linecolor="#444444",
            ticks="outside",
            zeroline=False,
            ticklabelstandoff=4,  # clear of the y axis's lowest label in the corner
        ),
        yaxis=dict(
            showgrid=True, gridcolor="#E5E5E5", linecolor="#444444", ticks="outside", zeroline=False
        ),
        legend=dict(bgcolor="rgba(255,255,255,0.85)", bordercolor="#CCCCCC", borderwidth=1),
        hoverlabel=dict(font=dict(family=FONT, size=13)),
        colorway=KIND_COLOURS,
        margin=TEMPLATE_MARGIN,
    )
)


def side_colour(side: str) -> str:
    """Fixed colour of a side; joint control is neutral grey (hatched in the territory chart)."""
    return SIDE_COLOURS.get(side, "#777777" if ";" in side else SIDE_COLOURS["other"])


def side_name(side: str) -> str:
    """Display name of a side code; joint codes such as ``japan;russia`` read 'Japan + Russian
    Empire'.
    """
    if ";" in side:
        return " + ".join(side_name(s) for s in side.split(";")) + " (joint)"
    return SIDE_NAMES.get(side, side.replace("_", " ").title())


MAX_HEIGHT = 900  # px: a long list of rows scrolls past a screen, but no chart grows without end
TITLE_CHARS = 38  # a 17 px title line this long fits a 390 px phone screen
SOURCE_CHARS = 50  # an 11 px source line this long fits a 390 px phone screen, wide letters too
SOURCE_LINE_PX = 14


def wrap_title(title: str) -> str:
    """A title broken into lines short enough never to be cut off, even on a phone."""
    return wrap(title, TITLE_CHARS) if len(title) > TITLE_CHARS else title


def finish(
    fig: go.Figure, title: str, sources: str, description: str, height: int = 520, bottom: int = 80
) -> go.Figure:
    """Apply the course template, a title, a source line under the plot and the text description.

    The title and the source line are wrapped to fit a phone's width (one layout from 390 to
    1280 px). ``bottom`` is the room under the plot for the x axis (tick labels and title); the
    source line goes under it, and the bottom margin and the height (capped at ``MAX_HEIGHT``)
    grow by its lines. The description goes into ``layout.meta.description`` (read by
    ``describe()`` and by the site, which prints it under the chart for screen readers).
    """
    title = wrap_title(title)
    source = source_text(sources)
    extra = 22 * title.count("<br>")
    below = source_px(source)
    top = (fig.layout.margin.t if fig.layout.margin.t is not None else 80) + extra
    height = min(height + below, MAX_HEIGHT)
    # plotly draws a title of several lines 12 px higher than one of a single line (measured)
    fig.update_layout(
        template="course",
        title=dict(
            text=title,
            y=1 - (13 if "<br>" in title else 0) / height,
            yanchor="top",
            yref="container",
            pad_t=10,
            font_size=17,
        ),
        height=height,
        margin=dict(b=bottom + below, t=top),
        meta={"description": description, "sources": sources},
    )
    left = fig.layout.margin.l if fig.layout.margin.l is not None else TEMPLATE_MARGIN["l"]
    # at the figure's left edge, under the x axis, on every screen width
    fig.add_annotation(
        paper_note(source, "source-line", y=0, xshift=-left + 8, yshift=-bottom, size=11)
    )
    return fig


def paper_note(
    text: str, name: str, y: float, xshift: float, yshift: float, size: int, color: str = "#555555"
) -> dict:
    """A named text block hung from the plot's left edge by pixel shifts, so that it stays put
    whatever the figure's width (the source line under a chart, a live figure's subtitle)."""
    return dict(
        text=text,
        showarrow=False,
        xref="paper",
        yref="paper",
        x=0,
        y=y,
        xshift=xshift,
        yshift=yshift,
        xanchor="left",
        yanchor="top",
        align="left",
        font=dict(size=size, color=color),
        name=name,
    )


def source_text(sources: str) -> str:
    """The source line under a chart, wrapped to fit a phone's width."""
    return wrap(f"Source: {sources}", SOURCE_CHARS)


def source_px(source: str) -> int:
    """The height the source line takes under the x axis."""
    return SOURCE_LINE_PX * (1 + source.count("<br>")) + 8


def text_px(text: str, size: float = 14) -> float:
    """About how wide ``text`` (one line) is drawn in the course font, in px.

    Charts whose labels change under a widget set their margins from this: plotly's automargin
    measures the labels after drawing and, when the margin must grow, draws the whole chart a
    second time (about a third of a redraw's time)."""
    em = 0.0
    for ch in text:
        if unicodedata.east_asian_width(ch) in "WF":
            em += 1.0
        elif ch.isupper() or ch in "mw":
            em += 0.68
        elif ch in "iljft.,;:'|! ()":
            em += 0.3
        else:
            em += 0.53
    return em * size


def label_margin(*widths: float) -> int:
    """A left margin for axis labels of these widths (px, side by side): plotly needs their sum
    plus 31-60 px of ticks and gaps (calibrated on every casualty and treaty chart)."""
    return round(sum(widths) + 65)


def wrap(text: str, width: int = 70) -> str:
    """Break ``text`` into plotly lines (``<br>``) of at most ``width`` characters."""
    line, out = "", []
    for word in text.split():
        if line and len(line) + len(word) >= width:
            out.append(line)
            line = ""
        line += (" " if line else "") + word
    return "<br>".join(out + [line])


def key_lines(items: list[str], width: int = SOURCE_CHARS) -> str:
    """Items of a key (which may carry markup) joined with ' · ' into lines of at most ``width``
    visible characters (a key written above a chart in place of a legend)."""
    lines, line, length = [], "", 0
    for item in items:
        visible = len(re.sub(r"<[^>]+>", "", item))
        if line and length + 3 + visible > width:
            lines.append(line)
            line, length = "", 0
        line += (" · " if line else "") + item
        length += (3 if length else 0) + visible
    return "<br>".join(lines + ([line] if line else []))


def describe(fig: go.Figure) -> str:
    """The text description stored on a course figure."""
    meta = fig.layout.meta or {}
    return meta.get("description", "") if isinstance(meta, dict) else ""
