"""A live explorer's title and subtitle, laid out so that JupyterLab draws them apart.

JupyterLab's plotly widget draws a figure before its output is on the page, where plotly cannot
measure a title: a title of several lines then runs down over the legend, and the subtitle (placed
under the title by the title's measured height) lands on top of it. Annotations are measured off
the page and land where they are put. So a live figure keeps a one-line title and carries its
subtitle as an annotation hung a fixed distance below the figure's top.
"""

from __future__ import annotations

import re

from .. import theme

SUBTITLE = "live-subtitle"  # the annotation's name
TITLE_PX = 40  # from the figure's top to the subtitle: a one-line 17 px title and its padding
TITLE_FONT_PX = 17
WIDTH_SLACK_PX = 40  # the title's left offset and a margin on the right
DROP_PX = 10  # plotly hangs a top-anchored annotation this much lower than asked (measured)


def one_line(title: str, width_px: int) -> str:
    """``title`` on one line; a parenthesised alternative name is dropped when the whole would
    not fit ``width_px`` (never cut with an ellipsis)."""
    line = title.replace("<br>", " ")
    if theme.text_px(line, TITLE_FONT_PX) > width_px - WIDTH_SLACK_PX:
        line = re.sub(r" \([^()]*\)", "", line)
    if theme.text_px(line, TITLE_FONT_PX) > width_px - WIDTH_SLACK_PX:
        raise ValueError(f"the live title {line!r} does not fit {width_px} px on one line")
    return line


def heading(
    title: str, subtitle: str, width_px: int, top_px: float, left_px: float
) -> tuple[dict, dict]:
    """(the title's layout, the subtitle's annotation) of a live figure ``width_px`` wide whose
    plot starts ``top_px`` below the figure's top (room for the title, the subtitle and anything
    above the plot) and ``left_px`` from its left edge. Values are passed in, not read from the
    figure: inside ``batch_update`` a FigureWidget still reads its old layout."""
    title_layout = dict(
        text=one_line(title, width_px), y=1, yref="container", subtitle=dict(text="")
    )
    note = theme.paper_note(
        subtitle,
        SUBTITLE,
        y=1,
        xshift=-left_px + 10,
        yshift=top_px - TITLE_PX + DROP_PX,
        size=12,
        color="#333",
    )
    return title_layout, note


def with_subtitle(annotations, note: dict) -> list:
    """``annotations`` with the subtitle ``note`` in place of any earlier one."""
    return [*(a for a in annotations if a["name"] != SUBTITLE), note]


def subtitle_index(layout) -> int:
    """Where the subtitle's annotation is on ``layout`` (added, empty, the first time): a live
    update changes it there, and plotly.js redraws that one annotation, not all of them."""
    names = [a.name for a in layout.annotations]
    if SUBTITLE not in names:
        layout.annotations = [*layout.annotations, dict(name=SUBTITLE, text="")]
        return len(names)
    return names.index(SUBTITLE)
