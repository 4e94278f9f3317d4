"""A battle's atlas map in JupyterLab: the same map as on the website, its date slider an
ipywidget that redraws the formations and arrows in place. A lesson may offer more mapped
battles in a Conflict menu that swaps in their maps (its web page shows the first)."""

from __future__ import annotations

import ipywidgets as W
import plotly.graph_objects as go

from .. import data, theme
from . import battle_maps
from .common import fmt_date

LIVE_WIDTH = 860  # px: a FigureWidget does not size itself to JupyterLab's output area


def battle_explorer(conflict_id: str, lang: str = "en", also: tuple[str, ...] = ()) -> W.VBox:
    """Box with ``.figure``, ``.controls`` ({"date": slider}, and a "conflict" menu of
    ``conflict_id`` and the battles in ``also``), ``.message`` and ``.update``."""
    choices = [conflict_id, *also]
    for c in also:
        if not battle_maps.has_positions(c):
            raise ValueError(
                f"{c!r} has no positions to map: the Conflict menu offers only battles with rows "
                f"in lessons_data/positions.csv"
            )
    slider = W.SelectionSlider(
        options=[("—", "")],
        description="As of",
        continuous_update=False,
        layout=W.Layout(width="420px"),
        style={"description_width": "initial"},
    )
    message = W.HTML()
    box = W.VBox()
    state: dict = {}

    def load(cid: str) -> None:
        """Build ``cid``'s map and put it in the box, on its last date."""
        fig, moving, dates = battle_maps.build(cid, lang, controls=False)
        figure = go.FigureWidget(fig)
        figure.layout.width = LIVE_WIDTH
        state.update(
            moving=moving,
            dates=dates,
            n=len(moving(dates[-1])),
            title=fig.layout.title.text.replace("<br>", " "),
            figure=figure,
        )
        slider.unobserve(update, names="value")
        slider.options = [(fmt_date(d), str(d.date())) for d in dates]
        slider.value = str(dates[-1].date())
        slider.observe(update, names="value")
        box.figure = figure
        box.children = [W.HBox(list(controls.values())), message, figure]
        update()

    def update(_=None):
        day = next(d for d in state["dates"] if str(d.date()) == slider.value)
        figure = state["figure"]
        with figure.batch_update():
            figure.layout.title.text = theme.wrap_title(f"{state['title']}, as of {fmt_date(day)}")
            for trace, new in zip(figure.data[: state["n"]], state["moving"](day), strict=True):
                new = dict(new)
                new.pop("type")
                trace.update(new, overwrite=True)

    controls: dict = {"date": slider}
    if len(choices) > 1:
        names = data.load("conflicts").set_index("conflict_id")["name_en"]
        menu = W.Dropdown(
            description="Conflict",
            options=[(names[c].split(" (")[0], c) for c in choices],
            value=conflict_id,
            layout=W.Layout(width="auto"),
        )
        menu.observe(lambda change: load(change["new"]), names="value")
        controls = {"conflict": menu, "date": slider}
    slider.observe(update, names="value")
    load(conflict_id)
    box.controls, box.message, box.update = controls, message, update
    return box
