"""A battle's atlas map in JupyterLab: the same map as on the website, its date slider an
ipywidget that redraws the formations and arrows in place."""

from __future__ import annotations

import ipywidgets as W
import plotly.graph_objects as go

from .. import theme
from . import battle_maps
from .common import fmt_date

LIVE_WIDTH = 860  # px: a FigureWidget does not size itself to JupyterLab's output area


def battle_explorer(conflict_id: str, lang: str = "en") -> W.VBox:
    """Box with ``.figure``, ``.controls`` ({"date": slider}), ``.message`` and ``.update``."""
    fig, moving, dates = battle_maps.build(conflict_id, lang, controls=False)
    figure = go.FigureWidget(fig)
    figure.layout.width = LIVE_WIDTH
    n = len(moving(dates[-1]))
    slider = W.SelectionSlider(
        options=[(fmt_date(d), str(d.date())) for d in dates],
        value=str(dates[-1].date()),
        description="As of",
        continuous_update=False,
        layout=W.Layout(width="420px"),
        style={"description_width": "initial"},
    )
    message = W.HTML()
    title = fig.layout.title.text.replace("<br>", " ")

    def update(_=None):
        day = next(d for d in dates if str(d.date()) == slider.value)
        with figure.batch_update():
            figure.layout.title.text = theme.wrap_title(f"{title}, as of {fmt_date(day)}")
            for trace, new in zip(figure.data[:n], moving(day), strict=True):
                new = dict(new)
                new.pop("type")
                trace.update(new, overwrite=True)

    slider.observe(update, names="value")
    update()
    box = W.VBox([W.HBox([slider]), message, figure])
    box.controls, box.figure, box.message, box.update = {"date": slider}, figure, message, update
    return box
